"""Timers as the windows use them: single shots (debouncing or throttling a burst of triggers)
and periodic ticks, owned by a widget so they stop with it."""

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def single_shot(parent: QObject, interval_ms: int, slot: Callable[[], object]) -> QTimer:
    """A stopped single-shot timer: start() restarts it (debounce); start() only when not
    isActive() lets the first trigger of a burst set the pace (throttle)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


def ticker(parent: QObject, interval_ms: int, slot: Callable[[], object]) -> QTimer:
    """A repeating timer, already running."""
    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    timer.start()
    return timer
