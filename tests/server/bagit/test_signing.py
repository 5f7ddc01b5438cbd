"""The archive key: created once, private, stable, and usable by other tools."""

import shutil
import stat
import subprocess
import threading

import pytest

from server.bagit.signing import (
    PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    ArchiveKeyError,
    generate_key,
    load_or_create_archive_key,
    load_public_key,
    parse_public_key,
    verify_signature,
)


def test_created_on_first_use_private_and_stable(tmp_path):
    data_dir = tmp_path / "data"
    key = load_or_create_archive_key(data_dir)
    private = data_dir / "keys" / PRIVATE_KEY_FILE
    public = data_dir / "keys" / PUBLIC_KEY_FILE
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "keys").stat().st_mode) == 0o700
    assert public.read_text() == key.public_key_pem()
    again = load_or_create_archive_key(data_dir)
    assert again.fingerprint() == key.fingerprint()
    public.unlink()  # a lost public file is written again from the private key
    load_or_create_archive_key(data_dir)
    assert public.read_text() == key.public_key_pem()


def test_loose_permissions_are_tightened(tmp_path):
    data_dir = tmp_path / "data"
    load_or_create_archive_key(data_dir)
    private = data_dir / "keys" / PRIVATE_KEY_FILE
    private.chmod(0o644)
    load_or_create_archive_key(data_dir)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_concurrent_first_use_makes_one_key(tmp_path):
    data_dir = tmp_path / "data"
    results = []
    barrier = threading.Barrier(8)

    def start():
        barrier.wait()
        results.append(load_or_create_archive_key(data_dir).fingerprint())

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1
    assert sorted(p.name for p in (data_dir / "keys").iterdir()) == [PRIVATE_KEY_FILE, PUBLIC_KEY_FILE]


def test_public_key_forms_round_trip(tmp_path):
    key = generate_key()
    for text in (key.public_key_pem(), key.public_key_base64()):
        assert parse_public_key(text).public_bytes_raw() == key.public_key.public_bytes_raw()
    path = tmp_path / "k.pem"
    path.write_text(key.public_key_pem())
    assert load_public_key(path).public_bytes_raw() == key.public_key.public_bytes_raw()
    assert load_public_key(key.public_key_base64()).public_bytes_raw() == key.public_key.public_bytes_raw()
    info = key.public_info()
    assert info["algorithm"] == "Ed25519" and info["fingerprint"].startswith("SHA256:")
    for bad in ("", "not base64!", "AAAA", "-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----"):
        with pytest.raises(ArchiveKeyError):
            parse_public_key(bad)


def test_sign_and_verify():
    key = generate_key()
    signature = key.sign(b"tag manifest")
    assert verify_signature(key.public_key, b"tag manifest", signature)
    assert not verify_signature(key.public_key, b"tag manifest.", signature)
    assert not verify_signature(generate_key().public_key, b"tag manifest", signature)
    assert not verify_signature(key.public_key, b"tag manifest", signature[:-1])


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_openssl_verifies_the_detached_signature(tmp_path):
    key = load_or_create_archive_key(tmp_path / "data")
    message = tmp_path / "tagmanifest-sha256.txt"
    message.write_bytes(b"0" * 64 + b"  bagit.txt\n")
    signature = tmp_path / "tagmanifest-sha256.txt.sig"
    signature.write_bytes(key.sign(message.read_bytes()))
    result = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(tmp_path / "data" / "keys" / PUBLIC_KEY_FILE),
         "-rawin", "-in", str(message), "-sigfile", str(signature)], capture_output=True, text=True)
    if "rawin" in result.stderr and result.returncode != 0:
        pytest.skip(f"this openssl cannot verify Ed25519 with -rawin: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
