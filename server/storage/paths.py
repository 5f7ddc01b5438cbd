"""Joining a stored name onto a folder, safely: the one place that decides whether a name that
came from outside the code (a database row, a backup's manifest.json, an archive, a client) may
become a path.

A stored name must be a relative, normalised POSIX path: not empty, no leading '/', no '.', '..'
or empty segments, no backslash and no NUL. Joined onto its folder it must still lead inside that
folder once symbolic links are followed: a link planted on the way (in a backup, in a data
directory) cannot carry a write or a read elsewhere.

    path = safe_join(data_dir / "derivatives", row["derivatives"]["thumb_256"])

A refusal is an UnsafePath (a ValueError) whose message names the name and what is wrong.
"""

import os
import stat
from pathlib import Path, PurePath


class UnsafePath(ValueError):
    """A stored name that is not a plain relative path inside its folder."""


def check_relative(name: object) -> str:
    """`name` as a normalised relative POSIX path, or UnsafePath saying what is wrong with it.
    Lexical only (nothing on disk is looked at): see safe_join for the whole check."""
    text = name.as_posix() if isinstance(name, PurePath) else name
    if not isinstance(text, str):
        raise UnsafePath(f"{name!r} is not a path")
    if not text:
        raise UnsafePath("an empty path")
    if "\x00" in text:
        raise UnsafePath(f"{text!r} holds a NUL character")
    if "\\" in text:
        raise UnsafePath(f"{text!r} holds a backslash")
    if text.startswith("/"):
        raise UnsafePath(f"{text!r} is an absolute path")
    segments = text.split("/")
    if ".." in segments:
        raise UnsafePath(f"{text!r} climbs out of its folder with '..'")
    if any(segment in ("", ".") for segment in segments):
        raise UnsafePath(f"{text!r} is not a normalised path (an empty or '.' segment)")
    return text


def safe_join(base: Path, name: object) -> Path:
    """`base / name` when `name` is a plain relative path (check_relative) that, with every
    symbolic link on the way followed, still leads inside `base`; else UnsafePath. The path is
    returned as joined (not resolved), so it keeps its place under `base` for messages."""
    relative = check_relative(name)
    path = base.joinpath(*relative.split("/"))
    root = base.resolve()
    resolved = path.resolve()
    if resolved != root and root not in resolved.parents:
        raise UnsafePath(f"{relative!r} leads outside {base} (through a symbolic link, to {resolved})")
    return path


def file_kind(path: Path) -> str | None:
    """None for a regular file; else what it is instead ("missing", "a symbolic link to X", "a
    fifo", ...), without following a link or opening anything (opening a fifo would block)."""
    try:
        mode = path.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return f"a symbolic link (to {os.readlink(path)})"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a fifo"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"
