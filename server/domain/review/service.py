"""The review: the officers' queue, assignment, evidence views (the guard against "approved in
seconds"), opinions with the two-officer sign-off (行政许可法 §34), and the rectification loop."""

import json
from dataclasses import dataclass

import aiosqlite
import msgspec

from server.clock import Clock, date_from_db, from_db, to_db
from server.db.database import Database
from server.db.pagination import clamp_limit, decode_cursor, encode_cursor
from server.domain.audit.service import AuditLog
from server.domain.cases.service import CasesService
from server.domain.cases.states import Action
from server.domain.catalogue.service import CatalogueService
from server.domain.evidence.service import EvidenceService
from server.domain.notifications.service import Audience, NotificationsService
from server.domain.review import repository
from server.domain.review.repository import SORTS, QueueFilter
from server.errors import Conflict, Forbidden, Unprocessable, check_version, not_found
from server.identity import CurrentUser
from shared.enums import QUEUE_STATUSES, UNDER_REVIEW_STATUSES, CaseStatus, Role, Verdict
from shared.models import (
    AssignIn,
    ItemTypeRef,
    OpinionIn,
    OpinionList,
    OpinionOut,
    OpinionUpdate,
    PersonRef,
    QueueItem,
    QueuePage,
    Requirement,
    RequirementResult,
    ReviewState,
    ViewIn,
    ViewSummary,
)

VERDICT_ACTION = {
    Verdict.pass_: Action.approve,
    Verdict.fail: Action.reject,
    Verdict.rectify: Action.request_rectification,
}


def opinion_out(row) -> OpinionOut:
    return OpinionOut(
        id=row["id"], case_id=row["case_id"], round=row["round"],
        officer=PersonRef(id=row["officer_id"], display_name=row["officer_name"],
                          organisation=row["officer_organisation"]),
        verdict=Verdict(row["verdict"]), reasons=row["reasons"],
        requirement_results=msgspec.json.decode(row["requirement_results"], type=list[RequirementResult]),
        rectify_deadline=date_from_db(row["rectify_deadline"]),
        rectify_requirements=json.loads(row["rectify_requirements"] or "[]"),
        signed_at=from_db(row["signed_at"]), updated_at=from_db(row["updated_at"]), version=row["version"],
    )


def _people(packed: str | None) -> list[PersonRef]:
    """'id:name|id:name' from the queue's group_concat."""
    people = []
    for part in (packed or "").split("|"):
        if part:
            ident, _, name = part.partition(":")
            people.append(PersonRef(id=int(ident), display_name=name))
    return people


@dataclass(eq=False)
class ReviewService:
    db: Database
    clock: Clock
    audit: AuditLog
    cases: CasesService
    catalogue: CatalogueService
    evidence: EvidenceService
    notifications: NotificationsService

    def __post_init__(self) -> None:
        self.cases.submit_checks.append(self.require_rectification_done)

    # ----- the queue -----

    async def queue(self, officer: CurrentUser, *, statuses: list[CaseStatus] | None, item_type: str | None,
                    assigned: str | None, overdue: bool, due_within: int | None, query: str | None, sort: str,
                    cursor: str | None, limit: int) -> QueuePage:
        today = self.clock.today()
        calendar = await self.catalogue.calendar()
        wanted = tuple(dict.fromkeys(s.value for s in statuses)) if statuses else UNDER_REVIEW_STATUSES
        refused = [s for s in wanted if s not in QUEUE_STATUSES]
        if refused:
            raise Unprocessable(f"the queue has no {', '.join(refused)} cases", code="bad_queue_status",
                                detail={"allowed": list(QUEUE_STATUSES)})
        key_columns = SORTS[sort][2]
        after = decode_cursor(cursor, *[(int,) if c.endswith(("id", "checks")) else (str,) for c in key_columns])
        limit = clamp_limit(limit)
        async with self.db.read() as conn:
            item_type_id = None
            if item_type:
                item_type_id = await repository.item_type_id(conn, item_type)
                if item_type_id is None:
                    return QueuePage(items=[], counts={s: 0 for s in QUEUE_STATUSES})
            queue_filter = QueueFilter(
                statuses=wanted, item_type_id=item_type_id, officer_id=officer.id, assigned=assigned,
                due_before=today.isoformat() if overdue else None,
                due_by=calendar.add_working_days(today, due_within).isoformat() if due_within is not None else None,
                text=query.strip().lower() if query and query.strip() else None,
            )
            rows = await repository.queue_page(conn, queue_filter, sort, after, limit + 1)
            counts = await repository.queue_counts(conn, queue_filter)
        items = []
        for row in rows[:limit]:
            due = date_from_db(row["due_date"])
            deadline = date_from_db(row["rectify_deadline"])
            open_case = row["status"] in UNDER_REVIEW_STATUSES
            items.append(QueueItem(
                id=row["id"], reference=row["reference"], title=row["title"], status=CaseStatus(row["status"]),
                item_type=ItemTypeRef(code=row["item_code"], name_zh=row["item_name_zh"],
                                      name_en=row["item_name_en"]),
                applicant=PersonRef(id=row["applicant_id"], display_name=row["applicant_name"],
                                    organisation=row["applicant_organisation"]),
                site_name=row["site_name"], submitted_at=from_db(row["last_submitted_at"]), due_date=due,
                days_left=calendar.working_days_between(today, due) if due and open_case else None,
                overdue=bool(due and open_case and today > due),
                fail_checks=row["fail_checks"], warn_checks=row["warn_checks"], rectified=row["round"] > 0,
                round=row["round"], disputed=bool(row["disputed"]), assignees=_people(row["assignees"]),
                signoffs=row["signoffs"], required_signoffs=row["required_signoffs"], rectify_deadline=deadline,
                rectification_overdue=bool(row["status"] == CaseStatus.rectification_requested and deadline
                                           and today > deadline),
            ))
        next_cursor = None
        if len(rows) > limit:
            last = rows[limit - 1]
            next_cursor = encode_cursor(*[last[c] for c in key_columns])
        return QueuePage(items=items, counts={s: counts.get(s, 0) for s in QUEUE_STATUSES}, next_cursor=next_cursor)

    # ----- assignment -----

    async def claim(self, officer: CurrentUser, case_id: int) -> ReviewState:
        await self._assign(officer, case_id, officer.id)
        return await self.state(officer, case_id)

    async def assign(self, admin: CurrentUser, case_id: int, data: AssignIn) -> ReviewState:
        await self._assign(admin, case_id, data.officer_id)
        return await self.state(admin, case_id)

    async def _assign(self, actor: CurrentUser, case_id: int, officer_id: int) -> None:
        async with self.db.transaction() as conn:
            case = await self.cases.load(conn, case_id)
            if case["status"] not in UNDER_REVIEW_STATUSES:
                raise Conflict(f"a case that is {case['status']} cannot be taken up for review",
                               code="case_not_under_review", detail={"current_status": case["status"]})
            officer = await repository.user(conn, officer_id)
            if officer is None or officer["role"] != Role.officer or not officer["active"]:
                raise Unprocessable(f"user {officer_id} is not an active officer", code="not_an_officer")
            if officer_id == case["applicant_id"]:
                raise Forbidden("the applicant of a case can never review it", code="own_case")
            current = await repository.assignees(conn, case_id)
            if any(a["id"] == officer_id for a in current):
                return  # already on it: claiming twice is harmless
            if len(current) >= case["required_signoffs"]:
                raise Conflict(
                    f"the case already has its {case['required_signoffs']} officers: "
                    + ", ".join(a["display_name"] for a in current),
                    code="fully_assigned", detail={"assignees": [a["id"] for a in current]},
                )
            now = to_db(self.clock.now())
            await repository.assign(conn, case_id, officer_id, actor.id, now)
            await self.audit.record(conn, actor, "case.assigned", "case", case_id, case_id=case_id,
                                    details={"officer_id": officer_id, "claimed": actor.id == officer_id})
            if actor.id != officer_id:
                await self.notifications.notify(conn, case_id, "case.assigned", {
                    "reference": case["reference"], "title": case["title"],
                    "message_zh": f"{case['reference']}「{case['title']}」已分配给您审查",
                    "message_en": f"{case['reference']} {case['title']} was assigned to you"}, users=[officer_id])
            if case["status"] == CaseStatus.submitted:
                await self.cases.transition(conn, case, Action.start_review, actor)

    async def holds(self, conn: aiosqlite.Connection, case_id: int, officer_id: int) -> bool:
        """Whether the officer holds the case: claimed it, or was assigned it (in the caller's
        transaction)."""
        return any(a["id"] == officer_id for a in await repository.assignees(conn, case_id))

    async def unassign(self, actor: CurrentUser, case_id: int, officer_id: int) -> ReviewState:
        if actor.role != Role.admin and actor.id != officer_id:
            raise Forbidden("only an administrator can take another officer off a case", code="not_yours")
        async with self.db.transaction() as conn:
            case = await self.cases.load(conn, case_id)
            opinions = await repository.opinions(conn, case_id, case["round"])
            signed = [o for o in opinions if o["officer_id"] == officer_id]
            if signed:
                raise Conflict("an officer who has signed this round's opinion stays on the case",
                               code="already_signed")
            if not await repository.unassign(conn, case_id, officer_id):
                raise not_found("assignment", f"{case_id}/{officer_id}")
            await self.audit.record(conn, actor, "case.unassigned", "case", case_id, case_id=case_id,
                                    details={"officer_id": officer_id})
        return await self.state(actor, case_id)

    # ----- evidence views -----

    async def record_view(self, officer: CurrentUser, evidence_id: int, data: ViewIn) -> ViewSummary:
        now = self.clock.now()
        opened = data.opened_at or now
        if opened > now:
            opened = now  # a fast clock on the desktop: the server's time is the record
        async with self.db.transaction() as conn:
            evidence = await self.evidence.find(conn, evidence_id)
            if evidence is None:
                raise not_found("evidence", evidence_id)
            await repository.add_view(conn, evidence_id=evidence_id, case_id=evidence["case_id"],
                                      officer_id=officer.id, opened_at=to_db(opened), duration_ms=data.duration_ms,
                                      now=to_db(now))
            await self.audit.record(conn, officer, "evidence.viewed", "evidence", evidence_id,
                                    case_id=evidence["case_id"], details={"duration_ms": data.duration_ms})
            summary = await repository.view_summary(conn, evidence["case_id"], officer.id)
        row = next(r for r in summary if r["evidence_id"] == evidence_id)
        return ViewSummary(evidence_id=evidence_id, views=row["views"], total_ms=row["total_ms"])

    # ----- opinions -----

    async def sign(self, officer: CurrentUser, case_id: int, data: OpinionIn) -> OpinionOut:
        """Record (the first officer) or countersign (the next ones) this round's opinion. When the
        required number of distinct officers agree, the case moves on."""
        async with self.db.transaction() as conn:
            case = await self.cases.load(conn, case_id)
            values = self._validated(case, data)
            case = await self._ready_to_sign(conn, officer, case)
            mine = [o for o in await repository.opinions(conn, case_id, case["round"]) if o["officer_id"] == officer.id]
            if mine:
                raise Conflict("you have already signed this round's opinion; change it instead of signing twice",
                               code="already_signed",
                               detail={"opinion_id": mine[0]["id"], "version": mine[0]["version"]})
            now = to_db(self.clock.now())
            opinion_id = await repository.insert_opinion(conn, {
                **values, "case_id": case_id, "round": case["round"], "officer_id": officer.id, "now": now})
            row = await repository.opinion(conn, opinion_id)
            await self.audit.record(conn, officer, "opinion.signed", "opinion", opinion_id, case_id=case_id,
                                    details=msgspec.to_builtins(opinion_out(row)))
            await self._settle(conn, officer, case)
        return opinion_out(row)

    async def change(self, officer: CurrentUser, case_id: int, opinion_id: int, data: OpinionUpdate) -> OpinionOut:
        """Change one's own opinion of the current round while the case is still in review."""
        async with self.db.transaction() as conn:
            case = await self.cases.load(conn, case_id)
            row = await repository.opinion(conn, opinion_id)
            if row is None or row["case_id"] != case_id:
                raise not_found("opinion", opinion_id)
            if row["officer_id"] != officer.id:
                raise Forbidden("only the officer who signed an opinion can change it", code="not_your_opinion")
            check_version(row["version"], data.version, "the opinion")
            if case["status"] != CaseStatus.in_review or row["round"] != case["round"]:
                raise Conflict(f"the case is {case['status']}: this opinion can no longer change",
                               code="opinion_closed", detail={"current_status": case["status"]})
            values = self._validated(case, data)
            await repository.update_opinion(conn, opinion_id, {**values, "now": to_db(self.clock.now())})
            row = await repository.opinion(conn, opinion_id)
            await self.audit.record(conn, officer, "opinion.changed", "opinion", opinion_id, case_id=case_id,
                                    details=msgspec.to_builtins(opinion_out(row)))
            await self._settle(conn, officer, await self.cases.load(conn, case_id))
        return opinion_out(row)

    def _validated(self, case, data: OpinionIn) -> dict:
        checklist = msgspec.json.decode(case["checklist"], type=list[Requirement])
        keys = [r.key for r in checklist]
        problems: dict[str, str] = {}
        unknown = sorted({r.key for r in data.requirement_results} - set(keys))
        if unknown:
            problems["requirement_results"] = f"not on the checklist: {', '.join(unknown)}"
        if len({r.key for r in data.requirement_results}) != len(data.requirement_results):
            problems["requirement_results"] = "one result per requirement"
        if data.verdict in (Verdict.rectify, Verdict.fail) and not data.reasons.strip():
            problems["reasons"] = "say why (required for rectify and fail)"
        if data.verdict == Verdict.rectify:
            if not data.rectify_requirements:
                problems["rectify_requirements"] = "name the requirements to redo"
            elif set(data.rectify_requirements) - set(keys):
                problems["rectify_requirements"] = "not on the checklist: " + ", ".join(
                    sorted(set(data.rectify_requirements) - set(keys)))
            if data.rectify_deadline is None:
                problems["rectify_deadline"] = "set the date by which to rectify"
            elif data.rectify_deadline <= self.clock.today():
                problems["rectify_deadline"] = "the deadline must be after today"
        elif data.rectify_requirements or data.rectify_deadline:
            problems["verdict"] = "a deadline and requirements to redo go only with the verdict rectify"
        if problems:
            raise Unprocessable("the opinion is not complete: " + "; ".join(f"{k}: {v}" for k, v in problems.items()),
                                code="invalid_opinion", detail={"fields": problems})
        ordered = [k for k in keys if k in set(data.rectify_requirements)]
        return {
            "verdict": data.verdict.value, "reasons": data.reasons.strip(),
            "requirement_results": msgspec.json.encode(data.requirement_results).decode(),
            "rectify_deadline": data.rectify_deadline.isoformat() if data.rectify_deadline else None,
            "rectify_requirements": json.dumps(ordered) if data.verdict == Verdict.rectify else None,
        }

    async def _ready_to_sign(self, conn: aiosqlite.Connection, officer: CurrentUser, case):
        """The checks before a signature; returns the case (moved into review if it was waiting)."""
        if officer.id == case["applicant_id"]:
            raise Forbidden("the applicant of a case can never review it", code="own_case")
        if case["status"] not in UNDER_REVIEW_STATUSES:
            raise Conflict(f"a case that is {case['status']} cannot be signed", code="case_not_under_review",
                           detail={"current_status": case["status"]})
        if not any(a["id"] == officer.id for a in await repository.assignees(conn, case["id"])):
            raise Conflict("take the case first (claim it, or ask an administrator to assign it to you)",
                           code="not_assigned")
        unviewed = await repository.unviewed_current_evidence(conn, case["id"], officer.id)
        if unviewed:
            raise Conflict(
                f"open every piece of evidence before signing: {len(unviewed)} not opened yet",
                code="unviewed_evidence",
                detail={"unviewed": [{"evidence_id": r["id"], "requirement_key": r["requirement_key"],
                                      "kind": r["kind"]} for r in unviewed],
                        "message_zh": f"签署前须逐一查看全部材料，尚有 {len(unviewed)} 项未查看"},
            )
        if case["status"] == CaseStatus.submitted:
            case = await self.cases.transition(conn, case, Action.start_review, officer)
        return case

    async def _settle(self, conn: aiosqlite.Connection, officer: CurrentUser, case) -> None:
        """Decide when enough distinct officers agree; mark the case disputed when they differ."""
        round_opinions = await repository.opinions(conn, case["id"], case["round"])
        verdicts = {o["verdict"] for o in round_opinions}
        disputed = len(verdicts) > 1
        await repository.set_disputed(conn, case["id"], disputed)
        if disputed or len(round_opinions) < case["required_signoffs"]:
            others = [Audience.ASSIGNEES]
            kind = "opinion.disputed" if disputed else "opinion.signed"
            await self.notifications.notify(conn, case["id"], kind, {
                "reference": case["reference"], "title": case["title"],
                "message_zh": f"{case['reference']} 的踏勘意见" + ("不一致，需要协商" if disputed else "待复核签署"),
                "message_en": f"{case['reference']}: the officers' opinions " + (
                    "differ and need to be reconciled" if disputed else "await a countersignature")},
                others, exclude=officer.id)
            return
        verdict = Verdict(verdicts.pop())
        details = {"verdict": verdict.value, "officers": [o["officer_id"] for o in round_opinions]}
        if verdict == Verdict.rectify:
            requirements, deadline, reasons = self._merged_rectification(case, round_opinions)
            details.update(rectify_requirements=requirements, rectify_deadline=deadline)
            await repository.open_rectification(
                conn, case["id"], now=to_db(self.clock.now()), deadline=deadline,
                requirements=json.dumps(requirements, ensure_ascii=False), reasons=reasons)
            case = await self.cases.load(conn, case["id"])
        await self.cases.transition(conn, case, VERDICT_ACTION[verdict], officer, details=details)

    @staticmethod
    def _merged_rectification(case, round_opinions) -> tuple[list[str], str, str]:
        """All requirements any officer asked to redo (checklist order), the earliest deadline,
        and every officer's reasons."""
        keys = [r["key"] for r in json.loads(case["checklist"])]
        asked = set()
        for o in round_opinions:
            asked.update(json.loads(o["rectify_requirements"] or "[]"))
        deadline = min(o["rectify_deadline"] for o in round_opinions)
        reasons = "\n".join(f"{o['officer_name']}：{o['reasons']}" for o in round_opinions)
        return [k for k in keys if k in asked], deadline, reasons

    # ----- the rectification loop -----

    async def require_rectification_done(self, conn: aiosqlite.Connection, case_row) -> None:
        """A resubmission after rectification must re-shoot every requirement asked for
        (registered with the cases service as a submit check)."""
        if case_row["status"] != CaseStatus.rectification_requested:
            return
        asked = json.loads(case_row["rectify_requirements"] or "[]")
        done = await repository.reshot_requirements(conn, case_row["id"], case_row["round"])
        missing = [k for k in asked if k not in done]
        if missing:
            checklist = {r["key"]: r for r in json.loads(case_row["checklist"])}
            raise Conflict(
                "re-shoot what the officers asked for before resubmitting: "
                + ", ".join(checklist[k]["title_en"] for k in missing if k in checklist),
                code="rectification_incomplete",
                detail={"missing": missing, "message_zh": "请先重新拍摄整改要求中的材料："
                        + "、".join(checklist[k]["title_zh"] for k in missing if k in checklist)},
            )

    # ----- reading -----

    async def opinions(self, user: CurrentUser, case_id: int) -> OpinionList:
        async with self.db.read() as conn:
            await self.cases.load(conn, case_id)
            rows = await repository.opinions(conn, case_id)
        return OpinionList(items=[opinion_out(r) for r in rows])

    async def state(self, user: CurrentUser, case_id: int) -> ReviewState:
        async with self.db.read() as conn:
            case = await self.cases.load(conn, case_id)
            people = await repository.assignees(conn, case_id)
            round_opinions = await repository.opinions(conn, case_id, case["round"])
            views = await repository.view_summary(conn, case_id, user.id)
            unviewed = await repository.unviewed_current_evidence(conn, case_id, user.id)
        return ReviewState(
            case_id=case_id, status=CaseStatus(case["status"]), round=case["round"],
            required_signoffs=case["required_signoffs"],
            assignees=[PersonRef(id=p["id"], display_name=p["display_name"], organisation=p["organisation"])
                       for p in people],
            opinions=[opinion_out(o) for o in round_opinions], disputed=bool(case["disputed"]),
            my_views=[ViewSummary(evidence_id=v["evidence_id"], views=v["views"], total_ms=v["total_ms"])
                      for v in views],
            unviewed=[u["id"] for u in unviewed],
            assigned_to_me=any(p["id"] == user.id for p in people),
            signed_by_me=any(o["officer_id"] == user.id for o in round_opinions),
        )
