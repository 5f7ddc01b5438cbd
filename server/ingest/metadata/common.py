"""What every metadata reader shares: bounds on what is read, how a broken field is marked, and
the capture time with its UTC offset."""

import re
from datetime import datetime, timedelta, timezone

from shared.evidence import CaptureMetadata

# Bounds on what we read from a file, whatever it claims.
MAX_JPEG_SEGMENTS = 1000
MAX_PNG_CHUNKS = 100_000
MAX_METADATA_BYTES = 4 * 1024 * 1024  # one EXIF or XMP block
MAX_VIDEO_TAG_CHARS = 1000

EXIF_HEADER = b"Exif\x00\x00"

_OFFSET = re.compile(r"([+\-])(\d{2}):?(\d{2})")


def mark(meta: CaptureMetadata, name: str) -> None:
    if name not in meta.unreadable:
        meta.unreadable.append(name)


class Broken(Exception):
    """A field is present but its value cannot be used."""


def offset_text(text: str | None) -> str | None:
    """Normalised "+HH:MM" or None for the blank form."""
    if text is None or not text.strip(" :"):
        return None
    match = _OFFSET.fullmatch(text)
    if match is None:
        raise Broken
    sign, hours, minutes = match.groups()
    if int(hours) > 14 or int(minutes) >= 60:
        raise Broken
    return f"{sign}{hours}:{minutes}"


def offset_tz(offset: str) -> timezone:
    sign = -1 if offset[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))


def set_capture_time(meta: CaptureMetadata, naive: datetime, offset: str | None) -> None:
    meta.captured_at_local = naive.isoformat()
    meta.offset = offset
    meta.captured_at = naive.replace(tzinfo=offset_tz(offset)) if offset else naive
