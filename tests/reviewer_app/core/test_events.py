"""The event stream reader: server-sent events parsed by the rules, delivered in order, and the
connection resumed with Last-Event-ID after the server ends it or goes away."""

from __future__ import annotations

import json
import threading

import httpx

from reviewer_app.core.api import ApiClient, ApiError, ServerUnreachable
from reviewer_app.core.events import EventStream, SseParser, StreamState
from reviewer_app.core.session import Session


def test_the_parser_follows_the_sse_rules():
    parser = SseParser()
    lines = [": keep-alive", "", "retry: 3000", "event: case.submitted", "id: 7", 'data: {"a":', "data: 1}", "",
             "data: plain", "", "id: 9", "", "event: x", "", "data:no-space", ""]
    messages = list(parser.messages(lines))
    assert [(m.event, m.data, m.id) for m in messages] == [
        ("case.submitted", '{"a":\n1}', "7"), ("message", "plain", "7"), ("message", "no-space", "9")]
    assert parser.retry_ms == 3000 and parser.last_id == "9"


def sse(event_id: int, kind: str = "case.submitted", case_id: int = 1) -> str:
    body = {"id": event_id, "kind": kind, "case_id": case_id, "created_at": "2026-11-02T02:00:00Z",
            "payload": {"reference": "TK-2026-000001"}}
    return f"event: {kind}\nid: {event_id}\ndata: {json.dumps(body)}\n\n"


def test_events_are_delivered_and_the_stream_resumes_from_the_last_id():
    requests: list[httpx.Request] = []
    plan = [
        lambda: httpx.Response(200, text=sse(1) + ": keep-alive\n\n" + sse(2, "opinion.signed"),
                               headers={"content-type": "text/event-stream"}),
        lambda: (_ for _ in ()).throw(httpx.ConnectError("refused")),
        lambda: httpx.Response(200, text=sse(3, "case.decided"), headers={"content-type": "text/event-stream"}),
    ]
    events, states = [], []
    stream: EventStream | None = None

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if len(requests) > len(plan):
            stream.stop()
            raise httpx.ConnectError("done")
        return plan[len(requests) - 1]()

    api = ApiClient(Session("http://server"), transport=httpx.MockTransport(handler))
    stream = EventStream(api, on_event=events.append, on_state=states.append, after=None, backoff=(0.0,),
                         seconds=30)
    stream.run()
    assert [(e.id, e.kind) for e in events] == [(1, "case.submitted"), (2, "opinion.signed"), (3, "case.decided")]
    assert "last-event-id" not in requests[0].headers and "after" not in requests[0].url.params
    assert requests[1].headers["last-event-id"] == "2" and requests[2].headers["last-event-id"] == "2"
    assert requests[0].url.params["seconds"] == "30"
    connected = [s.connected for s in states]
    assert connected[:3] == [True, False, True]
    assert isinstance(states[1].error, ServerUnreachable) and states[1].retry_in_s == 0.0
    assert stream.last_id == 3 and stream.connections == 2


def test_a_refused_login_ends_the_stream():
    api = ApiClient(Session("http://server"), transport=httpx.MockTransport(
        lambda r: httpx.Response(401, json={"code": "invalid_token", "message": "expired", "detail": {}})))
    states: list[StreamState] = []
    EventStream(api, on_event=lambda e: None, on_state=states.append, backoff=(0.0,)).run()
    assert len(states) == 1 and isinstance(states[0].error, ApiError)
    assert states[0].error.code == "session_expired"


def test_stop_wakes_a_reader_waiting_to_retry():
    api = ApiClient(Session("http://server"), transport=httpx.MockTransport(
        lambda r: (_ for _ in ()).throw(httpx.ConnectError("refused"))))
    stream = EventStream(api, on_event=lambda e: None, backoff=(60.0,))
    thread = threading.Thread(target=stream.run)
    thread.start()
    threading.Event().wait(0.2)
    stream.stop()
    thread.join(5)
    assert not thread.is_alive()
