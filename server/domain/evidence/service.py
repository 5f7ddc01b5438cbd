"""Evidence: the ingest pipeline's rules (who may add what to which case, limits, duplicates,
checks, superseding), listing with checklist coverage, and serving the files."""

import asyncio
import json
import os
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import aiosqlite
import msgspec

from server.clock import Clock, from_db, to_db
from server.db.database import Database
from server.domain.accounts.service import AccountsService
from server.domain.audit.service import AuditLog
from server.domain.cases.service import CasesService, ensure_can_see
from server.domain.evidence import repository
from server.domain.evidence.links import VARIANTS, MediaLinks
from server.errors import (
    AppError,
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    Unprocessable,
    UnsupportedMediaType,
    not_found,
)
from server.identity import CurrentUser
from server.ingest import pipeline
from server.ingest.checks import CheckContext, DuplicateHit, coverage, run_checks
from server.ingest.derivatives import MediaRejected
from server.ingest.phash import NEAR_DUPLICATE_MAX_DISTANCE, from_signed64, hamming, to_signed64
from server.ingest.sniff import EXTENSION
from server.settings import Settings
from server.storage import staging
from server.storage.media_store import LocalMediaStore
from server.storage.staging import StagedFile
from shared.enums import EDITABLE_STATUSES, CaseStatus, CheckStatus, MediaKind, Role
from shared.evidence import CaptureMetadata, CheckResult, ClientCapture
from shared.models import EvidenceList, EvidenceOut, EvidenceUrls, PersonRef, Requirement

# Checks an applicant is shown on the phone so they can re-shoot at once. The duplicate check
# names other people's cases and the edit check is an anti-fraud signal: officers only.
APPLICANT_CHECKS = frozenset({"gps_present", "geofence", "gps_agreement", "capture_time", "freshness",
                              "resolution", "video_duration"})
STATUS_FOR_REJECTION: dict[int, type[AppError]] = {413: PayloadTooLarge, 415: UnsupportedMediaType}


@dataclass(frozen=True, slots=True)
class IngestRequest:
    """One file on its way to becoming evidence."""

    case_id: int
    requirement_key: str
    original_name: str = ""
    client: ClientCapture | None = None
    replaces: int | None = None
    upload_id: str | None = None  # set for tus uploads: finishing the same upload twice adds nothing


def ingest_request_from_metadata(meta: dict[str, str], upload_id: str | None = None) -> IngestRequest:
    """The tus Upload-Metadata (or the one-shot form's fields) as an ingest request: the case,
    the requirement, the file name and what the phone knew at capture."""

    def number(key: str, low: float, high: float) -> float | None:
        raw = meta.get(key, "").strip()
        if not raw:
            return None
        try:
            value = float(raw)
        except ValueError:
            raise BadRequest(f"{key} must be a number", code="bad_upload_metadata", detail={"field": key}) from None
        if not low <= value <= high:
            raise BadRequest(f"{key} must be between {low} and {high}", code="bad_upload_metadata",
                             detail={"field": key})
        return value

    def integer(key: str, *, required: bool = False) -> int | None:
        raw = meta.get(key, "").strip()
        if not raw:
            if required:
                raise BadRequest(f"{key} is required", code="bad_upload_metadata", detail={"field": key})
            return None
        if not raw.isdecimal() or len(raw) > 18 or int(raw) < 1:
            raise BadRequest(f"{key} must be a positive whole number", code="bad_upload_metadata",
                             detail={"field": key})
        return int(raw)

    def moment(key: str) -> datetime | None:
        raw = meta.get(key, "").strip()
        if not raw:
            return None
        try:
            if raw.isdecimal():  # epoch milliseconds, as JavaScript's Date.now() gives
                return datetime.fromtimestamp(int(raw) / 1000, tz=UTC)
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except (ValueError, OverflowError, OSError):
            raise BadRequest(f"{key} must be an ISO 8601 time or epoch milliseconds", code="bad_upload_metadata",
                             detail={"field": key}) from None
        if value.tzinfo is None:
            raise BadRequest(f"{key} must carry a time zone", code="bad_upload_metadata", detail={"field": key})
        return value

    requirement = meta.get("requirement", "").strip()
    if not requirement or len(requirement) > 64:
        raise BadRequest("requirement (the checklist key) is required", code="bad_upload_metadata",
                         detail={"field": "requirement"})
    lat, lon = number("lat", -90, 90), number("lon", -180, 180)
    if (lat is None) != (lon is None):
        raise BadRequest("lat and lon come together", code="bad_upload_metadata", detail={"field": "lat"})
    client = ClientCapture(
        lat=lat, lon=lon, accuracy_m=number("accuracy", 0, 1_000_000), captured_at=moment("captured_at"),
        device_id=(meta.get("device_id") or None) and meta["device_id"][:128],
    )
    has_client = any(v is not None for v in msgspec.structs.astuple(client))
    return IngestRequest(
        case_id=integer("case_id", required=True),
        requirement_key=requirement,
        original_name=(meta.get("filename") or "")[:255],
        client=client if has_client else None,
        replaces=integer("replaces"),
        upload_id=upload_id,
    )


@dataclass(frozen=True, slots=True)
class IngestResult:
    evidence: EvidenceOut
    created: bool  # False when the same file was already there (a retried upload)


class IncomingForm(Protocol):
    """A one-shot upload's form as it arrives (server.http_forms.StreamedForm): text fields,
    then the file's bytes, then whatever follows."""

    fields: dict[str, str]

    async def until_file(self) -> str | None: ...  # the next file part's file name, None if there is none

    def file_bytes(self) -> AsyncIterator[bytes]: ...

    async def finish(self) -> int: ...  # reads the rest; how many more file parts there were


def rejection(problem: MediaRejected) -> AppError:
    error_class = STATUS_FOR_REJECTION.get(problem.status, Unprocessable)
    return error_class(problem.message_en, code=problem.code, detail={"message_zh": problem.message_zh})


@dataclass(eq=False)
class EvidenceService:
    db: Database
    settings: Settings
    clock: Clock
    audit: AuditLog
    accounts: AccountsService
    cases: CasesService
    store: LocalMediaStore
    links: MediaLinks

    def __post_init__(self) -> None:
        # CPU-bound ingest work (decoding, thumbnails) runs here: as many threads as cores, so a
        # burst of uploads queues instead of thrashing, and the event loop never waits. Work that
        # mostly waits for the disk (staging, fsync, sniffing) goes to asyncio's default pool.
        self.pool = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2), thread_name_prefix="ingest")
        self.cases.submit_checks.append(self.require_coverage)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    async def run_cpu(self, fn: Callable, *args):
        return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)

    # ----- admission: before any byte is accepted -----

    def max_bytes(self, kind: MediaKind) -> int:
        return self.settings.video_max_bytes if kind == MediaKind.video else self.settings.photo_max_bytes

    def ensure_space(self, incoming: int = 0) -> None:
        self.store.ensure_space(
            incoming, self.settings.free_space_floor_bytes,
            message="the server is short of disk space and cannot take uploads now; your files are safe on "
                    "your phone, try again later",
            message_zh="服务器存储空间不足，暂时无法接收上传；文件仍在您的手机上，请稍后再试。")

    async def _admit_to_case(self, conn: aiosqlite.Connection, user: CurrentUser, case_id: int):
        """The case's row when this user may add evidence to it now (see admit)."""
        row = await self.cases.load(conn, case_id)
        ensure_can_see(user, row)
        if user.role != Role.applicant or row["applicant_id"] != user.id:
            raise Forbidden("only the case's applicant may add evidence to it", code="not_your_case")
        if row["status"] not in EDITABLE_STATUSES:
            raise Conflict(
                f"the case is {row['status']}: evidence can be added only to a draft or a case awaiting "
                "rectification",
                code="case_not_editable",
                detail={"current_status": row["status"],
                        "message_zh": "该申请当前不可补充材料（仅草稿或整改中可上传）。"},
            )
        return row

    async def admit(self, conn: aiosqlite.Connection, user: CurrentUser, request: IngestRequest) -> Requirement:
        """Who may add evidence to this case, for this requirement, now: the case's applicant,
        while it is a draft or awaiting rectification. Returns the requirement."""
        row = await self._admit_to_case(conn, user, request.case_id)
        checklist = msgspec.json.decode(row["checklist"], type=list[Requirement])
        requirement = next((r for r in checklist if r.key == request.requirement_key), None)
        if requirement is None:
            raise Unprocessable(
                f"this case's checklist has no requirement {request.requirement_key!r}",
                code="unknown_requirement",
                detail={"requirement": request.requirement_key, "known": [r.key for r in checklist]},
            )
        if request.replaces is not None:
            old = await repository.get(conn, request.replaces)
            if old is None or old["case_id"] != request.case_id:
                raise Unprocessable(f"evidence {request.replaces} is not part of this case", code="bad_replaces",
                                    detail={"message_zh": f"要替换的材料 {request.replaces} 不属于本申请。"})
            if old["requirement_key"] != request.requirement_key:
                raise Unprocessable(
                    f"evidence {request.replaces} is for {old['requirement_key']!r}, not {request.requirement_key!r}: "
                    "a replacement must be for the same requirement",
                    code="bad_replaces",
                    detail={"replaces_requirement": old["requirement_key"], "requirement": request.requirement_key,
                            "message_zh": "替换的材料必须属于同一项要求。"})
            if old["superseded_by"] is not None:
                raise Conflict(f"evidence {request.replaces} was already replaced", code="already_replaced",
                               detail={"superseded_by": old["superseded_by"]})
        return requirement

    async def check_admission(self, user: CurrentUser, request: IngestRequest) -> Requirement:
        async with self.db.read() as conn:
            return await self.admit(conn, user, request)

    # ----- the pipeline -----

    async def ingest(self, user: CurrentUser, request: IngestRequest, staged: StagedFile, *,
                     keep_staged: bool = False) -> IngestResult:
        """Sniff, check limits, probe, store, read, derive, check, and file one staged upload.
        Refusals raise AppError and leave no blob behind. `keep_staged` links the blob instead
        of moving the staged file (tus keeps its file until the evidence row is committed)."""
        stored = False
        try:
            requirement = await self.check_admission(user, request)
            sniffed = await asyncio.to_thread(pipeline.sniff_file, staged.path)
            if sniffed is None:
                raise UnsupportedMediaType(
                    "the file is not a JPEG, PNG or HEIC photo or an MP4/MOV video",
                    detail={"message_zh": "文件类型不支持：请上传 JPEG/PNG/HEIC 照片或 MP4/MOV 视频。"},
                )
            if sniffed.kind != requirement.kind:
                wanted = "视频" if requirement.kind == MediaKind.video else "照片"
                raise Unprocessable(
                    f"{requirement.title_en} needs a {requirement.kind.value}, this file is a {sniffed.kind.value}",
                    code="wrong_kind", detail={"expected": requirement.kind.value, "got": sniffed.kind.value,
                                               "message_zh": f"“{requirement.title_zh}”需要上传{wanted}。"},
                )
            limit = self.max_bytes(sniffed.kind)
            if staged.size > limit:
                raise PayloadTooLarge(f"the {sniffed.kind.value} is larger than the limit of {limit} bytes",
                                      detail={"limit": limit, "size": staged.size})
            try:
                # A header read: kept out of the CPU pool so it never queues behind thumbnails.
                await asyncio.to_thread(pipeline.probe, staged.path, sniffed, self.settings.max_image_pixels)
            except MediaRejected as problem:
                raise rejection(problem) from None
            async with self.db.read() as conn:
                existing = await self._already_filed(conn, request, staged.sha256)
            if existing is not None:
                return IngestResult(evidence=self.evidence_out(existing, user), created=False)
            put = self.store.link_blob if keep_staged else self.store.put_blob
            await asyncio.to_thread(put, staged.path, staged.sha256)  # disk waits stay out of the CPU pool
            stored = True
            processed = await self.run_cpu(pipeline.process, self.store, staged.sha256, sniffed)
            received_at = self.clock.now()
            async with self.db.transaction() as conn:
                requirement = await self.admit(conn, user, request)  # the case may have moved on meanwhile
                # Filed meanwhile by a concurrent request (the same upload, or the same bytes for
                # the same requirement): checked under the write lock, so only one files it.
                again = await self._already_filed(conn, request, staged.sha256)
                if again is not None:
                    return IngestResult(evidence=self.evidence_out(again, user), created=False)
                evidence_id = await self._file(conn, user, request, requirement, staged, sniffed.mime, processed,
                                               received_at)
                row = await repository.get(conn, evidence_id)
            return IngestResult(evidence=self.evidence_out(row, user), created=True)
        finally:
            if not keep_staged and not stored:
                staged.path.unlink(missing_ok=True)

    async def ingest_one_shot(self, user: CurrentUser, case_id: int, form: IncomingForm) -> IngestResult:
        """A photo sent in one request, read as it arrives. The case (and the requirement, when
        its field comes before the file, as forms send it) is checked before any byte of the
        photo is stored; the photo is staged with its sha256 computed on the way, then goes
        through the same pipeline as every upload."""
        filename = await form.until_file()
        if filename is None:
            raise BadRequest("the form has no file: send the photo as the part named 'file'", code="no_file",
                             detail={"message_zh": "表单中没有文件：请以名为 file 的字段上传照片。"})
        async with self.db.read() as conn:
            if "requirement" in form.fields:
                await self.admit(conn, user, self._one_shot_request(case_id, form.fields, filename))
            else:
                await self._admit_to_case(conn, user, case_id)
        self.ensure_space(self.settings.photo_max_bytes)
        try:
            staged = await staging.stage_stream(self.store, form.file_bytes(), self.settings.photo_max_bytes)
        except staging.TooLarge as exc:
            raise PayloadTooLarge(f"photos sent in one request may be at most {exc.limit} bytes; larger files "
                                  "go through the resumable upload", detail={"limit": exc.limit}) from None
        try:
            if await form.finish():
                raise BadRequest("send one file per request", code="one_file_only",
                                 detail={"message_zh": "每次请求只能上传一个文件。"})
            request = self._one_shot_request(case_id, form.fields, filename)
            if staged.size == 0:
                raise BadRequest("the file is empty", code="empty_file", detail={"message_zh": "文件为空。"})
        except BaseException:
            staged.path.unlink(missing_ok=True)
            raise
        return await self.ingest(user, request, staged)

    @staticmethod
    def _one_shot_request(case_id: int, fields: dict[str, str], filename: str) -> IngestRequest:
        return ingest_request_from_metadata({**fields, "case_id": str(case_id), "filename": filename})

    @staticmethod
    async def _already_filed(conn, request: IngestRequest, sha256: str):
        """The current evidence this request would only repeat: from the same upload, or the same
        bytes for the same requirement of the case (a replacement is always new)."""
        if request.upload_id:
            row = await repository.current_by_upload(conn, request.upload_id)
            if row is not None:
                return row
        if request.replaces is None:
            return await repository.current_same_file(conn, request.case_id, request.requirement_key, sha256)
        return None

    async def _file(self, conn, user: CurrentUser, request: IngestRequest, requirement: Requirement,
                    staged: StagedFile, mime: str, processed: pipeline.Processed, received_at: datetime) -> int:
        case = await self.cases.load(conn, request.case_id)
        excluded = (request.replaces,) if request.replaces else ()
        duplicates = await self._duplicates(conn, staged.sha256, processed.phash, excluded)
        context = CheckContext(
            kind=requirement.kind, metadata=processed.metadata, received_at=received_at, client=request.client,
            site_lat=case["site_lat"], site_lon=case["site_lon"], radius_m=case["geofence_radius_m"],
            case_id=case["id"], case_created_at=from_db(case["created_at"]),
            capture_window_days=case["capture_window_days"], requirement=requirement, duplicates=duplicates,
            phash_available=processed.phash is not None, local_tz=self.settings.tz,
        )
        checks = run_checks(context)
        now = to_db(received_at)
        await repository.insert_blob(conn, staged.sha256, staged.size, mime, now)
        meta = processed.metadata
        bands = repository.phash_bands(processed.phash) if processed.phash is not None else [None] * 5
        evidence_id = await repository.insert_evidence(conn, {
            "case_id": request.case_id,
            "requirement_key": request.requirement_key,
            "kind": requirement.kind.value,
            "sha256": staged.sha256,
            "size": staged.size,
            "mime": mime,
            "original_name": request.original_name[:255],
            "uploaded_by": user.id,
            "received_at": now,
            "upload_id": request.upload_id,
            "round": case["round"],
            "captured_at": to_db(meta.captured_at) if meta.captured_at and meta.captured_at.tzinfo else None,
            "gps_lat": meta.gps_lat,
            "gps_lon": meta.gps_lon,
            "metadata": msgspec.json.encode(meta).decode(),
            "client": msgspec.json.encode(request.client).decode() if request.client else None,
            "phash": to_signed64(processed.phash) if processed.phash is not None else None,
            **{f"phash_b{i}": band for i, band in enumerate(bands)},
            "width": processed.width,
            "height": processed.height,
            "derivatives": json.dumps({**processed.derivatives, **({"partial": True} if processed.partial else {})}),
            "checks": msgspec.json.encode(checks).decode(),
            "fail_count": sum(c.status == CheckStatus.fail for c in checks),
            "warn_count": sum(c.status == CheckStatus.warn for c in checks),
        })
        if request.replaces:
            await repository.supersede(conn, request.replaces, evidence_id, now)
        elif case["status"] == CaseStatus.rectification_requested and request.requirement_key in json.loads(
                case["rectify_requirements"] or "[]"):
            # Re-shot for a requirement the officers asked to redo: what it had before is superseded.
            await repository.supersede_earlier_rounds(conn, request.case_id, request.requirement_key, case["round"],
                                                      evidence_id, now)
        await repository.refresh_case_check_counts(conn, request.case_id)
        await self.audit.record(
            conn, user, "evidence.replaced" if request.replaces else "evidence.added", "evidence", evidence_id,
            case_id=request.case_id,
            details={
                "requirement": request.requirement_key, "sha256": staged.sha256, "size": staged.size, "mime": mime,
                "replaces": request.replaces, "upload_id": request.upload_id,
                "checks": {c.name: c.status.value for c in checks},
                **({"derivatives_failed": processed.problem.code} if processed.problem else {}),
            },
        )
        return evidence_id

    async def _duplicates(self, conn, sha256: str, phash: int | None, excluded: tuple[int, ...]) -> list[DuplicateHit]:
        bands = repository.phash_bands(phash) if phash is not None else None
        hits = []
        for row in await repository.duplicate_candidates(conn, sha256, bands, excluded):
            same = row["sha256"] == sha256
            distance = 0 if same else hamming(from_signed64(row["phash"]), phash) if row["phash"] is not None else 64
            if same or distance <= NEAR_DUPLICATE_MAX_DISTANCE:
                hits.append(DuplicateHit(evidence_id=row["id"], case_id=row["case_id"],
                                         case_reference=row["reference"], same_file=same, distance=distance))
        return hits

    # ----- submission rule -----

    async def require_coverage(self, conn: aiosqlite.Connection, case_row) -> None:
        """A case may be submitted only when every required checklist line has enough current
        evidence (registered with the cases service as a submit check)."""
        checklist = msgspec.json.decode(case_row["checklist"], type=list[Requirement])
        items = [(r["requirement_key"], r["kind"], bool(r["superseded"]))
                 for r in await repository.coverage_items(conn, case_row["id"])]
        missing = [c for c in coverage(checklist, items) if c.required and not c.satisfied]
        if missing:
            raise Conflict(
                "the checklist is not complete: "
                + "; ".join(f"{c.title_en} ({c.count}/{c.min_count})" for c in missing),
                code="checklist_incomplete",
                detail={"missing": [{"key": c.key, "title_zh": c.title_zh, "title_en": c.title_en, "count": c.count,
                                     "min_count": c.min_count} for c in missing],
                        "message_zh": "以下材料尚未上传齐全：" + "、".join(c.title_zh for c in missing)},
            )

    # ----- reading -----

    @staticmethod
    async def find(conn: aiosqlite.Connection, evidence_id: int):
        """The evidence row, or None, in the caller's transaction (for other areas)."""
        return await repository.get(conn, evidence_id)

    async def list_for_case(self, user: CurrentUser, case_id: int) -> EvidenceList:
        async with self.db.read() as conn:
            case = await self.cases.load(conn, case_id)
            ensure_can_see(user, case)
            rows = await repository.for_case(conn, case_id)
        checklist = msgspec.json.decode(case["checklist"], type=list[Requirement])
        items = [self.evidence_out(row, user) for row in rows]
        return EvidenceList(
            items=items,
            coverage=coverage(checklist, [(i.requirement_key, i.kind, i.superseded_by is not None) for i in items]),
        )

    async def get(self, user: CurrentUser, evidence_id: int) -> EvidenceOut:
        async with self.db.read() as conn:
            row = await self._visible(conn, user, evidence_id)
        return self.evidence_out(row, user)

    async def _visible(self, conn, user: CurrentUser, evidence_id: int):
        row = await repository.get(conn, evidence_id)
        if row is None:
            raise not_found("evidence", evidence_id)
        ensure_can_see(user, await self.cases.load(conn, row["case_id"]), asked_for=("evidence", evidence_id))
        return row

    def evidence_out(self, row, viewer: CurrentUser) -> EvidenceOut:
        checks = msgspec.json.decode(row["checks"], type=list[CheckResult])
        if viewer.role == Role.applicant:
            checks = [c for c in checks if c.name in APPLICANT_CHECKS]
        derivatives = json.loads(row["derivatives"])
        expires = self.links.expiry(self.clock.now())

        def link(variant: str) -> str | None:
            if variant != "original" and variant not in derivatives:
                return None
            return self.links.url(row["id"], variant, viewer.id, viewer.session, expires)

        return EvidenceOut(
            id=row["id"], case_id=row["case_id"], requirement_key=row["requirement_key"], kind=MediaKind(row["kind"]),
            sha256=row["sha256"], size=row["size"], mime=row["mime"], original_name=row["original_name"],
            received_at=from_db(row["received_at"]),
            uploaded_by=PersonRef(id=row["uploaded_by"], display_name=row["uploader_name"],
                                  organisation=row["uploader_organisation"]),
            round=row["round"],
            metadata=msgspec.json.decode(row["metadata"], type=CaptureMetadata),
            client=msgspec.json.decode(row["client"], type=ClientCapture) if row["client"] else None,
            width=row["width"], height=row["height"], checks=checks,
            fail_count=row["fail_count"] if viewer.role != Role.applicant else sum(c.status == "fail" for c in checks),
            warn_count=row["warn_count"] if viewer.role != Role.applicant else sum(c.status == "warn" for c in checks),
            superseded_by=row["superseded_by"], superseded_at=from_db(row["superseded_at"]),
            partial=bool(derivatives.get("partial")),
            urls=EvidenceUrls(original=link("original"), thumb_256=link("thumb_256"), thumb_1280=link("thumb_1280"),
                              poster=link("poster"), expires_at=expires),
        )

    # ----- files -----

    async def file_for(self, user: CurrentUser, evidence_id: int, variant: str) -> tuple[Path, str, str, str]:
        async with self.db.read() as conn:
            row = await self._visible(conn, user, evidence_id)
        return self._file_of(row, variant)

    async def file_for_link(self, evidence_id: int, variant: str, user_id: int, session: str, expires: int,
                            signature: str) -> tuple[Path, str, str, str]:
        if (variant not in VARIANTS
                or not self.links.valid(evidence_id, variant, user_id, session, expires, signature, self.clock.now())
                or not await self.accounts.session_is_live(user_id, session)):
            raise Forbidden("this media link is not valid or has expired; reload the page", code="bad_media_link")
        return self._file_of(await self.db.read_row("evidence", evidence_id, repository.get, evidence_id), variant)

    def _file_of(self, row, variant: str) -> tuple[Path, str, str, str]:
        """(path, etag, media type, download name) of one variant."""
        if variant == "original":
            ext = EXTENSION.get(row["mime"], "bin")
            name = f"{row['requirement_key']}_{row['sha256'][:8]}.{ext}"
            return self.store.blob_path(row["sha256"]), row["sha256"], row["mime"], name
        derivatives = json.loads(row["derivatives"])
        if variant not in VARIANTS or variant not in derivatives:
            raise NotFound(f"evidence {row['id']} has no {variant}", code="no_such_variant")
        path = self.store.derivative_path(derivatives[variant])
        if not path.is_file():
            raise NotFound(f"the {variant} of evidence {row['id']} is being rebuilt; try again shortly",
                           code="derivative_missing")
        return path, f"{row['sha256']}-{variant}", "image/jpeg", f"{variant}_{row['sha256'][:8]}.jpg"
