"""Background work comes back on the GUI thread, and never to a receiver that is gone."""

import logging
import threading

import pytest
import shiboken6
from PySide6.QtCore import QObject

from reviewer_app.qt.workers import TaskRunner


class Receiver(QObject):
    def __init__(self):
        super().__init__()
        self.results = []
        self.threads = []

    def on_done(self, value):
        self.results.append(value)
        self.threads.append(threading.current_thread())


def wait_idle(qtbot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: runner.active_count() == 0, timeout=10_000)


def test_results_come_back_on_the_gui_thread(qtbot, runner):
    receiver = Receiver()
    worker_threads = []

    def work():
        worker_threads.append(threading.current_thread())
        return 42

    runner.run(work, receiver.on_done)
    wait_idle(qtbot, runner)
    assert receiver.results == [42]
    assert receiver.threads == [threading.main_thread()]
    assert worker_threads[0] is not threading.main_thread()


def test_errors_come_back_too(qtbot, runner):
    errors = []
    runner.run(lambda: 1 / 0, on_error=errors.append)
    wait_idle(qtbot, runner)
    assert isinstance(errors[0], ZeroDivisionError)


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture
def worker_log():
    """The runner's error log (a handler of our own: works with pytest's logging plugin off too)."""
    logger = logging.getLogger("reviewer_app.qt.workers")
    handler = _Records()
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def test_failures_without_an_error_callback_are_logged(qtbot, runner, worker_log):
    runner.run(lambda: [][1], name="broken list")
    wait_idle(qtbot, runner)
    assert "broken list failed" in worker_log.text
    assert "IndexError" in worker_log.text


def test_a_broken_callback_does_not_take_the_app_down(qtbot, runner, worker_log):
    def bad_callback(_):
        raise RuntimeError("callback bug")

    runner.run(lambda: 1, bad_callback, name="with a bad callback")
    wait_idle(qtbot, runner)
    assert "callback of background task with a bad callback failed" in worker_log.text
    receiver = Receiver()
    runner.run(lambda: 2, receiver.on_done)
    wait_idle(qtbot, runner)
    assert receiver.results == [2]


def test_nothing_is_delivered_to_a_deleted_receiver(qtbot, runner):
    gate = threading.Event()
    receiver = Receiver()
    delivered = []
    runner.run(gate.wait, receiver.on_done)
    runner.run(gate.wait, lambda value: delivered.append(value), receiver=receiver)
    shiboken6.delete(receiver)  # the widget closed while its request ran
    gate.set()
    wait_idle(qtbot, runner)
    assert delivered == []


def test_nothing_is_delivered_to_a_garbage_collected_receiver(qtbot, runner):
    gate = threading.Event()
    results = []

    class Owner:
        def on_done(self, value):
            results.append(value)

    owner = Owner()
    runner.run(gate.wait, owner.on_done)
    del owner
    gate.set()
    wait_idle(qtbot, runner)
    assert results == []


def test_cancelled_tasks_deliver_nothing(qtbot, runner):
    gate = threading.Event()
    receiver = Receiver()
    handle = runner.run(lambda: gate.wait() and "stale", receiver.on_done)
    handle.cancel()
    assert handle.cancelled
    gate.set()
    wait_idle(qtbot, runner)
    assert receiver.results == []
    assert handle.finished


def test_many_tasks_and_the_busy_count(qtbot, runner):
    receiver = Receiver()
    counts = []
    runner.activeCountChanged.connect(counts.append)
    for i in range(50):
        runner.run(lambda i=i: i * i, receiver.on_done)
    wait_idle(qtbot, runner)
    assert sorted(receiver.results) == [i * i for i in range(50)]
    assert max(counts) >= 2 and counts[-1] == 0


def test_a_shut_down_runner_refuses_work(qapp):
    runner = TaskRunner()
    runner.shutdown()
    try:
        runner.run(lambda: 1)
    except RuntimeError as exc:
        assert "shut down" in str(exc)
    else:
        raise AssertionError("a shut-down runner accepted work")


def test_the_shared_runner_is_one_object(qapp):
    assert TaskRunner.shared() is TaskRunner.shared()


def test_progress_comes_back_in_order_before_the_result(qtbot, runner):
    progress, done = [], []

    def work(reporter):
        for i in range(5):
            reporter.report(i)
        return "end"

    runner.run_reporting(work, progress.append, done.append)
    wait_idle(qtbot, runner)
    assert progress == [0, 1, 2, 3, 4] and done == ["end"]


def test_a_higher_priority_task_starts_before_queued_ones(qtbot, qapp):
    runner = TaskRunner(max_threads=1)
    try:
        gate = threading.Event()
        order = []
        runner.run(gate.wait)  # occupies the only thread
        for i in range(3):
            runner.run(lambda i=i: order.append(f"low{i}"))
        runner.run(lambda: order.append("high"), priority=10)
        gate.set()
        wait_idle(qtbot, runner)
        assert order[0] == "high" and sorted(order[1:]) == ["low0", "low1", "low2"]
    finally:
        runner.shutdown()

