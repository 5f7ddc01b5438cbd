"""Working-day arithmetic (工作日) with a holiday and make-up-day (调休) calendar.

Time limits in Chinese administrative approval count working days: weekends and public holidays
do not count, and some weekends are make-up working days. The calendar is plain data so an
administrator can replace it each year when the State Council publishes the next one.
"""

from collections.abc import Iterable
from datetime import date, timedelta

import msgspec


class CalendarFile(msgspec.Struct, kw_only=True):
    """The on-disk and wire form of a calendar: days off that would otherwise be working days
    (listing weekend days inside a holiday is harmless) and weekend days that are worked."""

    name: str = ""
    holidays: list[date] = msgspec.field(default_factory=list)
    makeup_workdays: list[date] = msgspec.field(default_factory=list)


class WorkCalendar:
    def __init__(self, holidays: Iterable[date] = (), makeup_workdays: Iterable[date] = ()):
        self.holidays = frozenset(holidays)
        self.makeup_workdays = frozenset(makeup_workdays)
        clash = self.holidays & self.makeup_workdays
        if clash:
            raise ValueError(f"days both holiday and make-up working day: {sorted(clash)}")

    @classmethod
    def from_file(cls, calendar: CalendarFile) -> "WorkCalendar":
        return cls(calendar.holidays, calendar.makeup_workdays)

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The date of the `days`-th working day after `start` (start itself does not count, as
        a time limit starts the day after acceptance). `days` = 0 gives `start`."""
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        remaining = days
        while remaining:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start. So a case due on
        `end` has working_days_between(today, end) days left."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count
