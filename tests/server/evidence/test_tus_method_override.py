"""X-HTTP-Method-Override on the tus routes: a POST (or GET) naming PATCH, DELETE, HEAD or
OPTIONS is handled as that method, with its checks; naming anything else is refused with 400
and writes nothing; elsewhere the header changes nothing. (Who may do what through it: the
authorization matrix; through a real proxy that refuses PATCH: tests/e2e/test_tus_proxy.py.)"""

import base64
import hashlib

import pytest

from tests.server.evidence.conftest import site_photo
from tests.server.evidence.test_tus_protocol import OCTETS, TUS, create, meta
from tests.support.api import table_counts


def override(method: str) -> dict[str, str]:
    return {"X-HTTP-Method-Override": method}


async def test_a_whole_upload_through_post_and_get(client, users, case, tmp_path):
    data = site_photo(tmp_path / "a.jpg").read_bytes()
    h = users.headers("applicant") | TUS
    discovery = await client.post("/api/v1/uploads", headers=override("OPTIONS"))
    assert discovery.status_code == 204 and discovery.headers["tus-version"] == "1.0.0"
    created = await create(client, users, case["id"], len(data))
    location = created.headers["location"]

    half = len(data) // 2
    sha1 = base64.b64encode(hashlib.sha1(data[:half]).digest()).decode()
    r = await client.post(location, content=data[:half], headers=h | OCTETS | override("PATCH") | {
        "Upload-Offset": "0", "Upload-Checksum": f"sha1 {sha1}"})
    assert r.status_code == 204, r.text
    assert r.headers["upload-offset"] == str(half)
    for carrier in ("POST", "GET"):
        head = await client.request(carrier, location, headers=h | override("HEAD"))
        assert head.status_code == 200 and head.headers["upload-offset"] == str(half), carrier
        assert head.headers["upload-metadata"] == meta(case["id"])
        assert not head.content and head.headers["content-length"] == "0"
    # The PATCH's own checks hold: a stale offset, a damaged chunk, a wrong media type.
    r = await client.post(location, content=data[half:], headers=h | OCTETS | override("PATCH") | {
        "Upload-Offset": "0"})
    assert r.status_code == 409 and r.json()["code"] == "offset_mismatch"
    r = await client.post(location, content=data[half:], headers=h | OCTETS | override("PATCH") | {
        "Upload-Offset": str(half), "Upload-Checksum": f"sha1 {sha1}"})
    assert r.status_code == 460
    r = await client.post(location, content=data[half:], headers=h | override("PATCH") | {
        "Content-Type": "image/jpeg", "Upload-Offset": str(half)})
    assert r.status_code == 415

    r = await client.post(location, content=data[half:], headers=h | OCTETS | override("PATCH") | {
        "Upload-Offset": str(half)})
    assert r.status_code == 204
    item = (await client.get(f"/api/v1/evidence/{r.headers['takan-evidence-id']}", headers=h)).json()
    assert item["sha256"] == hashlib.sha256(data).hexdigest()

    r = await client.post(location, headers=h | override("DELETE"))
    assert r.status_code == 204
    assert (await client.head(location, headers=h)).status_code == 410

    # Elsewhere the header changes nothing. A POST on a route that has PATCH (the case) is still
    # a POST, 405, the case unchanged; a GET naming DELETE is still a GET; an unknown method named
    # off the tus routes is not refused (the header is not theirs to read).
    h = users.headers("applicant")
    r = await client.post(f"/api/v1/cases/{case['id']}", json={"title": "renamed"}, headers=h | override("PATCH"))
    assert r.status_code == 405
    r = await client.get(f"/api/v1/cases/{case['id']}", headers=h | override("DELETE"))
    assert r.status_code == 200 and r.json()["title"] == case["title"]
    assert (await client.get("/api/v1/me", headers=h | override("BREW"))).status_code == 200


@pytest.mark.parametrize(
    ("carrier", "named"),
    [("POST", "PUT"), ("POST", "POST"), ("GET", "GET"), ("POST", "TRACE"), ("POST", "PATCH, DELETE"),
     ("POST", ""), ("POST", "patch\u00e9"), ("PATCH", "DELETE"), ("DELETE", "PATCH"), ("PUT", "PATCH")],
)
async def test_other_overrides_are_refused(client, users, services, case, carrier, named):
    location = (await create(client, users, case["id"], 1000)).headers["location"]
    counts = await table_counts(services)
    r = await client.request(carrier, location, content=b"x" * 10, headers=users.headers("applicant") | TUS | OCTETS | {
        "Upload-Offset": "0", "X-HTTP-Method-Override": named.encode("latin-1")})
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["code"] == "bad_method_override" and set(body) == {"code", "message", "detail"}
    assert body["detail"]["method"] == carrier and r.headers["tus-resumable"] == "1.0.0"
    assert await table_counts(services) == counts
    assert (await client.head(location, headers=users.headers("applicant") | TUS)).headers["upload-offset"] == "0"


async def test_two_override_headers_are_refused(client, users, case):
    location = (await create(client, users, case["id"], 1000)).headers["location"]
    r = await client.post(location, headers=[*users.headers("applicant").items(), *TUS.items(),
                                             ("X-HTTP-Method-Override", "HEAD"), ("X-HTTP-Method-Override", "DELETE")])
    assert r.status_code == 400 and r.json()["code"] == "bad_method_override"
    assert (await client.head(location, headers=users.headers("applicant") | TUS)).status_code == 200
