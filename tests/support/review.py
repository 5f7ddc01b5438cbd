"""Review flows through the real API, for tests: a case with evidence, submitted, claimed,
every item opened, opinions signed."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.support.api import make_site
from tests.support.media import exif_bytes, photo_image

# A small item: three photo requirements, two officers must agree.
MINI_ITEM = {
    "code": "mini_clinic", "name_zh": "诊所设置（简）", "name_en": "Clinic (short)", "time_limit_days": 5,
    "geofence_radius_m": 200, "required_signoffs": 2, "capture_window_days": 15,
    "checklist": [
        {"key": "storefront", "title_zh": "门头", "title_en": "Storefront"},
        {"key": "room", "title_zh": "诊室", "title_en": "Consulting room"},
        {"key": "waste", "title_zh": "医疗废物暂存点", "title_en": "Medical waste store"},
    ],
}
SITE = {"lat": 30.5426, "lon": 119.9689}


def photo_bytes(seed: int, taken: datetime, *, lat: float = SITE["lat"] + 0.0002,
                lon: float = SITE["lon"] + 0.0001) -> bytes:
    """A phone photo at the site, taken at `taken` (written as Beijing local time +08:00)."""
    picture = photo_image(1600, 1200, seed=seed)
    out = io.BytesIO()
    local = taken.astimezone(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None, microsecond=0)
    picture.save(out, "JPEG", quality=88, exif=exif_bytes(
        lat=lat, lon=lon, taken=local, offset="+08:00", make="HUAWEI", model="ELS-AN00", width=1600, height=1200))
    return out.getvalue()


class Flow:
    def __init__(self, client, users):
        self.client = client
        self.users = users

    async def mini_item(self) -> dict:
        r = await self.client.get(f"/api/v1/item-types/{MINI_ITEM['code']}", headers=self.users.headers("admin"))
        if r.status_code == 200:
            return r.json()
        r = await self.client.post("/api/v1/item-types", json=MINI_ITEM, headers=self.users.headers("admin"))
        assert r.status_code == 201, r.text
        return r.json()

    async def case(self, applicant: str = "applicant", *, title: str = "康宁诊所", site_id: int | None = None,
                   item_type: str | None = None) -> dict:
        item = await self.mini_item()
        if site_id is None:
            site_id = (await make_site(self.client, self.users.headers("admin"), name="康宁诊所", **SITE))["id"]
        r = await self.client.post("/api/v1/cases", headers=self.users.headers(applicant), json={
            "item_type": item_type or item["code"], "site_id": site_id, "title": title, "fields": {}})
        assert r.status_code == 201, r.text
        return r.json()

    async def upload(self, case_id: int, requirement: str, seed: int, applicant: str = "applicant",
                     **fields) -> dict:
        # Taken just now (the server's clock), so the capture-time checks pass as on a real site.
        taken = self.client.app.state.services.clock.now()
        r = await self.client.post(f"/api/v1/cases/{case_id}/evidence", headers=self.users.headers(applicant),
                                   files={"file": (f"{requirement}.jpg", photo_bytes(seed, taken), "image/jpeg")},
                                   data={"requirement": requirement, **{k: str(v) for k, v in fields.items()}})
        assert r.status_code in (200, 201), r.text
        return r.json()

    async def submitted_case(self, applicant: str = "applicant", seed: int = 0, **kwargs) -> dict:
        case = await self.case(applicant, **kwargs)
        for i, requirement in enumerate(("storefront", "room", "waste")):
            await self.upload(case["id"], requirement, seed * 10 + i + 1, applicant)
        return await self.submit(case["id"], applicant)

    async def submit(self, case_id: int, applicant: str = "applicant") -> dict:
        r = await self.client.post(f"/api/v1/cases/{case_id}/submit", headers=self.users.headers(applicant))
        assert r.status_code == 200, r.text
        return r.json()

    async def claim(self, case_id: int, officer: str) -> dict:
        r = await self.client.post(f"/api/v1/cases/{case_id}/claim", headers=self.users.headers(officer))
        assert r.status_code == 200, r.text
        return r.json()

    async def view_all(self, case_id: int, officer: str, duration_ms: int = 20_000) -> None:
        state = (await self.client.get(f"/api/v1/cases/{case_id}/review", headers=self.users.headers(officer))).json()
        for evidence_id in state["unviewed"]:
            r = await self.client.post(f"/api/v1/evidence/{evidence_id}/views", json={"duration_ms": duration_ms},
                                       headers=self.users.headers(officer))
            assert r.status_code == 200, r.text

    async def sign(self, case_id: int, officer: str, verdict: str = "pass", **extra):
        body = {"verdict": verdict, **extra}
        if verdict != "pass":
            body.setdefault("reasons", "门头照片不清晰")
        return await self.client.post(f"/api/v1/cases/{case_id}/opinions", json=body,
                                      headers=self.users.headers(officer))

    async def review(self, case_id: int, officer: str, verdict: str = "pass", **extra) -> dict:
        """Claim, open everything, sign."""
        await self.claim(case_id, officer)
        await self.view_all(case_id, officer)
        r = await self.sign(case_id, officer, verdict, **extra)
        assert r.status_code == 201, r.text
        return r.json()

    async def case_now(self, case_id: int, who: str = "officer") -> dict:
        return (await self.client.get(f"/api/v1/cases/{case_id}", headers=self.users.headers(who))).json()

    async def history(self, case_id: int) -> list[str]:
        r = await self.client.get(f"/api/v1/cases/{case_id}/history", headers=self.users.headers("auditor"))
        return [e["action"] for e in r.json()["items"]]
