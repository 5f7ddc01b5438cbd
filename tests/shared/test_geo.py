"""Datum conversions against the published reference values of the widely used coordtransform
library (wandergis/coordtransform, test/app.js: input 116.404, 39.915 near Tiananmen)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.enums import Datum
from shared.geo import (
    bd09_to_gcj02,
    from_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    haversine_m,
    to_wgs84,
    wgs84_to_gcj02,
)

LAT, LON = 39.915, 116.404


def test_wgs84_to_gcj02_reference():
    lat, lon = wgs84_to_gcj02(LAT, LON)
    assert lat == pytest.approx(39.91640428150164, abs=1e-12)
    assert lon == pytest.approx(116.41024449916938, abs=1e-12)


def test_gcj02_to_bd09_reference():
    lat, lon = gcj02_to_bd09(LAT, LON)
    assert lat == pytest.approx(39.92133699351021, abs=1e-12)
    assert lon == pytest.approx(116.41036949371029, abs=1e-12)


def test_bd09_to_gcj02_reference():
    lat, lon = bd09_to_gcj02(LAT, LON)
    # The reference is Baidu's one-step inverse; ours refines it to an exact inverse (~cm apart).
    assert haversine_m(lat, lon, 39.90865673957631, 116.39762729119315) < 0.2
    assert gcj02_to_bd09(lat, lon) == pytest.approx((LAT, LON), abs=1e-9)


def test_gcj02_to_wgs84_is_exact_inverse_and_near_the_one_step_reference():
    lat, lon = gcj02_to_wgs84(LAT, LON)
    back = wgs84_to_gcj02(lat, lon)
    assert back == pytest.approx((LAT, LON), abs=1e-9)
    # The reference library's one-step inverse is off by a few metres; ours is exact.
    assert haversine_m(lat, lon, 39.91359571849836, 116.39775550083061) < 5


def test_offset_is_hundreds_of_metres_in_china_and_zero_abroad():
    shift = haversine_m(LAT, LON, *wgs84_to_gcj02(LAT, LON))
    assert 100 < shift < 700
    assert wgs84_to_gcj02(48.8566, 2.3522) == (48.8566, 2.3522)  # Paris: outside China, unshifted


@given(st.floats(18.2, 53.0), st.floats(74.0, 134.5), st.sampled_from(list(Datum)))
def test_round_trip_every_datum(lat, lon, datum):
    back = to_wgs84(*from_wgs84(lat, lon, datum), datum)
    assert haversine_m(lat, lon, *back) < 0.01  # under a centimetre


def test_haversine_known_distance():
    # One degree of the equator, and a quarter meridian, on the IUGG mean sphere.
    assert haversine_m(0, 120, 0, 121) == pytest.approx(111_195.08, abs=0.01)
    assert haversine_m(0, 0, 90, 0) == pytest.approx(10_007_557.2, abs=0.1)
    assert haversine_m(30.5, 120.0, 30.5, 120.0) == 0
