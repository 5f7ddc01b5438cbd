"""The pictures of one case window, fetched and decoded off the GUI thread.

The gallery's thumbnails (disk cache, then the server's 256 px derivative) and, for the item on
screen, its 1280 px preview at once and its original after it: a fast decode first (half the time
of an accurate one on a 12 MP JPEG), the accurate one a moment later, and the two neighbours'
originals ahead of the officer. Each photo request is a PhotoJob for one evidence item.

The loader keeps the last few decoded originals (the current item and its neighbours) and their
downloaded bytes, so that the fast and the accurate decode share one download.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from enum import Enum

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from reviewer_app.core.api import ApiClient
from reviewer_app.qt.case_models import THUMB_W
from reviewer_app.qt.images import ImageLoader, ThumbnailCache
from reviewer_app.qt.workers import TaskRunner
from shared.models import EvidenceOut

ORIGINALS_DECODED = 3  # decoded originals kept (the current one and its neighbours)
ORIGINALS_DOWNLOADED = 3  # downloaded originals kept in memory (the fast and the accurate decode share one)
THUMBNAIL_WORKERS = 4  # of the pool's threads; the others stay free for the photo on screen
PRIORITY_PREVIEW, PRIORITY_ORIGINAL, PRIORITY_THUMBNAIL, PRIORITY_ACCURATE, PRIORITY_PREFETCH = 20, 15, 18, -3, -5


class PhotoJob(Enum):
    preview = "preview"  # the server's 1280 px derivative, shown first
    original = "original"  # the original, fast decode, for the item on screen
    accurate = "accurate"  # the original decoded accurately, replacing the fast decode on screen
    prefetch = "prefetch"  # a neighbour's original, fast decode, before the officer steps to it


class PhotoLoader(QObject):
    thumbnailLoaded = Signal(str, QImage)  # sha256, the tile's thumbnail
    photoLoaded = Signal(object, int, QImage)  # PhotoJob, evidence id, image (orientation applied)
    photoFailed = Signal(int, str)  # evidence id, message: its preview or original could not be loaded

    def __init__(self, api: ApiClient, runner: TaskRunner, cache: ThumbnailCache, parent: QObject | None = None):
        super().__init__(parent)
        self._api = api
        self._thumbnails = ImageLoader(runner, cache, self)
        self._thumbnails.imageLoaded.connect(self.thumbnailLoaded.emit)
        self._thumbnails.imageFailed.connect(self._on_thumbnail_failed)
        self._photos = ImageLoader(runner, None, self)
        self._photos.imageLoaded.connect(self._on_photo_loaded)
        self._photos.imageFailed.connect(self._on_photo_failed)
        self._thumbnails_asked: set[str] = set()
        self._decoded: OrderedDict[int, QImage] = OrderedDict()
        self._accurate: set[int] = set()  # the decoded originals above that had the accurate decode
        self._downloaded: OrderedDict[int, bytes] = OrderedDict()
        self._downloaded_lock = threading.Lock()  # worker threads download, several at a time

    # ----- thumbnails ---------------------------------------------------------------------------

    def load_thumbnails(self, evidence: Iterable[EvidenceOut]) -> None:
        """The tiles' thumbnails in the order given (the visible ones first); each is asked for
        once, and again after it failed."""
        api = self._api
        items = []
        for e in evidence:
            if e.sha256 in self._thumbnails_asked:
                continue
            self._thumbnails_asked.add(e.sha256)
            variant = "thumb_256" if (e.urls is None or e.urls.thumb_256) else "poster"
            items.append((e.sha256, lambda eid=e.id, v=variant: api.evidence_file(eid, v)))
        # Decoded at the tile's size in the worker threads (libjpeg scales while decoding), so the
        # GUI thread only wraps them in pixmaps.
        self._thumbnails.load_thumbnails(items, size=THUMB_W, priority=PRIORITY_THUMBNAIL, workers=THUMBNAIL_WORKERS)

    def _on_thumbnail_failed(self, sha256: str, _message: str) -> None:
        self._thumbnails_asked.discard(sha256)

    # ----- photos -------------------------------------------------------------------------------

    def decoded_original(self, evidence_id: int) -> QImage | None:
        """The item's original if it is among the last few decoded."""
        image = self._decoded.get(evidence_id)
        if image is not None:
            self._decoded.move_to_end(evidence_id)
        return image

    def decoded_accurately(self, evidence_id: int) -> bool:
        """Whether the item's kept original had the accurate decode (not only the fast one)."""
        return evidence_id in self._accurate

    def load(self, evidence_id: int) -> None:
        """The preview at once and the original's fast decode after it (PhotoJob.preview, .original)."""
        api = self._api
        self._photos.load((PhotoJob.preview, evidence_id), lambda: api.evidence_file(evidence_id, "thumb_1280"),
                          priority=PRIORITY_PREVIEW)
        self._photos.load((PhotoJob.original, evidence_id), lambda: self._download(evidence_id),
                          priority=PRIORITY_ORIGINAL, fast=True)

    def cancel_preview(self, evidence_id: int) -> None:
        """The original came: its preview is not needed any more."""
        self._photos.cancel((PhotoJob.preview, evidence_id))

    def decode_accurately(self, evidence_id: int) -> None:
        """The original on screen came from the fast decode: decode it accurately (once)."""
        key = (PhotoJob.accurate, evidence_id)
        if evidence_id not in self._accurate and not self._photos.is_loading(key):
            self._photos.load(key, lambda: self._download(evidence_id), priority=PRIORITY_ACCURATE)

    def prefetch(self, evidence_id: int) -> None:
        """Decode a neighbour's original ahead of the officer (unless it is here or on its way)."""
        key = (PhotoJob.prefetch, evidence_id)
        if evidence_id not in self._decoded and not self._photos.is_loading(key):
            self._photos.load(key, lambda: self._download(evidence_id), priority=PRIORITY_PREFETCH, fast=True)

    def cancel_all(self) -> None:
        self._thumbnails.cancel_all()
        self._photos.cancel_all()

    def _download(self, evidence_id: int) -> bytes:
        """The original file (in a worker thread): downloaded once for both decodes."""
        with self._downloaded_lock:
            data = self._downloaded.get(evidence_id)
        if data is None:
            data = self._api.evidence_file(evidence_id, "original")
            with self._downloaded_lock:
                self._downloaded[evidence_id] = data
                while len(self._downloaded) > ORIGINALS_DOWNLOADED:
                    self._downloaded.popitem(last=False)
        return data

    def _on_photo_loaded(self, key: tuple[PhotoJob, int], image: QImage) -> None:
        job, evidence_id = key
        if job is not PhotoJob.preview:
            if job is PhotoJob.accurate:
                self._accurate.add(evidence_id)
            elif evidence_id in self._accurate:
                return  # an accurate decode is here already
            self._decoded[evidence_id] = image
            self._decoded.move_to_end(evidence_id)
            while len(self._decoded) > ORIGINALS_DECODED:
                dropped, _ = self._decoded.popitem(last=False)
                self._accurate.discard(dropped)
        self.photoLoaded.emit(job, evidence_id, image)

    def _on_photo_failed(self, key: tuple[PhotoJob, int], message: str) -> None:
        job, evidence_id = key
        if job in (PhotoJob.preview, PhotoJob.original):  # a neighbour or a sharper decode can wait
            self.photoFailed.emit(evidence_id, message)
