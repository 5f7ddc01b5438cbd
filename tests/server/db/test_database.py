"""The database layer's promises: all-or-nothing transactions, and a writer that stays usable
whatever happens to the task that held it."""

import asyncio

import pytest

from server.db.database import Database


@pytest.fixture
async def db(tmp_path):
    database = Database(tmp_path / "t.sqlite3", readers=2, synchronous="NORMAL")
    await database.open()
    async with database.transaction() as conn:
        await conn.execute("CREATE TABLE IF NOT EXISTS t (v INTEGER)")
    yield database
    await database.close()


async def count(db) -> int:
    async with db.read() as conn:
        return (await (await conn.execute("SELECT count(*) FROM t")).fetchone())[0]


async def test_an_exception_rolls_everything_back(db):
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO t VALUES (1)")
            raise RuntimeError("boom")
    assert await count(db) == 0


@pytest.mark.parametrize("steps", [0, 1, 2, 3])
async def test_cancelling_a_task_at_any_point_leaves_the_writer_clean(db, steps):
    async def write() -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO t VALUES (1)")
            await asyncio.sleep(1)

    task = asyncio.create_task(write())
    for _ in range(steps):
        await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with db.transaction() as conn:  # would fail: "cannot start a transaction within a transaction"
        await conn.execute("INSERT INTO t VALUES (2)")
    assert await count(db) == 1


async def test_cancelling_a_reader_returns_a_clean_connection(db):
    async def read() -> None:
        async with db.read() as conn:
            await conn.execute("SELECT 1")
            await asyncio.sleep(1)

    for _ in range(3):
        task = asyncio.create_task(read())
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO t VALUES (3)")
    assert await count(db) == 1  # every reader sees the newest data: no stale snapshot came back


async def test_relaxed_commits_restore_full_durability(tmp_path):
    database = Database(tmp_path / "d.sqlite3", readers=1, synchronous="FULL")
    await database.open()
    try:
        async with database.transaction(durable=False) as conn:
            await conn.execute("CREATE TABLE x (v)")
        async with database.transaction() as conn:
            level = (await (await conn.execute("PRAGMA synchronous")).fetchone())[0]
        assert level == 2  # FULL again after a relaxed transaction
    finally:
        await database.close()


async def test_after_commit_runs_once_the_change_is_there_and_never_after_a_rollback(db):
    seen: list[int] = []

    async def look() -> None:
        seen.append(await count(db))

    tasks = []
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO t VALUES (1)")
        db.after_commit(lambda: tasks.append(asyncio.ensure_future(look())))
        assert not tasks  # not while the transaction is open
    assert len(tasks) == 1
    await tasks[0]
    assert seen == [1]  # a reader woken by it finds the committed row

    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO t VALUES (2)")
            db.after_commit(lambda: tasks.append("rolled back"))
            raise RuntimeError("boom")
    assert len(tasks) == 1
    db.after_commit(lambda: tasks.append("now"))  # outside a transaction: at once
    assert tasks[-1] == "now"
