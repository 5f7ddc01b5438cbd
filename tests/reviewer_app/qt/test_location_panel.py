"""The location panel drawn to an image: the geofence circle and each evidence point are where the
geometry says, in their status colours, north up."""

import math

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from reviewer_app.core.location import EvidencePoint
from reviewer_app.qt.location_panel import BACKGROUND, SITE_COLOUR, STATUS_COLOURS, LocationPanel
from shared.enums import CheckStatus

SITE = (30.5426, 119.9689)
EARTH_R = 6_371_008.8


def offset(north_m: float, east_m: float) -> tuple[float, float]:
    lat, lon = SITE
    return lat + math.degrees(north_m / EARTH_R), lon + math.degrees(east_m / (EARTH_R * math.cos(math.radians(lat))))


POINTS = [
    EvidencePoint("inside", *offset(120, 120), label="照片1", status=CheckStatus.pass_),
    EvidencePoint("south", *offset(-450, 0), label="照片2", status=CheckStatus.fail),
    EvidencePoint("west", *offset(0, -200), label="视频1", status=CheckStatus.warn),
    EvidencePoint("nogps", *offset(60, -60), label="照片3", status=CheckStatus.unknown),
]


@pytest.fixture
def panel(on_screen):
    panel = on_screen(LocationPanel(), 400, 320, show=False)
    panel.set_site(*SITE, 300, "春晓苑 3号楼")
    panel.set_points(POINTS)
    return panel


def close(colour: QColor, expected: QColor, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], expected.getRgb()[:3], strict=True))


def pixel(image: QImage, point: QPointF) -> QColor:
    return QColor(image.pixel(round(point.x()), round(point.y())))


def test_points_are_drawn_where_they_are_in_their_status_colour(panel):
    image = panel.grab().toImage()
    for point in POINTS:
        position = panel.point_position(point.key)
        assert 0 < position.x() < 400 and 0 < position.y() < 320
        assert close(pixel(image, position), STATUS_COLOURS[point.status]), point.key


def test_north_is_up_and_distances_are_to_scale(panel):
    site = panel.site_position()
    south = panel.point_position("south")
    west = panel.point_position("west")
    assert south.x() == pytest.approx(site.x(), abs=0.5) and south.y() > site.y()
    assert west.y() == pytest.approx(site.y(), abs=0.5) and west.x() < site.x()
    metres_per_px = panel.view_transform().metres_per_px
    assert (south.y() - site.y()) * metres_per_px == pytest.approx(450, rel=0.01)
    assert (site.x() - west.x()) * metres_per_px == pytest.approx(200, rel=0.01)


def test_the_geofence_circle_has_the_radius_of_the_geofence(panel):
    image = panel.grab().toImage()
    site = panel.site_position()
    radius_px = 300 / panel.view_transform().metres_per_px
    on_circle = 0
    samples = 72
    for i in range(samples):
        angle = 2 * math.pi * i / samples
        # The dashed outline is 2 px wide: look one pixel either side of the true radius.
        hits = [pixel(image, QPointF(site.x() + r * math.cos(angle), site.y() + r * math.sin(angle)))
                for r in (radius_px - 1, radius_px, radius_px + 1)]
        on_circle += any(close(c, SITE_COLOUR, 60) for c in hits)
    assert on_circle >= samples * 0.4  # a dashed line: not every sample falls on a dash
    # Tinted inside, plain background well outside.
    inside = pixel(image, QPointF(site.x() - radius_px * 0.5, site.y() - radius_px * 0.5))
    assert not close(inside, BACKGROUND, 4)
    corner = pixel(image, QPointF(site.x() + radius_px * 1.3, site.y() - radius_px * 1.1))
    assert close(corner, BACKGROUND, 25)


def test_a_point_far_away_is_still_in_the_drawing(panel):
    panel.set_points([*POINTS, EvidencePoint("far", *offset(-80_000, 0), label="照片9", status=CheckStatus.fail)])
    position = panel.point_position("far")
    assert 0 < position.x() < 400 and 0 < position.y() < 320
    assert panel.layout_result().points[-1].off_scale


def test_clicking_a_point_names_it(panel, qtbot):
    panel.show()
    position = panel.point_position("west").toPoint()
    with qtbot.waitSignal(panel.pointClicked) as clicked:
        qtbot.mouseClick(panel, Qt.MouseButton.LeftButton, pos=position)
    assert clicked.args == ["west"]
    with qtbot.assertNotEmitted(panel.pointClicked):
        qtbot.mouseClick(panel, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_without_a_site_it_says_so(on_screen):
    panel = on_screen(LocationPanel(), 300, 200, show=False)
    image = panel.grab().toImage()  # paints without a site, no exception
    assert panel.point_position("x") is None
    assert not image.isNull()
