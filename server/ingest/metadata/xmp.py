"""XMP: the few properties that fill in where EXIF lacks a tag, as ExifTool does
(exif:DateTimeOriginal, tiff:Orientation, tiff:Make, tiff:Model, xmp:CreatorTool)."""

import re
from datetime import datetime

from server.ingest.metadata.common import MAX_METADATA_BYTES, Broken, offset_text, set_capture_time
from shared.evidence import CaptureMetadata

_XMP_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+\-]\d{2}:?\d{2})?"
)


def _xmp_datetime(text: str) -> tuple[datetime, str | None] | None:
    match = _XMP_DATETIME.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        naive = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
            int(((fraction or "") + "000000")[:6]),
        )
    except ValueError:
        return None
    if zone is None:
        return naive, None
    if zone == "Z":
        return naive, "+00:00"
    try:
        return naive, offset_text(zone)
    except Broken:
        return naive, None


def xmp_values(xmp: bytes) -> dict[str, str]:
    """The few XMP properties we use, in attribute or element form."""
    text = xmp[:MAX_METADATA_BYTES].decode("utf-8", errors="replace")
    found: dict[str, str] = {}
    for name in ("exif:DateTimeOriginal", "tiff:Orientation", "tiff:Make", "tiff:Model", "xmp:CreatorTool"):
        escaped = re.escape(name)
        match = re.search(rf"""{escaped}\s*=\s*["']([^"'<]{{0,200}})["']""", text) or re.search(
            rf"<{escaped}>([^<]{{0,200}})</{escaped}>", text
        )
        if match:
            found[name] = match.group(1).strip()
    return found


def apply_xmp(meta: CaptureMetadata, values: dict[str, str]) -> None:
    if values.get("xmp:CreatorTool"):
        meta.creator_tool = values["xmp:CreatorTool"][:200]
    if meta.make is None and "make" not in meta.unreadable and values.get("tiff:Make"):
        meta.make = values["tiff:Make"]
    if meta.model is None and "model" not in meta.unreadable and values.get("tiff:Model"):
        meta.model = values["tiff:Model"]
    if meta.orientation is None and "orientation" not in meta.unreadable and "tiff:Orientation" in values:
        text = values["tiff:Orientation"]
        if text.isdigit() and 1 <= int(text) <= 8:
            meta.orientation = int(text)
    xmp_time = _xmp_datetime(values["exif:DateTimeOriginal"]) if "exif:DateTimeOriginal" in values else None
    if xmp_time is None:
        return
    naive, zone = xmp_time
    if meta.captured_at_local is None and "captured_at" not in meta.unreadable:
        set_capture_time(meta, naive, zone if meta.offset is None else meta.offset)
    elif (
        meta.offset is None
        and zone is not None
        and "offset" not in meta.unreadable
        and meta.captured_at_local is not None
        and meta.captured_at_local[:19] == naive.isoformat()[:19]
    ):
        # Same wall-clock time in XMP with a zone: that zone is the capture offset.
        local = datetime.fromisoformat(meta.captured_at_local)
        set_capture_time(meta, local, zone)
