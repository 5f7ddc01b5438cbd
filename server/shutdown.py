"""Graceful shutdown for long requests.

On SIGTERM uvicorn stops accepting connections, lets running requests finish for up to its
graceful timeout, then cancels them and runs the lifespan shutdown. A tus PATCH can carry a
whole video over a slow network, far longer than that timeout; cancelled, it would lose every
byte it received since it began. So the app learns of the signal at once (ShutdownNotice,
chained in front of uvicorn's own handler), and a PATCH body read through `until_shutdown`
ends early: the upload service then fsyncs and commits what arrived, and answers with the new
Upload-Offset (the connection closes), from where the phone resumes once the server is back.
"""

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import AsyncIterator, Callable
from typing import TypeVar

log = logging.getLogger("takan")
SIGNALS = (signal.SIGTERM, signal.SIGINT)
T = TypeVar("T")


class ShutdownNotice:
    """Set as soon as the process is asked to stop."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self._previous: dict[int, Callable | int | None] = {}

    @property
    def stopping(self) -> bool:
        return self.event.is_set()

    def install(self) -> None:
        """Chain a handler in front of the one the server installed (call at start-up, in the
        event loop's thread; elsewhere, as under test clients, signals are not ours to take)."""
        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for sig in SIGNALS:
            previous = signal.getsignal(sig)
            if not callable(previous):  # no server handling it: leave the default (exit) alone
                continue

            def handler(signum, frame, previous=previous):
                if not self.event.is_set():
                    log.info("signal %d: finishing in-flight requests; upload bodies stop and keep what arrived",
                             signum)
                    loop.call_soon_threadsafe(self.event.set)
                previous(signum, frame)

            signal.signal(sig, handler)
            self._previous[sig] = previous

    def uninstall(self) -> None:
        for sig, previous in self._previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(sig, previous)
        self._previous.clear()


async def until_shutdown(chunks: AsyncIterator[T], notice: ShutdownNotice | None) -> AsyncIterator[T]:
    """The chunks of a request body (or the messages of an event stream), ending early (as if
    the body ended) once shutdown begins, even while waiting for a slow client's next chunk."""
    if notice is None:
        async for chunk in chunks:
            yield chunk
        return
    iterator = chunks.__aiter__()
    stop = asyncio.ensure_future(notice.event.wait())
    try:
        while not notice.stopping:
            step = asyncio.ensure_future(iterator.__anext__())
            await asyncio.wait({step, stop}, return_when=asyncio.FIRST_COMPLETED)
            if not step.done():
                step.cancel()
                with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration, Exception):
                    await step
                return
            try:
                chunk = step.result()
            except StopAsyncIteration:
                return
            yield chunk
    finally:
        stop.cancel()
