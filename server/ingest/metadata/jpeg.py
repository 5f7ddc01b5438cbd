"""JPEG: the EXIF block, the XMP packet and the frame size, read segment by segment."""

from pathlib import Path

from server.ingest.metadata.common import EXIF_HEADER, MAX_JPEG_SEGMENTS, mark
from server.ingest.metadata.exif import apply_exif_and_xmp
from shared.evidence import CaptureMetadata

_SOF_MARKERS = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"


def read_jpeg(path: Path, meta: CaptureMetadata) -> None:
    exif, xmp, size = scan_jpeg(path)
    if size is not None:
        meta.width, meta.height = size
    else:
        mark(meta, "width")
        mark(meta, "height")
    apply_exif_and_xmp(meta, exif, xmp)


def scan_jpeg(path: Path) -> tuple[bytes | None, bytes | None, tuple[int, int] | None]:
    """The first EXIF block (TIFF bytes), the first XMP packet and the SOF frame size, read
    segment by segment up to the start of the image data."""
    exif = xmp = None
    size = None
    with open(path, "rb") as f:
        if f.read(2) != b"\xff\xd8":
            return None, None, None
        for _ in range(MAX_JPEG_SEGMENTS):
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
                if exif is None and body.startswith(EXIF_HEADER):
                    exif = body[len(EXIF_HEADER) :]
                elif xmp is None and body.startswith(_XMP_HEADER):
                    xmp = body[len(_XMP_HEADER) :]
            elif len(body) >= 5:
                height = int.from_bytes(body[1:3], "big")
                width = int.from_bytes(body[3:5], "big")
                if width and height:
                    size = (width, height)
    return exif, xmp, size
