"""The case window: checklist, gallery, the evidence viewer, and the panels around it (details and
checks, location, comments, opinion, history).

What the window does with the server, all in the background through the ReviewerContext:
- loads the case, its evidence, the review state, comments and history, and reloads the part an
  event from the server says changed;
- loads thumbnails (disk cache, then the server's 256 px derivative) and, for the item selected,
  the 1280 px preview at once and the original after it (the two neighbours are decoded ahead);
- reports how long each item was open (on switching, on closing, every minute of a long look,
  and before signing), keeping reports the server could not take for later;
- saves annotations a moment after each edit, and before moving to another item or closing;
- signs, changes or claims, and shows the server's refusals plainly (the unopened items as links).
Auditors get the same window read-only, with "Export archive…".
"""

from __future__ import annotations

import html
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QImage, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStatusBar,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.annotations import AnnotationDocument
from reviewer_app.core.api import ApiError, ServerUnreachable
from reviewer_app.core.format import format_local_date
from reviewer_app.core.i18n import localized
from reviewer_app.core.saving import SaveOutcome, execute_plan
from reviewer_app.core.state import CaseState, GalleryEntry, is_video
from reviewer_app.core.views import ViewOutbox, ViewReport, ViewTracker, send_reports
from reviewer_app.qt.case_models import EVIDENCE_ID_ROLE, THUMB_W, ChecklistModel, GalleryModel, kind_name
from reviewer_app.qt.case_panels import CommentsPanel, DetailsPanel, HistoryPanel, OpinionPanel
from reviewer_app.qt.context import ReviewerContext
from reviewer_app.qt.errors import describe_error, is_session_expired, status_name, unreachable_text
from reviewer_app.qt.gallery import GalleryView
from reviewer_app.qt.i18n import current_language
from reviewer_app.qt.images import ImageLoader
from reviewer_app.qt.location_panel import LocationPanel
from reviewer_app.qt.status import BusyIndicator, MessageBanner
from reviewer_app.qt.timers import single_shot, ticker
from reviewer_app.qt.viewer import EvidenceViewer
from shared.discussion import CommentIn
from shared.enums import Role
from shared.models import EvidenceOut, OpinionIn, OpinionUpdate

AUTOSAVE_MS = 800
VIEW_TICK_MS = 15_000
RELOAD_DEBOUNCE_MS = 300
FULL_IMAGE_CACHE = 3  # decoded originals kept (the current one and its neighbours)
PRIORITY_PREVIEW, PRIORITY_FULL, PRIORITY_THUMBNAIL, PRIORITY_ACCURATE, PRIORITY_PREFETCH = 20, 15, 18, -3, -5
GALLERY_REPAINT_S = 0.05
CHECKLIST_MAX_PX = 280
THUMBNAIL_WORKERS = 4  # of the pool's threads; the others stay free for the photo on screen
ORIGINALS_KEPT = 3  # downloaded originals kept in memory (the fast and the accurate decode share one)


class CaseWindow(QMainWindow):
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
        self.api = context.api
        self.case_id = case_id
        self.state = CaseState(case_id)
        self.user = context.session.user
        self.loader = ImageLoader(context.runner, context.thumbnail_cache, self)
        self.loader.imageLoaded.connect(self._on_image_loaded)
        self.loader.imageFailed.connect(self._on_image_failed)
        self.tracker = ViewTracker()
        self.documents: dict[int, AnnotationDocument] = {}
        self._saving: set[int] = set()
        self._save_again: set[int] = set()
        self._save_errors: dict[int, BaseException] = {}
        self._full_images: OrderedDict[int, QImage] = OrderedDict()
        self._accurate: set[int] = set()  # the decoded originals above that had the accurate decode
        self._originals: OrderedDict[int, bytes] = OrderedDict()
        self._originals_lock = threading.Lock()
        self._current: int | None = None
        self._display: dict = {}
        self._loaded_parts: set[str] = set()
        self._failed_parts: set[str] = set()
        self._pending_reload: set[str] = set()
        self._closing = False
        self._export_handle = None
        self._thumbnail_requested: set[str] = set()
        self._gallery_painted = 0.0
        self._stale_parts: set[str] = set()
        self._location_stale = True

        self.reload()  # the requests travel while the window is being built; answers come after
        self._build()
        self._connect()
        self.retranslate()
        self.resize(1440, 900)

    # ----- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = MessageBanner(self)
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.checklist_model = ChecklistModel(self)
        self.checklist_view = QTableView(self)
        self.checklist_view.setModel(self.checklist_model)
        self.checklist_view.verticalHeader().hide()
        self.checklist_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklist_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.checklist_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.gallery_model = GalleryModel(self)
        self.gallery = GalleryView(self)
        self.gallery.setModel(self.gallery_model)

        self.viewer = EvidenceViewer(self)
        self.caption = QLabel(self)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.viewer, 1)
        centre_layout.addWidget(self.caption)

        self.details = DetailsPanel(self)
        self.location = LocationPanel(self)
        self.comments = CommentsPanel(self)
        self.opinion = OpinionPanel(self)
        self.history = HistoryPanel(self)
        self.tabs = QTabWidget(self)
        for widget in (self.details, self.location, self.comments, self.opinion, self.history):
            self.tabs.addTab(widget, "")
        self.tabs.currentChanged.connect(self._on_tab_changed)

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.checklist_view)
        left.addWidget(self.gallery)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([360, 700, 380])

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(body)

        self.toolbar = QToolBar(self)
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(QSize(18, 18))
        self.addToolBar(self.toolbar)
        style = self.style()
        self.previous_action = QAction(style.standardIcon(style.StandardPixmap.SP_ArrowLeft), "", self)
        self.previous_action.setShortcuts([QKeySequence("K"), QKeySequence(Qt.Key.Key_PageUp)])
        self.previous_action.triggered.connect(lambda: self.step(-1))
        self.next_action = QAction(style.standardIcon(style.StandardPixmap.SP_ArrowRight), "", self)
        self.next_action.setShortcuts([QKeySequence("J"), QKeySequence(Qt.Key.Key_PageDown)])
        self.next_action.triggered.connect(lambda: self.step(1))
        self.save_action = QAction(style.standardIcon(style.StandardPixmap.SP_DialogSaveButton), "", self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save_all)
        self.claim_action = QAction(style.standardIcon(style.StandardPixmap.SP_DialogApplyButton), "", self)
        self.claim_action.triggered.connect(self.claim)
        self.refresh_action = QAction(style.standardIcon(style.StandardPixmap.SP_BrowserReload), "", self)
        self.refresh_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Refresh), QKeySequence("F5")])
        self.refresh_action.triggered.connect(self.reload)
        self.sign_action = QAction(self)
        self.sign_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.sign_action.triggered.connect(self.sign_from_keyboard)
        self.export_action = QAction(style.standardIcon(style.StandardPixmap.SP_DriveFDIcon), "", self)
        self.export_action.triggered.connect(self.export_archive)
        self.close_action = QAction(self)
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        self.close_action.triggered.connect(self.close)
        for action in (self.previous_action, self.next_action, self.save_action, self.claim_action,
                       self.refresh_action, self.export_action):
            self.toolbar.addAction(action)
        for action in (self.previous_action, self.next_action, self.save_action, self.refresh_action,
                       self.sign_action, self.close_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        # The annotation and zoom shortcuts work anywhere in the window (text boxes keep their keys).
        toolbar = self.viewer.annotator.toolbar
        for action in [*toolbar.editing_actions(), *self.viewer.annotator.view.view_actions()]:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        reviewer = self.user is not None and self.user.role in (Role.officer, Role.admin)
        auditor = self.user is not None and self.user.role in (Role.auditor, Role.admin)
        self.claim_action.setVisible(reviewer)
        self.export_action.setVisible(auditor)
        self.save_action.setVisible(reviewer)

        status = QStatusBar(self)
        self.setStatusBar(status)
        self.save_label = QLabel(self)
        self.export_bar = QProgressBar(self)
        self.export_bar.setMaximumWidth(160)
        self.export_bar.setMaximumHeight(14)
        self.export_bar.hide()
        self.export_label = QLabel(self)
        self.export_cancel = QPushButton(self)
        self.export_cancel.hide()
        self.export_cancel.clicked.connect(self.cancel_export)
        self.busy = BusyIndicator(self.context.runner, self)
        status.addWidget(self.save_label, 1)
        status.addPermanentWidget(self.export_label)
        status.addPermanentWidget(self.export_bar)
        status.addPermanentWidget(self.export_cancel)
        status.addPermanentWidget(self.busy)

        self._autosave = single_shot(self, AUTOSAVE_MS, self.save_current)
        self._view_timer = ticker(self, VIEW_TICK_MS, self._on_view_tick)
        self._reload_timer = single_shot(self, RELOAD_DEBOUNCE_MS, self._reload_pending)

    def _connect(self) -> None:
        self.gallery.selectionModel().currentChanged.connect(self._on_gallery_current)
        self.checklist_view.clicked.connect(self._on_checklist_clicked)
        self.checklist_view.activated.connect(self._on_checklist_clicked)
        self.location.pointClicked.connect(lambda key: self.select_evidence(int(key)))
        self.viewer.scene.dirtyChanged.connect(self._on_dirty)
        self.viewer.scene.documentChanged.connect(self._on_document_changed)
        self.viewer.videoError.connect(self._on_video_error)
        self.comments.postRequested.connect(self.post_comment)
        self.opinion.signRequested.connect(self.sign)
        self.opinion.changeRequested.connect(self.change_opinion)
        self.opinion.evidenceLinkActivated.connect(self.select_evidence)
        self.opinion.claimRequested.connect(self.claim)
        self.banner.actionTriggered.connect(self._on_banner_action)
        self.context.reachableChanged.connect(self._on_reachable)
        self.context.serverEvent.connect(self.on_server_event)
        self.context.sessionExpired.connect(self._on_session_expired)
        self.context.viewsRecorded.connect(self._on_views_recorded)

    # ----- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.previous_action.setText(self.tr("Previous"))
        self.previous_action.setToolTip(self.tr("Previous evidence (K, Page Up)"))
        self.next_action.setText(self.tr("Next"))
        self.next_action.setToolTip(self.tr("Next evidence (J, Page Down)"))
        self.save_action.setText(self.tr("Save annotations"))
        self.save_action.setToolTip(self.tr("Annotations are saved automatically; Ctrl+S saves now"))
        self.claim_action.setText(self.tr("Claim"))
        self.claim_action.setToolTip(self.tr("Take this case up for review"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.sign_action.setText(self.tr("Sign opinion"))
        self.export_action.setText(self.tr("Export archive…"))
        self.export_action.setToolTip(self.tr("Save the case's signed archive (BagIt zip)"))
        self.export_cancel.setText(self.tr("Cancel"))
        for i, title in enumerate((self.tr("Details"), self.tr("Location"), self.tr("Comments"),
                                   self.tr("Opinion"), self.tr("History"))):
            self.tabs.setTabText(i, title)
        self.checklist_model.retranslate()
        self.gallery_model.retranslate()
        self._update_title()
        self._update_header()
        self._update_caption()
        self._update_permissions()
        self._update_location()
        if not self.context.reachable:
            self._on_reachable(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_title(self) -> None:
        case = self.state.case
        name = f"{case.reference} · {case.title}" if case else self.tr("Case %1").replace("%1", str(self.case_id))
        app_name = self.tr("Takan reviewer")
        self.setWindowTitle(f"{name} — {app_name}")

    def _update_header(self) -> None:
        case = self.state.case
        if case is None:
            self.header.setText(html.escape(self.tr("Loading case…")))
            return
        language = current_language()
        status = self.state.status()
        chip = html.escape(status_name(status.value)) if status else ""
        parts = [f"<b style='font-size:15px'>{html.escape(case.reference)}</b> "
                 f"<span style='font-size:15px'>{html.escape(case.title)}</span>",
                 f"<span style='background:#dbe7fb;color:#1c3f8a'>&nbsp;{chip}&nbsp;</span>" if chip else ""]
        line2 = [localized(case.item_type, "name", language),
                 self.tr("Applicant: %1").replace("%1", case.applicant.display_name),
                 self.tr("Site: %1").replace("%1", case.site.name)]
        if case.due_date:
            line2.append(self.tr("Due %1").replace("%1", format_local_date(case.due_date, language)))
        if case.round:
            line2.append(self.tr("Round %1").replace("%1", str(case.round + 1)))  # review rounds count from 1
        line2.append(self.tr("Challenge code %1").replace("%1", case.challenge_code))
        review = self.state.review
        if review is not None:
            officers = ", ".join(p.display_name for p in review.assignees) or self.tr("none yet")
            line2.append(self.tr("Officers: %1").replace("%1", officers))
            line2.append(self.tr("Signed %1 of %2").replace("%1", str(len(review.opinions)))
                         .replace("%2", str(review.required_signoffs)))
            if review.disputed:
                differ = self.tr("Opinions differ")
                line2.append(f"<b style='color:#b3261e'>{html.escape(differ)}</b>")
        if self.context.session.is_auditor:
            read_only = self.tr("Read-only (auditor)")
            line2.append(f"<i>{html.escape(read_only)}</i>")
        rest = " · ".join(p if p.startswith("<") else html.escape(p) for p in line2)
        self.header.setText(" ".join(p for p in parts if p) + "<br>" + rest)

    def _update_caption(self) -> None:
        entry = self._entry(self._current) if self._current is not None else None
        if entry is None:
            self.caption.setText("")
            self.save_label.setText("")
            return
        e = entry.evidence
        text = [html.escape(self.gallery_model.label(entry)), f"#{e.id}", html.escape(kind_name(e.kind))]
        if e.id in self.state.viewed:
            text.append(html.escape(self.tr("opened")))
        position = self.state.evidence_ids().index(e.id) + 1 if e.id in self.state.evidence_ids() else 0
        text.append(self.tr("%1 of %2").replace("%1", str(position)).replace("%2", str(len(self.state.evidence))))
        self.caption.setText(" · ".join(text))
        self._update_save_label()

    def _update_save_label(self) -> None:
        dirty = [eid for eid, doc in self.documents.items() if doc.dirty]
        if self._saving:
            text = self.tr("Saving annotations…")
        elif dirty and self._save_errors:
            text = self.tr("Annotations not saved yet: %1").replace(
                "%1", describe_error(next(iter(self._save_errors.values())),
                                     server_url=self.context.session.server_url))
        elif dirty:
            text = self.tr("Unsaved annotations")
        elif self.documents:
            text = self.tr("All annotations saved")
        else:
            text = ""
        self.save_label.setText(text)

    def _update_permissions(self) -> None:
        user = self.user
        state = self.state
        can_annotate = state.can_annotate(user)
        self.viewer.set_read_only(not can_annotate)
        self.claim_action.setEnabled(state.can_claim(user))
        if self.context.session.is_auditor or (user is not None and user.role is Role.auditor):
            self.opinion.set_editable(False, self.tr("Auditors read the case; they do not sign."))
            self.comments.set_can_post(False, self.tr("Auditors read the comments; they do not write."))
        elif state.status() is not None and not state.can_sign(user):
            self.opinion.set_editable(False, self.tr("The case is %1: there is nothing to sign.").replace(
                "%1", status_name(state.status().value)))
            self.comments.set_can_post(True)
        else:
            self.opinion.set_editable(state.case is not None)
            self.comments.set_can_post(True)

    # ----- loading ----------------------------------------------------------------------------

    PARTS = ("case", "evidence", "review", "comments", "history")
    # Loaded (and drawn) only while their tab is shown: hundreds of audit events and evidence
    # points are no use before the officer looks at them, and would slow the first thumbnails.
    LAZY_PARTS = frozenset({"history"})

    def reload(self) -> None:
        """Load every part of the case again (the history when its tab is shown)."""
        for part in self.PARTS:
            if part in self.LAZY_PARTS and not self._tab_shown(part):
                self._stale_parts.add(part)
                continue
            self._load(part)

    def _tab_shown(self, part: str) -> bool:
        tabs = getattr(self, "tabs", None)
        widget = {"history": getattr(self, "history", None), "location": getattr(self, "location", None)}.get(part)
        return tabs is not None and widget is not None and tabs.currentWidget() is widget

    def _on_tab_changed(self, _index: int) -> None:
        # My own actions (views, drawings) come as no event: read the history when it is shown.
        if self._tab_shown("history"):
            self._stale_parts.discard("history")
            self._load("history")
        if self._tab_shown("location") and self._location_stale:
            self._update_location()

    def _load(self, part: str) -> None:
        api, case_id = self.api, self.case_id
        calls = {
            "case": (lambda: api.case(case_id), self._on_case),
            "evidence": (lambda: api.evidence(case_id), self._on_evidence),
            "review": (lambda: (api.review_state(case_id), api.opinions(case_id)), self._on_review),
            "comments": (lambda: api.comments(case_id), self._on_comments),
            "history": (lambda: api.history(case_id), self._on_history),
        }
        fn, done = calls[part]
        self.context.call(fn, lambda value: self._part_done(part, done, value),
                          lambda exc: self._part_failed(part, exc), receiver=self, name=f"case {part}",
                          priority=PRIORITY_PREVIEW if part == "evidence" else PRIORITY_FULL)

    def _part_done(self, part: str, handler, value) -> None:
        self._failed_parts.discard(part)
        first = part not in self._loaded_parts
        self._loaded_parts.add(part)
        handler(value)
        if first and {"case", "evidence", "review"} <= self._loaded_parts:
            self.loaded.emit()
        if not self._failed_parts and self.banner.key in ("load", "session"):
            self.banner.clear()

    def _part_failed(self, part: str, exc: BaseException) -> None:
        self._failed_parts.add(part)
        if isinstance(exc, ServerUnreachable) or is_session_expired(exc):
            return  # another banner says it; everything reloads when the server (or the login) is back
        if isinstance(exc, ApiError) and exc.status == 404 and part == "case":
            self.banner.show_message(self.tr("This case does not exist (any more)."), "error", key="load")
            return
        self.banner.show_message(describe_error(exc, server_url=self.context.session.server_url), "error",
                                 action=self.tr("Retry"), key="load")

    def _fit_checklist(self) -> None:
        """The checklist as tall as its rows (a long checklist scrolls beyond CHECKLIST_MAX_PX);
        the gallery gets the rest of the column."""
        view = self.checklist_view
        header = view.horizontalHeader().sizeHint().height()
        rows = self.checklist_model.rowCount()
        height = header + 2 * view.frameWidth() + 4 + rows * view.verticalHeader().defaultSectionSize()
        height = min(height, CHECKLIST_MAX_PX)
        view.setMinimumHeight(min(height, 120))
        view.setMaximumHeight(height)

    def _on_case(self, case) -> None:
        self.state.case = case
        self.checklist_model.set_state(self.state)
        self._fit_checklist()
        self.opinion.set_requirements(list(case.checklist))
        if self.state.evidence:
            self.gallery_model.set_state(self.state)
            self._restore_gallery_selection()
            self._select_first()
        self._update_title()
        self._update_header()
        self._update_permissions()
        self._update_location()

    def _on_evidence(self, evidence_list) -> None:
        self.state.evidence = list(evidence_list.items)
        self.state.coverage = list(evidence_list.coverage)
        self.gallery_model.set_state(self.state)
        self.gallery.doItemsLayout()  # now, not on a timer behind the thumbnails' deliveries
        self.checklist_model.set_state(self.state)
        self._request_thumbnails()
        self._update_location()
        if self._current is not None and self.state.evidence_by_id(self._current) is not None:
            self._restore_gallery_selection()
            entry = self._entry(self._current)
            self.details.show_evidence(entry.evidence, entry, self.state)
        else:
            self._select_first()

    def _select_first(self) -> None:
        """Once the case and its evidence are both there (the order comes from the checklist)."""
        if self._current is not None or self.state.case is None or "evidence" not in self._loaded_parts:
            return
        if self.gallery_model.rowCount() > 0:
            self.select_evidence(self.gallery_model.entry(0).id)
        else:
            self.viewer.show_message(self.tr("No evidence has been uploaded for this case."))

    def _on_review(self, value) -> None:
        review, opinions = value
        self.state.apply_review(review)
        self.state.opinions = list(opinions.items)
        self.gallery_model.retranslate()  # viewed marks
        self.opinion.set_round(self.state.round_opinions(), self.state.my_opinion(self.user),
                               review.required_signoffs)
        self.opinion.set_earlier(self.state.opinions, review.round)
        self._update_header()
        self._update_permissions()
        self._update_caption()

    def _on_comments(self, comments) -> None:
        self.state.comments = list(comments.items)
        self.comments.set_comments(self.state.comments)

    def _on_history(self, history) -> None:
        self.state.history = list(history.items)
        self.history.history.set_events(self.state.history)

    def _restore_gallery_selection(self) -> None:
        if self._current is None:
            return
        row = self.gallery_model.row_of(self._current)
        if row is None:
            return
        selection = self.gallery.selectionModel()
        selection.blockSignals(True)
        try:
            selection.setCurrentIndex(self.gallery_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            selection.blockSignals(False)
        self.gallery.viewport().update()

    def _update_location(self) -> None:
        if not self._tab_shown("location"):
            self._location_stale = True  # drawn when its tab is shown
            return
        self._location_stale = False
        case = self.state.case
        if case is None:
            self.location.clear()
            return
        self.location.set_site(case.site.lat, case.site.lon, case.geofence_radius_m or case.site.radius_m or 300,
                               case.site.name)
        self.location.set_points(self.state.evidence_points(self.gallery_model.label))
        self.location.set_highlighted(str(self._current) if self._current is not None else None)

    # ----- server events and reachability --------------------------------------------------------

    def on_server_event(self, event) -> None:
        """Reload what an event about this case says changed (debounced)."""
        if event.case_id != self.case_id or self._closing:
            return
        kind = event.kind
        if kind.startswith("comment."):
            parts = {"comments"}
        elif kind.startswith("evidence."):
            parts = {"evidence", "case", "review"}
        else:
            parts = {"case", "review"}
        self._pending_reload |= parts | ({"history"} if self._tab_shown("history") else set())
        self._reload_timer.start()

    def _reload_pending(self) -> None:
        parts, self._pending_reload = self._pending_reload, set()
        for part in self.PARTS:
            if part in parts:
                self._load(part)

    def _on_reachable(self, reachable: bool) -> None:
        if self._closing:
            return
        if not reachable:
            self.banner.show_message(unreachable_text(self.context.session.server_url), "warning",
                                     action=self.tr("Retry now"), key="unreachable", closable=False)
            return
        self.banner.clear("unreachable")
        for part in sorted(self._failed_parts):
            self._load(part)
        self.save_all()
        if self._current is not None and self._display.get("failed"):
            self._show(self._current)

    def _on_session_expired(self) -> None:
        if not self._closing:
            self.banner.show_message(self.tr("Your login has expired: log in again from the queue window."),
                                     "error", key="session")

    def _on_banner_action(self) -> None:
        if self.banner.key == "unreachable":
            self.context.probe()
        elif self.banner.key == "load":
            for part in sorted(self._failed_parts) or self.PARTS:
                self._load(part)

    # ----- thumbnails --------------------------------------------------------------------------

    def _request_thumbnails(self) -> None:
        """Every tile's thumbnail, in gallery order (the visible ones come first), a few tasks
        taking them in turn."""
        api = self.api
        items = []
        for entry in self.gallery_model.entries():
            e = entry.evidence
            if self.gallery_model.has_thumbnail(e.sha256) or e.sha256 in self._thumbnail_requested:
                continue
            self._thumbnail_requested.add(e.sha256)
            variant = "thumb_256" if (e.urls is None or e.urls.thumb_256) else "poster"
            items.append((e.sha256, lambda eid=e.id, v=variant: api.evidence_file(eid, v)))
        # Decoded at the tile's size in the worker threads (libjpeg scales while decoding), so the
        # GUI thread only wraps them in pixmaps.
        self.loader.load_thumbnails(items, size=THUMB_W, priority=PRIORITY_THUMBNAIL, workers=THUMBNAIL_WORKERS)

    def _original(self, evidence_id: int) -> bytes:
        """The original file (in a worker thread): downloaded once for both decodes."""
        with self._originals_lock:
            data = self._originals.get(evidence_id)
        if data is None:
            data = self.api.evidence_file(evidence_id, "original")
            with self._originals_lock:
                self._originals[evidence_id] = data
                while len(self._originals) > ORIGINALS_KEPT:
                    self._originals.popitem(last=False)
        return data

    def _on_image_loaded(self, key: str, image: QImage) -> None:
        if key.startswith(("preview:", "full:", "prefetch:", "accurate:")):
            kind, _, ident = key.partition(":")
            self._on_photo(kind, int(ident), image)
            return
        self.gallery_model.set_thumbnail(key, image)
        # While hundreds of thumbnails arrive, their deliveries queue ahead of the paint events:
        # paint what is visible now and then, so the officer sees them come in.
        now = time.perf_counter()
        if now - self._gallery_painted > GALLERY_REPAINT_S and self.gallery.isVisible():
            self._gallery_painted = now
            self.gallery.viewport().repaint()

    def _on_image_failed(self, key: str, message: str) -> None:
        if key.startswith(("preview:", "full:")):
            evidence_id = int(key.partition(":")[2])
            if evidence_id == self._current and not self._display.get("shown"):
                self._display["failed"] = True
                error = self.context.last_error
                text = describe_error(error, server_url=self.context.session.server_url) if error else message
                self.viewer.show_message(self.tr("The photo could not be loaded.") + "\n" + text)
        elif not key.startswith(("prefetch:", "accurate:")):
            self._thumbnail_requested.discard(key)  # try again on the next reload

    # ----- selecting and showing evidence ---------------------------------------------------------

    def _entry(self, evidence_id: int | None) -> GalleryEntry | None:
        row = self.gallery_model.row_of(evidence_id) if evidence_id is not None else None
        return self.gallery_model.entry(row) if row is not None else None

    def current_evidence_id(self) -> int | None:
        return self._current

    def select_evidence(self, evidence_id: int) -> None:
        """Select an item in the gallery (and so show it)."""
        row = self.gallery_model.row_of(evidence_id)
        if row is None:
            return
        index = self.gallery_model.index(row)
        self.gallery.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.gallery.scrollTo(index)

    def step(self, delta: int) -> None:
        target = self.state.neighbour(self._current, delta)
        if target is not None and target != self._current:
            self.select_evidence(target)

    def _on_gallery_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        evidence_id = current.data(EVIDENCE_ID_ROLE)
        if evidence_id is not None and evidence_id != self._current:
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
        previous = self._current
        if previous is not None and previous != evidence_id:
            self.viewer.scene.commit_text_edit()
            self.save(previous)
        report = self.tracker.open(evidence_id) if not self._closing else None
        if report is not None:
            self._send_views([report])
        self._current = evidence_id
        e = entry.evidence
        token = object()
        self._display = {"token": token, "id": evidence_id, "document": self.documents.get(evidence_id),
                         "image": None, "shown": False, "failed": False, "full": False}
        self.details.show_evidence(e, entry, self.state)
        self.location.set_highlighted(str(evidence_id))
        self.comments.set_current_evidence(evidence_id, self.gallery_model.label(entry))
        self._update_caption()
        if self._display["document"] is None:
            api = self.api
            user_id = self.user.id if self.user else None
            self.context.call(lambda: api.annotations(evidence_id),
                              lambda result: self._on_annotations(token, evidence_id, result, user_id),
                              lambda exc: self._on_annotations_failed(token, exc), receiver=self,
                              name="annotations", priority=PRIORITY_PREVIEW)
        if is_video(e):
            self.viewer.show_message(self.tr("Loading video…"))
            self._maybe_present()
            return
        full = self._full_images.get(evidence_id)
        if full is not None:
            self._full_images.move_to_end(evidence_id)
            self._display["image"] = full
            self._display["full"] = True
        else:
            self.viewer.show_message(self.tr("Loading photo…"))
            api = self.api
            self.loader.load(f"preview:{evidence_id}", lambda: api.evidence_file(evidence_id, "thumb_1280"),
                             priority=PRIORITY_PREVIEW)
            # The fast decode first (half the time of an accurate one on a 12 MP JPEG); the accurate
            # one replaces it a moment later.
            self.loader.load(f"full:{evidence_id}", lambda: self._original(evidence_id), priority=PRIORITY_FULL,
                             fast=True)
        self._maybe_present()

    def _on_annotations(self, token, evidence_id: int, result, user_id: int | None) -> None:
        document = self.documents.get(evidence_id)
        if document is None:
            document = AnnotationDocument.from_server(result.items, current_user_id=user_id)
            self.documents[evidence_id] = document
        if self._display.get("token") is token:
            self._display["document"] = document
            self._maybe_present()

    def _on_annotations_failed(self, token, exc: BaseException) -> None:
        if self._display.get("token") is not token:
            return
        self._display["failed"] = True
        if not self._display["shown"]:
            self.viewer.show_message(self.tr("The annotations could not be loaded.") + "\n" +
                                     describe_error(exc, server_url=self.context.session.server_url))

    def _on_photo(self, kind: str, evidence_id: int, image: QImage) -> None:
        if kind in ("full", "prefetch", "accurate"):
            if kind == "accurate":
                self._accurate.add(evidence_id)
            elif evidence_id in self._accurate:
                return  # an accurate decode is here already
            self._full_images[evidence_id] = image
            self._full_images.move_to_end(evidence_id)
            while len(self._full_images) > FULL_IMAGE_CACHE:
                dropped, _ = self._full_images.popitem(last=False)
                self._accurate.discard(dropped)
        display = self._display
        if display.get("id") != evidence_id:
            return
        if kind == "accurate":
            if display["shown"] and self.viewer.mode == "photo":
                self.viewer.replace_image(image)
            else:
                display["image"] = image
            return
        if kind == "preview":
            if display["full"]:
                return  # the original came first
            display["image"] = image
            self._maybe_present()
            return
        display["full"] = True
        self.loader.cancel(f"preview:{evidence_id}")
        if display["shown"]:
            self.viewer.replace_image(image)
            self._full_presented(evidence_id)
        else:
            display["image"] = image
            self._maybe_present()

    def _maybe_present(self) -> None:
        """Show the item once its annotations and (for a photo) a picture are there."""
        display = self._display
        evidence_id = display.get("id")
        entry = self._entry(evidence_id)
        document = display.get("document")
        if entry is None or document is None or display["shown"]:
            return
        e = entry.evidence
        if is_video(e):
            url = self._video_url(e)
            if url is None:
                self._refresh_item_then_show(e.id)
                return
            display["shown"] = True
            self.viewer.show_video(QUrl(url), document, frame_rate=e.metadata.frame_rate)
            self._after_present(e.id)
            return
        image = display.get("image")
        if image is None:
            return
        display["shown"] = True
        logical = QSize(e.width, e.height) if e.width and e.height else None
        if logical is None and display["full"]:
            logical = image.size()
        self.viewer.show_photo(image, document, logical_size=logical)
        self._after_present(e.id)
        if display["full"]:
            self._full_presented(e.id)

    def _full_presented(self, evidence_id: int) -> None:
        """The original is on screen: decode it accurately (if that was the fast decode), and the
        neighbours ahead of the officer."""
        self.fullImageShown.emit(evidence_id)
        if evidence_id not in self._accurate and not self.loader.is_loading(f"accurate:{evidence_id}"):
            self.loader.load(f"accurate:{evidence_id}", lambda: self._original(evidence_id),
                             priority=PRIORITY_ACCURATE)
        self._prefetch_neighbours(evidence_id)

    def _after_present(self, evidence_id: int) -> None:
        self.viewer.set_read_only(not self.state.can_annotate(self.user))
        self._update_save_label()
        self.evidenceShown.emit(evidence_id)

    def _video_url(self, evidence: EvidenceOut) -> str | None:
        urls = evidence.urls
        if urls is None or not urls.original:
            return None
        if urls.expires_at is not None and urls.expires_at <= datetime.now(UTC) + timedelta(minutes=2):
            return None
        return self.api.media_url(urls.original)

    def _refresh_item_then_show(self, evidence_id: int) -> None:
        """A video's signed link expired: fetch the item again for fresh links."""
        api = self.api

        def done(item: EvidenceOut) -> None:
            self.state.evidence = [item if e.id == item.id else e for e in self.state.evidence]
            self.gallery_model.set_state(self.state)
            self._restore_gallery_selection()
            if self._display.get("id") == evidence_id:
                self._maybe_present()

        self.context.call(lambda: api.evidence_item(evidence_id), done, self._on_video_refresh_failed,
                          receiver=self, name="evidence links")

    def _on_video_refresh_failed(self, exc: BaseException) -> None:
        self.viewer.show_message(self.tr("The video could not be loaded.") + "\n" +
                                 describe_error(exc, server_url=self.context.session.server_url))

    def _on_video_error(self, message: str) -> None:
        if not self.context.reachable:
            message = unreachable_text(self.context.session.server_url)
        self.banner.show_message(message, "error", key="video")

    def _prefetch_neighbours(self, evidence_id: int) -> None:
        for delta in (1, -1):
            target = self.state.neighbour(evidence_id, delta)
            if target is None or target == evidence_id or target in self._full_images:
                continue
            item = self.state.evidence_by_id(target)
            if item is None or is_video(item) or self.loader.is_loading(f"prefetch:{target}"):
                continue
            self.loader.load(f"prefetch:{target}", lambda t=target: self._original(t), priority=PRIORITY_PREFETCH,
                             fast=True)

    # ----- annotations ------------------------------------------------------------------------

    def _on_dirty(self, dirty: bool) -> None:
        self._update_save_label()
        if dirty and self.state.can_annotate(self.user):
            self._autosave.start()

    def _on_document_changed(self) -> None:
        if self.viewer.scene.document.dirty and self.state.can_annotate(self.user):
            self._autosave.start()
        self._update_save_label()

    def save_current(self) -> None:
        if self._current is not None:
            self.save(self._current)

    def save_all(self) -> None:
        self.viewer.scene.commit_text_edit()
        for evidence_id, document in list(self.documents.items()):
            if document.dirty:
                self.save(evidence_id)

    def save(self, evidence_id: int) -> None:
        """Send the item's unsaved annotations (one save at a time per item)."""
        document = self.documents.get(evidence_id)
        if document is None or not self.state.can_annotate(self.user):
            return
        if evidence_id in self._saving:
            self._save_again.add(evidence_id)
            return
        plan = document.plan()
        if plan.empty:
            return
        self._saving.add(evidence_id)
        self._update_save_label()
        api = self.api
        receiver = self.context if self._closing else self
        self.context.call(lambda: execute_plan(api, evidence_id, plan),
                          lambda outcome: self._on_saved(document, outcome), receiver=receiver,
                          name="save annotations", priority=PRIORITY_PREVIEW)

    def _on_saved(self, document: AnnotationDocument, outcome: SaveOutcome) -> None:
        evidence_id = outcome.evidence_id
        self._saving.discard(evidence_id)
        if self._closing:  # the window is gone from the screen: record the answer, touch no widget
            for sent, out in outcome.saved:
                document.confirm(sent, out)
            for sent in outcome.deleted:
                document.confirm_deleted(sent)
            if outcome.error is not None:
                self.context.report_failure(outcome.error)
            return
        scene = self.viewer.scene
        on_screen = scene.document is document
        for sent, out in outcome.saved:
            if on_screen:
                scene.confirm_saved(sent, out)
            else:
                document.confirm(sent, out)
        for sent in outcome.deleted:
            if on_screen:
                scene.confirm_deleted(sent)
            else:
                document.confirm_deleted(sent)
        if outcome.error is not None:
            self.context.report_failure(outcome.error)
            self._save_errors[evidence_id] = outcome.error
            error = outcome.error
            if isinstance(error, ApiError) and error.status in (403, 404, 409, 412):
                self.banner.show_message(describe_error(error, server_url=self.context.session.server_url),
                                         "error", key="save")
                if error.status == 412:
                    self._reload_annotations(evidence_id)
        else:
            self._save_errors.pop(evidence_id, None)
            if self.banner.key == "save":
                self.banner.clear("save")
            if outcome.count:
                self.context.report_success()
        if evidence_id in self._save_again and outcome.error is None:
            self._save_again.discard(evidence_id)
            if document.dirty:
                self.save(evidence_id)
        if not document.dirty and outcome.error is None:
            self.annotationsSaved.emit(evidence_id)
        self._update_save_label()

    def _reload_annotations(self, evidence_id: int) -> None:
        """After a conflict: take the server's annotations for this item."""
        self.documents.pop(evidence_id, None)
        if evidence_id == self._current:
            self._show(evidence_id)

    # ----- views ------------------------------------------------------------------------------

    def _on_view_tick(self) -> None:
        report = self.tracker.tick()
        if report is not None or len(self.outbox):
            self._send_views([report] if report else [])

    @property
    def outbox(self) -> ViewOutbox:
        """The login's reports waiting to be sent (kept by the context: they outlive the window)."""
        return self.context.view_outbox

    def _send_views(self, reports: list[ViewReport]) -> None:
        self.context.send_views(reports)

    def _on_views_recorded(self, evidence_ids: list[int]) -> None:
        if self._closing:
            return
        mine = [e for e in evidence_ids if self.state.evidence_by_id(e) is not None]
        for evidence_id in mine:
            self.state.viewed.add(evidence_id)
            self.gallery_model.viewed_changed(evidence_id)
        if mine:
            self._update_caption()

    def flush_views(self) -> None:
        """Report the item on screen so far (it stays open) and whatever waits."""
        report = self.tracker.checkpoint()
        self._send_views([report] if report else [])

    # ----- claiming and signing -------------------------------------------------------------------

    def claim(self) -> None:
        api, case_id = self.api, self.case_id

        def done(review) -> None:
            self.banner.show_message(self.tr("You have taken this case up for review."), "success", key="claim")
            self.state.apply_review(review)
            self._update_permissions()
            for part in ("review", "case"):
                self._load(part)

        self.context.call(lambda: api.claim(case_id), done, self._on_action_failed, receiver=self, name="claim")

    def sign_from_keyboard(self) -> None:
        self.tabs.setCurrentWidget(self.opinion)
        self.opinion.submit()

    def _pending_view_reports(self) -> list[ViewReport]:
        report = self.tracker.checkpoint()
        if report is not None:
            self.outbox.add(report)
        return self.outbox.take()

    def sign(self, opinion: OpinionIn) -> None:
        """Report the views (the item on screen counts), then sign."""
        self.save_all()
        reports = self._pending_view_reports()
        api, case_id = self.api, self.case_id

        def work():
            sent = send_reports(api, reports)
            if sent.error is not None:
                return sent, sent.error
            try:
                return sent, api.sign(case_id, opinion)
            except Exception as exc:
                return sent, exc

        self.opinion.set_busy(True)
        self.context.call(work, self._on_sign_result, self._on_sign_error, receiver=self, name="sign")

    def change_opinion(self, opinion_id: int, update: OpinionUpdate) -> None:
        api, case_id = self.api, self.case_id
        self.opinion.set_busy(True)
        self.context.call(lambda: (None, api.change_opinion(case_id, opinion_id, update)), self._on_sign_result,
                          self._on_sign_error, receiver=self, name="change opinion")

    def _on_sign_result(self, value) -> None:
        sent, result = value
        if sent is not None:
            self.context.views_sent(sent)
        self.opinion.set_busy(False)
        if isinstance(result, BaseException):
            self._on_sign_error(result)
            return
        self.opinion.show_success(self.tr("Your opinion is signed."))
        self.signed.emit(result)
        for part in ("case", "review", *(("history",) if self._tab_shown("history") else ())):
            self._load(part)

    def _on_sign_error(self, exc: BaseException) -> None:
        self.opinion.set_busy(False)
        self.context.report_failure(exc)
        self.tabs.setCurrentWidget(self.opinion)
        if isinstance(exc, ApiError) and exc.code == "unviewed_evidence":
            items = exc.detail.get("unviewed", [])
            links = []
            for item in items:
                evidence_id = item.get("evidence_id")
                entry = self._entry(evidence_id)
                label = self.gallery_model.label(entry) if entry else f"#{evidence_id}"
                links.append(f"<a href='evidence:{evidence_id}'>{html.escape(label)} (#{evidence_id})</a>")
            text = html.escape(describe_error(exc)) + "<br>" + html.escape(self.tr("Not opened yet:")) + " " + \
                ", ".join(links)
            self.opinion.show_rich_problem(text)
            self.state.viewed -= {item.get("evidence_id") for item in items}
            self.gallery_model.retranslate()
            return
        if isinstance(exc, ApiError) and exc.code == "not_assigned":
            claim_now = self.tr("Claim the case now")
            self.opinion.show_rich_problem(html.escape(describe_error(exc)) +
                                           f" <a href='claim'>{html.escape(claim_now)}</a>")
            return
        self.opinion.show_problem(describe_error(exc, server_url=self.context.session.server_url))
        if isinstance(exc, ApiError) and exc.code in ("already_signed", "case_not_under_review", "stale_version"):
            self._load("review")
            self._load("case")

    def _on_action_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServerUnreachable):
            return  # the reachability banner says it
        self.banner.show_message(describe_error(exc, server_url=self.context.session.server_url), "error",
                                 key="action")

    # ----- comments ---------------------------------------------------------------------------

    def post_comment(self, comment: CommentIn) -> None:
        api, case_id = self.api, self.case_id

        def done(_out) -> None:
            self.comments.posted()
            self._load("comments")

        self.context.call(lambda: api.add_comment(case_id, comment), done, self._on_action_failed, receiver=self,
                          name="comment")

    # ----- archive ----------------------------------------------------------------------------

    def ask_archive_path(self) -> str:
        """Where to save the archive (a file dialog; tests replace this)."""
        case = self.state.case
        name = f"{case.reference if case else self.case_id}.zip"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export archive"), str(Path.home() / name),
                                              self.tr("Zip archives (*.zip)"))
        return path

    def export_archive(self) -> None:
        if self._export_handle is not None:
            return
        target = self.ask_archive_path()
        if not target:
            return
        destination = Path(target)
        api, path = self.api, self.api.archive_path(self.case_id)
        self.export_bar.setRange(0, 0)
        self.export_bar.show()
        self.export_cancel.show()
        self.export_label.setText(self.tr("Exporting archive…"))

        def work(reporter):
            return api.download(path, destination, on_progress=reporter.report, cancelled=lambda: reporter.cancelled)

        self._export_handle = self.context.call_reporting(work, self._on_export_progress, self._on_export_done,
                                                          self._on_export_failed, receiver=self, name="archive")
        self._export_destination = destination

    def _on_export_progress(self, progress) -> None:
        received = f"{progress.done / 1024 / 1024:.1f} MB"
        if progress.total:
            self.export_bar.setRange(0, 1000)
            self.export_bar.setValue(round(1000 * progress.done / progress.total))
            self.export_label.setText(self.tr("Exporting archive… %1 of %2").replace("%1", received).replace(
                "%2", f"{progress.total / 1024 / 1024:.1f} MB"))
        else:
            self.export_label.setText(self.tr("Exporting archive… %1").replace("%1", received))

    def _end_export(self) -> None:
        self._export_handle = None
        self.export_bar.hide()
        self.export_cancel.hide()

    def _on_export_done(self, progress) -> None:
        self._end_export()
        path = str(self._export_destination)
        self.export_label.setText("")
        self.banner.show_message(self.tr("Archive saved: %1 (%2 MB)").replace("%1", path).replace(
            "%2", f"{progress.done / 1024 / 1024:.1f}"), "success", key="archive")
        self.archiveSaved.emit(path)

    def _on_export_failed(self, exc: BaseException) -> None:
        self._end_export()
        self.export_label.setText("")
        self.banner.show_message(self.tr("The archive could not be exported: %1").replace(
            "%1", describe_error(exc, server_url=self.context.session.server_url)), "error", key="archive")

    def cancel_export(self) -> None:
        if self._export_handle is not None:
            self._export_handle.cancel()
            self._end_export()
            self.export_label.setText(self.tr("Export cancelled"))

    # ----- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Report the last view and save what is unsaved; those calls finish after the window."""
        if not self._closing:
            self.viewer.scene.commit_text_edit()
            self._closing = True
            report = self.tracker.close()
            self._send_views([report] if report else [])
            self.save_all()
            self._view_timer.stop()
            self.loader.cancel_all()
            if self._export_handle is not None:
                self._export_handle.cancel()
            if self.viewer.has_video_panel():
                self.viewer.video_panel.clear()
            self.closed.emit(self.case_id)
        super().closeEvent(event)
