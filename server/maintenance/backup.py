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
"""

import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from server.settings import Settings

FORMAT = "takan-backup/1"
MANIFEST = "manifest.json"
DB_FILE = "takan.sqlite3"
COPY_CHUNK = 1024 * 1024
COUNTED_TABLES = ("users", "cases", "evidence", "blobs", "uploads", "audit_events", "annotations", "comments",
                  "opinions", "export_jobs")


class BackupError(Exception):
    pass


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(COPY_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_file(src: Path, dst: Path, *, limit: int | None = None, mode: int | None = None) -> tuple[int, str]:
    """Copy (the first `limit` bytes of) src to dst through a temp name, hashing on the way,
    fsynced before the rename. Returns (size, sha256)."""
    tmp = dst.with_name(f".{dst.name}.part")
    digest = hashlib.sha256()
    size = 0
    with open(src, "rb") as fin, open(tmp, "wb") as fout:
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
            _fsync_dir(folder)
        _fsync_dir(self.target_root)


def _blob_rel(sha256: str) -> str:
    return f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}"


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
        receiving = target.execute("SELECT id, received FROM uploads WHERE state = 'receiving'").fetchall()
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
        src = data_dir / _blob_rel(sha)
        if not src.is_file():
            missing.append(_blob_rel(sha))
            continue
        placer.place(src, dest / _blob_rel(sha), expect_sha256=sha, mode=0o444)
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
                src = data_dir / "derivatives" / relative
                if not src.is_file():
                    missing.append(f"derivatives/{relative}")
                    continue
                size = placer.place(src, dest / "derivatives" / relative)
                derivative_list.append([relative, size])

    # 3. uploads in progress: the bytes the copy promised, else the upload is expired in the copy
    upload_list = []
    expired = []
    for upload_id, received in receiving:
        src = data_dir / "uploads" / f"{upload_id}.part"
        dst = dest / "uploads" / f"{upload_id}.part"
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
    target.executemany("UPDATE uploads SET state = 'expired', updated_at = ? WHERE id = ?",
                       [(now, upload_id) for upload_id in expired])
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
    db_sha = sha256_file(dest / DB_FILE)

    # 4. keys, and (if asked) finished bulk exports
    key_list = []
    keys = data_dir / "keys"
    if keys.is_dir():
        for src in sorted(p for p in keys.rglob("*") if p.is_file() and not p.name.startswith(".")):
            relative = src.relative_to(data_dir)
            (dest / relative).parent.mkdir(parents=True, exist_ok=True)
            placer.folders.add((dest / relative).parent)
            size, digest = copy_file(src, dest / relative, mode=src.stat().st_mode & 0o777)
            key_list.append([str(relative), size, digest])
    export_list = []
    if exports:
        for file_name, _size in jobs:
            src = data_dir / "exports" / file_name
            if src.is_file():
                export_list.append([file_name, placer.place(src, dest / "exports" / file_name)])
            else:
                missing.append(f"exports/{file_name}")
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
    _fsync_dir(dest)
    if missing:
        raise BackupError(f"{len(missing)} file(s) the database names could not be read (first: {missing[0]}); "
                          "the backup is incomplete; run takan fsck on the data directory")
    return manifest


# ----- restore -----


def verify_backup(folder: Path, *, hash_blobs: bool = True) -> tuple[dict, list[str]]:
    """The manifest and what does not hold: every file present with its size, the database's
    and keys' sha256, and (unless hash_blobs is off) every blob hashing to its name."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} has no readable {MANIFEST} (an incomplete or foreign backup): {exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder}: unknown backup format {manifest.get('format')!r}")
    problems = []
    db = folder / manifest["database"]["file"]
    if not db.is_file():
        problems.append(f"{db.name}: missing")
    elif sha256_file(db) != manifest["database"]["sha256"]:
        problems.append(f"{db.name}: sha256 differs from the manifest")
    files = manifest["files"]
    for sha, size in files["blobs"]:
        path = folder / _blob_rel(sha)
        if not path.is_file() or path.stat().st_size != size:
            problems.append(f"{_blob_rel(sha)}: missing or of the wrong size")
        elif hash_blobs and sha256_file(path) != sha:
            problems.append(f"{_blob_rel(sha)}: does not hash to its name")
    for relative, size in files["derivatives"]:
        path = folder / "derivatives" / relative
        if not path.is_file() or path.stat().st_size != size:
            problems.append(f"derivatives/{relative}: missing or of the wrong size")
    for upload_id, size, digest in files["uploads"]:
        path = folder / "uploads" / f"{upload_id}.part"
        if not path.is_file() or path.stat().st_size != size or sha256_file(path) != digest:
            problems.append(f"uploads/{upload_id}.part: missing or changed")
    for relative, _size, digest in files["keys"]:
        path = folder / relative
        if not path.is_file() or sha256_file(path) != digest:
            problems.append(f"{relative}: missing or changed")
    for name, size in files.get("exports", []):
        path = folder / "exports" / name
        if not path.is_file() or path.stat().st_size != size:
            problems.append(f"exports/{name}: missing or of the wrong size")
    return manifest, problems


def restore(folder: Path, data_dir: Path, *, force: bool = False, link: bool = False, hash_blobs: bool = True,
            log=print) -> dict:
    """Restore a verified backup into `data_dir`, which must be empty or absent; with `force`
    what is there is first moved aside to `<data_dir>.before-restore-<time>` (never deleted).
    No server may be running on data_dir meanwhile."""
    manifest, problems = verify_backup(folder, hash_blobs=hash_blobs)
    if problems:
        raise BackupError("the backup does not match its manifest:\n  " + "\n  ".join(problems[:50]))
    log(f"backup verified: {manifest['blobs']['count']} blobs, database sha256 {manifest['database']['sha256'][:16]}…")
    if data_dir.exists() and any(data_dir.iterdir()):
        if not force:
            raise BackupError(f"{data_dir} is not empty; restore into an empty folder, or use --force to move "
                              "what is there aside first")
        aside = data_dir.with_name(f"{data_dir.name}.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
        os.rename(data_dir, aside)
        log(f"moved the existing {data_dir} aside to {aside}")
    data_dir.mkdir(parents=True, exist_ok=True)
    placer = Placer(link=link, target_root=data_dir)
    files = manifest["files"]
    for sha, _size in files["blobs"]:
        placer.place(folder / _blob_rel(sha), data_dir / _blob_rel(sha), expect_sha256=sha, mode=0o444)
    for relative, _size in files["derivatives"]:
        placer.place(folder / "derivatives" / relative, data_dir / "derivatives" / relative)
    for name, _size in files.get("exports", []):
        placer.place(folder / "exports" / name, data_dir / "exports" / name)
    for upload_id, _size, _digest in files["uploads"]:
        dst = data_dir / "uploads" / f"{upload_id}.part"
        dst.parent.mkdir(parents=True, exist_ok=True)
        placer.folders.add(dst.parent)
        copy_file(folder / "uploads" / f"{upload_id}.part", dst)  # written to again: never a link
    for relative, _size, _digest in files["keys"]:
        src = folder / relative
        (data_dir / relative).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        placer.folders.add((data_dir / relative).parent)
        copy_file(src, data_dir / relative, mode=src.stat().st_mode & 0o777)
    size, digest = copy_file(folder / DB_FILE, data_dir / DB_FILE)  # last: a data dir with a database is whole
    if digest != manifest["database"]["sha256"]:
        raise BackupError("the database changed while it was being restored")
    placer.sync()
    log(f"restored into {data_dir}: database {size / 1e6:.1f} MB, {len(files['blobs'])} blobs "
        f"({placer.linked} linked, {placer.copied} copied), {len(files['derivatives'])} derivatives, "
        f"{len(files['uploads'])} uploads in progress, {len(files['keys'])} keys")
    return manifest


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
    print(f"next: takan --data-dir {args.target} fsck --grace 0, then start the server on it")
    return 0

