"""One way to run work off the GUI thread and get the result back on it (like Anki's task manager).

    runner = TaskRunner.shared()
    runner.run(lambda: client.get_case(7), on_done=self.show_case, on_error=self.show_error)

`fn` runs in a QThreadPool; `on_done(result)` or `on_error(exception)` runs later on the GUI thread.
Long work that has something to say on the way (download progress, a stream of server events)
uses `run_reporting`: the function gets a `Reporter` whose `report(value)` calls `on_progress`
on the GUI thread. `priority` puts a task ahead of queued ones (the photo the officer just
selected before the gallery's remaining thumbnails).
Results travel through one signal of the runner, a QObject living on the GUI thread, connected to
one of its own slots: a queued connection delivers it in the GUI thread whatever thread emitted
it (a signal connected to a lambda would call the lambda in the worker thread).

Delivery is dropped, never crashes, when
- the handle was cancelled (a newer request replaced it),
- the receiver is gone: the QObject whose method `on_done` is (or `receiver=`) was deleted on the
  C++ side or garbage-collected on the Python side.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class TaskHandle:
    """A started task: cancel it to drop its result (and skip it if it has not started yet)."""

    def __init__(self, task_id: int, name: str):
        self.id = task_id
        self.name = name
        self._cancelled = threading.Event()
        self.finished = False

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """True once cancelled; a long task may poll this and stop early."""
        return self._cancelled.is_set()

    def __repr__(self) -> str:
        state = "cancelled" if self.cancelled else "finished" if self.finished else "pending"
        return f"<TaskHandle {self.id} {self.name} {state}>"


class Reporter:
    """Given to a `run_reporting` function: report progress, and notice cancellation."""

    def __init__(self, runner: TaskRunner, handle: TaskHandle):
        self._runner = runner
        self._handle = handle

    @property
    def cancelled(self) -> bool:
        return self._handle.cancelled

    def report(self, value: Any) -> None:
        """Deliver `value` to `on_progress` on the GUI thread (dropped once cancelled)."""
        if self._handle.cancelled:
            return
        with contextlib.suppress(RuntimeError):  # the runner was deleted
            self._runner._progress.emit((self._handle.id, value))


@dataclass(slots=True)
class _Outcome:
    task_id: int
    ok: bool
    value: Any


class _Callback:
    """A callback that does not keep its receiver alive and notices when it is gone."""

    def __init__(self, fn: Callable | None, receiver: QObject | None):
        self.given = fn is not None
        self._strong: Callable | None = None
        self._weak_method: weakref.WeakMethod | None = None
        owner = getattr(fn, "__self__", None)
        if fn is not None and owner is not None and hasattr(fn, "__func__"):
            self._weak_method = weakref.WeakMethod(fn)
            if receiver is None and isinstance(owner, QObject):
                receiver = owner
        else:
            self._strong = fn
        self._receiver = weakref.ref(receiver) if receiver is not None else None

    def resolve(self) -> Callable | None:
        """The callable if its receiver still lives, else None."""
        if self._receiver is not None:
            receiver = self._receiver()
            if receiver is None or not shiboken6.isValid(receiver):
                return None
        if self._weak_method is not None:
            return self._weak_method()
        return self._strong


class _Task(QRunnable):
    def __init__(self, runner: TaskRunner, handle: TaskHandle, fn: Callable[[], Any]):
        super().__init__()
        self._runner = runner
        self._handle = handle
        self._fn = fn

    def run(self) -> None:  # in a pool thread
        handle = self._handle
        if handle.cancelled:
            outcome = _Outcome(handle.id, False, None)
        else:
            try:
                outcome = _Outcome(handle.id, True, self._fn())
            except Exception as exc:  # every failure goes back to the GUI thread
                outcome = _Outcome(handle.id, False, exc)
        self._fn = None
        with contextlib.suppress(RuntimeError):  # the runner was deleted: nobody waits for this result
            self._runner._completed.emit(outcome)


class TaskRunner(QObject):
    """Runs callables in its own thread pool and delivers results on the GUI thread."""

    # Emitted from pool threads with an _Outcome; private to the runner.
    _completed = Signal(object)
    # Emitted from pool threads with (task id, value) by a Reporter.
    _progress = Signal(object)
    # The number of tasks started and not yet delivered: drive a busy indicator with it.
    activeCountChanged = Signal(int)

    _shared: TaskRunner | None = None

    def __init__(self, parent: QObject | None = None, *, max_threads: int | None = None):
        super().__init__(parent)
        self._pool = QThreadPool()  # no Qt parent: shutdown() decides when it goes
        # Most tasks wait on the network, not the CPU: more threads than cores by default.
        self._pool.setMaxThreadCount(max_threads or max(8, 2 * QThread.idealThreadCount()))
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[TaskHandle, _Callback, _Callback]] = {}
        self._progress_callbacks: dict[int, _Callback] = {}
        self._closed = False
        self._completed.connect(self._deliver)
        self._progress.connect(self._deliver_progress)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @classmethod
    def shared(cls) -> TaskRunner:
        """The application's runner, created on first use and parented to the application."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before running tasks")
        if cls._shared is None or not shiboken6.isValid(cls._shared):
            cls._shared = cls(app)
        return cls._shared

    @property
    def pool(self) -> QThreadPool:
        return self._pool

    def active_count(self) -> int:
        return len(self._pending)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], Any] | None = None,
            on_error: Callable[[BaseException], Any] | None = None, *, receiver: QObject | None = None,
            name: str = "", priority: int = 0) -> TaskHandle:
        """Run `fn()` in the pool; then `on_done(result)` or `on_error(exception)` on the GUI thread.

        Pass `receiver` when the callbacks are lambdas or functions that touch a widget: if the
        widget is deleted first, the callbacks are skipped. Bound methods of QObjects are tracked
        without it. Without `on_error`, failures are logged with their traceback. A task with a
        higher `priority` starts before queued tasks of lower priority.
        """
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        handle = TaskHandle(next(self._ids), name or getattr(fn, "__name__", "task"))
        self._start(handle, fn, on_done, on_error, receiver, priority)
        return handle

    def run_reporting(self, fn: Callable[[Reporter], Any], on_progress: Callable[[Any], Any] | None = None,
                      on_done: Callable[[Any], Any] | None = None,
                      on_error: Callable[[BaseException], Any] | None = None, *, receiver: QObject | None = None,
                      name: str = "", priority: int = 0) -> TaskHandle:
        """Like `run`, for `fn(reporter)`: each `reporter.report(value)` calls `on_progress(value)`
        on the GUI thread, in order, before `on_done`. `reporter.cancelled` tells a long task to stop."""
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        handle = TaskHandle(next(self._ids), name or getattr(fn, "__name__", "task"))
        reporter = Reporter(self, handle)
        self._progress_callbacks[handle.id] = _Callback(on_progress, receiver)
        self._start(handle, lambda: fn(reporter), on_done, on_error, receiver, priority)
        return handle

    def _start(self, handle: TaskHandle, fn: Callable[[], Any], on_done, on_error, receiver, priority: int) -> None:
        self._pending[handle.id] = (handle, _Callback(on_done, receiver), _Callback(on_error, receiver))
        task = _Task(self, handle, fn)
        self._pool.start(task, priority)
        self.activeCountChanged.emit(len(self._pending))

    @Slot(object)
    def _deliver_progress(self, item: tuple[int, Any]) -> None:  # on the GUI thread
        task_id, value = item
        entry = self._pending.get(task_id)
        callback = self._progress_callbacks.get(task_id)
        if entry is None or callback is None or entry[0].cancelled or not callback.given:
            return
        fn = callback.resolve()
        if fn is None:
            return
        try:
            fn(value)
        except Exception:
            log.exception("progress callback of background task %s failed", entry[0].name)

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:  # on the GUI thread
        entry = self._pending.pop(outcome.task_id, None)
        self._progress_callbacks.pop(outcome.task_id, None)
        self.activeCountChanged.emit(len(self._pending))
        if entry is None:
            return
        handle, on_done, on_error = entry
        handle.finished = True
        if handle.cancelled:
            return
        callback = on_done if outcome.ok else on_error
        if not callback.given:
            if not outcome.ok:
                log.error("background task %s failed", handle.name, exc_info=outcome.value)
            return
        fn = callback.resolve()
        if fn is None:  # the receiver is gone
            return
        try:
            fn(outcome.value)
        except Exception:
            # A broken callback must not take the application down with it.
            log.exception("callback of background task %s failed", handle.name)

    def wait_for_done(self, timeout_ms: int = -1) -> bool:
        """Block until every running task has finished (results are still delivered through the
        event loop). For shutdown and tests."""
        return self._pool.waitForDone(timeout_ms)

    @Slot()
    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Cancel what has not started, wait for what runs, and refuse new work."""
        if self._closed:
            return
        self._closed = True
        for handle, _, _ in self._pending.values():
            handle.cancel()
        self._pool.clear()
        self._pool.waitForDone(timeout_ms)
        self._pending.clear()
        self._progress_callbacks.clear()
