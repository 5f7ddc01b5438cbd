"""HTTP for the applicant's rating of a decided case (好差评)."""

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from server.domain.ratings.service import RatingsService
from server.http import IdPath
from server.identity import CurrentUser
from server.security import ANYONE, APPLICANTS
from shared.discussion import RatingIn, RatingOut


class RatingsController(Controller):
    path = "/api/v1/cases/{case_id:int}/rating"
    tags = ["ratings"]

    @get("/", guards=[ANYONE], summary="The applicant's rating of the case (404 when not rated yet)")
    async def get_rating(self, ratings: NamedDependency[RatingsService], current_user: NamedDependency[CurrentUser],
                         case_id: IdPath) -> RatingOut:
        return await ratings.get(current_user, case_id)

    @post("/", guards=[APPLICANTS], summary="Rate the service once the case is decided (1-5, once)")
    async def rate(self, ratings: NamedDependency[RatingsService], current_user: NamedDependency[CurrentUser],
                   case_id: IdPath, data: JSONBody[RatingIn]) -> RatingOut:
        return await ratings.rate(current_user, case_id, data)
