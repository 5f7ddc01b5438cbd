"""SQL for comments on cases and evidence."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all, fetch_one, insert

COMMENT_SELECT = """
SELECT c.*, u.display_name AS author_name, u.organisation AS author_organisation, u.role AS author_role
FROM comments AS c
JOIN users AS u ON u.id = c.author_id
"""


async def get(conn: aiosqlite.Connection, comment_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, COMMENT_SELECT + "WHERE c.id = ?", (comment_id,))


async def page(conn: aiosqlite.Connection, case_id: int, *, visibility: str | None, evidence_id: int | None,
               after_id: int | None, limit: int) -> list[sqlite3.Row]:
    """Oldest first. `visibility` limits to one visibility (the applicant's view)."""
    return await fetch_all(
        conn,
        COMMENT_SELECT
        + """
        WHERE c.case_id = :case_id
          AND (:visibility IS NULL OR c.visibility = :visibility)
          AND (:evidence_id IS NULL OR c.evidence_id = :evidence_id)
          AND (:after IS NULL OR c.id > :after)
        ORDER BY c.id
        LIMIT :limit
        """,
        {"case_id": case_id, "visibility": visibility, "evidence_id": evidence_id, "after": after_id,
         "limit": limit},
    )


async def create(conn: aiosqlite.Connection, *, case_id: int, evidence_id: int | None, parent_id: int | None,
                 author_id: int, visibility: str, body: str, now: str) -> int:
    return await insert(
        conn,
        """
        INSERT INTO comments (case_id, evidence_id, parent_id, author_id, visibility, body, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        (case_id, evidence_id, parent_id, author_id, visibility, body, now),
    )
