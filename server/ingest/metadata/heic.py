"""HEIC/HEIF: EXIF and XMP through pillow-heif, and the stored size."""

from pathlib import Path

from server.ingest.metadata.common import EXIF_HEADER, mark
from server.ingest.metadata.exif import apply_exif_and_xmp
from shared.evidence import CaptureMetadata


def read_heic(path: Path, meta: CaptureMetadata) -> None:
    import pillow_heif

    try:
        heif = pillow_heif.open_heif(str(path), convert_hdr_to_8bit=False)
        primary_size = heif.size
        info = heif.info
    except Exception:
        mark(meta, "container")
        return
    raw_exif = info.get("exif")
    exif = _tiff_from_heif_exif(raw_exif) if isinstance(raw_exif, bytes | bytearray) else None
    xmp = info.get("xmp") if isinstance(info.get("xmp"), bytes | bytearray) else None
    apply_exif_and_xmp(meta, exif, xmp)
    width, height = primary_size
    # libheif applies the container's rotation; ExifTool reports the stored (ispe) size, which
    # for a quarter-turned photo is the other way round.
    if meta.orientation in (5, 6, 7, 8):
        width, height = height, width
    meta.width, meta.height = int(width), int(height)


def _tiff_from_heif_exif(raw: bytes) -> bytes | None:
    """HEIF stores EXIF behind a 4-byte offset; pillow-heif usually hands over "Exif\\0\\0"+TIFF."""
    for start in (0, 4, 6, 10):
        if raw[start : start + 4] in (b"II*\x00", b"MM\x00*"):
            return bytes(raw[start:])
    index = raw.find(EXIF_HEADER, 0, 64)
    return bytes(raw[index + len(EXIF_HEADER) :]) if index >= 0 else None
