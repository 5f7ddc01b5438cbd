"""The items of the annotation scene: one ShapeItem per annotation, its resize handles and label
tag, and the inline text editor.

An item draws its geometry (a SceneShape) in scene coordinates, pixels of the displayed image. While
Qt moves it, `pos()` holds the offset; after an edit the scene puts it back at (0, 0) with the new
geometry. Pens are cosmetic (a fixed width in screen pixels), so a shape reads the same on a 12 MP
photo seen whole and at 400 %. What an item needs of its scene is ShapeHost.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QCursor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from reviewer_app.core.annotations import (
    Annotation,
    SceneArrow,
    SceneEllipse,
    ScenePoint,
    ScenePolyline,
    SceneRect,
    SceneShape,
    SceneText,
    handle_points,
    move_scene_shape,
    scene_bounds,
)
from shared.annotations import DEFAULT_COLOUR

# Sizes in screen pixels (the scene converts them with the view's zoom).
PEN_WIDTH_PX = 3.0
HALO_WIDTH_PX = 5.5
HANDLE_SIZE_PX = 9.0
HIT_WIDTH_PX = 12.0
ARROW_HEAD_PX = 16.0
POINT_RADIUS_PX = 7.0
HALO_COLOUR = QColor(0, 0, 0, 150)


def cosmetic_pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def text_font(pixel_size: float) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(pixel_size)))
    return font


def text_rect(shape: SceneText) -> QRectF:
    metrics = QFontMetricsF(text_font(shape.size))
    rect = metrics.boundingRect(QRectF(0, 0, 1e6, 1e6), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                                shape.text)
    pad = shape.size * 0.15
    return QRectF(shape.x, shape.y, rect.width() + 2 * pad, rect.height() + 2 * pad)


def bounds_rect(shape: SceneShape) -> QRectF:
    """The geometry's box in scene coordinates, text measured with its font."""
    if isinstance(shape, SceneText):
        return text_rect(shape)
    x, y, w, h = scene_bounds(shape)
    return QRectF(x, y, w, h)


class ShapeHost(QGraphicsScene):
    """What the items ask of the scene they are in (AnnotationScene answers): whether it is
    read-only, how big a screen pixel is, and the edits a handle drag or the text editor hand back.
    The answers here are those of a plain scene, where items can be drawn and moved, no more."""

    @property
    def read_only(self) -> bool:
        return False

    def scene_units_per_pixel(self) -> float:
        return 1.0

    def constrain_move(self, item: ShapeItem, new_pos: QPointF) -> QPointF:
        """Where a dragged item may go instead of `new_pos`."""
        return new_pos

    def resize_live(self, item: ShapeItem, role: str, scene_pos: QPointF) -> None:
        """A handle of `item` is being dragged to `scene_pos`."""

    def commit_resize(self, item: ShapeItem) -> None:
        """The handle drag of `item` ended."""

    def request_text_commit(self, accept: bool) -> None:
        """The text editor was told to finish (Enter, Esc, focus elsewhere)."""


class ResizeHandle(QGraphicsRectItem):
    """A resize handle: a small square of fixed screen size at a corner, edge or arrow end."""

    _CURSORS = {"top_left": Qt.CursorShape.SizeFDiagCursor, "bottom_right": Qt.CursorShape.SizeFDiagCursor,
                "top_right": Qt.CursorShape.SizeBDiagCursor, "bottom_left": Qt.CursorShape.SizeBDiagCursor,
                "top": Qt.CursorShape.SizeVerCursor, "bottom": Qt.CursorShape.SizeVerCursor,
                "left": Qt.CursorShape.SizeHorCursor, "right": Qt.CursorShape.SizeHorCursor}

    def __init__(self, role: str, parent: ShapeItem):
        half = HANDLE_SIZE_PX / 2
        super().__init__(-half, -half, HANDLE_SIZE_PX, HANDLE_SIZE_PX, parent)
        self.role = role
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(QBrush(Qt.GlobalColor.white))
        self.setPen(QPen(QColor(30, 30, 30), 1))
        self.setCursor(QCursor(self._CURSORS.get(role, Qt.CursorShape.CrossCursor)))
        self.setZValue(10)

    def _host(self) -> ShapeHost | None:
        scene = self.scene()
        return scene if isinstance(scene, ShapeHost) else None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        host = self._host()
        if host is not None:
            host.resize_live(self.parentItem(), self.role, event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        host = self._host()
        if host is not None:
            host.commit_resize(self.parentItem())


class LabelTag(QGraphicsSimpleTextItem):
    """The annotation's label in a coloured tag above its top-left corner, fixed screen size."""

    def __init__(self, parent: ShapeItem):
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        font = QFont()
        font.setPixelSize(13)
        self.setFont(font)
        self.setZValue(5)
        self._background = QColor(DEFAULT_COLOUR)

    def set_label(self, text: str, colour: QColor) -> None:
        self.setText(text)
        self._background = colour
        # Dark text on light colours, white on dark ones.
        self.setBrush(QBrush(Qt.GlobalColor.black if colour.lightnessF() > 0.6 else Qt.GlobalColor.white))
        self.setVisible(bool(text))

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect()
        return rect.adjusted(-4, -2, 4, 2).translated(0, -rect.height() - 6)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = super().boundingRect()
        painter.save()
        painter.translate(0, -rect.height() - 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._background)
        painter.drawRoundedRect(rect.adjusted(-4, -2, 4, 2), 3, 3)
        super().paint(painter, option, widget)
        painter.restore()


class ShapeItem(QGraphicsItem):
    """Draws one annotation. Its geometry is a SceneShape in item coordinates; while Qt moves the
    item, `pos()` holds the offset, and `current_shape()` includes it."""

    def __init__(self, annotation: Annotation, shape: SceneShape, *, preview: bool = False):
        super().__init__()
        self.key = annotation.key
        self.annotation = annotation
        self.preview = preview
        self._shape = shape
        self._path = QPainterPath()
        self._handles: dict[str, ResizeHandle] = {}
        self._label = LabelTag(self)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.apply_flags()
        self._rebuild()

    # --- content ---

    @property
    def editable(self) -> bool:
        scene = self.scene()
        read_only_scene = isinstance(scene, ShapeHost) and scene.read_only
        return not (self.preview or self.annotation.read_only or read_only_scene)

    def apply_flags(self) -> None:
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, not self.preview)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, self.editable)
        self.setCursor(QCursor(Qt.CursorShape.SizeAllCursor if self.editable else Qt.CursorShape.ArrowCursor))

    def set_content(self, annotation: Annotation, shape: SceneShape) -> None:
        self.annotation = annotation
        self.set_geometry(shape)
        self.apply_flags()
        tip = annotation.label
        if annotation.author_name:
            tip = f"{tip} — {annotation.author_name}" if tip else annotation.author_name
        self.setToolTip(tip)

    def set_geometry(self, shape: SceneShape) -> None:
        """Show `shape` (scene coordinates) with the item back at (0, 0)."""
        self.prepareGeometryChange()
        self._shape = shape
        self.setPos(0, 0)
        self._rebuild()

    def geometry(self) -> SceneShape:
        return self._shape

    def current_shape(self) -> SceneShape:
        """The geometry in scene coordinates, including a move in progress."""
        offset = self.pos()
        if offset.isNull():
            return self._shape
        return move_scene_shape(self._shape, offset.x(), offset.y())

    def refresh(self) -> None:
        """Recompute sizes that depend on the zoom (arrow heads, hit areas)."""
        self.prepareGeometryChange()
        self._rebuild()

    # --- geometry helpers ---

    def _px(self) -> float:
        """One screen pixel in scene units."""
        scene = self.scene()
        return scene.scene_units_per_pixel() if isinstance(scene, ShapeHost) else 1.0

    def _rebuild(self) -> None:
        shape, px = self._shape, self._px()
        path = QPainterPath()
        match shape:
            case SceneRect():
                path.addRect(QRectF(*scene_bounds(shape)))
            case SceneEllipse():
                path.addEllipse(QRectF(*scene_bounds(shape)))
            case SceneArrow():
                path = arrow_path(shape, ARROW_HEAD_PX * px)
            case ScenePolyline():
                first, *rest = shape.points
                path.moveTo(*first)
                for point in rest:
                    path.lineTo(*point)
                if shape.closed:
                    path.closeSubpath()
            case SceneText():
                path.addRect(text_rect(shape))
            case ScenePoint():
                r = POINT_RADIUS_PX * px
                path.addEllipse(QPointF(shape.x, shape.y), r, r)
        self._path = path
        colour = QColor(self.annotation.colour)
        bounds = bounds_rect(shape)
        self._label.setPos(bounds.topLeft())
        self._label.set_label(self.annotation.label, colour)
        self.update_handles()

    def update_handles(self) -> None:
        wanted = handle_points(self._shape) if (self.isSelected() and self.editable) else {}
        for role in list(self._handles):
            if role not in wanted:
                handle = self._handles.pop(role)
                handle.setParentItem(None)
                if handle.scene() is not None:
                    handle.scene().removeItem(handle)
        for role, (x, y) in wanted.items():
            handle = self._handles.get(role)
            if handle is None:
                handle = self._handles[role] = ResizeHandle(role, self)
            handle.setPos(x, y)

    def handle(self, role: str) -> ResizeHandle | None:
        return self._handles.get(role)

    def geometry_rect(self) -> QRectF:
        """The geometry's box in item coordinates (no pen, no handles)."""
        return bounds_rect(self._shape)

    # --- QGraphicsItem ---

    def boundingRect(self) -> QRectF:
        margin = (HALO_WIDTH_PX + 4) * self._px()
        return self._path.boundingRect().united(self.geometry_rect()).adjusted(-margin, -margin, margin, margin)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(HIT_WIDTH_PX * self._px())
        outline = stroker.createStroke(self._path)
        if isinstance(self._shape, SceneRect | SceneEllipse | SceneText | ScenePoint):
            outline = outline.united(self._path)  # the inside counts: easier to pick
        return outline

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange and isinstance(self.scene(), ShapeHost):
            return self.scene().constrain_move(self, value)
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update_handles()
            self.update()
        if change == QGraphicsItem.GraphicsItemChange.ItemSceneHasChanged:
            self.apply_flags()
        return super().itemChange(change, value)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colour = QColor(self.annotation.colour)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shape = self._shape
        if isinstance(shape, SceneText):
            self._paint_text(painter, shape, colour)
        else:
            fill_head = isinstance(shape, SceneArrow)
            painter.setBrush(QBrush(HALO_COLOUR) if fill_head else Qt.BrushStyle.NoBrush)
            painter.setPen(cosmetic_pen(HALO_COLOUR, HALO_WIDTH_PX))
            painter.drawPath(self._path)
            painter.setBrush(QBrush(colour) if fill_head else Qt.BrushStyle.NoBrush)
            painter.setPen(cosmetic_pen(colour, PEN_WIDTH_PX))
            painter.drawPath(self._path)
            if isinstance(shape, ScenePoint):
                r = POINT_RADIUS_PX * self._px()
                painter.drawLine(QPointF(shape.x - r, shape.y), QPointF(shape.x + r, shape.y))
                painter.drawLine(QPointF(shape.x, shape.y - r), QPointF(shape.x, shape.y + r))
        if option.state & QStyle.StateFlag.State_Selected:
            pen = cosmetic_pen(QColor(255, 255, 255), 1)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(pen)
            painter.drawRect(self.geometry_rect())

    def _paint_text(self, painter: QPainter, shape: SceneText, colour: QColor) -> None:
        rect = text_rect(shape)
        pad = shape.size * 0.15
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 160))
        painter.drawRoundedRect(rect, pad, pad)
        painter.setFont(text_font(shape.size))
        painter.setPen(colour)
        painter.drawText(rect.adjusted(pad, pad, -pad, -pad),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), shape.text)


def arrow_path(shape: SceneArrow, head: float) -> QPainterPath:
    path = QPainterPath()
    x1, y1, x2, y2 = shape.x1, shape.y1, shape.x2, shape.y2
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        path.moveTo(x1, y1)
        path.lineTo(x2, y2)
        return path
    head = min(head, length * 0.45)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    base = QPointF(x2 - ux * head, y2 - uy * head)
    half = head * 0.45
    path.moveTo(x1, y1)
    path.lineTo(base)
    path.addPolygon(QPolygonF([QPointF(x2, y2), QPointF(base.x() - uy * half, base.y() + ux * half),
                               QPointF(base.x() + uy * half, base.y() - ux * half), QPointF(x2, y2)]))
    return path


class TextEditor(QGraphicsTextItem):
    """Inline editor for the text tool: Enter commits, Shift+Enter breaks the line, Esc cancels,
    clicking elsewhere commits."""

    def __init__(self, host: ShapeHost, shape: SceneText, colour: str, editing_key: str | None):
        super().__init__()
        self.editing_key = editing_key
        self.anchor = QPointF(shape.x, shape.y)
        self.pixel_size = shape.size
        self.setFont(text_font(shape.size))
        self.setDefaultTextColor(QColor(colour))
        self.setPlainText(shape.text)
        self.setPos(self.anchor)
        self.setZValue(1_000_000)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self._host = host

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.fillRect(self.boundingRect(), QColor(0, 0, 0, 160))
        super().paint(painter, option, widget)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self._host.request_text_commit(accept=True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self._host.request_text_commit(accept=False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # the context menu keeps editing
            self._host.request_text_commit(accept=True)
