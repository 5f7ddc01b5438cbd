"""好差评: once a case is decided, its applicant rates the service once, 1 to 5 with an optional
comment. The applicant and staff read it."""

from dataclasses import dataclass

from server.clock import Clock, from_db, to_db
from server.db.database import Database
from server.domain.audit.service import AuditLog
from server.domain.cases.service import CasesService, ensure_applicant, ensure_can_see
from server.domain.ratings import repository
from server.errors import Conflict, NotFound
from server.identity import CurrentUser
from shared.discussion import RatingIn, RatingOut
from shared.enums import DECIDED_STATUSES
from shared.models import PersonRef


def rating_out(row) -> RatingOut:
    return RatingOut(
        case_id=row["case_id"], score=row["score"], comment=row["comment"], created_at=from_db(row["created_at"]),
        applicant=PersonRef(id=row["applicant_id"], display_name=row["applicant_name"],
                            organisation=row["applicant_organisation"]),
    )


@dataclass(eq=False)
class RatingsService:
    db: Database
    clock: Clock
    audit: AuditLog
    cases: CasesService

    async def get(self, user: CurrentUser, case_id: int) -> RatingOut:
        async with self.db.read() as conn:
            ensure_can_see(user, await self.cases.load(conn, case_id))
            row = await repository.get(conn, case_id)
        if row is None:
            raise NotFound(f"case {case_id} has not been rated", code="not_rated", detail={"case_id": case_id})
        return rating_out(row)

    async def rate(self, applicant: CurrentUser, case_id: int, data: RatingIn) -> RatingOut:
        async with self.db.transaction() as conn:
            case = await self.cases.load(conn, case_id)
            ensure_applicant(applicant, case)
            if case["status"] not in DECIDED_STATUSES:
                raise Conflict(
                    f"the case is {case['status']}: it can be rated once it is approved or rejected",
                    code="not_decided",
                    detail={"current_status": case["status"], "message_zh": "办结（通过或不通过）后才能评价。"},
                )
            existing = await repository.get(conn, case_id)
            if existing is not None:
                raise Conflict("you have already rated this case; a rating is given once",
                               code="already_rated", detail={"rating": {"score": existing["score"],
                                                                        "created_at": existing["created_at"]},
                                                             "message_zh": "该申请已评价过，每件只能评价一次。"})
            await repository.create(conn, case_id=case_id, applicant_id=applicant.id, score=data.score,
                                    comment=data.comment, now=to_db(self.clock.now()))
            await self.audit.record(conn, applicant, "rating.created", "rating", case_id, case_id=case_id,
                                    details={"score": data.score, "comment": data.comment,
                                             "decision": case["status"]})
            row = await repository.get(conn, case_id)
        return rating_out(row)
