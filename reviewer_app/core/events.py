"""The server's event stream (server-sent events) read in a loop that survives outages (no Qt).

    stream = EventStream(api, on_event=..., on_state=...)
    stream.run(should_stop)        # blocks: run it in a worker thread; stream.stop() ends it

The server closes each stream after `seconds` and the client reconnects with the last event id it
got (Last-Event-ID), so nothing is lost in between. When the server cannot be reached, the reader
waits (1, 2, 4, ... up to 30 s) and tries again, and tells `on_state` each time, so the window can
say "live updates paused" and refresh what it shows once they resume.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import msgspec

from reviewer_app.core.api import ApiClient, ApiError, ClientError, ServerUnreachable
from shared.models import EventOut

BACKOFF_S = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
STREAM_SECONDS = 600
# The server sends a keep-alive comment every 15 s; silence for longer means a dead connection.
READ_TIMEOUT_S = 45.0

_event_decoder = msgspec.json.Decoder(EventOut)


@dataclass(frozen=True, slots=True)
class SseMessage:
    event: str
    data: str
    id: str | None


class SseParser:
    """Server-sent events, line by line (the WHATWG rules that matter here): `event:`, `data:`
    (several lines join with newlines), `id:`, comments (`:`) ignored, a blank line ends a message."""

    def __init__(self) -> None:
        self._event = ""
        self._data: list[str] = []
        self._id: str | None = None
        self.last_id: str | None = None
        self.retry_ms: int | None = None

    def feed(self, line: str) -> SseMessage | None:
        line = line.rstrip("\r\n")
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id":
            if "\0" not in value:
                self._id = value
        elif name == "retry" and value.isdigit():
            self.retry_ms = int(value)
        return None

    def _dispatch(self) -> SseMessage | None:
        if self._id is not None:
            self.last_id = self._id
        if not self._data:
            self._event = ""
            return None
        message = SseMessage(event=self._event or "message", data="\n".join(self._data), id=self.last_id)
        self._event, self._data = "", []
        return message

    def messages(self, lines: Iterable[str]) -> Iterator[SseMessage]:
        for line in lines:
            message = self.feed(line)
            if message is not None:
                yield message


@dataclass(frozen=True, slots=True)
class StreamState:
    """What the reader is doing: connected, or waiting `retry_in_s` after `error`."""

    connected: bool
    error: ClientError | None = None
    retry_in_s: float | None = None


class EventStream:
    """Reads GET /events/stream until stopped, reconnecting with backoff."""

    def __init__(self, api: ApiClient, *, on_event: Callable[[EventOut], None],
                 on_state: Callable[[StreamState], None] | None = None, after: int | None = None,
                 seconds: int = STREAM_SECONDS, read_timeout: float = READ_TIMEOUT_S,
                 backoff: tuple[float, ...] = BACKOFF_S):
        self.api = api
        self.on_event = on_event
        self.on_state = on_state or (lambda state: None)
        self.last_id: int | None = after
        self.seconds = seconds
        self.read_timeout = read_timeout
        self.backoff = backoff
        self._stop = threading.Event()
        self._response = None
        self._lock = threading.Lock()
        self.connections = 0  # successful connections so far

    def stop(self) -> None:
        """End `run` soon: wakes it from a backoff wait and closes the open connection."""
        self._stop.set()
        with self._lock:
            response = self._response
        if response is not None:
            _interrupt(response)

    def run(self, should_stop: Callable[[], bool] | None = None) -> None:
        """Read events until `stop()` (or `should_stop()` turns true)."""
        failures = 0

        def stopping() -> bool:
            return self._stop.is_set() or (should_stop is not None and should_stop())

        while not stopping():
            try:
                got_connected = self._read_once(stopping)
                failures = 0 if got_connected else failures
                continue  # the server ended the stream after `seconds`: reconnect at once
            except ApiError as exc:
                if exc.code == "session_expired" or exc.status in (401, 403):
                    self.on_state(StreamState(connected=False, error=exc))
                    return  # no point retrying without a login
                error: ClientError = exc
            except ServerUnreachable as exc:
                error = exc
            except ClientError as exc:
                error = exc
            except Exception as exc:  # a closed response while stopping, a protocol error
                if stopping():
                    return
                error = ServerUnreachable(self.api.session.server_url, f"{type(exc).__name__}: {exc}")
            if stopping():
                return
            wait = self.backoff[min(failures, len(self.backoff) - 1)]
            failures += 1
            self.on_state(StreamState(connected=False, error=error, retry_in_s=wait))
            if self._stop.wait(wait):
                return

    def _read_once(self, stopping: Callable[[], bool]) -> bool:
        parser = SseParser()
        connected = False
        with self.api.event_stream(after=self.last_id if self.connections == 0 else None,
                                   last_event_id=self.last_id if self.connections else None,
                                   seconds=self.seconds, read_timeout=self.read_timeout) as response:
            with self._lock:
                self._response = response
            try:
                self.connections += 1
                connected = True
                self.on_state(StreamState(connected=True))
                for message in parser.messages(response.iter_lines()):
                    if stopping():
                        return connected
                    self._deliver(message)
            finally:
                with self._lock:
                    self._response = None
        return connected

    def _deliver(self, message: SseMessage) -> None:
        try:
            event = _event_decoder.decode(message.data)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return  # an event this app version does not understand
        if self.last_id is None or event.id > self.last_id:
            self.last_id = event.id
        self.on_event(event)


def _interrupt(response) -> None:
    """Wake a thread blocked reading `response`: shut its socket down (closing a socket does not
    wake a blocked recv on Linux; shutting it down does). Races with the reader are harmless."""
    stream = getattr(response, "extensions", {}).get("network_stream")
    sock = None
    with contextlib.suppress(Exception):
        sock = stream.get_extra_info("socket") if stream is not None else None
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
