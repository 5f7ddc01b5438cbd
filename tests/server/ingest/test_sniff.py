from pathlib import Path

import pytest

from server.ingest.sniff import SNIFF_BYTES, sniff
from shared.enums import MediaKind
from tests.support.media import make_heic, make_jpeg, make_png, make_video


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body + b"\x00" * 64


def head(path: Path) -> bytes:
    return path.read_bytes()[:SNIFF_BYTES]


def test_generated_files_are_recognised_by_their_bytes(tmp_path):
    # Misleading names on purpose: only the bytes count.
    cases = [
        (make_jpeg(tmp_path / "photo.png", width=64, height=48), "image/jpeg", MediaKind.photo, "jpg"),
        (make_png(tmp_path / "shot.jpg", width=64, height=48), "image/png", MediaKind.photo, "png"),
        (make_heic(tmp_path / "iphone.jpg", width=64, height=48), "image/heic", MediaKind.photo, "heic"),
        (make_video(tmp_path / "clip.mov", seconds=0.5), "video/mp4", MediaKind.video, "mp4"),
        (make_video(tmp_path / "clip.mp4", seconds=0.5, container="mov"), "video/quicktime", MediaKind.video, "mov"),
    ]
    for path, mime, kind, ext in cases:
        found = sniff(head(path))
        assert found is not None, path.name
        assert (found.mime, found.kind, found.ext) == (mime, kind, ext), path.name


@pytest.mark.parametrize(
    ("brand", "compatible", "mime"),
    [
        (b"heic", (b"mif1", b"heic"), "image/heic"),
        (b"heix", (), "image/heic"),
        (b"heim", (), "image/heic"),
        (b"heis", (), "image/heic"),
        (b"hevc", (), "image/heic"),
        (b"hevx", (), "image/heic"),
        (b"mif1", (b"heic",), "image/heic"),
        (b"msf1", (), "image/heic"),
        (b"isom", (b"iso2", b"avc1", b"mp41"), "video/mp4"),
        (b"mp42", (b"isom",), "video/mp4"),
        (b"qt  ", (b"qt  ",), "video/quicktime"),
        (b"zzzz", (b"qt  ",), "video/quicktime"),
        (b"zzzz", (b"mp42",), "video/mp4"),
        (b"avif", (b"mif1", b"miaf"), None),  # AVIF shares mif1 but is not HEIC
        (b"mif1", (b"avif",), "image/heic"),  # the major brand decides
        (b"M4A ", (b"M4A ", b"mp42"), "video/mp4"),  # audio-only: probe_video rejects it later
        (b"zzzz", (b"yyyy",), None),
    ],
)
def test_iso_bmff_brands(brand, compatible, mime):
    found = sniff(ftyp(brand, *compatible))
    assert (found.mime if found else None) == mime


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xd8",  # too short to be a JPEG
        b"<!DOCTYPE html><html><body>not a photo</body></html>",
        b"GIF89a\x01\x00\x01\x00",
        b"RIFF\x00\x00\x00\x00WEBPVP8 ",
        b"%PDF-1.7\n",
        b"\x00\x00\x00\x08ftyp",  # a box too small to hold a brand
        b"\x00\x00\x00\x18ftypavis\x00\x00\x00\x00avismif1",
        b"\x00" * 64,
    ],
)
def test_anything_else_is_refused(data):
    assert sniff(data) is None


def test_png_and_jpeg_need_only_their_signature():
    assert sniff(b"\x89PNG\r\n\x1a\n").mime == "image/png"
    assert sniff(b"\xff\xd8\xff\xe1").mime == "image/jpeg"
