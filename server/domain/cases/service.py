"""Cases (踏勘申请): creation, drafts, submission, withdrawal, and the single place where a
case's status changes (`transition`), used by the review workflow too."""

import json
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date

import aiosqlite
import msgspec

from server.clock import Clock, date_from_db, from_db, to_db
from server.db.database import Database
from server.db.pagination import clamp_limit, decode_cursor, encode_cursor
from server.db.text import like_pattern
from server.domain.audit.service import AuditLog
from server.domain.cases import repository
from server.domain.cases.states import Action, next_status
from server.domain.catalogue.service import CatalogueService
from server.domain.notifications.service import Audience, NotificationsService
from server.domain.sites.service import SitesService
from server.errors import Forbidden, Unprocessable, check_version, not_found
from server.identity import CurrentUser
from shared.enums import CaseStatus, Datum, Role
from shared.models import (
    CaseCreate,
    CaseList,
    CaseOut,
    CaseUpdate,
    FieldSpec,
    FieldValue,
    ItemTypeRef,
    PersonRef,
    Rectification,
    Requirement,
    SiteOut,
)

# Checks a case must pass before it may be submitted (the evidence area registers the checklist
# coverage check): each raises an AppError naming what is missing.
SubmitCheck = Callable[[aiosqlite.Connection, object], Awaitable[None]]


def rectification_of(row, today) -> Rectification | None:
    if row["rectification_requested_at"] is None:
        return None
    deadline = date_from_db(row["rectify_deadline"])
    return Rectification(
        round=row["round"], requested_at=from_db(row["rectification_requested_at"]), deadline=deadline,
        requirements=json.loads(row["rectify_requirements"] or "[]"), reasons=row["rectify_reasons"] or "",
        overdue=row["status"] == CaseStatus.rectification_requested and deadline is not None and today > deadline,
    )


def case_out(row, today: date) -> CaseOut:
    return CaseOut(
        id=row["id"],
        reference=row["reference"],
        title=row["title"],
        status=CaseStatus(row["status"]),
        item_type=ItemTypeRef(code=row["item_code"], name_zh=row["item_name_zh"], name_en=row["item_name_en"]),
        applicant=PersonRef(id=row["applicant_id"], display_name=row["applicant_name"],
                            organisation=row["applicant_organisation"]),
        site=SiteOut(
            id=row["site_id"], name=row["site_name"], address=row["site_address"], lat=row["site_lat"],
            lon=row["site_lon"], input_datum=Datum(row["site_input_datum"]), input_lat=row["site_input_lat"],
            input_lon=row["site_input_lon"], radius_m=row["site_radius_m"],
        ),
        fields=msgspec.json.decode(row["fields"]),
        checklist=msgspec.json.decode(row["checklist"], type=list[Requirement]),
        challenge_code=row["challenge_code"],
        created_at=from_db(row["created_at"]),
        submitted_at=from_db(row["submitted_at"]),
        due_date=date_from_db(row["due_date"]),
        decided_at=from_db(row["decided_at"]),
        version=row["version"],
        geofence_radius_m=row["geofence_radius_m"],
        capture_window_days=row["capture_window_days"],
        required_signoffs=row["required_signoffs"],
        round=row["round"],
        rectification=rectification_of(row, today),
        fail_checks=row["fail_checks"],
        warn_checks=row["warn_checks"],
        disputed=bool(row["disputed"]),
    )


def search_text(row) -> str:
    """What the queue's text search looks in: reference, title, applicant and site."""
    return " ".join([row["reference"], row["title"], row["applicant_name"], row["site_name"]]).lower()


def validate_fields(specs: list[FieldSpec], values: dict[str, FieldValue]) -> dict[str, FieldValue]:
    """The item's fields, each present when required, of its type and in its range."""
    problems: dict[str, str] = {}
    known = {spec.key for spec in specs}
    for key in values:
        if key not in known:
            problems[key] = "this item has no such field"
    for spec in specs:
        value = values.get(spec.key)
        if value is None or value == "":
            if spec.required:
                problems[spec.key] = f"required ({spec.label_zh} / {spec.label_en})"
            continue
        if spec.type == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                problems[spec.key] = "must be a whole number"
            elif (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
                problems[spec.key] = f"must be between {spec.min} and {spec.max}"
        elif not isinstance(value, str):
            problems[spec.key] = "must be text"
        elif len(value) > 500:
            problems[spec.key] = "is longer than 500 characters"
    if problems:
        raise Unprocessable("some fields of the case are not right", code="invalid_fields",
                            detail={"fields": problems})
    return {key: value for key, value in values.items() if value != ""}


def ensure_can_see(user: CurrentUser, row, *, asked_for: tuple[str, object] | None = None) -> None:
    """An applicant sees only their own cases. Another's is answered as if it did not exist
    (`asked_for`, the object the request named: the case itself by default), so that ids cannot
    be probed."""
    if user.role == Role.applicant and row["applicant_id"] != user.id:
        raise not_found(*(asked_for or ("case", row["id"])))


def ensure_applicant(user: CurrentUser, row) -> None:
    ensure_can_see(user, row)
    if row["applicant_id"] != user.id:
        raise Forbidden("only the case's applicant may do this", code="not_your_case")


@dataclass(eq=False)
class CasesService:
    db: Database
    clock: Clock
    audit: AuditLog
    catalogue: CatalogueService
    sites: SitesService
    notifications: NotificationsService
    # Checks a case must pass before it is submitted; other areas register theirs.
    submit_checks: list[SubmitCheck] = field(default_factory=list, init=False)

    def out(self, row) -> CaseOut:
        return case_out(row, self.clock.today())

    # ----- reading -----

    async def load(self, conn: aiosqlite.Connection, case_id: int):
        row = await repository.get(conn, case_id)
        if row is None:
            raise not_found("case", case_id)
        return row

    async def get(self, user: CurrentUser, case_id: int) -> CaseOut:
        async with self.db.read() as conn:
            row = await self.load(conn, case_id)
        ensure_can_see(user, row)
        return self.out(row)

    async def list(self, user: CurrentUser, *, status: CaseStatus | None, cursor: str | None, limit: int,
                   query: str | None) -> CaseList:
        key = decode_cursor(cursor, int)
        limit = clamp_limit(limit)
        async with self.db.read() as conn:
            rows = await repository.page(
                conn, applicant_id=user.id if user.role == Role.applicant else None,
                status=status.value if status else None, before_id=key[0] if key else None,
                limit=limit + 1, pattern=like_pattern(query),
            )
        items = [self.out(row) for row in rows[:limit]]
        return CaseList(items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > limit else None)

    # ----- the applicant's actions -----

    async def create(self, applicant: CurrentUser, data: CaseCreate) -> CaseOut:
        now = self.clock.now()
        async with self.db.transaction() as conn:
            item = await self.catalogue.find_item_type(conn, data.item_type)
            if item is None or not item["active"]:
                raise Unprocessable(f"there is no item type {data.item_type!r} taking applications",
                                    code="unknown_item_type", detail={"item_type": data.item_type})
            site = await self.sites.find(conn, data.site_id)
            if site is None:
                raise Unprocessable(f"there is no site {data.site_id}", code="unknown_site",
                                    detail={"site_id": data.site_id})
            specs = msgspec.json.decode(item["fields"], type=list[FieldSpec])
            fields = validate_fields(specs, data.fields)
            year = self.clock.local_date(now).year
            number = await repository.next_reference_number(conn, year)
            case_id = await repository.create(conn, {
                "reference": f"TK-{year}-{number:06d}",
                "title": data.title,
                "item_type_id": item["id"],
                "applicant_id": applicant.id,
                "site_id": site["id"],
                "fields": msgspec.json.encode(fields).decode(),
                "checklist": item["checklist"],
                "required_signoffs": item["required_signoffs"],
                "geofence_radius_m": site["radius_m"] or item["geofence_radius_m"],
                "capture_window_days": item["capture_window_days"],
                "time_limit_days": item["time_limit_days"],
                # Digits only: easy to write on paper and show in the frame.
                "challenge_code": f"{secrets.randbelow(10**6):06d}",
                "now": to_db(now),
            })
            row = await repository.get(conn, case_id)
            await repository.set_search_text(conn, case_id, search_text(row))
            await self.audit.record(conn, applicant, "case.created", "case", case_id, case_id=case_id, details={
                "reference": row["reference"], "item_type": data.item_type, "site_id": data.site_id,
                "title": data.title, "fields": fields,
            })
        return self.out(row)

    async def update_draft(self, applicant: CurrentUser, case_id: int, data: CaseUpdate) -> CaseOut:
        async with self.db.transaction() as conn:
            row = await self.load(conn, case_id)
            ensure_applicant(applicant, row)
            check_version(row["version"], data.version, f"case {row['reference']}")
            if row["status"] != CaseStatus.draft:
                raise Unprocessable("only a draft can be edited", code="not_a_draft",
                                    detail={"current_status": row["status"]})
            item = await self.catalogue.find_item_type(conn, row["item_code"])
            specs = msgspec.json.decode(item["fields"], type=list[FieldSpec])
            fields = msgspec.json.decode(row["fields"]) if data.fields is None else validate_fields(specs, data.fields)
            title = data.title if data.title is not None else row["title"]
            await repository.update_draft(conn, case_id, title=title, fields=msgspec.json.encode(fields).decode(),
                                          now=to_db(self.clock.now()))
            await self.audit.record(conn, applicant, "case.updated", "case", case_id, case_id=case_id,
                                    details={"title": title, "fields": fields})
            row = await repository.get(conn, case_id)
            await repository.set_search_text(conn, case_id, search_text(row))
        return self.out(row)

    async def submit(self, applicant: CurrentUser, case_id: int, version: int | None) -> CaseOut:
        return await self._applicant_action(applicant, case_id, version, Action.submit)

    async def withdraw(self, applicant: CurrentUser, case_id: int, version: int | None) -> CaseOut:
        return await self._applicant_action(applicant, case_id, version, Action.withdraw)

    async def _applicant_action(self, applicant: CurrentUser, case_id: int, version: int | None,
                                action: Action) -> CaseOut:
        async with self.db.transaction() as conn:
            row = await self.load(conn, case_id)
            ensure_applicant(applicant, row)
            check_version(row["version"], version, f"case {row['reference']}")
            row = await self.transition(conn, row, action, applicant)
        return self.out(row)

    # ----- the state machine's one door -----

    async def transition(self, conn: aiosqlite.Connection, row, action: Action, actor: CurrentUser | None,
                         details: dict | None = None):
        """Move the case by `action` inside the caller's transaction: check the transition, run
        the checks it needs, set the clock fields, record history and audit. Returns the new row."""
        current = CaseStatus(row["status"])
        target = next_status(current, action)
        now = self.clock.now()
        extra: dict = {}
        if action == Action.submit:
            for check in self.submit_checks:
                await check(conn, row)
            extra["last_submitted_at"] = to_db(now)
            calendar = await self.catalogue.calendar(conn)
            if row["submitted_at"] is None:
                extra["submitted_at"] = to_db(now)
                extra["due_date"] = calendar.add_working_days(self.clock.today(), row["time_limit_days"]).isoformat()
            else:
                extra["due_date"] = (await self._due_after_rectification(conn, row, calendar)).isoformat()
        elif action in (Action.approve, Action.reject):
            extra["decided_at"] = to_db(now)
        await repository.set_status(conn, row["id"], target.value, to_db(now), extra)
        await repository.add_transition(conn, case_id=row["id"], from_status=current.value, to_status=target.value,
                                        action=action.value, actor_id=actor.id if actor else None, at=to_db(now))
        await self.audit.record(conn, actor, f"case.{action.value}", "case", row["id"], case_id=row["id"],
                                details={"from": current.value, "to": target.value, **extra, **(details or {})})
        await self._announce(conn, row, action, target, resubmitted=row["submitted_at"] is not None)
        return await repository.get(conn, row["id"])

    async def _announce(self, conn, row, action: Action, target: CaseStatus, *, resubmitted: bool) -> None:
        """Tell the people of the case what happened (信息推送)."""
        ref, title = row["reference"], row["title"]
        base = {"reference": ref, "title": title, "status": target.value}
        if action == Action.submit:
            if resubmitted:
                zh, en = "已整改并重新提交", "was resubmitted after rectification"
            else:
                zh, en = "已提交", "was submitted"
            audience = [Audience.ASSIGNEES] if resubmitted else [Audience.ALL_OFFICERS]
            await self.notifications.notify(conn, row["id"], "case.submitted", {
                **base, "resubmitted": resubmitted, "message_zh": f"{ref}「{title}」{zh}，等待审查",
                "message_en": f"{ref} {title} {en} and awaits review"}, audience)
        elif action == Action.start_review:
            await self.notifications.notify(conn, row["id"], "case.in_review", {
                **base, "message_zh": f"{ref}「{title}」已开始审查", "message_en": f"{ref} {title} is being reviewed"},
                [Audience.APPLICANT])
        elif action == Action.request_rectification:
            await self.notifications.notify(conn, row["id"], "case.rectification_requested", {
                **base, "message_zh": f"{ref}「{title}」需限期整改，请按要求重新拍摄后提交",
                "message_en": f"{ref} {title} needs rectification: re-shoot what is asked and resubmit"},
                [Audience.APPLICANT, Audience.ASSIGNEES])
        elif action in (Action.approve, Action.reject):
            zh, en = ("通过", "approved") if action == Action.approve else ("未通过", "rejected")
            await self.notifications.notify(conn, row["id"], "case.decided", {
                **base, "verdict": "pass" if action == Action.approve else "fail",
                "message_zh": f"{ref}「{title}」踏勘{zh}", "message_en": f"{ref} {title} was {en}"},
                [Audience.APPLICANT, Audience.ASSIGNEES])
        elif action == Action.withdraw:
            await self.notifications.notify(conn, row["id"], "case.withdrawn", {
                **base, "message_zh": f"{ref}「{title}」已被申请人撤回", "message_en": f"{ref} {title} was withdrawn"},
                [Audience.ASSIGNEES])

    async def _due_after_rectification(self, conn, row, calendar):
        """The time the applicant spends rectifying does not count against the bureau's limit:
        the due date moves by the working days between the request and the resubmission."""
        due = date_from_db(row["due_date"])
        history = await repository.transitions(conn, row["id"])
        requested = next((h for h in reversed(history) if h["to_status"] == CaseStatus.rectification_requested),
                         None)
        if due is None or requested is None:
            return due or calendar.add_working_days(self.clock.today(), row["time_limit_days"])
        paused = calendar.working_days_between(self.clock.local_date(from_db(requested["at"])), self.clock.today())
        return calendar.add_working_days(due, max(0, paused))
