"""The item catalogue (事项清单) and the working-day calendar that time limits count in."""

import json
from contextlib import nullcontext
from importlib import resources

import msgspec

from server.clock import Clock, from_db, to_db
from server.db.database import Database
from server.domain.audit.service import AuditLog
from server.domain.catalogue import repository
from server.errors import Conflict, Unprocessable, check_version, not_found
from server.identity import CurrentUser
from shared.models import FieldSpec, ItemTypeIn, ItemTypeList, ItemTypeOut, ItemTypePut, Requirement
from shared.workdays import CalendarFile, WorkCalendar


def item_type_out(row) -> ItemTypeOut:
    return ItemTypeOut(
        id=row["id"],
        code=row["code"],
        name_zh=row["name_zh"],
        name_en=row["name_en"],
        guide_zh=row["guide_zh"],
        guide_en=row["guide_en"],
        time_limit_days=row["time_limit_days"],
        geofence_radius_m=row["geofence_radius_m"],
        required_signoffs=row["required_signoffs"],
        capture_window_days=row["capture_window_days"],
        fields=msgspec.json.decode(row["fields"], type=list[FieldSpec]),
        checklist=msgspec.json.decode(row["checklist"], type=list[Requirement]),
        active=bool(row["active"]),
        version=row["version"],
        updated_at=from_db(row["updated_at"]),
    )


def _columns(data: ItemTypeIn) -> dict:
    """Validate what msgspec cannot see (uniqueness, ranges across fields, a checklist left out:
    msgspec does not hold a default to the length rule) and flatten."""
    if not data.checklist:
        raise Unprocessable("an item type needs at least one checklist requirement", code="empty_checklist",
                            detail={"field": "checklist", "message_zh": "踏勘事项至少需要一项清单要求。"})
    for name, keys in (("checklist", [r.key for r in data.checklist]), ("fields", [f.key for f in data.fields])):
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise Unprocessable(f"{name} keys must be unique; repeated: {', '.join(duplicates)}",
                                detail={"field": name, "duplicates": duplicates})
    for spec in data.fields:
        if spec.min is not None and spec.max is not None and spec.min > spec.max:
            raise Unprocessable(f"field {spec.key}: min is greater than max", detail={"field": spec.key})
    return {
        "code": data.code,
        "name_zh": data.name_zh,
        "name_en": data.name_en,
        "guide_zh": data.guide_zh,
        "guide_en": data.guide_en,
        "time_limit_days": data.time_limit_days,
        "geofence_radius_m": data.geofence_radius_m,
        "required_signoffs": data.required_signoffs,
        "capture_window_days": data.capture_window_days,
        "fields": msgspec.json.encode(data.fields).decode(),
        "checklist": msgspec.json.encode(data.checklist).decode(),
    }


class CatalogueService:
    def __init__(self, db: Database, clock: Clock, audit: AuditLog):
        self.db = db
        self.clock = clock
        self.audit = audit
        self._calendar_cache: tuple[str | None, WorkCalendar] | None = None

    async def list(self, *, include_inactive: bool = False) -> ItemTypeList:
        async with self.db.read() as conn:
            rows = await repository.list_all(conn, include_inactive=include_inactive)
        return ItemTypeList(items=[item_type_out(row) for row in rows])

    async def get(self, code: str) -> ItemTypeOut:
        return item_type_out(await self.db.read_row("item type", code, repository.get_by_code, code))

    async def create(self, actor: CurrentUser | None, data: ItemTypeIn) -> ItemTypeOut:
        values = _columns(data)
        async with self.db.transaction() as conn:
            if await repository.get_by_code(conn, data.code):
                raise Conflict(f"an item type with code {data.code!r} exists", code="item_type_exists")
            item_id = await repository.create(conn, values, to_db(self.clock.now()))
            await self.audit.record(conn, actor, "item_type.created", "item_type", data.code,
                                    details={"id": item_id, "name_zh": data.name_zh})
            row = await repository.get_by_code(conn, data.code)
        return item_type_out(row)

    async def replace(self, actor: CurrentUser, code: str, data: ItemTypePut) -> ItemTypeOut:
        if data.code != code:
            raise Unprocessable("the code in the body differs from the one in the path",
                                detail={"path": code, "body": data.code})
        values = _columns(data)
        async with self.db.transaction() as conn:
            row = await repository.get_by_code(conn, code)
            if row is None:
                raise not_found("item type", code)
            check_version(row["version"], data.version, f"item type {code}")
            await repository.update(conn, code, values, to_db(self.clock.now()))
            await self.audit.record(conn, actor, "item_type.updated", "item_type", code,
                                    details={"version": row["version"] + 1})
            row = await repository.get_by_code(conn, code)
        return item_type_out(row)

    async def deactivate(self, actor: CurrentUser, code: str) -> ItemTypeOut:
        """Item types are never deleted (cases refer to them); a withdrawn one takes no new cases."""
        async with self.db.transaction() as conn:
            row = await repository.get_by_code(conn, code)
            if row is None:
                raise not_found("item type", code)
            await repository.set_active(conn, code, False, to_db(self.clock.now()))
            await self.audit.record(conn, actor, "item_type.deactivated", "item_type", code)
            row = await repository.get_by_code(conn, code)
        return item_type_out(row)

    # ----- working-day calendar -----

    async def calendar_file(self) -> CalendarFile:
        async with self.db.read() as conn:
            row = await repository.get_calendar(conn)
        return default_calendar() if row is None else msgspec.json.decode(row["body"], type=CalendarFile)

    @staticmethod
    async def find_item_type(conn, code: str):
        """The item type's row, or None, in the caller's transaction (for other areas)."""
        return await repository.get_by_code(conn, code)

    async def calendar(self, conn=None) -> WorkCalendar:
        """The calendar in force, parsed once per version; read in the caller's transaction when
        given one (a writer must not wait for a reader connection while it holds the lock)."""
        async with nullcontext(conn) if conn is not None else self.db.read() as reading:
            row = await repository.get_calendar(reading)
        stamp = row["updated_at"] if row else None
        if self._calendar_cache is None or self._calendar_cache[0] != stamp:
            file = default_calendar() if row is None else msgspec.json.decode(row["body"], type=CalendarFile)
            self._calendar_cache = (stamp, WorkCalendar.from_file(file))
        return self._calendar_cache[1]

    async def replace_calendar(self, actor: CurrentUser | None, data: CalendarFile) -> CalendarFile:
        try:
            WorkCalendar.from_file(data)
        except ValueError as exc:
            raise Unprocessable(str(exc), code="bad_calendar") from None
        body = msgspec.json.encode(data).decode()
        async with self.db.transaction() as conn:
            await repository.put_calendar(conn, body, to_db(self.clock.now()), actor.id if actor else None)
            await self.audit.record(conn, actor, "calendar.replaced", "calendar", 1, details={
                "name": data.name, "holidays": len(data.holidays), "makeup_workdays": len(data.makeup_workdays),
            })
        return data


def default_calendar() -> CalendarFile:
    text = resources.files("server.resources").joinpath("calendar-cn.json").read_text(encoding="utf-8")
    return msgspec.convert(json.loads(text), CalendarFile)
