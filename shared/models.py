"""Wire shapes of the HTTP API (msgspec Structs), used by the server and the reviewer app.

New fields always get defaults, so an older reviewer app keeps decoding a newer server's
answers and the other way round.
"""

import re
from datetime import date, datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from shared.enums import CaseStatus, Datum, MediaKind, Role, UploadState, Verdict
from shared.evidence import CaptureMetadata, CheckResult, ClientCapture, RequirementCoverage

# Reusable constrained types: every string from a user has a length limit, and none holds a
# control character (a NUL cut a title short in the report PDF); text of several lines keeps tab,
# line feed and carriage return.
ONE_LINE = r"^[^\x00-\x1f\x7f-\x9f]*$"
LINES = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"


def text(max_length: int, *, min_length: int = 0, one_line: bool = False):
    """A user's text of at most `max_length` characters, without control characters."""
    return Annotated[str, Meta(min_length=min_length, max_length=max_length, pattern=ONE_LINE if one_line else LINES)]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_control_characters(value: str) -> str:
    """What a client sends of pasted text: the control characters the API refuses taken out
    (tab, line feed and carriage return stay)."""
    return _CONTROL.sub("", value)


Name = text(200, min_length=1, one_line=True)
ShortText = text(200, one_line=True)
LongText = text(20_000)
Key = Annotated[str, Meta(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
Username = Annotated[str, Meta(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")]
Password = Annotated[str, Meta(min_length=8, max_length=256)]
Latitude = Annotated[float, Meta(ge=-90, le=90)]
Longitude = Annotated[float, Meta(ge=-180, le=180)]
Id = Annotated[int, Meta(ge=1, le=2**62)]


class ErrorBody(msgspec.Struct, kw_only=True):
    """The one error body of every endpoint."""

    code: str
    message: str
    detail: dict = msgspec.field(default_factory=dict)


class Page(msgspec.Struct, kw_only=True):
    """Cursor pagination: pass `next_cursor` back as `cursor` for the next page; null at the end."""

    next_cursor: str | None = None


# ----- accounts -----------------------------------------------------------------------------


class LoginRequest(msgspec.Struct, kw_only=True):
    username: Annotated[str, Meta(min_length=1, max_length=64)]
    password: Annotated[str, Meta(min_length=1, max_length=256)]


class UserOut(msgspec.Struct, kw_only=True):
    id: int
    username: str
    display_name: str
    role: Role
    organisation: str = ""
    active: bool = True
    created_at: datetime | None = None


class LoginResponse(msgspec.Struct, kw_only=True):
    token: str
    expires_at: datetime
    user: UserOut


class UserCreate(msgspec.Struct, kw_only=True):
    username: Username
    password: Password
    display_name: Name
    role: Role
    organisation: ShortText = ""


class UserUpdate(msgspec.Struct, kw_only=True):
    """Only the fields given change."""

    display_name: Name | None = None
    organisation: ShortText | None = None
    active: bool | None = None
    password: Password | None = None


class UserList(Page, kw_only=True):
    items: list[UserOut] = msgspec.field(default_factory=list)


# ----- item catalogue -----------------------------------------------------------------------


class FieldSpec(msgspec.Struct, kw_only=True):
    """A field the applicant fills in when creating a case of an item, e.g. building number."""

    key: Key
    label_zh: Name
    label_en: Name
    type: Literal["text", "int"] = "text"
    required: bool = True
    min: int | None = None
    max: int | None = None


class Requirement(msgspec.Struct, kw_only=True):
    """One line of the checklist (明白纸): what to show, as a photo or a video."""

    key: Key
    title_zh: Name
    title_en: Name
    guidance_zh: LongText = ""
    guidance_en: LongText = ""
    kind: MediaKind = MediaKind.photo
    min_count: Annotated[int, Meta(ge=0, le=100)] = 1
    required: bool = True
    min_duration_s: Annotated[float, Meta(ge=0, le=3600)] | None = None
    min_pixels: Annotated[int, Meta(ge=0, le=200_000_000)] | None = None
    sample_media: list[text(500, one_line=True)] = msgspec.field(default_factory=list)


class ItemTypeIn(msgspec.Struct, kw_only=True):
    code: Key
    name_zh: Name
    name_en: Name
    guide_zh: LongText = ""
    guide_en: LongText = ""
    time_limit_days: Annotated[int, Meta(ge=1, le=365)] = 20
    geofence_radius_m: Annotated[float, Meta(gt=0, le=100_000)] = 300.0
    required_signoffs: Annotated[int, Meta(ge=1, le=5)] = 2
    capture_window_days: Annotated[int, Meta(ge=1, le=365)] = 30
    fields: Annotated[list[FieldSpec], Meta(max_length=50)] = msgspec.field(default_factory=list)
    checklist: Annotated[list[Requirement], Meta(min_length=1, max_length=100)] = msgspec.field(
        default_factory=list
    )


class ItemTypeOut(ItemTypeIn, kw_only=True):
    id: int = 0
    active: bool = True
    version: int = 1
    updated_at: datetime | None = None


class ItemTypeList(Page, kw_only=True):
    items: list[ItemTypeOut] = msgspec.field(default_factory=list)


# ----- sites --------------------------------------------------------------------------------


class SiteIn(msgspec.Struct, kw_only=True):
    """`lat`/`lon` are in `datum`: pick GCJ-02 for a point read off AMap or Tencent maps, BD-09
    for Baidu, WGS-84 for GPS. The server stores WGS-84."""

    name: Name
    address: ShortText = ""
    lat: Latitude
    lon: Longitude
    datum: Datum = Datum.wgs84
    radius_m: Annotated[float, Meta(gt=0, le=100_000)] | None = None


class SiteOut(msgspec.Struct, kw_only=True):
    id: int
    name: str
    address: str
    lat: float
    lon: float
    input_datum: Datum = Datum.wgs84
    input_lat: float | None = None
    input_lon: float | None = None
    radius_m: float | None = None


class SiteList(Page, kw_only=True):
    items: list[SiteOut] = msgspec.field(default_factory=list)


# ----- cases --------------------------------------------------------------------------------

FieldValue = text(2000) | int
FieldKey = text(64, one_line=True)


class CaseCreate(msgspec.Struct, kw_only=True):
    item_type: Key
    site_id: Id
    title: Name
    fields: dict[FieldKey, FieldValue] = msgspec.field(default_factory=dict)


class CaseUpdate(msgspec.Struct, kw_only=True):
    """A draft's title and fields may change until it is submitted. `version`, if given, must
    be the one the client read."""

    version: int | None = None
    title: Name | None = None
    fields: dict[FieldKey, FieldValue] | None = None


class PersonRef(msgspec.Struct, kw_only=True):
    id: int
    display_name: str
    organisation: str = ""


class ItemTypeRef(msgspec.Struct, kw_only=True):
    code: str
    name_zh: str
    name_en: str


class Rectification(msgspec.Struct, kw_only=True):
    """The rectification in force (限期整改): what to redo, why, and by when."""

    round: int
    requested_at: datetime | None = None
    deadline: date | None = None
    requirements: list[str] = msgspec.field(default_factory=list)
    reasons: str = ""
    overdue: bool = False


class CaseOut(msgspec.Struct, kw_only=True):
    id: int
    reference: str
    title: str
    status: CaseStatus
    item_type: ItemTypeRef
    applicant: PersonRef
    site: SiteOut
    fields: dict[str, FieldValue]
    checklist: list[Requirement]
    challenge_code: str
    created_at: datetime
    submitted_at: datetime | None = None
    due_date: date | None = None
    decided_at: datetime | None = None
    version: int = 1
    geofence_radius_m: float = 300.0
    capture_window_days: int = 30
    required_signoffs: int = 2
    # How many times it was sent back for rectification, and the one in force if any.
    round: int = 0
    rectification: Rectification | None = None
    # Failed and warned checks over its current evidence; whether its officers disagree.
    fail_checks: int = 0
    warn_checks: int = 0
    disputed: bool = False


class CaseList(Page, kw_only=True):
    items: list[CaseOut] = msgspec.field(default_factory=list)


class CaseAction(msgspec.Struct, kw_only=True):
    """Body of a state change: the version the client saw, so a stale action is refused."""

    version: int | None = None


# ----- audit --------------------------------------------------------------------------------


class AuditEventOut(msgspec.Struct, kw_only=True):
    seq: int
    at: datetime
    actor_id: int | None
    actor_name: str | None = None
    action: str
    object_type: str
    object_id: str
    case_id: int | None = None
    details: dict = msgspec.field(default_factory=dict)
    prev_hash: str
    hash: str


class AuditEventList(Page, kw_only=True):
    items: list[AuditEventOut] = msgspec.field(default_factory=list)


class AuditVerifyResult(msgspec.Struct, kw_only=True):
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    reason: str | None = None


class ItemTypePut(ItemTypeIn, kw_only=True):
    """Replace an item type; `version` (if given) must be the one the client read."""

    version: int | None = None


# ----- evidence -----------------------------------------------------------------------------
# (capture metadata, the phone's report and check results are in shared/evidence.py)


class EvidenceUrls(msgspec.Struct, kw_only=True):
    """Signed links that work without the bearer token (for <img>, video players), until
    `expires_at`. Variants without a file are null."""

    original: str
    thumb_256: str | None = None
    thumb_1280: str | None = None
    poster: str | None = None
    expires_at: datetime | None = None


class EvidenceOut(msgspec.Struct, kw_only=True):
    id: int
    case_id: int
    requirement_key: str
    kind: MediaKind
    sha256: str
    size: int
    mime: str
    original_name: str = ""
    received_at: datetime
    uploaded_by: PersonRef
    round: int = 0
    metadata: CaptureMetadata = msgspec.field(default_factory=CaptureMetadata)
    client: ClientCapture | None = None
    width: int | None = None
    height: int | None = None
    checks: list[CheckResult] = msgspec.field(default_factory=list)
    fail_count: int = 0
    warn_count: int = 0
    superseded_by: int | None = None
    superseded_at: datetime | None = None
    # True when only part of a damaged file could be decoded for the thumbnails.
    partial: bool = False
    urls: EvidenceUrls | None = None


class EvidenceList(msgspec.Struct, kw_only=True):
    """A case's evidence, superseded items included (and marked), with checklist coverage."""

    items: list[EvidenceOut] = msgspec.field(default_factory=list)
    coverage: list[RequirementCoverage] = msgspec.field(default_factory=list)


class UploadStatus(msgspec.Struct, kw_only=True):
    """Where a resumable upload stands (GET /uploads/{id}): the evidence once ingested, or why
    it failed."""

    id: str
    case_id: int
    requirement_key: str
    length: int
    received: int
    state: UploadState
    evidence_id: int | None = None
    error: ErrorBody | None = None
    expires_at: datetime | None = None


# ----- notifications (信息推送) -------------------------------------------------------------


class EventOut(msgspec.Struct, kw_only=True):
    """One entry of a user's feed. `kind` is e.g. case.submitted, case.assigned, case.decided,
    case.rectification_requested, comment.added, evidence.added; `payload` carries the case's
    reference and title and a sentence in each language."""

    id: int
    kind: str
    case_id: int | None = None
    created_at: datetime
    payload: dict = msgspec.field(default_factory=dict)


class EventList(msgspec.Struct, kw_only=True):
    """Pass `next_after` back as `after` to get what happened since."""

    items: list[EventOut] = msgspec.field(default_factory=list)
    next_after: int = 0


# ----- review (踏勘意见, queue, assignment, views) -------------------------------------------


class RequirementResult(msgspec.Struct, kw_only=True):
    """An officer's pass/fail for one checklist line, with a note."""

    key: Key
    result: Literal["pass", "fail"]
    note: text(2000) = ""


class OpinionIn(msgspec.Struct, kw_only=True):
    """A survey opinion. Reasons are required for rectify and fail; rectify also needs a
    deadline and the requirements to redo."""

    verdict: Verdict
    reasons: text(5000) = ""
    requirement_results: Annotated[list[RequirementResult], Meta(max_length=100)] = msgspec.field(
        default_factory=list)
    rectify_deadline: date | None = None
    rectify_requirements: Annotated[list[Key], Meta(max_length=100)] = msgspec.field(default_factory=list)


class OpinionUpdate(OpinionIn, kw_only=True):
    version: int


class OpinionOut(OpinionIn, kw_only=True):
    id: int
    case_id: int
    round: int
    officer: PersonRef
    signed_at: datetime
    updated_at: datetime
    version: int = 1


class OpinionList(msgspec.Struct, kw_only=True):
    items: list[OpinionOut] = msgspec.field(default_factory=list)


class ViewIn(msgspec.Struct, kw_only=True):
    """The reviewer app reports that the officer had an evidence item open for duration_ms."""

    duration_ms: Annotated[int, Meta(ge=0, le=24 * 3600 * 1000)]
    opened_at: datetime | None = None


class ViewSummary(msgspec.Struct, kw_only=True):
    evidence_id: int
    views: int
    total_ms: int


class AssignIn(msgspec.Struct, kw_only=True):
    officer_id: Id


class ReviewState(msgspec.Struct, kw_only=True):
    """Where the review of a case stands, as seen by the asking officer."""

    case_id: int
    status: CaseStatus
    round: int
    required_signoffs: int
    assignees: list[PersonRef] = msgspec.field(default_factory=list)
    opinions: list[OpinionOut] = msgspec.field(default_factory=list)  # this round's
    disputed: bool = False
    my_views: list[ViewSummary] = msgspec.field(default_factory=list)
    unviewed: list[int] = msgspec.field(default_factory=list)  # current evidence I have not opened
    assigned_to_me: bool = False
    signed_by_me: bool = False


class QueueItem(msgspec.Struct, kw_only=True):
    id: int
    reference: str
    title: str
    status: CaseStatus
    item_type: ItemTypeRef
    applicant: PersonRef
    site_name: str
    submitted_at: datetime | None = None
    due_date: date | None = None
    days_left: int | None = None  # working days; negative when overdue
    overdue: bool = False
    fail_checks: int = 0
    warn_checks: int = 0
    rectified: bool = False  # it came back after a rectification at least once
    round: int = 0
    disputed: bool = False
    assignees: list[PersonRef] = msgspec.field(default_factory=list)
    signoffs: int = 0
    required_signoffs: int = 2
    rectify_deadline: date | None = None
    rectification_overdue: bool = False


class QueuePage(Page, kw_only=True):
    items: list[QueueItem] = msgspec.field(default_factory=list)
    counts: dict[str, int] = msgspec.field(default_factory=dict)  # per status, for the tabs
