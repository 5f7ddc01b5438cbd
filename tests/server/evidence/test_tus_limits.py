"""What one creation may claim: a user has at most TAKAN_MAX_OPEN_UPLOADS_PER_USER uploads under
way (429), the disk must hold a new upload's declared length on top of what every open upload
still expects, above the free-space floor (507), and the length is always declared up front
(no creation-defer-length). Uploads that finish, fail, end or expire give their room back."""

import asyncio

import msgspec

from tests.server.evidence.conftest import site_photo
from tests.server.evidence.test_disk_full import assert_disk_full, set_floor
from tests.server.evidence.test_tus_protocol import OCTETS, TUS, create, meta, patch
from tests.support.api import make_case, table_counts

GB = 1024**3


def set_cap(services, cap: int) -> None:
    services.uploads.settings = msgspec.structs.replace(services.uploads.settings, max_open_uploads_per_user=cap)


def part_files(services) -> set[str]:
    return {p.name for p in services.store.uploads.glob("*.part")}


def assert_too_many(r, cap: int) -> None:
    assert r.status_code == 429, r.text
    body = r.json()
    assert body["code"] == "too_many_open_uploads" and set(body) == {"code", "message", "detail"}
    assert body["detail"]["limit"] == cap and body["detail"]["open"] == cap
    assert "上限" in body["detail"]["message_zh"]
    assert r.headers["tus-resumable"] == "1.0.0"


async def test_open_uploads_per_user_are_capped(client, users, services, clock, settings, case, tmp_path):
    set_cap(services, 3)
    photo = site_photo(tmp_path / "a.jpg").read_bytes()
    not_a_photo = b"<html>not a photo</html>" * 40
    finishing = (await create(client, users, case["id"], len(photo))).headers["location"]
    failing = (await create(client, users, case["id"], len(not_a_photo))).headers["location"]
    ending = (await create(client, users, case["id"], 1000)).headers["location"]

    counts, files = await table_counts(services), part_files(services)
    assert_too_many(await create(client, users, case["id"], 1000), cap=3)
    assert await table_counts(services) == counts and part_files(services) == files  # nothing kept
    # The cap is per user: another applicant still creates.
    other_case = await make_case(client, users.headers("applicant2"), case["site"]["id"])
    assert (await create(client, users, other_case["id"], 1000, who="applicant2")).status_code == 201

    # Each way an upload stops being under way frees its slot: filed as evidence...
    assert (await patch(client, users, finishing, 0, photo)).status_code == 204
    assert (await create(client, users, case["id"], 1000)).status_code == 201
    assert_too_many(await create(client, users, case["id"], 1000), cap=3)
    # ...refused at its ingest...
    assert (await patch(client, users, failing, 0, not_a_photo)).status_code == 415
    assert (await create(client, users, case["id"], 1000)).status_code == 201
    assert_too_many(await create(client, users, case["id"], 1000), cap=3)
    # ...terminated...
    assert (await client.delete(ending, headers=users.headers("applicant") | TUS)).status_code == 204
    assert (await create(client, users, case["id"], 1000)).status_code == 201
    assert_too_many(await create(client, users, case["id"], 1000), cap=3)
    # ...or expired.
    clock.advance(seconds=settings.upload_expiry_seconds + 1)
    await services.uploads.sweep()
    await users.login("applicant")
    for _ in range(3):
        assert (await create(client, users, case["id"], 1000)).status_code == 201
    assert_too_many(await create(client, users, case["id"], 1000), cap=3)


async def test_concurrent_creations_do_not_pass_the_cap(client, users, services, case):
    set_cap(services, 3)
    answers = await asyncio.gather(*(create(client, users, case["id"], 1000) for _ in range(8)))
    assert sorted(r.status_code for r in answers) == [201] * 3 + [429] * 5
    async with services.db.read() as conn:
        (open_uploads,) = await (await conn.execute(
            "SELECT count(*) FROM uploads WHERE state = 'receiving'")).fetchone()
    assert open_uploads == 3 and len(part_files(services)) == 3


async def test_creation_needs_room_for_its_length_beside_the_open_uploads(client, users, services, case):
    """Declared lengths are claimed at creation: with 1.5 GB free above the floor, one 1 GB video
    upload is accepted and a second is refused (507) until the first gives its claim back."""
    video = {"requirement": "walkround_video"}
    set_floor(services, services.store.free_bytes() - 3 * GB // 2)
    counts, files = await table_counts(services), part_files(services)
    assert_disk_full(await create(client, users, case["id"], 2 * GB, **video))  # alone too big for the disk
    first = await create(client, users, case["id"], GB, **video)
    assert first.status_code == 201, first.text
    counts, files = await table_counts(services), part_files(services)
    second = await create(client, users, case["id"], GB, **video)
    assert_disk_full(second)
    assert second.headers["tus-resumable"] == "1.0.0"
    assert await table_counts(services) == counts and part_files(services) == files
    # Small uploads still fit beside it.
    assert (await create(client, users, case["id"], 100 * 1024 * 1024, **video)).status_code == 201
    assert (await client.delete(first.headers["location"], headers=users.headers("applicant") | TUS)).status_code == 204
    assert (await create(client, users, case["id"], GB, **video)).status_code == 201


async def test_a_deferred_length_does_not_bypass_the_length_checks(client, users, services, case, settings):
    """creation-defer-length is not offered: a creation without Upload-Length is refused, one with
    both is held to its Upload-Length, and an Upload-Length sent later on a PATCH changes nothing."""
    discovery = await client.options("/api/v1/uploads")
    assert "creation-defer-length" not in discovery.headers["tus-extension"].split(",")
    h = users.headers("applicant") | TUS
    counts = await table_counts(services)
    r = await client.post("/api/v1/uploads", headers=h | {"Upload-Defer-Length": "1",
                                                          "Upload-Metadata": meta(case["id"])})
    assert r.status_code == 400 and r.json()["code"] == "upload_length_required", r.text
    r = await client.post("/api/v1/uploads", headers=h | {
        "Upload-Defer-Length": "1", "Upload-Length": str(settings.video_max_bytes + 1),
        "Upload-Metadata": meta(case["id"], requirement="walkround_video")})
    assert r.status_code == 413
    assert await table_counts(services) == counts

    location = (await create(client, users, case["id"], 10)).headers["location"]
    r = await client.patch(location, content=b"x" * 20, headers=h | OCTETS | {
        "Upload-Offset": "0", "Upload-Length": "20"})
    assert r.status_code == 413 and r.json()["code"] == "exceeds_upload_length"
    head = await client.head(location, headers=h)
    assert head.headers["upload-length"] == "10" and head.headers["upload-offset"] == "0"
