"""The case window's status bar: whether the officer's annotations are saved, the busy indicator,
and, for auditors, saving the case's signed archive (BagIt zip) to a file: the download in the
background with its progress, and a way to cancel it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from reviewer_app.core.case_session import CaseSession
from reviewer_app.qt.context import ReviewerContext
from reviewer_app.qt.errors import describe_error
from reviewer_app.qt.i18n import Retranslating
from reviewer_app.qt.status import BusyIndicator
from reviewer_app.qt.workers import TaskHandle


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


class ArchiveExport(Retranslating, QWidget):
    """The export's label, progress bar and cancel button, side by side (hidden while idle)."""

    saved = Signal(str)  # the archive's path
    message = Signal(str, str)  # a sentence for the banner, and its level ("success", "error")

    def __init__(self, context: ReviewerContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(14)
        self.bar.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._handle: TaskHandle | None = None
        self._destination: Path | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))

    @property
    def busy(self) -> bool:
        return self._handle is not None

    def ask_path(self, suggested_name: str) -> str:
        """Where to save the archive (a file dialog; tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(self.window(), self.tr("Export archive"),
                                              str(Path.home() / suggested_name), self.tr("Zip archives (*.zip)"))
        return path

    def export(self, case_id: int, suggested_name: str) -> None:
        """Ask where, then download the case's archive there (unless an export is under way)."""
        if not self.busy and (target := self.ask_path(suggested_name)):
            self.start(case_id, Path(target))

    def start(self, case_id: int, destination: Path) -> None:
        if self._handle is not None:
            return
        api = self.context.api
        path = api.archive_path(case_id)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.show()
        self.label.setText(self.tr("Exporting archive…"))

        def work(reporter):
            return api.download(path, destination, on_progress=reporter.report, cancelled=lambda: reporter.cancelled)

        self._destination = destination
        self._handle = self.context.call_reporting(work, self._on_progress, self._on_done, self._on_failed,
                                                   receiver=self, name="archive")

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._end()
            self.label.setText(self.tr("Export cancelled"))

    def _on_progress(self, progress) -> None:
        received = f"{_megabytes(progress.done)} MB"
        if progress.total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(1000 * progress.done / progress.total))
            self.label.setText(self.tr("Exporting archive… %1 of %2").replace("%1", received).replace(
                "%2", f"{_megabytes(progress.total)} MB"))
        else:
            self.label.setText(self.tr("Exporting archive… %1").replace("%1", received))

    def _end(self) -> None:
        self._handle = None
        self.bar.hide()
        self.cancel_button.hide()

    def _on_done(self, progress) -> None:
        self._end()
        path = str(self._destination)
        self.label.setText("")
        self.message.emit(self.tr("Archive saved: %1 (%2 MB)").replace("%1", path).replace(
            "%2", _megabytes(progress.done)), "success")
        self.saved.emit(path)

    def _on_failed(self, exc: BaseException) -> None:
        self._end()
        self.label.setText("")
        self.message.emit(self.tr("The archive could not be exported: %1").replace(
            "%1", describe_error(exc, server_url=self.context.session.server_url)), "error")


class CaseStatusBar(QStatusBar):
    def __init__(self, context: ReviewerContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.save_label = QLabel(self)
        self.archive_export = ArchiveExport(context, self)
        self.busy = BusyIndicator(context.runner, self)
        self.addWidget(self.save_label, 1)
        self.addPermanentWidget(self.archive_export)
        self.addPermanentWidget(self.busy)

    def show_saving(self, session: CaseSession | None) -> None:
        """Whether the annotations are saved (nothing without an item on screen: None)."""
        if session is None:
            text = ""
        elif session.saving:
            text = self.tr("Saving annotations…")
        elif session.has_unsaved() and session.save_errors:
            error = next(iter(session.save_errors.values()))
            text = self.tr("Annotations not saved yet: %1").replace(
                "%1", describe_error(error, server_url=self.context.session.server_url))
        elif session.has_unsaved():
            text = self.tr("Unsaved annotations")
        else:
            text = self.tr("All annotations saved") if session.documents else ""
        self.save_label.setText(text)
