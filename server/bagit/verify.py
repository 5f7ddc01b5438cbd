"""Verify a case archive (a BagIt bag in a zip, as server.bagit.bag writes it), offline.

What is checked, each file read once in chunks (constant memory whatever the archive's size):
- structure: a readable zip, one top-level folder, no unsafe or duplicate names, bagit.txt
  declaring BagIt 1.0 in UTF-8, the required tag files present;
- every payload file's sha256 against manifest-sha256.txt, naming every missing, extra and
  altered file;
- every tag file against tagmanifest-sha256.txt (and no unlisted tag files);
- Payload-Oxum (octets.count) against what is really there;
- the Ed25519 signature of the tag manifest, with a trusted key: the one given by the caller
  (`--key`, the bureau's published key), or else any of a configured list of trusted bureau
  keys. Without any trusted key the key named in bag-info.txt is used, which only proves the
  archive is unchanged since whoever holds that key signed it: anyone can rehash a changed
  archive and sign it with a key of their own. Such an archive is intact but its signer is not
  established, and it does not verify (exit 3, not 0);
- the audit events in data/audit.jsonl: each event's hash over its own contents (one case's
  events are not neighbours in the global chain, see shared.audit_chain), naming broken events
  by seq.
"""

import argparse
import hashlib
import json
import sys
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from server.bagit.bag import (
    AUDIT_JSONL,
    BAG_INFO_TXT,
    BAGIT_TXT,
    INFO_SIGNATURE_FILE,
    INFO_SIGNING_KEY,
    MANIFEST_TXT,
    SIGNATURE_FILE,
    TAGMANIFEST_TXT,
    decode_manifest_path,
)
from server.bagit.signing import ArchiveKeyError, fingerprint, load_public_key, parse_public_key, verify_signature
from server.bagit.zipstream import CHUNK_SIZE
from shared.audit_chain import HASHED_FIELDS, ChainBreak, verify_events

# Tag files are read whole; nothing legitimate comes near this.
TAG_FILE_LIMIT = 64 * 1024 * 1024
# One audit event's line; longer ones are reported, not buffered.
AUDIT_LINE_LIMIT = 16 * 1024 * 1024
# How many broken audit events are listed one by one (the count is always exact).
AUDIT_LIST_LIMIT = 1000
REQUIRED_TAG_FILES = (BAGIT_TXT, BAG_INFO_TXT, MANIFEST_TXT, TAGMANIFEST_TXT)

# Exit statuses of `takan verify`.
EXIT_VERIFIED = 0  # intact, and signed by a trusted key
EXIT_BROKEN = 1  # something does not hold (a file, a manifest, the signature, an audit event)
EXIT_CANNOT_CHECK = 2  # no such archive, or a key that cannot be read
EXIT_SIGNER_UNKNOWN = 3  # intact, but no trusted key to establish who signed it
EXIT_HELP = """exit status:
  0  the archive verifies: intact, and signed by a trusted key (--key, or a trusted key
     configured with --trusted-keys, TAKAN_TRUSTED_ARCHIVE_KEYS or the data directory's keys/)
  1  the archive does not verify: a file, manifest, signature or audit event is wrong
  2  it could not be checked: no such file, or a key that cannot be read
  3  intact, but the signer is not established: no trusted key was given, and the key the
     archive names for itself proves nothing about who made it"""
TRUSTED_KEY_SUFFIXES = (".pem", ".pub", ".json", ".b64")

# Problem kinds.
STRUCTURE, MISSING, EXTRA, ALTERED, OXUM, SIGNATURE, AUDIT = (
    "structure", "missing", "extra", "altered", "oxum", "signature", "audit")


@dataclass(slots=True)
class Problem:
    kind: str
    message_en: str
    message_zh: str
    path: str | None = None  # relative to the bag folder, e.g. "data/evidence/01_x_ab12cd34.jpg"
    seq: int | None = None  # for audit events


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """A public key trusted to sign archives, and where it came from (for the report)."""

    public_key: Ed25519PublicKey
    source: str


@dataclass(slots=True)
class SignatureCheck:
    # valid | invalid | missing (no signature file) | no_key (nothing to check it with) | bad_key
    status: str = "missing"
    # "external" (given with --key), "trusted" (from the configured trusted keys) or "archive"
    # (the key bag-info.txt names: proves no signer)
    key_source: str | None = None
    key_fingerprint: str | None = None
    archive_key_fingerprint: str | None = None  # the key bag-info.txt names, if any
    trusted: bool = False  # valid under a trusted key: who signed it is established
    trusted_keys: list[str] = field(default_factory=list)  # fingerprints of the keys it was checked against


@dataclass(slots=True)
class AuditCheck:
    present: bool = False
    events: int = 0
    broken: int = 0


@dataclass(slots=True)
class VerifyReport:
    archive: str
    bag_name: str | None = None
    external_identifier: str | None = None
    problems: list[Problem] = field(default_factory=list)
    payload_files: int = 0  # payload files found in the archive
    payload_bytes: int = 0
    payload_verified: int = 0  # payload files whose sha256 matched the manifest
    declared_oxum: str | None = None
    tag_files_verified: int = 0
    signature: SignatureCheck = field(default_factory=SignatureCheck)
    audit: AuditCheck = field(default_factory=AuditCheck)

    @property
    def intact(self) -> bool:
        """Nothing is wrong: every file, manifest, signature and audit event holds as far as the
        keys at hand can tell (with no trusted key, that proves no signer)."""
        return not self.problems

    @property
    def signer_trusted(self) -> bool:
        return self.signature.status == "valid" and self.signature.trusted

    @property
    def ok(self) -> bool:
        """The archive verifies: intact, and signed by a trusted key."""
        return self.intact and self.signer_trusted

    @property
    def exit_status(self) -> int:
        if not self.intact:
            return EXIT_BROKEN
        return EXIT_VERIFIED if self.signer_trusted else EXIT_SIGNER_UNKNOWN

    def paths(self, kind: str) -> list[str]:
        return [p.path for p in self.problems if p.kind == kind and p.path is not None]

    @property
    def missing(self) -> list[str]:
        return self.paths(MISSING)

    @property
    def extra(self) -> list[str]:
        return self.paths(EXTRA)

    @property
    def altered(self) -> list[str]:
        return self.paths(ALTERED)

    @property
    def broken_audit_seqs(self) -> list[int]:
        return [p.seq for p in self.problems if p.kind == AUDIT and p.seq is not None]

    @property
    def actual_oxum(self) -> str:
        return f"{self.payload_bytes}.{self.payload_files}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok, "intact": self.intact, "signer_trusted": self.signer_trusted,
                "exit_status": self.exit_status, "actual_oxum": self.actual_oxum}

    def add(self, kind: str, en: str, zh: str, *, path: str | None = None, seq: int | None = None) -> None:
        self.problems.append(Problem(kind, en, zh, path, seq))


# ----------------------------------------------------------------------------- parsing


def parse_tag_file(text: str) -> list[tuple[str, str]]:
    """`Label: value` lines (RFC 8493 §2.2.2), continuation lines start with whitespace."""
    fields: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line[0] in " \t" and fields:
            label, value = fields[-1]
            fields[-1] = (label, f"{value} {line.strip()}")
        elif ":" in line:
            label, value = line.split(":", 1)
            fields.append((label.strip(), value.strip()))
        else:
            raise ValueError(f"not a tag line: {line[:80]!r}")
    return fields


def parse_manifest(text: str) -> tuple[dict[str, str], list[str]]:
    """{path: sha256} and the lines that could not be read."""
    entries: dict[str, str] = {}
    bad: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.strip().split(None, 1)
        if len(parts) != 2 or len(parts[0]) != 64 or any(c not in "0123456789abcdefABCDEF" for c in parts[0]):
            bad.append(f"line {number}: {line[:120]!r}")
            continue
        path = unicodedata.normalize("NFC", decode_manifest_path(parts[1].lstrip("*")))
        if path in entries:
            bad.append(f"line {number}: {path} is listed twice")
            continue
        entries[path] = parts[0].lower()
    return entries, bad


def _unsafe(name: str) -> bool:
    parts = name.split("/")
    return (name.startswith("/") or "\\" in name or any(p in {".", ".."} for p in parts)
            or (len(name) > 1 and name[1] == ":"))


class _AuditReader:
    """Splits data/audit.jsonl into lines as its chunks go by and checks each event."""

    def __init__(self, report: VerifyReport):
        self.report = report
        self.rest = b""
        self.line_no = 0
        self.last_seq: int | None = None
        self.last_hash: str | None = None
        self.skipping = False

    def feed(self, chunk: bytes) -> None:
        data = self.rest + chunk
        lines = data.split(b"\n")
        self.rest = lines.pop()
        for line in lines:
            self._line(line)
        if len(self.rest) > AUDIT_LINE_LIMIT:
            self.line_no += 1
            self._broken(None, f"line {self.line_no} is longer than {AUDIT_LINE_LIMIT} bytes",
                         f"第 {self.line_no} 行超过 {AUDIT_LINE_LIMIT} 字节")
            self.rest = b""
            self.skipping = True

    def close(self) -> None:
        if self.rest.strip():
            self._line(self.rest)
        self.rest = b""

    def _broken(self, seq: int | None, en: str, zh: str) -> None:
        audit = self.report.audit
        audit.broken += 1
        if audit.broken <= AUDIT_LIST_LIMIT:
            where_en = f"audit event seq {seq}" if seq is not None else "audit log"
            where_zh = f"审计事件 seq {seq}" if seq is not None else "审计日志"
            self.report.add(AUDIT, f"{where_en}: {en}", f"{where_zh}：{zh}", path=AUDIT_JSONL, seq=seq)
        elif audit.broken == AUDIT_LIST_LIMIT + 1:
            self.report.add(AUDIT, "more broken audit events (not listed)", "还有更多审计事件损坏（未逐条列出）",
                            path=AUDIT_JSONL)

    def _line(self, raw: bytes) -> None:
        self.line_no += 1
        if self.skipping:  # the tail of an over-long line
            self.skipping = False
            return
        if not raw.strip():
            return
        self.report.audit.events += 1
        try:
            event = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            self._broken(None, f"line {self.line_no} is not JSON", f"第 {self.line_no} 行不是 JSON")
            return
        seq = event.get("seq") if isinstance(event, dict) else None
        seq = seq if isinstance(seq, int) and not isinstance(seq, bool) else None
        if not isinstance(event, dict) or seq is None:
            self._broken(None, f"line {self.line_no} is not an audit event (no integer seq)",
                         f"第 {self.line_no} 行不是审计事件（缺少整数 seq）")
            return
        absent = [name for name in (*HASHED_FIELDS, "prev_hash", "hash") if name not in event]
        if absent:
            self._broken(seq, f"fields missing: {', '.join(absent)}", f"缺少字段：{', '.join(absent)}")
            return
        if not isinstance(event["details"], str):
            self._broken(seq, "details is not the stored JSON string", "details 不是原样存储的 JSON 字符串")
            return
        try:
            verify_events([event], after_hash=None)
        except ChainBreak as exc:
            self._broken(seq, exc.reason, "哈希与事件内容不符（事件被修改）")
            return
        except (TypeError, ValueError) as exc:
            self._broken(seq, f"cannot be hashed ({exc})", f"无法计算哈希（{exc}）")
            return
        if self.last_seq is not None and seq <= self.last_seq:
            self._broken(seq, f"out of order (after seq {self.last_seq})", f"顺序错误（位于 seq {self.last_seq} 之后）")
        elif self.last_seq is not None and seq == self.last_seq + 1 and event["prev_hash"] != self.last_hash:
            # Neighbours in the global chain too: the link between them must hold.
            self._broken(seq, f"prev_hash does not link to the hash of seq {self.last_seq}",
                         f"prev_hash 与 seq {self.last_seq} 的哈希不衔接")
        self.last_seq = seq
        self.last_hash = event["hash"]


# ----------------------------------------------------------------------------- verification


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > TAG_FILE_LIMIT:
        raise ValueError(f"{info.file_size} bytes, more than a tag file may have")
    with zf.open(info) as handle:
        return handle.read(TAG_FILE_LIMIT + 1)


def _hash_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, audit: _AuditReader | None = None) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with zf.open(info) as handle:
        while chunk := handle.read(CHUNK_SIZE):
            digest.update(chunk)
            size += len(chunk)
            if audit is not None:
                audit.feed(chunk)
    if audit is not None:
        audit.close()
    return digest.hexdigest(), size


_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)


def verify_archive(zip_path: Path | str, public_key: Ed25519PublicKey | str | Path | None = None, *,
                   trusted_keys: Sequence[TrustedKey] = ()) -> VerifyReport:
    """Check everything listed in the module doc; the report names each failure.

    `public_key`: the one key the archive must be signed by (an Ed25519PublicKey, or PEM /
    base64 text, or a file holding either). Without it, `trusted_keys`: the archive must be
    signed by one of them. Without either, the key named inside the archive is used and the
    report says so (key_source "archive"): then `ok` is False (the signer is not established)
    even when `intact` is True."""
    report = VerifyReport(archive=str(zip_path))
    keys = list(trusted_keys)
    if public_key is not None:
        given = public_key if isinstance(public_key, Ed25519PublicKey) else load_public_key(public_key)
        keys = [TrustedKey(given, "--key")]
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        report.add(STRUCTURE, f"not a readable zip archive ({exc})", f"不是可读的 zip 归档（{exc}）")
        return report
    with zf:
        _verify_zip(zf, report, keys, "external" if public_key is not None else "trusted")
    return report


def _verify_zip(zf: zipfile.ZipFile, report: VerifyReport, keys: list[TrustedKey], keys_source: str) -> None:
    infos = [i for i in zf.infolist() if not i.is_dir()]
    for name, count in Counter(unicodedata.normalize("NFC", i.filename) for i in infos).items():
        if count > 1:
            report.add(STRUCTURE, f"{name} appears {count} times in the zip", f"{name} 在 zip 中出现 {count} 次",
                       path=name)
    # The bag folder: the one holding bagit.txt (normally the only top-level folder).
    tops = Counter(i.filename.split("/", 1)[0] for i in infos if "/" in i.filename)
    candidates = sorted(t for t in tops if any(i.filename == f"{t}/{BAGIT_TXT}" for i in infos))
    if not candidates:
        report.add(STRUCTURE, "no bag folder: no <folder>/bagit.txt in the zip",
                   "没有 bag 目录：zip 中没有 <目录>/bagit.txt", path=BAGIT_TXT)
        return
    root = candidates[0]
    report.bag_name = root
    if len(tops) > 1 or any("/" not in i.filename for i in infos):
        others = sorted({i.filename for i in infos if not i.filename.startswith(root + "/")})
        report.add(STRUCTURE, f"the zip must hold one top-level folder; also found: {', '.join(others[:20])}",
                   f"zip 只应有一个顶层目录；另有：{'、'.join(others[:20])}")
        for name in others:
            report.add(EXTRA, f"extra file outside the bag: {name}", f"bag 之外的多余文件：{name}", path=name)
    files: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if not info.filename.startswith(root + "/"):
            continue
        relative = unicodedata.normalize("NFC", info.filename[len(root) + 1:])
        if _unsafe(relative):
            report.add(STRUCTURE, f"unsafe name in the zip: {info.filename}",
                       f"zip 中有不安全的文件名：{info.filename}",
                       path=relative)
            continue
        files.setdefault(relative, info)

    tag_bytes: dict[str, bytes] = {}
    for name in (*REQUIRED_TAG_FILES, SIGNATURE_FILE):
        info = files.get(name)
        if info is None:
            if name != SIGNATURE_FILE:
                report.add(MISSING, f"missing tag file: {name}", f"缺少标签文件：{name}", path=name)
            continue
        try:
            tag_bytes[name] = _read_small(zf, info)
        except (*_ZIP_ERRORS, ValueError) as exc:
            report.add(ALTERED, f"tag file {name} cannot be read ({exc})",
                       f"标签文件 {name} 无法读取（{exc}）", path=name)

    _check_bagit_txt(report, tag_bytes.get(BAGIT_TXT))
    info_fields = _parse_bag_info(report, tag_bytes.get(BAG_INFO_TXT))
    manifest = _parse_manifest_file(report, MANIFEST_TXT, tag_bytes.get(MANIFEST_TXT))
    tagmanifest = _parse_manifest_file(report, TAGMANIFEST_TXT, tag_bytes.get(TAGMANIFEST_TXT))

    # Tag files: every listed one present and intact; nothing unlisted but the tag manifest and
    # its signature.
    for path, expected in sorted(tagmanifest.items()):
        if path.startswith("data/"):
            report.add(STRUCTURE, f"{TAGMANIFEST_TXT} lists a payload file: {path}",
                       f"{TAGMANIFEST_TXT} 列出了载荷文件：{path}", path=path)
            continue
        info = files.get(path)
        if info is None:
            report.add(MISSING, f"missing tag file: {path} (listed in {TAGMANIFEST_TXT})",
                       f"缺少标签文件：{path}（{TAGMANIFEST_TXT} 中有记录）", path=path)
            continue
        try:
            actual = hashlib.sha256(tag_bytes[path]).hexdigest() if path in tag_bytes else _hash_entry(zf, info)[0]
        except _ZIP_ERRORS as exc:
            report.add(ALTERED, f"altered: {path} (unreadable: {exc})", f"被改动：{path}（无法读取：{exc}）", path=path)
            continue
        if actual != expected:
            report.add(ALTERED, f"altered: {path} (sha256 {actual}, the tag manifest says {expected})",
                       f"被改动：{path}（sha256 为 {actual}，标签清单记录为 {expected}）", path=path)
        else:
            report.tag_files_verified += 1
    if tagmanifest or TAGMANIFEST_TXT in tag_bytes:
        for path in sorted(p for p in files if not p.startswith("data/")):
            if path not in tagmanifest and path not in {TAGMANIFEST_TXT, SIGNATURE_FILE}:
                report.add(EXTRA, f"extra tag file not covered by {TAGMANIFEST_TXT}: {path}",
                           f"多余的标签文件（不在 {TAGMANIFEST_TXT} 中）：{path}", path=path)

    # Payload.
    audit_reader = _AuditReader(report)
    for path in sorted(p for p in files if p.startswith("data/")):
        info = files[path]
        report.payload_files += 1
        expected = manifest.get(path)
        if expected is None:
            report.payload_bytes += info.file_size
            report.add(EXTRA, f"extra file: {path} (not in {MANIFEST_TXT})",
                       f"多余文件：{path}（不在 {MANIFEST_TXT} 中）",
                       path=path)
            continue
        is_audit = path == AUDIT_JSONL
        report.audit.present |= is_audit
        try:
            actual, size = _hash_entry(zf, info, audit_reader if is_audit else None)
        except _ZIP_ERRORS as exc:
            report.payload_bytes += info.file_size
            report.add(ALTERED, f"altered: {path} (the zip entry is damaged: {exc})",
                       f"被改动：{path}（zip 条目损坏：{exc}）", path=path)
            continue
        report.payload_bytes += size
        if actual != expected:
            report.add(ALTERED, f"altered: {path} (sha256 {actual}, the manifest says {expected})",
                       f"被改动：{path}（sha256 为 {actual}，清单记录为 {expected}）", path=path)
        else:
            report.payload_verified += 1
    for path in sorted(set(manifest) - set(files)):
        report.add(MISSING, f"missing file: {path} (listed in {MANIFEST_TXT})",
                   f"缺少文件：{path}（{MANIFEST_TXT} 中有记录）",
                   path=path)
    for path in sorted(p for p in manifest if not p.startswith("data/")):
        report.add(STRUCTURE, f"{MANIFEST_TXT} lists a file outside data/: {path}",
                   f"{MANIFEST_TXT} 列出了 data/ 之外的文件：{path}", path=path)

    _check_oxum(report, info_fields)
    _check_signature(report, info_fields, tag_bytes, keys, keys_source)


def _check_bagit_txt(report: VerifyReport, data: bytes | None) -> None:
    if data is None:
        return
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            raise ValueError("it starts with a byte-order mark")
        fields = dict(parse_tag_file(data.decode("utf-8")))
    except (UnicodeDecodeError, ValueError) as exc:
        report.add(STRUCTURE, f"{BAGIT_TXT} is malformed ({exc})", f"{BAGIT_TXT} 格式错误（{exc}）", path=BAGIT_TXT)
        return
    if fields.get("BagIt-Version") != "1.0" or fields.get("Tag-File-Character-Encoding", "").upper() != "UTF-8":
        report.add(STRUCTURE, f"{BAGIT_TXT} must declare BagIt-Version 1.0 and UTF-8, it says {fields}",
                   f"{BAGIT_TXT} 应声明 BagIt-Version 1.0 和 UTF-8，实际为 {fields}", path=BAGIT_TXT)


def _parse_bag_info(report: VerifyReport, data: bytes | None) -> dict[str, str]:
    if data is None:
        return {}
    try:
        fields = parse_tag_file(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        report.add(STRUCTURE, f"{BAG_INFO_TXT} is malformed ({exc})",
                   f"{BAG_INFO_TXT} 格式错误（{exc}）", path=BAG_INFO_TXT)
        return {}
    info: dict[str, str] = {}
    for label, value in fields:
        info.setdefault(label, value)
    report.external_identifier = info.get("External-Identifier")
    report.declared_oxum = info.get("Payload-Oxum")
    return info


def _parse_manifest_file(report: VerifyReport, name: str, data: bytes | None) -> dict[str, str]:
    if data is None:
        return {}
    try:
        entries, bad = parse_manifest(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        report.add(STRUCTURE, f"{name} is not UTF-8 ({exc})", f"{name} 不是 UTF-8 编码（{exc}）", path=name)
        return {}
    for line in bad:
        report.add(STRUCTURE, f"{name}: unreadable entry, {line}", f"{name}：无法识别的条目，{line}", path=name)
    return entries


def _check_oxum(report: VerifyReport, info: dict[str, str]) -> None:
    declared = info.get("Payload-Oxum")
    if declared is None:
        if info:
            report.add(OXUM, f"{BAG_INFO_TXT} has no Payload-Oxum", f"{BAG_INFO_TXT} 缺少 Payload-Oxum",
                       path=BAG_INFO_TXT)
        return
    if declared.strip() != report.actual_oxum:
        report.add(OXUM, f"Payload-Oxum says {declared} (octets.files) but the payload has {report.actual_oxum}",
                   f"Payload-Oxum 声明为 {declared}（字节数.文件数），实际载荷为 {report.actual_oxum}",
                   path=BAG_INFO_TXT)


def _check_signature(report: VerifyReport, info: dict[str, str], tag_bytes: dict[str, bytes],
                     keys: list[TrustedKey], keys_source: str) -> None:
    check = report.signature
    archive_key = None
    if INFO_SIGNING_KEY in info:
        try:
            archive_key = parse_public_key(info[INFO_SIGNING_KEY])
            check.archive_key_fingerprint = fingerprint(archive_key)
        except ArchiveKeyError as exc:
            check.status = "bad_key"
            report.add(SIGNATURE, f"the signing key in {BAG_INFO_TXT} is unreadable ({exc})",
                       f"{BAG_INFO_TXT} 中的签名公钥无法读取（{exc}）", path=BAG_INFO_TXT)
    signature_file = info.get(INFO_SIGNATURE_FILE, SIGNATURE_FILE)
    signature = tag_bytes.get(SIGNATURE_FILE)
    if signature is None:
        check.status = "missing"
        report.add(SIGNATURE, f"missing signature: {signature_file}",
                   f"缺少签名文件：{signature_file}", path=SIGNATURE_FILE)
        return
    tagmanifest = tag_bytes.get(TAGMANIFEST_TXT)

    def signed_by(key: Ed25519PublicKey) -> bool:
        return tagmanifest is not None and verify_signature(key, tagmanifest, signature)

    if keys:
        check.key_source = keys_source
        check.trusted_keys = [fingerprint(k.public_key) for k in keys]
        # The key the archive names first, if it is trusted; then the others.
        for key in sorted(keys, key=lambda k: fingerprint(k.public_key) != check.archive_key_fingerprint):
            if signed_by(key.public_key):
                check.status, check.trusted = "valid", True
                check.key_fingerprint = fingerprint(key.public_key)
                return
        check.status = "invalid"
        check.key_fingerprint = check.trusted_keys[0] if len(keys) == 1 else None
        if keys_source == "external":
            whose_en, whose_zh = f"the given key ({check.key_fingerprint})", f"所提供的公钥，{check.key_fingerprint}"
        else:
            listed = ", ".join(check.trusted_keys)
            whose_en = f"any of the {len(keys)} trusted keys ({listed})"
            whose_zh = f"{len(keys)} 把受信任公钥中的任何一把（{listed}）"
        if archive_key is not None and signed_by(archive_key):
            whose_en += (f"; it is signed by {check.archive_key_fingerprint}, the key {BAG_INFO_TXT} names, which is "
                         "not a trusted key")
            whose_zh += f"；它由 {BAG_INFO_TXT} 声明的公钥 {check.archive_key_fingerprint} 签名，该公钥不受信任"
        elif check.archive_key_fingerprint not in (None, *check.trusted_keys):
            whose_en += f"; the archive names another key, {check.archive_key_fingerprint}"
            whose_zh += f"；归档包声明的是另一把公钥 {check.archive_key_fingerprint}"
        report.add(SIGNATURE, f"signature {SIGNATURE_FILE} does not match {TAGMANIFEST_TXT} under {whose_en}",
                   f"签名 {SIGNATURE_FILE} 与 {TAGMANIFEST_TXT} 不符（{whose_zh}）", path=SIGNATURE_FILE)
        return

    # No trusted key: the archive's own key can show it is unchanged, never who signed it.
    if archive_key is None:
        if check.status != "bad_key":
            check.status = "no_key"
            report.add(SIGNATURE, f"no public key to check {SIGNATURE_FILE} with (give one with --key)",
                       f"没有可用于验证 {SIGNATURE_FILE} 的公钥（请用 --key 提供）", path=SIGNATURE_FILE)
        return
    check.key_source = "archive"
    check.key_fingerprint = check.archive_key_fingerprint
    if signed_by(archive_key):
        check.status = "valid"  # trusted stays False: exit 3
        return
    check.status = "invalid"
    report.add(SIGNATURE, f"signature {SIGNATURE_FILE} does not match {TAGMANIFEST_TXT} under the key in "
               f"{BAG_INFO_TXT} ({check.key_fingerprint})",
               f"签名 {SIGNATURE_FILE} 与 {TAGMANIFEST_TXT} 不符（{BAG_INFO_TXT} 中的公钥，{check.key_fingerprint}）",
               path=SIGNATURE_FILE)


def load_trusted_keys(sources: Iterable[str | Path]) -> list[TrustedKey]:
    """The public keys in each source: a key file (PEM, base64, or the JSON of GET
    /api/v1/archive-key), or a folder whose *.pem, *.pub, *.json and *.b64 files are all such
    keys. Raises ArchiveKeyError naming the file that is not one (a private key included:
    give its public half)."""
    keys: list[TrustedKey] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.name.endswith(TRUSTED_KEY_SUFFIXES))
            if not files:
                raise ArchiveKeyError(f"{path}: a folder of trusted keys without any "
                                      f"({', '.join(TRUSTED_KEY_SUFFIXES)} files)")
        elif path.is_file():
            files = [path]
        else:
            raise ArchiveKeyError(f"{path}: no such key file or folder")
        for file in files:
            try:
                data = file.read_bytes()
            except OSError as exc:
                raise ArchiveKeyError(f"{file}: cannot be read ({exc})") from None
            if b"PRIVATE KEY" in data:
                raise ArchiveKeyError(f"{file} holds a private key; trust its public half (archive-ed25519.pub.pem)")
            try:
                keys.append(TrustedKey(parse_public_key(data), str(file)))
            except ArchiveKeyError as exc:
                raise ArchiveKeyError(f"{file}: {exc}") from None
    return keys


# ----------------------------------------------------------------------------- output and CLI


def format_report(report: VerifyReport, lang: str = "zh") -> str:
    zh = lang.startswith("zh")

    def t(en: str, cn: str) -> str:
        return cn if zh else en

    ok_mark, bad_mark, unknown_mark = t("[ OK ]", "[通过]"), t("[FAIL]", "[失败]"), t("[ ?? ]", "[存疑]")
    kinds = Counter(p.kind for p in report.problems)
    lines = [t(f"Archive {report.archive}", f"归档包 {report.archive}")]
    if report.bag_name:
        lines.append(t(f"  bag {report.bag_name}, External-Identifier {report.external_identifier or '-'}",
                       f"  bag 目录 {report.bag_name}，External-Identifier {report.external_identifier or '-'}"))

    if report.bag_name is None:  # nothing could be checked beyond this
        lines.append(f"{bad_mark} " + t("not a bag archive", "不是 bag 归档包"))
        lines.extend(f"       - {p.message_zh if zh else p.message_en}" for p in report.problems)
        lines.append(t("RESULT: the archive does NOT verify.", "结论：验证未通过。"))
        return "\n".join(lines) + "\n"

    def section(kind_list: tuple[str, ...], good_en: str, good_zh: str, head_en: str, head_zh: str) -> None:
        found = [p for p in report.problems if p.kind in kind_list]
        if not found:
            lines.append(f"{ok_mark} {t(good_en, good_zh)}")
            return
        lines.append(f"{bad_mark} {t(head_en, head_zh)}")
        lines.extend(f"       - {p.message_zh if zh else p.message_en}" for p in found)

    section((STRUCTURE,), "structure: one bag folder, BagIt 1.0, required tag files present",
            "结构：单一 bag 目录，BagIt 1.0，必需的标签文件齐全", "structure", "结构")
    section((MISSING, EXTRA, ALTERED),
            f"files: {report.payload_verified} payload files ({report.payload_bytes} bytes) and "
            f"{report.tag_files_verified} tag files match their sha256 manifests; none missing or extra",
            f"文件：{report.payload_verified} 个载荷文件（{report.payload_bytes} 字节）和 "
            f"{report.tag_files_verified} 个标签文件与 sha256 清单一致，无缺失、无多余",
            f"files: {kinds[MISSING]} missing, {kinds[EXTRA]} extra, {kinds[ALTERED]} altered",
            f"文件：缺失 {kinds[MISSING]} 个，多余 {kinds[EXTRA]} 个，被改动 {kinds[ALTERED]} 个")
    section((OXUM,), f"Payload-Oxum {report.declared_oxum} matches", f"Payload-Oxum {report.declared_oxum} 相符",
            "Payload-Oxum", "Payload-Oxum")
    sig = report.signature
    if sig.status == "valid" and not kinds[SIGNATURE] and sig.trusted and sig.key_source == "external":
        lines.append(f"{ok_mark} " + t(
            f"signature: the tag manifest carries a valid Ed25519 signature by the given key {sig.key_fingerprint}",
            f"签名：标签清单的 Ed25519 签名有效，使用所提供的公钥 {sig.key_fingerprint}"))
    elif sig.status == "valid" and not kinds[SIGNATURE] and sig.trusted:
        lines.append(f"{ok_mark} " + t(
            f"signature: the tag manifest carries a valid Ed25519 signature by the trusted key {sig.key_fingerprint}",
            f"签名：标签清单的 Ed25519 签名有效，签名公钥 {sig.key_fingerprint} 在受信任公钥之列"))
    elif sig.status == "valid" and not kinds[SIGNATURE]:
        lines.append(f"{unknown_mark} " + t(
            f"signature: matches the key carried inside the archive ({sig.key_fingerprint}), and no trusted key "
            "was given. This proves the archive is unchanged since it was signed, not who signed it: anyone can "
            "sign a changed archive with a key of their own. Pass --key with the bureau's published key "
            "(GET /api/v1/archive-key), or configure trusted keys (--trusted-keys, TAKAN_TRUSTED_ARCHIVE_KEYS).",
            f"签名：与归档包自带的公钥（{sig.key_fingerprint}）相符，但未提供受信任的公钥。这只证明归档包自签名后未被改动，"
            "不能证明签发者：任何人都可以用自己的密钥为改动过的归档包签名。请用 --key 提供审批局公布的公钥"
            "（GET /api/v1/archive-key），或配置受信任公钥（--trusted-keys、TAKAN_TRUSTED_ARCHIVE_KEYS）。"))
    else:
        section((SIGNATURE,), "", "", f"signature: {sig.status}", f"签名：{_SIG_ZH.get(sig.status, sig.status)}")
    if report.audit.present:
        section((AUDIT,), f"audit log: {report.audit.events} events, each event's hash matches its contents",
                f"审计日志：{report.audit.events} 条事件，每条的哈希均与内容相符",
                f"audit log: {report.audit.broken} of {report.audit.events} events broken",
                f"审计日志：{report.audit.events} 条事件中 {report.audit.broken} 条损坏")
    else:
        lines.append(t(f"[ -- ] audit log: the archive has no {AUDIT_JSONL}",
                       f"[ -- ] 审计日志：归档包中没有 {AUDIT_JSONL}"))
    if report.ok:
        lines.append(t("RESULT: the archive verifies: everything above holds, and a trusted key signed it.",
                       "结论：验证通过，以上各项均成立，且由受信任的公钥签名。"))
    elif report.intact:
        lines.append(t("RESULT: the archive is intact, but who signed it is NOT established (exit 3): it cannot be "
                       "taken as the bureau's until checked with a trusted key.",
                       "结论：归档包完整，但签发者未能确认（退出码 3）："
                       "在用受信任公钥核验之前，不能视为本局签发的归档。"))
    else:
        lines.append(t(f"RESULT: the archive does NOT verify ({len(report.problems)} problems).",
                       f"结论：验证未通过（{len(report.problems)} 项问题）。"))
    return "\n".join(lines) + "\n"


_SIG_ZH = {"invalid": "无效", "missing": "缺失", "no_key": "无可用公钥", "bad_key": "公钥无法读取"}


def add_verify_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The arguments of `takan verify`, for a subcommand parser in server/cli.py."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXIT_HELP
    parser.add_argument("archive", type=Path, help="the archive .zip")
    parser.add_argument("--key", help="the one public key the archive must be signed by: a PEM or base64 file, "
                        "the JSON of GET /api/v1/archive-key, or the base64 key itself (the trusted keys "
                        "configured otherwise are not used)")
    parser.add_argument("--trusted-keys", action="append", default=[], metavar="FILE_OR_DIR",
                        help="a trusted bureau key, or a folder of them (*.pem, *.pub, *.json, *.b64); may be "
                        "given more than once, and adds to TAKAN_TRUSTED_ARCHIVE_KEYS and the public key in the "
                        "data directory's keys/ (when --data-dir or TAKAN_DATA_DIR names one)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"), help="language of the report (default zh)")
    return parser


def run_verify(args: argparse.Namespace, configured: Sequence[str | Path] = ()) -> int:
    """`takan verify`: the exit statuses of EXIT_HELP. `configured`: trusted key files or
    folders from the settings, checked as if given with --trusted-keys (a missing one is an
    error: a trust list that silently shrinks would pass nothing, or the wrong thing)."""
    if not args.archive.is_file():
        print(f"takan verify: no such file: {args.archive}", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    key = None
    trusted: list[TrustedKey] = []
    try:
        if args.key:
            try:
                key = load_public_key(args.key)
            except (ArchiveKeyError, OSError) as exc:
                raise ArchiveKeyError(f"cannot read the key {args.key}: {exc}") from None
        else:
            trusted = load_trusted_keys([*configured, *getattr(args, "trusted_keys", [])])
    except ArchiveKeyError as exc:
        print(f"takan verify: {exc}", file=sys.stderr)
        return EXIT_CANNOT_CHECK
    report = verify_archive(args.archive, key, trusted_keys=trusted)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(format_report(report, args.lang))
    return report.exit_status


def verify_main(argv: list[str] | None = None) -> int:
    """`takan verify ARCHIVE.zip [--key PUB | --trusted-keys FILE_OR_DIR] [--json] [--lang zh|en]`
    as a standalone entry point (no settings read: only what the arguments give is trusted)."""
    parser = argparse.ArgumentParser(prog="takan verify", description="Verify a signed Takan case archive (BagIt zip).")
    return run_verify(add_verify_arguments(parser).parse_args(argv))
