"""Large real videos for the export tests and bench/export.py."""

import hashlib
import os
import struct
from pathlib import Path

from tests.support.media import make_video

MB = 1024 * 1024


def padded_video(path: Path, size: int, *, seed: int = 0, seconds: float = 2,
                 frame_size: tuple[int, int] = (320, 240)) -> tuple[Path, str]:
    """A real H.264 MP4 (a short clip at the site) grown to `size` bytes by a top-level `free` box
    of random bytes after the `moov`: FFmpeg (so the server's sniff, probe, metadata and poster)
    reads the short clip, and every byte is still stored, archived and hashed. Returns the path
    and its sha256; an existing file with its .sha256 beside it is reused (bench/ingest.py caches
    its 1 GB video the same way)."""
    digest_path = path.with_suffix(".sha256")
    if path.exists() and digest_path.exists() and path.stat().st_size == size:
        return path, digest_path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    clip = make_video(path.with_name(path.stem + "-clip.mp4"), seconds=seconds, fps=10, size=frame_size,
                      location="+30.5428+119.9690/", seed=seed).read_bytes()
    pad = max(size - len(clip), 16)
    header = struct.pack(">I4s", pad, b"free") if pad < 2**32 else struct.pack(">I4sQ", 1, b"free", pad)
    block = os.urandom(8 * MB)
    digest = hashlib.sha256()
    temp = path.with_name(path.name + ".tmp")
    with open(temp, "wb") as out:
        for piece in (clip, header):
            out.write(piece)
            digest.update(piece)
        left = pad - len(header)
        while left > 0:
            piece = block[: min(left, len(block))]
            out.write(piece)
            digest.update(piece)
            left -= len(piece)
    temp.replace(path)
    digest_path.write_text(digest.hexdigest())
    return path, digest.hexdigest()
