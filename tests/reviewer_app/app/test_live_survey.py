"""The case window's "Live survey" tab against the real server: the officer who holds the case
offers times (a Saturday is refused, naming why), sees the applicant's booking arrive by the event
stream, reschedules with a reason and cancels; another officer and the auditor only read."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
import msgspec
from PySide6.QtCore import QDate, QDateTime, QTime

from reviewer_app.core.i18n import Language
from shared.live import LiveState
from shared.workdays import CalendarFile, WorkCalendar
from tests.reviewer_app.app.conftest import LOAD_TIMEOUT_MS, api_get, open_case
from tests.reviewer_app.app.seeding import MINI_KEYS, _case, _submit, _upload

BEIJING = ZoneInfo("Asia/Shanghai")


def next_days(seeded) -> tuple[list[date], date]:
    """The next two working days, and the next Saturday that is not worked."""
    calendar = WorkCalendar.from_file(msgspec.convert(api_get(seeded, "admin", "/calendar"), CalendarFile))
    today = datetime.now(BEIJING).date()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    while calendar.is_working_day(saturday):
        saturday += timedelta(days=7)
    return [calendar.add_working_days(today, n) for n in (1, 2)], saturday


def pick_time(panel, day: date, hour: int, minute: int = 0) -> None:
    panel.slot_edit.setDateTime(QDateTime(QDate(day.year, day.month, day.day), QTime(hour, minute)))
    panel.add_time()


def test_offer_booking_reschedule_cancel(qtbot, open_login, seeded, translations, artifacts_dir):
    base, chen = seeded.base, seeded.headers("chen")
    case = _case(base, chen, "mini_clinic", seeded.ids["site0"], "同心诊所 视频踏勘")
    for i, key in enumerate(MINI_KEYS):
        _upload(base, chen, case["id"], key, 700 + i)
    _submit(base, chen, case["id"])
    httpx.post(f"{base}/cases/{case['id']}/claim", headers=seeded.headers("wang"), timeout=30).raise_for_status()
    (first, second), saturday = next_days(seeded)

    translations.install(Language.zh_CN)
    window = open_case(qtbot, open_login("wang"), case["id"])
    panel = window.live
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: window.state.live is not None, timeout=LOAD_TIMEOUT_MS)
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "视频踏勘"
    assert panel.summary.text() == "本案尚未安排视频踏勘。"
    assert not panel.times_box.isHidden() and panel.cancel_box.isHidden()
    assert "08:30-12:00, 13:30-17:30" in panel.hours_hint.text()

    # A Saturday: the server refuses it and says why; nothing is offered.
    pick_time(panel, saturday, 9)
    panel.offer_button.click()
    qtbot.waitUntil(lambda: "周末" in panel.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert api_get(seeded, "wang", f"/cases/{case['id']}/live-sessions")["items"] == []
    panel.remove_time()

    pick_time(panel, first, 9)  # the edit moves on by the slot's length: 09:30 is next
    pick_time(panel, first, 14, 30)
    assert panel.times.count() == 2 and panel.times.item(0).text().endswith("09:00–09:30")
    panel.note.setText("请准备好执业许可证")
    panel.offer_button.click()
    qtbot.waitUntil(lambda: panel.current() is not None, timeout=LOAD_TIMEOUT_MS)
    assert panel.times.count() == 0 and panel.message.text() == ""
    offered = api_get(seeded, "wang", f"/cases/{case['id']}/live-sessions")["items"][0]
    starts = [datetime.fromisoformat(s["starts_at"]) for s in offered["slots"]]
    assert starts == [datetime.combine(first, time(9), BEIJING), datetime.combine(first, time(14, 30), BEIJING)]
    assert offered["note"] == "请准备好执业许可证" and offered["offered_by"]["display_name"] == "王强"
    assert "等待申请人选择" in panel.summary.text() and "14:30–15:00" in panel.summary.text()
    assert not panel.cancel_box.isHidden()

    # The applicant books the afternoon on the phone; the window hears of it.
    httpx.post(f"{base}/cases/{case['id']}/live-sessions/{offered['id']}/pick", headers=chen, timeout=30,
               json={"slot_id": offered["slots"][1]["id"]}).raise_for_status()
    qtbot.waitUntil(lambda: panel.current() is not None and panel.current().state is LiveState.booked,
                    timeout=LOAD_TIMEOUT_MS)
    assert "申请人已预约" in panel.summary.text() and "14:30–15:00" in panel.summary.text()
    assert window.grab().save(str(artifacts_dir / "app_case_live_zh.png"))
    translations.install(Language.en)
    qtbot.waitUntil(lambda: "Booked by the applicant" in panel.summary.text(), timeout=LOAD_TIMEOUT_MS)
    assert panel.offer_button.text() == "Reschedule to these times"
    translations.install(Language.zh_CN)
    qtbot.waitUntil(lambda: "申请人已预约" in panel.summary.text(), timeout=LOAD_TIMEOUT_MS)

    # Rescheduling needs a reason and new times.
    pick_time(panel, second, 10)
    assert not panel.offer_button.isEnabled()
    panel.reason.setText("当天下午有会")
    assert panel.offer_button.isEnabled()
    panel.offer_button.click()
    qtbot.waitUntil(lambda: panel.current() is not None and panel.current().offer_no == 2, timeout=LOAD_TIMEOUT_MS)
    moved = api_get(seeded, "chen", f"/cases/{case['id']}/live-sessions")["items"][0]
    assert moved["state"] == "offered" and moved["history"][-1]["message"] == "当天下午有会"
    assert [s["status"] for s in moved["slots"]] == ["withdrawn", "released", "open"]

    # Cancelled, with a reason the applicant reads.
    assert not panel.cancel_button.isEnabled()
    panel.cancel_reason.setText("已安排现场核查")
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: panel.current() is None and window.state.live.items[0].state is LiveState.cancelled,
                    timeout=LOAD_TIMEOUT_MS)
    assert "原因：已安排现场核查" in panel.summary.text() and "王强" in panel.summary.text()
    assert panel.cancel_box.isHidden()
    final = api_get(seeded, "chen", f"/cases/{case['id']}/live-sessions")["items"][0]
    assert final["cancellation"]["reason"] == "已安排现场核查"

    # An officer who does not hold the case reads the booking but is offered nothing to change.
    other = open_case(qtbot, open_login("zhang"), case["id"])
    other.tabs.setCurrentWidget(other.live)
    qtbot.waitUntil(lambda: other.state.live is not None, timeout=LOAD_TIMEOUT_MS)
    assert other.live.times_box.isHidden() and other.live.cancel_box.isHidden()
    assert "已安排现场核查" in other.live.summary.text()
