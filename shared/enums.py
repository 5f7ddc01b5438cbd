"""Enumerations both sides agree on. Values are the wire strings."""

from enum import StrEnum


class Role(StrEnum):
    applicant = "applicant"
    officer = "officer"
    auditor = "auditor"
    admin = "admin"


class CaseStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    in_review = "in_review"
    rectification_requested = "rectification_requested"
    approved = "approved"
    rejected = "rejected"
    withdrawn = "withdrawn"


# States in which nothing will happen to a case any more.
FINAL_STATUSES = frozenset({CaseStatus.approved, CaseStatus.rejected, CaseStatus.withdrawn})
# States in which the applicant may add evidence.
EDITABLE_STATUSES = frozenset({CaseStatus.draft, CaseStatus.rectification_requested})


class MediaKind(StrEnum):
    photo = "photo"
    video = "video"


class Datum(StrEnum):
    """Coordinate systems in use in China. Phones' GPS writes WGS-84; AMap and Tencent maps use
    GCJ-02; Baidu uses BD-09."""

    wgs84 = "wgs84"
    gcj02 = "gcj02"
    bd09 = "bd09"


class Verdict(StrEnum):
    pass_ = "pass"  # noqa: S105 (a verdict, not a password)
    rectify = "rectify"
    fail = "fail"


class CheckStatus(StrEnum):
    pass_ = "pass"  # noqa: S105 (a verdict, not a password)
    warn = "warn"
    fail = "fail"
    unknown = "unknown"
