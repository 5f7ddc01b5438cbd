"""The actions of the case window: its toolbar buttons and keyboard shortcuts, named in the UI
language, shown to whom they are for (claiming and saving to officers, the archive to auditors)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar, QWidget

from shared.enums import Role
from shared.models import UserOut

Icon = QStyle.StandardPixmap


class CaseActions(QObject):
    def __init__(self, window: QWidget, user: UserOut | None):
        super().__init__(window)
        self._style = window.style()
        self.previous = self._action(Icon.SP_ArrowLeft, "K", Qt.Key.Key_PageUp)
        self.next = self._action(Icon.SP_ArrowRight, "J", Qt.Key.Key_PageDown)
        self.save = self._action(Icon.SP_DialogSaveButton, QKeySequence.StandardKey.Save)
        self.claim = self._action(Icon.SP_DialogApplyButton)
        self.refresh = self._action(Icon.SP_BrowserReload, QKeySequence.StandardKey.Refresh, "F5")
        self.sign = self._action(None, "Ctrl+Return", "Ctrl+Enter")
        self.export = self._action(Icon.SP_DriveFDIcon)
        self.close = self._action(None, QKeySequence.StandardKey.Close)
        reviewer = user is not None and user.role in (Role.officer, Role.admin)
        self.claim.setVisible(reviewer)
        self.save.setVisible(reviewer)
        self.export.setVisible(user is not None and user.role in (Role.auditor, Role.admin))
        self.retranslate()

    def _action(self, icon: QStyle.StandardPixmap | None, *shortcuts) -> QAction:
        action = QAction(self._style.standardIcon(icon), "", self) if icon is not None else QAction(self)
        action.setShortcuts([QKeySequence(shortcut) for shortcut in shortcuts])
        return action

    def make_toolbar(self, parent: QWidget) -> QToolBar:
        toolbar = QToolBar(parent)
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(18, 18))
        toolbar.addActions([self.previous, self.next, self.save, self.claim, self.refresh, self.export])
        return toolbar

    def shortcuts(self) -> list[QAction]:
        """The actions whose keys work anywhere in the window."""
        return [self.previous, self.next, self.save, self.refresh, self.sign, self.close]

    def retranslate(self) -> None:
        """The texts in the UI language (the window calls this on a language change)."""
        self.previous.setText(self.tr("Previous"))
        self.previous.setToolTip(self.tr("Previous evidence (K, Page Up)"))
        self.next.setText(self.tr("Next"))
        self.next.setToolTip(self.tr("Next evidence (J, Page Down)"))
        self.save.setText(self.tr("Save annotations"))
        self.save.setToolTip(self.tr("Annotations are saved automatically; Ctrl+S saves now"))
        self.claim.setText(self.tr("Claim"))
        self.claim.setToolTip(self.tr("Take this case up for review"))
        self.refresh.setText(self.tr("Refresh"))
        self.sign.setText(self.tr("Sign opinion"))
        self.export.setText(self.tr("Export archive…"))
        self.export.setToolTip(self.tr("Save the case's signed archive (BagIt zip)"))
