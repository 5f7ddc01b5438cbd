"""Bulk exports are bounded (issue 12, item 13): queued and running exports are capped per user
and in all (429 with the one error body), and an export is refused (507) when the data dir's
disk is short of the free-space floor plus what the export will write; nothing is created then.

Pending jobs are rows in export_jobs, the way a server has them while one export runs and the
others wait their turn (a job of the real kind finishes too fast to be caught queued)."""

import json

import msgspec
import pytest

from server.clock import to_db
from tests.conftest import fast_settings
from tests.server.archive.test_bulk_export import cases as cases  # a fixture
from tests.server.archive.test_bulk_export import finished
from tests.server.oversight.flows import Survey

RANGE = {"from": "2026-11-01", "to": "2026-11-30"}


@pytest.fixture
def settings(tmp_path):
    return fast_settings(tmp_path / "data", export_max_pending_per_user=1, export_max_pending=2)


@pytest.fixture
async def survey(client, users, clock) -> Survey:
    return Survey(client, users, clock)


async def pending_job(services, requested_by: int, state: str = "queued") -> int:
    now = to_db(services.clock.now())
    async with services.db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO export_jobs (requested_by, criteria, case_ids, state, cases_total, created_at, updated_at) "
            "VALUES (?, ?, '[1]', ?, 1, ?, ?)", (requested_by, json.dumps(RANGE), state, now, now))
        return cursor.lastrowid


async def end_job(services, job_id: int) -> None:
    async with services.db.transaction() as conn:
        await conn.execute("UPDATE export_jobs SET state = 'failed', error = 'test' WHERE id = ?", (job_id,))


async def post(client, survey, who: str):
    return await client.post("/api/v1/exports", json=RANGE, headers=survey.h(who))


def assert_too_many(r, scope: str, pending: int, limit: int) -> None:
    assert r.status_code == 429, r.text
    body = r.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == "too_many_exports"
    assert body["detail"]["scope"] == scope and (body["detail"]["pending"], body["detail"]["limit"]) == (pending, limit)
    assert "批量导出" in body["detail"]["message_zh"]


async def started(survey) -> list[str]:
    return [e["object_id"] for e in await survey.audit_events() if e["action"] == "export.started"]


async def test_pending_exports_are_capped_per_user_and_in_all(client, survey, cases, users, services):
    waiting = await pending_job(services, users.ids["auditor"])
    assert_too_many(await post(client, survey, "auditor"), "user", 1, 1)

    other = await pending_job(services, users.ids["officer"], state="running")  # someone else's, running
    assert_too_many(await post(client, survey, "admin"), "server", 2, 2)
    assert await started(survey) == []  # nothing was started by a refusal

    await end_job(services, other)
    r = await post(client, survey, "admin")
    assert r.status_code == 202, r.text
    assert (await finished(client, survey, r.json()["id"]))["state"] == "complete"
    assert_too_many(await post(client, survey, "auditor"), "user", 1, 1)  # still waiting

    await end_job(services, waiting)  # finished: it no longer counts, nor does the admin's complete one
    r = await post(client, survey, "auditor")
    assert r.status_code == 202, r.text
    assert (await finished(client, survey, r.json()["id"]))["state"] == "complete"
    assert len(await started(survey)) == 2


async def test_an_export_is_refused_when_the_disk_is_short(client, survey, cases, services):
    archive = services.archive
    archive.settings = msgspec.structs.replace(archive.settings,
                                               free_space_floor_bytes=services.store.free_bytes() + 10 * 1024**3)
    r = await post(client, survey, "auditor")
    assert r.status_code == 507, r.text
    body = r.json()
    assert set(body) == {"code", "message", "detail"} and body["code"] == "insufficient_storage"
    assert "存储空间不足" in body["detail"]["message_zh"] and body["detail"]["cases"] == 2
    evidence = 0
    for name in ("approved", "rejected"):
        items = await client.get(f"/api/v1/cases/{cases[name]['id']}/evidence", headers=survey.h("auditor"))
        evidence += sum(item["size"] for item in items.json()["items"])
    assert body["detail"]["estimated_bytes"] > evidence
    listing = (await client.get("/api/v1/exports", headers=survey.h("auditor"))).json()["items"]
    assert listing == [] and await started(survey) == []
    assert not (services.settings.data_dir / "exports").exists() or not any(
        (services.settings.data_dir / "exports").iterdir())

    archive.settings = msgspec.structs.replace(archive.settings, free_space_floor_bytes=0)
    r = await post(client, survey, "auditor")
    assert r.status_code == 202 and (await finished(client, survey, r.json()["id"]))["state"] == "complete"


async def test_the_api_document_names_both_refusals(client):
    responses = (await client.get("/schema/openapi.json")).json()["paths"]["/api/v1/exports"]["post"]["responses"]
    assert {"429", "507"} <= set(responses)
