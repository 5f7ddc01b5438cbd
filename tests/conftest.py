"""Fixtures shared by the whole suite: settings over a temp data dir, the app through Litestar's
AppClient against a real SQLite file, and one logged-in user per role."""

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from server.app import create_app
from server.clock import FixedClock
from server.settings import Settings
from shared.models import UserCreate
from tests.support.app_client import AppClient, app_client
from tests.support.live_server import LiveServer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXIF_SAMPLES = FIXTURES / "exif-samples"

# A Monday morning in Beijing: tests that count working days start here.
T0 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)

PASSWORD = "correct horse battery"
DEMO_USERS = {
    "admin": ("admin", "管理员"),
    "officer": ("officer", "张伟"),
    "officer2": ("officer", "李娜"),
    "auditor": ("auditor", "王审计"),
    "applicant": ("applicant", "恒达置业 陈工"),
    "applicant2": ("applicant", "康宁诊所 刘医生"),
}


def fast_settings(data_dir: Path, **overrides) -> Settings:
    """Settings for tests: a temp data dir and cheap password hashing (still argon2id)."""
    return Settings(data_dir=data_dir, argon2_time_cost=1, argon2_memory_kib=1024, db_synchronous="NORMAL",
                    **overrides)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return fast_settings(tmp_path / "data")


@pytest.fixture
def clock(settings: Settings) -> FixedClock:
    return FixedClock(settings.tz, T0)


@pytest.fixture
async def client(settings: Settings, clock: FixedClock) -> AsyncIterator[AppClient]:
    app = create_app(settings, clock=clock)
    async with app_client(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def services(client: AppClient):
    return client.app.state.services


class Users:
    """One logged-in user per role name of DEMO_USERS: `users.headers("officer")`."""

    def __init__(self, client: AppClient):
        self.client = client
        self.ids: dict[str, int] = {}
        self.tokens: dict[str, str] = {}

    async def add(self, name: str, role: str, display_name: str) -> None:
        services = self.client.app.state.services
        user = await services.accounts.create_user(
            None, UserCreate(username=name, password=PASSWORD, display_name=display_name, role=role)
        )
        self.ids[name] = user.id
        await self.login(name)

    async def login(self, name: str) -> None:
        """Log in (again, e.g. after the clock was moved past the token's lifetime)."""
        response = await self.client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
        assert response.status_code == 200, response.text
        self.tokens[name] = response.json()["token"]

    def headers(self, name: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"} if name else {}


@pytest.fixture
async def users(client: AppClient) -> Users:
    users = Users(client)
    for name, (role, display_name) in DEMO_USERS.items():
        await users.add(name, role, display_name)
    return users


# ----- no test may leave a traceback in a server's log -----

SERVER_LOGGERS = ("takan", "server", "litestar", "uvicorn")


class TracebackRecords(logging.Handler):
    """Records of the server's loggers that carry a traceback: a 500, or a background failure."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.name.split(".")[0] in SERVER_LOGGERS:
            self.found.append(f"{record.name}: {record.getMessage()}\n{self.format(record)}")


@pytest.fixture(autouse=True)
def no_server_errors(request) -> Iterator[None]:
    """Fails a test when the app it ran in-process, or a real server process it started
    (tests/support/live_server.py), logged a traceback. A test about the server's own
    failures opts out with @pytest.mark.server_errors_expected."""
    records = TracebackRecords()
    logging.getLogger().addHandler(records)
    try:
        yield
    finally:
        logging.getLogger().removeHandler(records)
    found = records.found + [error for server in LiveServer.started for error in server.new_server_errors()]
    LiveServer.started[:] = [s for s in LiveServer.started if s.process is not None and s.process.poll() is None]
    if found and not request.node.get_closest_marker("server_errors_expected"):
        pytest.fail("the server logged a traceback:\n" + "\n\n".join(found)[:20_000], pytrace=False)


# ----- the fast lane: every test that starts a real process is marked e2e -----

# The app against a real server process (tests/reviewer_app/app/conftest.py): all of it is e2e.
E2E_FOLDERS = (ROOT / "tests" / "e2e", ROOT / "tests" / "reviewer_app" / "app")


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if any(folder in Path(str(item.path)).parents for folder in E2E_FOLDERS):
            item.add_marker(pytest.mark.e2e)


def pytest_runtest_setup(item) -> None:
    # Before any fixture of the test: a LiveServer started for a test not marked e2e fails it,
    # so `make test-fast` (-m "not e2e") never waits for a server process.
    LiveServer.may_start = item.get_closest_marker("e2e") is not None
