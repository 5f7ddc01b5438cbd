"""The archive through a real server process (`takan serve`, real sockets): it streams from the first
byte, a full download verifies, and a download the auditor breaks off is in the audit log as
interrupted (with what had been sent), not as exported."""

import time

import httpx
import pytest

from server.bagit import verify_archive
from tests.conftest import PASSWORD
from tests.server.archive.media import MB, padded_video
from tests.server.oversight.flows import Survey, photo_bytes
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.e2e  # a real server process

VIDEO_ITEM = {
    "code": "video_item", "checklist": [
        {"key": "storefront", "title_zh": "门头", "title_en": "Storefront"},
        {"key": "walk", "title_zh": "巡查视频", "title_en": "Walk-through video", "kind": "video"}]}


@pytest.fixture
async def big_case(client, users, clock, tmp_path) -> dict:
    survey = Survey(client, users, clock)
    await survey.item(**VIDEO_ITEM)
    site = await survey.site()
    case = await survey.case("video_item", site["id"])
    await survey.upload(case["id"], "storefront", photo_bytes(7, taken=clock.now()))
    video, _ = padded_video(tmp_path / "walk.mp4", 40 * MB)
    await survey.upload(case["id"], "walk", video.read_bytes(), name="walk.mp4", mime="video/mp4")
    await survey.submit(case["id"])
    return case


@pytest.fixture
def live(settings, big_case):
    server = LiveServer(settings.data_dir).start()
    try:
        yield server
    finally:
        server.stop()


def archive_events(live: LiveServer, headers: dict, case_id: int) -> list[dict]:
    r = httpx.get(f"{live.url}/api/v1/audit/events", params={"case_id": case_id, "limit": 200}, headers=headers)
    r.raise_for_status()
    return [e for e in r.json()["items"] if e["action"].startswith("archive.")]


def test_streams_verifies_and_records_a_broken_download(live, big_case, tmp_path):
    headers = live.login("auditor", PASSWORD)
    url = f"{live.url}/api/v1/cases/{big_case['id']}/archive"

    with httpx.Client(timeout=60) as http:
        started = time.monotonic()
        with http.stream("GET", url, headers=headers) as response:
            assert response.status_code == 200
            assert response.headers.get("transfer-encoding") == "chunked"
            first = next(response.iter_raw(64 * 1024))
            first_byte_s = time.monotonic() - started
            assert first.startswith(b"PK\x03\x04")
        # closed after the first piece: the auditor's connection broke
    assert first_byte_s < 5

    for _ in range(100):
        events = archive_events(live, headers, big_case["id"])
        if events:
            break
        time.sleep(0.1)
    assert [e["action"] for e in events] == ["archive.export_interrupted"]
    assert 0 < events[0]["details"]["bytes_sent"] < 40 * MB

    target = tmp_path / "full.zip"
    with httpx.stream("GET", url, headers=headers, timeout=120) as response, open(target, "wb") as out:
        for chunk in response.iter_raw():
            out.write(chunk)
    key = httpx.get(f"{live.url}/api/v1/archive-key").json()
    report = verify_archive(target, key["public_key_base64"])
    assert report.ok, report.problems
    assert report.payload_bytes > 40 * MB
    events = archive_events(live, headers, big_case["id"])
    assert [e["action"] for e in events] == ["archive.export_interrupted", "archive.exported"]
    assert events[1]["details"]["archive_bytes"] == target.stat().st_size
