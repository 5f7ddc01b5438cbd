"""Oversight for auditors: the red-flag report (rules in rules.py) as JSON or CSV, and the
statistics (cases per period and item type, working days to decision against the time limit,
rectification and on-time rates, ratings)."""

import csv
import io
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from server.clock import Clock, date_from_db, from_db, to_db
from server.db.database import Database
from server.domain.catalogue.service import CatalogueService
from server.domain.oversight import repository
from server.domain.oversight.models import (
    FlagReport,
    GroupStats,
    ItemTypeStats,
    PeriodStats,
    RedFlag,
    StatsReport,
    Thresholds,
)
from server.domain.oversight.rules import CATEGORIES, RULES, FlagData, evaluate
from server.errors import BadRequest, Forbidden
from server.identity import CurrentUser
from server.settings import Settings
from shared.enums import DECIDED_STATUSES, OPEN_STATUSES, CaseStatus, Role
from shared.workdays import WorkCalendar

AUDITOR_ROLES = frozenset({Role.auditor, Role.admin})
STATS_ROLES = frozenset({Role.officer, Role.auditor, Role.admin})
MAX_STATS_DAYS = 5 * 366
CSV_COLUMNS = (
    ("reference", "案件编号"), ("title", "标题"), ("item_type", "事项"), ("status", "状态"), ("rule", "规则代码"),
    ("name_zh", "规则"), ("name_en", "Rule"), ("date", "日期"), ("value", "数值"), ("limit", "阈值"),
    ("unit", "单位"), ("message_zh", "说明"), ("message_en", "Description"), ("officers", "相关人员"),
    ("evidence_ids", "材料编号"),
)


def percentile(sorted_values: Sequence[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default, R type 7)."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (position - low) * (sorted_values[high] - sorted_values[low])


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _local_bounds(start: date | None, end: date | None, clock: Clock) -> tuple[str | None, str | None]:
    """[start, end] local dates as [start, end + 1 day) in stored UTC text."""
    tz = clock.tz
    low = to_db(datetime.combine(start, datetime.min.time(), tz)) if start else None
    high = to_db(datetime.combine(end + timedelta(days=1), datetime.min.time(), tz)) if end else None
    return low, high


def _csv_cell(value: object) -> str:
    """Text as Excel should show it: formulas neutralised (a title like "=HYPERLINK(...)" from an
    applicant must not run), numbers as numbers."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def flags_csv(report: FlagReport) -> bytes:
    """UTF-8 with a byte order mark (Excel then opens the Chinese text right), a header row in
    both languages, one row per flag."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f"{zh} {en}" if zh != en else en for en, zh in CSV_COLUMNS])
    for flag in report.items:
        row = {
            "reference": flag.reference, "title": flag.title, "item_type": flag.item_type_name_zh,
            "status": flag.status.value, "rule": flag.rule, "name_zh": flag.name_zh, "name_en": flag.name_en,
            "date": flag.date.isoformat(), "value": flag.value, "limit": flag.limit, "unit": flag.unit,
            "message_zh": flag.message_zh, "message_en": flag.message_en,
            "officers": "、".join(p.display_name for p in flag.officers),
            "evidence_ids": " ".join(str(i) for i in flag.evidence_ids),
        }
        writer.writerow([_csv_cell(row[name]) for name, _ in CSV_COLUMNS])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


@dataclass(eq=False)
class OversightService:
    db: Database
    settings: Settings
    clock: Clock
    catalogue: CatalogueService

    def thresholds(self) -> Thresholds:
        s = self.settings
        return Thresholds(quick_decision_minutes=s.flag_quick_decision_minutes,
                          min_review_seconds=s.flag_min_review_seconds,
                          capture_before_case_days=s.flag_capture_before_case_days,
                          min_signoffs=s.flag_min_signoffs)

    # ----- red flags -----

    @staticmethod
    def _rules(wanted: Iterable[str] | None) -> set[str]:
        if not wanted:
            return set(RULES)
        chosen = set()
        for name in wanted:
            for part in name.split(","):
                part = part.strip()
                if part in RULES:
                    chosen.add(part)
                elif part in CATEGORIES:
                    chosen.update(code for code, rule in RULES.items() if rule.category == part)
                elif part:
                    raise BadRequest(f"no rule or category {part!r}", code="unknown_rule",
                                     detail={"rules": sorted(RULES), "categories": sorted(CATEGORIES)})
        return chosen

    async def flags(self, user: CurrentUser, *, start: date | None, end: date | None,
                    rules: Iterable[str] | None = None) -> FlagReport:
        if user.role not in AUDITOR_ROLES:
            raise Forbidden("only auditors and administrators see the red-flag report", code="role_forbidden")
        if start and end and end < start:
            raise BadRequest("`to` is before `from`", code="bad_range")
        chosen = self._rules(rules)
        today = self.clock.today()
        as_of = min(today, end) if end else today
        low, high = _local_bounds(start, end, self.clock)
        calendar = await self.catalogue.calendar()
        async with self.db.read() as conn:
            data = FlagData(
                cases=await repository.flag_cases(conn, start=low, end=high),
                opinions=await repository.flag_opinions(conn, start=low, end=high),
                evidence=await repository.flag_evidence(conn, start=low, end=high),
                assignments=await repository.flag_assignments(conn, start=low, end=high),
                calendar=calendar, tz=self.settings.tz, thresholds=self.thresholds(), as_of=as_of,
            )
        items = [f for f in evaluate(data) if f.rule in chosen and self._in_range(f, start, end, as_of)]
        items.sort(key=lambda f: (f.date, f.reference, list(RULES).index(f.rule), [p.id for p in f.officers]))
        counts = Counter(f.rule for f in items)
        return FlagReport(
            from_=start, to=end, as_of=as_of, generated_at=self.clock.now(), timezone=self.settings.timezone,
            thresholds=data.thresholds, rules=[RULES[code] for code in RULES if code in chosen],
            counts={code: counts.get(code, 0) for code in RULES if code in chosen}, items=items,
        )

    @staticmethod
    def _in_range(flag: RedFlag, start: date | None, end: date | None, as_of: date) -> bool:
        if flag.rule == "overdue_open":  # overdue at some point within the range
            return (end is None or flag.date <= end) and (start is None or as_of >= start)
        return (start is None or flag.date >= start) and (end is None or flag.date <= end)

    # ----- statistics -----

    async def stats(self, user: CurrentUser, *, start: date | None, end: date | None, period: str,
                    basis: str) -> StatsReport:
        if user.role not in STATS_ROLES:
            raise Forbidden("statistics are for staff", code="role_forbidden")
        end = end or self.clock.today()
        if start is None:
            start = (end.replace(day=1) - timedelta(days=330)).replace(day=1) if period == "month" \
                else end - timedelta(days=end.weekday() + 7 * 11)
        if end < start:
            raise BadRequest("`to` is before `from`", code="bad_range")
        if (end - start).days > MAX_STATS_DAYS:
            raise BadRequest(f"at most {MAX_STATS_DAYS} days at once", code="range_too_long")
        low, high = _local_bounds(start, end, self.clock)
        calendar = await self.catalogue.calendar()
        async with self.db.read() as conn:
            rows = await repository.stats_cases(conn, basis=basis, start=low, end=high)
            pauses = await repository.stats_pauses(conn, basis=basis, start=low, end=high)
        paused = self._paused_days(pauses, calendar)
        tz = self.settings.tz
        facts = [self._facts(row, paused.get(row["id"], 0), calendar) for row in rows]
        buckets = _periods(start, end, period)
        by_period: dict[str, list[dict]] = defaultdict(list)
        by_item: dict[str, list[dict]] = defaultdict(list)
        item_rows: dict[str, dict] = {}
        for fact, row in zip(facts, rows, strict=True):
            anchor = from_db(row["submitted_at"] if basis == "submitted" else row["decided_at"]).astimezone(tz).date()
            by_period[_period_key(anchor, period)].append(fact)
            by_item[row["item_code"]].append(fact)
            item_rows.setdefault(row["item_code"], row)
        periods = []
        for key, first, last in buckets:
            group = by_period.get(key, [])
            periods.append(PeriodStats(period=key, start=first, end=last,
                                       by_item_type=dict(sorted(Counter(f["item"] for f in group).items())),
                                       **_group_fields(group)))
        item_types = [ItemTypeStats(code=code, name_zh=item_rows[code]["item_name_zh"],
                                    name_en=item_rows[code]["item_name_en"],
                                    time_limit_days=item_rows[code]["item_time_limit_days"],
                                    **_group_fields(group)) for code, group in sorted(by_item.items())]
        return StatsReport(from_=start, to=end, period=period, basis=basis, timezone=self.settings.timezone,
                           generated_at=self.clock.now(), total=GroupStats(**_group_fields(facts)), periods=periods,
                           item_types=item_types)

    def _paused_days(self, transitions, calendar: WorkCalendar) -> dict[int, int]:
        """Working days each case spent with the applicant for rectification."""
        paused: dict[int, int] = defaultdict(int)
        opened: dict[int, date] = {}
        for t in transitions:
            day = self.clock.local_date(from_db(t["at"]))
            if t["to_status"] == CaseStatus.rectification_requested:
                opened[t["case_id"]] = day
            elif t["case_id"] in opened:
                paused[t["case_id"]] += max(0, calendar.working_days_between(opened.pop(t["case_id"]), day))
        return paused

    def _facts(self, row, paused: int, calendar: WorkCalendar) -> dict:
        decided = row["status"] in DECIDED_STATUSES and row["decided_at"] is not None
        fact = {"status": row["status"], "item": row["item_code"], "decided": decided, "rating": row["rating"],
                "rectified": row["round"] > 0, "working_days": None, "limit_share": None, "on_time": None}
        if decided and row["submitted_at"]:
            submitted = self.clock.local_date(from_db(row["submitted_at"]))
            decided_on = self.clock.local_date(from_db(row["decided_at"]))
            days = max(0, calendar.working_days_between(submitted, decided_on) - paused)
            fact["working_days"] = days
            fact["limit_share"] = days / row["time_limit_days"] if row["time_limit_days"] else None
            due = date_from_db(row["due_date"])
            fact["on_time"] = due is not None and decided_on <= due
        return fact


def _group_fields(facts: list[dict]) -> dict:
    decided = [f for f in facts if f["decided"]]
    days = sorted(f["working_days"] for f in decided if f["working_days"] is not None)
    shares = sorted(f["limit_share"] for f in decided if f["limit_share"] is not None)
    scores = [f["rating"] for f in facts if f["rating"] is not None]
    on_time = sum(1 for f in decided if f["on_time"])
    rectified = sum(1 for f in decided if f["rectified"])
    statuses = Counter(f["status"] for f in facts)
    return {
        "cases": len(facts),
        "by_status": {s.value: statuses.get(s.value, 0) for s in CaseStatus if s != CaseStatus.draft},
        "decided": len(decided),
        "approved": statuses.get(CaseStatus.approved.value, 0),
        "rejected": statuses.get(CaseStatus.rejected.value, 0),
        "open": sum(statuses.get(s, 0) for s in OPEN_STATUSES),
        "working_days_median": _round(percentile(days, 0.5)),
        "working_days_p90": _round(percentile(days, 0.9)),
        "limit_share_median": _round(percentile(shares, 0.5), 3),
        "limit_share_p90": _round(percentile(shares, 0.9), 3),
        "on_time": on_time,
        "on_time_rate": _ratio(on_time, len(decided)),
        "rectified": rectified,
        "rectification_rate": _ratio(rectified, len(decided)),
        "ratings": {str(score): sum(1 for s in scores if s == score) for score in range(1, 6)},
        "rating_count": len(scores),
        "rating_average": _round(sum(scores) / len(scores)) if scores else None,
        "good_rating_rate": _ratio(sum(1 for s in scores if s >= 4), len(scores)),
    }


def _period_key(day: date, period: str) -> str:
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _periods(start: date, end: date, period: str) -> list[tuple[str, date, date]]:
    """Every period touching [start, end], in order, with its first and last day (clipped)."""
    out = []
    day = start
    while day <= end:
        if period == "month":
            following = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
        else:
            following = day - timedelta(days=day.weekday()) + timedelta(days=7)
        last = min(following - timedelta(days=1), end)
        out.append((_period_key(day, period), day, last))
        day = following
    return out
