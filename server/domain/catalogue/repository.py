"""SQL for the item catalogue (事项清单) and the working-day calendar."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all, fetch_one, insert

COLUMNS = """id, code, name_zh, name_en, guide_zh, guide_en, time_limit_days, geofence_radius_m,
    required_signoffs, capture_window_days, fields, checklist, active, version, updated_at"""


async def get_by_code(conn: aiosqlite.Connection, code: str) -> sqlite3.Row | None:
    return await fetch_one(conn, f"SELECT {COLUMNS} FROM item_types WHERE code = ?", (code,))


async def list_all(conn: aiosqlite.Connection, *, include_inactive: bool) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        f"SELECT {COLUMNS} FROM item_types WHERE active = 1 OR :all ORDER BY id",
        {"all": int(include_inactive)},
    )


async def create(conn: aiosqlite.Connection, values: dict, now: str) -> int:
    return await insert(
        conn,
        """
        INSERT INTO item_types (code, name_zh, name_en, guide_zh, guide_en, time_limit_days,
            geofence_radius_m, required_signoffs, capture_window_days, fields, checklist, active,
            version, created_at, updated_at)
        VALUES (:code, :name_zh, :name_en, :guide_zh, :guide_en, :time_limit_days,
            :geofence_radius_m, :required_signoffs, :capture_window_days, :fields, :checklist, 1,
            1, :now, :now)
        """,
        {**values, "now": now},
    )


async def update(conn: aiosqlite.Connection, code: str, values: dict, now: str) -> None:
    await conn.execute(
        """
        UPDATE item_types SET name_zh = :name_zh, name_en = :name_en, guide_zh = :guide_zh,
            guide_en = :guide_en, time_limit_days = :time_limit_days,
            geofence_radius_m = :geofence_radius_m, required_signoffs = :required_signoffs,
            capture_window_days = :capture_window_days, fields = :fields, checklist = :checklist,
            active = 1, version = version + 1, updated_at = :now
        WHERE code = :code
        """,
        {**values, "code": code, "now": now},
    )


async def set_active(conn: aiosqlite.Connection, code: str, active: bool, now: str) -> None:
    await conn.execute(
        "UPDATE item_types SET active = ?, version = version + 1, updated_at = ? WHERE code = ?",
        (int(active), now, code),
    )


async def get_calendar(conn: aiosqlite.Connection) -> sqlite3.Row | None:
    return await fetch_one(conn, "SELECT body, updated_at FROM work_calendar WHERE id = 1")


async def put_calendar(conn: aiosqlite.Connection, body: str, now: str, user_id: int | None) -> None:
    await conn.execute(
        """
        INSERT INTO work_calendar (id, body, updated_at, updated_by) VALUES (1, :body, :now, :user)
        ON CONFLICT (id) DO UPDATE SET body = :body, updated_at = :now, updated_by = :user
        """,
        {"body": body, "now": now, "user": user_id},
    )
