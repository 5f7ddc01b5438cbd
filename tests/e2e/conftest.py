"""The applicant's mobile page (/m/) in a real browser: Debian's Chromium driven by Playwright,
in phone emulation (360 px wide, touch, geolocation granted at a set position), against a real
server process with seeded users and a site. Playwright's own browser download cannot work
offline, so Chromium is launched from /usr/bin/chromium; without it the tests are skipped."""

from contextlib import contextmanager

import pytest

from shared.models import SiteIn
from tests.e2e.phone import CHROMIUM, CHROMIUM_ARGS, ITEM, PASSWORD, PHONE, PHOTO_LIMIT, SITE, USERS, Api
from tests.support.live_server import LiveServer, seed


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("mobile") / "data", env={"TAKAN_PHOTO_MAX_BYTES": str(PHOTO_LIMIT)})
    site = SiteIn(name="东街小馆", address="德清县武康街道东街 12 号", **SITE)
    live.ids = seed(live.settings(), USERS, PASSWORD, [site])
    live.start()
    try:
        Api(live, "admin").ok("POST", "/item-types", json=ITEM)
        yield live
    finally:
        live.stop()


# Playwright's sync API keeps an event loop running while it is started: module scope, so it
# has stopped before the suite's async tests (pytest-asyncio) run after these modules.
@pytest.fixture(scope="module")
def playwright(server):
    # After the server: seeding runs asyncio.run, which a started Playwright would prevent.
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def phone(playwright, browser, server):
    """A fresh phone (a browser context) on the server; see phone_at."""
    with phone_at(playwright, browser, server.url) as page:
        yield page


@contextmanager
def phone_at(playwright, browser, base_url: str):
    """A fresh phone (a browser context) opening pages of `base_url`: Pixel 7 emulation narrowed
    to 360 px, geolocation granted at PHONE. The test fails on a page error, an unexpected console
    error or any dialog (an alert would mean injected script ran)."""
    device = playwright.devices["Pixel 7"]
    context = browser.new_context(**{**device, "viewport": {"width": 360, "height": 780}},
                                  geolocation=PHONE, permissions=["geolocation"], locale="zh-CN",
                                  timezone_id="Asia/Shanghai", base_url=base_url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.problems = []
    page.dialogs = []
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("console", lambda msg: page.problems.append(f"console: {msg.text}")
            if msg.type == "error" and not expected_console_error(msg.text) else None)
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()
    assert not page.dialogs, f"dialogs opened: {page.dialogs}"
    assert not page.problems, "\n".join(page.problems)


def expected_console_error(text: str) -> bool:
    # Requests the tests make fail on purpose (offline, aborted chunks, refused files) are logged
    # by the browser as failed resources.
    return "Failed to load resource" in text or "net::ERR_" in text
