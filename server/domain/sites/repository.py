"""SQL for survey sites."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all, fetch_one, insert

COLUMNS = "id, name, address, lat, lon, input_datum, input_lat, input_lon, radius_m"


async def get(conn: aiosqlite.Connection, site_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, f"SELECT {COLUMNS} FROM sites WHERE id = ?", (site_id,))


async def page(conn: aiosqlite.Connection, *, after_id: int, limit: int, query: str | None) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        f"""
        SELECT {COLUMNS} FROM sites
        WHERE id > :after
          AND (:pattern IS NULL OR name LIKE :pattern ESCAPE '\\' OR address LIKE :pattern ESCAPE '\\')
        ORDER BY id
        LIMIT :limit
        """,
        {"after": after_id, "limit": limit, "pattern": query},
    )


async def create(conn: aiosqlite.Connection, values: dict) -> int:
    return await insert(
        conn,
        """
        INSERT INTO sites (name, address, lat, lon, input_datum, input_lat, input_lon, radius_m,
                           created_by, created_at)
        VALUES (:name, :address, :lat, :lon, :input_datum, :input_lat, :input_lon, :radius_m,
                :created_by, :created_at)
        """,
        values,
    )


async def update(conn: aiosqlite.Connection, site_id: int, values: dict) -> None:
    await conn.execute(
        """
        UPDATE sites SET name = :name, address = :address, lat = :lat, lon = :lon,
            input_datum = :input_datum, input_lat = :input_lat, input_lon = :input_lon,
            radius_m = :radius_m
        WHERE id = :id
        """,
        {**values, "id": site_id},
    )
