"""The annotation scene: the photo as item 0 and the officer's shapes above it.

Like Qt's diagramscene example, the scene owns the interaction mode (a `Tool`) and tells the rest
of the window what happened through typed signals. The truth is a core `AnnotationDocument` of
normalized shapes; each annotation has one `ShapeItem` (annotation_items) that draws it in scene
coordinates (pixels of the displayed, orientation-applied image). Every edit goes through the
QUndoStack as one of the commands of annotation_commands, which update the document and the items
together.

While the officer drags, only the items change (a preview, a live resize, Qt's own move); on
release the scene turns the new geometry into one undo command. After a command, an item's
position is (0, 0) and its geometry is in scene coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPixmap, QTransform, QUndoStack
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsSceneMouseEvent, QGraphicsTextItem, QGraphicsView

from reviewer_app.core.annotations import (
    Annotation,
    AnnotationDocument,
    ImageSize,
    SavePlan,
    SceneArrow,
    SceneEllipse,
    ScenePoint,
    ScenePolyline,
    SceneRect,
    SceneShape,
    SceneText,
    from_scene,
    is_valid_colour,
    new_key,
    resize_scene_shape,
    scene_bounds,
    simplify_polyline,
    to_scene,
)
from reviewer_app.qt.annotation_commands import (
    AddAnnotationsCommand,
    ChangeAnnotationsCommand,
    NudgeAnnotationsCommand,
    RemoveAnnotationsCommand,
)
from reviewer_app.qt.annotation_items import ShapeHost, ShapeItem, TextEditor
from shared.annotations import DEFAULT_COLOUR, DEFAULT_TEXT_SIZE, AnnotationOut, Text


class Tool(StrEnum):
    select = "select"
    pan = "pan"
    rect = "rect"
    ellipse = "ellipse"
    arrow = "arrow"
    freehand = "freehand"
    text = "text"


DRAWING_TOOLS = frozenset({Tool.rect, Tool.ellipse, Tool.arrow, Tool.freehand, Tool.text})

# Names and keyboard shortcuts of the tools, for toolbars and menus (translated in context "Tool").
TOOL_NAMES = {
    Tool.select: QT_TRANSLATE_NOOP("Tool", "Select"),
    Tool.pan: QT_TRANSLATE_NOOP("Tool", "Hand"),
    Tool.rect: QT_TRANSLATE_NOOP("Tool", "Rectangle"),
    Tool.ellipse: QT_TRANSLATE_NOOP("Tool", "Ellipse"),
    Tool.arrow: QT_TRANSLATE_NOOP("Tool", "Arrow"),
    Tool.freehand: QT_TRANSLATE_NOOP("Tool", "Freehand"),
    Tool.text: QT_TRANSLATE_NOOP("Tool", "Text"),
}
TOOL_SHORTCUTS = {Tool.select: "V", Tool.pan: "H", Tool.rect: "R", Tool.ellipse: "E", Tool.arrow: "A",
                  Tool.freehand: "P", Tool.text: "T"}


def tool_name(tool: Tool) -> str:
    return QCoreApplication.translate("Tool", TOOL_NAMES[tool])


MIN_DRAG_PX = 4.0  # a shorter drag is a click, not a shape (in screen pixels)
FREEHAND_TOLERANCE_PX = 0.75
TIME_WINDOW_MS = 0


@dataclass
class _Drawing:
    tool: Tool
    start: tuple[float, float]
    preview: ShapeItem
    points: list[tuple[float, float]] = field(default_factory=list)


class AnnotationScene(ShapeHost):
    """The photo and its annotations, the tools to draw them, and their undo history."""

    # Any change of the annotations (an edit, undo/redo, load, a save confirmed).
    documentChanged = Signal()
    annotationAdded = Signal(str)  # key
    annotationRemoved = Signal(str)  # key
    annotationChanged = Signal(str)  # key
    selectedKeysChanged = Signal(list)  # keys of the selected annotations, in drawing order
    toolChanged = Signal(str)  # a Tool value
    colourChanged = Signal(str)  # "#rrggbb": the colour of new shapes
    dirtyChanged = Signal(bool)  # whether the server lacks some of the officer's edits
    imageChanged = Signal()
    readOnlyChanged = Signal(bool)

    def __init__(self, parent=None, *, undo_stack: QUndoStack | None = None):
        super().__init__(parent)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._document = AnnotationDocument()
        self._items: dict[str, ShapeItem] = {}
        self._photo = QGraphicsPixmapItem()
        self._photo.setZValue(0)
        self._photo.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._photo.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
        self._photo.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.addItem(self._photo)
        self._size: ImageSize | None = None
        self._tool = Tool.select
        self._colour = DEFAULT_COLOUR
        self._time_ms: int | None = None
        self._time_window_ms = TIME_WINDOW_MS
        self._read_only = False
        self._units_per_pixel = 1.0
        self._drawing: _Drawing | None = None
        self._editor: TextEditor | None = None
        self._commit_pending = False
        self._was_dirty = False
        self.setBackgroundBrush(QColor(40, 40, 40))
        self.selectionChanged.connect(self._on_selection_changed)

    # ----- the image ------------------------------------------------------------------------

    def set_image(self, image: QImage | QPixmap, logical_size: QSize | None = None) -> None:
        """Show a photo (orientation already applied). `logical_size` is the size the scene works
        in, e.g. the original's pixel size while a smaller preview is shown: a later full-size
        image then replaces the preview without moving any shape."""
        pixmap = image if isinstance(image, QPixmap) else QPixmap.fromImage(image)
        if pixmap.isNull():
            raise ValueError("cannot show an empty image")
        size = logical_size if logical_size is not None and logical_size.isValid() else pixmap.size()
        self._photo.setPixmap(pixmap)
        self._photo.setScale(1.0)
        # Scale the preview to the logical size (the aspect ratio is the same up to rounding).
        self._photo.setTransform(QTransform.fromScale(size.width() / pixmap.width(), size.height() / pixmap.height()))
        new_size = ImageSize(size.width(), size.height())
        resized = new_size != self._size
        self._size = new_size
        self.setSceneRect(QRectF(0, 0, size.width(), size.height()))
        if resized:
            for annotation in self._document:
                self._sync_item(annotation)
            self._restack()
        self.imageChanged.emit()

    def image_size(self) -> ImageSize | None:
        return self._size

    def image_rect(self) -> QRectF:
        return QRectF(0, 0, self._size.width, self._size.height) if self._size else QRectF()

    def photo_item(self) -> QGraphicsPixmapItem:
        return self._photo

    # ----- the document ---------------------------------------------------------------------

    @property
    def document(self) -> AnnotationDocument:
        """The annotations (read it; change it only through the scene's methods)."""
        return self._document

    def annotations(self) -> list[Annotation]:
        return list(self._document)

    def load_document(self, document: AnnotationDocument) -> None:
        """Show another evidence item's annotations; the undo history starts afresh."""
        self._cancel_interaction()
        self.undo_stack.clear()
        for item in self._items.values():
            self.removeItem(item)
        self._items.clear()
        self._document = document
        for annotation in document:
            self._sync_item(annotation)
        self._restack()
        self._emit_changed()

    def save_plan(self) -> SavePlan:
        """What to send to the server (see core.annotations.SavePlan)."""
        return self._document.plan()

    def confirm_saved(self, sent: Annotation, out: AnnotationOut) -> None:
        """The server answered a create or update from `save_plan()`."""
        self._document.confirm(sent, out)
        self.annotations_confirmed([sent.key])

    def confirm_deleted(self, sent: Annotation) -> None:
        """The server answered a delete from `save_plan()`."""
        self._document.confirm_deleted(sent)
        self.annotations_confirmed([])

    def annotations_confirmed(self, keys: Iterable[str]) -> None:
        """The document recorded the server's answer to a save (AnnotationDocument.confirm, for
        these annotations): show them as the server stored them, and whether anything is unsaved."""
        for key in keys:
            annotation = self._document.get(key)
            if annotation is not None:
                self._sync_item(annotation)
                self.annotationChanged.emit(key)
        self._emit_changed()

    # ----- modes ----------------------------------------------------------------------------

    @property
    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, tool: Tool | str) -> None:
        tool = Tool(tool)
        if self._read_only and tool in DRAWING_TOOLS:
            return
        if tool == self._tool:
            return
        self._cancel_interaction()
        self._tool = tool
        if tool in DRAWING_TOOLS or tool == Tool.pan:
            self.clearSelection()
        self.toolChanged.emit(tool.value)

    @property
    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        """The colour of new shapes, and of the selected shapes (one undoable change)."""
        if not is_valid_colour(colour):
            raise ValueError(f"not a #rrggbb colour: {colour!r}")
        colour = colour.lower()
        if colour != self._colour:
            self._colour = colour
            self.colourChanged.emit(colour)
        changes = [(a, replace(a, colour=colour)) for a in self._selected_editable() if a.colour != colour]
        if changes:
            self.undo_stack.push(ChangeAnnotationsCommand(self, changes, self.tr("Change colour")))

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool) -> None:
        """For auditors and decided cases: annotations are shown and can be selected, not edited."""
        if read_only == self._read_only:
            return
        self._cancel_interaction()
        self._read_only = read_only
        if read_only and self._tool in DRAWING_TOOLS:
            self.set_tool(Tool.select)
        for item in self._items.values():
            item.apply_flags()
            item.update_handles()
        self.readOnlyChanged.emit(read_only)

    def set_frame_time(self, time_ms: int | None, window_ms: int = TIME_WINDOW_MS) -> None:
        """For a video frame: new shapes are pinned to `time_ms`, and only annotations pinned
        within `window_ms` of it (or to no time) are shown. None: a photo, everything shown."""
        self._time_ms = time_ms
        self._time_window_ms = window_ms
        for item in self._items.values():
            item.setVisible(self._visible(item.annotation))

    def frame_time(self) -> int | None:
        return self._time_ms

    def _visible(self, annotation: Annotation) -> bool:
        if self._time_ms is None or annotation.time_ms is None:
            return True
        return abs(annotation.time_ms - self._time_ms) <= self._time_window_ms

    # ----- zoom awareness -------------------------------------------------------------------

    def scene_units_per_pixel(self) -> float:
        return self._units_per_pixel

    def set_view_scale(self, scale: float) -> None:
        """The view's zoom (screen pixels per scene unit): cosmetic sizes follow it."""
        if scale <= 0 or math.isclose(1 / scale, self._units_per_pixel):
            return
        self._units_per_pixel = 1 / scale
        for item in self._items.values():
            item.refresh()
        if self._drawing is not None:
            self._drawing.preview.refresh()

    # ----- selection and edits --------------------------------------------------------------

    def item_for(self, key: str) -> ShapeItem | None:
        return self._items.get(key)

    def selected_keys(self) -> list[str]:
        return [a.key for a in self._document if self._items.get(a.key) and self._items[a.key].isSelected()]

    def select_keys(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        self.blockSignals(True)
        try:
            for key, item in self._items.items():
                item.setSelected(key in wanted)
        finally:
            self.blockSignals(False)
        self._on_selection_changed()

    def _selected_editable(self) -> list[Annotation]:
        return [a for a in self._document
                if not a.read_only and not self._read_only and self._items.get(a.key) is not None
                and self._items[a.key].isSelected()]

    def add_shape(self, shape: SceneShape, *, colour: str | None = None, label: str = "",
                  shared_with_applicant: bool = False) -> str:
        """Add a shape given in scene coordinates (undoable); returns its key."""
        if self._size is None:
            raise RuntimeError("set an image before adding shapes")
        annotation = Annotation(key=new_key(), shape=from_scene(shape, self._size), colour=colour or self._colour,
                                label=label, time_ms=self._time_ms, shared_with_applicant=shared_with_applicant)
        self.undo_stack.push(AddAnnotationsCommand(self, [annotation], self._add_text(shape)))
        return annotation.key

    def delete_keys(self, keys: Iterable[str]) -> None:
        keys = [k for k in keys if (a := self._document.get(k)) is not None and not a.read_only]
        if keys and not self._read_only:
            text = self.tr("Delete annotation") if len(keys) == 1 else self.tr("Delete %n annotation(s)", "", len(keys))
            self.undo_stack.push(RemoveAnnotationsCommand(self, keys, text))

    def delete_selected(self) -> None:
        self.delete_keys([a.key for a in self._selected_editable()])

    def set_label(self, key: str, label: str) -> None:
        self._change([key], self.tr("Change label"), label=label)

    def set_shared(self, keys: Iterable[str], shared: bool) -> None:
        """Whether the applicant sees these annotations (with the rectification request)."""
        text = self.tr("Share with applicant") if shared else self.tr("Stop sharing with applicant")
        self._change(keys, text, shared_with_applicant=shared)

    def set_shape(self, key: str, shape: SceneShape, text: str | None = None) -> None:
        """Replace the geometry of an annotation (scene coordinates), undoable."""
        if self._size is None:
            raise RuntimeError("no image")
        self._change([key], text or self.tr("Resize"), shape=from_scene(shape, self._size))

    def _change(self, keys: Iterable[str], text: str, **changes) -> None:
        if self._read_only:
            return
        pairs = []
        for key in keys:
            before = self._document.get(key)
            if before is None or before.read_only:
                continue
            after = replace(before, **changes)
            if not after.same_content(before):
                pairs.append((before, after))
        if pairs:
            self.undo_stack.push(ChangeAnnotationsCommand(self, pairs, text))

    def _add_text(self, shape: SceneShape) -> str:
        names = {SceneRect: self.tr("Add rectangle"), SceneEllipse: self.tr("Add ellipse"),
                 SceneArrow: self.tr("Add arrow"), ScenePolyline: self.tr("Add freehand line"),
                 SceneText: self.tr("Add text"), ScenePoint: self.tr("Add point")}
        return names[type(shape)]

    # ----- what the undo commands call (not undoable themselves) ----------------------------

    def insert_annotation(self, annotation: Annotation, index: int | None) -> None:
        annotation = self._document.insert(annotation, index)
        self._sync_item(annotation)
        self._restack()
        self.annotationAdded.emit(annotation.key)
        self._emit_changed()

    def remove_annotation(self, key: str) -> None:
        self._document.remove(key)
        item = self._items.pop(key, None)
        if item is not None:
            was_selected = item.isSelected()
            self.removeItem(item)
            if was_selected:
                self._on_selection_changed()
        self._restack()
        self.annotationRemoved.emit(key)
        self._emit_changed()

    def replace_annotation(self, annotation: Annotation) -> None:
        annotation = self._document.replace(annotation)
        self._sync_item(annotation)
        self.annotationChanged.emit(annotation.key)
        self._emit_changed()

    def _sync_item(self, annotation: Annotation) -> None:
        if self._size is None:
            return
        shape = to_scene(annotation.shape, self._size)
        item = self._items.get(annotation.key)
        if item is None:
            item = ShapeItem(annotation, shape)
            self._items[annotation.key] = item
            self.addItem(item)
        item.set_content(annotation, shape)
        item.setVisible(self._visible(annotation))

    def _restack(self) -> None:
        for z, annotation in enumerate(self._document, start=1):
            item = self._items.get(annotation.key)
            if item is not None:
                item.setZValue(z)

    def _emit_changed(self) -> None:
        self.documentChanged.emit()
        dirty = self._document.dirty
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _on_selection_changed(self) -> None:
        self.selectedKeysChanged.emit(self.selected_keys())

    # ----- moving and resizing --------------------------------------------------------------

    def constrain_move(self, item: ShapeItem, new_pos: QPointF) -> QPointF:
        """Keep a dragged shape on the photo."""
        if self._size is None:
            return new_pos
        bounds = item.geometry_rect()
        image = self.image_rect()

        def clamp(value: float, low: float, high: float) -> float:
            if low > high:  # bigger than the photo: do not let it get any further out
                low, high = min(low, 0.0), max(high, 0.0)
            return min(high, max(low, value))

        x = clamp(new_pos.x(), image.left() - bounds.left(), image.right() - bounds.right())
        y = clamp(new_pos.y(), image.top() - bounds.top(), image.bottom() - bounds.bottom())
        return QPointF(x, y)

    def resize_live(self, item: ShapeItem, role: str, scene_pos: QPointF) -> None:
        x, y = self._clamp_to_image(scene_pos)
        item.set_geometry(resize_scene_shape(item.current_shape(), role, x, y))

    def _commit_geometry(self, items: Sequence[ShapeItem], text: str, *, nudge: bool = False) -> None:
        """Turn the items' current geometry (after a drag, or a nudge) into one undoable change."""
        if self._size is None:
            return
        pairs = []
        for item in items:
            before = self._document.get(item.key)
            if before is None:
                continue
            after = replace(before, shape=from_scene(item.current_shape(), self._size))
            if after.same_content(before):
                item.set_content(before, to_scene(before.shape, self._size))  # snap back exactly
            else:
                pairs.append((before, after))
        if pairs and nudge:
            self.undo_stack.push(NudgeAnnotationsCommand(self, pairs, text, selection=[i.key for i in items]))
        elif pairs:
            self.undo_stack.push(ChangeAnnotationsCommand(self, pairs, text))

    def commit_resize(self, item: ShapeItem) -> None:
        self._commit_geometry([item], self.tr("Resize"))

    def _commit_moves(self) -> None:
        moved = [item for item in self._items.values() if not item.pos().isNull()]
        if moved:
            self._commit_geometry(moved, self.tr("Move"))

    def nudge_selected(self, dx: float, dy: float) -> None:
        """Move the selected shapes by (dx, dy) scene pixels (arrow keys); nudges one after another
        are one undo step."""
        items = [self._items[a.key] for a in self._selected_editable()]
        for item in items:
            item.setPos(item.pos() + QPointF(dx, dy))
        if items:
            self._commit_geometry(items, self.tr("Move"), nudge=True)

    # ----- drawing with the mouse -----------------------------------------------------------

    def _clamp_to_image(self, pos: QPointF) -> tuple[float, float]:
        if self._size is None:
            return pos.x(), pos.y()
        return (min(max(pos.x(), 0.0), self._size.width), min(max(pos.y(), 0.0), self._size.height))

    def _start_drawing(self, pos: QPointF) -> None:
        x, y = self._clamp_to_image(pos)
        shape = self._preview_shape(self._tool, (x, y), (x, y), [(x, y)])
        placeholder = Annotation(key="preview", shape=from_scene(ScenePoint(x, y), self._size), colour=self._colour)
        preview = ShapeItem(placeholder, shape, preview=True)
        preview.setZValue(999_999)
        self.addItem(preview)
        preview.refresh()
        self._drawing = _Drawing(self._tool, (x, y), preview, [(x, y)])

    def _preview_shape(self, tool: Tool, start: tuple[float, float], end: tuple[float, float],
                       points: list[tuple[float, float]]) -> SceneShape:
        (x0, y0), (x1, y1) = start, end
        if tool == Tool.rect:
            return SceneRect(x0, y0, x1 - x0, y1 - y0)
        if tool == Tool.ellipse:
            return SceneEllipse(x0, y0, x1 - x0, y1 - y0)
        if tool == Tool.arrow:
            return SceneArrow(x0, y0, x1, y1)
        return ScenePolyline(tuple(points) if len(points) > 1 else (start, start))

    def _continue_drawing(self, pos: QPointF) -> None:
        drawing = self._drawing
        x, y = self._clamp_to_image(pos)
        if drawing.tool == Tool.freehand:
            lx, ly = drawing.points[-1]
            if math.hypot(x - lx, y - ly) >= self._units_per_pixel:
                drawing.points.append((x, y))
        drawing.preview.set_geometry(self._preview_shape(drawing.tool, drawing.start, (x, y), drawing.points))

    def _finish_drawing(self, pos: QPointF) -> None:
        drawing, self._drawing = self._drawing, None
        self.removeItem(drawing.preview)
        x, y = self._clamp_to_image(pos)
        if drawing.tool == Tool.freehand:
            if (x, y) != drawing.points[-1]:
                drawing.points.append((x, y))
            points = simplify_polyline(drawing.points, FREEHAND_TOLERANCE_PX * self._units_per_pixel)
            shape: SceneShape = ScenePolyline(tuple(points))
        else:
            shape = self._preview_shape(drawing.tool, drawing.start, (x, y), drawing.points)
        _, _, width, height = scene_bounds(shape)
        if max(width, height) < MIN_DRAG_PX * self._units_per_pixel:
            return  # a click, not a drag
        self.add_shape(shape)

    def _cancel_interaction(self) -> None:
        if self._drawing is not None:
            self.removeItem(self._drawing.preview)
            self._drawing = None
        if self._editor is not None:
            self._finish_text_edit(accept=False)

    # ----- text -----------------------------------------------------------------------------

    def is_editing_text(self) -> bool:
        return self._editor is not None

    def text_editor(self) -> QGraphicsTextItem | None:
        return self._editor

    def start_text_edit(self, pos: QPointF, key: str | None = None) -> QGraphicsTextItem | None:
        """Open the inline editor: for a new text at `pos`, or for the text annotation `key`."""
        if self._size is None or self._read_only:
            return None
        self._cancel_interaction()
        colour = self._colour
        if key is not None:
            annotation = self._document.get(key)
            if annotation is None or annotation.read_only or not isinstance(annotation.shape, Text):
                return None
            shape = to_scene(annotation.shape, self._size)
            colour = annotation.colour
            self._items[key].setVisible(False)
        else:
            x, y = self._clamp_to_image(pos)
            shape = SceneText(x, y, "", DEFAULT_TEXT_SIZE * self._size.height)
        editor = TextEditor(self, shape, colour, key)
        self._editor = editor
        self.addItem(editor)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def request_text_commit(self, accept: bool) -> None:
        # Called from the editor's own event handlers: finish after they return.
        if self._editor is None or self._commit_pending:
            return
        self._commit_pending = True
        editor = self._editor
        QTimer.singleShot(0, lambda: self._finish_text_edit(accept, editor))

    def commit_text_edit(self) -> None:
        """Finish editing now (e.g. before saving)."""
        if self._editor is not None:
            self._finish_text_edit(accept=True)

    def _finish_text_edit(self, accept: bool, editor: TextEditor | None = None) -> None:
        self._commit_pending = False
        if self._editor is None or (editor is not None and editor is not self._editor):
            return
        editor, self._editor = self._editor, None
        text = editor.toPlainText().strip()
        key = editor.editing_key
        self.removeItem(editor)
        if key is not None and key in self._items:
            self._items[key].setVisible(self._visible(self._items[key].annotation))
        if not accept or not text or self._size is None:
            return
        shape = SceneText(editor.anchor.x(), editor.anchor.y(), text, editor.pixel_size)
        if key is None:
            self.add_shape(shape)
        else:
            self._change([key], self.tr("Edit text"), shape=from_scene(shape, self._size))

    # ----- events ---------------------------------------------------------------------------

    def _shape_item_at(self, event: QGraphicsSceneMouseEvent) -> ShapeItem | None:
        view = event.widget().parentWidget() if event.widget() is not None else None
        transform = view.transform() if isinstance(view, QGraphicsView) else QTransform()
        item = self.itemAt(event.scenePos(), transform)
        while item is not None and not isinstance(item, ShapeItem):
            item = item.parentItem()
        return item

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._editor is not None:
            if self._editor.contains(self._editor.mapFromScene(event.scenePos())):
                super().mousePressEvent(event)
                return
            self._finish_text_edit(accept=True)
        if self._drawing is not None and event.button() != Qt.MouseButton.LeftButton:
            self._cancel_interaction()  # another button while drawing: give up this shape
            event.accept()
            return
        if self._tool == Tool.pan:
            event.ignore()  # the view pans
            return
        if self._tool in DRAWING_TOOLS and event.button() == Qt.MouseButton.LeftButton and self._size is not None \
                and not self._read_only:
            event.accept()
            if self._tool == Tool.text:
                item = self._shape_item_at(event)
                if item is not None and isinstance(item.geometry(), SceneText) and item.editable:
                    self.start_text_edit(event.scenePos(), item.key)
                else:
                    self.start_text_edit(event.scenePos())
            else:
                self._start_drawing(event.scenePos())
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drawing is not None:
            self._continue_drawing(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drawing is not None and event.button() == Qt.MouseButton.LeftButton:
            self._finish_drawing(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if self._tool == Tool.select:
            self._commit_moves()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._tool == Tool.select and event.button() == Qt.MouseButton.LeftButton:
            item = self._shape_item_at(event)
            if item is not None and isinstance(item.geometry(), SceneText) and item.editable:
                self.start_text_edit(event.scenePos(), item.key)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._editor is not None:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_keys():
            self.delete_selected()
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            if self._drawing is not None:
                self._cancel_interaction()
            else:
                self.clearSelection()
            event.accept()
            return
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows and self._selected_editable():
            step = 10 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
            dx, dy = arrows[key]
            self.nudge_selected(dx * step * self._units_per_pixel, dy * step * self._units_per_pixel)
            event.accept()
            return
        super().keyPressEvent(event)
