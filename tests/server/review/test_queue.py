"""The review queue on a seeded set: every filter and sort order returns exactly the expected
cases, pagination walks them all once, and the tab counts agree."""

import pytest

from server.domain.cases import repository as cases_repository
from tests.support.review import Flow


async def set_fields(services, case_id, **values):
    async with services.db.transaction() as conn:
        sets = ", ".join(f"{k} = :{k}" for k in values)
        await conn.execute(f"UPDATE cases SET {sets} WHERE id = :id", {**values, "id": case_id})


@pytest.fixture
async def seeded(client, users, services):
    """Six cases: names tell what is special about each."""
    flow = Flow(client, users)
    await users.add("applicant3", "applicant", "味道小厨 王老板")
    made = {}
    made["plain"] = await flow.submitted_case(title="普通诊所", seed=1)
    made["claimed_by_me"] = await flow.submitted_case(title="已认领", seed=2)
    await flow.claim(made["claimed_by_me"]["id"], "officer")
    made["other_officer"] = await flow.submitted_case(title="别人认领", seed=3)
    await flow.claim(made["other_officer"]["id"], "officer2")
    made["overdue"] = await flow.submitted_case("applicant2", title="逾期诊所", seed=4)
    made["flagged"] = await flow.submitted_case("applicant3", title="问题很多", seed=5)
    made["rectifying"] = await flow.submitted_case(title="整改中", seed=6)
    ids = {name: case["id"] for name, case in made.items()}
    await set_fields(services, ids["plain"], due_date="2026-11-12")
    await set_fields(services, ids["claimed_by_me"], due_date="2026-11-09")
    await set_fields(services, ids["other_officer"], due_date="2026-11-20")
    await set_fields(services, ids["overdue"], due_date="2026-10-30")  # before Monday 2 Nov
    await set_fields(services, ids["flagged"], due_date="2026-11-30", fail_checks=3, warn_checks=1)
    await set_fields(services, ids["plain"], warn_checks=2)
    async with services.db.transaction() as conn:
        await cases_repository.set_status(conn, ids["rectifying"], "rectification_requested",
                                          "2026-11-02T02:00:00.000000+00:00", {})
    await set_fields(services, ids["rectifying"], round=1, rectify_deadline="2026-10-31",
                     rectification_requested_at="2026-10-20T02:00:00.000000+00:00", rectify_requirements='["room"]')
    for name, minutes in (("plain", 1), ("claimed_by_me", 2), ("other_officer", 3), ("overdue", 4), ("flagged", 5)):
        await set_fields(services, ids[name], last_submitted_at=f"2026-11-01T0{minutes}:00:00.000000+00:00")
    return ids


async def queue(client, users, **params):
    r = await client.get("/api/v1/review/queue", params=params, headers=users.headers("officer"))
    assert r.status_code == 200, r.text
    return r.json()


def names(page, ids):
    by_id = {v: k for k, v in ids.items()}
    return [by_id[i["id"]] for i in page["items"]]


async def test_default_view_is_waiting_cases_by_due_date(client, users, seeded):
    page = await queue(client, users)
    assert names(page, seeded) == ["overdue", "claimed_by_me", "plain", "other_officer", "flagged"]
    overdue = page["items"][0]
    assert overdue["overdue"] is True and overdue["days_left"] < 0
    assert page["items"][1]["days_left"] == 5 and page["items"][1]["overdue"] is False  # Mon 2 -> Mon 9 Nov
    assert page["counts"]["submitted"] == 3 and page["counts"]["in_review"] == 2
    assert page["counts"]["rectification_requested"] == 1 and page["counts"]["approved"] == 0


FILTERS = [
    ({"assigned": "me"}, ["claimed_by_me"]),
    ({"assigned": "unassigned"}, ["overdue", "plain", "flagged"]),
    ({"overdue": "true"}, ["overdue"]),
    ({"due_within": 5}, ["overdue", "claimed_by_me"]),
    ({"due_within": 8}, ["overdue", "claimed_by_me", "plain"]),
    ({"q": "王老板"}, ["flagged"]),
    ({"q": "tk-2026"}, ["overdue", "claimed_by_me", "plain", "other_officer", "flagged"]),
    ({"q": "康宁"}, ["overdue", "claimed_by_me", "plain", "other_officer", "flagged"]),  # the site
    ({"q": "逾期"}, ["overdue"]),
    ({"status": "in_review"}, ["claimed_by_me", "other_officer"]),
    ({"status": "rectification_requested"}, ["rectifying"]),
    ({"status": ["submitted", "rectification_requested"]}, ["overdue", "rectifying", "plain", "flagged"]),
    ({"item_type": "mini_clinic"}, ["overdue", "claimed_by_me", "plain", "other_officer", "flagged"]),
    ({"item_type": "presale_permit"}, []),
    ({"sort": "submitted"}, ["plain", "claimed_by_me", "other_officer", "overdue", "flagged"]),
    ({"sort": "flags"}, ["flagged", "plain", "claimed_by_me", "other_officer", "overdue"]),
    ({"assigned": "unassigned", "sort": "flags"}, ["flagged", "plain", "overdue"]),
]


async def test_filters_and_sorts(client, users, seeded):
    # One seeded set for every case (seeding uploads real photos): failures name the filter.
    wrong = []
    for params, expected in FILTERS:
        got = names(await queue(client, users, **params), seeded)
        if got != expected:
            wrong.append(f"{params}: {got} != {expected}")
    assert not wrong, "\n".join(wrong)


async def test_counts_follow_the_filters(client, users, seeded):
    page = await queue(client, users, q="王老板")
    assert page["counts"]["submitted"] == 1 and page["counts"]["in_review"] == 0


async def test_pagination_walks_everything_once(client, users, seeded):
    for sort in ("due", "submitted", "flags"):
        everything = names(await queue(client, users, sort=sort), seeded)
        seen, cursor = [], None
        while True:
            page = await queue(client, users, sort=sort, limit=2, **({"cursor": cursor} if cursor else {}))
            seen += names(page, seeded)
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert seen == everything, sort


async def test_queue_rows_carry_what_the_officer_needs(client, users, seeded):
    rectifying = (await queue(client, users, status="rectification_requested"))["items"][0]
    assert rectifying["rectified"] is True and rectifying["rectification_overdue"] is True
    mine = next(i for i in (await queue(client, users))["items"] if i["id"] == seeded["claimed_by_me"])
    assert [p["display_name"] for p in mine["assignees"]] == ["张伟"] and mine["required_signoffs"] == 2
    assert mine["applicant"]["display_name"] == "恒达置业 陈工" and mine["site_name"] == "康宁诊所"
    assert mine["item_type"]["name_zh"] == "诊所设置（简）"


@pytest.mark.parametrize("params", [{"status": "draft"}, {"sort": "random"}, {"assigned": "you"},
                                    {"due_within": -1}, {"cursor": "eyJhIjoxfQ"}, {"limit": 0}])
async def test_bad_queue_requests(client, users, params):
    r = await client.get("/api/v1/review/queue", params=params, headers=users.headers("officer"))
    assert r.status_code in (400, 422)
    assert set(r.json()) == {"code", "message", "detail"}
