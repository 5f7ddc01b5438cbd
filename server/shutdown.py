"""Graceful shutdown for long requests.

On SIGTERM the HTTP server (server/http_front.py; granian's supervisor passes the signal on to
its worker) stops accepting connections, lets running requests finish for up to a graceful
timeout, then cancels them and runs the lifespan shutdown. A tus PATCH can carry a whole video
over a slow network, far longer than that timeout; cancelled, it would lose every byte it
received since it began. So the app learns of the signal at once (ShutdownNotice, chained in
front of the server's own handler), and a PATCH body read through `until_shutdown` ends early:
the upload service then fsyncs and commits what arrived, and answers with the new Upload-Offset
(the connection closes), from where the phone resumes once the server is back. Event streams
end the same way (the client reconnects with Last-Event-ID).
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
    """Set as soon as the process is asked to stop. `forward_repeats`: pass a second signal on
    to the server's handler too (uvicorn: a second Ctrl-C exits at once); granian's worker is
    told once (a repeated signal can hang its shutdown; its supervisor kills a worker that
    does not end)."""

    def __init__(self, *, forward_repeats: bool = True) -> None:
        self.event = asyncio.Event()
        self.forward_repeats = forward_repeats
        self._signalled = False
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
                # Nothing here but flags and the loop's wake-up: the handler runs between any two
                # bytecodes, also inside a logging call holding its handler's lock (logging here
                # deadlocked a worker that got two signals at once).
                first = not self._signalled
                self._signalled = True
                if first:
                    loop.call_soon_threadsafe(self._begin, signum)
                if first or self.forward_repeats:
                    previous(signum, frame)

            signal.signal(sig, handler)
            self._previous[sig] = previous

    def _begin(self, signum: int) -> None:
        log.info("signal %d: finishing in-flight requests; upload bodies stop and keep what arrived", signum)
        self.event.set()

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
