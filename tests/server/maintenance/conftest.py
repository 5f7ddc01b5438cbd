"""A data directory with real evidence: the evidence tests' presale case at a site, two photos
uploaded in one request each, and a tus upload of a third half received."""

import pytest

from server.domain.evidence.tus import encode_metadata
from tests.server.evidence.conftest import case as case  # a fixture
from tests.server.evidence.conftest import site_photo, upload

TUS = {"Tus-Resumable": "1.0.0"}


def blob(data_dir, sha):
    return data_dir / "blobs" / sha[:2] / sha[2:4] / sha


@pytest.fixture
async def filled(client, users, case, tmp_path, settings):
    """Two photos as evidence, and one tus upload half received."""
    items = []
    for seed in (1, 2):
        r = await upload(client, users, case["id"], site_photo(tmp_path / f"p{seed}.jpg", seed=seed))
        assert r.status_code == 201, r.text
        items.append(r.json())
    data = site_photo(tmp_path / "half.jpg", seed=3).read_bytes()
    r = await client.post("/api/v1/uploads", headers=users.headers("applicant") | TUS | {
        "Upload-Length": str(len(data)),
        "Upload-Metadata": encode_metadata({"case_id": str(case["id"]), "requirement": "facade_south"})})
    assert r.status_code == 201
    location = r.headers["location"]
    r = await client.patch(location, content=data[:1000], headers=users.headers("applicant") | TUS | {
        "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"})
    assert r.status_code == 204
    # The server fsyncs received bytes in the background and records it (uploads.synced); wait
    # for that, so what fsck and backup see does not depend on how soon it ran.
    await client.app.state.services.uploads.sync_all()
    return {"items": items, "upload_id": location.rsplit("/", 1)[1], "data_dir": settings.data_dir, "half": data}
