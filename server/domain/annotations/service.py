"""Annotations: shapes officers draw on evidence. The author alone edits (each edit a new
revision, all kept) or deletes (a mark, never a removal) them, while the case is under review;
staff read them all, the case's applicant only those shared with them."""

from dataclasses import dataclass

import aiosqlite
import msgspec

from server.clock import Clock, from_db, to_db
from server.db.database import Database
from server.domain.annotations import repository
from server.domain.audit.service import AuditLog
from server.domain.cases.service import CasesService, ensure_can_see
from server.domain.evidence.service import EvidenceService
from server.domain.notifications.service import Audience, NotificationsService
from server.errors import BadRequest, Conflict, Forbidden, Gone, Unprocessable, check_version, not_found
from server.identity import CurrentUser
from shared.annotations import AnnotationIn, AnnotationList, AnnotationOut, AnnotationUpdate, Ellipse, Rect
from shared.discussion import AnnotationRevisionList, AnnotationRevisionOut
from shared.enums import OPEN_STATUSES, MediaKind, Role
from shared.models import PersonRef

# Officers annotate while the case is in their hands: waiting for review, in review, or sent
# back for rectification (pointing at what to redo). A decided case's record stays as it was.
ANNOTATABLE = OPEN_STATUSES
# How far a box may reach past the image edge (the same margin as a single coordinate), with a
# little room for rounding.
EDGE = 1.05 + 1e-6


def check_shape(data: AnnotationIn) -> None:
    """What the Struct's per-field limits cannot say: a box must not reach far outside the image."""
    shape = data.shape
    if isinstance(shape, Rect | Ellipse) and (shape.x + shape.w > EDGE or shape.y + shape.h > EDGE):
        raise BadRequest("the shape reaches outside the image (x + w and y + h must be at most 1.05)",
                         code="shape_outside_image",
                         detail={"x_end": shape.x + shape.w, "y_end": shape.y + shape.h, "max": 1.05})


def content_of(data: AnnotationIn) -> AnnotationIn:
    """The stored content: the AnnotationIn fields only (an update's `version` is not content)."""
    return AnnotationIn(shape=data.shape, colour=data.colour, label=data.label, time_ms=data.time_ms,
                        shared_with_applicant=data.shared_with_applicant)


def encode(data: AnnotationIn) -> str:
    return msgspec.json.encode(content_of(data)).decode()


def decode(body: str) -> AnnotationIn:
    return msgspec.json.decode(body, type=AnnotationIn)


def annotation_out(row) -> AnnotationOut:
    content = decode(row["body"])
    return AnnotationOut(
        id=row["id"], evidence_id=row["evidence_id"],
        author=PersonRef(id=row["author_id"], display_name=row["author_name"],
                         organisation=row["author_organisation"]),
        shape=content.shape, colour=content.colour, label=content.label, time_ms=content.time_ms,
        shared_with_applicant=bool(row["shared_with_applicant"]),
        version=row["version"], created_at=from_db(row["created_at"]), updated_at=from_db(row["updated_at"]),
        deleted=row["deleted_at"] is not None,
    )


def ensure_under_review(case) -> None:
    if case["status"] not in ANNOTATABLE:
        raise Conflict(
            f"the case is {case['status']}: annotations can be made and changed only while it is submitted, "
            "in review or awaiting rectification",
            code="case_not_under_review",
            detail={"current_status": case["status"], "allowed_statuses": sorted(ANNOTATABLE)},
        )


@dataclass(eq=False)
class AnnotationsService:
    db: Database
    clock: Clock
    audit: AuditLog
    cases: CasesService
    evidence: EvidenceService
    notifications: NotificationsService

    # ----- reading -----

    async def for_evidence(self, user: CurrentUser, evidence_id: int, *, include_deleted: bool) -> AnnotationList:
        async with self.db.read() as conn:
            evidence = await self._evidence(conn, evidence_id)
            ensure_can_see(user, await self.cases.load(conn, evidence["case_id"]), asked_for=("evidence", evidence_id))
            rows = await repository.listing(conn, evidence_id=evidence_id, **self._filters(user, include_deleted))
        return AnnotationList(items=[annotation_out(row) for row in rows])

    async def for_case(self, user: CurrentUser, case_id: int, *, include_deleted: bool) -> AnnotationList:
        async with self.db.read() as conn:
            ensure_can_see(user, await self.cases.load(conn, case_id))
            rows = await repository.listing(conn, case_id=case_id, **self._filters(user, include_deleted))
        return AnnotationList(items=[annotation_out(row) for row in rows])

    @staticmethod
    def _filters(user: CurrentUser, include_deleted: bool) -> dict:
        """Staff see everything (deleted ones on request); the applicant only what is shared."""
        if user.role == Role.applicant:
            return {"include_deleted": False, "shared_only": True}
        return {"include_deleted": include_deleted, "shared_only": False}

    async def revisions(self, user: CurrentUser, annotation_id: int) -> AnnotationRevisionList:
        async with self.db.read() as conn:
            await self._load(conn, annotation_id)
            rows = await repository.revisions(conn, annotation_id)
        return AnnotationRevisionList(items=[
            AnnotationRevisionOut(
                annotation_id=row["annotation_id"], version=row["version"],
                author=PersonRef(id=row["author_id"], display_name=row["author_name"],
                                 organisation=row["author_organisation"]),
                annotation=decode(row["body"]), created_at=from_db(row["created_at"]), deleted=bool(row["deleted"]),
            )
            for row in rows
        ])

    # ----- writing -----

    async def create(self, officer: CurrentUser, evidence_id: int, data: AnnotationIn) -> AnnotationOut:
        check_shape(data)
        now = to_db(self.clock.now())
        async with self.db.transaction() as conn:
            evidence = await self._evidence(conn, evidence_id)
            case = await self.cases.load(conn, evidence["case_id"])
            ensure_under_review(case)
            self._check_time(evidence, data)
            body = encode(data)
            annotation_id = await repository.create(
                conn, evidence_id=evidence_id, case_id=case["id"], author_id=officer.id, body=body,
                shared=data.shared_with_applicant, now=now)
            await repository.add_revision(conn, annotation_id=annotation_id, version=1, body=body,
                                          author_id=officer.id, now=now)
            await self.audit.record(conn, officer, "annotation.created", "annotation", annotation_id,
                                    case_id=case["id"], details={"evidence_id": evidence_id, "version": 1,
                                                                 "annotation": msgspec.json.decode(body)})
            if data.shared_with_applicant:
                await self._tell_applicant(conn, officer, case, evidence, annotation_id)
            row = await repository.get(conn, annotation_id)
        return annotation_out(row)

    async def update(self, officer: CurrentUser, annotation_id: int, data: AnnotationUpdate) -> AnnotationOut:
        check_shape(data)
        now = to_db(self.clock.now())
        async with self.db.transaction() as conn:
            row = await self._load(conn, annotation_id)
            self._ensure_author(officer, row)
            self._ensure_not_deleted(row)
            check_version(row["version"], data.version, f"annotation {annotation_id}")
            case = await self.cases.load(conn, row["case_id"])
            ensure_under_review(case)
            evidence = await self.evidence.find(conn, row["evidence_id"])
            self._check_time(evidence, data)
            body, version = encode(data), row["version"] + 1
            await repository.update(conn, annotation_id, body=body, shared=data.shared_with_applicant,
                                    version=version, now=now)
            await repository.add_revision(conn, annotation_id=annotation_id, version=version, body=body,
                                          author_id=officer.id, now=now)
            await self.audit.record(conn, officer, "annotation.updated", "annotation", annotation_id,
                                    case_id=case["id"], details={
                                        "evidence_id": row["evidence_id"], "version": version,
                                        "annotation": msgspec.json.decode(body),
                                        "before": msgspec.json.decode(row["body"])})
            if data.shared_with_applicant:
                await self._tell_applicant(conn, officer, case, evidence, annotation_id)
            row = await repository.get(conn, annotation_id)
        return annotation_out(row)

    async def delete(self, officer: CurrentUser, annotation_id: int, version: int) -> AnnotationOut:
        now = to_db(self.clock.now())
        async with self.db.transaction() as conn:
            row = await self._load(conn, annotation_id)
            self._ensure_author(officer, row)
            self._ensure_not_deleted(row)
            check_version(row["version"], version, f"annotation {annotation_id}")
            ensure_under_review(await self.cases.load(conn, row["case_id"]))
            new_version = row["version"] + 1
            await repository.mark_deleted(conn, annotation_id, version=new_version, now=now)
            await repository.add_revision(conn, annotation_id=annotation_id, version=new_version, body=row["body"],
                                          author_id=officer.id, now=now, deleted=True)
            await self.audit.record(conn, officer, "annotation.deleted", "annotation", annotation_id,
                                    case_id=row["case_id"], details={
                                        "evidence_id": row["evidence_id"], "version": new_version,
                                        "annotation": msgspec.json.decode(row["body"])})
            row = await repository.get(conn, annotation_id)
        return annotation_out(row)

    # ----- rules -----

    async def _evidence(self, conn: aiosqlite.Connection, evidence_id: int):
        row = await self.evidence.find(conn, evidence_id)
        if row is None:
            raise not_found("evidence", evidence_id)
        return row

    async def _load(self, conn: aiosqlite.Connection, annotation_id: int):
        row = await repository.get(conn, annotation_id)
        if row is None:
            raise not_found("annotation", annotation_id)
        return row

    @staticmethod
    def _ensure_author(officer: CurrentUser, row) -> None:
        if row["author_id"] != officer.id:
            raise Forbidden("only the officer who drew this annotation may change or delete it; add your own",
                            code="not_your_annotation",
                            detail={"annotation_id": row["id"], "author_id": row["author_id"]})

    @staticmethod
    def _ensure_not_deleted(row) -> None:
        if row["deleted_at"] is not None:
            raise Gone(f"annotation {row['id']} was deleted", code="annotation_deleted",
                       detail={"annotation_id": row["id"], "deleted_at": row["deleted_at"]})

    @staticmethod
    def _check_time(evidence, data: AnnotationIn) -> None:
        if data.time_ms is not None and evidence["kind"] != MediaKind.video:
            raise Unprocessable("a frame time (time_ms) belongs to annotations on a video; this evidence is a photo",
                                code="time_on_photo", detail={"evidence_id": evidence["id"]})

    async def _tell_applicant(self, conn, officer: CurrentUser, case, evidence, annotation_id: int) -> None:
        ref, title = case["reference"], case["title"]
        await self.notifications.notify(conn, case["id"], "annotation.shared", {
            "reference": ref, "title": title, "annotation_id": annotation_id, "evidence_id": evidence["id"],
            "requirement_key": evidence["requirement_key"],
            "message_zh": f"{ref}「{title}」：审批人员在您的材料上作了标注，请查看",
            "message_en": f"{ref} {title}: an officer marked something on your evidence; please have a look",
        }, [Audience.APPLICANT], exclude=officer.id)
