"""A full disk: when free space minus what a request brings falls under the configured floor,
tus creation, every PATCH and the one-shot upload are refused with 507 (and a Chinese message)
before a byte is written, while reading and reviewing go on; once space is freed the upload
resumes from the offset the server kept and ends with the exact sha256.

Two ways to be short of space: a floor configured above the real free space, and (as root) a
real 24 MB tmpfs filled up by another writer."""

import hashlib

import msgspec
import pytest

from server.app import create_app
from server.clock import FixedClock
from server.domain.evidence.tus import encode_metadata
from tests.conftest import DEMO_USERS, T0, Users, fast_settings
from tests.support.app_client import app_client
from tests.support.review import Flow, photo_bytes
from tests.support.tmpfs import fill, tmpfs

TUS = {"Tus-Resumable": "1.0.0"}
OCTETS = {"Content-Type": "application/offset+octet-stream"}


def set_floor(services, floor: int) -> None:
    services.evidence.settings = msgspec.structs.replace(services.evidence.settings, free_space_floor_bytes=floor)


def assert_disk_full(r) -> None:
    assert r.status_code == 507, r.text
    body = r.json()
    assert body["code"] == "insufficient_storage" and "存储空间" in body["detail"]["message_zh"]


async def tus_create(client, users, case_id, length, requirement="room"):
    return await client.post("/api/v1/uploads", headers=users.headers("applicant") | TUS | {
        "Upload-Length": str(length), "Upload-Metadata": encode_metadata({
            "case_id": str(case_id), "requirement": requirement, "filename": f"{requirement}.jpg"})})


async def tus_patch(client, users, location, offset, body):
    return await client.patch(location, content=body, headers=users.headers("applicant") | TUS | OCTETS | {
        "Upload-Offset": str(offset)})


async def test_floor_above_free_space_refuses_uploads_not_reviews(client, users, services):
    flow = Flow(client, users)
    submitted = await flow.submitted_case(seed=1)
    draft = await flow.case(title="康宁诊所 二号")
    photo = photo_bytes(7, services.clock.now())
    r = await tus_create(client, users, draft["id"], len(photo))
    assert r.status_code == 201
    location = r.headers["location"]
    half = len(photo) // 2
    assert (await tus_patch(client, users, location, 0, photo[:half])).status_code == 204
    part = services.store.upload_path(location.rsplit("/", 1)[1])

    set_floor(services, services.store.free_bytes() + 10 * 1024**3)  # "the disk is full"
    before_files = sorted(p.name for p in services.store.blobs.rglob("*"))
    r = await tus_patch(client, users, location, half, photo[half:])
    assert_disk_full(r)
    assert r.headers["tus-resumable"] == "1.0.0"  # a tus client reads it as an answer, not a crash
    head = await client.head(location, headers=users.headers("applicant") | TUS)
    assert head.headers["upload-offset"] == str(half) and part.stat().st_size == half  # nothing half-written
    assert_disk_full(await tus_create(client, users, draft["id"], 1000))
    assert_disk_full(await client.post(f"/api/v1/cases/{draft['id']}/evidence", headers=users.headers("applicant"),
                                       files={"file": ("s.jpg", photo, "image/jpeg")}, data={"requirement": "waste"}))
    assert sorted(p.name for p in services.store.blobs.rglob("*")) == before_files

    # reading and reviewing go on: the queue, the case, its evidence and thumbnails, two opinions
    queue = await client.get("/api/v1/review/queue", headers=users.headers("officer"))
    assert queue.status_code == 200
    items = (await client.get(f"/api/v1/cases/{submitted['id']}/evidence", headers=users.headers("officer"))).json()
    thumb = await client.get(items["items"][0]["urls"]["thumb_256"])
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    await flow.review(submitted["id"], "officer")
    await flow.review(submitted["id"], "officer2")
    assert (await flow.case_now(submitted["id"]))["status"] == "approved"

    set_floor(services, 0)  # space freed: the upload resumes where the server stopped it
    r = await tus_patch(client, users, location, half, photo[half:])
    assert r.status_code == 204, r.text
    item = (await client.get(f"/api/v1/evidence/{r.headers['takan-evidence-id']}",
                             headers=users.headers("officer"))).json()
    assert item["sha256"] == hashlib.sha256(photo).hexdigest()


# ----- a real, small filesystem -----


@pytest.fixture
def tiny_fs(tmp_path):
    """A 24 MB tmpfs (needs root); skipped where it cannot be mounted."""
    with tmpfs(tmp_path / "tiny", "24m") as mount:
        yield mount


async def test_a_really_full_small_disk(tiny_fs, tmp_path):
    settings = fast_settings(tiny_fs / "data", free_space_floor_bytes=2 * 1024 * 1024,
                             photo_max_bytes=4 * 1024 * 1024)
    clock = FixedClock(settings.tz, T0)
    async with app_client(create_app(settings, clock=clock), raise_server_exceptions=False) as client:
        users = Users(client)
        for name, (role, display) in DEMO_USERS.items():
            await users.add(name, role, display)
        services = client.app.state.services
        flow = Flow(client, users)
        draft = await flow.case()
        await flow.upload(draft["id"], "storefront", seed=2)
        photo = photo_bytes(3, clock.now())
        r = await tus_create(client, users, draft["id"], len(photo))
        assert r.status_code == 201, r.text
        location = r.headers["location"]
        first = len(photo) // 3
        assert (await tus_patch(client, users, location, 0, photo[:first])).status_code == 204

        filler = tiny_fs / "filler.bin"
        fill(filler, services.store.free_bytes(), leave=2 * 1024 * 1024 + 10_000)  # just above the floor
        r = await tus_patch(client, users, location, first, photo[first:])
        assert_disk_full(r)
        upload_id = location.rsplit("/", 1)[1]
        assert services.store.upload_path(upload_id).stat().st_size == first
        head = await client.head(location, headers=users.headers("applicant") | TUS)
        assert head.headers["upload-offset"] == str(first)
        assert_disk_full(await client.post(f"/api/v1/cases/{draft['id']}/evidence",
                                           headers=users.headers("applicant"),
                                           files={"file": ("w.jpg", photo, "image/jpeg")},
                                           data={"requirement": "waste"}))
        assert not list(services.store.staging.iterdir())  # the one-shot staged nothing
        listing = await client.get(f"/api/v1/cases/{draft['id']}/evidence", headers=users.headers("applicant"))
        assert listing.status_code == 200 and len(listing.json()["items"]) == 1

        # the filesystem itself fills up between the check and the write (another writer took the
        # space): the write fails, the offset stays where bytes were fsynced
        services.evidence.ensure_space = lambda incoming=0: None
        fill(filler, services.store.free_bytes(), leave=128 * 1024)  # room for the database, not the chunk
        r = await tus_patch(client, users, location, first, photo[first:])
        assert_disk_full(r)  # not a 500
        head = await client.head(location, headers=users.headers("applicant") | TUS)
        assert head.headers["upload-offset"] == str(first)  # the half-written bytes are not counted

        filler.unlink()  # space freed: resume from the server's offset
        # (the failed request may have kept its lease, the disk being too full to record its
        # release: it runs out within a minute, and the phone retries)
        clock.advance(seconds=61)
        r = await tus_patch(client, users, location, first, photo[first:])
        assert r.status_code == 204, r.text
        item = (await client.get(f"/api/v1/evidence/{r.headers['takan-evidence-id']}",
                                 headers=users.headers("applicant"))).json()
        assert item["sha256"] == hashlib.sha256(photo).hexdigest()
