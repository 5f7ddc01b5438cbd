"""SQL of oversight: the cases a red-flag report looks at (with their opinions, the time each
signing officer had spent on the evidence before signing, their evidence's times and checks,
and who is assigned), and the cases statistics count."""

import sqlite3

import aiosqlite

from server.db.database import fetch_all

# The cases a red-flag report looks at: submitted at least once, and either decided within the
# range or not decided and submitted before its end. :start and :end are stored UTC text (NULL:
# unbounded).
SCOPE = """
WITH scope AS (
    SELECT id FROM cases
    WHERE submitted_at IS NOT NULL
      AND ((decided_at IS NOT NULL AND (:start IS NULL OR decided_at >= :start)
                                   AND (:end IS NULL OR decided_at < :end))
           OR (decided_at IS NULL AND (:end IS NULL OR submitted_at < :end)))
)
"""


async def flag_cases(conn: aiosqlite.Connection, *, start: str | None, end: str | None) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        SCOPE + """
        SELECT c.id, c.reference, c.title, c.status, c.applicant_id, c.required_signoffs, c.time_limit_days,
               c.created_at, c.submitted_at, c.last_submitted_at, c.due_date, c.decided_at, c.round,
               it.code AS item_code, it.name_zh AS item_name_zh,
               u.display_name AS applicant_name, u.organisation AS applicant_organisation
        FROM cases AS c
        JOIN item_types AS it ON it.id = c.item_type_id
        JOIN users AS u ON u.id = c.applicant_id
        WHERE c.id IN (SELECT id FROM scope)
        ORDER BY c.id
        """,
        {"start": start, "end": end},
    )


async def flag_opinions(conn: aiosqlite.Connection, *, start: str | None, end: str | None) -> list[sqlite3.Row]:
    """Opinions of the cases in scope, each with what its officer had opened of the case's
    evidence by the time the opinion in force was saved (updated_at)."""
    return await fetch_all(
        conn,
        SCOPE + """
        SELECT o.id, o.case_id, o.round, o.officer_id, o.verdict, o.signed_at, o.updated_at,
               u.display_name AS officer_name, u.organisation AS officer_organisation,
               (SELECT coalesce(sum(v.duration_ms), 0) FROM evidence_views AS v
                WHERE v.case_id = o.case_id AND v.officer_id = o.officer_id AND v.opened_at <= o.updated_at)
                   AS viewed_ms,
               (SELECT count(DISTINCT v.evidence_id) FROM evidence_views AS v
                WHERE v.case_id = o.case_id AND v.officer_id = o.officer_id AND v.opened_at <= o.updated_at)
                   AS viewed_items
        FROM opinions AS o
        JOIN users AS u ON u.id = o.officer_id
        WHERE o.case_id IN (SELECT id FROM scope)
        ORDER BY o.case_id, o.round, o.signed_at, o.id
        """,
        {"start": start, "end": end},
    )


async def flag_evidence(conn: aiosqlite.Connection, *, start: str | None, end: str | None) -> list[sqlite3.Row]:
    """Evidence of the cases in scope, in case order; the checks only where one failed."""
    return await fetch_all(
        conn,
        SCOPE + """
        SELECT e.id, e.case_id, e.requirement_key, e.kind, e.received_at, e.captured_at, e.superseded_by,
               e.uploaded_by, e.fail_count, CASE WHEN e.fail_count > 0 THEN e.checks END AS checks
        FROM evidence AS e
        WHERE e.case_id IN (SELECT id FROM scope)
        ORDER BY e.case_id, e.id
        """,
        {"start": start, "end": end},
    )


async def flag_assignments(conn: aiosqlite.Connection, *, start: str | None,
                           end: str | None) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        SCOPE + """
        SELECT a.case_id, a.officer_id, u.display_name AS officer_name, u.organisation AS officer_organisation
        FROM case_assignments AS a
        JOIN users AS u ON u.id = a.officer_id
        WHERE a.case_id IN (SELECT id FROM scope)
        ORDER BY a.case_id, a.assigned_at
        """,
        {"start": start, "end": end},
    )


# ----------------------------------------------------------------------------- statistics


async def stats_cases(conn: aiosqlite.Connection, *, basis: str, start: str, end: str) -> list[sqlite3.Row]:
    """Cases first submitted (basis "submitted") or decided (basis "decided") in [start, end),
    with their item type and rating."""
    column = {"submitted": "c.submitted_at", "decided": "c.decided_at"}[basis]
    return await fetch_all(
        conn,
        f"""
        SELECT c.id, c.status, c.submitted_at, c.decided_at, c.due_date, c.time_limit_days, c.round,
               it.code AS item_code, it.name_zh AS item_name_zh, it.name_en AS item_name_en,
               it.time_limit_days AS item_time_limit_days, r.score AS rating
        FROM cases AS c
        JOIN item_types AS it ON it.id = c.item_type_id
        LEFT JOIN ratings AS r ON r.case_id = c.id
        WHERE {column} >= :start AND {column} < :end
        ORDER BY {column}, c.id
        """,
        {"start": start, "end": end},
    )


async def stats_pauses(conn: aiosqlite.Connection, *, basis: str, start: str, end: str) -> list[sqlite3.Row]:
    """The rectification requests and resubmissions of those cases, in order: the spans the
    applicant held the case."""
    column = {"submitted": "c.submitted_at", "decided": "c.decided_at"}[basis]
    return await fetch_all(
        conn,
        f"""
        SELECT t.case_id, t.to_status, t.from_status, t.at
        FROM case_transitions AS t
        JOIN cases AS c ON c.id = t.case_id
        WHERE {column} >= :start AND {column} < :end
          AND (t.to_status = 'rectification_requested'
               OR (t.to_status = 'submitted' AND t.from_status = 'rectification_requested'))
        ORDER BY t.case_id, t.id
        """,
        {"start": start, "end": end},
    )
