"""One exception hierarchy for rules broken by a request, turned into the one error body
({"code", "message", "detail"}) with the right status by a single handler in app.py."""

from typing import Any


class AppError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, detail: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.detail = detail or {}
        self.headers = headers or {}


class BadRequest(AppError):
    status_code = 400
    code = "bad_request"


class Unauthorized(AppError):
    status_code = 401
    code = "unauthorized"


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class Gone(AppError):
    status_code = 410
    code = "gone"


class PreconditionFailed(AppError):
    """A stale version: someone else changed the object since the client read it."""

    status_code = 412
    code = "stale_version"


class PayloadTooLarge(AppError):
    status_code = 413
    code = "too_large"


class UnsupportedMediaType(AppError):
    status_code = 415
    code = "unsupported_media_type"


class Unprocessable(AppError):
    status_code = 422
    code = "validation_failed"


class TooManyRequests(AppError):
    status_code = 429
    code = "too_many_requests"


class InsufficientStorage(AppError):
    status_code = 507
    code = "insufficient_storage"


def not_found(what: str, ident: object) -> NotFound:
    return NotFound(f"{what} {ident} does not exist", detail={"object": what, "id": ident})


def check_version(current: int, given: int | None, what: str) -> None:
    """Optimistic concurrency: a client that names the version it saw must have the latest."""
    if given is not None and given != current:
        raise PreconditionFailed(
            f"{what} was changed by someone else (version {current}, you had {given}); reload it",
            detail={"current_version": current, "your_version": given},
        )
