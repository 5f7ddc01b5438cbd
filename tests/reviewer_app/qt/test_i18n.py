"""Chinese and English through Qt's translation system: complete catalogues that match the code,
switchable while the widgets are on screen."""

import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QLocale

from reviewer_app.core.annotations import SceneRect
from reviewer_app.core.i18n import Language, language_for_locale
from reviewer_app.qt.annotation_scene import Tool
from reviewer_app.qt.i18n import I18N_DIR, Translations, current_language
from reviewer_app.qt.location_panel import LocationPanel
from reviewer_app.qt.video_panel import VideoPanel
from reviewer_app.qt.viewer import EvidenceViewer
from tests.reviewer_app.conftest import LUPDATE, solid_image

QT_SOURCES = sorted((I18N_DIR.parent / "qt").glob("*.py"))


def messages(ts_path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_path).getroot()
    return {(context.findtext("name"), message.findtext("source")): message.find("translation")
            for context in root.iter("context") for message in context.iter("message")}


def test_the_chinese_catalogue_is_complete():
    for (context, source), translation in messages(I18N_DIR / "takan_zh_CN.ts").items():
        assert translation.get("type") is None, f"{context}: {source!r} is not translated"
        text = "".join(translation.itertext()).strip()
        assert text, f"{context}: {source!r} has an empty translation"
        for placeholder in ("%1", "%2", "%n"):
            assert (placeholder in source) == (placeholder in text), f"{context}: {source!r} -> {text!r}"


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")
def test_the_catalogues_match_the_code(tmp_path):
    """Every tr() string of the code is in the .ts files and nothing else is: re-run lupdate
    (`pyside6-lupdate reviewer_app/qt/*.py -ts reviewer_app/i18n/*.ts -no-obsolete`) after changing one."""
    fresh = tmp_path / "fresh_zh_CN.ts"
    subprocess.run([str(LUPDATE), *map(str, QT_SOURCES), "-ts", str(fresh), "-silent"], check=True)
    in_code = set(messages(fresh))
    for name in ("takan_zh_CN.ts", "takan_en.ts"):
        assert set(messages(I18N_DIR / name)) == in_code, name


def test_switching_language_retranslates_the_widgets(qtbot, on_screen, translations):
    viewer = on_screen(EvidenceViewer(), show=False)
    video = on_screen(VideoPanel(), show=False)
    toolbar = viewer.annotator.toolbar
    translations.install(Language.en)
    qtbot.waitUntil(lambda: viewer.annotator.view.zoom_in_action.text() == "Zoom in")
    assert toolbar.tool_actions[Tool.rect].text() == "Rectangle"

    with qtbot.waitSignal(translations.languageChanged) as changed:
        translations.set_language(Language.zh_CN)
    assert changed.args == ["zh_CN"]
    assert current_language() is Language.zh_CN
    # Qt posts LanguageChange to every widget; they re-read their texts when it arrives.
    qtbot.waitUntil(lambda: viewer.annotator.view.zoom_in_action.text() == "放大")
    assert toolbar.tool_actions[Tool.rect].text() == "矩形"
    assert toolbar.tool_actions[Tool.rect].toolTip() == "矩形 (R)"
    assert toolbar.undo_action.text() == "撤销"
    assert video.play_action.text() == "播放"
    assert video.annotate_action.text() == "标注此帧"
    assert viewer.back_to_video_action.text() == "返回视频"

    translations.set_language(Language.en)
    qtbot.waitUntil(lambda: viewer.annotator.view.zoom_in_action.text() == "Zoom in")
    assert video.play_action.text() == "Play"


def test_undo_history_speaks_the_language_with_plurals(on_screen, translations):
    viewer = on_screen(EvidenceViewer(), show=False)
    viewer.show_photo(solid_image(100, 100))
    scene = viewer.scene
    translations.install(Language.zh_CN)
    keys = [scene.add_shape(SceneRect(10, 10, 20, 20)), scene.add_shape(SceneRect(50, 50, 20, 20))]
    assert scene.undo_stack.undoText() == "添加矩形"
    scene.delete_keys(keys)
    assert scene.undo_stack.undoText() == "删除 2 个标注"
    translations.install(Language.en)
    scene.undo_stack.undo()
    scene.delete_keys(keys)
    assert scene.undo_stack.undoText() == "Delete 2 annotations"


def test_the_location_panel_follows_the_language(on_screen, translations):
    panel = on_screen(LocationPanel(), show=False)
    translations.install(Language.zh_CN)
    assert panel.tr("Geofence %1") == "围栏半径 %1"
    translations.install(Language.en)
    assert panel.tr("Geofence %1") == "Geofence %1"


def test_the_system_locale_is_followed_and_a_missing_catalogue_is_not_fatal(qapp, tmp_path):
    translations = Translations(qapp, qm_dirs=[tmp_path])  # no .qm files at all
    try:
        assert translations.install() is language_for_locale(QLocale.system().name())
        assert translations.install(Language.zh_CN) is Language.zh_CN
        assert translations.available() == [Language.en]
    finally:
        translations.install(Language.en)
