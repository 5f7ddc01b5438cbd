"""`takan fsck`: is a data directory whole? Checks, in this order:

- SQLite's own `integrity_check` and `foreign_key_check`;
- the audit log's hash chain (the audit service's verify, on a read-only connection);
- every blob a `blobs` or `evidence` row names exists, and its bytes hash to its name with the
  recorded size (every blob is read and hashed, streamed, in constant memory);
- no orphaned blob (a file under blobs/ that no row names) and no stray file there;
- every derivative an evidence row lists exists;
- upload temp files (uploads/*.part): none without a receiving upload, none of an upload past
  its expiry, none shorter than the offset the database promised the client;
- no leftovers in the staging folder (tmp/).

It is read-only unless `repair` is set, and safe beside a running server: the files are listed
before the database snapshot is taken, and anything younger than the grace period (which an
ingest in progress could still be using) is noted, not reported. With `repair`:

- orphaned blobs, stray files and upload/staging leftovers are MOVED to
  `<data_dir>/quarantine/<time>/` under their relative path (never deleted), with MOVED.txt;
- missing derivatives are rebuilt from the blob by the ingest pipeline;
- uploads past their expiry, or whose bytes were lost, are marked expired (what the server's
  sweep does), so the phone starts them again instead of resuming onto a hole.

A missing or corrupt blob cannot be repaired here: restore it from a backup (see README).
"""

import asyncio
import json
import os
import re
import sqlite3
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from server.clock import Clock, to_db
from server.db.database import fetch_all, fetch_one
from server.domain.audit.service import AuditLog
from server.maintenance.readonly import ReadOnlyDatabase
from server.settings import Settings
from server.storage.files import fsync_dir, hash_file
from server.storage.media_store import blob_relative
from server.storage.paths import UnsafePath, check_relative, file_kind, safe_join
from shared.enums import UploadState
from shared.format import format_file_size

GRACE_SECONDS = 900
SHA256 = re.compile(r"^[0-9a-f]{64}$")
UPLOAD_ID = re.compile(r"^[0-9a-f]{32}$")
UPLOAD_FILE = re.compile(r"^[0-9a-f]{32}\.part$")


@dataclass
class Problem:
    kind: str
    subject: str  # a path relative to the data dir, or "evidence 12"
    message: str
    repaired: str | None = None  # what --repair did about it

    def line(self) -> str:
        text = f"  {self.kind:<22} {self.subject}: {self.message}"
        return text + (f"  -> {self.repaired}" if self.repaired else "")


@dataclass
class FsckReport:
    data_dir: Path
    repair: bool
    checked: list[tuple[str, str]] = field(default_factory=list)  # (what, result)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def remaining(self) -> list[Problem]:
        return [p for p in self.problems if not p.repaired]

    @property
    def clean(self) -> bool:
        return not self.remaining

    def add(self, kind: str, subject: str, message: str) -> Problem:
        problem = Problem(kind, subject, message)
        self.problems.append(problem)
        return problem

    def render(self) -> str:
        mode = "repair" if self.repair else "read-only"
        lines = [f"takan fsck {self.data_dir} ({mode}, {self.seconds:.1f} s)", "checked:"]
        width = max((len(what) for what, _ in self.checked), default=10)
        lines += [f"  {what:<{width}}  {result}" for what, result in self.checked]
        remaining, repaired = self.remaining, [p for p in self.problems if p.repaired]
        if remaining:
            lines.append(f"problems ({len(remaining)}):")
            lines += [p.line() for p in remaining]
        if repaired:
            lines.append(f"repaired ({len(repaired)}):")
            lines += [p.line() for p in repaired]
        if self.notes:
            lines.append("notes:")
            lines += [f"  {note}" for note in self.notes]
        if self.clean:
            lines.append("result: CLEAN" + (" (after the repairs above)" if repaired else ""))
        else:
            lines.append(f"result: {len(remaining)} PROBLEM(S)"
                         + ("" if self.repair else " (run with --repair to fix what can be fixed)"))
        return "\n".join(lines)








class Quarantine:
    """Where --repair moves what it takes out: <data_dir>/quarantine/<time>/<relative path>,
    with MOVED.txt saying why. Same filesystem, so a move is a rename; nothing is deleted."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.folder = data_dir / "quarantine" / stamp
        n = 1
        while self.folder.exists():
            n += 1
            self.folder = data_dir / "quarantine" / f"{stamp}-{n}"

    def move(self, path: Path, reason: str) -> str:
        # Only what lies under the data dir by a plain relative path (a name from the database
        # with '..' in it must not bring a file in from elsewhere).
        relative = check_relative(path.relative_to(self.data_dir))
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(path, target)
        fsync_dir(target.parent)
        fsync_dir(path.parent)
        with open(self.folder / "MOVED.txt", "a", encoding="utf-8") as log:
            log.write(f"{relative}\t{reason}\n")
        return f"moved to {target.relative_to(self.data_dir)}"


def _age(path: Path, now: float) -> float:
    """Seconds since the file last changed in any way (content, link count, rename, mode): a
    blob just linked into place by an ingest in progress is young even if its bytes are old."""
    st = path.lstat()
    return now - max(st.st_mtime, st.st_ctime)


def relative_of(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _list_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    found = []
    for folder, _dirs, files in os.walk(root):
        found += [Path(folder) / name for name in files]
    return found


class Fsck:
    def __init__(self, data_dir: Path, *, repair: bool = False, grace_seconds: float = GRACE_SECONDS,
                 workers: int = 2, now: datetime | None = None):
        self.data_dir = data_dir
        self.now = now  # the time uploads expire against (default: the real time)
        self.repair = repair
        self.grace = grace_seconds
        self.workers = max(1, workers)
        self.db_path = Settings(data_dir=data_dir).db_path
        self.blobs = data_dir / "blobs"
        self.derivatives = data_dir / "derivatives"
        self.uploads = data_dir / "uploads"
        self.staging = data_dir / "tmp"
        self.report = FsckReport(data_dir=data_dir, repair=repair)
        self._quarantine: Quarantine | None = None

    @property
    def quarantine(self) -> Quarantine:
        if self._quarantine is None:
            self._quarantine = Quarantine(self.data_dir)
        return self._quarantine

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.data_dir))

    def blob_path(self, sha256: str) -> Path:
        return self.blobs / blob_relative(sha256)

    async def run(self) -> FsckReport:
        started = time.monotonic()
        # Files first, then the database snapshot: whatever a row names existed before the row was
        # committed, so a file listed here and missing from the snapshot is young or orphaned.
        listed = await asyncio.to_thread(lambda: {name: _list_files(self.data_dir / name)
                                                  for name in ("blobs", "uploads", "tmp")})
        db = await ReadOnlyDatabase(self.db_path).open()
        try:
            await self.check_sqlite(db)
            await self.check_audit(db)
            async with db.read() as conn:
                blob_rows = {r["sha256"]: r["size"] for r in await fetch_all(conn, "SELECT sha256, size FROM blobs")}
                evidence = [dict(r) for r in await fetch_all(
                    conn, "SELECT id, sha256, size, derivatives FROM evidence ORDER BY id")]
                uploads = {r["id"]: dict(r) for r in await fetch_all(
                    conn, "SELECT id, state, length, received, expires_at, evidence_id FROM uploads")}
            intact = await self.check_blobs(db, blob_rows, evidence, listed["blobs"])
            await self.check_derivatives(evidence, intact)
            await self.check_uploads(db, uploads, listed["uploads"])
            await self.check_staging(listed["tmp"])
        finally:
            await db.close()
        quarantined = self.data_dir / "quarantine"
        if quarantined.is_dir():
            held = sum(1 for path in _list_files(quarantined) if path.name != "MOVED.txt")
            if held:
                self.report.notes.append(f"{held} file(s) are held in {self.rel(quarantined)}/ from earlier repairs "
                                         "(see MOVED.txt in each folder); nothing there is used")
        self.report.seconds = time.monotonic() - started
        return self.report

    # ----- the database -----

    async def check_sqlite(self, db: ReadOnlyDatabase) -> None:
        async with db.read() as conn:
            integrity = [r[0] for r in await fetch_all(conn, "PRAGMA integrity_check")]
            foreign = await fetch_all(conn, "PRAGMA foreign_key_check")
        if integrity == ["ok"]:
            self.report.checked.append(("sqlite integrity_check", "ok"))
        else:
            self.report.checked.append(("sqlite integrity_check", f"{len(integrity)} error(s)"))
            for message in integrity[:50]:
                self.report.add("sqlite_integrity", self.db_path.name, message)
        self.report.checked.append(("sqlite foreign_key_check", "ok" if not foreign else f"{len(foreign)} row(s)"))
        for row in foreign[:50]:
            self.report.add("foreign_key", f"{row[0]} rowid {row[1]}", f"refers to a missing row of {row[2]}")

    async def check_audit(self, db: ReadOnlyDatabase) -> None:
        result = await AuditLog(db, Clock(ZoneInfo("UTC"))).verify()  # type: ignore[arg-type]
        if result.ok:
            self.report.checked.append(("audit chain", f"{result.checked} events verified"))
        else:
            self.report.checked.append(("audit chain", f"BROKEN at event {result.first_broken_seq}"))
            self.report.add("audit_chain", f"audit event {result.first_broken_seq}",
                            f"{result.reason} ({result.checked} events before it verified)")

    # ----- blobs -----

    async def check_blobs(self, db: ReadOnlyDatabase, blob_rows: dict[str, int], evidence: list[dict],
                          files: list[Path]) -> set[str]:
        """Hash every blob a row names; returns the digests whose file is whole."""
        expected: dict[str, set[int]] = defaultdict(set)
        users: dict[str, list[int]] = defaultdict(list)
        for sha, size in blob_rows.items():
            expected[sha].add(size)
        for row in evidence:
            expected[row["sha256"]].add(row["size"])
            users[row["sha256"]].append(row["id"])
            if row["sha256"] not in blob_rows:
                self.report.add("evidence_without_blob", f"evidence {row['id']}",
                                f"names blob {row['sha256'][:16]}… which has no blobs row")
        for sha in [sha for sha in expected if not SHA256.match(sha)]:
            who = f"evidence {', '.join(map(str, users[sha]))}" if users[sha] else "a blobs row only"
            self.report.add("bad_blob_name", f"blob {sha!r}", f"is not a sha256 digest, so it names no file "
                            f"(used by {who}); the database was changed by hand")
            del expected[sha]
        intact: set[str] = set()
        hashed_bytes = 0
        present = [sha for sha in expected if self.blob_path(sha).is_file()]
        for sha in expected:
            if sha not in present:
                who = f"evidence {', '.join(map(str, users[sha]))}" if users[sha] else "a blobs row only"
                self.report.add("missing_blob", self.rel(self.blob_path(sha)),
                                f"the file is missing (used by {who}); restore it from a backup")
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        with ThreadPoolExecutor(self.workers, thread_name_prefix="fsck-hash") as pool:
            futures = [loop.run_in_executor(pool, hash_file, self.blob_path(sha)) for sha in present]
            for sha, (size, digest) in zip(present, await asyncio.gather(*futures), strict=True):
                hashed_bytes += size
                subject = self.rel(self.blob_path(sha))
                if digest != sha:
                    self.report.add("corrupt_blob", subject, f"its bytes hash to {digest[:16]}…, not to its name; "
                                    "restore it from a backup")
                elif expected[sha] != {size}:
                    self.report.add("blob_size", subject, f"is {size} bytes, the database says "
                                    f"{' / '.join(map(str, sorted(expected[sha])))}")
                else:
                    intact.add(sha)
        seconds = time.monotonic() - started
        self.report.checked.append((
            "blobs named by the database",
            f"{len(expected)} ({len(blob_rows)} blobs rows, {len(evidence)} evidence rows); {len(present)} hashed, "
            f"{format_file_size(hashed_bytes)} in {seconds:.1f} s; {len(intact)} intact"))

        orphans = young = 0
        now = time.time()
        for path in files:
            sha = path.name
            if SHA256.match(sha) and path == self.blob_path(sha):
                if sha in expected:
                    continue
                kind, why = "orphan_blob", "no blobs or evidence row names it"
            else:
                kind, why = "stray_file", "not a blob (a name that is not its sha256 at its place)"
            settled = self._settled(path, now)
            if not settled:
                young += settled is False
                continue
            if kind == "orphan_blob" and await self._named(db, sha):
                continue  # committed after the snapshot
            orphans += 1
            problem = self.report.add(kind, self.rel(path), f"{why} ({format_file_size(path.stat().st_size)})")
            if self.repair:
                problem.repaired = await asyncio.to_thread(self.quarantine.move, path, kind)
        self.report.checked.append(("files under blobs/", f"{len(files)}; {orphans} orphaned or stray"))
        if young:
            self.report.notes.append(f"{young} file(s) under blobs/ changed in the last {self.grace:.0f} s and are "
                                     "not named yet: an ingest in progress (not checked)")
        return intact

    def _settled(self, path: Path, now: float) -> bool | None:
        """Whether a file is old enough to judge: False while younger than the grace period (an
        ingest may be using it), None when it went away meanwhile."""
        try:
            return _age(path, now) >= self.grace
        except FileNotFoundError:
            return None

    async def _named(self, db: ReadOnlyDatabase, sha: str) -> bool:
        async with db.read() as conn:
            return await fetch_one(conn, "SELECT 1 FROM blobs WHERE sha256 = ? UNION ALL "
                                         "SELECT 1 FROM evidence WHERE sha256 = ? LIMIT 1", (sha, sha)) is not None

    # ----- derivatives -----

    async def check_derivatives(self, evidence: list[dict], intact: set[str]) -> None:
        referenced = 0
        missing: dict[str, list[tuple[int, str, Path]]] = defaultdict(list)
        for row in evidence:
            try:
                variants = json.loads(row["derivatives"] or "{}")
            except ValueError:
                self.report.add("bad_derivatives", f"evidence {row['id']}", "the derivatives column is not JSON")
                continue
            for variant, relative in variants.items():
                if variant == "partial":
                    continue
                referenced += 1
                try:
                    path = safe_join(self.derivatives, relative)
                except UnsafePath as exc:
                    self.report.add("bad_derivatives", f"evidence {row['id']}",
                                    f"{variant} points outside the store ({exc})")
                    continue
                if not path.is_file() or path.stat().st_size == 0:
                    missing[row["sha256"]].append((row["id"], variant, path))
        problems = {}
        for items in missing.values():
            for evidence_id, variant, path in items:
                problems[(evidence_id, variant)] = self.report.add(
                    "missing_derivative", f"evidence {evidence_id}",
                    f"{variant} is missing (derivatives/{relative_of(path, self.derivatives)})")
        self.report.checked.append(("derivatives", f"{referenced} listed by evidence rows; "
                                    f"{sum(map(len, missing.values()))} missing"))
        if not self.repair:
            return
        for sha, items in missing.items():
            if sha not in intact:
                continue  # no good blob to rebuild from (reported above)
            outcome = await asyncio.to_thread(self._rebuild, sha)
            for evidence_id, variant, path in items:
                if path.is_file() and path.stat().st_size > 0:
                    problems[(evidence_id, variant)].repaired = outcome
                else:
                    self.report.notes.append(f"evidence {evidence_id} {variant}: {outcome}")

    def _rebuild(self, sha: str) -> str:
        from server.ingest import pipeline
        from server.storage.media_store import LocalMediaStore

        store = LocalMediaStore(self.data_dir)
        sniffed = pipeline.sniff_file(store.blob_path(sha))
        if sniffed is None:
            return "not rebuilt: the blob is not a known media type"
        old = store.derivative_dir(sha)
        try:  # its files are moved to quarantine below: never through a link to somewhere else
            safe_join(store.derivatives, blob_relative(sha))
        except UnsafePath as exc:
            return f"not rebuilt: {exc}"
        if old.is_symlink() or (old.exists() and not old.is_dir()):
            return f"not rebuilt: {self.rel(old)} is {file_kind(old)}, not a folder; move it away by hand"
        if old.exists():  # an incomplete set: set aside whole, so the pipeline makes all of it anew
            for path in sorted(old.rglob("*"), reverse=True):
                if path.is_file():
                    self.quarantine.move(path, "incomplete derivative set, rebuilt")
            for path in sorted(old.rglob("*"), reverse=True):
                path.rmdir()
            old.rmdir()
        processed = pipeline.process(store, sha, sniffed)
        if processed.problem is not None:
            return f"not rebuilt: {processed.problem.message_en}"
        return "rebuilt from the blob"

    # ----- uploads and staging -----

    async def check_uploads(self, db: ReadOnlyDatabase, uploads: dict[str, dict], files: list[Path]) -> None:
        now_text = to_db(self.now or datetime.now(UTC))
        now = time.time()
        young = 0
        counts = defaultdict(int)
        for row in uploads.values():
            counts[row["state"]] += 1
            if row["state"] == UploadState.complete and row["evidence_id"] is None:
                self.report.add("upload_without_evidence", f"upload {row['id']}", "complete but names no evidence")
        for path in files:
            upload_id = path.name[:-5] if UPLOAD_FILE.match(path.name) else None
            row = uploads.get(upload_id) if upload_id else None
            if row is not None and row["state"] == UploadState.receiving:
                continue  # judged below, from a fresh look at its row
            settled = self._settled(path, now)
            if not settled:
                young += settled is False
                continue
            if upload_id is None:
                kind, why = "stray_upload_file", "not an upload's temp file"
            elif row is None:
                kind, why = "orphan_upload_file", "no upload of that id"
            else:
                kind, why = "finished_upload_file", f"its upload is {row['state']}; the file should be gone"
            problem = self.report.add(kind, self.rel(path), f"{why} ({format_file_size(path.stat().st_size)})")
            if self.repair:
                problem.repaired = await asyncio.to_thread(self.quarantine.move, path, kind)
        for upload_id, row in uploads.items():
            if row["state"] != UploadState.receiving:
                continue
            if not UPLOAD_ID.match(upload_id):
                self.report.add("bad_upload_id", f"upload {upload_id!r}",
                                "is not an upload id the server makes (32 hex digits), so it names no file; "
                                "the database was changed by hand")
                continue
            async with db.read() as conn:  # fresh: it may have moved on since the snapshot
                current = await fetch_one(conn, "SELECT * FROM uploads WHERE id = ?", (upload_id,))
            if current is None or current["state"] != UploadState.receiving:
                continue
            path = self.uploads / f"{upload_id}.part"
            size = path.stat().st_size if path.is_file() else None
            # What must be on disk: the fsynced offset (bytes past it, told to the client but not yet
            # synced when a crash came, are rewound by the server at start-up and sent again).
            kept = current["synced"] if "synced" in current.keys() else current["received"]  # noqa: SIM118 (a Row)
            if current["expires_at"] < now_text:
                kind, why = "expired_upload", f"expired at {current['expires_at']} but still receiving"
            elif size is None and kept > 0:
                kind, why = "upload_bytes_lost", f"{kept} bytes were recorded as fsynced; the file is gone"
            elif size is not None and size < kept:
                kind, why = "upload_bytes_lost", f"the file has {size} bytes, {kept} were recorded as fsynced"
            else:
                continue
            problem = self.report.add(kind, f"upload {upload_id}", why)
            if self.repair:
                problem.repaired = await asyncio.to_thread(self._expire_upload, upload_id, path, kind)
        states = ", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "none"
        self.report.checked.append(("uploads", f"{len(uploads)} rows ({states}); {len(files)} temp files"))
        if young:
            self.report.notes.append(f"{young} upload temp file(s) changed in the last {self.grace:.0f} s "
                                     "(an upload in progress; not judged)")

    def _expire_upload(self, upload_id: str, path: Path, reason: str) -> str:
        """What the server's sweep does: the upload is expired, so its phone starts it anew."""
        conn = sqlite3.connect(self.db_path, isolation_level=None, timeout=10)
        try:
            conn.execute("BEGIN IMMEDIATE")
            changed = conn.execute(
                "UPDATE uploads SET state = ?, updated_at = ?, lease_token = NULL, lease_until = NULL "
                "WHERE id = ? AND state = ?",
                (UploadState.expired, to_db(datetime.now(UTC)), upload_id, UploadState.receiving)).rowcount
            conn.execute("COMMIT")
        finally:
            conn.close()
        if not changed:
            return "left alone: it changed meanwhile"
        if path.is_file():
            self.quarantine.move(path, reason)
            return "marked expired (the phone starts it again), file moved to quarantine"
        return "marked expired (the phone starts it again)"

    async def check_staging(self, files: list[Path]) -> None:
        now = time.time()
        stale = 0
        for path in files:
            try:
                if _age(path, now) < self.grace:
                    continue
            except FileNotFoundError:
                continue
            stale += 1
            problem = self.report.add("staging_leftover", self.rel(path),
                                      f"left by an interrupted ingest ({format_file_size(path.stat().st_size)})")
            if self.repair:
                problem.repaired = await asyncio.to_thread(self.quarantine.move, path, "staging leftover")
        if self.repair and self.staging.is_dir():  # the empty folders the moves left
            for folder in sorted((p for p in self.staging.rglob("*") if p.is_dir()), reverse=True):
                # the time now: the moves above just touched these folders
                if not any(folder.iterdir()) and _age(folder, time.time()) >= self.grace:
                    folder.rmdir()
        self.report.checked.append(("staging (tmp/)", f"{len(files)} files; {stale} stale"))


async def fsck(data_dir: Path, *, repair: bool = False, grace_seconds: float = GRACE_SECONDS,
               workers: int = 2, now: datetime | None = None) -> FsckReport:
    return await Fsck(data_dir, repair=repair, grace_seconds=grace_seconds, workers=workers, now=now).run()


# ----- the command line -----


def add_fsck_arguments(parser) -> None:
    parser.add_argument("--repair", action="store_true",
                        help="quarantine orphans and leftovers (moved, never deleted), rebuild missing derivatives, "
                             "expire uploads past their expiry")
    parser.add_argument("--grace", type=float, default=GRACE_SECONDS, metavar="SECONDS",
                        help=f"ignore files younger than this: an ingest in progress (default {GRACE_SECONDS}; "
                             "0 when no server is running)")
    parser.add_argument("--workers", type=int, default=2, help="threads hashing blobs (default 2)")


def run_fsck(data_dir: Path, args) -> int:
    try:
        report = asyncio.run(fsck(data_dir, repair=args.repair, grace_seconds=args.grace, workers=args.workers))
    except FileNotFoundError as exc:
        print(f"takan fsck: {exc}")
        return 2
    print(report.render())
    return 0 if report.clean else 1
