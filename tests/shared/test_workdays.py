from datetime import date, time

import pytest

from server.domain.catalogue.service import default_calendar
from server.settings import Settings
from shared.workdays import CalendarFile, WorkCalendar, WorkingHours

CN = WorkCalendar.from_file(default_calendar())


def test_plain_weekend_is_skipped():
    plain = WorkCalendar()
    assert plain.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Fri + 1 -> Mon
    assert plain.add_working_days(date(2026, 11, 27), 5) == date(2026, 12, 4)
    assert plain.add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 28)


def test_national_day_holiday_and_its_makeup_saturday():
    # Wed 30 Sep 2026 + 3: Oct 1-7 off, Thu 8 and Fri 9 count, Sat 10 Oct is a make-up working day.
    assert CN.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert CN.is_working_day(date(2026, 10, 10)) and not CN.is_working_day(date(2026, 10, 5))
    # The make-up Sunday before it counts too: Fri 18 Sep + 1 is Sun 20 Sep.
    assert CN.add_working_days(date(2026, 9, 18), 1) == date(2026, 9, 20)


def test_spring_festival_with_two_makeup_saturdays():
    # Fri 13 Feb 2026: Sat 14 is worked, 15-23 off, then Tue 24.
    assert CN.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert CN.add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)


def test_working_days_between_counts_what_add_adds():
    start = date(2026, 9, 25)
    for n in range(0, 40):
        end = CN.add_working_days(start, n)
        assert CN.working_days_between(start, end) == n
    assert CN.working_days_between(date(2026, 10, 10), date(2026, 9, 30)) == -3


def test_custom_calendar_and_clash():
    custom = WorkCalendar.from_file(CalendarFile(holidays=[date(2026, 12, 1)], makeup_workdays=[date(2026, 12, 5)]))
    assert custom.add_working_days(date(2026, 11, 30), 1) == date(2026, 12, 2)
    assert custom.add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 5)
    with pytest.raises(ValueError, match="both holiday and make-up"):
        WorkCalendar([date(2026, 1, 1)], [date(2026, 1, 1)])
    with pytest.raises(ValueError):
        CN.add_working_days(date(2026, 1, 1), -1)


# ----- working hours (live-survey booking) -----


def test_working_hours_hold_a_slot_only_inside_one_period():
    hours = WorkingHours.parse(["13:30-17:30", " 08:30 - 12:00 "])
    assert str(hours) == "08:30–12:00, 13:30–17:30"
    assert hours.contains(time(8, 30), time(9)) and hours.contains(time(11, 30), time(12))
    assert hours.contains(time(13, 30), time(17, 30))
    assert not hours.contains(time(8), time(8, 30))
    assert not hours.contains(time(11, 45), time(12, 15))  # runs into the lunch break
    assert not hours.contains(time(11, 30), time(14))  # spans it
    assert not hours.contains(time(17, 15), time(17, 45))


@pytest.mark.parametrize("specs", [[], ["08:30"], ["8:30-12:00"], ["12:00-08:30"], ["08:30-12:00", "11:00-14:00"],
                                   ["08:30+08:00-12:00"], ["morning"]])
def test_bad_working_hours_are_refused(specs):
    with pytest.raises(ValueError):
        WorkingHours.parse(specs)


def test_working_hours_and_limits_come_from_the_environment():
    settings = Settings.from_env({"TAKAN_LIVE_WORKING_HOURS": "09:00-11:30,14:00-17:00",
                                  "TAKAN_LIVE_SLOT_MINUTES": "45", "TAKAN_LIVE_MAX_SLOTS_PER_OFFER": "3"})
    assert settings.live_working_hours == ("09:00-11:30", "14:00-17:00")
    assert str(settings.live_hours) == "09:00–11:30, 14:00–17:00"
    assert (settings.live_slot_minutes, settings.live_max_slots_per_offer) == (45, 3)
    assert Settings.from_env({}).live_working_hours == ("08:30-12:00", "13:30-17:30")
    for bad in ({"TAKAN_LIVE_WORKING_HOURS": "09:00-25:00"}, {"TAKAN_LIVE_SLOT_MINUTES": "0"},
                {"TAKAN_LIVE_MAX_SLOTS_PER_OFFER": "0"}, {"TAKAN_LIVE_REMINDER_SWEEP_SECONDS": "-1"}):
        with pytest.raises(ValueError):  # at start-up, not at the first booking
            Settings.from_env(bad)
