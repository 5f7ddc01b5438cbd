"""Language choice without Qt: which of the two shipped languages to use, and picking the
matching field of wire models that carry both (`name_zh` / `name_en`, `title_zh` / `title_en`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Language(StrEnum):
    """The shipped languages; the value is the Qt locale name of the .ts/.qm files."""

    zh_CN = "zh_CN"
    en = "en"

    @property
    def short(self) -> str:
        """The suffix of bilingual wire fields: "zh" or "en"."""
        return "zh" if self is Language.zh_CN else "en"


DEFAULT_LANGUAGE = Language.zh_CN


def language_for_locale(locale_name: str | None) -> Language:
    """The shipped language for a locale name such as "zh_CN", "zh-Hans-CN", "en_GB" or "C".

    Every Chinese locale gets Chinese (there is one Chinese translation); English for the rest,
    since officers abroad or on an English system read English better than Chinese fallbacks.
    """
    if not locale_name:
        return DEFAULT_LANGUAGE
    name = locale_name.replace("-", "_").lower()
    if name.startswith("zh"):
        return Language.zh_CN
    return Language.en


def localized(obj: Any, field: str, language: Language) -> str:
    """`obj.<field>_zh` or `obj.<field>_en` for the language, falling back to the other one when
    empty (e.g. `localized(requirement, "title", Language.en)`)."""
    first, second = (("zh", "en") if language is Language.zh_CN else ("en", "zh"))
    return getattr(obj, f"{field}_{first}", "") or getattr(obj, f"{field}_{second}", "") or ""
