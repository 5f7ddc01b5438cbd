"""The application against a real server process: one server for the session (granian through
`takan serve`, its own data dir), seeded through its API with real photos and a video; each test
logs in with its own main window(s)."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from reviewer_app.core.api import ApiClient
from reviewer_app.core.session import Session
from reviewer_app.qt.case_window import CaseWindow
from reviewer_app.qt.context import ReviewerContext
from reviewer_app.qt.i18n import Translations
from reviewer_app.qt.images import ThumbnailCache
from reviewer_app.qt.queue_window import QueueWindow
from tests.reviewer_app.app.seeding import PASSWORD, Seeded, start_and_seed

LOAD_TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def seeded(tmp_path_factory) -> Seeded:
    tmp = tmp_path_factory.mktemp("live")
    seeded = start_and_seed(tmp / "data", tmp)
    yield seeded
    seeded.server.stop()


@pytest.fixture
def server_up(seeded):
    """The server is running (a test that stopped it must not leave it down for the next one)."""
    if seeded.server.process is None or seeded.server.process.poll() is not None:
        seeded.server.start()
    yield seeded
    if seeded.server.process is None or seeded.server.process.poll() is not None:
        seeded.server.start()


@pytest.fixture
def app_settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "reviewer.ini"), QSettings.Format.IniFormat)


def activate(qtbot, window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


@pytest.fixture
def open_login(qtbot, server_up, tmp_path, app_settings):
    """Log in as someone and show their queue window (closed, with its case windows, afterwards)."""
    windows: list[QueueWindow] = []

    def login(username: str, *, i18n: Translations | None = None) -> QueueWindow:
        session = Session(server_up.server.url)
        api = ApiClient(session)
        api.login(username, PASSWORD)
        context = ReviewerContext(session, api=api, thumbnail_cache=ThumbnailCache(tmp_path / "thumbs"))
        window = QueueWindow(context, translations=i18n, settings=app_settings)
        windows.append(window)
        qtbot.addWidget(window)
        activate(qtbot, window)
        qtbot.waitUntil(lambda: window.model.state.loaded, timeout=LOAD_TIMEOUT_MS)
        return window

    yield login
    for window in windows:
        window.close()


def open_case(qtbot, queue: QueueWindow, case_id: int) -> CaseWindow:
    window = queue.open_case(case_id)
    qtbot.waitUntil(lambda: {"case", "evidence", "review"} <= window.session.loaded_parts, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.current_evidence_id() is not None and window.session.display.shown,
                    timeout=LOAD_TIMEOUT_MS)
    return window


def api_get(seeded: Seeded, username: str, path: str, **params) -> dict:
    r = httpx.get(f"{seeded.base}{path}", headers=seeded.headers(username), params=params, timeout=30)
    r.raise_for_status()
    return r.json()
