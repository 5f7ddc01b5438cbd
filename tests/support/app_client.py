"""An HTTP client for the app in-process, on the test's own event loop.

Litestar's AsyncTestClient runs the app (its lifespan with the background sweeper, and every
request) in a blocking portal: a second event loop in another thread, while the services a test
calls directly run on the test's loop. asyncio locks shared between the two loops then wake
waiters without waking their loop, and a test can hang for ever when the sweeper happens to
contend with it. Here the lifespan, every request and the test share one loop."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from litestar import Litestar

BASE_URL = "http://testserver.local"


class AppClient(httpx.AsyncClient):
    """An httpx client bound to one app; `client.app.state` reaches its services."""

    def __init__(self, app: Litestar, *, raise_server_exceptions: bool = False):
        super().__init__(transport=httpx.ASGITransport(app=app, raise_app_exceptions=raise_server_exceptions),
                         base_url=BASE_URL, follow_redirects=True, headers={"user-agent": "testclient"})
        self.app = app


@asynccontextmanager
async def app_client(app: Litestar, *, raise_server_exceptions: bool = False) -> AsyncIterator[AppClient]:
    """Start the app (its lifespan), yield a client for it, shut it down again."""
    started, stop = asyncio.Event(), asyncio.Event()

    async def serve() -> None:
        # One task enters and leaves the lifespan: its task groups must end in the task that began
        # them, and pytest-asyncio may set a fixture up and tear it down in different tasks.
        async with app.lifespan():
            started.set()
            await stop.wait()

    lifespan = asyncio.create_task(serve(), name="app-lifespan")
    waiting = asyncio.create_task(started.wait())
    await asyncio.wait([lifespan, waiting], return_when=asyncio.FIRST_COMPLETED)
    if not started.is_set():
        waiting.cancel()
        await lifespan  # start-up failed: its exception
    try:
        async with AppClient(app, raise_server_exceptions=raise_server_exceptions) as client:
            yield client
    finally:
        stop.set()
        await lifespan
