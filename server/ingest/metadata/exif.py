"""EXIF (TIFF IFDs): decoded by piexif when the block is sane; piexif builds `struct` formats as
long as a tag's declared count and fails the whole block on one bad IFD, so a bounded walker
checks every count against the data first and decodes the block itself whenever piexif cannot
be trusted with it (or fails). Then the tags become CaptureMetadata fields."""

import logging
import math
import re
import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import piexif

from server.ingest.metadata.common import MAX_METADATA_BYTES, Broken, mark, offset_text, set_capture_time
from server.ingest.metadata.xmp import apply_xmp, xmp_values
from shared.evidence import CaptureMetadata

log = logging.getLogger(__name__)

_BROKEN = object()  # an entry present in the file whose value cannot be decoded

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_INT_FORMATS = {1: "B", 3: "H", 4: "L", 6: "b", 8: "h", 9: "l", 11: "f", 12: "d", 13: "L"}

_EXIF_IFD_POINTER = 0x8769
_GPS_IFD_POINTER = 0x8825
_INTEROP_IFD_POINTER = 0xA005


class TiffWalk:
    """A bounded, tolerant reader of the IFDs piexif would read (0th, Exif, GPS, Interop, 1st).
    Values follow piexif's conventions (ASCII and UNDEFINED as bytes, a single number as int,
    rationals as (numerator, denominator)); a broken entry is the _BROKEN marker."""

    def __init__(self, data: bytes):
        self.data = data
        self.ifds: dict[str, dict[int, Any]] = {"0th": {}, "Exif": {}, "GPS": {}, "Interop": {}, "1st": {}}
        self.clean = True  # False when piexif must not see this block
        self.lost_blocks: set[str] = set()  # IFDs that exist but could not be read
        if data[:4] == b"II*\x00":
            self.endian = "<"
        elif data[:4] == b"MM\x00*":
            self.endian = ">"
        else:
            raise Broken("no TIFF header")
        first = self._u32(4)
        if first is None:
            raise Broken("no first IFD")
        next_ifd = self._read_ifd("0th", first)
        for name, owner, tag in (
            ("Exif", "0th", _EXIF_IFD_POINTER),
            ("GPS", "0th", _GPS_IFD_POINTER),
            ("Interop", "Exif", _INTEROP_IFD_POINTER),
        ):
            pointer = self.ifds[owner].get(tag)
            if pointer is None:
                continue
            if isinstance(pointer, int) and not isinstance(pointer, bool) and self._u16(pointer) is not None:
                self._read_ifd(name, pointer)
            else:
                self.ifds[owner][tag] = _BROKEN
                self.clean = False
                self.lost_blocks.add(name)
        if next_ifd:
            self._read_ifd("1st", next_ifd)

    def _u16(self, offset: int) -> int | None:
        if offset < 0 or offset + 2 > len(self.data):
            return None
        return struct.unpack_from(self.endian + "H", self.data, offset)[0]

    def _u32(self, offset: int) -> int | None:
        if offset < 0 or offset + 4 > len(self.data):
            return None
        return struct.unpack_from(self.endian + "L", self.data, offset)[0]

    def _read_ifd(self, name: str, offset: int) -> int | None:
        count = self._u16(offset)
        if count is None:
            self.clean = False
            return None
        entries_end = offset + 2 + 12 * count
        if entries_end > len(self.data):
            self.clean = False  # truncated IFD: read the entries that are there
            count = max(0, (len(self.data) - offset - 2) // 12)
        ifd = self.ifds[name]
        for index in range(count):
            entry = offset + 2 + 12 * index
            tag, kind, n = struct.unpack_from(self.endian + "HHL", self.data, entry)
            value = self._decode(kind, n, entry + 8)
            if value is _BROKEN:
                self.clean = False
            ifd.setdefault(tag, value)
        return self._u32(offset + 2 + 12 * count) if entries_end <= len(self.data) else None

    def _decode(self, kind: int, n: int, field: int) -> Any:
        size = _TYPE_SIZES.get(kind)
        if size is None or n == 0:
            return _BROKEN
        total = size * n
        if total <= 4:
            start = field
        else:
            pointer = self._u32(field)
            if pointer is None:
                return _BROKEN
            start = pointer
        if start + total > len(self.data):
            return _BROKEN  # a count larger than the data: never allocate for it
        raw = self.data[start : start + total]
        if kind == 2:
            return raw.split(b"\x00", 1)[0]
        if kind == 7:
            return raw
        if kind in (5, 10):
            signed = "l" if kind == 10 else "L"
            numbers = struct.unpack(self.endian + signed * (2 * n), raw)
            pairs = tuple(zip(numbers[0::2], numbers[1::2], strict=True))
            return pairs[0] if n == 1 else pairs
        values = struct.unpack(self.endian + _INT_FORMATS[kind] * n, raw)
        return values[0] if n == 1 else values


def _decode_tiff(tiff: bytes) -> tuple[dict[str, dict[int, Any]], set[str]]:
    """(IFD name -> {tag: value}, names of IFDs that exist but could not be read).
    Raises Broken when there is no TIFF structure at all."""
    if len(tiff) > MAX_METADATA_BYTES:
        tiff = tiff[:MAX_METADATA_BYTES]
    walk = TiffWalk(tiff)
    if walk.clean:
        try:
            loaded = piexif.load(tiff)
            return {name: loaded.get(name) or {} for name in ("0th", "Exif", "GPS")}, set()
        except Exception:
            log.debug("piexif could not load an EXIF block; using the tolerant walk", exc_info=True)
    return walk.ifds, walk.lost_blocks


def exif_text(value: Any) -> str | None:
    if value is _BROKEN:
        raise Broken
    if isinstance(value, bytes | bytearray):
        raw = bytes(value).split(b"\x00", 1)[0]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    elif isinstance(value, str):
        text = value
    else:
        raise Broken
    text = text.strip()
    if any(ord(ch) < 32 for ch in text):
        raise Broken
    return text[:200] or None


def _int(value: Any) -> int:
    if isinstance(value, tuple) and len(value) == 1:
        value = value[0]
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise Broken


def _number(value: Any) -> float:
    """One rational (num, den), integer or float as a finite float."""
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        numerator, denominator = value
        if denominator == 0:
            raise Broken
        result = numerator / denominator
    elif isinstance(value, int | float) and not isinstance(value, bool):
        result = float(value)
    else:
        raise Broken
    if not math.isfinite(result):
        raise Broken
    return result


def _numbers(value: Any) -> list[float]:
    """A list of rationals (or numbers); a single rational is a list of one."""
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [_number(value)]
    if isinstance(value, tuple) and value:
        return [_number(v) for v in value]
    return [_number(value)]


def _coordinate(value: Any, ref: Any, *, positive: str, negative: str, limit: float) -> float:
    parts = _numbers(value)
    if not 1 <= len(parts) <= 3 or any(p < 0 for p in parts):
        raise Broken
    degrees = parts[0] + (parts[1] / 60 if len(parts) > 1 else 0) + (parts[2] / 3600 if len(parts) > 2 else 0)
    if ref is not None:
        letter = (exif_text(ref) or "").upper()[:1]
        if letter == negative:
            degrees = -degrees
        elif letter not in (positive, ""):
            raise Broken
    if abs(degrees) > limit:
        raise Broken
    return degrees


def _altitude_ref(value: Any) -> int:
    if isinstance(value, bytes | bytearray):
        if len(value) < 1:
            raise Broken
        return value[0]
    return _int(value)


_EXIF_DATETIME = re.compile(r"(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")


def _exif_datetime(text: str | None) -> datetime | None:
    """A naive datetime from "YYYY:MM:DD HH:MM:SS"; None for the blank/zero "unknown" forms."""
    if text is None:
        return None
    if not text.strip(" :0-"):
        return None  # "0000:00:00 00:00:00" and "    :  :     :  :  " mean unknown
    match = _EXIF_DATETIME.match(text)
    if match is None:
        raise Broken
    try:
        return datetime(*(int(g) for g in match.groups()))
    except ValueError as exc:
        raise Broken from exc


def _subsec_microseconds(value: Any) -> int | None:
    text = exif_text(value)
    if text is None:
        return None
    if not text.isdigit() or not text.isascii():
        raise Broken
    return int((text + "000000")[:6])


def apply_exif_and_xmp(meta: CaptureMetadata, tiff: bytes | None, xmp: bytes | None) -> None:
    ifds: dict[str, dict[int, Any]] = {"0th": {}, "Exif": {}, "GPS": {}}
    if tiff:
        try:
            ifds, lost = _decode_tiff(tiff)
            if "Exif" in lost:
                mark(meta, "exif")
            if "GPS" in lost:
                mark(meta, "gps")
        except Broken:
            mark(meta, "exif")
    zeroth, exif, gps = ifds.get("0th", {}), ifds.get("Exif", {}), ifds.get("GPS", {})

    def field(name: str, compute: Callable[[], Any]) -> Any:
        try:
            return compute()
        except Exception:  # Broken, or a value of a shape piexif let through
            mark(meta, name)
        return None

    meta.make = field("make", lambda: exif_text(zeroth[0x010F]) if 0x010F in zeroth else None)
    meta.model = field("model", lambda: exif_text(zeroth[0x0110]) if 0x0110 in zeroth else None)
    meta.software = field("software", lambda: exif_text(zeroth[0x0131]) if 0x0131 in zeroth else None)

    def orientation() -> int | None:
        if 0x0112 not in zeroth:
            return None
        value = _int(zeroth[0x0112])
        if not 1 <= value <= 8:
            raise Broken
        return value

    meta.orientation = field("orientation", orientation)
    _apply_capture_time(meta, exif, field)
    _apply_gps(meta, gps, field)
    if xmp:
        try:
            apply_xmp(meta, xmp_values(bytes(xmp)))
        except Exception:
            mark(meta, "xmp")


def _apply_capture_time(meta: CaptureMetadata, exif: dict[int, Any], field: Callable) -> None:
    naive = field("captured_at", lambda: _exif_datetime(exif_text(exif[0x9003])) if 0x9003 in exif else None)
    offset = field("offset", lambda: offset_text(exif_text(exif[0x9011])) if 0x9011 in exif else None)
    if naive is None:
        meta.offset = offset
        return
    if 0x9291 in exif:
        try:
            micro = _subsec_microseconds(exif[0x9291])
            if micro is not None:
                naive = naive.replace(microsecond=micro)
        except (Broken, ValueError):
            mark(meta, "subsec")
    set_capture_time(meta, naive, offset)


def _apply_gps(meta: CaptureMetadata, gps: dict[int, Any], field: Callable) -> None:
    if 2 in gps:
        meta.gps_lat = field(
            "gps_lat", lambda: _coordinate(gps[2], gps.get(1), positive="N", negative="S", limit=90.0)
        )
    if 4 in gps:
        meta.gps_lon = field(
            "gps_lon", lambda: _coordinate(gps[4], gps.get(3), positive="E", negative="W", limit=180.0)
        )
    if (meta.gps_lat is None) != (meta.gps_lon is None):
        # Half a position is no position.
        for name in ("gps_lat", "gps_lon"):
            if getattr(meta, name) is not None:
                setattr(meta, name, None)
                mark(meta, name)

    def altitude() -> float:
        value = _number(gps[6])
        if value < 0:
            raise Broken
        ref = _altitude_ref(gps[5]) if 5 in gps else 0
        if ref not in (0, 1):
            raise Broken
        return -value if ref == 1 else value

    if 6 in gps:
        meta.gps_alt = field("gps_alt", altitude)

    def gps_time() -> datetime | None:
        if 7 not in gps or 29 not in gps:
            return None
        date_text = exif_text(gps[29])
        if date_text is None:
            return None
        date_match = re.fullmatch(r"(\d{4})[:\-](\d{2})[:\-](\d{2})", date_text)
        parts = _numbers(gps[7])
        if date_match is None or len(parts) != 3:
            raise Broken
        hours, minutes, seconds = parts
        if not (0 <= hours < 24 and 0 <= minutes < 60 and 0 <= seconds < 61):
            raise Broken
        try:
            day = datetime(*(int(g) for g in date_match.groups()), tzinfo=UTC)
        except ValueError as exc:
            raise Broken from exc
        return day + timedelta(hours=hours, minutes=minutes, seconds=seconds)

    meta.gps_time = field("gps_time", gps_time)

    def dop() -> float:
        value = _number(gps[11])
        if value < 0:
            raise Broken
        return value

    if 11 in gps:
        meta.gps_dop = field("gps_dop", dop)
