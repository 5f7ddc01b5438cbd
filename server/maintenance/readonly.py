"""A read-only view of a data directory's database, safe to open beside a running server: no
migrations, no writer, WAL readers only (each block is one snapshot)."""

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite


class ReadOnlyDatabase:
    """Quacks like server.db.database.Database for readers (`async with db.read() as conn`), so
    services that only read (the audit chain's verify) run unchanged on it."""

    def __init__(self, path: Path):
        self.path = path
        self._conn: aiosqlite.Connection | None = None

    async def open(self) -> "ReadOnlyDatabase":
        if not self.path.is_file():
            raise FileNotFoundError(f"no database at {self.path}")
        self._conn = await aiosqlite.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        await self._conn.execute("PRAGMA busy_timeout=10000")
        return self

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        assert self._conn is not None, "database not open"
        await self._conn.execute("BEGIN")
        try:
            yield self._conn
        finally:
            await self._conn.execute("COMMIT")
