"""Annotation shapes drawn by officers on photos and video frames (a msgspec tagged union).

Coordinates are normalized to the displayed image (after EXIF orientation): x from the left
edge 0 to the right edge 1, y from the top 0 to the bottom 1, so a shape stays put whatever the
size the photo is shown at. A shape may not leave the image by more than a small margin.
"""

from datetime import datetime
from typing import Annotated

import msgspec
from msgspec import Meta

from shared.models import PersonRef, text

# The limits the server enforces, named for the app, which must make shapes that pass them (msgspec
# checks Meta constraints only when decoding, so the app's own Structs are not checked for it).
COORD_MIN, COORD_MAX = -0.05, 1.05  # a shape may leave the image by this much
EXTENT_MAX = 1.1  # widths and heights
MIN_POLYLINE_POINTS, MAX_POLYLINE_POINTS = 2, 2000
MAX_LABEL_LENGTH = 500
MAX_TEXT_LENGTH = 500
MAX_TEXT_SIZE = 0.5  # of the image height
DEFAULT_TEXT_SIZE = 0.04
MAX_TIME_MS = 24 * 3600 * 1000  # a frame time within a day of video
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
DEFAULT_COLOUR = "#ff3b30"

Coord = Annotated[float, Meta(ge=COORD_MIN, le=COORD_MAX)]
Extent = Annotated[float, Meta(ge=0, le=EXTENT_MAX)]
Colour = Annotated[str, Meta(pattern=COLOUR_PATTERN)]
Label = text(MAX_LABEL_LENGTH)


class Rect(msgspec.Struct, tag="rect", kw_only=True):
    x: Coord
    y: Coord
    w: Extent
    h: Extent


class Ellipse(msgspec.Struct, tag="ellipse", kw_only=True):
    """The ellipse inscribed in the box (x, y, w, h)."""

    x: Coord
    y: Coord
    w: Extent
    h: Extent


class Arrow(msgspec.Struct, tag="arrow", kw_only=True):
    """From the tail (x1, y1) to the head (x2, y2)."""

    x1: Coord
    y1: Coord
    x2: Coord
    y2: Coord


class Polyline(msgspec.Struct, tag="polyline", kw_only=True):
    """Freehand strokes and polygons: a list of [x, y] points."""

    points: Annotated[list[tuple[Coord, Coord]], Meta(min_length=MIN_POLYLINE_POINTS, max_length=MAX_POLYLINE_POINTS)]
    closed: bool = False


class Text(msgspec.Struct, tag="text", kw_only=True):
    """A text label anchored at its top-left corner; size is a fraction of the image height."""

    x: Coord
    y: Coord
    text: text(MAX_TEXT_LENGTH, min_length=1)  # the module's text(): a class body binds no name by annotating it
    size: Annotated[float, Meta(gt=0, le=MAX_TEXT_SIZE)] = DEFAULT_TEXT_SIZE


class Point(msgspec.Struct, tag="point", kw_only=True):
    x: Coord
    y: Coord


Shape = Rect | Ellipse | Arrow | Polyline | Text | Point


class AnnotationIn(msgspec.Struct, kw_only=True):
    shape: Shape
    colour: Colour = DEFAULT_COLOUR
    label: Label = ""
    # For video: the frame the annotation belongs to, in milliseconds from the start.
    time_ms: Annotated[int, Meta(ge=0, le=MAX_TIME_MS)] | None = None
    shared_with_applicant: bool = False


class AnnotationUpdate(AnnotationIn, kw_only=True):
    """A new revision; `version` must be the revision the client edited."""

    version: int


class AnnotationOut(AnnotationIn, kw_only=True):
    id: int
    evidence_id: int
    author: PersonRef
    version: int = 1
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted: bool = False


class AnnotationList(msgspec.Struct, kw_only=True):
    items: list[AnnotationOut] = msgspec.field(default_factory=list)
