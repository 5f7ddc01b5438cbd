"""The HTTP server in front of the app (`takan serve`) and the limits it puts on a request's head.

granian (a Rust HTTP server; its HTTP/1 parser is hyper's) serves by default: it moved a tus
PATCH body faster than uvicorn in the same runs, and bounds what a connection may buffer before
its head is complete (bench/README.md, "The HTTP front"). uvicorn (httptools) can be had with
TAKAN_HTTP_SERVER=uvicorn; it enforces the same limits through LimitedHttpToolsProtocol below.

The limits (settings.http_*), whichever server:

- a request line longer than `http_max_request_line_bytes`: 414;
- header fields (name, ": ", value, CRLF each) of more than `http_max_header_bytes` in all, or
  more than `http_max_headers` of them: 431;
- a head not complete `http_header_timeout_seconds` after the connection opened (or after its
  previous answer): the connection is closed.

Refusals that reach Python carry the one error body. Under granian, hyper refuses by itself,
with an empty body, a head that outgrows its read buffer (GRANIAN_READ_BUFFER), more than 100
header fields, and a URI of 64 KiB or more; HttpFront refuses the rest. The read
buffer is also the most body a single ASGI receive() gets: it stays large because small reads
cost the tus upload (a 16 KiB buffer took it to a third of its speed).
"""

import asyncio
import contextlib
import ctypes
import http
import logging
import os
import signal
import sys
from dataclasses import dataclass

import msgspec

from server.hardening import BASE_HEADERS
from server.settings import Settings
from shared.models import ErrorBody

log = logging.getLogger("takan")

# hyper's HTTP/1 read buffer under granian (granian's default, 8 KiB + 100 x 4 KiB): the most a
# connection holds of a head that is not complete, and the size of the body chunks it hands over.
GRANIAN_READ_BUFFER = 8192 + 4096 * 100
# uvicorn: bytes a head may take past the two limits (the request line's method and version,
# line ends, an empty line) before it is refused as too large without being parsed further.
HEAD_SLACK = 1024

# After SIGTERM, a request still running this long is cancelled (tus PATCH bodies and event streams
# end at once: server/shutdown.py); granian's supervisor kills a worker still there twice as long after.
GRACEFUL_SECONDS = 30
ACCESS_FORMAT = '%(addr)s - "%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).1fms'


@dataclass(frozen=True)
class HeadLimits:
    request_line_bytes: int
    header_bytes: int
    headers: int
    timeout_seconds: float

    @classmethod
    def of(cls, settings: Settings) -> "HeadLimits":
        return cls(settings.http_max_request_line_bytes, settings.http_max_header_bytes, settings.http_max_headers,
                   settings.http_header_timeout_seconds)


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    message: str
    limit: int

    def body(self) -> bytes:
        return msgspec.json.encode(ErrorBody(code=self.code, message=self.message, detail={"limit": self.limit}))

    def headers(self, body: bytes) -> list[tuple[bytes, bytes]]:
        return [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"), *((k.encode(), v.encode()) for k, v in BASE_HEADERS.items())]

    def http_response(self) -> bytes:
        """The whole answer as bytes, for a server that writes to the socket itself."""
        body = self.body()
        status = f"HTTP/1.1 {self.status} {http.HTTPStatus(self.status).phrase}\r\n".encode()
        return status + b"".join(k + b": " + v + b"\r\n" for k, v in self.headers(body)) + b"\r\n" + body


def line_too_long(limits: HeadLimits) -> Refusal:
    return Refusal(414, "uri_too_long", f"the request line is longer than {limits.request_line_bytes} bytes",
                   limits.request_line_bytes)


def headers_too_large(limits: HeadLimits) -> Refusal:
    return Refusal(431, "headers_too_large", f"the request's header fields are more than {limits.header_bytes} "
                   "bytes", limits.header_bytes)


def too_many_headers(limits: HeadLimits) -> Refusal:
    return Refusal(431, "too_many_headers", f"the request has more than {limits.headers} header fields",
                   limits.headers)


def field_bytes(name: bytes, value: bytes) -> int:
    return len(name) + 2 + len(value) + 2


def head_refusal(scope: dict, limits: HeadLimits) -> Refusal | None:
    """What is wrong with a request's head as the server parsed it into an ASGI scope, if anything."""
    target = len(scope.get("raw_path") or scope["path"].encode()) + (len(qs) + 1 if (qs := scope["query_string"])
                                                                     else 0)
    if len(scope["method"]) + 1 + target + len(" HTTP/1.1") > limits.request_line_bytes:
        return line_too_long(limits)
    headers = scope["headers"]
    if len(headers) > limits.headers:
        return too_many_headers(limits)
    if sum(field_bytes(name, value) for name, value in headers) > limits.header_bytes:
        return headers_too_large(limits)
    return None


class HttpFront:
    """The ASGI app the HTTP server runs, around Litestar's: a request whose head is over a limit
    is answered with the one error body before routing or authentication; and, with
    `cancel_after`, requests still running that long after the stop signal are cancelled, so
    that the lifespan's shutdown runs (granian would wait for them for ever; uvicorn does this
    itself at its graceful timeout)."""

    def __init__(self, app, limits: HeadLimits, *, cancel_after: float | None = None):
        self.app = app
        self.limits = limits
        self.cancel_after = cancel_after
        self.running: set[asyncio.Task] = set()
        self._canceller: asyncio.Task | None = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, self._watch_lifespan(send))
            return
        if scope["type"] == "http" and (refusal := head_refusal(scope, self.limits)) is not None:
            body = refusal.body()
            await send({"type": "http.response.start", "status": refusal.status, "headers": refusal.headers(body)})
            await send({"type": "http.response.body", "body": body})
            return
        task = asyncio.current_task()
        self.running.add(task)
        try:
            await self.app(scope, receive, send)
        finally:
            self.running.discard(task)

    def _watch_lifespan(self, send):
        async def watched(message) -> None:
            if message["type"] == "lifespan.startup.complete" and self.cancel_after is not None:
                self._canceller = asyncio.create_task(self._cancel_stragglers(), name="cancel-stragglers")
            elif message["type"].startswith("lifespan.shutdown") and self._canceller is not None:
                self._canceller.cancel()
            await send(message)

        return watched

    async def _cancel_stragglers(self) -> None:
        await self.app.state.shutdown.event.wait()
        await asyncio.sleep(self.cancel_after)
        if self.running:
            log.warning("cancelling %d requests still running %.0f s after the stop signal", len(self.running),
                        self.cancel_after)
            for task in list(self.running):
                task.cancel()


def asgi_app(settings: Settings, *, cancel_after: float | None = None) -> HttpFront:
    from server.app import create_app

    return HttpFront(create_app(settings), HeadLimits.of(settings), cancel_after=cancel_after)


def serve(settings: Settings) -> int:
    if settings.http_server == "uvicorn":
        return serve_uvicorn(settings)
    return serve_granian(settings)


# ----- granian ----------------------------------------------------------------------------------


def serve_granian(settings: Settings) -> int:
    """One worker process (the app keeps state in its process: the database's single writer, the
    upload leases it holds, the event streams' wake-ups, the per-address login counts), HTTP/1
    only (behind a TLS proxy that speaks HTTP/1.1 to it; HTTP/2's own header limits stay out of
    play). This process supervises: SIGTERM here is passed to the worker, which finishes what is
    in flight (server/shutdown.py) and runs the lifespan's shutdown; the worker dies with it when
    this process is killed (die_with_parent)."""
    from granian.constants import HTTPModes, Interfaces, Loops
    from granian.http import HTTP1Settings
    from granian.server import Server

    server = Server(
        target=(settings, os.getpid()), address=settings.host, port=settings.port, interface=Interfaces.ASGI,
        workers=1, loop=Loops.uvloop, http=HTTPModes.http1, websockets=False,
        http1_settings=HTTP1Settings(header_read_timeout=round(settings.http_header_timeout_seconds * 1000),
                                     keep_alive=True, max_buffer_size=GRANIAN_READ_BUFFER),
        log_access=True, log_access_format=ACCESS_FORMAT, workers_kill_timeout=2 * GRACEFUL_SECONDS,
    )
    server.serve(target_loader=granian_worker_app)
    return 0


def granian_worker_app(target: tuple[Settings, int]) -> HttpFront:
    """Runs in granian's worker process: the app, once the worker is tied to its supervisor."""
    settings, supervisor = target
    die_with_parent(supervisor)
    access = logging.getLogger("granian.access")
    if not any(isinstance(f, JoinQueryString) for f in access.filters):
        access.addFilter(JoinQueryString())
    return asgi_app(settings, cancel_after=GRACEFUL_SECONDS)


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent dies, so that a supervisor killed
    with SIGKILL (by an operator, the OOM killer, a test) leaves no worker behind serving on
    the shared socket and writing to the database (Linux prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) != 0:
        log.warning("could not tie the worker to its supervisor: errno %d", ctypes.get_errno())
    if os.getppid() != parent:  # it died before the prctl
        os._exit(1)


class JoinQueryString(logging.Filter):
    """granian's access record carries the path and the query apart: print them as one target,
    as the request had it (the secrets filter then redacts a signed link's sig= in it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, dict) and args.get("query_string"):
            record.args = {**args, "path": f"{args['path']}?{args['query_string']}", "query_string": ""}
        return True


# ----- uvicorn ----------------------------------------------------------------------------------


def serve_uvicorn(settings: Settings) -> int:
    import uvicorn

    uvicorn.run(asgi_app(settings), host=settings.host, port=settings.port, log_level="info",
                timeout_graceful_shutdown=GRACEFUL_SECONDS, proxy_headers=False,
                http=limited_httptools(HeadLimits.of(settings)))
    return 0


def limited_httptools(limits: HeadLimits) -> type:
    """uvicorn's httptools protocol, counting the head as it arrives: httptools has no limit
    of its own and gathers a header's value in memory however long it is."""
    import httptools
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class LimitedHttpToolsProtocol(HttpToolsProtocol):
        def connection_made(self, transport) -> None:
            self._refused = False
            self._head_timer: asyncio.TimerHandle | None = None
            self._awaiting_head()
            super().connection_made(transport)

        def _awaiting_head(self) -> None:
            """From the connection's start, or the end of a request's head, to the next head's end."""
            self._in_head = True
            self._head_bytes = self._line_bytes = self._field_bytes = self._fields = 0
            if self._head_timer is None:
                self._head_timer = self.loop.call_later(limits.timeout_seconds, self._head_timed_out)

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self._in_head and not self._refused:
                self._refused = True
                self.transport.close()

        def _refuse(self, refusal: Refusal) -> None:
            self._refused = True
            self._cancel_head_timer()
            with contextlib.suppress(RuntimeError):
                self.transport.write(refusal.http_response())
            self.transport.close()
            raise HeadRefused

        def _cancel_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def connection_lost(self, exc) -> None:
            self._cancel_head_timer()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if self._refused:
                return
            counted = self._in_head  # not when a head begins inside this chunk, after another request
            self._unset_keepalive_if_required()
            try:
                self.parser.feed_data(data)
            except httptools.HttpParserError:  # also what a refusal in a parser callback arrives as
                if not self._refused:
                    self.logger.warning("Invalid HTTP request received.")
                    self.send_400_response("Invalid HTTP request received.")
                return
            except httptools.HttpParserUpgrade:
                if self._should_upgrade():
                    self.handle_websocket_upgrade()
                else:
                    self._unsupported_upgrade_warning()
                return
            if counted and self._in_head and not self._refused:
                # a head still incomplete: what httptools holds of it (a field's value is kept
                # whole until its end) may not grow past the limits by more than one read
                self._head_bytes += len(data)
                if self._head_bytes > limits.request_line_bytes + limits.header_bytes + HEAD_SLACK:
                    with contextlib.suppress(HeadRefused):
                        self._refuse(headers_too_large(limits))

        def on_message_begin(self) -> None:
            if not self._in_head:
                self._awaiting_head()
            super().on_message_begin()

        def on_url(self, url: bytes) -> None:
            self._line_bytes += len(url)
            if len(self.parser.get_method()) + 1 + self._line_bytes + len(" HTTP/1.1") > limits.request_line_bytes:
                self._refuse(line_too_long(limits))
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._fields += 1
            self._field_bytes += field_bytes(name, value)
            if self._fields > limits.headers:
                self._refuse(too_many_headers(limits))
            if self._field_bytes > limits.header_bytes:
                self._refuse(headers_too_large(limits))
            super().on_header(name, value)

        def on_headers_complete(self) -> None:
            self._in_head = False
            self._cancel_head_timer()
            super().on_headers_complete()

    return LimitedHttpToolsProtocol


class HeadRefused(Exception):
    """Raised in a parser callback to stop parsing a head that was refused."""
