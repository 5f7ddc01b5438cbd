"""The red-flag rules (DOMAIN.md, "Red flags auditors look for"), as plain functions over the
rows the repository reads. Each rule says exactly when it fires; `RULES` carries the words.

Dates: every flag carries the local date it is about, which the report's from/to filter on:
the decision date for a decided case; for a case still open, the day it became overdue
(overdue_open) or the day of its last submission (the other rules).
"""

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from server.clock import date_from_db, from_db
from server.domain.oversight.models import RedFlag, RuleInfo, Thresholds
from shared.enums import DECIDED_STATUSES, UNDER_REVIEW_STATUSES, CaseStatus
from shared.models import PersonRef
from shared.workdays import WorkCalendar

VERDICT_OF = {CaseStatus.approved: "pass", CaseStatus.rejected: "fail"}
DECISION_ZH = {CaseStatus.approved: "准予", CaseStatus.rejected: "不予"}
FAILED_CHECKS = ("geofence", "duplicate")


def _rule(code: str, category: str, name_zh: str, name_en: str, description_zh: str, description_en: str) -> RuleInfo:
    return RuleInfo(code=code, category=category, name_zh=name_zh, name_en=name_en, description_zh=description_zh,
                    description_en=description_en)


RULES: dict[str, RuleInfo] = {r.code: r for r in (
    _rule("quick_decision", "quick", "秒批：提交后过快作出决定", "Quick decision after submission",
          "准予或不予的决定距最后一次提交不足 N 分钟。",
          "Approved or rejected less than N minutes after the case's last submission."),
    _rule("quick_review", "quick", "秒批：查看材料时间过短即签署", "Signed after too little time on the evidence",
          "作出决定的那一轮中，某位审批人员在其意见（最后修改时）之前累计查看本案材料不足 M 秒。",
          "In the round that decided the case, an officer whose opinion (as last saved) came after less than "
          "M seconds in total with the case's evidence open."),
    _rule("overdue_decided", "overdue", "逾期：超过办结期限作出决定", "Decided after the due date",
          "决定日期（本地）晚于办结期限。", "The decision's local date is after the due date."),
    _rule("overdue_open", "overdue", "逾期：超过办结期限仍未办结", "Still open after the due date",
          "已提交或审查中，截至统计日已超过办结期限（整改期间期限顺延，不计）。",
          "Submitted or in review, and past its due date on the report's as-of day (while awaiting "
          "rectification the due date is suspended, so such cases are not counted)."),
    _rule("back_entry_after_decision", "back_entry", "补录：材料拍摄或上传晚于决定",
          "Evidence captured or received after the decision",
          "任一材料（含已替换的）的服务器接收时间或文件拍摄时间晚于决定时间。",
          "Any evidence item (superseded ones too) received by the server, or captured by its own "
          "account, after the decision."),
    _rule("back_entry_old_capture", "back_entry", "补录：材料拍摄时间远早于申请",
          "Evidence captured long before the case existed",
          "已提交（未撤回）案件的现行材料，拍摄时间早于申请创建时间 K 天以上。",
          "A current evidence item of a submitted (not withdrawn) case captured more than K days before the "
          "case was created."),
    _rule("approved_failed_check", "checks", "定位或重复核验未通过仍准予",
          "Approved despite a failed location or duplicate check",
          "准予的案件中，现行材料的拍摄位置（geofence）或重复照片（duplicate）核验结果为不通过。",
          "An approved case whose current evidence has a failed geofence or duplicate check."),
    _rule("missing_signoffs", "conflict", "冲突：签署人数不足", "Fewer signing officers than required",
          "作出决定的那一轮中，意见与决定一致的不同审批人员少于要求人数（案件要求与法定最少 2 人取较大者）。",
          "In the deciding round, fewer distinct officers whose opinion matches the decision than required "
          "(the case's sign-offs or the legal minimum, whichever is more)."),
    _rule("officer_same_org", "conflict", "冲突：审批人员与申请人同单位", "Officer from the applicant's organisation",
          "签署意见的审批人员与申请人的单位相同。",
          "An officer who signed an opinion belongs to the applicant's organisation."),
    _rule("applicant_as_officer", "conflict", "冲突：申请人账号参与审批", "The applicant acting as officer",
          "签署意见的是申请人本人的账号；或该人员账号为本案上传过材料；或其姓名与申请人相同（可能一人两个账号）。",
          "An opinion signed by the applicant's own account, or by an account that uploaded evidence to the "
          "case, or by someone with the applicant's name (possibly one person with two accounts)."),
)}
CATEGORIES = frozenset(r.category for r in RULES.values())


@dataclass(slots=True)
class FlagData:
    cases: list
    opinions: list
    evidence: list
    assignments: list
    calendar: WorkCalendar
    tz: ZoneInfo
    thresholds: Thresholds
    as_of: date


def _same_text(a: str | None, b: str | None) -> bool:
    def norm(text: str | None) -> str:
        return "".join((text or "").split()).casefold()

    return bool(norm(a)) and norm(a) == norm(b)


def _duration_zh(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} 秒"
    if seconds < 7200:
        return f"{seconds / 60:.0f} 分钟"
    return f"{seconds / 3600:.1f} 小时"


def _duration_en(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class _Case:
    """One case with what the rules need of it."""

    def __init__(self, row, data: FlagData):
        self.row = row
        self.id = row["id"]
        self.status = row["status"]
        self.decided_at = from_db(row["decided_at"])
        self.created_at = from_db(row["created_at"])
        self.last_submitted_at = from_db(row["last_submitted_at"] or row["submitted_at"])
        self.due = date_from_db(row["due_date"])
        self.tz = data.tz
        self.opinions: list = []
        self.evidence: list = []
        self.assigned: list = []

    def local(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    @property
    def decided(self) -> bool:
        return self.status in DECIDED_STATUSES and self.decided_at is not None

    @property
    def date(self) -> date:
        """The date most flags on this case are about."""
        return self.local(self.decided_at if self.decided_at else self.last_submitted_at)

    def deciding_opinions(self) -> list:
        return [o for o in self.opinions if o["round"] == self.row["round"]]

    def numbers(self) -> dict[int, int]:
        return {e["id"]: n for n, e in enumerate(self.evidence, 1)}

    def current_evidence(self) -> list:
        return [e for e in self.evidence if e["superseded_by"] is None]


def _people(rows: Iterable, id_key: str = "officer_id", name_key: str = "officer_name",
            org_key: str = "officer_organisation") -> list[PersonRef]:
    seen, people = set(), []
    for r in rows:
        if r[id_key] not in seen:
            seen.add(r[id_key])
            people.append(PersonRef(id=r[id_key], display_name=r[name_key], organisation=r[org_key] or ""))
    return people


def _flag(case: _Case, code: str, *, on: date, value: float | None, limit: float | None, unit: str, zh: str, en: str,
          officers: list[PersonRef] = (), evidence_ids: list[int] = (), **details) -> RedFlag:
    rule = RULES[code]
    row = case.row
    return RedFlag(
        case_id=row["id"], reference=row["reference"], title=row["title"], item_type=row["item_code"],
        item_type_name_zh=row["item_name_zh"], status=CaseStatus(row["status"]), rule=code, category=rule.category,
        name_zh=rule.name_zh, name_en=rule.name_en, date=on, value=value, limit=limit, unit=unit,
        message_zh=zh, message_en=en, officers=list(officers), evidence_ids=list(evidence_ids), details=details,
    )


def evaluate(data: FlagData) -> list[RedFlag]:
    cases = {row["id"]: _Case(row, data) for row in data.cases}
    for o in data.opinions:
        if o["case_id"] in cases:
            cases[o["case_id"]].opinions.append(o)
    for e in data.evidence:
        if e["case_id"] in cases:
            cases[e["case_id"]].evidence.append(e)
    for a in data.assignments:
        if a["case_id"] in cases:
            cases[a["case_id"]].assigned.append(a)
    flags: list[RedFlag] = []
    for case in cases.values():
        for rule in (quick_decision, quick_review, overdue_decided, overdue_open, back_entry_after_decision,
                     back_entry_old_capture, approved_failed_check, missing_signoffs, officer_same_org,
                     applicant_as_officer):
            flags.extend(rule(case, data))
    return flags


# ----------------------------------------------------------------------------- 秒批


def quick_decision(case: _Case, data: FlagData) -> list[RedFlag]:
    if not case.decided or case.last_submitted_at is None:
        return []
    seconds = (case.decided_at - case.last_submitted_at).total_seconds()
    limit = data.thresholds.quick_decision_minutes
    if seconds >= limit * 60:
        return []
    word = DECISION_ZH[case.status]
    return [_flag(
        case, "quick_decision", on=case.date, value=round(seconds / 60, 1), limit=limit, unit="minutes",
        zh=f"最后一次提交后 {_duration_zh(seconds)}即作出{word}决定；阈值 {limit} 分钟。",
        en=f"{case.status} {_duration_en(seconds)} after the last submission; limit {limit} min.",
        officers=_people(case.deciding_opinions()), seconds=round(seconds), submitted_at=case.row["last_submitted_at"],
        decided_at=case.row["decided_at"],
    )]


def quick_review(case: _Case, data: FlagData) -> list[RedFlag]:
    if not case.decided:
        return []
    limit = data.thresholds.min_review_seconds
    current = len(case.current_evidence())
    flags = []
    for o in case.deciding_opinions():
        seconds = o["viewed_ms"] / 1000
        if seconds >= limit:
            continue
        flags.append(_flag(
            case, "quick_review", on=case.date, value=round(seconds, 1), limit=limit, unit="seconds",
            zh=f"{o['officer_name']} 签署「{o['verdict']}」意见前累计查看材料 {_duration_zh(seconds)}"
               f"（打开 {o['viewed_items']} 项，现行材料 {current} 项）；阈值 {limit} 秒。",
            en=f"{o['officer_name']} signed '{o['verdict']}' after {_duration_en(seconds)} in total with the "
               f"evidence open ({o['viewed_items']} items opened of {current} current); limit {limit} s.",
            officers=_people([o]), opinion_id=o["id"], viewed_ms=o["viewed_ms"], viewed_items=o["viewed_items"],
            current_items=current, signed_at=o["updated_at"],
        ))
    return flags


# ----------------------------------------------------------------------------- 逾期


def overdue_decided(case: _Case, data: FlagData) -> list[RedFlag]:
    if not case.decided or case.due is None:
        return []
    decided = case.local(case.decided_at)
    if decided <= case.due:
        return []
    days = (decided - case.due).days
    working = data.calendar.working_days_between(case.due, decided)
    limit = case.row["time_limit_days"]
    return [_flag(
        case, "overdue_decided", on=decided, value=days, limit=0, unit="days",
        zh=f"{decided.isoformat()} 作出决定，晚于办结期限 {case.due.isoformat()} 共 {days} 天"
           f"（{working} 个工作日）；时限 {limit} 个工作日。",
        en=f"decided on {decided.isoformat()}, {days} days ({working} working days) after the due date "
           f"{case.due.isoformat()}; time limit {limit} working days.",
        officers=_people(case.deciding_opinions()) or _people(case.assigned), due_date=case.due.isoformat(),
        working_days_late=working, time_limit_days=limit,
    )]


def overdue_open(case: _Case, data: FlagData) -> list[RedFlag]:
    if case.status not in UNDER_REVIEW_STATUSES or case.due is None or case.due >= data.as_of:
        return []
    days = (data.as_of - case.due).days
    working = data.calendar.working_days_between(case.due, data.as_of)
    limit = case.row["time_limit_days"]
    state = {"submitted": "已提交待审", "in_review": "审查中"}[case.status]
    return [_flag(
        case, "overdue_open", on=case.due + timedelta(days=1), value=days, limit=0, unit="days",
        zh=f"办结期限 {case.due.isoformat()} 已过 {days} 天（{working} 个工作日），截至 {data.as_of.isoformat()} "
           f"仍为「{state}」；时限 {limit} 个工作日。",
        en=f"still {case.status.replace('_', ' ')} on {data.as_of.isoformat()}, {days} days ({working} working "
           f"days) after the due date {case.due.isoformat()}; time limit {limit} working days.",
        officers=_people(case.assigned), due_date=case.due.isoformat(), working_days_late=working,
        time_limit_days=limit, as_of=data.as_of.isoformat(),
    )]


# ----------------------------------------------------------------------------- 补录


def back_entry_after_decision(case: _Case, data: FlagData) -> list[RedFlag]:
    if not case.decided:
        return []
    numbers = case.numbers()
    late = []
    for e in case.evidence:
        received, captured = from_db(e["received_at"]), from_db(e["captured_at"])
        after = max((t for t in (received, captured) if t is not None and t > case.decided_at), default=None)
        if after is not None:
            late.append((e, received, captured, (after - case.decided_at).total_seconds()))
    if not late:
        return []
    worst = max(seconds for *_, seconds in late)
    parts_zh, parts_en = [], []
    for e, received, captured, _ in late:
        what_zh = "接收" if received > case.decided_at else "拍摄"
        what_en = "received" if received > case.decided_at else "captured"
        moment = received if received > case.decided_at else captured
        parts_zh.append(f"材料 {numbers[e['id']]:02d}（{e['requirement_key']}）{what_zh}于决定后 "
                        f"{_duration_zh((moment - case.decided_at).total_seconds())}")
        parts_en.append(f"evidence {numbers[e['id']]:02d} ({e['requirement_key']}) {what_en} "
                        f"{_duration_en((moment - case.decided_at).total_seconds())} after the decision")
    return [_flag(
        case, "back_entry_after_decision", on=case.date, value=round(worst / 3600, 2), limit=0, unit="hours",
        zh="；".join(parts_zh) + f"（决定时间 {case.decided_at.astimezone(case.tz):%Y-%m-%d %H:%M}）。",
        en="; ".join(parts_en) + f" (decided {case.decided_at.astimezone(case.tz):%Y-%m-%d %H:%M}).",
        officers=_people(case.deciding_opinions()), evidence_ids=[e["id"] for e, *_ in late],
        decided_at=case.row["decided_at"],
    )]


def back_entry_old_capture(case: _Case, data: FlagData) -> list[RedFlag]:
    if case.status == CaseStatus.withdrawn:  # given up before any decision: nothing was decided on it
        return []
    limit = data.thresholds.capture_before_case_days
    cutoff = case.created_at - timedelta(days=limit)
    numbers = case.numbers()
    old = [(e, from_db(e["captured_at"])) for e in case.current_evidence()
           if e["captured_at"] is not None and from_db(e["captured_at"]) < cutoff]
    if not old:
        return []
    ages = [(case.created_at - captured).total_seconds() / 86400 for _, captured in old]
    return [_flag(
        case, "back_entry_old_capture", on=case.date, value=round(max(ages), 1), limit=limit, unit="days",
        zh="；".join(f"材料 {numbers[e['id']]:02d}（{e['requirement_key']}）拍摄于 "
                    f"{captured.astimezone(case.tz):%Y-%m-%d}，早于申请创建 {age:.0f} 天"
                    for (e, captured), age in zip(old, ages, strict=True)) + f"；阈值 {limit} 天。",
        en="; ".join(f"evidence {numbers[e['id']]:02d} ({e['requirement_key']}) captured "
                     f"{captured.astimezone(case.tz):%Y-%m-%d}, {age:.0f} days before the case was created"
                     for (e, captured), age in zip(old, ages, strict=True)) + f"; limit {limit} days.",
        officers=_people(case.deciding_opinions()), evidence_ids=[e["id"] for e, _ in old],
        case_created_at=case.row["created_at"],
    )]


# ----------------------------------------------------------------------------- checks


def approved_failed_check(case: _Case, data: FlagData) -> list[RedFlag]:
    if case.status != CaseStatus.approved or not case.decided:
        return []
    numbers = case.numbers()
    failed = []
    for e in case.current_evidence():
        if not e["fail_count"] or not e["checks"]:
            continue
        for check in json.loads(e["checks"]):
            if check.get("name") in FAILED_CHECKS and check.get("status") == "fail":
                failed.append((e, check))
    if not failed:
        return []
    return [_flag(
        case, "approved_failed_check", on=case.date, value=len({e["id"] for e, _ in failed}), limit=0, unit="items",
        zh="；".join(f"材料 {numbers[e['id']]:02d}（{e['requirement_key']}）{c['name']} 不通过："
                    f"{c.get('message_zh', '')}" for e, c in failed),
        en="; ".join(f"evidence {numbers[e['id']]:02d} ({e['requirement_key']}) failed {c['name']}: "
                     f"{c.get('message_en', '')}" for e, c in failed),
        officers=_people(case.deciding_opinions()), evidence_ids=sorted({e["id"] for e, _ in failed}),
        checks=[{"evidence_id": e["id"], "name": c["name"], "data": c.get("data", {})} for e, c in failed],
    )]


# ----------------------------------------------------------------------------- conflicts


def missing_signoffs(case: _Case, data: FlagData) -> list[RedFlag]:
    if not case.decided:
        return []
    required = max(case.row["required_signoffs"], data.thresholds.min_signoffs)
    agreeing = [o for o in case.deciding_opinions() if o["verdict"] == VERDICT_OF[case.status]]
    distinct = len({o["officer_id"] for o in agreeing})
    if distinct >= required:
        return []
    names = "、".join(p.display_name for p in _people(agreeing)) or "无"
    return [_flag(
        case, "missing_signoffs", on=case.date, value=distinct, limit=required, unit="officers",
        zh=f"第 {case.row['round'] + 1} 轮作出{DECISION_ZH[case.status]}决定，"
           f"意见一致的签署人员 {distinct} 人（{names}），应至少 {required} 人"
           f"（案件要求 {case.row['required_signoffs']} 人，法定最少 {data.thresholds.min_signoffs} 人）。",
        en=f"{case.status} in round {case.row['round'] + 1} with {distinct} distinct officer(s) agreeing "
           f"({names}); at least {required} required (the case asks {case.row['required_signoffs']}, the legal "
           f"minimum is {data.thresholds.min_signoffs}).",
        officers=_people(agreeing), required_signoffs=case.row["required_signoffs"],
    )]


def _opinion_date(case: _Case, o) -> date:
    return case.date if case.decided else case.local(from_db(o["updated_at"]))


def officer_same_org(case: _Case, data: FlagData) -> list[RedFlag]:
    organisation = case.row["applicant_organisation"]
    same = [o for o in case.opinions if _same_text(o["officer_organisation"], organisation)]
    if not same:
        return []
    people = _people(same)
    return [_flag(
        case, "officer_same_org", on=max(_opinion_date(case, o) for o in same), value=len(people), limit=0,
        unit="officers",
        zh=f"签署意见的 {'、'.join(p.display_name for p in people)} 与申请人 {case.row['applicant_name']} "
           f"同属「{organisation}」。",
        en=f"{', '.join(p.display_name for p in people)} signed an opinion and belong(s) to the applicant's "
           f"organisation, {organisation}.",
        officers=people, organisation=organisation,
    )]


def applicant_as_officer(case: _Case, data: FlagData) -> list[RedFlag]:
    applicant = case.row["applicant_id"]
    uploaders = {e["uploaded_by"] for e in case.evidence}
    reasons: dict[int, list[tuple[str, str]]] = defaultdict(list)
    signed = {}
    for o in case.opinions:
        signed.setdefault(o["officer_id"], o)
    for officer_id, o in signed.items():
        if officer_id == applicant:
            reasons[officer_id].append(("签署人即申请人本人账号",
                                        "the opinion was signed by the applicant's own account"))
        elif officer_id in uploaders:
            reasons[officer_id].append(("该账号曾为本案上传材料", "this account uploaded evidence to the case"))
        if officer_id != applicant and _same_text(o["officer_name"], case.row["applicant_name"]):
            reasons[officer_id].append(("与申请人姓名相同，可能为同一人的两个账号",
                                        "same name as the applicant: possibly one person with two accounts"))
    if not reasons:
        return []
    people = _people([signed[i] for i in reasons])
    return [_flag(
        case, "applicant_as_officer", on=max(_opinion_date(case, signed[i]) for i in reasons), value=len(people),
        limit=0, unit="officers",
        zh="；".join(f"{signed[i]['officer_name']}：{'，'.join(zh for zh, _ in why)}"
                    for i, why in reasons.items()) + "。",
        en="; ".join(f"{signed[i]['officer_name']}: {', '.join(en for _, en in why)}" for i, why in reasons.items())
           + ".",
        officers=people, applicant_id=applicant,
    )]
