"""SQL for the applicants' ratings of the service (好差评)."""

import sqlite3

import aiosqlite

from server.db.database import fetch_one


async def get(conn: aiosqlite.Connection, case_id: int) -> sqlite3.Row | None:
    return await fetch_one(
        conn,
        """
        SELECT r.*, u.display_name AS applicant_name, u.organisation AS applicant_organisation
        FROM ratings AS r
        JOIN users AS u ON u.id = r.applicant_id
        WHERE r.case_id = ?
        """,
        (case_id,),
    )


async def create(conn: aiosqlite.Connection, *, case_id: int, applicant_id: int, score: int, comment: str,
                 now: str) -> None:
    await conn.execute(
        "INSERT INTO ratings (case_id, applicant_id, score, comment, created_at) VALUES (?, ?, ?, ?, ?)",
        (case_id, applicant_id, score, comment, now),
    )
