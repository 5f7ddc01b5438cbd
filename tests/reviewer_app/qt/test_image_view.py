"""Zoom, pan, fit, 1:1 and rotation of the photo view, by keys, wheel and mouse."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from reviewer_app.qt.annotation_scene import Tool
from reviewer_app.qt.image_view import ZOOM_STEP
from tests.reviewer_app.qt.mouse import drag_viewport


@pytest.fixture
def annotator(photo_annotator):
    return photo_annotator((800, 600), (4000, 3000))


def viewport_fit_zoom(view, width, height):
    viewport = view.viewport().rect().adjusted(4, 4, -4, -4)
    return min(viewport.width() / width, viewport.height() / height)


def test_a_new_photo_is_fitted_and_stays_fitted_when_the_window_grows(annotator, qtbot):
    view = annotator.view
    assert view.is_fitting()
    assert view.zoom() == pytest.approx(viewport_fit_zoom(view, 4000, 3000))
    annotator.resize(1200, 900)
    qtbot.waitUntil(lambda: view.zoom() == pytest.approx(viewport_fit_zoom(view, 4000, 3000)))
    # The scene draws cosmetic sizes for this zoom.
    assert annotator.scene.scene_units_per_pixel() == pytest.approx(1 / view.zoom())


def test_zoom_keys_fit_and_actual_size(annotator, qtbot):
    view = annotator.view
    fitted = view.zoom()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Plus)
    assert view.zoom() == pytest.approx(fitted * ZOOM_STEP)
    assert not view.is_fitting()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    assert view.zoom() == pytest.approx(fitted / ZOOM_STEP)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F)
    assert view.zoom() == pytest.approx(fitted)
    assert view.is_fitting()


def test_rotating_the_view_refits_the_turned_photo(annotator, qtbot):
    view = annotator.view
    qtbot.keyClick(view.viewport(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert view.rotation() == 90
    assert view.zoom() == pytest.approx(viewport_fit_zoom(view, 3000, 4000))
    # The photo's top edge is now on the right: the scene's top-left corner maps right of its
    # bottom-left corner.
    assert view.mapFromScene(QPointF(0, 0)).x() > view.mapFromScene(QPointF(0, 3000)).x()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.rotation() == 0
    view.rotate_left()
    assert view.rotation() == 270


def wheel(view, at: QPoint, steps: int) -> None:
    event = QWheelEvent(QPointF(at), QPointF(view.viewport().mapToGlobal(at)), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def test_the_wheel_zooms_around_the_cursor(annotator):
    view = annotator.view
    view.set_zoom(0.5)
    at = QPoint(300, 200)
    under_cursor = view.mapToScene(at)
    wheel(view, at, 2)
    assert view.zoom() == pytest.approx(0.5 * ZOOM_STEP**2)
    after = view.mapToScene(at)
    assert (after.x(), after.y()) == pytest.approx((under_cursor.x(), under_cursor.y()), abs=2 / view.zoom())


def scroll_position(view) -> tuple[int, int]:
    return view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def test_space_drag_pans_without_drawing(annotator, qtbot):
    view, scene = annotator.view, annotator.scene
    scene.set_tool(Tool.rect)
    view.set_zoom(1.0)
    h0, v0 = scroll_position(view)
    qtbot.keyPress(view.viewport(), Qt.Key.Key_Space)
    drag_viewport(view, [(400, 300), (350, 280), (300, 250)])
    qtbot.keyRelease(view.viewport(), Qt.Key.Key_Space)
    assert scroll_position(view) == (h0 + 100, v0 + 50)
    assert len(scene.document) == 0


def test_the_hand_tool_and_the_middle_button_pan(annotator):
    view, scene = annotator.view, annotator.scene
    view.set_zoom(1.0)
    scene.set_tool(Tool.pan)
    h0, v0 = scroll_position(view)
    drag_viewport(view, [(400, 300), (350, 280), (300, 260)])
    assert scroll_position(view) == (h0 + 100, v0 + 40)
    assert len(scene.document) == 0
    scene.set_tool(Tool.select)
    drag_viewport(view, [(300, 260), (400, 300)], button=Qt.MouseButton.MiddleButton)
    assert scroll_position(view) == (h0, v0)
