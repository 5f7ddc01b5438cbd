"""The whole story of a case through two officers and a rectification, with the state and the
audit trail asserted at each step."""

from datetime import date

import pytest

from tests.support.review import Flow


@pytest.fixture
def flow(client, users):
    return Flow(client, users)


async def feed(client, users, who) -> list[dict]:
    return (await client.get("/api/v1/events", headers=users.headers(who))).json()["items"]


async def test_full_story(client, users, flow, clock):
    # The applicant submits a complete case.
    case = await flow.submitted_case()
    cid = case["id"]
    assert case["status"] == "submitted" and case["due_date"] == "2026-11-09"
    assert "case.submitted" in [e["kind"] for e in await feed(client, users, "officer2")]
    evidence = (await client.get(f"/api/v1/cases/{cid}/evidence", headers=users.headers("officer"))).json()["items"]
    by_key = {e["requirement_key"]: e for e in evidence}

    # Officer A claims it (the case goes into review), tries to sign too early, opens everything.
    state = await flow.claim(cid, "officer")
    assert state["status"] == "in_review" and [p["display_name"] for p in state["assignees"]] == ["张伟"]
    early = await flow.sign(cid, "officer", "rectify", rectify_deadline="2026-11-20",
                            rectify_requirements=["storefront", "room"])
    assert early.status_code == 409 and early.json()["code"] == "unviewed_evidence"
    assert {u["evidence_id"] for u in early.json()["detail"]["unviewed"]} == {e["id"] for e in evidence}
    await flow.view_all(cid, "officer")

    # ... annotates the storefront photo and records "rectify".
    note = await client.post(f"/api/v1/evidence/{by_key['storefront']['id']}/annotations", headers=users.headers(
        "officer"), json={"shape": {"type": "rect", "x": 0.1, "y": 0.2, "w": 0.3, "h": 0.2}, "label": "招牌被遮挡",
                          "shared_with_applicant": True})
    assert note.status_code == 201, note.text
    first = await flow.sign(cid, "officer", "rectify", reasons="门头招牌被遮挡，诊室缺洗手池",
                            rectify_deadline="2026-11-20", rectify_requirements=["room", "storefront"],
                            requirement_results=[{"key": "storefront", "result": "fail", "note": "遮挡"},
                                                 {"key": "room", "result": "fail"},
                                                 {"key": "waste", "result": "pass"}])
    assert first.status_code == 201, first.text
    assert (await flow.case_now(cid))["status"] == "in_review"  # one signature of two

    # Officer B countersigns: two officers agree, the case goes back to the applicant.
    await flow.review(cid, "officer2", "rectify", reasons="同意", rectify_deadline="2026-11-25",
                      rectify_requirements=["storefront"])
    now = await flow.case_now(cid, "applicant")
    assert now["status"] == "rectification_requested" and now["round"] == 1
    rect = now["rectification"]
    assert rect["requirements"] == ["storefront", "room"]  # the union, in checklist order
    assert rect["deadline"] == "2026-11-20"  # the earlier of the two
    assert "张伟" in rect["reasons"] and "李娜" in rect["reasons"] and rect["overdue"] is False
    assert "case.rectification_requested" in [e["kind"] for e in await feed(client, users, "applicant")]
    shared = (await client.get(f"/api/v1/evidence/{by_key['storefront']['id']}/annotations",
                               headers=users.headers("applicant"))).json()["items"]
    assert [a["label"] for a in shared] == ["招牌被遮挡"]

    # Resubmitting before re-shooting is refused; then the applicant replaces the two items.
    clock.advance(days=1)  # Tuesday 3 Nov: everyone's login of yesterday has expired
    for who in ("applicant", "officer", "officer2", "auditor"):
        await users.login(who)
    early = await client.post(f"/api/v1/cases/{cid}/submit", headers=users.headers("applicant"))
    assert early.status_code == 409 and early.json()["code"] == "rectification_incomplete"
    assert set(early.json()["detail"]["missing"]) == {"storefront", "room"}
    new_storefront = await flow.upload(cid, "storefront", 101)
    new_room = await flow.upload(cid, "room", 102)
    resubmitted = await flow.submit(cid)
    assert resubmitted["status"] == "submitted"
    assert date.fromisoformat(resubmitted["due_date"]) == date(2026, 11, 10)  # one working day paused
    items = {e["id"]: e for e in (await client.get(f"/api/v1/cases/{cid}/evidence",
                                                   headers=users.headers("officer"))).json()["items"]}
    assert items[by_key["storefront"]["id"]]["superseded_by"] == new_storefront["id"]
    assert items[by_key["room"]["id"]]["superseded_by"] == new_room["id"]
    assert items[by_key["waste"]["id"]]["superseded_by"] is None
    queue = (await client.get("/api/v1/review/queue", headers=users.headers("officer"))).json()
    entry = next(i for i in queue["items"] if i["id"] == cid)
    assert entry["rectified"] is True and entry["round"] == 1 and entry["signoffs"] == 0

    # Round two: both must open the two new items (only those), then both sign pass.
    blocked = await flow.sign(cid, "officer", "pass")
    assert {u["evidence_id"] for u in blocked.json()["detail"]["unviewed"]} == {new_storefront["id"], new_room["id"]}
    await flow.review(cid, "officer", "pass")
    assert (await flow.case_now(cid))["status"] == "in_review"
    await flow.review(cid, "officer2", "pass")
    decided = await flow.case_now(cid, "applicant")
    assert decided["status"] == "approved" and decided["decided_at"]
    assert "case.decided" in [e["kind"] for e in await feed(client, users, "applicant")]

    # The applicant rates the service, once.
    r = await client.post(f"/api/v1/cases/{cid}/rating", json={"score": 5, "comment": "快"},
                          headers=users.headers("applicant"))
    assert r.status_code == 201, r.text
    again = await client.post(f"/api/v1/cases/{cid}/rating", json={"score": 1}, headers=users.headers("applicant"))
    assert again.status_code == 409

    # The audit trail tells the whole story in order.
    history = await flow.history(cid)
    expected_order = ["case.created", "evidence.added", "case.submit", "case.assigned", "case.start_review",
                      "evidence.viewed", "annotation.created", "opinion.signed", "case.assigned", "opinion.signed",
                      "case.request_rectification", "evidence.added", "case.submit", "opinion.signed",
                      "opinion.signed", "case.approve", "rating.created"]
    positions = []
    start = 0
    for action in expected_order:
        start = history.index(action, start)
        positions.append(start)
    assert positions == sorted(positions)
    opinions = (await client.get(f"/api/v1/cases/{cid}/opinions", headers=users.headers("auditor"))).json()["items"]
    assert [(o["round"], o["officer"]["display_name"], o["verdict"]) for o in opinions] == [
        (0, "张伟", "rectify"), (0, "李娜", "rectify"), (1, "张伟", "pass"), (1, "李娜", "pass")]
    verify = (await client.get("/api/v1/audit/verify", headers=users.headers("auditor"))).json()
    assert verify["ok"] is True
