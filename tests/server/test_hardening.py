"""Limits and headers on every route: a request body bound everywhere, security headers on every
answer (the mobile page's content policy), CORS closed by default and open to configured origins
with the tus headers exposed, failed logins limited per client address across usernames, no
secret in a log line, and a full disk answered with 507."""

import errno
import logging

from litestar.routes import HTTPRoute

from server.app import create_app
from server.clock import FixedClock
from server.domain.evidence.tus import encode_metadata
from server.hardening import RedactSecrets, redact, route_body_limits
from server.http_front import ACCESS_FORMAT, JoinQueryString
from server.storage import staging
from tests.conftest import PASSWORD, T0, Users, fast_settings
from tests.server.test_authorization_matrix import is_litestars_options
from tests.support.api import make_case, make_site
from tests.support.app_client import app_client

PHONE = "https://phone.example"
PREFLIGHT = {"Origin": PHONE, "Access-Control-Request-Method": "PATCH",
             "Access-Control-Request-Headers": "authorization,content-type,tus-resumable,upload-offset,upload-checksum"}


# ----- body limits -----


def test_every_route_has_a_body_limit(client, settings):
    """Litestar's limit (JSON routes: max_json_bytes), or for the upload routes that stream their
    body the bound they enforce themselves."""
    limits = route_body_limits(client.app, settings)
    unbounded = {key: limit for key, limit in limits.items() if limit is None}
    assert not unbounded, f"routes without a request body limit: {sorted(unbounded)}"
    assert limits[("POST", "/api/v1/cases")] == settings.max_json_bytes
    assert limits[("PATCH", "/api/v1/uploads/{upload_id:str}")] == settings.video_max_bytes  # Upload-Length
    assert limits[("POST", "/api/v1/cases/{case_id:int}/evidence")] == 64 * 1024 * 1024
    every = {(m, r.path) for r in client.app.routes if isinstance(r, HTTPRoute) for h in r.route_handlers
             if not is_litestars_options(h) for m in h.http_methods}
    assert every <= set(limits)


async def test_oversized_bodies_are_refused(client, users, settings):
    site = await make_site(client, users.headers("admin"))
    case = await make_case(client, users.headers("applicant"), site["id"])
    big = b'{"title": "' + b"x" * (settings.max_json_bytes + 10) + b'"}'
    r = await client.post("/api/v1/cases", content=big, headers=users.headers("applicant") | {
        "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "too_large"
    r = await client.post("/api/v1/auth/login", content=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    r = await client.post("/api/v1/uploads", headers=users.headers("applicant") | {
        "Tus-Resumable": "1.0.0", "Upload-Length": str(settings.video_max_bytes + 1),
        "Upload-Metadata": encode_metadata({"case_id": str(case["id"]), "requirement": "walkround_video"})})
    assert r.status_code == 413 and r.headers["tus-max-size"] == str(settings.video_max_bytes), r.text
    r = await client.post("/api/v1/uploads", headers=users.headers("applicant") | {
        "Tus-Resumable": "1.0.0", "Upload-Length": "10", "Content-Type": "application/offset+octet-stream",
        "Upload-Metadata": encode_metadata({"case_id": str(case["id"]), "requirement": "facade_east"})},
        content=b"0123456789abcdef")  # creation-with-upload: more than the declared length
    assert r.status_code == 413 and r.json()["code"] == "exceeds_upload_length"


# ----- security headers -----


async def test_security_headers_everywhere(client, users):
    for path, headers in (("/api/v1/health", {}), ("/api/v1/me", users.headers("officer")), ("/api/v1/me", {}),
                          ("/api/v1/no-such-route", {})):
        r = await client.get(path, headers=headers)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "no-referrer"
        assert "content-security-policy" not in r.headers  # the API answers JSON; /schema's pages need scripts


async def test_mobile_page_headers(client):
    for path in ("/m/", "/m/index.html", "/m/no-such-file.js"):
        r = await client.get(path)
        csp = r.headers["content-security-policy"]
        for directive in ("default-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'"):
            assert directive in csp, (path, csp)
        img = next(d for d in csp.split(";") if d.strip().startswith("img-src"))
        assert {"'self'", "data:", "blob:"} <= set(img.split())
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        policy = r.headers["permissions-policy"]
        assert "camera=(self)" in policy and "geolocation=(self)" in policy
    assert (await client.get("/m/")).status_code == 200


# ----- CORS -----


async def test_cors_closed_by_default(client):
    r = await client.options("/api/v1/uploads/0123456789abcdef0123456789abcdef", headers=PREFLIGHT)
    assert "access-control-allow-origin" not in r.headers
    r = await client.get("/api/v1/health", headers={"Origin": PHONE})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers


async def test_cors_open_to_configured_origins(tmp_path, users):
    settings = fast_settings(tmp_path / "cors", cors_origins=(PHONE,))
    async with app_client(create_app(settings), raise_server_exceptions=False) as client:
        r = await client.options("/api/v1/uploads/0123456789abcdef0123456789abcdef", headers=PREFLIGHT)
        assert r.status_code == 204 and r.headers["access-control-allow-origin"] == PHONE
        assert "PATCH" in r.headers["access-control-allow-methods"]
        allowed = r.headers["access-control-allow-headers"].lower()
        assert all(h in allowed for h in ("authorization", "upload-offset", "tus-resumable", "upload-checksum"))
        r = await client.options("/api/v1/uploads", headers={**PREFLIGHT, "Origin": "https://evil.example",
                                                             "Access-Control-Request-Method": "POST"})
        assert r.headers.get("access-control-allow-origin") != "https://evil.example"
        r = await client.get("/api/v1/health", headers={"Origin": PHONE})
        assert r.headers["access-control-allow-origin"] == PHONE
        exposed = r.headers["access-control-expose-headers"].lower()
        assert all(h in exposed for h in ("location", "upload-offset", "upload-length", "tus-resumable",
                                          "upload-expires"))
        r = await client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


# ----- login limits -----


async def test_failed_logins_are_limited_per_address(tmp_path):
    settings = fast_settings(tmp_path / "ip", login_ip_max_failures=4, login_ip_window_seconds=600,
                             login_max_failures=100)
    clock = FixedClock(settings.tz, T0)
    async with app_client(create_app(settings, clock=clock), raise_server_exceptions=False) as client:
        users = Users(client)
        await users.add("officer", "officer", "张伟")
        for i in range(4):  # a different username each time: no username's own lock comes near
            r = await client.post("/api/v1/auth/login", json={"username": f"guess{i}", "password": "123456"})
            assert r.status_code == 401
        r = await client.post("/api/v1/auth/login", json={"username": "officer", "password": PASSWORD})
        assert r.status_code == 429, r.text
        body = r.json()
        assert body["code"] == "login_rate_limited" and body["detail"]["message_zh"]
        assert 0 < int(r.headers["retry-after"]) <= 600
        clock.advance(seconds=601)
        r = await client.post("/api/v1/auth/login", json={"username": "officer", "password": PASSWORD})
        assert r.status_code == 200


# ----- logs -----


def test_secrets_are_redacted_from_log_records():
    line = ('127.0.0.1:5000 - "GET /api/v1/media/7/original?u=3&exp=1790000000&sig=0123456789abcdef0123456789abcdef '
            'HTTP/1.1" 200')
    assert "0123456789abcdef" not in redact(line) and "sig=[redacted]" in redact(line) and "u=3" in redact(line)
    assert redact("Authorization: Bearer abc.def-ghi") == "Authorization: [redacted]"
    assert "s3cret" not in redact("{'username': 'a', 'password': 's3cret'}")
    assert "tok" not in redact("headers=[(b'authorization', b'Bearer tok')]")
    # uvicorn's access record: the arguments keep their shape, the path is cleaned
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/api/v1/media/7/thumb_256?u=3&exp=1&sig=feedface", "1.1",
                                200), None)
    assert RedactSecrets().filter(record)
    assert record.getMessage() == ('127.0.0.1:5000 - "GET /api/v1/media/7/thumb_256?u=3&exp=1&sig=[redacted] '
                                   'HTTP/1.1" 200')


def test_granians_access_record_is_one_target_without_the_signature():
    """granian logs the path and the query apart (a dict of arguments): the worker joins them
    (JoinQueryString) before the secrets filter, which also catches a query that starts with sig=."""
    fields = {"addr": "127.0.0.1", "method": "GET", "path": "/api/v1/media/7/thumb_256", "protocol": "HTTP/1.1",
              "status": 200, "dt_ms": 1.5}
    for query in ("u=3&exp=1&sig=feedface", "sig=feedface&u=3"):
        record = logging.LogRecord("granian.access", logging.INFO, __file__, 1, ACCESS_FORMAT, None, None)
        record.args = {**fields, "query_string": query}  # as granian passes them (LogRecord unwraps a dict)
        assert JoinQueryString().filter(record) and RedactSecrets().filter(record)
        message = record.getMessage()
        assert "feedface" not in message and "sig=[redacted]" in message, message
        assert '"GET /api/v1/media/7/thumb_256?' in message and " HTTP/1.1\" 200" in message, message
    record = logging.LogRecord("granian.access", logging.INFO, __file__, 1, ACCESS_FORMAT, None, None)
    record.args = {**fields, "query_string": ""}
    assert JoinQueryString().filter(record) and '"GET /api/v1/media/7/thumb_256 HTTP/1.1"' in record.getMessage()


async def test_the_app_installs_the_filter(client):
    for name in ("granian.access", "uvicorn.access", "uvicorn.error", "takan"):
        assert any(isinstance(f, RedactSecrets) for f in logging.getLogger(name).filters), name


# ----- a full disk under a request -----


async def test_disk_full_while_staging_is_507(client, users, monkeypatch):
    site = await make_site(client, users.headers("admin"))
    case = await make_case(client, users.headers("applicant"), site["id"])

    async def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(staging, "stage_stream", full)
    r = await client.post(f"/api/v1/cases/{case['id']}/evidence",
                          files={"file": ("a.jpg", b"\xff\xd8\xff" + b"0" * 100)}, data={"requirement": "facade_east"},
                          headers=users.headers("applicant"))
    assert r.status_code == 507, r.text
    assert r.json()["code"] == "insufficient_storage" and "存储空间" in r.json()["detail"]["message_zh"]

