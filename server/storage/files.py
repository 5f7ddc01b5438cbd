"""The few file operations the data directory's writers share: fsync a folder, write a new file
atomically, hash a file, say a size the way a person reads it."""

import hashlib
import os
import secrets
from pathlib import Path

HASH_CHUNK = 4 * 1024 * 1024


def fsync_dir(path: Path) -> None:
    """Make a folder's entries (a file created, renamed or linked into it) survive a crash."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new_file(path: Path, data: bytes, mode: int = 0o600) -> bool:
    """Write `data` to `path` only if it does not exist yet, whole or not at all, fsynced with its
    folder and with `mode` from the start (a secret is never readable by others, not even for a
    moment). False when another writer made the file first; theirs stays."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            return False
    finally:
        temp.unlink(missing_ok=True)
    fsync_dir(path.parent)
    return True


def hash_file(path: Path) -> tuple[int, str]:
    """Size and sha256 of a file, read a few MB at a time (constant memory)."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def human_size(octets: int) -> str:
    """1234567 -> "1.2 MB" (decimal units, as BagIt's Bag-Size and people read them)."""
    size = float(octets)
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if size < 1000 or unit == "TB":
            return f"{int(size)} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")
