"""The CPU and disk side of the one ingest path every upload ends in (DESIGN.md §6): sniffing,
probing, metadata and derivatives of a staged file (server/storage/staging.py). The database
side (duplicates, checks, the evidence row and its audit event) is in the evidence service.

Everything here is blocking and runs in the ingest thread pool, never on the event loop.
"""

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from server.ingest.derivatives import (
    Derivatives,
    MediaRejected,
    make_photo_derivatives,
    make_video_derivatives,
    probe_image,
    probe_video,
)
from server.ingest.metadata import read_metadata
from server.ingest.sniff import SNIFF_BYTES, Sniffed, sniff
from server.storage.media_store import LocalMediaStore
from shared.enums import MediaKind
from shared.evidence import CaptureMetadata


def sniff_file(path: Path) -> Sniffed | None:
    with open(path, "rb") as f:
        return sniff(f.read(SNIFF_BYTES))


def probe(path: Path, sniffed: Sniffed, max_pixels: int) -> tuple[int, int]:
    """Refuse files that cannot be used (MediaRejected) before anything is stored."""
    if sniffed.kind == MediaKind.video:
        return probe_video(path)
    return probe_image(path, sniffed.mime, max_pixels)


@dataclass(frozen=True, slots=True)
class Processed:
    metadata: CaptureMetadata
    derivatives: dict[str, str]  # variant -> path relative to the store's derivatives folder
    width: int | None
    height: int | None
    phash: int | None  # unsigned
    partial: bool
    problem: MediaRejected | None  # derivatives could not be made (the evidence is kept anyway)


def process(store: LocalMediaStore, sha256: str, sniffed: Sniffed) -> Processed:
    """Metadata and derivatives of a stored blob. Derivatives go to a temporary folder and are
    renamed into place as a whole, so identical content shares them and a crash leaves none
    half-made."""
    blob = store.blob_path(sha256)
    metadata = read_metadata(blob, sniffed.mime)
    final_dir = store.derivative_dir(sha256)
    work_dir = store.staging / f"derivatives-{uuid.uuid4().hex}"
    try:
        if sniffed.kind == MediaKind.video:
            made: Derivatives = make_video_derivatives(blob, work_dir)
        else:
            made = make_photo_derivatives(blob, sniffed.mime, work_dir)
    except MediaRejected as problem:
        shutil.rmtree(work_dir, ignore_errors=True)
        return Processed(metadata=metadata, derivatives={}, width=metadata.width, height=metadata.height,
                         phash=None, partial=True, problem=problem)
    final_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(work_dir, final_dir)
    except OSError:  # made before for the same bytes: keep those
        shutil.rmtree(work_dir, ignore_errors=True)
    variants = {"thumb_256": made.thumb_256.name, "thumb_1280": made.thumb_1280.name}
    if made.poster is not None:
        variants["poster"] = made.poster.name
    relative = {name: store.derivative_relative(final_dir / file) for name, file in variants.items()}
    return Processed(metadata=metadata, derivatives=relative, width=made.width, height=made.height,
                     phash=made.phash, partial=made.partial, problem=None)
