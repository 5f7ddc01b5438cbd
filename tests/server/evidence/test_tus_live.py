"""tuspy, the tus project's Python client, against a real server process: a whole upload, and
one interrupted midway, resumed after the server was killed and restarted, ending with the
exact sha256."""

import hashlib

import httpx
import pytest
from tusclient import client as tus_client

from shared.models import SiteIn
from tests.support.live_server import LiveServer, seed
from tests.support.media import make_video

pytestmark = pytest.mark.e2e  # a real server process

PASSWORD = "live test password"


@pytest.fixture
def server(tmp_path):
    live = LiveServer(tmp_path / "data")
    ids = seed(live.settings(), {"admin": ("admin", "管理员"), "chen": ("applicant", "陈工")}, PASSWORD,
               [SiteIn(name="工地", lat=30.5426, lon=119.9689)])
    live.start()
    live.ids = ids
    yield live
    live.stop()


def new_case(server, headers) -> dict:
    r = httpx.post(f"{server.url}/api/v1/cases", headers=headers, json={
        "item_type": "presale_permit", "site_id": server.ids["site0"], "title": "3号楼",
        "fields": {"project_name": "春晓苑", "building_no": "3", "total_floors": 18, "floors_built": 13}})
    r.raise_for_status()
    return r.json()


def uploader(server, headers, path, case_id, *, url=None, chunk_size=256 * 1024):
    client = tus_client.TusClient(f"{server.url}/api/v1/uploads", headers=headers)
    return client.uploader(str(path), url=url, chunk_size=chunk_size, upload_checksum=True, metadata={
        "case_id": str(case_id), "requirement": "walkround_video", "filename": path.name,
        "lat": "30.5427", "lon": "119.9690", "accuracy": "6"})


def evidence_of(server, headers, upload_url) -> dict:
    status = httpx.get(upload_url, headers=headers).json()
    assert status["state"] == "complete", status
    return httpx.get(f"{server.url}/api/v1/evidence/{status['evidence_id']}", headers=headers).json()


def test_whole_upload_with_tuspy(server, tmp_path):
    headers = server.login("chen", PASSWORD)
    case = new_case(server, headers)
    video = make_video(tmp_path / "walk.mp4", seconds=4, size=(640, 480), location="+30.5428+119.9690/")
    up = uploader(server, headers, video, case["id"])
    up.upload()
    item = evidence_of(server, headers, up.url)
    assert item["sha256"] == hashlib.sha256(video.read_bytes()).hexdigest()
    assert item["kind"] == "video" and item["client"]["accuracy_m"] == 6
    assert abs(item["metadata"]["gps_lat"] - 30.5428) < 1e-6


def test_interrupted_upload_resumes_after_a_server_kill(server, tmp_path):
    headers = server.login("chen", PASSWORD)
    case = new_case(server, headers)
    video = make_video(tmp_path / "walk.mp4", seconds=12, size=(1280, 720), fps=25, seed=3)
    size = video.stat().st_size
    assert size > 100_000
    up = uploader(server, headers, video, case["id"], chunk_size=16 * 1024)
    up.upload(stop_at=size // 2)
    url, sent = up.url, up.offset
    assert 0 < sent < size

    server.restart(kill=True)  # SIGKILL: no goodbye, nothing flushed by the server on the way out

    headers = server.login("chen", PASSWORD)
    resumed = uploader(server, headers, video, case["id"], url=url, chunk_size=16 * 1024)
    # The server resumes from what it knows is on disk: all it acknowledged, or all but the
    # last chunk or so if that one's background fsync had not finished when it was killed.
    assert sent - 4 * 16 * 1024 <= resumed.offset <= sent
    resumed.upload()
    item = evidence_of(server, headers, url)
    assert item["sha256"] == hashlib.sha256(video.read_bytes()).hexdigest()
    assert item["size"] == size
