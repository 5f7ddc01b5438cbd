"""Uploads through a real proxy that lets only GET, HEAD, POST and OPTIONS through (nginx,
answering 405 itself to PATCH, DELETE and PUT), in front of a real server process: a tus client
sending its PATCH, HEAD and DELETE as POST with X-HTTP-Method-Override, and the phone's page,
which switches to the override when its first PATCH comes back 405 and keeps to it for the tab's
session. Each file ends on the server with its exact sha256."""

import math

import httpx
import pytest

from tests.e2e.conftest import phone_at
from tests.e2e.phone import (
    CHROMIUM,
    PHOTO_LIMIT,
    Api,
    current_evidence,
    login,
    new_case,
    sha256,
    site_photo,
    site_video,
)
from tests.support.proxy import MISSING, NGINX, GetPostOnlyProxy
from tests.support.tus_client import OCTETS, TUS, Upload, metadata_for

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(NGINX is None, reason=MISSING)]
MIB = 1024 * 1024
OVERRIDE = frozenset({"PATCH", "HEAD", "DELETE"})


@pytest.fixture(scope="module")
def front(server, tmp_path_factory):
    proxy = GetPostOnlyProxy(server.url, tmp_path_factory.mktemp("nginx")).start()
    yield proxy
    proxy.stop()


def big_photo(path):
    """A photo of a few MiB: several 1 MiB chunks."""
    photo = site_photo(path, seed=11, width=3200, height=2400, noise=14)
    assert 2 * MIB < photo.stat().st_size < PHOTO_LIMIT, photo.stat().st_size
    return photo


def test_a_tus_client_uploads_through_a_proxy_that_refuses_patch(server, front, tmp_path):
    api = Api(server, "shen")
    case = new_case(api, server, title="代理后上传")
    photo = big_photo(tmp_path / "front.jpg")
    size = photo.stat().st_size
    up = Upload(front.url, api.headers, photo, metadata_for(case["id"], "storefront", photo.name), chunk_size=MIB)
    with httpx.Client(base_url=front.url, headers=api.headers | TUS) as client:
        up.create(client)
        # The proxy refuses PATCH itself: the server never sees it.
        refused = client.patch(up.location, content=b"x", headers={"Content-Type": OCTETS, "Upload-Offset": "0"})
        assert refused.status_code == 405 and "tus-resumable" not in refused.headers
        assert refused.headers["server"].startswith("nginx")

    up.override = OVERRIDE
    status = up.run(give_up_after=60)
    assert up.failures == []
    item = api.ok("GET", f"/evidence/{status['evidence_id']}")
    assert item["sha256"] == sha256(photo) and item["size"] == size
    seen = front.requests()
    assert ("PATCH", up.location, 405) in seen
    chunks = [answer for method, path, answer in seen if method == "POST" and path == up.location]
    assert chunks == [200] + [204] * math.ceil(size / MIB)  # the HEAD (overridden), then every chunk

    # DELETE through the proxy: refused as such, done as an override (a finished upload: the
    # evidence stays; an unfinished one: ended, its HEAD 410).
    with httpx.Client(base_url=front.url, headers=api.headers | TUS) as client:
        assert client.delete(up.location).status_code == 405
        assert up.terminate(client).status_code == 204
        assert api.ok("GET", f"/evidence/{status['evidence_id']}")["sha256"] == sha256(photo)
        other = Upload(front.url, api.headers, photo, metadata_for(case["id"], "kitchen", photo.name),
                       chunk_size=MIB, override=OVERRIDE)
        other.create(client)
        assert other.patch(client, 0).status_code == 204
        assert other.terminate(client).status_code == 204
        gone = client.post(other.location, headers={"X-HTTP-Method-Override": "HEAD"})
        assert gone.status_code == 410 and not gone.content
    assert not (server.data_dir / "uploads" / f"{other.location.rsplit('/', 1)[1]}.part").exists()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")
def test_the_phone_falls_back_to_the_override_behind_the_proxy(playwright, browser, server, front, tmp_path):
    api = Api(server, "shen")
    case = new_case(api, server, title="代理后的手机")
    photo = big_photo(tmp_path / "storefront.jpg")
    kitchen = site_photo(tmp_path / "kitchen.jpg", seed=12)
    video = site_video(tmp_path / "walk.mp4", seed=12)
    sent: list[tuple[str, str | None]] = []  # (method, X-HTTP-Method-Override) of each upload request
    patches_before = sum(method == "PATCH" for method, _, _ in front.requests())

    with phone_at(playwright, browser, front.url) as page:
        page.on("request", lambda request: sent.append((request.method, request.headers.get("x-http-method-override")))
                if "/api/v1/uploads/" in request.url else None)
        login(page)
        page.goto(f"/m/#/case/{case['id']}")
        page.set_input_files("input[data-capture=storefront]", str(photo))
        page.locator("[data-req=storefront] li.evidence").wait_for()
        chunks = math.ceil(photo.stat().st_size / MIB)
        # One PATCH, refused by the proxy; the same chunk and every later one as an override.
        assert sent == [("PATCH", None)] + [("POST", "PATCH")] * chunks, sent

        # The next upload overrides from its first chunk, and so does one after a reload (the
        # same tab's session).
        sent.clear()
        page.set_input_files("input[data-capture=kitchen]", str(kitchen))
        page.locator("[data-req=kitchen] li.evidence").wait_for()
        assert sent and set(sent) == {("POST", "PATCH")}, sent
        sent.clear()
        page.reload()
        page.locator("[data-req=walkround]").wait_for()
        page.set_input_files("input[data-capture=walkround]", str(video))
        page.locator("[data-req=walkround] li.evidence").wait_for()
        assert sent and set(sent) == {("POST", "PATCH")}, sent

    evidence = current_evidence(api, case["id"])
    assert {key: [e["sha256"] for e in items] for key, items in evidence.items()} == {
        "storefront": [sha256(photo)], "kitchen": [sha256(kitchen)], "walkround": [sha256(video)]}
    refused = [answer for method, _, answer in front.requests() if method == "PATCH"]
    assert refused[patches_before:] == [405]  # the proxy saw the phone's one PATCH, and refused it
