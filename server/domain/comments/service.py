"""Comments on a case or on one of its evidence items. Officers and administrators write
internal notes or comments visible to the applicant; the applicant replies to the visible ones
(and only replies: they answer what the bureau asked). Auditors read. Bodies are stored and
returned exactly as written: escaping is the job of whatever displays them."""

from dataclasses import dataclass

import aiosqlite

from server.clock import Clock, from_db, to_db
from server.db.database import Database
from server.db.pagination import clamp_limit, decode_cursor, encode_cursor
from server.domain.audit.service import AuditLog
from server.domain.cases.service import CasesService, ensure_can_see
from server.domain.comments import repository
from server.domain.evidence.service import EvidenceService
from server.domain.notifications.service import Audience, NotificationsService
from server.errors import Forbidden, Unprocessable
from server.identity import CurrentUser
from shared.discussion import CommentIn, CommentList, CommentOut, CommentVisibility
from shared.enums import Role
from shared.models import PersonRef

EXCERPT_CHARS = 140


def comment_out(row) -> CommentOut:
    return CommentOut(
        id=row["id"], case_id=row["case_id"],
        author=PersonRef(id=row["author_id"], display_name=row["author_name"],
                         organisation=row["author_organisation"]),
        author_role=Role(row["author_role"]), visibility=CommentVisibility(row["visibility"]), body=row["body"],
        evidence_id=row["evidence_id"], parent_id=row["parent_id"], created_at=from_db(row["created_at"]),
    )


def excerpt(body: str) -> str:
    return body if len(body) <= EXCERPT_CHARS else body[: EXCERPT_CHARS - 1] + "…"


@dataclass(eq=False)
class CommentsService:
    db: Database
    clock: Clock
    audit: AuditLog
    cases: CasesService
    evidence: EvidenceService
    notifications: NotificationsService

    async def list(self, user: CurrentUser, case_id: int, *, evidence_id: int | None, cursor: str | None,
                   limit: int) -> CommentList:
        key = decode_cursor(cursor, int)
        limit = clamp_limit(limit)
        async with self.db.read() as conn:
            ensure_can_see(user, await self.cases.load(conn, case_id))
            rows = await repository.page(
                conn, case_id, visibility=CommentVisibility.applicant.value if user.role == Role.applicant else None,
                evidence_id=evidence_id, after_id=key[0] if key else None, limit=limit + 1)
        items = [comment_out(row) for row in rows[:limit]]
        return CommentList(items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > limit else None)

    async def create(self, user: CurrentUser, case_id: int, data: CommentIn) -> CommentOut:
        if user.role == Role.auditor:
            raise Forbidden("auditors read the discussion of a case but do not take part in it",
                            code="role_forbidden")
        async with self.db.transaction() as conn:
            case = await self.cases.load(conn, case_id)
            ensure_can_see(user, case)
            if not data.body.strip():
                raise Unprocessable("the comment is empty", code="empty_comment")
            visibility = self._visibility(user, data)
            parent = await self._parent(conn, user, case_id, data.parent_id, visibility)
            evidence_id = await self._evidence_id(conn, case_id, data.evidence_id, parent)
            comment_id = await repository.create(
                conn, case_id=case_id, evidence_id=evidence_id, parent_id=data.parent_id, author_id=user.id,
                visibility=visibility.value, body=data.body, now=to_db(self.clock.now()))
            await self.audit.record(conn, user, "comment.added", "comment", comment_id, case_id=case_id, details={
                "visibility": visibility.value, "evidence_id": evidence_id, "parent_id": data.parent_id,
                "body": data.body})
            await self._announce(conn, user, case, comment_id, visibility, evidence_id, parent, data.body)
            row = await repository.get(conn, comment_id)
        return comment_out(row)

    # ----- rules -----

    @staticmethod
    def _visibility(user: CurrentUser, data: CommentIn) -> CommentVisibility:
        if user.role != Role.applicant:
            return data.visibility or CommentVisibility.internal
        if data.visibility == CommentVisibility.internal:
            raise Unprocessable("an applicant's comment is always visible to the bureau and the applicant; "
                                "it cannot be internal", code="applicant_comment_internal",
                                detail={"message_zh": "申请人的留言对审批人员和申请人均可见，不能设为内部。"})
        if data.parent_id is None:
            raise Unprocessable("an applicant replies to a comment from the bureau: name it in parent_id",
                                code="reply_required",
                                detail={"message_zh": "申请人只能回复审批人员的留言，请指明所回复的留言。"})
        return CommentVisibility.applicant

    async def _parent(self, conn: aiosqlite.Connection, user: CurrentUser, case_id: int, parent_id: int | None,
                      visibility: CommentVisibility):
        if parent_id is None:
            return None
        parent = await repository.get(conn, parent_id)
        # An applicant is told the same whether the comment is internal, of another case or
        # missing: nothing about comments they may not see.
        if (parent is None or parent["case_id"] != case_id
                or (user.role == Role.applicant and parent["visibility"] != CommentVisibility.applicant)):
            raise Unprocessable(f"there is no comment {parent_id} in this case to reply to", code="unknown_parent",
                                detail={"parent_id": parent_id})
        if visibility == CommentVisibility.applicant and parent["visibility"] == CommentVisibility.internal:
            raise Unprocessable("a reply the applicant can see cannot answer an internal comment they cannot see",
                                code="reply_more_visible_than_parent",
                                detail={"parent_id": parent_id, "parent_visibility": parent["visibility"]})
        return parent

    async def _evidence_id(self, conn: aiosqlite.Connection, case_id: int, evidence_id: int | None,
                           parent) -> int | None:
        """The evidence item the comment is about: the one named (which must be of this case), or
        for a reply the parent's."""
        inherited = parent["evidence_id"] if parent is not None else None
        if evidence_id is None:
            return inherited
        evidence = await self.evidence.find(conn, evidence_id)
        if evidence is None or evidence["case_id"] != case_id:
            raise Unprocessable(f"evidence {evidence_id} is not part of this case", code="evidence_not_in_case",
                                detail={"evidence_id": evidence_id})
        if inherited is not None and inherited != evidence_id:
            raise Unprocessable(f"the comment replied to is about evidence {inherited}, not {evidence_id}",
                                code="evidence_mismatch", detail={"evidence_id": evidence_id,
                                                                  "parent_evidence_id": inherited})
        return evidence_id

    async def _announce(self, conn, author: CurrentUser, case, comment_id: int, visibility: CommentVisibility,
                        evidence_id: int | None, parent, body: str) -> None:
        """Who hears of a comment: the applicant of one visible to them; the assigned officers of
        an applicant's reply or an internal note; and the author of the comment replied to,
        unless that is the applicant and the reply is internal."""
        ref, title = case["reference"], case["title"]
        users = []
        if parent is not None and not (visibility == CommentVisibility.internal
                                       and parent["author_id"] == case["applicant_id"]):
            users.append(parent["author_id"])
        if author.role == Role.applicant:
            audience = [Audience.ASSIGNEES]
            zh, en = "申请人回复了留言", "the applicant replied"
        elif visibility == CommentVisibility.applicant:
            audience = [Audience.APPLICANT]
            zh, en = "审批人员给您留言", "the bureau left you a comment"
        else:
            audience = [Audience.ASSIGNEES]
            zh, en = f"{author.display_name} 添加了内部意见", f"{author.display_name} added an internal note"
        await self.notifications.notify(conn, case["id"], "comment.added", {
            "reference": ref, "title": title, "comment_id": comment_id, "visibility": visibility.value,
            "evidence_id": evidence_id, "parent_id": parent["id"] if parent is not None else None,
            "author": author.display_name, "excerpt": excerpt(body),
            "message_zh": f"{ref}「{title}」：{zh}", "message_en": f"{ref} {title}: {en}",
        }, audience, users=users, exclude=author.id)
