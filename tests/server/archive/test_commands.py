"""The command line on a real archive of a real case: `takan verify` passes an untouched archive
and fails naming the file or event after one byte of evidence changes, a file goes, a file
comes, or one audit event is edited; `takan export` writes the same kind of archive; the report
PDF renders and carries the reference and the officers' names."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import pytest

from server.bagit import verify_archive
from tests.conftest import ROOT
from tests.server.bagit.util import extract, rewrite_zip


def takan(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "server.cli", *(["--data-dir", str(data_dir)] if data_dir else []), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
async def exported(client, survey, story, tmp_path) -> dict:
    response = await client.get(f"/api/v1/cases/{story['case']['id']}/archive", headers=survey.h("auditor"))
    assert response.status_code == 200
    path = tmp_path / "case.zip"
    path.write_bytes(response.content)
    key = tmp_path / "archive-key.json"
    key.write_text((await client.get("/api/v1/archive-key")).text)
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    return {"path": path, "key": key, "names": names, "reference": story["case"]["reference"]}


def entry(names: list[str], suffix: str) -> str:
    return next(n for n in names if n.endswith(suffix))


def test_verify_passes_an_untouched_archive(exported):
    result = takan("verify", str(exported["path"]), "--key", str(exported["key"]), "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout.lower()


def test_verify_names_a_changed_byte_of_evidence(exported, tmp_path):
    evidence = next(n for n in exported["names"] if "/data/evidence/01_" in n)

    def flip(name: str, data: bytes) -> bytes:
        if name != evidence:
            return data
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]

    tampered = rewrite_zip(exported["path"], tmp_path / "flipped.zip", flip)
    result = takan("verify", str(tampered), "--key", str(exported["key"]), "--lang", "en")
    assert result.returncode == 1
    assert evidence.split("/", 1)[1] in result.stdout  # data/evidence/01_storefront_xxxxxxxx.jpg
    report = verify_archive(tampered, json.loads(exported["key"].read_text())["public_key_base64"])
    assert report.altered == [evidence.split("/", 1)[1]] and not report.missing and not report.extra


def test_verify_names_a_deleted_file(exported, tmp_path):
    gone = entry(exported["names"], "/data/comments.json")
    tampered = rewrite_zip(exported["path"], tmp_path / "deleted.zip", lambda n, d: None if n == gone else d)
    result = takan("verify", str(tampered), "--key", str(exported["key"]), "--json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["kind"], p["path"]) for p in problems if p["kind"] in ("missing", "extra", "altered")] == [
        ("missing", "data/comments.json")]


def test_verify_names_an_added_file(exported, tmp_path):
    added = f"{exported['reference']}/data/evidence/99_storefront_00000000.jpg"
    tampered = rewrite_zip(exported["path"], tmp_path / "added.zip", add={added: b"\xff\xd8\xff not a real photo"})
    result = takan("verify", str(tampered), "--key", str(exported["key"]), "--lang", "en")
    assert result.returncode == 1
    assert "data/evidence/99_storefront_00000000.jpg" in result.stdout


def test_verify_names_an_edited_audit_event(exported, tmp_path):
    audit = entry(exported["names"], "/data/audit.jsonl")
    seq = {}

    def edit(name: str, data: bytes) -> bytes:
        if name != audit:
            return data
        lines = data.decode().splitlines()
        event = json.loads(lines[2])
        seq["edited"] = event["seq"]
        # Back-date the event by ten hours: one digit, the same length (Payload-Oxum still holds).
        at = event["at"]
        event["at"] = at[:11] + str((int(at[11]) + 1) % 3) + at[12:]
        lines[2] = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
        assert len(lines[2]) == len(data.decode().splitlines()[2])
        return ("\n".join(lines) + "\n").encode()

    tampered = rewrite_zip(exported["path"], tmp_path / "audit.zip", edit)
    result = takan("verify", str(tampered), "--key", str(exported["key"]), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [p["seq"] for p in report["problems"] if p["kind"] == "audit"] == [seq["edited"]]
    # The file changed too, so the manifest names it as well; nothing else.
    assert {(p["kind"], p["path"]) for p in report["problems"]} == {("audit", "data/audit.jsonl"),
                                                                    ("altered", "data/audit.jsonl")}
    english = takan("verify", str(tampered), "--key", str(exported["key"]), "--lang", "en")
    assert f"seq {seq['edited']}" in english.stdout


def test_verify_with_another_key_fails(exported, tmp_path):
    from server.bagit.signing import generate_key

    other = tmp_path / "other.pub"
    other.write_text(generate_key().public_key_pem())
    result = takan("verify", str(exported["path"]), "--key", str(other), "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["signature"]["status"] == "invalid"


async def test_takan_export_writes_the_same_archive(client, survey, story, settings, tmp_path):
    reference = story["case"]["reference"]
    out = tmp_path / "cli.zip"
    result = takan("export", reference, "-o", str(out), data_dir=settings.data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert reference in result.stdout
    key = (await client.get("/api/v1/archive-key")).json()
    report = verify_archive(out, key["public_key_base64"])
    assert report.ok, report.problems
    bagit.Bag(str(extract(out, tmp_path / "cli"))).validate()
    by_number = takan("export", str(story["case"]["id"]), "-o", str(tmp_path), data_dir=settings.data_dir)
    assert by_number.returncode == 0, by_number.stderr
    assert (tmp_path / f"{reference}.zip").is_file()
    exported = [e for e in await survey.audit_events(story["case"]["id"]) if e["action"] == "archive.exported"]
    assert [e["details"]["via"] for e in exported] == ["cli", "cli"]
    assert all(e["actor_id"] is None for e in exported)
    unknown = takan("export", "TK-1999-000001", "-o", str(out), data_dir=settings.data_dir)
    assert unknown.returncode == 1 and "TK-1999-000001" in unknown.stderr


def test_the_report_renders_with_the_reference_and_the_officers(exported, tmp_path):
    root = extract(exported["path"], tmp_path / "x")
    pdf = root / "data" / "report.pdf"
    pages = subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], capture_output=True,
                           timeout=120)
    assert pages.returncode == 0, pages.stderr
    images = sorted(tmp_path.glob("page*.png"))
    assert images and all(p.stat().st_size > 2000 for p in images)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=120)
    assert text.returncode == 0, text.stderr
    body = text.stdout
    assert exported["reference"] in body
    for name in ("张伟", "李娜", "恒达置业 陈工", "康宁诊所 城东分所", "准予", "招牌不全"):
        assert name in body, name
