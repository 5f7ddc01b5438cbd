"""What a photo or video says about where, when and with what it was captured.

Every file is hostile input: `read_metadata` never raises. A field that is absent stays None;
a field that is present but broken (zero denominators, wrong types, truncated IFDs, counts
larger than the data, impossible dates) also stays None and its name goes into
`CaptureMetadata.unreadable`. Besides field names, `unreadable` may hold "exif", "gps", "xmp" or
"container" (that whole block could not be parsed) and "subsec" (sub-seconds ignored).

One module per container (jpeg, png, heic, video) and per block they share (exif, xmp), with
what they all need in common.
"""

import logging
from collections.abc import Callable
from pathlib import Path

from server.ingest.metadata.common import mark
from server.ingest.metadata.heic import read_heic
from server.ingest.metadata.iso6709 import parse_iso6709
from server.ingest.metadata.jpeg import read_jpeg, scan_jpeg
from server.ingest.metadata.png import read_png
from server.ingest.metadata.video import read_video
from shared.evidence import CaptureMetadata

__all__ = ["declared_size", "parse_iso6709", "read_metadata"]

log = logging.getLogger(__name__)

def read_metadata(path: Path, mime: str) -> CaptureMetadata:
    """Capture metadata of the file at `path`, whose type was sniffed as `mime`. Never raises."""
    meta = CaptureMetadata()
    readers: dict[str, Callable[[Path, CaptureMetadata], None]] = {
        "image/jpeg": read_jpeg,
        "image/png": read_png,
        "image/heic": read_heic,
        "video/mp4": read_video,
        "video/quicktime": read_video,
    }
    reader = readers.get(mime)
    if reader is None:
        return meta
    try:
        reader(Path(path), meta)
    except Exception:  # the last line of defence: a reader bug must not lose the upload
        log.warning("metadata of %s could not be read", path, exc_info=True)
        mark(meta, "container")
    return meta


def declared_size(path: Path, mime: str) -> tuple[int, int] | None:
    """The pixel size a JPEG (SOF) or PNG (IHDR) header declares, without decoding; None if
    the header cannot be read."""
    meta = CaptureMetadata()
    try:
        if mime == "image/jpeg":
            meta.width, meta.height = scan_jpeg(Path(path))[2] or (None, None)
        elif mime == "image/png":
            read_png(Path(path), meta)
    except Exception:
        return None
    if meta.width and meta.height:
        return meta.width, meta.height
    return None
