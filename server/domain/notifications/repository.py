"""SQL for the notification feed."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all


async def add(conn: aiosqlite.Connection, user_ids: list[int], case_id: int | None, kind: str, payload: str,
              now: str) -> None:
    await conn.executemany(
        "INSERT INTO notifications (user_id, case_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)",
        [(user_id, case_id, kind, payload, now) for user_id in user_ids],
    )


async def feed(conn: aiosqlite.Connection, user_id: int, after: int, limit: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        "SELECT id, kind, case_id, payload, created_at FROM notifications WHERE user_id = ? AND id > ? "
        "ORDER BY id LIMIT ?",
        (user_id, after, limit),
    )


async def last_id(conn: aiosqlite.Connection, user_id: int) -> int:
    rows = await fetch_all(conn, "SELECT max(id) FROM notifications WHERE user_id = ?", (user_id,))
    return rows[0][0] or 0


async def active_officers(conn: aiosqlite.Connection) -> list[int]:
    rows = await fetch_all(conn, "SELECT id FROM users WHERE role = 'officer' AND active = 1")
    return [row[0] for row in rows]


async def case_people(conn: aiosqlite.Connection, case_id: int) -> tuple[int, list[int]]:
    """The case's applicant and its assigned officers."""
    applicant = await fetch_all(conn, "SELECT applicant_id FROM cases WHERE id = ?", (case_id,))
    officers = await fetch_all(conn, "SELECT officer_id FROM case_assignments WHERE case_id = ?", (case_id,))
    return applicant[0][0], [row[0] for row in officers]
