"""X-HTTP-Method-Override on the tus routes (tus 1.0, Core › Headers).

Proxies and firewalls in front of government networks and some mobile carriers pass only GET
and POST, and tus clients then send POST with `X-HTTP-Method-Override: PATCH` (tus-java-client
and so tus-android-client fall back to it; tus-js-client has `overridePatchMethod`). The method
is rewritten before Litestar routes the request (its middleware runs only once a route was
chosen by method), so an overridden request meets exactly the route, guards, limits and checks
of the method it names and can do nothing that method could not. Elsewhere the header means
nothing; on the tus routes a header naming anything else is refused with 400.
"""

import re

import msgspec

from server.domain.evidence import tus
from shared.models import ErrorBody

HEADER = b"x-http-method-override"
# A request may carry the override only as a GET or POST, and name only what such a proxy stops.
CARRIERS = frozenset({"GET", "POST"})
OVERRIDABLE = frozenset({"PATCH", "DELETE", "HEAD", "OPTIONS"})
TUS_PATHS = re.compile(r"^/api/v1/uploads(/[^/]+)?/?$")


class MethodOverride:
    """ASGI: the tus routes' requests carrying X-HTTP-Method-Override go on as the method named."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and _is_tus_path(scope):
            named = [value for name, value in scope["headers"] if name == HEADER]
            if named:
                method = named[0].decode("latin-1").strip().upper()
                if len(named) > 1 or scope["method"] not in CARRIERS or method not in OVERRIDABLE:
                    await _refuse(send, scope["method"], named)
                    return
                scope = {**scope, "method": method}
                if method == "HEAD":
                    send = _as_head(send)
        await self.app(scope, receive, send)


def _as_head(send):
    """A HEAD's answer has headers only; sent for a POST or GET, its framing must say so."""

    async def send_headers_only(message) -> None:
        if message["type"] == "http.response.start":
            headers = [(name, value) for name, value in message.get("headers", []) if name.lower() != b"content-length"]
            message = {**message, "headers": [*headers, (b"content-length", b"0")]}
        elif message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return send_headers_only


def _is_tus_path(scope) -> bool:
    path, root = scope["path"], scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    return TUS_PATHS.match(path) is not None


async def _refuse(send, method: str, named: list[bytes]) -> None:
    given = b", ".join(named).decode("latin-1")[:40]
    body = msgspec.json.encode(ErrorBody(
        code="bad_method_override",
        message=f"X-HTTP-Method-Override may name one of {', '.join(sorted(OVERRIDABLE))}, sent on a GET or POST "
                f"(this was {given!r} on a {method})",
        detail={"header": "X-HTTP-Method-Override", "given": given, "method": method},
    ))
    await send({"type": "http.response.start", "status": 400, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        *((name.lower().encode(), value.encode()) for name, value in tus.BASE_HEADERS.items()),
    ]})
    await send({"type": "http.response.body", "body": body})
