"""Live-survey booking tests run in September 2026, around the Mid-Autumn and National Day
holidays of the packaged calendar: Thursday 17 September, 10:00 in Beijing. The calendar then
has Saturday the 19th as an ordinary weekend, Sunday the 20th as a make-up working day (调休),
Friday the 25th and 1-7 October as holidays, and Saturday 10 October as a make-up day."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from server.clock import FixedClock
from tests.conftest import fast_settings
from tests.support.api import make_case, make_item_type, make_site

BEIJING = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 9, 17, 2, 0, tzinfo=UTC)  # Thursday 10:00 in Beijing


def at(month: int, day: int, hour: int, minute: int = 0) -> str:
    """A slot start in 2026, Beijing time, as the wire carries it."""
    return datetime(2026, month, day, hour, minute, tzinfo=BEIJING).isoformat()


@pytest.fixture
def settings(tmp_path):
    # The reminder sweep of the app's lifespan runs once at start-up and then not during a test:
    # tests run the sweep themselves after moving the clock.
    return fast_settings(tmp_path / "data", live_reminder_sweep_seconds=3600)


@pytest.fixture
def clock(settings) -> FixedClock:
    return FixedClock(settings.tz, NOW)


class Live:
    """Cases ready for a live survey, and the booking API as each user."""

    def __init__(self, client, users):
        self.client = client
        self.users = users
        self.item = None
        self.site = None

    async def case(self, applicant: str = "applicant", *, officer: str | None = "officer", submit: bool = True,
                   title: str = "康宁诊所 现场核查") -> dict:
        """A case of `applicant`, submitted and claimed by `officer` (in review), only submitted
        (no officer), or a draft (no submit)."""
        admin = self.users.headers("admin")
        if self.item is None:
            self.item = await make_item_type(self.client, admin, code="live_item")
            self.site = await make_site(self.client, admin, name="康宁诊所")
        case = await make_case(self.client, self.users.headers(applicant), self.site["id"], item_type="live_item",
                               fields={}, title=title)
        if not submit:
            return case
        r = await self.client.post(f"/api/v1/cases/{case['id']}/submit", headers=self.users.headers(applicant))
        assert r.status_code == 200, r.text
        if officer:
            r = await self.client.post(f"/api/v1/cases/{case['id']}/claim", headers=self.users.headers(officer))
            assert r.status_code == 200, r.text
        return (await self.client.get(f"/api/v1/cases/{case['id']}", headers=self.users.headers("admin"))).json()

    async def post(self, who: str, case_id: int, path: str = "", **body):
        return await self.client.post(f"/api/v1/cases/{case_id}/live-sessions{path}", json=body,
                                      headers=self.users.headers(who))

    async def offer(self, case_id: int, slots: list[str], who: str = "officer", **body):
        return await self.post(who, case_id, slots=slots, **body)

    async def offered(self, case_id: int, slots: list[str], who: str = "officer", **body) -> dict:
        r = await self.offer(case_id, slots, who, **body)
        assert r.status_code == 201, r.text
        return r.json()

    async def act(self, who: str, case_id: int, session_id: int, action: str, **body):
        return await self.post(who, case_id, f"/{session_id}/{action}", **body)

    async def done(self, who: str, case_id: int, session_id: int, action: str, **body) -> dict:
        r = await self.act(who, case_id, session_id, action, **body)
        assert r.status_code == 200, r.text
        return r.json()

    async def advance(self, **delta: float) -> None:
        """Move the clock on, and log everyone in again (logins last 12 hours)."""
        self.client.app.state.services.clock.advance(**delta)
        for name in self.users.tokens:
            await self.users.login(name)

    async def send_back(self, case_id: int) -> None:
        """Both officers claim the case and sign 限期整改 (the item needs two): its round moves on."""
        for officer in ("officer", "officer2"):
            await self.client.post(f"/api/v1/cases/{case_id}/claim", headers=self.users.headers(officer))
            r = await self.client.post(f"/api/v1/cases/{case_id}/opinions", headers=self.users.headers(officer), json={
                "verdict": "rectify", "reasons": "请补拍全景", "rectify_requirements": ["overview"],
                "rectify_deadline": "2026-09-30"})
            assert r.status_code == 201, r.text

    async def sessions(self, case_id: int, who: str = "applicant") -> dict:
        r = await self.client.get(f"/api/v1/cases/{case_id}/live-sessions", headers=self.users.headers(who))
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
async def live(client, users) -> Live:
    return Live(client, users)
