"""SQL for the review: the queue, assignments, evidence views and opinions."""

import sqlite3
from dataclasses import dataclass

import aiosqlite

from server.db.database import fetch_all, fetch_one, fetch_value
from server.db.text import like_pattern
from shared.enums import OPEN_STATUSES, QUEUE_STATUSES, UNDER_REVIEW_STATUSES, CaseStatus

# Statuses that never show in the queue (a NOT IN keeps the plan the queue benchmark measured).
NOT_IN_QUEUE = tuple(s for s in CaseStatus if s not in QUEUE_STATUSES)


@dataclass(frozen=True, slots=True)
class QueueFilter:
    statuses: tuple[str, ...]
    item_type_id: int | None = None
    officer_id: int | None = None  # with assigned="me"
    assigned: str | None = None    # "me" | "unassigned" | None
    due_before: str | None = None  # overdue: due_date < this (today)
    due_by: str | None = None      # due within N days: due_date <= this
    text: str | None = None        # searched in reference, title, applicant and site


SORTS = {
    # name: (ORDER BY, keyset condition after the cursor, cursor columns)
    "due": ("c.due_date, c.id", "(c.due_date > :k0 OR (c.due_date = :k0 AND c.id > :k1))", ("due_date", "id")),
    "submitted": ("c.last_submitted_at, c.id",
                  "(c.last_submitted_at > :k0 OR (c.last_submitted_at = :k0 AND c.id > :k1))",
                  ("last_submitted_at", "id")),
    "flags": ("c.fail_checks DESC, c.warn_checks DESC, c.id",
              "(c.fail_checks < :k0 OR (c.fail_checks = :k0 AND (c.warn_checks < :k1 OR "
              "(c.warn_checks = :k1 AND c.id > :k2))))",
              ("fail_checks", "warn_checks", "id")),
}


def only_open(f: QueueFilter) -> bool:
    """Deadlines and assignments concern open cases only: filtering by them leaves out the decided."""
    return bool(f.assigned or f.due_before or f.due_by)


def _statuses(statuses, params: dict) -> str:
    if set(statuses) == set(UNDER_REVIEW_STATUSES):
        return "c.queue_group = 'waiting'"  # one index range in due order
    names = [f"s{len(params)}_{i}" for i in range(len(statuses))]
    params.update(dict(zip(names, statuses, strict=True)))
    return f"c.status IN ({', '.join(':' + n for n in names)})"


def _where(f: QueueFilter, *, with_status: bool) -> tuple[list[str], dict]:
    clauses, params = [], {}
    if with_status:
        clauses.append(_statuses(f.statuses, params))
        if only_open(f) and not set(f.statuses) <= set(OPEN_STATUSES):
            clauses.append(_statuses(OPEN_STATUSES, params))
    elif only_open(f):
        clauses.append(_statuses(OPEN_STATUSES, params))
    else:
        clauses.append("c.status NOT IN (" + ", ".join(f"'{s.value}'" for s in NOT_IN_QUEUE) + ")")
    if f.item_type_id is not None:
        clauses.append("c.item_type_id = :item_type_id")
        params["item_type_id"] = f.item_type_id
    if f.assigned == "unassigned":
        clauses.append("NOT EXISTS (SELECT 1 FROM case_assignments AS a WHERE a.case_id = c.id)")
    if f.due_before:
        clauses.append("c.due_date < :due_before")
        params["due_before"] = f.due_before
    if f.due_by:
        clauses.append("c.due_date <= :due_by")
        params["due_by"] = f.due_by
    if f.text:
        if len(f.text) >= 3:  # the trigram index answers
            clauses.append("c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH :fts)")
            params["fts"] = '"' + f.text.replace('"', '""') + '"'
        else:
            clauses.append("c.search_text LIKE :pattern ESCAPE '\\'")
            params["pattern"] = like_pattern(f.text)
    return clauses, params


def _from(f: QueueFilter) -> tuple[str, dict]:
    if f.assigned == "me":
        # Driven from my assignments: an officer has few, so this never walks the whole queue.
        # Only the officer's open cases (CROSS JOIN keeps that order whatever the planner guesses).
        return ("FROM case_assignments AS mine CROSS JOIN cases AS c "
                "ON c.id = mine.case_id AND mine.officer_id = :me AND mine.open = 1", {"me": f.officer_id})
    return "FROM cases AS c", {}


async def queue_page(conn: aiosqlite.Connection, f: QueueFilter, sort: str, after: list | None,
                     limit: int) -> list[sqlite3.Row]:
    order, keyset, _ = SORTS[sort]
    clauses, params = _where(f, with_status=True)
    source, source_params = _from(f)
    if after is not None:
        clauses.append(keyset)
        params.update({f"k{i}": value for i, value in enumerate(after)})
    return await fetch_all(
        conn,
        f"""
        WITH page AS (
            SELECT c.id {source}
            WHERE {' AND '.join(clauses)}
            ORDER BY {order}
            LIMIT :limit
        )
        SELECT c.id, c.reference, c.title, c.status, c.last_submitted_at, c.due_date, c.fail_checks,
               c.warn_checks, c.round, c.disputed, c.rectify_deadline, c.required_signoffs,
               it.code AS item_code, it.name_zh AS item_name_zh, it.name_en AS item_name_en,
               c.applicant_id, u.display_name AS applicant_name, u.organisation AS applicant_organisation,
               s.name AS site_name,
               (SELECT group_concat(a.officer_id || ':' || o.display_name, '|')
                  FROM case_assignments AS a JOIN users AS o ON o.id = a.officer_id
                 WHERE a.case_id = c.id) AS assignees,
               (SELECT count(*) FROM opinions AS op WHERE op.case_id = c.id AND op.round = c.round) AS signoffs
        FROM page
        JOIN cases AS c ON c.id = page.id
        JOIN item_types AS it ON it.id = c.item_type_id
        JOIN users AS u ON u.id = c.applicant_id
        JOIN sites AS s ON s.id = c.site_id
        ORDER BY {order}
        """,
        {**params, **source_params, "limit": limit},
    )


async def queue_counts(conn: aiosqlite.Connection, f: QueueFilter) -> dict[str, int]:
    """Cases per status under the same filters (but the status), for the tabs. Without filters
    they come from the trigger-kept totals; deadline and assignment filters count open cases only."""
    if not (f.item_type_id is not None or f.assigned or f.due_before or f.due_by or f.text):
        rows = await fetch_all(conn, "SELECT status, n FROM case_status_counts")
        return {row[0]: row[1] for row in rows}
    clauses, params = _where(f, with_status=False)
    source, source_params = _from(f)
    rows = await fetch_all(
        conn,
        f"SELECT c.status, count(*) {source} WHERE {' AND '.join(clauses)} GROUP BY c.status",
        {**params, **source_params},
    )
    return {row[0]: row[1] for row in rows}


# ----- assignments -----


async def item_type_id(conn: aiosqlite.Connection, code: str) -> int | None:
    return await fetch_value(conn, "SELECT id FROM item_types WHERE code = ?", (code,))


async def assignees(conn: aiosqlite.Connection, case_id: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        """
        SELECT u.id, u.display_name, u.organisation, a.assigned_at
        FROM case_assignments AS a JOIN users AS u ON u.id = a.officer_id
        WHERE a.case_id = ? ORDER BY a.assigned_at, u.id
        """,
        (case_id,),
    )


async def assign(conn: aiosqlite.Connection, case_id: int, officer_id: int, by: int | None, now: str) -> bool:
    cursor = await conn.execute(
        """
        INSERT INTO case_assignments (case_id, officer_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (case_id, officer_id) DO NOTHING
        """,
        (case_id, officer_id, by, now),
    )
    return cursor.rowcount == 1


async def unassign(conn: aiosqlite.Connection, case_id: int, officer_id: int) -> bool:
    cursor = await conn.execute(
        "DELETE FROM case_assignments WHERE case_id = ? AND officer_id = ?", (case_id, officer_id)
    )
    return cursor.rowcount == 1


async def user(conn: aiosqlite.Connection, user_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, "SELECT id, display_name, organisation, role, active FROM users WHERE id = ?",
                           (user_id,))


# ----- views -----


async def add_view(conn: aiosqlite.Connection, *, evidence_id: int, case_id: int, officer_id: int, opened_at: str,
                   duration_ms: int, now: str) -> None:
    await conn.execute(
        """
        INSERT INTO evidence_views (evidence_id, case_id, officer_id, opened_at, duration_ms, reported_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        (evidence_id, case_id, officer_id, opened_at, duration_ms, now),
    )


async def view_summary(conn: aiosqlite.Connection, case_id: int, officer_id: int) -> list[sqlite3.Row]:
    return await fetch_all(
        conn,
        """
        SELECT evidence_id, count(*) AS views, sum(duration_ms) AS total_ms
        FROM evidence_views WHERE case_id = ? AND officer_id = ?
        GROUP BY evidence_id ORDER BY evidence_id
        """,
        (case_id, officer_id),
    )


async def unviewed_current_evidence(conn: aiosqlite.Connection, case_id: int, officer_id: int) -> list[sqlite3.Row]:
    """Current (not superseded) evidence of the case the officer has never opened."""
    return await fetch_all(
        conn,
        """
        SELECT e.id, e.requirement_key, e.kind
        FROM evidence AS e
        WHERE e.case_id = ? AND e.superseded_by IS NULL
          AND NOT EXISTS (SELECT 1 FROM evidence_views AS v WHERE v.evidence_id = e.id AND v.officer_id = ?)
        ORDER BY e.id
        """,
        (case_id, officer_id),
    )


# ----- opinions -----

OPINION_SELECT = """
SELECT o.*, u.display_name AS officer_name, u.organisation AS officer_organisation
FROM opinions AS o JOIN users AS u ON u.id = o.officer_id
"""


async def opinions(conn: aiosqlite.Connection, case_id: int, round_: int | None = None) -> list[sqlite3.Row]:
    if round_ is None:
        return await fetch_all(conn, OPINION_SELECT + "WHERE o.case_id = ? ORDER BY o.round, o.signed_at, o.id",
                               (case_id,))
    return await fetch_all(
        conn, OPINION_SELECT + "WHERE o.case_id = ? AND o.round = ? ORDER BY o.signed_at, o.id", (case_id, round_)
    )


async def opinion(conn: aiosqlite.Connection, opinion_id: int) -> sqlite3.Row | None:
    return await fetch_one(conn, OPINION_SELECT + "WHERE o.id = ?", (opinion_id,))


async def insert_opinion(conn: aiosqlite.Connection, values: dict) -> int:
    cursor = await conn.execute(
        """
        INSERT INTO opinions (case_id, round, officer_id, verdict, reasons, requirement_results, rectify_deadline,
                              rectify_requirements, signed_at, updated_at, version)
        VALUES (:case_id, :round, :officer_id, :verdict, :reasons, :requirement_results, :rectify_deadline,
                :rectify_requirements, :now, :now, 1)
        """,
        values,
    )
    return cursor.lastrowid


async def update_opinion(conn: aiosqlite.Connection, opinion_id: int, values: dict) -> None:
    await conn.execute(
        """
        UPDATE opinions SET verdict = :verdict, reasons = :reasons, requirement_results = :requirement_results,
            rectify_deadline = :rectify_deadline, rectify_requirements = :rectify_requirements,
            updated_at = :now, version = version + 1
        WHERE id = :id
        """,
        {**values, "id": opinion_id},
    )


async def set_disputed(conn: aiosqlite.Connection, case_id: int, disputed: bool) -> None:
    await conn.execute("UPDATE cases SET disputed = ? WHERE id = ?", (int(disputed), case_id))


async def open_rectification(conn: aiosqlite.Connection, case_id: int, *, now: str, deadline: str,
                             requirements: str, reasons: str) -> None:
    """A new rectification round: what to redo, why, by when; the case's round moves on."""
    await conn.execute(
        """
        UPDATE cases SET round = round + 1, disputed = 0, rectification_requested_at = :now,
            rectify_deadline = :deadline, rectify_requirements = :requirements, rectify_reasons = :reasons
        WHERE id = :id
        """,
        {"now": now, "deadline": deadline, "requirements": requirements, "reasons": reasons, "id": case_id},
    )


async def reshot_requirements(conn: aiosqlite.Connection, case_id: int, round_: int) -> set[str]:
    """Requirements with current evidence uploaded in this rectification round."""
    rows = await fetch_all(
        conn,
        "SELECT DISTINCT requirement_key FROM evidence WHERE case_id = ? AND round = ? AND superseded_by IS NULL",
        (case_id, round_),
    )
    return {row[0] for row in rows}
