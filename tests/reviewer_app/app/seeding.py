"""Seed a real server process through its HTTP API (httpx), as the phone and the admin would:
item types, cases with real photos (EXIF with GPS, taken now) and a video, submitted; due dates
moved in the server's SQLite file where a test needs an overdue case."""

from __future__ import annotations

import io
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

from shared.models import SiteIn
from tests.support.live_server import LiveServer, seed
from tests.support.media import exif_bytes, make_video, photo_image
from tests.support.review import MINI_ITEM, SITE

PASSWORD = "reviewer test password"
USERS = {
    "admin": ("admin", "管理员"),
    "chen": ("applicant", "陈工"),
    "zhang": ("officer", "张伟"),
    "li": ("officer", "李娜"),
    "wang": ("officer", "王强"),
    "zhao": ("officer", "赵敏"),  # locked out by the login test
    "liu": ("auditor", "刘审计"),
}
VIDEO_ITEM = {
    "code": "mini_pharmacy", "name_zh": "药店经营（简）", "name_en": "Pharmacy (short)", "time_limit_days": 5,
    "geofence_radius_m": 200, "required_signoffs": 2, "capture_window_days": 15,
    "checklist": [
        {"key": "storefront", "title_zh": "门头", "title_en": "Storefront"},
        {"key": "walkround_video", "title_zh": "巡查视频", "title_en": "Walk-through video", "kind": "video"},
    ],
}
MINI_KEYS = ("storefront", "room", "waste")


@dataclass
class SeededCase:
    id: int
    reference: str
    title: str
    evidence: list[dict] = field(default_factory=list)


@dataclass
class Seeded:
    server: LiveServer
    ids: dict[str, int]
    cases: dict[str, SeededCase] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"{self.server.url}/api/v1"

    def headers(self, username: str) -> dict[str, str]:
        return self.server.login(username, PASSWORD)


def photo(seed_value: int, *, width: int = 800, height: int = 600, lat: float = SITE["lat"] + 0.0002,
          lon: float = SITE["lon"] + 0.0001) -> bytes:
    """A phone photo at the site, taken now (Beijing time in EXIF). Small, to seed quickly; the
    server's resolution check warns about it, which the tests do not mind."""
    picture = photo_image(width, height, seed=seed_value)
    taken = datetime.now(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None, microsecond=0)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, exif=exif_bytes(lat=lat, lon=lon, taken=taken, offset="+08:00",
                                                           make="HUAWEI", model="ELS-AN00", width=width, height=height))
    return out.getvalue()


def _upload(base: str, headers: dict, case_id: int, requirement: str, seed_value: int, **data) -> dict:
    body = photo(seed_value)
    r = httpx.post(f"{base}/cases/{case_id}/evidence", headers=headers, timeout=60,
                   data={"requirement": requirement, **{k: str(v) for k, v in data.items()}},
                   files={"file": (f"{requirement}.jpg", body, "image/jpeg")})
    assert r.status_code in (200, 201), r.text
    return r.json()


def _case(base: str, headers: dict, item_type: str, site_id: int, title: str) -> dict:
    r = httpx.post(f"{base}/cases", headers=headers, json={"item_type": item_type, "site_id": site_id,
                                                           "title": title, "fields": {}})
    assert r.status_code == 201, r.text
    return r.json()


def _submit(base: str, headers: dict, case_id: int) -> dict:
    r = httpx.post(f"{base}/cases/{case_id}/submit", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def start_and_seed(data_dir: Path, tmp: Path) -> Seeded:
    server = LiveServer(data_dir)
    site = SiteIn(name="康宁诊所", address="德清县武康街道春晖街 12 号", **SITE)
    ids = seed(server.settings(), USERS, PASSWORD, [site])
    server.start()
    seeded = Seeded(server=server, ids=ids)
    base = seeded.base
    admin, chen = seeded.headers("admin"), seeded.headers("chen")
    for item in (MINI_ITEM, VIDEO_ITEM):
        r = httpx.post(f"{base}/item-types", json=item, headers=admin)
        assert r.status_code == 201, r.text
    site = ids["site0"]

    def mini_case(name: str, title: str, seed_base: int, *, replace_first: bool = False) -> SeededCase:
        case = _case(base, chen, "mini_clinic", site, title)
        evidence = [_upload(base, chen, case["id"], key, seed_base + i) for i, key in enumerate(MINI_KEYS)]
        if replace_first:
            evidence.append(_upload(base, chen, case["id"], "storefront", seed_base + 9, replaces=evidence[0]["id"]))
        _submit(base, chen, case["id"])
        seeded.cases[name] = SeededCase(case["id"], case["reference"], title, evidence)
        return seeded.cases[name]

    mini_case("flow", "康宁诊所", 100, replace_first=True)
    mini_case("overdue", "仁和诊所", 200)
    mini_case("soon", "安康诊所", 300)
    mini_case("outage", "济民诊所", 400)

    case = _case(base, chen, "mini_pharmacy", site, "惠民药店")
    photo = _upload(base, chen, case["id"], "storefront", 500)
    clip = make_video(tmp / "walk.mp4", seconds=2, fps=10, location="+30.5428+119.9690/")
    r = httpx.post(f"{base}/cases/{case['id']}/evidence", headers=chen, timeout=60,
                   data={"requirement": "walkround_video"},
                   files={"file": ("walk.mp4", clip.read_bytes(), "video/mp4")})
    assert r.status_code in (200, 201), r.text
    _submit(base, chen, case["id"])
    seeded.cases["video"] = SeededCase(case["id"], case["reference"], "惠民药店", [photo, r.json()])

    # The server decides overdue from the due date: move two due dates in its database.
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    set_due_date(server, seeded.cases["overdue"].id, today - timedelta(days=10))
    set_due_date(server, seeded.cases["soon"].id, today + timedelta(days=1))
    return seeded


def set_due_date(server: LiveServer, case_id: int, due: date) -> None:
    with sqlite3.connect(server.settings().db_path, timeout=30) as db:
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("UPDATE cases SET due_date = ? WHERE id = ?", (due.isoformat(), case_id))
