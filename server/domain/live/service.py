"""Live surveys (视频连线踏勘): booking (预约).

An officer who holds a case (or an administrator) offers time slots on working days of the
calendar within working hours; the case's applicant picks one or asks for other times; either
side reschedules or cancels, with a reason. Each change is one transaction with its history
entry, its audit event and its notifications. A periodic sweep reminds both sides 1 hour before
a booked slot and at its start, once each. The call itself (joining, the recording) comes later
and moves a booked session on to in_progress.
"""

from collections import defaultdict
from datetime import datetime, timedelta

import aiosqlite

from server.clock import Clock, from_db, to_db
from server.db.database import Database
from server.domain.audit.service import AuditLog
from server.domain.cases.service import CasesService, ensure_applicant, ensure_can_see
from server.domain.catalogue.service import CatalogueService
from server.domain.live import repository
from server.domain.notifications.service import Audience, NotificationsService
from server.domain.review.service import ReviewService
from server.errors import Conflict, Forbidden, PreconditionFailed, Unprocessable, not_found
from server.identity import CurrentUser
from server.settings import Settings
from shared.enums import OPEN_STATUSES, Role
from shared.live import (
    BOOKABLE_LIVE_STATES,
    LiveAction,
    LiveAlternativesIn,
    LiveCancelIn,
    LiveCancellationOut,
    LiveHistoryEntry,
    LiveOfferIn,
    LivePickIn,
    LiveRequestOut,
    LiveRescheduleIn,
    LiveSessionList,
    LiveSessionOut,
    LiveSlotOut,
    LiveState,
    SlotStatus,
)
from shared.models import PersonRef
from shared.workdays import WorkCalendar

REMIND_BEFORE = timedelta(hours=1)
EXCERPT_CHARS = 140
WEEKDAYS_ZH = "一二三四五六日"

# Why a slot cannot be offered: (English, Chinese), filled with the slot's local time.
SLOT_REFUSALS = {
    "past": ("{when} is in the past", "{when_zh} 已经过去"),
    "too_far_ahead": ("{when} is more than {days} days ahead", "{when_zh} 超出可预约范围（{days} 天内）"),
    "weekend": ("{when} falls on a weekend, not a working day", "{when_zh} 是周末，不是工作日"),
    "holiday": ("{when} falls on a public holiday", "{when_zh} 是法定节假日"),
    "outside_working_hours": ("{when} to {end} is outside working hours ({hours})",
                              "{when_zh} 至 {end} 不在工作时间内（{hours}）"),
    "duplicate": ("{when} is offered twice", "{when_zh} 重复"),
}


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def person(ident: int | None, name: str | None, organisation: str | None) -> PersonRef | None:
    return None if ident is None else PersonRef(id=ident, display_name=name or "", organisation=organisation or "")


def slot_out(row) -> LiveSlotOut:
    return LiveSlotOut(id=row["id"], starts_at=from_db(row["starts_at"]), ends_at=from_db(row["ends_at"]),
                       status=SlotStatus(row["status"]), offer_no=row["offer_no"])


def session_out(row, slots: list, history: list) -> LiveSessionOut:
    slot_list = [slot_out(s) for s in slots]
    cancellation = None
    if row["cancelled_at"] is not None:
        cancellation = LiveCancellationOut(
            reason=row["cancel_reason"] or "", at=from_db(row["cancelled_at"]),
            by=person(row["cancelled_by"], row["cancelled_by_name"], row["cancelled_by_organisation"]),
            by_role=Role(row["cancelled_by_role"]))
    return LiveSessionOut(
        id=row["id"], case_id=row["case_id"], state=LiveState(row["state"]), round=row["round"],
        offer_no=row["offer_no"], slots=slot_list,
        booked=next((s for s in slot_list if s.status == SlotStatus.booked), None),
        offered_by=person(row["offered_by"], row["offered_by_name"], row["offered_by_organisation"]), note=row["note"],
        other_times_requested=LiveRequestOut(message=row["other_times_message"], at=from_db(row["other_times_at"]))
        if row["other_times_at"] is not None else None,
        cancellation=cancellation,
        history=[LiveHistoryEntry(
            action=LiveAction(e["action"]), at=from_db(e["at"]),
            actor=person(e["actor_id"], e["actor_name"], e["actor_organisation"]),
            actor_role=Role(e["actor_role"]) if e["actor_role"] else None, message=e["message"],
            offer_no=e["offer_no"], slot_id=e["slot_id"]) for e in history],
        created_at=from_db(row["created_at"]), updated_at=from_db(row["updated_at"]), version=row["version"],
    )


class LiveService:
    def __init__(self, db: Database, settings: Settings, clock: Clock, audit: AuditLog, cases: CasesService,
                 catalogue: CatalogueService, review: ReviewService, notifications: NotificationsService):
        self.db = db
        self.settings = settings
        self.clock = clock
        self.audit = audit
        self.cases = cases
        self.catalogue = catalogue
        self.review = review
        self.notifications = notifications
        self.hours = settings.live_hours

    # ----- reading -----

    async def of_case(self, user: CurrentUser, case_id: int) -> LiveSessionList:
        async with self.db.read() as conn:
            ensure_can_see(user, await self.cases.load(conn, case_id))
            items = await self._sessions_out(conn, await repository.sessions_of_case(conn, case_id))
        return LiveSessionList(
            items=items, timezone=self.settings.timezone, working_hours=list(self.settings.live_working_hours),
            max_slots_per_offer=self.settings.live_max_slots_per_offer,
            default_slot_minutes=self.settings.live_slot_minutes)

    async def _sessions_out(self, conn: aiosqlite.Connection, rows) -> list[LiveSessionOut]:
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        slots, history = defaultdict(list), defaultdict(list)
        for slot in await repository.slots(conn, ids):
            slots[slot["session_id"]].append(slot)
        for event in await repository.history(conn, ids):
            history[event["session_id"]].append(event)
        return [session_out(row, slots[row["id"]], history[row["id"]]) for row in rows]

    async def _one(self, conn: aiosqlite.Connection, session_id: int) -> LiveSessionOut:
        return (await self._sessions_out(conn, [await repository.session(conn, session_id)]))[0]

    # ----- the bureau's side -----

    async def offer(self, user: CurrentUser, case_id: int, data: LiveOfferIn) -> LiveSessionOut:
        async with self.db.transaction() as conn:
            case = await self.cases.load(conn, case_id)
            self._ensure_case_open(case)
            await self._ensure_holds(conn, user, case)
            going_on = await repository.going_on(conn, case_id)
            if going_on is not None:
                raise Conflict("the case already has a live session being arranged; reschedule or cancel it "
                               "instead of offering another", code="live_session_open",
                               detail={"session_id": going_on["id"], "state": going_on["state"],
                                       "message_zh": "该申请已有正在安排的视频踏勘，请改期或取消后再安排"})
            times = await self._checked_slots(conn, data.slots, data.duration_minutes)
            now = to_db(self.clock.now())
            session_id = await repository.create_session(conn, case_id=case_id, round_=case["round"],
                                                         offered_by=user.id, note=data.note, now=now)
            await repository.add_slots(conn, session_id, 1, [(to_db(start), to_db(end)) for start, end in times])
            await repository.add_event(conn, session_id=session_id, action=LiveAction.offered, actor_id=user.id,
                                       at=now, message=data.note, offer_no=1)
            await self.audit.record(conn, user, "live.offered", "live_session", session_id, case_id=case_id, details={
                "offer_no": 1, "round": case["round"], "note": data.note, "slots": self._slot_details(times)})
            ref, title = case["reference"], case["title"]
            await self._notify(conn, case, session_id, "live.offered", LiveState.offered, [
                Audience.APPLICANT, Audience.ASSIGNEES], exclude=user.id,
                zh=f"{ref}「{title}」：审批人员提供了 {len(times)} 个视频踏勘时间，请选择一个",
                en=f"{ref} {title}: the bureau offers {len(times)} times for a live video survey; pick one")
            return await self._one(conn, session_id)

    # ----- the applicant's side -----

    async def pick(self, user: CurrentUser, case_id: int, session_id: int, data: LivePickIn) -> LiveSessionOut:
        async with self.db.transaction() as conn:
            case, session = await self._unbooked(conn, user, case_id, session_id, data.version,
                                                 "a time is already booked for this live survey; reschedule it to "
                                                 "change it")
            slot = await repository.slot(conn, data.slot_id)
            if (slot is None or slot["session_id"] != session_id or slot["offer_no"] != session["offer_no"]
                    or slot["status"] != SlotStatus.open):
                raise Unprocessable(f"slot {data.slot_id} is not one of the times offered", code="slot_not_offered",
                                    detail={"slot_id": data.slot_id, "message_zh": "所选时间不在可预约的时间中"})
            starts = from_db(slot["starts_at"])
            if starts <= self.clock.now():
                raise Unprocessable("that time has passed; pick a later one or ask for other times",
                                    code="slot_past", detail={"slot_id": data.slot_id,
                                                              "message_zh": "该时间已过，请另选或申请其他时间"})
            now = to_db(self.clock.now())
            await repository.book_slot(conn, slot["id"])
            await repository.update_session(conn, session_id, now, state=LiveState.booked)
            await repository.add_event(conn, session_id=session_id, action=LiveAction.booked, actor_id=user.id,
                                       at=now, offer_no=session["offer_no"], slot_id=slot["id"])
            await self.audit.record(conn, user, "live.booked", "live_session", session_id, case_id=case_id, details={
                "slot_id": slot["id"], "starts_at": slot["starts_at"], "ends_at": slot["ends_at"]})
            ref, title = case["reference"], case["title"]
            await self._notify(conn, case, session_id, "live.booked", LiveState.booked, [Audience.ASSIGNEES],
                               users=[session["offered_by"]], exclude=user.id, starts_at=starts,
                               zh=f"{ref}「{title}」：申请人预约了视频踏勘，时间 {self._when_zh(starts)}",
                               en=f"{ref} {title}: the applicant booked the live survey for {self._when_en(starts)}")
            return await self._one(conn, session_id)

    async def request_alternatives(self, user: CurrentUser, case_id: int, session_id: int,
                                   data: LiveAlternativesIn) -> LiveSessionOut:
        async with self.db.transaction() as conn:
            case, session = await self._unbooked(conn, user, case_id, session_id, data.version,
                                                 "a time is booked: reschedule it (with the reason) to ask for another")
            now = to_db(self.clock.now())
            await repository.update_session(conn, session_id, now, other_times_message=data.message,
                                            other_times_at=now)
            await repository.add_event(conn, session_id=session_id, action=LiveAction.alternatives_requested,
                                       actor_id=user.id, at=now, message=data.message, offer_no=session["offer_no"])
            await self.audit.record(conn, user, "live.alternatives_requested", "live_session", session_id,
                                    case_id=case_id, details={"offer_no": session["offer_no"],
                                                              "message": data.message})
            ref, title = case["reference"], case["title"]
            await self._notify(conn, case, session_id, "live.alternatives_requested", LiveState.offered,
                               [Audience.ASSIGNEES], users=[session["offered_by"]], exclude=user.id,
                               zh=f"{ref}「{title}」：申请人希望改用其他视频踏勘时间：{excerpt(data.message)}",
                               en=f"{ref} {title}: the applicant asks for other times for the live survey: "
                                  f"{excerpt(data.message)}")
            return await self._one(conn, session_id)

    async def _arranging(self, conn, user: CurrentUser, case_id: int, session_id: int, version: int | None):
        """(case, session): a session of a case this user may see, still being arranged, at the
        version the client read."""
        case = await self.cases.load(conn, case_id)
        ensure_can_see(user, case)
        session = await self._session(conn, case_id, session_id)
        self._ensure_bookable(session)
        self._check_version(session, version)
        return case, session

    async def _unbooked(self, conn, user: CurrentUser, case_id: int, session_id: int, version: int | None,
                        booked_en: str):
        """(case, session) of the applicant's own open case whose session is offered, not booked."""
        case, session = await self._arranging(conn, user, case_id, session_id, version)
        ensure_applicant(user, case)
        self._ensure_case_open(case)
        if session["state"] == LiveState.booked:
            raise Conflict(booked_en, code="already_booked", detail={"message_zh": "已预约了时间，如需更改请申请改期"})
        return case, session

    # ----- either side -----

    async def reschedule(self, user: CurrentUser, case_id: int, session_id: int,
                         data: LiveRescheduleIn) -> LiveSessionOut:
        async with self.db.transaction() as conn:
            case, session = await self._arranging(conn, user, case_id, session_id, data.version)
            if user.role == Role.applicant:
                await self._applicant_reschedules(conn, user, case, session, data)
            else:
                await self._bureau_reschedules(conn, user, case, session, data)
            return await self._one(conn, session_id)

    async def _applicant_reschedules(self, conn, user: CurrentUser, case, session, data: LiveRescheduleIn) -> None:
        """The booking is released and the reason stands as a request for other times; the slots
        still open of the same offer may be picked meanwhile."""
        ensure_applicant(user, case)
        self._ensure_case_open(case)
        if session["state"] != LiveState.booked:
            raise Conflict("nothing is booked to reschedule: pick one of the times offered or ask for others",
                           code="nothing_booked", detail={"message_zh": "尚未预约时间，请选择或申请其他时间"})
        if data.slots:
            raise Unprocessable("the bureau offers the times: say in the reason which suit you", code="applicant_slots",
                                detail={"message_zh": "预约时间由审批人员提供，请在原因中说明您方便的时间"})
        booked = await self._booked_slot(conn, session["id"])
        now = to_db(self.clock.now())
        await repository.release_booking(conn, session["id"])
        await repository.update_session(conn, session["id"], now, state=LiveState.offered,
                                        other_times_message=data.reason, other_times_at=now)
        await repository.add_event(conn, session_id=session["id"], action=LiveAction.rescheduled, actor_id=user.id,
                                   at=now, message=data.reason, offer_no=session["offer_no"], slot_id=booked["id"])
        await self.audit.record(conn, user, "live.rescheduled", "live_session", session["id"], case_id=case["id"],
                                details={"by": "applicant", "reason": data.reason, "released_slot_id": booked["id"],
                                         "released_starts_at": booked["starts_at"]})
        ref, title = case["reference"], case["title"]
        was = from_db(booked["starts_at"])
        await self._notify(conn, case, session["id"], "live.rescheduled", LiveState.offered, [Audience.ASSIGNEES],
                           users=[session["offered_by"]], exclude=user.id,
                           zh=f"{ref}「{title}」：申请人取消了 {self._when_zh(was)} 的视频踏勘预约，希望改期："
                              f"{excerpt(data.reason)}",
                           en=f"{ref} {title}: the applicant released the live survey booked for "
                              f"{self._when_en(was)} and asks for another time: {excerpt(data.reason)}")

    async def _bureau_reschedules(self, conn, user: CurrentUser, case, session, data: LiveRescheduleIn) -> None:
        """New slots replace those offered (a new offer) and release the booking."""
        self._ensure_case_open(case)
        await self._ensure_holds(conn, user, case)
        if not data.slots:
            raise Unprocessable("offer the new times (slots) to reschedule to", code="no_slots",
                                detail={"message_zh": "请提供新的预约时间"})
        times = await self._checked_slots(conn, data.slots, data.duration_minutes)
        offer_no = session["offer_no"] + 1
        now = to_db(self.clock.now())
        await repository.release_booking(conn, session["id"])
        await repository.withdraw_open_slots(conn, session["id"])
        await repository.add_slots(conn, session["id"], offer_no, [(to_db(s), to_db(e)) for s, e in times])
        await repository.update_session(conn, session["id"], now, state=LiveState.offered, offer_no=offer_no,
                                        offered_by=user.id, other_times_message=None, other_times_at=None)
        await repository.add_event(conn, session_id=session["id"], action=LiveAction.rescheduled, actor_id=user.id,
                                   at=now, message=data.reason, offer_no=offer_no)
        await self.audit.record(conn, user, "live.rescheduled", "live_session", session["id"], case_id=case["id"],
                                details={"by": "bureau", "reason": data.reason, "offer_no": offer_no,
                                         "was_booked": session["state"] == LiveState.booked,
                                         "slots": self._slot_details(times)})
        ref, title = case["reference"], case["title"]
        await self._notify(conn, case, session["id"], "live.rescheduled", LiveState.offered,
                           [Audience.APPLICANT, Audience.ASSIGNEES], exclude=user.id,
                           zh=f"{ref}「{title}」：视频踏勘需改期，请从新提供的 {len(times)} 个时间中选择（原因："
                              f"{excerpt(data.reason)}）",
                           en=f"{ref} {title}: the live survey is rescheduled; pick one of the {len(times)} new "
                              f"times (reason: {excerpt(data.reason)})")

    async def cancel(self, user: CurrentUser, case_id: int, session_id: int, data: LiveCancelIn) -> LiveSessionOut:
        async with self.db.transaction() as conn:
            case, session = await self._arranging(conn, user, case_id, session_id, data.version)
            if user.role == Role.applicant:
                ensure_applicant(user, case)
                audience, users = [Audience.ASSIGNEES], [session["offered_by"]]
                who_zh, who_en = "申请人", "the applicant"
            else:
                await self._ensure_holds(conn, user, case)
                audience, users = [Audience.APPLICANT, Audience.ASSIGNEES], []
                who_zh, who_en = "审批人员", "the bureau"
            booked = await self._booked_slot(conn, session_id)
            now = to_db(self.clock.now())
            await repository.release_booking(conn, session_id)
            await repository.withdraw_open_slots(conn, session_id)
            await repository.update_session(conn, session_id, now, state=LiveState.cancelled, cancelled_at=now,
                                            cancelled_by=user.id, cancel_reason=data.reason)
            await repository.add_event(conn, session_id=session_id, action=LiveAction.cancelled, actor_id=user.id,
                                       at=now, message=data.reason, offer_no=session["offer_no"],
                                       slot_id=booked["id"] if booked else None)
            await self.audit.record(conn, user, "live.cancelled", "live_session", session_id, case_id=case_id,
                                    details={"reason": data.reason, "was": session["state"],
                                             "released_slot_id": booked["id"] if booked else None})
            ref, title = case["reference"], case["title"]
            await self._notify(conn, case, session_id, "live.cancelled", LiveState.cancelled, audience, users=users,
                               exclude=user.id,
                               zh=f"{ref}「{title}」：{who_zh}取消了视频踏勘（原因：{excerpt(data.reason)}）",
                               en=f"{ref} {title}: {who_en} cancelled the live survey (reason: "
                                  f"{excerpt(data.reason)})")
            return await self._one(conn, session_id)

    # ----- reminders -----

    async def send_due_reminders(self) -> int:
        """Remind both sides of booked slots starting within the hour, and of those starting now
        (the periodic sweep calls this). Each reminder goes out once: it is recorded in the same
        transaction as its notifications. A sweep that comes after the start sends only the start
        one, and none once the slot is over or the case is no longer open (decided, withdrawn).
        Returns how many went out."""
        now = self.clock.now()
        sent = 0
        open_cases = tuple(status.value for status in OPEN_STATUSES)
        async with self.db.transaction() as conn:
            due = [
                ("hour_before", await repository.due_reminders(
                    conn, "hour_before", starts_by=to_db(now + REMIND_BEFORE), starts_after=to_db(now),
                    ends_after=to_db(now), case_statuses=open_cases)),
                ("start", await repository.due_reminders(
                    conn, "start", starts_by=to_db(now), starts_after=None, ends_after=to_db(now),
                    case_statuses=open_cases)),
            ]
            for kind, rows in due:
                for row in rows:
                    if not await repository.mark_reminded(conn, row["slot_id"], kind, to_db(now)):
                        continue
                    starts = from_db(row["starts_at"])
                    ref, title = row["reference"], row["title"]
                    if kind == "hour_before":
                        zh = f"{ref}「{title}」：视频踏勘将于 {self._when_zh(starts)} 开始，请提前做好准备"
                        en = f"{ref} {title}: the live survey starts at {self._when_en(starts)}; get ready"
                    else:
                        zh = f"{ref}「{title}」：视频踏勘现在开始（{self._when_zh(starts)}）"
                        en = f"{ref} {title}: the live survey starts now ({self._when_en(starts)})"
                    await self.notifications.notify(conn, row["case_id"], "live.reminder", {
                        "reference": ref, "title": title, "session_id": row["session_id"], "reminder": kind,
                        "starts_at": starts.isoformat(), "message_zh": zh, "message_en": en,
                    }, [Audience.APPLICANT, Audience.ASSIGNEES], users=[row["offered_by"]])
                    sent += 1
        return sent

    # ----- rules -----

    @staticmethod
    def _ensure_case_open(case) -> None:
        if case["status"] not in OPEN_STATUSES:
            raise Conflict(f"a case that is {case['status']} has no live survey to arrange (it must be submitted "
                           "and not decided)", code="case_not_open",
                           detail={"current_status": case["status"],
                                   "message_zh": "该申请当前不能安排视频踏勘（须已提交且尚未办结）"})

    async def _ensure_holds(self, conn: aiosqlite.Connection, user: CurrentUser, case) -> None:
        """Only an officer who holds the case (claimed or assigned) or an administrator arranges
        its live survey."""
        if user.role == Role.admin:
            return
        if user.role == Role.officer and await self.review.holds(conn, case["id"], user.id):
            return
        raise Forbidden("only an officer who holds the case (has claimed it or been assigned it) or an "
                        "administrator arranges its live survey", code="not_holding_case",
                        detail={"message_zh": "只有承办该申请的审批人员或管理员可以安排视频踏勘"})

    @staticmethod
    async def _session(conn: aiosqlite.Connection, case_id: int, session_id: int):
        session = await repository.session(conn, session_id)
        if session is None or session["case_id"] != case_id:
            raise not_found("live session", session_id)
        return session

    @staticmethod
    def _check_version(session, given: int | None) -> None:
        """A client that names the version it read must have the latest: the other side may have
        changed the booking meanwhile."""
        if given is not None and given != session["version"]:
            raise PreconditionFailed(
                f"the live session was changed meanwhile (version {session['version']}, you had {given}); "
                "reload it", detail={"current_version": session["version"], "your_version": given,
                                     "message_zh": "预约已有变化，请查看最新情况后再操作"})

    @staticmethod
    async def _booked_slot(conn: aiosqlite.Connection, session_id: int):
        return next((s for s in await repository.slots(conn, [session_id]) if s["status"] == SlotStatus.booked),
                    None)

    @staticmethod
    def _ensure_bookable(session) -> None:
        state = LiveState(session["state"])
        if state == LiveState.cancelled:
            raise Conflict("this live session was cancelled; the bureau can offer a new one", code="session_cancelled",
                           detail={"state": state, "reason": session["cancel_reason"],
                                   "message_zh": "该视频踏勘已取消"})
        if state not in BOOKABLE_LIVE_STATES:
            raise Conflict(f"this live session is {state}: its booking can no longer change", code="session_closed",
                           detail={"state": state, "message_zh": "该视频踏勘已开始或结束，预约不能再更改"})

    async def _checked_slots(self, conn: aiosqlite.Connection, starts: list[datetime],
                             minutes: int | None) -> list[tuple[datetime, datetime]]:
        """The offered slots as (start, end), each on a working day of the calendar, inside one
        working period, in the future and not too far ahead; refused all together, naming each
        slot that fails and why."""
        limit = self.settings.live_max_slots_per_offer
        if not starts:
            raise Unprocessable("offer at least one time", code="no_slots", detail={"message_zh": "请至少提供一个时间"})
        if len(starts) > limit:
            raise Unprocessable(f"offer at most {limit} times at once", code="too_many_slots",
                                detail={"max": limit, "message_zh": f"每次最多提供 {limit} 个时间"})
        calendar = await self.catalogue.calendar(conn)
        length = timedelta(minutes=minutes or self.settings.live_slot_minutes)
        now = self.clock.now()
        refused, seen, times = [], set(), []
        for start in starts:
            why = self._why_not_bookable(start, length, calendar, now)
            if why is None and start in seen:
                why = "duplicate"
            seen.add(start)
            if why is None:
                times.append((start, start + length))
                continue
            # A time long past or far ahead is named as sent: it may be too far from now to convert.
            near = why not in ("past", "too_far_ahead") or (why == "past" and start > now - timedelta(days=366))
            words = {"when": self._when_en(start) if near else start.isoformat(),
                     "when_zh": self._when_zh(start) if near else start.isoformat(),
                     "end": f"{(start + length).astimezone(self.settings.tz):%H:%M}" if near else "",
                     "hours": str(self.hours), "days": self.settings.live_booking_horizon_days}
            en, zh = SLOT_REFUSALS[why]
            refused.append({"starts_at": start.isoformat(), "reason": why, "message": en.format(**words),
                            "message_zh": zh.format(**words)})
        if refused:
            raise Unprocessable("these times cannot be offered: " + "; ".join(r["message"] for r in refused),
                                code="slot_not_bookable", detail={
                                    "slots": refused,
                                    "message_zh": "以下时间不能预约：" + "；".join(r["message_zh"] for r in refused)})
        return sorted(times)

    def _why_not_bookable(self, start: datetime, length: timedelta, calendar: WorkCalendar,
                          now: datetime) -> str | None:
        # Compared before any arithmetic: a start far from now (year 1 or 9999) never reaches it.
        if start <= now:
            return "past"
        if start > now + timedelta(days=self.settings.live_booking_horizon_days):
            return "too_far_ahead"
        local_start = start.astimezone(self.settings.tz)
        local_end = (start + length).astimezone(self.settings.tz)
        day = local_start.date()
        if not calendar.is_working_day(day):
            return "holiday" if day in calendar.holidays else "weekend"
        if local_end.date() != day or not self.hours.contains(local_start.time(), local_end.time()):
            return "outside_working_hours"
        return None

    @staticmethod
    def _slot_details(times: list[tuple[datetime, datetime]]) -> list[dict]:
        return [{"starts_at": to_db(start), "ends_at": to_db(end)} for start, end in times]

    async def _notify(self, conn: aiosqlite.Connection, case, session_id: int, kind: str, state: LiveState,
                      audience: list[str], *, zh: str, en: str, users=(), exclude: int | None = None,
                      starts_at: datetime | None = None) -> None:
        payload = {"reference": case["reference"], "title": case["title"], "session_id": session_id,
                   "state": state.value, "message_zh": zh, "message_en": en}
        if starts_at is not None:
            payload["starts_at"] = starts_at.isoformat()
        await self.notifications.notify(conn, case["id"], kind, payload, audience, users=users, exclude=exclude)

    # ----- local times in messages -----

    def _when_zh(self, moment: datetime) -> str:
        local = moment.astimezone(self.settings.tz)
        return f"{local.month}月{local.day}日（周{WEEKDAYS_ZH[local.weekday()]}）{local:%H:%M}"

    def _when_en(self, moment: datetime) -> str:
        local = moment.astimezone(self.settings.tz)
        return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"
