"""The media store: where evidence bytes live. Local filesystem now; the same operations map
onto an S3-compatible store later (DESIGN.md §9), so callers never build paths themselves.

Blobs are content-addressed (blobs/ab/cd/<sha256>): written to a temp file on the same
filesystem, fsynced, renamed into place, and the directory fsynced, before any database row
points at them. Identical content is stored once. Nothing here ever deletes a blob.
"""

import os
import re
import shutil
import uuid
from pathlib import Path

from server.errors import InsufficientStorage
from server.storage.files import fsync_dir
from server.storage.paths import UnsafePath, safe_join

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


def blob_relative(sha256: object) -> str:
    """Where a blob lives under blobs/: `ab/cd/<sha256>`. Anything but a lower-case sha256 hex
    digest is refused (UnsafePath): the name comes from a database row or a manifest."""
    if not isinstance(sha256, str) or not SHA256_HEX.match(sha256):
        raise UnsafePath(f"not a sha256 hex digest: {sha256!r}")
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"




class LocalMediaStore:
    def __init__(self, root: Path):
        self.root = root
        self.blobs = root / "blobs"
        self.derivatives = root / "derivatives"
        self.uploads = root / "uploads"
        self.staging = root / "tmp"
        self.quarantine = root / "quarantine"
        for folder in (self.blobs, self.derivatives, self.uploads, self.staging):
            folder.mkdir(parents=True, exist_ok=True)

    # ----- blobs -----

    def blob_path(self, sha256: str) -> Path:
        return self.blobs / blob_relative(sha256)

    def has_blob(self, sha256: str) -> bool:
        return self.blob_path(sha256).is_file()

    def put_blob(self, staged: Path, sha256: str) -> bool:
        """Move a staged, already hashed file into place; True if it was new. The staged file is
        consumed either way. The caller has computed sha256 over exactly these bytes."""
        target = self.blob_path(sha256)
        if target.is_file():
            staged.unlink(missing_ok=True)
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(staged, "rb") as f:
            os.fsync(f.fileno())
        os.replace(staged, target)
        os.chmod(target, 0o444)  # evidence is never overwritten in place
        fsync_dir(target.parent)
        return True

    def link_blob(self, staged: Path, sha256: str) -> bool:
        """Like put_blob, but the staged file stays (a hard link): a resumable upload keeps its
        bytes until the evidence row is committed, so a crash in between loses nothing."""
        target = self.blob_path(sha256)
        if target.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(staged, "rb") as f:
            os.fsync(f.fileno())
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
        os.link(staged, tmp)
        os.replace(tmp, target)
        os.chmod(target, 0o444)
        fsync_dir(target.parent)
        return True

    def blob_sha256s(self):
        """Every stored blob's digest (for fsck)."""
        for path in self.blobs.glob("*/*/*"):
            if path.is_file():
                yield path.name

    # ----- derivatives (rebuildable from the blob) -----

    def derivative_dir(self, sha256: str) -> Path:
        return self.derivatives / blob_relative(sha256)

    def derivative_path(self, relative: str) -> Path:
        """A derivative an evidence row lists (UnsafePath if the name leads out of derivatives/)."""
        return safe_join(self.derivatives, relative)

    def derivative_relative(self, path: Path) -> str:
        return str(path.resolve().relative_to(self.derivatives.resolve()))

    # ----- staging and resumable uploads -----

    def new_staging_file(self) -> Path:
        return self.staging / f"{uuid.uuid4().hex}.part"

    def upload_path(self, upload_id: str) -> Path:
        return safe_join(self.uploads, f"{upload_id}.part")

    def free_bytes(self) -> int:
        return shutil.disk_usage(self.root).free

    def ensure_space(self, incoming: int, floor: int, *, message: str, message_zh: str,
                     detail: dict | None = None) -> None:
        """Refuse (InsufficientStorage, a 507) what would leave less than `floor` bytes free on
        the data dir's disk once `incoming` more bytes are written: uploads and bulk exports
        keep the floor free for the database and for each other."""
        free = self.free_bytes()
        if free - incoming < floor:
            raise InsufficientStorage(message, code="insufficient_storage",
                                      detail={"message_zh": message_zh, **(detail or {})})
