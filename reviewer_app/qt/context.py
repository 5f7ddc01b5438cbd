"""One logged-in connection to the server, shared by the windows of that login.

`ReviewerContext` owns the session, the API client and the event stream, and runs every API call
through the TaskRunner (`call`). It keeps track of whether the server answers: the first call that
finds it unreachable flips `reachable` to False, a probe then asks the server's health route with
growing pauses, and the first answer flips it back, so every window can say so and refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from reviewer_app.core.api import ApiClient, ApiError, ServerUnreachable
from reviewer_app.core.events import EventStream, StreamState
from reviewer_app.core.session import Session
from reviewer_app.core.views import SendResult, ViewOutbox, ViewReport, send_reports
from reviewer_app.qt.images import ThumbnailCache
from reviewer_app.qt.workers import Reporter, TaskHandle, TaskRunner

PROBE_DELAYS_MS = (1500, 3000, 5000, 8000, 10000)


class ReviewerContext(QObject):
    reachableChanged = Signal(bool)
    # Live updates (the event stream): connected or not, and when not, why (a sentence).
    streamStateChanged = Signal(bool)
    serverEvent = Signal(object)  # an EventOut
    sessionExpired = Signal()
    viewsRecorded = Signal(list)  # evidence ids whose view reports the server has taken

    def __init__(self, session: Session, *, runner: TaskRunner | None = None,
                 thumbnail_cache: ThumbnailCache | None = None, api: ApiClient | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.api = api or ApiClient(session)
        self.runner = runner or TaskRunner.shared()
        self.thumbnail_cache = thumbnail_cache or ThumbnailCache()
        self._reachable = True
        self._probe_timer = QTimer(self)
        self._probe_timer.setSingleShot(True)
        self._probe_timer.timeout.connect(self.probe)
        self._probe_attempt = 0
        self._probing = False
        self._stream: EventStream | None = None
        self._stream_handle: TaskHandle | None = None
        self._stream_runner: TaskRunner | None = None
        self._stream_connected = False
        self.last_error: BaseException | None = None
        self._closed = False
        # View reports waiting to be sent: here, not in a case window, so that the report of the
        # last look before closing a window survives an outage too.
        self.view_outbox = ViewOutbox()
        self._in_flight = 0
        self._when_idle: list[Callable[[], Any]] = []
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._run_when_idle)

    # ----- reachability -----

    @property
    def reachable(self) -> bool:
        return self._reachable

    @property
    def stream_connected(self) -> bool:
        return self._stream_connected

    def _set_reachable(self, reachable: bool) -> None:
        if reachable == self._reachable:
            return
        self._reachable = reachable
        if reachable:
            self._probe_timer.stop()
            self._probe_attempt = 0
        else:
            self._schedule_probe()
        self.reachableChanged.emit(reachable)
        if reachable and len(self.view_outbox):
            self.send_views()

    def _schedule_probe(self) -> None:
        if self._closed or self._probe_timer.isActive() or self._probing:
            return
        delay = PROBE_DELAYS_MS[min(self._probe_attempt, len(PROBE_DELAYS_MS) - 1)]
        self._probe_attempt += 1
        self._probe_timer.start(delay)

    def probe(self) -> None:
        """Ask the server whether it is back (also the "Retry now" button)."""
        if self._closed or self._probing:
            return
        self._probe_timer.stop()
        self._probing = True

        def done(_ok: bool) -> None:
            self._probing = False
            self._set_reachable(True)

        def failed(exc: BaseException) -> None:
            self._probing = False
            if isinstance(exc, ServerUnreachable):
                self._schedule_probe()
            else:
                self._set_reachable(True)  # it answered, if oddly

        self.runner.run(self.api.health, done, failed, receiver=self, name="health probe", priority=5)

    def report_failure(self, exc: BaseException) -> None:
        """A call failed: learn from it whether the server is there, and whether the login is."""
        self.last_error = exc
        if isinstance(exc, ServerUnreachable):
            self._set_reachable(False)
        elif isinstance(exc, ApiError):
            self._set_reachable(True)
            if exc.code == "session_expired":
                self.sessionExpired.emit()

    def report_success(self) -> None:
        self._set_reachable(True)

    # ----- calls -----

    def call(self, fn: Callable[[], Any], on_done: Callable[[Any], Any] | None = None,
             on_error: Callable[[BaseException], Any] | None = None, *, receiver: QObject | None = None,
             name: str = "", priority: int = 0) -> TaskHandle:
        """Run `fn` (usually a lambda over self.api) in the background; results on the GUI thread.
        Whatever the outcome, the context learns whether the server answered."""
        if receiver is None:
            owner = getattr(on_done, "__self__", None) or getattr(on_error, "__self__", None)
            receiver = owner if isinstance(owner, QObject) else None

        def done(value: Any) -> None:
            self._finished()
            self._set_reachable(True)
            if on_done is not None:
                on_done(value)

        def failed(exc: BaseException) -> None:
            self._finished()
            self.report_failure(exc)
            if on_error is not None:
                on_error(exc)

        self._in_flight += 1
        handle = self.runner.run(fn, done, failed, receiver=receiver or self, name=name or "api call",
                                 priority=priority)
        return handle

    def _finished(self) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if self._in_flight == 0 and self._when_idle:
            self._run_when_idle()

    def when_idle(self, fn: Callable[[], Any], timeout_ms: int = 10_000) -> None:
        """Run `fn` once the calls in flight have answered (or after `timeout_ms`): logging out
        waits for the last view reports and annotation saves of the windows just closed."""
        self._when_idle.append(fn)
        if self._in_flight == 0:
            self._run_when_idle()
        else:
            self._idle_timer.start(timeout_ms)

    def _run_when_idle(self) -> None:
        self._idle_timer.stop()
        pending, self._when_idle = self._when_idle, []
        for fn in pending:
            fn()

    def call_reporting(self, fn: Callable[[Reporter], Any], on_progress: Callable[[Any], Any] | None = None,
                       on_done: Callable[[Any], Any] | None = None,
                       on_error: Callable[[BaseException], Any] | None = None, *, receiver: QObject | None = None,
                       name: str = "") -> TaskHandle:
        def failed(exc: BaseException) -> None:
            self.report_failure(exc)
            if on_error is not None:
                on_error(exc)

        return self.runner.run_reporting(fn, on_progress, on_done, failed, receiver=receiver or self,
                                         name=name or "transfer")

    # ----- evidence views -----

    def send_views(self, reports: list[ViewReport] | tuple = ()) -> None:
        """Queue view reports and send whatever waits (again after an outage)."""
        for report in reports:
            self.view_outbox.add(report)
        pending = self.view_outbox.take()
        if not pending or self._closed:
            self.view_outbox.put_back(pending)
            return
        api = self.api
        self.call(lambda: send_reports(api, pending), self.views_sent, receiver=self, name="report views",
                  priority=20)

    def views_sent(self, result: SendResult) -> None:
        """The outcome of sending reports (here or as part of a signature). A report the server
        refused outright (the item is gone) is dropped; the others wait for the next try."""
        unsent = result.unsent
        if isinstance(result.error, ApiError) and 400 <= result.error.status < 500 and \
                result.error.code != "session_expired":
            unsent = unsent[1:]
        self.view_outbox.put_back(unsent)
        if result.error is not None:
            self.report_failure(result.error)
        elif result.sent:
            self.report_success()
        if result.sent:
            self.viewsRecorded.emit([r.evidence_id for r in result.sent])

    # ----- live updates -----

    def start_events(self) -> None:
        """Start reading the event stream (once); events arrive as `serverEvent`."""
        if self._stream is not None or self._closed:
            return
        self._stream_runner = TaskRunner(self, max_threads=1)
        stream = EventStream(self.api, on_event=lambda e: None)
        self._stream = stream

        def work(reporter: Reporter) -> None:
            stream.on_event = lambda event: reporter.report(("event", event))
            stream.on_state = lambda state: reporter.report(("state", state))
            stream.run(lambda: reporter.cancelled)

        self._stream_handle = self._stream_runner.run_reporting(
            work, self._on_stream_item, self._on_stream_end, self._on_stream_end, receiver=self, name="event stream")

    def _on_stream_item(self, item: tuple[str, Any]) -> None:
        kind, value = item
        if kind == "event":
            self.serverEvent.emit(value)
            return
        state: StreamState = value
        if state.connected:
            self._set_reachable(True)
        elif isinstance(state.error, ServerUnreachable):
            self._set_reachable(False)
        elif isinstance(state.error, ApiError) and state.error.code == "session_expired":
            self.sessionExpired.emit()
        if state.connected != self._stream_connected:
            self._stream_connected = state.connected
            self.streamStateChanged.emit(state.connected)

    def _on_stream_end(self, _value: Any = None) -> None:
        self._stream = None
        self._stream_handle = None
        if self._stream_connected:
            self._stream_connected = False
            self.streamStateChanged.emit(False)

    def stop_events(self) -> None:
        stream, handle = self._stream, self._stream_handle
        if handle is not None:
            handle.cancel()
        if stream is not None:
            stream.stop()
        runner = self._stream_runner
        self._stream = None
        self._stream_handle = None
        self._stream_runner = None
        if runner is not None and shiboken6.isValid(runner):
            runner.shutdown(3000)
            runner.deleteLater()

    def close(self) -> None:
        """Stop everything of this login (the token is revoked separately, by logout)."""
        if self._closed:
            return
        self._closed = True
        self._probe_timer.stop()
        self.stop_events()
