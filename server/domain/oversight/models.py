"""Wire shapes of oversight: the red-flag report and the statistics."""

from datetime import date, datetime
from typing import Any, Literal

import msgspec

from shared.enums import CaseStatus
from shared.models import PersonRef

Category = Literal["quick", "overdue", "back_entry", "checks", "conflict"]


class RuleInfo(msgspec.Struct, kw_only=True):
    code: str
    category: Category
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str


class RedFlag(msgspec.Struct, kw_only=True):
    """One rule firing on one case (for the per-officer rules: on one officer's opinion).

    `value` and `limit` are the rule's main number and its threshold, in `unit` (minutes,
    seconds, working_days, hours, days, items, officers); `details` holds the rest."""

    case_id: int
    reference: str
    title: str
    item_type: str
    item_type_name_zh: str
    status: CaseStatus
    rule: str
    category: Category
    name_zh: str
    name_en: str
    date: date  # the local date the flag is about (see the report's description of each rule)
    value: float | None = None
    limit: float | None = None
    unit: str = ""
    message_zh: str = ""
    message_en: str = ""
    officers: list[PersonRef] = msgspec.field(default_factory=list)
    evidence_ids: list[int] = msgspec.field(default_factory=list)
    details: dict[str, Any] = msgspec.field(default_factory=dict)


class Thresholds(msgspec.Struct, kw_only=True):
    quick_decision_minutes: int
    min_review_seconds: int
    capture_before_case_days: int
    min_signoffs: int


class FlagReport(msgspec.Struct, kw_only=True):
    from_: date | None = msgspec.field(name="from", default=None)
    to: date | None = None
    as_of: date  # open cases are judged as of this day (today, or `to` if earlier)
    generated_at: datetime
    timezone: str
    thresholds: Thresholds
    rules: list[RuleInfo]
    counts: dict[str, int]  # per rule code
    items: list[RedFlag] = msgspec.field(default_factory=list)


class GroupStats(msgspec.Struct, kw_only=True):
    """Figures over a group of cases (a period, an item type, or all).

    working_days: the bureau's working days from the first submission to the decision, the
    time the applicant spent on rectification left out (as the due date does); limit_share:
    those days divided by the case's time limit (1.0 = exactly at the limit). Medians and p90
    interpolate linearly between ranks (numpy's default)."""

    cases: int = 0
    by_status: dict[str, int] = msgspec.field(default_factory=dict)
    decided: int = 0
    approved: int = 0
    rejected: int = 0
    open: int = 0
    working_days_median: float | None = None
    working_days_p90: float | None = None
    limit_share_median: float | None = None
    limit_share_p90: float | None = None
    on_time: int = 0  # decided on or before the due date
    on_time_rate: float | None = None  # of decided cases
    rectified: int = 0  # decided cases that went through at least one rectification
    rectification_rate: float | None = None  # of decided cases
    ratings: dict[str, int] = msgspec.field(default_factory=dict)  # score "1".."5" -> count
    rating_count: int = 0
    rating_average: float | None = None
    good_rating_rate: float | None = None  # 4 or 5, of rated cases


class PeriodStats(GroupStats, kw_only=True):
    period: str = ""  # 2026-11 or 2026-W45
    start: date | None = None
    end: date | None = None  # inclusive
    by_item_type: dict[str, int] = msgspec.field(default_factory=dict)


class ItemTypeStats(GroupStats, kw_only=True):
    code: str = ""
    name_zh: str = ""
    name_en: str = ""
    time_limit_days: int | None = None


class StatsReport(msgspec.Struct, kw_only=True):
    from_: date = msgspec.field(name="from")
    to: date
    period: Literal["month", "week"]
    basis: Literal["submitted", "decided"]
    timezone: str
    generated_at: datetime
    total: GroupStats
    periods: list[PeriodStats] = msgspec.field(default_factory=list)
    item_types: list[ItemTypeStats] = msgspec.field(default_factory=list)
