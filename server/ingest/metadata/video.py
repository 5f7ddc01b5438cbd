"""MP4/MOV through PyAV: duration, codec, size, frame rate, make/model/software, creation and
capture times, and the ISO 6709 location."""

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from server.ingest.metadata.common import MAX_VIDEO_TAG_CHARS, Broken, mark, offset_text, offset_tz, set_capture_time
from server.ingest.metadata.iso6709 import parse_iso6709
from shared.evidence import CaptureMetadata

_LOCATION_KEYS = ("com.apple.quicktime.location.ISO6709", "location", "location-eng")
_QUICKTIME_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+\-]\d{2}:?\d{2})?"
)


def read_video(path: Path, meta: CaptureMetadata) -> None:
    import av

    try:
        container = av.open(str(path), metadata_errors="replace")
    except Exception:
        mark(meta, "container")
        return
    with container:
        tags = _video_tags(container.metadata)
        video = container.streams.video[0] if container.streams.video else None
        stream_tags = _video_tags(video.metadata) if video is not None else {}

        def field(name: str, compute: Callable[[], Any]) -> Any:
            try:
                return compute()
            except Exception:
                mark(meta, name)
            return None

        def duration() -> float | None:
            if container.duration and container.duration > 0:
                return container.duration / 1_000_000  # AV_TIME_BASE
            if video is not None and video.duration and video.time_base:
                return float(video.duration * video.time_base)
            return None

        meta.duration_s = field("duration_s", duration)
        if video is not None:
            meta.video_codec = field("video_codec", lambda: video.codec_context.name or None)
            meta.width = field("width", lambda: video.codec_context.width or None)
            meta.height = field("height", lambda: video.codec_context.height or None)

            def frame_rate() -> float | None:
                rate = video.average_rate or video.guessed_rate
                return round(float(rate), 3) if rate else None

            meta.frame_rate = field("frame_rate", frame_rate)

        meta.make = _first(tags, "com.apple.quicktime.make", "com.android.manufacturer", "make")
        meta.model = _first(tags, "com.apple.quicktime.model", "com.android.model", "model")
        meta.software = _first(tags, "com.apple.quicktime.software", "software", "encoder")

        creation = tags.get("creation_time") or stream_tags.get("creation_time")
        if creation:
            meta.creation_time = field("creation_time", lambda: _video_datetime(creation, utc=True))

        apple_date = tags.get("com.apple.quicktime.creationdate")
        if apple_date:
            local = field("captured_at", lambda: _video_datetime(apple_date, utc=False))
            if local is not None:
                offset = local.strftime("%z")
                offset = f"{offset[:3]}:{offset[3:]}" if offset else None
                set_capture_time(meta, local.replace(tzinfo=None), offset)
        if meta.captured_at is None and meta.creation_time is not None:
            meta.captured_at = meta.creation_time

        for key in _LOCATION_KEYS:
            text = tags.get(key) or stream_tags.get(key)
            if not text:
                continue
            point = parse_iso6709(text)
            if point is None:
                mark(meta, "gps_lat")
                mark(meta, "gps_lon")
                continue
            meta.gps_lat, meta.gps_lon, meta.gps_alt = point
            if "gps_lat" in meta.unreadable:  # a later key was good after all
                meta.unreadable.remove("gps_lat")
                meta.unreadable.remove("gps_lon")
            break


def _video_tags(metadata: Any) -> dict[str, str]:
    try:
        return {
            str(k)[:MAX_VIDEO_TAG_CHARS]: str(v)[:MAX_VIDEO_TAG_CHARS].strip()
            for k, v in dict(metadata).items()
        }
    except Exception:
        return {}


def _first(tags: dict[str, str], *keys: str) -> str | None:
    for key in keys:
        value = tags.get(key)
        if value and all(ord(ch) >= 32 for ch in value):
            return value[:200]
    return None


def _video_datetime(text: str, *, utc: bool) -> datetime | None:
    """A QuickTime/MP4 date ("2024-05-01T02:03:04.000000Z", "2024-05-01T10:03:04+0800").
    Zero dates (1904/1970 epochs written by cameras without a clock) mean unknown."""
    match = _QUICKTIME_DATE.fullmatch(text.strip())
    if match is None:
        raise Broken
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if int(year) < 1971:
        return None
    value = datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second),
        int(((fraction or "") + "000000")[:6]),
    )
    if zone in (None, "Z"):
        if not utc and zone is None:
            return value
        return value.replace(tzinfo=UTC)
    offset = offset_text(zone)
    aware = value.replace(tzinfo=offset_tz(offset)) if offset else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC) if utc else aware
