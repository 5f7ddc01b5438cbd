"""ISO 6709 points, as phones write a video's location."""

import math
import re

_ISO6709 = re.compile(
    r"(?P<lat>[+-]\d+(?:\.\d+)?)"
    r"(?P<lon>[+-]\d+(?:\.\d+)?)"
    r"(?P<alt>[+-]\d+(?:\.\d+)?)?"
    r"(?:CRS[A-Za-z0-9_:.\-]*)?"
    r"/?"
)


def parse_iso6709(text: str) -> tuple[float, float, float | None] | None:
    """(latitude, longitude, altitude or None) from an ISO 6709 Annex H point such as Android's
    "+37.4219-122.0840/" or Apple's "+37.3318-122.0312+011.000/". Degrees (±DD.D, ±DDD.D),
    degrees and minutes (±DDMM.M, ±DDDMM.M) and degrees, minutes and seconds (±DDMMSS.S,
    ±DDDMMSS.S) are understood. Anything else, or a value out of range, gives None."""
    if not isinstance(text, str) or len(text) > 100:
        return None
    match = _ISO6709.fullmatch(text.strip())
    if match is None:
        return None
    lat = _iso6709_angle(match["lat"], degree_digits=2, limit=90.0)
    lon = _iso6709_angle(match["lon"], degree_digits=3, limit=180.0)
    if lat is None or lon is None:
        return None
    alt = float(match["alt"]) if match["alt"] else None
    if alt is not None and not math.isfinite(alt):
        return None
    return lat, lon, alt


def _iso6709_angle(part: str, *, degree_digits: int, limit: float) -> float | None:
    sign = -1.0 if part[0] == "-" else 1.0
    whole, _, fraction = part[1:].partition(".")
    fraction = "." + fraction if fraction else ""
    if len(whole) == degree_digits:
        value = float(whole + fraction)
    elif len(whole) == degree_digits + 2:
        minutes = float(whole[degree_digits:] + fraction)
        if minutes >= 60:
            return None
        value = int(whole[:degree_digits]) + minutes / 60
    elif len(whole) == degree_digits + 4:
        minutes = int(whole[degree_digits : degree_digits + 2])
        seconds = float(whole[degree_digits + 2 :] + fraction)
        if minutes >= 60 or seconds >= 60:
            return None
        value = int(whole[:degree_digits]) + minutes / 60 + seconds / 3600
    else:
        return None
    if value > limit:
        return None
    return sign * value
