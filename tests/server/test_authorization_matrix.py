"""The authorization matrix: every route of the app, every role, plus "not logged in" and
"another applicant". A route that is not in ACCESS fails the test, so no route can skip it.

A principal is *allowed* when the answer is neither 401 nor 403 (a 4xx about the body or the
state still means the door opened); *denied* means exactly 401 (not logged in) or 403, with the
one error body."""

import pytest
from litestar.routes import HTTPRoute

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
}


def app_routes(app) -> set[tuple[str, str]]:
    found = set()
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith("/schema"):
            continue
        for method in route.methods - {"OPTIONS", "HEAD"}:
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
            for method in handler.http_methods - {"OPTIONS", "HEAD"}:
                public = ACCESS[(method, route.path)] == PUBLIC
                guards = handler.resolve_guards()
                if public:
                    assert handler.opt.get("exclude_from_auth"), (method, route.path)
                else:
                    assert guards, f"{method} {route.path} has no guard"


class World:
    """Objects for the path parameters, and a valid body per route where one is needed."""

    def __init__(self, site, case, spare_user_id):
        self.params = {"case_id": case["id"], "site_id": site["id"], "user_id": spare_user_id,
                       "code": "presale_permit"}
        self.bodies = {
            ("POST", "/api/v1/auth/login"): {"username": "officer", "password": PASSWORD},
            ("POST", "/api/v1/users"): {"username": "new_user", "password": "long enough pw",
                                        "display_name": "N", "role": "officer"},
            ("PATCH", "/api/v1/users/{user_id:int}"): {"display_name": "Renamed"},
            ("PUT", "/api/v1/item-types/{code:str}"): None,  # filled from GET below
            ("POST", "/api/v1/item-types"): {"code": "matrix_item", "name_zh": "矩阵", "name_en": "Matrix",
                                             "checklist": [{"key": "a", "title_zh": "甲", "title_en": "A"}]},
            ("PUT", "/api/v1/calendar"): {"holidays": ["2026-12-31"], "makeup_workdays": []},
            ("POST", "/api/v1/sites"): {"name": "S", "lat": 30.5, "lon": 120.0},
            ("PUT", "/api/v1/sites/{site_id:int}"): {"name": "S2", "lat": 30.5, "lon": 120.0},
            ("POST", "/api/v1/cases"): {"item_type": "presale_permit", "site_id": site["id"], "title": "t",
                                        "fields": case["fields"]},
            ("PATCH", "/api/v1/cases/{case_id:int}"): {"title": "renamed"},
        }

    def url(self, path: str) -> str:
        for name, value in self.params.items():
            path = path.replace(f"{{{name}:int}}", str(value)).replace(f"{{{name}:str}}", str(value))
        return path


@pytest.fixture
async def world(client, users):
    site = await make_site(client, users.headers("admin"))
    case = await make_case(client, users.headers("applicant"), site["id"])
    await users.add("spare", "officer", "备用")
    world = World(site, case, users.ids["spare"])
    item = (await client.get("/api/v1/item-types/presale_permit", headers=users.headers("admin"))).json()
    world.bodies[("PUT", "/api/v1/item-types/{code:str}")] = {k: v for k, v in item.items() if k != "version"}
    return world


async def test_matrix(client, users, world):
    failures = []
    # Deactivating the item type goes last so earlier checks still find it; after logout
    # everyone logs back in.
    order = sorted(ACCESS, key=lambda key: (key == ("DELETE", "/api/v1/item-types/{code:str}"), key))
    for method, path in order:
        allowed = ACCESS[(method, path)]
        for principal in PRINCIPALS:
            headers = users.headers(None if principal == "anonymous" else principal)
            response = await client.request(method, world.url(path), headers=headers,
                                             json=world.bodies.get((method, path)))
            status = response.status_code
            if status >= 500:
                failures.append(f"{method} {path} as {principal}: {status} {response.text[:200]}")
            elif principal in allowed:
                if status in (401, 403):
                    failures.append(f"{method} {path} as {principal}: refused ({status}) but should be allowed")
            else:
                expected = 401 if principal == "anonymous" else 403
                if status != expected:
                    failures.append(f"{method} {path} as {principal}: {status}, expected {expected}")
                elif set(response.json()) != {"code", "message", "detail"}:
                    failures.append(f"{method} {path} as {principal}: not the error body")
        if (method, path) == ("POST", "/api/v1/auth/logout"):
            for principal in LOGGED_IN:  # log back in for the routes after it
                login = await client.post("/api/v1/auth/login", json={"username": principal, "password": PASSWORD})
                users.tokens[principal] = login.json()["token"]
    assert not failures, "\n".join(failures)
