"""The audit log: every state change and every write of consequence appends an event in the
same transaction as the change itself."""

import json

import aiosqlite

from server.clock import Clock, from_db, to_db
from server.db.database import Database
from server.db.pagination import clamp_limit, decode_cursor, encode_cursor
from server.domain.audit import repository
from server.identity import CurrentUser
from shared.audit_chain import GENESIS, ChainBreak, verify_events
from shared.models import AuditEventList, AuditEventOut, AuditVerifyResult

VERIFY_BATCH = 5000


class AuditLog:
    def __init__(self, db: Database, clock: Clock):
        self.db = db
        self.clock = clock

    async def record(
        self,
        conn: aiosqlite.Connection,
        actor: CurrentUser | None,
        action: str,
        object_type: str,
        object_id: object,
        *,
        case_id: int | None = None,
        details: dict | None = None,
    ) -> dict:
        return await repository.append(
            conn,
            at=to_db(self.clock.now()),
            actor_id=actor.id if actor else None,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            case_id=case_id,
            details=details or {},
        )

    async def verify(self) -> AuditVerifyResult:
        """Recompute the whole chain in batches; name the first event that does not hold."""
        checked, after, last_hash = 0, 0, GENESIS
        async with self.db.read() as conn:
            while rows := await repository.batch_after(conn, after, VERIFY_BATCH):
                try:
                    checked += verify_events(map(dict, rows), after_hash=last_hash)
                except ChainBreak as broken:
                    return AuditVerifyResult(
                        ok=False, checked=broken.seq - 1, first_broken_seq=broken.seq, reason=broken.reason
                    )
                after, last_hash = rows[-1]["seq"], rows[-1]["hash"]
        return AuditVerifyResult(ok=True, checked=checked)

    async def page(self, *, case_id: int | None, cursor: str | None, limit: int) -> AuditEventList:
        key = decode_cursor(cursor, int)
        after = key[0] if key else 0
        limit = clamp_limit(limit)
        async with self.db.read() as conn:
            rows = await repository.page(conn, case_id=case_id, after_seq=after, limit=limit + 1)
        items = [event_out(row) for row in rows[:limit]]
        next_cursor = encode_cursor(items[-1].seq) if len(rows) > limit else None
        return AuditEventList(items=items, next_cursor=next_cursor)


def event_out(row) -> AuditEventOut:
    keys = row.keys()
    return AuditEventOut(
        seq=row["seq"],
        at=from_db(row["at"]),
        actor_id=row["actor_id"],
        actor_name=row["actor_name"] if "actor_name" in keys else None,
        action=row["action"],
        object_type=row["object_type"],
        object_id=row["object_id"],
        case_id=row["case_id"],
        details=json.loads(row["details"]),
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )
