"""The server's archive key: an Ed25519 key pair that signs every exported bag's tag manifest.

The key is created on first use in `<data_dir>/keys/archive-ed25519.pem` (PKCS#8 PEM, mode
0600, in a 0700 folder) next to its public half `archive-ed25519.pub.pem`. Creation is atomic
and race-free: the key is written to a private temp file and hard-linked into place, so two
processes starting at once end up with the same key (the loser loads the winner's).

A public key is published in two forms: PEM (SubjectPublicKeyInfo, what `openssl` reads) and
the raw 32 bytes in base64 (what bag-info.txt carries). Its fingerprint is "SHA256:" and the
hex sha256 of the raw 32 bytes.

Checking a signature with OpenSSL 3, inside an extracted bag:
    openssl pkeyutl -verify -pubin -inkey archive-ed25519.pub.pem -rawin \\
        -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig
"""

import base64
import binascii
import hashlib
import json
import logging
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from server.storage.files import write_new_file

log = logging.getLogger(__name__)

KEYS_DIR = "keys"
PRIVATE_KEY_FILE = "archive-ed25519.pem"
PUBLIC_KEY_FILE = "archive-ed25519.pub.pem"
ALGORITHM = "Ed25519"
SIGNATURE_SIZE = 64


class ArchiveKeyError(ValueError):
    """A key that cannot be read (bad PEM, wrong algorithm, bad base64)."""


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_pem(public_key: Ed25519PublicKey) -> str:
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def public_key_base64(public_key: Ed25519PublicKey) -> str:
    return base64.b64encode(_raw_public(public_key)).decode("ascii")


def fingerprint(public_key: Ed25519PublicKey) -> str:
    return "SHA256:" + hashlib.sha256(_raw_public(public_key)).hexdigest()


@dataclass(frozen=True, slots=True)
class ArchiveKey:
    """The private key and where it lives. Satisfies server.bagit.bag.BagSigner."""

    private_key: Ed25519PrivateKey
    path: Path | None = None
    algorithm: str = ALGORITHM

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)

    def public_key_pem(self) -> str:
        return public_key_pem(self.public_key)

    def public_key_base64(self) -> str:
        return public_key_base64(self.public_key)

    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def public_info(self) -> dict[str, str]:
        """The body of GET /api/v1/archive-key."""
        return {
            "algorithm": self.algorithm,
            "public_key_pem": self.public_key_pem(),
            "public_key_base64": self.public_key_base64(),
            "fingerprint": self.fingerprint(),
            "signature_file": "tagmanifest-sha256.txt.sig",
            "signed_file": "tagmanifest-sha256.txt",
        }


def generate_key() -> ArchiveKey:
    return ArchiveKey(Ed25519PrivateKey.generate())


def _private_pem(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())






def load_private_key(path: Path) -> ArchiveKey:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("archive key %s was readable by others (mode %o); setting it to 0600", path, mode)
        path.chmod(0o600)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except ValueError as exc:
        raise ArchiveKeyError(f"{path}: not a readable private key ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ArchiveKeyError(f"{path}: not an Ed25519 key")
    return ArchiveKey(key, path)


def load_or_create_archive_key(data_dir: Path) -> ArchiveKey:
    """The server's archive key, created on first use. Call at start-up (it does file I/O)."""
    keys_dir = Path(data_dir) / KEYS_DIR
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    private_path = keys_dir / PRIVATE_KEY_FILE
    public_path = keys_dir / PUBLIC_KEY_FILE
    if not private_path.exists():
        candidate = generate_key()
        if write_new_file(private_path, _private_pem(candidate.private_key), 0o600):
            log.info("created the archive signing key %s (%s)", private_path, candidate.fingerprint())
    key = load_private_key(private_path)
    expected = key.public_key_pem().encode("ascii")
    if not public_path.exists() or public_path.read_bytes() != expected:
        temp = public_path.with_name(f".{public_path.name}.{secrets.token_hex(8)}.tmp")
        temp.write_bytes(expected)
        temp.chmod(0o644)
        temp.replace(public_path)
    return ArchiveKey(key.private_key, private_path)


def parse_public_key(text: str | bytes) -> Ed25519PublicKey:
    """A public key from PEM (SubjectPublicKeyInfo), the raw 32 bytes in base64, or a
    JSON body of GET /api/v1/archive-key saved to a file."""
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    stripped = data.strip()
    if stripped.startswith(b"{"):
        try:
            body = json.loads(stripped)
            stripped = (body.get("public_key_pem") or body.get("public_key_base64") or "").encode("utf-8").strip()
        except (ValueError, AttributeError) as exc:
            raise ArchiveKeyError("not a key: JSON without public_key_pem or public_key_base64") from exc
    if stripped.startswith(b"-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(stripped)
        except ValueError as exc:
            raise ArchiveKeyError(f"not a readable public key ({exc})") from exc
        if not isinstance(key, Ed25519PublicKey):
            raise ArchiveKeyError("not an Ed25519 public key")
        return key
    try:
        raw = base64.b64decode(stripped, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ArchiveKeyError("not a key: neither PEM nor base64") from exc
    if len(raw) != 32:
        raise ArchiveKeyError(f"an Ed25519 public key has 32 bytes, this one {len(raw)}")
    return Ed25519PublicKey.from_public_bytes(raw)


def load_public_key(source: str | Path) -> Ed25519PublicKey:
    """A public key from a file (PEM, base64 or the archive-key JSON), or the key text itself."""
    path = Path(source)
    try:
        is_file = path.is_file()
    except OSError:  # e.g. a base64 key too long to be a file name
        is_file = False
    return parse_public_key(path.read_bytes() if is_file else str(source))


def verify_signature(public_key: Ed25519PublicKey, data: bytes, signature: bytes) -> bool:
    if len(signature) != SIGNATURE_SIZE:
        return False
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        return False
    return True
