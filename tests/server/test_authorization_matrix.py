"""The authorization matrix: every route of the app, every role, plus "not logged in" and
"another applicant". A route that is not in ACCESS fails the test, so no route can skip it.

A principal is *allowed* when the answer is neither 401 nor 403 (a 4xx about the body or the
state still means the door opened); *denied* means exactly 401 (not logged in), 403 (the role may
not), or, for another applicant's objects on a route applicants may use, 404 (answered as if the
object did not exist, so ids cannot be probed), with the one error body."""

import pytest
from litestar.routes import HTTPRoute

from server.clock import to_db
from server.domain.cases import repository as cases_repository
from server.domain.evidence.tus import encode_metadata
from tests.conftest import PASSWORD
from tests.support.api import make_case, make_site

PRINCIPALS = ("anonymous", "applicant", "applicant2", "officer", "auditor", "admin")
STAFF = {"officer", "auditor", "admin"}
LOGGED_IN = {"applicant", "applicant2"} | STAFF
# "applicant" owns the fixture case; "applicant2" is another applicant.
OWNER_AND_STAFF = {"applicant"} | STAFF
PUBLIC = set(PRINCIPALS)

ACCESS: dict[tuple[str, str], set[str]] = {
    ("GET", "/api/v1/health"): PUBLIC,
    ("POST", "/api/v1/auth/login"): PUBLIC,
    ("POST", "/api/v1/auth/logout"): LOGGED_IN,
    ("GET", "/api/v1/me"): LOGGED_IN,
    ("GET", "/api/v1/users"): {"admin"},
    ("POST", "/api/v1/users"): {"admin"},
    ("GET", "/api/v1/users/{user_id:int}"): {"admin"},
    ("PATCH", "/api/v1/users/{user_id:int}"): {"admin"},
    ("GET", "/api/v1/item-types"): LOGGED_IN,
    ("POST", "/api/v1/item-types"): {"admin"},
    ("GET", "/api/v1/item-types/{code:str}"): LOGGED_IN,
    ("PUT", "/api/v1/item-types/{code:str}"): {"admin"},
    ("DELETE", "/api/v1/item-types/{code:str}"): {"admin"},
    ("GET", "/api/v1/calendar"): LOGGED_IN,
    ("PUT", "/api/v1/calendar"): {"admin"},
    ("GET", "/api/v1/sites"): LOGGED_IN,
    ("POST", "/api/v1/sites"): {"admin"},
    ("GET", "/api/v1/sites/{site_id:int}"): LOGGED_IN,
    ("PUT", "/api/v1/sites/{site_id:int}"): {"admin"},
    ("GET", "/api/v1/cases"): LOGGED_IN,
    ("POST", "/api/v1/cases"): {"applicant", "applicant2"},
    ("GET", "/api/v1/cases/{case_id:int}"): OWNER_AND_STAFF,
    ("PATCH", "/api/v1/cases/{case_id:int}"): {"applicant"},
    ("POST", "/api/v1/cases/{case_id:int}/submit"): {"applicant"},
    ("POST", "/api/v1/cases/{case_id:int}/withdraw"): {"applicant"},
    ("GET", "/api/v1/cases/{case_id:int}/history"): STAFF,
    ("GET", "/api/v1/audit/events"): {"auditor", "admin"},
    ("GET", "/api/v1/audit/verify"): {"auditor", "admin"},
    # evidence: only the case's applicant adds it; the applicant and staff read it
    ("GET", "/api/v1/events"): LOGGED_IN,
    ("GET", "/api/v1/events/stream"): LOGGED_IN,
    # review: staff read it, officers act (admins pass the guard; the service wants an officer)
    ("GET", "/api/v1/review/queue"): STAFF,
    ("GET", "/api/v1/cases/{case_id:int}/review"): STAFF,
    ("POST", "/api/v1/cases/{case_id:int}/claim"): {"officer", "admin"},
    ("POST", "/api/v1/cases/{case_id:int}/assignments"): {"admin"},
    ("DELETE", "/api/v1/cases/{case_id:int}/assignments/{officer_id:int}"): {"officer", "admin"},
    ("POST", "/api/v1/evidence/{evidence_id:int}/views"): STAFF,
    ("GET", "/api/v1/cases/{case_id:int}/opinions"): STAFF,
    ("POST", "/api/v1/cases/{case_id:int}/opinions"): {"officer", "admin"},
    ("PUT", "/api/v1/cases/{case_id:int}/opinions/{opinion_id:int}"): {"officer", "admin"},
    ("OPTIONS", "/api/v1/uploads"): PUBLIC,  # tus discovery
    ("POST", "/api/v1/uploads"): {"applicant"},
    ("HEAD", "/api/v1/uploads/{upload_id:str}"): {"applicant"},
    ("PATCH", "/api/v1/uploads/{upload_id:str}"): {"applicant"},
    ("DELETE", "/api/v1/uploads/{upload_id:str}"): {"applicant"},
    ("GET", "/api/v1/uploads/{upload_id:str}"): {"applicant"},
    ("GET", "/api/v1/cases/{case_id:int}/evidence"): OWNER_AND_STAFF,
    ("POST", "/api/v1/cases/{case_id:int}/evidence"): {"applicant"},
    ("GET", "/api/v1/evidence/{evidence_id:int}"): OWNER_AND_STAFF,
    ("GET", "/api/v1/evidence/{evidence_id:int}/file/{variant:str}"): OWNER_AND_STAFF,
    # a signed link is the credential: whoever holds a valid one may fetch that one file
    ("GET", "/api/v1/media/{evidence_id:int}/{variant:str}"): PUBLIC,
    # annotations, comments, ratings
    ("GET", "/api/v1/evidence/{evidence_id:int}/annotations"): OWNER_AND_STAFF,
    ("GET", "/api/v1/cases/{case_id:int}/annotations"): OWNER_AND_STAFF,
    ("POST", "/api/v1/evidence/{evidence_id:int}/annotations"): {"officer", "admin"},
    # only the annotation's author (the fixture's officer) edits or deletes it
    ("PUT", "/api/v1/annotations/{annotation_id:int}"): {"officer"},
    ("DELETE", "/api/v1/annotations/{annotation_id:int}"): {"officer"},
    ("GET", "/api/v1/annotations/{annotation_id:int}/revisions"): STAFF,
    ("GET", "/api/v1/cases/{case_id:int}/comments"): OWNER_AND_STAFF,
    # officers and admins comment; the case's applicant replies (here 422: no parent); auditors read only
    ("POST", "/api/v1/cases/{case_id:int}/comments"): {"applicant", "officer", "admin"},
    ("GET", "/api/v1/cases/{case_id:int}/rating"): OWNER_AND_STAFF,
    ("POST", "/api/v1/cases/{case_id:int}/rating"): {"applicant"},  # 409 on the draft, but the door opens
    # archive and oversight
    ("GET", "/api/v1/cases/{case_id:int}/archive"): {"auditor", "admin"},
    ("GET", "/api/v1/archive-key"): PUBLIC,  # a public key, for whoever has to check an archive
    ("POST", "/api/v1/exports"): {"auditor", "admin"},  # 422 here: no decided case to export
    ("GET", "/api/v1/exports"): {"auditor", "admin"},
    ("GET", "/api/v1/exports/{export_id:int}"): {"auditor", "admin"},  # 404 here: no such export
    ("GET", "/api/v1/exports/{export_id:int}/download"): {"auditor", "admin"},
    ("GET", "/api/v1/audit/flags"): {"auditor", "admin"},
    ("GET", "/api/v1/stats"): STAFF,
    # live survey booking, on a case in review that the officer holds, with slots offered:
    # staff and the applicant read; the bureau offers (here 409: one is offered already); the
    # applicant picks or asks for other times; either side reschedules or cancels
    ("GET", "/api/v1/cases/{case_id:int}/live-sessions"): OWNER_AND_STAFF,
    ("POST", "/api/v1/cases/{case_id:int}/live-sessions"): {"officer", "admin"},
    ("POST", "/api/v1/cases/{case_id:int}/live-sessions/{session_id:int}/pick"): {"applicant"},
    ("POST", "/api/v1/cases/{case_id:int}/live-sessions/{session_id:int}/alternatives"): {"applicant"},
    ("POST", "/api/v1/cases/{case_id:int}/live-sessions/{session_id:int}/reschedule"): {
        "applicant", "officer", "admin"},
    ("POST", "/api/v1/cases/{case_id:int}/live-sessions/{session_id:int}/cancel"): {"applicant", "officer", "admin"},
    # mobile page: public static files (its data comes only through the API's bearer auth)
    ("GET", "/m"): PUBLIC,
    ("GET", "/m/{file_path:path}"): PUBLIC,
    ("HEAD", "/m/{file_path:path}"): PUBLIC,
}


def is_litestars_options(handler) -> bool:
    """Litestar's own OPTIONS answer (CORS preflight, Allow header), added to every route."""
    return handler.handler_name == "options_handler" and handler.fn.__module__.startswith("litestar")


def app_routes(app) -> set[tuple[str, str]]:
    found = set()
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith("/schema"):
            continue
        for handler in route.route_handlers:
            if is_litestars_options(handler):
                continue
            for method in handler.http_methods:
                found.add((method, route.path))
    return found


def test_every_route_is_in_the_matrix(client):
    routes = app_routes(client.app)
    missing = routes - set(ACCESS)
    assert not missing, f"routes without an entry in the authorization matrix: {sorted(missing)}"
    stale = set(ACCESS) - routes
    assert not stale, f"matrix entries for routes that no longer exist: {sorted(stale)}"


def test_every_non_public_route_has_a_guard(client):
    for route in client.app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith("/schema"):
            continue
        for handler in route.route_handlers:
            if is_litestars_options(handler):
                continue
            for method in handler.http_methods:
                public = ACCESS[(method, route.path)] == PUBLIC
                guards = handler.resolve_guards()
                if public:
                    assert handler.opt.get("exclude_from_auth"), (method, route.path)
                else:
                    assert guards, f"{method} {route.path} has no guard"


class World:
    """Objects for the path parameters, and a valid request per route where one is needed."""

    def __init__(self, site, case, spare_user_id, upload_id, evidence, officer_id):
        self.params = {"case_id": case["id"], "site_id": site["id"], "user_id": spare_user_id,
                       "code": "presale_permit", "upload_id": upload_id, "evidence_id": evidence["id"],
                       "variant": "thumb_256", "opinion_id": 999, "officer_id": officer_id}
        self.signed_thumb = evidence["urls"]["thumb_256"]
        tus = {"Tus-Resumable": "1.0.0"}
        photo = site_photo_bytes()
        self.requests: dict[tuple[str, str], dict] = {
            ("POST", "/api/v1/auth/login"): {"json": {"username": "officer", "password": PASSWORD}},
            ("POST", "/api/v1/users"): {"json": {"username": "new_user", "password": "long enough pw",
                                                 "display_name": "N", "role": "officer"}},
            ("PATCH", "/api/v1/users/{user_id:int}"): {"json": {"display_name": "Renamed"}},
            ("POST", "/api/v1/item-types"): {"json": {
                "code": "matrix_item", "name_zh": "矩阵", "name_en": "Matrix",
                "checklist": [{"key": "a", "title_zh": "甲", "title_en": "A"}]}},
            ("PUT", "/api/v1/calendar"): {"json": {"holidays": ["2026-12-31"], "makeup_workdays": []}},
            ("POST", "/api/v1/sites"): {"json": {"name": "S", "lat": 30.5, "lon": 120.0}},
            ("PUT", "/api/v1/sites/{site_id:int}"): {"json": {"name": "S2", "lat": 30.5, "lon": 120.0}},
            ("POST", "/api/v1/cases"): {"json": {"item_type": "presale_permit", "site_id": site["id"], "title": "t",
                                                 "fields": case["fields"]}},
            ("PATCH", "/api/v1/cases/{case_id:int}"): {"json": {"title": "renamed"}},
            ("POST", "/api/v1/uploads"): {"headers": tus | {
                "Upload-Length": "100", "Upload-Metadata": encode_metadata({"case_id": str(case["id"]),
                                                                             "requirement": "facade_east"})}},
            ("HEAD", "/api/v1/uploads/{upload_id:str}"): {"headers": tus},
            ("PATCH", "/api/v1/uploads/{upload_id:str}"): {"headers": tus | {
                "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"}, "content": b"x" * 10},
            ("DELETE", "/api/v1/uploads/{upload_id:str}"): {"headers": tus},
            ("POST", "/api/v1/cases/{case_id:int}/assignments"): {"json": {"officer_id": officer_id}},
            ("POST", "/api/v1/evidence/{evidence_id:int}/views"): {"json": {"duration_ms": 1000}},
            ("POST", "/api/v1/cases/{case_id:int}/opinions"): {"json": {"verdict": "pass"}},
            ("PUT", "/api/v1/cases/{case_id:int}/opinions/{opinion_id:int}"): {
                "json": {"verdict": "pass", "version": 1}},
            ("POST", "/api/v1/cases/{case_id:int}/evidence"): {
                "files": {"file": ("p.jpg", photo, "image/jpeg")}, "data": {"requirement": "facade_south"}},
        }

    def url(self, method: str, path: str) -> str:
        if path == "/api/v1/media/{evidence_id:int}/{variant:str}":
            return self.signed_thumb
        if path == "/api/v1/events/stream":
            return path + "?seconds=0&after=0"  # the backlog, then the stream closes
        params = self.params
        if "/live-sessions" in path:
            params = {**params, "case_id": params["live_case_id"]}  # a case in review with a session
        for name, value in params.items():
            path = path.replace(f"{{{name}:int}}", str(value)).replace(f"{{{name}:str}}", str(value))
        return path


def site_photo_bytes() -> bytes:
    import io

    from tests.support.media import photo_image

    out = io.BytesIO()
    photo_image(1200, 900, seed=42).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
async def world(client, users, tmp_path):
    site = await make_site(client, users.headers("admin"))
    case = await make_case(client, users.headers("applicant"), site["id"])
    await users.add("spare", "officer", "备用")
    created = await client.post("/api/v1/uploads", headers=users.headers("applicant") | {
        "Tus-Resumable": "1.0.0", "Upload-Length": "1000",
        "Upload-Metadata": encode_metadata({"case_id": str(case["id"]), "requirement": "facade_east"})})
    upload_id = created.headers["location"].rsplit("/", 1)[1]
    evidence = (await client.post(f"/api/v1/cases/{case['id']}/evidence", headers=users.headers("applicant"),
                                  files={"file": ("e.jpg", site_photo_bytes(), "image/jpeg")},
                                  data={"requirement": "facade_east"})).json()
    world = World(site, case, users.ids["spare"], upload_id, evidence, users.ids["officer"])
    item = (await client.get("/api/v1/item-types/presale_permit", headers=users.headers("admin"))).json()
    world.requests[("PUT", "/api/v1/item-types/{code:str}")] = {
        "json": {k: v for k, v in item.items() if k != "version"}}
    # annotations, comments, ratings: an annotation by the officer on a second case of the
    # applicant, moved to in_review (the fixture case stays a draft for the routes above).
    other = await make_case(client, users.headers("applicant"), site["id"])
    photo = (await client.post(f"/api/v1/cases/{other['id']}/evidence", headers=users.headers("applicant"),
                               files={"file": ("o.jpg", site_photo_bytes(), "image/jpeg")},
                               data={"requirement": "facade_north"})).json()
    services = client.app.state.services
    async with services.db.transaction() as conn:
        await cases_repository.set_status(conn, other["id"], "in_review", to_db(services.clock.now()), {})
    shape = {"shape": {"type": "rect", "x": 0.1, "y": 0.2, "w": 0.3, "h": 0.4}, "label": "裂缝"}
    annotation = await client.post(f"/api/v1/evidence/{photo['id']}/annotations", json=shape,
                                    headers=users.headers("officer"))
    assert annotation.status_code == 201, annotation.text
    world.params["annotation_id"] = annotation.json()["id"]
    world.requests.update({
        ("POST", "/api/v1/evidence/{evidence_id:int}/annotations"): {"json": shape},
        ("PUT", "/api/v1/annotations/{annotation_id:int}"): {"json": shape | {"version": 1}},
        ("DELETE", "/api/v1/annotations/{annotation_id:int}"): {"params": {"version": 1}},
        ("POST", "/api/v1/cases/{case_id:int}/comments"): {"json": {"body": "请补拍北立面"}},
        ("POST", "/api/v1/cases/{case_id:int}/rating"): {"json": {"score": 5, "comment": "很方便"}},
    })
    # live survey booking: the officer holds the case in review and has offered two slots (the
    # clock stands at Monday 2 November 2026, 10:00 in Beijing)
    await client.post(f"/api/v1/cases/{other['id']}/claim", headers=users.headers("officer"))
    offered = await client.post(f"/api/v1/cases/{other['id']}/live-sessions", headers=users.headers("officer"),
                                json={"slots": ["2026-11-03T09:00:00+08:00", "2026-11-03T14:00:00+08:00"]})
    assert offered.status_code == 201, offered.text
    session = offered.json()
    world.params.update(live_case_id=other["id"], session_id=session["id"])
    reason = {"reason": "现场临时停电"}
    world.requests.update({
        ("POST", "/api/v1/cases/{case_id:int}/live-sessions"): {"json": {"slots": ["2026-11-04T09:00:00+08:00"]}},
        ("POST", "/api/v1/cases/{case_id:int}/live-sessions/{session_id:int}/pick"): {
            "json": {"slot_id": session["slots"][0]["id"]}},
        ("POST", "/api/v1/cases/{case_id:int}/live-sessions/{session_id:int}/alternatives"): {
            "json": {"message": "周三下午方便"}},
        ("POST", "/api/v1/cases/{case_id:int}/live-sessions/{session_id:int}/reschedule"): {"json": reason},
        ("POST", "/api/v1/cases/{case_id:int}/live-sessions/{session_id:int}/cancel"): {"json": reason},
    })
    # archive and oversight
    world.params["export_id"] = 1
    world.requests[("POST", "/api/v1/exports")] = {"json": {"from": "2026-11-01", "to": "2026-11-30"}}
    return world


async def test_matrix(client, users, world):
    failures = []
    # Deactivating the item type, terminating the upload and cancelling the live session go last
    # so earlier checks still find them; after logout everyone logs back in.
    last = {("DELETE", "/api/v1/item-types/{code:str}"), ("DELETE", "/api/v1/uploads/{upload_id:str}"),
            ("POST", "/api/v1/cases/{case_id:int}/live-sessions/{session_id:int}/cancel")}
    order = sorted(ACCESS, key=lambda key: (key in last, key))
    for method, path in order:
        allowed = ACCESS[(method, path)]
        for principal in PRINCIPALS:
            headers = users.headers(None if principal == "anonymous" else principal)
            spec = world.requests.get((method, path), {})
            response = await client.request(method, world.url(method, path),
                                             headers=headers | spec.get("headers", {}),
                                             **{k: v for k, v in spec.items() if k != "headers"})
            status = response.status_code
            if status >= 500:
                failures.append(f"{method} {path} as {principal}: {status} {response.text[:200]}")
            elif principal in allowed:
                if status in (401, 403):
                    failures.append(f"{method} {path} as {principal}: refused ({status}) but should be allowed")
            else:
                expected = 401 if principal == "anonymous" else 404 if (
                    principal == "applicant2" and "applicant" in allowed) else 403
                if status != expected:
                    failures.append(f"{method} {path} as {principal}: {status}, expected {expected}")
                elif method != "HEAD" and set(response.json()) != {"code", "message", "detail"}:
                    failures.append(f"{method} {path} as {principal}: not the error body")
        if (method, path) == ("POST", "/api/v1/auth/logout"):
            for principal in LOGGED_IN:  # log back in for the routes after it
                login = await client.post("/api/v1/auth/login", json={"username": principal, "password": PASSWORD})
                users.tokens[principal] = login.json()["token"]
    assert not failures, "\n".join(failures)


async def test_a_method_override_opens_no_other_door(client, users, world):
    """X-HTTP-Method-Override (tus routes, from a POST or GET) meets the guards of the method it
    names: each principal is refused exactly as for the real method (status and code), and is
    let through where the real method lets them through."""
    failures = []
    tus_routes = [key for key in ACCESS if key[1].startswith("/api/v1/uploads")
                  and key[0] in ("PATCH", "DELETE", "HEAD", "OPTIONS")]
    assert len(tus_routes) == 4
    for method, path in sorted(tus_routes, key=lambda key: (key[0] == "DELETE", key)):  # DELETE ends the upload
        spec = world.requests.get((method, path), {})
        for principal in PRINCIPALS:
            headers = users.headers(None if principal == "anonymous" else principal) | spec.get("headers", {})
            rest = {k: v for k, v in spec.items() if k != "headers"}
            real = await client.request(method, world.url(method, path), headers=headers, **rest)
            for carrier in ("POST", "GET"):
                overridden = await client.request(carrier, world.url(method, path), **rest,
                                                  headers=headers | {"X-HTTP-Method-Override": method})
                where = f"{carrier} as {method} {path} as {principal}"
                if overridden.status_code >= 500 or overridden.status_code == 405:
                    failures.append(f"{where}: {overridden.status_code} {overridden.text[:200]}")
                elif principal in ACCESS[(method, path)]:
                    if overridden.status_code in (401, 403):
                        failures.append(f"{where}: refused ({overridden.status_code}) but should be allowed")
                elif overridden.status_code != real.status_code:
                    failures.append(f"{where}: {overridden.status_code}, the real method {real.status_code}")
                elif method != "HEAD" and overridden.json()["code"] != real.json()["code"]:
                    failures.append(f"{where}: {overridden.json()['code']}, the real method {real.json()['code']}")
    assert not failures, "\n".join(failures)
