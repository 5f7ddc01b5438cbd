"""Bulk export: a background job writes one zip holding each selected case's signed bag; its
progress is visible; the file downloads with Range, so a broken download resumes and the bytes
match; a job a stopped server left behind is marked failed at the next start."""

import asyncio
import hashlib
import io
import json
import zipfile

import bagit
import pytest

from server.app import create_app
from server.bagit import verify_archive
from server.clock import to_db
from tests.server.bagit.util import extract
from tests.server.oversight.flows import Survey
from tests.support.app_client import app_client


@pytest.fixture
async def survey(client, users, clock) -> Survey:
    return Survey(client, users, clock)


@pytest.fixture
async def cases(survey: Survey) -> dict:
    """Two cases decided on 2026-11-02 (approved, rejected) and one still in review."""
    await survey.item()
    site = await survey.site()
    approved = await survey.photo_case("flag_item", site["id"], 1)
    rejected = await survey.photo_case("flag_item", site["id"], 2)
    waiting = await survey.photo_case("flag_item", site["id"], 3)
    await survey.advance(hours=1)
    await survey.decide(approved["id"])
    await survey.decide(rejected["id"], verdict="fail")
    await survey.claim(waiting["id"], "officer")
    return {"approved": await survey.case_now(approved["id"]), "rejected": await survey.case_now(rejected["id"]),
            "waiting": await survey.case_now(waiting["id"])}


async def finished(client, survey, job_id: int, timeout: float = 120) -> dict:
    """Poll the job's status until it ends (the job runs in the app's own event loop)."""
    for _ in range(int(timeout / 0.05)):
        status = (await client.get(f"/api/v1/exports/{job_id}", headers=survey.h("auditor"))).json()
        if status["state"] in ("complete", "failed"):
            return status
        await asyncio.sleep(0.05)
    raise AssertionError(f"export {job_id} did not finish: {status}")


async def start(client, survey, **body) -> dict:
    r = await client.post("/api/v1/exports", json={"from": "2026-11-01", "to": "2026-11-30", **body},
                          headers=survey.h("auditor"))
    assert r.status_code == 202, r.text
    assert r.headers["location"] == f"/api/v1/exports/{r.json()['id']}"
    return r.json()


async def test_bulk_export_with_a_resumed_download(client, survey, cases, services, tmp_path):
    job = await start(client, survey)
    assert job["cases_total"] == 2 and job["state"] in ("queued", "running")
    status = await finished(client, survey, job["id"])
    assert status["state"] == "complete", status
    assert status["cases_done"] == 2 and status["bytes_written"] == status["size"] > 0
    assert status["download_url"] == f"/api/v1/exports/{job['id']}/download"
    assert status["criteria"] == {"from": "2026-11-01", "to": "2026-11-30", "basis": "decided", "status": None,
                                  "item_type": None}

    url = status["download_url"]
    cut = status["size"] // 3
    first = await client.get(url, headers=survey.h("auditor") | {"Range": f"bytes=0-{cut - 1}"})
    assert first.status_code == 206 and len(first.content) == cut
    etag = first.headers["etag"]
    assert etag == f'"{status["sha256"]}"'
    assert first.headers["content-range"] == f"bytes 0-{cut - 1}/{status['size']}"
    # The connection broke here; the client resumes from where it got to, if the file is the same.
    rest = await client.get(url, headers=survey.h("auditor") | {"Range": f"bytes={cut}-", "If-Range": etag})
    assert rest.status_code == 206
    assert rest.headers["content-range"] == f"bytes {cut}-{status['size'] - 1}/{status['size']}"
    body = first.content + rest.content
    assert hashlib.sha256(body).hexdigest() == status["sha256"]
    whole = await client.get(url, headers=survey.h("auditor"))
    assert whole.status_code == 200 and whole.content == body
    assert whole.headers["content-disposition"] == f'attachment; filename="takan-export-{job["id"]}.zip"'
    stale = await client.get(url, headers=survey.h("auditor") | {"Range": f"bytes={cut}-", "If-Range": '"other"'})
    assert stale.status_code == 200 and stale.content == body  # another file: the whole of this one

    key = (await client.get("/api/v1/archive-key")).json()["public_key_base64"]
    references = sorted(cases[k]["reference"] for k in ("approved", "rejected"))
    with zipfile.ZipFile(io.BytesIO(body)) as outer:
        assert sorted(outer.namelist()) == sorted([f"{r}.zip" for r in references] + ["export.json"])
        manifest = json.loads(outer.read("export.json"))
        assert [c["reference"] for c in manifest["cases"]] == references
        for listed in manifest["cases"]:
            inner = outer.read(listed["file"])
            assert hashlib.sha256(inner).hexdigest() == listed["sha256"] and len(inner) == listed["size"]
            path = tmp_path / listed["file"]
            path.write_bytes(inner)
            report = verify_archive(path, key)
            assert report.ok, report.problems
            bag = bagit.Bag(str(extract(path, tmp_path / listed["reference"])))
            bag.validate()
            assert bag.info["Bag-Group-Identifier"] == f"takan-export-{job['id']}"

    actions = [(e["action"], e["object_id"]) for e in await survey.audit_events()
               if e["action"].startswith(("export.", "archive."))]
    assert actions == [("export.started", str(job["id"])), ("archive.exported", str(cases["approved"]["id"])),
                       ("archive.exported", str(cases["rejected"]["id"])), ("export.completed", str(job["id"])),
                       ("export.downloaded", str(job["id"])), ("export.downloaded", str(job["id"])),
                       ("export.downloaded", str(job["id"]))]
    per_case = [e for e in await survey.audit_events(cases["approved"]["id"]) if e["action"] == "archive.exported"]
    assert per_case[0]["details"]["job_id"] == job["id"] and per_case[0]["details"]["via"] == "bulk"
    assert per_case[0]["details"]["tagmanifest_sha256"] == manifest["cases"][0]["tagmanifest_sha256"]


async def test_what_a_bulk_export_selects(client, survey, cases, services):
    by_submission = await start(client, survey, basis="submitted", status="in_review")
    assert by_submission["cases_total"] == 1
    assert (await finished(client, survey, by_submission["id"]))["state"] == "complete"
    approved_only = await start(client, survey, status="approved", item_type="flag_item")
    assert approved_only["cases_total"] == 1
    assert (await finished(client, survey, approved_only["id"]))["state"] == "complete"
    listing = (await client.get("/api/v1/exports", headers=survey.h("admin"))).json()["items"]
    assert [j["id"] for j in listing] == [approved_only["id"], by_submission["id"]]
    assert all(j["state"] == "complete" for j in listing)

    refusals = [
        ({"from": "2026-11-30", "to": "2026-11-01"}, 422, "bad_range"),
        ({"from": "2026-10-01", "to": "2026-10-31"}, 422, "no_cases"),
        ({"from": "2026-11-01", "to": "2026-11-30", "item_type": "nope"}, 422, "unknown_item_type"),
        ({"from": "2026-11-01", "to": "2026-11-30", "basis": "created"}, 400, "invalid_request"),
        ({"from": "2026-11-01", "to": "2026-11-30", "extra": 1}, 400, "invalid_request"),
        ({"from": "yesterday", "to": "2026-11-30"}, 400, "invalid_request"),
    ]
    for body, status, code in refusals:
        r = await client.post("/api/v1/exports", json=body, headers=survey.h("auditor"))
        assert (r.status_code, r.json()["code"]) == (status, code), (body, r.text)
    assert (await client.post("/api/v1/exports", json={"from": "2026-11-01", "to": "2026-11-30"},
                              headers=survey.h("officer"))).status_code == 403


async def fake_running_job(services, requested_by: int) -> int:
    """A job as a server that was killed mid-export leaves it: running, with a partial file."""
    now = to_db(services.clock.now())
    async with services.db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO export_jobs (requested_by, criteria, case_ids, state, cases_total, cases_done, bytes_written,"
            " created_at, started_at, updated_at) VALUES (?, ?, '[1]', 'running', 1, 0, 4096, ?, ?, ?)",
            (requested_by, json.dumps({"from": "2026-11-01", "to": "2026-11-30"}), now, now, now))
        job_id = cursor.lastrowid
    folder = services.settings.data_dir / "exports"
    folder.mkdir(exist_ok=True)
    (folder / f"{job_id}.zip.part").write_bytes(b"PK" + b"\0" * 4094)
    return job_id


async def test_a_job_left_running_by_a_stopped_server_fails_at_start_up(client, survey, users, settings, clock,
                                                                        services):
    job_id = await fake_running_job(services, users.ids["auditor"])
    early = await client.get(f"/api/v1/exports/{job_id}/download", headers=survey.h("auditor"))
    assert early.status_code == 409 and early.json()["code"] == "export_not_ready"

    async with app_client(create_app(settings, clock=clock), raise_server_exceptions=False) as restarted:
        r = await restarted.get(f"/api/v1/exports/{job_id}", headers=survey.h("auditor"))
        assert r.status_code == 200
        job = r.json()
        assert job["state"] == "failed" and job["error"].startswith("interrupted")
        assert job["finished_at"] is not None
    assert not (settings.data_dir / "exports" / f"{job_id}.zip.part").exists()
    failed = [e for e in await survey.audit_events() if e["action"] == "export.failed"]
    assert [(e["object_id"], e["actor_id"]) for e in failed] == [(str(job_id), None)]


async def test_stopping_the_server_fails_a_running_job(client, survey, cases, settings, clock):
    async with app_client(create_app(settings, clock=clock), raise_server_exceptions=False) as second:
        r = await second.post("/api/v1/exports", json={"from": "2026-11-01", "to": "2026-11-30"},
                              headers=survey.h("auditor"))
        assert r.status_code == 202, r.text
        job_id = r.json()["id"]
    # That server has stopped (its lifespan ended); the job did not go on in the background.
    status = (await client.get(f"/api/v1/exports/{job_id}", headers=survey.h("auditor"))).json()
    assert status["state"] in ("failed", "complete")
    if status["state"] == "failed":  # unless it finished first on a fast machine
        assert status["error"].startswith("interrupted")
    assert not any((settings.data_dir / "exports").glob("*.part"))
