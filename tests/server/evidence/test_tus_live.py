"""tuspy, the tus project's Python client, against a real server process: a whole upload, and
one interrupted midway, resumed after the server was killed and restarted, ending with the
exact sha256. And a DELETE arriving while a PATCH body still streams in."""

import hashlib
import threading

import httpx
import pytest
from tusclient import client as tus_client

from shared.models import SiteIn
from tests.support.live_server import LiveServer, seed
from tests.support.media import make_video, padded_video
from tests.support.tus_client import TUS, Upload, metadata_for

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


@pytest.mark.parametrize("last_chunk", [True, False], ids=["the-last-chunk", "a-middle-chunk"])
def test_delete_while_a_patch_streams(server, tmp_path, last_chunk):
    """The owner ends the upload while one of its PATCH bodies is still coming in, slowly, from
    another connection: the PATCH is answered 410 with the error body (not 500, not 204), the
    server logs no traceback (the suite's no_server_errors fixture reads its log), nothing
    becomes evidence and no bytes are left behind."""
    headers = server.login("chen", PASSWORD)
    case = new_case(server, headers)
    video = padded_video(tmp_path / "walk.mp4", 1.5)
    size = video.stat().st_size
    up = Upload(server.url, headers, video, metadata_for(case["id"], "walkround_video", video.name),
                chunk_size=size if last_chunk else size // 2, piece=32 * 1024, rate=size / 3)
    with httpx.Client(base_url=server.url, headers=headers | TUS) as client:
        up.create(client)
    answers: list[httpx.Response] = []

    def stream() -> None:
        with httpx.Client(base_url=server.url, headers=headers | TUS, timeout=60) as client:
            answers.append(up.patch(client, 0))

    patcher = threading.Thread(target=stream)
    patcher.start()
    try:
        assert up.in_body.wait(10)
        while up.body[1] < up.body[2] // 4:  # a quarter of the body is in
            threading.Event().wait(0.05)
        r = httpx.delete(server.url + up.location, headers=headers | TUS)
        assert r.status_code == 204, r.text
        assert up.in_body.is_set()  # the body was still streaming when the upload ended
    finally:
        patcher.join(30)
    (answer,) = answers
    assert answer.status_code == 410, answer.text
    assert answer.json()["code"] == "upload_terminated" and set(answer.json()) == {"code", "message", "detail"}
    assert answer.headers["tus-resumable"] == "1.0.0"
    assert httpx.head(server.url + up.location, headers=headers | TUS).status_code == 410
    status = httpx.get(server.url + up.location, headers=headers).json()
    assert status["state"] == "terminated" and status["evidence_id"] is None
    items = httpx.get(f"{server.url}/api/v1/cases/{case['id']}/evidence", headers=headers).json()["items"]
    assert items == []
    assert list((server.data_dir / "uploads").glob("*.part")) == []
