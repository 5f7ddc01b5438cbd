"""好差评: the case's applicant rates a decided case once, 1 to 5; the applicant and staff read it."""

import pytest

from tests.support.api import table_counts
from tests.support.discussion import audit_events, case_with_evidence


async def rate(client, users, case_id, who="applicant", **body):
    body.setdefault("score", 5)
    return await client.post(f"/api/v1/cases/{case_id}/rating", json=body, headers=users.headers(who))


@pytest.mark.parametrize("status", ["draft", "submitted", "in_review", "rectification_requested", "withdrawn"])
async def test_not_before_the_decision(client, users, services, tmp_path, status):
    case, _ = await case_with_evidence(client, users, tmp_path, status=status, photos=0)
    before = await table_counts(services)
    r = await rate(client, users, case["id"])
    assert r.status_code == 409 and r.json()["code"] == "not_decided"
    assert r.json()["detail"]["current_status"] == status and status in r.json()["message"]
    assert await table_counts(services) == before


@pytest.mark.parametrize("status", ["approved", "rejected"])
async def test_once_after_the_decision(client, users, services, tmp_path, status):
    case, _ = await case_with_evidence(client, users, tmp_path, status=status, photos=0)
    r = await rate(client, users, case["id"], score=4, comment="全程线上，没跑一趟。<script>x</script>")
    assert r.status_code == 201, r.text
    rating = r.json()
    assert rating["case_id"] == case["id"] and rating["score"] == 4
    assert rating["comment"] == "全程线上，没跑一趟。<script>x</script>"
    assert rating["applicant"]["id"] == users.ids["applicant"] and rating["created_at"]
    for who in ("applicant", "officer", "auditor", "admin"):
        got = await client.get(f"/api/v1/cases/{case['id']}/rating", headers=users.headers(who))
        assert got.status_code == 200 and got.json() == rating, who
    before = await table_counts(services)
    again = await rate(client, users, case["id"], score=1, comment="改主意了")
    assert again.status_code == 409 and again.json()["code"] == "already_rated"
    assert await table_counts(services) == before
    assert (await client.get(f"/api/v1/cases/{case['id']}/rating", headers=users.headers("officer"))).json() == rating
    events = await audit_events(client, users, case["id"], "rating.")
    assert [(e["action"], e["actor_id"], e["object_id"]) for e in events] == [
        ("rating.created", users.ids["applicant"], str(case["id"]))]
    assert events[0]["details"] == {"score": 4, "comment": rating["comment"], "decision": status}


async def test_only_the_cases_applicant_rates_and_reads(client, users, services, tmp_path):
    case, _ = await case_with_evidence(client, users, tmp_path, status="approved", photos=0)
    before = await table_counts(services)
    for who in ("applicant2", "officer", "auditor", "admin"):
        r = await rate(client, users, case["id"], who=who)
        assert r.status_code == (404 if who == "applicant2" else 403), who  # another's case: as if missing
    assert (await rate(client, users, case["id"], who=None)).status_code == 401
    assert await table_counts(services) == before
    assert (await rate(client, users, case["id"])).status_code == 201
    r = await client.get(f"/api/v1/cases/{case['id']}/rating", headers=users.headers("applicant2"))
    assert r.status_code == 404 and r.json()["code"] == "not_found"


async def test_no_rating_yet_is_404(client, users, tmp_path):
    case, _ = await case_with_evidence(client, users, tmp_path, status="approved", photos=0)
    for who in ("applicant", "officer"):
        r = await client.get(f"/api/v1/cases/{case['id']}/rating", headers=users.headers(who))
        assert r.status_code == 404 and r.json()["code"] == "not_rated"
    r = await client.get("/api/v1/cases/999999/rating", headers=users.headers("officer"))
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert (await rate(client, users, 999999)).status_code == 404


@pytest.mark.parametrize("body", [
    {"score": 0}, {"score": 6}, {"score": -1}, {"score": 4.5}, {"score": None}, {"score": "good"}, {},
    {"score": 5, "comment": "长" * 1001}, {"score": 5, "comment": None},
])
async def test_bad_ratings_are_400(client, users, services, tmp_path, body):
    case, _ = await case_with_evidence(client, users, tmp_path, status="approved", photos=0)
    before = await table_counts(services)
    r = await client.post(f"/api/v1/cases/{case['id']}/rating", json=body, headers=users.headers("applicant"))
    assert r.status_code == 400, r.text
    assert await table_counts(services) == before


@pytest.mark.parametrize("score", [1, 5])
async def test_the_whole_scale_and_a_long_comment(client, users, tmp_path, score):
    case, _ = await case_with_evidence(client, users, tmp_path, status="rejected", photos=0)
    r = await rate(client, users, case["id"], score=score, comment="长" * 1000)
    assert r.status_code == 201 and r.json()["score"] == score and len(r.json()["comment"]) == 1000
    r = await client.post(f"/api/v1/cases/{case['id']}/rating", json={"score": 3},
                          headers=users.headers("applicant"))
    assert r.status_code == 409
