"""`takan demo`: demo users, sites near a real county seat (德清县, Zhejiang) and cases in every
state, with real (synthetic) photos and videos, made through the same services a real user goes
through, on a clock that walks through the last two weeks, so the audit log and the queue tell a
believable story."""

import io
import logging
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from server.clock import FixedClock
from server.domain.evidence.service import IngestRequest
from server.identity import CurrentUser
from server.services import Services, open_services
from server.settings import Settings
from server.storage import staging
from server.synthetic_media import exif_bytes, make_video, photo_image
from shared.annotations import AnnotationIn, Arrow, Rect
from shared.discussion import CommentIn, CommentVisibility, RatingIn
from shared.enums import Datum, Role, Verdict
from shared.evidence import ClientCapture
from shared.models import CaseCreate, OpinionIn, SiteIn, UserCreate, ViewIn

log = logging.getLogger("takan.demo")

DEMO_PASSWORD = "takan-demo"  # noqa: S105 (printed for newcomers; demo data only)
# (role, username, display name, organisation)
DEMO_USERS = [
    (Role.admin, "admin", "系统管理员", "德清县行政审批服务局"),
    (Role.officer, "zhangwei", "张伟", "德清县行政审批服务局 踏勘科"),
    (Role.officer, "lina", "李娜", "德清县行政审批服务局 踏勘科"),
    (Role.auditor, "wangmin", "王敏", "德清县纪委监委派驻组"),
    (Role.applicant, "chenjg", "陈建国", "德清恒达置业有限公司"),
    (Role.applicant, "liuyi", "刘怡", "德清康宁诊所"),
]
DEMO_LOGINS = [(role.value, username, DEMO_PASSWORD) for role, username, _, _ in DEMO_USERS]

# Sites as an officer would pick them on a Chinese web map: AMap (GCJ-02) and Baidu (BD-09)
# points are converted to WGS-84 by the server.
DEMO_SITES = [
    SiteIn(name="恒达·春晓苑 3号楼", address="浙江省湖州市德清县武康街道春晖街 88 号",
           lat=30.54523, lon=119.97351, datum=Datum.gcj02),
    SiteIn(name="康宁诊所", address="浙江省湖州市德清县武康街道永安街 21 号", lat=30.54137, lon=119.98497,
           datum=Datum.bd09, radius_m=150),
    SiteIn(name="味道小厨", address="浙江省湖州市德清县武康街道英溪南路 301 号", lat=30.53802, lon=119.96205,
           datum=Datum.wgs84),
    SiteIn(name="下渚湖 取水口", address="浙江省湖州市德清县下渚湖街道", lat=30.52604, lon=120.05187,
           datum=Datum.gcj02, radius_m=500),
]


def _actor(user) -> CurrentUser:
    return CurrentUser(id=user.id, username=user.username, display_name=user.display_name, role=user.role,
                       organisation=user.organisation)


class DemoStory:
    """Writes the demo through the services, one believable step at a time."""

    def __init__(self, services: Services, clock: FixedClock, work: Path, say: Callable[[str], None]):
        self.s = services
        self.clock = clock
        self.work = work
        self.say = say
        self.seed = 0

    async def file(self, user: CurrentUser, case, key: str, *, kind: str = "photo", seconds: float = 0,
                   offset_m: tuple[float, float] = (20, 15), software: str | None = None) -> int:
        """A photo or video of `key` taken at the site (offset in metres north/east) just now."""
        self.seed += 1
        site = case.site
        lat, lon = site.lat + offset_m[0] / 111_320, site.lon + offset_m[1] / 96_000
        now = self.clock.now()
        local = now.astimezone(self.s.settings.tz).replace(tzinfo=None, microsecond=0)
        if kind == "video":
            path = make_video(self.work / f"v{self.seed}.mp4", seconds=seconds, fps=5, size=(480, 272),
                              location=f"{lat:+.4f}{lon:+.4f}/", creation_time=now, seed=self.seed,
                              make="HUAWEI", model="ELS-AN00")
            data = path.read_bytes()
        else:
            out = io.BytesIO()
            photo_image(2000, 1500, seed=self.seed * 7).save(out, "JPEG", quality=88, exif=exif_bytes(
                lat=lat, lon=lon, taken=local, offset="+08:00", software=software, width=2000, height=1500))
            data = out.getvalue()

        async def chunks():
            yield data

        staged = await staging.stage_stream(self.s.store, chunks(), len(data) + 1)
        client = ClientCapture(lat=lat, lon=lon, accuracy_m=8.0, captured_at=now, device_id="demo-phone")
        result = await self.s.evidence.ingest(user, IngestRequest(
            case_id=case.id, requirement_key=key, original_name=f"{key}.{'mp4' if kind == 'video' else 'jpg'}",
            client=client), staged)
        self.clock.advance(minutes=3)
        return result.evidence.id

    async def complete(self, user: CurrentUser, case, *, far: str | None = None, edited: str | None = None) -> None:
        """Every requirement of the checklist, as many items as it asks for."""
        for requirement in case.checklist:
            for _ in range(max(1, requirement.min_count)):
                if requirement.kind == "video":
                    await self.file(user, case, requirement.key, kind="video",
                                    seconds=(requirement.min_duration_s or 10) + 2)
                else:
                    await self.file(user, case, requirement.key, offset_m=(4200, 2800) if requirement.key == far
                                    else (20, 15), software="Adobe Photoshop 2024" if requirement.key == edited
                                    else None)

    async def submitted(self, user: CurrentUser, case: CaseCreate, **complete):
        """A case created, its checklist completed (see complete) and submitted."""
        created = await self.s.cases.create(user, case)
        await self.complete(user, created, **complete)
        return await self.s.cases.submit(user, created.id, None)

    async def review(self, officer: CurrentUser, case_id: int, verdict: Verdict, **opinion) -> None:
        await self.s.review.claim(officer, case_id)
        state = await self.s.review.state(officer, case_id)
        for evidence_id in state.unviewed:
            await self.s.review.record_view(officer, evidence_id, ViewIn(duration_ms=25_000))
            self.clock.advance(seconds=30)
        await self.s.review.sign(officer, case_id, OpinionIn(verdict=verdict, **opinion))
        self.clock.advance(hours=2)


async def seed_demo(settings: Settings, *, force: bool, say: Callable[[str], None] = print
                    ) -> list[tuple[str, str, str]] | None:
    """Add the demo data; None (and nothing written) when the database has users and not `force`."""
    clock = FixedClock(settings.tz, datetime.now(UTC).replace(microsecond=0) - timedelta(days=14))
    async with open_services(settings, clock) as services:
        if await services.accounts.user_count() and not force:
            return None
        with tempfile.TemporaryDirectory(prefix="takan-demo-") as work:
            await _write_story(services, DemoStory(services, clock, Path(work), say))
    return DEMO_LOGINS


async def _write_story(s: Services, story: DemoStory) -> None:
    clock, say = story.clock, story.say
    users = {}
    for role, username, name, organisation in DEMO_USERS:
        users[username] = _actor(await s.accounts.create_user(None, UserCreate(
            username=username, password=DEMO_PASSWORD, display_name=name, role=role, organisation=organisation)))
    admin, zhang, li = users["admin"], users["zhangwei"], users["lina"]
    developer, clinic = users["chenjg"], users["liuyi"]
    sites = [await s.sites.create(admin, site) for site in DEMO_SITES]

    say("demo: a water abstraction permit, approved last week and rated ...")
    water = await story.submitted(developer, CaseCreate(
        item_type="water_abstraction", site_id=sites[3].id, title="下渚湖取水口 竣工核验",
        fields={"water_source": "下渚湖", "annual_volume_m3": 120000, "purpose": "农业灌溉"}))
    clock.advance(days=1)
    await story.review(zhang, water.id, Verdict.pass_)
    await story.review(li, water.id, Verdict.pass_)
    await s.ratings.rate(developer, water.id, RatingIn(score=5, comment="足不出户就办好了，点赞"))

    clock.advance(days=5)
    say("demo: a clinic sent back for rectification ...")
    clinic_case = await story.submitted(clinic, CaseCreate(
        item_type="medical_institution", site_id=sites[1].id, title="康宁诊所 设置审批踏勘",
        fields={"institution_name": "德清康宁诊所", "institution_kind": "诊所", "floor_area_m2": 160, "beds": 0}))
    clock.advance(hours=20)
    deadline = (clock.now() + timedelta(days=10)).astimezone(s.settings.tz).date()
    rectify = {"reasons": "医疗废物暂存点未见警示标识；门头照片被车辆遮挡。", "rectify_deadline": deadline,
               "rectify_requirements": ["storefront", "medical_waste"]}
    await story.review(zhang, clinic_case.id, Verdict.rectify, **rectify)
    await story.review(li, clinic_case.id, Verdict.rectify, **{**rectify, "reasons": "同意张伟意见。"})
    await s.comments.create(zhang, clinic_case.id, CommentIn(
        body="请在暂存间门口张贴医疗废物警示标识后重新拍摄，门头请在无车辆遮挡时拍摄。",
        visibility=CommentVisibility.applicant))

    clock.advance(days=3)
    say("demo: a presale permit in review, one officer at work ...")
    presale = await story.submitted(developer, CaseCreate(
        item_type="presale_permit", site_id=sites[0].id, title="春晓苑 3号楼 预售许可踏勘",
        fields={"project_name": "恒达·春晓苑", "building_no": "3号楼", "total_floors": 18, "floors_built": 13}))
    clock.advance(hours=3)
    await s.review.claim(zhang, presale.id)
    evidence = (await s.evidence.list_for_case(zhang, presale.id)).items
    for item in evidence[:3]:
        await s.review.record_view(zhang, item.id, ViewIn(duration_ms=40_000))
    floor_count = next(e for e in evidence if e.requirement_key == "floor_count")
    await s.annotations.create(zhang, floor_count.id, AnnotationIn(
        shape=Rect(x=0.32, y=0.12, w=0.3, h=0.55), label="逐层核对：13层", colour="#ff9500"))
    await s.annotations.create(zhang, floor_count.id, AnnotationIn(
        shape=Arrow(x1=0.8, y1=0.1, x2=0.6, y2=0.16), label="顶层作业面"))

    clock.advance(days=1)
    say("demo: a food licence waiting for an officer, with a far-away and an edited photo ...")
    await story.submitted(clinic, CaseCreate(
        item_type="food_business", site_id=sites[2].id, title="味道小厨 食品经营许可",
        fields={"business_name": "德清味道小厨餐饮店", "business_kind": "热食类食品制售", "floor_area_m2": 85}),
        far="storefront", edited="cold_storage")

    clock.advance(hours=5)
    say("demo: a second building's draft ...")
    draft = await s.cases.create(developer, CaseCreate(
        item_type="presale_permit", site_id=sites[0].id, title="春晓苑 5号楼 预售许可踏勘",
        fields={"project_name": "恒达·春晓苑", "building_no": "5号楼", "total_floors": 11, "floors_built": 9}))
    await story.file(developer, draft, "facade_east")
    await story.file(developer, draft, "sign_board")
