"""Drawing, selecting, moving, resizing, deleting and recolouring shapes with the mouse and keys,
each undone and redone, checked against the document's normalized coordinates exactly."""

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from reviewer_app.core.annotations import Annotation, AnnotationDocument, SceneRect, SceneText
from reviewer_app.qt.annotation_items import ShapeItem
from reviewer_app.qt.annotation_scene import Tool
from shared.annotations import AnnotationOut, Arrow, Ellipse, Point, Polyline, Rect, Text
from shared.models import PersonRef
from tests.reviewer_app.conftest import solid_image
from tests.reviewer_app.qt.mouse import double_click, drag, move, press, release

ME = PersonRef(id=7, display_name="张伟")
COLLEAGUE = PersonRef(id=8, display_name="李娜")


@pytest.fixture
def annotator(photo_annotator):
    """An annotator showing a 1000x500 photo at 100 % in a bigger window, so every scene pixel is a
    viewport pixel and there is room around the photo."""
    return photo_annotator((1300, 800), (1000, 500), zoom=1.0)


def shapes(scene):
    return [a.shape for a in scene.document]


def test_draw_a_rectangle_and_an_arrow_undo_one_and_redo_it(annotator):
    scene, view = annotator.scene, annotator.view
    scene.set_tool(Tool.rect)
    drag(view, (100, 50), (300, 150))
    scene.set_tool(Tool.arrow)
    drag(view, (500, 400), (700, 100))
    rect, arrow = Rect(x=0.1, y=0.1, w=0.2, h=0.2), Arrow(x1=0.5, y1=0.8, x2=0.7, y2=0.2)
    assert shapes(scene) == [rect, arrow]
    assert [scene.undo_stack.text(i) for i in range(scene.undo_stack.count())] == ["Add rectangle", "Add arrow"]

    scene.undo_stack.undo()
    assert shapes(scene) == [rect]
    assert len([i for i in scene.items() if isinstance(i, ShapeItem)]) == 1
    scene.undo_stack.redo()
    assert shapes(scene) == [rect, arrow]
    # New shapes are new on the server too: both are to be created.
    assert [a.shape for a in scene.save_plan().create] == [rect, arrow]


def test_ellipse_and_freehand(annotator):
    scene, view = annotator.scene, annotator.view
    scene.set_tool(Tool.ellipse)
    drag(view, (600, 300), (400, 200))  # dragged up and left
    scene.set_tool(Tool.freehand)
    drag(view, (100, 400), (400, 400), via=[(150, 400), (200, 400), (250, 300), (300, 400), (350, 400)])
    assert shapes(scene) == [
        Ellipse(x=0.4, y=0.4, w=0.2, h=0.2),
        # Collinear points are simplified away; the corners stay.
        Polyline(points=[(0.1, 0.8), (0.2, 0.8), (0.25, 0.6), (0.3, 0.8), (0.4, 0.8)]),
    ]


def test_a_click_is_not_a_shape(annotator):
    annotator.scene.set_tool(Tool.rect)
    drag(annotator.view, (100, 100), (102, 101))
    assert len(annotator.scene.document) == 0
    assert annotator.scene.undo_stack.count() == 0


def test_drawing_stops_at_the_edge_of_the_photo(annotator):
    annotator.scene.set_tool(Tool.rect)
    drag(annotator.view, (900, 400), (1100, 600))
    assert shapes(annotator.scene) == [Rect(x=0.9, y=0.8, w=0.1, h=0.2)]


def test_escape_and_the_right_button_cancel_a_shape_being_drawn(annotator, qtbot):
    scene, view = annotator.scene, annotator.view
    scene.set_tool(Tool.rect)
    press(view, (100, 100))
    move(view, (200, 200))
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    release(view, (200, 200))
    press(view, (100, 100))
    move(view, (200, 200))
    press(view, (200, 200), Qt.MouseButton.RightButton)
    release(view, (200, 200))
    assert len(scene.document) == 0
    assert not [i for i in scene.items() if isinstance(i, ShapeItem)]


def _draw_rect(annotator) -> str:
    annotator.scene.set_tool(Tool.rect)
    drag(annotator.view, (100, 50), (300, 150))
    annotator.scene.set_tool(Tool.select)
    return annotator.scene.document.keys()[-1]


def test_move_by_dragging_and_undo(annotator):
    scene, view = annotator.scene, annotator.view
    key = _draw_rect(annotator)
    drag(view, (200, 100), (250, 150))
    assert shapes(scene) == [Rect(x=0.15, y=0.2, w=0.2, h=0.2)]
    assert scene.undo_stack.undoText() == "Move"
    assert scene.item_for(key).pos() == QPointF(0, 0)  # geometry in scene coordinates again
    scene.undo_stack.undo()
    assert shapes(scene) == [Rect(x=0.1, y=0.1, w=0.2, h=0.2)]
    scene.undo_stack.redo()
    assert shapes(scene) == [Rect(x=0.15, y=0.2, w=0.2, h=0.2)]


def test_a_shape_cannot_be_dragged_off_the_photo(annotator):
    _draw_rect(annotator)
    drag(annotator.view, (200, 100), (1200, 700))
    assert shapes(annotator.scene) == [Rect(x=0.8, y=0.8, w=0.2, h=0.2)]


def test_arrow_keys_nudge_the_selection(annotator, qtbot):
    key = _draw_rect(annotator)
    annotator.scene.select_keys([key])
    qtbot.keyClick(annotator.view.viewport(), Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(annotator.view.viewport(), Qt.Key.Key_Up)
    assert shapes(annotator.scene) == [Rect(x=0.11, y=0.098, w=0.2, h=0.2)]
    assert annotator.scene.undo_stack.count() == 2  # the drawing, and the two nudges as one step


def test_consecutive_nudges_are_one_undo_step(annotator, qtbot):
    scene, viewport = annotator.scene, annotator.view.viewport()
    key = _draw_rect(annotator)
    drawn = shapes(scene)
    scene.select_keys([key])
    for arrow in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Right):
        qtbot.keyClick(viewport, arrow)
    walked = [Rect(x=0.103, y=0.102, w=0.2, h=0.2)]
    assert shapes(scene) == walked
    assert scene.undo_stack.count() == 2 and scene.undo_stack.undoText() == "Move"
    scene.undo_stack.undo()  # one undo: back where the nudges started
    assert shapes(scene) == drawn
    scene.undo_stack.redo()
    assert shapes(scene) == walked

    # After another command, a nudge is a step of its own.
    scene.set_label(key, "门头")
    qtbot.keyClick(viewport, Qt.Key.Key_Left)
    assert scene.undo_stack.count() == 4
    scene.undo_stack.undo()
    assert shapes(scene) == walked and scene.document.get(key).label == "门头"

    # So is a nudge of another selection.
    other = scene.add_shape(SceneRect(600, 300, 100, 100))
    scene.select_keys([other])
    qtbot.keyClick(viewport, Qt.Key.Key_Up)
    scene.select_keys([key])
    qtbot.keyClick(viewport, Qt.Key.Key_Up)
    assert scene.undo_stack.count() == 6  # the left nudge was undone, the new shape and two nudges added
    scene.undo_stack.undo()
    assert shapes(scene) == [*walked, Rect(x=0.6, y=0.598, w=0.1, h=0.2)]


def test_resize_by_a_handle_and_undo(annotator):
    scene, view = annotator.scene, annotator.view
    key = _draw_rect(annotator)
    press(view, (200, 100))  # click selects it and shows its handles
    release(view, (200, 100))
    assert scene.selected_keys() == [key]
    assert scene.item_for(key).handle("bottom_right") is not None
    drag(view, (300, 150), (400, 250))
    assert shapes(scene) == [Rect(x=0.1, y=0.1, w=0.3, h=0.4)]
    assert scene.undo_stack.undoText() == "Resize"
    drag(view, (100, 50), (150, 100))  # the top-left handle
    assert shapes(scene) == [Rect(x=0.15, y=0.2, w=0.25, h=0.3)]
    scene.undo_stack.undo()
    scene.undo_stack.undo()
    assert shapes(scene) == [Rect(x=0.1, y=0.1, w=0.2, h=0.2)]
    handle = scene.item_for(key).handle("bottom_right")
    assert handle.scenePos() == QPointF(300, 150)  # the handles follow undo


def test_resize_an_arrow_by_its_head(annotator):
    scene, view = annotator.scene, annotator.view
    scene.set_tool(Tool.arrow)
    drag(view, (100, 100), (300, 100))
    scene.set_tool(Tool.select)
    scene.select_keys(scene.document.keys())
    drag(view, (300, 100), (300, 300))
    assert shapes(scene) == [Arrow(x1=0.1, y1=0.2, x2=0.3, y2=0.6)]


def test_delete_with_the_key_and_undo_puts_it_back_in_its_place(annotator, qtbot):
    scene, view = annotator.scene, annotator.view
    scene.set_tool(Tool.rect)
    drag(view, (100, 50), (300, 150))
    drag(view, (400, 50), (600, 150))
    drag(view, (700, 50), (900, 150))
    scene.set_tool(Tool.select)
    first, middle, last = scene.document.keys()
    scene.select_keys([middle])
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Delete)
    assert scene.document.keys() == [first, last]
    assert scene.item_for(middle) is None
    assert scene.undo_stack.undoText() == "Delete annotation"
    scene.undo_stack.undo()
    assert scene.document.keys() == [first, middle, last]
    assert [scene.item_for(k).zValue() for k in (first, middle, last)] == [1, 2, 3]
    scene.select_keys([first, last])
    scene.delete_selected()
    assert scene.document.keys() == [middle]
    scene.undo_stack.undo()
    assert scene.document.keys() == [first, middle, last]


def test_colour_of_the_selection_and_of_new_shapes(annotator, qtbot):
    scene, view = annotator.scene, annotator.view
    key = _draw_rect(annotator)
    scene.select_keys([key])
    with qtbot.waitSignal(scene.colourChanged) as changed:
        scene.set_colour("#34C759")
    assert changed.args == ["#34c759"]
    assert scene.document.get(key).colour == "#34c759"
    assert scene.undo_stack.undoText() == "Change colour"
    scene.undo_stack.undo()
    assert scene.document.get(key).colour == "#ff3b30"
    scene.set_tool(Tool.ellipse)
    drag(view, (500, 300), (600, 400))
    assert scene.document.items[-1].colour == "#34c759"
    with pytest.raises(ValueError):
        scene.set_colour("green")


def test_label_and_sharing_are_undoable(annotator):
    scene = annotator.scene
    key = _draw_rect(annotator)
    scene.set_label(key, "缺少工程概况牌")
    scene.set_shared([key], True)
    annotation = scene.document.get(key)
    assert (annotation.label, annotation.shared_with_applicant) == ("缺少工程概况牌", True)
    assert scene.item_for(key).toolTip() == "缺少工程概况牌"
    scene.undo_stack.undo()
    scene.undo_stack.undo()
    annotation = scene.document.get(key)
    assert (annotation.label, annotation.shared_with_applicant) == ("", False)


def test_text_tool_types_in_place(annotator, qtbot):
    scene, view = annotator.scene, annotator.view
    scene.set_tool(Tool.text)
    press(view, (100, 100))
    release(view, (100, 100))
    assert scene.is_editing_text()
    # Letters that are also tool shortcuts (R, A, T, E) go into the text, not to the toolbar.
    qtbot.keyClicks(view.viewport(), "RATE 3")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not scene.is_editing_text())
    assert shapes(scene) == [Text(x=0.1, y=0.2, text="RATE 3", size=0.04)]
    assert scene.tool == Tool.text

    scene.set_tool(Tool.select)
    double_click(view, (110, 110))
    assert scene.is_editing_text()
    editor = scene.text_editor()
    editor.setPlainText("楼层 13")
    scene.commit_text_edit()
    assert shapes(scene) == [Text(x=0.1, y=0.2, text="楼层 13", size=0.04)]
    assert scene.undo_stack.undoText() == "Edit text"


def test_escape_cancels_a_new_text(annotator, qtbot):
    scene, view = annotator.scene, annotator.view
    scene.set_tool(Tool.text)
    press(view, (100, 100))
    release(view, (100, 100))
    qtbot.keyClicks(view.viewport(), "abc")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not scene.is_editing_text())
    assert len(scene.document) == 0


def test_tool_shortcuts(annotator, qtbot):
    view = annotator.view
    for key, tool in ((Qt.Key.Key_R, Tool.rect), (Qt.Key.Key_E, Tool.ellipse), (Qt.Key.Key_A, Tool.arrow),
                      (Qt.Key.Key_P, Tool.freehand), (Qt.Key.Key_T, Tool.text), (Qt.Key.Key_H, Tool.pan),
                      (Qt.Key.Key_V, Tool.select)):
        qtbot.keyClick(view.viewport(), key)
        assert annotator.scene.tool == tool
        assert annotator.toolbar.tool_actions[tool].isChecked()
    _draw_rect(annotator)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(annotator.scene.document) == 0
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Z, ctrl_shift)
    assert len(annotator.scene.document) == 1


def test_signals_tell_what_changed(annotator, qtbot):
    scene = annotator.scene
    with qtbot.waitSignals([scene.annotationAdded, scene.documentChanged, scene.dirtyChanged]):
        key = scene.add_shape(SceneRect(100, 50, 200, 100))
    with qtbot.waitSignal(scene.selectedKeysChanged) as selected:
        scene.select_keys([key])
    assert selected.args == [[key]]
    with qtbot.waitSignal(scene.annotationChanged) as changed:
        scene.set_label(key, "x")
    assert changed.args == [key]
    with qtbot.waitSignals([scene.annotationRemoved, scene.dirtyChanged]):
        scene.undo_stack.undo()
        scene.undo_stack.undo()
    assert not scene.document.dirty


def _out(server_id, shape, *, version=1, author=ME, **fields):
    return AnnotationOut(id=server_id, evidence_id=3, author=author, version=version, shape=shape,
                         created_at=datetime(2026, 11, 2, 2, 0, tzinfo=UTC), **fields)


def test_save_then_undo_sends_an_update_of_the_saved_version(annotator):
    scene = annotator.scene
    key = _draw_rect(annotator)
    (sent,) = scene.save_plan().create
    scene.confirm_saved(sent, _out(41, sent.shape))
    assert scene.save_plan().empty
    drag(annotator.view, (200, 100), (250, 150))  # move, and save the move
    (sent,) = scene.save_plan().update
    assert (sent.server_id, sent.version) == (41, 1)
    scene.confirm_saved(sent, _out(41, sent.shape, version=2))
    scene.undo_stack.undo()  # back where it was: an update of version 2
    (update,) = scene.save_plan().update
    assert (update.key, update.server_id, update.version) == (key, 41, 2)
    assert update.shape == Rect(x=0.1, y=0.1, w=0.2, h=0.2)


def test_a_colleagues_annotations_are_shown_but_not_editable(annotator):
    scene = annotator.scene
    document = AnnotationDocument.from_server([
        _out(1, Rect(x=0.1, y=0.1, w=0.2, h=0.2), author=COLLEAGUE, label="李娜的标注"),
        _out(2, Point(x=0.5, y=0.5)),
    ], current_user_id=ME.id)
    scene.load_document(document)
    theirs, mine = scene.item_for("s1"), scene.item_for("s2")
    assert not theirs.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    assert mine.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    assert theirs.toolTip() == "李娜的标注 — 李娜"
    scene.select_keys(["s1", "s2"])
    assert theirs.handle("top_left") is None
    scene.delete_selected()
    assert scene.document.keys() == ["s1"]
    drag(annotator.view, (200, 100), (300, 200))  # tries to drag theirs
    assert scene.document.get("s1").shape == Rect(x=0.1, y=0.1, w=0.2, h=0.2)


def test_read_only_scene_draws_nothing(annotator):
    scene = annotator.scene
    key = scene.add_shape(SceneRect(100, 50, 200, 100))
    scene.set_read_only(True)
    scene.set_tool(Tool.rect)
    assert scene.tool == Tool.select
    assert not annotator.toolbar.tool_actions[Tool.rect].isEnabled()
    drag(annotator.view, (200, 100), (300, 200))
    scene.select_keys([key])
    scene.delete_selected()
    scene.set_colour("#000000")
    assert shapes(scene) == [Rect(x=0.1, y=0.1, w=0.2, h=0.2)]
    assert scene.document.get(key).colour == "#ff3b30"


def test_video_frame_time_pins_new_shapes_and_filters_the_shown_ones(annotator):
    scene = annotator.scene
    scene.load_document(AnnotationDocument([
        Annotation(key="early", shape=Point(x=0.1, y=0.1), time_ms=1000),
        Annotation(key="late", shape=Point(x=0.2, y=0.2), time_ms=5000),
        Annotation(key="always", shape=Point(x=0.3, y=0.3)),
    ]))
    scene.set_frame_time(4800, 500)
    assert [k for k in ("early", "late", "always") if scene.item_for(k).isVisible()] == ["late", "always"]
    key = scene.add_shape(SceneRect(10, 10, 50, 50))
    assert scene.document.get(key).time_ms == 4800
    scene.set_frame_time(None)
    assert scene.item_for("early").isVisible()


def test_a_sharper_image_keeps_the_shapes_in_place(annotator):
    scene = annotator.scene
    # A 1000x500 photo shown first from a quarter-size preview, then at full size.
    scene.set_image(solid_image(250, 125), QSize(1000, 500))
    key = scene.add_shape(SceneRect(100, 50, 200, 100))
    scene.set_image(solid_image(1000, 500, "#aa8844"))
    assert scene.item_for(key).geometry() == SceneRect(100, 50, 200, 100)
    assert scene.photo_item().sceneBoundingRect().size().toSize() == QSize(1000, 500)
    assert QColor(scene.photo_item().pixmap().toImage().pixel(5, 5)).name() == "#aa8844"


def test_text_geometry_round_trips(annotator):
    key = annotator.scene.add_shape(SceneText(100, 100, "第3层", 20))
    assert annotator.scene.item_for(key).geometry() == SceneText(100, 100, "第3层", 20)
