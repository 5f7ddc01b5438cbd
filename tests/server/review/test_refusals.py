"""What the review refuses, and that a refusal changes nothing."""

import pytest

from server.domain.cases import repository as cases_repository
from tests.support.api import table_counts
from tests.support.review import Flow


@pytest.fixture
def flow(client, users):
    return Flow(client, users)


@pytest.fixture
async def case(flow):
    return await flow.submitted_case()


async def test_signing_before_opening_everything_lists_what_is_unopened(client, users, services, flow, case):
    await flow.claim(case["id"], "officer")
    items = (await client.get(f"/api/v1/cases/{case['id']}/evidence", headers=users.headers("officer"))).json()
    first = items["items"][0]["id"]
    await client.post(f"/api/v1/evidence/{first}/views", json={"duration_ms": 4000}, headers=users.headers("officer"))
    before = await table_counts(services)
    r = await flow.sign(case["id"], "officer")
    assert r.status_code == 409 and r.json()["code"] == "unviewed_evidence"
    unviewed = r.json()["detail"]["unviewed"]
    assert [u["evidence_id"] for u in unviewed] == [i["id"] for i in items["items"][1:]]
    assert {u["requirement_key"] for u in unviewed} == {"room", "waste"}
    assert await table_counts(services) == before
    # Views by another officer do not count for this one.
    await flow.claim(case["id"], "officer2")
    await flow.view_all(case["id"], "officer2")
    assert (await flow.sign(case["id"], "officer")).status_code == 409


async def test_the_same_officer_cannot_sign_twice(client, users, services, flow, case):
    await flow.review(case["id"], "officer", "pass")
    before = await table_counts(services)
    again = await flow.sign(case["id"], "officer", "pass")
    assert again.status_code == 409 and again.json()["code"] == "already_signed"
    assert await table_counts(services) == before
    assert (await flow.case_now(case["id"]))["status"] == "in_review"


async def test_applicants_never_review(client, users, flow, case):
    for path, body in ((f"/api/v1/cases/{case['id']}/opinions", {"verdict": "pass"}),
                       (f"/api/v1/cases/{case['id']}/claim", None)):
        r = await client.post(path, json=body, headers=users.headers("applicant"))
        assert r.status_code == 403
    queue = await client.get("/api/v1/review/queue", headers=users.headers("applicant"))
    assert queue.status_code == 403


async def test_officers_must_take_the_case_first(client, users, services, flow, case):
    await flow.view_all(case["id"], "officer")
    r = await flow.sign(case["id"], "officer")
    assert r.status_code == 409 and r.json()["code"] == "not_assigned"


async def test_a_case_takes_only_its_number_of_officers(client, users, flow, case):
    await users.add("officer3", "officer", "王五")
    await flow.claim(case["id"], "officer")
    await flow.claim(case["id"], "officer2")
    again = await flow.claim(case["id"], "officer")  # claiming twice is harmless
    assert len(again["assignees"]) == 2
    r = await client.post(f"/api/v1/cases/{case['id']}/claim", headers=users.headers("officer3"))
    assert r.status_code == 409 and r.json()["code"] == "fully_assigned"


async def test_no_signature_on_a_withdrawn_case(client, users, services, flow):
    case = await flow.submitted_case()
    await client.post(f"/api/v1/cases/{case['id']}/withdraw", headers=users.headers("applicant"))
    r = await client.post(f"/api/v1/cases/{case['id']}/claim", headers=users.headers("officer"))
    assert r.status_code == 409 and r.json()["detail"]["current_status"] == "withdrawn"
    # Even an officer assigned before the withdrawal cannot sign it.
    other = await flow.submitted_case(seed=5)
    await flow.claim(other["id"], "officer")
    await flow.view_all(other["id"], "officer")
    async with services.db.transaction() as conn:
        await cases_repository.set_status(conn, other["id"], "withdrawn", "2026-11-02T03:00:00.000000+00:00", {})
    before = await table_counts(services)
    r = await flow.sign(other["id"], "officer")
    assert r.status_code == 409 and r.json()["code"] == "case_not_under_review"
    assert await table_counts(services) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"verdict": "rectify", "reasons": "x", "rectify_requirements": ["room"]}, "rectify_deadline"),
        ({"verdict": "rectify", "reasons": "x", "rectify_deadline": "2026-11-20"}, "rectify_requirements"),
        ({"verdict": "rectify", "reasons": "x", "rectify_deadline": "2026-11-01", "rectify_requirements": ["room"]},
         "rectify_deadline"),
        ({"verdict": "rectify", "rectify_deadline": "2026-11-20", "rectify_requirements": ["room"]}, "reasons"),
        ({"verdict": "fail", "reasons": "  "}, "reasons"),
        ({"verdict": "rectify", "reasons": "x", "rectify_deadline": "2026-11-20", "rectify_requirements": ["roof"]},
         "rectify_requirements"),
        ({"verdict": "pass", "requirement_results": [{"key": "roof", "result": "pass"}]}, "requirement_results"),
        ({"verdict": "pass", "rectify_deadline": "2026-11-20"}, "verdict"),
    ],
)
async def test_incomplete_opinions(client, users, services, flow, case, body, field):
    await flow.claim(case["id"], "officer")
    await flow.view_all(case["id"], "officer")
    before = await table_counts(services)
    r = await client.post(f"/api/v1/cases/{case['id']}/opinions", json=body, headers=users.headers("officer"))
    assert r.status_code == 422, r.text
    assert field in r.json()["detail"]["fields"]
    assert await table_counts(services) == before


async def test_bad_verdicts_are_400(client, users, flow, case):
    for body in ({"verdict": "maybe"}, {"verdict": "pass", "reasons": "x" * 5001}, {}):
        r = await client.post(f"/api/v1/cases/{case['id']}/opinions", json=body, headers=users.headers("officer"))
        assert r.status_code == 400


async def test_disagreement_leaves_the_case_disputed_until_resolved(client, users, flow, case):
    mine = await flow.review(case["id"], "officer", "pass")
    await flow.review(case["id"], "officer2", "fail", reasons="医疗废物暂存点不合规")
    now = await flow.case_now(case["id"])
    assert now["status"] == "in_review" and now["disputed"] is True
    queue = (await client.get("/api/v1/review/queue", headers=users.headers("officer"))).json()
    assert next(i for i in queue["items"] if i["id"] == case["id"])["disputed"] is True
    assert "opinion.disputed" in [e["kind"] for e in (await client.get(
        "/api/v1/events", headers=users.headers("officer"))).json()["items"]]
    # A stale change is refused and changes nothing; the right version settles it.
    url = f"/api/v1/cases/{case['id']}/opinions/{mine['id']}"
    stale = await client.put(url, json={"verdict": "fail", "reasons": "同意李娜", "version": 0},
                             headers=users.headers("officer"))
    assert stale.status_code == 412
    assert (await flow.case_now(case["id"]))["status"] == "in_review"
    other = await client.put(url, json={"verdict": "fail", "reasons": "x", "version": 1},
                             headers=users.headers("officer2"))
    assert other.status_code == 403
    changed = await client.put(url, json={"verdict": "fail", "reasons": "同意李娜", "version": 1},
                               headers=users.headers("officer"))
    assert changed.status_code == 200 and changed.json()["version"] == 2
    decided = await flow.case_now(case["id"])
    assert decided["status"] == "rejected" and decided["disputed"] is False
    late = await client.put(url, json={"verdict": "pass", "version": 2}, headers=users.headers("officer"))
    assert late.status_code == 409 and late.json()["code"] == "opinion_closed"


async def test_unassigning(client, users, flow, case):
    await flow.claim(case["id"], "officer")
    r = await client.delete(f"/api/v1/cases/{case['id']}/assignments/{users.ids['officer']}",
                            headers=users.headers("officer2"))
    assert r.status_code == 403
    await flow.view_all(case["id"], "officer")
    await flow.sign(case["id"], "officer")
    r = await client.delete(f"/api/v1/cases/{case['id']}/assignments/{users.ids['officer']}",
                            headers=users.headers("admin"))
    assert r.status_code == 409 and r.json()["code"] == "already_signed"
    await flow.claim(case["id"], "officer2")
    r = await client.delete(f"/api/v1/cases/{case['id']}/assignments/{users.ids['officer2']}",
                            headers=users.headers("officer2"))
    assert r.status_code == 200 and [a["display_name"] for a in r.json()["assignees"]] == ["张伟"]


async def test_admin_assigns_only_officers(client, users, flow, case):
    r = await client.post(f"/api/v1/cases/{case['id']}/assignments", json={"officer_id": users.ids["auditor"]},
                          headers=users.headers("admin"))
    assert r.status_code == 422 and r.json()["code"] == "not_an_officer"
    r = await client.post(f"/api/v1/cases/{case['id']}/assignments", json={"officer_id": users.ids["officer2"]},
                          headers=users.headers("admin"))
    assert r.status_code == 200 and r.json()["status"] == "in_review"
    assert "case.assigned" in [e["kind"] for e in (await client.get(
        "/api/v1/events", headers=users.headers("officer2"))).json()["items"]]
