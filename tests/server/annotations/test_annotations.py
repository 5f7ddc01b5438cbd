"""Annotations on evidence: every shape round-trips exactly, the author alone edits (a revision
each time, old ones kept) and deletes (a mark), stale versions change nothing, the applicant sees
only what is shared with them, and every write is audited."""

import pytest

from tests.support.api import table_counts
from tests.support.discussion import audit_events, case_with_evidence, feed, set_status

# Values that do not survive a careless float round trip (1/3, many digits, the edge margins).
SHAPES = [
    {"type": "rect", "x": 0.1, "y": 0.2, "w": 0.30000000000000004, "h": 1 / 3},
    {"type": "ellipse", "x": -0.05, "y": 0.123456789012345, "w": 1.1, "h": 0.0},
    {"type": "arrow", "x1": 1.05, "y1": -0.05, "x2": 0.7071067811865476, "y2": 0.5},
    {"type": "polyline", "points": [[0.0, 0.0], [0.25, 0.75], [1.0, 1.0], [0.1, 0.9]], "closed": True},
    {"type": "polyline", "points": [[0.5, 0.5], [0.5000001, 0.5000002]], "closed": False},
    {"type": "text", "x": 0.05, "y": 0.95, "text": "此处墙体开裂 <b>见图</b>", "size": 0.5},
    {"type": "point", "x": 0.999999, "y": 0.000001},
]


@pytest.fixture
async def reviewed(client, users, tmp_path):
    """A case in review with two photos."""
    return await case_with_evidence(client, users, tmp_path, photos=2)


async def annotate(client, users, evidence_id, who="officer", **body):
    body.setdefault("shape", {"type": "rect", "x": 0.1, "y": 0.1, "w": 0.2, "h": 0.2})
    return await client.post(f"/api/v1/evidence/{evidence_id}/annotations", json=body, headers=users.headers(who))


async def listed(client, users, path, who="officer", **params):
    response = await client.get(path, params=params, headers=users.headers(who))
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_every_shape_round_trips_exactly(client, users, reviewed):
    case, (photo, _) = reviewed
    created = []
    for i, shape in enumerate(SHAPES):
        r = await annotate(client, users, photo["id"], shape=shape, colour="#00AAff", label=f"第{i}处",
                           shared_with_applicant=bool(i % 2))
        assert r.status_code == 201, r.text
        out = r.json()
        assert out["shape"] == shape
        assert (out["colour"], out["label"], out["time_ms"]) == ("#00AAff", f"第{i}处", None)
        assert out["shared_with_applicant"] is bool(i % 2)
        assert out["version"] == 1 and out["deleted"] is False and out["evidence_id"] == photo["id"]
        assert out["author"]["id"] == users.ids["officer"] and out["author"]["display_name"] == "张伟"
        created.append(out)
    for items in (await listed(client, users, f"/api/v1/evidence/{photo['id']}/annotations"),
                  await listed(client, users, f"/api/v1/cases/{case['id']}/annotations")):
        assert items == created
    history = await listed(client, users, f"/api/v1/annotations/{created[0]['id']}/revisions")
    assert len(history) == 1 and history[0]["annotation"]["shape"] == SHAPES[0] and history[0]["version"] == 1


@pytest.mark.parametrize("body", [
    {"shape": {"type": "rect", "x": 1.2, "y": 0.1, "w": 0.1, "h": 0.1}},          # x outside the margin
    {"shape": {"type": "rect", "x": 0.1, "y": -0.06, "w": 0.1, "h": 0.1}},
    {"shape": {"type": "rect", "x": 0.1, "y": 0.1, "w": 1.2, "h": 0.1}},          # wider than the image
    {"shape": {"type": "rect", "x": 0.1, "y": 0.1, "w": -0.1, "h": 0.1}},
    {"shape": {"type": "rect", "x": 0.9, "y": 0.1, "w": 0.5, "h": 0.1}},          # reaches 1.4
    {"shape": {"type": "ellipse", "x": 0.1, "y": 0.6, "w": 0.1, "h": 0.6}},       # reaches 1.2
    {"shape": {"type": "arrow", "x1": 0, "y1": 0, "x2": 2, "y2": 0}},
    {"shape": {"type": "point", "x": 0.5, "y": 1e9}},
    {"shape": {"type": "polyline", "points": [[0.1, 0.1]]}},                       # one point
    {"shape": {"type": "polyline", "points": [[0.1, 0.1], [0.2, 1.5]]}},
    {"shape": {"type": "polyline", "points": [[0.1, 0.1, 0.3], [0.2, 0.2]]}},
    {"shape": {"type": "text", "x": 0.1, "y": 0.1, "text": ""}},
    {"shape": {"type": "text", "x": 0.1, "y": 0.1, "text": "字" * 501}},
    {"shape": {"type": "text", "x": 0.1, "y": 0.1, "text": "a", "size": 0}},
    {"shape": {"type": "circle", "x": 0.1, "y": 0.1, "r": 0.1}},                  # no such shape
    {"shape": {"x": 0.1, "y": 0.1}},                                              # no tag
    {"shape": {"type": "point", "x": None, "y": 0.1}},
    {"shape": {"type": "point", "x": 0.1, "y": 0.1}, "colour": "red"},
    {"shape": {"type": "point", "x": 0.1, "y": 0.1}, "colour": "#ff3b3"},
    {"shape": {"type": "point", "x": 0.1, "y": 0.1}, "colour": "#gg3b30"},
    {"shape": {"type": "point", "x": 0.1, "y": 0.1}, "label": "长" * 501},
    {"shape": {"type": "point", "x": 0.1, "y": 0.1}, "time_ms": -1},
    {"shape": {"type": "point", "x": 0.1, "y": 0.1}, "shared_with_applicant": "yes"},
    {},
])
async def test_bad_shapes_are_400_and_write_nothing(client, users, services, reviewed, body):
    _, (photo, _) = reviewed
    before = await table_counts(services)
    r = await client.post(f"/api/v1/evidence/{photo['id']}/annotations", json=body, headers=users.headers("officer"))
    assert r.status_code == 400, r.text
    assert set(r.json()) == {"code", "message", "detail"}
    assert await table_counts(services) == before


async def test_not_a_number_and_broken_json_are_400(client, users, reviewed):
    _, (photo, _) = reviewed
    headers = users.headers("officer") | {"Content-Type": "application/json"}
    for raw in (b'{"shape": {"type": "point", "x": NaN, "y": 0.1}}',
                b'{"shape": {"type": "point", "x": 1e999, "y": 0}}', b'{"shape": ', b"\xff\xfe"):
        r = await client.post(f"/api/v1/evidence/{photo['id']}/annotations", content=raw, headers=headers)
        assert r.status_code == 400, (raw, r.text)


async def test_a_label_of_500_and_a_box_to_the_margin_are_accepted(client, users, reviewed):
    _, (photo, _) = reviewed
    r = await annotate(client, users, photo["id"], label="长" * 500,
                       shape={"type": "rect", "x": 0.55, "y": -0.05, "w": 0.5, "h": 1.1})
    assert r.status_code == 201, r.text


async def test_frame_times_belong_to_videos(client, users, tmp_path):
    _, (photo, video) = await case_with_evidence(client, users, tmp_path, photos=1, video=True)
    r = await annotate(client, users, photo["id"], time_ms=1500)
    assert r.status_code == 422 and r.json()["code"] == "time_on_photo"
    r = await annotate(client, users, video["id"], time_ms=1500, shape={"type": "point", "x": 0.5, "y": 0.5})
    assert r.status_code == 201 and r.json()["time_ms"] == 1500
    again = await client.put(f"/api/v1/annotations/{r.json()['id']}", headers=users.headers("officer"),
                             json={"shape": {"type": "point", "x": 0.5, "y": 0.5}, "time_ms": 0, "version": 1})
    assert again.status_code == 200 and again.json()["time_ms"] == 0


@pytest.mark.parametrize("status", ["draft", "approved", "rejected", "withdrawn"])
async def test_annotating_needs_a_case_under_review(client, users, services, tmp_path, status):
    _, (photo,) = await case_with_evidence(client, users, tmp_path, status=status)
    before = await table_counts(services)
    r = await annotate(client, users, photo["id"])
    assert r.status_code == 409 and r.json()["code"] == "case_not_under_review"
    assert r.json()["detail"]["current_status"] == status and status in r.json()["message"]
    assert await table_counts(services) == before


@pytest.mark.parametrize("status", ["submitted", "in_review", "rectification_requested"])
async def test_officers_annotate_while_the_case_is_in_their_hands(client, users, tmp_path, status):
    _, (photo,) = await case_with_evidence(client, users, tmp_path, status=status)
    assert (await annotate(client, users, photo["id"])).status_code == 201
    assert (await annotate(client, users, photo["id"], who="admin")).status_code == 201


async def test_only_officers_and_admins_annotate(client, users, services, reviewed):
    _, (photo, _) = reviewed
    before = await table_counts(services)
    for who in ("applicant", "applicant2", "auditor"):
        r = await annotate(client, users, photo["id"], who=who)
        assert r.status_code == 403, who
    assert (await annotate(client, users, photo["id"], who=None)).status_code == 401
    assert await table_counts(services) == before


async def test_unknown_objects_are_404(client, users, reviewed):
    h = users.headers("officer")
    assert (await annotate(client, users, 999999)).status_code == 404
    assert (await client.get("/api/v1/evidence/999999/annotations", headers=h)).status_code == 404
    assert (await client.get("/api/v1/cases/999999/annotations", headers=h)).status_code == 404
    body = {"shape": {"type": "point", "x": 0.1, "y": 0.1}, "version": 1}
    assert (await client.put("/api/v1/annotations/999999", json=body, headers=h)).status_code == 404
    assert (await client.delete("/api/v1/annotations/999999?version=1", headers=h)).status_code == 404
    assert (await client.get("/api/v1/annotations/999999/revisions", headers=h)).status_code == 404


async def test_an_edit_is_a_new_revision_and_the_old_is_kept(client, users, reviewed):
    case, (photo, _) = reviewed
    first = (await annotate(client, users, photo["id"], label="东侧")).json()
    clock_edit = {"shape": {"type": "ellipse", "x": 0.2, "y": 0.3, "w": 0.4, "h": 0.5}, "colour": "#34c759",
                  "label": "东侧外墙", "version": 1}
    r = await client.put(f"/api/v1/annotations/{first['id']}", json=clock_edit, headers=users.headers("officer"))
    assert r.status_code == 200, r.text
    edited = r.json()
    assert edited["version"] == 2 and edited["shape"] == clock_edit["shape"] and edited["label"] == "东侧外墙"
    assert edited["colour"] == "#34c759" and edited["id"] == first["id"] and edited["created_at"] == first["created_at"]
    history = await listed(client, users, f"/api/v1/annotations/{first['id']}/revisions", who="auditor")
    assert [h["version"] for h in history] == [1, 2]
    assert history[0]["annotation"]["shape"] == first["shape"] and history[0]["annotation"]["label"] == "东侧"
    assert history[1]["annotation"]["shape"] == clock_edit["shape"]
    assert "version" not in history[1]["annotation"]
    assert not any(h["deleted"] for h in history)
    # The list shows the annotation once, at its latest revision.
    assert await listed(client, users, f"/api/v1/cases/{case['id']}/annotations") == [edited]
    events = await audit_events(client, users, case["id"], "annotation.")
    assert [(e["action"], e["object_id"], e["actor_id"]) for e in events] == [
        ("annotation.created", str(first["id"]), users.ids["officer"]),
        ("annotation.updated", str(first["id"]), users.ids["officer"]),
    ]
    assert events[1]["details"]["version"] == 2 and events[1]["details"]["before"]["label"] == "东侧"
    assert events[1]["details"]["annotation"]["label"] == "东侧外墙"


async def test_another_officer_may_not_edit_or_delete(client, users, services, reviewed):
    case, (photo, _) = reviewed
    mine = (await annotate(client, users, photo["id"])).json()
    before = await table_counts(services)
    body = {"shape": {"type": "point", "x": 0.5, "y": 0.5}, "version": 1}
    for who in ("officer2", "admin"):
        r = await client.put(f"/api/v1/annotations/{mine['id']}", json=body, headers=users.headers(who))
        assert r.status_code == 403 and r.json()["code"] == "not_your_annotation", who
        r = await client.delete(f"/api/v1/annotations/{mine['id']}?version=1", headers=users.headers(who))
        assert r.status_code == 403 and r.json()["code"] == "not_your_annotation", who
    for who in ("applicant", "auditor"):
        r = await client.put(f"/api/v1/annotations/{mine['id']}", json=body, headers=users.headers(who))
        assert r.status_code == 403 and r.json()["code"] == "role_forbidden"
    assert await table_counts(services) == before
    assert await listed(client, users, f"/api/v1/cases/{case['id']}/annotations") == [mine]


async def test_a_stale_version_is_412_and_changes_nothing(client, users, services, reviewed):
    case, (photo, _) = reviewed
    h = users.headers("officer")
    created = (await annotate(client, users, photo["id"])).json()
    current = (await client.put(f"/api/v1/annotations/{created['id']}", headers=h, json={
        "shape": {"type": "point", "x": 0.3, "y": 0.3}, "version": 1})).json()
    before = await table_counts(services)
    audit_before = await audit_events(client, users, case["id"])
    stale = {"shape": {"type": "point", "x": 0.9, "y": 0.9}, "label": "late", "version": 1}
    r = await client.put(f"/api/v1/annotations/{created['id']}", json=stale, headers=h)
    assert r.status_code == 412 and r.json()["code"] == "stale_version"
    assert r.json()["detail"] == {"current_version": 2, "your_version": 1}
    r = await client.delete(f"/api/v1/annotations/{created['id']}?version=1", headers=h)
    assert r.status_code == 412
    r = await client.put(f"/api/v1/annotations/{created['id']}", json=stale | {"version": 3}, headers=h)
    assert r.status_code == 412
    assert await table_counts(services) == before
    assert await audit_events(client, users, case["id"]) == audit_before
    assert await listed(client, users, f"/api/v1/evidence/{photo['id']}/annotations") == [current]


async def test_delete_is_a_mark_kept_in_the_history(client, users, services, reviewed):
    case, (photo, _) = reviewed
    h = users.headers("officer")
    keep = (await annotate(client, users, photo["id"], label="keep")).json()
    gone = (await annotate(client, users, photo["id"], label="gone")).json()
    r = await client.delete(f"/api/v1/annotations/{gone['id']}", params={"version": 1}, headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["deleted"] is True and r.json()["version"] == 2 and r.json()["label"] == "gone"
    assert [a["id"] for a in await listed(client, users, f"/api/v1/cases/{case['id']}/annotations")] == [keep["id"]]
    with_deleted = await listed(client, users, f"/api/v1/evidence/{photo['id']}/annotations", who="auditor",
                                include_deleted="true")
    assert [(a["id"], a["deleted"]) for a in with_deleted] == [(keep["id"], False), (gone["id"], True)]
    history = await listed(client, users, f"/api/v1/annotations/{gone['id']}/revisions")
    assert [(v["version"], v["deleted"], v["annotation"]["label"]) for v in history] == [(1, False, "gone"),
                                                                                       (2, True, "gone")]
    async with services.db.read() as conn:
        row = await (await conn.execute("SELECT deleted_at FROM annotations WHERE id = ?", (gone["id"],))).fetchone()
    assert row["deleted_at"] is not None
    before = await table_counts(services)
    again = await client.delete(f"/api/v1/annotations/{gone['id']}?version=2", headers=h)
    assert again.status_code == 410 and again.json()["code"] == "annotation_deleted"
    edit = await client.put(f"/api/v1/annotations/{gone['id']}", headers=h,
                            json={"shape": {"type": "point", "x": 0.1, "y": 0.1}, "version": 2})
    assert edit.status_code == 410
    assert await table_counts(services) == before
    deleted = await audit_events(client, users, case["id"], "annotation.deleted")
    assert len(deleted) == 1 and deleted[0]["object_id"] == str(gone["id"])
    assert deleted[0]["actor_id"] == users.ids["officer"] and deleted[0]["details"]["annotation"]["label"] == "gone"


async def test_delete_needs_the_version(client, users, reviewed):
    _, (photo, _) = reviewed
    created = (await annotate(client, users, photo["id"])).json()
    for query in ("", "?version=0", "?version=x"):
        r = await client.delete(f"/api/v1/annotations/{created['id']}{query}", headers=users.headers("officer"))
        assert r.status_code == 400, query


async def test_a_decided_case_keeps_its_annotations_as_they_were(client, users, services, reviewed):
    case, (photo, _) = reviewed
    created = (await annotate(client, users, photo["id"])).json()
    await set_status(client, case["id"], "approved")
    before = await table_counts(services)
    h = users.headers("officer")
    r = await client.put(f"/api/v1/annotations/{created['id']}", headers=h,
                         json={"shape": {"type": "point", "x": 0.1, "y": 0.1}, "version": 1})
    assert r.status_code == 409 and r.json()["detail"]["current_status"] == "approved"
    r = await client.delete(f"/api/v1/annotations/{created['id']}?version=1", headers=h)
    assert r.status_code == 409 and r.json()["code"] == "case_not_under_review"
    assert await table_counts(services) == before
    assert len(await listed(client, users, f"/api/v1/cases/{case['id']}/annotations", who="applicant")) == 0


async def test_the_applicant_sees_only_what_is_shared(client, users, reviewed):
    case, (photo, other) = reviewed
    internal = (await annotate(client, users, photo["id"], label="内部")).json()
    shared = (await annotate(client, users, photo["id"], label="请补拍", shared_with_applicant=True)).json()
    shared_other = (await annotate(client, users, other["id"], label="另一张", shared_with_applicant=True)).json()
    withdrawn = (await annotate(client, users, photo["id"], label="撤回", shared_with_applicant=True)).json()
    await client.delete(f"/api/v1/annotations/{withdrawn['id']}?version=1", headers=users.headers("officer"))
    for params in ({}, {"include_deleted": "true"}):
        mine = await listed(client, users, f"/api/v1/evidence/{photo['id']}/annotations", who="applicant", **params)
        assert [a["id"] for a in mine] == [shared["id"]]
        mine = await listed(client, users, f"/api/v1/cases/{case['id']}/annotations", who="applicant", **params)
        assert [a["id"] for a in mine] == [shared["id"], shared_other["id"]]
    # Unsharing hides it again.
    r = await client.put(f"/api/v1/annotations/{shared['id']}", headers=users.headers("officer"),
                         json={"shape": shared["shape"], "label": "请补拍", "version": 1})
    assert r.status_code == 200 and r.json()["shared_with_applicant"] is False
    mine = await listed(client, users, f"/api/v1/cases/{case['id']}/annotations", who="applicant")
    assert [a["id"] for a in mine] == [shared_other["id"]]
    for who in ("officer2", "auditor", "admin"):
        everything = await listed(client, users, f"/api/v1/cases/{case['id']}/annotations", who=who)
        assert [a["id"] for a in everything] == [internal["id"], shared["id"], shared_other["id"]]
    for path in (f"/api/v1/cases/{case['id']}/annotations", f"/api/v1/evidence/{photo['id']}/annotations"):
        r = await client.get(path, headers=users.headers("applicant2"))
        assert r.status_code == 404 and r.json()["code"] == "not_found"  # as if it did not exist
    r = await client.get(f"/api/v1/annotations/{shared_other['id']}/revisions", headers=users.headers("applicant"))
    assert r.status_code == 403


async def test_sharing_tells_the_applicant(client, users, reviewed):
    case, (photo, _) = reviewed
    quiet = (await annotate(client, users, photo["id"])).json()
    assert await feed(client, users, "applicant", "annotation.shared") == []
    await client.put(f"/api/v1/annotations/{quiet['id']}", headers=users.headers("officer"),
                     json={"shape": quiet["shape"], "shared_with_applicant": True, "version": 1})
    loud = (await annotate(client, users, photo["id"], shared_with_applicant=True)).json()
    events = await feed(client, users, "applicant", "annotation.shared")
    assert [e["payload"]["annotation_id"] for e in events] == [quiet["id"], loud["id"]]
    payload = events[0]["payload"]
    assert events[0]["case_id"] == case["id"]
    assert payload["reference"] == case["reference"] and payload["title"] == case["title"]
    assert payload["evidence_id"] == photo["id"] and payload["requirement_key"] == "facade_east"
    assert payload["message_zh"] and payload["message_en"]
    for who in ("officer", "officer2", "applicant2", "auditor"):
        assert await feed(client, users, who, "annotation.shared") == [], who
