"""GET /api/v1/stats on a seeded set made through the API over five weeks: counts by status and
item type per period, working days to decision (rectification time left out) against the time
limit, on-time and rectification rates, ratings."""

from datetime import timedelta

import pytest

from tests.server.oversight.flows import Survey, photo_bytes


@pytest.fixture
async def seeded(client, users, clock) -> Survey:
    """flag_item: 5 working days; big_item: 10. The clock starts on Monday 2026-11-02 10:00.

    S1 flag 11-02 -> approved 11-03 (1 wd), rated 5
    S2 flag 11-02 -> approved 11-12 (8 wd, due 11-09: late), rated 2
    S3 flag 11-02 -> rectify 11-03, resubmitted 11-05, approved 11-06 (4 wd - 2 paused = 2), rated 4
    S4 big  11-02 -> still submitted
    W  flag 11-02 -> withdrawn
    S5 big  11-16 -> approved 11-16 (0 wd)
    S6 flag 12-01 -> approved 12-02 (1 wd), rated 3
    """
    s = Survey(client, users, clock)
    await s.item()
    await s.item(code="big_item", name_zh="大型项目", name_en="Big item", time_limit_days=10)
    site = (await s.site())["id"]
    c = {}
    for name, item, seed in (("S1", "flag_item", 1), ("S2", "flag_item", 2), ("S3", "flag_item", 3),
                             ("S4", "big_item", 4), ("W", "flag_item", 5)):
        c[name] = (await s.photo_case(item, site, seed))["id"]
    r = await client.post(f"/api/v1/cases/{c['W']}/withdraw", headers=s.h("applicant"))
    assert r.status_code == 200, r.text
    await s.advance(days=1)  # 11-03
    await s.decide(c["S1"])
    await s.rectify(c["S3"], "storefront")
    await s.advance(days=2)  # 11-05
    await s.upload(c["S3"], "storefront", photo_bytes(30, taken=clock.now() - timedelta(minutes=5)))
    await s.submit(c["S3"])
    await s.advance(days=1)  # 11-06
    await s.decide(c["S3"])
    await s.rate(c["S1"], 5)
    await s.rate(c["S3"], 4)
    await s.advance(days=6)  # 11-12
    await s.decide(c["S2"])
    await s.rate(c["S2"], 2)
    await s.advance(days=4)  # 11-16
    c["S5"] = (await s.photo_case("big_item", site, 6))["id"]
    await s.advance(hours=1)
    await s.decide(c["S5"])
    await s.advance(days=15, hours=-1)  # 12-01
    c["S6"] = (await s.photo_case("flag_item", site, 7))["id"]
    await s.advance(days=1)  # 12-02
    await s.decide(c["S6"])
    await s.rate(c["S6"], 3)
    s.ids = c
    return s


async def stats(client, survey, who="auditor", **params) -> dict:
    r = await client.get("/api/v1/stats", params=params, headers=survey.h(who))
    assert r.status_code == 200, r.text
    return r.json()


async def test_monthly_statistics(client, seeded):
    report = await stats(client, seeded, **{"from": "2026-11-01", "to": "2026-12-31"})
    assert (report["period"], report["basis"]) == ("month", "submitted")
    total = report["total"]
    assert total["cases"] == 7 and total["decided"] == 5 and total["approved"] == 5 and total["open"] == 1
    assert total["by_status"] == {"submitted": 1, "in_review": 0, "rectification_requested": 0, "approved": 5,
                                  "rejected": 0, "withdrawn": 1}
    assert (total["working_days_median"], total["working_days_p90"]) == (1, 5.6)
    assert (total["limit_share_median"], total["limit_share_p90"]) == (0.2, 1.12)
    assert (total["on_time"], total["on_time_rate"]) == (4, 0.8)
    assert (total["rectified"], total["rectification_rate"]) == (1, 0.2)
    assert total["ratings"] == {"1": 0, "2": 1, "3": 1, "4": 1, "5": 1}
    assert (total["rating_count"], total["rating_average"], total["good_rating_rate"]) == (4, 3.5, 0.5)

    november, december = report["periods"]
    assert (november["period"], november["start"], november["end"]) == ("2026-11", "2026-11-01", "2026-11-30")
    assert november["cases"] == 6 and november["by_item_type"] == {"big_item": 2, "flag_item": 4}
    assert (november["working_days_median"], november["working_days_p90"]) == (1.5, 6.2)
    assert (november["on_time_rate"], november["rectification_rate"]) == (0.75, 0.25)
    assert november["rating_average"] == 3.67
    assert december["period"] == "2026-12" and december["cases"] == 1
    assert (december["working_days_median"], december["working_days_p90"], december["on_time_rate"]) == (1, 1, 1.0)

    items = {i["code"]: i for i in report["item_types"]}
    assert set(items) == {"big_item", "flag_item"}
    assert (items["big_item"]["cases"], items["big_item"]["decided"], items["big_item"]["time_limit_days"]) == (2, 1,
                                                                                                             10)
    assert items["big_item"]["working_days_median"] == 0
    flag = items["flag_item"]
    assert (flag["cases"], flag["decided"], flag["working_days_median"], flag["working_days_p90"]) == (5, 4, 1.5, 6.2)
    assert (flag["limit_share_median"], flag["on_time_rate"]) == (0.3, 0.75)


async def test_weeks_decision_basis_defaults_and_access(client, seeded):
    weekly = await stats(client, seeded, **{"from": "2026-11-02", "to": "2026-11-22", "period": "week"})
    assert [(p["period"], p["cases"]) for p in weekly["periods"]] == [("2026-W45", 5), ("2026-W46", 0),
                                                                       ("2026-W47", 1)]
    assert weekly["periods"][1]["working_days_median"] is None and weekly["periods"][1]["on_time_rate"] is None
    decided = await stats(client, seeded, basis="decided", **{"from": "2026-11-01", "to": "2026-11-30"})
    assert decided["total"]["cases"] == 4 and decided["total"]["decided"] == 4
    default = await stats(client, seeded, who="officer")  # officers see the figures too
    assert (default["from"], default["to"]) == ("2026-01-01", "2026-12-02") and len(default["periods"]) == 12
    assert default["total"]["cases"] == 7
    assert (await client.get("/api/v1/stats", headers=seeded.h("applicant"))).status_code == 403
    bad = await client.get("/api/v1/stats", params={"period": "year"}, headers=seeded.h("auditor"))
    assert bad.status_code == 400
