"""The case state machine (DESIGN.md §4), in one place. Every status change of a case goes
through `next_status`; anything not in TRANSITIONS is refused with 409 naming the current state.

    draft -> submitted -> in_review -> (rectification_requested -> submitted)* -> approved | rejected
    draft | submitted -> withdrawn
"""

from enum import StrEnum

from server.errors import Conflict
from shared.enums import CaseStatus as S


class Action(StrEnum):
    submit = "submit"                                  # applicant: first submission or resubmission
    start_review = "start_review"                      # an officer takes the case up
    request_rectification = "request_rectification"   # officers agree: 限期整改
    approve = "approve"                                # officers agree: 通过
    reject = "reject"                                  # officers agree: 不通过
    withdraw = "withdraw"                              # applicant gives up


TRANSITIONS: dict[tuple[S, Action], S] = {
    (S.draft, Action.submit): S.submitted,
    (S.rectification_requested, Action.submit): S.submitted,
    (S.submitted, Action.start_review): S.in_review,
    (S.in_review, Action.request_rectification): S.rectification_requested,
    (S.in_review, Action.approve): S.approved,
    (S.in_review, Action.reject): S.rejected,
    (S.draft, Action.withdraw): S.withdrawn,
    (S.submitted, Action.withdraw): S.withdrawn,
}


def next_status(current: S, action: Action) -> S:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        allowed = sorted(a.value for (state, a) in TRANSITIONS if state == current)
        raise Conflict(
            f"cannot {action.value.replace('_', ' ')} a case that is {current.value}",
            code="illegal_transition",
            detail={"current_status": current.value, "action": action.value, "allowed_actions": allowed},
        ) from None
