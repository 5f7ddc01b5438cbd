"""Wire shapes of the archive routes: the archive key, bulk export jobs."""

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from shared.enums import CaseStatus
from shared.models import PersonRef

ExportState = Literal["queued", "running", "complete", "failed"]


class ArchiveKeyOut(msgspec.Struct, kw_only=True):
    """The public half of the key that signs every archive's tag manifest."""

    algorithm: str
    public_key_pem: str
    public_key_base64: str
    fingerprint: str
    signature_file: str
    signed_file: str


class ExportCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A bulk export: every case decided (basis "decided", the default: archiving concluded
    cases by month) or first submitted (basis "submitted") between `from` and `to`, both
    inclusive, as local dates; optionally only one status and one item type."""

    from_: date = msgspec.field(name="from")
    to: date
    basis: Literal["decided", "submitted"] = "decided"
    status: CaseStatus | None = None
    item_type: Annotated[str, Meta(min_length=1, max_length=64)] | None = None


class ExportJobOut(msgspec.Struct, kw_only=True):
    id: int
    state: ExportState
    criteria: ExportCreate
    requested_by: PersonRef
    cases_total: int
    cases_done: int = 0
    bytes_written: int = 0  # of the zip so far
    size: int | None = None  # of the finished zip
    sha256: str | None = None  # of the finished zip (the download's ETag)
    error: str | None = None
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    download_url: str | None = None  # once complete


class ExportJobList(msgspec.Struct, kw_only=True):
    items: list[ExportJobOut] = msgspec.field(default_factory=list)
    next_cursor: str | None = None
