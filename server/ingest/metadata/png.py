"""PNG: the size (IHDR), an eXIf chunk and the XMP packet (iTXt)."""

import struct
from pathlib import Path

from server.ingest.metadata.common import EXIF_HEADER, MAX_METADATA_BYTES, MAX_PNG_CHUNKS, mark
from server.ingest.metadata.exif import apply_exif_and_xmp
from shared.evidence import CaptureMetadata


def read_png(path: Path, meta: CaptureMetadata) -> None:
    exif = xmp = None
    with open(path, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            mark(meta, "container")
            return
        for _ in range(MAX_PNG_CHUNKS):
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
            elif kind in (b"eXIf", b"iTXt") and length <= MAX_METADATA_BYTES:
                body = f.read(length)
                f.seek(4, 1)
                if kind == b"eXIf" and exif is None:
                    exif = body[len(EXIF_HEADER) :] if body.startswith(EXIF_HEADER) else body
                elif kind == b"iTXt" and xmp is None and body.startswith(b"XML:com.adobe.xmp\x00"):
                    xmp = _itxt_text(body)
            elif kind == b"IEND":
                break
            else:
                f.seek(length + 4, 1)
    if meta.width is None:
        mark(meta, "width")
        mark(meta, "height")
    apply_exif_and_xmp(meta, exif, xmp)


def _itxt_text(body: bytes) -> bytes | None:
    # keyword \0 compression-flag compression-method language \0 translated-keyword \0 text
    parts = body.split(b"\x00", 1)
    if len(parts) < 2 or len(parts[1]) < 2 or parts[1][0] != 0:  # compressed XMP is not read
        return None
    rest = parts[1][2:].split(b"\x00", 2)
    return rest[2] if len(rest) == 3 else None
