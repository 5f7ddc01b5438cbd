"""Reviewer app tests run without a display: Qt's offscreen platform, set before Qt loads.

The fixtures the Qt and application tests share: compiled translations, a task runner, widgets put
on screen for a test, an annotator on a plain photo, and a real H.264 video.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import av
from PIL import Image
from PySide6.QtGui import QColor, QImage

from reviewer_app.qt.i18n import I18N_DIR, Translations
from reviewer_app.qt.viewer import ImageAnnotator
from reviewer_app.qt.workers import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "reviewer_app"
EXIF_ORIENTATION = ROOT / "tests" / "fixtures" / "exif-samples" / "orientation"


def qt_tool(name: str) -> Path:
    """A PySide6 command-line tool: the project's virtualenv, else beside the Python running the
    tests (a worktree uses another checkout's virtualenv), else on PATH."""
    for folder in (ROOT / ".venv" / "bin", Path(sys.executable).parent):
        if (folder / name).exists():
            return folder / name
    found = shutil.which(name)
    return Path(found) if found else ROOT / ".venv" / "bin" / name


LRELEASE = qt_tool("pyside6-lrelease")
LUPDATE = qt_tool("pyside6-lupdate")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Screenshots for a person to look at (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# ----- translations and background work ---------------------------------------------------------


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory) -> Path:
    """The .ts sources compiled to .qm in a temp dir, as the install step does next to them."""
    out = tmp_path_factory.mktemp("qm")
    assert LRELEASE.exists(), "pyside6-lrelease not found"
    sources = sorted(I18N_DIR.glob("*.ts"))
    assert sources, f"no .ts files in {I18N_DIR}"
    for ts in sources:
        subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(out / f"{ts.stem}.qm")], check=True)
    return out


@pytest.fixture
def translations(qapp, qm_dir):
    """The app's translations, switchable; English again afterwards so tests do not leak."""
    translations = Translations(qapp, qm_dirs=[qm_dir])
    yield translations
    translations.install("en")
    translations.deleteLater()


@pytest.fixture
def runner(qapp):
    runner = TaskRunner(max_threads=4)
    yield runner
    runner.shutdown()


# ----- widgets on screen ------------------------------------------------------------------------


@pytest.fixture
def on_screen(qtbot):
    """Hand a new widget to qtbot (closed after the test), sized, shown and, with `exposed`,
    waited for until the window system has drawn it."""

    def place(widget, width: int | None = None, height: int | None = None, *, show: bool = True,
              exposed: bool = False):
        qtbot.addWidget(widget)
        if width is not None and height is not None:
            widget.resize(width, height)
        if show:
            widget.show()
        if exposed:
            qtbot.waitExposed(widget)
        return widget

    return place


def solid_image(width: int, height: int, colour: str = "#4682b4") -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


@pytest.fixture
def photo_annotator(on_screen):
    """An annotator in a window of `window` size showing a plain photo of `photo` size, at `zoom`
    (fitted without it), with the keyboard focus in its view."""

    def make(window: tuple[int, int], photo: tuple[int, int], *, zoom: float | None = None) -> ImageAnnotator:
        annotator = on_screen(ImageAnnotator(), *window, exposed=True)
        annotator.show_image(solid_image(*photo))
        if zoom is not None:
            annotator.view.set_zoom(zoom)
        annotator.view.setFocus()
        return annotator

    return make


# ----- a video ----------------------------------------------------------------------------------

VIDEO_FPS = 25
VIDEO_FRAMES = 50  # 2 seconds
VIDEO_WIDTH, VIDEO_HEIGHT = 320, 240


def frame_red(index: int) -> int:
    """Frame i is a flat colour whose red channel counts the frames, to tell where a seek landed."""
    return 5 * index


@pytest.fixture(scope="session")
def video_file(tmp_path_factory) -> Path:
    """A real 2 s H.264 MP4 at 25 fps, written with PyAV."""
    path = tmp_path_factory.mktemp("video") / "site-walk.mp4"
    with av.open(str(path), "w") as container:
        codec = "libx264" if "libx264" in av.codecs_available else "mpeg4"
        stream = container.add_stream(codec, rate=VIDEO_FPS)
        stream.width, stream.height, stream.pix_fmt = VIDEO_WIDTH, VIDEO_HEIGHT, "yuv420p"
        if codec == "libx264":
            stream.options = {"preset": "ultrafast", "qp": "0"}  # lossless: the colours survive
        for i in range(VIDEO_FRAMES):
            image = Image.new("RGB", (VIDEO_WIDTH, VIDEO_HEIGHT), (frame_red(i), 128, 64))
            for packet in stream.encode(av.VideoFrame.from_image(image)):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path
