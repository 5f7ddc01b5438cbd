"""A real, small filesystem for tests of a full disk: a tmpfs of a given size (needs root; the
test is skipped where one cannot be mounted), and a way to fill it as another writer would."""

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def tmpfs(mount: Path, size: str) -> Iterator[Path]:
    """`mount` (created) as a tmpfs of `size` ("24m") while the block runs."""
    mount.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def free_bytes(path: Path) -> int:
    return shutil.disk_usage(path).free


def fill(path: Path, free: int, leave: int) -> None:
    """Another writer takes the disk until `leave` bytes are free."""
    with open(path, "ab") as f:
        f.write(b"\0" * max(0, free - leave))
