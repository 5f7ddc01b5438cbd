"""The annotation document of one evidence item, as plain Python (no Qt).

Two coordinate systems meet here:
- *scene* coordinates: pixels of the displayed image, after EXIF orientation, origin top-left;
  the Qt scene draws in these.
- *normalized* coordinates: the shared wire Structs (shared.annotations), 0..1 of the image width
  and height, so a shape stays put whatever size the photo is shown at.

The document keeps the normalized Structs as its truth. Values are rounded to 1e-6 (a few
thousandths of a pixel on a 12 MP photo) so that scene -> normalized -> scene -> normalized is
stable and an untouched shape never looks edited to `diff`.

`diff(saved, current)` tells which annotations to create, update and delete on the server, given
what the server last confirmed and what the officer has now.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import msgspec

from shared.annotations import (
    COLOUR_PATTERN,
    COORD_MAX,
    COORD_MIN,
    DEFAULT_COLOUR,
    EXTENT_MAX,
    MAX_LABEL_LENGTH,
    MAX_POLYLINE_POINTS,
    MAX_TEXT_LENGTH,
    MAX_TEXT_SIZE,
    MAX_TIME_MS,
    AnnotationIn,
    AnnotationOut,
    AnnotationUpdate,
    Arrow,
    Ellipse,
    Point,
    Polyline,
    Rect,
    Shape,
    Text,
)
from shared.models import without_control_characters

MIN_TEXT_SIZE = 0.005  # of the image height: smaller text could not be read
DECIMALS = 6

# The colours offered in the toolbar (the default colour first): red, orange, yellow, green, blue,
# magenta, white, black.
PALETTE = ("#ff3b30", "#ff9500", "#ffcc00", "#34c759", "#007aff", "#af52de", "#ffffff", "#000000")
_COLOUR_RE = re.compile(COLOUR_PATTERN)


# ----- image size and scene shapes ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImageSize:
    """Width and height in pixels of the displayed (orientation-applied) image."""

    width: float
    height: float

    def __post_init__(self) -> None:
        if not (self.width > 0 and self.height > 0):
            raise ValueError(f"image size must be positive, got {self.width}x{self.height}")


@dataclass(frozen=True, slots=True)
class SceneRect:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class SceneEllipse:
    """The ellipse inscribed in the box (x, y, w, h)."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class SceneArrow:
    """From the tail (x1, y1) to the head (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class ScenePolyline:
    points: tuple[tuple[float, float], ...]
    closed: bool = False


@dataclass(frozen=True, slots=True)
class SceneText:
    """Top-left anchored text; `size` is the font's pixel height in scene pixels."""

    x: float
    y: float
    text: str
    size: float


@dataclass(frozen=True, slots=True)
class ScenePoint:
    x: float
    y: float


SceneShape = SceneRect | SceneEllipse | SceneArrow | ScenePolyline | SceneText | ScenePoint


def _clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def _coord(value: float, extent: float) -> float:
    return round(_clamp(value / extent, COORD_MIN, COORD_MAX), DECIMALS)


def _extent(value: float, extent: float) -> float:
    return round(_clamp(value / extent, 0.0, EXTENT_MAX), DECIMALS)


def _box(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    """A box with a non-negative width and height, whichever corner the drag started from."""
    return min(x, x + w), min(y, y + h), abs(w), abs(h)


def from_scene(shape: SceneShape, size: ImageSize) -> Shape:
    """A scene shape as the normalized wire Struct, clamped to what the server accepts."""
    width, height = size.width, size.height
    match shape:
        case SceneRect() | SceneEllipse():
            x, y, w, h = _box(shape.x, shape.y, shape.w, shape.h)
            # Normalize the corners, not the width: a box drawn from pixel 100 to 300 on a 1000 px
            # image must come out as exactly 0.1 and 0.2, not 0.30000000000000004 - 0.1.
            nx, ny = _coord(x, width), _coord(y, height)
            nw = _extent(min(w, (COORD_MAX - nx) * width), width)
            nh = _extent(min(h, (COORD_MAX - ny) * height), height)
            cls = Rect if isinstance(shape, SceneRect) else Ellipse
            return cls(x=nx, y=ny, w=nw, h=nh)
        case SceneArrow():
            return Arrow(x1=_coord(shape.x1, width), y1=_coord(shape.y1, height),
                         x2=_coord(shape.x2, width), y2=_coord(shape.y2, height))
        case ScenePolyline():
            points = [(_coord(px, width), _coord(py, height)) for px, py in shape.points]
            if len(points) > MAX_POLYLINE_POINTS:
                points = thin_points(points, MAX_POLYLINE_POINTS)
            if len(points) == 1:
                points = points * 2
            return Polyline(points=points, closed=shape.closed)
        case SceneText():
            text = without_control_characters(shape.text).strip()[:MAX_TEXT_LENGTH]
            if not text:
                raise ValueError("a text annotation needs some text")
            size_fraction = round(_clamp(shape.size / height, MIN_TEXT_SIZE, MAX_TEXT_SIZE), DECIMALS)
            return Text(x=_coord(shape.x, width), y=_coord(shape.y, height), text=text, size=size_fraction)
        case ScenePoint():
            return Point(x=_coord(shape.x, width), y=_coord(shape.y, height))
    raise TypeError(f"not a scene shape: {shape!r}")


def to_scene(shape: Shape, size: ImageSize) -> SceneShape:
    """A normalized wire Struct in scene pixels of an image of `size`."""
    width, height = size.width, size.height
    match shape:
        case Rect():
            return SceneRect(shape.x * width, shape.y * height, shape.w * width, shape.h * height)
        case Ellipse():
            return SceneEllipse(shape.x * width, shape.y * height, shape.w * width, shape.h * height)
        case Arrow():
            return SceneArrow(shape.x1 * width, shape.y1 * height, shape.x2 * width, shape.y2 * height)
        case Polyline():
            return ScenePolyline(tuple((px * width, py * height) for px, py in shape.points), shape.closed)
        case Text():
            return SceneText(shape.x * width, shape.y * height, shape.text, shape.size * height)
        case Point():
            return ScenePoint(shape.x * width, shape.y * height)
    raise TypeError(f"not an annotation shape: {shape!r}")


def thin_points(points: Sequence[tuple[float, float]], limit: int) -> list[tuple[float, float]]:
    """At most `limit` points spread evenly along the list, keeping the first and the last."""
    if len(points) <= limit:
        return list(points)
    step = (len(points) - 1) / (limit - 1)
    return [points[round(i * step)] for i in range(limit)]


def simplify_polyline(points: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Ramer-Douglas-Peucker: drop points closer than `tolerance` to the line through their
    neighbours, so a freehand stroke keeps its look with far fewer points."""
    if len(points) < 3 or tolerance <= 0:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, worst_index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            cross = abs(dy * (px - ax) - dx * (py - ay))
            distance = cross / length if length else math.hypot(px - ax, py - ay)
            if distance > worst:
                worst, worst_index = distance, i
        if worst > tolerance:
            keep[worst_index] = True
            stack.append((first, worst_index))
            stack.append((worst_index, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def shape_bounds(shape: Shape) -> tuple[float, float, float, float]:
    """The normalized bounding box (x, y, w, h) of a shape; text counts as a point."""
    match shape:
        case Rect() | Ellipse():
            return shape.x, shape.y, shape.w, shape.h
        case Arrow():
            return _points_bounds([(shape.x1, shape.y1), (shape.x2, shape.y2)])
        case Polyline():
            return _points_bounds(shape.points)
        case Text() | Point():
            return shape.x, shape.y, 0.0, 0.0
    raise TypeError(f"not an annotation shape: {shape!r}")


def _points_bounds(points: Iterable[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def shape_kind(shape: Shape) -> str:
    """The wire tag of a shape: "rect", "ellipse", "arrow", "polyline", "text" or "point"."""
    return type(shape).__struct_config__.tag


def is_valid_colour(colour: str) -> bool:
    return bool(_COLOUR_RE.match(colour))


# ----- annotations and the document --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Annotation:
    """One shape on one evidence item, as the officer sees it now.

    `key` names the annotation locally for the whole session (the scene item, undo commands, list
    rows); `server_id` and `version` are what the server last confirmed (None until created).
    Shapes are msgspec Structs: never mutate one in place, replace it.
    """

    key: str
    shape: Shape
    colour: str = DEFAULT_COLOUR
    label: str = ""
    time_ms: int | None = None
    shared_with_applicant: bool = False
    server_id: int | None = None
    version: int | None = None
    author_id: int | None = None
    author_name: str = ""
    # Someone else's annotation: shown, never edited, never sent.
    read_only: bool = False

    def __post_init__(self) -> None:
        if not is_valid_colour(self.colour):
            raise ValueError(f"colour must look like #rrggbb, got {self.colour!r}")
        if len(self.label) > MAX_LABEL_LENGTH:
            raise ValueError(f"label longer than {MAX_LABEL_LENGTH} characters")
        if self.time_ms is not None and not 0 <= self.time_ms <= MAX_TIME_MS:
            raise ValueError(f"time_ms out of range: {self.time_ms}")

    @property
    def kind(self) -> str:
        return shape_kind(self.shape)

    def content(self) -> tuple:
        """What the server stores for this annotation: equal contents need no update."""
        return (msgspec.json.encode(self.shape), self.colour, self.label, self.time_ms, self.shared_with_applicant)

    def same_content(self, other: Annotation) -> bool:
        return self.content() == other.content()

    def to_wire(self) -> AnnotationIn:
        """The body of a create request."""
        return AnnotationIn(shape=self.shape, colour=self.colour, label=self.label, time_ms=self.time_ms,
                            shared_with_applicant=self.shared_with_applicant)

    def to_update(self) -> AnnotationUpdate:
        """The body of an update request: the server refuses it if `version` is stale."""
        if self.version is None:
            raise ValueError("an annotation the server has not confirmed cannot be updated")
        return AnnotationUpdate(shape=self.shape, colour=self.colour, label=self.label, time_ms=self.time_ms,
                                shared_with_applicant=self.shared_with_applicant, version=self.version)

    @classmethod
    def from_wire(cls, out: AnnotationOut, *, key: str | None = None, current_user_id: int | None = None) -> Annotation:
        """An annotation the server sent; others' annotations are read-only when the current user
        is known."""
        read_only = current_user_id is not None and out.author.id != current_user_id
        return cls(key=key or server_key(out.id), shape=out.shape, colour=out.colour, label=out.label,
                   time_ms=out.time_ms, shared_with_applicant=out.shared_with_applicant, server_id=out.id,
                   version=out.version, author_id=out.author.id, author_name=out.author.display_name,
                   read_only=read_only)

    def confirmed(self, out: AnnotationOut) -> Annotation:
        """This annotation after the server accepted it: its id and new version, and the content
        as the server stored it."""
        return replace(self, shape=out.shape, colour=out.colour, label=out.label, time_ms=out.time_ms,
                       shared_with_applicant=out.shared_with_applicant, server_id=out.id, version=out.version,
                       author_id=out.author.id, author_name=out.author.display_name)


def server_key(server_id: int) -> str:
    return f"s{server_id}"


_local_keys = itertools.count(1)


def new_key() -> str:
    """A key for an annotation that exists only locally so far (unique in this process)."""
    return f"n{next(_local_keys)}"


@dataclass(frozen=True, slots=True)
class SavePlan:
    """What to send to the server to make it hold the current document.

    Send deletions first, then updates, then creations; after each answer call
    `AnnotationDocument.confirm` / `confirm_deleted` so a retry after a failure sends only the rest.
    """

    create: tuple[Annotation, ...] = ()
    update: tuple[Annotation, ...] = ()
    delete: tuple[Annotation, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.create or self.update or self.delete)

    def __len__(self) -> int:
        return len(self.create) + len(self.update) + len(self.delete)


def diff(saved: Iterable[Annotation], current: Iterable[Annotation]) -> SavePlan:
    """The server calls that turn `saved` (what the server last confirmed) into `current`.

    Matching is by server id: an annotation without one is new; a saved one missing from `current`
    was deleted; one whose content differs was edited. Read-only annotations (someone else's) are
    never sent.
    """
    saved_by_id = {a.server_id: a for a in saved if a.server_id is not None}
    create: list[Annotation] = []
    update: list[Annotation] = []
    present: set[int] = set()
    for annotation in current:
        if annotation.server_id is None:
            if not annotation.read_only:
                create.append(annotation)
            continue
        present.add(annotation.server_id)
        before = saved_by_id.get(annotation.server_id)
        if before is not None and not annotation.read_only and not annotation.same_content(before):
            update.append(annotation)
    delete = [a for sid, a in saved_by_id.items() if sid not in present and not a.read_only]
    return SavePlan(create=tuple(create), update=tuple(update), delete=tuple(delete))


class AnnotationDocument:
    """The annotations of one evidence item in drawing order (last on top), plus the state the
    server last confirmed, so it can say what is unsaved.

    The document also remembers which server id and version each local key has, even while the
    annotation is removed: undoing a deletion or redoing an edit after a save then puts back the
    annotation under its server identity, and the next plan sends an update, not a duplicate.
    """

    def __init__(self, items: Iterable[Annotation] = (), saved: Iterable[Annotation] = ()):
        self.items: list[Annotation] = []
        self.saved: dict[int, Annotation] = {a.server_id: a for a in saved if a.server_id is not None}
        self._identity: dict[str, tuple[int, int | None]] = {
            a.key: (a.server_id, a.version) for a in self.saved.values() if a.server_id is not None}
        for annotation in items:
            self.insert(annotation)

    @classmethod
    def from_server(cls, annotations: Iterable[AnnotationOut], *, current_user_id: int | None = None,
                    ) -> AnnotationDocument:
        items = [Annotation.from_wire(out, current_user_id=current_user_id)
                 for out in annotations if not out.deleted]
        return cls(items=items, saved=items)

    def copy(self) -> AnnotationDocument:
        other = AnnotationDocument(saved=self.saved.values())
        other.items = list(self.items)
        other._identity = dict(self._identity)
        return other

    # --- reading ---

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Annotation]:
        return iter(self.items)

    def keys(self) -> list[str]:
        return [a.key for a in self.items]

    def get(self, key: str) -> Annotation | None:
        return next((a for a in self.items if a.key == key), None)

    def index(self, key: str) -> int:
        for i, annotation in enumerate(self.items):
            if annotation.key == key:
                return i
        raise KeyError(key)

    def pinned_at(self, time_ms: int, window_ms: int) -> list[Annotation]:
        """Video annotations whose frame time is within `window_ms` of `time_ms`."""
        return pinned_at(self.items, time_ms, window_ms)

    # --- editing (the scene's undo commands call these) ---

    def _with_identity(self, annotation: Annotation) -> Annotation:
        identity = self._identity.get(annotation.key)
        if identity is None:  # never saved, or deleted on the server since: it must be created
            return annotation if annotation.server_id is None else replace(annotation, server_id=None, version=None)
        server_id, version = identity
        return replace(annotation, server_id=server_id, version=version)

    def insert(self, annotation: Annotation, index: int | None = None) -> Annotation:
        """Add an annotation (at the top, or at `index`); returns it as stored."""
        if self.get(annotation.key) is not None:
            raise KeyError(f"duplicate annotation key {annotation.key!r}")
        annotation = self._with_identity(annotation)
        if index is None:
            self.items.append(annotation)
        else:
            self.items.insert(index, annotation)
        return annotation

    def replace(self, annotation: Annotation) -> Annotation:
        """Put `annotation` in place of the one with the same key; returns it as stored."""
        i = self.index(annotation.key)
        self.items[i] = annotation = self._with_identity(annotation)
        return annotation

    def remove(self, key: str) -> tuple[int, Annotation]:
        """Remove and return the annotation and the index it had (to put it back on undo)."""
        i = self.index(key)
        return i, self.items.pop(i)

    # --- saving ---

    def plan(self) -> SavePlan:
        return diff(self.saved.values(), self.items)

    @property
    def dirty(self) -> bool:
        return not self.plan().empty

    def confirm(self, sent: Annotation, out: AnnotationOut) -> Annotation | None:
        """Record the server's answer `out` to the create or update of `sent` (an item of a plan).

        If the officer edited the annotation again while the request was in flight, the newer
        content stays (the next plan sends it as an update of the new version); otherwise the
        document takes the content as the server stored it. Returns the annotation as it is now.
        """
        stored = Annotation.from_wire(out, key=sent.key)
        self.saved[out.id] = stored
        self._identity[sent.key] = (out.id, out.version)
        current = self.get(sent.key)
        if current is None:  # deleted meanwhile: the next plan deletes it on the server
            return None
        if current.same_content(sent):
            return self.replace(replace(stored, read_only=current.read_only))
        return self.replace(current)

    def confirm_deleted(self, sent: Annotation) -> None:
        """Record that the server deleted `sent` (an item of a plan's `delete`)."""
        if sent.server_id is not None:
            self.saved.pop(sent.server_id, None)
        identity = self._identity.get(sent.key)
        if identity is not None and identity[0] == sent.server_id:
            del self._identity[sent.key]


def pinned_at(annotations: Iterable[Annotation], time_ms: int, window_ms: int) -> list[Annotation]:
    """The annotations with a frame time within `window_ms` of `time_ms`, in drawing order."""
    return [a for a in annotations if a.time_ms is not None and abs(a.time_ms - time_ms) <= window_ms]


# ----- editing geometry in the scene (moving, handles, resizing) ---------------------------------

BOX_HANDLES = ("top_left", "top", "top_right", "right", "bottom_right", "bottom", "bottom_left", "left")
ARROW_HANDLES = ("tail", "head")


def move_scene_shape(shape: SceneShape, dx: float, dy: float) -> SceneShape:
    match shape:
        case SceneRect() | SceneEllipse() | SceneText() | ScenePoint():
            return replace(shape, x=shape.x + dx, y=shape.y + dy)
        case SceneArrow():
            return SceneArrow(shape.x1 + dx, shape.y1 + dy, shape.x2 + dx, shape.y2 + dy)
        case ScenePolyline():
            return ScenePolyline(tuple((x + dx, y + dy) for x, y in shape.points), shape.closed)
    raise TypeError(f"not a scene shape: {shape!r}")


def scene_bounds(shape: SceneShape) -> tuple[float, float, float, float]:
    """The box (x, y, w, h) of a scene shape's geometry; text and points count as their anchor."""
    match shape:
        case SceneRect() | SceneEllipse():
            return _box(shape.x, shape.y, shape.w, shape.h)
        case SceneArrow():
            return _points_bounds([(shape.x1, shape.y1), (shape.x2, shape.y2)])
        case ScenePolyline():
            return _points_bounds(shape.points)
        case SceneText() | ScenePoint():
            return shape.x, shape.y, 0.0, 0.0
    raise TypeError(f"not a scene shape: {shape!r}")


def handle_points(shape: SceneShape) -> dict[str, tuple[float, float]]:
    """Where the resize handles of a shape sit, by name. Text and points have none (they move,
    and text is resized by editing its size)."""
    match shape:
        case SceneArrow():
            return {"tail": (shape.x1, shape.y1), "head": (shape.x2, shape.y2)}
        case SceneRect() | SceneEllipse() | ScenePolyline():
            x, y, w, h = scene_bounds(shape)
            left, top, right, bottom, cx, cy = x, y, x + w, y + h, x + w / 2, y + h / 2
            return {"top_left": (left, top), "top": (cx, top), "top_right": (right, top), "right": (right, cy),
                    "bottom_right": (right, bottom), "bottom": (cx, bottom), "bottom_left": (left, bottom),
                    "left": (left, cy)}
    return {}


def _edges_after_drag(bounds: tuple[float, float, float, float], handle: str, x: float, y: float,
                      ) -> tuple[float, float, float, float]:
    bx, by, bw, bh = bounds
    left, top, right, bottom = bx, by, bx + bw, by + bh
    if "left" in handle:
        left = x
    if "right" in handle:
        right = x
    if handle.startswith("top"):
        top = y
    if handle.startswith("bottom"):
        bottom = y
    return left, top, right, bottom


def resize_scene_shape(shape: SceneShape, handle: str, x: float, y: float) -> SceneShape:
    """The shape after dragging its handle `handle` to (x, y). A box dragged past its opposite
    edge flips over; a freehand stroke is stretched with its bounding box."""
    match shape:
        case SceneArrow():
            if handle == "tail":
                return SceneArrow(x, y, shape.x2, shape.y2)
            if handle == "head":
                return SceneArrow(shape.x1, shape.y1, x, y)
        case SceneRect() | SceneEllipse():
            left, top, right, bottom = _edges_after_drag(scene_bounds(shape), handle, x, y)
            nx, ny, nw, nh = _box(left, top, right - left, bottom - top)
            return replace(shape, x=nx, y=ny, w=nw, h=nh)
        case ScenePolyline():
            bx, by, bw, bh = scene_bounds(shape)
            left, top, right, bottom = _edges_after_drag((bx, by, bw, bh), handle, x, y)
            sx = (right - left) / bw if bw else 1.0
            sy = (bottom - top) / bh if bh else 1.0
            ox = left if bw else 0.0
            oy = top if bh else 0.0
            points = tuple(((px - bx) * sx + ox if bw else px, (py - by) * sy + oy if bh else py)
                           for px, py in shape.points)
            return ScenePolyline(points, shape.closed)
    raise ValueError(f"{type(shape).__name__} has no handle {handle!r}")
