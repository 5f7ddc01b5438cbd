"""The API client without a server or a display: httpx.MockTransport answers as the server would,
or fails as a network does."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone

import httpx
import msgspec
import pytest

from reviewer_app.core.api import ApiClient, ApiError, Cancelled, QueueQuery, ServerUnreachable
from reviewer_app.core.session import Session, normalise_server_url
from shared.annotations import AnnotationIn, Rect
from shared.enums import CaseStatus
from shared.models import LoginResponse

USER = {"id": 7, "username": "zhang", "display_name": "张伟", "role": "officer"}


def login_body(token: str = "t1") -> dict:
    return {"token": token, "expires_at": "2030-01-01T00:00:00Z", "user": USER}


def error(status: int, code: str, message: str = "nope", detail: dict | None = None, headers=None) -> httpx.Response:
    return httpx.Response(status, json={"code": code, "message": message, "detail": detail or {}}, headers=headers)


def client(handler) -> ApiClient:
    return ApiClient(Session("127.0.0.1:8000"), transport=httpx.MockTransport(handler))


# ----- server URLs -----

@pytest.mark.parametrize(("text", "expected"), [
    ("127.0.0.1:8000", "http://127.0.0.1:8000"),
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
    ("https://takan.example.gov.cn/api/v1/", "https://takan.example.gov.cn"),
    ("  https://gw.example.cn/takan/api/v1  ", "https://gw.example.cn/takan"),
])
def test_server_urls_are_normalised(text, expected):
    assert normalise_server_url(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "ftp://host", "http://", "http://host:99999"])
def test_bad_server_urls_are_refused(text):
    with pytest.raises(ValueError):
        normalise_server_url(text)


def test_links_from_the_server_become_absolute():
    session = Session("https://gw.example.cn/takan/")
    assert session.api_url("/cases/3") == "https://gw.example.cn/takan/api/v1/cases/3"
    assert session.api_url("/api/v1/media/3/original?sig=x") == "https://gw.example.cn/takan/api/v1/media/3/original?sig=x"


# ----- answers and errors -----

def test_login_stores_the_token_and_sends_it():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.method, request.url.path, request.headers.get("authorization")))
        if request.url.path == "/api/v1/auth/login":
            assert json.loads(request.content) == {"username": "zhang", "password": "secret pw"}
            return httpx.Response(200, json=login_body())
        return httpx.Response(200, json={**USER})

    api = client(handler)
    result = api.login(" zhang ", "secret pw")
    assert result.user.display_name == "张伟" and api.session.token == "t1"
    assert api.me().username == "zhang"
    assert seen == [("POST", "/api/v1/auth/login", None), ("GET", "/api/v1/me", "Bearer t1")]
    assert api.session.can_review and not api.session.is_auditor


def test_the_error_body_becomes_one_exception_type():
    api = client(lambda r: error(409, "unviewed_evidence", "open every piece of evidence",
                                 {"unviewed": [{"evidence_id": 3, "requirement_key": "room", "kind": "photo"}],
                                  "message_zh": "签署前须逐一查看全部材料"}))
    with pytest.raises(ApiError) as caught:
        api.review_state(1)
    exc = caught.value
    assert (exc.status, exc.code, exc.message) == (409, "unviewed_evidence", "open every piece of evidence")
    assert exc.detail["unviewed"][0]["evidence_id"] == 3 and exc.message_zh.startswith("签署前")


def test_a_locked_login_says_how_long_to_wait():
    api = client(lambda r: error(429, "login_locked", "too many", {"retry_after_s": 290},
                                 headers={"Retry-After": "290"}))
    with pytest.raises(ApiError) as caught:
        api.login("zhao", "x")
    assert caught.value.code == "login_locked" and caught.value.retry_after_s == 290


def test_a_proxy_page_or_a_broken_answer_is_still_an_api_error():
    api = client(lambda r: httpx.Response(502, text="<html>Bad Gateway</html>"))
    with pytest.raises(ApiError) as caught:
        api.case(1)
    assert caught.value.status == 502 and caught.value.code == "http_error"
    api = client(lambda r: httpx.Response(200, json={"not": "a case"}))
    with pytest.raises(ApiError) as caught:
        api.case(1)
    assert caught.value.code == "bad_response"


@pytest.mark.parametrize(("failure", "timeout"), [
    (httpx.ConnectError("refused"), False),
    (httpx.ReadTimeout("slow"), True),
    (httpx.RemoteProtocolError("cut off"), False),
])
def test_no_answer_is_server_unreachable(failure, timeout):
    def handler(request):
        raise failure

    api = client(handler)
    with pytest.raises(ServerUnreachable) as caught:
        api.queue(QueueQuery())
    assert caught.value.timeout is timeout and caught.value.url == "http://127.0.0.1:8000"
    assert not isinstance(caught.value, ApiError)


def test_an_expired_token_is_renewed_once_with_the_remembered_password():
    logins = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/login"):
            logins.append(1)
            return httpx.Response(200, json=login_body(f"t{len(logins)}"))
        if request.headers["authorization"] == "Bearer t1":
            return error(401, "invalid_token", "expired")
        return httpx.Response(200, json={"items": [], "counts": {"submitted": 2}})

    api = client(handler)
    api.login("zhang", "secret pw")
    page = api.queue(QueueQuery())
    assert page.counts == {"submitted": 2} and api.session.token == "t2" and api.session.renewals == 1


def test_without_a_password_an_expired_token_is_session_expired():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/login"):
            return httpx.Response(200, json=login_body())
        return error(401, "invalid_token", "expired")

    api = client(handler)
    api.login("zhang", "secret pw", remember_password=False)
    with pytest.raises(ApiError) as caught:
        api.review_state(1)
    assert caught.value.code == "session_expired"


def test_concurrent_calls_renew_the_token_once():
    logins = []
    gate = threading.Barrier(4)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/login"):
            logins.append(1)
            return httpx.Response(200, json=login_body(f"t{len(logins)}"))
        if request.headers["authorization"] == "Bearer t1":
            return error(401, "invalid_token", "expired")
        return httpx.Response(200, json={"items": []})

    api = client(handler)
    api.login("zhang", "pw")
    results = []

    def call():
        gate.wait()
        results.append(api.opinions(1))

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and len(logins) == 2  # the first login, and one renewal


def test_queue_filters_become_query_parameters():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.params.multi_items())
        return httpx.Response(200, json={"items": [], "counts": {}, "next_cursor": None})

    api = client(handler)
    query = QueueQuery(statuses=(CaseStatus.submitted, CaseStatus.in_review), item_type="mini_clinic",
                       assigned="me", overdue=True, due_within=2, q=" 康宁 ", sort="flags", limit=20)
    api.queue(query, cursor="abc")
    assert seen[0] == [("status", "submitted"), ("status", "in_review"), ("item_type", "mini_clinic"),
                       ("assigned", "me"), ("overdue", "true"), ("due_within", "2"), ("q", "康宁"),
                       ("sort", "flags"), ("limit", "20"), ("cursor", "abc")]


def test_annotations_are_sent_as_the_shared_structs():
    bodies = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append((request.method, request.url.path, json.loads(request.content) if request.content else None,
                       dict(request.url.params)))
        out = {"id": 9, "evidence_id": 4, "author": {"id": 7, "display_name": "张伟"}, "version": 2,
               "shape": {"type": "rect", "x": 0.1, "y": 0.1, "w": 0.2, "h": 0.2}}
        return httpx.Response(201 if request.method == "POST" else 200, json=out)

    api = client(handler)
    created = api.create_annotation(4, AnnotationIn(shape=Rect(x=0.1, y=0.1, w=0.2, h=0.2), label="缺"))
    assert created.id == 9 and created.shape == Rect(x=0.1, y=0.1, w=0.2, h=0.2)
    api.delete_annotation(9, 2)
    assert bodies[0][2]["shape"] == {"type": "rect", "x": 0.1, "y": 0.1, "w": 0.2, "h": 0.2}
    assert bodies[1][:2] == ("DELETE", "/api/v1/annotations/9") and bodies[1][3] == {"version": "2"}


def test_views_report_utc_and_clamp_the_duration():
    bodies = []

    def handler(request):
        bodies.append(json.loads(request.content))
        return httpx.Response(200, json={"evidence_id": 3, "views": 1, "total_ms": 1})

    api = client(handler)
    opened = datetime(2026, 11, 2, 10, 0, tzinfo=timezone(timedelta(hours=8)))
    api.record_view(3, -5, opened)
    assert bodies[0] == {"duration_ms": 0, "opened_at": "2026-11-02T02:00:00Z"}


# ----- downloads -----

def test_a_download_streams_to_the_file_with_progress(tmp_path):
    payload = bytes(range(256)) * 4096  # 1 MiB

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == "Bearer t1"
        return httpx.Response(200, content=payload, headers={"Content-Length": str(len(payload))})

    api = client(handler)
    api.session.logged_in_as(msgspec.convert(login_body(), type=LoginResponse), None)
    seen = []
    target = tmp_path / "case.zip"
    progress = api.download("/cases/1/archive", target, on_progress=lambda p: seen.append((p.done, p.total)),
                            progress_interval_s=0)
    assert target.read_bytes() == payload and progress.done == len(payload)
    assert seen[-1] == (len(payload), len(payload)) and len(seen) > 2


def test_a_refused_or_cancelled_download_leaves_no_file(tmp_path):
    api = client(lambda r: error(403, "role_forbidden", "only auditors"))
    with pytest.raises(ApiError) as caught:
        api.download("/cases/1/archive", tmp_path / "a.zip")
    assert caught.value.code == "role_forbidden"
    api = client(lambda r: httpx.Response(200, content=b"x" * 2_000_000))
    with pytest.raises(Cancelled):
        api.download("/cases/1/archive", tmp_path / "b.zip", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []
