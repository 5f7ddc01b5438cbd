"""What a case archive holds, built from one snapshot of the case's record (`CaseRecord`): the
payload files in order, the bag-info fields, and the survey report's input. Plain functions over
plain data: no database, no HTTP. The evidence files are the media store's blobs, read as they
are (never a copy that could differ); the JSON files keep every stored value as stored (times as
the UTC text in the database, the checks and metadata as recorded at ingest).
"""

import asyncio
import json
import sqlite3
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec

from server.bagit import (
    ANNOTATIONS_JSON,
    AUDIT_JSONL,
    CASE_JSON,
    COMMENTS_JSON,
    EVIDENCE_JSON,
    OPINIONS_JSON,
    REPORT_PDF,
    PayloadFile,
    annotated_frame_path,
    annotated_path,
    evidence_path,
    json_bytes,
)
from server.clock import date_from_db, from_db
from server.ingest.sniff import EXTENSION
from shared.annotations import AnnotationIn
from shared.enums import CaseStatus

FORMAT = "takan-case-archive"
FORMAT_VERSION = 1
# Annotated renders are full size up to this many pixels on the longest side (a 100 MP photo
# would otherwise take 300 MB to draw on).
ANNOTATED_MAX_PIXELS = 4096
CHECK_NAMES_ZH = {
    "gps_present": "定位信息", "geofence": "拍摄位置", "gps_agreement": "定位一致性", "capture_time": "拍摄时间",
    "freshness": "拍摄时效", "edited": "编辑痕迹", "duplicate": "重复照片", "resolution": "分辨率",
    "video_duration": "视频时长",
}


@dataclass(slots=True)
class CaseRecord:
    """Everything about one case, read in one database snapshot."""

    case: sqlite3.Row
    item_type: sqlite3.Row
    site: sqlite3.Row
    applicant: sqlite3.Row
    officers: list[sqlite3.Row]
    evidence: list[sqlite3.Row]
    annotations: list[sqlite3.Row]
    revisions: list[sqlite3.Row]
    comments: list[sqlite3.Row]
    opinions: list[sqlite3.Row]
    views: list[sqlite3.Row]
    transitions: list[sqlite3.Row]
    rating: sqlite3.Row | None
    last_audit_seq: int

    @property
    def reference(self) -> str:
        return self.case["reference"]


@dataclass(slots=True)
class EvidenceEntry:
    """One evidence item's place in the archive."""

    number: int
    row: sqlite3.Row
    path: str  # data/evidence/<nn>_<requirement>_<sha8>.<ext>
    blob: Path
    annotations: list[AnnotationIn] = field(default_factory=list)  # current ones drawn on the photo
    annotated: str | None = None  # data/annotated/... when the photo has annotations to draw
    frames: list["AnnotatedFrame"] = field(default_factory=list)  # a video's annotated moments


@dataclass(slots=True)
class AnnotatedFrame:
    """One moment of an evidence video with the annotations pinned to it (and those pinned to no
    moment, which hold for the whole video), drawn on the frame shown then."""

    time_ms: int
    path: str  # data/annotated/..._t<ms>ms.jpg
    annotations: list[AnnotationIn]


def extension(mime: str) -> str:
    return EXTENSION.get(mime, "bin")


def _json(text: str | None, default: Any = None) -> Any:
    return default if text is None or text == "" else json.loads(text)


def _user(row: sqlite3.Row) -> dict:
    return {"id": row["id"], "username": row["username"], "display_name": row["display_name"],
            "role": row["role"], "organisation": row["organisation"]}


def drawable(annotation_row: sqlite3.Row) -> AnnotationIn | None:
    """The annotation as drawn: current (not deleted)."""
    if annotation_row["deleted_at"] is not None:
        return None
    return msgspec.json.decode(annotation_row["body"], type=AnnotationIn)


def video_frames(number: int, row: sqlite3.Row, annotations: list[AnnotationIn]) -> list[AnnotatedFrame]:
    """One render per moment an annotation is pinned to; annotations pinned to none are drawn on
    each (on the first frame when no annotation has a moment)."""
    timeless = [a for a in annotations if a.time_ms is None]
    moments = sorted({a.time_ms for a in annotations if a.time_ms is not None}) or ([0] if timeless else [])
    return [AnnotatedFrame(time_ms=t, path=annotated_frame_path(number, row["requirement_key"], row["sha256"], t),
                           annotations=[a for a in annotations if a.time_ms == t] + timeless)
            for t in moments]


def evidence_entries(record: CaseRecord, blob_path) -> list[EvidenceEntry]:
    """Number the evidence 01, 02, ... in the order it was received, and attach what is drawn
    on each photo and at each annotated moment of each video."""
    drawn: dict[int, list[AnnotationIn]] = defaultdict(list)
    for row in record.annotations:
        body = drawable(row)
        if body is not None:
            drawn[row["evidence_id"]].append(body)
    entries = []
    for number, row in enumerate(record.evidence, 1):
        ext = extension(row["mime"])
        entry = EvidenceEntry(number=number, row=row, path=evidence_path(number, row["requirement_key"],
                                                                          row["sha256"], ext),
                              blob=blob_path(row["sha256"]))
        if row["kind"] == "video":
            entry.frames = video_frames(number, row, drawn.get(row["id"], []))
        elif drawn.get(row["id"]):  # a photo's annotations have no moment (the API refuses one)
            entry.annotations = drawn[row["id"]]
            entry.annotated = annotated_path(number, row["requirement_key"], row["sha256"], "jpg")
        entries.append(entry)
    return entries


def _checklist(record: CaseRecord) -> list[dict]:
    return _json(record.case["checklist"], [])


def _titles(record: CaseRecord) -> dict[str, dict]:
    return {r["key"]: r for r in _checklist(record)}


# ----------------------------------------------------------------------------- case.json


def case_document(record: CaseRecord, *, bagged_at: datetime, exported_by: dict | None, organisation: str,
                  key_fingerprint: str, job_id: int | None = None) -> dict:
    c, it, s = record.case, record.item_type, record.site
    rating = record.rating
    return {
        "archive": {
            "format": FORMAT, "version": FORMAT_VERSION, "organisation": organisation,
            "bagged_at": bagged_at.isoformat(), "exported_by": exported_by, "export_job": job_id,
            "signing_key_fingerprint": key_fingerprint, "audit_events_up_to_seq": record.last_audit_seq,
        },
        "case": {
            "id": c["id"], "reference": c["reference"], "title": c["title"], "status": c["status"],
            "fields": _json(c["fields"], {}),
            # The checklist as it was when the case was created: what the case was judged against.
            "checklist": _checklist(record),
            "required_signoffs": c["required_signoffs"], "geofence_radius_m": c["geofence_radius_m"],
            "capture_window_days": c["capture_window_days"], "time_limit_days": c["time_limit_days"],
            "challenge_code": c["challenge_code"], "created_at": c["created_at"],
            "submitted_at": c["submitted_at"], "last_submitted_at": c["last_submitted_at"],
            "due_date": c["due_date"], "decided_at": c["decided_at"], "round": c["round"],
            "rectification": None if c["rectification_requested_at"] is None else {
                "requested_at": c["rectification_requested_at"], "deadline": c["rectify_deadline"],
                "requirements": _json(c["rectify_requirements"], []), "reasons": c["rectify_reasons"] or "",
            },
            "fail_checks": c["fail_checks"], "warn_checks": c["warn_checks"], "disputed": bool(c["disputed"]),
            "version": c["version"], "updated_at": c["updated_at"],
        },
        # The item type as the catalogue has it now (the case's own checklist is above).
        "item_type": {
            "id": it["id"], "code": it["code"], "name_zh": it["name_zh"], "name_en": it["name_en"],
            "guide_zh": it["guide_zh"], "guide_en": it["guide_en"], "time_limit_days": it["time_limit_days"],
            "geofence_radius_m": it["geofence_radius_m"], "required_signoffs": it["required_signoffs"],
            "capture_window_days": it["capture_window_days"], "fields": _json(it["fields"], []),
            "checklist": _json(it["checklist"], []), "active": bool(it["active"]), "version": it["version"],
            "updated_at": it["updated_at"],
        },
        "site": {
            "id": s["id"], "name": s["name"], "address": s["address"], "lat": s["lat"], "lon": s["lon"],
            "datum": "wgs84", "input_datum": s["input_datum"], "input_lat": s["input_lat"],
            "input_lon": s["input_lon"], "radius_m": s["radius_m"], "created_at": s["created_at"],
        },
        "applicant": _user(record.applicant),
        "officers": [{**_user(o), "assigned_at": o["assigned_at"], "assigned_by": o["assigned_by"]}
                     for o in record.officers],
        "history": [{"at": t["at"], "from": t["from_status"], "to": t["to_status"], "action": t["action"],
                     "actor": None if t["actor_id"] is None else {"id": t["actor_id"], "display_name": t["actor_name"]}}
                    for t in record.transitions],
        "rating": None if rating is None else {"score": rating["score"], "comment": rating["comment"],
                                               "created_at": rating["created_at"]},
    }


# ----------------------------------------------------------------------------- evidence.json


def evidence_document(record: CaseRecord, entries: Sequence[EvidenceEntry]) -> dict:
    titles = _titles(record)
    number_of = {e.row["id"]: e.number for e in entries}
    items = []
    for entry in entries:
        row = entry.row
        requirement = titles.get(row["requirement_key"], {})
        items.append({
            "number": entry.number, "file": entry.path, "annotated_file": entry.annotated,
            "annotated_frames": [{"time_ms": f.time_ms, "file": f.path} for f in entry.frames],
            "id": row["id"], "requirement_key": row["requirement_key"],
            "requirement_title_zh": requirement.get("title_zh", ""),
            "requirement_title_en": requirement.get("title_en", ""),
            "kind": row["kind"], "sha256": row["sha256"], "size": row["size"], "mime": row["mime"],
            "original_name": row["original_name"],
            "uploaded_by": {"id": row["uploaded_by"], "display_name": row["uploader_name"],
                            "organisation": row["uploader_organisation"]},
            "received_at": row["received_at"], "round": row["round"], "captured_at": row["captured_at"],
            "gps": None if row["gps_lat"] is None else {"lat": row["gps_lat"], "lon": row["gps_lon"], "datum": "wgs84"},
            "width": row["width"], "height": row["height"],
            "phash": None if row["phash"] is None else f"{row['phash'] & 0xFFFFFFFFFFFFFFFF:016x}",
            "metadata": _json(row["metadata"], {}), "client": _json(row["client"]),
            "checks": _json(row["checks"], []), "fail_count": row["fail_count"], "warn_count": row["warn_count"],
            "superseded": row["superseded_by"] is not None, "superseded_by": row["superseded_by"],
            "superseded_by_number": number_of.get(row["superseded_by"]), "superseded_at": row["superseded_at"],
        })
    return {"case": record.reference, "count": len(items),
            "current": sum(1 for i in items if not i["superseded"]), "items": items}


# ----------------------------------------------------------------------------- annotations, comments


def annotations_document(record: CaseRecord, entries: Sequence[EvidenceEntry]) -> dict:
    number_of = {e.row["id"]: e.number for e in entries}
    revisions: dict[int, list[dict]] = defaultdict(list)
    for r in record.revisions:
        revisions[r["annotation_id"]].append({
            "version": r["version"], "body": _json(r["body"]), "deleted": bool(r["deleted"]),
            "author": {"id": r["author_id"], "display_name": r["author_name"]}, "created_at": r["created_at"],
        })
    return {"case": record.reference, "annotations": [{
        "id": a["id"], "evidence_id": a["evidence_id"], "evidence_number": number_of.get(a["evidence_id"]),
        "author": {"id": a["author_id"], "display_name": a["author_name"], "organisation": a["author_organisation"]},
        "body": _json(a["body"]), "shared_with_applicant": bool(a["shared_with_applicant"]), "version": a["version"],
        "created_at": a["created_at"], "updated_at": a["updated_at"], "deleted": a["deleted_at"] is not None,
        "deleted_at": a["deleted_at"], "revisions": revisions.get(a["id"], []),
    } for a in record.annotations]}


def comments_document(record: CaseRecord, entries: Sequence[EvidenceEntry]) -> dict:
    number_of = {e.row["id"]: e.number for e in entries}
    return {"case": record.reference, "comments": [{
        "id": c["id"], "evidence_id": c["evidence_id"], "evidence_number": number_of.get(c["evidence_id"]),
        "parent_id": c["parent_id"], "author": {"id": c["author_id"], "display_name": c["author_name"],
                                                "role": c["author_role"]},
        "visibility": c["visibility"], "body": c["body"], "created_at": c["created_at"],
    } for c in record.comments]}


# ----------------------------------------------------------------------------- opinions and views


def signing_roles(opinions: Sequence[sqlite3.Row]) -> dict[int, str]:
    """主办 for the first signature of a round, 复核 for the ones after it."""
    roles, seen_rounds = {}, set()
    for o in opinions:  # in signing order
        roles[o["id"]] = "复核" if o["round"] in seen_rounds else "主办"
        seen_rounds.add(o["round"])
    return roles


def views_before(views: Sequence[sqlite3.Row], officer_id: int, moment: str | None) -> tuple[int, int]:
    """(distinct items opened, total milliseconds) by one officer, opened no later than `moment`
    (stored UTC text, which sorts as time)."""
    items, total = set(), 0
    for v in views:
        if v["officer_id"] == officer_id and (moment is None or v["opened_at"] <= moment):
            items.add(v["evidence_id"])
            total += v["duration_ms"]
    return len(items), total


def opinions_document(record: CaseRecord, entries: Sequence[EvidenceEntry]) -> dict:
    number_of = {e.row["id"]: e.number for e in entries}
    roles = signing_roles(record.opinions)
    opinions = []
    for o in record.opinions:
        items, total = views_before(record.views, o["officer_id"], o["updated_at"])
        opinions.append({
            "id": o["id"], "round": o["round"], "role": roles[o["id"]],
            "officer": {"id": o["officer_id"], "display_name": o["officer_name"],
                        "organisation": o["officer_organisation"]},
            "verdict": o["verdict"], "reasons": o["reasons"],
            "requirement_results": _json(o["requirement_results"], []),
            "rectify_deadline": o["rectify_deadline"], "rectify_requirements": _json(o["rectify_requirements"]),
            "signed_at": o["signed_at"], "updated_at": o["updated_at"], "version": o["version"],
            "evidence_viewed_before_signing": {"items": items, "total_ms": total},
        })
    per_officer: dict[int, dict] = {}
    for v in record.views:
        officer = per_officer.setdefault(v["officer_id"], {
            "officer": {"id": v["officer_id"], "display_name": v["officer_name"]}, "views": 0, "total_ms": 0,
            "evidence": {}})
        officer["views"] += 1
        officer["total_ms"] += v["duration_ms"]
        item = officer["evidence"].setdefault(v["evidence_id"], {
            "evidence_id": v["evidence_id"], "evidence_number": number_of.get(v["evidence_id"]), "views": 0,
            "total_ms": 0, "first_opened_at": v["opened_at"], "last_opened_at": v["opened_at"]})
        item["views"] += 1
        item["total_ms"] += v["duration_ms"]
        item["first_opened_at"] = min(item["first_opened_at"], v["opened_at"])
        item["last_opened_at"] = max(item["last_opened_at"], v["opened_at"])
    views_by_officer = [{**o, "items_opened": len(o["evidence"]), "evidence": list(o["evidence"].values())}
                        for o in per_officer.values()]
    return {
        "case": record.reference, "required_signoffs": record.case["required_signoffs"],
        "current_round": record.case["round"], "opinions": opinions, "views_by_officer": views_by_officer,
        "views": [{"id": v["id"], "evidence_id": v["evidence_id"], "evidence_number": number_of.get(v["evidence_id"]),
                   "officer_id": v["officer_id"], "opened_at": v["opened_at"], "duration_ms": v["duration_ms"],
                   "reported_at": v["reported_at"]} for v in record.views],
    }


# ----------------------------------------------------------------------------- bag-info


def bag_info(record: CaseRecord, *, exported_by: str, job_id: int | None) -> list[tuple[str, str]]:
    c = record.case
    info = [
        ("External-Description", f"现场踏勘案件归档 Site survey case archive: {c['reference']} {c['title']}"),
        ("Internal-Sender-Identifier", f"takan:case:{c['id']}"),
        ("Takan-Case-Status", c["status"]),
        ("Takan-Item-Type", f"{c['item_code']} {c['item_name_zh']}"),
        ("Takan-Applicant", f"{c['applicant_name']} {c['applicant_organisation']}".strip()),
        ("Takan-Created-At", c["created_at"]),
    ]
    for label, column in (("Takan-Submitted-At", "submitted_at"), ("Takan-Due-Date", "due_date"),
                          ("Takan-Decided-At", "decided_at")):
        if c[column]:
            info.append((label, c[column]))
    info += [
        ("Takan-Evidence-Items", str(len(record.evidence))),
        ("Takan-Audit-Events-Up-To-Seq", str(record.last_audit_seq)),
        ("Takan-Exported-By", exported_by),
    ]
    if job_id is not None:
        info.append(("Bag-Group-Identifier", f"takan-export-{job_id}"))
    return info


# ----------------------------------------------------------------------------- the report


def _report_requirement_results(record: CaseRecord) -> dict[str, tuple[str, str]]:
    """The checklist verdicts of the last round with opinions: fail if any officer failed the
    line, pass if every officer who judged it passed it; the notes of all, with their names."""
    if not record.opinions:
        return {}
    last_round = max(o["round"] for o in record.opinions)
    results: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for o in record.opinions:
        if o["round"] != last_round:
            continue
        for result in _json(o["requirement_results"], []):
            results[result["key"]].append((result["result"], result.get("note", ""), o["officer_name"]))
    merged = {}
    for key, judged in results.items():
        verdict = "fail" if any(r == "fail" for r, _, _ in judged) else "pass"
        notes = "；".join(f"{name}：{note}" for _, note, name in judged if note)
        merged[key] = (verdict, notes)
    return merged


def decision_text(record: CaseRecord) -> str:
    c = record.case
    status = c["status"]
    final = [o for o in record.opinions if o["round"] == c["round"]]
    names = "、".join(o["officer_name"] for o in final)
    if status == CaseStatus.approved:
        return f"准予通过现场踏勘（{names} 意见一致：通过）。" if names else "准予通过现场踏勘。"
    if status == CaseStatus.rejected:
        return f"现场踏勘不通过（{names} 意见一致：不通过）。" if names else "现场踏勘不通过。"
    if status == CaseStatus.rectification_requested:
        return f"限期整改中，整改期限 {c['rectify_deadline'] or '—'}。"
    if status == CaseStatus.withdrawn:
        return "申请人已撤回申请。"
    return "尚未作出决定。"


def report_input(record: CaseRecord, entries: Sequence[EvidenceEntry], *, thumbnail_of, organisation: str,
                 timezone: str, generated_at: datetime, notes: Sequence[str] = ()):
    """The survey report's input (server.report.pdf.ReportInput) from the record.
    `thumbnail_of(row)` gives the picture to show for an evidence item (or None)."""
    from server import report  # reportlab is loaded only when a report is made

    c = record.case
    titles = _titles(record)
    field_labels = {f["key"]: f.get("label_zh") or f["key"] for f in _json(record.item_type["fields"], [])}
    fields = [(field_labels.get(key, key), str(value)) for key, value in _json(c["fields"], {}).items()]
    current = [e for e in entries if e.row["superseded_by"] is None]
    results = _report_requirement_results(record)
    requirements = [
        report.ReportRequirement(
            key=r["key"], title=r.get("title_zh") or r["key"], kind=r.get("kind", "photo"),
            min_count=r.get("min_count", 1), required=r.get("required", True),
            evidence_count=sum(1 for e in current if e.row["requirement_key"] == r["key"]),
            result=results.get(r["key"], (None, ""))[0], note=results.get(r["key"], (None, ""))[1],
        )
        for r in _checklist(record)
    ]
    evidence = []
    for entry in entries:
        row = entry.row
        checks = _json(row["checks"], [])
        geofence = next((k for k in checks if k.get("name") == "geofence"), None)
        distance = (geofence or {}).get("data", {}).get("distance_m")
        metadata = _json(row["metadata"], {})
        device = " ".join(p for p in (metadata.get("make"), metadata.get("model")) if p)
        evidence.append(report.ReportEvidence(
            number=entry.number, requirement_key=row["requirement_key"],
            requirement_title=titles.get(row["requirement_key"], {}).get("title_zh", row["requirement_key"]),
            kind=row["kind"], file_name=entry.path, sha256=row["sha256"], size=row["size"], media_type=row["mime"],
            captured_at=from_db(row["captured_at"]), received_at=from_db(row["received_at"]),
            gps=(row["gps_lat"], row["gps_lon"]) if row["gps_lat"] is not None else None,
            distance_m=distance, device=device, duration_s=metadata.get("duration_s"),
            superseded=row["superseded_by"] is not None, thumbnail=thumbnail_of(row),
            annotations=list(entry.annotations), annotated_frames=len(entry.frames),
            checks=[report.ReportCheck(name=CHECK_NAMES_ZH.get(k.get("name", ""), k.get("name", "")),
                                status=k.get("status", "unknown"), message=k.get("message_zh", ""))
                    for k in checks],
        ))
    roles = signing_roles(record.opinions)
    opinions = []
    for o in record.opinions:
        items, total = views_before(record.views, o["officer_id"], o["updated_at"])
        minutes, seconds = divmod(total // 1000, 60)
        opinions.append(report.ReportOpinion(
            officer=o["officer_name"], verdict=o["verdict"], at=from_db(o["updated_at"]),
            role=f"第 {o['round'] + 1} 轮 {roles[o['id']]}", reasons=o["reasons"],
            rectification_deadline=date_from_db(o["rectify_deadline"]),
            requirement_results=[report.ReportRequirementResult(
                title=titles.get(r["key"], {}).get("title_zh", r["key"]), result=r["result"], note=r.get("note", ""))
                for r in _json(o["requirement_results"], [])],
            evidence_viewed=f"签署前查看材料 {items} 项，累计 {minutes} 分 {seconds} 秒",
        ))
    officers = [o["display_name"] for o in record.officers if o["role"] in ("officer", "admin")]
    return report.ReportInput(
        reference=c["reference"], title=c["title"], item_type=c["item_name_zh"], applicant=c["applicant_name"],
        applicant_organisation=c["applicant_organisation"], site_name=record.site["name"],
        site_address=record.site["address"], site_lat=record.site["lat"], site_lon=record.site["lon"],
        site_radius_m=c["geofence_radius_m"], status=c["status"], fields=fields, officers=officers,
        submitted_at=from_db(c["submitted_at"]), due_at=date_from_db(c["due_date"]),
        decided_at=from_db(c["decided_at"]), time_limit_days=c["time_limit_days"], decision=decision_text(record),
        requirements=requirements, evidence=evidence, opinions=opinions, organisation=organisation,
        generated_at=generated_at, timezone=timezone, notes=list(notes),
    )


# ----------------------------------------------------------------------------- payload


def annotated_chunks(source: Path, annotations: list[AnnotationIn]) -> Iterator[bytes]:
    """The annotated render, drawn when the bag writer reaches it (in its worker thread)."""
    from server.report import render_annotated

    yield render_annotated(source, annotations, max_size=ANNOTATED_MAX_PIXELS)


def annotated_frame_chunks(source: Path, frame: AnnotatedFrame, size: tuple[int, int] | None) -> Iterator[bytes]:
    """The video's picture at the frame's moment with its annotations drawn on it; a grey picture
    of the video's size when that frame cannot be decoded, so the shapes still show where they were."""
    from PIL import Image

    from server.ingest.derivatives import video_frame_at
    from server.report import render_annotated

    picture = video_frame_at(source, frame.time_ms)
    if picture is None:
        width, height = size if size and all(size) else (1280, 720)
        picture = Image.new("RGB", (width, height), (128, 128, 128))
    yield render_annotated(picture, frame.annotations, max_size=ANNOTATED_MAX_PIXELS)


def render_report(build_input) -> bytes:
    from server.report import render_report_pdf

    return render_report_pdf(build_input())


class EarlyReport:
    """The report PDF, rendered in a worker thread as soon as the archive starts streaming, so
    it is ready (or nearly) when the bag writer reaches it after the evidence, instead of adding
    its time at the end. Without a running event loop it is rendered when reached."""

    def __init__(self, build_input):
        self.build_input = build_input
        self.future: asyncio.Future | None = None

    def start(self) -> None:
        if self.future is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self.future = loop.run_in_executor(None, render_report, self.build_input)
        # An archive abandoned before the report leaves its outcome unread: mark it read.
        self.future.add_done_callback(lambda done: done.cancelled() or done.exception())

    async def chunks(self) -> AsyncIterator[bytes]:
        self.start()
        if self.future is None:
            yield await asyncio.to_thread(render_report, self.build_input)
        else:
            yield await self.future


def payload(record: CaseRecord, entries: Sequence[EvidenceEntry], *, case_doc: dict, build_report,
            audit_source) -> Iterator[PayloadFile]:
    """The payload in the order it is streamed: the small JSON records first (so a reader that
    stops early still has the facts), the evidence originals, the annotated renders, the
    report, and the audit events last. The report starts rendering alongside at once."""
    report = EarlyReport(build_report)
    report.start()  # the bag writer walks this generator on the event loop
    yield PayloadFile(CASE_JSON, json_bytes(case_doc))
    yield PayloadFile(EVIDENCE_JSON, json_bytes(evidence_document(record, entries)))
    yield PayloadFile(ANNOTATIONS_JSON, json_bytes(annotations_document(record, entries)))
    yield PayloadFile(COMMENTS_JSON, json_bytes(comments_document(record, entries)))
    yield PayloadFile(OPINIONS_JSON, json_bytes(opinions_document(record, entries)))
    for entry in entries:
        yield PayloadFile(entry.path, entry.blob, size=entry.row["size"], modified=from_db(entry.row["received_at"]))
    for entry in entries:
        if entry.annotated:
            blob, annotations = entry.blob, entry.annotations
            yield PayloadFile(entry.annotated, lambda blob=blob, annotations=annotations: annotated_chunks(
                blob, annotations))
        size = (entry.row["width"], entry.row["height"])
        for frame in entry.frames:
            yield PayloadFile(frame.path, lambda blob=entry.blob, frame=frame, size=size: annotated_frame_chunks(
                blob, frame, size))
    yield PayloadFile(REPORT_PDF, report.chunks)
    yield PayloadFile(AUDIT_JSONL, audit_source)


def local_date(text: str | None, tz) -> date | None:
    moment = from_db(text)
    return None if moment is None else moment.astimezone(tz).date()
