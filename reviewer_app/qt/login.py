"""The login dialog: server address (remembered), username (remembered), password.

Logging in runs in the background; the dialog says plainly what went wrong: a wrong password, a
server that cannot be reached, an account locked after too many attempts (with the wait), a
disabled account, or an applicant's account (applicants use the mobile page).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.api import ApiClient, ApiError, ServerUnreachable
from reviewer_app.core.i18n import Language
from reviewer_app.core.session import DEFAULT_SERVER_URL, REVIEWER_ROLES, Credentials, Session, normalise_server_url
from reviewer_app.qt.errors import describe_error
from reviewer_app.qt.i18n import Retranslating, Translations
from reviewer_app.qt.workers import TaskRunner
from shared.models import LoginResponse

SETTING_SERVER = "login/server_url"
SETTING_USERNAME = "login/username"


class LoginDialog(Retranslating, QDialog):
    """Emits `loggedIn(session, api)` and accepts once the server said yes."""

    loggedIn = Signal(object, object)  # Session, ApiClient

    def __init__(self, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 runner: TaskRunner | None = None, translations: Translations | None = None,
                 server_url: str | None = None, username: str | None = None, lock_server: bool = False,
                 session: Session | None = None):
        """With `session`, log in again to that session's server (its token expired): the windows
        of that login carry on with the new token."""
        super().__init__(parent)
        self.settings = settings or QSettings()
        self.runner = runner or TaskRunner.shared()
        self.translations = translations
        self._renewing = session
        self._renewing_user_id = session.user.id if session is not None and session.user is not None else None
        if session is not None:
            server_url, lock_server = session.server_url, True
            if username is None and session.user is not None:
                username = session.user.username
        self.session: Session | None = None
        self.api: ApiClient | None = None
        self._busy = False

        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(self)
        self.subtitle.setStyleSheet("color:#555;")
        self.server_edit = QLineEdit(self)
        self.server_edit.setText(server_url or str(self.settings.value(SETTING_SERVER, DEFAULT_SERVER_URL)))
        self.server_edit.setReadOnly(lock_server)
        self.username_edit = QLineEdit(self)
        self.username_edit.setText(username if username is not None else str(self.settings.value(SETTING_USERNAME, "")))
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("中文", Language.zh_CN.value)
        self.language_combo.addItem("English", Language.en.value)
        if translations is not None:
            self.language_combo.setCurrentIndex(0 if translations.language is Language.zh_CN else 1)
        else:
            self.language_combo.hide()
        self.language_combo.currentIndexChanged.connect(self._on_language)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(40)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self.server_label = QLabel(self)
        self.username_label = QLabel(self)
        self.password_label = QLabel(self)
        self.language_label = QLabel(self)
        self.form.addRow(self.server_label, self.server_edit)
        self.form.addRow(self.username_label, self.username_edit)
        self.form.addRow(self.password_label, self.password_edit)
        if translations is not None:
            self.form.addRow(self.language_label, self.language_combo)
        else:
            self.language_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.retranslate()
        (self.password_edit if self.username_edit.text() else self.username_edit).setFocus()

    # ----- texts -----

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Takan reviewer — log in"))
        self.title.setText(self.tr("Takan remote site survey"))
        self.subtitle.setText(self.tr("Review desk for approval officers and auditors"))
        self.server_label.setText(self.tr("Server"))
        self.username_label.setText(self.tr("Username"))
        self.password_label.setText(self.tr("Password"))
        self.language_label.setText(self.tr("Language"))
        self.server_edit.setPlaceholderText("http://127.0.0.1:8000")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Logging in…") if self._busy else self.tr("Log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def _on_language(self, index: int) -> None:
        if self.translations is not None:
            self.translations.set_language(self.language_combo.itemData(index))

    # ----- logging in -----

    def show_message(self, text: str, level: str = "error") -> None:
        colour = {"error": "#b3261e", "info": "#1c3f8a"}.get(level, "#333")
        self.message.setStyleSheet(f"color:{colour};")
        self.message.setText(text)

    def message_text(self) -> str:
        return self.message.text()

    def is_busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.server_edit, self.username_edit, self.password_edit):
            widget.setEnabled(not busy)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not busy)
        ok.setDefault(True)
        if not busy:  # back where the officer types (disabling the fields moved the focus away)
            (self.username_edit if not self.username_edit.text() else self.password_edit).setFocus()
        self.retranslate()

    def submit(self) -> None:
        if self._busy:
            return
        try:
            server_url = normalise_server_url(self.server_edit.text())
        except ValueError:
            self.show_message(self.tr("Enter the server's address, for example http://127.0.0.1:8000"))
            self.server_edit.setFocus()
            return
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username or not password:
            self.show_message(self.tr("Enter your username and password."))
            (self.username_edit if not username else self.password_edit).setFocus()
            return
        session = Session(server_url)
        api = ApiClient(session)
        self._set_busy(True)
        self.show_message(self.tr("Connecting to %1…").replace("%1", server_url), "info")
        self.runner.run(lambda: api.login(username, password),
                        lambda result: self._logged_in(session, api, username, password, result),
                        self._failed, receiver=self, name="login")

    def _logged_in(self, session: Session, api: ApiClient, username: str, password: str,
                   result: LoginResponse) -> None:
        self._set_busy(False)
        user = session.user
        if self._renewing is not None:
            if user is None or user.id != self._renewing_user_id:
                self.show_message(self.tr("Log in as the same user to carry on (or log out)."))
                self.runner.run(api.logout, name="logout")
                return
            # The windows of this login use the old session object: give it the new token.
            self._renewing.logged_in_as(result, Credentials(username, password))
            session, api = self._renewing, ApiClient(self._renewing)
        if user is None or user.role not in REVIEWER_ROLES:
            self.show_message(self.tr("This program is for approval officers and auditors. "
                                      "Applicants use the mobile page on their phone."))
            self.runner.run(api.logout, name="logout")
            return
        self.settings.setValue(SETTING_SERVER, session.server_url)
        self.settings.setValue(SETTING_USERNAME, username)
        self.session, self.api = session, api
        self.message.clear()
        self.loggedIn.emit(session, api)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        server = self.server_edit.text().strip()
        if isinstance(exc, ServerUnreachable):
            self.show_message(self.tr("Cannot reach the server at %1. Check the address and the network, "
                                      "then try again.").replace("%1", server))
            self.server_edit.setFocus()
            return
        if isinstance(exc, ApiError) and exc.code == "bad_credentials":
            self.password_edit.selectAll()
            self.password_edit.setFocus()
        self.show_message(describe_error(exc, server_url=server))
