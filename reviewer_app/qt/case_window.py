"""The case window: checklist, gallery, the evidence viewer, and the panels around it (details and
checks, location, comments, opinion, the live survey's booking, history). Auditors get it
read-only, with "Export archive…".

The window wires: the case's state and what is done with the server are a CaseSession
(reviewer_app.core.case_session), whose calls go through the login's ReviewerContext and whose
news comes back here (the window is its CaseListener); the pictures are a PhotoLoader's. What is
left here is showing: which widget says what, and the officer's keys and clicks.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from reviewer_app.core.annotations import AnnotationDocument
from reviewer_app.core.api import ApiError, ServerUnreachable
from reviewer_app.core.case_session import CaseSession, Display, Part
from reviewer_app.core.saving import SaveOutcome
from reviewer_app.core.state import GalleryEntry
from reviewer_app.qt.case_actions import CaseActions
from reviewer_app.qt.case_header import CaseHeader, EvidenceCaption
from reviewer_app.qt.case_models import EVIDENCE_ID_ROLE, ChecklistModel, GalleryModel
from reviewer_app.qt.case_panels import ChecklistView, CommentsPanel, DetailsPanel, HistoryPanel, OpinionPanel
from reviewer_app.qt.case_status_bar import CaseStatusBar
from reviewer_app.qt.context import ReviewerContext
from reviewer_app.qt.errors import describe_error, is_session_expired, unreachable_text
from reviewer_app.qt.evidence_display import EvidenceDisplay
from reviewer_app.qt.gallery import GalleryView
from reviewer_app.qt.i18n import Retranslating
from reviewer_app.qt.live_panel import LivePanel
from reviewer_app.qt.location_panel import LocationPanel
from reviewer_app.qt.photo_loader import PhotoLoader
from reviewer_app.qt.status import MessageBanner
from reviewer_app.qt.timers import single_shot, ticker
from reviewer_app.qt.viewer import EvidenceViewer
from shared.enums import Role
from shared.live import LiveCancelIn, LiveOfferIn, LiveRescheduleIn, LiveSessionOut
from shared.models import OpinionIn, OpinionOut, OpinionUpdate

AUTOSAVE_MS = 800
VIEW_TICK_MS = 15_000
RELOAD_DEBOUNCE_MS = 300
SAVE_REFUSALS = (403, 404, 409, 412)  # the server will refuse the save again: say so at once


class CaseWindow(Retranslating, QMainWindow):
    closed = Signal(int)  # case id
    evidenceShown = Signal(int)  # the viewer shows this item (photo preview or video)
    fullImageShown = Signal(int)  # the original photo replaced the preview
    loaded = Signal()  # case, evidence and review state have all arrived at least once
    signed = Signal(object)  # OpinionOut
    annotationsSaved = Signal(int)  # evidence id: the server holds what the officer drew
    archiveSaved = Signal(str)  # path

    def __init__(self, context: ReviewerContext, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.user = context.session.user
        self.session = CaseSession(case_id, context.api, self.user, run=self._run, login=context, listener=self)
        self.state = self.session.state
        self.photos = PhotoLoader(context.api, context.runner, context.thumbnail_cache, self)
        self.session.reload()  # the requests travel while the window is being built; answers come after
        self._build()
        self._connect()
        self.retranslate()
        self.resize(1440, 900)

    def _run(self, work, on_done, on_error=None, *, name: str, priority: int = 0):
        # Once the window is closing, the answers go to the context: the last saves still land.
        receiver = self.context if self.session.closed else self
        return self.context.call(work, on_done, on_error, receiver=receiver, name=name, priority=priority)

    # ----- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = MessageBanner(self)
        self.header = CaseHeader(self)
        self.checklist_model = ChecklistModel(self)
        self.checklist_view = ChecklistView(self.checklist_model, self)
        self.gallery_model = GalleryModel(self)
        self.gallery = GalleryView(self)
        self.gallery.setModel(self.gallery_model)
        self.viewer = EvidenceViewer(self)
        self.display = EvidenceDisplay(self.session, self.viewer, self.photos, self.context, self)
        self.caption = EvidenceCaption(self)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.viewer, 1)
        centre_layout.addWidget(self.caption)

        self.details = DetailsPanel(self)
        self.location = LocationPanel(self)
        self.comments = CommentsPanel(self)
        self.opinion = OpinionPanel(self)
        self.live = LivePanel(self)
        self.history = HistoryPanel(self)
        self.tabs = QTabWidget(self)
        for widget in (self.details, self.location, self.comments, self.opinion, self.live, self.history):
            self.tabs.addTab(widget, "")

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.checklist_view)
        left.addWidget(self.gallery)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for index, (widget, stretch) in enumerate(((left, 0), (centre, 1), (self.tabs, 0))):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setSizes([360, 700, 380])
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(body)
        self.case_actions = CaseActions(self, self.user)
        self.toolbar = self.case_actions.make_toolbar(self)
        self.addToolBar(self.toolbar)
        # The annotation and zoom shortcuts work anywhere in the window (text boxes keep their keys).
        annotator = self.viewer.annotator
        for action in (*self.case_actions.shortcuts(), *annotator.toolbar.editing_actions(),
                       *annotator.view.view_actions()):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)

        self.status_bar = CaseStatusBar(self.context, self)
        self.archive_export = self.status_bar.archive_export
        self.setStatusBar(self.status_bar)

        self._autosave = single_shot(self, AUTOSAVE_MS, self.save_current)
        self._view_timer = ticker(self, VIEW_TICK_MS, self.session.tick)
        self._reload_timer = single_shot(self, RELOAD_DEBOUNCE_MS, self.session.reload_pending)

    def _connect(self) -> None:
        actions = self.case_actions
        actions.previous.triggered.connect(lambda: self.step(-1))
        actions.next.triggered.connect(lambda: self.step(1))
        actions.save.triggered.connect(self.save_all)
        actions.claim.triggered.connect(self.session.claim)
        actions.refresh.triggered.connect(self.session.reload)
        actions.sign.triggered.connect(self.sign_from_keyboard)
        actions.export.triggered.connect(self.export_archive)
        actions.close.triggered.connect(self.close)
        self.display.shown.connect(self.evidenceShown)
        self.display.shown.connect(self._update_save_label)
        self.display.originalShown.connect(self.fullImageShown)
        self.photos.thumbnailLoaded.connect(self._on_thumbnail)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.gallery.selectionModel().currentChanged.connect(self._on_gallery_current)
        self.checklist_view.clicked.connect(self._on_checklist_clicked)
        self.checklist_view.activated.connect(self._on_checklist_clicked)
        self.location.pointClicked.connect(lambda key: self.select_evidence(int(key)))
        self.viewer.scene.documentChanged.connect(self._on_annotations_edited)  # dirtyChanged comes with it
        self.viewer.videoError.connect(self._on_video_error)
        self.comments.postRequested.connect(self.session.post_comment)
        self.opinion.signRequested.connect(self.sign)
        self.opinion.changeRequested.connect(self.change_opinion)
        self.opinion.evidenceLinkActivated.connect(self.select_evidence)
        self.opinion.claimRequested.connect(self.session.claim)
        self.live.offerRequested.connect(self.offer_live)
        self.live.rescheduleRequested.connect(self.reschedule_live)
        self.live.cancelRequested.connect(self.cancel_live)
        self.banner.actionTriggered.connect(self._on_banner_action)
        self.archive_export.message.connect(lambda text, level: self.banner.show_message(text, level, key="archive"))
        self.archive_export.saved.connect(self.archiveSaved)
        self.context.reachableChanged.connect(self._on_reachable)
        self.context.serverEvent.connect(self.on_server_event)
        self.context.sessionExpired.connect(self._on_session_expired)
        self.context.viewsRecorded.connect(self._on_views_recorded)

    # ----- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.case_actions.retranslate()
        for i, title in enumerate((self.tr("Details"), self.tr("Location"), self.tr("Comments"),
                                   self.tr("Opinion"), self.tr("Live survey"), self.tr("History"))):
            self.tabs.setTabText(i, title)
        self.checklist_model.retranslate()
        self.gallery_model.retranslate()
        self._update_case()
        if not self.context.reachable:
            self._on_reachable(False)

    def _update_case(self) -> None:
        case = self.state.case
        name = f"{case.reference} · {case.title}" if case else self.tr("Case %1").replace("%1", str(self.case_id))
        app_name = self.tr("Takan reviewer")
        self.setWindowTitle(f"{name} — {app_name}")
        self.header.show_case(self.state, auditor=self.context.session.is_auditor)
        self._update_caption()
        self._update_permissions()
        self._update_location()

    def _update_caption(self) -> None:
        entry = self._entry(self.current_evidence_id())
        self.caption.show_entry(entry, self.gallery_model.label(entry) if entry else "", self.state)
        self.status_bar.show_saving(self.session if entry is not None else None)

    def _update_save_label(self) -> None:
        self.status_bar.show_saving(self.session)

    def _update_permissions(self) -> None:
        user, state = self.user, self.state
        auditor = self.context.session.is_auditor or (user is not None and user.role is Role.auditor)
        self.viewer.set_read_only(not state.can_annotate(user))
        self.case_actions.claim.setEnabled(state.can_claim(user))
        self.opinion.follow_case(state, user, auditor=auditor)
        self.comments.follow_case(auditor=auditor)
        self.live.set_can_arrange(state.can_arrange_live(user))

    def _update_location(self) -> None:
        self.location.fill_when_shown(self._fill_location)

    def _fill_location(self) -> None:
        case = self.state.case
        if case is None:
            self.location.clear()
            return
        self.location.set_site(case.site.lat, case.site.lon, case.geofence_radius_m or case.site.radius_m or 300,
                               case.site.name)
        self.location.set_points(self.state.evidence_points(self.gallery_model.label))
        current = self.current_evidence_id()
        self.location.set_highlighted(str(current) if current is not None else None)

    def _on_tab_changed(self, _index: int) -> None:
        self.session.watch(Part.history, self.tabs.currentWidget() is self.history)
        self.session.watch(Part.live, self.tabs.currentWidget() is self.live)

    # ----- the parts of the case (CaseListener) -----------------------------------------------

    def part_loaded(self, part: Part) -> None:
        if part is Part.case:
            self.checklist_model.set_state(self.state)
            self.checklist_view.fit_rows()
            self.opinion.set_requirements(list(self.state.case.checklist))
            if self.state.evidence:
                self._refill_gallery()
                self._select_first()
        elif part is Part.evidence:
            self._refill_gallery()
            self.gallery.doItemsLayout()  # now, not on a timer behind the thumbnails' deliveries
            self.checklist_model.set_state(self.state)
            self.photos.load_thumbnails(e.evidence for e in self.gallery_model.entries()
                                        if not self.gallery_model.has_thumbnail(e.evidence.sha256))
            entry = self._entry(self.current_evidence_id())
            if entry is not None:
                self.details.show_evidence(entry.evidence, entry, self.state)
            self._select_first()
        elif part is Part.review:
            review = self.state.review
            self.gallery_model.retranslate()  # viewed marks
            self.opinion.set_round(self.state.round_opinions(), self.state.my_opinion(self.user),
                                   review.required_signoffs)
            self.opinion.set_earlier(self.state.opinions, review.round)
        elif part is Part.comments:
            self.comments.set_comments(self.state.comments)
        elif part is Part.live:
            self.live.show_sessions(self.state.live, can_arrange=self.state.can_arrange_live(self.user))
        else:
            self.history.history.set_events(self.state.history)
        self._update_case()
        if not self.session.failed_parts and self.banner.key in ("load", "session"):
            self.banner.clear()

    def case_ready(self) -> None:
        self.loaded.emit()

    def part_failed(self, part: Part, error: BaseException) -> None:
        if isinstance(error, ServerUnreachable) or is_session_expired(error):
            return  # another banner says it; everything reloads when the server (or the login) is back
        if isinstance(error, ApiError) and error.status == 404 and part is Part.case:
            self.banner.show_message(self.tr("This case does not exist (any more)."), "error", key="load")
            return
        self.banner.show_message(describe_error(error, server_url=self.context.session.server_url), "error",
                                 action=self.tr("Retry"), key="load")

    def _refill_gallery(self) -> None:
        self.gallery_model.set_state(self.state)
        current = self.current_evidence_id()
        row = self.gallery_model.row_of(current) if current is not None else None
        if row is not None:
            self.gallery.select_quietly(row)

    def _select_first(self) -> None:
        """Once the case and its evidence are both there (the order comes from the checklist)."""
        session = self.session
        if session.display is not None or self.state.case is None or Part.evidence not in session.loaded_parts:
            return
        if self.gallery_model.rowCount() > 0:
            self.select_evidence(self.gallery_model.entry(0).id)
        else:
            self.viewer.show_message(self.tr("No evidence has been uploaded for this case."))

    # ----- server events and reachability ------------------------------------------------------

    def on_server_event(self, event) -> None:
        """Reload what an event about this case says changed (debounced)."""
        if self.session.note_event(event.kind, event.case_id):
            self._reload_timer.start()

    def _on_reachable(self, reachable: bool) -> None:
        if self.session.closed:
            return
        if not reachable:
            self.banner.show_message(unreachable_text(self.context.session.server_url), "warning",
                                     action=self.tr("Retry now"), key="unreachable", closable=False)
            return
        self.banner.clear("unreachable")
        self.session.retry_failed()
        self.save_all()
        display = self.session.display
        if display is not None and display.failed:
            self._show(display.evidence_id)

    def _on_session_expired(self) -> None:
        if not self.session.closed:
            self.banner.show_message(self.tr("Your login has expired: log in again from the queue window."),
                                     "error", key="session")

    def _on_banner_action(self) -> None:
        if self.banner.key == "unreachable":
            self.context.probe()
        elif self.banner.key == "load" and self.session.failed_parts:
            self.session.retry_failed()
        elif self.banner.key == "load":
            self.session.reload()

    def _on_video_error(self, message: str) -> None:
        if not self.context.reachable:
            message = unreachable_text(self.context.session.server_url)
        self.banner.show_message(message, "error", key="video")

    def _on_views_recorded(self, evidence_ids: list[int]) -> None:
        mine = self.session.views_recorded(evidence_ids)
        for evidence_id in mine:
            self.gallery_model.viewed_changed(evidence_id)
        if mine:
            self._update_caption()

    # ----- selecting and showing evidence -----------------------------------------------------

    def _entry(self, evidence_id: int | None) -> GalleryEntry | None:
        row = self.gallery_model.row_of(evidence_id) if evidence_id is not None else None
        return self.gallery_model.entry(row) if row is not None else None

    def current_evidence_id(self) -> int | None:
        return self.session.current_evidence_id

    def select_evidence(self, evidence_id: int) -> None:
        """Select an item in the gallery (and so show it)."""
        self.gallery.select_evidence(evidence_id)

    def step(self, delta: int) -> None:
        target = self.state.neighbour(self.current_evidence_id(), delta)
        if target is not None and target != self.current_evidence_id():
            self.select_evidence(target)

    def _on_gallery_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        evidence_id = current.data(EVIDENCE_ID_ROLE) if current.isValid() else None
        if evidence_id is not None and evidence_id != self.current_evidence_id():
            self._show(evidence_id)

    def _on_checklist_clicked(self, index: QModelIndex) -> None:
        key = self.checklist_model.key_at(index.row())
        target = self.state.first_of_requirement(key) if key else None
        if target is not None:
            self.select_evidence(target)

    def _show(self, evidence_id: int) -> None:
        entry = self._entry(evidence_id)
        if entry is None:
            return
        if self.current_evidence_id() not in (None, evidence_id):
            self.viewer.scene.commit_text_edit()
        display = self.session.show(entry.evidence)
        self.details.show_evidence(entry.evidence, entry, self.state)
        self.location.set_highlighted(str(evidence_id))
        self.comments.set_current_evidence(evidence_id, self.gallery_model.label(entry))
        self._update_caption()
        self.display.begin(display)

    def _on_thumbnail(self, sha256: str, image: QImage) -> None:
        self.gallery_model.set_thumbnail(sha256, image)
        self.gallery.thumbnail_arrived()

    def annotations_arrived(self, display: Display) -> None:
        self.display.present()

    def annotations_failed(self, display: Display, error: BaseException) -> None:
        self.display.annotations_failed(display, error)

    def evidence_refreshed(self, evidence_id: int) -> None:
        self._refill_gallery()
        if self.current_evidence_id() == evidence_id:
            self.display.present()

    def evidence_refresh_failed(self, error: BaseException) -> None:
        self.display.video_refresh_failed(error)

    # ----- annotations ------------------------------------------------------------------------

    def _on_annotations_edited(self) -> None:
        if self.viewer.scene.document.dirty and self.session.can_annotate:
            self._autosave.start()
        self._update_save_label()

    def save_current(self) -> None:
        self.session.save_current()  # a text being typed stays open: this runs a moment after each edit

    def save_all(self) -> None:
        self.viewer.scene.commit_text_edit()
        self.session.save_all()

    def saving_changed(self) -> None:
        self._update_save_label()

    def annotations_saved(self, evidence_id: int, document: AnnotationDocument, outcome: SaveOutcome) -> None:
        if self.viewer.scene.document is document:
            self.viewer.scene.annotations_confirmed(sent.key for sent, _ in outcome.saved)
        error = outcome.error
        if isinstance(error, ApiError) and error.status in SAVE_REFUSALS:
            self.banner.show_message(describe_error(error, server_url=self.context.session.server_url), "error",
                                     key="save")
            if error.status == 412 and evidence_id == self.current_evidence_id():
                self._show(evidence_id)  # with the server's annotations
        elif error is None and self.banner.key == "save":
            self.banner.clear("save")
        if error is None and not document.dirty:
            self.annotationsSaved.emit(evidence_id)

    # ----- claiming, signing, commenting, the archive -----------------------------------------

    def claimed(self) -> None:
        self.banner.show_message(self.tr("You have taken this case up for review."), "success", key="claim")
        self._update_permissions()

    def sign_from_keyboard(self) -> None:
        self.tabs.setCurrentWidget(self.opinion)
        self.opinion.submit()

    def sign(self, opinion: OpinionIn) -> None:
        self.viewer.scene.commit_text_edit()
        self.opinion.set_busy(True)
        self.session.sign(opinion)

    def change_opinion(self, opinion_id: int, update: OpinionUpdate) -> None:
        self.opinion.set_busy(True)
        self.session.change_opinion(opinion_id, update)

    def opinion_signed(self, opinion: OpinionOut) -> None:
        self.opinion.set_busy(False)
        self.opinion.show_success(self.tr("Your opinion is signed."))
        self.signed.emit(opinion)

    def sign_failed(self, error: BaseException) -> None:
        self.opinion.set_busy(False)
        self.tabs.setCurrentWidget(self.opinion)
        self.opinion.show_refusal(error, self.gallery_model.label_of, server_url=self.context.session.server_url)
        self.gallery_model.retranslate()  # a refusal for unopened items took their viewed marks back

    def comment_posted(self) -> None:
        self.comments.posted()

    def action_failed(self, error: BaseException) -> None:
        if not isinstance(error, ServerUnreachable):  # else the reachability banner says it
            self.banner.show_message(describe_error(error, server_url=self.context.session.server_url), "error",
                                     key="action")

    # ----- the live survey's booking -----

    def offer_live(self, offer: LiveOfferIn) -> None:
        self.session.offer_live(offer)

    def reschedule_live(self, session_id: int, change: LiveRescheduleIn) -> None:
        self.session.reschedule_live(session_id, change)

    def cancel_live(self, session_id: int, cancel: LiveCancelIn) -> None:
        self.session.cancel_live(session_id, cancel)

    def live_changed(self, session: LiveSessionOut) -> None:
        self.live.done()

    def live_failed(self, error: BaseException) -> None:
        # The refusal names what is wrong (a Saturday, a holiday, outside working hours...).
        self.live.failed(describe_error(error, server_url=self.context.session.server_url))

    def export_archive(self) -> None:
        case = self.state.case
        self.archive_export.export(self.case_id, f"{case.reference if case else self.case_id}.zip")

    # ----- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Report the last view and save what is unsaved; those calls finish after the window."""
        if not self.session.closed:
            self.viewer.scene.commit_text_edit()
            self.session.close()
            self._view_timer.stop()
            self._reload_timer.stop()
            self.photos.cancel_all()
            self.archive_export.cancel()
            if self.viewer.has_video_panel():
                self.viewer.video_panel.clear()
            self.closed.emit(self.case_id)
        super().closeEvent(event)
