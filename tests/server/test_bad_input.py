"""Bad input of every kind gets a 4xx with the one error body, never a 500, and writes nothing."""

import pytest

from tests.support.api import PRESALE_FIELDS, make_site, table_counts

ERROR_KEYS = {"code", "message", "detail"}


@pytest.fixture
async def site(client, users):
    return await make_site(client, users.headers("admin"))


def case_body(site_id, **overrides):
    return {"item_type": "presale_permit", "site_id": site_id, "title": "3号楼", "fields": PRESALE_FIELDS, **overrides}


BAD_CASES = {
    "malformed json": dict(content=b'{"item_type": "presale_permit", '),
    "not json at all": dict(content=b"item_type=presale_permit"),
    "json array": dict(json=[1, 2, 3]),
    "wrong type": dict(json={"item_type": 5, "site_id": "one", "title": ["x"]}),
    "missing field": dict(json={"item_type": "presale_permit"}),
    "unknown item type": "UNKNOWN_ITEM",
    "inactive-looking code": "BAD_CODE",
    "unknown site": "UNKNOWN_SITE",
    "over-long title": "LONG_TITLE",
    "field out of range": "FLOORS",
    "huge id": "HUGE_ID",
    "boolean for int field": "BOOL_FLOORS",
}


@pytest.mark.parametrize("name", list(BAD_CASES))
async def test_bad_case_creation(client, users, services, site, name):
    kwargs = BAD_CASES[name]
    if kwargs == "UNKNOWN_ITEM":
        kwargs = dict(json=case_body(site["id"], item_type="no_such_item"))
    elif kwargs == "BAD_CODE":
        kwargs = dict(json=case_body(site["id"], item_type="Robert'); DROP TABLE cases;--"))
    elif kwargs == "UNKNOWN_SITE":
        kwargs = dict(json=case_body(999_999))
    elif kwargs == "LONG_TITLE":
        kwargs = dict(json=case_body(site["id"], title="楼" * 201))
    elif kwargs == "FLOORS":
        kwargs = dict(json=case_body(site["id"], fields={**PRESALE_FIELDS, "total_floors": 10_000}))
    elif kwargs == "HUGE_ID":
        kwargs = dict(json=case_body(10**30))
    elif kwargs == "BOOL_FLOORS":
        kwargs = dict(json=case_body(site["id"], fields={**PRESALE_FIELDS, "total_floors": True}))
    before = await table_counts(services)
    headers = users.headers("applicant") | ({"content-type": "application/json"} if "content" in kwargs else {})
    r = await client.post("/api/v1/cases", headers=headers, **kwargs)
    assert 400 <= r.status_code < 500, (name, r.status_code, r.text)
    assert set(r.json()) == ERROR_KEYS
    assert r.json()["message"]
    assert await table_counts(services) == before


@pytest.mark.parametrize(
    "body",
    [
        {"name": "S", "lat": 91, "lon": 120},
        {"name": "S", "lat": -90.5, "lon": 120},
        {"name": "S", "lat": 30, "lon": 180.01},
        {"name": "S", "lat": 30, "lon": -181},
        {"name": "S", "lat": "north", "lon": 120},
        {"name": "S", "lat": 30, "lon": 120, "datum": "wgs72"},
        {"name": "", "lat": 30, "lon": 120},
        {"name": "S" * 201, "lat": 30, "lon": 120},
        {"name": "S", "lat": 30, "lon": 120, "radius_m": -5},
    ],
)
async def test_bad_sites(client, users, services, body):
    before = await table_counts(services)
    r = await client.post("/api/v1/sites", json=body, headers=users.headers("admin"))
    assert r.status_code == 400, r.text
    assert set(r.json()) == ERROR_KEYS
    assert await table_counts(services) == before


async def test_infinite_and_nan_coordinates(client, users, services):
    before = await table_counts(services)
    for raw in (b'{"name":"S","lat":1e999,"lon":120}', b'{"name":"S","lat":NaN,"lon":120}'):
        r = await client.post("/api/v1/sites", content=raw,
                              headers=users.headers("admin") | {"content-type": "application/json"})
        assert r.status_code == 400, r.text
    assert await table_counts(services) == before


async def test_sql_in_text_is_only_text(client, users, services, site):
    title = "'; DROP TABLE cases; --"
    r = await client.post("/api/v1/cases", json=case_body(site["id"], title=title), headers=users.headers("applicant"))
    assert r.status_code == 201 and r.json()["title"] == title
    for q in ("' OR 1=1 --", "%", "_", "\\"):
        found = await client.get("/api/v1/cases", params={"q": q}, headers=users.headers("officer"))
        assert found.status_code == 200
        assert found.json()["items"] == [], q
    assert (await table_counts(services))["cases"] == 1


async def test_body_over_the_limit_is_413(client, users, services, settings):
    before = await table_counts(services)
    big = b'{"name": "' + b"x" * (settings.max_json_bytes + 10) + b'", "lat": 1, "lon": 1}'
    r = await client.post("/api/v1/sites", content=big,
                          headers=users.headers("admin") | {"content-type": "application/json"})
    assert r.status_code == 413
    assert set(r.json()) == ERROR_KEYS
    assert await table_counts(services) == before


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/api/v1/nowhere", 404),
        ("DELETE", "/api/v1/cases", 405),
        ("GET", "/api/v1/cases/99999999999999999999999", 400),
        ("GET", "/api/v1/cases/0", 400),
        ("GET", "/api/v1/cases/123456", 404),
        ("GET", "/api/v1/cases?limit=0", 400),
        ("GET", "/api/v1/cases?limit=100000", 400),
        ("GET", "/api/v1/cases?status=lost", 400),
        ("GET", "/api/v1/users/abc", 404),
        ("GET", "/api/v1/item-types/" + "x" * 65, 400),
        ("GET", "/api/v1/audit/events?cursor=eyJhIjoxfQ", 400),
    ],
)
async def test_bad_urls(client, users, method, url, status):
    r = await client.request(method, url, headers=users.headers("admin"))
    assert r.status_code == status, r.text
    assert set(r.json()) == ERROR_KEYS


@pytest.mark.parametrize(
    "body",
    [
        {"username": "x" * 65, "password": "p"},
        {"username": "", "password": "p"},
        {"username": "admin"},
        {"username": ["admin"], "password": "p"},
        {"username": "admin", "password": "p" * 300},
    ],
)
async def test_bad_logins(client, users, body):
    r = await client.post("/api/v1/auth/login", json=body)
    assert r.status_code == 400
    assert set(r.json()) == ERROR_KEYS


@pytest.mark.parametrize("header", ["Bearer", "Bearer ", "Basic YWRtaW46eA==", "Bearer forged-token", "bearer\x00x"])
async def test_bad_tokens(client, header):
    r = await client.get("/api/v1/me", headers={"Authorization": header})
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert set(r.json()) == ERROR_KEYS
