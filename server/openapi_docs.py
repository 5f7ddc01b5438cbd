"""The OpenAPI document says what the API really answers (what the schemathesis sweep in
tests/e2e/test_schema_sweep.py holds it to):

- every error status a route can give, each with the one error body (ErrorBody: code, message,
  detail), including 400, which Litestar documents with its own validation body we never send;
- the one-shot upload's form (read by the handler as it streams in, so Litestar cannot see it);
- the real media types of the routes that send files (evidence originals and derivatives,
  archives, exports, the red-flag CSV, the event stream), with their 206/304 answers.

Applied once to the app's generated document (document_api(app) in create_app).
"""

from litestar import Litestar
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Reference, RequestBody, Schema
from litestar.routes import HTTPRoute

ERRORS = {
    400: "Bad input: the request does not match the API (the error body says which part)",
    401: "Not logged in, or the token expired or was signed out",
    403: "Logged in, but this role or this user may not do this",
    404: "No such object (or not one this user may know of)",
    409: "The object's state does not allow this now (the detail names the current state)",
    410: "The upload expired or was terminated; start a new one",
    412: "Someone else changed the object since you read it (a stale version)",
    413: "The body is larger than this route accepts",
    414: "The request line is longer than the server takes (TAKAN_HTTP_MAX_REQUEST_LINE_BYTES)",
    415: "The body's media type is not one this route accepts",
    416: "The range asked for is outside the file",
    422: "Well-formed, but against the rules (the detail names which)",
    429: "Too many at once (failed logins: wait the Retry-After seconds; uploads or bulk exports: until one ends)",
    431: "The request's header fields are too large or too many (TAKAN_HTTP_MAX_HEADER_BYTES, _MAX_HEADERS)",
    460: "The chunk's Upload-Checksum does not match its bytes (tus checksum extension)",
    507: "The server is short of disk space; nothing was kept, try again later",
}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
UPLOADS = "/api/v1/uploads"
# Beyond what the method and the route's guard imply.
EXTRA: dict[tuple[str, str], set[int]] = {
    ("POST", "/api/v1/auth/login"): {401, 403, 429},  # wrong password; a disabled account; throttled
    ("POST", "/api/v1/cases/{case_id}/evidence"): {507},
    ("POST", "/api/v1/uploads"): {429},  # TAKAN_MAX_OPEN_UPLOADS_PER_USER
    ("POST", "/api/v1/exports"): {429, 507},  # too many queued or running; no room for it above the floor
    ("GET", "/api/v1/evidence/{evidence_id}/file/{variant}"): {416},
    ("GET", "/api/v1/media/{evidence_id}/{variant}"): {403, 416},  # public, but the link may be bad
    ("GET", "/api/v1/exports/{export_id}/download"): {409, 416},
    ("GET", "/api/v1/cases/{case_id}/archive"): {409},
    ("GET", "/api/v1/cases/{case_id}/rating"): {409},
    ("PUT", "/api/v1/annotations/{annotation_id}"): {410},  # deleted: kept, but no longer changed
    ("DELETE", "/api/v1/annotations/{annotation_id}"): {410},
}
UPLOAD_ERRORS = {409, 410, 412, 413, 415, 460, 507}

BINARY = Schema(type="string", format="binary")
MEDIA = ("image/jpeg", "image/png", "image/heic", "video/mp4", "video/quicktime")
FILES: dict[tuple[str, str], tuple[str, ...]] = {
    ("GET", "/api/v1/evidence/{evidence_id}/file/{variant}"): MEDIA,
    ("GET", "/api/v1/media/{evidence_id}/{variant}"): MEDIA,
    ("GET", "/api/v1/exports/{export_id}/download"): ("application/zip",),
}
STREAMS: dict[tuple[str, str], dict[str, Schema]] = {
    ("GET", "/api/v1/cases/{case_id}/archive"): {"application/zip": BINARY},
    ("GET", "/api/v1/events/stream"): {"text/event-stream": Schema(type="string")},
}

ONE_SHOT_FORM = Schema(
    type="object",
    required=["requirement", "file"],
    properties={
        "requirement": Schema(type="string", max_length=64, description="the checklist key"),
        "lat": Schema(type="string", description="WGS-84 latitude the phone knew at capture"),
        "lon": Schema(type="string", description="WGS-84 longitude"),
        "accuracy": Schema(type="string", description="metres"),
        "captured_at": Schema(type="string", description="ISO 8601 with a zone, or epoch milliseconds"),
        "device_id": Schema(type="string", description="the phone's id (128 characters kept)"),
        "replaces": Schema(type="string", description="id of the evidence this one replaces"),
        "file": Schema(type="string", format="binary",
                       description="the photo, last: the fields before it are checked before it is stored"),
    },
)
FORMS: dict[tuple[str, str], Schema] = {("POST", "/api/v1/cases/{case_id}/evidence"): ONE_SHOT_FORM}


def error_statuses(method: str, path: str, public: bool) -> set[int]:
    statuses = {400, 404, 414, 422, 431}  # 414 and 431: the HTTP front, before any route (server/http_front.py)
    if not public:
        statuses |= {401, 403}
    if method in WRITES:
        statuses |= {409, 412, 413, 415}
    if path.startswith(UPLOADS):
        statuses |= UPLOAD_ERRORS
    return statuses | EXTRA.get((method, path), set())


def document_api(app: Litestar) -> None:
    openapi = app.openapi_schema
    error_body = {"application/json": OpenAPIMediaType(schema=Reference(ref="#/components/schemas/ErrorBody"))}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        item = (openapi.paths or {}).get(route.path_format)
        if item is None:
            continue
        for handler in route.route_handlers:
            public = bool((handler.opt or {}).get("exclude_from_auth"))
            for method in handler.http_methods:
                operation = getattr(item, method.lower(), None)
                if operation is None:
                    continue
                responses = operation.responses if operation.responses is not None else {}
                key = (method, route.path_format)
                for status in sorted(error_statuses(method, route.path_format, public)):
                    responses[str(status)] = OpenAPIResponse(description=ERRORS[status], content=dict(error_body))
                if key in FILES:
                    content = {media: OpenAPIMediaType(schema=BINARY) for media in FILES[key]}
                    responses["200"] = OpenAPIResponse(description="The file (ETag = its sha256)", content=content)
                    responses["206"] = OpenAPIResponse(description="The byte range asked for (Range)",
                                                       content=dict(content))
                    responses["304"] = OpenAPIResponse(description="Not modified (If-None-Match)")
                elif key in STREAMS:
                    responses["200"] = OpenAPIResponse(
                        description=responses["200"].description if "200" in responses else "A stream",
                        content={media: OpenAPIMediaType(schema=schema) for media, schema in STREAMS[key].items()})
                elif key == ("GET", "/api/v1/audit/flags") and "200" in responses:
                    responses["200"].content = {**(responses["200"].content or {}),
                                                "text/csv": OpenAPIMediaType(schema=Schema(type="string"))}
                operation.responses = responses
                if key in FORMS:
                    operation.request_body = RequestBody(
                        required=True, content={"multipart/form-data": OpenAPIMediaType(schema=FORMS[key])})
