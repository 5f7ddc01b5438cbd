"""Booking a live video survey on the phone (视频踏勘预约): the officer offers times through the
API; the applicant sees them on the case in the bureau's local time with the weekday, books one
and sees the countdown; the officer reschedules and the page follows the feed; the applicant asks
for other times, books again and cancels with a reason. The officer's note, with HTML in it, is
shown as text."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import msgspec

from shared.workdays import CalendarFile, WorkCalendar
from tests.e2e.phone import (
    HOSTILE,
    MARKS,
    Api,
    assert_fits_width,
    new_case,
    no_injection,
    shoot,
    site_photo,
    site_video,
    switch_language,
    upload_one_shot,
)
from tests.e2e.phone import login as sign_in

pytestmark = MARKS
BEIJING = ZoneInfo("Asia/Shanghai")
WEEKDAY_ZH = "一二三四五六日"


def working_days(api: Api, count: int) -> list:
    """The next `count` working days after today (Beijing) on the server's calendar."""
    calendar = WorkCalendar.from_file(msgspec.convert(api.ok("GET", "/calendar"), CalendarFile))
    today = datetime.now(BEIJING).date()
    return [calendar.add_working_days(today, n) for n in range(1, count + 1)]


def slot(day, hour: int, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute), BEIJING).isoformat()


def nudge_feed(page) -> None:
    """The page polls the feed when it becomes visible again (else every 20 s): poll now."""
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")


def test_book_reschedule_ask_for_other_times_and_cancel(phone, server, tmp_path):
    page = phone
    applicant, officer = Api(server, "shen"), Api(server, "zhang")
    case = new_case(applicant, server, title="东街小馆 视频踏勘")
    case_id = case["id"]
    for key, path in (("storefront", site_photo(tmp_path / "s.jpg", seed=21)),
                      ("kitchen", site_photo(tmp_path / "k.jpg", seed=22)),
                      ("walkround", site_video(tmp_path / "w.mp4", seed=23))):
        upload_one_shot(applicant, case_id, key, path)
    applicant.ok("POST", f"/cases/{case_id}/submit")
    officer.ok("POST", f"/cases/{case_id}/claim")
    first, second = working_days(officer, 2)
    session = officer.ok("POST", f"/cases/{case_id}/live-sessions", json={
        "slots": [slot(first, 9), slot(first, 14, 30), slot(second, 10)],
        "note": f"请准备好营业执照原件，并打开后厨灯光。{HOSTILE}"})
    sid = session["id"]

    sign_in(page)
    page.goto(f"/m/#/case/{case_id}")
    live = page.locator("section", has=page.get_by_role("heading", name="视频踏勘预约"))
    live.wait_for()
    labels = live.locator("label.live-slot-label")
    assert labels.count() == 3
    texts = labels.all_inner_texts()
    for text, day, clock in zip(texts, (first, first, second), ("09:00–09:30", "14:30–15:00", "10:00–10:30"),
                                strict=True):
        assert f"{day.month}月{day.day}日" in text and f"周{WEEKDAY_ZH[day.weekday()]}" in text, text
        assert clock in text, text
    assert live.locator(".live-note").inner_text() == f"审批人员提示：请准备好营业执照原件，并打开后厨灯光。{HOSTILE}"
    no_injection(page)
    assert_fits_width(page)
    shoot(page, "20-live-offered")
    switch_language(page)
    live_en = page.locator("section", has=page.get_by_role("heading", name="Live video survey"))
    live_en.get_by_role("button", name="Book this time").wait_for()
    assert "09:00–09:30" in live_en.locator("label.live-slot-label").first.inner_text()
    shoot(page, "20-live-offered")
    switch_language(page)

    # Booking without a choice is explained; then the 14:30 slot is booked.
    live.get_by_role("button", name="确认预约").click()
    live.get_by_text("请先选择一个时间。").wait_for()
    labels.nth(1).click()
    live.get_by_role("button", name="确认预约").click()
    live.locator(".live-booked").wait_for()
    assert "14:30–15:00" in live.locator(".live-when").inner_text()
    live.get_by_text("距开始还有").wait_for()
    left = re.fullmatch(r"距开始还有 (?:(\d+) 天 )?(?:(\d+) 小时 )?(\d+) 分钟(?: \d+ 秒)?",
                        live.locator(".live-countdown").inner_text())
    assert left, live.locator(".live-countdown").inner_text()
    days, hours, minutes = (int(n or 0) for n in left.groups())
    expected = datetime.fromisoformat(slot(first, 14, 30)) - datetime.now(BEIJING)
    assert abs(timedelta(days=days, hours=hours, minutes=minutes) - expected) < timedelta(minutes=2)
    booked = officer.ok("GET", f"/cases/{case_id}/live-sessions")["items"][0]
    assert booked["state"] == "booked" and booked["booked"]["id"] == session["slots"][1]["id"]
    assert any(e["kind"] == "live.booked" and e["case_id"] == case_id
               for e in officer.ok("GET", "/events", params={"limit": 200})["items"])
    assert_fits_width(page)
    shoot(page, "21-live-booked")
    switch_language(page)
    page.get_by_text("Starts in").wait_for()
    shoot(page, "21-live-booked")
    switch_language(page)

    # The officer reschedules; the page follows the feed.
    officer.ok("POST", f"/cases/{case_id}/live-sessions/{sid}/reschedule",
               json={"reason": "当天上午有会，改到下午", "slots": [slot(second, 15), slot(second, 16)]})
    nudge_feed(page)
    live.get_by_text("审批人员已改期，请重新选择时间。原因：当天上午有会，改到下午").wait_for()
    assert [t.split(" ")[-1] for t in labels.all_inner_texts()] == ["15:00–15:30", "16:00–16:30"]

    # None suits: the applicant asks for other times.
    live.get_by_role("button", name="时间都不合适，申请其他时间").click()
    live.get_by_label("您方便的时间").fill("下周一上午都可以")
    live.get_by_role("button", name="发送").click()
    live.get_by_text("您已申请其他时间：下周一上午都可以").wait_for()
    asked = applicant.ok("GET", f"/cases/{case_id}/live-sessions")["items"][0]
    assert asked["other_times_requested"]["message"] == "下周一上午都可以"
    shoot(page, "22-live-other-times")

    # Meanwhile the officer's offer is taken after all, then cancelled with a reason.
    labels.first.click()
    live.get_by_role("button", name="确认预约").click()
    live.locator(".live-booked").wait_for()
    live.get_by_role("button", name="取消视频踏勘").click()
    live.get_by_label("取消原因").fill("店面装修推迟，暂不需要")
    live.get_by_role("button", name="确认取消").click()
    live.locator(".live-cancellation", has_text="原因：店面装修推迟，暂不需要").wait_for()
    assert "由您于" in live.locator(".live-cancellation").inner_text()
    final = applicant.ok("GET", f"/cases/{case_id}/live-sessions")["items"][0]
    assert final["state"] == "cancelled" and final["cancellation"]["reason"] == "店面装修推迟，暂不需要"
    assert [h["action"] for h in final["history"]] == [
        "offered", "booked", "rescheduled", "alternatives_requested", "booked", "cancelled"]
    no_injection(page)
    assert_fits_width(page)
    shoot(page, "23-live-cancelled")


def test_a_refusal_on_the_page_says_why_and_shows_the_booking_as_it_is(phone, server, tmp_path):
    """The officer cancels while the phone still shows the offer: booking then is refused with the
    server's reason, and the section shows the cancellation."""
    page = phone
    applicant, officer = Api(server, "shen"), Api(server, "zhang")
    case = new_case(applicant, server, title="西街小馆 视频踏勘")
    for key, path in (("storefront", site_photo(tmp_path / "s.jpg", seed=31)),
                      ("kitchen", site_photo(tmp_path / "k.jpg", seed=32)),
                      ("walkround", site_video(tmp_path / "w.mp4", seed=33))):
        upload_one_shot(applicant, case["id"], key, path)
    applicant.ok("POST", f"/cases/{case['id']}/submit")
    officer.ok("POST", f"/cases/{case['id']}/claim")
    (day,) = working_days(officer, 1)
    session = officer.ok("POST", f"/cases/{case['id']}/live-sessions", json={"slots": [slot(day, 11)]})

    sign_in(page)
    page.goto(f"/m/#/case/{case['id']}")
    live = page.locator("section", has=page.get_by_role("heading", name="视频踏勘预约"))
    live.locator("label.live-slot-label").click()
    officer.ok("POST", f"/cases/{case['id']}/live-sessions/{session['id']}/cancel", json={"reason": "已现场核查"})
    live.get_by_role("button", name="确认预约").click()
    live.locator(".live-cancellation", has_text="审批人员").wait_for()
    assert "原因：已现场核查" in live.locator(".live-cancellation").inner_text()
    page.locator("#toast", has_text="该视频踏勘已取消").wait_for()  # the refusal, in the server's words
