"""Hypothesis fuzzing of the metadata reader with hostile bytes: no exception may escape, a
field named unreadable is None, and whatever comes back can be stored (encoded as JSON)."""

import struct
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.ingest.derivatives import MediaRejected, make_photo_derivatives, probe_image, probe_video
from server.ingest.metadata import read_metadata
from shared.evidence import CaptureMetadata
from tests.server.ingest.conftest import EXIF_SAMPLES
from tests.support.media import make_jpeg, make_png, make_video

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _head_up_to_scan(path: Path) -> bytes:
    """The metadata part of a JPEG (everything before the image data) plus a little of the data."""
    data = path.read_bytes()
    return data[: data.index(b"\xff\xda") + 200]


SEEDS = [
    _head_up_to_scan(EXIF_SAMPLES / "gps" / "DSCN0010.jpg"),  # Nikon, GPS
    _head_up_to_scan(EXIF_SAMPLES / "tests" / "87_OSError.jpg"),  # GPS with altitude
    _head_up_to_scan(EXIF_SAMPLES / "tests" / "67-0_length_string.jpg"),  # big-endian
    _head_up_to_scan(EXIF_SAMPLES / "Canon_40D.jpg"),
]


def _app1_span(data: bytes) -> tuple[int, int]:
    start = data.index(b"Exif\x00\x00") - 4
    length = int.from_bytes(data[start + 2 : start + 4], "big")
    return start + 4, start + 2 + length  # the segment body


def _check(path: Path, mime: str) -> CaptureMetadata:
    meta = read_metadata(path, mime)
    assert isinstance(meta, CaptureMetadata)
    for name in meta.unreadable:
        if hasattr(meta, name):
            assert getattr(meta, name) is None, name
    msgspec.json.decode(msgspec.json.encode(meta), type=CaptureMetadata)
    for value in (meta.gps_lat, meta.gps_lon):
        assert value is None or -180 <= value <= 180
    return meta


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 2**16), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, 2**16), st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("delete"), st.integers(0, 2**16), st.integers(1, 64)),
    st.tuples(st.just("set32"), st.integers(0, 2**16), st.sampled_from([0, 1, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF])),
    st.tuples(st.just("set16"), st.integers(0, 2**16), st.sampled_from([0, 1, 2, 5, 10, 13, 99, 0xFFFF])),
)


@FUZZ
@given(seed=st.sampled_from(range(len(SEEDS))), mutations=st.lists(mutation, min_size=1, max_size=8))
def test_mutated_exif_segments_never_raise(scratch, seed, mutations):
    data = bytearray(SEEDS[seed])
    body_start, body_end = _app1_span(bytes(data))
    body = bytearray(data[body_start:body_end])
    for kind, position, value in mutations:
        at = 6 + position % max(1, len(body) - 6)  # keep "Exif\0\0" so the block is found
        if kind == "flip":
            body[at] ^= value
        elif kind == "insert":
            body[at:at] = value
        elif kind == "delete":
            del body[at : at + value]
        elif kind == "set32" and at + 4 <= len(body):
            body[at : at + 4] = struct.pack(">I", value)
        elif kind == "set16" and at + 2 <= len(body):
            body[at : at + 2] = struct.pack(">H", value)
    body = body[:65533]
    segment = b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + bytes(body)
    path = scratch / "mutated.jpg"
    path.write_bytes(bytes(data[: body_start - 4]) + segment + bytes(data[body_end:]))
    _check(path, "image/jpeg")


TYPES = st.integers(0, 14)
COUNTS = st.one_of(st.integers(0, 40), st.sampled_from([0xFFFF, 0x10000, 0x7FFFFFFF, 0xFFFFFFFF]))
TAGS = st.sampled_from(
    [0x010F, 0x0110, 0x0131, 0x0112, 0x8769, 0x8825, 0x9003, 0x9011, 0x9291, 0xA005, *range(32)]  # + GPS tags
)


@st.composite
def tiff_blocks(draw):
    """A TIFF header and up to three IFDs of arbitrary entries, pointers among them random."""
    endian = draw(st.sampled_from(["<", ">"]))
    pool = draw(st.binary(min_size=0, max_size=256))
    ifds = []
    for _ in range(draw(st.integers(1, 3))):
        entries = draw(st.lists(st.tuples(TAGS, TYPES, COUNTS, st.integers(0, 2**32 - 1)), max_size=12))
        ifds.append(entries)
    header = (b"II*\x00" if endian == "<" else b"MM\x00*") + struct.pack(endian + "I", 8)
    body = b""
    offsets = []
    position = 8
    for entries in ifds:
        offsets.append(position)
        position += 2 + 12 * len(entries) + 4
    for index, entries in enumerate(ifds):
        body += struct.pack(endian + "H", len(entries))
        for tag, kind, count, value in entries:
            if tag in (0x8769, 0x8825, 0xA005) and draw(st.booleans()):
                value = offsets[draw(st.integers(0, len(offsets) - 1))]
            body += struct.pack(endian + "HHII", tag, kind, count, value)
        next_ifd = offsets[index + 1] if index + 1 < len(offsets) and draw(st.booleans()) else 0
        body += struct.pack(endian + "I", next_ifd)
    return header + body + pool


@FUZZ
@given(tiff=tiff_blocks())
def test_random_ifds_never_raise(scratch, tiff):
    base = (scratch / "base.jpg")
    if not base.exists():
        make_jpeg(base, width=32, height=24, with_exif=False)
    data = base.read_bytes()
    segment = b"\xff\xe1" + (len(tiff) + 8).to_bytes(2, "big") + b"Exif\x00\x00" + tiff
    path = scratch / "random.jpg"
    path.write_bytes(data[:2] + segment + data[2:])
    meta = _check(path, "image/jpeg")
    assert (meta.width, meta.height) == (32, 24)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=512), mime=st.sampled_from(["image/jpeg", "image/png", "image/heic", "video/mp4"]))
def test_arbitrary_bytes_never_raise(scratch, data, mime):
    prefixes = {"image/jpeg": b"\xff\xd8", "image/png": b"\x89PNG\r\n\x1a\n",
                "image/heic": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "video/mp4": b""}
    path = scratch / "arbitrary"
    path.write_bytes(prefixes[mime] + data)
    _check(path, mime)


@pytest.fixture(scope="module")
def small_video(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("video") / "v.mp4"
    return make_video(path, seconds=1, fps=5, size=(64, 48), location="+31.2304+121.4737/").read_bytes()


@settings(max_examples=60, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), min_size=1, max_size=6),
       cut=st.none() | st.integers(0, 10**6))
def test_mutated_videos_never_raise(scratch, small_video, flips, cut):
    data = bytearray(small_video)
    moov = data.find(b"moov")
    for position, value in flips:  # aim at the moov, where the metadata and indexes live
        data[moov + position % (len(data) - moov)] ^= value
    if cut is not None:
        data = data[: cut % len(data)]
    path = scratch / "mutated.mp4"
    path.write_bytes(bytes(data))
    _check(path, "video/mp4")
    try:
        probe_video(path)
    except MediaRejected as rejected:
        assert 400 <= rejected.status < 500


@pytest.fixture(scope="module")
def photo_bytes(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("photos")
    return {
        "image/jpeg": make_jpeg(folder / "p.jpg", width=320, height=240, lat=1.0, lon=2.0).read_bytes(),
        "image/png": make_png(folder / "p.png", width=160, height=120, lat=1.0, lon=2.0).read_bytes(),
    }


@settings(max_examples=40, deadline=None)
@given(mime=st.sampled_from(["image/jpeg", "image/png"]), cut=st.floats(0.0, 1.0),
       flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(1, 255)), max_size=4))
def test_damaged_photos_give_thumbnails_or_a_clear_rejection(scratch, photo_bytes, mime, cut, flips):
    data = bytearray(photo_bytes[mime])
    for where, value in flips:
        data[int(where * (len(data) - 1))] ^= value
    data = data[: max(1, int(len(data) * cut))]
    path = scratch / "damaged"
    path.write_bytes(bytes(data))
    _check(path, mime)
    try:
        probe_image(path, mime)
        made = make_photo_derivatives(path, mime, scratch / "out")
        assert made.thumb_256.exists() and made.thumb_1280.exists()
    except MediaRejected as rejected:
        assert rejected.status in (413, 415, 422) and rejected.message_en and rejected.message_zh
