"""Failures as sentences an officer understands, in the UI language (never a traceback).

The server's error body has a machine-readable `code`; the codes the app knows get a translated
sentence here, the others the server's own words (Chinese from detail.message_zh when the UI is
Chinese and the server gave one).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reviewer_app.core.api import ApiError, Cancelled, ServerUnreachable
from reviewer_app.core.i18n import Language
from reviewer_app.qt.i18n import current_language
from shared.format import format_duration

translate = QCoreApplication.translate




def unreachable_text(server_url: str) -> str:
    text = translate("Errors", "The server at %1 cannot be reached. Check the network connection; "
                               "the app keeps trying.")
    return text.replace("%1", server_url)


def is_session_expired(exc: BaseException) -> bool:
    return isinstance(exc, ApiError) and exc.code == "session_expired"


def describe_error(exc: BaseException, *, server_url: str = "") -> str:
    """One or two sentences for a person."""
    language = current_language()
    if isinstance(exc, ServerUnreachable):
        if exc.timeout:
            return translate("Errors", "The server at %1 did not answer in time. The app keeps trying.").replace(
                "%1", server_url or exc.url)
        return unreachable_text(server_url or exc.url)
    if isinstance(exc, Cancelled):
        return translate("Errors", "Cancelled.")
    if not isinstance(exc, ApiError):
        return translate("Errors", "Something went wrong in the app: %1").replace("%1", str(exc) or type(exc).__name__)
    code = exc.code
    known = {
        "bad_credentials": translate("Errors", "Wrong username or password."),
        "account_disabled": translate("Errors", "This account is disabled. Ask an administrator."),
        "session_expired": translate("Errors", "Your login has expired. Please log in again."),
        "invalid_token": translate("Errors", "Your login has expired. Please log in again."),
        "fully_assigned": translate("Errors", "This case already has all the officers it needs."),
        "case_not_under_review": translate("Errors", "This case is not under review any more (it is %1).").replace(
            "%1", status_name(str(exc.detail.get("current_status", "")))),
        "not_assigned": translate("Errors", "Take the case first (Claim), then sign."),
        "already_signed": translate("Errors", "You have already signed this round's opinion; change it instead."),
        "own_case": translate("Errors", "You cannot review a case you applied for."),
        "stale_version": translate("Errors", "Someone changed this in the meantime. The latest version has "
                                             "been loaded; please check and try again."),
        "not_your_annotation": translate("Errors", "Only the officer who drew an annotation can change it."),
        "not_your_opinion": translate("Errors", "Only the officer who signed an opinion can change it."),
        "opinion_closed": translate("Errors", "This opinion can no longer change: the case has moved on."),
        "forbidden": translate("Errors", "Your account may not do this."),
        "not_found": translate("Errors", "It is not on the server (any more)."),
        "internal_error": translate("Errors", "The server ran into a problem; it has been logged. Try again later."),
        "bad_response": translate("Errors", "The server's answer could not be read. Is the address right?"),
    }
    if code == "login_locked":
        wait = exc.retry_after_s or exc.detail.get("retry_after_s") or 0
        return translate("Errors", "Too many failed logins for this account. Try again in %1.").replace(
            "%1", format_duration(float(wait), language))
    if code == "unviewed_evidence":
        count = len(exc.detail.get("unviewed", []))
        return translate("Errors", "Open every piece of evidence before signing: %n not opened yet.", None, count)
    if code == "invalid_opinion":
        return translate("Errors", "The opinion is not complete: %1").replace("%1", opinion_problems(exc.detail))
    if code in known:
        return known[code]
    if language is Language.zh_CN and exc.message_zh:
        return exc.message_zh
    if exc.status == 403:
        return known["forbidden"]
    if exc.status >= 500:
        text = translate("Errors", "The server ran into a problem (%1). Try again later.")
        return text.replace("%1", str(exc.status))
    return exc.message or code


def opinion_problems(detail: dict) -> str:
    """The fields the server found wanting, by their names in the form."""
    fields = detail.get("fields") or {}
    names = {
        "reasons": translate("Errors", "say why (reasons are required for rectify and fail)"),
        "rectify_deadline": translate("Errors", "set a rectification deadline after today"),
        "rectify_requirements": translate("Errors", "choose the requirements to redo"),
        "requirement_results": translate("Errors", "one result per checklist requirement"),
        "verdict": translate("Errors", "a deadline and requirements to redo go only with the verdict rectify"),
    }
    parts = [names.get(key, f"{key}: {value}") for key, value in fields.items()]
    return "; ".join(parts) if parts else str(detail)


def status_name(status: str) -> str:
    names = {
        "draft": QCoreApplication.translate("Status", "Draft"),
        "submitted": QCoreApplication.translate("Status", "Submitted"),
        "in_review": QCoreApplication.translate("Status", "In review"),
        "rectification_requested": QCoreApplication.translate("Status", "Rectification requested"),
        "approved": QCoreApplication.translate("Status", "Approved"),
        "rejected": QCoreApplication.translate("Status", "Rejected"),
        "withdrawn": QCoreApplication.translate("Status", "Withdrawn"),
    }
    return names.get(status, status)


def verdict_name(verdict: str) -> str:
    names = {
        "pass": QCoreApplication.translate("Verdict", "Pass"),
        "rectify": QCoreApplication.translate("Verdict", "Rectify by a deadline"),
        "fail": QCoreApplication.translate("Verdict", "Fail"),
    }
    return names.get(verdict, verdict)
