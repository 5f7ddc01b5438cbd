"""The case session without a window or a display: the parts of a case loaded and reloaded, the
annotation save queue, and the views reported before signing. The API client talks to
httpx.MockTransport answering as the server would; background calls wait until the test lets
them answer, as the GUI thread would receive them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import msgspec
import pytest

from reviewer_app.core.annotations import Annotation
from reviewer_app.core.api import ApiClient
from reviewer_app.core.case_session import CaseSession, Part
from reviewer_app.core.session import Session
from reviewer_app.core.views import ViewOutbox
from shared.annotations import AnnotationList, AnnotationOut, Rect
from shared.discussion import CommentList
from shared.enums import CaseStatus, Verdict
from shared.models import AuditEventList, EvidenceList, OpinionIn, OpinionList, OpinionOut, PersonRef, ReviewState
from tests.reviewer_app.core.test_state import ZHANG, case_out, evidence

NOW = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
ME = PersonRef(id=ZHANG.id, display_name=ZHANG.display_name)


class Server:
    """The routes the session calls, over one case with two photos; it remembers what it was sent."""

    def __init__(self):
        self.requests: list[tuple[str, str]] = []
        self.annotations: list[AnnotationOut] = []
        self.refuse_saves_with: int | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        method, path = request.method, request.url.path.removeprefix("/api/v1")
        self.requests.append((method, path))
        answers = {
            ("GET", "/cases/1"): case_out(),
            ("GET", "/cases/1/evidence"): EvidenceList(items=[evidence(2, "room"), evidence(3, "storefront")]),
            ("GET", "/cases/1/review"): ReviewState(case_id=1, status=CaseStatus.in_review, round=0,
                                                    required_signoffs=2, assignees=[ME], assigned_to_me=True),
            ("GET", "/cases/1/opinions"): OpinionList(),
            ("GET", "/cases/1/comments"): CommentList(),
            ("GET", "/cases/1/history"): AuditEventList(),
            ("GET", "/evidence/2/annotations"): AnnotationList(items=self.annotations),
            ("GET", "/evidence/3/annotations"): AnnotationList(),
        }
        if (method, path) in answers:
            return httpx.Response(200, content=msgspec.json.encode(answers[(method, path)]))
        if method == "POST" and path == "/evidence/2/annotations":
            if self.refuse_saves_with:
                return httpx.Response(self.refuse_saves_with, json={"code": "stale_version", "message": "stale"})
            body = json.loads(request.content)
            out = AnnotationOut(id=100 + len(self.annotations), evidence_id=2, author=ME,
                                shape=msgspec.convert(body["shape"], Rect))
            self.annotations.append(out)
            return httpx.Response(201, content=msgspec.json.encode(out))
        if method == "POST" and path.endswith("/views"):
            return httpx.Response(201, json={"evidence_id": int(path.split("/")[2]), "views": 1, "total_ms": 1})
        if method == "POST" and path == "/cases/1/opinions":
            opinion = OpinionOut(id=7, case_id=1, round=0, officer=ME, signed_at=NOW, updated_at=NOW,
                                 verdict=Verdict.pass_)
            return httpx.Response(201, content=msgspec.json.encode(opinion))
        return httpx.Response(404, json={"code": "not_found", "message": path})


class Calls:
    """The session's background calls, in the order made; `answer()` delivers them one by one, as
    the GUI thread would receive their results."""

    def __init__(self):
        self.pending: list[tuple[str, object, object, object]] = []

    def __call__(self, work, on_done, on_error=None, *, name: str, priority: int = 0):
        self.pending.append((name, work, on_done, on_error))

    def names(self) -> list[str]:
        return [name for name, *_ in self.pending]

    def answer(self, count: int | None = None) -> None:
        while self.pending and (count is None or count > 0):
            _name, work, on_done, on_error = self.pending.pop(0)
            try:
                value = work()
            except Exception as exc:
                on_error(exc)
            else:
                on_done(value)
            count = None if count is None else count - 1


class Login:
    """The login the session belongs to: its view reports wait in the outbox; failures are kept."""

    def __init__(self):
        self.view_outbox = ViewOutbox()
        self.failures: list[BaseException] = []

    def send_views(self, reports=()) -> None:
        for report in reports:
            self.view_outbox.add(report)

    def views_sent(self, result) -> None:
        self.view_outbox.put_back(result.unsent)

    def report_failure(self, exc: BaseException) -> None:
        self.failures.append(exc)

    def report_success(self) -> None:
        pass


class Heard:
    """Writes down what the session tells the window, by name."""

    def __init__(self):
        self.said: list[str] = []

    def __getattr__(self, name: str):
        return lambda *args: self.said.append(name)


@pytest.fixture
def server():
    return Server()


@pytest.fixture
def world(server):
    session = Session("127.0.0.1:8000")
    api = ApiClient(session, transport=httpx.MockTransport(server))
    calls, login, heard = Calls(), Login(), Heard()
    return CaseSession(1, api, ZHANG, run=calls, login=login, listener=heard), calls, login, heard


def opened(world, evidence_id: int = 2) -> CaseSession:
    """The case loaded and one item shown with its annotations."""
    case, calls, _, _ = world
    case.reload()
    calls.answer()
    case.show(case.state.evidence_by_id(evidence_id))
    calls.answer()
    return case


def test_the_parts_load_apart_the_history_only_while_watched(world):
    case, calls, _, heard = world
    case.reload()
    assert calls.names() == ["case case", "case evidence", "case review", "case comments"]
    calls.answer()
    assert case.loaded_parts == {Part.case, Part.evidence, Part.review, Part.comments}
    assert case.state.case.reference == "TK-2026-000001" and [e.id for e in case.state.evidence] == [2, 3]
    case.reload()
    calls.answer()
    assert heard.said.count("case_ready") == 1  # the first time only
    case.watch(Part.history, True)
    assert calls.names() == ["case history"]
    calls.answer()
    assert Part.history in case.loaded_parts


def test_an_event_reloads_what_it_names(world):
    case, calls, _, _ = world
    assert not case.note_event("comment.added", case_id=99)  # another case
    assert case.note_event("comment.added", case_id=1) and case.note_event("case.claimed", case_id=1)
    case.reload_pending()
    assert calls.names() == ["case case", "case review", "case comments"]
    case.watch(Part.history, True)
    calls.answer()
    assert case.note_event("evidence.added", case_id=1)
    case.reload_pending()
    assert calls.names() == ["case case", "case evidence", "case review", "case history"]


def test_one_save_at_a_time_and_an_edit_made_meanwhile_goes_next(world, server):
    case = opened(world)
    _, calls, _, heard = world
    document = case.documents[2]
    assert case.display.document is document and "annotations_arrived" in heard.said
    document.insert(Annotation(key="n-1", shape=Rect(x=0.1, y=0.1, w=0.2, h=0.2)))
    case.save_current()
    assert case.saving == {2} and calls.names() == ["save annotations"]
    document.insert(Annotation(key="n-2", shape=Rect(x=0.5, y=0.5, w=0.1, h=0.1)))
    case.save_current()
    assert calls.names() == ["save annotations"]  # the second waits for the first
    calls.answer(1)
    assert calls.names() == ["save annotations"] and case.saving == {2}  # the edit made meanwhile
    calls.answer()
    assert not case.saving and not case.has_unsaved() and len(server.annotations) == 2
    assert heard.said.count("annotations_saved") == 2


def test_a_refused_save_is_kept_and_a_conflict_takes_the_servers_annotations(world, server):
    case = opened(world)
    _, calls, login, _ = world
    server.refuse_saves_with = 412
    case.documents[2].insert(Annotation(key="n-1", shape=Rect(x=0.1, y=0.1, w=0.2, h=0.2)))
    case.save_all()
    calls.answer()
    assert 2 not in case.documents and case.save_errors[2].status == 412
    assert login.failures == [case.save_errors[2]]


def test_signing_reports_the_item_on_screen_first(world, server):
    case = opened(world)
    _, calls, login, heard = world
    server.requests.clear()
    case.sign(OpinionIn(verdict=Verdict.pass_))
    calls.answer()
    assert server.requests[:2] == [("POST", "/evidence/2/views"), ("POST", "/cases/1/opinions")]
    assert "opinion_signed" in heard.said and not len(login.view_outbox)


def test_closing_reports_the_last_view_and_saves_what_is_unsaved(world, server):
    case = opened(world)
    _, calls, login, heard = world
    case.documents[2].insert(Annotation(key="n-1", shape=Rect(x=0.1, y=0.1, w=0.2, h=0.2)))
    case.close()
    assert case.closed and login.view_outbox.pending_ids() == {2}
    said = len(heard.said)
    calls.answer()
    assert not case.documents[2].dirty and len(server.annotations) == 1
    assert len(heard.said) == said  # the window is gone: nobody is told
