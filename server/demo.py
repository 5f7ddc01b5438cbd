"""`takan demo`: demo users, sites near a real county seat (德清县, Zhejiang) and cases, made
through the same services a real user goes through (so the audit log tells their story)."""

from server.services import open_services
from server.settings import Settings
from shared.enums import Datum, Role
from shared.models import CaseCreate, SiteIn, UserCreate

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


async def seed_demo(settings: Settings, *, force: bool) -> list[tuple[str, str, str]] | None:
    """Add the demo data; None (and nothing written) when the database has users and not `force`."""
    async with open_services(settings) as services:
        if await services.accounts.user_count() and not force:
            return None
        users = {}
        for role, username, name, organisation in DEMO_USERS:
            users[username] = await services.accounts.create_user(
                None, UserCreate(username=username, password=DEMO_PASSWORD, display_name=name, role=role,
                                 organisation=organisation))
        admin = _actor(users["admin"])
        sites = [await services.sites.create(admin, site) for site in DEMO_SITES]
        developer, clinic = _actor(users["chenjg"]), _actor(users["liuyi"])
        await services.cases.create(developer, CaseCreate(
            item_type="presale_permit", site_id=sites[0].id, title="春晓苑 3号楼 预售许可踏勘",
            fields={"project_name": "恒达·春晓苑", "building_no": "3号楼", "total_floors": 18, "floors_built": 13}))
        await services.cases.create(clinic, CaseCreate(
            item_type="medical_institution", site_id=sites[1].id, title="康宁诊所 设置审批踏勘",
            fields={"institution_name": "德清康宁诊所", "institution_kind": "诊所", "floor_area_m2": 160}))
        return DEMO_LOGINS


def _actor(user):
    from server.identity import CurrentUser

    return CurrentUser(id=user.id, username=user.username, display_name=user.display_name, role=user.role,
                       organisation=user.organisation)
