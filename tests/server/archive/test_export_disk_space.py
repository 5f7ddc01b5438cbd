"""Bulk exports and a real, small disk (issue 12, item 13): the data dir is a 48 MB tmpfs with a
4 MB free-space floor, filled by another writer as a real disk fills.

- An export is refused (507) when the floor plus its estimated size is not free, and accepted
  once it is.
- A disk that fills under a running export (here: exports/ on its own tiny tmpfs) ends the job
  failed, saying the disk is full, with no partial zip left; once there is room, exports work.
- A queued export checks the space again when its turn comes."""

import pytest

from tests.conftest import fast_settings
from tests.server.archive.test_bulk_export import cases as cases  # a fixture
from tests.server.archive.test_bulk_export import finished
from tests.server.oversight.flows import Survey
from tests.support.tmpfs import fill, free_bytes, tmpfs

FLOOR = 4 * 1024 * 1024
RANGE = {"from": "2026-11-01", "to": "2026-11-30"}


@pytest.fixture
def disk(tmp_path):
    with tmpfs(tmp_path / "disk", "48m") as mount:
        yield mount


@pytest.fixture
def settings(disk):
    # (uploads admit a photo against its limit: a small one, for the cases made on this small disk)
    return fast_settings(disk / "data", free_space_floor_bytes=FLOOR, photo_max_bytes=2 * 1024 * 1024)


@pytest.fixture
async def survey(client, users, clock) -> Survey:
    return Survey(client, users, clock)


async def post(client, survey):
    return await client.post("/api/v1/exports", json=RANGE, headers=survey.h("auditor"))


def leftovers(settings) -> list[str]:
    folder = settings.data_dir / "exports"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


async def test_the_estimate_counts_against_the_floor(client, survey, cases, settings, disk):
    filler = disk / "filler.bin"
    fill(filler, free_bytes(disk), leave=FLOOR + 64 * 1024)  # above the floor, but not by an export's worth
    r = await post(client, survey)
    assert r.status_code == 507, r.text
    estimate = r.json()["detail"]["estimated_bytes"]
    assert estimate > 64 * 1024
    filler.unlink()
    fill(filler, free_bytes(disk), leave=FLOOR + estimate // 2)  # half of it: still refused
    assert (await post(client, survey)).status_code == 507
    filler.unlink()
    fill(filler, free_bytes(disk), leave=FLOOR + estimate + 512 * 1024)  # room for it (and the database)
    r = await post(client, survey)
    assert r.status_code == 202, r.text
    status = await finished(client, survey, r.json()["id"])
    assert status["state"] == "complete" and status["size"] <= estimate, status
    assert leftovers(settings) == [f"{r.json()['id']}.zip"]


async def test_a_disk_that_fills_under_a_running_export(client, survey, cases, settings, tmp_path):
    exports = settings.data_dir / "exports"
    with tmpfs(exports, "64k"):  # far less than the zip: the writes fail part-way, ENOSPC
        r = await post(client, survey)
        assert r.status_code == 202, r.text  # the data dir itself has room
        status = await finished(client, survey, r.json()["id"])
        assert status["state"] == "failed", status
        assert status["error"].startswith("stopped: the disk is full") and "No space left" in status["error"]
        assert "partial file was removed" in status["error"]
        assert leftovers(settings) == []  # no partial zip behind
    failed = [e for e in await survey.audit_events() if e["action"] == "export.failed"]
    assert [e["object_id"] for e in failed] == [str(r.json()["id"])]
    download = await client.get(f"/api/v1/exports/{r.json()['id']}/download", headers=survey.h("auditor"))
    assert download.status_code == 409

    r = await post(client, survey)  # the room is back
    assert r.status_code == 202 and (await finished(client, survey, r.json()["id"]))["state"] == "complete"


async def test_a_queued_export_checks_the_space_again_when_its_turn_comes(client, survey, cases, settings, disk,
                                                                          services):
    first = await post(client, survey)
    second = await client.post("/api/v1/exports", json=RANGE, headers=survey.h("admin"))
    assert (first.status_code, second.status_code) == (202, 202), (first.text, second.text)
    fill(disk / "filler.bin", free_bytes(disk), leave=FLOOR + 256 * 1024)  # another writer takes the disk
    one = await finished(client, survey, first.json()["id"])
    two = await finished(client, survey, second.json()["id"])
    # The first was running: it stops at the floor before its next batch, unless it was done already.
    assert one["state"] == "complete" or one["error"].startswith("stopped: the data directory's free space"), one
    assert two["state"] == "failed" and "short of disk space for this export" in two["error"], two
    assert leftovers(settings) == ([f"{first.json()['id']}.zip"] if one["state"] == "complete" else [])
    assert two["cases_done"] == 0 and two["bytes_written"] == 0
    assert services.store.free_bytes() >= FLOOR  # the exports left the floor free
