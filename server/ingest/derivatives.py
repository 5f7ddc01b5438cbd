"""Thumbnails and video poster frames, and the header probes that refuse hostile files before
anything is stored.

Everything here is blocking CPU work: the server runs it in a worker thread. Outputs are
upright (EXIF orientation or the video's display matrix applied), carry no metadata at all
(no EXIF, XMP, ICC profile or comment: a thumbnail must not leak the GPS position) and are
sRGB JPEGs. Files are written under a temporary name and renamed into place, so a reader never
sees half a thumbnail; they are not fsynced because they can always be made again from the
original.
"""

import io
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms

from server.ingest.metadata import declared_size
from server.ingest.phash import dhash

log = logging.getLogger(__name__)

pillow_heif.register_heif_opener()

THUMB_SMALL = 256
THUMB_LARGE = 1280
JPEG_QUALITY = 85
# 100 MP: above any phone camera but a 200 MP sensor mode; a decoded 100 MP RGB picture needs
# 300 MB, so anything larger is refused before it is stored.
DEFAULT_MAX_PIXELS = 100_000_000
# Pillow hands the decoder 64 KB at a time and takes the GIL back between blocks; while the event
# loop holds the GIL, each take can wait a whole switch interval (5 ms). Blocks of 4 MB turn the
# ~45 hand-overs of a 12 MP phone photo into one: two threads decoding beside a busy Python
# thread ran twice as fast (bench/README.md, ingest).
DECODE_BLOCK = 4 * 1024 * 1024
POSTER_AT_S = 1.0  # skip the dark or shaky first frames
POSTER_SCAN_S = 10.0  # look this far past POSTER_AT_S for a keyframe, then settle for the first one

_PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/heic": "HEIF"}
# EXIF orientation -> the transpose that makes the picture upright (ImageOps.exif_transpose).
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class MediaRejected(Exception):
    """The file cannot be accepted: `status` is the HTTP status the server answers with."""

    def __init__(self, code: str, message_en: str, message_zh: str, status: int = 422):
        super().__init__(message_en)
        self.code = code
        self.message_en = message_en
        self.message_zh = message_zh
        self.status = status


@dataclass(frozen=True, kw_only=True, slots=True)
class Derivatives:
    thumb_256: Path
    thumb_1280: Path
    poster: Path | None  # videos only
    width: int  # display size of the original (photo after orientation, video frame after rotation)
    height: int
    phash: int  # unsigned 64-bit dHash of the upright picture
    partial: bool = False  # a truncated file: only the part that could be decoded is shown


# ----- probes -----------------------------------------------------------------------------------


def probe_image(path: Path, mime: str, max_pixels: int = DEFAULT_MAX_PIXELS) -> tuple[int, int]:
    """(width, height) from the header only; MediaRejected for a picture larger than
    `max_pixels` (a decompression bomb) or a header that cannot be parsed."""
    expected = _PIL_FORMATS.get(mime)
    if expected is None:
        raise MediaRejected(
            "unsupported_media_type", f"{mime} is not a photo type we accept.", f"不支持的图片类型：{mime}。", 415
        )
    try:
        with Image.open(path, formats=[expected]) as im:
            width, height = im.size
    except Image.DecompressionBombError as exc:
        # Pillow refuses before telling the size; the header walk of the metadata reader knows it.
        raise _too_large(declared_size(path, mime), max_pixels) from exc
    except Exception as exc:
        raise MediaRejected(
            "unreadable_image",
            "The photo cannot be read: its header is damaged or it is not really a photo.",
            "无法读取该照片：文件头已损坏或并非真正的照片。",
            422,
        ) from exc
    if width <= 0 or height <= 0:
        raise MediaRejected("unreadable_image", "The photo has no pixels.", "该照片没有像素。", 422)
    if width * height > max_pixels:
        raise _too_large((width, height), max_pixels)
    return width, height


def _too_large(size: tuple[int, int] | None, max_pixels: int) -> MediaRejected:
    limit_mp = max_pixels / 1e6
    if size is None:
        en = f"The photo is far larger than the limit of {limit_mp:.0f} megapixels."
        zh = f"照片像素远超上限 {limit_mp:.0f} 百万像素。"
    else:
        mp = size[0] * size[1] / 1e6
        en = f"The photo declares {size[0]}x{size[1]} pixels ({mp:.0f} MP); the limit is {limit_mp:.0f} MP."
        zh = f"照片声明为 {size[0]}×{size[1]} 像素（{mp:.0f} 百万像素），上限为 {limit_mp:.0f} 百万像素。"
    return MediaRejected("image_too_large", en, zh, 413)


def _open_video(path: Path):
    """The container of a file that holds a video stream (MediaRejected otherwise); close it."""
    import av

    try:
        container = av.open(str(path), metadata_errors="replace")
    except Exception as exc:
        raise _unreadable_video() from exc
    if not container.streams.video:
        container.close()
        raise _no_video_stream()
    return container


def probe_video(path: Path) -> tuple[int, int]:
    """(width, height) of the first video stream; MediaRejected when the container cannot be
    opened or holds no video."""
    with _open_video(path) as container:
        context = container.streams.video[0].codec_context
        if context is None:  # FFmpeg knows no decoder for it
            raise MediaRejected(
                "unsupported_video_codec",
                "The video is encoded in a format that cannot be played.",
                "该视频的编码格式无法播放。",
                415,
            )
        width, height = context.width, context.height
    if not width or not height:
        raise MediaRejected("unreadable_video", "The video has no picture size.", "无法读取视频画面尺寸。", 422)
    return width, height


def _no_video_stream() -> MediaRejected:
    return MediaRejected("no_video_stream", "The file holds no video picture.", "该文件不含视频画面。", 422)


# ----- photos -----------------------------------------------------------------------------------


def make_photo_derivatives(src: Path, mime: str, out_dir: Path) -> Derivatives:
    """thumb_1280.jpg and thumb_256.jpg (long edge, never upscaled) of a photo, upright and
    stripped, and the dHash of the small one. A JPEG is scaled down by the decoder itself (draft
    mode, 1/2 to 1/8) and decoded once. A truncated JPEG gives thumbnails of what can be decoded
    (`partial`); a file that cannot be decoded at all raises MediaRejected."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    picture, original_size, partial = _decode_for_thumbnails(Path(src), mime)
    orientation = _orientation(picture)
    large = _fit(picture, THUMB_LARGE)
    picture.close()  # free the decoded original before the rest
    large = _to_srgb(large)
    large = _upright(large, orientation)
    small = _fit(large, THUMB_SMALL)
    width, height = original_size
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    large_path = _save_jpeg(large, out_dir / "thumb_1280.jpg")
    small_path = _save_jpeg(small, out_dir / "thumb_256.jpg")
    return Derivatives(
        thumb_256=small_path, thumb_1280=large_path, poster=None, width=width, height=height,
        phash=dhash(small), partial=partial,
    )


def open_for_thumbnail(src: Path, mime: str, target: int = THUMB_LARGE) -> tuple[Image.Image, tuple | None]:
    """The photo opened with the JPEG decoder told to scale down as far as it can while keeping
    the long edge at least `target`; returns the image (not yet decoded) and draft()'s answer."""
    im = Image.open(src, formats=[_PIL_FORMATS[mime]])
    im.decodermaxblock = DECODE_BLOCK
    return im, _draft_for(im, target)


def _draft_for(im: Image.Image, target: int) -> tuple | None:
    if im.format != "JPEG":
        return None
    # Ask for the long edge `target` in the picture's own proportions: the decoder then picks
    # the largest 1/2, 1/4 or 1/8 scale that is still at least that big.
    scale = min(1.0, target / max(im.size))
    return im.draft("RGB", (max(1, int(im.size[0] * scale)), max(1, int(im.size[1] * scale))))


def _decode_for_thumbnails(src: Path, mime: str) -> tuple[Image.Image, tuple[int, int], bool]:
    """(decoded picture, size of the original before draft scaling, partial?)."""
    if mime not in _PIL_FORMATS:
        raise MediaRejected("unsupported_media_type", f"{mime} is not a photo.", f"{mime} 不是照片。", 415)
    try:
        with Image.open(src, formats=[_PIL_FORMATS[mime]]) as header:
            original_size = header.size
        im, _ = open_for_thumbnail(src, mime)
    except Exception as exc:
        raise _undecodable() from exc
    try:
        im.load()
        return im, original_size, False
    except Exception as exc:
        im.close()
        if mime != "image/jpeg":
            raise _undecodable() from exc
    # A truncated JPEG: end the data where it stops, so libjpeg finishes with what it has (the
    # missing rows come out grey). Done on a copy, not with Pillow's process-wide switch.
    try:
        data = src.read_bytes() + b"\xff\xd9"
        im = Image.open(io.BytesIO(data), formats=["JPEG"])
        im.decodermaxblock = DECODE_BLOCK
        _draft_for(im, THUMB_LARGE)
        im.load()
        return im, original_size, True
    except Exception as exc:
        raise _undecodable() from exc


def _undecodable() -> MediaRejected:
    return MediaRejected(
        "undecodable_image",
        "The photo's picture data is damaged; no thumbnail could be made.",
        "照片图像数据已损坏，无法生成缩略图。",
        422,
    )


def _fit(im: Image.Image, long_edge: int) -> Image.Image:
    """A copy scaled so its long edge is at most `long_edge` (never enlarged)."""
    im = _to_rgb(im)
    width, height = im.size
    scale = long_edge / max(width, height)
    if scale >= 1:
        return im.copy()
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # Area averaging (box filter) after a 2x box pre-reduction: the draft decode already brought
    # the picture within 2x of the target, where averaging the pixels each output pixel covers
    # is a faithful, ringing-free reduction, at under half of bicubic's cost on the ingest path.
    resized = im.resize(size, Image.Resampling.BOX, reducing_gap=2.0)
    resized.info = dict(im.info)  # the orientation and ICC profile are still needed
    return resized


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode == "RGB":
        return im
    info = dict(im.info)
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        converted = im.convert("I").point(lambda v: v * (1 / 256)).convert("L").convert("RGB")
    elif im.mode in ("RGBA", "LA", "PA", "P") or "transparency" in im.info:
        rgba = im.convert("RGBA")
        converted = Image.new("RGB", rgba.size, (255, 255, 255))
        converted.paste(rgba, mask=rgba.getchannel("A"))
    else:
        converted = im.convert("RGB")
    converted.info = info
    return converted


def _orientation(im: Image.Image) -> int:
    try:
        value = im.getexif().get(0x0112)
    except Exception:  # damaged EXIF: show the pixels as stored
        return 1
    return value if isinstance(value, int) and value in _TRANSPOSE else 1


def _upright(im: Image.Image, orientation: int) -> Image.Image:
    method = _TRANSPOSE.get(orientation)
    return im.transpose(method) if method is not None else im


def _to_srgb(im: Image.Image) -> Image.Image:
    icc = im.info.get("icc_profile")
    if not icc:
        return im
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(im, source, _SRGB, outputMode="RGB") or im
    except Exception:  # a broken profile: keep the pixels as they are
        return im


def _save_jpeg(im: Image.Image, target: Path) -> Path:
    clean = im.copy() if im.mode == "RGB" else im.convert("RGB")
    clean.info = {}  # nothing from the original may travel: no EXIF, XMP, ICC or comment
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        clean.save(temp, "JPEG", quality=JPEG_QUALITY, exif=b"", icc_profile=None)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


# ----- videos -----------------------------------------------------------------------------------


def make_video_derivatives(src: Path, out_dir: Path) -> Derivatives:
    """poster.jpg (the first keyframe at or after POSTER_AT_S, or the first frame of a shorter
    clip), upright per the stream's display matrix, plus the two thumbnails and its dHash."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _open_video(src) as container:
        try:
            frame = _poster_frame(container, container.streams.video[0])
            picture = _rotate(frame.to_image(), frame.rotation) if frame is not None else None
        except Exception:
            picture = None
        if picture is None:
            raise MediaRejected(
                "undecodable_video",
                "No picture of the video could be decoded.",
                "无法解码该视频的任何画面。",
                422,
            )
        picture.info = {}
    poster_path = _save_jpeg(picture, out_dir / "poster.jpg")
    large = _fit(picture, THUMB_LARGE)
    small = _fit(large, THUMB_SMALL)
    large_path = _save_jpeg(large, out_dir / "thumb_1280.jpg")
    small_path = _save_jpeg(small, out_dir / "thumb_256.jpg")
    return Derivatives(
        thumb_256=small_path, thumb_1280=large_path, poster=poster_path, width=picture.width,
        height=picture.height, phash=dhash(small),
    )


def _unreadable_video() -> MediaRejected:
    return MediaRejected(
        "unreadable_video",
        "The video cannot be opened: the file is damaged or incomplete.",
        "无法打开该视频：文件已损坏或不完整。",
        422,
    )


def _poster_frame(container, stream):
    """Decode keyframes only (cheap) and take the first at or after POSTER_AT_S; give up looking
    POSTER_SCAN_S later and use the first keyframe instead."""
    context = stream.codec_context
    context.skip_frame = "NONKEY"
    context.thread_type = "SLICE"  # frame threading would hold frames back even longer
    first = None

    def pick(frames):
        nonlocal first
        for frame in frames:
            if first is None:
                first = frame
            if frame.time is not None and frame.time >= POSTER_AT_S:
                return frame
        return None

    give_up_at = POSTER_AT_S + POSTER_SCAN_S
    try:
        # A decoder with B-frame reordering hands a keyframe out only a few keyframes later; the
        # demuxer's last, empty packet flushes it.
        for packet in container.demux(stream):
            chosen = pick(_decode(packet.decode))
            if chosen is not None:
                return chosen
            past_limit = (
                packet.pts is not None
                and packet.time_base is not None
                and float(packet.pts * packet.time_base) > give_up_at
            )
            if first is not None and past_limit:
                return pick(_decode(lambda: context.decode(None))) or first
    except Exception:  # damaged data after a good frame: keep what we have
        if first is None:
            raise
    return first


def video_frame_at(src: Path, time_ms: int) -> Image.Image | None:
    """The picture shown at `time_ms` into a video (the last frame that starts at or before it),
    upright per the display matrix; the last frame for a time past the end; None when no frame
    can be decoded. Seeks to the keyframe before and decodes forward from there."""
    try:
        container = _open_video(src)
    except MediaRejected:
        return None
    with container:
        stream = container.streams.video[0]
        stream.codec_context.thread_type = "SLICE"
        # Frame times count from the stream's first timestamp, which need not be 0.
        start = float(stream.start_time * stream.time_base) if stream.start_time and stream.time_base else 0.0
        target = start + time_ms / 1000
        shown = None
        try:
            if stream.time_base is not None:
                container.seek(int(target / stream.time_base), stream=stream, backward=True, any_frame=False)
            for packet in container.demux(stream):
                for frame in _decode(packet.decode):
                    if shown is not None and frame.time is not None and frame.time > target + 1e-6:
                        return _rotate(shown.to_image(), shown.rotation)
                    shown = frame
        except Exception:  # damaged data after a good frame: use what we have
            log.info("video %s: decoding stopped before %d ms", src, time_ms, exc_info=True)
        return _rotate(shown.to_image(), shown.rotation) if shown is not None else None


def _decode(decode) -> list:
    try:
        return list(decode())
    except Exception:  # one damaged packet: skip it
        return []


def _rotate(im: Image.Image, rotation: float | int | None) -> Image.Image:
    """Apply a display rotation given in degrees counter-clockwise (PyAV's VideoFrame.rotation)."""
    if not rotation:
        return im
    turns = round(rotation / 90) % 4
    if abs(rotation - round(rotation / 90) * 90) < 0.5:
        if turns == 1:
            return im.transpose(Image.Transpose.ROTATE_90)
        if turns == 2:
            return im.transpose(Image.Transpose.ROTATE_180)
        if turns == 3:
            return im.transpose(Image.Transpose.ROTATE_270)
        return im
    return im.rotate(rotation, expand=True)
