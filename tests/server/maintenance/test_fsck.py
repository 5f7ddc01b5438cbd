"""takan fsck on a data directory with real evidence (one-shot and tus uploads through the API):
clean when whole; each kind of damage named on its own line with a non-zero exit; --repair
quarantines (never deletes), rebuilds derivatives and expires dead uploads; files younger than
the grace period (an ingest in progress) are noted, not reported."""

import asyncio
import json
import os
import sqlite3

import pytest

from server.cli import main
from server.maintenance import fsck as fsck_module
from tests.server.maintenance.conftest import TUS, blob


@pytest.fixture(autouse=True)
def _clock_now(monkeypatch, clock):
    """fsck judges upload expiry against the app's (fixed) clock, and so does `takan fsck` here."""
    real = fsck_module.Fsck.__init__

    def init(self, *args, **kwargs):
        kwargs["now"] = kwargs.get("now") or clock.now()
        real(self, *args, **kwargs)

    monkeypatch.setattr(fsck_module.Fsck, "__init__", init)


fsck = fsck_module.fsck


def sql(data_dir, statement, params=()):
    conn = sqlite3.connect(data_dir / "takan.sqlite3", isolation_level=None)
    try:
        return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


async def test_clean_data_dir(filled, capsys):
    report = await fsck(filled["data_dir"])
    assert report.clean, report.render()
    text = report.render()
    assert "result: CLEAN" in text and "integrity_check" in text and "audit chain" in text
    checked = dict(report.checked)
    assert checked["sqlite integrity_check"] == "ok" and checked["sqlite foreign_key_check"] == "ok"
    assert checked["blobs named by the database"].startswith("2 ") and "2 intact" in checked[
        "blobs named by the database"]
    assert "1 receiving" in checked["uploads"]
    # the command: exit 0, the same summary
    assert await asyncio.to_thread(main, ["--data-dir", str(filled["data_dir"]), "fsck"]) == 0
    assert "result: CLEAN" in capsys.readouterr().out


async def test_corrupt_and_missing_blobs_are_named(filled, capsys):
    data_dir = filled["data_dir"]
    first, second = (item["sha256"] for item in filled["items"])
    path = blob(data_dir, first)
    path.chmod(0o644)
    with open(path, "r+b") as f:  # one flipped byte in the middle
        f.seek(5000)
        byte = f.read(1)
        f.seek(5000)
        f.write(bytes([byte[0] ^ 0xFF]))
    blob(data_dir, second).rename(data_dir / "elsewhere")
    report = await fsck(data_dir)
    kinds = {p.kind: p for p in report.problems}
    assert set(kinds) == {"corrupt_blob", "missing_blob"}, report.render()
    assert first[:2] in kinds["corrupt_blob"].subject and "backup" in kinds["corrupt_blob"].message
    assert f"evidence {filled['items'][1]['id']}" in kinds["missing_blob"].message
    assert await asyncio.to_thread(main, ["--data-dir", str(data_dir), "fsck", "--repair"]) == 1  # no fix here
    out = capsys.readouterr().out
    assert "corrupt_blob" in out and "missing_blob" in out and "2 PROBLEM(S)" in out
    assert path.exists()  # never moved away: the row still names it


async def test_orphans_and_leftovers_are_quarantined_never_deleted(filled):
    data_dir = filled["data_dir"]
    orphan_sha = "ab" * 32
    orphan = blob(data_dir, orphan_sha)
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"nobody names me")
    stray = data_dir / "blobs" / "ab" / ".tmp-left-by-a-crash"
    stray.write_bytes(b"x")
    lost_part = data_dir / "uploads" / ("f" * 32 + ".part")
    lost_part.write_bytes(b"bytes of an upload nobody knows")
    staged = data_dir / "tmp" / "derivatives-0123"
    staged.mkdir(parents=True)
    (staged / "thumb_256.jpg").write_bytes(b"half made")

    young = await fsck(data_dir)  # all of it just written: could be an ingest in progress
    assert young.clean, young.render()
    assert any("ingest in progress" in note for note in young.notes)

    report = await fsck(data_dir, grace_seconds=0)
    kinds = sorted(p.kind for p in report.problems)
    assert kinds == ["orphan_blob", "orphan_upload_file", "staging_leftover", "stray_file"], report.render()
    assert not report.clean

    repaired = await fsck(data_dir, repair=True, grace_seconds=0)
    assert repaired.clean and len(repaired.problems) == 4, repaired.render()
    assert all(p.repaired.startswith("moved to quarantine/") for p in repaired.problems)
    assert not orphan.exists() and not stray.exists() and not lost_part.exists() and not staged.exists()
    (run,) = (data_dir / "quarantine").iterdir()
    assert (run / "blobs" / "ab" / "ab" / orphan_sha).read_bytes() == b"nobody names me"
    assert (run / "uploads" / lost_part.name).exists() and (run / "tmp" / "derivatives-0123" / "thumb_256.jpg").exists()
    moved = (run / "MOVED.txt").read_text()
    assert "orphan_blob" in moved and "orphan_upload_file" in moved

    again = await fsck(data_dir, grace_seconds=0)
    assert again.clean and not again.problems, again.render()
    assert any("quarantine" in note for note in again.notes)
    # the evidence and the upload in progress were not touched
    assert all(blob(data_dir, item["sha256"]).exists() for item in filled["items"])
    assert (data_dir / "uploads" / f"{filled['upload_id']}.part").stat().st_size == 1000


async def test_missing_derivatives_are_rebuilt(filled, client, users):
    data_dir = filled["data_dir"]
    item = filled["items"][0]
    variants = json.loads(sql(data_dir, "SELECT derivatives FROM evidence WHERE id = ?", (item["id"],))[0][0])
    thumb = data_dir / "derivatives" / variants["thumb_256"]
    original = thumb.read_bytes()
    thumb.unlink()
    report = await fsck(data_dir)
    assert [p.kind for p in report.problems] == ["missing_derivative"], report.render()
    assert "thumb_256" in report.problems[0].message

    repaired = await fsck(data_dir, repair=True)
    assert repaired.clean, repaired.render()
    assert repaired.problems[0].repaired == "rebuilt from the blob"
    assert thumb.read_bytes() == original  # the same pipeline, the same bytes
    r = await client.get(f"/api/v1/evidence/{item['id']}/file/thumb_256", headers=users.headers("officer"))
    assert r.status_code == 200 and r.content == original
    assert (await fsck(data_dir)).clean


async def test_dead_uploads_are_expired(filled, client, users):
    data_dir = filled["data_dir"]
    upload_id = filled["upload_id"]
    part = data_dir / "uploads" / f"{upload_id}.part"
    os.truncate(part, 10)  # the database promised 1000 bytes
    report = await fsck(data_dir)
    assert [p.kind for p in report.problems] == ["upload_bytes_lost"], report.render()
    repaired = await fsck(data_dir, repair=True)
    assert repaired.clean, repaired.render()
    assert sql(data_dir, "SELECT state FROM uploads WHERE id = ?", (upload_id,)) == [("expired",)]
    assert not part.exists()
    head = await client.head(f"/api/v1/uploads/{upload_id}", headers=users.headers("applicant") | TUS)
    assert head.status_code == 410  # the phone starts this one again instead of resuming onto a hole


async def test_expired_upload_not_swept(filled):
    data_dir = filled["data_dir"]
    sql(data_dir, "UPDATE uploads SET expires_at = '2000-01-01T00:00:00.000000+00:00' WHERE id = ?",
        (filled["upload_id"],))
    report = await fsck(data_dir)
    assert [p.kind for p in report.problems] == ["expired_upload"], report.render()
    assert (await fsck(data_dir, repair=True)).clean


async def test_database_damage(filled):
    data_dir = filled["data_dir"]
    conn = sqlite3.connect(data_dir / "takan.sqlite3", isolation_level=None)
    conn.execute("DROP TRIGGER audit_events_no_update")
    conn.execute("UPDATE audit_events SET details = '{}' WHERE seq = 2")
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE evidence SET uploaded_by = 999999 WHERE id = ?", (filled["items"][0]["id"],))
    conn.close()
    report = await fsck(data_dir)
    kinds = {p.kind: p for p in report.problems}
    assert set(kinds) == {"audit_chain", "foreign_key"}, report.render()
    assert kinds["audit_chain"].subject == "audit event 2"
    assert "evidence" in kinds["foreign_key"].subject and "users" in kinds["foreign_key"].message


async def test_not_a_data_dir(tmp_path, capsys):
    assert await asyncio.to_thread(main, ["--data-dir", str(tmp_path / "nothing"), "fsck"]) == 2
    assert "no database" in capsys.readouterr().out


# ----- names from the database are not paths to anywhere (issue 12, item 2) -----


async def test_repair_brings_no_file_in_from_outside(filled, capsys):
    """An upload row whose id climbs out of uploads/: the old repair "expired" it by moving the
    file it named, outside the data directory, into quarantine."""
    data_dir = filled["data_dir"]
    outside = data_dir.parent / "outside.part"  # what uploads/../../outside.part names
    outside.write_text("not the server's")
    # (synced: the app still open beside this test has nothing to fsync at its shutdown)
    sql(data_dir, "UPDATE uploads SET id = '../../outside', expires_at = '2000-01-01T00:00:00.000000+00:00', "
                  "synced = received WHERE id = ?", (filled["upload_id"],))
    code = await asyncio.to_thread(main, ["--data-dir", str(data_dir), "fsck", "--repair", "--grace", "0"])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "bad_upload_id" in out and "'../../outside'" in out
    assert outside.read_text() == "not the server's"
    assert not any(p.name == "outside.part" for p in (data_dir / "quarantine").rglob("*"))


async def test_repair_never_moves_files_through_a_linked_derivative_folder(filled, tmp_path, capsys):
    """A derivative folder replaced by a link to a folder elsewhere: the old repair, rebuilding,
    moved the files it found there (someone else's) into quarantine, then crashed."""
    data_dir = filled["data_dir"]
    sha = filled["items"][0]["sha256"]
    folder = data_dir / "derivatives" / sha[:2] / sha[2:4] / sha
    elsewhere = tmp_path / "elsewhere"
    os.rename(folder, elsewhere)
    folder.symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir())
    gone = f"{sha[:2]}/{sha[2:4]}/{sha}-gone.jpg"  # a missing derivative, so the repair rebuilds
    sql(data_dir, "UPDATE evidence SET derivatives = ? WHERE sha256 = ?", (json.dumps({"thumb_256": gone}), sha))
    code = await asyncio.to_thread(main, ["--data-dir", str(data_dir), "fsck", "--repair", "--grace", "0"])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "not rebuilt" in out and "symbolic link" in out
    assert sorted(p.name for p in elsewhere.iterdir()) == before and folder.is_symlink()


async def test_a_blob_row_that_is_not_a_digest_is_named(filled, capsys):
    data_dir = filled["data_dir"]
    conn = sqlite3.connect(data_dir / "takan.sqlite3", isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("INSERT INTO blobs (sha256, size, mime, created_at) VALUES ('../../../../etc/passwd', 1, "
                 "'image/jpeg', '2026-11-01T00:00:00.000000+00:00')")
    conn.close()
    code = await asyncio.to_thread(main, ["--data-dir", str(data_dir), "fsck", "--grace", "0"])
    out = capsys.readouterr().out
    assert code == 1 and "bad_blob_name" in out and "'../../../../etc/passwd'" in out, out
