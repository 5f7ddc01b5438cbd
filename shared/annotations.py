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

Coord = Annotated[float, Meta(ge=-0.05, le=1.05)]
Extent = Annotated[float, Meta(ge=0, le=1.1)]
Colour = Annotated[str, Meta(pattern=r"^#[0-9a-fA-F]{6}$")]
Label = text(500)


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

    points: Annotated[list[tuple[Coord, Coord]], Meta(min_length=2, max_length=2000)]
    closed: bool = False


class Text(msgspec.Struct, tag="text", kw_only=True):
    """A text label anchored at its top-left corner; size is a fraction of the image height."""

    x: Coord
    y: Coord
    text: text(500, min_length=1)  # the module's text(): a class body binds no name by annotating it
    size: Annotated[float, Meta(gt=0, le=0.5)] = 0.04


class Point(msgspec.Struct, tag="point", kw_only=True):
    x: Coord
    y: Coord


Shape = Rect | Ellipse | Arrow | Polyline | Text | Point


class AnnotationIn(msgspec.Struct, kw_only=True):
    shape: Shape
    colour: Colour = "#ff3b30"
    label: Label = ""
    # For video: the frame the annotation belongs to, in milliseconds from the start.
    time_ms: Annotated[int, Meta(ge=0, le=24 * 3600 * 1000)] | None = None
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
