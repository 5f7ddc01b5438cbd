import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.ingest.metadata import parse_iso6709


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+37.4219-122.0840/", (37.4219, -122.0840, None)),  # Android MediaMuxer
        ("+37.3318-122.0312+011.000/", (37.3318, -122.0312, 11.0)),  # iPhone
        ("-33.8688+151.2093-012.500/", (-33.8688, 151.2093, -12.5)),
        ("+31.2304+121.4737/", (31.2304, 121.4737, None)),
        ("+00.0000+000.0000/", (0.0, 0.0, None)),
        ("+90-180/", (90.0, -180.0, None)),
        ("+3730.5-12205.25/", (37.5 + 0.5 / 60, -(122 + 5.25 / 60), None)),  # DDMM.M
        ("+373030-1220515.5/", (37 + 30 / 60 + 30 / 3600, -(122 + 5 / 60 + 15.5 / 3600), None)),  # DDMMSS
        ("+40.20361-075.00417CRSWGS_84/", (40.20361, -75.00417, None)),
        ("+27.5916+086.5640+8850CRSWGS_84/", (27.5916, 86.5640, 8850.0)),
        ("  +37.4219-122.0840/ ", (37.4219, -122.0840, None)),
        ("+37.4219-122.0840", (37.4219, -122.0840, None)),  # terminator left off
    ],
)
def test_forms_phones_and_the_standard_write(text, expected):
    lat, lon, alt = parse_iso6709(text)
    assert lat == pytest.approx(expected[0], abs=1e-9)
    assert lon == pytest.approx(expected[1], abs=1e-9)
    if expected[2] is None:
        assert alt is None
    else:
        assert alt == pytest.approx(expected[2])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "/",
        "37.4219-122.0840/",  # latitude without a sign
        "+37.4219/",  # no longitude
        "+91.0000+000.0000/",  # latitude out of range
        "+45.0000+180.0001/",  # longitude out of range
        "+3.5-122.0840/",  # one degree digit
        "+037.5-122.0840/",  # three latitude digits
        "+37.5-22.0840/",  # two longitude digits
        "+3760.0-12200.0/",  # 60 minutes
        "+373060-1220000/",  # 60 seconds
        "+37.-122.0/",  # a point without decimals
        "+37.4219-122.0840+/",
        "+37.4219-122.0840/extra",
        "+37,4219-122,0840/",
        "nan",
        "+inf-inf/",
        "+37.4219-122.0840" + "0" * 200,
    ],
)
def test_malformed_or_out_of_range_gives_none(text):
    assert parse_iso6709(text) is None


def test_non_strings_give_none():
    assert parse_iso6709(None) is None  # type: ignore[arg-type]
    assert parse_iso6709(b"+37.4219-122.0840/") is None  # type: ignore[arg-type]


@st.composite
def iso6709_points(draw):
    """(text, lat, lon, alt, tolerance) in one of the three angle forms."""
    form = draw(st.sampled_from(["deg", "min", "sec"]))
    decimals = draw(st.integers(0, 5))
    alt = draw(st.none() | st.decimals(min_value=-500, max_value=9000, places=3).map(float))

    def angle(limit: int, width: int) -> tuple[str, float]:
        negative = draw(st.booleans())
        degrees = draw(st.integers(0, limit - 1))
        frac = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
        frac_text = f".{frac:0{decimals}d}" if decimals else ""
        frac_value = frac / 10**decimals if decimals else 0.0
        if form == "deg":
            text, value = f"{degrees:0{width}d}{frac_text}", degrees + frac_value
        elif form == "min":
            minutes = draw(st.integers(0, 59))
            text, value = f"{degrees:0{width}d}{minutes:02d}{frac_text}", degrees + (minutes + frac_value) / 60
        else:
            minutes, seconds = draw(st.integers(0, 59)), draw(st.integers(0, 59))
            text = f"{degrees:0{width}d}{minutes:02d}{seconds:02d}{frac_text}"
            value = degrees + minutes / 60 + (seconds + frac_value) / 3600
        return ("-" if negative else "+") + text, -value if negative else value

    lat_text, lat = angle(90, 2)
    lon_text, lon = angle(180, 3)
    alt_text = "" if alt is None else f"{alt:+.3f}"
    return f"{lat_text}{lon_text}{alt_text}/", lat, lon, alt


@settings(max_examples=200, deadline=None)
@given(iso6709_points())
def test_round_trip_of_generated_points(point):
    text, lat, lon, alt = point
    parsed = parse_iso6709(text)
    assert parsed is not None, text
    assert parsed[0] == pytest.approx(lat, abs=1e-9)
    assert parsed[1] == pytest.approx(lon, abs=1e-9)
    if alt is None:
        assert parsed[2] is None
    else:
        assert parsed[2] == pytest.approx(alt, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60) | st.from_regex(r"[+\-]\d{0,8}(\.\d{0,6})?[+\-]\d{0,9}(\.\d{0,6})?([+\-]\d{0,5})?/?"))
def test_arbitrary_text_never_raises(text):
    result = parse_iso6709(text)
    if result is not None:
        lat, lon, alt = result
        assert -90 <= lat <= 90 and -180 <= lon <= 180
        assert math.isfinite(lat) and math.isfinite(lon)
        assert alt is None or math.isfinite(alt)
