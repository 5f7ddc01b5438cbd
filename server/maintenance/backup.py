"""`takan backup DEST` and `takan restore BACKUP DATA_DIR`: a consistent online backup of a data
directory while the server runs and uploads go on, and its restore.

The backup is made in this order, which is what makes it consistent without stopping anything:

1. the database, with SQLite's online backup API in one step: one read snapshot of a committed
   state (the server keeps writing beside it, in WAL mode);
2. every blob that COPIED database names (blobs and evidence rows; files are never changed or
   deleted once a row names them, so they are all there), hard-linked when DEST is on the same
   filesystem (blobs are read-only and never rewritten) or copied, hashed on the way and
   fsynced; the derivatives its evidence rows list, the same way;
3. for uploads the copy shows in progress, the bytes the copy says were received (the prefix of
   their temp file); an upload whose file is gone meanwhile is marked expired in the copy (its
   phone starts it again), and upload leases are cleared;
4. the keys/ folder (media-link and archive signing keys);
5. manifest.json, written last (a backup without it is incomplete): what was copied, the
   database file's sha256, counts, the last audit event, times.

Bulk export zips are left out unless asked for (they can be made again from the data).

Restore trusts nothing in the backup it is given: manifest.json must have the expected shape,
every name in it becomes a path only through server.storage.paths.safe_join (relative, no '..',
inside the folder it belongs in), the backup may hold only plain files and folders (no symbolic
link, fifo, socket or device anywhere), and every file is checked against the manifest (size,
sha256) before the first byte is written to the target. A write that fails later (a full disk)
takes back what it wrote, and puts a target moved aside with --force back in its place.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import msgspec

from server.settings import Settings
from server.storage.files import fsync_dir, hash_file
from server.storage.media_store import blob_relative
from server.storage.paths import UnsafePath, check_relative, file_kind, safe_join
from shared.enums import UploadState

FORMAT = "takan-backup/1"
MANIFEST = "manifest.json"
DB_FILE = "takan.sqlite3"
COPY_CHUNK = 1024 * 1024
COUNTED_TABLES = ("users", "cases", "evidence", "blobs", "uploads", "audit_events", "annotations", "comments",
                  "opinions", "export_jobs")


class BackupError(Exception):
    pass






def copy_file(src: Path, dst: Path, *, limit: int | None = None, mode: int | None = None) -> tuple[int, str]:
    """Copy (the first `limit` bytes of) src to dst through a temp name, hashing on the way,
    fsynced before the rename. Returns (size, sha256)."""
    tmp = dst.with_name(f".{dst.name}.part")
    digest = hashlib.sha256()
    size = 0
    # O_NOFOLLOW: a link swapped in for a checked file is refused, not followed
    with os.fdopen(os.open(src, os.O_RDONLY | os.O_NOFOLLOW), "rb") as fin, open(tmp, "wb") as fout:
        while True:
            want = COPY_CHUNK if limit is None else min(COPY_CHUNK, limit - size)
            if want <= 0:
                break
            chunk = fin.read(want)
            if not chunk:
                break
            digest.update(chunk)
            fout.write(chunk)
            size += len(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    if mode is not None:
        os.chmod(tmp, mode)
    os.replace(tmp, dst)
    return size, digest.hexdigest()


@dataclass
class Placer:
    """Puts files into a backup or restore: a hard link when allowed and on the same
    filesystem, else a hashed, fsynced copy. Remembers the folders to fsync at the end."""

    link: bool
    target_root: Path
    linked: int = 0
    copied: int = 0
    bytes: int = 0
    folders: set[Path] = field(default_factory=set)
    _same_fs: bool | None = None

    def place(self, src: Path, dst: Path, *, expect_sha256: str | None = None, mode: int | None = None) -> int:
        dst.parent.mkdir(parents=True, exist_ok=True)
        self.folders.add(dst.parent)
        if self.link and self._same_fs is None:
            self._same_fs = src.stat().st_dev == self.target_root.stat().st_dev
        if self.link and self._same_fs:
            try:
                os.link(src, dst)
            except OSError:  # a filesystem without hard links (or a quota on them): copy
                pass
            else:
                size = dst.stat().st_size
                self.linked += 1
                self.bytes += size
                return size
        size, digest = copy_file(src, dst, mode=mode)
        if expect_sha256 is not None and digest != expect_sha256:
            dst.unlink()
            raise BackupError(f"{src} does not hash to its name ({digest}); run takan fsck")
        self.copied += 1
        self.bytes += size
        return size

    def sync(self) -> None:
        for folder in sorted(self.folders, key=lambda p: len(p.parts), reverse=True):
            fsync_dir(folder)
        fsync_dir(self.target_root)


def _source(data_dir: Path, top: str, name: str) -> tuple[Path | None, str | None]:
    """A file the database names, in the data dir's folder `top`: (path, None) when it is a
    regular file inside that folder, else (None, why not) for the backup's list of what is
    missing (a name that leads elsewhere, a link or a fifo is not copied)."""
    try:
        path = safe_join(data_dir / top, name)
    except UnsafePath as exc:
        return None, f"{top}/{name} (refused: {exc})"
    kind = file_kind(path)
    if kind is not None:
        return None, f"{top}/{name}" + ("" if kind == "missing" else f" (not copied: {kind})")
    return path, None


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # noqa: S608 (fixed names)
            for name in COUNTED_TABLES if name in tables}


def backup(data_dir: Path, dest: Path, *, link: bool = True, derivatives: bool = True, exports: bool = False,
           log=print) -> dict:
    """Back up a data directory (live or not) into the empty or new folder `dest`. Returns the
    manifest. Raises BackupError when something the copied database names cannot be read."""
    started = time.monotonic()
    started_at = datetime.now(UTC)
    db_path = Settings(data_dir=data_dir).db_path
    if not db_path.is_file():
        raise BackupError(f"no database at {db_path}")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} exists and is not empty; back up into a new folder")
    dest.mkdir(parents=True, exist_ok=True)

    # 1. the database: one snapshot, in one step of the online backup API
    part = dest / f".{DB_FILE}.part"
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    target = sqlite3.connect(part, isolation_level=None)
    try:
        source.execute("PRAGMA busy_timeout=30000")
        source.backup(target)
        snapshot_at = datetime.now(UTC)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file; the server turns WAL back on
        blobs = target.execute("SELECT sha256, size FROM blobs UNION SELECT sha256, size FROM evidence").fetchall()
        derivative_rows = target.execute("SELECT sha256, derivatives FROM evidence").fetchall()
        receiving = target.execute("SELECT id, received FROM uploads WHERE state = ?",
                                   (UploadState.receiving,)).fetchall()
        jobs = target.execute("SELECT file_name, size FROM export_jobs WHERE state = 'complete' "
                              "AND file_name IS NOT NULL").fetchall()
    finally:
        source.close()
    log(f"database copied ({snapshot_at:%H:%M:%S} UTC snapshot): {len(blobs)} blobs named")

    placer = Placer(link=link, target_root=dest)
    missing: list[str] = []

    # 2. blobs and derivatives the copy names
    seen: set[str] = set()
    blob_list = []
    for sha, size in blobs:
        if sha in seen:
            continue
        seen.add(sha)
        try:
            relative = blob_relative(sha)
        except UnsafePath as exc:
            missing.append(f"blobs/ (refused: {exc})")
            continue
        src, why = _source(data_dir, "blobs", relative)
        if src is None:
            missing.append(why)
            continue
        placer.place(src, dest / "blobs" / relative, expect_sha256=sha, mode=0o444)
        blob_list.append([sha, size])
    blob_bytes, blob_linked, blob_copied = placer.bytes, placer.linked, placer.copied
    log(f"blobs: {len(blob_list)} ({placer.linked} linked, {placer.copied} copied, {blob_bytes / 1e6:.1f} MB)")

    derivative_list = []
    if derivatives:
        done: set[str] = set()
        for _sha, text in derivative_rows:
            for variant, relative in json.loads(text or "{}").items():
                if variant == "partial" or relative in done:
                    continue
                done.add(relative)
                src, why = _source(data_dir, "derivatives", relative)
                if src is None:
                    missing.append(why)
                    continue
                size = placer.place(src, dest / "derivatives" / relative)
                derivative_list.append([relative, size])

    # 3. uploads in progress: the bytes the copy promised, else the upload is expired in the copy
    upload_list = []
    expired = []
    for upload_id, received in receiving:
        src, _why = _source(data_dir, "uploads", f"{upload_id}.part")
        if src is None:  # gone, or not a plain file inside uploads/: the phone starts it again
            expired.append(upload_id)
            continue
        dst = dest / "uploads" / src.name
        try:
            if src.stat().st_size >= received:
                dst.parent.mkdir(parents=True, exist_ok=True)
                placer.folders.add(dst.parent)
                size, digest = copy_file(src, dst, limit=received)
                if size == received:
                    upload_list.append([upload_id, size, digest])
                    continue
                dst.unlink()
        except FileNotFoundError:
            pass
        expired.append(upload_id)
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    target.executemany("UPDATE uploads SET state = ?, updated_at = ? WHERE id = ?",
                       [(UploadState.expired, now, upload_id) for upload_id in expired])
    target.execute("UPDATE uploads SET lease_token = NULL, lease_until = NULL WHERE lease_token IS NOT NULL")
    if "synced" in {r[1] for r in target.execute("PRAGMA table_info(uploads)")}:
        # the bytes copied for an upload are fsynced in the backup: its whole offset is on disk there
        target.executemany("UPDATE uploads SET synced = received WHERE id = ?",
                           [(upload_id,) for upload_id, _size, _digest in upload_list])
    counts = _counts(target)
    last_audit = target.execute("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
    versions = [r[0] for r in target.execute("SELECT version FROM schema_migrations ORDER BY version")]
    integrity = target.execute("PRAGMA integrity_check").fetchone()[0]
    target.close()
    if integrity != "ok":
        raise BackupError(f"the database copy fails integrity_check: {integrity}")
    with open(part, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(part, dest / DB_FILE)
    db_sha = hash_file(dest / DB_FILE)[1]

    # 4. keys, and (if asked) finished bulk exports
    key_list = []
    keys = data_dir / "keys"
    if keys.is_dir():
        for found in sorted(p for p in keys.rglob("*") if not p.name.startswith(".")):
            if found.is_dir() and not found.is_symlink():
                continue
            src, why = _source(data_dir, "keys", found.relative_to(keys).as_posix())
            if src is None:
                missing.append(why)
                continue
            relative = src.relative_to(data_dir)
            (dest / relative).parent.mkdir(parents=True, exist_ok=True)
            placer.folders.add((dest / relative).parent)
            size, digest = copy_file(src, dest / relative, mode=src.stat().st_mode & 0o777)
            key_list.append([str(relative), size, digest])
    export_list = []
    if exports:
        for file_name, _size in jobs:
            src, why = _source(data_dir, "exports", file_name)
            if src is None:
                missing.append(why)
                continue
            export_list.append([file_name, placer.place(src, dest / "exports" / file_name)])
    placer.sync()

    # 5. the manifest, last
    manifest = {
        "format": FORMAT,
        "source": str(data_dir.resolve()),
        "started_at": started_at.isoformat(timespec="seconds"),
        "snapshot_at": snapshot_at.isoformat(timespec="milliseconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - started, 2),
        "database": {"file": DB_FILE, "sha256": db_sha, "size": (dest / DB_FILE).stat().st_size,
                     "schema_versions": versions, "counts": counts,
                     "last_audit_event": {"seq": last_audit[0], "hash": last_audit[1]} if last_audit else None},
        "blobs": {"count": len(blob_list), "bytes": blob_bytes, "linked": blob_linked, "copied": blob_copied},
        "derivatives_included": derivatives,
        "exports_included": exports,
        "missing": missing,
        "uploads_expired_in_copy": expired,
        "files": {"blobs": blob_list, "derivatives": derivative_list, "uploads": upload_list, "keys": key_list,
                  "exports": export_list},
    }
    tmp = dest / f".{MANIFEST}.part"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, dest / MANIFEST)
    fsync_dir(dest)
    if missing:
        raise BackupError(f"{len(missing)} file(s) the database names could not be read (first: {missing[0]}); "
                          "the backup is incomplete; run takan fsck on the data directory")
    return manifest


# ----- restore -----

Sha256 = Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{64}$")]
Size = Annotated[int, msgspec.Meta(ge=0)]


class _DatabaseEntry(msgspec.Struct):
    file: str
    sha256: Sha256


class _Files(msgspec.Struct):
    blobs: list[tuple[Sha256, Size]]
    derivatives: list[tuple[str, Size]]
    uploads: list[tuple[str, Size, Sha256]]
    keys: list[tuple[str, Size, Sha256]]
    exports: list[tuple[str, Size]] = msgspec.field(default_factory=list)


class _Manifest(msgspec.Struct):
    """The parts of manifest.json a restore acts on (the rest is for people to read)."""

    format: str
    database: _DatabaseEntry
    files: _Files


@dataclass(frozen=True, slots=True)
class _Item:
    """One file a restore puts into the data directory, at the same place as in the backup."""

    relative: str  # under the data directory (and the backup): "blobs/ab/cd/<sha256>"
    size: int
    sha256: str | None = None  # its digest, when the manifest gives one
    hash_first: bool = False  # check the digest before restoring anything
    linkable: bool = True  # never written to again: may be a hard link with --link
    private: bool = False  # keys: a 0700 folder, the file's mode as in the backup


def _read_manifest(folder: Path) -> tuple[dict, _Manifest]:
    path = folder / MANIFEST
    kind = file_kind(path)
    if kind is not None:
        raise BackupError(f"{folder} has no readable {MANIFEST} ({kind}): an incomplete or foreign backup")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} has no readable {MANIFEST} (an incomplete or foreign backup): {exc}") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        found = raw.get("format") if isinstance(raw, dict) else type(raw).__name__
        raise BackupError(f"{folder}: unknown backup format {found!r}")
    try:
        return raw, msgspec.convert(raw, _Manifest)
    except msgspec.ValidationError as exc:
        raise BackupError(f"{folder / MANIFEST} is malformed: {exc}") from None


def _plan(manifest: _Manifest, *, hash_blobs: bool) -> tuple[list[_Item], list[str]]:
    """What the manifest says to restore, every name checked (check_relative) before it is a
    path; and the entries refused, each named."""
    items: list[_Item] = []
    problems: list[str] = []

    def add(section: str, top: str, name: str, *, single: bool = False, shown: str | None = None, **item) -> None:
        try:
            relative = check_relative(name)
            if single and "/" in relative:
                raise UnsafePath(f"{relative!r} must be a file name, not a path")
        except UnsafePath as exc:
            problems.append(f"{MANIFEST} files.{section}: {shown!r}: {exc}" if shown else
                            f"{MANIFEST} files.{section}: {exc}")
            return
        items.append(_Item(f"{top}/{relative}", **item))

    files = manifest.files
    if manifest.database.file != DB_FILE:
        problems.append(f"{MANIFEST} database.file: {manifest.database.file!r}, not {DB_FILE!r}")
    for sha, size in files.blobs:
        add("blobs", "blobs", blob_relative(sha), size=size, sha256=sha, hash_first=hash_blobs)
    for name, size in files.derivatives:
        add("derivatives", "derivatives", name, size=size)
    for name, size in files.exports:
        add("exports", "exports", name, single=True, size=size)
    for upload_id, size, digest in files.uploads:  # written to again when the upload resumes: a copy
        add("uploads", "uploads", f"{upload_id}.part", single=True, size=size, sha256=digest, hash_first=True,
            linkable=False)
    for name, size, digest in files.keys:  # named from the data dir: keys/...
        top, _, rest = name.partition("/")
        if top != "keys" or not rest:
            try:
                check_relative(name)
                problems.append(f"{MANIFEST} files.keys: {name!r} is not under keys/")
            except UnsafePath as exc:
                problems.append(f"{MANIFEST} files.keys: {exc}")
            continue
        add("keys", "keys", rest, shown=name, size=size, sha256=digest, hash_first=True, linkable=False,
            private=True)

    # No file named twice, and none where another needs a folder.
    named = [item.relative for item in items] + [DB_FILE]
    counts: dict[str, int] = {}
    for relative in named:
        counts[relative] = counts.get(relative, 0) + 1
    problems += [f"{MANIFEST}: {relative} is named {n} times" for relative, n in counts.items() if n > 1]
    folders = {"/".join(relative.split("/")[:depth]) for relative in named
               for depth in range(1, relative.count("/") + 1)}
    problems += [f"{MANIFEST}: {relative} is named as a file and as a folder" for relative in counts
                 if relative in folders]
    return items, problems


def _links_and_special_files(folder: Path) -> list[str]:
    """Every symbolic link, fifo, socket or device anywhere in the backup (links are not followed)."""
    found = []
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(root) / name
            kind = file_kind(path)
            if kind not in (None, "a folder"):
                found.append(f"{path.relative_to(folder)}: {kind}; a backup holds only plain files and folders")
    return found


def check_backup(folder: Path, *, hash_blobs: bool = True) -> tuple[dict, list[_Item], list[str]]:
    """Read-only: the manifest, the files it says to restore, and everything that does not hold
    (each line names the entry or file): names that are not plain relative paths inside their
    folder, links or special files anywhere in the backup, files missing or of the wrong size,
    and digests that differ (the database, uploads, keys, and every blob unless hash_blobs is off).
    Raises BackupError when there is no readable manifest of the right shape."""
    raw, manifest = _read_manifest(folder)
    items, problems = _plan(manifest, hash_blobs=hash_blobs)
    problems += _links_and_special_files(folder)
    database = _Item(DB_FILE, size=-1, sha256=manifest.database.sha256, hash_first=True)
    to_hash = []
    for item in [*items, database]:
        try:
            path = safe_join(folder, item.relative)
        except UnsafePath as exc:
            problems.append(f"{item.relative}: {exc}")
            continue
        kind = file_kind(path)
        if kind is not None:
            problems.append(f"{item.relative}: {kind}")
        elif item.size >= 0 and path.stat().st_size != item.size:
            problems.append(f"{item.relative}: {path.stat().st_size} bytes, the manifest says {item.size}")
        elif item.hash_first:
            to_hash.append((item, path))
    if not problems:  # hashing gigabytes only to refuse anyway would be waste
        for item, path in to_hash:
            if hash_file(path)[1] != item.sha256:
                problems.append(f"{item.relative}: does not hash to its name" if item.relative.startswith("blobs/")
                                else f"{item.relative}: its sha256 differs from the manifest")
    return raw, items, problems


def restore(folder: Path, data_dir: Path, *, force: bool = False, link: bool = False, hash_blobs: bool = True,
            log=print) -> dict:
    """Restore a backup into `data_dir`, which must be empty or absent; with `force` what is
    there is first moved aside to `<data_dir>.before-restore-<time>` (never deleted). Everything
    is checked (check_backup) before anything is written; a failure while writing takes back
    what was written. No server may be running on data_dir meanwhile."""
    manifest, items, problems = check_backup(folder, hash_blobs=hash_blobs)
    if problems:
        shown = problems[:50] + ([f"... and {len(problems) - 50} more"] if len(problems) > 50 else [])
        raise BackupError(f"refused {folder}, nothing was written to {data_dir}:\n  " + "\n  ".join(shown))
    blobs = [item for item in items if item.relative.startswith("blobs/")]
    log(f"backup verified: {len(blobs)} blobs, database sha256 {manifest['database']['sha256'][:16]}…")
    if data_dir.is_symlink() or data_dir.exists():
        if not data_dir.is_dir():
            raise BackupError(f"{data_dir} is not a folder")
        occupied = any(data_dir.iterdir())
    else:
        occupied = False
    if occupied and not force:
        raise BackupError(f"{data_dir} is not empty; restore into an empty folder, or use --force to move "
                          "what is there aside first")
    aside = None
    if occupied:
        aside = data_dir.with_name(f"{data_dir.name}.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
        try:
            os.rename(data_dir, aside)
        except OSError as exc:
            raise BackupError(f"cannot move {data_dir} aside to {aside} ({exc}); nothing was written") from None
        log(f"moved the existing {data_dir} aside to {aside}")
    created = not data_dir.exists()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        placer = _restore_files(folder, data_dir, items, link=link)
        size, digest = copy_file(folder / DB_FILE, data_dir / DB_FILE)  # last: a data dir with a database is whole
        if digest != manifest["database"]["sha256"]:
            raise BackupError("the database changed while it was being restored")
        placer.sync()
    except BaseException as exc:
        _take_back(data_dir, created=created, aside=aside)
        put_back = f", and {aside} is back in its place" if aside else ""
        if isinstance(exc, BackupError):
            raise BackupError(f"{exc}; what the restore had written was taken back{put_back}") from None
        if isinstance(exc, OSError):
            raise BackupError(f"the restore failed while writing into {data_dir} ({exc}); what it had written "
                              f"was taken back{put_back}") from None
        raise
    counted = {top: sum(1 for item in items if item.relative.startswith(f"{top}/"))
               for top in ("derivatives", "uploads", "keys")}
    log(f"restored into {data_dir}: database {size / 1e6:.1f} MB, {len(blobs)} blobs "
        f"({placer.linked} linked, {placer.copied} copied), {counted['derivatives']} derivatives, "
        f"{counted['uploads']} uploads in progress, {counted['keys']} keys")
    return manifest


def _restore_files(folder: Path, data_dir: Path, items: list[_Item], *, link: bool) -> Placer:
    placer = Placer(link=link, target_root=data_dir)
    for item in items:
        src, dst = safe_join(folder, item.relative), safe_join(data_dir, item.relative)
        if item.linkable:
            placer.place(src, dst, expect_sha256=item.sha256, mode=0o444 if item.relative.startswith("blobs/")
                         else None)
            continue
        dst.parent.mkdir(parents=True, exist_ok=True, mode=0o700 if item.private else 0o777)
        placer.folders.add(dst.parent)
        copy_file(src, dst, mode=src.stat().st_mode & 0o777 if item.private else None)
    return placer


def _take_back(data_dir: Path, *, created: bool, aside: Path | None) -> None:
    """Undo a restore that failed part-way: the target held nothing before it (it was empty,
    absent, or moved aside), so everything in it now is the restore's own copy."""
    if created:
        shutil.rmtree(data_dir, ignore_errors=True)
    elif data_dir.is_dir():
        for child in data_dir.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
    if aside is not None:
        os.rename(aside, data_dir)


# ----- the command line -----


def add_backup_arguments(parser) -> None:
    parser.add_argument("dest", help="a new or empty folder for the backup")
    parser.add_argument("--copy", action="store_true",
                        help="copy blobs even when DEST is on the same filesystem (default: hard links there)")
    parser.add_argument("--no-derivatives", action="store_true",
                        help="leave out thumbnails and posters (takan fsck --repair rebuilds them after a restore)")
    parser.add_argument("--exports", action="store_true", help="include finished bulk export zips")


def add_restore_arguments(parser) -> None:
    parser.add_argument("backup", help="a folder made by takan backup")
    parser.add_argument("target", help="the data directory to restore into (empty or absent)")
    parser.add_argument("--force", action="store_true",
                        help="restore even if the target is not empty (its contents are moved aside first)")
    parser.add_argument("--link", action="store_true",
                        help="hard-link blobs from the backup instead of copying (same filesystem only)")
    parser.add_argument("--quick", action="store_true",
                        help="check blob sizes only, not their sha256, before restoring")


def run_backup(data_dir: Path, args) -> int:
    try:
        manifest = backup(data_dir, Path(args.dest), link=not args.copy, derivatives=not args.no_derivatives,
                          exports=args.exports)
    except BackupError as exc:
        print(f"takan backup: {exc}")
        return 1
    counts = manifest["database"]["counts"]
    print(f"backup complete in {manifest['seconds']} s: {args.dest}")
    print(f"  database snapshot {manifest['snapshot_at']}, sha256 {manifest['database']['sha256']}")
    print(f"  {counts.get('evidence', 0)} evidence items, {manifest['blobs']['count']} blobs "
          f"({manifest['blobs']['bytes'] / 1e6:.1f} MB: {manifest['blobs']['linked']} hard-linked, "
          f"{manifest['blobs']['copied']} copied), {len(manifest['files']['derivatives'])} derivatives, "
          f"{counts.get('audit_events', 0)} audit events")
    if manifest["blobs"]["linked"]:
        print("  note: hard-linked blobs share the disk with the data directory; copy the backup to other media")
    return 0


def run_restore(args) -> int:
    try:
        restore(Path(args.backup), Path(args.target), force=args.force, link=args.link, hash_blobs=not args.quick)
    except BackupError as exc:
        print(f"takan restore: {exc}")
        return 1
    except OSError as exc:  # the target cannot be looked at (permissions, a bad path): said, not a traceback
        print(f"takan restore: {exc}")
        return 1
    print(f"next: takan --data-dir {args.target} fsck --grace 0, then start the server on it")
    return 0

