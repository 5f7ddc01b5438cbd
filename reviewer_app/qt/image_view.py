"""The photo viewport: zoom, pan, fit, 1:1 and a 90° view rotation, with keyboard shortcuts.

Rotation turns only the view (a photo the phone stored sideways without an orientation tag); the
annotation coordinates stay those of the image. Panning: the hand tool, space + drag, or the
middle mouse button. The wheel zooms around the cursor.
"""

from __future__ import annotations

import contextlib
import math

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPixmap,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from reviewer_app.qt.annotation_scene import AnnotationScene, Tool
from reviewer_app.qt.i18n import Retranslating

ZOOM_STEP = 1.25
MIN_ZOOM = 0.01
MAX_ZOOM = 32.0


def glyph_icon(glyph: str, size: int = 20) -> QIcon:
    """An icon drawn from a character or two, so toolbars need no image files."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = painter.font()
    font.setPixelSize(size - 4 if len(glyph) == 1 else size // 2)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#333333"))
    painter.drawText(pixmap.rect(), int(Qt.AlignmentFlag.AlignCenter), glyph)
    painter.end()
    return QIcon(pixmap)


class ImageView(Retranslating, QGraphicsView):
    zoomChanged = Signal(float)  # screen pixels per image pixel
    rotationChanged = Signal(int)  # degrees, 0/90/180/270

    def __init__(self, scene: QGraphicsScene | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._zoom = 1.0
        self._rotation = 0
        self._fitting = True  # keep fitting on resize until the officer zooms
        self._space_held = False
        self._middle_pan: QPointF | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._make_actions()
        if scene is not None:
            self.setScene(scene)

    # ----- actions --------------------------------------------------------------------------

    def _make_actions(self) -> None:
        def action(shortcuts: list, slot) -> QAction:
            act = QAction(self)
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.zoom_in_action = action([QKeySequence.StandardKey.ZoomIn, "+", "="], self.zoom_in)
        self.zoom_out_action = action([QKeySequence.StandardKey.ZoomOut, "-"], self.zoom_out)
        self.fit_action = action(["Ctrl+0", "0", "F"], self.fit)
        self.actual_size_action = action(["Ctrl+1"], self.actual_size)
        self.rotate_right_action = action(["Ctrl+R"], self.rotate_right)
        self.rotate_left_action = action(["Ctrl+Shift+R"], self.rotate_left)
        for act, glyph in ((self.zoom_in_action, "+"), (self.zoom_out_action, "−"), (self.fit_action, "⤢"),
                           (self.actual_size_action, "1:1"), (self.rotate_left_action, "↺"),
                           (self.rotate_right_action, "↻")):
            act.setIcon(glyph_icon(glyph))
        self.retranslate()

    def view_actions(self) -> list[QAction]:
        """For a toolbar or menu: zoom in, zoom out, fit, 1:1, rotate left, rotate right."""
        return [self.zoom_in_action, self.zoom_out_action, self.fit_action, self.actual_size_action,
                self.rotate_left_action, self.rotate_right_action]

    def retranslate(self) -> None:
        self.zoom_in_action.setText(self.tr("Zoom in"))
        self.zoom_out_action.setText(self.tr("Zoom out"))
        self.fit_action.setText(self.tr("Fit to window"))
        self.actual_size_action.setText(self.tr("Actual size (1:1)"))
        self.rotate_right_action.setText(self.tr("Rotate view right"))
        self.rotate_left_action.setText(self.tr("Rotate view left"))
        for act in self.view_actions():
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{act.text()} ({keys})" if keys else act.text())

    # ----- scene ----------------------------------------------------------------------------

    def setScene(self, scene: QGraphicsScene | None) -> None:
        old = self.scene()
        if isinstance(old, AnnotationScene):
            for signal, slot in ((old.toolChanged, self._on_tool_changed), (old.imageChanged, self._on_image_changed)):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
        super().setScene(scene)
        if isinstance(scene, AnnotationScene):
            scene.toolChanged.connect(self._on_tool_changed)
            scene.imageChanged.connect(self._on_image_changed)
            self._on_tool_changed(scene.tool.value)
            scene.set_view_scale(self._zoom)

    def _annotation_scene(self) -> AnnotationScene | None:
        scene = self.scene()
        return scene if isinstance(scene, AnnotationScene) else None

    def _on_tool_changed(self, tool: str) -> None:
        self._apply_drag_mode()

    def _on_image_changed(self) -> None:
        if self._fitting:
            self.fit()

    def _apply_drag_mode(self) -> None:
        scene = self._annotation_scene()
        tool = scene.tool if scene is not None else Tool.pan
        self.viewport().unsetCursor()
        if self._space_held or tool == Tool.pan:
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        elif tool == Tool.select:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        else:
            self.setDragMode(QGraphicsView.DragMode.NoDrag)
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)

    # ----- zoom and rotation ----------------------------------------------------------------

    def zoom(self) -> float:
        return self._zoom

    def rotation(self) -> int:
        return self._rotation

    def set_zoom(self, zoom: float, *, anchor: QPointF | None = None) -> None:
        """Zoom to `zoom` keeping the view's centre, or the scene point under the viewport
        position `anchor` (the cursor, for the wheel), where it is."""
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        viewport_point = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        scene_point = self.mapToScene(viewport_point.toPoint())
        self._zoom = zoom
        self.setTransform(QTransform().rotate(self._rotation).scale(zoom, zoom))
        # Scroll so that the same scene point is under the anchor again.
        moved = self.mapFromScene(scene_point)
        delta = QPointF(moved) - viewport_point
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + round(delta.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + round(delta.y()))
        self._after_transform()

    def zoom_in(self) -> None:
        self._fitting = False
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._fitting = False
        self.set_zoom(self._zoom / ZOOM_STEP)

    def actual_size(self) -> None:
        """One image pixel per screen pixel (device pixels on a high-DPI screen)."""
        self._fitting = False
        self.set_zoom(1.0 / self.devicePixelRatioF())

    def fit(self) -> None:
        """The whole image in the window, and keep it so when the window is resized."""
        self._fitting = True
        scene = self.scene()
        if scene is None:
            return
        rect = scene.sceneRect()
        if rect.isEmpty():
            return
        viewport = self.viewport().rect().adjusted(4, 4, -4, -4)
        if viewport.width() <= 0 or viewport.height() <= 0:
            return
        rotated = QTransform().rotate(self._rotation).mapRect(rect)
        zoom = min(viewport.width() / rotated.width(), viewport.height() / rotated.height())
        self.set_zoom(zoom)
        self.centerOn(rect.center())

    def is_fitting(self) -> bool:
        return self._fitting

    def rotate_right(self) -> None:
        self._set_rotation(self._rotation + 90)

    def rotate_left(self) -> None:
        self._set_rotation(self._rotation - 90)

    def _set_rotation(self, degrees: int) -> None:
        self._rotation = degrees % 360
        if self._fitting:
            self.fit()
        else:
            self.set_zoom(self._zoom)
        self.rotationChanged.emit(self._rotation)

    def _after_transform(self) -> None:
        scene = self._annotation_scene()
        if scene is not None:
            scene.set_view_scale(self._zoom)
        self.zoomChanged.emit(self._zoom)

    # ----- events ---------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fitting:
            self.fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fitting:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        self._fitting = False
        factor = math.pow(ZOOM_STEP, delta / 120)
        self.set_zoom(self._zoom * factor, anchor=event.position())
        event.accept()

    def _editing_text(self) -> bool:
        scene = self._annotation_scene()
        return scene is not None and scene.is_editing_text()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and not self._editing_text():
            self._space_held = True
            self._apply_drag_mode()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space_held:
            self._space_held = False
            self._apply_drag_mode()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._middle_pan = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if self._space_held and event.button() == Qt.MouseButton.LeftButton:
            # Pan even over a shape: in hand-drag mode the view only pans when no item takes the
            # press, so do it here.
            self._middle_pan = event.position()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._middle_pan is not None:
            delta = event.position() - self._middle_pan
            self._middle_pan = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._middle_pan is not None and event.button() in (Qt.MouseButton.MiddleButton,
                                                               Qt.MouseButton.LeftButton):
            self._middle_pan = None
            self._apply_drag_mode()
            event.accept()
            return
        super().mouseReleaseEvent(event)
