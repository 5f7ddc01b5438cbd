"""Simulated mouse input on a QGraphicsView, through its viewport like a real mouse."""

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def view_point(view: QGraphicsView, scene_point: tuple[float, float]) -> QPoint:
    """The viewport pixel that maps exactly onto `scene_point` (the tests set up views so it does)."""
    point = view.mapFromScene(QPointF(*scene_point))
    back = view.mapToScene(point)
    assert (back.x(), back.y()) == scene_point, f"{scene_point} is not on a viewport pixel (got {back})"
    return point


def _send(view: QGraphicsView, kind: QEvent.Type, point: QPoint, button, buttons, modifiers=NO_MODIFIER) -> None:
    local = QPointF(point)
    global_pos = QPointF(view.viewport().mapToGlobal(point))
    event = QMouseEvent(kind, local, global_pos, button, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), event)


def press(view, scene_point, button=LEFT, modifiers=NO_MODIFIER) -> None:
    _send(view, QEvent.Type.MouseButtonPress, view_point(view, scene_point), button, button, modifiers)


def move(view, scene_point, buttons=LEFT, modifiers=NO_MODIFIER) -> None:
    _send(view, QEvent.Type.MouseMove, view_point(view, scene_point), NO_BUTTON, buttons, modifiers)


def release(view, scene_point, button=LEFT, modifiers=NO_MODIFIER) -> None:
    _send(view, QEvent.Type.MouseButtonRelease, view_point(view, scene_point), button, NO_BUTTON, modifiers)


def drag(view: QGraphicsView, start: tuple[float, float], end: tuple[float, float], *, steps: int = 4,
         via: list[tuple[float, float]] | None = None, button=LEFT) -> None:
    """Press at `start`, move in steps (through `via` if given), release at `end` (scene coordinates,
    each of them on a viewport pixel)."""
    press(view, start, button)
    points = via if via is not None else [
        (round(start[0] + (end[0] - start[0]) * i / steps), round(start[1] + (end[1] - start[1]) * i / steps))
        for i in range(1, steps)]
    for point in [*points, end]:
        move(view, point, button)
    release(view, end, button)


def double_click(view, scene_point, button=LEFT) -> None:
    point = view_point(view, scene_point)
    _send(view, QEvent.Type.MouseButtonPress, point, button, button)
    _send(view, QEvent.Type.MouseButtonRelease, point, button, NO_BUTTON)
    _send(view, QEvent.Type.MouseButtonDblClick, point, button, button)
    _send(view, QEvent.Type.MouseButtonRelease, point, button, NO_BUTTON)


def drag_viewport(view: QGraphicsView, points: list[tuple[int, int]], button=LEFT) -> None:
    """Press at the first viewport pixel, move through the others, release at the last."""
    first, *rest = [QPoint(*p) for p in points]
    _send(view, QEvent.Type.MouseButtonPress, first, button, button)
    for point in rest:
        _send(view, QEvent.Type.MouseMove, point, NO_BUTTON, button)
    _send(view, QEvent.Type.MouseButtonRelease, rest[-1] if rest else first, button, NO_BUTTON)
