"""Case archives: a complete, signed, self-proving copy of one case as a BagIt bag in a
zip, streamed (constant memory, the first bytes leave at once), for auditors and administrators
over HTTP, for `takan export` on the command line, and for the bulk export (exports.py).

What goes in is read in one database snapshot (server.domain.archive.content builds the files);
the bag writer, the signature and the report are server.bagit's.

Every export writes an audit event on the case: `archive.exported`, written **at the end of the
stream**, once the last byte has been produced, so it can name what was handed out: the sha256
of the tag manifest (which pins every file through the manifests), the signature, Payload-Oxum,
the zip's size and the newest audit event it contains. An export that stops part-way (the client
hung up, an error) writes `archive.export_interrupted` instead, with the bytes sent so far.
"""

import asyncio
import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from server.bagit import ArchiveContent, ArchiveKey, BagStream, BagSummary, ajsonl_chunks
from server.bagit.bag import check_bag_name
from server.clock import Clock
from server.db.database import Database
from server.domain.archive import content, repository
from server.domain.archive.content import CaseRecord, EvidenceEntry
from server.domain.archive.models import ArchiveKeyOut
from server.domain.audit.service import AuditLog
from server.errors import AppError, Forbidden, not_found
from server.identity import CurrentUser
from server.settings import Settings
from server.storage.media_store import LocalMediaStore
from shared.enums import Role

log = logging.getLogger(__name__)

AUDIT_BATCH = 1000
AUDIT_FIELDS = repository.AUDIT_COLUMNS.split(", ")
EXPORTERS = frozenset({Role.auditor, Role.admin})


class EvidenceFileMissing(AppError):
    """The store lost a file the database points at: nothing can be archived faithfully."""

    status_code = 500
    code = "evidence_file_missing"


@dataclass(slots=True)
class PreparedArchive:
    """One case's archive, ready to stream."""

    case_id: int
    reference: str
    content: ArchiveContent
    actor: CurrentUser | None
    via: str  # http | cli | bulk
    job_id: int | None
    last_audit_seq: int
    summary: BagSummary | None = None  # once streamed

    @property
    def filename(self) -> str:
        """The download's name and the bulk export's entry: a plain name whatever the stored
        reference holds (no '/', '..' or quote to carry an unzip or a header elsewhere)."""
        return f"{check_bag_name(self.reference)}.zip"


def exporter_label(actor: CurrentUser | None, via: str) -> str:
    if actor is None:
        return f"system ({via})"
    return f"{actor.display_name} ({actor.username}, {actor.role.value}, via {via})"


@dataclass(eq=False)
class ArchiveService:
    db: Database
    settings: Settings
    clock: Clock
    audit: AuditLog
    store: LocalMediaStore
    key: ArchiveKey
    _background: set[asyncio.Task] = field(default_factory=set, init=False)

    def public_key(self) -> ArchiveKeyOut:
        return ArchiveKeyOut(**self.key.public_info())

    # ----- finding and reading a case -----

    async def resolve_case(self, reference_or_id: str) -> int:
        """A case by its reference (TK-2026-000123) or its number."""
        text = reference_or_id.strip()
        async with self.db.read() as conn:
            case_id = await repository.case_id_by_reference(conn, text)
            if case_id is None and text.isdecimal():
                row = await repository.case(conn, int(text))
                case_id = row["id"] if row is not None else None
        if case_id is None:
            raise not_found("case", text)
        return case_id

    async def load_record(self, case_id: int) -> CaseRecord:
        """Everything about the case, in one snapshot."""
        async with self.db.read() as conn:
            case = await repository.case(conn, case_id)
            if case is None:
                raise not_found("case", case_id)
            return CaseRecord(
                case=case,
                item_type=await repository.item_type(conn, case["item_type_id"]),
                site=await repository.site(conn, case["site_id"]),
                applicant=await repository.user(conn, case["applicant_id"]),
                officers=await repository.officers(conn, case_id),
                evidence=await repository.evidence(conn, case_id),
                annotations=await repository.annotations(conn, case_id),
                revisions=await repository.annotation_revisions(conn, case_id),
                comments=await repository.comments(conn, case_id),
                opinions=await repository.opinions(conn, case_id),
                views=await repository.views(conn, case_id),
                transitions=await repository.transitions(conn, case_id),
                rating=await repository.rating(conn, case_id),
                last_audit_seq=await repository.last_audit_seq(conn, case_id),
            )

    # ----- building an archive -----

    async def export_case(self, user: CurrentUser, case_id: int) -> PreparedArchive:
        """GET /cases/{id}/archive: auditors and administrators only."""
        if user.role not in EXPORTERS:
            raise Forbidden("only auditors and administrators export case archives", code="role_forbidden")
        return await self.prepare(case_id, actor=user, via="http")

    async def prepare(self, case_id: int, *, actor: CurrentUser | None, via: str,
                      job_id: int | None = None) -> PreparedArchive:
        record = await self.load_record(case_id)
        entries = content.evidence_entries(record, self.store.blob_path)
        await asyncio.to_thread(self._check_blobs, entries)
        now = self.clock.now()
        exported_by = None if actor is None else {
            "id": actor.id, "username": actor.username, "display_name": actor.display_name, "role": actor.role.value}
        case_doc = content.case_document(record, bagged_at=now, exported_by=exported_by,
                                         organisation=self.settings.organisation,
                                         key_fingerprint=self.key.fingerprint(), job_id=job_id)
        build_report = partial(
            content.report_input, record, entries, thumbnail_of=self._thumbnail_of,
            organisation=self.settings.organisation, timezone=self.settings.timezone, generated_at=now,
            notes=[f"归档包 {record.reference}.zip（BagIt 1.0，SHA-256 清单），标签清单由本局归档密钥签名："
                   f"{self.key.fingerprint()}。可用 takan verify 离线核验。"],
        )
        files = content.payload(record, entries, case_doc=case_doc, build_report=build_report,
                                audit_source=partial(self._audit_chunks, case_id, record.last_audit_seq))
        archive = ArchiveContent(
            bag_name=record.reference, external_identifier=record.reference,
            source_organization=self.settings.organisation, files=files,
            info=content.bag_info(record, exported_by=exporter_label(actor, via), job_id=job_id),
            created_at=now, timezone=self.settings.timezone,
        )
        return PreparedArchive(case_id=case_id, reference=record.reference, content=archive, actor=actor, via=via,
                               job_id=job_id, last_audit_seq=record.last_audit_seq)

    @staticmethod
    def _check_blobs(entries: list[EvidenceEntry]) -> None:
        for entry in entries:
            try:
                size = entry.blob.stat().st_size
            except OSError:
                size = None
            if size != entry.row["size"]:
                raise EvidenceFileMissing(
                    f"the file of evidence {entry.row['id']} ({entry.row['sha256']}) is missing or has the wrong "
                    "size in the media store; run `takan fsck`", detail={"evidence_id": entry.row["id"],
                                                                          "sha256": entry.row["sha256"]})

    def _thumbnail_of(self, row) -> Path | None:
        """The picture the report shows: the 1280 px thumbnail (orientation applied), a video's
        poster frame, or the original photo when no thumbnail was made."""
        derivatives = json.loads(row["derivatives"] or "{}")
        variant = "thumb_1280" if row["kind"] == "photo" else "poster"
        if variant in derivatives:
            path = self.store.derivative_path(derivatives[variant])
            if path.is_file():
                return path
        return self.store.blob_path(row["sha256"]) if row["kind"] == "photo" else None

    async def _audit_events(self, case_id: int, up_to_seq: int) -> AsyncIterator[dict]:
        after = 0
        while True:
            # Shielded: a client hanging up must not cut a read off half-way (the reader would go
            # back to the pool inside a transaction).
            rows = await asyncio.shield(self._audit_batch(case_id, after, up_to_seq))
            if not rows:
                return
            for row in rows:
                yield {name: row[name] for name in AUDIT_FIELDS}  # details: the stored, hashed text
            after = rows[-1]["seq"]

    async def _audit_batch(self, case_id: int, after: int, up_to_seq: int) -> list:
        async with self.db.read() as conn:
            return await repository.audit_batch(conn, case_id, after, up_to_seq, AUDIT_BATCH)

    def _audit_chunks(self, case_id: int, up_to_seq: int) -> AsyncIterator[bytes]:
        return ajsonl_chunks(self._audit_events(case_id, up_to_seq))

    # ----- streaming, with the audit event -----

    async def stream(self, prepared: PreparedArchive) -> AsyncIterator[bytes]:
        """The archive's zip bytes; records the export when the last byte has gone out."""
        bag = BagStream(prepared.content, self.key)
        sent = 0
        try:
            async with aclosing(bag.__aiter__()) as chunks:
                async for chunk in chunks:
                    sent += len(chunk)
                    yield chunk
        except BaseException as exc:
            reason = "the client went away" if isinstance(exc, GeneratorExit | asyncio.CancelledError) else (
                f"{type(exc).__name__}: {exc}")
            self._in_background(self._record_interrupted(prepared, sent, reason))
            raise
        assert bag.summary is not None
        prepared.summary = bag.summary
        await asyncio.shield(self.record_exported(prepared, bag.summary))

    async def record_exported(self, prepared: PreparedArchive, summary: BagSummary) -> None:
        async with self.db.transaction() as conn:
            await self.audit.record(conn, prepared.actor, "archive.exported", "case", prepared.case_id,
                                    case_id=prepared.case_id, details={
                                        "reference": prepared.reference, "via": prepared.via,
                                        "job_id": prepared.job_id,
                                        "tagmanifest_sha256": summary.tagmanifest_sha256,
                                        "signature": summary.signature_base64,
                                        "key_fingerprint": summary.key_fingerprint,
                                        "payload_oxum": summary.payload_oxum,
                                        "payload_files": summary.payload_files,
                                        "archive_bytes": summary.archive_bytes,
                                        "audit_events_up_to_seq": prepared.last_audit_seq,
                                    })

    async def _record_interrupted(self, prepared: PreparedArchive, sent: int, reason: str) -> None:
        try:
            async with self.db.transaction() as conn:
                await self.audit.record(conn, prepared.actor, "archive.export_interrupted", "case", prepared.case_id,
                                        case_id=prepared.case_id, details={
                                            "reference": prepared.reference, "via": prepared.via,
                                            "job_id": prepared.job_id, "bytes_sent": sent, "reason": reason})
        except Exception:
            log.exception("could not record the interrupted export of %s", prepared.reference)

    def _in_background(self, coroutine) -> None:
        try:
            task = asyncio.get_running_loop().create_task(coroutine)
        except RuntimeError:  # the loop is gone (shutting down): nothing can be recorded
            coroutine.close()
            log.warning("an export was interrupted while the server stopped; not recorded")
            return
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def drain(self) -> None:
        """Wait for the audit events of interrupted exports (at shutdown)."""
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)

    # ----- to a file (takan export) -----

    async def write_archive(self, case_id: int, destination: Path, *, actor: CurrentUser | None = None,
                            via: str = "cli") -> tuple[PreparedArchive, BagSummary]:
        """Write one case's archive to a file (a temp name, renamed when complete)."""
        prepared = await self.prepare(case_id, actor=actor, via=via)
        temp = destination.with_name(f".{destination.name}.part")
        bag = BagStream(prepared.content, self.key)
        handle = await asyncio.to_thread(open, temp, "wb")
        try:
            async with aclosing(bag.__aiter__()) as chunks:
                async for chunk in chunks:
                    await asyncio.to_thread(handle.write, chunk)
            await asyncio.to_thread(_flush_and_sync, handle)
        except BaseException:
            await asyncio.to_thread(handle.close)
            temp.unlink(missing_ok=True)
            raise
        await asyncio.to_thread(handle.close)
        temp.replace(destination)
        assert bag.summary is not None
        await self.record_exported(prepared, bag.summary)
        return prepared, bag.summary


def _flush_and_sync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())
