"""Times and coordinates as officers read them, in Chinese and English (no Qt). Distances and
durations are shared with the server's check sentences: shared.format.

Times are stored in UTC and shown in local time, Asia/Shanghai unless configured otherwise.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reviewer_app.core.i18n import Language

DEFAULT_TIMEZONE = "Asia/Shanghai"
# China has had no daylight saving since 1991: a fixed offset is exact where tzdata is missing
# (a Windows desktop without the tzdata package).
_FIXED_FALLBACKS = {"Asia/Shanghai": timezone(timedelta(hours=8), "CST")}


@lru_cache(maxsize=16)
def local_zone(name: str = DEFAULT_TIMEZONE) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name in _FIXED_FALLBACKS:
            return _FIXED_FALLBACKS[name]
        raise


def _zh(language: Language) -> bool:
    return language is Language.zh_CN


def format_media_time(ms: float, *, millis: bool = True) -> str:
    """A position in a video: "0:07.040", "12:03.500", "1:02:03.000" (or without milliseconds)."""
    if not math.isfinite(ms) or ms < 0:
        ms = 0
    total_ms = round(ms)
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, milli = divmod(rest, 1000)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{milli:03d}" if millis else text


def to_local(moment: datetime, zone: str = DEFAULT_TIMEZONE) -> datetime:
    """A stored time in local time; a naive time is taken as UTC (the server stores UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(local_zone(zone))


def format_local_time(moment: datetime | None, language: Language, *, zone: str = DEFAULT_TIMEZONE,
                      seconds: bool = False) -> str:
    """"2026-11-02 10:00" in local time: the numeric form is what both Chinese and English
    officers expect in a government system, and it sorts."""
    if moment is None:
        return "—"
    local = to_local(moment, zone)
    return local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def local_today(zone: str = DEFAULT_TIMEZONE) -> date:
    """Today's date where the bureau is (a due date is a local date)."""
    return datetime.now(local_zone(zone)).date()


def format_local_date(day: date | datetime | None, language: Language, *, zone: str = DEFAULT_TIMEZONE) -> str:
    if day is None:
        return "—"
    if isinstance(day, datetime):
        day = to_local(day, zone).date()
    return day.isoformat()


def format_coordinates(lat: float, lon: float, language: Language) -> str:
    """"30.542600° N, 119.968900° E" (zh: "北纬 30.542600°，东经 119.968900°")."""
    if _zh(language):
        ns = "北纬" if lat >= 0 else "南纬"
        ew = "东经" if lon >= 0 else "西经"
        return f"{ns} {abs(lat):.6f}°，{ew} {abs(lon):.6f}°"
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.6f}° {ns}, {abs(lon):.6f}° {ew}"


WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def format_slot(starts: datetime, ends: datetime, language: Language, *, zone: str = DEFAULT_TIMEZONE) -> str:
    """A live-survey slot in local time with its weekday: "2026-12-09 周三 14:30–15:00"
    (en: "2026-12-09 Wed 14:30–15:00"); a slot past midnight shows both dates."""
    start, end = to_local(starts, zone), to_local(ends, zone)
    weekday = (WEEKDAYS_ZH if _zh(language) else WEEKDAYS_EN)[start.weekday()]
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    return f"{start:%Y-%m-%d} {weekday} {start:%H:%M}–{until}"
