"""Where the evidence was taken, drawn by the app itself (no map tiles, works offline).

North is up. The site is a cross in the middle of its geofence circle; each evidence point is a dot
coloured by its location check (green pass, amber warn, red fail, grey unknown), labelled with its
name and its distance from the site. A scale bar (1-2-5 × 10^n metres) and a north arrow make the
drawing readable without a map. The geometry comes from core.location.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewer_app.core.i18n import Language
from reviewer_app.core.location import (
    EvidencePoint,
    LocationLayout,
    PlacedPoint,
    ViewTransform,
    fit_view,
    layout_location,
    scale_bar,
)
from reviewer_app.qt.case_models import CHECK_COLOURS
from reviewer_app.qt.i18n import current_language
from shared.enums import CheckStatus
from shared.format import format_distance, format_scale_length

STATUS_COLOURS = CHECK_COLOURS  # a point in the colour of its location checks, as in the gallery
SITE_COLOUR = QColor("#1f5fbf")
GEOFENCE_FILL = QColor(31, 95, 191, 28)
BACKGROUND = QColor("#f6f4ee")
GRID_COLOUR = QColor(0, 0, 0, 18)
TEXT_COLOUR = QColor("#222222")
POINT_RADIUS = 6.0
HIGHLIGHT_RADIUS = 10.0
MARGIN_PX = 36.0
SCALE_BAR_MAX_PX = 120.0


class LocationPanel(QWidget):
    """The site, its geofence and the evidence points, north-up, with a scale bar."""

    pointClicked = Signal(str)  # the key of the evidence point clicked

    def __init__(self, parent: QWidget | None = None, *, language: Language | None = None):
        super().__init__(parent)
        self._language = language
        self._site: tuple[float, float] | None = None
        self._site_name = ""
        self._radius_m = 300.0
        self._points: list[EvidencePoint] = []
        self._layout: LocationLayout | None = None
        self._highlighted: str | None = None
        self._pending_fill: Callable[[], object] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 160)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(360, 300)

    # ----- content --------------------------------------------------------------------------

    def set_site(self, lat: float, lon: float, radius_m: float, name: str = "") -> None:
        """The site (WGS-84) and its geofence radius in metres."""
        self._site = (lat, lon)
        self._radius_m = radius_m
        self._site_name = name
        self._relayout()

    def set_points(self, points: Iterable[EvidencePoint]) -> None:
        self._points = list(points)
        self._relayout()

    def fill_when_shown(self, fill: Callable[[], object]) -> None:
        """Fill the panel with `fill` now if it is on screen, else when it is shown next: placing
        hundreds of evidence points is no use on a tab nobody looks at."""
        if self.isVisible():
            self._pending_fill = None
            fill()
        else:
            self._pending_fill = fill

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fill, self._pending_fill = self._pending_fill, None
        if fill is not None:
            fill()

    def clear(self) -> None:
        self._site = None
        self._points = []
        self._layout = None
        self.update()

    def set_highlighted(self, key: str | None) -> None:
        """Ring the point of the evidence item on screen."""
        self._highlighted = key
        self.update()

    def set_language(self, language: Language | None) -> None:
        """Fix the language of distances; None follows the application's language."""
        self._language = language
        self.update()

    def _lang(self) -> Language:
        return self._language or current_language()

    def layout_result(self) -> LocationLayout | None:
        return self._layout

    def view_transform(self) -> ViewTransform | None:
        """Metres to widget pixels for the current size (None without a site)."""
        if self._layout is None:
            return None
        return fit_view(self._layout.bounds, self.width(), self.height(), margin_px=MARGIN_PX)

    def point_position(self, key: str) -> QPointF | None:
        """Where the point `key` is drawn, in widget pixels."""
        view = self.view_transform()
        placed = self._placed(key)
        if view is None or placed is None:
            return None
        return QPointF(*view.to_px(placed.east_m, placed.north_m))

    def site_position(self) -> QPointF | None:
        view = self.view_transform()
        return QPointF(*view.to_px(0.0, 0.0)) if view is not None else None

    def _placed(self, key: str) -> PlacedPoint | None:
        if self._layout is None:
            return None
        return next((p for p in self._layout.points if p.point.key == key), None)

    def _relayout(self) -> None:
        if self._site is None:
            self._layout = None
        else:
            self._layout = layout_location(self._site[0], self._site[1], self._radius_m, self._points)
        self.update()

    # ----- events ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        super().changeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        key = self._point_at(event.position())
        if key is not None and event.button() == Qt.MouseButton.LeftButton:
            self.pointClicked.emit(key)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        key = self._point_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if key else Qt.CursorShape.ArrowCursor)
        placed = self._placed(key) if key else None
        self.setToolTip(self._tooltip(placed) if placed else "")
        super().mouseMoveEvent(event)

    def _point_at(self, pos: QPointF) -> str | None:
        view = self.view_transform()
        if view is None:
            return None
        best, best_distance = None, HIGHLIGHT_RADIUS + 2
        for placed in self._layout.points:
            x, y = view.to_px(placed.east_m, placed.north_m)
            distance = math.hypot(pos.x() - x, pos.y() - y)
            if distance <= best_distance:
                best, best_distance = placed.point.key, distance
        return best

    def _tooltip(self, placed: PlacedPoint) -> str:
        distance = format_distance(placed.distance_m, self._lang())
        where = self.tr("inside the geofence") if placed.inside else self.tr("outside the geofence")
        return f"{placed.point.label}\n{distance} · {where}"

    # ----- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), BACKGROUND)
        view = self.view_transform()
        if view is None:
            painter.setPen(TEXT_COLOUR)
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.tr("No site location"))
            return
        self._paint_grid(painter, view)
        self._paint_geofence(painter, view)
        self._paint_site(painter, view)
        points = sorted(self._layout.points, key=lambda p: p.point.key == self._highlighted)
        for placed in points:
            self._paint_point(painter, view, placed)
        self._paint_labels(painter, view, points)
        self._paint_scale_bar(painter, view)
        self._paint_north_arrow(painter)
        if not self._layout.points:
            painter.setPen(TEXT_COLOUR)
            painter.drawText(self.rect().adjusted(8, 8, -8, -8),
                             int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft),
                             self.tr("No evidence with a location"))

    def _paint_grid(self, painter: QPainter, view: ViewTransform) -> None:
        """Faint lines every scale-bar length, so distances can be judged anywhere."""
        step = scale_bar(view.metres_per_px, SCALE_BAR_MAX_PX).metres
        if view.length_px(step) < 12:
            return
        painter.setPen(QPen(GRID_COLOUR, 1))
        west, north = view.to_metres(0, 0)
        east, south = view.to_metres(self.width(), self.height())
        e = math.floor(west / step) * step
        while e <= east:
            x, _ = view.to_px(e, 0)
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
            e += step
        n = math.floor(south / step) * step
        while n <= north:
            _, y = view.to_px(0, n)
            painter.drawLine(QPointF(0, y), QPointF(self.width(), y))
            n += step

    def _paint_geofence(self, painter: QPainter, view: ViewTransform) -> None:
        centre = QPointF(*view.to_px(0.0, 0.0))
        radius = view.length_px(self._layout.radius_m)
        pen = QPen(SITE_COLOUR, 2)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(GEOFENCE_FILL))
        painter.drawEllipse(centre, radius, radius)

    def _paint_site(self, painter: QPainter, view: ViewTransform) -> None:
        x, y = view.to_px(0.0, 0.0)
        painter.setPen(QPen(SITE_COLOUR, 3))
        painter.drawLine(QPointF(x - 8, y), QPointF(x + 8, y))
        painter.drawLine(QPointF(x, y - 8), QPointF(x, y + 8))

    def _paint_point(self, painter: QPainter, view: ViewTransform, placed: PlacedPoint) -> None:
        x, y = view.to_px(placed.east_m, placed.north_m)
        colour = STATUS_COLOURS.get(placed.point.status, STATUS_COLOURS[CheckStatus.unknown])
        centre = QPointF(x, y)
        if placed.point.accuracy_m:  # the GPS accuracy circle, when the phone reported one
            accuracy = view.length_px(placed.point.accuracy_m)
            if accuracy > POINT_RADIUS:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(colour.red(), colour.green(), colour.blue(), 40))
                painter.drawEllipse(centre, accuracy, accuracy)
        if placed.point.key == self._highlighted:
            painter.setPen(QPen(TEXT_COLOUR, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, HIGHLIGHT_RADIUS, HIGHLIGHT_RADIUS)
        if placed.off_scale:  # a hollow triangle pointing the way: far beyond the drawing
            painter.setBrush(QColor("white"))
            painter.setPen(QPen(colour, 2.5))
            painter.drawPolygon(_direction_triangle(centre, placed.bearing_deg, POINT_RADIUS + 3))
        else:
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.setBrush(colour)
            painter.drawEllipse(centre, POINT_RADIUS, POINT_RADIUS)

    def _paint_labels(self, painter: QPainter, view: ViewTransform, points: list[PlacedPoint]) -> None:
        """Labels placed greedily where they overlap neither markers nor other labels."""
        bounds = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        taken: list[QRectF] = []
        for placed in points:
            x, y = view.to_px(placed.east_m, placed.north_m)
            taken.append(QRectF(x - POINT_RADIUS, y - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS))
        sx, sy = view.to_px(0.0, 0.0)
        taken.append(QRectF(sx - 9, sy - 9, 18, 18))
        radius = view.length_px(self._layout.radius_m)
        fence_text = self.tr("Geofence %1").replace("%1", format_distance(self._layout.radius_m, self._lang()))
        labels = [(fence_text, SITE_COLOUR, QPointF(sx, sy - radius), ("above",), False)]
        if self._site_name:
            labels.append((self._site_name, SITE_COLOUR, QPointF(sx, sy), ("below", "above", "right", "left"), True))
        for placed in points:
            colour = STATUS_COLOURS.get(placed.point.status, STATUS_COLOURS[CheckStatus.unknown])
            distance = format_distance(placed.distance_m, self._lang())
            text = f"{placed.point.label} · {distance}" if placed.point.label else distance
            anchor = QPointF(*view.to_px(placed.east_m, placed.north_m))
            labels.append((text, colour.darker(130), anchor, ("right", "left", "above", "below"), False))
        for text, colour, anchor, sides, bold in labels:
            font = self._small_font(bold=bold)
            painter.setFont(font)
            size = QFontMetricsF(font).size(0, text)
            rect = _place_label(anchor, size, sides, taken, bounds, gap=POINT_RADIUS + 3)
            taken.append(rect)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 200))
            painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3)
            painter.setPen(colour)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_scale_bar(self, painter: QPainter, view: ViewTransform) -> None:
        bar = scale_bar(view.metres_per_px, SCALE_BAR_MAX_PX)
        x0, y0 = 12.0, self.height() - 14.0
        painter.setPen(QPen(TEXT_COLOUR, 2))
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + bar.pixels, y0))
        painter.drawLine(QPointF(x0, y0 - 5), QPointF(x0, y0 + 1))
        painter.drawLine(QPointF(x0 + bar.pixels, y0 - 5), QPointF(x0 + bar.pixels, y0 + 1))
        painter.setFont(self._small_font())
        painter.drawText(QPointF(x0 + 2, y0 - 6), format_scale_length(bar.metres, self._lang()))

    def _paint_north_arrow(self, painter: QPainter) -> None:
        x, y = self.width() - 22.0, 14.0
        painter.setPen(QPen(TEXT_COLOUR, 1))
        painter.setBrush(TEXT_COLOUR)
        painter.drawPolygon(QPolygonF([QPointF(x, y), QPointF(x - 7, y + 20), QPointF(x, y + 15)]))
        painter.setBrush(QColor("white"))
        painter.drawPolygon(QPolygonF([QPointF(x, y), QPointF(x + 7, y + 20), QPointF(x, y + 15)]))
        painter.setFont(self._small_font(bold=True))
        painter.drawText(QRectF(x - 10, y + 20, 20, 16), int(Qt.AlignmentFlag.AlignCenter), self.tr("N"))

    def _small_font(self, *, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(12)
        font.setBold(bold)
        return font


def _direction_triangle(centre: QPointF, bearing_deg: float, size: float) -> QPolygonF:
    """A triangle at `centre` pointing along a compass bearing (0 = up/north, clockwise)."""
    angle = math.radians(bearing_deg)
    ux, uy = math.sin(angle), -math.cos(angle)  # screen y grows south
    px, py = -uy, ux
    tip = QPointF(centre.x() + ux * size, centre.y() + uy * size)
    left = QPointF(centre.x() - ux * size * 0.7 + px * size * 0.8, centre.y() - uy * size * 0.7 + py * size * 0.8)
    right = QPointF(centre.x() - ux * size * 0.7 - px * size * 0.8, centre.y() - uy * size * 0.7 - py * size * 0.8)
    return QPolygonF([tip, left, right])


def _place_label(anchor: QPointF, size, sides: tuple[str, ...], taken: list[QRectF], bounds: QRectF, *,
                 gap: float) -> QRectF:
    """The first side of `anchor` where a label of `size` fits in `bounds` without overlapping
    `taken`; else the first side that fits, moved inside the bounds."""
    w, h = size.width(), size.height()
    candidates = []
    for side in sides:
        if side == "right":
            rect = QRectF(anchor.x() + gap, anchor.y() - h / 2, w, h)
        elif side == "left":
            rect = QRectF(anchor.x() - gap - w, anchor.y() - h / 2, w, h)
        elif side == "above":
            rect = QRectF(anchor.x() - w / 2, anchor.y() - gap - h, w, h)
        else:
            rect = QRectF(anchor.x() - w / 2, anchor.y() + gap, w, h)
        candidates.append(rect)
        if bounds.contains(rect) and not any(rect.intersects(other) for other in taken):
            return rect
    rect = candidates[0]
    dx = max(0.0, bounds.left() - rect.left()) - max(0.0, rect.right() - bounds.right())
    dy = max(0.0, bounds.top() - rect.top()) - max(0.0, rect.bottom() - bounds.bottom())
    return rect.translated(dx, dy)
