"""Which moments of an evidence video an archive draws, and what it draws when a moment cannot
be decoded (the content functions on their own, without a case)."""

import io

from PIL import Image

from server.domain.archive.content import AnnotatedFrame, annotated_frame_chunks, video_frames
from shared.annotations import AnnotationIn, Rect
from tests.support.media import make_broken_mp4

BOX = Rect(x=0.25, y=0.25, w=0.5, h=0.5)


def annotation(time_ms: int | None, label: str) -> AnnotationIn:
    return AnnotationIn(shape=BOX, colour="#0000ff", label=label, time_ms=time_ms)


def test_one_render_per_moment_with_the_timeless_annotations_on_each():
    row = {"requirement_key": "walk", "sha256": "83a39020" + "0" * 56}
    at_2s, again_2s, at_500, always = (annotation(2000, "a"), annotation(2000, "b"), annotation(500, "c"),
                                       annotation(None, "d"))
    frames = video_frames(4, row, [at_2s, always, at_500, again_2s])
    assert [(f.time_ms, f.path, [a.label for a in f.annotations]) for f in frames] == [
        (500, "data/annotated/04_walk_83a39020_t500ms.jpg", ["c", "d"]),
        (2000, "data/annotated/04_walk_83a39020_t2000ms.jpg", ["a", "b", "d"]),
    ]
    # Only timeless ones: drawn on the first frame. None at all: nothing to render.
    assert [f.time_ms for f in video_frames(4, row, [always])] == [0]
    assert video_frames(4, row, []) == []


def test_an_undecodable_moment_is_drawn_on_grey_at_the_video_size(tmp_path):
    broken = make_broken_mp4(tmp_path / "broken.mp4")
    frame = AnnotatedFrame(time_ms=1000, path="data/annotated/x.jpg", annotations=[annotation(1000, "门")])
    jpeg = b"".join(annotated_frame_chunks(broken, frame, (320, 240)))
    with Image.open(io.BytesIO(jpeg)) as picture:
        assert picture.size == (320, 240)
        rgb = picture.convert("RGB")
        assert max(abs(c - 128) for c in rgb.getpixel((10, 10))) <= 3  # grey, give or take JPEG
        edge = [rgb.getpixel((x, 120)) for x in range(234, 247)]
        assert any(b > 120 and r < 60 and g < 60 for r, g, b in edge), edge
