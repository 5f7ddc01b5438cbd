"""Geometry of the location panel (pure maths, no Qt, no map tiles).

The panel draws the site, its geofence circle and each evidence point north-up on a plain
background. Around a site, the Earth is flat enough: an equirectangular projection centred on the
site (east = R * dlon * cos(lat0), north = R * dlat) is within 0.1 % over tens of kilometres, which
is far better than the accuracy of a phone's GPS. Distances shown are great-circle distances
(shared.geo.haversine_m), not distances on the projection.

A point far away (a phone with a wrong clock and location, or GPS at 0,0) would shrink the
geofence to a dot; points beyond `far_limit_m` are therefore drawn at that distance in their
true direction and marked `off_scale`, with their real distance as the label.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from shared.enums import CheckStatus
from shared.geo import EARTH_RADIUS_M, haversine_m


@dataclass(frozen=True, slots=True)
class EvidencePoint:
    """Where one piece of evidence says it was taken (WGS-84)."""

    key: str
    lat: float
    lon: float
    label: str = ""
    status: CheckStatus = CheckStatus.unknown
    accuracy_m: float | None = None


class LocalProjection:
    """East/north metres around an origin (equirectangular)."""

    def __init__(self, origin_lat: float, origin_lon: float):
        self.origin_lat = origin_lat
        self.origin_lon = origin_lon
        self._cos_lat = math.cos(math.radians(origin_lat))

    def to_local(self, lat: float, lon: float) -> tuple[float, float]:
        dlon = (lon - self.origin_lon + 180.0) % 360.0 - 180.0  # across the antimeridian too
        east = math.radians(dlon) * EARTH_RADIUS_M * self._cos_lat
        north = math.radians(lat - self.origin_lat) * EARTH_RADIUS_M
        return east, north

    def to_geo(self, east: float, north: float) -> tuple[float, float]:
        lat = self.origin_lat + math.degrees(north / EARTH_RADIUS_M)
        lon = self.origin_lon + math.degrees(east / (EARTH_RADIUS_M * self._cos_lat))
        return lat, lon


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


@dataclass(frozen=True, slots=True)
class PlacedPoint:
    point: EvidencePoint
    east_m: float  # where it is drawn, metres east of the site
    north_m: float
    distance_m: float  # true great-circle distance from the site
    bearing_deg: float
    inside: bool  # within the geofence
    off_scale: bool  # farther than the layout's far limit: drawn at the limit, in its direction


@dataclass(frozen=True, slots=True)
class Bounds:
    """A box in local metres (east/north)."""

    min_east: float
    min_north: float
    max_east: float
    max_north: float

    @property
    def width(self) -> float:
        return self.max_east - self.min_east

    @property
    def height(self) -> float:
        return self.max_north - self.min_north

    @property
    def centre(self) -> tuple[float, float]:
        return (self.min_east + self.max_east) / 2, (self.min_north + self.max_north) / 2

    def grown(self, fraction: float) -> Bounds:
        dx, dy = self.width * fraction, self.height * fraction
        return Bounds(self.min_east - dx, self.min_north - dy, self.max_east + dx, self.max_north + dy)


@dataclass(frozen=True, slots=True)
class LocationLayout:
    site_lat: float
    site_lon: float
    radius_m: float
    points: tuple[PlacedPoint, ...]
    bounds: Bounds  # the geofence and every point as drawn, in local metres
    far_limit_m: float

    @property
    def projection(self) -> LocalProjection:
        return LocalProjection(self.site_lat, self.site_lon)


def default_far_limit(radius_m: float) -> float:
    """Points farther than this from the site are drawn off-scale: 25 geofence radii, at least 2 km."""
    return max(25.0 * radius_m, 2000.0)


def layout_location(site_lat: float, site_lon: float, radius_m: float, points: Iterable[EvidencePoint], *,
                    far_limit_m: float | None = None) -> LocationLayout:
    """Place the evidence points around the site, in metres east/north of it."""
    if radius_m <= 0:
        raise ValueError("the geofence radius must be positive")
    far_limit = default_far_limit(radius_m) if far_limit_m is None else far_limit_m
    projection = LocalProjection(site_lat, site_lon)
    placed: list[PlacedPoint] = []
    min_e, min_n, max_e, max_n = -radius_m, -radius_m, radius_m, radius_m
    for point in points:
        distance = haversine_m(site_lat, site_lon, point.lat, point.lon)
        bearing = bearing_deg(site_lat, site_lon, point.lat, point.lon)
        off_scale = distance > far_limit
        if off_scale:
            east = far_limit * math.sin(math.radians(bearing))
            north = far_limit * math.cos(math.radians(bearing))
        else:
            east, north = projection.to_local(point.lat, point.lon)
        placed.append(PlacedPoint(point=point, east_m=east, north_m=north, distance_m=distance,
                                  bearing_deg=bearing, inside=distance <= radius_m, off_scale=off_scale))
        min_e, max_e = min(min_e, east), max(max_e, east)
        min_n, max_n = min(min_n, north), max(max_n, north)
    return LocationLayout(site_lat=site_lat, site_lon=site_lon, radius_m=radius_m, points=tuple(placed),
                          bounds=Bounds(min_e, min_n, max_e, max_n), far_limit_m=far_limit)


@dataclass(frozen=True, slots=True)
class ViewTransform:
    """Local metres to widget pixels, north up: x grows east, y grows south."""

    metres_per_px: float
    centre_east: float
    centre_north: float
    width_px: float
    height_px: float

    def to_px(self, east: float, north: float) -> tuple[float, float]:
        x = self.width_px / 2 + (east - self.centre_east) / self.metres_per_px
        y = self.height_px / 2 - (north - self.centre_north) / self.metres_per_px
        return x, y

    def to_metres(self, x: float, y: float) -> tuple[float, float]:
        east = self.centre_east + (x - self.width_px / 2) * self.metres_per_px
        north = self.centre_north - (y - self.height_px / 2) * self.metres_per_px
        return east, north

    def length_px(self, metres: float) -> float:
        return metres / self.metres_per_px


def fit_view(bounds: Bounds, width_px: float, height_px: float, *, margin_px: float = 32.0,
             margin_fraction: float = 0.08) -> ViewTransform:
    """The scale and centre that show `bounds` (grown by `margin_fraction` on each side) inside a
    widget of the given size, leaving `margin_px` free at every edge for labels."""
    grown = bounds.grown(margin_fraction)
    usable_w = max(1.0, width_px - 2 * margin_px)
    usable_h = max(1.0, height_px - 2 * margin_px)
    metres_per_px = max(grown.width / usable_w, grown.height / usable_h, 1e-6)
    centre_east, centre_north = grown.centre
    return ViewTransform(metres_per_px, centre_east, centre_north, width_px, height_px)


def nice_length(max_m: float) -> float:
    """The largest 1, 2 or 5 × 10^n metres not above `max_m`."""
    if max_m <= 0 or not math.isfinite(max_m):
        raise ValueError(f"need a positive length, got {max_m}")
    exponent = math.floor(math.log10(max_m))
    for mantissa in (5, 2, 1):
        length = mantissa * 10.0**exponent
        if length <= max_m * (1 + 1e-12):
            return length
    return 10.0 ** (exponent - 1) * 5  # only reached through rounding of log10


@dataclass(frozen=True, slots=True)
class ScaleBar:
    metres: float
    pixels: float


def scale_bar(metres_per_px: float, max_width_px: float) -> ScaleBar:
    """A scale bar of a round length (1-2-5 × 10^n m) at most `max_width_px` long."""
    metres = nice_length(metres_per_px * max_width_px)
    return ScaleBar(metres=metres, pixels=metres / metres_per_px)
