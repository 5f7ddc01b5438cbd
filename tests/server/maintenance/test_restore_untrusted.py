"""takan restore trusts nothing in the backup it is given (issue 12, item 2): a manifest entry that
climbs out with '..', an absolute path, a symbolic link or a fifo placed in the backup, a
manifest of the wrong shape: each is refused with exit 1 and a message naming the entry, before
anything is written, so the target is left as it was and nothing outside it is touched. A restore
that fails while writing (a full disk) takes back what it wrote and puts a target moved aside
with --force back in its place.

The backups are real (takan backup of a data dir with evidence and an upload in progress), then
edited the way an attacker would."""

import asyncio
import json
import os
import subprocess
import sys

import pytest

from server.cli import main
from server.maintenance.backup import backup
from tests.conftest import ROOT
from tests.server.maintenance.conftest import blob
from tests.support.tmpfs import fill, free_bytes, tmpfs


@pytest.fixture
async def made(filled, tmp_path) -> dict:
    """A genuine backup (copied, not linked, so it can be edited) and its manifest."""
    folder = tmp_path / "backup"
    await asyncio.to_thread(backup, filled["data_dir"], folder, link=False, log=lambda *_: None)
    return {"folder": folder, "manifest": json.loads((folder / "manifest.json").read_text()), **filled}


def rewrite_manifest(made: dict, change) -> None:
    manifest = json.loads(json.dumps(made["manifest"]))
    change(manifest)
    (made["folder"] / "manifest.json").write_text(json.dumps(manifest))


def listing(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


async def restore_cli(*args: str) -> int:
    return await asyncio.to_thread(main, ["restore", *map(str, args)])


async def test_a_traversal_in_the_manifest_writes_nothing_anywhere(made, tmp_path, capsys):
    # The payload sits inside the backup; the entry's '..' climbs from the backup's derivatives/
    # back to it, and from the (deeper) target's derivatives/ to a place outside the target.
    payload = made["folder"] / "payload.sh"
    payload.write_bytes(b"#!/bin/sh\necho owned\n")
    entry = "../../backup/payload.sh"
    rewrite_manifest(made, lambda m: m["files"]["derivatives"].append([entry, payload.stat().st_size]))
    target = tmp_path / "deep" / "target"
    outside = tmp_path / "deep" / "backup" / "payload.sh"  # where the old restore wrote it

    assert await restore_cli(made["folder"], target) == 1
    out = capsys.readouterr().out
    assert entry in out and "'..'" in out and "nothing was written" in out
    assert not outside.exists() and not target.exists()
    assert listing(tmp_path / "deep") == []


async def test_an_absolute_path_in_the_manifest_replaces_nothing(made, tmp_path, capsys):
    victim = tmp_path / "elsewhere" / "precious.conf"
    victim.parent.mkdir()
    victim.write_text("keep me\n")
    before = victim.stat()
    for section, entry in (("derivatives", [str(victim), before.st_size]),
                           ("exports", [str(victim), before.st_size])):
        rewrite_manifest(made, lambda m, section=section, entry=entry: m["files"][section].append(entry))
        target = tmp_path / f"target-{section}"
        assert await restore_cli(made["folder"], target) == 1
        out = capsys.readouterr().out
        assert str(victim) in out and "absolute path" in out
        after = victim.stat()
        assert (after.st_ino, after.st_mtime_ns, victim.read_text()) == (before.st_ino, before.st_mtime_ns, "keep me\n")
        assert not target.exists()


async def test_a_symbolic_link_in_the_backup_is_refused(made, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("the bureau's private notes\n")
    relative, _size = made["manifest"]["files"]["derivatives"][0]
    planted = made["folder"] / "derivatives" / relative
    planted.unlink()
    planted.symlink_to(secret)
    rewrite_manifest(made, lambda m: m["files"]["derivatives"].__setitem__(0, [relative, secret.stat().st_size]))
    target = tmp_path / "target"
    assert await restore_cli(made["folder"], target) == 1
    out = capsys.readouterr().out
    assert f"derivatives/{relative}: a symbolic link (to {secret})" in out
    assert not target.exists()

    # A link to a folder outside, in place of one of the backup's own folders, the same; and
    # restoring with --link changes nothing.
    planted.unlink()
    planted.write_bytes(b"x")
    outside = tmp_path / "outside-dir"
    outside.mkdir()
    blobs_ab = made["folder"] / "blobs" / made["items"][0]["sha256"][:2]
    os.rename(blobs_ab, outside / "moved")
    blobs_ab.symlink_to(outside / "moved")
    before = listing(outside)
    assert await restore_cli(made["folder"], target, "--link") == 1
    out = capsys.readouterr().out
    assert f"blobs/{blobs_ab.name}: a symbolic link" in out
    assert not target.exists() and listing(outside) == before


def restore_process(folder, target) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "server.cli", "restore", str(folder), str(target)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})


async def test_fifos_anywhere_in_the_backup_are_refused(made, tmp_path):
    """A fifo the manifest does not name is refused as much as one in place of a derivative
    (a backup holds only plain files and folders)."""
    os.mkfifo(made["folder"] / "blobs" / "not-named")
    target = tmp_path / "target"
    done = await asyncio.to_thread(restore_process, made["folder"], target)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "blobs/not-named: a fifo" in done.stdout and "Traceback" not in done.stderr
    assert not target.exists()

    relative, _size = made["manifest"]["files"]["derivatives"][0]
    fifo = made["folder"] / "derivatives" / relative
    fifo.unlink()
    os.mkfifo(fifo)
    rewrite_manifest(made, lambda m: m["files"]["derivatives"].__setitem__(0, [relative, 0]))
    done = await asyncio.to_thread(restore_process, made["folder"], target)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"derivatives/{relative}: a fifo" in done.stdout and not target.exists()


async def test_a_fifo_for_a_manifest_is_refused_without_blocking(made, tmp_path):
    """The old restore opened it and waited forever for a writer."""
    (made["folder"] / "manifest.json").unlink()
    os.mkfifo(made["folder"] / "manifest.json")
    target = tmp_path / "target"
    done = await asyncio.to_thread(restore_process, made["folder"], target)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "manifest.json (a fifo)" in done.stdout and "Traceback" not in done.stderr
    assert not target.exists()


async def test_a_refused_backup_leaves_a_forced_target_in_place(made, tmp_path, capsys):
    target = tmp_path / "live"
    target.mkdir()
    (target / "takan.sqlite3").write_bytes(b"the data in use")
    relative, _size = made["manifest"]["files"]["derivatives"][0]
    planted = made["folder"] / "derivatives" / relative
    planted.rename(planted.with_name("real.jpg"))
    planted.symlink_to("real.jpg")  # even a link that stays inside the backup
    assert await restore_cli(made["folder"], target, "--force") == 1
    assert f"derivatives/{relative}: a symbolic link (to real.jpg)" in capsys.readouterr().out
    assert listing(target) == ["takan.sqlite3"] and (target / "takan.sqlite3").read_bytes() == b"the data in use"
    assert [p.name for p in tmp_path.iterdir() if ".before-restore-" in p.name] == []  # not even moved aside


@pytest.mark.parametrize(("change", "said"), [
    (lambda m: m["files"]["blobs"].append([123, "big"]), "files.blobs"),
    (lambda m: m["files"].pop("uploads"), "uploads"),
    (lambda m: m["files"]["uploads"].append(["a/b", 1, "0" * 64]), "must be a file name"),
    (lambda m: m["database"].__setitem__("file", "../takan.sqlite3"), "database.file"),
    (lambda m: m["files"]["derivatives"].append(m["files"]["derivatives"][0]), "is named 2 times"),
    (lambda m: m["files"]["derivatives"].append(["", 0]), "an empty path"),
    (lambda m: m["files"]["derivatives"].append(["ab/./x", 0]), "not a normalised path"),
])
async def test_a_malformed_manifest_is_named_not_a_traceback(made, tmp_path, capsys, change, said):
    rewrite_manifest(made, change)
    target = tmp_path / "target"
    assert await restore_cli(made["folder"], target) == 1
    assert said in capsys.readouterr().out
    assert not target.exists()


@pytest.fixture
def tiny_fs(tmp_path):
    with tmpfs(tmp_path / "tiny", "24m") as mount:
        yield mount


async def test_a_restore_that_runs_out_of_disk_takes_back_what_it_wrote(made, tiny_fs, capsys):
    target = tiny_fs / "data"
    target.mkdir()
    (target / "old.txt").write_text("what was there")
    filler = tiny_fs / "filler.bin"
    fill(filler, free_bytes(tiny_fs), leave=64 * 1024)
    assert await restore_cli(made["folder"], target, "--force") == 1
    out = capsys.readouterr().out
    assert "No space left on device" in out and "taken back" in out and "back in its place" in out
    assert listing(target) == ["old.txt"]
    assert sorted(p.name for p in tiny_fs.iterdir()) == ["data", "filler.bin"]  # the partial copy is gone
    filler.unlink()
    assert await restore_cli(made["folder"], target, "--force") == 0  # with room, the same backup restores
    assert blob(target, made["items"][0]["sha256"]).is_file()
