"""HTTP for oversight: the red-flag report (JSON or CSV) and the statistics."""

from datetime import date
from typing import Annotated, Literal

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from server.domain.oversight.models import FlagReport, StatsReport
from server.domain.oversight.service import OversightService, flags_csv
from server.identity import CurrentUser
from server.security import AUDITORS, STAFF

FromDate = Annotated[date | None, QueryParameter(name="from", description="first local date (inclusive)")]
ToDate = Annotated[date | None, QueryParameter(description="last local date (inclusive)")]


def wants_csv(request: Request, fmt: str | None) -> bool:
    if fmt is not None:
        return fmt == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


class OversightController(Controller):
    path = "/api/v1"
    tags = ["oversight"]

    @get("/audit/flags", guards=[AUDITORS], summary="Red flags: quick decisions, overdue, back-entry, failed "
         "checks approved, sign-off and conflict problems",
         description="JSON, or CSV (UTF-8 with BOM, a header row) with ?format=csv or Accept: text/csv. "
                     "`rule` takes rule codes or categories (quick, overdue, back_entry, checks, conflict), "
                     "repeated or comma-separated.")
    async def flags(self, request: Request, oversight: NamedDependency[OversightService],
                    current_user: NamedDependency[CurrentUser], from_: FromDate = None, to: ToDate = None,
                    rule: Annotated[list[str] | None, QueryParameter(
                        max_items=20, description="rule codes or categories")] = None,
                    format: Annotated[Literal["json", "csv"] | None, QueryParameter()] = None) -> Response:
        report: FlagReport = await oversight.flags(current_user, start=from_, end=to, rules=rule)
        if wants_csv(request, format):
            name = f"takan-red-flags-{(from_ or 'start')}-{(to or report.as_of)}.csv"
            return Response(flags_csv(report), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})
        return Response(report)

    @get("/stats", guards=[STAFF], summary="Statistics per period and item type",
         description="Cases counted by the local date of their first submission (basis=submitted, the default) "
                     "or of their decision (basis=decided). Default range: the last 12 months (or 12 weeks).")
    async def stats(self, oversight: NamedDependency[OversightService], current_user: NamedDependency[CurrentUser],
                    from_: FromDate = None, to: ToDate = None,
                    period: Annotated[Literal["month", "week"], QueryParameter()] = "month",
                    basis: Annotated[Literal["submitted", "decided"], QueryParameter()] = "submitted") -> StatsReport:
        return await oversight.stats(current_user, start=from_, end=to, period=period, basis=basis)
