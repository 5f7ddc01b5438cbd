"""SQLite access: one writer connection (every write serialized, BEGIN IMMEDIATE) and a small
pool of reader connections, all in WAL mode with foreign keys on.

Services open a transaction for each state change (`async with db.transaction() as conn`) so a
change and its audit event commit together or not at all; reads use `async with db.read()`.
"""

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from server.db.migrations import migrate
from server.errors import not_found

SYNCHRONOUS_LEVELS = ("OFF", "NORMAL", "FULL", "EXTRA")


async def _connect(path: Path, *, readonly: bool, synchronous: str) -> aiosqlite.Connection:
    if readonly:
        conn = await aiosqlite.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    else:
        conn = await aiosqlite.connect(path, isolation_level=None)
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.row_factory = sqlite3.Row
    await conn.execute("PRAGMA foreign_keys=ON")
    await conn.execute("PRAGMA busy_timeout=10000")
    return conn


class Database:
    def __init__(self, path: Path, *, readers: int = 4, synchronous: str = "FULL"):
        if synchronous.upper() not in SYNCHRONOUS_LEVELS:
            raise ValueError(f"synchronous must be one of {SYNCHRONOUS_LEVELS}")
        self.path = path
        self.synchronous = synchronous.upper()
        self._reader_count = max(1, readers)
        self._writer: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._readers: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        self._all_readers: list[aiosqlite.Connection] = []
        # What the transaction in progress asked to run once it has committed (None outside one).
        self._after_commit: list[Callable[[], None]] | None = None

    async def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(migrate, self.path)
        self._writer = await _connect(self.path, readonly=False, synchronous=self.synchronous)
        for _ in range(self._reader_count):
            conn = await _connect(self.path, readonly=True, synchronous=self.synchronous)
            self._all_readers.append(conn)
            self._readers.put_nowait(conn)

    async def close(self) -> None:
        for conn in self._all_readers:
            await conn.close()
        self._all_readers.clear()
        if self._writer is not None:
            try:
                # Statistics for the query planner, as SQLite recommends before closing; the last
                # connection to close checkpoints the WAL into the database file.
                with contextlib.suppress(sqlite3.Error):
                    await self._writer.execute("PRAGMA optimize")
            finally:
                await self._writer.close()
                self._writer = None

    @asynccontextmanager
    async def transaction(self, *, durable: bool = True) -> AsyncIterator[aiosqlite.Connection]:
        """All-or-nothing: commits when the block ends, rolls back on any exception.

        `durable=False` commits without waiting for the disk (WAL with synchronous=NORMAL: safe
        against a crash, but a power cut may undo it) — only for bookkeeping whose loss is
        harmless, such as a resumable upload's progress, which the client re-sends from the
        offset the server still has."""
        assert self._writer is not None, "database not open"
        async with self._write_lock:
            conn = self._writer
            relaxed = not durable and self.synchronous in ("FULL", "EXTRA")
            if relaxed:
                await conn.execute("PRAGMA synchronous=NORMAL")
            self._after_commit = []
            try:
                await _begin(conn, "BEGIN IMMEDIATE", "ROLLBACK")
                try:
                    yield conn
                except BaseException:
                    # Shielded so a cancelled request still leaves the writer clean for the next one.
                    await asyncio.shield(conn.execute("ROLLBACK"))
                    raise
                else:
                    await asyncio.shield(conn.execute("COMMIT"))
                    for callback in self._after_commit:
                        callback()
            finally:
                self._after_commit = None
                if relaxed:
                    await asyncio.shield(conn.execute(f"PRAGMA synchronous={self.synchronous}"))

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the transaction in progress has committed (never if it rolls back),
        as datasette sends its events: a listener told of a change always finds it. Outside a
        transaction it runs now."""
        if self._after_commit is None:
            callback()
        else:
            self._after_commit.append(callback)

    async def read_row(self, what: str, ident: object, query: Callable[..., Awaitable[sqlite3.Row | None]],
                       *args) -> sqlite3.Row:
        """`query(conn, *args)` in a snapshot: its row, or the 404 saying `what` `ident` does not exist."""
        async with self.read() as conn:
            row = await query(conn, *args)
        if row is None:
            raise not_found(what, ident)
        return row

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """A reader connection holding one snapshot for the whole block."""
        conn = await self._readers.get()
        try:
            await _begin(conn, "BEGIN", "COMMIT")
            try:
                yield conn
            finally:
                await asyncio.shield(conn.execute("COMMIT"))
        finally:
            self._readers.put_nowait(conn)


async def _begin(conn: aiosqlite.Connection, begin: str, undo: str) -> None:
    """Start a transaction; if the task is cancelled meanwhile, the statement still runs in the
    connection's thread, so wait for it and end the transaction before the connection is reused."""
    started = asyncio.ensure_future(conn.execute(begin))
    try:
        await asyncio.shield(started)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await started
            await conn.execute(undo)
        raise


async def fetch_one(conn: aiosqlite.Connection, sql: str, params=()) -> sqlite3.Row | None:
    async with conn.execute(sql, params) as cursor:
        return await cursor.fetchone()


async def fetch_all(conn: aiosqlite.Connection, sql: str, params=()) -> list[sqlite3.Row]:
    async with conn.execute(sql, params) as cursor:
        return list(await cursor.fetchall())


async def fetch_value(conn: aiosqlite.Connection, sql: str, params=()):
    row = await fetch_one(conn, sql, params)
    return None if row is None else row[0]


async def insert(conn: aiosqlite.Connection, sql: str, params=()) -> int:
    async with conn.execute(sql, params) as cursor:
        return cursor.lastrowid
