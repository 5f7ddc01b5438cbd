"""Annotated renders: officers' shapes (shared.annotations) drawn onto a copy of a photo.

Shapes are in normalized coordinates of the displayed image, that is after the EXIF orientation
is applied, so the photo is turned upright first and x, y in 0..1 are multiplied by its width
and height. The original file is only read. Line widths and text sizes follow the image size, so
a thumbnail and a full-size render look alike.
"""

import io
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

from PIL import Image, ImageDraw, ImageFont, ImageOps

from server.report.fonts import cjk_font_candidates
from shared.annotations import Arrow, Ellipse, Point, Polyline, Rect, Shape, Text

DEFAULT_COLOUR = "#ff3b30"
ImageSource = Path | str | bytes | Image.Image


class AnnotationLike(Protocol):
    """shared.annotations.AnnotationIn / AnnotationOut, or anything shaped like them."""

    shape: Shape
    colour: str
    label: str


def _register_heif() -> None:
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # pragma: no cover - pillow-heif is a server dependency
        return
    register_heif_opener()


@cache
def _font_file() -> str | None:
    for path in cjk_font_candidates():
        try:
            ImageFont.truetype(str(path), 12)
        except OSError:
            continue
        return str(path)
    return None


def label_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font for labels, with Chinese glyphs when a CJK font is installed."""
    size = max(8, int(size))
    path = _font_file()
    if path is not None:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def parse_colour(colour: str | None) -> tuple[int, int, int]:
    text = (colour or DEFAULT_COLOUR).lstrip("#")
    try:
        return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))
    except (ValueError, IndexError):
        return parse_colour(DEFAULT_COLOUR)


def load_upright(source: ImageSource, *, max_size: int | None = None) -> Image.Image:
    """The image as displayed: EXIF orientation applied, RGB, optionally fitted within
    max_size x max_size (JPEGs are then decoded at reduced scale, which is fast and small)."""
    if isinstance(source, Image.Image):
        image = source.copy()
    else:
        _register_heif()
        handle = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
        with handle:
            image = Image.open(handle)
            if max_size:
                image.draft("RGB", (max_size, max_size))
            image.load()
    image = ImageOps.exif_transpose(image)
    if image.mode != "RGB":
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    if max_size and max(image.size) > max_size:
        image.thumbnail((max_size, max_size), Image.Resampling.LANCZOS)
    return image


def _contrast(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    luminance = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
    return (0, 0, 0) if luminance > 150 else (255, 255, 255)


class _Painter:
    def __init__(self, image: Image.Image):
        self.image = image
        self.draw = ImageDraw.Draw(image)
        self.w, self.h = image.size
        self.line = max(2, round(min(self.w, self.h) / 250))

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return (x * self.w, y * self.h)

    def box(self, x: float, y: float, w: float, h: float) -> list[float]:
        x0, y0 = self.xy(x, y)
        x1, y1 = self.xy(x + w, y + h)
        return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]

    def shape(self, shape: Shape, rgb: tuple[int, int, int]) -> tuple[float, float]:
        """Draw one shape; returns where its label goes (top-left anchor in pixels)."""
        draw, width = self.draw, self.line
        if isinstance(shape, Rect):
            box = self.box(shape.x, shape.y, shape.w, shape.h)
            draw.rectangle(box, outline=rgb, width=width)
            return (box[0], box[1])
        if isinstance(shape, Ellipse):
            box = self.box(shape.x, shape.y, shape.w, shape.h)
            draw.ellipse(box, outline=rgb, width=width)
            return (box[0], box[1])
        if isinstance(shape, Arrow):
            tail, head = self.xy(shape.x1, shape.y1), self.xy(shape.x2, shape.y2)
            draw.line([tail, head], fill=rgb, width=width)
            angle = math.atan2(head[1] - tail[1], head[0] - tail[0])
            length = max(4 * width, min(self.w, self.h) / 30)
            wings = [(head[0] - length * math.cos(angle + s), head[1] - length * math.sin(angle + s))
                     for s in (math.pi / 7, -math.pi / 7)]
            draw.polygon([head, *wings], fill=rgb)
            return tail
        if isinstance(shape, Polyline):
            points = [self.xy(x, y) for x, y in shape.points]
            if shape.closed:
                points.append(points[0])
            draw.line(points, fill=rgb, width=width, joint="curve")
            return (min(p[0] for p in points), min(p[1] for p in points))
        if isinstance(shape, Point):
            cx, cy = self.xy(shape.x, shape.y)
            radius = max(3 * width, min(self.w, self.h) / 80)
            draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=rgb,
                         outline=_contrast(rgb), width=max(1, width // 2))
            return (cx + radius, cy - radius)
        if isinstance(shape, Text):
            x, y = self.xy(shape.x, shape.y)
            font = label_font(shape.size * self.h)
            outline = max(1, round(shape.size * self.h / 15))
            draw.text((x, y), shape.text, font=font, fill=rgb, stroke_width=outline, stroke_fill=_contrast(rgb))
            return (x, y + shape.size * self.h * 1.3)
        raise TypeError(f"unknown annotation shape {type(shape).__name__}")

    def label(self, text: str, anchor: tuple[float, float], rgb: tuple[int, int, int]) -> None:
        """The label in a filled box just above the anchor (below it at the top edge)."""
        font = label_font(max(12, self.h * 0.03))
        left, top, right, bottom = self.draw.textbbox((0, 0), text, font=font)
        pad = max(2, self.line)
        width, height = right - left + 2 * pad, bottom - top + 2 * pad
        x = min(max(0, anchor[0]), max(0, self.w - width))
        y = anchor[1] - height - self.line
        if y < 0:
            y = anchor[1] + self.line
        self.draw.rectangle([x, y, x + width, y + height], fill=rgb)
        self.draw.text((x + pad - left, y + pad - top), text, font=font, fill=_contrast(rgb))


def draw_annotations(image: Image.Image, annotations: Sequence[AnnotationLike | Shape]) -> Image.Image:
    """A copy of `image` (already upright) with the annotations drawn on it."""
    return _draw_into(image.convert("RGB") if image.mode != "RGB" else image.copy(), annotations)


def _draw_into(canvas: Image.Image, annotations: Sequence[AnnotationLike | Shape]) -> Image.Image:
    painter = _Painter(canvas)
    for annotation in annotations:
        shape = getattr(annotation, "shape", annotation)
        rgb = parse_colour(getattr(annotation, "colour", None))
        anchor = painter.shape(shape, rgb)
        label = (getattr(annotation, "label", "") or "").strip()
        if label:
            painter.label(label, anchor, rgb)
    return canvas


def render_annotated(source: ImageSource, annotations: Sequence[AnnotationLike | Shape], *,
                     max_size: int | None = None, quality: int = 88) -> bytes:
    """JPEG bytes of the upright photo with the annotations drawn on it (no metadata copied;
    the original in the archive keeps its own). Use max_size for thumbnails."""
    image = _draw_into(load_upright(source, max_size=max_size), annotations)  # a fresh image: draw in place
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()
