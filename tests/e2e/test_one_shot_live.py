"""The one-shot upload over a real socket (`takan serve`): a refusal decided before the photo is read,
or in the middle of it, reaches the phone whole even though the body is far larger than the
socket buffers, and the same keep-alive connection then serves the next request."""

import httpx
import pytest

from tests.e2e.phone import ITEM, PHOTO_LIMIT, Api, new_case, site_photo

pytestmark = pytest.mark.e2e


@pytest.fixture
def shen(server):
    return Api(server, "shen")


def post(client: httpx.Client, api: Api, case_id: int, requirement: str, data: bytes) -> httpx.Response:
    return client.post(f"{api.base}/cases/{case_id}/evidence", headers=api.headers,
                       data={"requirement": requirement}, files={"file": ("east.jpg", data, "image/jpeg")})


def test_refusals_reach_the_phone_whole_and_the_connection_goes_on(server, shen, tmp_path):
    case = new_case(shen, server)
    photo = site_photo(tmp_path / "p.jpg", seed=41).read_bytes()
    padded = photo + bytes(40_000_000)  # far more than the socket buffers hold
    with httpx.Client(timeout=60) as client:
        # Refused before the photo is read: no such requirement in this item's checklist.
        r = post(client, shen, case["id"], "no_such_requirement", padded)
        assert (r.status_code, r.json()["code"]) == (422, "unknown_requirement")
        assert set(r.json()["detail"]["known"]) == {item["key"] for item in ITEM["checklist"]}
        # Refused in the middle: past the server's photo limit.
        r = post(client, shen, case["id"], "storefront", padded)
        assert r.status_code == 413 and r.json()["detail"]["limit"] == PHOTO_LIMIT
        # The same connection, the photo alone: filed.
        r = post(client, shen, case["id"], "storefront", photo)
        assert r.status_code == 201, r.text
        assert r.json()["size"] == len(photo)
    items = shen.ok("GET", f"/cases/{case['id']}/evidence")["items"]
    assert [item["requirement_key"] for item in items] == ["storefront"]
