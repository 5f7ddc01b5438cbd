import csv
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import msgspec
import piexif
import pytest

from server.ingest.metadata import declared_size, read_metadata
from server.ingest.metadata.exif import TiffWalk
from shared.evidence import CaptureMetadata
from tests.server.ingest.conftest import EXIF_SAMPLES
from tests.support.media import exif_bytes, make_heic, make_jpeg, make_png, make_video

ORACLE_ROWS = list(csv.DictReader((EXIF_SAMPLES / "expected-exiftool.tsv").open(encoding="utf-8"), delimiter="\t"))


def _oracle_id(row: dict) -> str:
    return f"{row['dir']}/{row['file']}".lstrip("/")


def _expected_time(row: dict) -> tuple[str | None, str | None]:
    """(local wall clock "YYYY-MM-DDTHH:MM:SS", offset) from ExifTool's DateTimeOriginal and
    OffsetTimeOriginal; a zone written into the date itself (XMP's "Z") is that offset."""
    text = row["datetime_original"]
    offset = None if row["offset_time_original"] == "-" else row["offset_time_original"]
    if text == "-":
        return None, offset
    date, time = text.split(" ", 1)
    if time.endswith("Z"):
        time, offset = time[:-1], offset or "+00:00"
    return f"{date.replace(':', '-')}T{time[:8]}", offset


@pytest.mark.parametrize("row", ORACLE_ROWS, ids=_oracle_id)
def test_every_fixture_matches_exiftool(row):
    path = EXIF_SAMPLES / row["dir"] / row["file"]
    meta = read_metadata(path, "image/jpeg")

    for field, column in (("gps_lat", "gps_latitude"), ("gps_lon", "gps_longitude"), ("gps_alt", "gps_altitude")):
        expected = row[column]
        actual = getattr(meta, field)
        if expected == "-":
            assert actual is None, field
        else:
            assert actual == pytest.approx(float(expected), abs=1e-6), field

    local, offset = _expected_time(row)
    assert (meta.captured_at_local[:19] if meta.captured_at_local else None) == local
    assert meta.offset == offset
    if local is not None:
        assert meta.captured_at.replace(tzinfo=None, microsecond=0) == datetime.fromisoformat(local)
        assert (meta.captured_at.tzinfo is not None) == (offset is not None)

    for field, column in (("make", "make"), ("model", "model"), ("software", "software")):
        assert getattr(meta, field) == (None if row[column] == "-" else row[column]), field
    for field, column in (("orientation", "orientation"), ("width", "width"), ("height", "height")):
        assert getattr(meta, field) == (None if row[column] == "-" else int(row[column])), field


@pytest.mark.parametrize("row", ORACLE_ROWS, ids=_oracle_id)
def test_unreadable_fields_are_none_and_the_result_encodes(row):
    meta = read_metadata(EXIF_SAMPLES / row["dir"] / row["file"], "image/jpeg")
    for name in meta.unreadable:
        if hasattr(meta, name):
            assert getattr(meta, name) is None, name
    decoded = msgspec.json.decode(msgspec.json.encode(meta), type=CaptureMetadata)
    assert decoded.gps_lat == meta.gps_lat and decoded.unreadable == meta.unreadable


def test_broken_blocks_are_named():
    # 45-gps_ifd points at a GPS IFD that is not there; 30-type_error stores the Exif IFD pointer
    # as text. Both broke piexif; the tolerant walk still reads everything else.
    gps_ifd = read_metadata(EXIF_SAMPLES / "tests" / "45-gps_ifd.jpg", "image/jpeg")
    assert "gps" in gps_ifd.unreadable
    assert gps_ifd.model == "Gran Turismo 5" and gps_ifd.gps_lat is None
    type_error = read_metadata(EXIF_SAMPLES / "tests" / "30-type_error.jpg", "image/jpeg")
    assert "exif" in type_error.unreadable
    assert type_error.software == "Adobe Photoshop Elements 7.0"
    assert type_error.captured_at == datetime(2013, 7, 5, 3, 18, 27, tzinfo=UTC)  # from XMP


def _tiff_of(path: Path) -> bytes:
    data = path.read_bytes()
    start = data.index(b"Exif\x00\x00") + 6
    return data[start : start + 65536]


def _piexif_reads(path: Path) -> bool:
    try:
        piexif.load(_tiff_of(path))
    except Exception:
        return False  # 30-type_error and 45-gps_ifd: the walk is their only reader
    return True


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(EXIF_SAMPLES.glob("*/*.jp*g")) if b"Exif\x00\x00" in p.read_bytes() and _piexif_reads(p)],
    ids=lambda p: p.name,
)
def test_tolerant_walk_agrees_with_piexif_where_piexif_works(path):
    tiff = _tiff_of(path)
    loaded = piexif.load(tiff)
    walked = TiffWalk(tiff).ifds
    for ifd, tags in (("0th", (0x010F, 0x0110, 0x0131, 0x0112)), ("Exif", (0x9003, 0x9011, 0x9291)),
                      ("GPS", (1, 2, 3, 4, 5, 6, 7, 11, 29))):
        for tag in tags:
            mine, theirs = walked[ifd].get(tag), loaded[ifd].get(tag)
            if isinstance(theirs, bytes):
                mine, theirs = mine.rstrip(b"\x00 "), theirs.split(b"\x00", 1)[0].rstrip(b" ")
            assert mine == theirs, (ifd, tag)


# ----- generated photos -------------------------------------------------------------------------

TAKEN = datetime(2026, 3, 14, 9, 26, 53)


@pytest.mark.parametrize(
    ("lat", "lon", "alt"),
    [
        (31.230416, 121.473701, 12.5),  # Shanghai: north, east, above sea level
        (-33.856784, 151.215297, None),  # Sydney: south, east, no altitude
        (40.689247, -74.044502, 93.0),  # New York: north, west
        (-22.951916, -43.210487, 0.0),  # Rio: south, west, sea level
        (31.5, 35.5, -430.5),  # Dead Sea shore: below sea level
        (0.0, 0.0, None),
    ],
)
def test_generated_gps_reads_back_with_signs(tmp_path, lat, lon, alt):
    path = make_jpeg(tmp_path / "gps.jpg", width=320, height=240, lat=lat, lon=lon, alt=alt, taken=TAKEN)
    meta = read_metadata(path, "image/jpeg")
    assert meta.gps_lat == pytest.approx(lat, abs=1e-6)
    assert meta.gps_lon == pytest.approx(lon, abs=1e-6)
    if alt is None:
        assert meta.gps_alt is None
    else:
        assert meta.gps_alt == pytest.approx(alt, abs=1e-3)
    assert meta.unreadable == []


@pytest.mark.parametrize(
    ("offset", "subsec", "local", "aware"),
    [
        ("+08:00", None, "2026-03-14T09:26:53", datetime(2026, 3, 14, 1, 26, 53, tzinfo=UTC)),
        ("-05:30", "25", "2026-03-14T09:26:53.250000", datetime(2026, 3, 14, 14, 56, 53, 250000, tzinfo=UTC)),
        ("+00:00", "007", "2026-03-14T09:26:53.007000", datetime(2026, 3, 14, 9, 26, 53, 7000, tzinfo=UTC)),
        (None, "5", "2026-03-14T09:26:53.500000", None),
        (None, None, "2026-03-14T09:26:53", None),
    ],
)
def test_capture_time_offset_and_subseconds(tmp_path, offset, subsec, local, aware):
    path = make_jpeg(tmp_path / "t.jpg", width=320, height=240, taken=TAKEN, offset=offset, subsec=subsec)
    meta = read_metadata(path, "image/jpeg")
    assert meta.captured_at_local == local
    assert meta.offset == offset
    if aware is None:
        assert meta.captured_at.tzinfo is None
        assert meta.captured_at == datetime.fromisoformat(local)
    else:
        assert meta.captured_at == aware


def test_device_orientation_gps_time_and_dop(tmp_path):
    gps_time = datetime(2026, 3, 14, 1, 26, 50, 500000, tzinfo=UTC)
    path = make_jpeg(
        tmp_path / "d.jpg", width=400, height=300, taken=TAKEN, make="Xiaomi", model="23127PN0CC",
        software="MIUI Camera", orientation=6, gps_time=gps_time, gps_dop=2.5, lat=30.0, lon=120.0,
    )
    meta = read_metadata(path, "image/jpeg")
    assert (meta.make, meta.model, meta.software, meta.orientation) == ("Xiaomi", "23127PN0CC", "MIUI Camera", 6)
    assert (meta.width, meta.height) == (400, 300)  # stored size, before orientation
    assert meta.gps_time == gps_time
    assert meta.gps_dop == pytest.approx(2.5)


def test_heic_with_gps(tmp_path):
    path = make_heic(
        tmp_path / "p.heic", width=320, height=240, lat=22.543096, lon=114.057865, alt=45.0, taken=TAKEN,
        orientation=6,
    )
    meta = read_metadata(path, "image/heic")
    assert meta.gps_lat == pytest.approx(22.543096, abs=1e-6)
    assert meta.gps_lon == pytest.approx(114.057865, abs=1e-6)
    assert meta.gps_alt == pytest.approx(45.0)
    assert meta.captured_at == datetime(2026, 3, 14, 9, 26, 53, tzinfo=timezone(timedelta(hours=8)))
    assert (meta.make, meta.model, meta.orientation) == ("Apple", "iPhone 15 Pro", 6)
    assert (meta.width, meta.height) == (320, 240)


def test_png_with_and_without_exif(tmp_path):
    plain = read_metadata(make_png(tmp_path / "plain.png", width=300, height=200), "image/png")
    assert (plain.width, plain.height, plain.gps_lat, plain.unreadable) == (300, 200, None, [])
    tagged = read_metadata(
        make_png(tmp_path / "tagged.png", width=300, height=200, lat=-1.5, lon=-2.25, taken=TAKEN), "image/png"
    )
    assert tagged.gps_lat == pytest.approx(-1.5) and tagged.gps_lon == pytest.approx(-2.25)
    assert tagged.captured_at_local == "2026-03-14T09:26:53"


def test_android_video_location(tmp_path):
    created = datetime(2026, 3, 14, 1, 26, 53, tzinfo=UTC)
    path = make_video(
        tmp_path / "a.mp4", seconds=2, fps=10, size=(320, 240), location="+37.4219-122.0840/",
        creation_time=created, make="HUAWEI", model="ELS-AN00",
    )
    assert b"\xa9xyz" in path.read_bytes()  # the atom Android's MediaMuxer writes
    meta = read_metadata(path, "video/mp4")
    assert (meta.gps_lat, meta.gps_lon, meta.gps_alt) == (pytest.approx(37.4219), pytest.approx(-122.084), None)
    assert meta.duration_s == pytest.approx(2.0, abs=0.15)
    assert (meta.video_codec, meta.width, meta.height) == ("h264", 320, 240)
    assert meta.frame_rate == pytest.approx(10.0)
    assert meta.creation_time == created and meta.captured_at == created
    assert (meta.make, meta.model) == ("HUAWEI", "ELS-AN00")


def test_android_location_in_a_mov(tmp_path):
    mov = make_video(tmp_path / "a.mov", container="mov", seconds=0.5, location="-33.8688+151.2093/")
    assert b"\xa9xyz" in mov.read_bytes()
    meta = read_metadata(mov, "video/quicktime")
    assert (meta.gps_lat, meta.gps_lon) == (pytest.approx(-33.8688), pytest.approx(151.2093))


def test_apple_video_location_and_local_time(tmp_path):
    created = datetime(2026, 3, 14, 9, 26, 53, tzinfo=timezone(timedelta(hours=8)))
    path = make_video(
        tmp_path / "i.mov", container="mov", apple=True, seconds=1, location="+37.3318-122.0312+011.000/",
        creation_time=created,
    )
    meta = read_metadata(path, "video/quicktime")
    assert meta.gps_lat == pytest.approx(37.3318)
    assert meta.gps_lon == pytest.approx(-122.0312)
    assert meta.gps_alt == pytest.approx(11.0)
    assert meta.captured_at == created and meta.offset == "+08:00"
    assert meta.captured_at_local == "2026-03-14T09:26:53"
    assert meta.creation_time == created.astimezone(UTC)
    assert (meta.make, meta.model) == ("Apple", "iPhone 15 Pro")


def test_video_with_a_broken_location_names_it(tmp_path):
    meta = read_metadata(make_video(tmp_path / "b.mp4", seconds=0.5, location="+99.0000-122.0840/"), "video/mp4")
    assert meta.gps_lat is None and {"gps_lat", "gps_lon"} <= set(meta.unreadable)


# ----- hostile metadata -------------------------------------------------------------------------


def _jpeg_with_tiff(tmp_path: Path, tiff: bytes, name: str = "h.jpg") -> Path:
    base = make_jpeg(tmp_path / "base.jpg", width=64, height=48, with_exif=False).read_bytes()
    segment = b"\xff\xe1" + (len(tiff) + 8).to_bytes(2, "big") + b"Exif\x00\x00" + tiff
    path = tmp_path / name
    path.write_bytes(base[:2] + segment + base[2:])
    return path


def _entry(tag: int, kind: int, count: int, value: bytes) -> bytes:
    return tag.to_bytes(2, "little") + kind.to_bytes(2, "little") + count.to_bytes(4, "little") + value.ljust(4, b"\0")


def _tiff(entries: list[bytes], extra: bytes = b"") -> bytes:
    ifd = len(entries).to_bytes(2, "little") + b"".join(entries) + b"\0\0\0\0"
    return b"II*\x00" + (8).to_bytes(4, "little") + ifd + extra


def test_zero_denominators_and_huge_counts(tmp_path):
    # GPS IFD at offset 8 + 2 + 12*2 + 4 = 38: latitude with zero denominators, longitude whose count
    # claims four billion rationals, altitude fine.
    gps_at = 38
    rationals_at = gps_at + 2 + 12 * 5 + 4
    gps = (
        (5).to_bytes(2, "little")
        + _entry(1, 2, 2, b"N\0")
        + _entry(2, 5, 3, rationals_at.to_bytes(4, "little"))
        + _entry(3, 2, 2, b"E\0")
        + _entry(4, 5, 0xFFFFFFFF, rationals_at.to_bytes(4, "little"))
        + _entry(6, 5, 1, (rationals_at + 24).to_bytes(4, "little"))
        + b"\0\0\0\0"
        + b"\x1e\0\0\0\0\0\0\0" * 3  # 30/0 three times
        + (120).to_bytes(4, "little") + (1).to_bytes(4, "little")
    )
    tiff = _tiff([_entry(0x0112, 3, 1, (3).to_bytes(2, "little")), _entry(0x8825, 4, 1, gps_at.to_bytes(4, "little"))],
                 gps)
    meta = read_metadata(_jpeg_with_tiff(tmp_path, tiff), "image/jpeg")
    assert meta.orientation == 3
    assert meta.gps_lat is None and meta.gps_lon is None
    assert {"gps_lat", "gps_lon"} <= set(meta.unreadable)
    assert meta.gps_alt == pytest.approx(120.0)


def test_zero_denominators_on_the_piexif_path(tmp_path):
    exif = piexif.dump({"GPS": {1: b"N", 2: ((31, 0), (0, 1), (0, 1)), 3: b"E", 4: ((121, 1), (0, 1), (0, 1)),
                                6: (10, 0)}, "0th": {}, "Exif": {0x9003: b"2026:03:14 09:26:53", 0x9291: b"x1"}})
    path = make_jpeg(tmp_path / "z.jpg", width=64, height=48, with_exif=False)
    data = path.read_bytes()
    path.write_bytes(data[:2] + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif + data[2:])
    meta = read_metadata(path, "image/jpeg")
    assert meta.gps_lat is None and meta.gps_lon is None and meta.gps_alt is None
    assert {"gps_lat", "gps_lon", "gps_alt", "subsec"} <= set(meta.unreadable)
    assert meta.captured_at_local == "2026-03-14T09:26:53"  # the broken sub-seconds are dropped, not the time


def test_wrong_types_and_impossible_values(tmp_path):
    strings = b"2026:13:45 25:61:61\0" + b"+25:00\0"
    base = 8 + 2 + 12 * 4 + 4
    exif_at = base + len(strings)
    exif_ifd = (
        (2).to_bytes(2, "little")
        + _entry(0x9003, 2, 20, base.to_bytes(4, "little"))
        + _entry(0x9011, 2, 7, (base + 20).to_bytes(4, "little"))
        + b"\0\0\0\0"
    )
    tiff = _tiff(
        [
            _entry(0x010F, 3, 1, (7).to_bytes(2, "little")),  # Make as a number
            _entry(0x0112, 3, 1, (9).to_bytes(2, "little")),  # no such orientation
            _entry(0x0131, 99, 1, b"abcd"),  # unknown type
            _entry(0x8769, 4, 1, exif_at.to_bytes(4, "little")),
        ],
        strings + exif_ifd,
    )
    meta = read_metadata(_jpeg_with_tiff(tmp_path, tiff), "image/jpeg")
    assert meta.make is None and meta.orientation is None and meta.software is None
    assert meta.captured_at is None and meta.offset is None
    assert {"make", "orientation", "software", "captured_at", "offset"} <= set(meta.unreadable)
    assert (meta.width, meta.height) == (64, 48)


def test_truncated_ifd_and_a_loop_of_pointers(tmp_path):
    # The Exif IFD pointer points back at the 0th IFD; the 0th IFD claims 500 entries.
    tiff = b"II*\x00" + (8).to_bytes(4, "little") + (500).to_bytes(2, "little") + _entry(0x8769, 4, 1, b"\x08\0\0\0")
    meta = read_metadata(_jpeg_with_tiff(tmp_path, tiff), "image/jpeg")
    assert meta.captured_at is None and meta.width == 64


def test_not_a_tiff_and_empty_segments(tmp_path):
    meta = read_metadata(_jpeg_with_tiff(tmp_path, b"XX*\x00garbage"), "image/jpeg")
    assert "exif" in meta.unreadable
    assert read_metadata(_jpeg_with_tiff(tmp_path, b""), "image/jpeg").unreadable == []


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (b"", "image/jpeg"),
        (b"\xff\xd8", "image/jpeg"),
        (b"\xff\xd8" + b"\xff" * 5000, "image/jpeg"),
        (b"\xff\xd8\xff\xe1\x00\x01", "image/jpeg"),
        (b"<html>not a photo</html>", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", "image/png"),
        (b"\x89PNG\r\n\x1a\n\xff\xff\xff\xffeXIf", "image/png"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "image/heic"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\0" * 100, "video/mp4"),
        (b"whatever", "application/pdf"),
    ],
)
def test_garbage_never_raises(tmp_path, data, mime):
    path = tmp_path / "garbage"
    path.write_bytes(data)
    meta = read_metadata(path, mime)
    assert isinstance(meta, CaptureMetadata)
    assert meta.captured_at is None and meta.gps_lat is None


def test_declared_size_reads_headers_only(tmp_path):
    assert declared_size(make_jpeg(tmp_path / "a.jpg", width=123, height=45, with_exif=False), "image/jpeg") == (
        123, 45)
    assert declared_size(make_png(tmp_path / "a.png", width=67, height=89), "image/png") == (67, 89)
    (tmp_path / "x").write_bytes(b"nothing")
    assert declared_size(tmp_path / "x", "image/jpeg") is None


def test_exif_helper_writes_what_it_is_told():
    loaded = piexif.load(exif_bytes(lat=-10.5, lon=20.25, alt=-3.0, taken=TAKEN, offset="+09:00", subsec="42"))
    assert loaded["GPS"][piexif.GPSIFD.GPSLatitudeRef] == b"S"
    assert loaded["GPS"][piexif.GPSIFD.GPSAltitudeRef] == 1
    assert loaded["Exif"][piexif.ExifIFD.OffsetTimeOriginal] == b"+09:00"
