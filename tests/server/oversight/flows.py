"""Survey flows through the real HTTP API for the archive and oversight tests: item types, sites,
cases with photos whose EXIF says when and where they were taken, submission, claiming, opening
the evidence for a given time, signing opinions, rectification, ratings."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from shared.models import UserCreate
from tests.conftest import PASSWORD
from tests.support.api import make_site
from tests.support.media import exif_bytes, photo_image

BEIJING = ZoneInfo("Asia/Shanghai")
SITE = {"lat": 30.5426, "lon": 119.9689}
AT_SITE = (SITE["lat"] + 0.0002, SITE["lon"] + 0.0001)
FAR_AWAY = (SITE["lat"] + 0.05, SITE["lon"])  # about 5.5 km north

ONE_PHOTO_ITEM = {
    "code": "flag_item", "name_zh": "诊所设置（抽查）", "name_en": "Clinic (spot check)", "time_limit_days": 5,
    "geofence_radius_m": 200, "required_signoffs": 2, "capture_window_days": 15,
    "checklist": [{"key": "storefront", "title_zh": "门头", "title_en": "Storefront"}],
}


def photo_bytes(seed: int, *, taken: datetime, at: tuple[float, float] = AT_SITE, size=(1600, 1200)) -> bytes:
    """A JPEG whose EXIF says it was taken at `taken` (aware; written as Beijing wall time with
    +08:00) at `at` (WGS-84)."""
    local = taken.astimezone(BEIJING).replace(tzinfo=None)
    picture = photo_image(*size, seed=seed)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, exif=exif_bytes(lat=at[0], lon=at[1], taken=local, offset="+08:00",
                                                          width=size[0], height=size[1]))
    return out.getvalue()


class Survey:
    def __init__(self, client, users, clock):
        self.client = client
        self.users = users
        self.clock = clock

    def h(self, who: str) -> dict:
        return self.users.headers(who)

    async def advance(self, **delta: float) -> None:
        """Move the clock, and log everyone in again if their tokens would have expired."""
        self.clock.advance(**delta)
        if timedelta(**delta) >= timedelta(hours=6):
            for name in list(self.users.tokens):
                await self.users.login(name)

    async def add_user(self, name: str, role: str, display_name: str, organisation: str = "") -> int:
        services = self.client.app.state.services
        user = await services.accounts.create_user(None, UserCreate(
            username=name, password=PASSWORD, display_name=display_name, role=role, organisation=organisation))
        self.users.ids[name] = user.id
        await self.users.login(name)
        return user.id

    async def item(self, **overrides) -> dict:
        body = {**ONE_PHOTO_ITEM, **overrides}
        r = await self.client.post("/api/v1/item-types", json=body, headers=self.h("admin"))
        assert r.status_code == 201, r.text
        return r.json()

    async def site(self, **overrides) -> dict:
        return await make_site(self.client, self.h("admin"), **{"name": "康宁诊所", **SITE, **overrides})

    async def case(self, item: str, site_id: int, applicant: str = "applicant", title: str = "诊所现场核查") -> dict:
        r = await self.client.post("/api/v1/cases", headers=self.h(applicant), json={
            "item_type": item, "site_id": site_id, "title": title, "fields": {}})
        assert r.status_code == 201, r.text
        return r.json()

    async def upload(self, case_id: int, requirement: str, data: bytes, applicant: str = "applicant",
                     name: str = "photo.jpg", mime: str = "image/jpeg", **fields) -> dict:
        r = await self.client.post(f"/api/v1/cases/{case_id}/evidence", headers=self.h(applicant),
                                   files={"file": (name, data, mime)},
                                   data={"requirement": requirement, **{k: str(v) for k, v in fields.items()}})
        assert r.status_code in (200, 201), r.text
        return r.json()

    async def photo_case(self, item: str, site_id: int, seed: int, *, applicant: str = "applicant",
                         taken: datetime | None = None, at: tuple[float, float] = AT_SITE,
                         data: bytes | None = None, submit: bool = True, title: str = "诊所现场核查") -> dict:
        """A case with one storefront photo (taken ten minutes ago at the site unless told),
        submitted."""
        case = await self.case(item, site_id, applicant, title)
        photo = data or photo_bytes(seed, taken=taken or self.clock.now() - timedelta(minutes=10), at=at)
        case["evidence"] = [await self.upload(case["id"], "storefront", photo, applicant)]
        if submit:
            await self.submit(case["id"], applicant)
        return case

    async def submit(self, case_id: int, applicant: str = "applicant") -> dict:
        r = await self.client.post(f"/api/v1/cases/{case_id}/submit", headers=self.h(applicant))
        assert r.status_code == 200, r.text
        return r.json()

    async def claim(self, case_id: int, officer: str) -> None:
        r = await self.client.post(f"/api/v1/cases/{case_id}/claim", headers=self.h(officer))
        assert r.status_code == 200, r.text

    async def view_all(self, case_id: int, officer: str, total_ms: int) -> None:
        """Open every current item the officer has not opened, for `total_ms` in all."""
        state = (await self.client.get(f"/api/v1/cases/{case_id}/review", headers=self.h(officer))).json()
        items = state["unviewed"] or []
        for evidence_id in items:
            r = await self.client.post(f"/api/v1/evidence/{evidence_id}/views",
                                       json={"duration_ms": total_ms // max(1, len(items))}, headers=self.h(officer))
            assert r.status_code == 200, r.text

    async def sign(self, case_id: int, officer: str, verdict: str = "pass", **extra) -> dict:
        body = {"verdict": verdict, **extra}
        if verdict != "pass":
            body.setdefault("reasons", "门头照片与现场不符")
        r = await self.client.post(f"/api/v1/cases/{case_id}/opinions", json=body, headers=self.h(officer))
        assert r.status_code == 201, r.text
        return r.json()

    async def decide(self, case_id: int, officers: tuple[str, ...] = ("officer", "officer2"), verdict: str = "pass",
                     view_ms: int | dict[str, int] = 90_000, **extra) -> None:
        """Each officer claims the case, opens everything (for view_ms in all) and signs."""
        for officer in officers:
            await self.claim(case_id, officer)
            ms = view_ms[officer] if isinstance(view_ms, dict) else view_ms
            await self.view_all(case_id, officer, ms)
            await self.sign(case_id, officer, verdict, **extra)

    async def rectify(self, case_id: int, requirement: str, officers=("officer", "officer2"),
                      deadline: date | None = None) -> None:
        deadline = deadline or (self.clock.today() + timedelta(days=10))
        await self.decide(case_id, officers, "rectify", rectify_requirements=[requirement],
                          rectify_deadline=deadline.isoformat(), reasons="门头照片不清晰，请重拍")

    async def rate(self, case_id: int, score: int, applicant: str = "applicant") -> None:
        r = await self.client.post(f"/api/v1/cases/{case_id}/rating", json={"score": score, "comment": "好"},
                                   headers=self.h(applicant))
        assert r.status_code == 201, r.text

    async def case_now(self, case_id: int) -> dict:
        return (await self.client.get(f"/api/v1/cases/{case_id}", headers=self.h("auditor"))).json()

    async def audit_events(self, case_id: int | None = None) -> list[dict]:
        items, cursor = [], None
        while True:
            params = {"limit": 200, **({"case_id": case_id} if case_id else {}),
                      **({"cursor": cursor} if cursor else {})}
            r = await self.client.get("/api/v1/audit/events", params=params, headers=self.h("auditor"))
            assert r.status_code == 200, r.text
            items += r.json()["items"]
            cursor = r.json()["next_cursor"]
            if not cursor:
                return items
