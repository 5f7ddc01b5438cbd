"""A real server process receiving three tus uploads of 100 MB videos is killed with SIGKILL a
dozen times, at random moments: in the middle of PATCH bodies (checked: a body was half sent
when the signal went), and in the ingest step (checked: the last byte's offset was committed,
and once the process is dead the upload is still not evidence). It is restarted each time, and
each upload is resumed by its client as a phone does (HEAD, then PATCH from the server's
offset). Every upload ends as evidence with the exact sha256; then `takan fsck` finds the data
directory clean and the database holds exactly one evidence row, one blob and one
evidence.added audit event per upload, in an intact chain.

The server runs with 6 s upload leases (tests/support/short_lease_server.py): a killed PATCH's
lease otherwise blocks its upload for 30 s after each restart."""

import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time

import httpx
import pytest

from shared.models import SiteIn
from tests.support.live_server import LiveServer, seed
from tests.support.media import padded_video
from tests.support.tus_client import Upload, metadata_for

pytestmark = pytest.mark.e2e
PASSWORD = "kill test password"
MB = 1024 * 1024
UPLOADS = 3
SIZE_MB = 100
CHUNK = 2 * MB
RATE = 12 * MB  # per upload, while a body is sent
BODY_KILLS = 9
SEED = int(os.environ.get("TAKAN_KILL_SEED", str(int(time.time()))))


def db_rows(data_dir, sql, params=()):
    conn = sqlite3.connect(f"file:{data_dir / 'takan.sqlite3'}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def upload_state(data_dir, upload_id):
    rows = db_rows(data_dir, "SELECT state, received, length FROM uploads WHERE id = ?", (upload_id,))
    return rows[0] if rows else None


@pytest.fixture
def live(tmp_path):
    server = LiveServer(tmp_path / "data", command=[sys.executable, "-m", "tests.support.short_lease_server"])
    server.ids = seed(server.settings(), {"chen": ("applicant", "陈工")}, PASSWORD,
                      [SiteIn(name="工地", lat=30.5426, lon=119.9689)])
    server.start()
    yield server
    server.stop(kill=True)


def test_sigkill_during_uploads_and_ingest(live, tmp_path):
    rng = random.Random(SEED)
    print(f"\nkill test seed {SEED} (TAKAN_KILL_SEED to repeat)")
    headers = live.login("chen", PASSWORD)
    uploads = []
    for i in range(UPLOADS):
        r = httpx.post(f"{live.url}/api/v1/cases", headers=headers, json={
            "item_type": "presale_permit", "site_id": live.ids["site0"], "title": f"{i + 1}号楼",
            "fields": {"project_name": "春晓苑", "building_no": str(i + 1), "total_floors": 18, "floors_built": 13}})
        r.raise_for_status()
        video = padded_video(tmp_path / f"walk{i}.mp4", SIZE_MB, seed=100 + i)
        uploads.append(Upload(live.url, headers, video, metadata_for(r.json()["id"], "walkround_video", video.name),
                              chunk_size=CHUNK, rate=RATE, timeout=30))
    digests = [hashlib.sha256(u.path.read_bytes()).hexdigest() for u in uploads]
    kills: list[dict] = []

    def kill(kind: str, detail: dict) -> None:
        live.stop(kill=True)  # SIGKILL to the server's process; fails if a worker outlives it
        ids = [u.location.rsplit("/", 1)[1] if u.location else None for u in uploads]
        states = [upload_state(live.data_dir, i) if i else None for i in ids]
        kills.append({"kind": kind, "states": states, **detail})
        live.start()

    # --- 1. mid-body kills: all three stream their first 98 MB -----------------------------
    stop_at = uploads[0].size - CHUNK
    results: dict[int, object] = {}

    def run(i: int, **kwargs) -> None:
        try:
            results[i] = uploads[i].run(give_up_after=200, **kwargs)
        except BaseException as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,), kwargs={"stop_at": stop_at}) for i in range(UPLOADS)]
    for t in threads:
        t.start()
    def received() -> list[int]:
        return [upload_state(live.data_dir, u.location.rsplit("/", 1)[1])[1] if u.location else 0 for u in uploads]

    since = received()
    while sum(k["kind"] == "body" for k in kills) < BODY_KILLS and any(t.is_alive() for t in threads):
        # once the server takes bodies again (an offset moved since the last restart; a killed
        # PATCH's lease has run out), at a random moment while a body is half sent
        if not any(now > before for now, before in zip(received(), since, strict=True)):
            time.sleep(0.05)
            continue
        time.sleep(rng.uniform(0.0, 1.2))
        midway = [(i, u.body) for i, u in enumerate(uploads) if u.in_body.is_set() and 0 < u.body[1] < u.body[2]]
        if midway:
            kill("body", {"midway": midway})
            since = received()
    for t in threads:
        t.join(240)
    assert all(results[i] is None for i in range(UPLOADS)), results

    # --- 2. ingest kills: each upload's last chunk; kill once its offset is committed -------
    for i, upload in enumerate(uploads):
        upload_id = upload.location.rsplit("/", 1)[1]
        thread = threading.Thread(target=run, args=(i,))
        thread.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            state = upload_state(live.data_dir, upload_id)
            if state[1] == state[2] or state[0] != "receiving":
                break
            time.sleep(0.003)
        if state[0] == "receiving":
            time.sleep(rng.uniform(0, 0.05))
            kill("ingest", {"upload": i, "at_commit": state})
        thread.join(120)
        assert results[i] is not None and not isinstance(results[i], BaseException), results[i]

    # --- every upload is evidence with its exact bytes --------------------------------------
    evidence_ids = []
    with httpx.Client(base_url=live.url, headers=headers, timeout=60) as client:
        for i, upload in enumerate(uploads):
            status = results[i]
            assert status["state"] == "complete", status
            item = client.get(f"/api/v1/evidence/{status['evidence_id']}").json()
            assert item["sha256"] == digests[i] and item["size"] == upload.size, item
            assert item["metadata"].get("video_codec"), item["metadata"]  # probed as the real clip it is
            evidence_ids.append(item["id"])

    body_kills = [k for k in kills if k["kind"] == "body"]
    # a kill counts as in the ingest step when, the process dead, the upload had all its bytes
    # committed and was still not evidence
    ingest_kills = [k for k in kills if k["kind"] == "ingest" and k["states"][k["upload"]][0] == "receiving"
                    and k["states"][k["upload"]][1] == k["states"][k["upload"]][2]]
    print(f"{len(kills)} kills: {len(body_kills)} in PATCH bodies, {len(ingest_kills)} in the ingest step")
    for i, u in enumerate(uploads):
        print(f"  upload {i}: resumed (HEAD after a failure) at MB {[round(o / MB, 1) for o in u.resumed_at]}; "
              f"{u.patches} PATCHes, {len(u.failures)} network errors")
    assert len(kills) >= 10 and len(body_kills) >= 8 and len(ingest_kills) >= 2, json.dumps(kills, default=str)
    assert all(len(u.resumed_at) >= 3 for u in uploads)  # each client resumed again and again

    # --- nothing lost, nothing twice ---------------------------------------------------------
    ids = {u.location.rsplit("/", 1)[1] for u in uploads}
    evidence = db_rows(live.data_dir, "SELECT id, sha256, upload_id FROM evidence ORDER BY id")
    assert [(e[0], e[1]) for e in evidence] == list(zip(evidence_ids, digests, strict=True))
    assert {e[2] for e in evidence} == ids
    assert sorted(r[0] for r in db_rows(live.data_dir, "SELECT sha256 FROM blobs")) == sorted(digests)
    added = db_rows(live.data_dir, "SELECT object_id, details FROM audit_events WHERE action = 'evidence.added'")
    assert sorted(int(a[0]) for a in added) == sorted(evidence_ids)
    assert {json.loads(a[1])["upload_id"] for a in added} == ids
    assert db_rows(live.data_dir, "SELECT state, count(*) FROM uploads GROUP BY state") == [("complete", UPLOADS)]

    fsck = subprocess.run([sys.executable, "-m", "server.cli", "--data-dir", str(live.data_dir), "fsck"],
                          capture_output=True, text=True, env=live.env, timeout=120)
    print(fsck.stdout)
    assert fsck.returncode == 0 and "result: CLEAN" in fsck.stdout, fsck.stdout + fsck.stderr
    assert "3 intact" in fsck.stdout
