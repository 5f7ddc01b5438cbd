"""What the HTTP layer does for safety beside the routes: security headers on every answer (and
the mobile page's content policy), CORS closed unless configured, no token in any log line,
and a full disk answered with 507 instead of a 500.
"""

import errno
import logging
import re
import sqlite3

from litestar import Response
from litestar.config.cors import CORSConfig
from litestar.types import Message, Scope

from server.settings import Settings
from shared.models import ErrorBody

# ----- security headers -----

# Every answer: no MIME sniffing, never framed, no Referer (a signed media link's ?sig= must not
# leak to another site through it).
BASE_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
# The applicant's page (/m/): scripts, styles and API calls from this server only; pictures from
# here, the phone's own (blob:, data:) or a catalogue's https sample media (as the page's own
# after_request policy in app.py); never framed; the camera, microphone (a video's sound) and
# location for this page only, nothing else.
MOBILE_HEADERS = {
    **BASE_HEADERS,
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self' https: blob: data:; media-src 'self' https: blob:; object-src 'none'; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "permissions-policy": "camera=(self), microphone=(self), geolocation=(self), payment=(), usb=(), "
                          "interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
}
_BASE = [(k.encode(), v.encode()) for k, v in BASE_HEADERS.items()]
_MOBILE = [(k.encode(), v.encode()) for k, v in MOBILE_HEADERS.items()]


def is_mobile_path(path: str) -> bool:
    return path == "/m" or path.startswith("/m/")


async def security_headers(message: Message, scope: Scope) -> None:
    """A before-send hook: adds the headers above to every HTTP answer (also errors and 404s),
    leaving any a route set itself."""
    if message["type"] != "http.response.start":
        return
    headers = list(message.get("headers") or [])
    present = {name.lower() for name, _ in headers}
    wanted = _MOBILE if is_mobile_path(scope.get("path", "")) else _BASE
    headers += [(name, value) for name, value in wanted if name not in present]
    message["headers"] = headers


# ----- CORS -----

# What a browser page from another origin may send and read: the bearer header and the tus
# protocol's headers both ways (tus-js-client reads Location and Upload-Offset).
CORS_ALLOW_HEADERS = ["Authorization", "Content-Type", "Tus-Resumable", "Upload-Length", "Upload-Offset",
                      "Upload-Metadata", "Upload-Checksum", "Upload-Defer-Length", "Upload-Concat", "If-Match",
                      "If-None-Match", "Range", "X-HTTP-Method-Override", "X-Requested-With"]
CORS_EXPOSE_HEADERS = ["Location", "Tus-Resumable", "Tus-Version", "Tus-Extension", "Tus-Max-Size",
                       "Tus-Checksum-Algorithm", "Upload-Offset", "Upload-Length", "Upload-Expires",
                       "Upload-Metadata", "Takan-Evidence-Id", "ETag", "Content-Range", "Accept-Ranges",
                       "Retry-After", "Content-Disposition"]


def cors_config(settings: Settings) -> CORSConfig | None:
    """Closed by default (no CORS headers: browsers refuse other origins); open to exactly the
    origins in TAKAN_CORS_ORIGINS (comma-separated) when set. Bearer tokens, not cookies, so no
    credentials mode."""
    origins = [o.strip().rstrip("/") for o in settings.cors_origins if o.strip()]
    if not origins:
        return None
    return CORSConfig(allow_origins=origins, allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
                                                            "OPTIONS"],
                      allow_headers=CORS_ALLOW_HEADERS, expose_headers=CORS_EXPOSE_HEADERS, allow_credentials=False,
                      max_age=600)


# ----- no secrets in logs -----

_SECRETS = [
    # signed media links: /api/v1/media/1/original?u=2&exp=...&sig=... (the access log prints the query;
    # a query string on its own starts with its first parameter)
    (re.compile(r"((?:^|[?&;])(?:sig|token|access_token|api_key)=)[^&\s\"']+", re.IGNORECASE), r"\1[redacted]"),
    (re.compile(r"(\bBearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE), r"\1[redacted]"),
    (re.compile(r"((?:authorization|x-api-key)['\"]?\s*[:=,]\s*\(?\s*(?-i:b)?['\"]?)[^'\"\n,)]+", re.IGNORECASE),
     r"\1[redacted]"),
    (re.compile(r"((?:password|token)['\"]?\s*[:=]\s*['\"])[^'\"]*", re.IGNORECASE), r"\1[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites a record's message and string arguments so no bearer token, Authorization value,
    password or signed-link signature reaches a log line. Keeps the arguments' shape (uvicorn's
    access formatter unpacks them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()}
        return True


LOGGERS = ("", "granian.access", "_granian", "uvicorn", "uvicorn.access", "uvicorn.error", "litestar", "takan",
           "server", "httpx")


def install_log_redaction(*_: object) -> None:
    """Put the filter on the loggers that carry request lines and on every handler they write
    to (a filter on a handler also sees records propagated from other loggers). Idempotent; run
    at start-up, after uvicorn has configured logging."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for target in (logger, *logger.handlers):
            if not any(isinstance(f, RedactSecrets) for f in target.filters):
                target.addFilter(RedactSecrets())


# ----- a full disk -----

DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
SQLITE_FULL = 13  # "database or disk is full"


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in DISK_FULL
    return isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", None) == SQLITE_FULL


def disk_full_response(exc: BaseException) -> Response | None:
    """507 with the one error body when the disk (or a quota) ran out under a request, for a file
    or the database; None for any other error."""
    while exc is not None and not is_disk_full(exc):
        exc = exc.__cause__ or exc.__context__
    if exc is None:
        return None
    logging.getLogger("takan").error("the data directory's disk is full: %s", exc)
    return Response(ErrorBody(
        code="insufficient_storage",
        message="the server ran out of disk space; nothing was half-kept, try again later",
        detail={"message_zh": "服务器存储空间已满，本次上传未保存任何不完整的数据，请稍后再试。"},
    ), status_code=507, media_type="application/json")


# ----- request body limits -----

# Routes that take their body as a stream with no Litestar limit, and the bound they enforce
# themselves: a tus upload declares Upload-Length (at most the video limit) at creation, and a
# PATCH or creation-with-upload body past it is refused (413) before a byte beyond is kept.
SELF_BOUNDED = {
    ("POST", "/api/v1/uploads"): "video_max_bytes",
    ("PATCH", "/api/v1/uploads/{upload_id:str}"): "video_max_bytes",
}


def route_body_limits(app, settings: Settings) -> dict[tuple[str, str], int | None]:
    """(method, path) -> the most bytes a request body may have on it (None: unbounded)."""
    from litestar.routes import HTTPRoute

    limits: dict[tuple[str, str], int | None] = {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            for method in handler.http_methods:
                limit = handler.resolve_request_max_body_size()
                if limit is None and (method, route.path) in SELF_BOUNDED:
                    limit = getattr(settings, SELF_BOUNDED[(method, route.path)])
                limits[(method, route.path)] = limit
    return limits
