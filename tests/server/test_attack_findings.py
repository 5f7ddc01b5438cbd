"""Findings of a red-team run against the API, each kept as a regression test: what the attack
sent, and what the server must answer instead of what it did."""

import pytest

from tests.conftest import PASSWORD
from tests.server.evidence.conftest import SITE_LAT, SITE_LON, site_photo, upload
from tests.support.api import make_case, make_item_type, make_site, table_counts


@pytest.fixture
async def case(client, users):
    site = await make_site(client, users.headers("admin"), lat=SITE_LAT, lon=SITE_LON)
    return await make_case(client, users.headers("applicant"), site["id"])


# ----- media links end with the session that made them (finding 6) -----


async def _thumb_link(client, users, case, tmp_path, who="applicant") -> str:
    created = await upload(client, users, case["id"], site_photo(tmp_path / "a.jpg"))
    assert created.status_code == 201, created.text
    items = (await client.get(f"/api/v1/cases/{case['id']}/evidence", headers=users.headers(who))).json()["items"]
    return items[0]["urls"]["thumb_256"]


async def test_a_media_link_dies_with_its_login(client, users, case, tmp_path):
    link = await _thumb_link(client, users, case, tmp_path)
    assert (await client.get(link)).status_code == 200
    assert (await client.post("/api/v1/auth/logout", headers=users.headers("applicant"))).status_code == 204
    refused = await client.get(link)
    assert refused.status_code == 403 and refused.json()["code"] == "bad_media_link"


async def test_a_media_link_dies_when_the_account_is_disabled(client, users, case, tmp_path):
    link = await _thumb_link(client, users, case, tmp_path, who="officer")
    assert (await client.get(link)).status_code == 200
    disabled = await client.patch(f"/api/v1/users/{users.ids['officer']}", json={"active": False},
                                  headers=users.headers("admin"))
    assert disabled.status_code == 200
    assert (await client.get(link)).status_code == 403


async def test_a_media_link_is_bound_to_its_session(client, users, case, tmp_path):
    """A second login of the same user makes links of its own; neither session's link can be
    turned into the other's, and logging one out leaves the other's links working."""
    first = await _thumb_link(client, users, case, tmp_path)
    await users.login("applicant")  # a second session (the first token is kept by the page)
    items = (await client.get(f"/api/v1/cases/{case['id']}/evidence",
                              headers=users.headers("applicant"))).json()["items"]
    second = items[0]["urls"]["thumb_256"]
    assert first != second
    session_of = dict(part.split("=") for part in second.split("?")[1].split("&"))["s"]
    forged = "&".join(f"s={session_of}" if part.startswith("s=") else part
                      for part in first.split("?")[1].split("&"))
    assert (await client.get(first.split("?")[0] + "?" + forged)).status_code == 403
    stripped = "&".join(part for part in first.split("?")[1].split("&") if not part.startswith("s="))
    assert (await client.get(first.split("?")[0] + "?" + stripped)).status_code == 403
    assert (await client.post("/api/v1/auth/logout", headers=users.headers("applicant"))).status_code == 204
    assert (await client.get(second)).status_code == 403
    assert (await client.get(first)).status_code == 200  # that login was not signed out


# ----- JSON nested deep (finding 7) -----


@pytest.mark.parametrize("depth", [33, 500, 1000, 100_000])
async def test_deeply_nested_json_is_bad_input(client, users, depth):
    deep = "[" * depth + "]" * depth
    login = await client.post("/api/v1/auth/login", content='{"username": ' + deep + ', "password": "x"}',
                              headers={"content-type": "application/json"})
    assert login.status_code == 400 and login.json()["code"] == "json_too_deep"
    fields = "{" + '"a": {' * (depth - 1) + '"a": 1' + "}" * depth
    case = await client.post("/api/v1/cases", content='{"item_type": "presale_permit", "site_id": 1, "title": "x", '
                                                      '"fields": ' + fields + "}",
                             headers=users.headers("applicant") | {"content-type": "application/json"})
    assert case.status_code == 400 and case.json()["code"] == "json_too_deep"


async def test_json_as_deep_as_the_api_needs_still_decodes(client, users):
    site = await make_site(client, users.headers("admin"))
    case = await make_case(client, users.headers("applicant"), site["id"])
    assert case["reference"].startswith("TK-")
    ok = await client.post("/api/v1/auth/login", json={"username": "officer", "password": PASSWORD})
    assert ok.status_code == 200


# ----- Range and other numbers from headers (finding 8) -----


@pytest.mark.parametrize("header", ["bytes=" + "9" * 5000 + "-", "bytes=0-" + "9" * 5000, "bytes=-" + "9" * 5000,
                                    "bytes=" + "1" * 19 + "-"])
async def test_a_range_with_thousands_of_digits_is_not_satisfiable(client, users, case, tmp_path, header):
    link = await _thumb_link(client, users, case, tmp_path)
    response = await client.get(link, headers={"Range": header})
    assert response.status_code == 416 and response.json()["code"] == "range_not_satisfiable"
    assert response.headers["content-range"].startswith("bytes */")


async def test_a_superscript_digit_is_not_a_number(client, users, case):
    """str.isdigit() accepts "²" (a latin-1 header byte), which int() refuses."""
    tus = {"Tus-Resumable": "1.0.0"}
    created = await client.post("/api/v1/uploads", headers=users.headers("applicant") | tus | {
        "Upload-Length": b"\xb2"})
    assert created.status_code == 400 and created.json()["code"] == "bad_header"
    stream = await client.get("/api/v1/events/stream", params={"seconds": 0},
                              headers=users.headers("applicant") | {"Last-Event-ID": b"\xb2"})
    assert stream.status_code == 200


# ----- a replacement is of the same requirement (finding 12) -----


async def test_a_replacement_must_be_for_the_same_requirement(client, users, case, tmp_path, services):
    facade = await upload(client, users, case["id"], site_photo(tmp_path / "f.jpg", seed=1), "facade_east")
    assert facade.status_code == 201
    before = await table_counts(services)
    board = await upload(client, users, case["id"], site_photo(tmp_path / "b.jpg", seed=2), "sign_board",
                         replaces=facade.json()["id"])
    assert board.status_code == 422 and board.json()["code"] == "bad_replaces"
    assert board.json()["detail"]["replaces_requirement"] == "facade_east"
    assert await table_counts(services) == before
    again = await upload(client, users, case["id"], site_photo(tmp_path / "f2.jpg", seed=3), "facade_east",
                         replaces=facade.json()["id"])
    assert again.status_code == 201 and again.json()["requirement_key"] == "facade_east", again.text
    stale = await upload(client, users, case["id"], site_photo(tmp_path / "f3.jpg", seed=4), "facade_east",
                         replaces=facade.json()["id"])
    assert stale.status_code == 409 and stale.json()["code"] == "already_replaced"


# ----- control characters in text (finding: a NUL cut the title short in the PDF) -----


@pytest.mark.parametrize("title", ["3号楼\x00 预售", "3号楼\x1b[31m", "line\nbreak", "bell\x07", "c1\x85"])
async def test_control_characters_in_a_title_are_refused(client, users, title, services):
    site = await make_site(client, users.headers("admin"))
    before = await table_counts(services)
    response = await client.post("/api/v1/cases", headers=users.headers("applicant"), json={
        "item_type": "presale_permit", "site_id": site["id"], "title": title, "fields": {}})
    assert response.status_code == 400, response.text
    assert "control characters" in response.json()["message"]
    assert await table_counts(services) == before


async def test_text_of_several_lines_keeps_its_line_breaks(client, users):
    guide = "第一行\n第二行\t缩进\r\n"
    item = await make_item_type(client, users.headers("admin"), guide_zh=guide)
    assert item["guide_zh"] == guide
    refused = await client.post("/api/v1/item-types", headers=users.headers("admin"), json={
        "code": "hidden_text", "name_zh": "测试", "name_en": "Test", "guide_zh": "隐藏\x00文字",
        "checklist": [{"key": "overview", "title_zh": "全景", "title_en": "Overview"}]})
    assert refused.status_code == 400 and "control characters" in refused.json()["message"]


# ----- another applicant's objects look like missing ones -----


async def test_another_applicants_case_is_answered_as_missing(client, users, case, tmp_path):
    item = await upload(client, users, case["id"], site_photo(tmp_path / "a.jpg"))
    missing_id = 10**9
    for theirs, nothing in [(f"/api/v1/cases/{case['id']}", f"/api/v1/cases/{missing_id}"),
                            (f"/api/v1/evidence/{item.json()['id']}", f"/api/v1/evidence/{missing_id}"),
                            (f"/api/v1/cases/{case['id']}/comments", f"/api/v1/cases/{missing_id}/comments")]:
        a = await client.get(theirs, headers=users.headers("applicant2"))
        b = await client.get(nothing, headers=users.headers("applicant2"))
        assert a.status_code == b.status_code == 404
        strip = {"detail": None, "message": None}
        assert {**a.json(), **strip} == {**b.json(), **strip}
        assert a.json()["detail"]["object"] == b.json()["detail"]["object"]
        assert a.json()["message"].replace(theirs.split("/")[4], "N") == b.json()["message"].replace(
            str(missing_id), "N")
