"""Wire shapes of evidence ingestion: what a file says about its capture, what the phone said,
and the automatic checks. Every field has a default so an older client keeps decoding a newer
server's answers (and the other way round).
"""

from datetime import datetime
from typing import Any

import msgspec

from shared.enums import CheckStatus, MediaKind


class CaptureMetadata(msgspec.Struct, kw_only=True):
    """Everything read from the file itself. None means "unknown": absent, or present but
    broken; the broken ones are also named in `unreadable`."""

    # Photos: DateTimeOriginal (+ SubSecTimeOriginal), timezone-aware only when an offset is known.
    # Videos: Apple's creationdate (local time with offset), else the container's creation time.
    captured_at: datetime | None = None
    # The naive wall-clock time as written in the file, "YYYY-MM-DDTHH:MM:SS[.ffffff]".
    captured_at_local: str | None = None
    # OffsetTimeOriginal (or the zone of an XMP/QuickTime date), e.g. "+08:00".
    offset: str | None = None
    gps_lat: float | None = None  # WGS-84 degrees, south negative
    gps_lon: float | None = None  # WGS-84 degrees, west negative
    gps_alt: float | None = None  # metres, below sea level negative
    gps_time: datetime | None = None  # UTC, from GPSDateStamp + GPSTimeStamp
    gps_dop: float | None = None
    make: str | None = None
    model: str | None = None
    software: str | None = None
    creator_tool: str | None = None  # XMP xmp:CreatorTool, the editor's name when one saved it
    orientation: int | None = None  # EXIF 1..8
    # Stored pixel size as ExifTool reports ImageWidth/ImageHeight (before orientation).
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    video_codec: str | None = None
    frame_rate: float | None = None
    creation_time: datetime | None = None  # video container creation time, UTC
    unreadable: list[str] = msgspec.field(default_factory=list)


class ClientCapture(msgspec.Struct, kw_only=True):
    """What the phone's browser reported at capture (its geolocation and clock). Unconstrained
    so stored rows always decode; the checks ignore a position out of range."""

    lat: float | None = None
    lon: float | None = None
    accuracy_m: float | None = None
    captured_at: datetime | None = None
    device_id: str | None = None


class CheckResult(msgspec.Struct, kw_only=True):
    """One automatic check: a verdict, a sentence in each language with the numbers, and the
    numbers themselves in `data`."""

    name: str = ""
    status: CheckStatus = CheckStatus.unknown
    message_zh: str = ""
    message_en: str = ""
    data: dict[str, Any] = msgspec.field(default_factory=dict)


class RequirementCoverage(msgspec.Struct, kw_only=True):
    """How far one checklist line is covered by current (not superseded) evidence."""

    key: str = ""
    title_zh: str = ""
    title_en: str = ""
    kind: MediaKind = MediaKind.photo
    min_count: int = 1
    required: bool = True
    count: int = 0
    satisfied: bool = False
