"""GET /api/v1/cases/{id}/archive on a case with a whole story: the Library of Congress `bagit`
package calls the bag valid, every part the issue lists is there and says what happened, the
signature checks out with the published key, and the export is in the audit log."""

import hashlib
import io
import json
import zipfile
from pathlib import Path

import bagit
import pytest
from PIL import Image

from server.bagit import verify_archive
from shared.audit_chain import verify_events
from tests.server.bagit.util import extract


async def fetch_archive(client, survey, case_id: int, who: str = "auditor"):
    return await client.get(f"/api/v1/cases/{case_id}/archive", headers=survey.h(who))


@pytest.fixture
async def archive(client, survey, story, tmp_path) -> dict:
    case = story["case"]
    events_before = await survey.audit_events(case["id"])
    response = await fetch_archive(client, survey, case["id"])
    assert response.status_code == 200, response.text
    path = tmp_path / "archive.zip"
    path.write_bytes(response.content)
    root = extract(path, tmp_path / "extracted")
    return {"response": response, "path": path, "root": root, "events_before": events_before}


def load(root: Path, name: str):
    return json.loads((root / name).read_text(encoding="utf-8"))


async def test_the_archive_is_a_valid_bag_with_everything(client, survey, story, archive, settings, services):
    case = story["case"]
    response, root = archive["response"], archive["root"]
    assert response.headers["content-type"] == "application/zip"
    assert "content-length" not in response.headers  # streamed
    assert f'filename="{case["reference"]}.zip"' in response.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        assert {n.split("/", 1)[0] for n in zf.namelist()} == {case["reference"]}

    bag = bagit.Bag(str(root))
    bag.validate()  # raises BagValidationError otherwise
    assert bag.info["External-Identifier"] == case["reference"]
    assert bag.info["Source-Organization"] == settings.organisation
    assert bag.info["Takan-Case-Status"] == "approved"
    assert "Bagging-Date" in bag.info and "Payload-Oxum" in bag.info

    # case.json: the case, the item type with its checklist, the site, the applicant, the officers.
    doc = load(root, "data/case.json")
    assert doc["case"]["reference"] == case["reference"] and doc["case"]["status"] == "approved"
    assert doc["case"]["fields"] == {"beds": 4}
    assert [r["key"] for r in doc["item_type"]["checklist"]] == ["storefront", "room", "walk"]
    assert doc["site"]["name"] == "康宁诊所 城东分所"
    assert doc["applicant"]["display_name"] == "恒达置业 陈工"
    assert {o["display_name"] for o in doc["officers"]} == {"张伟", "李娜"}
    assert doc["rating"]["score"] == 5
    assert [h["to"] for h in doc["history"]] == ["submitted", "in_review", "rectification_requested", "submitted",
                                                 "in_review", "approved"]

    # Evidence: every original, superseded ones too, byte for byte; evidence.json marks them.
    evidence = load(root, "data/evidence/evidence.json")
    assert evidence["count"] == 5 and evidence["current"] == 3
    by_id = {i["id"]: i for i in evidence["items"]}
    assert by_id[story["room1"]["id"]]["superseded"] is True
    assert by_id[story["room1"]["id"]]["superseded_by"] == story["room2"]["id"]
    assert by_id[story["storefront1"]["id"]]["superseded"] is True
    assert by_id[story["storefront2"]["id"]]["superseded"] is False
    files = sorted(p.name for p in (root / "data" / "evidence").iterdir() if p.name != "evidence.json")
    assert len(files) == 5
    for item in evidence["items"]:
        data = (root / item["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"]
        stem = f"{item['number']:02d}_{item['requirement_key']}_{item['sha256'][:8]}"
        assert Path(item["file"]).name.startswith(stem)
        assert item["checks"], "the checks as recorded at ingest"
        assert services.store.blob_path(item["sha256"]).read_bytes() == data
    assert by_id[story["video"]["id"]]["file"].endswith(".mp4")

    # Annotations with their revisions, the deleted one kept and marked.
    annotations = load(root, "data/annotations.json")["annotations"]
    assert len(annotations) == 4
    edited = next(a for a in annotations if a["body"]["label"] == "招牌不完整")
    assert [r["body"]["label"] for r in edited["revisions"]] == ["招牌不全", "招牌不完整"]
    assert [a["deleted"] for a in annotations].count(True) == 1

    comments = load(root, "data/comments.json")["comments"]
    assert [c["body"] for c in comments] == ["门头招牌需完整入镜", "内部：注意核对床位数"]
    assert {c["visibility"] for c in comments} == {"applicant", "internal"}

    # Opinions of both rounds, per-requirement results, and what each officer opened.
    opinions = load(root, "data/opinions.json")
    assert [(o["round"], o["officer"]["display_name"], o["verdict"]) for o in opinions["opinions"]] == [
        (0, "张伟", "rectify"), (0, "李娜", "rectify"), (1, "张伟", "pass"), (1, "李娜", "pass")]
    assert opinions["opinions"][0]["requirement_results"][0] == {"key": "storefront", "result": "fail",
                                                                 "note": "招牌不全"}
    assert opinions["opinions"][0]["role"] == "主办" and opinions["opinions"][1]["role"] == "复核"
    views = {v["officer"]["display_name"]: v for v in opinions["views_by_officer"]}
    assert views["张伟"]["total_ms"] == 120_000 + 45_000 and views["张伟"]["items_opened"] == 4
    assert opinions["opinions"][2]["evidence_viewed_before_signing"] == {"items": 4, "total_ms": 165_000}

    # Annotated renders of the photos with current annotations (the originals untouched).
    annotated = sorted(p.name for p in (root / "data" / "annotated").iterdir())
    video = by_id[story["video"]["id"]]
    assert video["annotated_file"] is None
    assert video["annotated_frames"] == [{"time_ms": 1500, "file": video["file"].replace(
        "data/evidence/", "data/annotated/").removesuffix(".mp4") + "_t1500ms.jpg"}]
    assert annotated == sorted([*(Path(by_id[i]["annotated_file"]).name
                                  for i in (story["storefront1"]["id"], story["storefront2"]["id"])),
                                Path(video["annotated_frames"][0]["file"]).name])
    assert by_id[story["room2"]["id"]]["annotated_file"] is None
    # The video's frame at 1.5 s, its size, with the blue box drawn where it was pinned.
    with Image.open(root / video["annotated_frames"][0]["file"]) as frame:
        assert frame.size == (320, 240)
        rgb = frame.convert("RGB")
        edge = [rgb.getpixel((x, 120)) for x in range(234, 247)]  # across the box's right edge (x=240)
        assert any(b > 120 and r < 60 and g < 60 for r, g, b in edge), edge
        inside = rgb.getpixel((160, 120))
        assert not (inside[2] > 120 and inside[0] < 60 and inside[1] < 60)  # only the outline is drawn

    # The case's audit events as stored, each hash intact, exactly those before the export.
    lines = (root / "data/audit.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert all(isinstance(e["details"], str) for e in events)
    assert verify_events(events, after_hash=None) == len(events)
    assert [e["seq"] for e in events] == [e["seq"] for e in archive["events_before"]]
    assert [e["hash"] for e in events] == [e["hash"] for e in archive["events_before"]]

    assert (root / "data/report.pdf").read_bytes().startswith(b"%PDF")


async def test_the_signature_holds_with_the_published_key_and_the_export_is_audited(
        client, survey, story, archive, tmp_path):
    key = await client.get("/api/v1/archive-key")  # no login needed
    assert key.status_code == 200
    body = key.json()
    assert body["algorithm"] == "Ed25519" and body["fingerprint"].startswith("SHA256:")
    report = verify_archive(archive["path"], body["public_key_base64"])
    assert report.ok, report.problems
    assert report.signature.status == "valid" and report.signature.key_source == "external"
    assert report.audit.events == len(archive["events_before"]) and report.audit.broken == 0

    tagmanifest = (archive["root"] / "tagmanifest-sha256.txt").read_bytes()
    exported = [e for e in await survey.audit_events(story["case"]["id"]) if e["action"] == "archive.exported"]
    assert len(exported) == 1
    details = exported[0]["details"]
    assert exported[0]["actor_name"] == "王审计"
    assert details["tagmanifest_sha256"] == hashlib.sha256(tagmanifest).hexdigest()
    assert details["via"] == "http" and details["key_fingerprint"] == body["fingerprint"]
    assert details["archive_bytes"] == archive["path"].stat().st_size
    assert details["audit_events_up_to_seq"] == archive["events_before"][-1]["seq"]


async def test_only_auditors_and_admins_export(client, survey, story):
    case_id = story["case"]["id"]
    for who, status in (("officer", 403), ("applicant", 403), ("admin", 200)):
        assert (await fetch_archive(client, survey, case_id, who)).status_code == status
    missing = await fetch_archive(client, survey, 999_999)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


async def test_a_lost_evidence_file_is_named_not_archived(client, survey, story, services):
    blob = services.store.blob_path(story["room1"]["sha256"])
    blob.unlink()
    response = await fetch_archive(client, survey, story["case"]["id"])
    assert response.status_code == 500
    assert response.json()["code"] == "evidence_file_missing"
    assert response.json()["detail"]["evidence_id"] == story["room1"]["id"]
