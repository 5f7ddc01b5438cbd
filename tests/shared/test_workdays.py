from datetime import date

import pytest

from server.domain.catalogue.service import default_calendar
from shared.workdays import CalendarFile, WorkCalendar

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
