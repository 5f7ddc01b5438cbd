"""SQL for users, bearer tokens and the login throttle."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all, fetch_one, insert

USER_COLUMNS = "id, username, display_name, role, organisation, active, created_at, updated_at"


async def get_user(conn: aiosqlite.Connection, user_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, f"SELECT {USER_COLUMNS} FROM users WHERE id = ?", (user_id,))


async def get_login(conn: aiosqlite.Connection, username: str) -> sqlite3.Row | None:
    return await fetch_one(
        conn, f"SELECT {USER_COLUMNS}, password_hash FROM users WHERE username = ?", (username,)
    )


async def username_taken(conn: aiosqlite.Connection, username: str) -> bool:
    return await fetch_one(conn, "SELECT 1 FROM users WHERE username = ?", (username,)) is not None


async def create_user(
    conn: aiosqlite.Connection, *, username: str, display_name: str, role: str, organisation: str,
    password_hash: str, now: str,
) -> int:
    return await insert(
        conn,
        """
        INSERT INTO users (username, display_name, role, organisation, password_hash, active,
                           created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 1, ?, ?)
        """,
        (username, display_name, role, organisation, password_hash, now, now),
    )


async def update_user(conn: aiosqlite.Connection, user_id: int, changes: dict, now: str) -> None:
    """`changes` maps column names (from a fixed set the service chooses) to new values."""
    allowed = {"display_name", "organisation", "active", "password_hash"}
    assert set(changes) <= allowed, changes
    assignments = ", ".join(f"{column} = :{column}" for column in changes)
    await conn.execute(
        f"UPDATE users SET {assignments}, updated_at = :now WHERE id = :id",
        {**changes, "now": now, "id": user_id},
    )


async def list_users(
    conn: aiosqlite.Connection, *, after_id: int, limit: int, role: str | None, active: bool | None
) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        f"""
        SELECT {USER_COLUMNS} FROM users
        WHERE id > :after
          AND (:role IS NULL OR role = :role)
          AND (:active IS NULL OR active = :active)
        ORDER BY id
        LIMIT :limit
        """,
        {"after": after_id, "role": role, "active": None if active is None else int(active), "limit": limit},
    )


async def count_users(conn: aiosqlite.Connection) -> int:
    row = await fetch_one(conn, "SELECT count(*) FROM users")
    return row[0]


# ----- tokens -----


async def store_token(conn: aiosqlite.Connection, *, token_hash: str, user_id: int, now: str,
                      expires_at: str) -> None:
    await conn.execute(
        "INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        (token_hash, user_id, now, expires_at),
    )


async def user_for_token(conn: aiosqlite.Connection, token_hash: str, now: str) -> sqlite3.Row | None:
    """The active user of a live (unexpired, unrevoked) token."""
    return await fetch_one(
        conn,
        """
        SELECT u.id, u.username, u.display_name, u.role, u.organisation
        FROM auth_tokens AS t
        JOIN users AS u ON u.id = t.user_id
        WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.active = 1
        """,
        (token_hash, now),
    )


async def session_is_live(conn: aiosqlite.Connection, user_id: int, session: str, now: str) -> bool:
    """Whether a live token of this active user has a digest starting with `session` (hex)."""
    row = await fetch_one(
        conn,
        """
        SELECT 1
        FROM auth_tokens AS t
        JOIN users AS u ON u.id = t.user_id
        WHERE t.token_hash >= :prefix AND t.token_hash < :prefix || 'g'
          AND t.user_id = :user AND t.revoked_at IS NULL AND t.expires_at > :now AND u.active = 1
        """,
        {"prefix": session, "user": user_id, "now": now},
    )
    return row is not None


async def revoke_token(conn: aiosqlite.Connection, token_hash: str, now: str) -> bool:
    cursor = await conn.execute(
        "UPDATE auth_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", (now, token_hash)
    )
    return cursor.rowcount > 0


async def revoke_user_tokens(conn: aiosqlite.Connection, user_id: int, now: str) -> None:
    await conn.execute(
        "UPDATE auth_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", (now, user_id)
    )


# ----- login throttle -----


async def throttle_state(conn: aiosqlite.Connection, username: str) -> sqlite3.Row | None:
    return await fetch_one(
        conn, "SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE username = ?", (username,)
    )


async def record_failure(conn: aiosqlite.Connection, username: str, now: str,
                         locked_until: str | None, failures: int) -> None:
    await conn.execute(
        """
        INSERT INTO login_throttle (username, failures, last_failure_at, locked_until)
        VALUES (:username, :failures, :now, :locked_until)
        ON CONFLICT (username) DO UPDATE
            SET failures = :failures, last_failure_at = :now, locked_until = :locked_until
        """,
        {"username": username, "failures": failures, "now": now, "locked_until": locked_until},
    )


async def clear_failures(conn: aiosqlite.Connection, username: str) -> None:
    await conn.execute("DELETE FROM login_throttle WHERE username = ?", (username,))
