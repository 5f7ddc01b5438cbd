"""The evidence viewer as the case window will use it: photo, message and the annotation toolbar."""

import pytest
from PySide6.QtCore import QSize

from reviewer_app.core.annotations import AnnotationDocument, SceneRect
from reviewer_app.qt.annotation_scene import Tool
from reviewer_app.qt.viewer import EvidenceViewer
from shared.annotations import Rect
from tests.reviewer_app.conftest import solid_image


@pytest.fixture
def viewer(on_screen) -> EvidenceViewer:
    return on_screen(EvidenceViewer(), 900, 600)


def test_modes(qtbot, viewer):
    assert viewer.mode == "message"
    with qtbot.waitSignal(viewer.modeChanged) as mode:
        viewer.show_photo(solid_image(400, 300))
    assert mode.args == ["photo"]
    assert viewer.stack.currentWidget() is viewer.annotator
    viewer.show_message("正在加载…")
    assert viewer.mode == "message" and viewer.message.text() == "正在加载…"
    assert not viewer.back_to_video_action.isVisible()


def test_a_new_evidence_item_starts_a_new_history(viewer):
    viewer.show_photo(solid_image(400, 300), AnnotationDocument())
    viewer.scene.add_shape(SceneRect(40, 30, 80, 60))
    assert viewer.scene.undo_stack.canUndo()
    viewer.show_photo(solid_image(400, 300), AnnotationDocument())
    assert not viewer.scene.undo_stack.canUndo()
    assert len(viewer.scene.document) == 0


def test_preview_then_full_size_photo(viewer):
    viewer.show_photo(solid_image(100, 75), logical_size=QSize(4000, 3000))
    key = viewer.scene.add_shape(SceneRect(400, 300, 800, 600))
    viewer.replace_image(solid_image(4000, 3000))
    assert viewer.scene.document.get(key).shape == Rect(x=0.1, y=0.1, w=0.2, h=0.2)
    assert viewer.scene.image_size().width == 4000


def test_toolbar_reflects_the_selection_and_drives_the_scene(viewer):
    viewer.show_photo(solid_image(400, 300))
    toolbar, scene = viewer.annotator.toolbar, viewer.scene
    assert not toolbar.delete_action.isEnabled()
    key = scene.add_shape(SceneRect(40, 30, 80, 60))
    scene.select_keys([key])
    assert toolbar.delete_action.isEnabled() and not toolbar.share_action.isChecked()
    toolbar.share_action.trigger()
    assert scene.document.get(key).shared_with_applicant
    toolbar.colour_actions["#007aff"].trigger()
    assert scene.document.get(key).colour == "#007aff"
    toolbar.tool_actions[Tool.ellipse].trigger()
    assert scene.tool == Tool.ellipse
    scene.set_tool(Tool.select)
    assert toolbar.tool_actions[Tool.select].isChecked()
    scene.select_keys([key])
    toolbar.delete_action.trigger()
    assert len(scene.document) == 0
    toolbar.undo_action.trigger()
    assert scene.document.keys() == [key]
    viewer.set_read_only(True)
    assert not toolbar.tool_actions[Tool.rect].isEnabled()
    assert not toolbar.colour_button.isEnabled()
