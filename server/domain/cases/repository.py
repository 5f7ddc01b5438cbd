"""SQL for cases, their references and their status history."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all, fetch_one, insert

# A case with the names a client needs to show it, in one row.
CASE_SELECT = """
SELECT c.*,
       it.code AS item_code, it.name_zh AS item_name_zh, it.name_en AS item_name_en,
       u.display_name AS applicant_name, u.organisation AS applicant_organisation,
       s.name AS site_name, s.address AS site_address, s.lat AS site_lat, s.lon AS site_lon,
       s.input_datum AS site_input_datum, s.input_lat AS site_input_lat,
       s.input_lon AS site_input_lon, s.radius_m AS site_radius_m
FROM cases AS c
JOIN item_types AS it ON it.id = c.item_type_id
JOIN users AS u ON u.id = c.applicant_id
JOIN sites AS s ON s.id = c.site_id
"""


async def get(conn: aiosqlite.Connection, case_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, CASE_SELECT + "WHERE c.id = ?", (case_id,))


async def page(
    conn: aiosqlite.Connection, *, applicant_id: int | None, status: str | None, before_id: int | None,
    limit: int, pattern: str | None,
) -> list[sqlite3.Row]:
    """Newest first. applicant_id limits to one applicant's cases."""
    return await fetch_all(
        conn,
        CASE_SELECT
        + """
        WHERE (:applicant IS NULL OR c.applicant_id = :applicant)
          AND (:status IS NULL OR c.status = :status)
          AND (:before IS NULL OR c.id < :before)
          AND (:pattern IS NULL OR c.reference LIKE :pattern ESCAPE '\\'
               OR c.title LIKE :pattern ESCAPE '\\' OR s.name LIKE :pattern ESCAPE '\\')
        ORDER BY c.id DESC
        LIMIT :limit
        """,
        {"applicant": applicant_id, "status": status, "before": before_id, "limit": limit, "pattern": pattern},
    )


async def next_reference_number(conn: aiosqlite.Connection, year: int) -> int:
    row = await fetch_one(
        conn,
        """
        INSERT INTO reference_counters (year, last) VALUES (?, 1)
        ON CONFLICT (year) DO UPDATE SET last = last + 1
        RETURNING last
        """,
        (year,),
    )
    return row[0]


async def create(conn: aiosqlite.Connection, values: dict) -> int:
    return await insert(
        conn,
        """
        INSERT INTO cases (reference, title, item_type_id, applicant_id, site_id, fields, checklist,
            required_signoffs, geofence_radius_m, capture_window_days, time_limit_days,
            challenge_code, status, created_at, updated_at, version)
        VALUES (:reference, :title, :item_type_id, :applicant_id, :site_id, :fields, :checklist,
            :required_signoffs, :geofence_radius_m, :capture_window_days, :time_limit_days,
            :challenge_code, 'draft', :now, :now, 1)
        """,
        values,
    )


async def update_draft(conn: aiosqlite.Connection, case_id: int, *, title: str, fields: str, now: str) -> None:
    await conn.execute(
        "UPDATE cases SET title = ?, fields = ?, version = version + 1, updated_at = ? WHERE id = ?",
        (title, fields, now, case_id),
    )


async def set_status(conn: aiosqlite.Connection, case_id: int, status: str, now: str, extra: dict) -> None:
    """Change the status (and the timestamps given in `extra`, from a fixed set) and bump the version."""
    allowed = {"submitted_at", "last_submitted_at", "due_date", "decided_at"}
    assert set(extra) <= allowed, extra
    assignments = "".join(f", {column} = :{column}" for column in extra)
    await conn.execute(
        f"UPDATE cases SET status = :status, version = version + 1, updated_at = :now{assignments} WHERE id = :id",
        {**extra, "status": status, "now": now, "id": case_id},
    )


async def set_search_text(conn: aiosqlite.Connection, case_id: int, text: str) -> None:
    await conn.execute("UPDATE cases SET search_text = ? WHERE id = ?", (text, case_id))


async def add_transition(conn: aiosqlite.Connection, *, case_id: int, from_status: str, to_status: str,
                         action: str, actor_id: int | None, at: str) -> None:
    await conn.execute(
        """
        INSERT INTO case_transitions (case_id, from_status, to_status, action, actor_id, at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        (case_id, from_status, to_status, action, actor_id, at),
    )


async def transitions(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn, "SELECT * FROM case_transitions WHERE case_id = ? ORDER BY id", (case_id,)
    )
