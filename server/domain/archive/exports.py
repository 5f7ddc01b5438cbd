"""Bulk export: many cases' archives in one zip, made by a background job.

POST /exports picks the cases (decided, by default, or first submitted between two local dates,
optionally one status and one item type), stores the job with the list of case ids, and starts an
asyncio task in this server. The task writes `<data_dir>/exports/<job>.zip.part`: one stored
entry `<reference>.zip` per case (that case's signed bag, streamed exactly as GET
/cases/{id}/archive streams it) and `export.json` last (the criteria and, per case, the inner
zip's size and sha256 and its tag manifest's sha256). When complete the file is fsynced and
renamed to `<job>.zip`, and its sha256 (computed while writing) becomes the download's ETag, so a
broken download resumes with Range / If-Range.

Progress (cases done of total, bytes written) is in the export_jobs table. One job runs at a
time; later ones wait as "queued", at most TAKAN_EXPORT_MAX_PENDING_PER_USER of one user's and
TAKAN_EXPORT_MAX_PENDING in all (more: 429). A job is refused (507) when writing about as much
as its cases' evidence would leave less than the free-space floor on the data dir's disk; the
same is checked again when it leaves the queue, and before each batch written, so a running
export stops at the floor rather than taking the space uploads need. A job that stops for want
of space (or on a disk really full) ends failed, saying so, and its partial file is removed.
A job the server was running when it stopped or crashed is marked failed at the next start-up
(its partial file deleted): start a new one. Audit events:
`export.started`, one `archive.exported` per case (with the job id), `export.completed` or
`export.failed`, and `export.downloaded` for each download that starts from the first byte.
"""

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import time
from contextlib import aclosing
from datetime import datetime, timedelta
from pathlib import Path

import msgspec

from server.bagit.zipstream import ZipStream
from server.clock import from_db, to_db
from server.db.pagination import clamp_limit, decode_cursor, encode_cursor
from server.domain.archive import repository
from server.domain.archive.models import ExportCreate, ExportJobList, ExportJobOut
from server.domain.archive.service import ArchiveService
from server.errors import (
    Conflict,
    Forbidden,
    InsufficientStorage,
    NotFound,
    TooManyRequests,
    Unprocessable,
)
from server.hardening import is_disk_full
from server.identity import CurrentUser
from shared.enums import Role
from shared.models import PersonRef

log = logging.getLogger(__name__)

EXPORTS_DIR = "exports"
MANIFEST_NAME = "export.json"
MAX_RANGE_DAYS = 3 * 366
PROGRESS_SECONDS = 1.0
WRITE_BATCH = 4 * 1024 * 1024
INTERRUPTED = "interrupted: the server stopped before the export finished; start a new export"
# What an archive adds to its evidence files, for the free-space estimate: per case the report
# PDF, JSON files and audit log, per item the picture the report embeds and an annotated render.
# The tests' cases (4 cases, 8 items, 2.8 MB of evidence) made a 5.1 MB export: this reckons 7 MB.
CASE_OVERHEAD_BYTES = 512 * 1024
ITEM_OVERHEAD_BYTES = 256 * 1024


def job_out(row) -> ExportJobOut:
    done = row["state"] == "complete"
    return ExportJobOut(
        id=row["id"], state=row["state"], criteria=msgspec.json.decode(row["criteria"], type=ExportCreate),
        requested_by=PersonRef(id=row["requested_by"], display_name=row["requested_by_name"],
                               organisation=row["requested_by_organisation"]),
        cases_total=row["cases_total"], cases_done=row["cases_done"], bytes_written=row["bytes_written"],
        size=row["size"], sha256=row["sha256"], error=row["error"], created_at=from_db(row["created_at"]),
        started_at=from_db(row["started_at"]), finished_at=from_db(row["finished_at"]),
        download_url=f"/api/v1/exports/{row['id']}/download" if done else None,
    )


STOPPED_AT_FLOOR = ("stopped: the data directory's free space fell to the floor kept for uploads while the export "
                    "was written; its partial file was removed. Free space and start a new export")
STOPPED_AT_FLOOR_ZH = "导出过程中服务器可用空间降至为上传保留的下限，已停止并删除未完成的文件；请释放空间后重新导出。"


def _failure(job_id: int, exc: Exception) -> str:
    """The reason a failed job shows: a refusal's own words, a full disk said plainly, anything
    else as the error (and logged with its traceback)."""
    if isinstance(exc, InsufficientStorage):
        return exc.message
    cause: BaseException | None = exc
    while cause is not None and not is_disk_full(cause):
        cause = cause.__cause__ or cause.__context__
    if cause is not None:
        log.error("export %s: the disk is full: %s", job_id, cause)
        return (f"stopped: the disk is full ({cause}); its partial file was removed. Free space and start a new "
                "export")
    log.exception("export %s failed", job_id)
    return f"{type(exc).__name__}: {exc}"


class _ZipFile:
    """The job's output: bytes appended in a worker thread, hashed on the way."""

    def __init__(self, path: Path):
        self.path = path
        self.handle = open(path, "wb")  # noqa: SIM115 (closed by close())
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, chunks: list[bytes]) -> None:
        for chunk in chunks:
            self.handle.write(chunk)
            self.sha256.update(chunk)
            self.size += len(chunk)

    def finish(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):  # its buffer could not be flushed (a full disk): removed anyway
            self.handle.close()


async def shielded(coroutine):
    """Run a database step to its end even if the job is cancelled meanwhile (a server stopping):
    a transaction cut off half-way would leave the shared connection inside it."""
    return await asyncio.shield(coroutine)


class ExportJobs:
    def __init__(self, archive: ArchiveService):
        self.archive = archive
        self.db = archive.db
        self.clock = archive.clock
        self.audit = archive.audit
        self.store = archive.store
        self.folder = archive.settings.data_dir / EXPORTS_DIR
        self._tasks: dict[int, asyncio.Task] = {}
        self._slots: asyncio.Semaphore | None = None

    @property
    def settings(self):
        return self.archive.settings

    def path_of(self, job_id: int, *, partial: bool = False) -> Path:
        return self.folder / (f"{job_id}.zip.part" if partial else f"{job_id}.zip")

    @staticmethod
    def _check_role(user: CurrentUser) -> None:
        if user.role not in (Role.auditor, Role.admin):
            raise Forbidden("only auditors and administrators export archives", code="role_forbidden")

    # ----- starting a job -----

    def _bounds(self, data: ExportCreate) -> tuple[str, str]:
        """[start, end) in stored UTC text for local dates from..to inclusive."""
        if data.to < data.from_:
            raise Unprocessable("`to` is before `from`", code="bad_range",
                                detail={"from": data.from_.isoformat(), "to": data.to.isoformat()})
        if (data.to - data.from_).days > MAX_RANGE_DAYS:
            raise Unprocessable(f"export at most {MAX_RANGE_DAYS} days at once", code="range_too_long")
        tz = self.settings.tz
        start = datetime.combine(data.from_, datetime.min.time(), tz)
        end = datetime.combine(data.to + timedelta(days=1), datetime.min.time(), tz)
        return to_db(start), to_db(end)

    async def create(self, user: CurrentUser, data: ExportCreate) -> ExportJobOut:
        self._check_role(user)
        start, end = self._bounds(data)
        now = to_db(self.clock.now())
        async with self.db.transaction() as conn:
            if data.item_type is not None and not await repository.item_type_exists(conn, data.item_type):
                raise Unprocessable(f"there is no item type {data.item_type!r}", code="unknown_item_type")
            cases = await repository.select_cases(conn, basis=data.basis, start=start, end=end,
                                                  status=data.status.value if data.status else None,
                                                  item_type=data.item_type)
            if not cases:
                raise Unprocessable("no case matches: nothing to export", code="no_cases",
                                    detail={"message_zh": "没有符合条件的案件，无需导出。"})
            await self._admit(conn, user)
            await self._ensure_room(conn, [c["id"] for c in cases])
            criteria = msgspec.json.encode(data).decode()
            job_id = await repository.create_job(conn, {
                "requested_by": user.id, "criteria": criteria, "case_ids": json.dumps([c["id"] for c in cases]),
                "cases_total": len(cases), "now": now})
            await self.audit.record(conn, user, "export.started", "export", job_id, details={
                "criteria": json.loads(criteria), "cases": len(cases), "references": [c["reference"] for c in cases]})
            row = await repository.job(conn, job_id)
        self._launch(job_id, user, [c["id"] for c in cases])
        return job_out(row)

    async def _admit(self, conn, user: CurrentUser) -> None:
        """429 when this user, or everyone together, has as many exports queued or running as
        allowed (counted in the transaction that adds the job, so two requests cannot both pass)."""
        mine, everyone = await repository.pending_jobs(conn, user.id)
        for scope, pending, limit, en, zh in (
            ("user", mine, self.settings.export_max_pending_per_user,
             f"you have {mine} bulk exports queued or running, as many as one user may; start another when one "
             "has finished", f"您已有 {mine} 个批量导出在排队或进行中，已达每人上限；请待其完成后再发起。"),
            ("server", everyone, self.settings.export_max_pending,
             f"{everyone} bulk exports are queued or running, as many as the server takes at once; try again when "
             "one has finished", f"服务器已有 {everyone} 个批量导出在排队或进行中，已达上限；请稍后再试。"),
        ):
            if pending >= limit:
                raise TooManyRequests(en, code="too_many_exports", detail={
                    "message_zh": zh, "scope": scope, "pending": pending, "limit": limit})

    async def _ensure_room(self, conn, case_ids: list[int]) -> None:
        """507 unless about what the export will write leaves the free-space floor free."""
        evidence_bytes, items = await repository.evidence_totals(conn, case_ids)
        estimate = evidence_bytes + items * ITEM_OVERHEAD_BYTES + len(case_ids) * CASE_OVERHEAD_BYTES
        megabytes = f"{estimate / 1e6:.0f} MB" if estimate >= 1e6 else f"{estimate / 1e6:.1f} MB"
        self.store.ensure_space(
            estimate, self.settings.free_space_floor_bytes,
            message=f"the server is short of disk space for this export (about {megabytes} for {len(case_ids)} "
                    "cases, above the free space kept for uploads); free space or export fewer cases",
            message_zh=f"服务器存储空间不足，无法生成本次导出（{len(case_ids)} 个案件约需 {megabytes}，"
                       "另需为上传保留的空间）；请释放空间或缩小导出范围后再试。",
            detail={"estimated_bytes": estimate, "cases": len(case_ids)})

    async def _room_at_its_turn(self, case_ids: list[int]) -> None:
        """The space may have gone while the job waited in the queue."""
        async with self.db.read() as conn:
            await self._ensure_room(conn, case_ids)

    def _launch(self, job_id: int, user: CurrentUser, case_ids: list[int]) -> None:
        if self._slots is None:
            self._slots = asyncio.Semaphore(1)
        task = asyncio.get_running_loop().create_task(self._run(job_id, user, case_ids), name=f"export-{job_id}")
        self._tasks[job_id] = task
        task.add_done_callback(lambda _: self._tasks.pop(job_id, None))

    # ----- reading -----

    async def get(self, user: CurrentUser, job_id: int) -> ExportJobOut:
        self._check_role(user)
        return job_out(await self.db.read_row("export", job_id, repository.job, job_id))

    async def listing(self, user: CurrentUser, *, cursor: str | None, limit: int) -> ExportJobList:
        self._check_role(user)
        key = decode_cursor(cursor, int)
        limit = clamp_limit(limit)
        async with self.db.read() as conn:
            rows = await repository.jobs(conn, before_id=key[0] if key else None, limit=limit + 1)
        items = [job_out(r) for r in rows[:limit]]
        return ExportJobList(items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > limit else None)

    async def download(self, user: CurrentUser, job_id: int, *, range_header: str | None = None,
                       if_range: str | None = None) -> tuple[Path, str, str]:
        """(path, sha256, download name) of a finished export. A download that starts at the
        first byte is recorded; the continuation of a broken one (a Range from further on, for
        this very file) is not."""
        job = await self.get(user, job_id)
        if job.state != "complete":
            raise Conflict(f"export {job_id} is {job.state}, not complete", code="export_not_ready",
                           detail={"state": job.state, "cases_done": job.cases_done, "cases_total": job.cases_total})
        path = self.path_of(job_id)
        if not path.is_file():
            raise NotFound(f"the file of export {job_id} is gone", code="export_file_missing")
        wanted = (range_header or "").replace(" ", "")
        continuation = bool(wanted) and not wanted.startswith("bytes=0-") and (
            if_range is None or if_range.strip() == f'"{job.sha256}"')
        if not continuation:
            async with self.db.transaction() as conn:
                await self.audit.record(conn, user, "export.downloaded", "export", job_id,
                                        details={"sha256": job.sha256, "size": job.size, "range": wanted or None})
        return path, job.sha256, f"takan-export-{job_id}.zip"

    # ----- running -----

    async def _run(self, job_id: int, user: CurrentUser, case_ids: list[int]) -> None:
        assert self._slots is not None
        async with self._slots:
            try:
                await self._write(job_id, user, case_ids)
            except asyncio.CancelledError:
                await asyncio.shield(self._fail(job_id, user, INTERRUPTED))
                raise
            except Exception as exc:
                await self._fail(job_id, user, _failure(job_id, exc))

    async def _write(self, job_id: int, user: CurrentUser, case_ids: list[int]) -> None:
        await shielded(self._mark_started(job_id))
        await shielded(self._room_at_its_turn(case_ids))
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = self.path_of(job_id, partial=True)
        out = await asyncio.to_thread(_ZipFile, temp)
        outer = ZipStream()
        local_now = self.clock.now().astimezone(self.settings.tz)
        pending: list[bytes] = []
        pending_size = 0
        last_progress = time.monotonic()
        listing = []

        async def emit(chunks: list[bytes], *, flush: bool = False) -> None:
            nonlocal pending, pending_size
            pending.extend(chunks)
            pending_size += sum(len(c) for c in chunks)
            if pending and (flush or pending_size >= WRITE_BATCH):
                self.store.ensure_space(pending_size, self.settings.free_space_floor_bytes, message=STOPPED_AT_FLOOR,
                                        message_zh=STOPPED_AT_FLOOR_ZH)
                batch, pending, pending_size = pending, [], 0
                await asyncio.to_thread(out.write, batch)

        try:
            for done, case_id in enumerate(case_ids):
                prepared = await shielded(self.archive.prepare(case_id, actor=user, via="bulk", job_id=job_id))
                inner = hashlib.sha256()
                inner_size = 0
                await emit(outer.start(prepared.filename, modified=local_now, size=None, compress=False))
                async with aclosing(self.archive.stream(prepared)) as stream:
                    async for chunk in stream:
                        inner.update(chunk)
                        inner_size += len(chunk)
                        await emit(outer.write(chunk))
                        if time.monotonic() - last_progress >= PROGRESS_SECONDS:
                            last_progress = time.monotonic()
                            await shielded(self._progress(job_id, done, out.size + pending_size))
                await emit(outer.end())
                summary = prepared.summary
                listing.append({"case_id": case_id, "reference": prepared.reference, "file": prepared.filename,
                                "size": inner_size, "sha256": inner.hexdigest(),
                                "tagmanifest_sha256": summary.tagmanifest_sha256 if summary else None,
                                "payload_oxum": summary.payload_oxum if summary else None})
                await emit([], flush=True)
                await shielded(self._progress(job_id, done + 1, out.size))
            manifest = {
                "format": "takan-bulk-export", "version": 1, "job": job_id,
                "organisation": self.settings.organisation, "created_at": self.clock.now().isoformat(),
                "requested_by": {"id": user.id, "username": user.username, "display_name": user.display_name},
                "signing_key_fingerprint": self.archive.key.fingerprint(), "cases": listing,
            }
            body = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
            for chunk in outer.add(MANIFEST_NAME, body, modified=local_now, compress=True):
                await emit([chunk])
            await emit(outer.finish(), flush=True)
            await asyncio.to_thread(out.finish)
        except BaseException:
            outer.abort()
            await asyncio.to_thread(out.close)
            temp.unlink(missing_ok=True)
            raise
        final = self.path_of(job_id)
        await asyncio.to_thread(temp.replace, final)
        await shielded(self._complete(job_id, user, len(case_ids), out.size, out.sha256.hexdigest(), final.name,
                                      listing))

    async def _mark_started(self, job_id: int) -> None:
        async with self.db.transaction() as conn:
            await repository.start_job(conn, job_id, to_db(self.clock.now()))

    async def _complete(self, job_id: int, user: CurrentUser, cases: int, size: int, digest: str, file_name: str,
                        listing: list[dict]) -> None:
        async with self.db.transaction() as conn:
            await repository.complete_job(conn, job_id, cases_done=cases, size=size, sha256=digest,
                                          file_name=file_name, now=to_db(self.clock.now()))
            await self.audit.record(conn, user, "export.completed", "export", job_id, details={
                "cases": cases, "size": size, "sha256": digest,
                "archives": [{"reference": i["reference"], "sha256": i["sha256"]} for i in listing]})

    async def _progress(self, job_id: int, cases_done: int, bytes_written: int) -> None:
        async with self.db.transaction() as conn:
            await repository.job_progress(conn, job_id, cases_done=cases_done, bytes_written=bytes_written,
                                          now=to_db(self.clock.now()))

    async def _fail(self, job_id: int, user: CurrentUser | None, error: str) -> None:
        self.path_of(job_id, partial=True).unlink(missing_ok=True)
        try:
            async with self.db.transaction() as conn:
                if await repository.fail_job(conn, job_id, error=error, now=to_db(self.clock.now())):
                    await self.audit.record(conn, user, "export.failed", "export", job_id, details={"error": error})
        except Exception:
            log.exception("could not mark export %s failed", job_id)

    # ----- start-up and shutdown -----

    async def recover(self) -> list[int]:
        """At start-up: jobs left queued or running by a server that stopped are failed (their
        partial files deleted). Returns their ids."""
        async with self.db.read() as conn:
            rows = await repository.unfinished_jobs(conn)
        for row in rows:
            if row["id"] not in self._tasks:
                await self._fail(row["id"], None, INTERRUPTED)
        if self.folder.is_dir():
            for stale in self.folder.glob("*.zip.part"):
                job = stale.name.split(".", 1)[0]
                if not (job.isdecimal() and int(job) in self._tasks):
                    stale.unlink(missing_ok=True)
        return [row["id"] for row in rows]

    async def stop(self) -> None:
        """At shutdown: stop running jobs (each is marked failed)."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def wait(self, job_id: int) -> None:
        """For tests and the CLI: until the job's task ends."""
        task = self._tasks.get(job_id)
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)

