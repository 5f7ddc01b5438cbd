"""Putting the item the case session shows (its Display) on the evidence viewer.

A photo goes on screen as soon as its annotations and a first picture are there: the preview, or
the original if it was decoded already. The original's fast decode then replaces the preview, its
accurate decode replaces that, and the neighbours' originals are decoded ahead of the officer. A
video goes on screen with its signed link, fetched again when it is about to expire.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, QUrl, Signal
from PySide6.QtGui import QImage

from reviewer_app.core.case_session import CaseSession, Display
from reviewer_app.qt.context import ReviewerContext
from reviewer_app.qt.errors import describe_error
from reviewer_app.qt.photo_loader import PhotoJob, PhotoLoader
from reviewer_app.qt.viewer import EvidenceViewer


class EvidenceDisplay(QObject):
    shown = Signal(int)  # evidence id: the viewer shows it (photo preview or video)
    originalShown = Signal(int)  # evidence id: its original photo replaced the preview

    def __init__(self, session: CaseSession, viewer: EvidenceViewer, photos: PhotoLoader, context: ReviewerContext,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.viewer = viewer
        self.photos = photos
        self.context = context
        photos.photoLoaded.connect(self._on_photo)
        photos.photoFailed.connect(self._on_photo_failed)

    def begin(self, display: Display) -> None:
        """The session has just started showing `display`: say what is coming, or show it."""
        if display.video:
            self.viewer.show_message(self.tr("Loading video…"))
        elif (original := self.photos.decoded_original(display.evidence_id)) is not None:
            display.picture, display.full = original, True
        else:
            self.viewer.show_message(self.tr("Loading photo…"))
            self.photos.load(display.evidence_id)
        self.present()

    def present(self) -> None:
        """Show the item once its annotations and (for a photo) a picture are there."""
        display = self.session.display
        evidence = self.session.state.evidence_by_id(display.evidence_id) if display is not None else None
        if evidence is None or not display.ready:
            return
        if display.video:
            url = self.session.video_url(evidence)
            if url is None:
                self.session.refresh_evidence(evidence.id)  # its signed link expired: present() again after
                return
            display.shown = True
            self.viewer.show_video(QUrl(url), display.document, frame_rate=evidence.metadata.frame_rate)
        else:
            display.shown = True
            logical = QSize(evidence.width, evidence.height) if evidence.width and evidence.height else None
            if logical is None and display.full:
                logical = display.picture.size()
            self.viewer.show_photo(display.picture, display.document, logical_size=logical)
        self.viewer.set_read_only(not self.session.can_annotate)
        self.shown.emit(evidence.id)
        if display.full:
            self._original_shown(evidence.id)

    def _original_shown(self, evidence_id: int) -> None:
        self.originalShown.emit(evidence_id)
        self.photos.decode_accurately(evidence_id)
        for neighbour in self.session.state.neighbouring_photos(evidence_id):
            self.photos.prefetch(neighbour)

    def _on_photo(self, job: PhotoJob, evidence_id: int, image: QImage) -> None:
        display = self.session.display
        if display is None or display.evidence_id != evidence_id:
            return
        if job is PhotoJob.accurate:
            if display.shown and self.viewer.mode == "photo":
                self.viewer.replace_image(image)
            else:
                display.picture = image
        elif job is PhotoJob.preview:
            if not display.full:  # else the original came first
                display.picture = image
                self.present()
        else:  # the original's fast decode, asked for, or prefetched while the item was a neighbour
            display.full = True
            self.photos.cancel_preview(evidence_id)
            if display.shown:
                self.viewer.replace_image(image)
                self._original_shown(evidence_id)
            else:
                display.picture = image
                self.present()

    def _on_photo_failed(self, evidence_id: int, message: str) -> None:
        display = self.session.display
        if display is not None and display.evidence_id == evidence_id and not display.shown:
            display.failed = True
            error = self.context.last_error
            self.viewer.show_message(self.tr("The photo could not be loaded.") + "\n" +
                                     (self._describe(error) if error else message))

    def annotations_failed(self, display: Display, error: BaseException) -> None:
        if not display.shown:
            self.viewer.show_message(self.tr("The annotations could not be loaded.") + "\n" + self._describe(error))

    def video_refresh_failed(self, error: BaseException) -> None:
        self.viewer.show_message(self.tr("The video could not be loaded.") + "\n" + self._describe(error))

    def _describe(self, error: BaseException) -> str:
        return describe_error(error, server_url=self.context.session.server_url)
