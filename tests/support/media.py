"""Generators of real media files for tests and benchmarks: JPEG/PNG/HEIC photos with EXIF
written by piexif, videos muxed by PyAV with the location tags phones write, and hostile files
(a PNG decompression bomb, truncated files, an MP4 with a broken atom).

Pictures are "photographic" enough for perceptual hashing: seeded gradients, shapes and sensor
noise, so different seeds give unrelated hashes and the same seed gives the same picture.
"""

import io
import struct
import zlib
from datetime import datetime
from pathlib import Path

from PIL import Image

# The synthetic camera (pictures with EXIF) lives in the server package, which uses it for the
# demo data; tests use the same one.
from server.synthetic_media import _dms, _grain, _rational, exif_bytes, make_video, photo_image  # noqa: F401

# ----- photos -----------------------------------------------------------------------------------


def make_jpeg(
    path: Path,
    *,
    width: int = 1600,
    height: int = 1200,
    lat: float | None = None,
    lon: float | None = None,
    alt: float | None = None,
    taken: datetime | None = None,
    offset: str | None = "+08:00",
    subsec: str | None = None,
    make: str | None = "HUAWEI",
    model: str | None = "ELS-AN00",
    software: str | None = None,
    orientation: int | None = None,
    gps_time: datetime | None = None,
    gps_dop: float | None = None,
    seed: int = 0,
    quality: int = 90,
    image: Image.Image | None = None,
    with_exif: bool = True,
) -> Path:
    """A JPEG camera photo. `orientation` only writes the tag (the pixels stay as the sensor saw
    them, as cameras do). Pass `image` to encode a given picture instead of a generated one."""
    path = Path(path)
    picture = image if image is not None else photo_image(width, height, seed=seed)
    options: dict[str, object] = {"quality": quality}
    if with_exif:
        options["exif"] = exif_bytes(
            lat=lat, lon=lon, alt=alt, taken=taken, offset=offset, subsec=subsec, make=make,
            model=model, software=software, orientation=orientation, gps_time=gps_time,
            gps_dop=gps_dop, width=picture.width, height=picture.height,
        )
    picture.convert("RGB").save(path, "JPEG", **options)
    return path


def make_png(
    path: Path,
    *,
    width: int = 800,
    height: int = 600,
    seed: int = 0,
    mode: str = "RGB",
    lat: float | None = None,
    lon: float | None = None,
    taken: datetime | None = None,
    offset: str | None = "+08:00",
    make: str | None = None,
    model: str | None = None,
    software: str | None = None,
    orientation: int | None = None,
) -> Path:
    """A PNG screenshot-like picture; with any of the EXIF arguments it carries an eXIf chunk."""
    path = Path(path)
    picture = photo_image(width, height, seed=seed).convert(mode)
    options: dict[str, object] = {}
    if any(v is not None for v in (lat, lon, taken, make, model, software, orientation)):
        options["exif"] = exif_bytes(
            lat=lat, lon=lon, taken=taken, offset=offset, make=make, model=model, software=software,
            orientation=orientation,
        )
    picture.save(path, "PNG", **options)
    return path


def make_heic(
    path: Path,
    *,
    width: int = 1200,
    height: int = 900,
    lat: float | None = None,
    lon: float | None = None,
    alt: float | None = None,
    taken: datetime | None = None,
    offset: str | None = "+08:00",
    make: str | None = "Apple",
    model: str | None = "iPhone 15 Pro",
    software: str | None = "17.4.1",
    orientation: int | None = None,
    seed: int = 0,
    quality: int = 80,
) -> Path:
    """An iPhone-style HEIC photo written by pillow-heif, with EXIF (GPS, time, device).
    pillow-heif turns an EXIF orientation into the container's rotation, as iPhones do."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    path = Path(path)
    picture = photo_image(width, height, seed=seed)
    exif = exif_bytes(
        lat=lat, lon=lon, alt=alt, taken=taken, offset=offset, make=make, model=model, software=software,
        orientation=orientation,
    )
    picture.save(path, "HEIF", quality=quality, exif=exif)
    return path


# ----- videos -----------------------------------------------------------------------------------


def make_broken_mp4(path: Path) -> Path:
    """A real MP4 whose `moov` atom declares a size of 3 bytes, less than its own header:
    FFmpeg refuses the file ("Invalid data found when processing input")."""
    path = Path(path)
    make_video(path, seconds=1.0, fps=5)
    data = bytearray(path.read_bytes())
    moov = data.find(b"moov")
    if moov < 4:
        raise AssertionError("PyAV wrote no moov atom")
    struct.pack_into(">I", data, moov - 4, 3)
    path.write_bytes(bytes(data))
    return path


# ----- hostile files ----------------------------------------------------------------------------


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def make_png_bomb(path: Path, width: int = 30000, height: int = 30000) -> Path:
    """A valid 1-bit greyscale PNG declaring width x height pixels, all black: about 100 KB on
    disk for 30000x30000, 900 megapixels once decoded."""
    path = Path(path)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed pixels
    compressor = zlib.compressobj(9)
    parts = []
    rows_per_block = max(1, (1 << 20) // len(row))
    block = row * rows_per_block
    remaining = height
    while remaining > 0:
        n = min(rows_per_block, remaining)
        parts.append(compressor.compress(block if n == rows_per_block else row * n))
        remaining -= n
    parts.append(compressor.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(_png_chunk(b"IHDR", ihdr))
        f.write(_png_chunk(b"IDAT", b"".join(parts)))
        f.write(_png_chunk(b"IEND", b""))
    return path


def truncate(path: Path, n: int) -> Path:
    """Cut the file to its first `n` bytes (a negative `n` drops that many from the end)."""
    path = Path(path)
    data = path.read_bytes()
    path.write_bytes(data[:n])
    return path


def jpeg_bytes(image: Image.Image, quality: int = 90) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def padded_video(path: Path, megabytes: float, *, seed: int = 0, seconds: float = 4.0) -> Path:
    """A real H.264 MP4 (a short clip with a location) grown to `megabytes` by a top-level `free`
    box of random bytes after the `moov`: FFmpeg reads it as the short clip (so the server's
    sniff, probe, metadata and poster work as for any video), and every byte still travels, is
    hashed and stored. Different seeds give different pictures and padding (different sha256)."""
    import os
    import random

    path = Path(path)
    clip = make_video(path.with_suffix(".clip.mp4"), seconds=seconds, fps=10, size=(320, 240), seed=seed,
                      location="+30.5428+119.9690/")
    data = clip.read_bytes()
    clip.unlink()
    total = max(int(megabytes * 1024 * 1024), len(data) + 16)
    pad = total - len(data)
    header = struct.pack(">I4s", pad, b"free") if pad < 2**32 else struct.pack(">I4sQ", 1, b"free", pad)
    rng = random.Random(seed)
    block = rng.randbytes(4 * 1024 * 1024)
    with open(path, "wb") as f:
        f.write(data)
        f.write(header)
        left = pad - len(header)
        while left > 0:
            piece = block[: min(left, len(block))]
            f.write(piece)
            left -= len(piece)
            block = block[1:] + block[:1] if left > 0 else block  # no two 4 MB stretches alike
        f.flush()
        os.fsync(f.fileno())
    return path


def with_jpeg_comment(data: bytes, comment: bytes) -> bytes:
    """The same JPEG with a COM segment (a comment) after its APPn segments (EXIF stays where
    cameras put it): still a valid photo with the same pixels and metadata, another sha256."""
    if data[:2] != b"\xff\xd8" or len(comment) > 65533:
        raise ValueError("not a JPEG, or the comment is too long")
    at = 2
    while data[at] == 0xFF and 0xE0 <= data[at + 1] <= 0xEF:  # APP0..APP15: skip over
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return data[:at] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + data[at:]
