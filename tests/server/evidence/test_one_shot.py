"""The one-shot upload, the pipeline it shares with tus, the evidence API and its files."""

import hashlib
import json

import piexif
from PIL import Image

from tests.server.evidence.conftest import SITE_LAT, SITE_LON, site_photo, upload
from tests.support.api import table_counts


def checks_of(item) -> dict:
    return {c["name"]: c for c in item["checks"]}


async def test_photo_becomes_evidence(client, users, services, case, tmp_path):
    path = site_photo(tmp_path / "east.jpg")
    raw = path.read_bytes()
    r = await upload(client, users, case["id"], path, lat=SITE_LAT + 0.0003, lon=SITE_LON + 0.0002, accuracy=8,
                     captured_at="2026-11-02T11:00:05+08:00", device_id="phone-1")
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["sha256"] == hashlib.sha256(raw).hexdigest() and item["size"] == len(raw)
    assert item["mime"] == "image/jpeg" and item["kind"] == "photo" and item["requirement_key"] == "facade_east"
    assert abs(item["metadata"]["gps_lat"] - (SITE_LAT + 0.0003)) < 1e-6
    assert item["client"]["accuracy_m"] == 8 and item["client"]["device_id"] == "phone-1"
    assert (item["width"], item["height"]) == (2000, 1500)
    checks = checks_of(item)
    assert checks["geofence"]["status"] == "pass"
    assert checks["gps_agreement"]["status"] == "pass"
    assert "duplicate" not in checks and "edited" not in checks  # officers only
    blob = services.store.blob_path(item["sha256"])
    assert blob.read_bytes() == raw

    listed = (await client.get(f"/api/v1/cases/{case['id']}/evidence", headers=users.headers("officer"))).json()
    assert [i["id"] for i in listed["items"]] == [item["id"]]
    officer_checks = checks_of(listed["items"][0])
    assert officer_checks["duplicate"]["status"] == "pass" and officer_checks["edited"]["status"] == "pass"
    east = next(c for c in listed["coverage"] if c["key"] == "facade_east")
    assert east["count"] == 1 and east["satisfied"] is True

    audit = (await client.get(f"/api/v1/cases/{case['id']}/history", headers=users.headers("officer"))).json()
    added = [e for e in audit["items"] if e["action"] == "evidence.added"]
    assert len(added) == 1 and added[0]["details"]["sha256"] == item["sha256"]


async def test_files_with_etag_range_and_stripped_thumbnails(client, users, case, tmp_path):
    path = site_photo(tmp_path / "east.jpg", orientation=6)
    item = (await upload(client, users, case["id"], path)).json()
    h = users.headers("officer")
    original = await client.get(f"/api/v1/evidence/{item['id']}/file/original", headers=h)
    assert original.status_code == 200 and original.content == path.read_bytes()
    assert original.headers["etag"] == f'"{item["sha256"]}"'
    assert "immutable" in original.headers["cache-control"]
    again = await client.get(f"/api/v1/evidence/{item['id']}/file/original",
                             headers=h | {"If-None-Match": original.headers["etag"]})
    assert again.status_code == 304
    part = await client.get(f"/api/v1/evidence/{item['id']}/file/original", headers=h | {"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == path.read_bytes()[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(path.read_bytes())}"
    tail = await client.get(f"/api/v1/evidence/{item['id']}/file/original", headers=h | {"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == path.read_bytes()[-10:]
    past = await client.get(f"/api/v1/evidence/{item['id']}/file/original", headers=h | {"Range": "bytes=999999999-"})
    assert past.status_code == 416

    for variant, edge in (("thumb_256", 256), ("thumb_1280", 1280)):
        thumb = await client.get(f"/api/v1/evidence/{item['id']}/file/{variant}", headers=h)
        assert thumb.status_code == 200 and thumb.headers["content-type"].startswith("image/jpeg")
        (tmp_path / variant).write_bytes(thumb.content)
        with Image.open(tmp_path / variant) as im:
            assert max(im.size) == edge
            assert im.size[1] > im.size[0]  # orientation 6 applied: portrait
            assert "exif" not in im.info
    assert (await client.get(f"/api/v1/evidence/{item['id']}/file/poster", headers=h)).status_code == 404
    assert (await client.get(f"/api/v1/evidence/{item['id']}/file/secret", headers=h)).status_code == 404


async def test_signed_links(client, users, case, tmp_path, clock):
    item = (await upload(client, users, case["id"], site_photo(tmp_path / "a.jpg"))).json()
    link = item["urls"]["thumb_256"]
    r = await client.get(link)  # no bearer token
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/jpeg")
    forged = link.replace("thumb_256", "original")
    assert (await client.get(forged)).status_code == 403
    tampered = link[:-4] + "0000"
    assert (await client.get(tampered)).status_code == 403
    clock.advance(hours=8)
    assert (await client.get(link)).status_code == 403


async def test_same_file_twice_is_filed_once(client, users, services, case, tmp_path):
    path = site_photo(tmp_path / "a.jpg")
    first = await upload(client, users, case["id"], path)
    before = await table_counts(services)
    second = await upload(client, users, case["id"], path)
    assert first.status_code == 201 and second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert await table_counts(services) == before


async def test_far_away_photo_fails_geofence(client, users, case, tmp_path):
    far = site_photo(tmp_path / "far.jpg", lat=SITE_LAT + 0.045)  # 5 km north
    item = (await upload(client, users, case["id"], far)).json()
    geofence = checks_of(item)["geofence"]
    assert geofence["status"] == "fail"
    assert "5.0 km" in geofence["message_en"] and "5.0 公里" in geofence["message_zh"]
    assert 4900 < geofence["data"]["distance_m"] < 5100


async def test_gimp_photo_is_flagged_edited_for_officers(client, users, case, tmp_path):
    item = (await upload(client, users, case["id"], site_photo(tmp_path / "g.jpg", software="GIMP 2.10.34"))).json()
    full = (await client.get(f"/api/v1/evidence/{item['id']}", headers=users.headers("officer"))).json()
    assert checks_of(full)["edited"]["status"] in ("warn", "fail")
    assert "GIMP" in checks_of(full)["edited"]["message_en"]


async def test_resaved_copy_in_another_case_is_a_duplicate_naming_it(client, users, case, tmp_path):
    original = site_photo(tmp_path / "orig.jpg", seed=7)
    await upload(client, users, case["id"], original)
    # The other applicant re-saves a smaller copy of it, without its EXIF, for their own case.
    with Image.open(original) as im:
        im.resize((1400, 1050)).save(tmp_path / "copy.jpg", quality=70)
    other = (await client.post("/api/v1/cases", headers=users.headers("applicant2"), json={
        "item_type": "presale_permit", "site_id": case["site"]["id"], "title": "抄袭",
        "fields": case["fields"]})).json()
    copy = (await upload(client, users, other["id"], tmp_path / "copy.jpg", who="applicant2")).json()
    seen = (await client.get(f"/api/v1/evidence/{copy['id']}", headers=users.headers("officer"))).json()
    duplicate = checks_of(seen)["duplicate"]
    assert duplicate["status"] in ("warn", "fail")
    assert case["reference"] in duplicate["message_en"] and case["reference"] in duplicate["message_zh"]
    assert "duplicate" not in checks_of(copy)  # the applicant is not told


async def test_replacing_supersedes_and_keeps(client, users, services, case, tmp_path):
    old = (await upload(client, users, case["id"], site_photo(tmp_path / "old.jpg", seed=1))).json()
    new = await upload(client, users, case["id"], site_photo(tmp_path / "new.jpg", seed=2), replaces=old["id"])
    assert new.status_code == 201
    items = {i["id"]: i for i in (await client.get(f"/api/v1/cases/{case['id']}/evidence",
                                                   headers=users.headers("officer"))).json()["items"]}
    assert items[old["id"]]["superseded_by"] == new.json()["id"]
    assert items[new.json()["id"]]["superseded_by"] is None
    assert services.store.blob_path(old["sha256"]).is_file()
    again = await upload(client, users, case["id"], site_photo(tmp_path / "third.jpg", seed=3), replaces=old["id"])
    assert again.status_code == 409 and again.json()["code"] == "already_replaced"


async def test_submit_needs_the_checklist(client, users, case, tmp_path, services):
    h = users.headers("applicant")
    r = await client.post(f"/api/v1/cases/{case['id']}/submit", headers=h)
    assert r.status_code == 409 and r.json()["code"] == "checklist_incomplete"
    missing = {m["key"] for m in r.json()["detail"]["missing"]}
    assert missing == {"facade_east", "facade_south", "facade_west", "facade_north", "floor_count", "sign_board",
                       "walkround_video", "progress_certificate"}
    from tests.support.media import make_video

    for seed, key in enumerate(["facade_east", "facade_south", "facade_west", "facade_north", "floor_count",
                                "sign_board", "progress_certificate"], start=10):
        assert (await upload(client, users, case["id"], site_photo(tmp_path / f"{key}.jpg", seed=seed),
                             requirement=key)).status_code == 201
    r = await client.post(f"/api/v1/cases/{case['id']}/submit", headers=h)
    assert {m["key"] for m in r.json()["detail"]["missing"]} == {"walkround_video"}
    video = make_video(tmp_path / "walk.mp4", seconds=3, location="+30.5429+119.9691/")
    with open(video, "rb") as f:
        v = await client.post(f"/api/v1/cases/{case['id']}/evidence", files={"file": ("walk.mp4", f.read())},
                              data={"requirement": "walkround_video"}, headers=h)
    assert v.status_code == 201, v.text
    assert v.json()["kind"] == "video" and v.json()["metadata"]["duration_s"] > 2
    assert checks_of(v.json())["video_duration"]["status"] == "fail"  # 3 s, 30 s required
    assert v.json()["urls"]["poster"]
    r = await client.post(f"/api/v1/cases/{case['id']}/submit", headers=h)
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    # Evidence can no longer be added once submitted.
    late = await upload(client, users, case["id"], site_photo(tmp_path / "late.jpg", seed=99))
    assert late.status_code == 409 and late.json()["code"] == "case_not_editable"


async def test_refusals_leave_nothing_behind(client, users, services, case, tmp_path):
    from tests.support.media import make_broken_mp4, make_png_bomb, truncate

    html = tmp_path / "photo.jpg"
    html.write_bytes(b"<!doctype html><html><body><img src=x onerror=alert(1)></body></html>")
    bomb = make_png_bomb(tmp_path / "bomb.png")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    broken = make_broken_mp4(tmp_path / "broken.mp4")
    photo = site_photo(tmp_path / "p.jpg")
    before = await table_counts(services)
    blobs_before = set(services.store.blob_sha256s())
    cases = [
        (html, "facade_east", "applicant", 415),
        (bomb, "facade_east", "applicant", 413),
        (empty, "facade_east", "applicant", 400),
        (broken, "walkround_video", "applicant", 422),
        (photo, "walkround_video", "applicant", 422),  # a photo where a video is asked for
        (photo, "no_such_requirement", "applicant", 422),
        (photo, "facade_east", "applicant2", 404),  # another's case: as if it did not exist
        (photo, "facade_east", "officer", 403),
    ]
    for path, requirement, who, status in cases:
        r = await upload(client, users, case["id"], path, requirement=requirement, who=who)
        assert r.status_code == status, (path.name, requirement, who, r.status_code, r.text)
        assert set(r.json()) == {"code", "message", "detail"}
    assert await table_counts(services) == before
    assert set(services.store.blob_sha256s()) == blobs_before
    assert not list(services.store.staging.iterdir())
    # A truncated photo is still evidence, with what could be read.
    cut = truncate(site_photo(tmp_path / "cut.jpg", seed=5), 60_000)
    r = await upload(client, users, case["id"], cut)
    assert r.status_code in (201, 422), r.text
    if r.status_code == 201:
        assert r.json()["partial"] or r.json()["urls"]["thumb_256"]


async def test_metadata_stripped_from_thumbnail_but_kept_in_original(client, users, case, tmp_path):
    item = (await upload(client, users, case["id"], site_photo(tmp_path / "a.jpg"))).json()
    h = users.headers("officer")
    original = (await client.get(f"/api/v1/evidence/{item['id']}/file/original", headers=h)).content
    thumb = (await client.get(f"/api/v1/evidence/{item['id']}/file/thumb_1280", headers=h)).content
    assert piexif.load(original)["GPS"]
    (tmp_path / "t.jpg").write_bytes(thumb)
    with Image.open(tmp_path / "t.jpg") as im:
        assert not im.info.get("exif")
    assert json.dumps(item["metadata"])  # decodes


async def test_an_iphone_heic_photo_goes_through_the_same_pipeline(client, users, case, tmp_path):
    from datetime import datetime

    from tests.support.media import make_heic

    heic = make_heic(tmp_path / "IMG_0001.HEIC", width=2400, height=1800, lat=SITE_LAT + 0.0002,
                     lon=SITE_LON - 0.0001, alt=12.5, taken=datetime(2026, 11, 2, 9, 30))
    with open(heic, "rb") as f:
        r = await client.post(f"/api/v1/cases/{case['id']}/evidence", files={"file": ("IMG_0001.HEIC", f.read())},
                              data={"requirement": "facade_west"}, headers=users.headers("applicant"))
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["mime"] == "image/heic" and (item["width"], item["height"]) == (2400, 1800)
    assert item["metadata"]["make"] == "Apple" and abs(item["metadata"]["gps_alt"] - 12.5) < 0.01
    assert checks_of(item)["geofence"]["status"] == "pass"
    thumb = await client.get(f"/api/v1/evidence/{item['id']}/file/thumb_1280", headers=users.headers("officer"))
    assert thumb.status_code == 200 and thumb.content[:3] == b"\xff\xd8\xff"  # served as JPEG
