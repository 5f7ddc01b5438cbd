"""SQL the case archive and the bulk export read: one case's whole record (every table that
says something about it), its audit events in batches, the cases a bulk export selects, and the
export jobs themselves."""

import json
import sqlite3

import aiosqlite

from server.db.database import fetch_all, fetch_one, fetch_value, insert
from server.domain.cases.repository import CASE_SELECT
from server.domain.evidence.repository import EVIDENCE_SELECT

AUDIT_COLUMNS = "seq, at, actor_id, action, object_type, object_id, case_id, details, prev_hash, hash"
USER_COLUMNS = "id, username, display_name, role, organisation, active"


# ----------------------------------------------------------------------------- one case


async def case(conn: aiosqlite.Connection, case_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, CASE_SELECT + "WHERE c.id = ?", (case_id,))


async def case_id_by_reference(conn: aiosqlite.Connection, reference: str) -> int | None:
    return await fetch_value(conn, "SELECT id FROM cases WHERE reference = ?", (reference,))


async def item_type(conn: aiosqlite.Connection, item_type_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, "SELECT * FROM item_types WHERE id = ?", (item_type_id,))


async def site(conn: aiosqlite.Connection, site_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, "SELECT * FROM sites WHERE id = ?", (site_id,))


async def user(conn: aiosqlite.Connection, user_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, f"SELECT {USER_COLUMNS} FROM users WHERE id = ?", (user_id,))


async def officers(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    """Everyone on the staff side who took part: assigned, signed an opinion or opened evidence,
    with when they were assigned (NULL when they were not, or no longer are)."""
    return await fetch_all(
        conn,
        f"""
        WITH people AS (
            SELECT officer_id AS id FROM case_assignments WHERE case_id = :case_id
            UNION SELECT officer_id FROM opinions WHERE case_id = :case_id
            UNION SELECT officer_id FROM evidence_views WHERE case_id = :case_id
        )
        SELECT u.{USER_COLUMNS.replace(', ', ', u.')}, a.assigned_at, a.assigned_by
        FROM people AS p
        JOIN users AS u ON u.id = p.id
        LEFT JOIN case_assignments AS a ON a.case_id = :case_id AND a.officer_id = p.id
        ORDER BY a.assigned_at IS NULL, a.assigned_at, u.id
        """,
        {"case_id": case_id},
    )


async def evidence(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    """Every item, superseded ones included, in the order they were received."""
    return await fetch_all(conn, EVIDENCE_SELECT + "WHERE e.case_id = ? ORDER BY e.id", (case_id,))


async def annotations(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    """Every annotation, deleted ones included."""
    return await fetch_all(
        conn,
        """
        SELECT a.*, u.display_name AS author_name, u.organisation AS author_organisation
        FROM annotations AS a
        JOIN users AS u ON u.id = a.author_id
        WHERE a.case_id = ?
        ORDER BY a.id
        """,
        (case_id,),
    )


async def annotation_revisions(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        """
        SELECT r.*, u.display_name AS author_name
        FROM annotation_revisions AS r
        JOIN annotations AS a ON a.id = r.annotation_id
        JOIN users AS u ON u.id = r.author_id
        WHERE a.case_id = ?
        ORDER BY r.annotation_id, r.version
        """,
        (case_id,),
    )


async def comments(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        """
        SELECT c.*, u.display_name AS author_name, u.role AS author_role
        FROM comments AS c
        JOIN users AS u ON u.id = c.author_id
        WHERE c.case_id = ?
        ORDER BY c.id
        """,
        (case_id,),
    )


async def opinions(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    """Every opinion of every round, in signing order."""
    return await fetch_all(
        conn,
        """
        SELECT o.*, u.display_name AS officer_name, u.organisation AS officer_organisation
        FROM opinions AS o
        JOIN users AS u ON u.id = o.officer_id
        WHERE o.case_id = ?
        ORDER BY o.round, o.signed_at, o.id
        """,
        (case_id,),
    )


async def views(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    """Each time an officer had an evidence item open."""
    return await fetch_all(
        conn,
        """
        SELECT v.*, u.display_name AS officer_name
        FROM evidence_views AS v
        JOIN users AS u ON u.id = v.officer_id
        WHERE v.case_id = ?
        ORDER BY v.opened_at, v.id
        """,
        (case_id,),
    )


async def transitions(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        """
        SELECT t.*, u.display_name AS actor_name
        FROM case_transitions AS t
        LEFT JOIN users AS u ON u.id = t.actor_id
        WHERE t.case_id = ?
        ORDER BY t.id
        """,
        (case_id,),
    )


async def rating(conn: aiosqlite.Connection, case_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, "SELECT * FROM ratings WHERE case_id = ?", (case_id,))


async def last_audit_seq(conn: aiosqlite.Connection, case_id: int) -> int:
    """The newest event of the case at this moment: the archive holds the events up to it, so
    what it holds is one consistent snapshot even while the case goes on changing."""
    return await fetch_value(conn, "SELECT coalesce(max(seq), 0) FROM audit_events WHERE case_id = ?",
                             (case_id,))


async def audit_batch(conn: aiosqlite.Connection, case_id: int, after_seq: int, up_to_seq: int,
                      limit: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        f"""
        SELECT {AUDIT_COLUMNS} FROM audit_events
        WHERE case_id = ? AND seq > ? AND seq <= ?
        ORDER BY seq
        LIMIT ?
        """,
        (case_id, after_seq, up_to_seq, limit),
    )


# ----------------------------------------------------------------------------- bulk export


async def select_cases(conn: aiosqlite.Connection, *, basis: str, start: str, end: str, status: str | None,
                       item_type: str | None) -> list[sqlite3.Row]:
    """The cases a bulk export takes: decided (basis "decided") or first submitted (basis
    "submitted") in [start, end), optionally of one status and one item type, oldest first."""
    column = {"decided": "c.decided_at", "submitted": "c.submitted_at"}[basis]
    return await fetch_all(
        conn,
        f"""
        SELECT c.id, c.reference
        FROM cases AS c
        JOIN item_types AS it ON it.id = c.item_type_id
        WHERE {column} >= :start AND {column} < :end
          AND (:status IS NULL OR c.status = :status)
          AND (:item_type IS NULL OR it.code = :item_type)
        ORDER BY {column}, c.id
        """,
        {"start": start, "end": end, "status": status, "item_type": item_type},
    )


async def item_type_exists(conn: aiosqlite.Connection, code: str) -> bool:
    return await fetch_value(conn, "SELECT 1 FROM item_types WHERE code = ?", (code,)) is not None


JOB_SELECT = """
SELECT j.*, u.display_name AS requested_by_name, u.organisation AS requested_by_organisation
FROM export_jobs AS j
JOIN users AS u ON u.id = j.requested_by
"""


async def create_job(conn: aiosqlite.Connection, values: dict) -> int:
    return await insert(
        conn,
        """
        INSERT INTO export_jobs (requested_by, criteria, case_ids, state, cases_total, created_at, updated_at)
        VALUES (:requested_by, :criteria, :case_ids, 'queued', :cases_total, :now, :now)
        """,
        values,
    )


async def pending_jobs(conn: aiosqlite.Connection, user_id: int) -> tuple[int, int]:
    """(this user's, everyone's) bulk exports queued or running."""
    row = await fetch_one(
        conn, "SELECT count(*) AS everyone, coalesce(sum(requested_by = ?), 0) AS mine FROM export_jobs "
              "WHERE state IN ('queued', 'running')", (user_id,))
    return row["mine"], row["everyone"]


async def evidence_totals(conn: aiosqlite.Connection, case_ids: list[int]) -> tuple[int, int]:
    """(bytes, items) of every evidence item of these cases, superseded ones included (an archive
    holds them all)."""
    row = await fetch_one(
        conn, "SELECT coalesce(sum(size), 0) AS bytes, count(*) AS items FROM evidence "
              "WHERE case_id IN (SELECT value FROM json_each(?))", (json.dumps(case_ids),))
    return row["bytes"], row["items"]


async def job(conn: aiosqlite.Connection, job_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, JOB_SELECT + "WHERE j.id = ?", (job_id,))


async def jobs(conn: aiosqlite.Connection, *, before_id: int | None, limit: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn, JOB_SELECT + "WHERE (:before IS NULL OR j.id < :before) ORDER BY j.id DESC LIMIT :limit",
        {"before": before_id, "limit": limit},
    )


async def start_job(conn: aiosqlite.Connection, job_id: int, now: str) -> None:
    await conn.execute(
        "UPDATE export_jobs SET state = 'running', started_at = :now, updated_at = :now WHERE id = :id",
        {"now": now, "id": job_id},
    )


async def job_progress(conn: aiosqlite.Connection, job_id: int, *, cases_done: int, bytes_written: int,
                       now: str) -> None:
    await conn.execute(
        """
        UPDATE export_jobs SET cases_done = :done, bytes_written = :bytes, updated_at = :now
        WHERE id = :id AND state = 'running'
        """,
        {"done": cases_done, "bytes": bytes_written, "now": now, "id": job_id},
    )


async def complete_job(conn: aiosqlite.Connection, job_id: int, *, cases_done: int, size: int, sha256: str,
                       file_name: str, now: str) -> None:
    await conn.execute(
        """
        UPDATE export_jobs SET state = 'complete', cases_done = :done, bytes_written = :size, size = :size,
            sha256 = :sha256, file_name = :file_name, finished_at = :now, updated_at = :now
        WHERE id = :id
        """,
        {"done": cases_done, "size": size, "sha256": sha256, "file_name": file_name, "now": now, "id": job_id},
    )


async def fail_job(conn: aiosqlite.Connection, job_id: int, *, error: str, now: str) -> bool:
    """Mark a job that has not finished as failed; False when it had already ended."""
    cursor = await conn.execute(
        """
        UPDATE export_jobs SET state = 'failed', error = :error, finished_at = :now, updated_at = :now
        WHERE id = :id AND state IN ('queued', 'running')
        """,
        {"error": error, "now": now, "id": job_id},
    )
    return cursor.rowcount > 0


async def unfinished_jobs(conn: aiosqlite.Connection) -> list[sqlite3.Row]:
    return await fetch_all(conn, "SELECT id, state FROM export_jobs WHERE state IN ('queued', 'running') ORDER BY id")
