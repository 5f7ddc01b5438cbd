"""Wire shapes of live surveys (视频连线踏勘): the booking (预约) of a video call between the
officers and the site.

An officer who holds a case offers time slots; the applicant picks one, or asks for other times;
either side reschedules or cancels with a reason. A case may have several live sessions over its
life (one per rectification round, say), one at a time. Every offer, pick, reschedule, request
and cancellation stays in the session's history.

New fields always get defaults, so an older reviewer app keeps decoding a newer server's answers.
"""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

import msgspec
from msgspec import Meta

from shared.enums import Role
from shared.models import Id, PersonRef, text


class LiveState(StrEnum):
    offered = "offered"  # an officer offered slots; the applicant has not picked one
    booked = "booked"  # the applicant picked one
    # The call's states, set by the call itself (not by booking).
    in_progress = "in_progress"
    ended = "ended"
    missed = "missed"
    interrupted = "interrupted"
    cancelled = "cancelled"  # by either side, with a reason


# Booking goes on in these; a case has at most one session in ACTIVE_LIVE_STATES at a time.
BOOKABLE_LIVE_STATES = (LiveState.offered, LiveState.booked)
ACTIVE_LIVE_STATES = (*BOOKABLE_LIVE_STATES, LiveState.in_progress)


class SlotStatus(StrEnum):
    open = "open"  # offered and free to pick
    booked = "booked"  # the applicant's pick
    released = "released"  # was booked, then rescheduled or cancelled
    withdrawn = "withdrawn"  # offered, then replaced by a new offer or the session cancelled


class LiveAction(StrEnum):
    """What a session's history records (the audit actions are live.<action>)."""

    offered = "offered"
    booked = "booked"
    alternatives_requested = "alternatives_requested"
    rescheduled = "rescheduled"
    cancelled = "cancelled"


# A slot's start: a moment with its offset (the page shows it in the bureau's time zone).
SlotStart = Annotated[datetime, Meta(tz=True)]
SlotStarts = Annotated[list[SlotStart], Meta(max_length=20)]
SlotMinutes = Annotated[int, Meta(ge=10, le=240)]
Reason = text(1000, min_length=1)


class LiveOfferIn(msgspec.Struct, kw_only=True):
    """An officer offers slots for a live survey of the case: start times, each lasting
    `duration_minutes` (the server's default when left out), on working days within working
    hours, in the future. `note` is for the applicant (what to have ready)."""

    slots: SlotStarts
    duration_minutes: SlotMinutes | None = None
    note: text(1000) = ""


class LivePickIn(msgspec.Struct, kw_only=True):
    """The applicant picks one of the offered slots (by its id). `version`, if given, must be
    the one the client read."""

    slot_id: Id
    version: int | None = None


class LiveAlternativesIn(msgspec.Struct, kw_only=True):
    """The applicant asks for other times than those offered, saying which suit them."""

    message: Reason
    version: int | None = None


class LiveRescheduleIn(msgspec.Struct, kw_only=True):
    """Reschedule, with a reason. An officer offers new slots (which replace those offered and
    release the booking); the applicant releases the booking and says in the reason when suits
    them (slots left out), and the bureau offers new times."""

    reason: Reason
    slots: SlotStarts = msgspec.field(default_factory=list)
    duration_minutes: SlotMinutes | None = None
    version: int | None = None


class LiveCancelIn(msgspec.Struct, kw_only=True):
    reason: Reason
    version: int | None = None


class LiveSlotOut(msgspec.Struct, kw_only=True):
    id: int
    starts_at: datetime
    ends_at: datetime
    status: SlotStatus = SlotStatus.open
    offer_no: int = 1  # which offer of the session it came with (rescheduling makes a new one)


class LiveRequestOut(msgspec.Struct, kw_only=True):
    """The applicant's request for other times, standing until the bureau offers new ones."""

    message: str
    at: datetime


class LiveCancellationOut(msgspec.Struct, kw_only=True):
    reason: str
    at: datetime
    by: PersonRef
    by_role: Role = Role.officer


class LiveHistoryEntry(msgspec.Struct, kw_only=True):
    """One change of a session: who, when, what (the reason, message or note given), and for
    offers and picks the slots concerned."""

    action: LiveAction
    at: datetime
    actor: PersonRef | None = None
    actor_role: Role | None = None
    message: str = ""
    offer_no: int | None = None
    slot_id: int | None = None


class LiveSessionOut(msgspec.Struct, kw_only=True):
    id: int
    case_id: int
    state: LiveState
    round: int = 0  # the case's rectification round when the session was offered
    offer_no: int = 1  # the offer in force
    # Every slot ever offered, oldest first; the open ones of `offer_no` are the ones to pick.
    slots: list[LiveSlotOut] = msgspec.field(default_factory=list)
    booked: LiveSlotOut | None = None
    offered_by: PersonRef | None = None  # the officer of the offer in force
    note: str = ""  # the officer's note with the offer in force
    other_times_requested: LiveRequestOut | None = None
    cancellation: LiveCancellationOut | None = None
    history: list[LiveHistoryEntry] = msgspec.field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1


class LiveSessionList(msgspec.Struct, kw_only=True):
    """A case's live sessions, newest first. `timezone` is the bureau's, in which slots are
    offered and shown; `working_hours` the periods of a working day they may lie in."""

    items: list[LiveSessionOut] = msgspec.field(default_factory=list)
    timezone: str = "Asia/Shanghai"
    working_hours: list[str] = msgspec.field(default_factory=list)
    max_slots_per_offer: int = 5
    default_slot_minutes: int = 30
