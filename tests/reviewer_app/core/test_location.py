"""The location panel's geometry: a local metric projection, fitting, and the scale bar."""

import math

import pytest

from reviewer_app.core.location import (
    Bounds,
    EvidencePoint,
    LocalProjection,
    bearing_deg,
    default_far_limit,
    fit_view,
    layout_location,
    nice_length,
    scale_bar,
)
from shared.enums import CheckStatus
from shared.geo import haversine_m

# 春晓苑 3号楼, 德清县 (WGS-84)
SITE = (30.5426, 119.9689)


def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    """A point about north_m / east_m away (spherical, good to millimetres at these distances)."""
    r = 6_371_008.8
    return lat + math.degrees(north_m / r), lon + math.degrees(east_m / (r * math.cos(math.radians(lat))))


def test_projection_matches_great_circle_distances_near_the_site():
    projection = LocalProjection(*SITE)
    for north, east in ((1000, 0), (0, 1000), (-2500, 3100), (150, -40)):
        lat, lon = offset(*SITE, north, east)
        e, n = projection.to_local(lat, lon)
        assert math.hypot(e, n) == pytest.approx(haversine_m(*SITE, lat, lon), rel=1e-3)
        assert (e, n) == pytest.approx((east, north), abs=0.5)
        assert projection.to_geo(e, n) == pytest.approx((lat, lon), abs=1e-9)


def test_bearings():
    assert bearing_deg(*SITE, *offset(*SITE, 1000, 0)) == pytest.approx(0, abs=1e-6)
    assert bearing_deg(*SITE, *offset(*SITE, 0, 1000)) == pytest.approx(90, abs=0.01)
    assert bearing_deg(*SITE, *offset(*SITE, -1000, 0)) == pytest.approx(180, abs=1e-6)
    assert bearing_deg(*SITE, *offset(*SITE, 0, -1000)) == pytest.approx(270, abs=0.01)


def test_layout_places_points_with_their_true_distance_and_geofence_status():
    inside = EvidencePoint("in", *offset(*SITE, 100, 100), label="照片1", status=CheckStatus.pass_)
    outside = EvidencePoint("out", *offset(*SITE, -400, 0), label="照片2", status=CheckStatus.fail)
    layout = layout_location(*SITE, 300, [inside, outside])
    by_key = {p.point.key: p for p in layout.points}
    assert by_key["in"].inside and not by_key["out"].inside
    assert by_key["in"].distance_m == pytest.approx(haversine_m(*SITE, inside.lat, inside.lon))
    assert (by_key["out"].east_m, by_key["out"].north_m) == pytest.approx((0, -400), abs=0.5)
    # The bounds hold the geofence and every point.
    assert layout.bounds.min_east == -300 and layout.bounds.max_east == 300
    assert layout.bounds.min_north == pytest.approx(-400, abs=0.5)
    assert layout.bounds.max_north == 300


def test_a_point_far_away_is_drawn_at_the_limit_in_its_direction():
    far = EvidencePoint("far", *offset(*SITE, -50_000, 0))  # GPS 50 km south
    layout = layout_location(*SITE, 300, [far])
    placed = layout.points[0]
    assert placed.off_scale and not placed.inside
    assert placed.distance_m == pytest.approx(50_000, rel=1e-3)
    limit = default_far_limit(300)
    assert (placed.east_m, placed.north_m) == pytest.approx((0, -limit), abs=1e-6)
    assert layout.bounds.min_north == pytest.approx(-limit)


def test_fit_view_shows_everything_north_up_with_margins():
    points = [EvidencePoint("a", *offset(*SITE, 800, -200)), EvidencePoint("b", *offset(*SITE, -100, 1200))]
    layout = layout_location(*SITE, 300, points)
    view = fit_view(layout.bounds, 400, 300, margin_px=30)
    for placed in layout.points:
        x, y = view.to_px(placed.east_m, placed.north_m)
        assert 30 <= x <= 370 and 30 <= y <= 270
    x_site, y_site = view.to_px(0, 0)
    x_north, y_north = view.to_px(0, 100)
    assert x_north == pytest.approx(x_site) and y_north < y_site  # north is up
    x_east, _ = view.to_px(100, 0)
    assert x_east > x_site
    # The same scale on both axes: a circle stays a circle.
    assert view.length_px(100) == pytest.approx(x_east - x_site)
    assert view.length_px(100) == pytest.approx(y_site - y_north)
    assert view.to_metres(*view.to_px(123, -456)) == pytest.approx((123, -456))


def test_fit_view_of_just_the_geofence_fills_the_smaller_side():
    view = fit_view(Bounds(-300, -300, 300, 300), 500, 300, margin_px=20, margin_fraction=0)
    assert view.length_px(600) == pytest.approx(260)


@pytest.mark.parametrize(("max_m", "expected"), [
    (1, 1), (1.9, 1), (2, 2), (4.99, 2), (5, 5), (9.9, 5), (10, 10), (37, 20), (180, 100), (260, 200),
    (999, 500), (1000, 1000), (7300, 5000), (0.3, 0.2),
])
def test_nice_lengths_are_1_2_5_times_a_power_of_ten(max_m, expected):
    assert nice_length(max_m) == pytest.approx(expected)


def test_scale_bar_fits_and_is_not_too_short():
    for metres_per_px in (0.013, 0.5, 1, 3.7, 12.5, 80, 4321):
        bar = scale_bar(metres_per_px, 120)
        assert 120 / 2.5 - 1e-9 <= bar.pixels <= 120 + 1e-9
        assert bar.metres == pytest.approx(bar.pixels * metres_per_px)


def test_bad_inputs():
    with pytest.raises(ValueError):
        nice_length(0)
    with pytest.raises(ValueError):
        layout_location(*SITE, 0, [])
