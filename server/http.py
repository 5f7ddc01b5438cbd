"""What every controller shares: parameter types (Litestar's explicit style: every parameter says
where it comes from, and the limits that keep bad input a 400 instead of a 500), the request
class that reads JSON bodies, and the one error body."""

from typing import Annotated, Any

from litestar import Request, Response
from litestar.params import PathParameter, QueryParameter

from server.errors import AppError, BadRequest
from shared.models import LINES, ONE_LINE, ErrorBody

MAX_ID = 2**62

IdPath = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
Limit = Annotated[int, QueryParameter(ge=1, le=200, description="page size")]
Cursor = Annotated[str | None, QueryParameter(max_length=1000, description="next_cursor of the previous page")]
SearchText = Annotated[str | None, QueryParameter(max_length=200, description="text to search for")]
OptionalId = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]


def error_response(status: int, code: str, message: str, detail: dict | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    """The one error body of every endpoint, with its status."""
    return Response(ErrorBody(code=code, message=message, detail=detail or {}), status_code=status,
                    headers=headers, media_type="application/json")


def handle_app_error(_: Request, exc: AppError) -> Response:
    return error_response(exc.status_code, exc.code, exc.message, exc.detail, dict(exc.headers))


# Deeper than any body of the API needs; far below where a decoder or encoder would recurse out.
MAX_JSON_DEPTH = 32


class TakanRequest(Request):
    """Litestar's request, refusing JSON bodies nested deeper than MAX_JSON_DEPTH as bad input:
    msgspec raises RecursionError at about a thousand levels (a 500), and a few hundred levels
    that decode would still break json.dumps in a service."""

    async def json(self) -> Any:
        too_deep = BadRequest(f"the JSON body is nested more than {MAX_JSON_DEPTH} levels deep",
                              code="json_too_deep", detail={"max_depth": MAX_JSON_DEPTH})
        try:
            value = await super().json()
        except RecursionError:
            raise too_deep from None
        if nesting_exceeds(value, MAX_JSON_DEPTH):
            raise too_deep
        return value


def nesting_exceeds(value: Any, limit: int) -> bool:
    """Whether lists and objects in `value` nest more than `limit` deep (without recursing)."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


# msgspec says which pattern a string missed; for the text patterns, say what that means.
PATTERN_WORDS = {f"matching regex {ONE_LINE!r}": "on one line, without control characters",
                 f"matching regex {LINES!r}": "without control characters"}


def readable_validation(message: str) -> str:
    for pattern, words in PATTERN_WORDS.items():
        message = message.replace(pattern, words)
    return message
