import io
from pathlib import Path

import piexif
import pytest
from PIL import Image, ImageChops, ImageCms, ImageOps, ImageStat

from server.ingest.derivatives import (
    MediaRejected,
    make_photo_derivatives,
    make_video_derivatives,
    open_for_thumbnail,
    probe_image,
    probe_video,
    video_frame_at,
)
from server.ingest.phash import dhash, hamming
from tests.server.ingest.conftest import EXIF_SAMPLES
from tests.support.media import (
    make_broken_mp4,
    make_heic,
    make_jpeg,
    make_png,
    make_png_bomb,
    make_video,
    photo_image,
    truncate,
)

ORIENTATION_FIXTURES = sorted((EXIF_SAMPLES / "orientation").glob("*.jpg"))


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, 0..255."""
    b = b.convert("RGB").resize(a.size, Image.Resampling.BILINEAR)
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b)).mean) / 3


def assert_no_metadata(path: Path) -> None:
    data = path.read_bytes()
    exif = piexif.load(data)
    assert all(not exif[ifd] for ifd in ("0th", "Exif", "GPS", "Interop", "1st")), exif
    assert exif["thumbnail"] is None
    assert b"Exif\x00\x00" not in data
    assert b"http://ns.adobe.com/xap" not in data
    assert b"ICC_PROFILE" not in data
    assert b"\xff\xfe" not in data[: data.index(b"\xff\xda")]  # no COM segment
    with Image.open(path) as im:
        assert im.format == "JPEG" and im.mode == "RGB"
        assert not {"exif", "icc_profile", "xmp", "comment"} & set(im.info)


def test_sizes_follow_the_long_edge_and_never_upscale(tmp_path):
    cases = [((4032, 3024), (1280, 960), (256, 192)), ((900, 1600), (720, 1280), (144, 256)),
             ((800, 600), (800, 600), (256, 192)), ((200, 100), (200, 100), (200, 100))]
    for index, (size, large, small) in enumerate(cases):
        src = make_jpeg(tmp_path / f"{index}.jpg", width=size[0], height=size[1], seed=index)
        made = make_photo_derivatives(src, "image/jpeg", tmp_path / f"out{index}")
        assert Image.open(made.thumb_1280).size == large
        assert Image.open(made.thumb_256).size == small
        assert (made.width, made.height) == size
        assert made.poster is None and not made.partial


def in_srgb(im: Image.Image) -> Image.Image:
    """The picture as the derivatives show it: colours converted to sRGB from its ICC profile."""
    icc = im.info.get("icc_profile")
    rgb = im.convert("RGB")
    if not icc:
        return rgb
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    return ImageCms.profileToProfile(rgb, source, ImageCms.createProfile("sRGB"), outputMode="RGB")


@pytest.mark.parametrize("path", ORIENTATION_FIXTURES, ids=lambda p: p.name)
def test_orientation_is_applied_like_exif_transpose(tmp_path, path):
    made = make_photo_derivatives(path, "image/jpeg", tmp_path)
    with Image.open(path) as original:
        upright = in_srgb(ImageOps.exif_transpose(original))
        stored = in_srgb(original)
    thumb = Image.open(made.thumb_1280)
    assert thumb.size == upright.size == (made.width, made.height)
    right = mean_difference(thumb, upright)
    assert right < 8
    # Every other way of turning the stored pixels is clearly worse.
    for method in Image.Transpose:
        wrong = stored.transpose(method)
        if wrong.size == thumb.size and mean_difference(wrong, upright) > 1:
            assert mean_difference(thumb, wrong) > 3 * right, method
    assert mean_difference(Image.open(made.thumb_256), upright) < 10


def test_colours_are_converted_to_srgb(tmp_path):
    # landscape_1 has no profile; landscape_2 is the same scene with a wide-gamut profile.
    plain = make_photo_derivatives(EXIF_SAMPLES / "orientation" / "landscape_1.jpg", "image/jpeg", tmp_path / "1")
    tagged = make_photo_derivatives(EXIF_SAMPLES / "orientation" / "landscape_2.jpg", "image/jpeg", tmp_path / "2")
    with Image.open(EXIF_SAMPLES / "orientation" / "landscape_2.jpg") as raw:
        assert raw.info.get("icc_profile")
        unconverted = ImageOps.exif_transpose(raw).convert("RGB")
    a, b = Image.open(plain.thumb_1280), Image.open(tagged.thumb_1280)
    assert mean_difference(a, b) < mean_difference(a, unconverted) / 1.5


def test_generated_orientation_6_becomes_portrait(tmp_path):
    src = make_jpeg(tmp_path / "o6.jpg", width=1600, height=1200, orientation=6)
    made = make_photo_derivatives(src, "image/jpeg", tmp_path / "out")
    assert Image.open(made.thumb_1280).size == (960, 1280)
    assert (made.width, made.height) == (1200, 1600)


def test_outputs_carry_no_metadata(tmp_path):
    picture = photo_image(1600, 1200, seed=3)
    from tests.support.media import exif_bytes

    src = tmp_path / "loaded.jpg"
    picture.save(
        src, "JPEG", quality=90, comment=b"shot at 31.2N 121.4E",
        exif=exif_bytes(lat=31.2304, lon=121.4737, alt=10.0, make="HUAWEI", software="Meitu"),
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>31,13.8N</exif:GPSLatitude></x:xmpmeta>',
    )
    assert piexif.load(str(src))["GPS"]  # the source really has GPS
    made = make_photo_derivatives(src, "image/jpeg", tmp_path / "out")
    for path in (made.thumb_1280, made.thumb_256):
        assert_no_metadata(path)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["thumb_1280.jpg", "thumb_256.jpg"]


def test_draft_mode_scales_a_12_mp_jpeg_in_the_decoder(tmp_path):
    src = make_jpeg(tmp_path / "12mp.jpg", width=4032, height=3024, lat=31.0, lon=121.0)
    im, drafted = open_for_thumbnail(src, "image/jpeg")
    with im:
        assert drafted is not None
        # libjpeg decodes at 1/2: the largest DCT scale that keeps the long edge >= 1280.
        assert im.size == (2016, 1512)
        assert drafted[1] == (0, 0, 2016.0, 1512.0)
        im.load()
        assert im.size == (2016, 1512) and im.mode == "RGB"
    with Image.open(src) as full:
        assert full.size == (4032, 3024)
    made = make_photo_derivatives(src, "image/jpeg", tmp_path / "out")
    assert Image.open(made.thumb_1280).size == (1280, 960)
    # The thumbnail from the draft decode looks like a full decode scaled down.
    with Image.open(src) as full:
        reference = full.resize((1280, 960), Image.Resampling.LANCZOS)
    assert mean_difference(Image.open(made.thumb_1280), reference) < 3


def test_a_small_target_decodes_at_an_eighth(tmp_path):
    src = make_jpeg(tmp_path / "12mp.jpg", width=4032, height=3024, quality=70)
    im, drafted = open_for_thumbnail(src, "image/jpeg", target=256)
    with im:
        assert drafted is not None and im.size == (504, 378)


def test_heic_png_and_transparent_png(tmp_path):
    heic = make_photo_derivatives(make_heic(tmp_path / "p.heic", width=640, height=480, orientation=6),
                                  "image/heic", tmp_path / "h")
    assert Image.open(heic.thumb_1280).size == (480, 640)  # upright once, not twice
    assert (heic.width, heic.height) == (480, 640)
    assert_no_metadata(heic.thumb_1280)
    png = make_photo_derivatives(make_png(tmp_path / "p.png", width=2000, height=1000, lat=1.0, lon=2.0),
                                 "image/png", tmp_path / "p")
    assert Image.open(png.thumb_1280).size == (1280, 640)
    assert_no_metadata(png.thumb_256)
    turned = make_png(tmp_path / "o.png", width=400, height=300, orientation=8)
    made = make_photo_derivatives(turned, "image/png", tmp_path / "o")
    assert Image.open(made.thumb_1280).size == (300, 400) and (made.width, made.height) == (300, 400)
    rgba = make_png(tmp_path / "a.png", width=300, height=200, mode="RGBA")
    assert Image.open(make_photo_derivatives(rgba, "image/png", tmp_path / "a").thumb_256).mode == "RGB"


def test_png_bomb_is_refused_from_the_header(tmp_path):
    bomb = make_png_bomb(tmp_path / "bomb.png", 30000, 30000)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(MediaRejected) as caught:
        probe_image(bomb, "image/png")
    assert caught.value.status == 413 and caught.value.code == "image_too_large"
    assert "30000x30000" in caught.value.message_en and "30000×30000" in caught.value.message_zh
    # Below Pillow's own limit our limit still holds.
    with pytest.raises(MediaRejected) as caught:
        probe_image(make_png_bomb(tmp_path / "b2.png", 9000, 9000), "image/png", max_pixels=50_000_000)
    assert "81 MP" in caught.value.message_en


def test_probe_image_accepts_real_photos_and_refuses_garbage(tmp_path):
    assert probe_image(make_jpeg(tmp_path / "a.jpg", width=640, height=480), "image/jpeg") == (640, 480)
    assert probe_image(make_heic(tmp_path / "a.heic", width=320, height=240), "image/heic") == (320, 240)
    html = tmp_path / "page.jpg"
    html.write_bytes(b"\xff\xd8\xff<html><body>hello</body></html>")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    for path in (html, empty):
        with pytest.raises(MediaRejected) as caught:
            probe_image(path, "image/jpeg")
        assert caught.value.status == 422
    with pytest.raises(MediaRejected) as caught:
        probe_image(html, "image/gif")
    assert caught.value.status == 415


def test_truncated_jpeg_gives_a_partial_thumbnail(tmp_path):
    src = make_jpeg(tmp_path / "t.jpg", width=1600, height=1200, seed=5)
    whole = make_photo_derivatives(src, "image/jpeg", tmp_path / "whole")
    truncate(src, int(src.stat().st_size * 0.6))
    assert probe_image(src, "image/jpeg") == (1600, 1200)  # the header is intact
    part = make_photo_derivatives(src, "image/jpeg", tmp_path / "part")
    assert part.partial
    assert Image.open(part.thumb_1280).size == (1280, 960)
    top = (0, 0, 1280, 400)  # the first rows survived
    assert mean_difference(Image.open(part.thumb_1280).crop(top), Image.open(whole.thumb_1280).crop(top)) < 3


def test_jpeg_cut_inside_the_header_is_rejected_clearly(tmp_path):
    src = truncate(make_jpeg(tmp_path / "t.jpg", width=640, height=480), 300)
    with pytest.raises(MediaRejected) as caught:
        make_photo_derivatives(src, "image/jpeg", tmp_path / "out")
    assert caught.value.code == "undecodable_image" and caught.value.message_zh
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_broken_mp4_is_rejected_by_probe_video(tmp_path):
    with pytest.raises(MediaRejected) as caught:
        probe_video(make_broken_mp4(tmp_path / "broken.mp4"))
    assert caught.value.code == "unreadable_video" and caught.value.status == 422
    audio_only = tmp_path / "empty.mp4"
    audio_only.write_bytes(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
    with pytest.raises(MediaRejected):
        probe_video(audio_only)
    assert probe_video(make_video(tmp_path / "ok.mp4", seconds=0.5, size=(160, 96))) == (160, 96)


def test_video_poster_is_the_keyframe_after_one_second(tmp_path):
    # Scene A before 1 s, scene B after, a keyframe every second.
    src = make_video(tmp_path / "cut.mp4", seconds=3, fps=10, size=(320, 240), gop=10, cut_at_s=1.0, seed=7)
    made = make_video_derivatives(src, tmp_path / "out")
    poster = Image.open(made.poster)
    assert poster.size == (320, 240) and (made.width, made.height) == (320, 240)
    scene_a = photo_image(640, 240, seed=7, noise=0).crop((0, 0, 320, 240))
    scene_b = photo_image(640, 240, seed=8, noise=0).crop((30, 0, 350, 240))
    assert mean_difference(poster, scene_b) < mean_difference(poster, scene_a) / 2
    assert hamming(made.phash, dhash(scene_b)) <= 6
    assert Image.open(made.thumb_256).size == (256, 192)
    for path in (made.poster, made.thumb_1280, made.thumb_256):
        assert_no_metadata(path)


def test_short_clip_uses_the_first_frame(tmp_path):
    src = make_video(tmp_path / "short.mp4", seconds=0.5, fps=10, size=(160, 120), seed=9)
    made = make_video_derivatives(src, tmp_path / "out")
    first = photo_image(320, 120, seed=9, noise=0).crop((0, 0, 160, 120))
    assert mean_difference(Image.open(made.poster), first) < 12


def test_video_poster_follows_the_display_matrix(tmp_path):
    # A phone held upright records landscape pixels and a -90 degree display rotation.
    src = make_video(tmp_path / "upright.mp4", seconds=1.5, fps=10, size=(320, 240), rotation=-90, seed=11)
    made = make_video_derivatives(src, tmp_path / "out")
    poster = Image.open(made.poster)
    assert poster.size == (240, 320)
    stored = photo_image(640, 240, seed=11, noise=0).crop((0, 0, 320, 240))
    clockwise = stored.transpose(Image.Transpose.ROTATE_270)
    counter = stored.transpose(Image.Transpose.ROTATE_90)
    assert mean_difference(poster, clockwise) < mean_difference(poster, counter) / 2


def test_the_frame_at_a_moment_is_the_one_shown_then(tmp_path):
    # Frame i (10 per second) shows its scene panned 3 px per frame; scene B from 1 s on; a
    # keyframe every second, so 1.5 s is decoded forward from the keyframe at 1 s.
    src = make_video(tmp_path / "cut.mp4", seconds=3, fps=10, size=(320, 240), gop=10, cut_at_s=1.0, seed=7)

    def shown(seed: int, index: int) -> Image.Image:
        return photo_image(640, 240, seed=seed, noise=0).crop((3 * index, 0, 3 * index + 320, 240))

    for time_ms, seed, index in ((500, 7, 5), (1500, 8, 15), (1549, 8, 15), (10_000, 8, 29)):
        frame = video_frame_at(src, time_ms)
        assert frame is not None and frame.size == (320, 240)
        right = mean_difference(frame, shown(seed, index))
        for other in (index - 5, index + 5):
            assert right < mean_difference(frame, shown(seed, other)) / 2, (time_ms, other)


def test_a_moment_of_an_upright_video_is_upright(tmp_path):
    src = make_video(tmp_path / "upright.mp4", seconds=1.5, fps=10, size=(320, 240), rotation=-90, seed=11)
    assert video_frame_at(src, 700).size == (240, 320)


def test_no_frame_from_a_broken_or_missing_video(tmp_path):
    assert video_frame_at(make_broken_mp4(tmp_path / "broken.mp4"), 0) is None
    assert video_frame_at(tmp_path / "missing.mp4", 0) is None


def test_writes_are_atomic_and_leave_no_temp_files(tmp_path):
    src = make_jpeg(tmp_path / "a.jpg", width=640, height=480)
    out = tmp_path / "out"
    make_photo_derivatives(src, "image/jpeg", out)
    make_photo_derivatives(src, "image/jpeg", out)  # again over the old files
    assert sorted(p.name for p in out.iterdir()) == ["thumb_1280.jpg", "thumb_256.jpg"]
    with Image.open(io.BytesIO((out / "thumb_256.jpg").read_bytes())) as im:
        im.load()
