"""The application: the login dialog first, then a queue window per login.

Several officers may work in one running app (File → "Log in as another officer…"): each login
gets its own ReviewerContext (session, API client, event stream) and queue window; they share the
task runner, the thumbnail cache and the language.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QApplication

from reviewer_app.core.i18n import Language
from reviewer_app.qt.context import ReviewerContext
from reviewer_app.qt.i18n import Translations
from reviewer_app.qt.images import ThumbnailCache
from reviewer_app.qt.login import LoginDialog
from reviewer_app.qt.queue_window import SETTING_LANGUAGE, QueueWindow
from reviewer_app.qt.workers import TaskRunner

ORGANISATION = "Takan"
APPLICATION = "Takan Reviewer"


def configure_application(app: QApplication) -> None:
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Takan 踏勘")


class ReviewerApp(QObject):
    """Owns the logins and their windows."""

    def __init__(self, app: QApplication, *, settings: QSettings | None = None, language: str | None = None,
                 server_url: str | None = None, translations: Translations | None = None):
        super().__init__(app)
        self.app = app
        self.settings = settings or QSettings()
        self.translations = translations or Translations(app)
        wanted = language or self.settings.value(SETTING_LANGUAGE) or None
        self.translations.install(Language(wanted) if wanted in {lang.value for lang in Language} else None)
        self.runner = TaskRunner.shared()
        self.thumbnail_cache = ThumbnailCache()
        self.server_url = server_url
        self.windows: list[QueueWindow] = []
        self.dialogs: list[LoginDialog] = []

    def login(self, *, username: str | None = None) -> LoginDialog:
        """Show a login dialog; a queue window opens when it succeeds."""
        dialog = LoginDialog(settings=self.settings, runner=self.runner, translations=self.translations,
                             server_url=self.server_url, username=username)
        dialog.loggedIn.connect(lambda session, api: self._open_queue(session, api))
        dialog.finished.connect(lambda _result: self._dialog_done(dialog))
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

    def _dialog_done(self, dialog: LoginDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
        dialog.deleteLater()
        if not self.windows and not self.dialogs:
            self.app.quit()

    def _open_queue(self, session, api) -> QueueWindow:
        context = ReviewerContext(session, runner=self.runner, thumbnail_cache=self.thumbnail_cache, api=api,
                                  parent=self)
        window = QueueWindow(context, translations=self.translations, settings=self.settings)
        window.newLoginRequested.connect(lambda: self.login(username=""))
        window.loggedOut.connect(lambda: self._logged_out(window))
        self.windows.append(window)
        window.show()
        return window

    def _logged_out(self, window: QueueWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)
        context = window.context
        context.when_idle(context.deleteLater)  # after the logout it has queued
        window.deleteLater()
        if not self.windows:
            self.login()
