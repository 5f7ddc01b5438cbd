from datetime import date

import pytest

from shared.geo import gcj02_to_wgs84, haversine_m
from tests.support.api import make_case, make_item_type, make_site


async def test_seeded_catalogue(client, users):
    items = (await client.get("/api/v1/item-types", headers=users.headers("applicant"))).json()["items"]
    by_code = {item["code"]: item for item in items}
    assert set(by_code) >= {"presale_permit", "medical_institution", "food_business", "water_abstraction"}
    presale = by_code["presale_permit"]
    assert presale["name_zh"] == "商品房预售许可" and presale["required_signoffs"] == 2
    keys = [r["key"] for r in presale["checklist"]]
    assert {"facade_east", "facade_south", "facade_west", "facade_north", "floor_count", "sign_board",
            "walkround_video", "progress_certificate"} == set(keys)
    video = next(r for r in presale["checklist"] if r["key"] == "walkround_video")
    assert video["kind"] == "video" and video["min_duration_s"] >= 30
    for item in items:
        assert item["guide_zh"] and item["guide_en"] and len(item["checklist"]) >= 5
        assert any(r["kind"] == "video" for r in item["checklist"])


async def test_item_type_lifecycle(client, users):
    admin = users.headers("admin")
    created = await make_item_type(client, admin, code="tree_felling")
    assert created["version"] == 1
    dup = await client.post("/api/v1/item-types", json={k: v for k, v in created.items()
                                                         if k not in ("id", "version", "active", "updated_at")},
                            headers=admin)
    assert dup.status_code == 409 and dup.json()["code"] == "item_type_exists"

    body = {**created, "name_zh": "林木采伐许可", "version": 1}
    updated = await client.put("/api/v1/item-types/tree_felling", json=body, headers=admin)
    assert updated.status_code == 200 and updated.json()["version"] == 2
    stale = await client.put("/api/v1/item-types/tree_felling", json={**body, "name_zh": "lost"}, headers=admin)
    assert stale.status_code == 412
    other_code = await client.put("/api/v1/item-types/tree_felling", json={**body, "code": "other", "version": 2},
                                  headers=admin)
    assert other_code.status_code == 422

    gone = await client.delete("/api/v1/item-types/tree_felling", headers=admin)
    assert gone.status_code == 200 and gone.json()["active"] is False
    listed = (await client.get("/api/v1/item-types", headers=users.headers("applicant"))).json()["items"]
    assert "tree_felling" not in {i["code"] for i in listed}
    site = await make_site(client, admin)
    r = await client.post("/api/v1/cases", json={"item_type": "tree_felling", "site_id": site["id"], "title": "t"},
                          headers=users.headers("applicant"))
    assert r.status_code == 422 and r.json()["code"] == "unknown_item_type"


@pytest.mark.parametrize("problem", ["duplicate_requirement", "empty_checklist", "bad_key", "min_over_max"])
async def test_item_type_validation(client, users, services, problem):
    body = {"code": "x_item", "name_zh": "甲", "name_en": "A",
            "checklist": [{"key": "a", "title_zh": "甲", "title_en": "A"}]}
    if problem == "duplicate_requirement":
        body["checklist"] *= 2
    elif problem == "empty_checklist":
        body["checklist"] = []
    elif problem == "bad_key":
        body["code"] = "X Item!"
    else:
        body["fields"] = [{"key": "n", "label_zh": "数", "label_en": "N", "type": "int", "min": 5, "max": 1}]
    r = await client.post("/api/v1/item-types", json=body, headers=users.headers("admin"))
    assert r.status_code in (400, 422)
    assert (await client.get("/api/v1/item-types/x_item", headers=users.headers("admin"))).status_code == 404


async def test_replacing_the_calendar_changes_due_dates(client, users):
    admin = users.headers("admin")
    await make_item_type(client, admin, time_limit_days=2)
    site = await make_site(client, admin)
    # Monday 2 Nov 2026: make Tue 3 and Wed 4 holidays -> 2 working days end on Friday 6.
    r = await client.put("/api/v1/calendar", json={"name": "test", "holidays": ["2026-11-03", "2026-11-04"],
                                                   "makeup_workdays": []}, headers=admin)
    assert r.status_code == 200
    case = await make_case(client, users.headers("applicant"), site["id"], item_type="open_item", fields={})
    submitted = await client.post(f"/api/v1/cases/{case['id']}/submit", headers=users.headers("applicant"))
    assert date.fromisoformat(submitted.json()["due_date"]) == date(2026, 11, 6)
    clash = await client.put("/api/v1/calendar", json={"holidays": ["2026-11-07"], "makeup_workdays": ["2026-11-07"]},
                             headers=admin)
    assert clash.status_code == 422 and clash.json()["code"] == "bad_calendar"
    assert (await client.get("/api/v1/calendar", headers=admin)).json()["name"] == "test"


async def test_sites_store_wgs84_and_keep_the_input(client, users):
    admin = users.headers("admin")
    gcj = await make_site(client, admin, lat=30.54523, lon=119.97351, datum="gcj02")
    expected = gcj02_to_wgs84(30.54523, 119.97351)
    assert (gcj["lat"], gcj["lon"]) == pytest.approx(expected, abs=1e-9)
    assert gcj["input_datum"] == "gcj02" and gcj["input_lat"] == 30.54523
    assert 100 < haversine_m(gcj["lat"], gcj["lon"], 30.54523, 119.97351) < 700
    bd = await make_site(client, admin, lat=30.54137, lon=119.98497, datum="bd09")
    assert haversine_m(bd["lat"], bd["lon"], 30.54137, 119.98497) > 500  # Baidu is offset further
    wgs = await make_site(client, admin, lat=30.5, lon=120.0)
    assert (wgs["lat"], wgs["lon"]) == (30.5, 120.0)
    found = (await client.get("/api/v1/sites", params={"q": "春晓"}, headers=users.headers("applicant"))).json()
    assert len(found["items"]) == 3
