"""BagIt 1.0 (RFC 8493) bags serialized as one zip, streamed in constant memory.

The zip holds a single top-level folder `<bag_name>/`:

    <bag_name>/bagit.txt                    written first (its content is fixed)
    <bag_name>/data/...                     the payload, in the order given, hashed while written
    <bag_name>/manifest-sha256.txt          sha256 of every payload file
    <bag_name>/bag-info.txt                 metadata, with Payload-Oxum and Bag-Size
    <bag_name>/tagmanifest-sha256.txt       sha256 of bagit.txt, bag-info.txt, manifest-sha256.txt
    <bag_name>/tagmanifest-sha256.txt.sig   detached Ed25519 signature of the tag manifest (64 raw bytes)

The manifests and bag-info are only known once the payload has gone by, which is why they are
written after it; a zip does not care about order. The signature signs the tag manifest, so it
cannot be listed in it: it is an "other tag file" in the sense of RFC 8493 §2.2.4, which BagIt
tools ignore (the Library of Congress `bagit` package validates the bag as usual). Signing the
tag manifest covers everything: it holds the hashes of bag-info.txt and manifest-sha256.txt,
which hold Payload-Oxum and the hash of every payload file.

The input is plain data (`ArchiveContent`, `PayloadFile`) so the server fills it from its
database and media store; nothing here touches either.
"""

import asyncio
import base64
import hashlib
import os
import re
import threading
import unicodedata
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import aclosing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol
from zoneinfo import ZoneInfo

import msgspec

from server.bagit.zipstream import CHUNK_SIZE, ZipStream
from server.storage.files import human_size

BAGIT_VERSION = "1.0"
BAGIT_TXT = "bagit.txt"
BAG_INFO_TXT = "bag-info.txt"
MANIFEST_TXT = "manifest-sha256.txt"
TAGMANIFEST_TXT = "tagmanifest-sha256.txt"
SIGNATURE_FILE = "tagmanifest-sha256.txt.sig"
BAGIT_TXT_CONTENT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
# The tag files the tag manifest lists, in the order it lists them.
SIGNED_TAG_FILES = (BAGIT_TXT, BAG_INFO_TXT, MANIFEST_TXT)

# bag-info.txt labels this writer fills itself (the caller's extra fields may not repeat them).
INFO_SIGNATURE_ALGORITHM = "Takan-Signature-Algorithm"
INFO_SIGNATURE_FILE = "Takan-Signature-File"
INFO_SIGNING_KEY = "Takan-Signing-Key"  # raw Ed25519 public key, base64
INFO_SIGNING_KEY_FINGERPRINT = "Takan-Signing-Key-Fingerprint"
RESERVED_INFO_LABELS = frozenset({
    "Source-Organization", "Bagging-Date", "Payload-Oxum", "External-Identifier", "Bag-Size",
    "Bag-Software-Agent", INFO_SIGNATURE_ALGORITHM, INFO_SIGNATURE_FILE, INFO_SIGNING_KEY,
    INFO_SIGNING_KEY_FINGERPRINT,
})

# Already-compressed formats are stored; everything else (JSON, text) is deflated.
STORED_EXTENSIONS = frozenset({
    "jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "avif", "mp4", "m4v", "mov", "webm", "mkv",
    "3gp", "zip", "gz", "pdf",
})

# The payload's names.
CASE_JSON = "data/case.json"
EVIDENCE_JSON = "data/evidence/evidence.json"
ANNOTATIONS_JSON = "data/annotations.json"
COMMENTS_JSON = "data/comments.json"
OPINIONS_JSON = "data/opinions.json"
AUDIT_JSONL = "data/audit.jsonl"
REPORT_PDF = "data/report.pdf"

# A payload file's bytes: a file, bytes in memory, or a function returning a (sync or async)
# iterator of bytes, called once when the file's turn comes (so nothing is produced early).
ChunkSource = Callable[[], Iterable[bytes] | AsyncIterable[bytes]]
Source = Path | bytes | ChunkSource


class ArchiveError(Exception):
    """The input cannot make a correct bag (bad name, a source that lied about its size...)."""


@dataclass(frozen=True, slots=True)
class PayloadFile:
    """One payload file. `path` is its path inside the bag and starts with "data/".

    `size`, when given, is checked against the bytes actually produced (a mismatch raises
    ArchiveError rather than archiving something other than what the caller described); for
    iterators it also lets small entries skip the ZIP64 extra field. `compress` None picks by
    extension (media stored, text deflated)."""

    path: str
    source: Source
    size: int | None = None
    compress: bool | None = None
    modified: datetime | None = None


@dataclass(slots=True)
class ArchiveContent:
    """Everything one bag holds. `files` may be a lazy iterable: it is walked once, in order."""

    bag_name: str
    external_identifier: str
    source_organization: str
    files: Iterable[PayloadFile]
    # Extra bag-info.txt fields, in order (a label may repeat), e.g. ("External-Description", ...).
    info: Sequence[tuple[str, str]] = ()
    # The moment of bagging: Bagging-Date and the zip entries' times. Default: now.
    created_at: datetime | None = None
    timezone: str = "Asia/Shanghai"
    # ZIP64 extra fields on every entry, whatever its size (tests use it; readers accept it).
    force_zip64: bool = False


class BagSigner(Protocol):
    """What the writer needs from a key (server.bagit.signing.ArchiveKey is one)."""

    algorithm: str

    def sign(self, data: bytes) -> bytes: ...

    def public_key_base64(self) -> str: ...

    def fingerprint(self) -> str: ...


@dataclass(slots=True)
class BagSummary:
    """What was written, known once the stream has ended (e.g. for the export's audit event)."""

    bag_name: str
    payload_files: int
    payload_bytes: int
    payload_oxum: str
    tagmanifest_sha256: str
    signature_base64: str | None
    key_fingerprint: str | None
    archive_bytes: int
    manifest: dict[str, str] = field(default_factory=dict)


# ----------------------------------------------------------------------------- naming


_UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9_.\-]")


def safe_name_part(text: str) -> str:
    """A file-name fragment from a key or reference: ASCII letters, digits, _ . - only."""
    part = _UNSAFE_NAME_CHARS.sub("_", text).strip("._")
    return part or "_"


def evidence_path(number: int, requirement_key: str, sha256: str, extension: str) -> str:
    """`data/evidence/<nn>_<requirement>_<sha8>.<ext>` (nn counts from 01 in case order)."""
    ext = safe_name_part(extension.lower().lstrip("."))
    return f"data/evidence/{number:02d}_{safe_name_part(requirement_key)}_{sha256[:8].lower()}.{ext}"


def annotated_path(number: int, requirement_key: str, sha256: str, extension: str = "jpg") -> str:
    """The annotated render of an evidence photo, named like the original."""
    return evidence_path(number, requirement_key, sha256, extension).replace("data/evidence/", "data/annotated/", 1)


def annotated_frame_path(number: int, requirement_key: str, sha256: str, time_ms: int) -> str:
    """The annotated render of one moment of an evidence video: `..._<sha8>_t<ms>ms.jpg`."""
    return annotated_path(number, requirement_key, sha256, "jpg").removesuffix(".jpg") + f"_t{time_ms}ms.jpg"


def check_bag_name(name: str) -> str:
    if not name or name in {".", ".."} or _UNSAFE_NAME_CHARS.search(name):
        raise ArchiveError(f"bad bag name {name!r}: use ASCII letters, digits, _ . - only")
    return name


def check_payload_path(path: str) -> str:
    """A payload path as the manifest will list it: NFC, '/'-separated, under data/, no empty,
    '.' or '..' segments, no control characters and no '%'. RFC 8493 percent-encodes CR, LF and
    '%' in manifests, but the Library of Congress `bagit` package decodes only CR and LF, so a
    name with '%' would fail there: such names are refused instead (ours never have one)."""
    path = unicodedata.normalize("NFC", path)
    parts = path.split("/")
    if (len(parts) < 2 or parts[0] != "data" or any(p in {"", ".", ".."} for p in parts)
            or "\\" in path or "%" in path or any(ord(c) < 32 or ord(c) == 127 for c in path)):
        raise ArchiveError(f"bad payload path {path!r}: it must be data/<name> with plain segments, without %")
    return path


def encode_manifest_path(path: str) -> str:
    """RFC 8493 §2.1.3: CR, LF and % in a file path are percent-encoded in manifests."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def decode_manifest_path(text: str) -> str:
    return re.sub(r"%(0[dD]|0[aA]|25)", lambda m: {"0d": "\r", "0a": "\n", "25": "%"}[m.group(1).lower()], text)


def _should_compress(path: str) -> bool:
    return path.rsplit(".", 1)[-1].lower() not in STORED_EXTENSIONS


# ----------------------------------------------------------------------------- tag files




def _info_value(value: Any) -> str:
    # Tag values are one line here: no folding needed, nothing a reader could misparse.
    return " ".join(str(value).split())


def _check_info_label(label: str) -> str:
    if not label or label != label.strip() or ":" in label or any(ord(c) < 32 for c in label):
        raise ArchiveError(f"bad bag-info label {label!r}")
    if label in RESERVED_INFO_LABELS:
        raise ArchiveError(f"bag-info label {label!r} is filled by the archive writer")
    return label


def bag_info_text(fields: Sequence[tuple[str, str]]) -> bytes:
    return "".join(f"{label}: {_info_value(value)}\n" for label, value in fields).encode("utf-8")


def manifest_text(entries: Iterable[tuple[str, str]]) -> bytes:
    """`<sha256>  <path>` lines (two spaces, as sha256sum writes them)."""
    return "".join(f"{digest}  {encode_manifest_path(path)}\n" for path, digest in entries).encode("utf-8")


# ----------------------------------------------------------------------------- JSON helpers


def json_bytes(value: Any) -> bytes:
    """Pretty JSON (UTF-8, 2-space indent) of plain data or msgspec Structs."""
    return msgspec.json.format(msgspec.json.encode(value), indent=2) + b"\n"


def jsonl_chunks(items: Iterable[Any], *, batch_bytes: int = 64 * 1024) -> Iterator[bytes]:
    """JSON Lines from an iterable, batched into chunks. For data/audit.jsonl pass each event as
    stored: seq, at, actor_id, action, object_type, object_id, case_id, details (the canonical
    JSON string itself, not a parsed object), prev_hash, hash."""
    lines = _JsonLines(batch_bytes)
    for item in items:
        if batch := lines.add(item):
            yield batch
    if rest := lines.rest():
        yield rest


async def ajsonl_chunks(items: AsyncIterable[Any], *, batch_bytes: int = 64 * 1024) -> AsyncIterator[bytes]:
    """jsonl_chunks over an async iterable (rows streamed from the database)."""
    lines = _JsonLines(batch_bytes)
    async for item in items:
        if batch := lines.add(item):
            yield batch
    if rest := lines.rest():
        yield rest


class _JsonLines:
    """JSON Lines encoded into one buffer, handed out about `batch_bytes` at a time."""

    def __init__(self, batch_bytes: int):
        self.encoder = msgspec.json.Encoder()
        self.buffer = bytearray()
        self.batch_bytes = batch_bytes

    def add(self, item: Any) -> bytes | None:
        self.encoder.encode_into(item, self.buffer, len(self.buffer))
        self.buffer += b"\n"
        return self.rest() if len(self.buffer) >= self.batch_bytes else None

    def rest(self) -> bytes | None:
        if not self.buffer:
            return None
        batch = bytes(self.buffer)
        self.buffer.clear()
        return batch


# ----------------------------------------------------------------------------- the writer


class BagStream:
    """One bag as a stream of zip bytes: iterate it (sync) or async-iterate it, once.

    Sync iteration reads files and sync iterators in the calling thread and refuses async
    sources. Async iteration accepts every kind of source and does the blocking and CPU-heavy
    part of each chunk (file read, sha256, CRC-32, deflate) in a worker thread, so the event loop
    never stalls. `summary` is set when the stream has ended."""

    def __init__(self, content: ArchiveContent, signer: BagSigner | None = None) -> None:
        self.content = content
        self.signer = signer
        self.summary: BagSummary | None = None
        self._root = check_bag_name(content.bag_name) + "/"
        self._created = content.created_at or datetime.now(UTC)
        if self._created.tzinfo is None:
            raise ArchiveError("created_at must be timezone-aware")
        self._local = self._created.astimezone(ZoneInfo(content.timezone))
        self._info_extra = [(_check_info_label(label), value) for label, value in content.info]
        self._zip = ZipStream()
        self._manifest: dict[str, str] = {}
        self._payload_bytes = 0
        self._started = False
        # The entry being written.
        self._hash = None
        self._path = ""
        self._count = 0

    # -- steps shared by both kinds of iteration --------------------------------------------

    def _claim(self) -> None:
        if self._started:
            raise RuntimeError("a BagStream can be iterated only once")
        self._started = True

    def _head(self) -> Iterator[bytes]:
        yield from self._zip.add(self._root + BAGIT_TXT, BAGIT_TXT_CONTENT, modified=self._local,
                                 force_zip64=self.content.force_zip64)

    def _open(self, item: PayloadFile, size: int | None) -> list[bytes]:
        path = check_payload_path(item.path)
        if path in self._manifest:
            raise ArchiveError(f"payload path given twice: {path}")
        if item.size is not None and size is not None and item.size != size:
            raise ArchiveError(f"{path}: declared size {item.size} but the file has {size} bytes")
        compress = _should_compress(path) if item.compress is None else item.compress
        modified = item.modified.astimezone(self._local.tzinfo) if item.modified else self._local
        self._hash = hashlib.sha256()
        self._count = 0
        self._path = path
        self._manifest[path] = ""  # reserved; the digest is filled in by _close
        return self._zip.start(self._root + path, modified=modified, size=size if size is not None else item.size,
                               compress=compress, force_zip64=self.content.force_zip64)

    def _absorb(self, data: bytes) -> list[bytes]:
        if not data:
            return []
        self._count += len(data)
        if len(data) < _PARALLEL_HASH:
            self._hash.update(data)
            return self._zip.write(data)
        # sha256 (for the manifest) and CRC-32 (for the zip) both release the GIL on large
        # buffers: compute them side by side on two cores.
        hashed = _HASHERS.submit(self._hash.update, data)
        try:
            return self._zip.write(data)
        finally:
            hashed.result()

    def _close(self, expected: int | None) -> list[bytes]:
        path = self._path
        if expected is not None and self._count != expected:
            raise ArchiveError(f"{path}: expected {expected} bytes but the source gave {self._count}")
        self._manifest[path] = self._hash.hexdigest()
        self._payload_bytes += self._count
        self._hash = None
        return self._zip.end()

    def _tail(self) -> Iterator[bytes]:
        modified = self._local
        zip64 = self.content.force_zip64
        manifest = manifest_text(self._manifest.items())
        info = self._bag_info()
        tag_entries = []
        for name, data in ((BAGIT_TXT, BAGIT_TXT_CONTENT), (BAG_INFO_TXT, info), (MANIFEST_TXT, manifest)):
            tag_entries.append((name, hashlib.sha256(data).hexdigest()))
        tagmanifest = manifest_text(tag_entries)
        yield from self._zip.add(self._root + MANIFEST_TXT, manifest, modified=modified, compress=True,
                                 force_zip64=zip64)
        yield from self._zip.add(self._root + BAG_INFO_TXT, info, modified=modified, compress=True,
                                 force_zip64=zip64)
        yield from self._zip.add(self._root + TAGMANIFEST_TXT, tagmanifest, modified=modified, compress=True,
                                 force_zip64=zip64)
        signature = None
        if self.signer is not None:
            signature = self.signer.sign(tagmanifest)
            yield from self._zip.add(self._root + SIGNATURE_FILE, signature, modified=modified, force_zip64=zip64)
        yield from self._zip.finish()
        self.summary = BagSummary(
            bag_name=self.content.bag_name,
            payload_files=len(self._manifest),
            payload_bytes=self._payload_bytes,
            payload_oxum=self._oxum(),
            tagmanifest_sha256=hashlib.sha256(tagmanifest).hexdigest(),
            signature_base64=base64.b64encode(signature).decode("ascii") if signature else None,
            key_fingerprint=self.signer.fingerprint() if self.signer else None,
            archive_bytes=self._zip.bytes_out,
            manifest=dict(self._manifest),
        )

    def _oxum(self) -> str:
        return f"{self._payload_bytes}.{len(self._manifest)}"

    def _bag_info(self) -> bytes:
        fields: list[tuple[str, str]] = [
            ("Source-Organization", self.content.source_organization),
            ("External-Identifier", self.content.external_identifier),
            ("Bagging-Date", self._local.date().isoformat()),
            ("Payload-Oxum", self._oxum()),
            ("Bag-Size", human_size(self._payload_bytes)),
            ("Bag-Software-Agent", "Takan archive writer (server.bagit)"),
            *self._info_extra,
        ]
        if self.signer is not None:
            fields += [
                (INFO_SIGNATURE_ALGORITHM, self.signer.algorithm),
                (INFO_SIGNATURE_FILE, SIGNATURE_FILE),
                (INFO_SIGNING_KEY, self.signer.public_key_base64()),
                (INFO_SIGNING_KEY_FINGERPRINT, self.signer.fingerprint()),
            ]
        return bag_info_text(fields)

    # -- sync ---------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[bytes]:
        self._claim()
        try:
            yield from self._head()
            for item in self.content.files:
                yield from self._payload_sync(item)
            yield from self._tail()
        finally:
            self._zip.abort()  # a consumer that stopped early (a client that hung up)

    def _payload_sync(self, item: PayloadFile) -> Iterator[bytes]:
        source = item.source
        if isinstance(source, bytes | bytearray | memoryview):
            data = memoryview(source).cast("B")
            yield from self._open(item, len(data))
            for start in range(0, len(data), CHUNK_SIZE):
                yield from self._absorb(bytes(data[start:start + CHUNK_SIZE]))
            yield from self._close(len(data))
        elif isinstance(source, str | os.PathLike):
            with open(source, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                yield from self._open(item, size)
                while chunk := handle.read(CHUNK_SIZE):
                    yield from self._absorb(chunk)
                yield from self._close(size)
        elif callable(source):
            chunks = source()
            if not isinstance(chunks, Iterable):
                raise ArchiveError(f"{item.path}: an async source needs async iteration (aiter_bag)")
            yield from self._open(item, None)
            for chunk in chunks:
                yield from self._absorb(chunk)
            yield from self._close(item.size)
        else:
            raise ArchiveError(f"{item.path}: unsupported source {type(source).__name__}")

    # -- async --------------------------------------------------------------------------------

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self._claim()
        try:
            for chunk in self._head():
                yield chunk
            files = self.content.files
            if isinstance(files, AsyncIterable):
                async for item in files:
                    async with aclosing(self._payload_async(item)) as chunks:
                        async for chunk in chunks:
                            yield chunk
            else:
                for item in files:
                    async with aclosing(self._payload_async(item)) as chunks:
                        async for chunk in chunks:
                            yield chunk
            for chunk in self._tail():
                yield chunk
        finally:
            self._zip.abort()

    async def _payload_async(self, item: PayloadFile) -> AsyncIterator[bytes]:
        source = item.source
        if isinstance(source, str | os.PathLike):
            handle: BinaryIO = await asyncio.to_thread(open, source, "rb")
            try:
                size = os.fstat(handle.fileno()).st_size
                for chunk in self._open(item, size):
                    yield chunk

                def steps() -> Iterator[list[bytes]]:
                    while data := handle.read(CHUNK_SIZE):
                        yield self._absorb(data)

                async with aclosing(_in_thread(steps)) as chunks:
                    async for chunk in chunks:
                        yield chunk
            finally:
                await asyncio.to_thread(handle.close)
            for chunk in self._close(size):
                yield chunk
        elif callable(source) and not isinstance(source, bytes | bytearray | memoryview):
            # Called in a thread: a sync factory may do real work before returning (an async
            # generator function only makes its generator).
            chunks = await asyncio.to_thread(source)
            for chunk in self._open(item, None):
                yield chunk
            if isinstance(chunks, AsyncIterable):
                try:
                    async for data in chunks:
                        out = (await asyncio.to_thread(self._absorb, data) if len(data) >= _THREAD_THRESHOLD
                               else self._absorb(data))
                        for chunk in out:
                            yield chunk
                finally:
                    if isinstance(chunks, AsyncGenerator):
                        await chunks.aclose()
            else:
                async with aclosing(_in_thread(lambda: (self._absorb(data) for data in chunks))) as outputs:
                    async for chunk in outputs:
                        yield chunk
            for chunk in self._close(item.size):
                yield chunk
        else:
            # Bytes in memory: small by nature; the sync path does it.
            for chunk in self._payload_sync(item):
                yield chunk


async def _in_thread(steps: Callable[[], Iterable[list[bytes]]]) -> AsyncIterator[bytes]:
    """Run a sync producer of output chunks in its own thread and hand its outputs to the event
    loop, at most _IN_FLIGHT of them waiting (backpressure). One thread per file rather than a
    worker-pool trip per chunk: the trips cost a third of the throughput."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()
    slots = threading.Semaphore(_IN_FLIGHT)
    stop = threading.Event()
    done = object()

    def post(value: object) -> None:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, value)
        except RuntimeError:  # the loop is closed: nobody is listening any more
            stop.set()

    def run() -> None:
        try:
            for out in steps():
                slots.acquire()
                if stop.is_set():
                    return
                post(out)
            post(done)
        except BaseException as exc:  # handed to the consumer, raised there
            post(exc)

    thread = threading.Thread(target=run, name="takan-bag-pump", daemon=True)
    thread.start()
    try:
        while True:
            item = await queue.get()
            slots.release()
            if item is done:
                break
            if isinstance(item, BaseException):
                raise item
            for chunk in item:
                yield chunk
    finally:
        stop.set()
        slots.release()  # wake the producer if it waits for a slot, so it sees `stop`
        if thread.is_alive():
            await asyncio.to_thread(thread.join)


# Chunks at least this large get their sha256 computed beside their CRC-32, in this pool.
_PARALLEL_HASH = 256 * 1024
_HASHERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="takan-bag-hash")
# Chunks at least this large from an async source are hashed in a worker thread.
_THREAD_THRESHOLD = 256 * 1024
# Outputs of a producer thread waiting for the event loop (each about one chunk).
_IN_FLIGHT = 4


def iter_bag(content: ArchiveContent, signer: BagSigner | None = None) -> Iterator[bytes]:
    """The bag's zip as a generator of byte chunks (sync sources only)."""
    return iter(BagStream(content, signer))


def aiter_bag(content: ArchiveContent, signer: BagSigner | None = None) -> AsyncIterator[bytes]:
    """The bag's zip as an async generator of byte chunks (any source)."""
    return BagStream(content, signer).__aiter__()


def write_bag(content: ArchiveContent, destination: Path, signer: BagSigner | None = None) -> BagSummary:
    """Write the bag's zip to a file (atomically: a temp file renamed into place)."""
    stream = BagStream(content, signer)
    temp = destination.with_name(destination.name + ".part")
    with open(temp, "wb") as out:
        for chunk in stream:
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    temp.replace(destination)
    assert stream.summary is not None
    return stream.summary
