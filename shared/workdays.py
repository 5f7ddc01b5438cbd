"""Working-day arithmetic (工作日) with a holiday and make-up-day (调休) calendar.

Time limits in Chinese administrative approval count working days: weekends and public holidays
do not count, and some weekends are make-up working days. The calendar is plain data so an
administrator can replace it each year when the State Council publishes the next one.
"""

from collections.abc import Iterable
from datetime import date, time, timedelta

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


class WorkingHours:
    """The periods of a working day when the bureau works (local time), e.g. 08:30–12:00 and
    13:30–17:30: a live survey is booked only inside one of them."""

    def __init__(self, periods: Iterable[tuple[time, time]]):
        self.periods = tuple(sorted(periods))
        if not self.periods:
            raise ValueError("working hours need at least one period")
        for start, end in self.periods:
            if start >= end:
                raise ValueError(f"a working period must end after it starts: {start:%H:%M}-{end:%H:%M}")
        for (_, end), (start, _) in zip(self.periods, self.periods[1:], strict=False):
            if start < end:
                raise ValueError(f"working periods overlap at {start:%H:%M}")

    @classmethod
    def parse(cls, specs: Iterable[str]) -> "WorkingHours":
        """From "HH:MM-HH:MM" strings (as in TAKAN_LIVE_WORKING_HOURS=08:30-12:00,13:30-17:30)."""
        periods = []
        for spec in specs:
            start, dash, end = spec.strip().partition("-")
            try:
                if not dash:
                    raise ValueError
                begin, finish = time.fromisoformat(start.strip()), time.fromisoformat(end.strip())
                if begin.tzinfo or finish.tzinfo:
                    raise ValueError  # local wall-clock times: the zone is TAKAN_TIMEZONE's
                periods.append((begin, finish))
            except ValueError:
                raise ValueError(f"not a working period (HH:MM-HH:MM): {spec!r}") from None
        return cls(periods)

    def contains(self, start: time, end: time) -> bool:
        """Whether [start, end] on one day lies inside one period."""
        return any(begin <= start and end <= finish for begin, finish in self.periods)

    def __str__(self) -> str:
        return ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in self.periods)
