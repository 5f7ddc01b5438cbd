"""What the mobile page tests share: the seeded world (users, the site, a small item type), the
API as one user over httpx, media made on the spot, and screenshots."""

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.support.live_server import ROOT, LiveServer
from tests.support.media import make_jpeg, make_video, photo_image

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# Every browser test carries these: the e2e marker, and a clear skip without Debian's Chromium.
MARKS = [pytest.mark.e2e, pytest.mark.skipif(not CHROMIUM.exists(), reason=(
    "/usr/bin/chromium is missing: apt-get install chromium (`make test` does it when run as root)"))]
ARTIFACTS = ROOT / "test-artifacts" / "mobile"
PASSWORD = "mobile e2e password"
SITE = {"lat": 30.5426, "lon": 119.9689}
# Where the emulated phone is: about 20 m from the site, with a GPS-like accuracy.
PHONE = {"latitude": 30.54278, "longitude": 119.96902, "accuracy": 9.0}
# A small item: two photos and a short video. One officer decides (the two-officer rule is
# tested elsewhere), so a rectification round fits in a browser test.
ITEM = {
    "code": "e2e_shop", "name_zh": "小餐饮登记（测试）", "name_en": "Small eatery registration (test)",
    "guide_zh": "请在营业场所现场拍摄。每张照片中请出示写有验证码的纸条。",
    "guide_en": "Shoot on the premises. Show the paper with the challenge code in every photo.",
    "time_limit_days": 5, "geofence_radius_m": 200, "required_signoffs": 1, "capture_window_days": 15,
    "fields": [
        {"key": "shop_name", "label_zh": "店铺名称", "label_en": "Shop name", "type": "text"},
        {"key": "floor_area", "label_zh": "经营面积（平方米）", "label_en": "Floor area (m²)", "type": "int",
         "min": 1, "max": 10000},
    ],
    "checklist": [
        {"key": "storefront", "title_zh": "门头", "title_en": "Storefront",
         "guidance_zh": "站在街对面，拍下完整门头和招牌。",
         "guidance_en": "From across the street: the whole front and sign."},
        {"key": "kitchen", "title_zh": "加工操作区", "title_en": "Kitchen",
         "guidance_zh": "拍下灶台、水池和消毒设施。", "guidance_en": "The stoves, sinks and disinfection."},
        {"key": "walkround", "title_zh": "环绕视频", "title_en": "Walk-round video", "kind": "video",
         "min_duration_s": 1, "guidance_zh": "一镜到底走一圈。", "guidance_en": "One continuous take around."},
    ],
}
# The server's photo limit, lowered so a refused "too large" photo is cheap to make.
PHOTO_LIMIT = 8_000_000
USERS = {"admin": ("admin", "管理员"), "shen": ("applicant", "沈小梅"), "zhang": ("officer", "张伟")}


class Api:
    """The live server's API as one user (httpx, synchronous)."""

    def __init__(self, server: LiveServer, username: str):
        self.base = f"{server.url}/api/v1"
        self.headers = server.login(username, PASSWORD)

    def __call__(self, method: str, path: str, **kwargs) -> httpx.Response:
        return httpx.request(method, self.base + path, headers=self.headers | kwargs.pop("headers", {}),
                             timeout=30, **kwargs)

    def ok(self, method: str, path: str, **kwargs):
        response = self(method, path, **kwargs)
        assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.content else None


# ----- the browser ---------------------------------------------------------------------------


def login(page, username: str = "shen") -> None:
    page.goto("/m/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("a.btn[href='#/new']")


def shoot(page, name: str, *, full_page: bool = False) -> Path:
    """A screenshot at phone size under test-artifacts/mobile/, named with the page's language."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    lang = page.evaluate("document.documentElement.lang")
    path = ARTIFACTS / f"{name}-{'en' if lang == 'en' else 'zh'}.png"
    page.wait_for_timeout(150)  # let images settle
    page.screenshot(path=str(path), full_page=full_page)
    return path


def assert_fits_width(page) -> None:
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the 360px screen"


def switch_language(page) -> None:
    before = page.evaluate("document.documentElement.lang")
    page.click("#lang")
    page.wait_for_function(f"document.documentElement.lang !== {before!r}")


def case_id_from(page) -> int:
    page.wait_for_url("**/m/#/case/*")
    return int(page.url.rsplit("/", 1)[1])


# ----- media -----------------------------------------------------------------------------------


def now_local() -> datetime:
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None, microsecond=0)


def site_photo(path: Path, *, seed: int, north_m: float = 20.0, width: int = 1600, height: int = 1200,
               noise: float | None = None) -> Path:
    """A phone photo taken now with EXIF GPS `north_m` metres north of the site (`noise` makes
    it bigger: more grain, less compression)."""
    image = photo_image(width, height, seed=seed, noise=noise) if noise is not None else None
    return make_jpeg(path, lat=SITE["lat"] + north_m / 111_320, lon=SITE["lon"], taken=now_local(),
                     width=width, height=height, seed=seed, image=image, quality=95 if noise else 90)


def site_video(path: Path, *, seed: int = 0) -> Path:
    return make_video(path, seconds=2, location=f"+{SITE['lat'] + 0.0002:.4f}+{SITE['lon']:.4f}/",
                      creation_time=datetime.now(UTC), seed=seed)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----- the API -------------------------------------------------------------------------------


def new_case(api: Api, server, title: str = "东街小馆 食品经营踏勘") -> dict:
    return api.ok("POST", "/cases", json={"item_type": ITEM["code"], "site_id": server.ids["site0"], "title": title,
                                          "fields": {"shop_name": "东街小馆", "floor_area": 86}})


def upload_one_shot(api: Api, case_id: int, requirement: str, path: Path) -> dict:
    return api.ok("POST", f"/cases/{case_id}/evidence", data={"requirement": requirement},
                  files={"file": (path.name, path.read_bytes())})


def current_evidence(api: Api, case_id: int) -> dict[str, list[dict]]:
    """The case's current (not superseded) evidence by requirement."""
    items = api.ok("GET", f"/cases/{case_id}/evidence")["items"]
    by_key: dict[str, list[dict]] = {}
    for item in items:
        if item["superseded_by"] is None:
            by_key.setdefault(item["requirement_key"], []).append(item)
    return by_key


def review(api: Api, case_id: int, verdict: str, **opinion) -> dict:
    """An officer claims the case, opens every item and signs."""
    api(("POST"), f"/cases/{case_id}/claim")  # 409 when already theirs
    for evidence_id in api.ok("GET", f"/cases/{case_id}/review")["unviewed"]:
        api.ok("POST", f"/evidence/{evidence_id}/views", json={"duration_ms": 15_000})
    return api.ok("POST", f"/cases/{case_id}/opinions", json={"verdict": verdict, **opinion})


def deadline() -> str:
    return (date.today() + timedelta(days=7)).isoformat()


# Text an attacker would put in a title, a note or a label: it must show as text, never as markup.
HOSTILE = "<img src=x onerror=alert(1)>"


def no_injection(page) -> None:
    """No element or handler of the HOSTILE text made it into the page."""
    injected = page.evaluate("""() => ({
        img: document.querySelectorAll('img[src="x"], img:not([src])').length,
        handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    })""")
    assert injected == {"img": 0, "handlers": 0}, injected
