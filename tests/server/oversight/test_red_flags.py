"""The red-flag report on a seeded set of cases made through the real API, with the clock moved
between steps: each rule fires on exactly the case made to trip it and on no other; the date
and rule filters, the CSV form and the thresholds from the settings."""

import csv
import io
from datetime import timedelta

import msgspec
import pytest

from server.app import create_app
from server.settings import Settings
from tests.server.oversight.flows import FAR_AWAY, Survey, photo_bytes
from tests.support.app_client import app_client


@pytest.fixture
async def seeded(client, users, clock) -> dict:
    """Cases named by what they should trip (clean and rejected_far trip nothing)."""
    s = Survey(client, users, clock)
    await s.add_user("dev", "applicant", "恒达置业 王工", organisation="恒达置业")
    await s.add_user("zhou", "applicant", "周敏", organisation="康宁诊所")
    await s.add_user("officer3", "officer", "赵强", organisation="恒达置业")
    await s.add_user("officer4", "officer", "周敏", organisation="县行政审批服务局")
    await s.item()
    await s.item(code="solo_item", required_signoffs=1)
    site = (await s.site())["id"]
    t0 = clock.now()  # Monday 2026-11-02 10:00 in Beijing
    cases = {}
    cases["clean"] = await s.photo_case("flag_item", site, 1)
    clean_photo = photo_bytes(1, taken=t0 - timedelta(minutes=10))
    for name, seed in (("quick_review", 3), ("overdue_decided", 4), ("overdue_open", 5)):
        cases[name] = await s.photo_case("flag_item", site, seed)
    cases["back_entry_after_decision"] = await s.photo_case("flag_item", site, 6, taken=t0 + timedelta(days=1))
    cases["back_entry_old_capture"] = await s.photo_case("flag_item", site, 7, taken=t0 - timedelta(days=60))
    cases["approved_far"] = await s.photo_case("flag_item", site, 8, at=FAR_AWAY)
    cases["approved_duplicate"] = await s.photo_case("flag_item", site, 0, data=clean_photo)
    cases["rejected_far"] = await s.photo_case("flag_item", site, 9, at=FAR_AWAY)
    cases["missing_signoffs"] = await s.photo_case("solo_item", site, 10)
    cases["officer_same_org"] = await s.photo_case("flag_item", site, 11, applicant="dev")
    cases["applicant_as_officer"] = await s.photo_case("flag_item", site, 12, applicant="zhou")
    for name, case in cases.items():  # only the cases made for it fail these checks
        listing = (await client.get(f"/api/v1/cases/{case['id']}/evidence", headers=s.h("auditor"))).json()
        checks = {c["name"]: c["status"] for c in listing["items"][0]["checks"]}
        assert (checks["geofence"] == "fail") == name.endswith("_far"), (name, checks)
        assert (checks["duplicate"] == "fail") == (name == "approved_duplicate"), (name, checks)

    await s.advance(hours=1)  # 11:00: everything decided an hour after submission...
    for name in ("clean", "back_entry_after_decision", "back_entry_old_capture", "approved_far",
                 "approved_duplicate"):
        await s.decide(cases[name]["id"])
    await s.decide(cases["quick_review"]["id"], view_ms={"officer": 90_000, "officer2": 5_000})
    await s.decide(cases["rejected_far"]["id"], verdict="fail")
    await s.decide(cases["missing_signoffs"]["id"], officers=("officer",))
    await s.decide(cases["officer_same_org"]["id"], officers=("officer3", "officer"))
    await s.decide(cases["applicant_as_officer"]["id"], officers=("officer4", "officer"))
    await s.claim(cases["overdue_open"]["id"], "officer")
    # ...except one submitted now and decided ten minutes later,
    cases["quick_decision"] = await s.photo_case("flag_item", site, 2)
    await s.advance(minutes=10)
    await s.decide(cases["quick_decision"]["id"])
    # and one decided ten days later (due Monday 11-09, decided Thursday 11-12).
    await s.advance(days=10)
    await s.decide(cases["overdue_decided"]["id"])
    evidence = {name: case["evidence"][0]["id"] for name, case in cases.items()}
    for name, case in cases.items():
        cases[name] = await s.case_now(case["id"])
    assert cases["overdue_open"]["status"] == "in_review" and cases["rejected_far"]["status"] == "rejected"
    assert all(c["status"] == "approved" for n, c in cases.items() if n not in ("overdue_open", "rejected_far"))
    return {"survey": s, "cases": cases, "evidence": evidence}


async def flags(client, survey, **params):
    r = await client.get("/api/v1/audit/flags", params=params, headers=survey.h("auditor"))
    assert r.status_code == 200, r.text
    return r.json()


async def test_each_rule_fires_exactly_where_expected(client, seeded):
    survey, cases = seeded["survey"], seeded["cases"]
    report = await flags(client, survey, **{"from": "2026-11-01", "to": "2026-11-30"})
    reference = {c["reference"]: name for name, c in cases.items()}
    fired = sorted((reference[f["reference"]], f["rule"]) for f in report["items"])
    expected = sorted((name, name) for name in cases if name not in ("clean", "rejected_far", "approved_far",
                                                                     "approved_duplicate"))
    expected += [("approved_duplicate", "approved_failed_check"), ("approved_far", "approved_failed_check")]
    assert fired == sorted(expected)
    assert report["as_of"] == "2026-11-12"
    assert report["counts"] == {"quick_decision": 1, "quick_review": 1, "overdue_decided": 1, "overdue_open": 1,
                                "back_entry_after_decision": 1, "back_entry_old_capture": 1,
                                "approved_failed_check": 2, "missing_signoffs": 1, "officer_same_org": 1,
                                "applicant_as_officer": 1}
    assert len(report["rules"]) == 10 and report["thresholds"]["quick_decision_minutes"] == 30

    by_rule = {f["rule"]: f for f in report["items"] if f["rule"] != "approved_failed_check"}
    names = {rule: [p["display_name"] for p in f["officers"]] for rule, f in by_rule.items()}

    quick = by_rule["quick_decision"]
    assert (quick["value"], quick["limit"], quick["unit"]) == (10.0, 30, "minutes")
    assert names["quick_decision"] == ["张伟", "李娜"] and quick["date"] == "2026-11-02"
    assert "10 分钟" in quick["message_zh"] and "10 min after the last submission; limit 30 min" in quick["message_en"]

    review = by_rule["quick_review"]
    assert (review["value"], review["limit"], review["unit"]) == (5.0, 60, "seconds")
    assert names["quick_review"] == ["李娜"] and "5 秒" in review["message_zh"]

    late = by_rule["overdue_decided"]
    assert (late["value"], late["unit"], late["date"]) == (3, "days", "2026-11-12")
    assert late["details"] == {"due_date": "2026-11-09", "working_days_late": 3, "time_limit_days": 5}
    assert "2026-11-09" in late["message_zh"] and "3 working days" in late["message_en"]

    still_open = by_rule["overdue_open"]
    assert (still_open["value"], still_open["date"], names["overdue_open"]) == (3, "2026-11-10", ["张伟"])
    assert still_open["status"] == "in_review"

    after = by_rule["back_entry_after_decision"]
    assert (after["value"], after["unit"]) == (23.0, "hours")
    assert after["evidence_ids"] == [seeded["evidence"]["back_entry_after_decision"]]
    assert "拍摄于决定后 23.0 小时" in after["message_zh"]

    old = by_rule["back_entry_old_capture"]
    assert (round(old["value"]), old["limit"], old["unit"]) == (60, 30, "days")

    far = next(f for f in report["items"] if f["rule"] == "approved_failed_check"
               and f["reference"] == cases["approved_far"]["reference"])
    assert far["value"] == 1 and "geofence" in far["message_en"] and "5.6 km" in far["message_en"]
    assert far["evidence_ids"] == [seeded["evidence"]["approved_far"]]
    duplicate = next(f for f in report["items"] if f["rule"] == "approved_failed_check"
                     and f["reference"] == cases["approved_duplicate"]["reference"])
    assert cases["clean"]["reference"] in duplicate["message_zh"]

    solo = by_rule["missing_signoffs"]
    assert (solo["value"], solo["limit"], names["missing_signoffs"]) == (1, 2, ["张伟"])
    assert names["officer_same_org"] == ["赵强"] and "恒达置业" in by_rule["officer_same_org"]["message_zh"]
    assert names["applicant_as_officer"] == ["周敏"]
    assert "same name as the applicant" in by_rule["applicant_as_officer"]["message_en"]


async def test_filters_csv_and_access(client, seeded):
    survey, cases = seeded["survey"], seeded["cases"]
    first_day = await flags(client, survey, **{"from": "2026-11-02", "to": "2026-11-02"})
    assert first_day["as_of"] == "2026-11-02"
    assert {f["rule"] for f in first_day["items"]} == {
        "quick_decision", "quick_review", "back_entry_after_decision", "back_entry_old_capture",
        "approved_failed_check", "missing_signoffs", "officer_same_org", "applicant_as_officer"}
    later = await flags(client, survey, **{"from": "2026-11-10"})
    assert sorted(f["rule"] for f in later["items"]) == ["overdue_decided", "overdue_open"]
    overdue = await flags(client, survey, rule="overdue")
    assert sorted(f["rule"] for f in overdue["items"]) == ["overdue_decided", "overdue_open"]
    assert set(overdue["counts"]) == {"overdue_decided", "overdue_open"}
    two = await client.get("/api/v1/audit/flags?rule=quick_review&rule=missing_signoffs", headers=survey.h("admin"))
    assert sorted(f["rule"] for f in two.json()["items"]) == ["missing_signoffs", "quick_review"]
    bad = await client.get("/api/v1/audit/flags", params={"rule": "nope"}, headers=survey.h("auditor"))
    assert bad.status_code == 400 and bad.json()["code"] == "unknown_rule"
    backwards = await client.get("/api/v1/audit/flags", params={"from": "2026-11-30", "to": "2026-11-01"},
                                 headers=survey.h("auditor"))
    assert backwards.status_code == 400
    assert (await client.get("/api/v1/audit/flags", headers=survey.h("officer"))).status_code == 403

    everything = await flags(client, survey)
    response = await client.get("/api/v1/audit/flags", params={"format": "csv"}, headers=survey.h("auditor"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["案件编号 reference", "标题 title", "事项 item_type"]
    assert len(rows) == 1 + len(everything["items"])
    late = next(r for r in rows[1:] if r[4] == "overdue_decided")
    assert late[0] == cases["overdue_decided"]["reference"] and late[5] == "逾期：超过办结期限作出决定"
    assert late[8] == "3" and "2026-11-09" in late[11]
    by_accept = await client.get("/api/v1/audit/flags", headers=survey.h("auditor") | {"Accept": "text/csv"})
    assert by_accept.content == response.content


async def test_thresholds_come_from_the_settings(client, seeded, settings, clock):
    survey = seeded["survey"]
    assert Settings.from_env({"TAKAN_FLAG_QUICK_DECISION_MINUTES": "5", "TAKAN_FLAG_MIN_REVIEW_SECONDS": "4",
                              "TAKAN_FLAG_CAPTURE_BEFORE_CASE_DAYS": "90", "TAKAN_FLAG_MIN_SIGNOFFS": "1"}
                             ).flag_quick_decision_minutes == 5
    lenient = msgspec.structs.replace(settings, flag_quick_decision_minutes=5, flag_min_review_seconds=4,
                                      flag_capture_before_case_days=90, flag_min_signoffs=1)
    async with app_client(create_app(lenient, clock=clock), raise_server_exceptions=False) as other:
        r = await other.get("/api/v1/audit/flags", headers=survey.h("auditor"))
    assert r.status_code == 200
    assert r.json()["thresholds"] == {"quick_decision_minutes": 5, "min_review_seconds": 4,
                                      "capture_before_case_days": 90, "min_signoffs": 1}
    assert {code for code, n in r.json()["counts"].items() if n} == {
        "overdue_decided", "overdue_open", "back_entry_after_decision", "approved_failed_check",
        "officer_same_org", "applicant_as_officer"}
