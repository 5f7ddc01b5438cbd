"""Every (state, action) pair of the case state machine: the legal ones move the case and leave
a history row and an audit event; every illegal one is a 409 naming the current state and
changes nothing."""

import itertools

import pytest

from server.domain.cases import repository
from server.domain.cases.states import TRANSITIONS, Action
from server.errors import Conflict
from shared.enums import CaseStatus
from tests.support.api import make_case, make_item_type, make_site, table_counts

EXPECTED = {
    ("draft", "submit"): "submitted",
    ("rectification_requested", "submit"): "submitted",
    ("submitted", "start_review"): "in_review",
    ("in_review", "request_rectification"): "rectification_requested",
    ("in_review", "approve"): "approved",
    ("in_review", "reject"): "rejected",
    ("draft", "withdraw"): "withdrawn",
    ("submitted", "withdraw"): "withdrawn",
}


def test_the_table_is_exactly_the_design():
    assert {(s.value, a.value): t.value for (s, a), t in TRANSITIONS.items()} == EXPECTED


@pytest.fixture
async def open_case(client, users):
    admin = users.headers("admin")
    await make_item_type(client, admin)
    site = await make_site(client, admin)
    return await make_case(client, users.headers("applicant"), site["id"], item_type="open_item", fields={})


async def force_status(services, case_id: int, status: CaseStatus) -> None:
    async with services.db.transaction() as conn:
        await repository.set_status(conn, case_id, status.value, "2026-11-02T02:00:00.000000+00:00", {})


@pytest.mark.parametrize(("status", "action"), list(itertools.product(CaseStatus, Action)))
async def test_every_transition(services, open_case, status, action):
    case_id = open_case["id"]
    await force_status(services, case_id, status)
    before = await table_counts(services)
    expected = EXPECTED.get((status.value, action.value))
    if expected:
        async with services.db.transaction() as conn:
            row = await services.cases.load(conn, case_id)
            row = await services.cases.transition(conn, row, action, None)
        assert row["status"] == expected
        after = await table_counts(services)
        assert after["case_transitions"] == before["case_transitions"] + 1
        assert after["audit_events"] == before["audit_events"] + 1
    else:
        with pytest.raises(Conflict) as refused:
            async with services.db.transaction() as conn:
                row = await services.cases.load(conn, case_id)
                await services.cases.transition(conn, row, action, None)
        assert refused.value.detail["current_status"] == status.value
        assert status.value in refused.value.message
        assert await table_counts(services) == before
        async with services.db.read() as conn:
            assert (await services.cases.load(conn, case_id))["status"] == status.value


@pytest.mark.parametrize("status", list(CaseStatus))
@pytest.mark.parametrize("action", ["submit", "withdraw"])
async def test_applicant_actions_over_http(client, users, services, open_case, status, action):
    case_id = open_case["id"]
    await force_status(services, case_id, status)
    before = await table_counts(services)
    r = await client.post(f"/api/v1/cases/{case_id}/{action}", headers=users.headers("applicant"))
    expected = EXPECTED.get((status.value, action))
    if expected:
        assert r.status_code == 200, r.text
        assert r.json()["status"] == expected
    else:
        assert r.status_code == 409
        body = r.json()
        assert body["code"] == "illegal_transition"
        assert body["detail"]["current_status"] == status.value
        assert await table_counts(services) == before


async def test_transition_history_and_audit_trail(client, users, services, open_case):
    h = users.headers("applicant")
    case_id = open_case["id"]
    assert (await client.post(f"/api/v1/cases/{case_id}/submit", headers=h)).status_code == 200
    assert (await client.post(f"/api/v1/cases/{case_id}/withdraw", headers=h)).status_code == 200
    history = (await client.get(f"/api/v1/cases/{case_id}/history", headers=users.headers("officer"))).json()
    actions = [e["action"] for e in history["items"]]
    assert actions == ["case.created", "case.submit", "case.withdraw"]
    assert history["items"][1]["details"]["to"] == "submitted"
    assert history["items"][1]["actor_name"] == "恒达置业 陈工"
