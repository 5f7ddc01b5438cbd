"""What a photo or video says about where, when and with what it was captured.

Every file is hostile input: `read_metadata` never raises. A field that is absent stays None;
a field that is present but broken (zero denominators, wrong types, truncated IFDs, counts
larger than the data, impossible dates) also stays None and its name goes into
`CaptureMetadata.unreadable`. Besides field names, `unreadable` may hold "exif", "gps", "xmp" or
"container" (that whole block could not be parsed) and "subsec" (sub-seconds ignored).

EXIF is decoded by piexif when the block is sane; piexif builds `struct` formats as long as a
tag's declared count and fails the whole block on one bad IFD, so a bounded walker below checks
every count against the data first and decodes the block itself whenever piexif cannot be
trusted with it (or fails). Where EXIF lacks a tag, the XMP packet fills in as ExifTool does
(exif:DateTimeOriginal, tiff:Orientation, tiff:Make, tiff:Model).
"""

import logging
import math
import re
import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import piexif

from shared.evidence import CaptureMetadata

log = logging.getLogger(__name__)

# Bounds on what we read from a file, whatever it claims.
_MAX_JPEG_SEGMENTS = 1000
_MAX_PNG_CHUNKS = 100_000
_MAX_METADATA_BYTES = 4 * 1024 * 1024  # one EXIF or XMP block
_MAX_VIDEO_TAG_CHARS = 1000

# ----- ISO 6709 ---------------------------------------------------------------------------------

_ISO6709 = re.compile(
    r"(?P<lat>[+-]\d+(?:\.\d+)?)"
    r"(?P<lon>[+-]\d+(?:\.\d+)?)"
    r"(?P<alt>[+-]\d+(?:\.\d+)?)?"
    r"(?:CRS[A-Za-z0-9_:.\-]*)?"
    r"/?"
)


def parse_iso6709(text: str) -> tuple[float, float, float | None] | None:
    """(latitude, longitude, altitude or None) from an ISO 6709 Annex H point such as Android's
    "+37.4219-122.0840/" or Apple's "+37.3318-122.0312+011.000/". Degrees (±DD.D, ±DDD.D),
    degrees and minutes (±DDMM.M, ±DDDMM.M) and degrees, minutes and seconds (±DDMMSS.S,
    ±DDDMMSS.S) are understood. Anything else, or a value out of range, gives None."""
    if not isinstance(text, str) or len(text) > 100:
        return None
    match = _ISO6709.fullmatch(text.strip())
    if match is None:
        return None
    lat = _iso6709_angle(match["lat"], degree_digits=2, limit=90.0)
    lon = _iso6709_angle(match["lon"], degree_digits=3, limit=180.0)
    if lat is None or lon is None:
        return None
    alt = float(match["alt"]) if match["alt"] else None
    if alt is not None and not math.isfinite(alt):
        return None
    return lat, lon, alt


def _iso6709_angle(part: str, *, degree_digits: int, limit: float) -> float | None:
    sign = -1.0 if part[0] == "-" else 1.0
    whole, _, fraction = part[1:].partition(".")
    fraction = "." + fraction if fraction else ""
    if len(whole) == degree_digits:
        value = float(whole + fraction)
    elif len(whole) == degree_digits + 2:
        minutes = float(whole[degree_digits:] + fraction)
        if minutes >= 60:
            return None
        value = int(whole[:degree_digits]) + minutes / 60
    elif len(whole) == degree_digits + 4:
        minutes = int(whole[degree_digits : degree_digits + 2])
        seconds = float(whole[degree_digits + 2 :] + fraction)
        if minutes >= 60 or seconds >= 60:
            return None
        value = int(whole[:degree_digits]) + minutes / 60 + seconds / 3600
    else:
        return None
    if value > limit:
        return None
    return sign * value


# ----- entry point ------------------------------------------------------------------------------


def read_metadata(path: Path, mime: str) -> CaptureMetadata:
    """Capture metadata of the file at `path`, whose type was sniffed as `mime`. Never raises."""
    meta = CaptureMetadata()
    readers: dict[str, Callable[[Path, CaptureMetadata], None]] = {
        "image/jpeg": _read_jpeg,
        "image/png": _read_png,
        "image/heic": _read_heic,
        "video/mp4": _read_video,
        "video/quicktime": _read_video,
    }
    reader = readers.get(mime)
    if reader is None:
        return meta
    try:
        reader(Path(path), meta)
    except Exception:  # the last line of defence: a reader bug must not lose the upload
        log.warning("metadata of %s could not be read", path, exc_info=True)
        _mark(meta, "container")
    return meta


def declared_size(path: Path, mime: str) -> tuple[int, int] | None:
    """The pixel size a JPEG (SOF) or PNG (IHDR) header declares, without decoding; None if
    the header cannot be read."""
    meta = CaptureMetadata()
    try:
        if mime == "image/jpeg":
            meta.width, meta.height = _scan_jpeg(Path(path))[2] or (None, None)
        elif mime == "image/png":
            _read_png(Path(path), meta)
    except Exception:
        return None
    if meta.width and meta.height:
        return meta.width, meta.height
    return None


def _mark(meta: CaptureMetadata, name: str) -> None:
    if name not in meta.unreadable:
        meta.unreadable.append(name)


class _Broken(Exception):
    """A field is present but its value cannot be used."""


# ----- JPEG -------------------------------------------------------------------------------------

_SOF_MARKERS = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_EXIF_HEADER = b"Exif\x00\x00"
_XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"


def _read_jpeg(path: Path, meta: CaptureMetadata) -> None:
    exif, xmp, size = _scan_jpeg(path)
    if size is not None:
        meta.width, meta.height = size
    else:
        _mark(meta, "width")
        _mark(meta, "height")
    _apply_exif_and_xmp(meta, exif, xmp)


def _scan_jpeg(path: Path) -> tuple[bytes | None, bytes | None, tuple[int, int] | None]:
    """The first EXIF block (TIFF bytes), the first XMP packet and the SOF frame size, read
    segment by segment up to the start of the image data."""
    exif = xmp = None
    size = None
    with open(path, "rb") as f:
        if f.read(2) != b"\xff\xd8":
            return None, None, None
        for _ in range(_MAX_JPEG_SEGMENTS):
            byte = f.read(1)
            if byte != b"\xff":
                break
            marker = f.read(1)
            for _ in range(64):  # fill bytes, boundedly
                if marker != b"\xff":
                    break
                marker = f.read(1)
            if not marker:
                break
            code = marker[0]
            if code == 0x01 or 0xD0 <= code <= 0xD8:  # markers without a length
                continue
            if code in (0xD9, 0xDA):  # end of image, start of scan
                break
            length_bytes = f.read(2)
            if len(length_bytes) < 2:
                break
            length = int.from_bytes(length_bytes, "big")
            if length < 2:
                break
            body_length = length - 2
            wanted = (code == 0xE1 and (exif is None or xmp is None)) or (code in _SOF_MARKERS and size is None)
            if not wanted:
                f.seek(body_length, 1)
                continue
            body = f.read(body_length)
            if code == 0xE1:
                if exif is None and body.startswith(_EXIF_HEADER):
                    exif = body[len(_EXIF_HEADER) :]
                elif xmp is None and body.startswith(_XMP_HEADER):
                    xmp = body[len(_XMP_HEADER) :]
            elif len(body) >= 5:
                height = int.from_bytes(body[1:3], "big")
                width = int.from_bytes(body[3:5], "big")
                if width and height:
                    size = (width, height)
    return exif, xmp, size


# ----- PNG --------------------------------------------------------------------------------------


def _read_png(path: Path, meta: CaptureMetadata) -> None:
    exif = xmp = None
    with open(path, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            _mark(meta, "container")
            return
        for _ in range(_MAX_PNG_CHUNKS):
            header = f.read(8)
            if len(header) < 8:
                break
            length = int.from_bytes(header[:4], "big")
            kind = header[4:8]
            if kind == b"IHDR" and length >= 8:
                body = f.read(8)
                width, height = struct.unpack(">II", body) if len(body) == 8 else (0, 0)
                if width and height:
                    meta.width, meta.height = width, height
                f.seek(length - 8 + 4, 1)
            elif kind in (b"eXIf", b"iTXt") and length <= _MAX_METADATA_BYTES:
                body = f.read(length)
                f.seek(4, 1)
                if kind == b"eXIf" and exif is None:
                    exif = body[len(_EXIF_HEADER) :] if body.startswith(_EXIF_HEADER) else body
                elif kind == b"iTXt" and xmp is None and body.startswith(b"XML:com.adobe.xmp\x00"):
                    xmp = _itxt_text(body)
            elif kind == b"IEND":
                break
            else:
                f.seek(length + 4, 1)
    if meta.width is None:
        _mark(meta, "width")
        _mark(meta, "height")
    _apply_exif_and_xmp(meta, exif, xmp)


def _itxt_text(body: bytes) -> bytes | None:
    # keyword \0 compression-flag compression-method language \0 translated-keyword \0 text
    parts = body.split(b"\x00", 1)
    if len(parts) < 2 or len(parts[1]) < 2 or parts[1][0] != 0:  # compressed XMP is not read
        return None
    rest = parts[1][2:].split(b"\x00", 2)
    return rest[2] if len(rest) == 3 else None


# ----- HEIC -------------------------------------------------------------------------------------


def _read_heic(path: Path, meta: CaptureMetadata) -> None:
    import pillow_heif

    try:
        heif = pillow_heif.open_heif(str(path), convert_hdr_to_8bit=False)
        primary_size = heif.size
        info = heif.info
    except Exception:
        _mark(meta, "container")
        return
    raw_exif = info.get("exif")
    exif = _tiff_from_heif_exif(raw_exif) if isinstance(raw_exif, bytes | bytearray) else None
    xmp = info.get("xmp") if isinstance(info.get("xmp"), bytes | bytearray) else None
    _apply_exif_and_xmp(meta, exif, xmp)
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
    index = raw.find(_EXIF_HEADER, 0, 64)
    return bytes(raw[index + len(_EXIF_HEADER) :]) if index >= 0 else None


# ----- EXIF (TIFF) decoding ---------------------------------------------------------------------

_BROKEN = object()  # an entry present in the file whose value cannot be decoded

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_INT_FORMATS = {1: "B", 3: "H", 4: "L", 6: "b", 8: "h", 9: "l", 11: "f", 12: "d", 13: "L"}

_EXIF_IFD_POINTER = 0x8769
_GPS_IFD_POINTER = 0x8825
_INTEROP_IFD_POINTER = 0xA005


class _TiffWalk:
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
            raise _Broken("no TIFF header")
        first = self._u32(4)
        if first is None:
            raise _Broken("no first IFD")
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
    Raises _Broken when there is no TIFF structure at all."""
    if len(tiff) > _MAX_METADATA_BYTES:
        tiff = tiff[:_MAX_METADATA_BYTES]
    walk = _TiffWalk(tiff)
    if walk.clean:
        try:
            loaded = piexif.load(tiff)
            return {name: loaded.get(name) or {} for name in ("0th", "Exif", "GPS")}, set()
        except Exception:
            log.debug("piexif could not load an EXIF block; using the tolerant walk", exc_info=True)
    return walk.ifds, walk.lost_blocks


# ----- interpreting tags ------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is _BROKEN:
        raise _Broken
    if isinstance(value, bytes | bytearray):
        raw = bytes(value).split(b"\x00", 1)[0]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    elif isinstance(value, str):
        text = value
    else:
        raise _Broken
    text = text.strip()
    if any(ord(ch) < 32 for ch in text):
        raise _Broken
    return text[:200] or None


def _int(value: Any) -> int:
    if isinstance(value, tuple) and len(value) == 1:
        value = value[0]
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _Broken


def _number(value: Any) -> float:
    """One rational (num, den), integer or float as a finite float."""
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        numerator, denominator = value
        if denominator == 0:
            raise _Broken
        result = numerator / denominator
    elif isinstance(value, int | float) and not isinstance(value, bool):
        result = float(value)
    else:
        raise _Broken
    if not math.isfinite(result):
        raise _Broken
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
        raise _Broken
    degrees = parts[0] + (parts[1] / 60 if len(parts) > 1 else 0) + (parts[2] / 3600 if len(parts) > 2 else 0)
    if ref is not None:
        letter = (_text(ref) or "").upper()[:1]
        if letter == negative:
            degrees = -degrees
        elif letter not in (positive, ""):
            raise _Broken
    if abs(degrees) > limit:
        raise _Broken
    return degrees


def _altitude_ref(value: Any) -> int:
    if isinstance(value, bytes | bytearray):
        if len(value) < 1:
            raise _Broken
        return value[0]
    return _int(value)


_EXIF_DATETIME = re.compile(r"(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_XMP_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+\-]\d{2}:?\d{2})?"
)
_OFFSET = re.compile(r"([+\-])(\d{2}):?(\d{2})")


def _exif_datetime(text: str | None) -> datetime | None:
    """A naive datetime from "YYYY:MM:DD HH:MM:SS"; None for the blank/zero "unknown" forms."""
    if text is None:
        return None
    if not text.strip(" :0-"):
        return None  # "0000:00:00 00:00:00" and "    :  :     :  :  " mean unknown
    match = _EXIF_DATETIME.match(text)
    if match is None:
        raise _Broken
    try:
        return datetime(*(int(g) for g in match.groups()))
    except ValueError as exc:
        raise _Broken from exc


def _offset_text(text: str | None) -> str | None:
    """Normalised "+HH:MM" or None for the blank form."""
    if text is None or not text.strip(" :"):
        return None
    match = _OFFSET.fullmatch(text)
    if match is None:
        raise _Broken
    sign, hours, minutes = match.groups()
    if int(hours) > 14 or int(minutes) >= 60:
        raise _Broken
    return f"{sign}{hours}:{minutes}"


def _offset_tz(offset: str) -> timezone:
    sign = -1 if offset[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))


def _subsec_microseconds(value: Any) -> int | None:
    text = _text(value)
    if text is None:
        return None
    if not text.isdigit() or not text.isascii():
        raise _Broken
    return int((text + "000000")[:6])


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
        return naive, _offset_text(zone)
    except _Broken:
        return naive, None


def _xmp_values(xmp: bytes) -> dict[str, str]:
    """The few XMP properties we use, in attribute or element form."""
    text = xmp[:_MAX_METADATA_BYTES].decode("utf-8", errors="replace")
    found: dict[str, str] = {}
    for name in ("exif:DateTimeOriginal", "tiff:Orientation", "tiff:Make", "tiff:Model", "xmp:CreatorTool"):
        escaped = re.escape(name)
        match = re.search(rf"""{escaped}\s*=\s*["']([^"'<]{{0,200}})["']""", text) or re.search(
            rf"<{escaped}>([^<]{{0,200}})</{escaped}>", text
        )
        if match:
            found[name] = match.group(1).strip()
    return found


def _apply_exif_and_xmp(meta: CaptureMetadata, tiff: bytes | None, xmp: bytes | None) -> None:
    ifds: dict[str, dict[int, Any]] = {"0th": {}, "Exif": {}, "GPS": {}}
    if tiff:
        try:
            ifds, lost = _decode_tiff(tiff)
            if "Exif" in lost:
                _mark(meta, "exif")
            if "GPS" in lost:
                _mark(meta, "gps")
        except _Broken:
            _mark(meta, "exif")
    zeroth, exif, gps = ifds.get("0th", {}), ifds.get("Exif", {}), ifds.get("GPS", {})

    def field(name: str, compute: Callable[[], Any]) -> Any:
        try:
            return compute()
        except Exception:  # _Broken, or a value of a shape piexif let through
            _mark(meta, name)
        return None

    meta.make = field("make", lambda: _text(zeroth[0x010F]) if 0x010F in zeroth else None)
    meta.model = field("model", lambda: _text(zeroth[0x0110]) if 0x0110 in zeroth else None)
    meta.software = field("software", lambda: _text(zeroth[0x0131]) if 0x0131 in zeroth else None)

    def orientation() -> int | None:
        if 0x0112 not in zeroth:
            return None
        value = _int(zeroth[0x0112])
        if not 1 <= value <= 8:
            raise _Broken
        return value

    meta.orientation = field("orientation", orientation)
    _apply_capture_time(meta, exif, field)
    _apply_gps(meta, gps, field)
    if xmp:
        try:
            _apply_xmp(meta, _xmp_values(bytes(xmp)))
        except Exception:
            _mark(meta, "xmp")


def _apply_capture_time(meta: CaptureMetadata, exif: dict[int, Any], field: Callable) -> None:
    naive = field("captured_at", lambda: _exif_datetime(_text(exif[0x9003])) if 0x9003 in exif else None)
    offset = field("offset", lambda: _offset_text(_text(exif[0x9011])) if 0x9011 in exif else None)
    if naive is None:
        meta.offset = offset
        return
    if 0x9291 in exif:
        try:
            micro = _subsec_microseconds(exif[0x9291])
            if micro is not None:
                naive = naive.replace(microsecond=micro)
        except (_Broken, ValueError):
            _mark(meta, "subsec")
    _set_capture_time(meta, naive, offset)


def _set_capture_time(meta: CaptureMetadata, naive: datetime, offset: str | None) -> None:
    meta.captured_at_local = naive.isoformat()
    meta.offset = offset
    meta.captured_at = naive.replace(tzinfo=_offset_tz(offset)) if offset else naive


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
                _mark(meta, name)

    def altitude() -> float:
        value = _number(gps[6])
        if value < 0:
            raise _Broken
        ref = _altitude_ref(gps[5]) if 5 in gps else 0
        if ref not in (0, 1):
            raise _Broken
        return -value if ref == 1 else value

    if 6 in gps:
        meta.gps_alt = field("gps_alt", altitude)

    def gps_time() -> datetime | None:
        if 7 not in gps or 29 not in gps:
            return None
        date_text = _text(gps[29])
        if date_text is None:
            return None
        date_match = re.fullmatch(r"(\d{4})[:\-](\d{2})[:\-](\d{2})", date_text)
        parts = _numbers(gps[7])
        if date_match is None or len(parts) != 3:
            raise _Broken
        hours, minutes, seconds = parts
        if not (0 <= hours < 24 and 0 <= minutes < 60 and 0 <= seconds < 61):
            raise _Broken
        try:
            day = datetime(*(int(g) for g in date_match.groups()), tzinfo=UTC)
        except ValueError as exc:
            raise _Broken from exc
        return day + timedelta(hours=hours, minutes=minutes, seconds=seconds)

    meta.gps_time = field("gps_time", gps_time)

    def dop() -> float:
        value = _number(gps[11])
        if value < 0:
            raise _Broken
        return value

    if 11 in gps:
        meta.gps_dop = field("gps_dop", dop)


def _apply_xmp(meta: CaptureMetadata, values: dict[str, str]) -> None:
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
        _set_capture_time(meta, naive, zone if meta.offset is None else meta.offset)
    elif (
        meta.offset is None
        and zone is not None
        and "offset" not in meta.unreadable
        and meta.captured_at_local is not None
        and meta.captured_at_local[:19] == naive.isoformat()[:19]
    ):
        # Same wall-clock time in XMP with a zone: that zone is the capture offset.
        local = datetime.fromisoformat(meta.captured_at_local)
        _set_capture_time(meta, local, zone)


# ----- video ------------------------------------------------------------------------------------

_LOCATION_KEYS = ("com.apple.quicktime.location.ISO6709", "location", "location-eng")
_QUICKTIME_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+\-]\d{2}:?\d{2})?"
)


def _read_video(path: Path, meta: CaptureMetadata) -> None:
    import av

    try:
        container = av.open(str(path), metadata_errors="replace")
    except Exception:
        _mark(meta, "container")
        return
    with container:
        tags = _video_tags(container.metadata)
        video = container.streams.video[0] if container.streams.video else None
        stream_tags = _video_tags(video.metadata) if video is not None else {}

        def field(name: str, compute: Callable[[], Any]) -> Any:
            try:
                return compute()
            except Exception:
                _mark(meta, name)
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
                _set_capture_time(meta, local.replace(tzinfo=None), offset)
        if meta.captured_at is None and meta.creation_time is not None:
            meta.captured_at = meta.creation_time

        for key in _LOCATION_KEYS:
            text = tags.get(key) or stream_tags.get(key)
            if not text:
                continue
            point = parse_iso6709(text)
            if point is None:
                _mark(meta, "gps_lat")
                _mark(meta, "gps_lon")
                continue
            meta.gps_lat, meta.gps_lon, meta.gps_alt = point
            if "gps_lat" in meta.unreadable:  # a later key was good after all
                meta.unreadable.remove("gps_lat")
                meta.unreadable.remove("gps_lon")
            break


def _video_tags(metadata: Any) -> dict[str, str]:
    try:
        return {
            str(k)[:_MAX_VIDEO_TAG_CHARS]: str(v)[:_MAX_VIDEO_TAG_CHARS].strip()
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
        raise _Broken
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
    offset = _offset_text(zone)
    aware = value.replace(tzinfo=_offset_tz(offset)) if offset else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC) if utc else aware
