"""Reminders of a booked live survey: 1 hour before and at the start, each exactly once to the
applicant and the officers of the case, however often the sweep runs, with several due at once,
and across a restart; none for a booking that was released or cancelled, or once it is over.
The clock is moved and the sweep run directly (the app's own sweep runs only at start-up here)."""

import asyncio

from server.app import create_app
from tests.server.live.conftest import at
from tests.support.app_client import app_client
from tests.support.discussion import feed


async def reminders(client, users, who: str) -> list[tuple[int, str, str]]:
    return [(e["payload"]["session_id"], e["payload"]["reminder"], e["payload"]["message_zh"])
            for e in await feed(client, users, who, "live.reminder")]


async def until_reminded(services, count: int) -> None:
    """Wait (a few seconds at most) until `count` reminders are recorded."""
    for _ in range(100):
        async with services.db.read() as conn:
            if (await (await conn.execute("SELECT count(*) FROM live_reminders")).fetchone())[0] >= count:
                return
        await asyncio.sleep(0.05)
    raise AssertionError(f"fewer than {count} reminders were sent")


async def booked(live, case: dict, slot: str) -> dict:
    session = await live.offered(case["id"], [slot])
    return await live.done("applicant", case["id"], session["id"], "pick", slot_id=session["slots"][0]["id"])


async def test_an_hour_before_and_at_the_start_once_each(live, client, users, services):
    case = await live.case()
    ref = case["reference"]
    session = await booked(live, case, at(9, 18, 10))  # Friday 10:00; the clock: Thursday 10:00
    sweep = services.live.send_due_reminders
    assert await sweep() == 0
    await live.advance(hours=22, minutes=59, seconds=59)  # Friday 08:59:59
    assert await sweep() == 0
    await live.advance(seconds=1)  # 09:00: an hour to go
    assert await sweep() == 1
    assert await sweep() == 0
    await live.advance(minutes=30)
    assert await sweep() == 0
    hour = (session["id"], "hour_before",
            f"{ref}「康宁诊所 现场核查」：视频踏勘将于 9月18日（周五）10:00 开始，请提前做好准备")
    for who in ("applicant", "officer"):
        assert await reminders(client, users, who) == [hour]
    await live.advance(minutes=30)  # 10:00
    assert await sweep() == 1
    await live.advance(minutes=10)
    assert await sweep() == 0
    start = (session["id"], "start", f"{ref}「康宁诊所 现场核查」：视频踏勘现在开始（9月18日（周五）10:00）")
    for who in ("applicant", "officer"):
        assert await reminders(client, users, who) == [hour, start]
    english = [e["payload"]["message_en"] for e in await feed(client, users, "applicant", "live.reminder")]
    assert english == [f"{ref} 康宁诊所 现场核查: the live survey starts at Fri 18 Sep 10:00; get ready",
                       f"{ref} 康宁诊所 现场核查: the live survey starts now (Fri 18 Sep 10:00)"]
    for outsider in ("officer2", "applicant2", "auditor"):
        assert await reminders(client, users, outsider) == []
    await live.advance(hours=2)
    assert await sweep() == 0


async def test_several_due_at_once_and_concurrent_sweeps(live, client, users, services):
    cases = [await live.case(title=f"诊所 {n}") for n in range(3)]
    sessions = [await booked(live, case, at(9, 18, 10)) for case in cases[:2]]
    sessions.append(await booked(live, cases[2], at(9, 18, 10, 30)))
    await live.advance(hours=23)  # Friday 09:00
    sweep = services.live.send_due_reminders
    assert sorted(await asyncio.gather(sweep(), sweep(), sweep())) == [0, 0, 2]
    await live.advance(minutes=30)  # 09:30: the third is an hour away
    assert await sweep() == 1
    await live.advance(minutes=31)  # 10:01: the first two start; the third's hour went already
    assert await sweep() == 2
    got = await reminders(client, users, "applicant")
    assert sorted((s, kind) for s, kind, _ in got) == sorted(
        [(s["id"], "hour_before") for s in sessions] + [(s["id"], "start") for s in sessions[:2]])


async def test_a_reminder_sent_before_a_restart_is_not_sent_again(live, client, users, services, settings, clock):
    case = await live.case()
    session = await booked(live, case, at(9, 18, 10))
    await live.advance(hours=23, minutes=30)  # 09:30
    assert await services.live.send_due_reminders() == 1
    # A second server over the same data: its lifespan sweeps once at start-up, and sends nothing.
    async with app_client(create_app(settings, clock=clock)) as restarted:
        assert await restarted.app.state.services.live.send_due_reminders() == 0
        clock.advance(minutes=30)  # 10:00; a third server's start-up sweep sends the start one
        async with app_client(create_app(settings, clock=clock)) as third:
            await until_reminded(third.app.state.services, 2)
    assert await services.live.send_due_reminders() == 0
    await users.login("applicant")
    assert [(s, kind) for s, kind, _ in await reminders(client, users, "applicant")] == [
        (session["id"], "hour_before"), (session["id"], "start")]


async def test_a_sweep_late_for_the_hour_sends_only_the_start_and_none_after_the_end(live, client, users,
                                                                                     services):
    late = await booked(live, await live.case(title="晚"), at(9, 18, 10))
    over = await booked(live, await live.case(title="过"), at(9, 18, 9))
    await live.advance(hours=23, minutes=15)  # Friday 09:15: 'over' (09:00-09:30) began, 'late' is close
    assert await services.live.send_due_reminders() == 2
    await live.advance(minutes=50)  # 10:05: 'over' ended at 09:30
    assert await services.live.send_due_reminders() == 1
    got = [(s, kind) for s, kind, _ in await reminders(client, users, "applicant")]
    assert sorted(got) == sorted([(late["id"], "hour_before"), (over["id"], "start"), (late["id"], "start")])


async def test_no_reminders_for_released_or_cancelled_bookings_but_for_the_new_one(live, client, users, services):
    case = await live.case()
    cid = case["id"]
    moved = await booked(live, case, at(9, 18, 10))
    await live.done("officer", cid, moved["id"], "reschedule", reason="改到下午", slots=[at(9, 18, 15)])
    gone = await booked(live, await live.case(title="取消"), at(9, 18, 10))
    await live.done("applicant", gone["case_id"], gone["id"], "cancel", reason="不需要了")
    await live.advance(hours=23, minutes=30)  # Friday 09:30
    assert await services.live.send_due_reminders() == 0
    offered_only = (await live.sessions(cid))["items"][0]
    assert offered_only["state"] == "offered"  # the new time is not booked yet: nothing to remind of
    await live.done("applicant", cid, moved["id"], "pick", slot_id=offered_only["slots"][-1]["id"])
    await live.advance(hours=4, minutes=30)  # 14:00
    assert await services.live.send_due_reminders() == 1
    await live.advance(hours=1)  # 15:00
    assert await services.live.send_due_reminders() == 1
    got = await reminders(client, users, "officer")
    assert [(s, kind) for s, kind, _ in got] == [(moved["id"], "hour_before"), (moved["id"], "start")]
    assert "9月18日（周五）15:00" in got[0][2]


async def test_no_reminders_once_the_case_is_decided(live, client, users, services):
    case = await live.case()
    await booked(live, case, at(9, 18, 10))
    for officer in ("officer", "officer2"):
        await client.post(f"/api/v1/cases/{case['id']}/claim", headers=users.headers(officer))
        r = await client.post(f"/api/v1/cases/{case['id']}/opinions", headers=users.headers(officer),
                              json={"verdict": "pass"})
        assert r.status_code == 201, r.text
    await live.advance(hours=23, minutes=30)  # Friday 09:30
    assert await services.live.send_due_reminders() == 0
    await live.advance(minutes=30)
    assert await services.live.send_due_reminders() == 0
    assert await reminders(client, users, "applicant") == []
