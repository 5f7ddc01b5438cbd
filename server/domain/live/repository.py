"""SQL for live sessions, their slots, their history and the reminders sent."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all, fetch_one, insert

SESSION_SELECT = """
SELECT s.*,
       o.display_name AS offered_by_name, o.organisation AS offered_by_organisation,
       x.display_name AS cancelled_by_name, x.organisation AS cancelled_by_organisation,
       x.role AS cancelled_by_role
FROM live_sessions AS s
JOIN users AS o ON o.id = s.offered_by
LEFT JOIN users AS x ON x.id = s.cancelled_by
"""


async def session(conn: aiosqlite.Connection, session_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, SESSION_SELECT + "WHERE s.id = ?", (session_id,))


async def sessions_of_case(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    """Newest first."""
    return await fetch_all(conn, SESSION_SELECT + "WHERE s.case_id = ? ORDER BY s.id DESC", (case_id,))


async def going_on(conn: aiosqlite.Connection, case_id: int) -> sqlite3.Row | None:
    """The case's session being booked or held, if any (there is at most one)."""
    return await fetch_one(
        conn, SESSION_SELECT + "WHERE s.case_id = ? AND s.state IN ('offered', 'booked', 'in_progress')",
        (case_id,))


async def slots(conn: aiosqlite.Connection, session_ids: list[int]) -> list[sqlite3.Row]:
    marks = ", ".join("?" * len(session_ids))
    return await fetch_all(
        conn, f"SELECT * FROM live_slots WHERE session_id IN ({marks}) ORDER BY offer_no, starts_at, id",
        session_ids)


async def slot(conn: aiosqlite.Connection, slot_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, "SELECT * FROM live_slots WHERE id = ?", (slot_id,))


async def history(conn: aiosqlite.Connection, session_ids: list[int]) -> list[sqlite3.Row]:
    marks = ", ".join("?" * len(session_ids))
    return await fetch_all(
        conn,
        f"""
        SELECT e.*, u.display_name AS actor_name, u.organisation AS actor_organisation, u.role AS actor_role
        FROM live_session_events AS e
        LEFT JOIN users AS u ON u.id = e.actor_id
        WHERE e.session_id IN ({marks})
        ORDER BY e.id
        """,
        session_ids,
    )


async def create_session(conn: aiosqlite.Connection, *, case_id: int, round_: int, offered_by: int, note: str,
                         now: str) -> int:
    return await insert(
        conn,
        """
        INSERT INTO live_sessions (case_id, round, state, offer_no, offered_by, note, created_at, updated_at)
        VALUES (?, ?, 'offered', 1, ?, ?, ?, ?)
        """,
        (case_id, round_, offered_by, note, now, now),
    )


async def add_slots(conn: aiosqlite.Connection, session_id: int, offer_no: int,
                    times: list[tuple[str, str]]) -> None:
    await conn.executemany(
        "INSERT INTO live_slots (session_id, offer_no, starts_at, ends_at) VALUES (?, ?, ?, ?)",
        [(session_id, offer_no, starts, ends) for starts, ends in times],
    )


async def book_slot(conn: aiosqlite.Connection, slot_id: int) -> None:
    await conn.execute("UPDATE live_slots SET status = 'booked' WHERE id = ? AND status = 'open'", (slot_id,))


async def release_booking(conn: aiosqlite.Connection, session_id: int) -> None:
    await conn.execute("UPDATE live_slots SET status = 'released' WHERE session_id = ? AND status = 'booked'",
                       (session_id,))


async def withdraw_open_slots(conn: aiosqlite.Connection, session_id: int) -> None:
    await conn.execute("UPDATE live_slots SET status = 'withdrawn' WHERE session_id = ? AND status = 'open'",
                       (session_id,))


SESSION_COLUMNS = ("state", "offer_no", "offered_by", "note", "other_times_message", "other_times_at",
                   "cancelled_at", "cancelled_by", "cancel_reason")


async def update_session(conn: aiosqlite.Connection, session_id: int, now: str, **values) -> None:
    """Set some of SESSION_COLUMNS, and move the version on."""
    unknown = set(values) - set(SESSION_COLUMNS)
    if unknown:
        raise ValueError(f"not a live session column: {sorted(unknown)}")
    assignments = "".join(f"{name} = :{name}, " for name in values)
    await conn.execute(
        f"UPDATE live_sessions SET {assignments}updated_at = :now, version = version + 1 WHERE id = :id",
        {**values, "now": now, "id": session_id},
    )


async def add_event(conn: aiosqlite.Connection, *, session_id: int, action: str, actor_id: int | None, at: str,
                    message: str = "", offer_no: int | None = None, slot_id: int | None = None) -> None:
    await conn.execute(
        """
        INSERT INTO live_session_events (session_id, action, actor_id, at, message, offer_no, slot_id)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        (session_id, action, actor_id, at, message, offer_no, slot_id),
    )


async def due_reminders(conn: aiosqlite.Connection, kind: str, *, starts_by: str, starts_after: str | None,
                        ends_after: str, case_statuses: tuple[str, ...]) -> list[sqlite3.Row]:
    """Booked slots of booked sessions of cases in `case_statuses`, starting by `starts_by` (and
    after `starts_after`), not yet over at `ends_after`, whose `kind` reminder has not gone out;
    with their case's names."""
    statuses = ", ".join(f":status{i}" for i in range(len(case_statuses)))
    return await fetch_all(
        conn,
        f"""
        SELECT sl.id AS slot_id, sl.starts_at, sl.ends_at, s.id AS session_id, s.case_id, s.offered_by,
               c.reference, c.title
        FROM live_slots AS sl
        JOIN live_sessions AS s ON s.id = sl.session_id
        JOIN cases AS c ON c.id = s.case_id
        WHERE sl.status = 'booked' AND s.state = 'booked' AND c.status IN ({statuses})
          AND sl.starts_at <= :starts_by
          AND (:starts_after IS NULL OR sl.starts_at > :starts_after)
          AND sl.ends_at > :ends_after
          AND NOT EXISTS (SELECT 1 FROM live_reminders AS r WHERE r.slot_id = sl.id AND r.kind = :kind)
        ORDER BY sl.starts_at, sl.id
        """,
        {"kind": kind, "starts_by": starts_by, "starts_after": starts_after, "ends_after": ends_after,
         **{f"status{i}": status for i, status in enumerate(case_statuses)}},
    )


async def mark_reminded(conn: aiosqlite.Connection, slot_id: int, kind: str, now: str) -> bool:
    """Record that the reminder went out; False when it already had (another sweep was first)."""
    async with conn.execute(
        "INSERT INTO live_reminders (slot_id, kind, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (slot_id, kind, now),
    ) as cursor:
        return cursor.rowcount == 1
