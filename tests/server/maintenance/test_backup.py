"""takan backup / restore: a backup of a data directory in use (the app open, an upload half
received) restores to a copy that passes fsck, holds the same evidence, audit chain and keys,
serves the files, and lets the half-received upload resume. Restore verifies the manifest and
refuses a damaged backup or a non-empty target (unless forced, and then moves it aside)."""

import asyncio
import hashlib
import json
import os
import sqlite3

import pytest

from server.app import create_app
from server.cli import main
from server.clock import FixedClock
from server.maintenance.backup import BackupError, backup, restore
from server.maintenance.fsck import fsck
from tests.server.maintenance.conftest import TUS
from tests.server.maintenance.conftest import blob as blob_path
from tests.support.app_client import app_client


def rows(db, statement):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(statement).fetchall()
    finally:
        conn.close()


async def test_backup_and_restore_round_trip(filled, tmp_path, settings, clock, capsys):
    data_dir = filled["data_dir"]
    dest = tmp_path / "backup"
    manifest = await asyncio.to_thread(backup, data_dir, dest, log=lambda *_: None)
    assert manifest["database"]["counts"]["evidence"] == 2 and manifest["blobs"]["count"] == 2
    assert manifest["blobs"]["linked"] == 2  # same filesystem: hard links
    assert len(manifest["files"]["derivatives"]) == 4
    assert manifest["files"]["uploads"] == [[filled["upload_id"], 1000, manifest["files"]["uploads"][0][2]]]
    assert {k[0] for k in manifest["files"]["keys"]} >= {"keys/media-links.key"}
    assert manifest["database"]["sha256"] == hashlib.sha256((dest / "takan.sqlite3").read_bytes()).hexdigest()
    assert not list(dest.glob(".*"))  # no temp files left

    target = tmp_path / "restored"
    await asyncio.to_thread(restore, dest, target, log=lambda *_: None)
    report = await fsck(target, now=clock.now())
    assert report.clean, report.render()
    db = "takan.sqlite3"
    for table in ("evidence", "audit_events", "blobs", "users", "cases"):
        assert rows(data_dir / db, f"SELECT * FROM {table} ORDER BY 1") == rows(target / db,
                                                                              f"SELECT * FROM {table} ORDER BY 1")
    for key in (data_dir / "keys").iterdir():
        assert (target / "keys" / key.name).read_bytes() == key.read_bytes()
        assert (target / "keys" / key.name).stat().st_mode & 0o777 == key.stat().st_mode & 0o777
    for item in filled["items"]:  # restored blobs are copies, not links to the backup
        assert blob_path(target, item["sha256"]).stat().st_nlink == 1

    # the restored data directory works: files are served, the half upload resumes to the end
    restored = create_app(settings.__class__(**{**{f: getattr(settings, f) for f in settings.__struct_fields__},
                                               "data_dir": target}), clock=FixedClock(settings.tz, clock.now()))
    async with app_client(restored, raise_server_exceptions=False) as client:
        login = await client.post("/api/v1/auth/login", json={"username": "applicant",
                                                              "password": "correct horse battery"})
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        item = filled["items"][0]
        r = await client.get(f"/api/v1/evidence/{item['id']}/file/original", headers=headers)
        assert r.status_code == 200 and hashlib.sha256(r.content).hexdigest() == item["sha256"]
        location = f"/api/v1/uploads/{filled['upload_id']}"
        head = await client.head(location, headers=headers | TUS)
        assert head.status_code == 200 and head.headers["upload-offset"] == "1000"
        data = filled["half"]
        r = await client.patch(location, content=data[1000:], headers=headers | TUS | {
            "Content-Type": "application/offset+octet-stream", "Upload-Offset": "1000"})
        assert r.status_code == 204, r.text
        evidence = await client.get(f"/api/v1/evidence/{r.headers['takan-evidence-id']}", headers=headers)
        assert evidence.json()["sha256"] == hashlib.sha256(data).hexdigest()

    # the command line: refuses a non-empty target, --force moves it aside
    assert await asyncio.to_thread(main, ["restore", str(dest), str(target)]) == 1
    assert "not empty" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["restore", str(dest), str(target), "--force"]) == 0
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("restored.before-restore-")]
    assert len(aside) == 1 and (aside[0] / "takan.sqlite3").exists()
    assert rows(target / db, "SELECT count(*) FROM evidence") == [(2,)]


async def test_restore_refuses_a_damaged_backup(filled, tmp_path, capsys):
    dest = tmp_path / "backup"
    assert await asyncio.to_thread(main, ["--data-dir", str(filled["data_dir"]), "backup", str(dest), "--copy"]) == 0
    out = capsys.readouterr().out
    assert "backup complete" in out and "2 evidence items" in out
    manifest = json.loads((dest / "manifest.json").read_text())
    assert manifest["blobs"]["copied"] == 2 and manifest["blobs"]["linked"] == 0
    sha = filled["items"][0]["sha256"]
    path = blob_path(dest, sha)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[100] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="does not hash to its name"):
        await asyncio.to_thread(restore, dest, tmp_path / "t1", log=lambda *_: None)
    assert not (tmp_path / "t1").exists()
    (dest / "manifest.json").unlink()
    assert await asyncio.to_thread(main, ["restore", str(dest), str(tmp_path / "t2")]) == 1
    assert "manifest.json" in capsys.readouterr().out


async def test_backup_refuses_a_used_destination(filled, tmp_path):
    dest = tmp_path / "used"
    dest.mkdir()
    (dest / "something").write_text("x")
    with pytest.raises(BackupError, match="not empty"):
        await asyncio.to_thread(backup, filled["data_dir"], dest, log=lambda *_: None)


async def test_upload_whose_file_vanished_is_expired_in_the_copy(filled, tmp_path, clock):
    part = filled["data_dir"] / "uploads" / f"{filled['upload_id']}.part"
    os.truncate(part, 10)  # fewer bytes than the database promised: cannot be resumed from the copy
    dest = tmp_path / "backup"
    manifest = await asyncio.to_thread(backup, filled["data_dir"], dest, log=lambda *_: None)
    assert manifest["uploads_expired_in_copy"] == [filled["upload_id"]] and manifest["files"]["uploads"] == []
    assert rows(dest / "takan.sqlite3", "SELECT state FROM uploads") == [("expired",)]
    await asyncio.to_thread(restore, dest, tmp_path / "restored", log=lambda *_: None)
    assert (await fsck(tmp_path / "restored", now=clock.now())).clean


async def test_backup_copies_nothing_from_outside_the_data_dir(filled, tmp_path):
    """A derivative name in the database that climbs out of derivatives/, and a link planted
    among the keys: neither is followed into the backup; the backup says it is incomplete and
    names them (issue 12, item 2)."""
    data_dir = filled["data_dir"]
    secret = tmp_path / "secret.txt"  # next to the data dir, as /etc/shadow would be
    secret.write_text("not the server's")
    conn = sqlite3.connect(data_dir / "takan.sqlite3", isolation_level=None)
    conn.execute("UPDATE evidence SET derivatives = ? WHERE id = ?",
                 (json.dumps({"thumb_256": "../../secret.txt"}), filled["items"][0]["id"]))
    conn.close()
    (data_dir / "keys" / "planted.pem").symlink_to(secret)
    dest = tmp_path / "backup"
    with pytest.raises(BackupError, match="incomplete") as refused:
        await asyncio.to_thread(backup, data_dir, dest, log=lambda *_: None)
    manifest = json.loads((dest / "manifest.json").read_text())
    assert any("derivatives/../../secret.txt" in m and "'..'" in m for m in manifest["missing"]), manifest["missing"]
    assert any("keys/planted.pem" in m and "symbolic link" in m for m in manifest["missing"]), manifest["missing"]
    assert "derivatives/../../secret.txt" in str(refused.value) or "keys/planted.pem" in str(refused.value)
    copied = [p for p in dest.rglob("*") if p.is_file() and p.read_bytes() == b"not the server's"]
    assert copied == []
