"""Bad-input sweep: schemathesis generates requests from the app's own OpenAPI schema (valid and
invalid ones: positive and negative generation) for every operation, and each is sent to a
real server process as every role (anonymous, the case's applicant, another applicant, officer,
auditor, admin). No answer may be a 500, and every answer must conform to the schema: a
documented status code, content type and body.

Generated ids are folded onto the seeded objects (two cases with evidence, an annotation, a
comment, a live session with a slot offered) so requests reach real rows, not only 404s; user ids
always onto a user who is none of the principals (a generated PATCH may change a password).
Checked for "no 500" only, not against the schema: the tus endpoints (/api/v1/uploads...), whose
protocol lives in headers (Upload-Offset, Upload-Length, Upload-Metadata, Tus-Resumable) and raw
octet-stream bodies that Litestar's schema does not describe (a handler taking the Request), and
the notification stream (text/event-stream, kept open; asked for one second).

Bound: TAKAN_SWEEP_EXAMPLES examples per operation (default 6), each sent as six principals."""

import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import httpx
import msgspec
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from server.app import create_app
from server.settings import Settings
from shared.models import SiteIn
from shared.workdays import CalendarFile, WorkCalendar
from tests.support.live_server import LiveServer, seed
from tests.support.review import MINI_ITEM, photo_bytes

pytestmark = pytest.mark.e2e
PASSWORD = "schema sweep password"
EXAMPLES = int(os.environ.get("TAKAN_SWEEP_EXAMPLES", "6"))
ROLES = ("anonymous", "applicant", "applicant2", "officer", "auditor", "admin")
USERS = {"applicant": ("applicant", "陈工"), "applicant2": ("applicant", "刘医生"), "officer": ("officer", "张伟"),
         "officer2": ("officer", "李娜"), "auditor": ("auditor", "王审计"), "admin": ("admin", "管理员"),
         "victim": ("applicant", "被改的用户")}
# Checked for "no 500" only (see the module docstring).
PROTOCOL_ROUTES = ("/api/v1/uploads", "/api/v1/events/stream")

RAW = create_app(Settings()).openapi_schema.to_schema()
schema = schemathesis.openapi.from_dict(RAW)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES,
                                deterministic=True)


class World:
    """The seeded server and a token per principal (renewed when a generated request revoked it)."""

    def __init__(self, live: LiveServer, known: dict[str, list]):
        self.live = live
        self.known = known
        self.tokens: dict[str, str] = {}
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(len(ROLES), thread_name_prefix="sweep")  # the six principals at once
        self._local = threading.local()

    def session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session

    def headers(self, role: str, *, fresh: bool = False) -> dict[str, str]:
        if role == "anonymous":
            return {}
        with self.lock:
            if fresh or role not in self.tokens:
                r = httpx.post(f"{self.live.url}/api/v1/auth/login", json={"username": role, "password": PASSWORD})
                r.raise_for_status()
                self.tokens[role] = r.json()["token"]
            return {"Authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("sweep") / "data", env={"TAKAN_LOGIN_IP_MAX_FAILURES": "0",
                                                                      "TAKAN_LOGIN_MAX_FAILURES": "1000000"})
    ids = seed(live.settings(), USERS, PASSWORD, [SiteIn(name="康宁诊所", lat=30.5426, lon=119.9689)])
    live.start()
    try:
        world = World(live, {})
        api = httpx.Client(base_url=f"{live.url}/api/v1", timeout=60)
        h = world.headers
        api.post("/item-types", json=MINI_ITEM, headers=h("admin")).raise_for_status()
        cases, evidence = [], []
        for n in range(2):
            case = api.post("/cases", headers=h("applicant"), json={
                "item_type": MINI_ITEM["code"], "site_id": ids["site0"], "title": f"康宁诊所 {n}", "fields": {}}).json()
            cases.append(case["id"])
            for i, key in enumerate(("storefront", "room", "waste")):
                r = api.post(f"/cases/{case['id']}/evidence", headers=h("applicant"), data={"requirement": key},
                             files={"file": (f"{key}.jpg", photo_bytes(10 * n + i, datetime.now(UTC)), "image/jpeg")})
                r.raise_for_status()
                evidence.append(r.json()["id"])
        api.post(f"/cases/{cases[0]}/submit", headers=h("applicant")).raise_for_status()
        api.post(f"/cases/{cases[0]}/claim", headers=h("officer")).raise_for_status()
        annotation = api.post(f"/evidence/{evidence[0]}/annotations", headers=h("officer"), json={
            "shape": {"type": "rect", "x": 0.1, "y": 0.1, "w": 0.2, "h": 0.2}, "label": "门头"})
        annotation.raise_for_status()
        comment = api.post(f"/cases/{cases[0]}/comments", headers=h("officer"), json={
            "body": "请补拍门头", "visibility": "internal"})
        comment.raise_for_status()
        session = api.post(f"/cases/{cases[0]}/live-sessions", headers=h("officer"),
                           json={"slots": [next_working_morning(api, h("admin"))]})
        session.raise_for_status()
        world.known = {
            "case_id": cases, "evidence_id": evidence, "user_id": [ids["victim"]], "site_id": [ids["site0"]],
            "annotation_id": [annotation.json()["id"]], "comment_id": [comment.json()["id"]], "opinion_id": [1],
            "export_id": [1], "officer_id": [ids["officer2"]], "code": [MINI_ITEM["code"]],
            "session_id": [session.json()["id"]],
        }
        yield world
    finally:
        live.stop()


def next_working_morning(api: httpx.Client, headers: dict) -> str:
    """09:00 in Beijing on the next working day of the server's calendar: a live-survey slot."""
    calendar = WorkCalendar.from_file(msgspec.convert(api.get("/calendar", headers=headers).json(), CalendarFile))
    beijing = ZoneInfo("Asia/Shanghai")
    day = calendar.add_working_days(datetime.now(beijing).date(), 1)
    return datetime.combine(day, time(9), beijing).isoformat()


def fold_ids(case, known: dict[str, list]) -> None:
    """Send most generated ids to the seeded rows (staying valid for the schema); user ids always
    to a user who is none of the principals (a generated PATCH may change a password)."""
    for name, value in list((case.path_parameters or {}).items()):
        choices = known.get(name)
        if not choices:
            continue
        number = value if isinstance(value, int) and not isinstance(value, bool) else (
            int(value) if isinstance(value, str) and value.isdigit() and len(value) < 19 else None)
        if name in ("user_id", "officer_id"):
            if number is not None or isinstance(value, str):
                case.path_parameters[name] = choices[0]
        elif number is not None and number >= 0 and number % 4 != 3:
            case.path_parameters[name] = choices[number % len(choices)]
        elif isinstance(value, str) and name == "code" and len(value) % 2 == 0:
            case.path_parameters[name] = choices[0]


def protocol_route(case) -> bool:
    return case.path.startswith(PROTOCOL_ROUTES[0]) or case.path in PROTOCOL_ROUTES


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=EXAMPLES, derandomize=True)
def test_no_500_and_answers_match_the_schema(case, world):
    fold_ids(case, world.known)
    if case.path == "/api/v1/events/stream":
        case.query = {**(case.query or {}), "seconds": 1}
    checks = [not_a_server_error]
    if not protocol_route(case):
        checks += [status_code_conformance, content_type_conformance, response_schema_conformance]

    def as_role(role: str):
        fresh = case.path == "/api/v1/auth/logout"  # it revokes the token it is sent with
        headers = world.headers(role, fresh=fresh) if role != "anonymous" else {}
        response = case.call(base_url=world.live.url, session=world.session(), headers=headers, timeout=60)
        if response.status_code == 401 and role != "anonymous" and "invalid_token" in response.text:
            headers = world.headers(role, fresh=True)  # a generated request signed this token out
            response = case.call(base_url=world.live.url, session=world.session(), headers=headers, timeout=60)
        return response, headers

    for response, headers in world.pool.map(as_role, ROLES):
        case.validate_response(response, checks=checks, headers=headers)


def test_sweep_covers_every_operation():
    """Every operation of the app is in the schema the sweep is generated from (none excluded)."""
    from litestar.routes import HTTPRoute

    from tests.server.test_authorization_matrix import is_litestars_options

    operations = {(op.method.upper(), op.path) for op in (r.ok() for r in schema.get_all_operations())}
    app = create_app(Settings())
    routes = {(m, r.path_format) for r in app.routes if isinstance(r, HTTPRoute) and not r.path.startswith(
        ("/schema", "/m")) for h in r.route_handlers if not is_litestars_options(h) for m in h.http_methods}
    assert routes == operations


# ----- hostile inputs: what the generator does not make, sent to every operation it could apply to

OVER_LONG_HEADER = {"X-Padding": "a" * 17 * 1024}  # over TAKAN_HTTP_MAX_HEADER_BYTES (16 KiB)
RANGE_5000_DIGITS = {"Range": "bytes=" + "9" * 5000 + "-"}
JSON_1000_DEEP = b"[" * 1000 + b"]" * 1000
PATH_VALUES = {"variant": "thumb_256", "upload_id": "0" * 32}


def operations(*methods: str, json_body: bool = False) -> list[tuple[str, str]]:
    return [(method.upper(), path) for path, item in RAW["paths"].items() for method, op in item.items()
            if method in methods and (not json_body or "application/json" in
                                      (op.get("requestBody") or {}).get("content", {}))]


def hostile_url(world: World, path: str) -> str:
    def value(match) -> str:
        name = match.group(1)
        return str(PATH_VALUES.get(name) or (world.known.get(name) or [1])[0])

    url = world.live.url + re.sub(r"\{(\w+)\}", value, path)
    return url + "?seconds=1" if path == "/api/v1/events/stream" else url


@pytest.mark.parametrize(("method", "path"), operations("get", "post", "put", "patch", "delete"))
def test_an_over_long_header_is_431_on_every_operation(world, method, path):
    """Refused by the HTTP front with the one error body before routing, authentication or the
    body: a DELETE so refused changes nothing."""
    r = httpx.request(method, hostile_url(world, path), headers={**world.headers("admin"), **OVER_LONG_HEADER},
                      timeout=60)
    assert r.status_code == 431 and r.json()["code"] == "headers_too_large", (r.status_code, r.text[:300])


@pytest.mark.parametrize(("method", "path"), operations("get"))
def test_a_range_of_5000_digits_is_never_a_500(world, method, path):
    """A Range header too large for a number: 416 where the route serves ranges, ignored where
    it does not; never a 500."""
    r = httpx.request(method, hostile_url(world, path), headers={**world.headers("admin"), **RANGE_5000_DIGITS},
                      timeout=60)
    assert r.status_code < 500 and r.status_code != 206, (r.status_code, r.text[:300])


@pytest.mark.parametrize(("method", "path"), operations("post", "put", "patch", json_body=True))
@pytest.mark.parametrize("role", ["anonymous", "admin", "applicant", "officer"])
def test_json_nested_1000_deep_is_a_4xx_on_every_json_operation(world, method, path, role):
    headers = {**world.headers(role), "Content-Type": "application/json"}
    r = httpx.request(method, hostile_url(world, path), content=JSON_1000_DEEP, headers=headers, timeout=60)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    if r.status_code == 400:
        assert r.json()["code"] in ("json_too_deep", "invalid_request"), r.text[:300]
