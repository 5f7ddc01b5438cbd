"""Booking a live survey (预约): slots on the working-day calendar, the applicant's pick, other
times, rescheduling and cancelling by either side, who may do what, and that every change comes
with its history entry, audit event and notifications while a refusal writes nothing."""

import asyncio

import pytest

from tests.server.live.conftest import at
from tests.support.api import table_counts
from tests.support.discussion import audit_events, feed

ERROR_KEYS = {"code", "message", "detail"}


def refused(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == ERROR_KEYS and body["code"] == code, body
    return body


def open_slots(session: dict) -> list[dict]:
    return [s for s in session["slots"] if s["status"] == "open" and s["offer_no"] == session["offer_no"]]


# ----- the working-day calendar ---------------------------------------------------------------


@pytest.mark.parametrize(("slot", "reason", "words"), [
    (at(9, 19, 9), "weekend", "9月19日（周六）09:00 是周末"),
    (at(9, 25, 10), "holiday", "9月25日（周五）10:00 是法定节假日"),
    (at(10, 5, 9), "holiday", "10月5日（周一）09:00 是法定节假日"),
    (at(9, 21, 8), "outside_working_hours", "08:00 至 08:30 不在工作时间内"),
    (at(9, 21, 11, 45), "outside_working_hours", "11:45 至 12:15 不在工作时间内"),
    (at(9, 21, 12, 30), "outside_working_hours", "12:30 至 13:00"),
    (at(9, 21, 17, 15), "outside_working_hours", "17:15 至 17:45"),
    (at(9, 17, 9), "past", "9月17日（周四）09:00 已经过去"),
    (at(9, 17, 10), "past", "已经过去"),  # the very moment of the clock is not in the future
    ("2027-03-01T09:00:00+08:00", "too_far_ahead", "超出可预约范围（90 天内）"),
    ("0001-01-01T00:00:00+14:00", "past", "已经过去"),
    ("9999-12-31T23:59:59-14:00", "too_far_ahead", "超出可预约范围"),
])
async def test_a_slot_off_the_working_calendar_is_refused_naming_why(live, services, slot, reason, words):
    case = await live.case()
    before = await table_counts(services)
    body = refused(await live.offer(case["id"], [at(9, 18, 9), slot]), 422, "slot_not_bookable")
    assert [(s["starts_at"], s["reason"]) for s in body["detail"]["slots"]] == [(slot, reason)]
    assert words in body["detail"]["message_zh"] and words in body["detail"]["slots"][0]["message_zh"]
    assert body["detail"]["slots"][0]["message"] in body["message"]
    assert await table_counts(services) == before


async def test_make_up_days_and_the_edges_of_working_hours_are_bookable(live):
    case = await live.case()
    slots = [at(9, 20, 8, 30), at(9, 21, 11, 30), at(9, 21, 13, 30), at(10, 10, 17), at(9, 18, 9)]
    session = await live.offered(case["id"], slots)
    # Sunday 20 September and Saturday 10 October are make-up working days (调休); a slot may
    # begin as a period opens and end as it closes. Slots come back in time order, 30 min each.
    starts = ["2026-09-18T01:00:00Z", "2026-09-20T00:30:00Z", "2026-09-21T03:30:00Z", "2026-09-21T05:30:00Z",
              "2026-10-10T09:00:00Z"]
    assert [s["starts_at"] for s in session["slots"]] == starts
    assert [s["ends_at"] for s in session["slots"]] == [
        "2026-09-18T01:30:00Z", "2026-09-20T01:00:00Z", "2026-09-21T04:00:00Z", "2026-09-21T06:00:00Z",
        "2026-10-10T09:30:00Z"]
    assert {s["status"] for s in session["slots"]} == {"open"} and session["state"] == "offered"


async def test_the_calendar_an_administrator_loads_is_the_one_used(live, client, users):
    case = await live.case()
    r = await client.put("/api/v1/calendar", headers=users.headers("admin"), json={
        "name": "test", "holidays": ["2026-09-18"], "makeup_workdays": ["2026-09-19"]})
    assert r.status_code == 200, r.text
    body = refused(await live.offer(case["id"], [at(9, 18, 9)]), 422, "slot_not_bookable")
    assert body["detail"]["slots"][0]["reason"] == "holiday"
    assert (await live.offer(case["id"], [at(9, 19, 9)])).status_code == 201  # Saturday, now worked


async def test_longer_slots_and_too_many_or_none(live, services):
    case = await live.case()
    before = await table_counts(services)
    refused(await live.offer(case["id"], [at(9, 21, 9 + i // 2, 30 * (i % 2)) for i in range(6)]), 422,
            "too_many_slots")
    refused(await live.offer(case["id"], []), 422, "no_slots")
    # An hour from 11:30 runs past noon.
    body = refused(await live.offer(case["id"], [at(9, 21, 11, 30)], duration_minutes=60), 422, "slot_not_bookable")
    assert body["detail"]["slots"][0]["reason"] == "outside_working_hours"
    refused(await live.offer(case["id"], [at(9, 21, 9), "2026-09-21T01:00:00Z"]), 422, "slot_not_bookable")
    for bad in ({"slots": ["2026-09-21T09:00:00"]},  # no offset: which 09:00?
                {"slots": [at(9, 21, 9)], "duration_minutes": 5},
                {"slots": [at(9, 21, 9)], "duration_minutes": 600},
                {"slots": "tomorrow"},
                {"slots": [at(9, 21, 9)] * 21},
                {"slots": [at(9, 21, 9)], "note": "请\x00准备"}):
        refused(await live.post("officer", case["id"], **bad), 400, "invalid_request")
    assert await table_counts(services) == before
    session = await live.offered(case["id"], [at(9, 21, 10)], duration_minutes=90)
    assert session["slots"][0]["ends_at"] == "2026-09-21T03:30:00Z"


# ----- the happy path, with its records ---------------------------------------------------------


async def test_offer_pick_with_history_audit_and_notifications(live, client, users):
    case = await live.case()
    cid = case["id"]
    session = await live.offered(cid, [at(9, 18, 9), at(9, 21, 14)], note="请准备好营业执照原件")
    assert session["offered_by"]["display_name"] == "张伟" and session["round"] == 0
    listed = await live.sessions(cid)
    assert listed["items"] == [session]
    assert (listed["timezone"], listed["working_hours"]) == ("Asia/Shanghai", ["08:30-12:00", "13:30-17:30"])
    for who in ("officer", "officer2", "auditor", "admin"):
        assert (await live.sessions(cid, who))["items"] == [session]

    picked = await live.done("applicant", cid, session["id"], "pick", slot_id=session["slots"][1]["id"],
                             version=session["version"])
    assert picked["state"] == "booked" and picked["version"] == session["version"] + 1
    assert picked["booked"] == {**session["slots"][1], "status": "booked"}
    assert [s["status"] for s in picked["slots"]] == ["open", "booked"]
    assert [(h["action"], h["actor"]["display_name"], h["actor_role"], h["message"]) for h in picked["history"]] == [
        ("offered", "张伟", "officer", "请准备好营业执照原件"), ("booked", "恒达置业 陈工", "applicant", "")]
    assert picked["history"][1]["slot_id"] == session["slots"][1]["id"]

    events = await audit_events(client, users, cid, "live.")
    assert [(e["action"], e["object_type"], e["object_id"]) for e in events] == [
        ("live.offered", "live_session", str(session["id"])), ("live.booked", "live_session", str(session["id"]))]
    assert events[0]["details"]["slots"] == [
        {"starts_at": "2026-09-18T01:00:00.000000+00:00", "ends_at": "2026-09-18T01:30:00.000000+00:00"},
        {"starts_at": "2026-09-21T06:00:00.000000+00:00", "ends_at": "2026-09-21T06:30:00.000000+00:00"}]
    assert events[1]["details"]["starts_at"] == "2026-09-21T06:00:00.000000+00:00"
    assert (await client.get("/api/v1/audit/verify", headers=users.headers("auditor"))).json()["ok"]

    offered = await feed(client, users, "applicant", "live.offered")
    assert [e["payload"]["message_zh"] for e in offered] == [
        f"{case['reference']}「康宁诊所 现场核查」：审批人员提供了 2 个视频踏勘时间，请选择一个"]
    assert offered[0]["payload"]["message_en"].endswith("offers 2 times for a live video survey; pick one")
    assert offered[0]["payload"]["session_id"] == session["id"] and offered[0]["case_id"] == cid
    booked = await feed(client, users, "officer", "live.booked")
    assert [e["payload"]["message_zh"] for e in booked] == [
        f"{case['reference']}「康宁诊所 现场核查」：申请人预约了视频踏勘，时间 9月21日（周一）14:00"]
    assert booked[0]["payload"]["message_en"].endswith("booked the live survey for Mon 21 Sep 14:00")
    assert booked[0]["payload"]["starts_at"] == "2026-09-21T06:00:00+00:00"
    # The same news on the event stream (server-sent events read the feed).
    stream = await client.get("/api/v1/events/stream", params={"after": 0, "seconds": 0},
                              headers=users.headers("officer"))
    assert "event: live.booked" in stream.text and "申请人预约了视频踏勘" in stream.text
    # Nobody hears of their own act; people outside the case hear nothing.
    assert await feed(client, users, "officer", "live.offered") == []
    assert await feed(client, users, "applicant", "live.booked") == []
    for outsider in ("officer2", "applicant2", "auditor"):
        assert [e for e in await feed(client, users, outsider) if e["kind"].startswith("live.")] == []


async def test_an_administrator_offers_and_hears_of_the_booking(live, client, users):
    case = await live.case(officer=None)  # submitted, held by nobody
    session = await live.offered(case["id"], [at(9, 18, 9)], who="admin")
    await live.done("applicant", case["id"], session["id"], "pick", slot_id=session["slots"][0]["id"])
    assert [e["payload"]["session_id"] for e in await feed(client, users, "admin", "live.booked")] == [session["id"]]


# ----- who may ------------------------------------------------------------------------------------


async def test_who_may_offer(live, services):
    case = await live.case()
    before = await table_counts(services)
    refused(await live.offer(case["id"], [at(9, 18, 9)], who="applicant"), 403, "role_forbidden")
    refused(await live.offer(case["id"], [at(9, 18, 9)], who="auditor"), 403, "role_forbidden")
    body = refused(await live.offer(case["id"], [at(9, 18, 9)], who="officer2"), 403, "not_holding_case")
    assert body["detail"]["message_zh"] == "只有承办该申请的审批人员或管理员可以安排视频踏勘"
    refused(await live.offer(999_999, [at(9, 18, 9)]), 404, "not_found")
    assert await table_counts(services) == before
    # Holding the case is what counts: officer2 claims it (two sign-offs) and may offer.
    await live.client.post(f"/api/v1/cases/{case['id']}/claim", headers=live.users.headers("officer2"))
    assert (await live.offer(case["id"], [at(9, 18, 9)], who="officer2")).status_code == 201


async def test_only_open_cases_and_one_session_at_a_time(live, client, users, services):
    draft = await live.case(submit=False)
    before = await table_counts(services)
    body = refused(await live.offer(draft["id"], [at(9, 18, 9)], who="admin"), 409, "case_not_open")
    assert body["detail"]["current_status"] == "draft" and body["detail"]["message_zh"]
    case = await live.case()
    session = await live.offered(case["id"], [at(9, 18, 9)])
    before = await table_counts(services)
    body = refused(await live.offer(case["id"], [at(9, 21, 9)]), 409, "live_session_open")
    assert body["detail"]["session_id"] == session["id"]
    assert await table_counts(services) == before
    # Decided: the booking can only be cancelled.
    approved = await live.case(title="已办结")
    going = await live.offered(approved["id"], [at(9, 18, 14)])
    for officer in ("officer", "officer2"):
        await client.post(f"/api/v1/cases/{approved['id']}/claim", headers=users.headers(officer))
        r = await client.post(f"/api/v1/cases/{approved['id']}/opinions", headers=users.headers(officer),
                              json={"verdict": "pass"})
        assert r.status_code == 201, r.text
    before = await table_counts(services)
    refused(await live.act("applicant", approved["id"], going["id"], "pick", slot_id=going["slots"][0]["id"]), 409,
            "case_not_open")
    refused(await live.act("officer", approved["id"], going["id"], "reschedule", reason="改期",
                           slots=[at(9, 21, 9)]), 409, "case_not_open")
    assert await table_counts(services) == before
    await live.done("officer", approved["id"], going["id"], "cancel", reason="已现场核查，无需视频踏勘")


async def test_who_may_pick(live, services):
    case = await live.case()
    mine = await live.offered(case["id"], [at(9, 18, 9), at(9, 18, 10)])
    other_case = await live.case("applicant2", title="另一家诊所")
    theirs = await live.offered(other_case["id"], [at(9, 18, 14)])
    slot = mine["slots"][0]["id"]
    before = await table_counts(services)
    # Another applicant: as if neither the case nor its sessions existed.
    refused(await live.act("applicant2", case["id"], mine["id"], "pick", slot_id=slot), 404, "not_found")
    r = await live.client.get(f"/api/v1/cases/{case['id']}/live-sessions", headers=live.users.headers("applicant2"))
    refused(r, 404, "not_found")
    refused(await live.act("officer", case["id"], mine["id"], "pick", slot_id=slot), 403, "role_forbidden")
    # A session of another case under this case's path, and one that does not exist.
    refused(await live.act("applicant", case["id"], theirs["id"], "pick", slot_id=slot), 404, "not_found")
    refused(await live.act("applicant", case["id"], 999_999, "pick", slot_id=slot), 404, "not_found")
    # A slot that was not offered in this session.
    body = refused(await live.act("applicant", case["id"], mine["id"], "pick", slot_id=theirs["slots"][0]["id"]),
                   422, "slot_not_offered")
    assert body["detail"]["message_zh"] == "所选时间不在可预约的时间中"
    refused(await live.act("applicant", case["id"], mine["id"], "pick", slot_id=999_999), 422, "slot_not_offered")
    body = refused(await live.act("applicant", case["id"], mine["id"], "pick", slot_id=slot, version=99), 412,
                   "stale_version")
    assert body["detail"]["message_zh"] == "预约已有变化，请查看最新情况后再操作"
    assert await table_counts(services) == before

    await live.done("applicant", case["id"], mine["id"], "pick", slot_id=slot)
    before = await table_counts(services)
    for again in (slot, mine["slots"][1]["id"]):  # picking twice, the same time or another
        body = refused(await live.act("applicant", case["id"], mine["id"], "pick", slot_id=again), 409,
                       "already_booked")
        assert body["detail"]["message_zh"]
    refused(await live.act("applicant", case["id"], mine["id"], "alternatives", message="下午更方便"), 409,
            "already_booked")
    assert await table_counts(services) == before


async def test_a_slot_that_has_passed_cannot_be_picked(live, services):
    case = await live.case()
    session = await live.offered(case["id"], [at(9, 18, 9), at(9, 21, 9)])
    await live.advance(days=1)  # Friday 18 September, 10:00
    before = await table_counts(services)
    refused(await live.act("applicant", case["id"], session["id"], "pick", slot_id=session["slots"][0]["id"]),
            422, "slot_past")
    assert await table_counts(services) == before
    await live.done("applicant", case["id"], session["id"], "pick", slot_id=session["slots"][1]["id"])


async def test_concurrent_picks_exactly_one_wins(live, client, users, services):
    case = await live.case()
    session = await live.offered(case["id"], [at(9, 18, 9), at(9, 18, 10), at(9, 18, 11)])
    before = await table_counts(services)
    answers = await asyncio.gather(*[
        live.act("applicant", case["id"], session["id"], "pick", slot_id=slot["id"])
        for slot in session["slots"] for _ in range(2)])
    assert sorted(r.status_code for r in answers) == [200, 409, 409, 409, 409, 409]
    assert {r.json()["code"] for r in answers if r.status_code == 409} == {"already_booked"}
    winner = next(r.json() for r in answers if r.status_code == 200)
    now = (await live.sessions(case["id"]))["items"][0]
    assert now["booked"] == winner["booked"] and [s["status"] for s in now["slots"]].count("booked") == 1
    after = await table_counts(services)
    assert after["live_session_events"] == before["live_session_events"] + 1
    assert after["audit_events"] == before["audit_events"] + 1
    assert len(await feed(client, users, "officer", "live.booked")) == 1


# ----- other times, rescheduling, cancelling ----------------------------------------------------


async def test_the_applicant_asks_for_other_times_and_the_bureau_offers_them(live, client, users, services):
    case = await live.case()
    cid = case["id"]
    session = await live.offered(cid, [at(9, 18, 9)])
    refused(await live.act("applicant", cid, session["id"], "alternatives", message=""), 400, "invalid_request")
    asked = await live.done("applicant", cid, session["id"], "alternatives", message="本周五上午施工，下周一下午方便")
    assert asked["state"] == "offered"
    assert asked["other_times_requested"] == {"message": "本周五上午施工，下周一下午方便", "at": "2026-09-17T02:00:00Z"}
    assert open_slots(asked) == session["slots"]  # still there, should they suit after all
    heard = await feed(client, users, "officer", "live.alternatives_requested")
    assert heard[0]["payload"]["message_zh"].endswith("申请人希望改用其他视频踏勘时间：本周五上午施工，下周一下午方便")
    assert [e["action"] for e in await audit_events(client, users, cid, "live.")] == [
        "live.offered", "live.alternatives_requested"]

    refused(await live.act("officer", cid, session["id"], "reschedule", reason="按申请人要求"), 422, "no_slots")
    moved = await live.done("officer", cid, session["id"], "reschedule", reason="按申请人要求改到周一下午",
                            slots=[at(9, 21, 14), at(9, 21, 15)])
    assert moved["state"] == "offered" and moved["offer_no"] == 2 and moved["other_times_requested"] is None
    assert [(s["offer_no"], s["status"]) for s in moved["slots"]] == [(1, "withdrawn"), (2, "open"), (2, "open")]
    before = await table_counts(services)
    # The first offer's slot is gone with it.
    refused(await live.act("applicant", cid, session["id"], "pick", slot_id=session["slots"][0]["id"]), 422,
            "slot_not_offered")
    assert await table_counts(services) == before
    picked = await live.done("applicant", cid, session["id"], "pick", slot_id=open_slots(moved)[1]["id"])
    assert picked["booked"]["starts_at"] == "2026-09-21T07:00:00Z"
    rescheduled = await feed(client, users, "applicant", "live.rescheduled")
    assert "视频踏勘需改期，请从新提供的 2 个时间中选择（原因：按申请人要求改到周一下午）" in \
        rescheduled[0]["payload"]["message_zh"]


async def test_the_bureau_reschedules_a_booking(live, client, users):
    case = await live.case()
    cid = case["id"]
    session = await live.offered(cid, [at(9, 18, 9), at(9, 18, 10)])
    await live.done("applicant", cid, session["id"], "pick", slot_id=session["slots"][0]["id"])
    body = refused(await live.act("officer", cid, session["id"], "reschedule", reason="临时有会",
                                  slots=[at(9, 19, 9)]), 422, "slot_not_bookable")
    assert body["detail"]["slots"][0]["reason"] == "weekend"
    refused(await live.act("officer2", cid, session["id"], "reschedule", reason="临时有会", slots=[at(9, 21, 9)]),
            403, "not_holding_case")
    refused(await live.act("auditor", cid, session["id"], "reschedule", reason="临时有会", slots=[at(9, 21, 9)]),
            403, "role_forbidden")
    moved = await live.done("officer", cid, session["id"], "reschedule", reason="临时有会", slots=[at(9, 21, 9)])
    assert moved["state"] == "offered" and moved["booked"] is None
    assert [(s["offer_no"], s["status"]) for s in moved["slots"]] == [(1, "released"), (1, "withdrawn"), (2, "open")]
    assert [(h["action"], h["message"], h["offer_no"]) for h in moved["history"]] == [
        ("offered", "", 1), ("booked", "", 1), ("rescheduled", "临时有会", 2)]
    event = (await audit_events(client, users, cid, "live.rescheduled"))[0]
    assert event["details"]["by"] == "bureau" and event["details"]["was_booked"] is True
    assert event["details"]["reason"] == "临时有会"


async def test_the_applicant_reschedules_a_booking(live, client, users, services):
    case = await live.case()
    cid = case["id"]
    session = await live.offered(cid, [at(9, 18, 9), at(9, 18, 10)])
    before = await table_counts(services)
    refused(await live.act("applicant", cid, session["id"], "reschedule", reason="改期"), 409, "nothing_booked")
    await live.done("applicant", cid, session["id"], "pick", slot_id=session["slots"][0]["id"])
    after_pick = await table_counts(services)
    assert after_pick["live_session_events"] == before["live_session_events"] + 1
    body = refused(await live.act("applicant", cid, session["id"], "reschedule", reason="改期",
                                  slots=[at(9, 21, 9)]), 422, "applicant_slots")
    assert body["detail"]["message_zh"] == "预约时间由审批人员提供，请在原因中说明您方便的时间"
    refused(await live.act("applicant2", cid, session["id"], "reschedule", reason="改期"), 404, "not_found")
    refused(await live.act("applicant", cid, session["id"], "reschedule", reason=""), 400, "invalid_request")
    assert await table_counts(services) == after_pick

    moved = await live.done("applicant", cid, session["id"], "reschedule", reason="负责人周五出差，下周二上午可以")
    assert moved["state"] == "offered" and moved["booked"] is None
    assert [s["status"] for s in moved["slots"]] == ["released", "open"]
    assert moved["other_times_requested"]["message"] == "负责人周五出差，下周二上午可以"
    assert moved["history"][-1]["action"] == "rescheduled" and moved["history"][-1]["actor_role"] == "applicant"
    heard = await feed(client, users, "officer", "live.rescheduled")
    assert "申请人取消了 9月18日（周五）09:00 的视频踏勘预约，希望改期：负责人周五出差" in \
        heard[0]["payload"]["message_zh"]
    event = (await audit_events(client, users, cid, "live.rescheduled"))[0]
    assert event["details"]["by"] == "applicant" and event["details"]["released_slot_id"] == session["slots"][0]["id"]
    # The released time is not offered any more; the other one still is.
    refused(await live.act("applicant", cid, session["id"], "pick", slot_id=session["slots"][0]["id"]), 422,
            "slot_not_offered")
    await live.done("applicant", cid, session["id"], "pick", slot_id=session["slots"][1]["id"])


@pytest.mark.parametrize("canceller", ["applicant", "officer", "admin"])
async def test_cancelled_by_either_side_and_then_nothing_more(live, client, users, services, canceller):
    case = await live.case()
    cid = case["id"]
    session = await live.offered(cid, [at(9, 18, 9), at(9, 18, 10)])
    await live.done("applicant", cid, session["id"], "pick", slot_id=session["slots"][0]["id"])
    refused(await live.act("officer2", cid, session["id"], "cancel", reason="x"), 403, "not_holding_case")
    refused(await live.act("auditor", cid, session["id"], "cancel", reason="x"), 403, "role_forbidden")
    refused(await live.act("applicant2", cid, session["id"], "cancel", reason="x"), 404, "not_found")
    cancelled = await live.done(canceller, cid, session["id"], "cancel", reason="项目暂缓")
    assert cancelled["state"] == "cancelled" and cancelled["booked"] is None
    assert [s["status"] for s in cancelled["slots"]] == ["released", "withdrawn"]
    assert cancelled["cancellation"]["reason"] == "项目暂缓"
    assert cancelled["cancellation"]["by"]["id"] == users.ids[canceller]
    assert cancelled["cancellation"]["by_role"] == {"applicant": "applicant", "officer": "officer",
                                                    "admin": "admin"}[canceller]
    event = (await audit_events(client, users, cid, "live.cancelled"))[0]
    assert (event["actor_id"], event["details"]["reason"], event["details"]["was"]) == (
        users.ids[canceller], "项目暂缓", "booked")
    other_side = "officer" if canceller == "applicant" else "applicant"
    heard = await feed(client, users, other_side, "live.cancelled")
    who = "申请人" if canceller == "applicant" else "审批人员"
    assert heard[0]["payload"]["message_zh"].endswith(f"{who}取消了视频踏勘（原因：项目暂缓）")
    assert await feed(client, users, canceller, "live.cancelled") == []

    before = await table_counts(services)
    for who, action, body in (("applicant", "pick", {"slot_id": session["slots"][1]["id"]}),
                              ("applicant", "alternatives", {"message": "下周可以"}),
                              ("applicant", "reschedule", {"reason": "再约"}),
                              ("officer", "reschedule", {"reason": "再约", "slots": [at(9, 21, 9)]}),
                              ("officer", "cancel", {"reason": "再取消"}),
                              ("applicant", "cancel", {"reason": "再取消"})):
        body = refused(await live.act(who, cid, session["id"], action, **body), 409, "session_cancelled")
        assert body["detail"]["message_zh"] == "该视频踏勘已取消"
    assert await table_counts(services) == before

    # A new session may be offered now; the list has both, newest first.
    again = await live.offered(cid, [at(9, 21, 9)])
    assert [s["id"] for s in (await live.sessions(cid))["items"]] == [again["id"], session["id"]]


async def test_one_session_per_rectification_round(live, client, users):
    case = await live.case()
    cid = case["id"]
    first = await live.offered(cid, [at(9, 18, 9)])
    await live.done("officer", cid, first["id"], "cancel", reason="材料不齐，先整改")
    await live.send_back(cid)
    assert (await live.client.get(f"/api/v1/cases/{cid}", headers=users.headers("applicant"))).json()["status"] == \
        "rectification_requested"
    second = await live.offered(cid, [at(9, 21, 9)])
    assert (first["round"], second["round"]) == (0, 1)
    await live.done("applicant", cid, second["id"], "pick", slot_id=second["slots"][0]["id"])
