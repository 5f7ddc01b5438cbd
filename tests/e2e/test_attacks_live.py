"""Findings of a red-team run against a live server, kept as regression tests against a real
server process: races and streams only show over real connections."""

import asyncio
import json
import threading
import time
from datetime import UTC, datetime

import httpx
import pytest

from shared.models import SiteIn
from tests.support.live_server import LiveServer, seed
from tests.support.review import MINI_ITEM, SITE, photo_bytes

pytestmark = pytest.mark.e2e

PASSWORD = "live attack password"
USERS = {"admin": ("admin", "管理员"), "chen": ("applicant", "陈工"), "liu": ("applicant", "刘医生"),
         "zhang": ("officer", "张伟"), "target": ("officer", "李娜"), "target2": ("officer", "王强")}
MAX_FAILURES = 5


def start_server(tmp_path, **env) -> LiveServer:
    live = LiveServer(tmp_path / "data", env={
        # A password check as slow as a real one (tens of ms), so that parallel guesses really
        # overlap the check; the default test settings make it ~1 ms.
        "TAKAN_ARGON2_TIME_COST": "2", "TAKAN_ARGON2_MEMORY_KIB": "32768",
        "TAKAN_LOGIN_MAX_FAILURES": str(MAX_FAILURES), **env})
    live.ids = seed(live.settings(), USERS, PASSWORD, [SiteIn(name="康宁诊所", **SITE)])
    return live.start()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = start_server(tmp_path_factory.mktemp("attacks"))
    httpx.post(f"{live.url}/api/v1/item-types", json=MINI_ITEM, headers=live.login("admin", PASSWORD)
               ).raise_for_status()
    yield live
    live.stop()


async def burst(url: str, bodies: list[dict]) -> list[httpx.Response]:
    """All the requests at once, each on its own connection."""
    limits = httpx.Limits(max_connections=len(bodies), max_keepalive_connections=0)
    async with httpx.AsyncClient(limits=limits, timeout=120) as client:
        return await asyncio.gather(*(client.post(url, json=body) for body in bodies))


def draft(server: LiveServer, who: str) -> dict:
    headers = server.login(who, PASSWORD)
    return httpx.post(f"{server.url}/api/v1/cases", headers=headers, json={
        "item_type": "mini_clinic", "site_id": server.ids["site0"], "title": "诊所", "fields": {}}).json()


def submitted_case(server: LiveServer, who: str) -> dict:
    base, headers = f"{server.url}/api/v1", server.login(who, PASSWORD)
    case = draft(server, who)
    for i, key in enumerate(("storefront", "room", "waste")):
        httpx.post(f"{base}/cases/{case['id']}/evidence", headers=headers, data={"requirement": key},
                   files={"file": (f"{key}.jpg", photo_bytes(i + case["id"] * 10, datetime.now(UTC)), "image/jpeg")}
                   ).raise_for_status()
    httpx.post(f"{base}/cases/{case['id']}/submit", headers=headers).raise_for_status()
    return case


# ----- finding 1: parallel logins must not beat the lockout -----


def test_a_burst_of_guesses_gets_no_more_checks_than_the_lockout_allows(server):
    url = f"{server.url}/api/v1/auth/login"
    answers = asyncio.run(burst(url, [{"username": "target", "password": f"guess-{i:03}"} for i in range(100)]))
    statuses = [a.status_code for a in answers]
    assert statuses.count(401) == MAX_FAILURES - 1, statuses  # the last allowed guess is answered 429
    assert statuses.count(429) == 100 - (MAX_FAILURES - 1)
    # Refused by the username's lock, or by the address's limit while the burst was in flight.
    assert {a.json()["code"] for a in answers if a.status_code == 429} <= {"login_locked", "login_rate_limited"}
    # Locked now: even the right password waits.
    locked = httpx.post(url, json={"username": "target", "password": PASSWORD})
    assert locked.status_code == 429 and locked.json()["code"] == "login_locked"
    # Only the guesses that were checked count against the address: others still log in from it.
    assert httpx.post(url, json={"username": "chen", "password": PASSWORD}).status_code == 200


def test_the_right_password_hidden_in_a_burst_is_checked_only_within_the_limit(tmp_path):
    live = start_server(tmp_path)  # its own: the address's failures of other tests must not decide it
    try:
        bodies = [{"username": "target2", "password": f"guess-{i:03}"} for i in range(99)]
        bodies.insert(50, {"username": "target2", "password": PASSWORD})
        statuses = [a.status_code for a in asyncio.run(burst(f"{live.url}/api/v1/auth/login", bodies))]
    finally:
        live.stop()
    checked = statuses.count(401) + statuses.count(200)
    assert 0 < checked <= MAX_FAILURES, statuses
    assert statuses.count(200) <= 1


def test_a_burst_across_usernames_is_held_by_the_address_limit(tmp_path):
    live = start_server(tmp_path, TAKAN_LOGIN_IP_MAX_FAILURES="10")
    try:
        url = f"{live.url}/api/v1/auth/login"
        answers = asyncio.run(burst(url, [{"username": f"nobody{i}", "password": "guess"} for i in range(60)]))
        statuses = [a.status_code for a in answers]
        assert statuses.count(401) <= 10, statuses
        assert statuses.count(429) >= 50
        assert {a.json()["code"] for a in answers if a.status_code == 429} == {"login_rate_limited"}
    finally:
        live.stop()


# ----- finding 4: a stream ends with its login -----


class Listener:
    """An SSE client in a thread: the events it got, and when its stream ended."""

    def __init__(self, server: LiveServer, headers: dict):
        self.events: list[tuple[str, dict]] = []
        self.connected = threading.Event()
        self.ended_at: float | None = None
        self.thread = threading.Thread(target=self._listen, args=(server, headers), daemon=True)
        self.thread.start()
        assert self.connected.wait(10)

    def _listen(self, server: LiveServer, headers: dict) -> None:
        with httpx.stream("GET", f"{server.url}/api/v1/events/stream", headers=headers,
                          params={"seconds": 120}, timeout=130) as r:
            assert r.status_code == 200
            self.connected.set()
            event = None
            for line in r.iter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event:
                    self.events.append((event, json.loads(line[6:])))
        self.ended_at = time.monotonic()

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.events]


def test_an_open_stream_ends_at_logout(server):
    case = submitted_case(server, "chen")
    chen = server.login("chen", PASSWORD)
    listener = Listener(server, chen)
    time.sleep(0.5)
    logged_out = time.monotonic()
    assert httpx.post(f"{server.url}/api/v1/auth/logout", headers=chen).status_code == 204
    officer = server.login("zhang", PASSWORD)
    httpx.post(f"{server.url}/api/v1/cases/{case['id']}/claim", headers=officer).raise_for_status()
    listener.thread.join(10)
    assert listener.ended_at is not None, "the stream is still open after logout"
    assert listener.ended_at - logged_out < 5  # at once, not at the stream's own end (120 s)
    assert listener.kinds() == ["signed_out"], listener.events
    # The claim's notification is in chen's feed for a new login, not on the old stream.
    feed = httpx.get(f"{server.url}/api/v1/events", headers=server.login("chen", PASSWORD)).json()["items"]
    assert "case.in_review" in [e["kind"] for e in feed]


def test_an_open_stream_ends_when_the_account_is_disabled(server):
    case = submitted_case(server, "liu")
    listener = Listener(server, server.login("liu", PASSWORD))
    time.sleep(0.5)
    admin = server.login("admin", PASSWORD)
    disabled_at = time.monotonic()
    httpx.patch(f"{server.url}/api/v1/users/{server.ids['liu']}", json={"active": False}, headers=admin
                ).raise_for_status()
    httpx.post(f"{server.url}/api/v1/cases/{case['id']}/claim", headers=server.login("zhang", PASSWORD)
               ).raise_for_status()
    listener.thread.join(10)
    assert listener.ended_at is not None and listener.ended_at - disabled_at < 5
    assert "case.in_review" not in listener.kinds()
    httpx.patch(f"{server.url}/api/v1/users/{server.ids['liu']}", json={"active": True}, headers=admin
                ).raise_for_status()


def test_a_stream_of_another_login_of_the_same_user_goes_on(server):
    """Logging out one session ends that session's streams only."""
    case = submitted_case(server, "chen")
    kept, dropped = server.login("chen", PASSWORD), server.login("chen", PASSWORD)
    listener = Listener(server, kept)
    time.sleep(0.5)
    assert httpx.post(f"{server.url}/api/v1/auth/logout", headers=dropped).status_code == 204
    httpx.post(f"{server.url}/api/v1/cases/{case['id']}/claim", headers=server.login("zhang", PASSWORD)
               ).raise_for_status()
    deadline = time.monotonic() + 10
    while "case.in_review" not in listener.kinds() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "case.in_review" in listener.kinds() and listener.ended_at is None
    httpx.post(f"{server.url}/api/v1/auth/logout", headers=kept)
    listener.thread.join(10)


# ----- finding 10: the same photo sent twice at once is filed once -----


def test_the_same_photo_sent_at_once_is_filed_once(server):
    case = draft(server, "chen")
    headers = server.login("chen", PASSWORD)
    photo = photo_bytes(77, datetime.now(UTC))
    url = f"{server.url}/api/v1/cases/{case['id']}/evidence"

    async def send_all() -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=4, max_keepalive_connections=0)
        async with httpx.AsyncClient(limits=limits, timeout=60, headers=headers) as client:
            return await asyncio.gather(*(client.post(url, data={"requirement": "room"},
                                                      files={"file": ("room.jpg", photo, "image/jpeg")})
                                          for _ in range(4)))

    answers = asyncio.run(send_all())
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 201], [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    items = httpx.get(url, headers=headers).json()["items"]
    assert [i["requirement_key"] for i in items if i["superseded_by"] is None] == ["room"]
