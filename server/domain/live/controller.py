"""HTTP for live surveys: the booking of a case's video survey (预约)."""

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from server.domain.live.service import LiveService
from server.http import IdPath
from server.identity import CurrentUser
from server.security import ANYONE, APPLICANTS, OFFICERS, allow
from shared.enums import Role
from shared.live import (
    LiveAlternativesIn,
    LiveCancelIn,
    LiveOfferIn,
    LivePickIn,
    LiveRescheduleIn,
    LiveSessionList,
    LiveSessionOut,
)

# Either side of a booking: the case's applicant, or the bureau (an officer who holds the case,
# an administrator); auditors only read.
PARTIES = allow(Role.applicant, Role.officer, Role.admin)


class LiveController(Controller):
    path = "/api/v1/cases/{case_id:int}/live-sessions"
    tags = ["live survey"]

    @get("/", guards=[ANYONE], summary="A case's live sessions, newest first, each with its slots and history")
    async def list_sessions(self, live: NamedDependency[LiveService], current_user: NamedDependency[CurrentUser],
                            case_id: IdPath) -> LiveSessionList:
        return await live.of_case(current_user, case_id)

    @post("/", guards=[OFFICERS],
          summary="Offer slots for a live survey (an officer who holds the case, or an administrator)")
    async def offer(self, live: NamedDependency[LiveService], current_user: NamedDependency[CurrentUser],
                    case_id: IdPath, data: JSONBody[LiveOfferIn]) -> LiveSessionOut:
        return await live.offer(current_user, case_id, data)

    @post("/{session_id:int}/pick", guards=[APPLICANTS], status_code=200,
          summary="Book one of the offered slots (the case's applicant)")
    async def pick(self, live: NamedDependency[LiveService], current_user: NamedDependency[CurrentUser],
                   case_id: IdPath, session_id: IdPath, data: JSONBody[LivePickIn]) -> LiveSessionOut:
        return await live.pick(current_user, case_id, session_id, data)

    @post("/{session_id:int}/alternatives", guards=[APPLICANTS], status_code=200,
          summary="Ask for other times than those offered, with a message (the case's applicant)")
    async def request_alternatives(self, live: NamedDependency[LiveService],
                                   current_user: NamedDependency[CurrentUser], case_id: IdPath, session_id: IdPath,
                                   data: JSONBody[LiveAlternativesIn]) -> LiveSessionOut:
        return await live.request_alternatives(current_user, case_id, session_id, data)

    @post("/{session_id:int}/reschedule", guards=[PARTIES], status_code=200,
          summary="Reschedule with a reason: the bureau offers new slots; the applicant releases the booking")
    async def reschedule(self, live: NamedDependency[LiveService], current_user: NamedDependency[CurrentUser],
                         case_id: IdPath, session_id: IdPath, data: JSONBody[LiveRescheduleIn]) -> LiveSessionOut:
        return await live.reschedule(current_user, case_id, session_id, data)

    @post("/{session_id:int}/cancel", guards=[PARTIES], status_code=200,
          summary="Cancel the live survey with a reason (either side)")
    async def cancel(self, live: NamedDependency[LiveService], current_user: NamedDependency[CurrentUser],
                     case_id: IdPath, session_id: IdPath, data: JSONBody[LiveCancelIn]) -> LiveSessionOut:
        return await live.cancel(current_user, case_id, session_id, data)
