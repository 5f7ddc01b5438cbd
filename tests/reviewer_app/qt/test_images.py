"""Photos decoded off the GUI thread with their EXIF orientation, and the thumbnail disk cache."""

import threading
import time
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QImage

from reviewer_app.qt.images import ImageDecodeError, ImageLoader, ThumbnailCache, image_size, read_image
from tests.reviewer_app.conftest import EXIF_ORIENTATION

ORIENTATION_TAG = 0x0112


@pytest.fixture(scope="session")
def big_jpeg(tmp_path_factory) -> Path:
    """A 12 MP JPEG stored sideways (4000x3000, EXIF orientation 6: shown rotated 90° clockwise),
    with a red block in the stored top-left corner, which is the displayed top-right corner."""
    path = tmp_path_factory.mktemp("photos") / "12mp-orientation-6.jpg"
    gradient = Image.linear_gradient("L").resize((4000, 3000))
    image = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT), gradient))
    image.paste((255, 0, 0), (0, 0, 400, 300))
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = 6
    image.save(path, quality=90, exif=exif.tobytes())
    return path


def mean_difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference of two images shrunk to 32x24, 0..255."""
    a = a.scaled(32, 24).convertToFormat(QImage.Format.Format_RGB32)
    b = b.scaled(32, 24).convertToFormat(QImage.Format.Format_RGB32)
    total = 0
    for y in range(24):
        for x in range(32):
            ca, cb = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
            total += abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue())
    return total / (32 * 24 * 3)


def is_red(image: QImage, x: int, y: int) -> bool:
    colour = QColor(image.pixel(x, y))
    return colour.red() > 200 and colour.green() < 60 and colour.blue() < 60


@pytest.mark.parametrize("kind", ["landscape", "portrait"])
def test_every_exif_orientation_is_shown_upright(qapp, kind):
    upright = read_image(EXIF_ORIENTATION / f"{kind}_1.jpg")
    expected = QSize(600, 450) if kind == "landscape" else QSize(450, 600)
    assert upright.size() == expected
    for n in range(2, 9):
        path = EXIF_ORIENTATION / f"{kind}_{n}.jpg"
        image = read_image(path)
        assert image.size() == expected, path.name
        assert image_size(path) == expected, path.name
        # Each sample prints its own number in the middle: upright ones differ by about 15, a
        # mirrored or turned one by 50 or more.
        assert mean_difference(image, upright) < 25, path.name
        # The same, decoded small for a thumbnail.
        thumbnail = read_image(path.read_bytes(), max_side=200)
        assert max(thumbnail.width(), thumbnail.height()) == 200
        assert mean_difference(thumbnail, upright) < 25, path.name


def test_broken_bytes_raise_a_readable_error(qapp):
    with pytest.raises(ImageDecodeError):
        read_image(b"\xff\xd8\xff\xe0 not really a jpeg")


def test_a_12_megapixel_photo_is_decoded_off_the_gui_thread(qtbot, runner, big_jpeg):
    loader = ImageLoader(runner)
    decoding_threads = []

    def fetch() -> bytes:
        decoding_threads.append(threading.current_thread())
        return big_jpeg.read_bytes()

    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(5)
    started = time.monotonic()
    with qtbot.waitSignal(loader.imageLoaded, timeout=20_000) as loaded:
        loader.load("evidence-7", fetch)
    elapsed = time.monotonic() - started
    timer.stop()
    key, image = loaded.args
    assert key == "evidence-7"
    assert decoding_threads and decoding_threads[0] is not threading.main_thread()
    assert image.size() == QSize(3000, 4000)  # orientation 6 applied
    assert is_red(image, 2990, 10)  # the stored top-left corner is shown top-right
    assert not is_red(image, 10, 10)
    # The GUI thread kept running its event loop while the photo was decoded.
    assert len(ticks) >= max(2, int(elapsed / 0.005) // 4), (len(ticks), elapsed)


def test_thumbnails_come_from_the_disk_cache_the_second_time(qtbot, runner, big_jpeg, tmp_path):
    cache = ThumbnailCache(tmp_path / "thumbs")
    loader = ImageLoader(runner, cache)
    sha = "ab" * 32
    fetches = []

    def fetch() -> bytes:
        fetches.append(1)
        return big_jpeg.read_bytes()

    with qtbot.waitSignal(loader.imageLoaded, timeout=20_000) as first:
        loader.load_thumbnail(sha, fetch, size=256)
    assert first.args[0] == sha
    assert first.args[1].size() == QSize(192, 256)
    assert cache.path_for(sha, 256).is_file()
    with qtbot.waitSignal(loader.imageLoaded, timeout=20_000) as second:
        loader.load_thumbnail(sha, fetch, size=256)
    assert fetches == [1]
    assert second.args[1].size() == QSize(192, 256)


def test_a_newer_request_replaces_an_older_one(qtbot, runner):
    loader = ImageLoader(runner)
    gate = threading.Event()
    path = EXIF_ORIENTATION / "landscape_1.jpg"
    loaded = []
    loader.imageLoaded.connect(lambda key, image: loaded.append(image.size()))
    loader.load("photo", lambda: gate.wait() and path, max_side=100)
    loader.load("photo", path)
    gate.set()
    qtbot.waitUntil(lambda: runner.active_count() == 0)
    assert loaded == [QSize(600, 450)]
    assert loader.pending() == 0


def test_failures_are_reported_by_key(qtbot, runner):
    loader = ImageLoader(runner)
    with qtbot.waitSignal(loader.imageFailed) as failed:
        loader.load("bad", b"GIF89a but not really")
    assert failed.args[0] == "bad" and failed.args[1]


def test_the_cache_refuses_odd_keys_and_forgets_the_least_recently_used(qapp, tmp_path):
    cache = ThumbnailCache(tmp_path, max_bytes=1)
    with pytest.raises(ValueError):
        cache.path_for("../../etc/passwd")
    image = read_image(EXIF_ORIENTATION / "landscape_1.jpg", max_side=64)
    old, new = "0" * 64, "1" * 64
    cache.put(old, image, 64)
    time.sleep(0.01)
    cache.put(new, image, 64)
    one = cache.path_for(new, 64).stat().st_size
    cache.max_bytes = one
    cache.prune()
    assert cache.get(old, 64) is None
    assert cache.get(new, 64) is not None
    cache.path_for(new, 64).write_bytes(b"damaged")
    assert cache.get(new, 64) is None and not cache.path_for(new, 64).exists()
