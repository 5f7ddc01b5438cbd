"""Decoding photos off the GUI thread, and a disk cache of thumbnails.

QImage (unlike QPixmap) may be made in any thread, so decoding runs in the TaskRunner's pool and
the finished QImage comes back by signal. QImageReader applies the EXIF orientation
(setAutoTransform) and, for JPEG, decodes straight at a reduced size (libjpeg's DCT scaling), which
makes a 12 MP photo's thumbnail cheap.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from reviewer_app.qt.workers import TaskHandle, TaskRunner

THUMBNAIL_SIZE = 256  # longest side in pixels
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")

# A raw photo source: the file's bytes, a path, or a function (run in the pool) that fetches them.
ImageSource = bytes | str | Path | Callable[[], bytes | str | Path]


class ImageDecodeError(Exception):
    """The bytes are not an image Qt can read; the message says why, for a person."""


def _oriented_size(reader: QImageReader) -> QSize:
    """The size after the EXIF orientation: QImageReader.size() is the size as stored."""
    size = reader.size()
    if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
        size = size.transposed()
    return size


def read_image(source: bytes | str | Path, *, max_side: int | None = None) -> QImage:
    """Decode a photo with its EXIF orientation applied, in any thread.

    With `max_side`, the longer side of the result is at most that many pixels (never enlarged),
    decoded at reduced size where the format allows.
    """
    if isinstance(source, bytes):
        buffer = QBuffer()
        buffer.setData(QByteArray(source))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        name = "image"
    else:
        reader = QImageReader(str(source))
        name = Path(source).name
    reader.setAutoTransform(True)
    # Allow photos up to 256 MB decoded (about 64 MP); the server limits pixel counts anyway.
    reader.setAllocationLimit(256)
    if max_side is not None:
        oriented = _oriented_size(reader)
        if oriented.isValid() and max(oriented.width(), oriented.height()) > max_side:
            target = oriented.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio)
            target = QSize(max(1, target.width()), max(1, target.height()))
            if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
                target = target.transposed()  # setScaledSize works before the orientation
            reader.setScaledSize(target)
    image = reader.read()
    if image.isNull():
        raise ImageDecodeError(f"{name}: {reader.errorString()}")
    return image


def image_size(source: bytes | str | Path) -> QSize:
    """The displayed size (after orientation) of a photo, reading only its header."""
    if isinstance(source, bytes):
        buffer = QBuffer()
        buffer.setData(QByteArray(source))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
    else:
        reader = QImageReader(str(source))
    reader.setAutoTransform(True)
    return _oriented_size(reader)


def default_cache_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    if not location:
        location = str(Path(tempfile.gettempdir()) / "takan-reviewer")
    return Path(location) / "thumbnails"


class ThumbnailCache:
    """Thumbnails on disk, keyed by the evidence's sha256 and the thumbnail size.

    Files are written to a temp name and renamed, so a reader never sees half a file and two
    threads writing the same thumbnail do no harm. When the cache grows past `max_bytes`, the
    least recently used files go (a read touches the file's mtime).
    """

    def __init__(self, directory: str | Path | None = None, *, max_bytes: int = 256 * 1024 * 1024):
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.max_bytes = max_bytes
        self._writes_since_prune = 0

    def path_for(self, sha256: str, size: int = THUMBNAIL_SIZE) -> Path:
        sha256 = sha256.lower()
        if not _SHA256_RE.match(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.directory / sha256[:2] / f"{sha256}-{int(size)}.jpg"

    def get(self, sha256: str, size: int = THUMBNAIL_SIZE) -> QImage | None:
        path = self.path_for(sha256, size)
        if not path.is_file():
            return None
        image = QImage(str(path))
        if image.isNull():  # a damaged file: forget it, it will be made again
            path.unlink(missing_ok=True)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return image

    def put(self, sha256: str, image: QImage, size: int = THUMBNAIL_SIZE) -> Path:
        path = self.path_for(sha256, size)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=path.parent, suffix=".part")
        os.close(fd)
        try:
            if not image.save(temp_name, "JPG", 85):
                raise OSError(f"could not write thumbnail {temp_name}")
            os.replace(temp_name, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)
        self._writes_since_prune += 1
        if self._writes_since_prune >= 64:
            self.prune()
        return path

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.directory.glob("*/*.jpg"))

    def prune(self) -> None:
        """Delete the least recently used thumbnails until the cache fits `max_bytes`."""
        self._writes_since_prune = 0
        files = []
        for path in self.directory.glob("*/*.jpg"):
            with contextlib.suppress(FileNotFoundError):
                stat = path.stat()
                files.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in files)
        for _, size, path in sorted(files):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size


def _resolve(source: ImageSource) -> bytes | str | Path:
    return source() if callable(source) else source


class ImageLoader(QObject):
    """Loads photos and thumbnails in the background; results come back as signals keyed by the
    request's key, and a newer request for the same key replaces (cancels) the older one."""

    imageLoaded = Signal(str, QImage)  # key, image (orientation applied)
    imageFailed = Signal(str, str)  # key, message for a person

    def __init__(self, runner: TaskRunner | None = None, cache: ThumbnailCache | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner or TaskRunner.shared()
        self.cache = cache
        self._handles: dict[str, TaskHandle] = {}

    def load(self, key: str, source: ImageSource, *, max_side: int | None = None) -> TaskHandle:
        """Decode a photo (full size, or at most `max_side` pixels on its longer side)."""
        return self._start(key, lambda: read_image(_resolve(source), max_side=max_side))

    def load_thumbnail(self, sha256: str, source: ImageSource, *, size: int = THUMBNAIL_SIZE) -> TaskHandle:
        """A thumbnail from the disk cache, or decoded from `source` and cached. `source` may be a
        function that downloads the bytes: it runs in the pool, and only on a cache miss."""
        cache = self.cache

        def work() -> QImage:
            if cache is not None:
                cached = cache.get(sha256, size)
                if cached is not None:
                    return cached
            image = read_image(_resolve(source), max_side=size)
            if cache is not None:
                cache.put(sha256, image, size)
            return image

        return self._start(sha256, work)

    def cancel(self, key: str) -> None:
        handle = self._handles.pop(key, None)
        if handle is not None:
            handle.cancel()

    def cancel_all(self) -> None:
        for key in list(self._handles):
            self.cancel(key)

    def pending(self) -> int:
        return len(self._handles)

    def _start(self, key: str, work: Callable[[], QImage]) -> TaskHandle:
        self.cancel(key)

        def done(image: QImage) -> None:
            if self._handles.get(key) is handle:
                del self._handles[key]
            self.imageLoaded.emit(key, image)

        def failed(exc: BaseException) -> None:
            if self._handles.get(key) is handle:
                del self._handles[key]
            self.imageFailed.emit(key, str(exc) or type(exc).__name__)

        handle = self._runner.run(work, done, failed, receiver=self, name=f"image {key}")
        self._handles[key] = handle
        return handle
