"""The application object: the login dialog opens a queue window; a second officer logs in beside
the first in the same running app; logging out closes that login's windows."""

from __future__ import annotations

from reviewer_app.core.i18n import Language
from reviewer_app.main import parse_args
from reviewer_app.qt.app import ReviewerApp
from tests.reviewer_app.app.conftest import LOAD_TIMEOUT_MS
from tests.reviewer_app.app.seeding import PASSWORD


class _NoQuit:
    """Stands in for the QApplication where the app would quit (not in the middle of a test run)."""

    def __init__(self):
        self.quits = 0

    def quit(self):
        self.quits += 1


def log_in(qtbot, dialog, username: str) -> None:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.loggedIn, timeout=LOAD_TIMEOUT_MS):
        dialog.submit()


def test_two_officers_in_one_running_app(qtbot, qapp, server_up, app_settings, translations):
    reviewer = ReviewerApp(qapp, settings=app_settings, server_url=server_up.server.url,
                           translations=translations, language="en")
    reviewer.app = _NoQuit()
    assert translations.language is Language.en
    log_in(qtbot, reviewer.login(), "zhang")
    assert len(reviewer.windows) == 1
    first = reviewer.windows[0]
    qtbot.waitUntil(lambda: first.model.state.loaded, timeout=LOAD_TIMEOUT_MS)

    first.new_login_action.trigger()
    log_in(qtbot, reviewer.dialogs[-1], "li")
    second = reviewer.windows[1]
    qtbot.waitUntil(lambda: second.model.state.loaded, timeout=LOAD_TIMEOUT_MS)
    assert first.context.session.user.username == "zhang" and second.context.session.user.username == "li"
    assert first.context.thumbnail_cache is second.context.thumbnail_cache

    second.logout()
    assert reviewer.windows == [first] and not second.isVisible()
    first.logout()
    # The last login gone: the login dialog comes back.
    qtbot.waitUntil(lambda: bool(reviewer.dialogs) and reviewer.dialogs[-1].isVisible(), timeout=LOAD_TIMEOUT_MS)
    reviewer.dialogs[-1].reject()
    qtbot.waitUntil(lambda: reviewer.app.quits == 1, timeout=LOAD_TIMEOUT_MS)


def test_the_command_line():
    args = parse_args(["--server", "http://10.0.0.5:8000", "--language", "zh_CN"])
    assert args.server == "http://10.0.0.5:8000" and args.language == "zh_CN"
