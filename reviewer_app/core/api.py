"""The server's HTTP API as typed Python calls (httpx, synchronous; no Qt).

Every method blocks, so the Qt side calls them from worker threads (reviewer_app.qt.workers);
one `httpx.Client` with a connection pool is shared by those threads (httpx clients may be shared
between threads). Answers are decoded with msgspec into the shared wire Structs.

Failures come as two exception types a window can show plainly:
- `ApiError`: the server answered with an error (its one error body: status, code, message,
  detail), or with something that is not the expected JSON;
- `ServerUnreachable`: no answer at all (refused, timed out, cut off, bad address).

An expired token (401 invalid_token) is renewed once by logging in again with the credentials the
session keeps in memory, and the request is repeated; when that is impossible the 401 comes out
as an ApiError with code "session_expired".
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
import msgspec

from reviewer_app.core.session import Credentials, Session
from shared.annotations import AnnotationIn, AnnotationList, AnnotationOut, AnnotationUpdate
from shared.discussion import CommentIn, CommentList, CommentOut
from shared.enums import CaseStatus
from shared.live import LiveCancelIn, LiveOfferIn, LiveRescheduleIn, LiveSessionList, LiveSessionOut
from shared.models import (
    AuditEventList,
    CaseOut,
    ErrorBody,
    EventList,
    EvidenceList,
    EvidenceOut,
    ItemTypeList,
    LoginRequest,
    LoginResponse,
    OpinionIn,
    OpinionList,
    OpinionOut,
    OpinionUpdate,
    QueuePage,
    ReviewState,
    UserOut,
    ViewIn,
    ViewSummary,
)

T = TypeVar("T")

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 30.0
USER_AGENT = "takan-reviewer/0.1"
# Evidence file variants the server keeps.
VARIANTS = ("original", "thumb_256", "thumb_1280", "poster")


class ClientError(Exception):
    """Anything that went wrong talking to the server."""


class ApiError(ClientError):
    """The server answered with an error. `code` is the machine-readable reason (e.g.
    "bad_credentials", "unviewed_evidence"), `message` the server's English sentence, `detail`
    the structured rest (e.g. detail["unviewed"], detail["message_zh"])."""

    def __init__(self, status: int, code: str, message: str, detail: dict | None = None, *,
                 retry_after_s: float | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail or {}
        self.retry_after_s = retry_after_s

    @property
    def message_zh(self) -> str:
        value = self.detail.get("message_zh")
        return value if isinstance(value, str) else ""


class ServerUnreachable(ClientError):
    """No answer from the server: connection refused or reset, timeout, name not resolved."""

    def __init__(self, url: str, reason: str, *, timeout: bool = False):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.timeout = timeout


class Cancelled(ClientError):
    """A long transfer was stopped by the caller."""


def error_from_response(response: httpx.Response) -> ApiError:
    """The ApiError for an error response, whatever its body (the server's error body, a proxy's
    HTML page, nothing)."""
    retry_after = None
    header = response.headers.get("retry-after", "")
    if header.isdigit():
        retry_after = float(header)
    try:
        body = msgspec.json.decode(response.content, type=ErrorBody)
    except (msgspec.DecodeError, msgspec.ValidationError):
        text = response.text.strip().splitlines()[0][:200] if response.text.strip() else ""
        return ApiError(response.status_code, "http_error", text or response.reason_phrase or "error",
                        retry_after_s=retry_after)
    if retry_after is None and isinstance(body.detail.get("retry_after_s"), int | float):
        retry_after = float(body.detail["retry_after_s"])
    return ApiError(response.status_code, body.code, body.message, body.detail, retry_after_s=retry_after)


@dataclass(frozen=True, slots=True)
class QueueQuery:
    """The review queue's filters and order, as GET /review/queue takes them. No statuses: the
    cases waiting for review (submitted and in review)."""

    statuses: tuple[CaseStatus, ...] = ()
    item_type: str | None = None
    assigned: str | None = None  # "me" | "unassigned"
    overdue: bool = False
    due_within: int | None = None  # working days
    q: str = ""
    sort: str = "due"  # "due" | "submitted" | "flags"
    limit: int = 50

    def params(self, cursor: str | None = None) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = [("status", s.value) for s in self.statuses]
        if self.item_type:
            params.append(("item_type", self.item_type))
        if self.assigned:
            params.append(("assigned", self.assigned))
        if self.overdue:
            params.append(("overdue", "true"))
        if self.due_within is not None:
            params.append(("due_within", str(self.due_within)))
        if self.q.strip():
            params.append(("q", self.q.strip()))
        params.append(("sort", self.sort))
        params.append(("limit", str(self.limit)))
        if cursor:
            params.append(("cursor", cursor))
        return params


@dataclass(slots=True)
class Progress:
    """How far a download is: bytes so far and the total when the server said it."""

    done: int = 0
    total: int | None = None
    started: float = field(default_factory=time.monotonic)

    @property
    def fraction(self) -> float | None:
        return self.done / self.total if self.total else None


_decoders: dict[Any, msgspec.json.Decoder] = {}


def _decoder(kind: Any) -> msgspec.json.Decoder:
    decoder = _decoders.get(kind)
    if decoder is None:
        decoder = _decoders[kind] = msgspec.json.Decoder(kind)
    return decoder


class ApiClient:
    """Typed calls to one server for one session."""

    def __init__(self, session: Session, *, transport: httpx.BaseTransport | None = None,
                 connect_timeout: float = CONNECT_TIMEOUT_S, read_timeout: float = READ_TIMEOUT_S,
                 max_connections: int = 16):
        self.session = session
        self._timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        if transport is None:
            # One retry of a failed connect: a pooled connection the server closed while idle.
            transport = httpx.HTTPTransport(retries=1, limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections))
        self._http = httpx.Client(transport=transport, timeout=self._timeout, follow_redirects=False,
                                  headers={"User-Agent": USER_AGENT, "Accept": "application/json"})

    def close(self) -> None:
        self._http.close()

    # ----- plumbing -----

    def _headers(self, auth: bool, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = dict(extra or {})
        token = self.session.token if auth else None
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def _send(self, method: str, path: str, *, params: Any = None, json: Any = None, auth: bool = True,
              headers: dict[str, str] | None = None, timeout: httpx.Timeout | None = None) -> httpx.Response:
        url = self.session.api_url(path)
        content = msgspec.json.encode(json) if json is not None else None
        all_headers = self._headers(auth, headers)
        if content is not None:
            all_headers["Content-Type"] = "application/json"
        used_token = all_headers.get("Authorization")
        response = self._transport_call(method, url, params=params, content=content, headers=all_headers,
                                        timeout=timeout)
        if auth and response.status_code == 401 and self._renew_token(used_token):
            all_headers = {**all_headers, **self._headers(True)}
            response = self._transport_call(method, url, params=params, content=content, headers=all_headers,
                                            timeout=timeout)
        return response

    def _transport_call(self, method: str, url: str, **kwargs) -> httpx.Response:
        try:
            return self._http.request(method, url, **{k: v for k, v in kwargs.items() if v is not None})
        except httpx.TimeoutException as exc:
            raise ServerUnreachable(self.session.server_url, _reason(exc), timeout=True) from exc
        except (httpx.TransportError, OSError) as exc:
            raise ServerUnreachable(self.session.server_url, _reason(exc)) from exc

    def _renew_token(self, used: str | None) -> bool:
        """After a 401: log in again with the remembered credentials (once, whichever thread gets
        here first). True when there is a new token to retry with."""
        with self.session.lock:
            current = self.session.token
            if current and used != f"Bearer {current}":
                return True  # another thread renewed it meanwhile
            credentials = self.session.credentials()
            if credentials is None:
                return False
            try:
                self._login(credentials)
            except ApiError:
                self.session.forget_password()
                return False
            self.session.renewals += 1
            return True

    def _request(self, method: str, path: str, kind: type[T] | None = None, **kwargs) -> T:
        response = self._send(method, path, **kwargs)
        return self._decode(response, kind)

    def _decode(self, response: httpx.Response, kind: Any) -> Any:
        if response.status_code >= 400:
            error = error_from_response(response)
            if response.status_code == 401 and error.code in ("invalid_token", "unauthorized"):
                error = ApiError(401, "session_expired", error.message, error.detail)
            raise error
        if kind is None:
            return None
        try:
            return _decoder(kind).decode(response.content)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise ApiError(response.status_code, "bad_response",
                           f"the server's answer could not be read: {exc}") from exc

    # ----- accounts -----

    def _login(self, credentials: Credentials) -> LoginResponse:
        response = self._transport_call(
            "POST", self.session.api_url("/auth/login"),
            content=msgspec.json.encode(LoginRequest(username=credentials.username, password=credentials.password)),
            headers={"Content-Type": "application/json"})
        result = self._decode(response, LoginResponse)
        self.session.logged_in_as(result, credentials)
        return result

    def login(self, username: str, password: str, *, remember_password: bool = True) -> LoginResponse:
        """Log in; the session then holds the token and the user. With `remember_password`, the
        password stays in memory to renew an expired token."""
        credentials = Credentials(username.strip(), password)
        with self.session.lock:
            result = self._login(credentials)
            if not remember_password:
                self.session.forget_password()
        return result

    def logout(self) -> None:
        """Revoke the token on the server (best effort) and forget it here."""
        try:
            if self.session.token:
                self._send("POST", "/auth/logout")
        except ClientError:
            pass
        finally:
            self.session.clear()

    def me(self) -> UserOut:
        return self._request("GET", "/me", UserOut)

    def health(self) -> bool:
        response = self._send("GET", "/health", auth=False)
        return response.status_code == 200

    # ----- catalogue and queue -----

    def item_types(self) -> ItemTypeList:
        return self._request("GET", "/item-types", ItemTypeList)

    def queue(self, query: QueueQuery, cursor: str | None = None) -> QueuePage:
        return self._request("GET", "/review/queue", QueuePage, params=query.params(cursor))

    # ----- one case -----

    def case(self, case_id: int) -> CaseOut:
        return self._request("GET", f"/cases/{case_id}", CaseOut)

    def evidence(self, case_id: int) -> EvidenceList:
        return self._request("GET", f"/cases/{case_id}/evidence", EvidenceList)

    def evidence_item(self, evidence_id: int) -> EvidenceOut:
        return self._request("GET", f"/evidence/{evidence_id}", EvidenceOut)

    def review_state(self, case_id: int) -> ReviewState:
        return self._request("GET", f"/cases/{case_id}/review", ReviewState)

    def claim(self, case_id: int) -> ReviewState:
        return self._request("POST", f"/cases/{case_id}/claim", ReviewState)

    def record_view(self, evidence_id: int, duration_ms: int, opened_at: datetime | None = None) -> ViewSummary:
        body = ViewIn(duration_ms=max(0, min(int(duration_ms), 24 * 3600 * 1000)),
                      opened_at=opened_at.astimezone(UTC) if opened_at else None)
        return self._request("POST", f"/evidence/{evidence_id}/views", ViewSummary, json=body)

    def history(self, case_id: int) -> AuditEventList:
        """Every audit event of the case, oldest first (all pages)."""
        items = []
        cursor = None
        for _ in range(100):
            params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            page = self._request("GET", f"/cases/{case_id}/history", AuditEventList, params=params)
            items.extend(page.items)
            cursor = page.next_cursor
            if not cursor:
                break
        return AuditEventList(items=items)

    # ----- files -----

    def evidence_file(self, evidence_id: int, variant: str = "original") -> bytes:
        """An evidence file (the original or a derivative) with the bearer token."""
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}")
        response = self._send("GET", f"/evidence/{evidence_id}/file/{variant}", headers={"Accept": "*/*"},
                              timeout=httpx.Timeout(120, connect=self._timeout.connect))
        if response.status_code >= 400:
            raise error_from_response(response)
        return response.content

    def media_url(self, link: str) -> str:
        """The absolute URL of a signed link from an evidence item's `urls` (no token needed)."""
        return self.session.api_url(link)

    def download(self, path: str, destination: Path, *, on_progress: Callable[[Progress], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, progress_interval_s: float = 0.1) -> Progress:
        """Stream an API path (e.g. /cases/7/archive) into `destination`, written to a temp file
        beside it and renamed at the end, so a failed or cancelled download leaves nothing behind.
        `on_progress` is called at most every `progress_interval_s` and once at the end."""
        destination = Path(destination)
        url = self.session.api_url(path)
        progress = Progress()
        fd, temp_name = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                with self._stream("GET", url, headers={"Accept": "*/*"}) as response:
                    if response.status_code >= 400:
                        response.read()
                        raise error_from_response(response)
                    length = response.headers.get("content-length", "")
                    progress.total = int(length) if length.isdigit() else None
                    last = 0.0
                    try:
                        for chunk in response.iter_bytes(256 * 1024):
                            if cancelled is not None and cancelled():
                                raise Cancelled("download cancelled")
                            out.write(chunk)
                            progress.done += len(chunk)
                            now = time.monotonic()
                            if on_progress is not None and now - last >= progress_interval_s:
                                last = now
                                on_progress(progress)
                    except httpx.TransportError as exc:
                        raise ServerUnreachable(self.session.server_url, _reason(exc)) from exc
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp_name, destination)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)
        if on_progress is not None:
            on_progress(progress)
        return progress

    @contextlib.contextmanager
    def _stream(self, method: str, url: str, *, headers: dict[str, str] | None = None, params: Any = None,
                timeout: httpx.Timeout | None = None) -> Iterator[httpx.Response]:
        """A streamed request with the token (renewed once after a 401, as for other calls)."""
        for attempt in range(2):
            all_headers = self._headers(True, headers)
            used = all_headers.get("Authorization")
            try:
                with self._http.stream(method, url, headers=all_headers, params=params,
                                       timeout=timeout or httpx.Timeout(None, connect=self._timeout.connect)) as resp:
                    if resp.status_code == 401 and attempt == 0:
                        resp.read()
                        if self._renew_token(used):
                            continue
                    yield resp
                    return
            except httpx.TimeoutException as exc:
                raise ServerUnreachable(self.session.server_url, _reason(exc), timeout=True) from exc
            except httpx.TransportError as exc:
                raise ServerUnreachable(self.session.server_url, _reason(exc)) from exc

    def archive_path(self, case_id: int) -> str:
        return f"/cases/{case_id}/archive"

    # ----- annotations -----

    def annotations(self, evidence_id: int) -> AnnotationList:
        return self._request("GET", f"/evidence/{evidence_id}/annotations", AnnotationList)

    def create_annotation(self, evidence_id: int, body: AnnotationIn) -> AnnotationOut:
        return self._request("POST", f"/evidence/{evidence_id}/annotations", AnnotationOut, json=body)

    def update_annotation(self, annotation_id: int, body: AnnotationUpdate) -> AnnotationOut:
        return self._request("PUT", f"/annotations/{annotation_id}", AnnotationOut, json=body)

    def delete_annotation(self, annotation_id: int, version: int) -> AnnotationOut:
        return self._request("DELETE", f"/annotations/{annotation_id}", AnnotationOut, params={"version": version})

    # ----- comments -----

    def comments(self, case_id: int) -> CommentList:
        items = []
        cursor = None
        for _ in range(100):
            params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            page = self._request("GET", f"/cases/{case_id}/comments", CommentList, params=params)
            items.extend(page.items)
            cursor = page.next_cursor
            if not cursor:
                break
        return CommentList(items=items)

    def add_comment(self, case_id: int, body: CommentIn) -> CommentOut:
        return self._request("POST", f"/cases/{case_id}/comments", CommentOut, json=body)

    # ----- opinions -----

    def opinions(self, case_id: int) -> OpinionList:
        return self._request("GET", f"/cases/{case_id}/opinions", OpinionList)

    def sign(self, case_id: int, body: OpinionIn) -> OpinionOut:
        return self._request("POST", f"/cases/{case_id}/opinions", OpinionOut, json=body)

    def change_opinion(self, case_id: int, opinion_id: int, body: OpinionUpdate) -> OpinionOut:
        return self._request("PUT", f"/cases/{case_id}/opinions/{opinion_id}", OpinionOut, json=body)

    # ----- live survey booking -----

    def live_sessions(self, case_id: int) -> LiveSessionList:
        return self._request("GET", f"/cases/{case_id}/live-sessions", LiveSessionList)

    def offer_live(self, case_id: int, body: LiveOfferIn) -> LiveSessionOut:
        return self._request("POST", f"/cases/{case_id}/live-sessions", LiveSessionOut, json=body)

    def reschedule_live(self, case_id: int, session_id: int, body: LiveRescheduleIn) -> LiveSessionOut:
        return self._request("POST", f"/cases/{case_id}/live-sessions/{session_id}/reschedule", LiveSessionOut,
                             json=body)

    def cancel_live(self, case_id: int, session_id: int, body: LiveCancelIn) -> LiveSessionOut:
        return self._request("POST", f"/cases/{case_id}/live-sessions/{session_id}/cancel", LiveSessionOut,
                             json=body)

    # ----- notifications -----

    def events(self, after: int = 0, limit: int = 100) -> EventList:
        return self._request("GET", "/events", EventList, params={"after": after, "limit": limit})

    @contextlib.contextmanager
    def event_stream(self, *, after: int | None, last_event_id: int | None, seconds: int,
                     read_timeout: float) -> Iterator[httpx.Response]:
        """GET /events/stream, open; iterate its lines. Raises ApiError for an error answer."""
        params = {"seconds": seconds}
        if after is not None:
            params["after"] = after
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        timeout = httpx.Timeout(read_timeout, connect=self._timeout.connect)
        with self._stream("GET", self.session.api_url("/events/stream"), headers=headers, params=params,
                          timeout=timeout) as response:
            if response.status_code >= 400:
                response.read()
                raise self._error_with_session(response)
            yield response

    def _error_with_session(self, response: httpx.Response) -> ApiError:
        try:
            self._decode(response, None)
        except ApiError as exc:
            return exc
        return ApiError(response.status_code, "http_error", response.reason_phrase)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
