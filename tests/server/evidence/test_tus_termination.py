"""tus termination (DELETE) covers finished uploads too: one that is evidence ends as an upload
resource (HEAD and PATCH 410) while its evidence item and blob stay exactly as they were, and
the ending is audited; one whose bytes are all in and about to be filed is not ended under its
ingest (409, ask again). (Unfinished uploads: test_tus_protocol; a DELETE while a PATCH
streams: test_tus_live.)"""

import hashlib

from tests.server.evidence.conftest import site_photo
from tests.server.evidence.test_tus_protocol import TUS, create, patch
from tests.support.api import table_counts


async def test_terminating_a_finished_upload_keeps_its_evidence(client, users, services, case, tmp_path):
    data = site_photo(tmp_path / "a.jpg").read_bytes()
    location = (await create(client, users, case["id"], len(data))).headers["location"]
    upload_id = location.rsplit("/", 1)[1]
    r = await patch(client, users, location, 0, data)
    evidence_id = int(r.headers["takan-evidence-id"])
    h = users.headers("applicant")
    item_before = (await client.get(f"/api/v1/evidence/{evidence_id}", headers=h)).json()
    blob = services.store.blob_path(item_before["sha256"])
    blob_stat = blob.stat()
    listing_before = (await client.get(f"/api/v1/cases/{case['id']}/evidence", headers=h)).json()
    counts = await table_counts(services)

    # Only its uploader ends it: everyone else is refused, as for any DELETE of it (another
    # applicant is told there is no such upload; staff may not upload at all).
    for who, status in (("applicant2", 404), ("officer", 403), ("admin", 403)):
        r = await client.delete(location, headers=users.headers(who) | TUS)
        assert r.status_code == status and set(r.json()) == {"code", "message", "detail"}
    assert (await client.delete(location, headers=TUS)).status_code == 401
    assert (await client.get(location, headers=h)).json()["state"] == "complete"

    r = await client.delete(location, headers=h | TUS)
    assert r.status_code == 204, r.text
    assert r.headers["tus-resumable"] == "1.0.0" and not r.content

    # The upload resource is gone...
    head = await client.head(location, headers=h | TUS)
    assert head.status_code == 410
    again = await patch(client, users, location, len(data), b"")
    assert again.status_code == 410 and again.json()["code"] == "upload_terminated"
    assert set(again.json()) == {"code", "message", "detail"}
    status = (await client.get(location, headers=h)).json()
    assert status["state"] == "terminated" and status["evidence_id"] == evidence_id
    second = await client.delete(location, headers=h | TUS)
    assert second.status_code == 410 and second.json()["code"] == "upload_terminated"

    # ...and the evidence is exactly as it was: the item, the case's listing, the blob's bytes.
    assert (await client.get(f"/api/v1/evidence/{evidence_id}", headers=h)).json() == item_before
    assert (await client.get(f"/api/v1/cases/{case['id']}/evidence", headers=h)).json() == listing_before
    assert hashlib.sha256(blob.read_bytes()).hexdigest() == item_before["sha256"] == hashlib.sha256(data).hexdigest()
    assert (blob.stat().st_ino, blob.stat().st_mtime_ns) == (blob_stat.st_ino, blob_stat.st_mtime_ns)
    after = await table_counts(services)
    assert after == counts | {"audit_events": counts["audit_events"] + 1}

    # One audit event, in the chain, naming the upload and the evidence it leaves in place.
    events = (await client.get("/api/v1/audit/events", params={"case_id": case["id"]},
                               headers=users.headers("auditor"))).json()["items"]
    ended = [e for e in events if e["action"] == "upload.terminated"]
    assert len(ended) == 1
    assert ended[0]["object_type"] == "upload" and ended[0]["object_id"] == upload_id
    assert ended[0]["details"] == {"evidence_id": evidence_id, "evidence_kept": True}
    assert ended[0]["actor_id"] == users.ids["applicant"]
    assert (await client.get("/api/v1/audit/verify", headers=users.headers("auditor"))).json()["ok"] is True


async def test_an_upload_being_filed_is_not_terminated_under_its_ingest(client, users, services, case, tmp_path):
    """All bytes in, not yet evidence (as when the server stopped between the last PATCH and its
    ingest): DELETE answers 409 and ends nothing; once HEAD has filed it, DELETE ends it and the
    evidence stays."""
    data = site_photo(tmp_path / "a.jpg").read_bytes()
    location = (await create(client, users, case["id"], len(data))).headers["location"]
    upload_id = location.rsplit("/", 1)[1]
    await patch(client, users, location, 0, data[:-1])
    with open(services.store.upload_path(upload_id), "ab") as f:
        f.write(data[-1:])
    async with services.db.transaction() as conn:
        await conn.execute("UPDATE uploads SET received = length, synced = length WHERE id = ?", (upload_id,))
    h = users.headers("applicant") | TUS

    r = await client.delete(location, headers=h)
    assert r.status_code == 409 and r.json()["code"] == "upload_finishing", r.text
    assert services.store.upload_path(upload_id).stat().st_size == len(data)
    head = await client.head(location, headers=h)  # files it
    assert head.status_code == 200 and "takan-evidence-id" in head.headers
    evidence_id = int(head.headers["takan-evidence-id"])
    assert (await client.delete(location, headers=h)).status_code == 204
    item = (await client.get(f"/api/v1/evidence/{evidence_id}", headers=h)).json()
    assert item["sha256"] == hashlib.sha256(data).hexdigest() and item["superseded_by"] is None
