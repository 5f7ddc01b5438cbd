"""`takan backup` taken while a real server takes uploads from phones and officers read (a
smaller load than bench/load.py: 8 phones, 6 photos each, 2 officers): the backup restores with
`takan restore` to a data directory that `takan fsck --grace 0` finds clean, that holds every
evidence item committed (answered to its phone) before the backup began, with the same
sha256, and on which a server starts and serves those files."""

import asyncio
import hashlib
import json
import sqlite3
import subprocess
import sys
import time

import httpx
import pytest

from shared.models import SiteIn
from tests.support.live_server import LiveServer, seed
from tests.support.phones import ITEM, SITE, photo_pool, run_load

pytestmark = pytest.mark.e2e
PASSWORD = "backup load password"
PHONES = [f"phone{i:02d}" for i in range(8)]
OFFICERS = ["officer0", "officer1"]


def takan(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "server.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_backup_while_uploading_restores_whole(tmp_path):
    live = LiveServer(tmp_path / "data", env={"TAKAN_LOGIN_IP_MAX_FAILURES": "0"})
    users = {name: ("applicant", name) for name in PHONES} | {name: ("officer", name) for name in OFFICERS}
    ids = seed(live.settings(), users | {"admin": ("admin", "管理员")}, PASSWORD, [SiteIn(name="工地", **SITE)])
    live.start()
    try:
        admin = live.login("admin", PASSWORD)
        httpx.post(f"{live.url}/api/v1/item-types", headers=admin, json=ITEM).raise_for_status()
        pool = photo_pool(tmp_path / "pool", 6, (1600, 1200))
        backup_dir = tmp_path / "backup"

        async def backup_midway(stats):
            while len(stats.committed) < 12:  # some evidence in, most still to come
                await asyncio.sleep(0.05)
            before = {(c.evidence_id, c.sha256) for c in stats.committed}
            started = time.monotonic()
            done = await asyncio.to_thread(takan, "--data-dir", str(live.data_dir), "backup", str(backup_dir),
                                           env=live.env)
            during = sum(started <= c.at <= time.monotonic() for c in stats.committed)
            return before, done, during

        stats = asyncio.run(run_load(live.url, PHONES, OFFICERS, PASSWORD, ids["site0"], pool, photos=6,
                                     during=backup_midway))
        before, done, during = stats.side_result
        print(f"\n{stats.uploads_ok} uploads; backup began after {len(before)}, {during} more committed while it ran")
        print(done.stdout)
        assert not stats.errors, stats.errors[:5]
        assert stats.uploads_ok == len(PHONES) * 6
        assert done.returncode == 0, done.stdout + done.stderr
        assert len(before) < stats.uploads_ok  # the backup really ran under load
    finally:
        live.stop()

    restored = tmp_path / "restored"
    done = takan("restore", str(backup_dir), str(restored), env=live.env)
    assert done.returncode == 0, done.stdout + done.stderr
    fsck = takan("--data-dir", str(restored), "fsck", "--grace", "0", env=live.env)
    print(fsck.stdout)
    assert fsck.returncode == 0 and "result: CLEAN" in fsck.stdout, fsck.stdout

    conn = sqlite3.connect(restored / "takan.sqlite3")
    rows = set(conn.execute("SELECT id, sha256 FROM evidence").fetchall())
    conn.close()
    assert before <= rows, f"missing from the backup: {sorted(before - rows)[:5]}"
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["database"]["counts"]["evidence"] == len(rows) < stats.uploads_ok + 1

    copy = LiveServer(restored)
    copy.start()
    try:
        officer = copy.login("officer0", PASSWORD)
        evidence_id, sha = sorted(before)[0]
        r = httpx.get(f"{copy.url}/api/v1/evidence/{evidence_id}/file/original", headers=officer)
        assert r.status_code == 200 and hashlib.sha256(r.content).hexdigest() == sha
    finally:
        copy.stop()
