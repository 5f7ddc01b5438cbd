"""Comments: threads and visibility, who may write what, evidence and parents of the same case,
bodies kept verbatim, audit events, and who hears of a comment."""

import pytest

from tests.support.api import table_counts
from tests.support.discussion import assign, audit_events, case_with_evidence, feed


@pytest.fixture
async def reviewed(client, users, tmp_path):
    """A case in review with one photo, officer assigned (officer2 is not)."""
    case, evidence = await case_with_evidence(client, users, tmp_path)
    await assign(client, case["id"], users.ids["officer"])
    return case, evidence


async def comment(client, users, case_id, who="officer", **body):
    body.setdefault("body", "请补拍东立面，楼层看不清。")
    return await client.post(f"/api/v1/cases/{case_id}/comments", json=body, headers=users.headers(who))


async def posted(client, users, case_id, who="officer", **body) -> dict:
    r = await comment(client, users, case_id, who, **body)
    assert r.status_code == 201, r.text
    return r.json()


async def listed(client, users, case_id, who="officer", **params) -> list[dict]:
    r = await client.get(f"/api/v1/cases/{case_id}/comments", params=params, headers=users.headers(who))
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def test_threads_and_visibility(client, users, reviewed):
    case, _ = reviewed
    cid = case["id"]
    asked = await posted(client, users, cid, visibility="applicant", body="东立面照片楼层看不清，请补拍。")
    note = await posted(client, users, cid, who="officer2", body="该楼盘上月另案有类似照片，注意核对。")
    reply = await posted(client, users, cid, who="applicant", parent_id=asked["id"], body="好的，明天补拍。")
    inner = await posted(client, users, cid, parent_id=reply["id"], body="申请人态度配合。")
    answer = await posted(client, users, cid, parent_id=reply["id"], visibility="applicant", body="收到，谢谢。")
    assert note["visibility"] == "internal"  # left out: internal for staff
    assert reply["visibility"] == "applicant" and reply["author_role"] == "applicant"
    assert reply["author"]["display_name"] == "恒达置业 陈工" and reply["parent_id"] == asked["id"]
    assert asked["author_role"] == "officer" and asked["parent_id"] is None and asked["case_id"] == cid
    everything = [asked, note, reply, inner, answer]
    for who in ("officer", "officer2", "auditor", "admin"):
        assert await listed(client, users, cid, who) == everything
    mine = await listed(client, users, cid, "applicant")
    assert [c["id"] for c in mine] == [asked["id"], reply["id"], answer["id"]]
    assert [c["parent_id"] for c in mine] == [None, asked["id"], reply["id"]]
    # The applicant may reply to the bureau's answer to their reply.
    assert (await comment(client, users, cid, "applicant", parent_id=answer["id"])).status_code == 201


async def test_pages_oldest_first(client, users, reviewed):
    case, _ = reviewed
    ids = [(await posted(client, users, case["id"], body=f"第{i}条"))["id"] for i in range(5)]
    r = await client.get(f"/api/v1/cases/{case['id']}/comments", params={"limit": 2}, headers=users.headers("officer"))
    seen, page = [], r.json()
    while True:
        seen += [c["id"] for c in page["items"]]
        if not page["next_cursor"]:
            break
        page = (await client.get(f"/api/v1/cases/{case['id']}/comments", headers=users.headers("officer"),
                                 params={"limit": 2, "cursor": page["next_cursor"]})).json()
    assert seen == ids
    r = await client.get(f"/api/v1/cases/{case['id']}/comments", params={"cursor": "not-a-cursor"},
                         headers=users.headers("officer"))
    assert r.status_code == 400


async def test_the_applicant_only_replies_to_what_they_can_see(client, users, services, reviewed, tmp_path):
    case, _ = reviewed
    cid = case["id"]
    visible = await posted(client, users, cid, visibility="applicant")
    internal = await posted(client, users, cid)
    other_case, _ = await case_with_evidence(client, users, tmp_path)
    elsewhere = await posted(client, users, other_case["id"], visibility="applicant")
    before = await table_counts(services)
    cases = [
        ({"body": "我有问题"}, "reply_required"),                                           # top level
        ({"body": "内部", "visibility": "internal", "parent_id": visible["id"]}, "applicant_comment_internal"),
        ({"body": "内部", "visibility": "internal"}, "applicant_comment_internal"),
        ({"body": "看不见的", "parent_id": internal["id"]}, "unknown_parent"),
        ({"body": "别的案子", "parent_id": elsewhere["id"]}, "unknown_parent"),
        ({"body": "不存在", "parent_id": 987654}, "unknown_parent"),
    ]
    for body, code in cases:
        r = await client.post(f"/api/v1/cases/{cid}/comments", json=body, headers=users.headers("applicant"))
        assert r.status_code == 422 and r.json()["code"] == code, (body, r.text)
    # An internal comment and a missing one get the same answer: nothing leaks about internal notes.
    hidden = await client.post(f"/api/v1/cases/{cid}/comments", headers=users.headers("applicant"),
                               json={"body": "x", "parent_id": internal["id"]})
    missing = await client.post(f"/api/v1/cases/{cid}/comments", headers=users.headers("applicant"),
                                json={"body": "x", "parent_id": 987654})
    assert (hidden.json()["message"].replace(str(internal["id"]), "N")
            == missing.json()["message"].replace("987654", "N"))
    assert await table_counts(services) == before
    ok = await posted(client, users, cid, "applicant", parent_id=visible["id"], visibility="applicant")
    assert ok["visibility"] == "applicant"


async def test_who_may_comment(client, users, services, reviewed):
    case, _ = reviewed
    cid = case["id"]
    visible = await posted(client, users, cid, visibility="applicant")
    before = await table_counts(services)
    r = await comment(client, users, cid, "auditor")
    assert r.status_code == 403
    r = await comment(client, users, cid, "applicant2", parent_id=visible["id"])
    assert r.status_code == 404 and r.json()["code"] == "not_found"  # as if it did not exist
    assert (await comment(client, users, cid, None)).status_code == 401
    assert (await comment(client, users, 999999)).status_code == 404
    r = await client.get(f"/api/v1/cases/{cid}/comments", headers=users.headers("applicant2"))
    assert r.status_code == 404  # another applicant's case: as if it did not exist
    assert await table_counts(services) == before
    assert (await comment(client, users, cid, "admin", visibility="applicant")).status_code == 201


async def test_an_applicant_visible_reply_cannot_answer_an_internal_note(client, users, reviewed):
    case, _ = reviewed
    internal = await posted(client, users, case["id"])
    r = await comment(client, users, case["id"], "officer2", parent_id=internal["id"], visibility="applicant")
    assert r.status_code == 422 and r.json()["code"] == "reply_more_visible_than_parent"
    assert (await comment(client, users, case["id"], "officer2", parent_id=internal["id"])).status_code == 201


async def test_evidence_and_parent_must_be_of_this_case(client, users, services, reviewed, tmp_path):
    case, (photo,) = reviewed
    other_case, (other_photo,) = await case_with_evidence(client, users, tmp_path)
    foreign = await posted(client, users, other_case["id"])
    before = await table_counts(services)
    for body, code in [({"evidence_id": other_photo["id"]}, "evidence_not_in_case"),
                       ({"evidence_id": 987654}, "evidence_not_in_case"),
                       ({"parent_id": foreign["id"]}, "unknown_parent"),
                       ({"parent_id": 987654}, "unknown_parent")]:
        r = await comment(client, users, case["id"], **body)
        assert r.status_code == 422 and r.json()["code"] == code, body
    assert await table_counts(services) == before
    on_photo = await posted(client, users, case["id"], evidence_id=photo["id"], visibility="applicant")
    assert on_photo["evidence_id"] == photo["id"]
    # A reply is about what its parent is about.
    reply = await posted(client, users, case["id"], "applicant", parent_id=on_photo["id"])
    assert reply["evidence_id"] == photo["id"]
    general = await posted(client, users, case["id"])
    by_photo = await listed(client, users, case["id"], evidence_id=photo["id"])
    assert [c["id"] for c in by_photo] == [on_photo["id"], reply["id"]]
    assert general["id"] in [c["id"] for c in await listed(client, users, case["id"])]


async def test_a_reply_about_other_evidence_than_its_parent_is_refused(client, users, tmp_path):
    case, (first, second) = await case_with_evidence(client, users, tmp_path, photos=2)
    parent = await posted(client, users, case["id"], evidence_id=first["id"])
    r = await comment(client, users, case["id"], parent_id=parent["id"], evidence_id=second["id"])
    assert r.status_code == 422 and r.json()["code"] == "evidence_mismatch"
    same = await posted(client, users, case["id"], parent_id=parent["id"], evidence_id=first["id"])
    assert same["evidence_id"] == first["id"]


@pytest.mark.parametrize("body", [
    {"body": ""}, {"body": "长" * 5001}, {"body": None}, {"body": 5}, {}, {"body": "x", "visibility": "public"},
    {"body": "x", "evidence_id": 0}, {"body": "x", "parent_id": -1}, {"body": "x", "parent_id": 2**63},
])
async def test_bad_bodies_are_400(client, users, services, reviewed, body):
    case, _ = reviewed
    before = await table_counts(services)
    r = await client.post(f"/api/v1/cases/{case['id']}/comments", json=body, headers=users.headers("officer"))
    assert r.status_code == 400, r.text
    assert await table_counts(services) == before


async def test_blank_comments_are_refused_and_5000_characters_accepted(client, users, reviewed):
    case, _ = reviewed
    r = await comment(client, users, case["id"], body=" \n\t　")
    assert r.status_code == 422 and r.json()["code"] == "empty_comment"
    assert (await posted(client, users, case["id"], body="长" * 5000))["body"] == "长" * 5000


async def test_bodies_are_stored_and_returned_verbatim(client, users, services, reviewed):
    case, _ = reviewed
    nasty = "<img src=x onerror=alert(1)>\n  ' OR 1=1; -- \"引号\" &amp; \\u0000 😀  "
    created = await posted(client, users, case["id"], body=nasty, visibility="applicant")
    assert created["body"] == nasty
    assert (await listed(client, users, case["id"], "applicant"))[0]["body"] == nasty
    async with services.db.read() as conn:
        row = await (await conn.execute("SELECT body FROM comments WHERE id = ?", (created["id"],))).fetchone()
    assert row["body"] == nasty
    r = await client.get(f"/api/v1/cases/{case['id']}/comments", headers=users.headers("officer"))
    assert r.headers["content-type"].startswith("application/json")


async def test_every_comment_is_audited(client, users, reviewed):
    case, (photo,) = reviewed
    asked = await posted(client, users, case["id"], visibility="applicant", evidence_id=photo["id"])
    reply = await posted(client, users, case["id"], "applicant", parent_id=asked["id"], body="<b>好</b>")
    events = await audit_events(client, users, case["id"], "comment.")
    assert [(e["action"], e["object_type"], e["object_id"], e["actor_id"]) for e in events] == [
        ("comment.added", "comment", str(asked["id"]), users.ids["officer"]),
        ("comment.added", "comment", str(reply["id"]), users.ids["applicant"]),
    ]
    assert events[0]["details"] == {"visibility": "applicant", "evidence_id": photo["id"], "parent_id": None,
                                    "body": asked["body"]}
    assert events[1]["details"]["body"] == "<b>好</b>" and events[1]["details"]["parent_id"] == asked["id"]


async def test_who_hears_of_a_comment(client, users, reviewed):
    """officer is assigned; officer2 is not."""
    case, _ = reviewed
    cid = case["id"]

    async def heard():
        return {who: [e["payload"]["comment_id"] for e in await feed(client, users, who, "comment.added")]
                for who in ("applicant", "officer", "officer2", "applicant2", "auditor", "admin")}

    # An officer's comment the applicant can see: the applicant hears of it.
    visible = await posted(client, users, cid, "officer2", visibility="applicant")
    assert await heard() == {"applicant": [visible["id"]], "officer": [], "officer2": [], "applicant2": [],
                             "auditor": [], "admin": []}
    # The applicant's reply: the assigned officers and the parent's author.
    reply = await posted(client, users, cid, "applicant", parent_id=visible["id"])
    assert await heard() == {"applicant": [visible["id"]], "officer": [reply["id"]], "officer2": [reply["id"]],
                             "applicant2": [], "auditor": [], "admin": []}
    # An internal note: the assigned officers but its author; never the applicant, even when it
    # answers the applicant's reply.
    note = await posted(client, users, cid, "officer", parent_id=reply["id"])
    internal = await posted(client, users, cid, "officer2")
    assert await heard() == {"applicant": [visible["id"]], "officer": [reply["id"], internal["id"]],
                             "officer2": [reply["id"]], "applicant2": [], "auditor": [], "admin": []}
    assert note["visibility"] == "internal"
    event = (await feed(client, users, "applicant", "comment.added"))[0]
    assert event["case_id"] == cid
    payload = event["payload"]
    assert payload["reference"] == case["reference"] and payload["title"] == case["title"]
    assert payload["message_zh"] and payload["message_en"] and payload["visibility"] == "applicant"
    assert payload["excerpt"] == visible["body"]


async def test_a_reply_tells_the_officer_replied_to(client, users, reviewed):
    case, _ = reviewed
    note = await posted(client, users, case["id"], "officer2")
    answer = await posted(client, users, case["id"], "admin", parent_id=note["id"])
    officer2 = [e["payload"]["comment_id"] for e in await feed(client, users, "officer2", "comment.added")]
    assert officer2 == [answer["id"]]
    assert await feed(client, users, "admin", "comment.added") == []
