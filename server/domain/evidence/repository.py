"""SQL for blobs, evidence items and resumable uploads."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all, fetch_one, insert
from shared.enums import UploadState

EVIDENCE_SELECT = """
SELECT e.*, u.display_name AS uploader_name, u.organisation AS uploader_organisation
FROM evidence AS e
JOIN users AS u ON u.id = e.uploaded_by
"""

# The dHash is cut into five bands of these widths (most significant first).
PHASH_BANDS = (13, 13, 13, 13, 12)


def phash_bands(unsigned: int) -> list[int]:
    bands, shift = [], 64
    for width in PHASH_BANDS:
        shift -= width
        bands.append((unsigned >> shift) & ((1 << width) - 1))
    return bands


async def insert_blob(conn: aiosqlite.Connection, sha256: str, size: int, mime: str, now: str) -> None:
    await conn.execute(
        "INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
        (sha256, size, mime, now),
    )


async def insert_evidence(conn: aiosqlite.Connection, values: dict) -> int:
    columns = ", ".join(values)
    placeholders = ", ".join(f":{name}" for name in values)
    return await insert(conn, f"INSERT INTO evidence ({columns}) VALUES ({placeholders})", values)


async def get(conn: aiosqlite.Connection, evidence_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, EVIDENCE_SELECT + "WHERE e.id = ?", (evidence_id,))


async def for_case(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    return await fetch_all(conn, EVIDENCE_SELECT + "WHERE e.case_id = ? ORDER BY e.id", (case_id,))


async def current_by_upload(conn: aiosqlite.Connection, upload_id: str) -> sqlite3.Row | None:
    return await fetch_one(conn, EVIDENCE_SELECT + "WHERE e.upload_id = ?", (upload_id,))


async def current_same_file(conn: aiosqlite.Connection, case_id: int, requirement_key: str,
                            sha256: str) -> sqlite3.Row | None:
    """The same bytes already filed under the same requirement (a retried upload)."""
    return await fetch_one(
        conn,
        EVIDENCE_SELECT + """
        WHERE e.case_id = ? AND e.requirement_key = ? AND e.sha256 = ? AND e.superseded_by IS NULL
        """,
        (case_id, requirement_key, sha256),
    )


async def supersede(conn: aiosqlite.Connection, old_id: int, new_id: int, now: str) -> None:
    await conn.execute(
        "UPDATE evidence SET superseded_by = ?, superseded_at = ? WHERE id = ? AND superseded_by IS NULL",
        (new_id, now, old_id),
    )


async def supersede_earlier_rounds(conn: aiosqlite.Connection, case_id: int, requirement_key: str, round_: int,
                                   new_id: int, now: str) -> None:
    await conn.execute(
        """
        UPDATE evidence SET superseded_by = ?, superseded_at = ?
        WHERE case_id = ? AND requirement_key = ? AND round < ? AND superseded_by IS NULL
        """,
        (new_id, now, case_id, requirement_key, round_),
    )


async def refresh_case_check_counts(conn: aiosqlite.Connection, case_id: int) -> None:
    """The case's failed/warned check totals over its current evidence (what the queue shows)."""
    await conn.execute(
        """
        UPDATE cases SET
            fail_checks = (SELECT coalesce(sum(fail_count), 0) FROM evidence
                           WHERE case_id = :id AND superseded_by IS NULL),
            warn_checks = (SELECT coalesce(sum(warn_count), 0) FROM evidence
                           WHERE case_id = :id AND superseded_by IS NULL)
        WHERE id = :id
        """,
        {"id": case_id},
    )


async def coverage_items(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        "SELECT requirement_key, kind, superseded_by IS NOT NULL AS superseded FROM evidence WHERE case_id = ?",
        (case_id,),
    )


async def duplicate_candidates(conn: aiosqlite.Connection, sha256: str, bands: list[int] | None,
                               exclude_ids: tuple[int, ...]) -> list[sqlite3.Row]:
    """Evidence with the same bytes, or sharing a dHash band (to be narrowed by Hamming distance)."""
    band_match = ""
    params: dict = {"sha": sha256}
    if bands is not None:
        band_match = " OR " + " OR ".join(f"e.phash_b{i} = :b{i}" for i in range(len(bands)))
        params.update({f"b{i}": band for i, band in enumerate(bands)})
    excluded = ", ".join(str(int(i)) for i in exclude_ids) or "0"
    return await fetch_all(
        conn,
        f"""
        SELECT e.id, e.case_id, e.sha256, e.phash, c.reference
        FROM evidence AS e
        JOIN cases AS c ON c.id = e.case_id
        WHERE (e.sha256 = :sha{band_match}) AND e.id NOT IN ({excluded})
        ORDER BY e.id
        LIMIT 200
        """,
        params,
    )


# ----- uploads -----


async def create_upload(conn: aiosqlite.Connection, values: dict) -> None:
    columns = ", ".join(values)
    placeholders = ", ".join(f":{name}" for name in values)
    await conn.execute(f"INSERT INTO uploads ({columns}) VALUES ({placeholders})", values)


async def open_uploads(conn: aiosqlite.Connection, user_id: int) -> tuple[int, int]:
    """(this user's uploads still receiving, the bytes all receiving uploads still expect)."""
    row = await fetch_one(
        conn,
        "SELECT COALESCE(SUM(uploaded_by = ?), 0), COALESCE(SUM(length - received), 0) FROM uploads "
        f"WHERE state = '{UploadState.receiving}'",
        (user_id,),
    )
    return row[0], row[1]


async def get_upload(conn: aiosqlite.Connection, upload_id: str) -> sqlite3.Row | None:
    return await fetch_one(conn, "SELECT * FROM uploads WHERE id = ?", (upload_id,))


async def take_lease(conn: aiosqlite.Connection, upload_id: str, received: int, token: str, now: str,
                     until: str) -> bool:
    """One writer per upload at a time, across processes: the lease is taken only if the upload
    is still at the offset the request claims and no unexpired lease is held."""
    cursor = await conn.execute(
        f"""
        UPDATE uploads SET lease_token = :token, lease_until = :until
        WHERE id = :id AND state = '{UploadState.receiving}' AND received = :received
          AND (lease_until IS NULL OR lease_until < :now)
        """,
        {"token": token, "until": until, "id": upload_id, "received": received, "now": now},
    )
    return cursor.rowcount == 1


async def renew_lease(conn: aiosqlite.Connection, upload_id: str, token: str, until: str) -> bool:
    """False when the lease is no longer this writer's (terminated, or taken over)."""
    cursor = await conn.execute("UPDATE uploads SET lease_until = ? WHERE id = ? AND lease_token = ?",
                                (until, upload_id, token))
    return cursor.rowcount == 1


async def advance_upload(conn: aiosqlite.Connection, upload_id: str, token: str, received: int, now: str,
                         expires_at: str, *, synced: int | None = None, keep_lease: bool = False) -> bool:
    """Move the offset (and, when the bytes were fsynced, the synced mark) and release the
    lease, unless the writer keeps it to finish the upload. False, changing nothing, when the
    lease is no longer this writer's."""
    release = "" if keep_lease else ", lease_token = NULL, lease_until = NULL"
    mark = ", synced = :synced" if synced is not None else ""
    cursor = await conn.execute(
        f"""
        UPDATE uploads SET received = :received, updated_at = :now, expires_at = :expires{mark}{release}
        WHERE id = :id AND lease_token = :token
        """,
        {"received": received, "now": now, "expires": expires_at, "id": upload_id, "token": token,
         "synced": synced},
    )
    return cursor.rowcount == 1


async def mark_synced(conn: aiosqlite.Connection, upload_id: str, upto: int) -> None:
    """Bytes up to `upto` were fsynced (never beyond what the client was told)."""
    await conn.execute(
        "UPDATE uploads SET synced = :upto WHERE id = :id AND synced < :upto AND received >= :upto",
        {"upto": upto, "id": upload_id},
    )


async def unsynced_uploads(conn: aiosqlite.Connection) -> list[sqlite3.Row]:
    return await fetch_all(
        conn, f"SELECT id, synced FROM uploads WHERE state = '{UploadState.receiving}' AND received > synced")


async def rewind_to_synced(conn: aiosqlite.Connection, upload_id: str) -> None:
    await conn.execute(
        "UPDATE uploads SET received = synced, lease_token = NULL, lease_until = NULL "
        f"WHERE id = ? AND state = '{UploadState.receiving}'",
        (upload_id,),
    )


async def release_lease(conn: aiosqlite.Connection, upload_id: str, token: str) -> None:
    await conn.execute(
        "UPDATE uploads SET lease_token = NULL, lease_until = NULL WHERE id = ? AND lease_token = ?",
        (upload_id, token),
    )


async def finish_upload(conn: aiosqlite.Connection, upload_id: str, state: str, now: str,
                        evidence_id: int | None = None, error: str | None = None) -> None:
    await conn.execute(
        """
        UPDATE uploads SET state = ?, evidence_id = ?, error = ?, updated_at = ?, lease_token = NULL,
            lease_until = NULL
        WHERE id = ?
        """,
        (state, evidence_id, error, now, upload_id),
    )


async def end_upload(conn: aiosqlite.Connection, upload_id: str, state: str, now: str) -> None:
    """The upload resource ends (terminated, expired); its evidence, if any, stays named."""
    await conn.execute(
        "UPDATE uploads SET state = ?, updated_at = ?, lease_token = NULL, lease_until = NULL WHERE id = ?",
        (state, now, upload_id),
    )


async def expired_uploads(conn: aiosqlite.Connection, now: str, limit: int = 500) -> list[sqlite3.Row]:
    return await fetch_all(
        conn, f"SELECT id FROM uploads WHERE state = '{UploadState.receiving}' AND expires_at < ? LIMIT ?", (now, limit)
    )


async def uploads_to_finish(conn: aiosqlite.Connection) -> list[sqlite3.Row]:
    """Uploads whose every byte arrived but whose ingest did not complete (a crash)."""
    return await fetch_all(conn, f"SELECT * FROM uploads WHERE state = '{UploadState.receiving}' AND received = length")


async def finished_upload_ids(conn: aiosqlite.Connection) -> set[str]:
    rows = await fetch_all(conn, f"SELECT id FROM uploads WHERE state != '{UploadState.receiving}'")
    return {row[0] for row in rows}
