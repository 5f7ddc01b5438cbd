"""Annotated renders: shapes land where the normalized coordinates say, on the upright image."""

import hashlib
import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from server.report.fonts import cjk_font_candidates
from server.report.render import draw_annotations, label_font, load_upright, render_annotated
from shared.annotations import AnnotationIn, Arrow, Ellipse, Point, Polyline, Rect, Text
from tests.server.bagit.util import jpeg_bytes

GREY = (128, 128, 128)


def is_red(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 200 and g < 80 and b < 80


def test_a_red_rectangle_is_drawn_where_its_coordinates_say(tmp_path):
    source = tmp_path / "grey.png"
    Image.new("RGB", (400, 300), GREY).save(source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    rect = AnnotationIn(shape=Rect(x=0.25, y=0.2, w=0.5, h=0.6), colour="#ff0000")
    image = draw_annotations(load_upright(source), [rect])
    # Edges at x = 100..300, y = 60..240; the line is 2 px wide, drawn inwards.
    for xy in [(100, 150), (101, 150), (299, 150), (200, 60), (200, 239), (100, 60)]:
        assert is_red(image.getpixel(xy)), xy
    for xy in [(200, 150), (97, 150), (303, 150), (200, 56), (50, 50)]:
        assert image.getpixel(xy) == GREY, xy
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # the original is untouched


def test_orientation_is_applied_before_drawing(tmp_path):
    """Stored 300x200 landscape with EXIF orientation 6: shown as 200x300 portrait. A mark at the
    displayed top-left must land at the top-left of the upright render."""
    stored = Image.new("RGB", (300, 200), GREY)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "rotated.jpg"
    stored.save(path, format="JPEG", quality=95, exif=exif)
    jpeg = render_annotated(path, [AnnotationIn(shape=Rect(x=0.0, y=0.0, w=0.2, h=0.2), colour="#ff0000")])
    out = Image.open(io.BytesIO(jpeg))
    assert out.size == (200, 300)
    assert is_red(out.getpixel((1, 30)))  # left edge of the rect, near the displayed top
    assert not is_red(out.getpixel((190, 290)))


def test_every_shape_draws_and_labels_in_chinese(tmp_path):
    base = Image.new("RGB", (600, 400), GREY)
    shapes = [
        AnnotationIn(shape=Ellipse(x=0.1, y=0.1, w=0.3, h=0.2), colour="#00ff00", label="楼层"),
        AnnotationIn(shape=Arrow(x1=0.9, y1=0.9, x2=0.6, y2=0.6), colour="#0000ff"),
        AnnotationIn(shape=Polyline(points=[(0.1, 0.9), (0.3, 0.7), (0.5, 0.9)], closed=True), colour="#ffff00"),
        AnnotationIn(shape=Point(x=0.5, y=0.5), colour="#ff00ff", label="此处"),
        AnnotationIn(shape=Text(x=0.6, y=0.05, text="未封顶", size=0.08), colour="#00ffff"),
    ]
    image = draw_annotations(base, shapes)
    assert base.getpixel((300, 200)) == GREY  # draw_annotations works on a copy
    assert image.getpixel((300, 200))[:3] == (255, 0, 255)  # the point's fill
    assert image.getpixel((int(0.1 * 600) + 1, int(0.2 * 400))) == (0, 255, 0)  # ellipse's left extreme
    assert image.getpixel((int(0.6 * 600) + 1, int(0.6 * 400) + 1))[2] > 200  # arrow head
    changed = ImageChops.difference(image, base).convert("L").point(lambda v: 255 if v else 0).histogram()[255]
    assert changed > 2000


@pytest.mark.skipif(not cjk_font_candidates(), reason="no CJK font installed (Debian: fonts-wqy-microhei)")
def test_labels_use_a_font_with_chinese_glyphs():
    font = label_font(24)
    # Distinct glyphs for distinct characters: a font without them draws the same box for both.
    def glyph(char: str) -> bytes:
        canvas = Image.new("L", (40, 40))
        ImageDraw.Draw(canvas).text((4, 4), char, font=font, fill=255)
        return canvas.tobytes()

    assert glyph("审") != glyph("批")
    assert any(glyph("审"))


def test_thumbnails_are_small_and_upright(tmp_path):
    big = tmp_path / "big.jpg"
    big.write_bytes(jpeg_bytes(Image.new("RGB", (4000, 3000), GREY)))
    jpeg = render_annotated(big, [AnnotationIn(shape=Rect(x=0.1, y=0.1, w=0.2, h=0.2))], max_size=500)
    assert Image.open(io.BytesIO(jpeg)).size == (500, 375)
