"""Screenshots of the login, queue and case windows in Chinese and English, against the live
server (test-artifacts/reviewer_app/, git-ignored), and the language switch of the View menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from reviewer_app.core.annotations import SceneArrow, SceneRect
from reviewer_app.core.i18n import Language
from reviewer_app.qt.login import LoginDialog
from reviewer_app.qt.queue_model import Column
from tests.reviewer_app.app.conftest import LOAD_TIMEOUT_MS, open_case

LABELS = {Language.zh_CN: "消毒设施不可见", Language.en: "No disinfection unit in view"}


def settle(qtbot, *windows) -> None:
    qtbot.wait(50)  # LanguageChange events, layouts
    for window in windows:
        window.repaint()


@pytest.mark.parametrize("language", [Language.zh_CN, Language.en])
def test_app_screenshots(qtbot, open_login, seeded, translations, artifacts_dir, app_settings, language):
    translations.install(language)
    suffix = language.value

    dialog = LoginDialog(settings=app_settings, server_url=seeded.server.url, translations=translations,
                         username="zhang")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password_edit.setText("wrong")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.is_busy() and bool(dialog.message_text()), timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, dialog)
    assert dialog.grab().save(str(artifacts_dir / f"app_login_{suffix}.png"))

    queue = open_login("zhang", i18n=translations)
    queue.resize(1400, 600)
    qtbot.waitUntil(lambda: queue.context.stream_connected, timeout=LOAD_TIMEOUT_MS)
    overdue_row = queue.model.row_of(seeded.cases["overdue"].id)
    queue.table.selectRow(overdue_row)
    settle(qtbot, queue)
    assert queue.grab().save(str(artifacts_dir / f"app_queue_{suffix}.png"))
    header = queue.model.headerData(Column.due, Qt.Orientation.Horizontal)
    assert header == ("办结期限" if language is Language.zh_CN else "Due")

    window = open_case(qtbot, queue, seeded.cases["soon"].id)
    window.resize(1440, 880)
    qtbot.waitUntil(lambda: window.session.display.full, timeout=LOAD_TIMEOUT_MS)
    scene = window.viewer.scene
    if not scene.annotations():
        size = scene.image_size()
        scene.add_shape(SceneRect(size.width * 0.12, size.height * 0.2, size.width * 0.3, size.height * 0.35),
                        label=LABELS[language])
        scene.add_shape(SceneArrow(size.width * 0.8, size.height * 0.85, size.width * 0.45, size.height * 0.5),
                        colour="#ffcc00")
    window.tabs.setCurrentWidget(window.details)
    settle(qtbot, window)
    assert window.grab().save(str(artifacts_dir / f"app_case_{suffix}.png"))
    window.tabs.setCurrentWidget(window.opinion)
    window.opinion.set_verdict("rectify")
    window.opinion.results.set_result("room", "fail", LABELS[language])
    settle(qtbot, window)
    assert window.grab().save(str(artifacts_dir / f"app_case_opinion_{suffix}.png"))
    window.tabs.setCurrentWidget(window.history)
    qtbot.waitUntil(lambda: window.history.history.rowCount() > 0, timeout=LOAD_TIMEOUT_MS)
    settle(qtbot, window)
    assert window.grab().save(str(artifacts_dir / f"app_case_history_{suffix}.png"))
    window.tabs.setCurrentWidget(window.location)
    settle(qtbot, window)
    assert window.location.layout_result() is not None and window.location.layout_result().points
    assert window.grab().save(str(artifacts_dir / f"app_case_location_{suffix}.png"))

    for name in ("login", "queue", "case", "case_opinion", "case_history", "case_location"):
        image = QImage(str(artifacts_dir / f"app_{name}_{suffix}.png"))
        assert not image.isNull() and image.width() > 400, name


def test_the_view_menu_switches_the_language(qtbot, open_login, seeded, translations):
    translations.install(Language.en)
    queue = open_login("zhang", i18n=translations)
    window = open_case(qtbot, queue, seeded.cases["overdue"].id)
    assert queue.tabs.tabText(0).startswith("Waiting for review")
    queue.language_actions[Language.zh_CN].trigger()
    qtbot.waitUntil(lambda: queue.tabs.tabText(0).startswith("待审查"), timeout=LOAD_TIMEOUT_MS)
    assert window.tabs.tabText(0) == "详情"
    assert window.case_actions.next.text() == "下一项"
    assert queue.settings.value("ui/language") == "zh_CN"
    queue.language_actions[Language.en].trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Details", timeout=LOAD_TIMEOUT_MS)
