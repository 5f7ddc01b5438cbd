"""What the windows show, as plain Python (no Qt): the review queue and one case.

The Qt models adapt these objects; the rules (which tab counts what, when a case is due soon,
in which order the gallery lists evidence, who may edit or sign) live here and are tested without
a display.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from reviewer_app.core.api import QueueQuery
from reviewer_app.core.location import EvidencePoint
from shared.discussion import CommentOut
from shared.enums import OPEN_STATUSES, QUEUE_STATUSES, UNDER_REVIEW_STATUSES, CaseStatus, CheckStatus, MediaKind, Role
from shared.evidence import RequirementCoverage
from shared.live import BOOKABLE_LIVE_STATES, LiveSessionList, LiveSessionOut
from shared.models import (
    AuditEventOut,
    CaseOut,
    EvidenceOut,
    OpinionOut,
    QueueItem,
    QueuePage,
    Requirement,
    ReviewState,
    UserOut,
)

# ----- the queue ---------------------------------------------------------------------------------

WAITING_TAB = "waiting"
# The queue's tabs in order: the default "waiting" (submitted and in review), then each status.
QUEUE_TABS = (WAITING_TAB, *(status.value for status in QUEUE_STATUSES))
SORTS = ("due", "submitted", "flags")
DUE_SOON_WORKING_DAYS = 2


class DueLevel(StrEnum):
    overdue = "overdue"
    soon = "soon"  # due within DUE_SOON_WORKING_DAYS working days
    ok = "ok"


def due_level(item: QueueItem, soon_days: int = DUE_SOON_WORKING_DAYS) -> DueLevel:
    """How urgent a queued case is. The server decides overdue (due date before today, open
    case); "soon" when at most `soon_days` working days are left."""
    if item.overdue or item.rectification_overdue:
        return DueLevel.overdue
    if item.days_left is not None and item.days_left <= soon_days:
        return DueLevel.overdue if item.days_left < 0 else DueLevel.soon
    return DueLevel.ok


@dataclass(frozen=True, slots=True)
class QueueFilters:
    """The queue's tab, filters, search text and order, as the officer set them."""

    tab: str = WAITING_TAB
    item_type: str | None = None
    assigned: str | None = None  # None (anyone), "me", "unassigned"
    overdue: bool = False
    due_within: int | None = None
    search: str = ""
    sort: str = "due"
    page_size: int = 50

    def __post_init__(self) -> None:
        if self.tab not in QUEUE_TABS:
            raise ValueError(f"unknown queue tab {self.tab!r}")
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")
        if self.assigned not in (None, "me", "unassigned"):
            raise ValueError(f"unknown assignment filter {self.assigned!r}")

    def query(self) -> QueueQuery:
        statuses = () if self.tab == WAITING_TAB else (CaseStatus(self.tab),)
        return QueueQuery(statuses=statuses, item_type=self.item_type, assigned=self.assigned,
                          overdue=self.overdue, due_within=self.due_within, q=self.search.strip(),
                          sort=self.sort, limit=self.page_size)

    def with_changes(self, **changes) -> QueueFilters:
        return replace(self, **changes)


class QueueState:
    """The rows loaded so far, the counts per tab, and the cursor of the next page.

    Every change of the filters starts a new *generation*; a page that arrives for an older one
    is dropped (the officer typed on while it was on its way).
    """

    def __init__(self, filters: QueueFilters | None = None):
        self.filters = filters or QueueFilters()
        self.items: list[QueueItem] = []
        self.counts: dict[str, int] = {}
        self.next_cursor: str | None = None
        self.generation = 0
        self.loaded = False  # the first page of this generation has arrived
        self.loading_more = False

    def set_filters(self, filters: QueueFilters) -> int:
        """New filters: the rows are stale until the first page of the new generation comes."""
        self.filters = filters
        return self.restart()

    def restart(self) -> int:
        self.generation += 1
        self.loaded = False
        self.loading_more = False
        self.next_cursor = None
        return self.generation

    def accept_first_page(self, generation: int, page: QueuePage) -> bool:
        """The first page replaces every row. False (and nothing changes) for a stale generation."""
        if generation != self.generation:
            return False
        self.items = list(page.items)
        self.counts = dict(page.counts)
        self.next_cursor = page.next_cursor
        self.loaded = True
        return True

    def accept_next_page(self, generation: int, cursor: str, page: QueuePage) -> list[QueueItem]:
        """Rows to append (a case already listed is skipped: the queue moved under the cursor)."""
        if generation != self.generation or cursor != self.next_cursor:
            return []
        self.loading_more = False
        known = {item.id for item in self.items}
        new = [item for item in page.items if item.id not in known]
        self.items.extend(new)
        self.counts = dict(page.counts) or self.counts
        self.next_cursor = page.next_cursor
        return new

    @property
    def can_fetch_more(self) -> bool:
        return self.loaded and self.next_cursor is not None and not self.loading_more

    def tab_count(self, tab: str) -> int | None:
        """The number for a tab's label (None before the first answer)."""
        if not self.counts:
            return None
        if tab == WAITING_TAB:
            return sum(self.counts.get(status.value, 0) for status in UNDER_REVIEW_STATUSES)
        return self.counts.get(tab, 0)

    def row_of(self, case_id: int) -> int | None:
        return next((i for i, item in enumerate(self.items) if item.id == case_id), None)


def claimable(item: QueueItem, user: UserOut | None) -> bool:
    """Whether `user` can take this case up now (the server has the last word)."""
    if user is None or user.role not in (Role.officer, Role.admin):
        return False
    if item.status not in UNDER_REVIEW_STATUSES:
        return False
    if any(person.id == user.id for person in item.assignees):
        return False
    return len(item.assignees) < item.required_signoffs


# ----- one case ----------------------------------------------------------------------------------

REVIEWABLE = UNDER_REVIEW_STATUSES
ANNOTATABLE = OPEN_STATUSES
LOCATION_CHECKS = ("geofence", "gps_agreement")


@dataclass(frozen=True, slots=True)
class GalleryEntry:
    """One tile of the gallery: an evidence item, where it stands in its requirement, and what
    replaced it or what it replaced (for the before/after pairs)."""

    evidence: EvidenceOut
    requirement: Requirement | None
    index_in_requirement: int  # 1-based among the requirement's items (superseded included)
    replaces: int | None = None  # the id of the item this one replaced
    superseded: bool = False

    @property
    def id(self) -> int:
        return self.evidence.id


@dataclass
class CaseState:
    """Everything the case window shows, filled piece by piece as the answers arrive."""

    case_id: int
    case: CaseOut | None = None
    evidence: list[EvidenceOut] = field(default_factory=list)
    coverage: list[RequirementCoverage] = field(default_factory=list)
    review: ReviewState | None = None
    opinions: list[OpinionOut] = field(default_factory=list)
    comments: list[CommentOut] = field(default_factory=list)
    history: list[AuditEventOut] = field(default_factory=list)
    live: LiveSessionList | None = None  # the live survey's sessions, newest first
    viewed: set[int] = field(default_factory=set)  # evidence the current user has opened (server + this session)
    # gallery() is asked for often (navigation, captions); it is worked out again when the case or
    # the evidence list is replaced (they are replaced, never changed in place).
    _gallery: tuple[object, object, list[GalleryEntry]] | None = field(default=None, repr=False, compare=False)
    _counts: tuple[object, dict[str, tuple[int, int]]] | None = field(default=None, repr=False, compare=False)

    # --- evidence order ---

    def requirement(self, key: str) -> Requirement | None:
        if self.case is None:
            return None
        return next((r for r in self.case.checklist if r.key == key), None)

    def gallery(self) -> list[GalleryEntry]:
        """Evidence in checklist order; within a requirement oldest first, and each superseded
        item immediately before the item that replaced it (before, after)."""
        cached = self._gallery
        if cached is None or cached[0] is not self.case or cached[1] is not self.evidence:
            cached = self._gallery = (self.case, self.evidence, self._make_gallery())
        return list(cached[2])

    def _make_gallery(self) -> list[GalleryEntry]:
        by_id = {e.id: e for e in self.evidence}
        replaced_by = {e.superseded_by: e.id for e in self.evidence if e.superseded_by is not None}
        order = [r.key for r in self.case.checklist] if self.case else []
        keys = order + sorted({e.requirement_key for e in self.evidence} - set(order))
        entries: list[GalleryEntry] = []
        for key in keys:
            items = sorted((e for e in self.evidence if e.requirement_key == key), key=lambda e: e.id)
            # Chains old -> new, started at items that replace nothing known.
            heads = [e for e in items if e.id not in replaced_by or replaced_by[e.id] not in by_id]
            seen: set[int] = set()
            sequence: list[EvidenceOut] = []
            for head in heads:
                current: EvidenceOut | None = head
                while current is not None and current.id not in seen:
                    seen.add(current.id)
                    sequence.append(current)
                    nxt = current.superseded_by
                    current = by_id.get(nxt) if nxt is not None else None
            sequence.extend(e for e in items if e.id not in seen)  # cycles or odd data: still listed
            requirement = self.requirement(key)
            for index, item in enumerate(sequence, start=1):
                entries.append(GalleryEntry(evidence=item, requirement=requirement, index_in_requirement=index,
                                            replaces=replaced_by.get(item.id),
                                            superseded=item.superseded_by is not None))
        return entries

    def evidence_ids(self) -> list[int]:
        return [entry.id for entry in self.gallery()]

    def current_evidence(self) -> list[EvidenceOut]:
        return [e for e in self.evidence if e.superseded_by is None]

    def evidence_by_id(self, evidence_id: int) -> EvidenceOut | None:
        return next((e for e in self.evidence if e.id == evidence_id), None)

    def neighbour(self, evidence_id: int | None, step: int) -> int | None:
        """The evidence `step` places after (or before) `evidence_id` in gallery order, clamped
        at the ends; the first one when nothing is selected."""
        ids = self.evidence_ids()
        if not ids:
            return None
        if evidence_id not in ids:
            return ids[0] if step >= 0 else ids[-1]
        index = min(len(ids) - 1, max(0, ids.index(evidence_id) + step))
        return ids[index]

    def neighbouring_photos(self, evidence_id: int) -> list[int]:
        """The photos just after and before `evidence_id` in gallery order (to decode them ahead)."""
        photos = []
        for step in (1, -1):
            target = self.neighbour(evidence_id, step)
            item = self.evidence_by_id(target) if target not in (None, evidence_id) else None
            if item is not None and not is_video(item):
                photos.append(target)
        return photos

    def first_of_requirement(self, key: str) -> int | None:
        entry = next((e for e in self.gallery() if e.evidence.requirement_key == key and not e.superseded), None)
        if entry is None:
            entry = next((e for e in self.gallery() if e.evidence.requirement_key == key), None)
        return entry.id if entry else None

    def coverage_for(self, key: str) -> RequirementCoverage | None:
        return next((c for c in self.coverage if c.key == key), None)

    def counts_by_requirement(self) -> dict[str, tuple[int, int]]:
        """Per requirement: (current items, superseded items)."""
        cached = self._counts
        if cached is not None and cached[0] is self.evidence:
            return cached[1]
        counts: dict[str, list[int]] = {}
        for e in self.evidence:
            pair = counts.setdefault(e.requirement_key, [0, 0])
            pair[1 if e.superseded_by is not None else 0] += 1
        result = {k: (v[0], v[1]) for k, v in counts.items()}
        self._counts = (self.evidence, result)
        return result

    # --- views ---

    def apply_review(self, review: ReviewState) -> None:
        self.review = review
        current = {e.id for e in self.current_evidence()}
        unviewed = set(review.unviewed)
        self.viewed |= {v.evidence_id for v in review.my_views}
        if current:
            self.viewed |= current - unviewed

    def unviewed(self) -> list[int]:
        """Current evidence the user has not opened, in gallery order."""
        return [entry.id for entry in self.gallery() if not entry.superseded and entry.id not in self.viewed]

    # --- who may do what ---

    def status(self) -> CaseStatus | None:
        if self.review is not None:
            return self.review.status
        return self.case.status if self.case else None

    def can_annotate(self, user: UserOut | None) -> bool:
        return (user is not None and user.role in (Role.officer, Role.admin)
                and self.status() in ANNOTATABLE)

    def can_sign(self, user: UserOut | None) -> bool:
        return user is not None and user.role in (Role.officer, Role.admin) and self.status() in REVIEWABLE

    def assigned_to(self, user: UserOut | None) -> bool:
        if user is None or self.review is None:
            return False
        return any(p.id == user.id for p in self.review.assignees)

    def can_claim(self, user: UserOut | None) -> bool:
        if not self.can_sign(user) or self.review is None or self.assigned_to(user):
            return False
        return len(self.review.assignees) < self.review.required_signoffs

    def live_session(self) -> LiveSessionOut | None:
        """The live session being arranged (slots offered, or one booked), if there is one."""
        items = self.live.items if self.live else []
        return items[0] if items and items[0].state in BOOKABLE_LIVE_STATES else None

    def can_arrange_live(self, user: UserOut | None) -> bool:
        """Offer, reschedule or cancel the live survey: an officer who holds the case, or an
        administrator, while the case is open (the server holds the same rule)."""
        if user is None or self.status() not in OPEN_STATUSES:
            return False
        return user.role is Role.admin or (user.role is Role.officer and self.assigned_to(user))

    def my_opinion(self, user: UserOut | None) -> OpinionOut | None:
        """The user's opinion of the current round, if signed."""
        if user is None or self.review is None:
            return None
        return next((o for o in self.review.opinions if o.officer.id == user.id), None)

    def round_opinions(self) -> list[OpinionOut]:
        return list(self.review.opinions) if self.review else []

    # --- location ---

    def evidence_points(self, label: Callable[[GalleryEntry], str] | None = None) -> list[EvidencePoint]:
        """Where each current item says it was taken: the file's GPS, else the phone's report."""
        points = []
        for entry in self.gallery():
            e = entry.evidence
            lat, lon, accuracy = e.metadata.gps_lat, e.metadata.gps_lon, None
            if (lat is None or lon is None) and e.client is not None:
                lat, lon, accuracy = e.client.lat, e.client.lon, e.client.accuracy_m
            if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                continue
            if entry.superseded:
                continue
            text = label(entry) if label else f"#{e.id}"
            points.append(EvidencePoint(key=str(e.id), lat=lat, lon=lon, label=text,
                                        status=location_status(e), accuracy_m=accuracy))
        return points


def location_status(evidence: EvidenceOut) -> CheckStatus:
    """The worst status among an item's location checks (unknown without any)."""
    rank = {CheckStatus.fail: 3, CheckStatus.warn: 2, CheckStatus.pass_: 1, CheckStatus.unknown: 0}
    statuses = [c.status for c in evidence.checks if c.name in LOCATION_CHECKS]
    return max(statuses, key=lambda s: rank[s]) if statuses else CheckStatus.unknown


def worst_check(evidence: EvidenceOut) -> CheckStatus:
    rank = {CheckStatus.fail: 3, CheckStatus.warn: 2, CheckStatus.pass_: 1, CheckStatus.unknown: 0}
    return max((c.status for c in evidence.checks), key=lambda s: rank[s], default=CheckStatus.unknown)


def is_video(evidence: EvidenceOut) -> bool:
    return evidence.kind is MediaKind.video


def comment_tree(comments: Iterable[CommentOut]) -> list[tuple[CommentOut, int]]:
    """Comments in thread order with their depth: each reply right after its parent (and the
    parent's earlier replies), oldest first at every level."""
    items = sorted(comments, key=lambda c: c.id)
    ids = {c.id for c in items}
    children: dict[int | None, list[CommentOut]] = {}
    for c in items:
        parent = c.parent_id if c.parent_id in ids else None
        children.setdefault(parent, []).append(c)
    out: list[tuple[CommentOut, int]] = []
    stack = [(c, 0) for c in reversed(children.get(None, []))]
    while stack:
        comment, depth = stack.pop()
        out.append((comment, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(comment.id, [])))
    return out
