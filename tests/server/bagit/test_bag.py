"""The streamed BagIt zip: what an independent validator says, what the tag files hold, and how
the stream behaves."""

import hashlib
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import bagit
import pytest

from server.bagit.bag import (
    AUDIT_JSONL,
    CASE_JSON,
    SIGNATURE_FILE,
    ArchiveContent,
    ArchiveError,
    BagStream,
    PayloadFile,
    aiter_bag,
    annotated_path,
    evidence_path,
    iter_bag,
    write_bag,
)
from server.bagit.signing import verify_signature
from tests.server.bagit.util import (
    CREATED,
    EVIDENCE_A,
    EVIDENCE_B,
    REFERENCE,
    extract,
    read_entry,
    sample_bag,
    sample_content,
)

ROOT = REFERENCE + "/"


def test_library_of_congress_bagit_validates_the_extracted_bag(tmp_path, archive_key):
    archive = sample_bag(tmp_path, archive_key)
    bag_dir = extract(archive, tmp_path / "out")
    bag = bagit.Bag(str(bag_dir))
    assert bag.validate(processes=1) is True
    assert bag.info["External-Identifier"] == REFERENCE
    assert bag.info["Source-Organization"] == "县行政审批服务局"
    assert bag.info["External-Description"] == "现场踏勘案件归档"
    assert set(bag.payload_entries()) == {CASE_JSON, EVIDENCE_A, EVIDENCE_B, "data/evidence/evidence.json",
                                          "data/opinions.json", AUDIT_JSONL}
    # The tag manifest covers the three tag files; the signature sits next to it, unlisted.
    assert set(bag.tagfile_entries()) == {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}
    assert (bag_dir / SIGNATURE_FILE).is_file()


def test_bagit_notices_a_changed_payload_file(tmp_path, archive_key):
    """The control for the test above: the same validator does fail a damaged bag."""
    bag_dir = extract(sample_bag(tmp_path, archive_key), tmp_path / "out")
    evidence = bag_dir / EVIDENCE_A
    data = bytearray(evidence.read_bytes())
    data[100] ^= 1
    evidence.write_bytes(bytes(data))
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(bag_dir)).validate()


def test_layout_tag_files_and_oxum(tmp_path, archive_key):
    archive = sample_bag(tmp_path, archive_key)
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert names[0] == ROOT + "bagit.txt"
        assert names[-4:] == [ROOT + n for n in ("manifest-sha256.txt", "bag-info.txt", "tagmanifest-sha256.txt",
                                                 SIGNATURE_FILE)]
        assert all(n.startswith(ROOT) for n in names)
        assert zf.read(ROOT + "bagit.txt") == b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
        payload = {n[len(ROOT):]: zf.read(n) for n in names if n.startswith(ROOT + "data/")}
        manifest = zf.read(ROOT + "manifest-sha256.txt").decode()
        info = zf.read(ROOT + "bag-info.txt").decode()
        tagmanifest = zf.read(ROOT + "tagmanifest-sha256.txt")
        signature = zf.read(ROOT + SIGNATURE_FILE)
        # Media is stored, text deflated.
        assert zf.getinfo(ROOT + EVIDENCE_A).compress_type == zipfile.ZIP_STORED
        assert zf.getinfo(ROOT + EVIDENCE_B).compress_type == zipfile.ZIP_STORED
        assert zf.getinfo(ROOT + CASE_JSON).compress_type == zipfile.ZIP_DEFLATED
    expected = "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in payload.items())
    assert manifest == expected
    octets = sum(len(d) for d in payload.values())
    assert f"Payload-Oxum: {octets}.{len(payload)}\n" in info
    assert "Bagging-Date: 2026-11-20\n" in info  # CREATED in Asia/Shanghai
    assert f"Takan-Signing-Key: {archive_key.public_key_base64()}\n" in info
    assert verify_signature(archive_key.public_key, tagmanifest, signature)


def test_forced_zip64_is_read_by_python_info_zip_and_bagit(tmp_path, archive_key):
    archive = sample_bag(tmp_path, archive_key, force_zip64=True)
    raw = archive.read_bytes()
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
    assert len(infos) == 11
    # Every local header carries the ZIP64 extra field (id 0x0001), needs version 4.5, and defers
    # CRC and sizes to a data descriptor (the output cannot seek back).
    for info in infos:
        offset = info.header_offset
        assert raw[offset:offset + 4] == b"PK\x03\x04"
        version, flags = struct.unpack_from("<HH", raw, offset + 4)
        name_len, _extra_len = struct.unpack_from("<HH", raw, offset + 26)
        extra_id = struct.unpack_from("<H", raw, offset + 30 + name_len)[0]
        assert (version, flags & 0x08, extra_id) == (45, 0x08, 0x0001), info.filename
    with zipfile.ZipFile(archive) as zf:
        assert zf.testzip() is None
    if shutil.which("unzip"):
        assert subprocess.run(["unzip", "-tq", str(archive)], capture_output=True).returncode == 0
    assert bagit.Bag(str(extract(archive, tmp_path / "out"))).is_valid()


def test_streaming_starts_before_any_source_is_read(tmp_path):
    touched = []

    def late():
        touched.append("called")
        yield b"x" * 10

    content = ArchiveContent(bag_name="B", external_identifier="B", source_organization="O",
                             files=[PayloadFile("data/a.bin", late)], created_at=CREATED)
    stream = iter_bag(content)
    first = next(stream)
    assert first.startswith(b"PK\x03\x04") and touched == []
    rest = b"".join(stream)
    assert touched == ["called"]
    with zipfile.ZipFile(__import__("io").BytesIO(first + rest)) as zf:
        assert zf.read("B/data/a.bin") == b"x" * 10


def test_output_is_reproducible(tmp_path, archive_key):
    one = sample_bag(tmp_path, archive_key, name="one.zip").read_bytes()
    two = sample_bag(tmp_path, archive_key, name="two.zip").read_bytes()
    assert one == two


async def test_async_stream_takes_async_and_sync_sources(tmp_path, archive_key):
    big = tmp_path / "big.bin"
    big.write_bytes(b"\x01\x02" * 1_500_000)

    async def chunks():
        for n in range(5):
            yield bytes([n]) * 400_000  # above the size that goes to a worker thread

    async def files():
        yield PayloadFile("data/evidence/01_a_00000000.mp4", big)
        yield PayloadFile("data/async.bin", chunks, size=2_000_000)
        yield PayloadFile("data/sync.jsonl", lambda: iter([b'{"a":1}\n', b'{"b":2}\n']))
        yield PayloadFile("data/bytes.json", b"{}")

    content = ArchiveContent(bag_name="ASYNC", external_identifier="X", source_organization="O", files=files(),
                             created_at=CREATED)
    stream = BagStream(content, archive_key)
    out = bytearray()
    async for chunk in stream:
        out += chunk
    archive = tmp_path / "async.zip"
    archive.write_bytes(out)
    assert stream.summary is not None
    assert stream.summary.payload_oxum == f"{3_000_000 + 2_000_000 + 16 + 2}.4"
    assert stream.summary.archive_bytes == len(out)
    assert read_entry(archive, "ASYNC/data/async.bin") == b"".join(bytes([n]) * 400_000 for n in range(5))
    assert bagit.Bag(str(extract(archive, tmp_path / "out"))).is_valid()


async def test_async_and_sync_streams_give_the_same_bytes(tmp_path, archive_key):
    sync_bytes = b"".join(iter_bag(sample_content(tmp_path), archive_key))
    async_bytes = b"".join([chunk async for chunk in aiter_bag(sample_content(tmp_path), archive_key)])
    assert sync_bytes == async_bytes


def test_sync_stream_refuses_an_async_source():
    async def chunks():
        yield b"x"

    content = ArchiveContent(bag_name="B", external_identifier="B", source_organization="O",
                             files=[PayloadFile("data/a.bin", chunks)], created_at=CREATED)
    with pytest.raises(ArchiveError, match="aiter_bag"):
        b"".join(iter_bag(content))


@pytest.mark.parametrize("path", ["case.json", "data/../x", "data//x", "/data/x", "data/a\nb", "data/50%.txt",
                                  "data\\x", "data/"])
def test_bad_payload_paths_are_refused(path):
    content = ArchiveContent(bag_name="B", external_identifier="B", source_organization="O",
                             files=[PayloadFile(path, b"x")], created_at=CREATED)
    with pytest.raises(ArchiveError):
        b"".join(iter_bag(content))


def test_bad_bag_names_duplicates_and_reserved_labels_are_refused():
    with pytest.raises(ArchiveError):
        BagStream(ArchiveContent(bag_name="a/b", external_identifier="", source_organization="", files=[]))
    with pytest.raises(ArchiveError):
        BagStream(ArchiveContent(bag_name="B", external_identifier="", source_organization="", files=[],
                                 info=[("Payload-Oxum", "1.1")]))
    twice = ArchiveContent(bag_name="B", external_identifier="B", source_organization="O", created_at=CREATED,
                           files=[PayloadFile("data/a", b"1"), PayloadFile("data/a", b"2")])
    with pytest.raises(ArchiveError, match="twice"):
        b"".join(iter_bag(twice))


def test_a_source_that_lies_about_its_size_is_refused(tmp_path):
    content = ArchiveContent(bag_name="B", external_identifier="B", source_organization="O", created_at=CREATED,
                             files=[PayloadFile("data/a.bin", lambda: iter([b"abc"]), size=4)])
    with pytest.raises(ArchiveError, match="expected 4 bytes"):
        b"".join(iter_bag(content))
    blob = tmp_path / "blob"
    blob.write_bytes(b"abc")
    content.files = [PayloadFile("data/a.bin", blob, size=5)]
    with pytest.raises(ArchiveError, match="declared size 5"):
        b"".join(iter_bag(content))


def test_unsigned_bag_still_validates(tmp_path):
    archive = sample_bag(tmp_path, None)
    with zipfile.ZipFile(archive) as zf:
        assert ROOT + SIGNATURE_FILE not in zf.namelist()
        assert b"Takan-Signing-Key" not in zf.read(ROOT + "bag-info.txt")
    assert bagit.Bag(str(extract(archive, tmp_path / "out"))).is_valid()


def test_write_bag_replaces_atomically_and_reports(tmp_path, archive_key):
    target = tmp_path / "case.zip"
    summary = write_bag(sample_content(tmp_path), target, archive_key)
    assert not (tmp_path / "case.zip.part").exists()
    assert summary.archive_bytes == target.stat().st_size
    assert summary.key_fingerprint == archive_key.fingerprint()
    assert summary.tagmanifest_sha256 == hashlib.sha256(read_entry(target, ROOT + "tagmanifest-sha256.txt")).hexdigest()
    assert set(summary.manifest) >= {CASE_JSON, EVIDENCE_A, AUDIT_JSONL}


def test_naming_helpers():
    sha = "0123456789abcdef" * 4
    assert evidence_path(3, "site_sign", sha, ".JPG") == "data/evidence/03_site_sign_01234567.jpg"
    assert evidence_path(12, "floor/count", sha, "mp4") == "data/evidence/12_floor_count_01234567.mp4"
    assert annotated_path(3, "site_sign", sha) == "data/annotated/03_site_sign_01234567.jpg"


def test_the_stream_can_be_consumed_once(tmp_path):
    stream = BagStream(sample_content(tmp_path))
    b"".join(stream)
    with pytest.raises(RuntimeError):
        b"".join(stream)


def test_bytes_sources_larger_than_a_chunk(tmp_path):
    data = bytes(range(256)) * 10_000  # 2.5 MB: three chunks
    content = ArchiveContent(bag_name="B", external_identifier="B", source_organization="O", created_at=CREATED,
                             files=[PayloadFile("data/a.bin", data)])
    archive = tmp_path / "b.zip"
    write_bag(content, archive)
    assert read_entry(archive, "B/data/a.bin") == data
    assert Path(extract(archive, tmp_path / "out")).joinpath("data/a.bin").read_bytes() == data


async def test_closing_an_async_stream_early_stops_its_reader_thread(tmp_path):
    """A client that hangs up mid-download: the generator is closed, the file thread ends."""
    import threading

    big = tmp_path / "big.mp4"
    big.write_bytes(b"\0" * (20 * 1024 * 1024))
    content = ArchiveContent(bag_name="B", external_identifier="B", source_organization="O", created_at=CREATED,
                             files=[PayloadFile("data/big.mp4", big)])
    stream = aiter_bag(content)
    received = 0
    async for chunk in stream:
        received += len(chunk)
        if received > 3 * 1024 * 1024:
            break
    await stream.aclose()
    assert not [t for t in threading.enumerate() if t.name == "takan-bag-pump"]


async def test_an_error_in_a_sync_source_reaches_the_async_consumer():
    def broken():
        yield b"first"
        raise OSError("disk gone")

    content = ArchiveContent(bag_name="B", external_identifier="B", source_organization="O", created_at=CREATED,
                             files=[PayloadFile("data/a.bin", broken)])
    with pytest.raises(OSError, match="disk gone"):
        async for _ in aiter_bag(content):
            pass


def test_closing_a_sync_stream_early_is_quiet(tmp_path, monkeypatch):
    import gc
    import sys

    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    big = tmp_path / "big.mp4"
    big.write_bytes(b"\0" * (5 * 1024 * 1024))
    content = ArchiveContent(bag_name="B", external_identifier="B", source_organization="O", created_at=CREATED,
                             files=[PayloadFile("data/big.mp4", big)])
    stream = iter_bag(content)
    for _ in range(3):
        next(stream)
    stream.close()
    del stream
    gc.collect()
    assert unraisable == []
