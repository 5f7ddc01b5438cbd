"""Resumable uploads (tus 1.0): creation, receiving chunks at an offset, termination, expiry,
and finishing into the one ingest pipeline.

The state is in the `uploads` table and the bytes in the media store's uploads folder, never
only in memory: a restarted server (or another server process) resumes an upload where it
stopped. A PATCH is answered once its bytes are written; their fsync follows in the background
and moves `synced`, and at start-up every upload goes back to its synced offset, so the offset
a restarted server gives is always backed by bytes on disk. One request writes to an upload at a
time, enforced by a lease in the database.
"""

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from server.clock import Clock, from_db, to_db
from server.db.database import Database
from server.domain.accounts.service import AccountsService
from server.domain.evidence import repository, tus
from server.domain.evidence.service import EvidenceService, ingest_request_from_metadata
from server.errors import (
    AppError,
    BadRequest,
    Conflict,
    Forbidden,
    Gone,
    NotFound,
    PayloadTooLarge,
    TooManyRequests,
)
from server.identity import CurrentUser
from server.settings import Settings
from server.storage.appending import AppendingWriter
from server.storage.files import hash_file
from server.storage.media_store import LocalMediaStore
from server.storage.paths import UnsafePath
from server.storage.staging import StagedFile
from shared.enums import ENDED_UPLOAD_STATES, Role, UploadState
from shared.models import ErrorBody, UploadStatus

log = logging.getLogger("takan.uploads")

LEASE = timedelta(seconds=30)
RENEW_AFTER = timedelta(seconds=10)


class UploadHead(NamedTuple):
    status: UploadStatus
    metadata_header: str | None  # as the client sent it at creation


class ClientGone(Exception):
    """The client disconnected in the middle of a PATCH body."""


@dataclass(eq=False)
class UploadService:
    db: Database
    settings: Settings
    clock: Clock
    accounts: AccountsService
    evidence: EvidenceService
    store: LocalMediaStore
    # Background fsyncs in progress, and uploads that received more while theirs ran.
    _syncing: dict[str, asyncio.Task] = field(default_factory=dict, init=False)
    _sync_again: set[str] = field(default_factory=set, init=False)
    # A running sha256 per upload, so finishing a large upload does not read it all again.
    # Only a shortcut: when missing (a restart, another process) the file is hashed.
    _running_hash: dict[str, tuple[int, Any]] = field(default_factory=dict, init=False)  # (offset, sha256 object)

    def _expiry(self, now: datetime) -> datetime:
        return now + timedelta(seconds=self.settings.upload_expiry_seconds)

    # ----- creation -----

    async def create(self, user: CurrentUser, length: int, metadata_header: str | None) -> UploadStatus:
        """tus POST: a new upload of `length` bytes described by its Upload-Metadata header."""
        metadata = tus.parse_metadata(metadata_header)
        upload_id = uuid.uuid4().hex
        request = ingest_request_from_metadata(metadata)
        if user.role != Role.applicant:
            raise Forbidden("only applicants upload evidence", code="role_forbidden")
        requirement = await self.evidence.check_admission(user, request)
        limit = self.evidence.max_bytes(requirement.kind)
        if length > limit:
            raise PayloadTooLarge(
                f"the file ({length} bytes) is larger than the {requirement.kind.value} limit of {limit} bytes",
                detail={"limit": limit, "length": length,
                        "message_zh": f"文件过大：{length / 1e6:.1f} MB，上限 {limit / 1e6:.0f} MB。"},
                headers={"Tus-Max-Size": str(limit)},
            )
        if length == 0:
            raise BadRequest("an empty file is not evidence", code="empty_file",
                             detail={"message_zh": "文件为空。"})
        now = self.clock.now()
        path = self.store.upload_path(upload_id)
        path.touch()
        try:
            async with self.db.transaction() as conn:  # the checks and the new row under one write lock
                await self.evidence.admit(conn, user, request)
                await self._admit_open_upload(conn, user, length)
                await repository.create_upload(conn, {
                    "id": upload_id, "case_id": request.case_id, "requirement_key": request.requirement_key,
                    "uploaded_by": user.id, "length": length, "received": 0, "metadata": json.dumps(metadata),
                    "metadata_header": metadata_header or None,
                    "replaces": request.replaces, "state": UploadState.receiving, "created_at": to_db(now),
                    "updated_at": to_db(now), "expires_at": to_db(self._expiry(now)),
                })
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        self._running_hash[upload_id] = (0, hashlib.sha256())
        return await self.status(user, upload_id)

    async def _admit_open_upload(self, conn, user: CurrentUser, length: int) -> None:
        """Room for one more open upload: under the per-user cap (429), and the disk able to hold
        its declared length on top of what every open upload still expects, above the free-space
        floor (507, the PATCH's own check). Uploads that finish, fail, end or expire free both."""
        mine, expected = await repository.open_uploads(conn, user.id)
        cap = self.settings.max_open_uploads_per_user
        if mine >= cap:
            raise TooManyRequests(
                f"you have {mine} uploads under way, the most one user may have at once; let one finish or "
                "cancel one, then try again", code="too_many_open_uploads",
                detail={"limit": cap, "open": mine,
                        "message_zh": f"您同时进行中的上传已达上限（{cap} 个），请等其中一个完成或取消后再试。"},
            )
        self.evidence.ensure_space(expected + length)

    # ----- reading -----

    async def _own(self, user: CurrentUser, upload_id: str):
        async with self.db.read() as conn:
            row = await repository.get_upload(conn, upload_id)
        if row is None or row["uploaded_by"] != user.id:  # another's upload is not there for this user
            raise NotFound("no such upload", code="upload_not_found")
        return row

    async def status(self, user: CurrentUser, upload_id: str) -> UploadStatus:
        return self._status(await self._own(user, upload_id))

    def _status(self, row) -> UploadStatus:
        return UploadStatus(
            id=row["id"], case_id=row["case_id"], requirement_key=row["requirement_key"], length=row["length"],
            received=row["received"], state=row["state"], evidence_id=row["evidence_id"],
            error=msgspec.json.decode(row["error"], type=ErrorBody) if row["error"] else None,
            expires_at=from_db(row["expires_at"]),
        )

    async def head(self, user: CurrentUser, upload_id: str) -> UploadHead:
        """tus HEAD: where to resume, and the Upload-Metadata the upload was created with. Gone
        (410) for an expired or terminated upload. An upload whose bytes all arrived but whose
        ingest was cut short (a crash) is finished here."""
        row = await self._own(user, upload_id)
        if row["state"] in ENDED_UPLOAD_STATES:
            raise _ended(row["state"])
        if row["state"] == UploadState.receiving and row["received"] == row["length"]:
            await self._try_finish(row)
            row = await self._own(user, upload_id)
        return UploadHead(self._status(row), row["metadata_header"])

    # ----- receiving -----

    async def receive(self, user: CurrentUser, upload_id: str, offset: int, chunks: AsyncIterator[bytes],
                      checksum_header: str | None, content_length: int | None = None) -> UploadStatus:
        """tus PATCH: append the body at `offset`, which must be the upload's current offset."""
        row = await self._own(user, upload_id)
        if row["state"] in ENDED_UPLOAD_STATES:
            raise _ended(row["state"])
        if row["state"] == UploadState.failed:
            raise self._stored_error(row)
        if offset != row["received"]:
            raise Conflict(f"Upload-Offset {offset} does not match the server's offset {row['received']}",
                           code="offset_mismatch", detail={"offset": row["received"]})
        if row["state"] == UploadState.complete:
            return self._status(row)
        # Room for this chunk above the free-space floor before a byte is written (507 if not):
        # its Content-Length, or without one whatever the upload still lacks.
        incoming = content_length if content_length is not None else row["length"] - row["received"]
        self.evidence.ensure_space(incoming)
        checksum = tus.parse_checksum(checksum_header)
        lease = await self._take_lease(row)
        if lease is None:
            raise Conflict("another request is writing to this upload; ask for the offset and try again",
                           code="upload_busy", detail={"offset": row["received"]})
        received = await self._write(row, lease, chunks, checksum)
        if received == row["length"]:  # the lease is still ours: finish under it
            await self._finish(row)
            return await self.status(user, upload_id)
        return msgspec.structs.replace(self._status(row), received=received,
                                       expires_at=self._expiry(self.clock.now()))

    async def _take_lease(self, row) -> "_Lease | None":
        now = self.clock.now()
        token = uuid.uuid4().hex
        async with self.db.transaction(durable=False) as conn:
            taken = await repository.take_lease(conn, row["id"], row["received"], token, to_db(now),
                                                to_db(now + LEASE))
        return _Lease(token, now + LEASE) if taken else None

    async def _renew(self, upload_id: str, lease: "_Lease") -> None:
        """Keep the lease while writing; if it was lost (this request stalled past it and another
        took over), stop before writing a byte."""
        now = self.clock.now()
        if lease.until - now > LEASE - RENEW_AFTER:
            return
        async with self.db.transaction(durable=False) as conn:
            renewed = await repository.renew_lease(conn, upload_id, lease.token, to_db(now + LEASE))
        if not renewed:
            raise await self._lease_lost(upload_id)
        lease.until = now + LEASE

    async def _lease_lost(self, upload_id: str) -> AppError:
        """What a request told to stop writing hears: the upload was terminated (or expired)
        under it, 410, or a newer request took it over, 409."""
        async with self.db.read() as conn:
            row = await repository.get_upload(conn, upload_id)
        if row["state"] in ENDED_UPLOAD_STATES:
            # This request may have made the file again after the termination removed it.
            self.store.upload_path(upload_id).unlink(missing_ok=True)
            self._running_hash.pop(upload_id, None)
            return _ended(row["state"])
        return Conflict("this upload was taken over by a newer request; ask for the offset and go on from there",
                        code="upload_busy", detail={"offset": row["received"]})

    async def _write(self, row, lease: "_Lease", chunks: AsyncIterator[bytes], checksum) -> int:
        """Append a PATCH body at the upload's offset; returns the new offset, which is committed
        only after the bytes are fsynced. A body the client abandons midway keeps what arrived
        (unless it carried a checksum, which can then not be verified)."""
        upload_id, start, length = row["id"], row["received"], row["length"]
        path = self.store.upload_path(upload_id)
        cached = self._running_hash.get(upload_id)
        running = cached[1].copy() if cached and cached[0] == start else None
        checksum_hasher, expected_digest = checksum if checksum else (None, None)
        hashers = [h for h in (running, checksum_hasher) if h is not None]
        writer = await asyncio.to_thread(AppendingWriter.opened, path, start, hashers, writeback=True)
        gone = False
        try:
            try:
                async for chunk in chunks:
                    if writer.received + len(chunk) > length:
                        await writer.rollback()
                        raise PayloadTooLarge(f"more bytes than the declared Upload-Length of {length}",
                                              code="exceeds_upload_length")
                    if writer.add(chunk):
                        await self._renew(upload_id, lease)
                        await writer.hand_over()
            except AppError:
                raise
            except Exception as exc:  # the client went away mid-body
                log.info("upload %s: client disconnected at %d bytes (%s)", upload_id,
                         writer.received, exc)
                gone = True
            if writer.buffered:
                await self._renew(upload_id, lease)
                await writer.hand_over()
            await writer.settle()
            if checksum_hasher is not None and (gone or checksum_hasher.digest() != expected_digest):
                # A chunk that cannot be verified is not kept.
                await writer.rollback()
                self._running_hash.pop(upload_id, None)
                await self._release(upload_id, lease)
                if gone:
                    raise ClientGone()
                raise tus.ChecksumMismatch("the chunk's checksum does not match its bytes; send it again",
                                           detail={"offset": start})
            complete = writer.position == length
            # The last bytes are fsynced now (the upload is finished from them at once); the
            # others in the background, after the answer (see _sync_in_background).
            await asyncio.to_thread(writer.end, complete)
        except BaseException:
            await asyncio.shield(self._release(upload_id, lease))
            raise
        finally:
            await asyncio.shield(writer.close())
        received = writer.position
        now = self.clock.now()
        # Bookkeeping whose loss to a power cut only makes the client send bytes again.
        async with self.db.transaction(durable=False) as conn:
            advanced = await repository.advance_upload(
                conn, upload_id, lease.token, received, to_db(now), to_db(self._expiry(now)),
                synced=received if complete else None, keep_lease=complete)
        if not advanced:  # terminated or taken over while the body came in: these bytes count for nothing
            raise await self._lease_lost(upload_id)
        if not complete:
            self._sync_in_background(upload_id)
        if running is not None:
            self._running_hash[upload_id] = (received, running)
        else:
            self._running_hash.pop(upload_id, None)
        return received

    # ----- background fsync and recovery -----

    def _sync_in_background(self, upload_id: str) -> None:
        """Fsync what the upload has received and record it as synced; one task per upload,
        running again if more arrived meanwhile (only a shortcut: start-up recovery is the rule)."""
        if upload_id in self._syncing:
            self._sync_again.add(upload_id)
            return
        self._syncing[upload_id] = asyncio.create_task(self._sync_loop(upload_id), name=f"sync-{upload_id}")

    async def _sync_loop(self, upload_id: str) -> None:
        try:
            while True:
                self._sync_again.discard(upload_id)
                await self._sync_once(upload_id)
                if upload_id not in self._sync_again:
                    return
        except Exception:
            log.exception("upload %s: background fsync failed", upload_id)
        finally:
            self._syncing.pop(upload_id, None)

    async def _sync_once(self, upload_id: str) -> None:
        async with self.db.read() as conn:
            row = await repository.get_upload(conn, upload_id)
        if row is None or row["state"] != UploadState.receiving or row["synced"] >= row["received"]:
            return
        upto = row["received"]  # every byte up to here was written before this fsync starts

        path = self._stored_file(upload_id)
        if path is None:
            return

        def fsync() -> bool:
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:  # terminated or expired meanwhile
                return False
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            return True

        if await asyncio.to_thread(fsync):
            async with self.db.transaction(durable=False) as conn:
                await repository.mark_synced(conn, upload_id, upto)

    def _stored_file(self, upload_id: str) -> Path | None:
        """The file of an upload named by a database row the background work walks through, or
        None (logged) when the id is not a plain name: a hand-edited row must not make the
        server truncate or delete a file elsewhere, nor stop it starting."""
        try:
            return self.store.upload_path(upload_id)
        except UnsafePath as exc:
            log.error("upload %r names no file of the store (%s); its file is left alone", upload_id, exc)
            return None

    async def recover(self) -> int:
        """At start-up: take every upload back to the bytes known to be on disk (a crash or a
        power cut may have lost what was acknowledged after them; clients re-send it)."""
        async with self.db.read() as conn:
            rows = await repository.unsynced_uploads(conn)
        for row in rows:
            async with self.db.transaction() as conn:
                await repository.rewind_to_synced(conn, row["id"])
            path = self._stored_file(row["id"])
            if path is not None and path.exists():
                await asyncio.to_thread(os.truncate, path, row["synced"])
            self._running_hash.pop(row["id"], None)
        if rows:
            log.info("recovery: %d uploads taken back to their fsynced offsets", len(rows))
        return len(rows)

    async def sync_all(self) -> None:
        """On a clean shutdown: every acknowledged byte onto the disk, so nothing is re-sent."""
        if self._syncing:
            await asyncio.gather(*self._syncing.values(), return_exceptions=True)
        async with self.db.read() as conn:
            rows = await repository.unsynced_uploads(conn)
        for row in rows:
            await self._sync_once(row["id"])

    async def _release(self, upload_id: str, lease: "_Lease") -> None:
        async with self.db.transaction(durable=False) as conn:
            await repository.release_lease(conn, upload_id, lease.token)

    # ----- finishing -----

    async def _try_finish(self, row) -> None:
        """Finish an upload whose bytes all arrived, unless another request is doing it."""
        if await self._take_lease(row) is not None:
            with contextlib.suppress(AppError):  # recorded on the upload; its status tells the client
                await self._finish(row)

    async def _finish(self, row) -> None:
        """Ingest the complete file. A refusal (wrong type, too large, unreadable) fails the upload
        with that error, which the finishing request answers with."""
        upload_id = row["id"]
        path = self.store.upload_path(upload_id)
        cached = self._running_hash.pop(upload_id, None)
        if cached and cached[0] == row["length"]:
            size, sha256 = row["length"], cached[1].hexdigest()
        else:
            size, sha256 = await self.evidence.run_cpu(hash_file, path)
        user = await self.accounts.acting_user(row["uploaded_by"])
        request = ingest_request_from_metadata(json.loads(row["metadata"]), upload_id=upload_id)
        now = to_db(self.clock.now())
        try:
            result = await self.evidence.ingest(user, request, StagedFile(path=path, size=size, sha256=sha256),
                                                keep_staged=True)
        except AppError as error:
            body = ErrorBody(code=error.code, message=error.message, detail={**error.detail,
                                                                             "status": error.status_code})
            async with self.db.transaction() as conn:
                await repository.finish_upload(conn, upload_id, UploadState.failed, now,
                                               error=msgspec.json.encode(body).decode())
            path.unlink(missing_ok=True)
            raise
        async with self.db.transaction() as conn:
            await repository.finish_upload(conn, upload_id, UploadState.complete, now, evidence_id=result.evidence.id)
        path.unlink(missing_ok=True)

    def _stored_error(self, row) -> AppError:
        body = msgspec.json.decode(row["error"], type=ErrorBody)
        error = AppError(body.message, code=body.code, detail=body.detail)
        error.status_code = body.detail.get("status", 422)
        return error

    # ----- termination and expiry -----

    async def terminate(self, user: CurrentUser, upload_id: str) -> None:
        """tus DELETE: the upload resource ends (HEAD and PATCH then answer 410). One still
        receiving loses its bytes, and a PATCH writing to it is answered 410. A finished one
        keeps its evidence and blob untouched (evidence is never deleted), and its ending is
        audited. Not while its bytes are all in and being filed as evidence (409, ask again)."""
        await self._own(user, upload_id)
        async with self.db.transaction() as conn:
            row = await repository.get_upload(conn, upload_id)  # under the write lock: no PATCH moves it now
            if row["state"] in ENDED_UPLOAD_STATES:
                raise _ended(row["state"])
            if row["state"] == UploadState.receiving and row["received"] == row["length"]:
                raise Conflict("all of this upload's bytes arrived and it is being filed as evidence; ask for "
                               "its state (HEAD) in a moment", code="upload_finishing")
            await repository.end_upload(conn, upload_id, UploadState.terminated, to_db(self.clock.now()))
            if row["state"] == UploadState.complete:
                await self.evidence.audit.record(
                    conn, user, "upload.terminated", "upload", upload_id, case_id=row["case_id"],
                    details={"evidence_id": row["evidence_id"], "evidence_kept": True})
        self.store.upload_path(upload_id).unlink(missing_ok=True)
        self._running_hash.pop(upload_id, None)

    async def sweep(self) -> dict[str, int]:
        """Expire abandoned uploads and remove their bytes; finish uploads whose ingest a crash
        interrupted; remove leftover files of finished uploads."""
        now = self.clock.now()
        expired = finished = 0
        async with self.db.read() as conn:
            stale = await repository.expired_uploads(conn, to_db(now))
            pending = await repository.uploads_to_finish(conn)
        for row in stale:
            async with self.db.transaction() as conn:
                await repository.end_upload(conn, row["id"], UploadState.expired, to_db(now))
            if (path := self._stored_file(row["id"])) is not None:
                path.unlink(missing_ok=True)
            self._running_hash.pop(row["id"], None)
            expired += 1
        for row in pending:
            if row["lease_until"] is None or from_db(row["lease_until"]) < now:
                await self._try_finish(row)
                finished += 1
        async with self.db.read() as conn:
            done = await repository.finished_upload_ids(conn)
        for path in self.store.uploads.glob("*.part"):
            if path.stem in done:
                path.unlink(missing_ok=True)
        return {"expired": expired, "finished": finished}




def _ended(state: str) -> Gone:
    return Gone(f"this upload was {state}; start a new one", code=f"upload_{state}")


class _Lease:
    __slots__ = ("token", "until")

    def __init__(self, token: str, until: datetime):
        self.token = token
        self.until = until
