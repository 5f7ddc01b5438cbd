"""The tus 1.0 server: core, creation, creation-with-upload, termination, checksum, expiration,
and its refusals (offset mismatch 409, checksum mismatch 460, wrong content type 415, too large
413, someone else's case 404, expired or terminated 410, unknown 404)."""

import asyncio
import base64
import hashlib

import pytest

from server.domain.evidence.tus import encode_metadata
from tests.server.evidence.conftest import site_photo
from tests.support.api import table_counts

TUS = {"Tus-Resumable": "1.0.0"}
OCTETS = {"Content-Type": "application/offset+octet-stream"}


def meta(case_id, requirement="facade_east", **extra) -> str:
    return encode_metadata({"case_id": str(case_id), "requirement": requirement, "filename": "east.jpg",
                            **{k: str(v) for k, v in extra.items()}})


async def create(client, users, case_id, length, who="applicant", **metadata):
    return await client.post("/api/v1/uploads", headers=users.headers(who) | TUS | {
        "Upload-Length": str(length), "Upload-Metadata": meta(case_id, **metadata)})


async def patch(client, users, location, offset, body, who="applicant", **headers):
    return await client.patch(location, content=body, headers=users.headers(who) | TUS | OCTETS | {
        "Upload-Offset": str(offset), **headers})


async def test_discovery(client):
    r = await client.options("/api/v1/uploads")
    assert r.status_code == 204
    assert r.headers["tus-version"] == "1.0.0" and r.headers["tus-resumable"] == "1.0.0"
    extensions = set(r.headers["tus-extension"].split(","))
    assert extensions >= {"creation", "creation-with-upload", "termination", "checksum", "expiration"}
    assert {"sha1", "sha256"} <= set(r.headers["tus-checksum-algorithm"].split(","))
    assert int(r.headers["tus-max-size"]) == 2 * 1024**3


async def test_chunked_upload_with_checksums(client, users, services, case, tmp_path):
    data = site_photo(tmp_path / "a.jpg").read_bytes()
    r = await create(client, users, case["id"], len(data), lat=30.5429, lon=119.9691, accuracy=12,
                     captured_at="1762052400000")
    assert r.status_code == 201, r.text
    location = r.headers["location"]
    assert location.startswith("/api/v1/uploads/") and "upload-expires" in r.headers
    head = await client.head(location, headers=users.headers("applicant") | TUS)
    assert head.status_code == 200 and head.headers["upload-offset"] == "0"
    assert head.headers["upload-length"] == str(len(data)) and head.headers["cache-control"] == "no-store"

    third = len(data) // 3
    first = data[:third]
    sha1 = base64.b64encode(hashlib.sha1(first).digest()).decode()
    r = await patch(client, users, location, 0, first, **{"Upload-Checksum": f"sha1 {sha1}"})
    assert r.status_code == 204 and r.headers["upload-offset"] == str(third)

    second = data[third:2 * third]
    wrong = base64.b64encode(hashlib.sha1(b"other bytes").digest()).decode()
    r = await patch(client, users, location, third, second, **{"Upload-Checksum": f"sha1 {wrong}"})
    assert r.status_code == 460 and r.json()["code"] == "checksum_mismatch"
    head = await client.head(location, headers=users.headers("applicant") | TUS)
    assert head.headers["upload-offset"] == str(third)  # the bad chunk was not kept

    sha256 = base64.b64encode(hashlib.sha256(second).digest()).decode()
    r = await patch(client, users, location, third, second, **{"Upload-Checksum": f"sha256 {sha256}"})
    assert r.status_code == 204 and r.headers["upload-offset"] == str(2 * third)

    r = await patch(client, users, location, 2 * third, data[2 * third:])
    assert r.status_code == 204 and r.headers["upload-offset"] == str(len(data))
    evidence_id = int(r.headers["takan-evidence-id"])
    item = (await client.get(f"/api/v1/evidence/{evidence_id}", headers=users.headers("officer"))).json()
    assert item["sha256"] == hashlib.sha256(data).hexdigest()
    assert item["client"]["lat"] == 30.5429 and item["client"]["accuracy_m"] == 12
    assert item["client"]["captured_at"].startswith("2025-11-02T03:00:00")
    status = (await client.get(location, headers=users.headers("applicant"))).json()
    assert status["state"] == "complete" and status["evidence_id"] == evidence_id
    assert not services.store.upload_path(location.rsplit("/", 1)[1]).exists()
    # Finishing again (a client that did not hear the answer) adds nothing.
    before = await table_counts(services)
    again = await patch(client, users, location, len(data), b"")
    assert again.status_code == 204 and again.headers["takan-evidence-id"] == str(evidence_id)
    assert await table_counts(services) == before


async def test_head_echoes_upload_metadata_as_sent(client, users, case, tmp_path):
    """tus creation: HEAD carries the Upload-Metadata given at creation, byte for byte (the pairs
    in the client's order and spacing, a key without a value), not re-encoded from the values."""
    data = site_photo(tmp_path / "a.jpg").read_bytes()
    sent = (f"case_id {b64(str(case['id']))}, requirement {b64('facade_east')},filename {b64('东立面 1.jpg')},"
            f"  lat {b64('30.5429')},lon {b64('119.9691')},device_id")  # odd spacing; device_id alone: an empty value
    r = await client.post("/api/v1/uploads", headers=users.headers("applicant") | TUS | {
        "Upload-Length": str(len(data)), "Upload-Metadata": sent})
    assert r.status_code == 201, r.text
    location = r.headers["location"]
    head = await client.head(location, headers=users.headers("applicant") | TUS)
    assert head.status_code == 200 and head.headers["upload-metadata"] == sent
    r = await patch(client, users, location, 0, data[:1000])
    assert "upload-metadata" not in r.headers  # HEAD's, not every answer's
    head = await client.head(location, headers=users.headers("applicant") | TUS)
    assert head.headers["upload-metadata"] == sent and head.headers["upload-offset"] == "1000"
    await patch(client, users, location, 1000, data[1000:])
    head = await client.head(location, headers=users.headers("applicant") | TUS)  # evidence now: still there
    assert head.status_code == 200 and head.headers["upload-metadata"] == sent


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


async def test_creation_with_upload(client, users, case, tmp_path):
    data = site_photo(tmp_path / "a.jpg").read_bytes()
    headers = users.headers("applicant") | TUS | OCTETS | {"Upload-Length": str(len(data)),
                                                           "Upload-Metadata": meta(case["id"])}
    r = await client.post("/api/v1/uploads", content=data[:1000], headers=headers)
    assert r.status_code == 201 and r.headers["upload-offset"] == "1000"
    r = await patch(client, users, r.headers["location"], 1000, data[1000:])
    assert r.status_code == 204 and "takan-evidence-id" in r.headers


async def test_protocol_refusals(client, users, case, tmp_path):
    data = site_photo(tmp_path / "a.jpg").read_bytes()
    location = (await create(client, users, case["id"], len(data))).headers["location"]
    h = users.headers("applicant")
    # offset mismatch
    r = await patch(client, users, location, 5, data[5:100])
    assert r.status_code == 409 and r.json()["detail"]["offset"] == 0
    # wrong content type
    r = await client.patch(location, content=data[:10], headers=h | TUS | {"Content-Type": "image/jpeg",
                                                                             "Upload-Offset": "0"})
    assert r.status_code == 415
    # missing or wrong tus version
    assert (await client.head(location, headers=h)).status_code == 412
    old_version = h | OCTETS | {"Tus-Resumable": "0.2.2", "Upload-Offset": "0"}
    r = await client.patch(location, content=b"x", headers=old_version)
    assert r.status_code == 412 and r.headers["tus-version"] == "1.0.0"
    # more bytes than declared
    r = await patch(client, users, location, 0, data + b"extra")
    assert r.status_code == 413
    assert (await client.head(location, headers=h | TUS)).headers["upload-offset"] == "0"
    # someone else's upload (answered as if it did not exist), an unknown one
    assert (await client.head(location, headers=users.headers("applicant2") | TUS)).status_code == 404
    assert (await client.head("/api/v1/uploads/" + "0" * 32, headers=h | TUS)).status_code == 404
    assert (await client.head("/api/v1/uploads/../../etc", headers=h | TUS)).status_code == 404
    # termination
    r = await client.delete(location, headers=h | TUS)
    assert r.status_code == 204
    assert (await client.head(location, headers=h | TUS)).status_code == 410
    assert (await patch(client, users, location, 0, data[:10])).status_code == 410


@pytest.mark.parametrize(
    ("length", "metadata", "who", "status"),
    [
        (51 * 1024 * 1024, {}, "applicant", 413),  # over the photo limit for a photo requirement
        (3 * 1024**3, {"requirement": "walkround_video"}, "applicant", 413),  # over the video limit
        (1000, {}, "applicant2", 404),  # someone else's case: as if it did not exist
        (1000, {}, "officer", 403),
        (1000, {"requirement": "nope"}, "applicant", 422),
        (0, {}, "applicant", 400),
    ],
)
async def test_creation_refusals(client, users, services, case, length, metadata, who, status):
    before = await table_counts(services)
    r = await create(client, users, case["id"], length, who=who, **metadata)
    assert r.status_code == status, r.text
    assert r.headers["tus-resumable"] == "1.0.0"
    assert await table_counts(services) == before


@pytest.mark.parametrize(
    "header",
    ["case_id", "requirement " + "!!!", "case_id MQ==,case_id MQ==", "lat bm9ydGg=,lon MTIw", "a b c"],
)
async def test_malformed_metadata(client, users, case, header):
    r = await client.post("/api/v1/uploads", headers=users.headers("applicant") | TUS | {
        "Upload-Length": "10", "Upload-Metadata": header})
    assert r.status_code == 400


async def test_upload_to_a_submitted_case_is_refused(client, users, services, case):
    from server.domain.cases import repository

    async with services.db.transaction() as conn:
        await repository.set_status(conn, case["id"], "submitted", "2026-11-02T02:00:00.000000+00:00", {})
    r = await create(client, users, case["id"], 1000)
    assert r.status_code == 409 and r.json()["code"] == "case_not_editable"


async def test_abandoned_uploads_expire_and_their_bytes_go(client, users, services, case, clock, settings, tmp_path):
    data = site_photo(tmp_path / "a.jpg").read_bytes()
    location = (await create(client, users, case["id"], len(data))).headers["location"]
    await patch(client, users, location, 0, data[:5000])
    upload_id = location.rsplit("/", 1)[1]
    assert services.store.upload_path(upload_id).stat().st_size == 5000
    clock.advance(seconds=settings.upload_expiry_seconds + 1)
    assert (await services.uploads.sweep())["expired"] == 1
    assert not services.store.upload_path(upload_id).exists()
    await users.login("applicant")
    r = await client.head(location, headers=users.headers("applicant") | TUS)
    assert r.status_code == 410
    assert (await client.get(location, headers=users.headers("applicant"))).json()["state"] == "expired"


async def test_a_bad_file_fails_the_upload_with_its_reason(client, users, services, case):
    html = b"<html><body>not a photo</body></html>" * 10
    location = (await create(client, users, case["id"], len(html))).headers["location"]
    blobs = set(services.store.blob_sha256s())
    r = await patch(client, users, location, 0, html)
    assert r.status_code == 415
    status = (await client.get(location, headers=users.headers("applicant"))).json()
    assert status["state"] == "failed" and status["error"]["code"] == "unsupported_media_type"
    assert set(services.store.blob_sha256s()) == blobs
    assert not services.store.upload_path(location.rsplit("/", 1)[1]).exists()


async def test_restart_goes_back_to_the_fsynced_offset(client, users, services, case, tmp_path):
    """An acknowledged chunk whose fsync had not happened when the server went down is not
    trusted after it comes back: the offset returns to what is on disk, and the client re-sends."""
    data = site_photo(tmp_path / "a.jpg").read_bytes()
    location = (await create(client, users, case["id"], len(data))).headers["location"]
    upload_id = location.rsplit("/", 1)[1]
    half = len(data) // 2
    r = await patch(client, users, location, 0, data[:half])
    assert r.status_code == 204 and r.headers["upload-offset"] == str(half)
    assert await offsets(services, upload_id, until_synced=half) == (half, half)  # the fsync caught up
    r = await patch(client, users, location, half, data[half:half + 1000])
    assert r.headers["upload-offset"] == str(half + 1000)
    await offsets(services, upload_id, until_synced=half + 1000)
    # As if the server had gone down before that chunk's fsync was recorded (a kill, a power cut).
    async with services.db.transaction() as conn:
        await conn.execute("UPDATE uploads SET synced = ? WHERE id = ?", (half, upload_id))
    assert await services.uploads.recover() == 1
    head = await client.head(location, headers=users.headers("applicant") | TUS)
    assert head.headers["upload-offset"] == str(half)
    assert services.store.upload_path(upload_id).stat().st_size == half
    r = await patch(client, users, location, half, data[half:])
    assert r.status_code == 204
    item = (await client.get(f"/api/v1/evidence/{r.headers['takan-evidence-id']}",
                             headers=users.headers("officer"))).json()
    assert item["sha256"] == hashlib.sha256(data).hexdigest()


async def offsets(services, upload_id, *, until_synced: int) -> tuple[int, int]:
    """(received, synced) once the background fsync has recorded `until_synced` (or 5 s passed)."""
    for _ in range(500):
        async with services.db.read() as conn:
            row = await (await conn.execute("SELECT received, synced FROM uploads WHERE id = ?",
                                            (upload_id,))).fetchone()
        if row["synced"] >= until_synced:
            break
        await asyncio.sleep(0.01)
    return tuple(row)


async def test_every_refusal_on_the_tus_routes_says_tus_resumable(client, users, case):
    """tus clients read Tus-Resumable on every answer: refusals by the login check, the role
    guard and the service carry it too (and answers elsewhere do not)."""
    created = await create(client, users, case["id"], 100)
    location = created.headers["location"]
    refusals = [
        await client.head(location, headers=TUS),  # 401: not logged in
        await client.head(location, headers=users.headers("officer") | TUS),  # 403: not an applicant
        await client.head("/api/v1/uploads/" + "0" * 32, headers=users.headers("applicant") | TUS),  # 404
        await patch(client, users, location, 7, b"x"),  # 409: wrong offset
        await client.post("/api/v1/uploads", headers=users.headers("applicant") | TUS),  # 400: no length
    ]
    assert [r.status_code for r in refusals] == [401, 403, 404, 409, 400]
    assert all(r.headers.get("tus-resumable") == "1.0.0" for r in refusals)
    elsewhere = await client.get(f"/api/v1/cases/{10**9}", headers=users.headers("applicant"))
    assert elsewhere.status_code == 404 and "tus-resumable" not in elsewhere.headers
