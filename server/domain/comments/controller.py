"""HTTP for comments on a case and its evidence."""

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from server.domain.comments.service import CommentsService
from server.http import Cursor, IdPath, Limit, OptionalId
from server.identity import CurrentUser
from server.security import ANYONE, allow
from shared.discussion import CommentIn, CommentList, CommentOut
from shared.enums import Role

# Officers and administrators comment; the applicant replies; auditors only read.
COMMENTERS = allow(Role.officer, Role.admin, Role.applicant)


class CommentsController(Controller):
    path = "/api/v1/cases/{case_id:int}/comments"
    tags = ["comments"]

    @get("/", guards=[ANYONE],
         summary="A case's comments, oldest first (replies name their parent): all for staff, the applicant's "
                 "view for the applicant")
    async def list_comments(self, comments: NamedDependency[CommentsService],
                            current_user: NamedDependency[CurrentUser], case_id: IdPath,
                            evidence_id: OptionalId = None, cursor: Cursor = None, limit: Limit = 100) -> CommentList:
        return await comments.list(current_user, case_id, evidence_id=evidence_id, cursor=cursor, limit=limit)

    @post("/", guards=[COMMENTERS],
          summary="Comment (staff: internal or visible to the applicant) or reply (the applicant, to a visible one)")
    async def add_comment(self, comments: NamedDependency[CommentsService],
                          current_user: NamedDependency[CurrentUser], case_id: IdPath,
                          data: JSONBody[CommentIn]) -> CommentOut:
        return await comments.create(current_user, case_id, data)
