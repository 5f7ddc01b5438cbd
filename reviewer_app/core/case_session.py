"""One case as an officer works on it, without Qt: the case window's state and what it does with the
server. The window wires a CaseSession to its widgets and shows what the session tells it.

- Parts: the case, its evidence, the review state (with the opinions), the comments and the history
  are loaded apart, and again when an event from the server says one changed; the history only
  while its tab is watched.
- Display: the item the viewer is on its way to show, with its annotations and (for a photo) a
  picture; shown once both are there.
- Saving: each item's annotations go to the server a moment after an edit, one save at a time per
  item (an edit made meanwhile goes with the next), and before moving on or closing.
- Views: how long each item was open is reported when the officer moves on, every minute of a long
  look, on closing and before signing; what the server could not take waits in the login's outbox.
- Claiming, signing (after the views went) and commenting.
- The live survey's booking: offering times, rescheduling, cancelling (loaded while its tab is
  watched, like the history).

Calls to the server go through `run`, the one way the window's work goes to the background and
comes back on its thread; the session hears back through its CaseListener (the window).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from reviewer_app.core.annotations import AnnotationDocument
from reviewer_app.core.api import ApiClient, ApiError
from reviewer_app.core.saving import SaveOutcome, execute_plan
from reviewer_app.core.state import CaseState, is_video
from reviewer_app.core.views import SendResult, ViewOutbox, ViewReport, ViewTracker, send_reports
from shared.discussion import CommentIn
from shared.live import LiveCancelIn, LiveOfferIn, LiveRescheduleIn, LiveSessionOut
from shared.models import EvidenceOut, OpinionIn, OpinionOut, OpinionUpdate, UserOut

PRIORITY_NOW = 20  # what the officer waits for: the evidence list, an item's annotations, a save
PRIORITY_SOON = 15
VIDEO_LINK_MARGIN = timedelta(minutes=2)  # a signed link this close to expiring is fetched again
RELOAD_AFTER_REFUSAL = frozenset({"already_signed", "case_not_under_review", "stale_version"})
# The booking changed under the officer (the applicant booked or cancelled meanwhile): show it as it is.
LIVE_RELOAD_STATUSES = frozenset({409, 412, 422})


class Part(StrEnum):
    """A piece of the case loaded on its own."""

    case = "case"
    evidence = "evidence"
    review = "review"  # the review state and the opinions
    comments = "comments"
    history = "history"
    live = "live"  # the live survey's sessions and their booking


ESSENTIAL_PARTS = frozenset({Part.case, Part.evidence, Part.review})  # the window is whole with these
# Loaded only while their tab is watched: hundreds of audit events are no use before the officer
# looks at them, and would slow the first thumbnails; the booking of a live survey likewise.
LAZY_PARTS = frozenset({Part.history, Part.live})


def parts_for_event(kind: str) -> set[Part]:
    """The parts an event from the server says changed (the history aside)."""
    if kind.startswith("comment."):
        return {Part.comments}
    if kind.startswith("live."):
        return set()  # the booking: loaded again while its tab is watched
    if kind.startswith("evidence."):
        return {Part.evidence, Part.case, Part.review}
    return {Part.case, Part.review}


class Run(Protocol):
    """Run `work` in the background; `on_done(result)` or `on_error(exception)` comes back later on
    the caller's thread."""

    def __call__(self, work: Callable[[], Any], on_done: Callable[[Any], Any],
                 on_error: Callable[[BaseException], Any] | None = None, *, name: str, priority: int = 0) -> Any: ...


class LoginLink(Protocol):
    """What the session needs of the login it belongs to (the window's ReviewerContext): the view
    reports outlive the window, and a failure tells the login whether the server is there."""

    view_outbox: ViewOutbox

    def send_views(self, reports: Sequence[ViewReport] = ()) -> None: ...

    def views_sent(self, result: SendResult) -> None: ...

    def report_failure(self, exc: BaseException) -> None: ...

    def report_success(self) -> None: ...


class CaseListener(Protocol):
    """What the session tells the window. Each call comes after the session's state changed."""

    def part_loaded(self, part: Part) -> None: ...

    def case_ready(self) -> None:
        """The essential parts have all arrived, the first time."""

    def part_failed(self, part: Part, error: BaseException) -> None: ...

    def annotations_arrived(self, display: Display) -> None: ...

    def annotations_failed(self, display: Display, error: BaseException) -> None: ...

    def saving_changed(self) -> None:
        """A save started or ended (see `saving`, `save_errors`, `has_unsaved`)."""

    def annotations_saved(self, evidence_id: int, document: AnnotationDocument, outcome: SaveOutcome) -> None:
        """The server answered a save; `document` has recorded what it confirmed."""

    def evidence_refreshed(self, evidence_id: int) -> None:
        """The item came again from the server, with fresh links."""

    def evidence_refresh_failed(self, error: BaseException) -> None: ...

    def claimed(self) -> None: ...

    def opinion_signed(self, opinion: OpinionOut) -> None: ...

    def sign_failed(self, error: BaseException) -> None: ...

    def comment_posted(self) -> None: ...

    def live_changed(self, session: LiveSessionOut) -> None:
        """The server took an offer, a reschedule or a cancellation."""

    def live_failed(self, error: BaseException) -> None: ...

    def action_failed(self, error: BaseException) -> None:
        """A claim or a comment failed."""


@dataclass(eq=False)
class Display:
    """The item the viewer is on its way to show. The picture is the toolkit's image (a QImage);
    the session never looks inside it."""

    evidence_id: int
    video: bool
    document: AnnotationDocument | None = None  # its annotations, once they are here
    picture: Any = None
    full: bool = False  # the picture is the original, not the preview
    shown: bool = False
    failed: bool = False  # its annotations or its picture could not be loaded

    @property
    def ready(self) -> bool:
        """Not shown yet, and everything it needs is here: the annotations and, for a photo, a picture."""
        return not self.shown and self.document is not None and (self.video or self.picture is not None)


class CaseSession:
    def __init__(self, case_id: int, api: ApiClient, user: UserOut | None, *, run: Run, login: LoginLink,
                 listener: CaseListener, tracker: ViewTracker | None = None):
        self.case_id = case_id
        self.api = api
        self.user = user
        self.state = CaseState(case_id)
        self.tracker = tracker or ViewTracker()
        self.documents: dict[int, AnnotationDocument] = {}  # annotations per evidence id, as loaded and edited
        self.display: Display | None = None
        self.loaded_parts: set[Part] = set()  # arrived at least once
        self.failed_parts: set[Part] = set()  # the last try failed
        self.watched: set[Part] = set()  # lazy parts whose tab is on screen
        self.save_errors: dict[int, BaseException] = {}  # the last save of these items failed
        self.closed = False
        self._run = run
        self._login = login
        self._listener = listener
        self._pending_reload: set[Part] = set()
        self._saving: set[int] = set()
        self._save_again: set[int] = set()

    # ----- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Load every part again (the lazy ones only while watched)."""
        for part in Part:
            if part not in LAZY_PARTS or part in self.watched:
                self.load(part)

    def load(self, part: Part) -> None:
        if self.closed:  # only the last saves go out after the window
            return
        api, case_id = self.api, self.case_id
        calls: dict[Part, Callable[[], Any]] = {
            Part.case: lambda: api.case(case_id),
            Part.evidence: lambda: api.evidence(case_id),
            Part.review: lambda: (api.review_state(case_id), api.opinions(case_id)),
            Part.comments: lambda: api.comments(case_id),
            Part.history: lambda: api.history(case_id),
            Part.live: lambda: api.live_sessions(case_id),
        }
        self._run(calls[part], lambda value: self._part_loaded(part, value),
                  lambda exc: self._part_failed(part, exc), name=f"case {part}",
                  priority=PRIORITY_NOW if part is Part.evidence else PRIORITY_SOON)

    def retry_failed(self) -> None:
        for part in sorted(self.failed_parts):
            self.load(part)

    def watch(self, part: Part, shown: bool) -> None:
        """A lazy part's tab was shown (load it: my own actions come as no event) or hidden."""
        if not shown:
            self.watched.discard(part)
            return
        self.watched.add(part)
        self.load(part)

    def note_event(self, kind: str, case_id: int | None) -> bool:
        """An event from the server: remember the parts to load again, and say whether there are
        any (the window loads them a moment later, once a burst of events is over)."""
        if case_id != self.case_id or self.closed:
            return False
        self._pending_reload |= parts_for_event(kind) | (LAZY_PARTS & self.watched)
        return True

    def reload_pending(self) -> None:
        parts, self._pending_reload = self._pending_reload, set()
        for part in Part:
            if part in parts:
                self.load(part)

    def _part_loaded(self, part: Part, value: Any) -> None:
        self.failed_parts.discard(part)
        completes = part in ESSENTIAL_PARTS and part not in self.loaded_parts  # the first of its kind
        self.loaded_parts.add(part)
        state = self.state
        if part is Part.case:
            state.case = value
        elif part is Part.evidence:
            state.evidence, state.coverage = list(value.items), list(value.coverage)
        elif part is Part.review:
            review, opinions = value
            state.apply_review(review)
            state.opinions = list(opinions.items)
        elif part is Part.comments:
            state.comments = list(value.items)
        elif part is Part.live:
            state.live = value
        else:
            state.history = list(value.items)
        self._listener.part_loaded(part)
        if completes and self.loaded_parts >= ESSENTIAL_PARTS:
            self._listener.case_ready()

    def _part_failed(self, part: Part, exc: BaseException) -> None:
        self.failed_parts.add(part)
        self._listener.part_failed(part, exc)

    # ----- the item on screen -------------------------------------------------------------------

    @property
    def current_evidence_id(self) -> int | None:
        return self.display.evidence_id if self.display is not None else None

    @property
    def can_annotate(self) -> bool:
        return self.state.can_annotate(self.user)

    def show(self, evidence: EvidenceOut) -> Display:
        """The officer moves to `evidence`: the item before is saved and its view reported, and
        the item's annotations are asked for unless they are here already."""
        previous = self.current_evidence_id
        if previous is not None and previous != evidence.id:
            self.save(previous)
        report = self.tracker.open(evidence.id) if not self.closed else None
        if report is not None:
            self._login.send_views([report])
        display = self.display = Display(evidence.id, is_video(evidence), self.documents.get(evidence.id))
        if display.document is None:
            evidence_id, user_id = evidence.id, self.user.id if self.user else None
            self._run(lambda: self.api.annotations(evidence_id),
                      lambda result: self._annotations_arrived(display, result, user_id),
                      lambda exc: self._annotations_failed(display, exc), name="annotations", priority=PRIORITY_NOW)
        return display

    def _annotations_arrived(self, display: Display, result, user_id: int | None) -> None:
        document = self.documents.get(display.evidence_id)
        if document is None:
            document = AnnotationDocument.from_server(result.items, current_user_id=user_id)
            self.documents[display.evidence_id] = document
        if self.display is display:
            display.document = document
            self._listener.annotations_arrived(display)

    def _annotations_failed(self, display: Display, exc: BaseException) -> None:
        if self.display is display:
            display.failed = True
            self._listener.annotations_failed(display, exc)

    def video_url(self, evidence: EvidenceOut) -> str | None:
        """The video's signed link, or None when there is none or it is about to expire."""
        urls = evidence.urls
        if urls is None or not urls.original:
            return None
        if urls.expires_at is not None and urls.expires_at <= datetime.now(UTC) + VIDEO_LINK_MARGIN:
            return None
        return self.api.media_url(urls.original)

    def refresh_evidence(self, evidence_id: int) -> None:
        """Fetch one item again, for fresh signed links."""
        def done(item: EvidenceOut) -> None:
            self.state.evidence = [item if e.id == item.id else e for e in self.state.evidence]
            self._listener.evidence_refreshed(evidence_id)

        self._run(lambda: self.api.evidence_item(evidence_id), done, self._listener.evidence_refresh_failed,
                  name="evidence links")

    # ----- saving annotations -------------------------------------------------------------------

    @property
    def saving(self) -> frozenset[int]:
        """The items whose save is on its way."""
        return frozenset(self._saving)

    def has_unsaved(self) -> bool:
        return any(document.dirty for document in self.documents.values())

    def save_current(self) -> None:
        if self.current_evidence_id is not None:
            self.save(self.current_evidence_id)

    def save_all(self) -> None:
        for evidence_id, document in list(self.documents.items()):
            if document.dirty:
                self.save(evidence_id)

    def save(self, evidence_id: int) -> None:
        """Send the item's unsaved annotations (one save at a time per item)."""
        document = self.documents.get(evidence_id)
        if document is None or not self.can_annotate:
            return
        if evidence_id in self._saving:
            self._save_again.add(evidence_id)
            return
        plan = document.plan()
        if plan.empty:
            return
        self._saving.add(evidence_id)
        self._listener.saving_changed()
        api = self.api
        self._run(lambda: execute_plan(api, evidence_id, plan), lambda outcome: self._saved(document, outcome),
                  name="save annotations", priority=PRIORITY_NOW)

    def _saved(self, document: AnnotationDocument, outcome: SaveOutcome) -> None:
        evidence_id, error = outcome.evidence_id, outcome.error
        self._saving.discard(evidence_id)
        for sent, out in outcome.saved:
            document.confirm(sent, out)
        for sent in outcome.deleted:
            document.confirm_deleted(sent)
        if error is not None:
            self._login.report_failure(error)  # the call itself went through: say what it met
        if self.closed:  # the window is gone: nobody to tell
            return
        if error is not None:
            self.save_errors[evidence_id] = error
            if isinstance(error, ApiError) and error.status == 412:
                self.documents.pop(evidence_id, None)  # someone else's edit came first: take the server's
        else:
            self.save_errors.pop(evidence_id, None)
            if outcome.count:
                self._login.report_success()
        self._listener.annotations_saved(evidence_id, document, outcome)
        if evidence_id in self._save_again and error is None:
            self._save_again.discard(evidence_id)
            if document.dirty:
                self.save(evidence_id)
        self._listener.saving_changed()

    # ----- views --------------------------------------------------------------------------------

    @property
    def outbox(self) -> ViewOutbox:
        """The login's reports waiting to be sent (kept by the login: they outlive the window)."""
        return self._login.view_outbox

    def tick(self) -> None:
        """Now and then: report a long look so far, and whatever waits."""
        report = self.tracker.tick()
        if report is not None or len(self.outbox):
            self._login.send_views([report] if report else [])

    def flush_views(self) -> None:
        """Report the item on screen so far (it stays open) and whatever waits."""
        report = self.tracker.checkpoint()
        self._login.send_views([report] if report else [])

    def views_recorded(self, evidence_ids: list[int]) -> list[int]:
        """The server took view reports of these items: those of this case count as opened."""
        if self.closed:
            return []
        mine = [e for e in evidence_ids if self.state.evidence_by_id(e) is not None]
        self.state.viewed.update(mine)
        return mine

    def close(self) -> None:
        """The window closes: report the last view and save what is unsaved (those calls finish
        after the window)."""
        if self.closed:
            return
        self.closed = True
        report = self.tracker.close()
        self._login.send_views([report] if report else [])
        self.save_all()

    # ----- claiming, signing, commenting --------------------------------------------------------

    def claim(self) -> None:
        def claimed(review) -> None:
            self.state.apply_review(review)
            self._listener.claimed()
            self.load(Part.review)
            self.load(Part.case)

        self._run(lambda: self.api.claim(self.case_id), claimed, self._listener.action_failed, name="claim")

    def sign(self, opinion: OpinionIn) -> None:
        """Save, report the views (the item on screen counts), then sign."""
        self.save_all()
        report = self.tracker.checkpoint()
        if report is not None:
            self.outbox.add(report)
        reports = self.outbox.take()
        api, case_id = self.api, self.case_id

        def work() -> tuple[SendResult, Any]:
            sent = send_reports(api, reports)
            if sent.error is not None:
                return sent, sent.error
            try:
                return sent, api.sign(case_id, opinion)
            except Exception as exc:
                return sent, exc

        self._run(work, self._sign_answered, self._sign_failed, name="sign")

    def change_opinion(self, opinion_id: int, update: OpinionUpdate) -> None:
        api, case_id = self.api, self.case_id
        self._run(lambda: (None, api.change_opinion(case_id, opinion_id, update)), self._sign_answered,
                  self._sign_failed, name="change opinion")

    def _sign_answered(self, value: tuple[SendResult | None, Any]) -> None:
        sent, result = value
        if sent is not None:
            self._login.views_sent(sent)
        if isinstance(result, BaseException):
            self._sign_failed(result)
            return
        self._listener.opinion_signed(result)
        for part in (Part.case, Part.review, *(LAZY_PARTS & self.watched)):
            self.load(part)

    def _sign_failed(self, exc: BaseException) -> None:
        self._login.report_failure(exc)
        if isinstance(exc, ApiError) and exc.code == "unviewed_evidence":
            self.state.viewed -= {item.get("evidence_id") for item in exc.detail.get("unviewed", [])}
        self._listener.sign_failed(exc)
        if isinstance(exc, ApiError) and exc.code in RELOAD_AFTER_REFUSAL:
            self.load(Part.review)
            self.load(Part.case)

    def post_comment(self, comment: CommentIn) -> None:
        def posted(_out) -> None:
            self._listener.comment_posted()
            self.load(Part.comments)

        self._run(lambda: self.api.add_comment(self.case_id, comment), posted, self._listener.action_failed,
                  name="comment")

    # ----- the live survey's booking ------------------------------------------------------------

    def offer_live(self, offer: LiveOfferIn) -> None:
        api, case_id = self.api, self.case_id
        self._run(lambda: api.offer_live(case_id, offer), self._live_answered, self._live_failed, name="offer live")

    def reschedule_live(self, session_id: int, change: LiveRescheduleIn) -> None:
        api, case_id = self.api, self.case_id
        self._run(lambda: api.reschedule_live(case_id, session_id, change), self._live_answered, self._live_failed,
                  name="reschedule live")

    def cancel_live(self, session_id: int, cancel: LiveCancelIn) -> None:
        api, case_id = self.api, self.case_id
        self._run(lambda: api.cancel_live(case_id, session_id, cancel), self._live_answered, self._live_failed,
                  name="cancel live")

    def _live_answered(self, session: LiveSessionOut) -> None:
        self._listener.live_changed(session)
        self.load(Part.live)

    def _live_failed(self, exc: BaseException) -> None:
        self._listener.live_failed(exc)
        if isinstance(exc, ApiError) and exc.status in LIVE_RELOAD_STATUSES:
            self.load(Part.live)
