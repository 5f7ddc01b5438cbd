"""A client subscribed to the event stream of a real server receives the decision as it happens."""

import json
import threading

import httpx
import pytest

from shared.models import SiteIn
from tests.support.live_server import LiveServer, seed
from tests.support.review import MINI_ITEM, SITE, photo_bytes

pytestmark = pytest.mark.e2e  # a real server process

PASSWORD = "live test password"


@pytest.fixture
def server(tmp_path):
    live = LiveServer(tmp_path / "data")
    live.ids = seed(live.settings(), {"admin": ("admin", "管理员"), "chen": ("applicant", "陈工"),
                                      "zhang": ("officer", "张伟"), "li": ("officer", "李娜")}, PASSWORD,
                    [SiteIn(name="康宁诊所", **SITE)])
    live.start()
    yield live
    live.stop()


def test_the_applicant_hears_the_decision(server):
    base = f"{server.url}/api/v1"
    admin, chen = server.login("admin", PASSWORD), server.login("chen", PASSWORD)
    httpx.post(f"{base}/item-types", json=MINI_ITEM, headers=admin).raise_for_status()
    case = httpx.post(f"{base}/cases", headers=chen, json={"item_type": "mini_clinic", "site_id": server.ids["site0"],
                                                          "title": "诊所", "fields": {}}).json()
    from datetime import UTC, datetime

    for i, key in enumerate(("storefront", "room", "waste")):
        httpx.post(f"{base}/cases/{case['id']}/evidence", headers=chen, data={"requirement": key},
                   files={"file": (f"{key}.jpg", photo_bytes(i, datetime.now(UTC)), "image/jpeg")}).raise_for_status()
    httpx.post(f"{base}/cases/{case['id']}/submit", headers=chen).raise_for_status()

    received: list[dict] = []
    connected = threading.Event()

    def listen() -> None:
        with httpx.stream("GET", f"{base}/events/stream", headers=chen, params={"seconds": 30}, timeout=40) as r:
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
            connected.set()
            event = None
            for line in r.iter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event:
                    received.append(json.loads(line[6:]))
                    if event == "case.decided":
                        return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    assert connected.wait(10)
    for officer in ("zhang", "li"):
        headers = server.login(officer, PASSWORD)
        httpx.post(f"{base}/cases/{case['id']}/claim", headers=headers).raise_for_status()
        state = httpx.get(f"{base}/cases/{case['id']}/review", headers=headers).json()
        for evidence_id in state["unviewed"]:
            httpx.post(f"{base}/evidence/{evidence_id}/views", json={"duration_ms": 15000},
                       headers=headers).raise_for_status()
        httpx.post(f"{base}/cases/{case['id']}/opinions", json={"verdict": "pass"}, headers=headers).raise_for_status()
    listener.join(20)
    kinds = [e["kind"] for e in received]
    assert "case.in_review" in kinds and kinds[-1] == "case.decided", kinds
    decided = received[-1]
    assert decided["case_id"] == case["id"] and decided["payload"]["verdict"] == "pass"
    assert decided["payload"]["reference"] == case["reference"]
