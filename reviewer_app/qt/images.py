"""Decoding photos off the GUI thread, and a disk cache of thumbnails.

QImage (unlike QPixmap) may be made in any thread, so decoding runs in the TaskRunner's pool and
the finished QImage comes back by signal. QImageReader applies the EXIF orientation
(setAutoTransform) and, for JPEG, decodes straight at a reduced size (libjpeg's DCT scaling), which
makes a 12 MP photo's thumbnail cheap.
"""

from __future__ import annotations

import collections
import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Hashable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from reviewer_app.qt.workers import Reporter, TaskHandle, TaskRunner

THUMBNAIL_SIZE = 256  # longest side in pixels
SMALL_ENCODED_BYTES = 512 * 1024  # an encoded image this small is cached as it is
# Qt's JPEG reader uses the fast DCT and plain chroma upsampling below quality 50.
FAST_DECODE_QUALITY = 49
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


@contextlib.contextmanager
def _as_file(source: bytes | str | Path):
    """A path to read `source` from. Bytes go through a temporary file, never a QBuffer made in
    Python: Qt's image readers call their device's virtual methods, and on a device created from
    Python each call takes the GIL - inside Qt's image plugin lock. With several decoding threads
    (and another thread holding the GIL while it waits for that lock) the app deadlocks."""
    if not isinstance(source, bytes):
        yield str(source), Path(source).name
        return
    fd, name = tempfile.mkstemp(prefix="takan-image-", suffix=".img")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(source)
        yield name, "image"
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def read_image(source: bytes | str | Path, *, max_side: int | None = None, fast: bool = False) -> QImage:
    """Decode a photo with its EXIF orientation applied, in any thread.

    With `max_side`, the longer side of the result is at most that many pixels (never enlarged),
    decoded at reduced size where the format allows. `fast` trades a little accuracy for about
    half the time on JPEG (libjpeg's fast integer DCT, chroma upsampled without smoothing): for
    showing a 12 MP photo at once, before an accurate decode replaces it.
    """
    with _as_file(source) as (path, name):
        return _read(QImageReader(path), name, max_side, fast)


def _read(reader: QImageReader, name: str, max_side: int | None, fast: bool = False) -> QImage:
    reader.setAutoTransform(True)
    if fast:
        reader.setQuality(FAST_DECODE_QUALITY)
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
    with _as_file(source) as (path, _name):
        reader = QImageReader(path)
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
        try:
            image = read_image(path, max_side=size)
        except ImageDecodeError:  # a damaged file: forget it, it will be made again
            path.unlink(missing_ok=True)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return image

    def put(self, sha256: str, image: QImage, size: int = THUMBNAIL_SIZE) -> Path:
        def write(temp_name: str) -> None:
            if not image.save(temp_name, "JPG", 85):
                raise OSError(f"could not write thumbnail {temp_name}")

        return self._store(self.path_for(sha256, size), write)

    def put_bytes(self, sha256: str, data: bytes, size: int = THUMBNAIL_SIZE) -> Path:
        """Store an encoded thumbnail as it is (the server's derivative: already small, oriented
        and stripped of metadata), without decoding and encoding it again."""
        return self._store(self.path_for(sha256, size), lambda temp_name: Path(temp_name).write_bytes(data))

    def _store(self, path: Path, write: Callable[[str], object]) -> Path:
        """`write` fills a temp file beside `path`, which then replaces `path` in one step."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=path.parent, suffix=".part")
        os.close(fd)
        try:
            write(temp_name)
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
    request's key (any hashable; a thumbnail's is its sha256), and a newer request for the same key
    replaces (cancels) the older one."""

    imageLoaded = Signal(object, QImage)  # key, image (orientation applied)
    imageFailed = Signal(object, str)  # key, message for a person

    def __init__(self, runner: TaskRunner | None = None, cache: ThumbnailCache | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._runner = runner or TaskRunner.shared()
        self.cache = cache
        self._handles: dict[Hashable, TaskHandle] = {}
        self._batches: list[TaskHandle] = []
        self._batched: set[str] = set()  # thumbnails queued in a batch, not delivered yet

    def load(self, key: Hashable, source: ImageSource, *, max_side: int | None = None, priority: int = 0,
             fast: bool = False) -> TaskHandle:
        """Decode a photo (full size, or at most `max_side` pixels on its longer side)."""
        return self._start(key, lambda: read_image(_resolve(source), max_side=max_side, fast=fast), priority)

    def load_thumbnail(self, sha256: str, source: ImageSource, *, size: int = THUMBNAIL_SIZE,
                       priority: int = 0) -> TaskHandle:
        """A thumbnail from the disk cache, or decoded from `source` and cached. `source` may be a
        function that downloads the bytes: it runs in the pool, and only on a cache miss."""
        return self._start(sha256, lambda: self._thumbnail(sha256, source, size), priority)

    def _thumbnail(self, sha256: str, source: ImageSource, size: int) -> QImage:
        cache = self.cache
        if cache is not None:
            cached = cache.get(sha256, size)
            if cached is not None:
                return cached
        raw = _resolve(source)
        if cache is not None and isinstance(raw, bytes) and len(raw) <= SMALL_ENCODED_BYTES:
            # A server's thumbnail: small, oriented, stripped. Cached as it came (no re-encoding).
            path = cache.put_bytes(sha256, raw, size)
            try:
                return read_image(path, max_side=size)
            except ImageDecodeError:
                path.unlink(missing_ok=True)
                raise
        image = read_image(raw, max_side=size)
        if cache is not None:
            cache.put(sha256, image, size)
        return image

    def load_thumbnails(self, items: list[tuple[str, ImageSource]], *, size: int = THUMBNAIL_SIZE,
                        workers: int = 6, priority: int = 0) -> list[TaskHandle]:
        """Many thumbnails, in the order given (put the visible ones first): `workers` tasks take
        them from one shared list, so hundreds of thumbnails cost a handful of tasks, and the
        GUI thread is not kept busy queueing them. Results come as imageLoaded/imageFailed."""
        pending = collections.deque(item for item in items if item[0] not in self._batched)
        self._batched.update(sha for sha, _ in pending)
        if not pending:
            return []

        def work(reporter: Reporter) -> None:
            while not reporter.cancelled:
                try:
                    sha256, source = pending.popleft()
                except IndexError:
                    return
                try:
                    reporter.report((sha256, self._thumbnail(sha256, source, size), None))
                except Exception as exc:  # one bad thumbnail does not stop the others
                    reporter.report((sha256, None, str(exc) or type(exc).__name__))

        def arrived(result: tuple[str, QImage | None, str | None]) -> None:
            sha256, image, error = result
            self._batched.discard(sha256)
            if image is not None:
                self.imageLoaded.emit(sha256, image)
            else:
                self.imageFailed.emit(sha256, error or "")

        handles = [self._runner.run_reporting(work, arrived, receiver=self, name="thumbnails", priority=priority)
                   for _ in range(min(workers, len(pending)))]
        self._batches.extend(handles)
        return handles

    def cancel(self, key: Hashable) -> None:
        handle = self._handles.pop(key, None)
        if handle is not None:
            handle.cancel()

    def cancel_all(self) -> None:
        for key in list(self._handles):
            self.cancel(key)
        for handle in self._batches:
            handle.cancel()
        self._batches.clear()
        self._batched.clear()

    def pending(self) -> int:
        return len(self._handles)

    def is_loading(self, key: Hashable) -> bool:
        return key in self._handles

    def _start(self, key: Hashable, work: Callable[[], QImage], priority: int = 0) -> TaskHandle:
        self.cancel(key)

        def done(image: QImage) -> None:
            if self._handles.get(key) is handle:
                del self._handles[key]
            self.imageLoaded.emit(key, image)

        def failed(exc: BaseException) -> None:
            if self._handles.get(key) is handle:
                del self._handles[key]
            self.imageFailed.emit(key, str(exc) or type(exc).__name__)

        handle = self._runner.run(work, done, failed, receiver=self, name=f"image {key}", priority=priority)
        self._handles[key] = handle
        return handle
