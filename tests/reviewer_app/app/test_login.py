"""The login dialog against the real server: it says plainly what went wrong, and remembers the
server address and the username (never the password)."""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt

from reviewer_app.core.i18n import Language
from reviewer_app.qt.login import SETTING_SERVER, SETTING_USERNAME, LoginDialog
from tests.reviewer_app.app.conftest import LOAD_TIMEOUT_MS
from tests.reviewer_app.app.seeding import PASSWORD
from tests.support.live_server import free_port


def attempt(qtbot, dialog: LoginDialog, username: str, password: str) -> str:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=LOAD_TIMEOUT_MS)
    return dialog.message_text()


def test_login_messages_and_remembered_server(qtbot, server_up, app_settings):
    url = server_up.server.url
    dialog = LoginDialog(settings=app_settings, server_url=url)
    qtbot.addWidget(dialog)
    dialog.show()

    assert "Wrong username or password" in attempt(qtbot, dialog, "zhang", "not the password")
    assert dialog.password_edit.hasFocus() or dialog.password_edit.selectedText() == "not the password"

    # Five wrong passwords lock the account; the dialog says for how long.
    for _ in range(5):
        message = attempt(qtbot, dialog, "zhao", "wrong password")
    assert "Too many failed logins" in message and "min" in message, message
    assert "Too many failed logins" in attempt(qtbot, dialog, "zhao", PASSWORD)

    # Applicants use the phone page.
    assert "mobile page" in attempt(qtbot, dialog, "chen", PASSWORD)

    # Nothing listens on this port: "cannot reach", with the address.
    dialog.server_edit.setText(f"127.0.0.1:{free_port()}")
    message = attempt(qtbot, dialog, "zhang", PASSWORD)
    assert "Cannot reach the server" in message and "127.0.0.1" in message

    dialog.server_edit.setText("not a url at all ://")
    assert "address" in attempt(qtbot, dialog, "zhang", PASSWORD)

    dialog.server_edit.setText(url.removeprefix("http://") + "/api/v1/")
    with qtbot.waitSignal(dialog.loggedIn, timeout=LOAD_TIMEOUT_MS) as logged_in:
        attempt(qtbot, dialog, "zhang", PASSWORD)
    session, _api = logged_in.args
    assert session.user.username == "zhang" and session.server_url == url
    assert app_settings.value(SETTING_SERVER) == url
    assert app_settings.value(SETTING_USERNAME) == "zhang"
    assert PASSWORD not in {str(app_settings.value(k)) for k in app_settings.allKeys()}

    again = LoginDialog(settings=app_settings)
    qtbot.addWidget(again)
    assert again.server_edit.text() == url and again.username_edit.text() == "zhang"


def test_the_login_dialog_speaks_chinese(qtbot, server_up, app_settings, translations):
    translations.install(Language.zh_CN)
    dialog = LoginDialog(settings=app_settings, server_url=server_up.server.url, translations=translations)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.username_label.text() == "用户名"
    assert "用户名或密码错误" in attempt(qtbot, dialog, "zhang", "not the password")
    dialog.language_combo.setCurrentIndex(1)  # English, switched from the dialog
    qtbot.waitUntil(lambda: dialog.username_label.text() == "Username")


def test_an_expired_login_is_renewed(qtbot, open_login, seeded):
    queue = open_login("zhang")
    session = queue.context.session
    revoked = session.token
    httpx.post(f"{seeded.base}/auth/logout", headers={"Authorization": f"Bearer {revoked}"}).raise_for_status()
    # The password the officer typed is still in memory: the token is renewed without a word.
    with qtbot.waitSignal(queue.model.pageLoaded, timeout=LOAD_TIMEOUT_MS):
        queue.refresh()
    assert session.renewals == 1 and session.token != revoked and not queue.banner.isVisible()

    # Without it, the window asks to log in again, and carries on afterwards.
    session.forget_password()
    httpx.post(f"{seeded.base}/auth/logout", headers={"Authorization": f"Bearer {session.token}"})
    queue.refresh()
    qtbot.waitUntil(lambda: queue.banner.key == "session", timeout=LOAD_TIMEOUT_MS)
    assert "expired" in queue.banner.text()
    queue.banner.button.click()
    dialog = next(w for w in queue.findChildren(LoginDialog) if w.isVisible())
    assert dialog.server_edit.isReadOnly() and dialog.username_edit.text() == "zhang"
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.loggedIn, timeout=LOAD_TIMEOUT_MS):
        dialog.submit()
    assert not queue.banner.isVisible()
    with qtbot.waitSignal(queue.model.pageLoaded, timeout=LOAD_TIMEOUT_MS):
        queue.refresh()
    assert session.user.username == "zhang" and queue.context.api.session is session
