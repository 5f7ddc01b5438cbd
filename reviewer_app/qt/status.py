"""Small widgets that tell the officer what is going on: a message banner at the top of a window
(with an optional action such as "Retry now"), and the busy indicator of the status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QToolButton, QWidget

from reviewer_app.qt.timers import single_shot
from reviewer_app.qt.workers import TaskRunner

LEVEL_STYLES = {
    "error": "background:#fde8e8; color:#8a1c1c; border:1px solid #f0b4b4;",
    "warning": "background:#fff4d6; color:#7a5200; border:1px solid #f0d48a;",
    "info": "background:#e6f0fd; color:#1c3f8a; border:1px solid #b4c8f0;",
    "success": "background:#e5f6ea; color:#1c6b34; border:1px solid #a9dbb7;",
}


class MessageBanner(QFrame):
    """A one-line message across the top of a window; hidden when there is nothing to say."""

    actionTriggered = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.actionTriggered)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.close_button)
        self.level = ""
        self.key = ""
        self.hide()

    def show_message(self, text: str, level: str = "error", *, action: str = "", key: str = "",
                     closable: bool = True) -> None:
        """Show `text`; `action` names a button (its click emits actionTriggered); `key` names
        the message so that `clear(key)` removes only it."""
        self.level = level
        self.key = key
        self.label.setText(text)
        self.setStyleSheet(f"#messageBanner {{{LEVEL_STYLES.get(level, LEVEL_STYLES['info'])} border-radius:4px;}}"
                           "#messageBanner QLabel { border: none; background: transparent; }")
        self.button.setText(action)
        self.button.setVisible(bool(action))
        self.close_button.setVisible(closable)
        self.show()

    def clear(self, key: str | None = None) -> None:
        if key is not None and key != self.key:
            return
        self.level = ""
        self.key = ""
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisible() or self.level else ""


class BusyIndicator(QWidget):
    """"3 tasks running" with a moving bar while the TaskRunner has work; empty when idle.

    The count changes with every task started and finished (hundreds a second while thumbnails
    load): the label follows at most every UPDATE_MS, so the status bar is not laid out each time."""

    UPDATE_MS = 150

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setMaximumWidth(90)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self._count = 0
        self._shown: int | None = None
        self._timer = single_shot(self, self.UPDATE_MS, self._show_count)
        runner.activeCountChanged.connect(self.set_count)
        self.set_count(runner.active_count())
        self._show_count()

    def set_count(self, count: int) -> None:
        self._count = count
        if not self._timer.isActive():
            self._timer.start()

    def _show_count(self) -> None:
        count = self._count
        if count == self._shown:
            return
        self._shown = count
        busy = count > 0
        self.bar.setVisible(busy)
        self.label.setText(self.tr("%n task(s) running", "", count) if busy else "")

    def count(self) -> int:
        return self._count

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._shown = None
            self._show_count()
        super().changeEvent(event)
