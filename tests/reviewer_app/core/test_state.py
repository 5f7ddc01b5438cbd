"""The plain state behind the windows: the queue's pages, tabs and urgency, the case's gallery
order with before/after pairs, who may do what, view reports, and saving annotations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reviewer_app.core.annotations import Annotation, AnnotationDocument
from reviewer_app.core.api import ApiError, ServerUnreachable
from reviewer_app.core.saving import execute_plan
from reviewer_app.core.state import (
    CaseState,
    DueLevel,
    QueueFilters,
    QueueState,
    claimable,
    comment_tree,
    due_level,
    location_status,
)
from reviewer_app.core.views import ViewOutbox, ViewTracker, send_reports
from shared.annotations import AnnotationOut, Arrow, Rect
from shared.discussion import CommentOut
from shared.enums import CaseStatus, CheckStatus, MediaKind, Role
from shared.evidence import CaptureMetadata, CheckResult, ClientCapture
from shared.live import LiveSessionList, LiveSessionOut, LiveState
from shared.models import (
    CaseOut,
    EvidenceOut,
    ItemTypeRef,
    PersonRef,
    QueueItem,
    QueuePage,
    Requirement,
    ReviewState,
    SiteOut,
    UserOut,
    ViewSummary,
)

NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
ZHANG = UserOut(id=3, username="zhang", display_name="张伟", role=Role.officer)
LIU = UserOut(id=9, username="liu", display_name="刘审计", role=Role.auditor)


def item(case_id: int, **fields) -> QueueItem:
    base = {"id": case_id, "reference": f"TK-2026-{case_id:06d}", "title": "诊所", "status": CaseStatus.submitted,
            "item_type": ItemTypeRef(code="mini_clinic", name_zh="诊所", name_en="Clinic"),
            "applicant": PersonRef(id=2, display_name="陈工"), "site_name": "康宁诊所"}
    return QueueItem(**{**base, **fields})


# ----- the queue -----

@pytest.mark.parametrize(("fields", "level"), [
    ({"overdue": True, "days_left": -3}, DueLevel.overdue),
    ({"days_left": 0}, DueLevel.soon),
    ({"days_left": 2}, DueLevel.soon),
    ({"days_left": 3}, DueLevel.ok),
    ({"days_left": None}, DueLevel.ok),
    ({"status": CaseStatus.rectification_requested, "rectification_overdue": True}, DueLevel.overdue),
])
def test_due_levels(fields, level):
    assert due_level(item(1, **fields)) is level


def test_filters_become_the_query():
    filters = QueueFilters(tab="in_review", item_type="mini_clinic", assigned="unassigned", overdue=True,
                           due_within=2, search=" 康宁 ", sort="submitted", page_size=20)
    query = filters.query()
    assert query.statuses == (CaseStatus.in_review,) and query.q == "康宁" and query.limit == 20
    assert QueueFilters().query().statuses == ()  # waiting: the server's default
    with pytest.raises(ValueError):
        QueueFilters(tab="draft")
    with pytest.raises(ValueError):
        QueueFilters(sort="title")


def test_pages_of_an_old_generation_are_dropped():
    state = QueueState()
    first = state.set_filters(QueueFilters())
    second = state.set_filters(QueueFilters(search="康宁"))
    assert not state.accept_first_page(first, QueuePage(items=[item(1)], next_cursor="c1"))
    assert state.accept_first_page(second, QueuePage(items=[item(2), item(3)], next_cursor="c1",
                                                     counts={"submitted": 4, "in_review": 1, "approved": 7}))
    assert state.can_fetch_more and state.tab_count("waiting") == 5 and state.tab_count("approved") == 7
    state.loading_more = True
    assert not state.can_fetch_more
    # A case that moved up while paging is not listed twice.
    added = state.accept_next_page(second, "c1", QueuePage(items=[item(3), item(4)], next_cursor=None))
    assert [i.id for i in added] == [4] and [i.id for i in state.items] == [2, 3, 4]
    assert not state.can_fetch_more and state.row_of(4) == 2


def test_who_can_claim():
    assert claimable(item(1), ZHANG)
    assert not claimable(item(1), LIU)
    assert not claimable(item(1, assignees=[PersonRef(id=3, display_name="张伟")]), ZHANG)
    assert not claimable(item(1, assignees=[PersonRef(id=4, display_name="a"), PersonRef(id=5, display_name="b")]),
                         ZHANG)
    assert not claimable(item(1, status=CaseStatus.approved), ZHANG)


# ----- one case -----

CHECKLIST = [Requirement(key="storefront", title_zh="门头", title_en="Storefront"),
             Requirement(key="room", title_zh="诊室", title_en="Consulting room"),
             Requirement(key="video", title_zh="视频", title_en="Video", kind=MediaKind.video)]


def case_out(status: CaseStatus = CaseStatus.in_review) -> CaseOut:
    return CaseOut(id=1, reference="TK-2026-000001", title="康宁诊所", status=status,
                   item_type=ItemTypeRef(code="mini_clinic", name_zh="诊所", name_en="Clinic"),
                   applicant=PersonRef(id=2, display_name="陈工"),
                   site=SiteOut(id=1, name="康宁诊所", address="", lat=30.5426, lon=119.9689), fields={},
                   checklist=CHECKLIST, challenge_code="123456", created_at=NOW)


def evidence(evidence_id: int, key: str, *, superseded_by: int | None = None, kind=MediaKind.photo,
             gps=None, client=None, checks=()) -> EvidenceOut:
    metadata = CaptureMetadata(gps_lat=gps[0], gps_lon=gps[1]) if gps else CaptureMetadata()
    return EvidenceOut(id=evidence_id, case_id=1, requirement_key=key, kind=kind, sha256=f"{evidence_id:064x}",
                       size=1000, mime="image/jpeg", received_at=NOW, uploaded_by=PersonRef(id=2, display_name="陈工"),
                       superseded_by=superseded_by, metadata=metadata, client=client, checks=list(checks))


def case_state() -> CaseState:
    state = CaseState(1, case=case_out())
    # Storefront shot three times (5 replaced 1, 8 replaced 5), an extra key the checklist lost, a video.
    state.evidence = [evidence(1, "storefront", superseded_by=5), evidence(2, "room"), evidence(3, "video",
                      kind=MediaKind.video), evidence(5, "storefront", superseded_by=8), evidence(8, "storefront"),
                      evidence(9, "old_key")]
    return state


def test_the_gallery_puts_before_next_to_after_in_checklist_order():
    state = case_state()
    gallery = state.gallery()
    assert [(e.id, e.superseded, e.replaces, e.index_in_requirement) for e in gallery] == [
        (1, True, None, 1), (5, True, 1, 2), (8, False, 5, 3), (2, False, None, 1), (3, False, None, 1),
        (9, False, None, 1)]
    assert gallery[-1].requirement is None
    assert [e.id for e in state.current_evidence()] == [2, 3, 8, 9]
    assert state.neighbour(None, 1) == 1 and state.neighbour(8, 1) == 2 and state.neighbour(9, 1) == 9
    assert state.neighbour(1, -1) == 1 and state.first_of_requirement("storefront") == 8
    assert state.counts_by_requirement()["storefront"] == (1, 2)


def test_viewed_items_come_from_the_server_and_this_session():
    state = case_state()
    state.apply_review(ReviewState(case_id=1, status=CaseStatus.in_review, round=0, required_signoffs=2,
                                   my_views=[ViewSummary(evidence_id=1, views=1, total_ms=10)], unviewed=[2, 3, 9]))
    assert state.viewed == {1, 8} and state.unviewed() == [2, 3, 9]
    state.viewed.add(2)
    assert state.unviewed() == [3, 9]


def test_who_may_annotate_sign_and_claim():
    state = case_state()
    review = ReviewState(case_id=1, status=CaseStatus.in_review, round=0, required_signoffs=2,
                         assignees=[PersonRef(id=4, display_name="李娜")])
    state.apply_review(review)
    assert state.can_annotate(ZHANG) and state.can_sign(ZHANG) and state.can_claim(ZHANG)
    assert not state.can_annotate(LIU) and not state.can_sign(LIU) and not state.can_claim(LIU)
    state.apply_review(ReviewState(case_id=1, status=CaseStatus.rectification_requested, round=1,
                                   required_signoffs=2))
    assert state.can_annotate(ZHANG) and not state.can_sign(ZHANG)
    state.apply_review(ReviewState(case_id=1, status=CaseStatus.approved, round=1, required_signoffs=2))
    assert not state.can_annotate(ZHANG)


def test_who_may_arrange_the_live_survey_and_which_session_is_being_arranged():
    state = case_state()
    admin = UserOut(id=9, username="admin", display_name="管理员", role=Role.admin)
    li = UserOut(id=4, username="li", display_name="李娜", role=Role.officer)
    state.apply_review(ReviewState(case_id=1, status=CaseStatus.in_review, round=0, required_signoffs=2,
                                   assignees=[PersonRef(id=4, display_name="李娜")]))
    assert state.can_arrange_live(li) and state.can_arrange_live(admin)
    assert not state.can_arrange_live(ZHANG)  # an officer, but not on this case
    assert not state.can_arrange_live(LIU) and not state.can_arrange_live(None)
    state.apply_review(ReviewState(case_id=1, status=CaseStatus.approved, round=0, required_signoffs=2,
                                   assignees=[PersonRef(id=4, display_name="李娜")]))
    assert not state.can_arrange_live(li) and not state.can_arrange_live(admin)

    assert state.live_session() is None
    session = LiveSessionOut(id=3, case_id=1, state=LiveState.booked)
    state.live = LiveSessionList(items=[session, LiveSessionOut(id=2, case_id=1, state=LiveState.cancelled)])
    assert state.live_session() is session
    state.live = LiveSessionList(items=[LiveSessionOut(id=3, case_id=1, state=LiveState.cancelled)])
    assert state.live_session() is None


def test_evidence_points_use_the_file_gps_then_the_phone():
    state = CaseState(1, case=case_out())
    fence = CheckResult(name="geofence", status=CheckStatus.warn)
    state.evidence = [evidence(1, "storefront", gps=(30.5428, 119.9690), checks=[fence]),
                      evidence(2, "room", client=ClientCapture(lat=30.5427, lon=119.9691, accuracy_m=15)),
                      evidence(3, "video"), evidence(4, "room", gps=(0.0, 500.0))]
    points = state.evidence_points(lambda entry: entry.evidence.requirement_key)
    assert [(p.key, p.label, p.status, p.accuracy_m) for p in points] == [
        ("1", "storefront", CheckStatus.warn, None), ("2", "room", CheckStatus.unknown, 15)]
    assert location_status(state.evidence[0]) is CheckStatus.warn


def test_comments_thread_with_replies_under_their_parent():
    def comment(cid, parent=None):
        return CommentOut(id=cid, case_id=1, author=PersonRef(id=1, display_name="x"), body=str(cid), parent_id=parent)

    tree = comment_tree([comment(4, 1), comment(1), comment(2), comment(5, 4), comment(3, 1), comment(6, 99)])
    assert [(c.id, depth) for c, depth in tree] == [(1, 0), (3, 1), (4, 1), (5, 2), (2, 0), (6, 0)]


# ----- views -----

class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def test_the_tracker_reports_every_span_an_item_was_open():
    clock = Clock()
    tracker = ViewTracker(clock=clock, wall=lambda: NOW + timedelta(seconds=clock.t), flush_after_s=60)
    assert tracker.open(1) is None
    clock.t += 12.5
    report = tracker.open(2)
    assert (report.evidence_id, report.duration_ms, report.opened_at) == (1, 12500, NOW + timedelta(seconds=100))
    assert tracker.open(2) is None  # the same item again: still one view
    clock.t += 30
    assert tracker.tick() is None
    clock.t += 45
    long = tracker.tick()  # a long look is reported in spans
    assert (long.evidence_id, long.duration_ms) == (2, 75000)
    clock.t += 5
    checkpoint = tracker.checkpoint()
    assert checkpoint.duration_ms == 5000 and tracker.current == 2
    clock.t += 1
    assert tracker.close().duration_ms == 1000 and tracker.close() is None


def test_unsent_reports_wait_for_the_next_try():
    class Api:
        def __init__(self, fail_at):
            self.sent, self.fail_at = [], fail_at

        def record_view(self, evidence_id, duration_ms, opened_at):
            if evidence_id == self.fail_at:
                raise ServerUnreachable("http://server", "refused")
            self.sent.append(evidence_id)

    outbox = ViewOutbox()
    tracker = ViewTracker()
    for evidence_id in (1, 2, 3):
        outbox.add(tracker.open(evidence_id))
    outbox.add(tracker.close())
    result = send_reports(Api(fail_at=2), outbox.take())
    assert [r.evidence_id for r in result.sent] == [1] and isinstance(result.error, ServerUnreachable)
    outbox.put_back(result.unsent)
    assert outbox.pending_ids() == {2, 3}
    api = Api(fail_at=None)
    assert not send_reports(api, outbox.take()).unsent and api.sent == [2, 3]


# ----- saving annotations -----

def out(annotation_id: int, shape, version: int = 1) -> AnnotationOut:
    return AnnotationOut(id=annotation_id, evidence_id=4, author=PersonRef(id=3, display_name="张伟"), shape=shape,
                         version=version)


class AnnotationApi:
    def __init__(self, fail_on: str | None = None):
        self.calls, self.fail_on, self.next_id = [], fail_on, 100

    def delete_annotation(self, annotation_id, version):
        self.calls.append(("delete", annotation_id, version))
        if self.fail_on == "delete":
            raise ApiError(404, "not_found", "gone")

    def update_annotation(self, annotation_id, body):
        self.calls.append(("update", annotation_id, body.version))
        if self.fail_on == "update":
            raise ApiError(412, "stale_version", "stale")
        return out(annotation_id, body.shape, body.version + 1)

    def create_annotation(self, evidence_id, body):
        self.calls.append(("create", evidence_id, None))
        self.next_id += 1
        return out(self.next_id, body.shape)


def test_a_plan_is_sent_deletes_first_and_confirmed_piece_by_piece():
    saved = [Annotation.from_wire(out(1, Rect(x=0.1, y=0.1, w=0.1, h=0.1))),
             Annotation.from_wire(out(2, Arrow(x1=0.1, y1=0.1, x2=0.5, y2=0.5)))]
    document = AnnotationDocument(items=saved, saved=saved)
    document.remove(saved[0].key)
    document.replace(Annotation.from_wire(out(2, Arrow(x1=0.2, y1=0.2, x2=0.5, y2=0.5))))
    document.insert(Annotation(key="n-new", shape=Rect(x=0.5, y=0.5, w=0.2, h=0.2)))
    api = AnnotationApi()
    outcome = execute_plan(api, 4, document.plan())
    assert [c[0] for c in api.calls] == ["delete", "update", "create"] and outcome.ok and outcome.count == 3
    for sent, answer in outcome.saved:
        document.confirm(sent, answer)
    for sent in outcome.deleted:
        document.confirm_deleted(sent)
    assert not document.dirty

    # A stale version stops the plan; what went through is confirmed, the rest is sent later.
    document.replace(Annotation.from_wire(out(2, Arrow(x1=0.3, y1=0.3, x2=0.5, y2=0.5), version=2)))
    document.insert(Annotation(key="n-2", shape=Rect(x=0.6, y=0.6, w=0.1, h=0.1)))
    failed = execute_plan(AnnotationApi(fail_on="update"), 4, document.plan())
    assert not failed.ok and failed.error.code == "stale_version" and failed.count == 0
    # An annotation already gone from the server counts as deleted.
    gone = execute_plan(AnnotationApi(fail_on="delete"), 4, AnnotationDocument(saved=saved).plan())
    assert gone.ok and len(gone.deleted) == 2


def test_the_core_needs_no_qt():
    """reviewer_app.core runs without PySide6 (import-linter checks the imports; this checks the
    import graph at run time, in a fresh interpreter)."""
    import subprocess
    import sys

    modules = ["api", "events", "session", "state", "views", "saving", "annotations", "location", "format", "i18n",
               "case_session"]
    code = ("import sys\n" + "".join(f"import reviewer_app.core.{m}\n" for m in modules)
            + "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)
