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


# The one home of the case statuses' groupings (tuples: some are listed in this order).
# Decided by the officers.
DECIDED_STATUSES = (CaseStatus.approved, CaseStatus.rejected)
# Waiting for the officers: the review's clock runs.
UNDER_REVIEW_STATUSES = (CaseStatus.submitted, CaseStatus.in_review)
# Submitted and not decided: with the officers, or with the applicant for a rectification.
OPEN_STATUSES = (*UNDER_REVIEW_STATUSES, CaseStatus.rectification_requested)
# What the officers' queue lists, in the order of its tabs.
QUEUE_STATUSES = (*OPEN_STATUSES, *DECIDED_STATUSES)
# The applicant may add evidence.
EDITABLE_STATUSES = (CaseStatus.draft, CaseStatus.rectification_requested)


class UploadState(StrEnum):
    """Where a resumable upload stands: receiving bytes, then complete (filed as evidence) or
    failed (refused at ingest); ended early by the client (terminated) or by time (expired)."""

    receiving = "receiving"
    complete = "complete"
    failed = "failed"
    terminated = "terminated"
    expired = "expired"


# An upload that ended without being filed: its bytes are gone, a HEAD answers 410.
ENDED_UPLOAD_STATES = (UploadState.expired, UploadState.terminated)


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


VERDICT_ZH = {Verdict.pass_: "通过", Verdict.rectify: "限期整改", Verdict.fail: "不通过"}


class CheckStatus(StrEnum):
    pass_ = "pass"  # noqa: S105 (a verdict, not a password)
    warn = "warn"
    fail = "fail"
    unknown = "unknown"
