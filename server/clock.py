"""Time, in one place, so tests can set it and every service agrees on 'now'."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo


class Clock:
    def __init__(self, tz: ZoneInfo):
        self.tz = tz

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        """Today in local time (deadlines and working days are local)."""
        return self.now().astimezone(self.tz).date()

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()


class FixedClock(Clock):
    """A clock that stands still until moved (for tests and for replaying a demo history)."""

    def __init__(self, tz: ZoneInfo, at: datetime):
        super().__init__(tz)
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


def to_db(moment: datetime | None) -> str | None:
    """Stored form: UTC, microseconds, '+00:00' (fixed width, so text order is time order)."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def date_from_db(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
