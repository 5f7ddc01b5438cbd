"""信息推送: a feed per user of what happened to the cases they take part in, readable by
cursor and as a server-sent-event stream.

The feed lives in the database, so any server process can serve any user's stream; an
in-process wake-up only makes delivery immediate instead of waiting for the next poll.
"""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable

import aiosqlite

from server.clock import Clock, from_db, to_db
from server.db.database import Database
from server.db.pagination import clamp_limit
from server.domain.notifications import repository
from server.identity import CurrentUser
from shared.models import EventList, EventOut

POLL_SECONDS = 2.0
KEEPALIVE_SECONDS = 15.0


class Audience:
    """Who hears of an event on a case."""

    APPLICANT = "applicant"
    ASSIGNEES = "assignees"
    ALL_OFFICERS = "all_officers"


class SignedOut:
    """The last thing a stream yields when its login session ended (logout, a disabled account,
    a changed password, expiry)."""


SIGNED_OUT = SignedOut()


class NotificationsService:
    def __init__(self, db: Database, clock: Clock):
        self.db = db
        self.clock = clock
        self._wake = asyncio.Event()

    async def notify(self, conn: aiosqlite.Connection, case_id: int | None, kind: str, payload: dict,
                     audience: Iterable[str] = (), *, users: Iterable[int] = (), exclude: int | None = None) -> None:
        """Add `kind` to the feed of the audience (inside the caller's transaction)."""
        recipients = set(users)
        audience = set(audience)
        if case_id is not None and audience & {Audience.APPLICANT, Audience.ASSIGNEES}:
            applicant, officers = await repository.case_people(conn, case_id)
            if Audience.APPLICANT in audience:
                recipients.add(applicant)
            if Audience.ASSIGNEES in audience:
                recipients.update(officers)
        if Audience.ALL_OFFICERS in audience:
            recipients.update(await repository.active_officers(conn))
        recipients.discard(exclude)
        if recipients:
            await repository.add(conn, sorted(recipients), case_id, kind, json.dumps(payload, ensure_ascii=False),
                                 to_db(self.clock.now()))
            self.db.after_commit(self._ring)  # streams read the feed: wake them once it holds this

    def _ring(self) -> None:
        self._wake.set()
        self._wake = asyncio.Event()

    def sessions_ended(self) -> None:
        """A login session was signed out (after its commit): every open stream checks its own now."""
        self._ring()

    async def feed(self, user: CurrentUser, after: int, limit: int) -> EventList:
        async with self.db.read() as conn:
            rows = await repository.feed(conn, user.id, after, clamp_limit(limit))
        items = [EventOut(id=row["id"], kind=row["kind"], case_id=row["case_id"], created_at=from_db(row["created_at"]),
                          payload=json.loads(row["payload"])) for row in rows]
        return EventList(items=items, next_after=items[-1].id if items else after)

    async def latest(self, user: CurrentUser) -> int:
        async with self.db.read() as conn:
            return await repository.last_id(conn, user.id)

    async def stream(self, user: CurrentUser, after: int, seconds: float,
                     signed_in: Callable[[], Awaitable[bool]]) -> AsyncIterator[EventOut | SignedOut | None]:
        """The feed from `after` on, for `seconds` (then the client reconnects with the last id it
        got, which keeps connections from living forever behind proxies): events as they come,
        None as a keep-alive. Before each delivery `signed_in` says whether the stream's session
        still holds; when it does not, the stream yields SIGNED_OUT and ends."""
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        last_sent = loop.time()
        while True:
            if not await signed_in():
                yield SIGNED_OUT
                return
            page = await self.feed(user, after, 100)
            for item in page.items:
                yield item
                last_sent = loop.time()
            after = page.next_after
            if len(page.items) == 100:
                continue
            left = end - loop.time()
            if left <= 0:
                return
            wake = self._wake
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), min(POLL_SECONDS, left))
            if loop.time() - last_sent >= KEEPALIVE_SECONDS:
                last_sent = loop.time()
                yield None
