import re
from datetime import date

from tests.support.api import PRESALE_FIELDS, make_case, make_item_type, make_site


async def test_create_case_gives_reference_challenge_code_and_checklist_snapshot(client, users):
    site = await make_site(client, users.headers("admin"))
    case = await make_case(client, users.headers("applicant"), site["id"])
    assert re.fullmatch(r"TK-2026-\d{6}", case["reference"])
    assert re.fullmatch(r"\d{6}", case["challenge_code"])
    assert case["status"] == "draft" and case["version"] == 1
    assert case["item_type"]["code"] == "presale_permit"
    assert {r["key"] for r in case["checklist"]} >= {"facade_east", "floor_count", "sign_board", "walkround_video"}
    assert case["fields"] == PRESALE_FIELDS
    assert case["applicant"]["display_name"] == "恒达置业 陈工"
    second = await make_case(client, users.headers("applicant"), site["id"])
    assert int(second["reference"][-6:]) == int(case["reference"][-6:]) + 1


async def test_checklist_edits_do_not_change_existing_cases(client, users):
    admin = users.headers("admin")
    await make_item_type(client, admin)
    site = await make_site(client, admin)
    case = await make_case(client, users.headers("applicant"), site["id"], item_type="open_item", fields={})
    item = (await client.get("/api/v1/item-types/open_item", headers=admin)).json()
    item["checklist"].append({"key": "extra", "title_zh": "补充", "title_en": "Extra"})
    assert (await client.put("/api/v1/item-types/open_item", json=item, headers=admin)).status_code == 200
    again = (await client.get(f"/api/v1/cases/{case['id']}", headers=users.headers("applicant"))).json()
    assert [r["key"] for r in again["checklist"]] == ["overview"]


async def test_fields_are_checked_against_the_item(client, users):
    site = await make_site(client, users.headers("admin"))
    body = {"item_type": "presale_permit", "site_id": site["id"], "title": "x",
            "fields": {**PRESALE_FIELDS, "total_floors": "eighteen", "colour": "red"}}
    del body["fields"]["building_no"]
    r = await client.post("/api/v1/cases", json=body, headers=users.headers("applicant"))
    assert r.status_code == 422
    problems = r.json()["detail"]["fields"]
    assert set(problems) == {"total_floors", "colour", "building_no"}


async def test_submit_sets_due_date_in_working_days(client, users, clock):
    admin = users.headers("admin")
    await make_item_type(client, admin, time_limit_days=5)
    site = await make_site(client, admin)
    case = await make_case(client, users.headers("applicant"), site["id"], item_type="open_item", fields={})
    # Monday 2 Nov 2026 + 5 working days = Monday 9 Nov.
    r = await client.post(f"/api/v1/cases/{case['id']}/submit", json={"version": 1}, headers=users.headers("applicant"))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "submitted"
    assert date.fromisoformat(r.json()["due_date"]) == date(2026, 11, 9)


async def test_applicants_see_only_their_own_cases(client, users):
    site = await make_site(client, users.headers("admin"))
    mine = await make_case(client, users.headers("applicant"), site["id"])
    other = await make_case(client, users.headers("applicant2"), site["id"])
    listed = (await client.get("/api/v1/cases", headers=users.headers("applicant"))).json()["items"]
    assert [c["id"] for c in listed] == [mine["id"]]
    staff = (await client.get("/api/v1/cases", headers=users.headers("officer"))).json()["items"]
    assert {c["id"] for c in staff} == {mine["id"], other["id"]}
    r = await client.get(f"/api/v1/cases/{other['id']}", headers=users.headers("applicant"))
    assert r.status_code == 404 and r.json()["code"] == "not_found"  # as if it did not exist


async def test_stale_version_is_412_and_changes_nothing(client, users):
    site = await make_site(client, users.headers("admin"))
    case = await make_case(client, users.headers("applicant"), site["id"])
    h = users.headers("applicant")
    ok = await client.patch(f"/api/v1/cases/{case['id']}", json={"version": 1, "title": "new title"}, headers=h)
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = await client.patch(f"/api/v1/cases/{case['id']}", json={"version": 1, "title": "lost"}, headers=h)
    assert stale.status_code == 412 and stale.json()["code"] == "stale_version"
    assert (await client.get(f"/api/v1/cases/{case['id']}", headers=h)).json()["title"] == "new title"


async def test_case_list_pagination_and_search(client, users):
    site = await make_site(client, users.headers("admin"))
    made = [await make_case(client, users.headers("applicant"), site["id"], title=f"楼 {i}") for i in range(5)]
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/api/v1/cases", params=params, headers=users.headers("officer"))).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [c["id"] for c in reversed(made)]
    found = (await client.get("/api/v1/cases", params={"q": "楼 3"}, headers=users.headers("officer"))).json()
    assert [c["title"] for c in found["items"]] == ["楼 3"]
    bad = await client.get("/api/v1/cases", params={"cursor": "not-a-cursor"}, headers=users.headers("officer"))
    assert bad.status_code == 400 and bad.json()["code"] == "bad_cursor"
