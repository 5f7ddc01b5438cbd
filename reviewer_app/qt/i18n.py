"""Qt translations: Chinese (zh_CN) and English, following the system locale, switchable while the
app runs.

Every user-visible string goes through tr(). The .ts sources live in reviewer_app/i18n/ and the
install step compiles them to .qm next to them. Switching installs other translators; Qt then sends
every widget a LanguageChange event, and our widgets re-read their texts in `retranslate()` (from
changeEvent). `languageChanged` is for what is not a widget, and for the core formatting helpers,
which take a `Language`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from reviewer_app.core.i18n import Language, language_for_locale

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
CATALOGUE = "takan"

_current: Language | None = None


@cache
def system_language() -> Language:
    """The system locale's language (asked once: QLocale.system() is slow, and asked often by
    every model's data())."""
    return language_for_locale(QLocale.system().name())


def current_language() -> Language:
    """The language the app shows now (the system's until a Translations object installs one)."""
    return _current if _current is not None else system_language()


class Translations(QObject):
    """Installs the app's and Qt's own translators for one language at a time."""

    languageChanged = Signal(str)  # a Language value

    def __init__(self, app: QCoreApplication | None = None, *, qm_dirs: Sequence[str | Path] | None = None):
        app = app or QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication first")
        super().__init__(app)
        self._app = app
        self.qm_dirs = [Path(d) for d in qm_dirs] if qm_dirs else [I18N_DIR]
        self._translators: list[QTranslator] = []
        self._language: Language | None = None

    def qm_path(self, language: Language) -> Path | None:
        for directory in self.qm_dirs:
            path = directory / f"{CATALOGUE}_{language.value}.qm"
            if path.is_file():
                return path
        return None

    def available(self) -> list[Language]:
        """The languages with a compiled catalogue. English works without one (the source
        strings are English), so it is always available."""
        return [lang for lang in Language if lang is Language.en or self.qm_path(lang) is not None]

    @property
    def language(self) -> Language:
        return self._language if self._language is not None else current_language()

    def install(self, language: Language | str | None = None) -> Language:
        """Use `language`, or the system's when None. Returns the language in use; a missing
        catalogue falls back to the English source strings, it does not fail."""
        global _current
        wanted = system_language() if language is None else Language(language)
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators = []
        path = self.qm_path(wanted)
        if path is not None:
            self._load(str(path))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if wanted is Language.zh_CN:  # Qt's own strings: standard buttons, dialogs, context menus
            for name in ("qtbase", "qtmultimedia"):
                translator = QTranslator(self)
                if translator.load(f"{name}_{wanted.value}", qt_dir):
                    self._app.installTranslator(translator)
                    self._translators.append(translator)
        QLocale.setDefault(QLocale("zh_CN" if wanted is Language.zh_CN else "en_US"))
        changed = wanted != self._language
        self._language = wanted
        _current = wanted
        if changed:
            self.languageChanged.emit(wanted.value)
        return wanted

    def _load(self, path: str) -> None:
        translator = QTranslator(self)
        if not translator.load(path):
            raise RuntimeError(f"could not load the translation {path}")
        self._app.installTranslator(translator)
        self._translators.append(translator)

    def set_language(self, language: Language | str) -> Language:
        return self.install(language)


class Retranslating:
    """Mixed into a widget (before its Qt class) that re-reads its texts in `retranslate()`: Qt
    sends every widget a LanguageChange event when the translators change."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
