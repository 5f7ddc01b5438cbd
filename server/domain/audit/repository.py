"""SQL of the audit log: append and read, nothing else (there is no update or delete)."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all, fetch_one
from shared.audit_chain import GENESIS, canonical_json, event_hash

COLUMNS = "seq, at, actor_id, action, object_type, object_id, case_id, details, prev_hash, hash"


async def append(
    conn: aiosqlite.Connection,
    *,
    at: str,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    case_id: int | None,
    details: dict,
) -> dict:
    """Append one event, chained to the last. Must run inside the writer's transaction, which
    serializes appends so the chain never forks."""
    last = await fetch_one(conn, "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
    event = {
        "seq": (last["seq"] + 1) if last else 1,
        "at": at,
        "actor_id": actor_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "case_id": case_id,
        "details": canonical_json(details),
        "prev_hash": last["hash"] if last else GENESIS,
    }
    event["hash"] = event_hash(event["prev_hash"], event)
    await conn.execute(
        f"INSERT INTO audit_events ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        tuple(event[name] for name in COLUMNS.split(", ")),
    )
    return event


async def batch_after(conn: aiosqlite.Connection, after_seq: int, limit: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn, f"SELECT {COLUMNS} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?", (after_seq, limit)
    )


async def page(
    conn: aiosqlite.Connection, *, case_id: int | None, after_seq: int, limit: int
) -> list[sqlite3.Row]:
    """Events in order, with the actor's display name, optionally one case's only."""
    where = "e.seq > :after" + (" AND e.case_id = :case_id" if case_id is not None else "")
    return await fetch_all(
        conn,
        f"""
        SELECT e.*, u.display_name AS actor_name
        FROM audit_events AS e
        LEFT JOIN users AS u ON u.id = e.actor_id
        WHERE {where}
        ORDER BY e.seq
        LIMIT :limit
        """,
        {"after": after_seq, "case_id": case_id, "limit": limit},
    )
