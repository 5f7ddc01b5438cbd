"""The bag as an HTTP response: how the server will serve GET /api/v1/cases/{id}/archive and
GET /api/v1/archive-key, on a minimal Litestar app (the real routes belong to the server)."""

import io
import zipfile

from litestar import Litestar, get
from litestar.response import Stream

from server.bagit import ArchiveKey, aiter_bag, verify_archive
from tests.server.bagit.util import REFERENCE, sample_content
from tests.support.app_client import app_client


async def test_bag_streams_over_http_and_verifies(tmp_path, archive_key: ArchiveKey):
    @get("/archive", sync_to_thread=False)
    def archive() -> Stream:
        return Stream(aiter_bag(sample_content(tmp_path), archive_key), media_type="application/zip",
                      headers={"Content-Disposition": f'attachment; filename="{REFERENCE}.zip"'})

    @get("/archive-key", sync_to_thread=False)
    def archive_key_route() -> dict[str, str]:
        return archive_key.public_info()

    async with app_client(Litestar([archive, archive_key_route])) as client:
        response = await client.get("/archive")
        key_body = (await client.get("/archive-key")).json()
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert "content-length" not in response.headers  # streamed (chunked), not buffered
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        assert zf.testzip() is None
    target = tmp_path / "downloaded.zip"
    target.write_bytes(response.content)
    report = verify_archive(target, key_body["public_key_base64"])
    assert report.ok and report.signature.key_source == "external"
    assert key_body["fingerprint"] == archive_key.fingerprint()
