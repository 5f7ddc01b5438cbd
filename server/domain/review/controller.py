"""HTTP for the review: the queue, claiming and assigning, evidence views, opinions."""

from typing import Annotated, Literal

from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromQuery, JSONBody, QueryParameter

from server.domain.review.service import ReviewService
from server.http import Cursor, IdPath, Limit, SearchText
from server.identity import CurrentUser
from server.security import ADMINS, OFFICERS, STAFF
from shared.enums import CaseStatus
from shared.models import (
    AssignIn,
    OpinionIn,
    OpinionList,
    OpinionOut,
    OpinionUpdate,
    QueuePage,
    ReviewState,
    ViewIn,
    ViewSummary,
)


class ReviewController(Controller):
    path = "/api/v1"
    tags = ["review"]

    @get("/review/queue", guards=[STAFF], summary="The review queue with counts per status for the tabs")
    async def queue(
        self,
        review: NamedDependency[ReviewService],
        current_user: NamedDependency[CurrentUser],
        status: Annotated[list[CaseStatus] | None, QueryParameter(
            description="one or more statuses; default: waiting for review (submitted and in review)")] = None,
        item_type: Annotated[str | None, QueryParameter(max_length=64)] = None,
        assigned: FromQuery[Literal["me", "unassigned"] | None] = None,
        overdue: FromQuery[bool] = False,
        due_within: Annotated[int | None, QueryParameter(ge=0, le=365, description="working days")] = None,
        q: SearchText = None,
        sort: FromQuery[Literal["due", "submitted", "flags"]] = "due",
        cursor: Cursor = None,
        limit: Limit = 50,
    ) -> QueuePage:
        return await review.queue(current_user, statuses=status, item_type=item_type, assigned=assigned,
                                  overdue=overdue, due_within=due_within, query=q, sort=sort, cursor=cursor,
                                  limit=limit)

    @get("/cases/{case_id:int}/review", guards=[STAFF],
         summary="Where the review stands: officers, this round's opinions, what I have not opened")
    async def review_state(self, review: NamedDependency[ReviewService], current_user: NamedDependency[CurrentUser],
                           case_id: IdPath) -> ReviewState:
        return await review.state(current_user, case_id)

    @post("/cases/{case_id:int}/claim", guards=[OFFICERS], status_code=200, summary="Take a case up for review")
    async def claim(self, review: NamedDependency[ReviewService], current_user: NamedDependency[CurrentUser],
                    case_id: IdPath) -> ReviewState:
        return await review.claim(current_user, case_id)

    @post("/cases/{case_id:int}/assignments", guards=[ADMINS], status_code=200,
          summary="Assign an officer to a case")
    async def assign(self, review: NamedDependency[ReviewService], current_user: NamedDependency[CurrentUser],
                     case_id: IdPath, data: JSONBody[AssignIn]) -> ReviewState:
        return await review.assign(current_user, case_id, data)

    @delete("/cases/{case_id:int}/assignments/{officer_id:int}", guards=[OFFICERS], status_code=200,
            summary="Take an officer off a case (an administrator, or the officer before signing)")
    async def unassign(self, review: NamedDependency[ReviewService], current_user: NamedDependency[CurrentUser],
                       case_id: IdPath, officer_id: IdPath) -> ReviewState:
        return await review.unassign(current_user, case_id, officer_id)

    @post("/evidence/{evidence_id:int}/views", guards=[STAFF], status_code=200,
          summary="Report that I had an evidence item open, and for how long")
    async def record_view(self, review: NamedDependency[ReviewService], current_user: NamedDependency[CurrentUser],
                          evidence_id: IdPath, data: JSONBody[ViewIn]) -> ViewSummary:
        return await review.record_view(current_user, evidence_id, data)

    @get("/cases/{case_id:int}/opinions", guards=[STAFF], summary="Every opinion of every round")
    async def opinions(self, review: NamedDependency[ReviewService], current_user: NamedDependency[CurrentUser],
                       case_id: IdPath) -> OpinionList:
        return await review.opinions(current_user, case_id)

    @post("/cases/{case_id:int}/opinions", guards=[OFFICERS],
          summary="Sign this round's opinion (record or countersign); the case moves when enough agree")
    async def sign(self, review: NamedDependency[ReviewService], current_user: NamedDependency[CurrentUser],
                   case_id: IdPath, data: JSONBody[OpinionIn]) -> OpinionOut:
        return await review.sign(current_user, case_id, data)

    @put("/cases/{case_id:int}/opinions/{opinion_id:int}", guards=[OFFICERS],
         summary="Change my opinion of this round (with the version I read)")
    async def change(self, review: NamedDependency[ReviewService], current_user: NamedDependency[CurrentUser],
                     case_id: IdPath, opinion_id: IdPath, data: JSONBody[OpinionUpdate]) -> OpinionOut:
        return await review.change(current_user, case_id, opinion_id, data)
