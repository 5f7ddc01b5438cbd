"""`takan verify`: an untouched archive holds; each kind of tampering fails and is named."""

import hashlib
import json
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from server.bagit.bag import AUDIT_JSONL, BAG_INFO_TXT, MANIFEST_TXT, SIGNATURE_FILE, TAGMANIFEST_TXT
from server.bagit.signing import generate_key
from server.bagit.verify import format_report, verify_archive, verify_main
from shared.audit_chain import event_hash
from tests.server.bagit.util import (
    EVIDENCE_A,
    EVIDENCE_B,
    REFERENCE,
    audit_events,
    read_entry,
    rewrite_zip,
    sample_bag,
)

ROOT = REFERENCE + "/"


@pytest.fixture
def archive(tmp_path, archive_key) -> Path:
    return sample_bag(tmp_path, archive_key)


@pytest.fixture
def public_pem(tmp_path, archive_key) -> Path:
    path = tmp_path / "archive-key.pem"
    path.write_text(archive_key.public_key_pem())
    return path


def flip_byte(data: bytes, index: int = 200) -> bytes:
    changed = bytearray(data)
    changed[index] ^= 0x01
    return bytes(changed)


def test_untouched_archive_holds_with_the_external_key(archive, archive_key):
    report = verify_archive(archive, archive_key.public_key)
    assert report.ok, report.problems
    assert report.bag_name == REFERENCE and report.external_identifier == REFERENCE
    assert report.payload_files == report.payload_verified == 6
    assert report.tag_files_verified == 3
    assert report.declared_oxum == report.actual_oxum
    assert report.signature.status == "valid" and report.signature.key_source == "external"
    assert report.audit.present and report.audit.events == 5 and report.audit.broken == 0


def test_without_a_key_the_archive_key_is_used_and_said_so(archive, archive_key):
    report = verify_archive(archive)
    assert report.intact and not report.ok and not report.signer_trusted  # intact, signer not established
    assert report.exit_status == 3
    assert report.signature.key_source == "archive"
    assert report.signature.key_fingerprint == archive_key.fingerprint()
    assert "归档包自带的公钥" in format_report(report, "zh") and "签发者未能确认" in format_report(report, "zh")
    assert "not who signed it" in format_report(report, "en")
    assert "NOT established" in format_report(report, "en")


def test_one_changed_byte_in_an_evidence_file_is_named(tmp_path, archive, archive_key):
    tampered = rewrite_zip(archive, tmp_path / "t.zip",
                           lambda name, data: flip_byte(data) if name == ROOT + EVIDENCE_A else data)
    report = verify_archive(tampered, archive_key.public_key)
    assert not report.ok
    assert report.altered == [EVIDENCE_A]
    assert report.missing == [] and report.extra == []
    assert report.signature.status == "valid"  # the manifests are untouched: only the file is wrong
    assert EVIDENCE_A in format_report(report)


def test_a_byte_changed_inside_the_zip_itself_is_named(tmp_path, archive, archive_key):
    """Patching the zip in place (no re-zipping) breaks the entry's CRC; still named."""
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo(ROOT + EVIDENCE_B)
    raw = bytearray(archive.read_bytes())
    name_len, extra_len = struct.unpack_from("<HH", raw, info.header_offset + 26)
    data_start = info.header_offset + 30 + name_len + extra_len
    raw[data_start + 1000] ^= 0xFF
    patched = tmp_path / "patched.zip"
    patched.write_bytes(bytes(raw))
    report = verify_archive(patched, archive_key.public_key)
    assert report.altered == [EVIDENCE_B]
    assert not report.ok


def test_a_deleted_file_is_named(tmp_path, archive, archive_key):
    tampered = rewrite_zip(archive, tmp_path / "t.zip", lambda name, data: None if name == ROOT + EVIDENCE_B else data)
    report = verify_archive(tampered, archive_key.public_key)
    assert report.missing == [EVIDENCE_B]
    assert report.altered == [] and report.extra == []
    assert any(p.kind == "oxum" for p in report.problems)
    assert f"缺少文件：{EVIDENCE_B}" in format_report(report)


def test_an_added_file_is_named(tmp_path, archive, archive_key):
    tampered = rewrite_zip(archive, tmp_path / "t.zip", add={ROOT + "data/evidence/99_extra_00000000.jpg": b"new"})
    report = verify_archive(tampered, archive_key.public_key)
    assert report.extra == ["data/evidence/99_extra_00000000.jpg"]
    assert report.missing == [] and report.altered == []
    assert any(p.kind == "oxum" for p in report.problems)


def test_added_tag_file_and_file_outside_the_bag_are_named(tmp_path, archive, archive_key):
    tampered = rewrite_zip(archive, tmp_path / "t.zip", add={ROOT + "notes.txt": b"hi", "README.txt": b"hi"})
    report = verify_archive(tampered, archive_key.public_key)
    assert sorted(report.extra) == ["README.txt", "notes.txt"]
    assert any(p.kind == "structure" for p in report.problems)  # two top-level entries


def test_an_edited_audit_event_is_named_by_seq(tmp_path, archive, archive_key):
    def edit(name: str, data: bytes) -> bytes:
        if name != ROOT + AUDIT_JSONL:
            return data
        lines = data.decode().splitlines()
        event = json.loads(lines[2])
        event["at"] = "2026-11-01T02:00:00+00:00"  # back-dated by a few days
        lines[2] = json.dumps(event, ensure_ascii=False)
        return ("\n".join(lines) + "\n").encode()

    tampered = rewrite_zip(archive, tmp_path / "t.zip", edit)
    report = verify_archive(tampered, archive_key.public_key)
    edited_seq = json.loads(read_entry(archive, ROOT + AUDIT_JSONL).decode().splitlines()[2])["seq"]
    assert report.broken_audit_seqs == [edited_seq]
    assert report.audit.events == 5 and report.audit.broken == 1
    assert report.altered == [AUDIT_JSONL]
    assert f"seq {edited_seq}" in format_report(report, "en")


def test_an_attacker_who_fixes_the_manifests_is_caught_by_the_signature(tmp_path, archive, archive_key):
    """Change a file, recompute manifest, Payload-Oxum stays, recompute the tag manifest: only
    the signature (which the attacker cannot remake) gives it away, and it is named."""
    entries: dict[str, bytes] = {}
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            entries[name] = zf.read(name)
    entries[ROOT + EVIDENCE_A] = flip_byte(entries[ROOT + EVIDENCE_A])
    manifest = entries[ROOT + MANIFEST_TXT].decode().splitlines()
    manifest = [f"{hashlib.sha256(entries[ROOT + EVIDENCE_A]).hexdigest()}  {EVIDENCE_A}" if line.endswith(EVIDENCE_A)
                else line for line in manifest]
    entries[ROOT + MANIFEST_TXT] = ("\n".join(manifest) + "\n").encode()
    entries[ROOT + TAGMANIFEST_TXT] = "".join(
        f"{hashlib.sha256(entries[ROOT + n]).hexdigest()}  {n}\n" for n in ("bagit.txt", BAG_INFO_TXT, MANIFEST_TXT)
    ).encode()
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    report = verify_archive(forged, archive_key.public_key)
    assert [p.kind for p in report.problems] == ["signature"]
    assert report.problems[0].path == SIGNATURE_FILE
    assert report.signature.status == "invalid"

    # Re-signed with the attacker's own key and their key written into bag-info.txt: it holds
    # only against the key inside the archive, never against the bureau's.
    attacker = generate_key()
    info = entries[ROOT + BAG_INFO_TXT].decode().replace(archive_key.public_key_base64(),
                                                         attacker.public_key_base64())
    entries[ROOT + BAG_INFO_TXT] = info.encode()
    entries[ROOT + TAGMANIFEST_TXT] = "".join(
        f"{hashlib.sha256(entries[ROOT + n]).hexdigest()}  {n}\n" for n in ("bagit.txt", BAG_INFO_TXT, MANIFEST_TXT)
    ).encode()
    entries[ROOT + SIGNATURE_FILE] = attacker.sign(entries[ROOT + TAGMANIFEST_TXT])
    with zipfile.ZipFile(forged, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    alone = verify_archive(forged)
    assert alone.intact and not alone.ok and alone.exit_status == 3 and alone.signature.key_source == "archive"
    assert alone.signature.key_fingerprint == attacker.fingerprint() != archive_key.fingerprint()
    checked = verify_archive(forged, archive_key.public_key)
    assert not checked.ok and checked.signature.status == "invalid"


def test_a_wrong_key_fails_the_signature(archive, archive_key):
    other = generate_key()
    report = verify_archive(archive, other.public_key)
    assert not report.ok
    assert [p.path for p in report.problems] == [SIGNATURE_FILE]
    assert report.signature.status == "invalid" and report.signature.key_source == "external"
    text = format_report(report)
    assert other.fingerprint() in text and archive_key.fingerprint() in text  # which key, and which it names


def test_removed_signature_and_tag_files_are_named(tmp_path, archive, archive_key):
    no_sig = rewrite_zip(archive, tmp_path / "a.zip", lambda n, d: None if n.endswith(SIGNATURE_FILE) else d)
    report = verify_archive(no_sig, archive_key.public_key)
    assert report.signature.status == "missing" and [p.path for p in report.problems] == [SIGNATURE_FILE]
    no_manifest = rewrite_zip(archive, tmp_path / "b.zip", lambda n, d: None if n.endswith("/" + MANIFEST_TXT) else d)
    report = verify_archive(no_manifest, archive_key.public_key)
    assert MANIFEST_TXT in report.missing
    assert len(report.extra) == 6  # every payload file is now unlisted


def test_duplicate_entries_are_a_structure_problem(tmp_path, archive, archive_key):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name; that is the point
        tampered = rewrite_zip(archive, tmp_path / "t.zip", add={ROOT + EVIDENCE_A: b"other content"})
    report = verify_archive(tampered, archive_key.public_key)
    assert any(p.kind == "structure" and p.path == ROOT + EVIDENCE_A for p in report.problems)


def test_not_a_zip_or_not_a_bag(tmp_path, capsys):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"this is not a zip")
    report = verify_archive(junk)
    assert not report.ok and report.problems[0].kind == "structure"
    assert "[通过]" not in format_report(report)  # nothing is claimed to hold
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("photo.jpg", b"x")
    assert verify_main([str(plain)]) == 1
    assert "bagit.txt" in capsys.readouterr().out


def test_neighbouring_audit_events_must_link(tmp_path, archive_key):
    """Events with consecutive seq were neighbours in the global chain: a rewritten prev_hash is
    caught even when the event's own hash was recomputed to match."""
    events = audit_events(3)
    events[1]["seq"] = events[0]["seq"] + 1
    events[1]["prev_hash"] = events[0]["hash"]
    events[1]["hash"] = event_hash(events[1]["prev_hash"], events[1])
    good = sample_bag(tmp_path, archive_key, name="good.zip", events=[dict(e) for e in events])
    assert verify_archive(good, archive_key.public_key).ok

    events[1]["prev_hash"] = "f" * 64
    events[1]["hash"] = event_hash(events[1]["prev_hash"], events[1])  # self-consistent, but unlinked
    bad = sample_bag(tmp_path, archive_key, name="bad.zip", events=events)
    report = verify_archive(bad, archive_key.public_key)
    assert report.broken_audit_seqs == [events[1]["seq"]]
    assert "does not link" in report.problems[0].message_en


def test_verify_main_exit_codes_and_output(tmp_path, archive, public_pem, archive_key, capsys):
    assert verify_main([str(archive), "--key", str(public_pem)]) == 0
    out = capsys.readouterr().out
    assert "验证通过" in out and archive_key.fingerprint() in out

    # The base64 key as printed by GET /api/v1/archive-key, and that endpoint's JSON saved to a file.
    assert verify_main([str(archive), "--key", archive_key.public_key_base64(), "--lang", "en"]) == 0
    assert "RESULT: the archive verifies" in capsys.readouterr().out
    body = tmp_path / "archive-key.json"
    body.write_text(json.dumps(archive_key.public_info()))
    assert verify_main([str(archive), "--key", str(body)]) == 0
    capsys.readouterr()

    tampered = rewrite_zip(archive, tmp_path / "t.zip",
                           lambda name, data: flip_byte(data) if name == ROOT + EVIDENCE_A else data)
    assert verify_main([str(tampered), "--key", str(public_pem)]) == 1
    out = capsys.readouterr().out
    assert EVIDENCE_A in out and "验证未通过" in out

    other = tmp_path / "other.pem"
    other.write_text(generate_key().public_key_pem())
    assert verify_main([str(archive), "--key", str(other)]) == 1
    capsys.readouterr()

    assert verify_main([str(archive), "--json"]) == 3  # intact, but no trusted key: the signer is not established
    body = json.loads(capsys.readouterr().out)
    assert body["ok"] is False and body["intact"] is True and body["signer_trusted"] is False
    assert body["exit_status"] == 3 and body["signature"]["key_source"] == "archive"

    assert verify_main([str(tmp_path / "nope.zip")]) == 2
    assert verify_main([str(archive), "--key", "not a key"]) == 2
