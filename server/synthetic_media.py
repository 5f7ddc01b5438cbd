"""A synthetic phone camera: photographic-looking pictures and videos (seeded gradients, shapes and sensor
grain, so perceptual hashes of different seeds differ) and EXIF blocks written with piexif.

Used by `takan demo` to give the demo cases real evidence, and by the tests and benchmarks.
"""

import random
import struct
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import piexif
from PIL import Image, ImageChops, ImageDraw, ImageFilter

# ----- pictures ---------------------------------------------------------------------------------


def photo_image(width: int = 1600, height: int = 1200, *, seed: int = 0, noise: float = 6.0) -> Image.Image:
    """An RGB picture with a seeded gradient sky, shapes and grain."""
    rng = random.Random(seed)
    small = (max(32, width // 8), max(24, height // 8))
    top = tuple(rng.randrange(256) for _ in range(3))
    bottom = tuple(rng.randrange(256) for _ in range(3))
    ramp = Image.linear_gradient("L").resize(small)
    canvas = Image.composite(Image.new("RGB", small, bottom), Image.new("RGB", small, top), ramp)
    draw = ImageDraw.Draw(canvas)
    sw, sh = small
    for _ in range(rng.randrange(12, 24)):
        colour = tuple(rng.randrange(256) for _ in range(3))
        x0, y0 = rng.randrange(sw), rng.randrange(sh)
        x1 = min(sw, x0 + rng.randrange(4, max(5, sw // 2)))
        y1 = min(sh, y0 + rng.randrange(4, max(5, sh // 2)))
        shape = rng.randrange(4)
        if shape == 0:
            draw.rectangle((x0, y0, x1, y1), fill=colour)
        elif shape == 1:
            draw.ellipse((x0, y0, x1, y1), fill=colour)
        elif shape == 2:
            points = [(rng.randrange(sw), rng.randrange(sh)) for _ in range(rng.randrange(3, 6))]
            draw.polygon(points, fill=colour)
        else:
            draw.line((x0, y0, x1, y1), fill=colour, width=rng.randrange(1, 4))
    canvas = canvas.filter(ImageFilter.GaussianBlur(0.7)).resize((width, height), Image.Resampling.BICUBIC)
    if noise > 0:
        grain = _grain((width, height), noise, rng)
        canvas = ImageChops.add(canvas, Image.merge("RGB", (grain, grain, grain)), 1.0, -128)
    return canvas


def _grain(size: tuple[int, int], sigma: float, rng: random.Random) -> Image.Image:
    """Seeded sensor-like noise around 128 (Image.effect_noise cannot be seeded): a tile of
    uniform noise with the given standard deviation, repeated, drawn at half size for speed."""
    tile_size = (257, 241)  # odd sizes so the repetition does not line up with JPEG blocks
    tile = Image.frombytes("L", tile_size, rng.randbytes(tile_size[0] * tile_size[1]))
    tile = tile.point(lambda v: round(128 + (v - 127.5) * sigma / 73.9))  # uniform 0..255 has sd 73.9
    half = (max(1, size[0] // 2), max(1, size[1] // 2))
    grain = Image.new("L", half)
    for x in range(0, half[0], tile_size[0]):
        for y in range(0, half[1], tile_size[1]):
            grain.paste(tile, (x, y))
    return grain.resize(size, Image.Resampling.NEAREST)


# ----- EXIF -------------------------------------------------------------------------------------


def _rational(value: float, denominator: int = 10_000) -> tuple[int, int]:
    fraction = Fraction(value).limit_denominator(denominator)
    return fraction.numerator, fraction.denominator


def _dms(value: float) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """Degrees as EXIF's three rationals (seconds to 1/10000)."""
    value = abs(value)
    degrees = int(value)
    minutes_float = (value - degrees) * 60
    minutes = int(minutes_float)
    seconds = round((minutes_float - minutes) * 60 * 10_000)
    if seconds >= 600_000:  # rounding carried into the next minute
        seconds -= 600_000
        minutes += 1
    if minutes >= 60:
        minutes -= 60
        degrees += 1
    return (degrees, 1), (minutes, 1), (seconds, 10_000)


def exif_bytes(
    *,
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
    width: int | None = None,
    height: int | None = None,
) -> bytes:
    """An EXIF block ("Exif\\0\\0" + TIFF) built by piexif. `taken` is the local wall clock; its
    tzinfo, if any, is ignored (EXIF stores the offset separately in OffsetTimeOriginal)."""
    zeroth: dict[int, object] = {}
    exif: dict[int, object] = {}
    gps: dict[int, object] = {}
    if make is not None:
        zeroth[piexif.ImageIFD.Make] = make.encode()
    if model is not None:
        zeroth[piexif.ImageIFD.Model] = model.encode()
    if software is not None:
        zeroth[piexif.ImageIFD.Software] = software.encode()
    if orientation is not None:
        zeroth[piexif.ImageIFD.Orientation] = orientation
    if taken is not None:
        stamp = taken.strftime("%Y:%m:%d %H:%M:%S").encode()
        exif[piexif.ExifIFD.DateTimeOriginal] = stamp
        exif[piexif.ExifIFD.DateTimeDigitized] = stamp
        zeroth[piexif.ImageIFD.DateTime] = stamp
        if offset is not None:
            exif[piexif.ExifIFD.OffsetTimeOriginal] = offset.encode()
        if subsec is not None:
            exif[piexif.ExifIFD.SubSecTimeOriginal] = subsec.encode()
    if width is not None and height is not None:
        exif[piexif.ExifIFD.PixelXDimension] = width
        exif[piexif.ExifIFD.PixelYDimension] = height
    if lat is not None and lon is not None:
        gps[piexif.GPSIFD.GPSVersionID] = (2, 3, 0, 0)
        gps[piexif.GPSIFD.GPSLatitudeRef] = b"N" if lat >= 0 else b"S"
        gps[piexif.GPSIFD.GPSLatitude] = _dms(lat)
        gps[piexif.GPSIFD.GPSLongitudeRef] = b"E" if lon >= 0 else b"W"
        gps[piexif.GPSIFD.GPSLongitude] = _dms(lon)
        gps[piexif.GPSIFD.GPSMapDatum] = b"WGS-84"
    if alt is not None:
        gps[piexif.GPSIFD.GPSAltitudeRef] = 1 if alt < 0 else 0
        gps[piexif.GPSIFD.GPSAltitude] = _rational(abs(alt), 1000)
    if gps_time is not None:
        utc = gps_time.astimezone(UTC) if gps_time.tzinfo else gps_time
        gps[piexif.GPSIFD.GPSDateStamp] = utc.strftime("%Y:%m:%d").encode()
        gps[piexif.GPSIFD.GPSTimeStamp] = (
            (utc.hour, 1),
            (utc.minute, 1),
            (utc.second * 100 + utc.microsecond // 10_000, 100),
        )
    if gps_dop is not None:
        gps[piexif.GPSIFD.GPSDOP] = _rational(gps_dop, 100)
    return piexif.dump({"0th": zeroth, "Exif": exif, "GPS": gps, "1st": {}, "thumbnail": None})


def make_video(
    path: Path,
    *,
    seconds: float = 2.0,
    fps: int = 10,
    size: tuple[int, int] = (320, 240),
    location: str | None = None,
    apple: bool = False,
    creation_time: datetime | None = None,
    container: str = "mp4",
    rotation: int | None = None,
    gop: int | None = None,
    seed: int = 0,
    make: str | None = None,
    model: str | None = None,
    cut_at_s: float | None = None,
) -> Path:
    """An H.264 clip of a slow pan over a generated picture, muxed by PyAV.

    `location` is an ISO 6709 string. Android's form is a `©xyz` user-data atom in the `moov`
    (what MediaMuxer writes): FFmpeg writes that itself for MOV, but for MP4 it would write a
    3GPP `loci` box instead, so for MP4 the atom is appended to the `moov` after muxing. With
    `apple=True` it is written as `com.apple.quicktime.location.ISO6709` (a QuickTime `mdta` key,
    which needs movflags=use_metadata_tags), together with Apple's make/model/creationdate keys.
    Android `make`/`model` become `com.android.manufacturer`/`com.android.model` mdta keys.

    `rotation` is the display rotation in degrees counter-clockwise (a phone held upright
    records -90). `cut_at_s` switches to another scene (picture seed + 1) at that time; `gop` is
    the keyframe interval in frames.
    """
    import av

    path = Path(path)
    width, height = size
    mdta_keys = apple or make is not None or model is not None
    options = {"movflags": "use_metadata_tags"} if mdta_keys else {}
    inject_xyz = location is not None and not apple and container == "mp4"
    output = av.open(str(path), "w", format=container, options=options)
    try:
        if apple:
            output.metadata["com.apple.quicktime.make"] = make or "Apple"
            output.metadata["com.apple.quicktime.model"] = model or "iPhone 15 Pro"
            output.metadata["com.apple.quicktime.software"] = "17.4.1"
            if location is not None:
                output.metadata["com.apple.quicktime.location.ISO6709"] = location
            if creation_time is not None:
                local = creation_time if creation_time.tzinfo else creation_time.replace(tzinfo=UTC)
                output.metadata["com.apple.quicktime.creationdate"] = local.strftime("%Y-%m-%dT%H:%M:%S%z")
        else:
            if location is not None and not inject_xyz:
                output.metadata["location"] = location
            if make is not None:
                output.metadata["com.android.manufacturer"] = make
            if model is not None:
                output.metadata["com.android.model"] = model
        if creation_time is not None:
            utc = creation_time.astimezone(UTC) if creation_time.tzinfo else creation_time
            output.metadata["creation_time"] = utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")

        codec = "libx264" if "libx264" in av.codecs_available else "mpeg4"
        stream = output.add_stream(codec, rate=Fraction(fps))
        stream.width, stream.height = width, height
        stream.pix_fmt = "yuv420p"
        if gop is not None:
            stream.codec_context.gop_size = gop
        if rotation:
            stream.set_display_rotation(rotation)
        scenes = [photo_image(width * 2, height, seed=seed, noise=0)]
        if cut_at_s is not None:
            scenes.append(photo_image(width * 2, height, seed=seed + 1, noise=0))
        frames = max(1, round(seconds * fps))
        for index in range(frames):
            backdrop = scenes[-1] if cut_at_s is not None and index / fps >= cut_at_s else scenes[0]
            x = (index * 3) % width
            picture = backdrop.crop((x, 0, x + width, height))
            for packet in stream.encode(av.VideoFrame.from_image(picture)):
                output.mux(packet)
        for packet in stream.encode():
            output.mux(packet)
    finally:
        output.close()
    if inject_xyz:
        _append_xyz_atom(path, location)
    return path


def _append_xyz_atom(path: Path, location: str) -> None:
    """Add moov/udta/©xyz (16-bit length, packed language "und", then the text). PyAV writes
    the moov last, after the media data, so growing it moves no chunk offsets."""
    data = bytearray(path.read_bytes())
    moov = data.rfind(b"moov") - 4
    size = int.from_bytes(data[moov : moov + 4], "big")
    if moov < 0 or moov + size != len(data):
        raise ValueError("the moov atom is not the last one in the file")
    text = location.encode()
    xyz = struct.pack(">I4sHH", 12 + len(text), b"\xa9xyz", len(text), 0x55C4) + text
    udta = struct.pack(">I4s", 8 + len(xyz), b"udta") + xyz
    struct.pack_into(">I", data, moov, size + len(udta))
    path.write_bytes(bytes(data) + udta)
