"""Wire shapes of the discussion around a case: comments (internal or visible to the applicant),
the revision history of annotations, and the applicant's rating of the service (好差评).

New fields always get defaults, so an older reviewer app keeps decoding a newer server's answers.
"""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

import msgspec
from msgspec import Meta

from shared.annotations import AnnotationIn
from shared.enums import Role
from shared.models import Id, Page, PersonRef, text

# ----- comments -----------------------------------------------------------------------------


class CommentVisibility(StrEnum):
    internal = "internal"    # officers, auditors and administrators only
    applicant = "applicant"  # the case's applicant sees it too, and may reply


CommentBody = text(5000, min_length=1)


class CommentIn(msgspec.Struct, kw_only=True):
    """A comment on a case, or on one of its evidence items (`evidence_id`), or a reply
    (`parent_id`). `visibility` left out means internal for staff; an applicant's comment is
    always visible to the applicant (and must be a reply to a comment they can see)."""

    body: CommentBody
    visibility: CommentVisibility | None = None
    evidence_id: Id | None = None
    parent_id: Id | None = None


class CommentOut(msgspec.Struct, kw_only=True):
    id: int
    case_id: int
    author: PersonRef
    author_role: Role = Role.officer
    visibility: CommentVisibility = CommentVisibility.internal
    body: str = ""
    evidence_id: int | None = None
    parent_id: int | None = None
    created_at: datetime | None = None


class CommentList(Page, kw_only=True):
    """Oldest first; a reply names its parent (`parent_id`), which always comes before it."""

    items: list[CommentOut] = msgspec.field(default_factory=list)


# ----- annotation history -------------------------------------------------------------------


class AnnotationRevisionOut(msgspec.Struct, kw_only=True):
    """One revision of an annotation: what it was at `version`. Deletion is a revision too
    (`deleted`), carrying the content the annotation had when it was deleted."""

    annotation_id: int
    version: int
    author: PersonRef
    annotation: AnnotationIn
    created_at: datetime | None = None
    deleted: bool = False


class AnnotationRevisionList(msgspec.Struct, kw_only=True):
    """Oldest first."""

    items: list[AnnotationRevisionOut] = msgspec.field(default_factory=list)


# ----- rating (好差评) -----------------------------------------------------------------------

Score = Annotated[int, Meta(ge=1, le=5)]


class RatingIn(msgspec.Struct, kw_only=True):
    score: Score
    comment: text(1000) = ""


class RatingOut(msgspec.Struct, kw_only=True):
    case_id: int
    applicant: PersonRef
    score: int
    comment: str = ""
    created_at: datetime | None = None
