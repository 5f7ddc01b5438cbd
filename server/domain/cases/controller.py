"""HTTP for cases: the applicant's drafts, submission and withdrawal; everyone's reading."""

from litestar import Controller, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromQuery, JSONBody

from server.domain.cases.service import CasesService
from server.http import Cursor, IdPath, Limit, SearchText
from server.identity import CurrentUser
from server.security import ANYONE, APPLICANTS
from shared.enums import CaseStatus
from shared.models import CaseAction, CaseCreate, CaseList, CaseOut, CaseUpdate


class CasesController(Controller):
    path = "/api/v1/cases"
    tags = ["cases"]

    @get("/", guards=[ANYONE], summary="Cases: an applicant's own, or all for staff (newest first)")
    async def list_cases(self, cases: NamedDependency[CasesService], current_user: NamedDependency[CurrentUser],
                         status: FromQuery[CaseStatus | None] = None, q: SearchText = None, cursor: Cursor = None,
                         limit: Limit = 50) -> CaseList:
        return await cases.list(current_user, status=status, cursor=cursor, limit=limit, query=q)

    @post("/", guards=[APPLICANTS], summary="Create a draft case for an item type and a site")
    async def create_case(self, cases: NamedDependency[CasesService], current_user: NamedDependency[CurrentUser],
                          data: JSONBody[CaseCreate]) -> CaseOut:
        return await cases.create(current_user, data)

    @get("/{case_id:int}", guards=[ANYONE], summary="One case")
    async def get_case(
        self, cases: NamedDependency[CasesService], current_user: NamedDependency[CurrentUser], case_id: IdPath
    ) -> CaseOut:
        return await cases.get(current_user, case_id)

    @patch("/{case_id:int}", guards=[APPLICANTS], summary="Edit a draft's title and fields")
    async def update_case(self, cases: NamedDependency[CasesService], current_user: NamedDependency[CurrentUser],
                          case_id: IdPath, data: JSONBody[CaseUpdate]) -> CaseOut:
        return await cases.update_draft(current_user, case_id, data)

    @post(
        "/{case_id:int}/submit",
        guards=[APPLICANTS],
        status_code=200,
        summary="Submit (or resubmit after rectification); starts the clock",
    )
    async def submit_case(self, cases: NamedDependency[CasesService], current_user: NamedDependency[CurrentUser],
                          case_id: IdPath, data: JSONBody[CaseAction | None] = None) -> CaseOut:
        return await cases.submit(current_user, case_id, data.version if data else None)

    @post(
        "/{case_id:int}/withdraw", guards=[APPLICANTS], status_code=200, summary="Withdraw a draft or a submitted case"
    )
    async def withdraw_case(self, cases: NamedDependency[CasesService], current_user: NamedDependency[CurrentUser],
                            case_id: IdPath, data: JSONBody[CaseAction | None] = None) -> CaseOut:
        return await cases.withdraw(current_user, case_id, data.version if data else None)
