"""Helpers for the archive tests: a small but complete case bag, and ways to tamper with a zip."""

import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageDraw

from server.bagit.bag import (
    AUDIT_JSONL,
    CASE_JSON,
    EVIDENCE_JSON,
    OPINIONS_JSON,
    ArchiveContent,
    PayloadFile,
    evidence_path,
    json_bytes,
    jsonl_chunks,
    write_bag,
)
from server.bagit.signing import ArchiveKey
from shared.audit_chain import GENESIS, canonical_json, event_hash

REFERENCE = "TK-2026-000123"
CREATED = datetime(2026, 11, 20, 6, 30, tzinfo=UTC)
SHA_A = "a1" * 32
SHA_B = "b2" * 32
EVIDENCE_A = evidence_path(1, "site_sign", SHA_A, "jpg")  # data/evidence/01_site_sign_a1a1a1a1.jpg
EVIDENCE_B = evidence_path(2, "elevation_south", SHA_B, "mp4")


def photo(path: Path, size: tuple[int, int] = (640, 480), colour: tuple[int, int, int] = (90, 140, 200)) -> Path:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle([size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2], fill=(220, 220, 200))
    image.save(path, format="JPEG", quality=90)
    return path


def audit_events(count: int = 5, *, start_seq: int = 40) -> list[dict]:
    """Events of one case, as the server stores them: each hashed over its predecessor in the
    global chain (here other cases' events sit in between, so prev_hash values are foreign)."""
    events = []
    prev = GENESIS
    for n in range(count):
        seq = start_seq + 3 * n
        event = {
            "seq": seq, "at": f"2026-11-0{2 + n}T02:00:00+00:00", "actor_id": 7, "action": "case.update",
            "object_type": "case", "object_id": 123, "case_id": 123,
            "details": canonical_json({"step": n, "note": "提交材料"}), "prev_hash": prev,
        }
        event["hash"] = event_hash(prev, event)
        events.append(event)
        prev = event_hash(event["hash"], {"seq": seq + 1})  # a neighbour from another case
    return events


def sample_content(tmp_path: Path, *, force_zip64: bool = False, extra: list[PayloadFile] | None = None,
                   events: list[dict] | None = None) -> ArchiveContent:
    media = tmp_path / "media"
    media.mkdir(exist_ok=True)
    jpeg = photo(media / "a.jpg")
    video = media / "b.mp4"
    video.write_bytes(bytes(range(256)) * 4000)
    events = audit_events() if events is None else events
    files = [
        PayloadFile(CASE_JSON, json_bytes({"reference": REFERENCE, "item_type": "商品房预售许可",
                                           "applicant": "恒达置业"})),
        PayloadFile(EVIDENCE_A, jpeg),
        PayloadFile(EVIDENCE_B, video),
        PayloadFile(EVIDENCE_JSON, json_bytes([{"number": 1, "sha256": SHA_A}, {"number": 2, "sha256": SHA_B}])),
        PayloadFile(OPINIONS_JSON, json_bytes([{"officer": "张伟", "verdict": "pass"}])),
        PayloadFile(AUDIT_JSONL, lambda: jsonl_chunks(events)),
        *(extra or []),
    ]
    return ArchiveContent(bag_name=REFERENCE, external_identifier=REFERENCE, source_organization="县行政审批服务局",
                          files=files, created_at=CREATED, info=[("External-Description", "现场踏勘案件归档")],
                          force_zip64=force_zip64)


def sample_bag(tmp_path: Path, key: ArchiveKey | None, name: str = "case.zip", **kwargs) -> Path:
    path = tmp_path / name
    write_bag(sample_content(tmp_path, **kwargs), path, key)
    return path


def rewrite_zip(source: Path, target: Path, change: Callable[[str, bytes], bytes | None] = lambda n, d: d,
                add: dict[str, bytes] | None = None) -> Path:
    """Copy a zip entry by entry through `change` (None drops the entry), then add entries: a
    well-formed zip with consistent CRCs, as someone editing an extracted archive would make."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


def read_entry(zip_path: Path, name: str) -> bytes:
    with zipfile.ZipFile(zip_path) as archive:
        return archive.read(name)


def extract(zip_path: Path, target: Path) -> Path:
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        archive.extractall(target)
    return target / names[0].split("/", 1)[0]


def jpeg_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()
