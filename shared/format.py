"""Distances and durations as people read them, in Chinese and English (pure: no Qt, no server).

The server's check sentences and the reviewer app's panels both say them with these functions, so a
span or a distance reads the same in a check ("taken 4.8 km from the site") as in the details
panel. `language` is a language code: "zh" or "zh_CN" (the app's Language values pass as they are)
for Chinese, anything else for English.
"""

import math

NO_VALUE = "—"  # what a nonsense number (NaN, negative) is shown as


def is_chinese(language: str) -> bool:
    return str(language).startswith("zh")


def _distance_units(language: str) -> tuple[str, str]:
    return ("米", "公里") if is_chinese(language) else ("m", "km")


def format_distance(metres: float, language: str, *, whole_metres: bool = False) -> str:
    """"4.2 m", "320 m", "4.8 km", "1,235 km" (zh: "4.2 米", "320 米", "4.8 公里"). Under 10 m to a
    tenth, unless `whole_metres`: a check states a phone's position to the metre, no finer."""
    if not math.isfinite(metres) or metres < 0:
        return NO_VALUE
    metre, kilometre = _distance_units(language)
    if metres < 10 and not whole_metres:
        return f"{metres:.1f} {metre}"
    if metres < 999.5:  # 999.6 m rounds to 1000: say 1.0 km
        return f"{metres:.0f} {metre}"
    km = metres / 1000
    if km < 99.95:
        return f"{km:.1f} {kilometre}"
    return f"{km:,.0f} {kilometre}"


def format_scale_length(metres: float, language: str) -> str:
    """A scale bar's round length: "50 m", "200 m", "1 km", "20 km" (zh: "50 米", "1 公里")."""
    metre, kilometre = _distance_units(language)
    if metres >= 1000:
        return f"{metres / 1000:g} {kilometre}"
    return f"{metres:g} {metre}"


def format_duration(seconds: float, language: str) -> str:
    """A span as people say it: "< 1 s", "2.5 s", "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h"
    (zh: "不到 1 秒", "2.5 秒", "45 秒", "3 分 20 秒", "2 小时 5 分", "3 天 4 小时"). Under 10 s to a
    tenth (a 2.5 s video is not a 3 s one); beyond, the two largest units."""
    zh = is_chinese(language)
    if not math.isfinite(seconds) or seconds < 0:
        return NO_VALUE
    if seconds < 1:
        return "不到 1 秒" if zh else "< 1 s"
    tenths = round(seconds * 10) / 10
    if tenths < 10:
        return f"{tenths:g} {'秒' if zh else 's'}"
    total = round(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    units = ("天", "小时", "分", "秒") if zh else ("d", "h", "min", "s")
    parts = [(days, units[0]), (hours, units[1]), (minutes, units[2]), (secs, units[3])]
    while parts and parts[0][0] == 0:
        parts.pop(0)
    shown = [(value, unit) for value, unit in parts[:2] if value]
    return " ".join(f"{value} {unit}" for value, unit in shown)


def format_days(seconds: float, language: str) -> str:
    """A span in days to a tenth, "71.0 days" (zh: "71.0 天"): for comparing with a limit counted
    in days, such as the capture window."""
    if not math.isfinite(seconds) or seconds < 0:
        return NO_VALUE
    days = seconds / 86400
    return f"{days:.1f} 天" if is_chinese(language) else f"{days:.1f} days"


def format_file_size(octets: float) -> str:
    """A file's size in binary units, as file managers show it: "512 B", "1.3 MB"."""
    for unit in ("B", "KB", "MB", "GB"):
        if octets < 1024:
            return f"{octets:.0f} {unit}" if unit == "B" else f"{octets:.1f} {unit}"
        octets /= 1024
    return f"{octets:.1f} TB"
