"""Fixtures for the Qt side: compiled translations, a task runner, an annotator on a known image."""

import shutil
import subprocess
from pathlib import Path

import av
import pytest
from PIL import Image
from PySide6.QtGui import QColor, QImage

from reviewer_app.qt.i18n import I18N_DIR, Translations
from reviewer_app.qt.workers import TaskRunner

ROOT = Path(__file__).resolve().parents[3]
LRELEASE = ROOT / ".venv" / "bin" / "pyside6-lrelease"
EXIF_ORIENTATION = ROOT / "tests" / "fixtures" / "exif-samples" / "orientation"


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory) -> Path:
    """The .ts sources compiled to .qm in a temp dir, as the install step does next to them."""
    out = tmp_path_factory.mktemp("qm")
    lrelease = str(LRELEASE) if LRELEASE.exists() else shutil.which("pyside6-lrelease")
    assert lrelease, "pyside6-lrelease not found"
    sources = sorted(I18N_DIR.glob("*.ts"))
    assert sources, f"no .ts files in {I18N_DIR}"
    for ts in sources:
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(out / f"{ts.stem}.qm")], check=True)
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


def solid_image(width: int, height: int, colour: str = "#4682b4") -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


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
