"""SQL for annotations and their revisions."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all, fetch_one, insert

ANNOTATION_SELECT = """
SELECT a.*, u.display_name AS author_name, u.organisation AS author_organisation
FROM annotations AS a
JOIN users AS u ON u.id = a.author_id
"""


async def get(conn: aiosqlite.Connection, annotation_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, ANNOTATION_SELECT + "WHERE a.id = ?", (annotation_id,))


async def listing(conn: aiosqlite.Connection, *, case_id: int | None = None, evidence_id: int | None = None,
                  include_deleted: bool, shared_only: bool) -> list[sqlite3.Row]:
    """The annotations of one case or one evidence item, in drawing order (oldest first)."""
    return await fetch_all(
        conn,
        ANNOTATION_SELECT
        + """
        WHERE (:case_id IS NULL OR a.case_id = :case_id)
          AND (:evidence_id IS NULL OR a.evidence_id = :evidence_id)
          AND (:include_deleted = 1 OR a.deleted_at IS NULL)
          AND (:shared_only = 0 OR a.shared_with_applicant = 1)
        ORDER BY a.id
        """,
        {"case_id": case_id, "evidence_id": evidence_id, "include_deleted": int(include_deleted),
         "shared_only": int(shared_only)},
    )


async def create(conn: aiosqlite.Connection, *, evidence_id: int, case_id: int, author_id: int, body: str,
                 shared: bool, now: str) -> int:
    return await insert(
        conn,
        """
        INSERT INTO annotations (evidence_id, case_id, author_id, body, shared_with_applicant, version,
                                 created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 1, ?, ?)
        """,
        (evidence_id, case_id, author_id, body, int(shared), now, now),
    )


async def update(conn: aiosqlite.Connection, annotation_id: int, *, body: str, shared: bool, version: int,
                 now: str) -> None:
    await conn.execute(
        "UPDATE annotations SET body = ?, shared_with_applicant = ?, version = ?, updated_at = ? WHERE id = ?",
        (body, int(shared), version, now, annotation_id),
    )


async def mark_deleted(conn: aiosqlite.Connection, annotation_id: int, *, version: int, now: str) -> None:
    await conn.execute(
        "UPDATE annotations SET deleted_at = ?, updated_at = ?, version = ? WHERE id = ?",
        (now, now, version, annotation_id),
    )


async def add_revision(conn: aiosqlite.Connection, *, annotation_id: int, version: int, body: str, author_id: int,
                       now: str, deleted: bool = False) -> None:
    await conn.execute(
        """
        INSERT INTO annotation_revisions (annotation_id, version, body, author_id, created_at, deleted)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        (annotation_id, version, body, author_id, now, int(deleted)),
    )


async def revisions(conn: aiosqlite.Connection, annotation_id: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        """
        SELECT r.*, u.display_name AS author_name, u.organisation AS author_organisation
        FROM annotation_revisions AS r
        JOIN users AS u ON u.id = r.author_id
        WHERE r.annotation_id = ?
        ORDER BY r.version
        """,
        (annotation_id,),
    )
