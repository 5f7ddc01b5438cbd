"""A case with a whole story, made through the HTTP API: photos and a video, a replaced photo,
annotations (edited and deleted), comments, a rectification round, two officers' opinions in
each round, the decision and the applicant's rating."""

from datetime import timedelta
from pathlib import Path

import pytest

from tests.server.oversight.flows import Survey, photo_bytes
from tests.support.media import make_video

STORY_ITEM = {
    "code": "archive_item", "name_zh": "诊所设置审批", "name_en": "Clinic approval", "time_limit_days": 5,
    "geofence_radius_m": 200, "required_signoffs": 2, "capture_window_days": 15,
    "fields": [{"key": "beds", "label_zh": "床位数", "label_en": "Beds", "type": "int", "required": True}],
    "checklist": [
        {"key": "storefront", "title_zh": "门头", "title_en": "Storefront"},
        {"key": "room", "title_zh": "诊室", "title_en": "Consulting room"},
        {"key": "walk", "title_zh": "巡查视频", "title_en": "Walk-through video", "kind": "video"},
    ],
}


class Story(dict):
    """The ids and names of what the story made."""


@pytest.fixture
async def survey(client, users, clock) -> Survey:
    return Survey(client, users, clock)


@pytest.fixture
async def story(client, users, clock, survey: Survey, tmp_path: Path) -> Story:
    s = Story()
    await survey.item(**STORY_ITEM)
    site = await survey.site(name="康宁诊所 城东分所", address="德清县武康街道英溪南路 9 号")
    r = await client.post("/api/v1/cases", headers=survey.h("applicant"), json={
        "item_type": "archive_item", "site_id": site["id"], "title": "康宁诊所设置", "fields": {"beds": 4}})
    assert r.status_code == 201, r.text
    case = r.json()
    s["case"] = case
    cid = case["id"]
    taken = clock.now() - timedelta(minutes=20)
    s["storefront1"] = await survey.upload(cid, "storefront", photo_bytes(101, taken=taken), name="门头.jpg")
    room1 = await survey.upload(cid, "room", photo_bytes(102, taken=taken), name="room.jpg")
    s["room2"] = await survey.upload(cid, "room", photo_bytes(103, taken=taken), name="room2.jpg",
                                     replaces=room1["id"])
    s["room1"] = room1
    video = make_video(tmp_path / "walk.mp4", seconds=2, size=(320, 240), location="+30.5428+119.9690/")
    s["video"] = await survey.upload(cid, "walk", video.read_bytes(), name="walk.mp4", mime="video/mp4")
    await survey.submit(cid)
    await survey.advance(minutes=40)

    # Round 1: both officers open everything; 张伟 marks a problem on the storefront photo.
    for officer in ("officer", "officer2"):
        await survey.claim(cid, officer)
        await survey.view_all(cid, officer, 120_000)
    shape = {"shape": {"type": "rect", "x": 0.1, "y": 0.1, "w": 0.5, "h": 0.3}, "label": "招牌不全",
             "colour": "#ff3b30"}
    r = await client.post(f"/api/v1/evidence/{s['storefront1']['id']}/annotations", json=shape,
                          headers=survey.h("officer"))
    assert r.status_code == 201, r.text
    annotation = r.json()
    r = await client.put(f"/api/v1/annotations/{annotation['id']}", headers=survey.h("officer"),
                         json={**shape, "label": "招牌不完整", "version": annotation["version"]})
    assert r.status_code == 200, r.text
    # On the walk-round video, a box pinned to the moment 1.5 s in.
    r = await client.post(f"/api/v1/evidence/{s['video']['id']}/annotations", headers=survey.h("officer"),
                          json={"shape": {"type": "rect", "x": 0.25, "y": 0.25, "w": 0.5, "h": 0.5},
                                "label": "消防通道", "colour": "#0000ff", "time_ms": 1500})
    assert r.status_code == 201, r.text
    r = await client.post(f"/api/v1/evidence/{s['storefront1']['id']}/annotations", headers=survey.h("officer"),
                          json={"shape": {"type": "point", "x": 0.5, "y": 0.5}, "label": "误加"})
    assert r.status_code == 201, r.text
    r = await client.delete(f"/api/v1/annotations/{r.json()['id']}", params={"version": 1},
                            headers=survey.h("officer"))
    assert r.status_code in (200, 204), r.text
    r = await client.post(f"/api/v1/cases/{cid}/comments", headers=survey.h("officer"),
                          json={"body": "门头招牌需完整入镜", "visibility": "applicant"})
    assert r.status_code == 201, r.text
    r = await client.post(f"/api/v1/cases/{cid}/comments", json={"body": "内部：注意核对床位数"},
                          headers=survey.h("officer2"))
    assert r.status_code == 201, r.text
    results = [{"key": "storefront", "result": "fail", "note": "招牌不全"}, {"key": "room", "result": "pass"},
               {"key": "walk", "result": "pass"}]
    deadline = (clock.today() + timedelta(days=7)).isoformat()
    for officer in ("officer", "officer2"):
        await survey.sign(cid, officer, "rectify", reasons="门头招牌不完整", rectify_requirements=["storefront"],
                          rectify_deadline=deadline, requirement_results=results)
    assert (await survey.case_now(cid))["status"] == "rectification_requested"

    # The applicant re-shoots the storefront and resubmits.
    await survey.advance(hours=20)
    s["storefront2"] = await survey.upload(cid, "storefront", photo_bytes(104, taken=clock.now()), name="门头2.jpg")
    await survey.submit(cid)
    await survey.advance(hours=2)

    # Round 2: both open the new photo, 李娜 points at the sign, both pass.
    for officer in ("officer", "officer2"):
        await survey.view_all(cid, officer, 45_000)
    r = await client.post(f"/api/v1/evidence/{s['storefront2']['id']}/annotations", headers=survey.h("officer2"),
                          json={"shape": {"type": "arrow", "x1": 0.2, "y1": 0.8, "x2": 0.4, "y2": 0.4},
                                "label": "招牌已完整", "colour": "#1a7f37"})
    assert r.status_code == 201, r.text
    passed = [{"key": k, "result": "pass"} for k in ("storefront", "room", "walk")]
    for officer in ("officer", "officer2"):
        await survey.sign(cid, officer, "pass", requirement_results=passed)
    decided = await survey.case_now(cid)
    assert decided["status"] == "approved", decided
    await survey.rate(cid, 5)
    s["case"] = decided
    return s
