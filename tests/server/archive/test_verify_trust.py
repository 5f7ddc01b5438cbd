"""takan verify establishes who signed an archive, not only that it is unchanged (issue 12, item 5).

A real case archive (exported through the API) is forged the way an attacker would: case.json
changed (the decision), its line in manifest-sha256.txt rehashed, Payload-Oxum adjusted, the
tag manifest rehashed, and the tag manifest signed with a fresh Ed25519 key announced in
bag-info.txt. Every check the archive can make on itself then holds. Without a trusted key the
forgery must not pass (exit 3: intact, signer not established); with the bureau's key it fails
(exit 1); the genuine archive passes (exit 0) with the bureau's key given with --key, or found in
a trusted-keys folder, TAKAN_TRUSTED_ARCHIVE_KEYS, or the data directory the command runs on."""

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest

from server.bagit.bag import BAG_INFO_TXT, CASE_JSON, INFO_SIGNING_KEY, MANIFEST_TXT, SIGNATURE_FILE, TAGMANIFEST_TXT
from server.bagit.signing import generate_key
from server.cli import main
from tests.server.archive.test_commands import exported as exported  # a fixture


@pytest.fixture(autouse=True)
def _no_configured_trust(monkeypatch):
    """Only what each test gives is trusted (not whatever the machine running the tests has)."""
    monkeypatch.delenv("TAKAN_TRUSTED_ARCHIVE_KEYS", raising=False)
    monkeypatch.delenv("TAKAN_DATA_DIR", raising=False)


def forge(genuine: Path, target: Path) -> tuple[Path, str]:
    """The genuine archive with case.json changed, everything rehashed and re-signed with a new
    key named in bag-info.txt. Returns the forgery and the attacker's key fingerprint."""
    with zipfile.ZipFile(genuine) as zf:
        entries = {info.filename: zf.read(info) for info in zf.infolist()}
    root = next(iter(entries)).split("/", 1)[0] + "/"
    case = json.loads(entries[root + CASE_JSON])
    case["status"] = "approved" if case.get("status") != "approved" else "rejected"
    case["title"] = case.get("title", "") + "（已批准）"
    old_size = len(entries[root + CASE_JSON])
    entries[root + CASE_JSON] = json.dumps(case, ensure_ascii=False, indent=2).encode()
    grown = len(entries[root + CASE_JSON]) - old_size

    manifest = entries[root + MANIFEST_TXT].decode().splitlines()
    digest = hashlib.sha256(entries[root + CASE_JSON]).hexdigest()
    entries[root + MANIFEST_TXT] = "".join(f"{digest}  {CASE_JSON}\n" if line.endswith(f"  {CASE_JSON}")
                                           else f"{line}\n" for line in manifest).encode()
    attacker = generate_key()
    info = entries[root + BAG_INFO_TXT].decode()
    octets, files = re.search(r"Payload-Oxum: (\d+)\.(\d+)", info).groups()
    info = info.replace(f"Payload-Oxum: {octets}.{files}", f"Payload-Oxum: {int(octets) + grown}.{files}")
    info = re.sub(rf"{INFO_SIGNING_KEY}: \S+", f"{INFO_SIGNING_KEY}: {attacker.public_key_base64()}", info)
    info = re.sub(r"(Takan-Signing-Key-Fingerprint: )\S+", rf"\g<1>{attacker.fingerprint()}", info)
    entries[root + BAG_INFO_TXT] = info.encode()
    listed = [line.split(None, 1)[1] for line in entries[root + TAGMANIFEST_TXT].decode().splitlines() if line]
    entries[root + TAGMANIFEST_TXT] = "".join(
        f"{hashlib.sha256(entries[root + name]).hexdigest()}  {name}\n" for name in listed).encode()
    entries[root + SIGNATURE_FILE] = attacker.sign(entries[root + TAGMANIFEST_TXT])
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return target, attacker.fingerprint()


def verify(capsys, *args: str, data_dir: Path | None = None) -> tuple[int, str]:
    code = main([*(["--data-dir", str(data_dir)] if data_dir else []), "verify", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def keys(exported, tmp_path) -> dict:
    """The bureau's public key as GET /api/v1/archive-key gives it, and a folder of trusted keys
    holding it (as PEM) beside another bureau key."""
    body = json.loads(exported["key"].read_text())
    folder = tmp_path / "trusted"
    folder.mkdir()
    (folder / "bureau-2026.pub.pem").write_text(body["public_key_pem"])
    (folder / "bureau-2025.pub.pem").write_text(generate_key().public_key_pem())
    return {"json": exported["key"], "folder": folder, "fingerprint": body["fingerprint"]}


async def test_a_re_signed_forgery_never_verifies(exported, keys, tmp_path, capsys):
    forged, attacker = forge(exported["path"], tmp_path / "forged.zip")

    code, out = verify(capsys, forged, "--lang", "en")
    assert code == 3, out  # the old verify said 0, "the archive verifies"
    assert "NOT established" in out and attacker in out
    code, out = verify(capsys, forged, "--json")
    body = json.loads(out)
    assert (code, body["intact"], body["ok"], body["signer_trusted"]) == (3, True, False, False)

    code, out = verify(capsys, forged, "--key", keys["json"], "--lang", "en")
    assert code == 1, out
    assert "does NOT verify" in out and attacker in out and "not a trusted key" in out

    code, out = verify(capsys, forged, "--trusted-keys", keys["folder"], "--lang", "en")
    assert code == 1, out
    assert "any of the 2 trusted keys" in out and keys["fingerprint"] in out


async def test_the_genuine_archive_verifies_only_with_a_trusted_key(exported, keys, settings, tmp_path, capsys,
                                                                    monkeypatch):
    genuine = exported["path"]
    code, out = verify(capsys, genuine, "--lang", "en")
    assert code == 3 and "NOT established" in out, out
    code, out = verify(capsys, genuine, "--key", keys["json"], "--lang", "en")
    assert code == 0 and "RESULT: the archive verifies" in out, out

    code, out = verify(capsys, genuine, "--trusted-keys", keys["folder"], "--lang", "en")
    assert code == 0 and f"by the trusted key {keys['fingerprint']}" in out, out
    code, out = verify(capsys, genuine, "--trusted-keys", keys["folder"] / "bureau-2025.pub.pem",
                       "--trusted-keys", keys["json"])
    assert code == 0, out

    monkeypatch.setenv("TAKAN_TRUSTED_ARCHIVE_KEYS", f"{keys['folder'] / 'bureau-2025.pub.pem'},{keys['json']}")
    assert verify(capsys, genuine)[0] == 0
    monkeypatch.delenv("TAKAN_TRUSTED_ARCHIVE_KEYS")

    # On the server's own data directory its keys/ public key is trusted; on another, it is not.
    assert verify(capsys, genuine, data_dir=settings.data_dir)[0] == 0
    (tmp_path / "other-data").mkdir()
    assert verify(capsys, genuine, data_dir=tmp_path / "other-data")[0] == 3


async def test_a_trust_list_that_cannot_be_read_is_an_error(exported, keys, settings, capsys):
    genuine = exported["path"]
    code, out = verify(capsys, genuine, "--trusted-keys", keys["folder"] / "missing.pem")
    assert code == 2 and "no such key file" in out, out
    code, out = verify(capsys, genuine, "--trusted-keys", settings.data_dir / "keys")  # holds the private key
    assert code == 2 and "holds a private key" in out, out
    (keys["folder"] / "notes.pem").write_text("not a key")
    code, out = verify(capsys, genuine, "--trusted-keys", keys["folder"])
    assert code == 2 and "notes.pem" in out, out


def test_help_documents_the_exit_statuses(capsys):
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    text = capsys.readouterr().out
    assert "exit status:" in text and "3  intact, but the signer is not established" in text
