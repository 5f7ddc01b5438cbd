"""HTTP for reading and verifying the audit log. There is deliberately no route that changes it."""

from litestar import Controller, get
from litestar.di import NamedDependency

from server.domain.audit.service import AuditLog
from server.domain.cases.service import CasesService
from server.http import Cursor, IdPath, Limit, OptionalId
from server.identity import CurrentUser
from server.security import AUDITORS, STAFF
from shared.models import AuditEventList, AuditVerifyResult


class AuditController(Controller):
    path = "/api/v1"
    tags = ["audit"]

    @get("/audit/verify", guards=[AUDITORS], summary="Recompute the hash chain; names the first broken event")
    async def verify(self, audit: NamedDependency[AuditLog]) -> AuditVerifyResult:
        return await audit.verify()

    @get("/audit/events", guards=[AUDITORS], summary="The audit log, oldest first")
    async def events(self, audit: NamedDependency[AuditLog], case_id: OptionalId = None, cursor: Cursor = None,
                     limit: Limit = 100) -> AuditEventList:
        return await audit.page(case_id=case_id, cursor=cursor, limit=limit)

    @get("/cases/{case_id:int}/history", guards=[STAFF], summary="One case's audit events as a timeline")
    async def case_history(self, audit: NamedDependency[AuditLog], cases: NamedDependency[CasesService],
                           current_user: NamedDependency[CurrentUser], case_id: IdPath, cursor: Cursor = None,
                           limit: Limit = 200) -> AuditEventList:
        await cases.get(current_user, case_id)  # 404 for a case that does not exist
        return await audit.page(case_id=case_id, cursor=cursor, limit=limit)
