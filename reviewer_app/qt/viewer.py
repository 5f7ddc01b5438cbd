"""The evidence viewer, ready to sit in the case window: a photo with the annotation toolbar, or
the video panel, for one evidence item at a time.

    viewer = EvidenceViewer()
    viewer.show_photo(image, document)          # an AnnotationDocument from the server's list
    viewer.show_video(QUrl(signed_url), document, frame_rate=29.97)
    viewer.show_message(tr("Loading…"))
    plan = viewer.scene.save_plan()             # then confirm_saved / confirm_deleted per answer

For a video, the scene keeps the video's annotations; "Annotate frame" shows the paused frame in
the scene (new shapes get its time), "Back to video" returns to the player.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPixmap,
    QPolygonF,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.annotations import PALETTE, AnnotationDocument
from reviewer_app.qt.annotation_scene import DRAWING_TOOLS, TOOL_SHORTCUTS, AnnotationScene, Tool, tool_name
from reviewer_app.qt.i18n import Retranslating
from reviewer_app.qt.image_view import ImageView
from reviewer_app.qt.video_panel import DEFAULT_PIN_WINDOW_MS, VideoPanel

COLOUR_NAMES = {
    "#ff3b30": QT_TRANSLATE_NOOP("Colour", "Red"),
    "#ff9500": QT_TRANSLATE_NOOP("Colour", "Orange"),
    "#ffcc00": QT_TRANSLATE_NOOP("Colour", "Yellow"),
    "#34c759": QT_TRANSLATE_NOOP("Colour", "Green"),
    "#007aff": QT_TRANSLATE_NOOP("Colour", "Blue"),
    "#af52de": QT_TRANSLATE_NOOP("Colour", "Purple"),
    "#ffffff": QT_TRANSLATE_NOOP("Colour", "White"),
    "#000000": QT_TRANSLATE_NOOP("Colour", "Black"),
}


def _tool_icon(tool: Tool, size: int = 20) -> QIcon:
    """Small line-art icons drawn here, so the toolbar needs no image files."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = p.pen()
    pen.setWidthF(1.8)
    pen.setColor(QColor("#333333"))
    p.setPen(pen)
    m = 3
    s = size - 2 * m
    if tool == Tool.rect:
        p.drawRect(m, m + 2, s, s - 4)
    elif tool == Tool.ellipse:
        p.drawEllipse(m, m + 2, s, s - 4)
    elif tool == Tool.arrow:
        p.drawLine(m, size - m, size - m, m)
        p.drawLine(size - m, m, size - m - 6, m + 1)
        p.drawLine(size - m, m, size - m - 1, m + 6)
    elif tool == Tool.freehand:
        path = QPainterPath()
        path.moveTo(m, size - m)
        path.cubicTo(m + s * 0.3, m, m + s * 0.6, size, size - m, m)
        p.drawPath(path)
    elif tool == Tool.text:
        font = p.font()
        font.setPixelSize(size - 4)
        font.setBold(True)
        p.setFont(font)
        p.drawText(pixmap.rect(), int(Qt.AlignmentFlag.AlignCenter), "T")
    elif tool == Tool.pan:
        p.drawEllipse(m + 3, m + 3, s - 6, s - 6)
        p.drawLine(size // 2, m, size // 2, size - m)
        p.drawLine(m, size // 2, size - m, size // 2)
    else:  # select: an arrow cursor
        p.drawPolygon(QPolygonF([QPointF(m + 2, m), QPointF(m + 2, size - m - 2), QPointF(m + 7, size - m - 6),
                                 QPointF(size - m - 3, size - m - 6)]))
    p.end()
    return QIcon(pixmap)


def _colour_icon(colour: str, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(colour))
    p.setPen(QColor("#555555"))
    p.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    p.end()
    return QIcon(pixmap)


class AnnotationToolBar(Retranslating, QToolBar):
    """Tools, colour, delete, undo/redo, sharing with the applicant, and the view's zoom actions."""

    def __init__(self, scene: AnnotationScene, view: ImageView, parent: QWidget | None = None):
        super().__init__(parent)
        self.scene = scene
        self.view = view
        self.setIconSize(QSize(20, 20))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

        self.tool_group = QActionGroup(self)
        self.tool_group.setExclusive(True)
        self.tool_actions: dict[Tool, QAction] = {}
        for tool in Tool:
            action = QAction(_tool_icon(tool), "", self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(TOOL_SHORTCUTS[tool]))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setData(tool.value)
            action.triggered.connect(lambda _checked=False, t=tool: scene.set_tool(t))
            self.tool_group.addAction(action)
            self.addAction(action)
            self.tool_actions[tool] = action
        self.tool_actions[scene.tool].setChecked(True)
        self.addSeparator()

        self.colour_menu = QMenu(self)
        self.colour_actions: dict[str, QAction] = {}
        for colour in PALETTE:
            action = self.colour_menu.addAction(_colour_icon(colour), "")
            action.setData(colour)
            action.triggered.connect(lambda _checked=False, c=colour: scene.set_colour(c))
            self.colour_actions[colour] = action
        self.colour_button = QToolButton(self)
        self.colour_button.setMenu(self.colour_menu)
        self.colour_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.colour_button.setIcon(_colour_icon(scene.colour, 20))
        self.addWidget(self.colour_button)

        self.delete_action = QAction(self.style().standardIcon(self.style().StandardPixmap.SP_TrashIcon), "", self)
        self.delete_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")])
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(scene.delete_selected)
        self.addAction(self.delete_action)

        self.share_action = QAction(self.style().standardIcon(self.style().StandardPixmap.SP_MessageBoxInformation),
                                    "", self)
        self.share_action.setCheckable(True)
        self.share_action.triggered.connect(lambda checked: scene.set_shared(scene.selected_keys(), checked))
        self.addAction(self.share_action)
        self.addSeparator()

        stack: QUndoStack = scene.undo_stack
        self.undo_action = stack.createUndoAction(self)
        self.undo_action.setIcon(self.style().standardIcon(self.style().StandardPixmap.SP_ArrowBack))
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = stack.createRedoAction(self)
        self.redo_action.setIcon(self.style().standardIcon(self.style().StandardPixmap.SP_ArrowForward))
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.addSeparator()
        for action in view.view_actions():
            self.addAction(action)

        scene.toolChanged.connect(self._on_tool_changed)
        scene.colourChanged.connect(lambda c: self.colour_button.setIcon(_colour_icon(c, 20)))
        scene.selectedKeysChanged.connect(self._on_selection)
        scene.readOnlyChanged.connect(self._on_read_only)
        self._on_selection(scene.selected_keys())
        self.retranslate()

    def editing_actions(self) -> list[QAction]:
        """Actions whose shortcuts must work wherever focus is in the annotator."""
        return [*self.tool_actions.values(), self.delete_action, self.undo_action, self.redo_action]

    def retranslate(self) -> None:
        for tool, action in self.tool_actions.items():
            action.setText(tool_name(tool))
            action.setToolTip(f"{tool_name(tool)} ({TOOL_SHORTCUTS[tool]})")
        for colour, action in self.colour_actions.items():
            action.setText(QCoreApplication.translate("Colour", COLOUR_NAMES[colour]) if colour in COLOUR_NAMES
                           else colour)
        self.colour_button.setToolTip(self.tr("Colour"))
        self.delete_action.setText(self.tr("Delete"))
        self.share_action.setText(self.tr("Share with applicant"))
        self.share_action.setToolTip(self.tr("Show the selected annotations to the applicant"))
        self.undo_action.setToolTip(self.tr("Undo") + " (Ctrl+Z)")
        self.redo_action.setToolTip(self.tr("Redo") + " (Ctrl+Shift+Z)")
        self.undo_action.setText(self.tr("Undo"))
        self.redo_action.setText(self.tr("Redo"))

    def _on_tool_changed(self, tool: str) -> None:
        self.tool_actions[Tool(tool)].setChecked(True)

    def _on_selection(self, keys: list) -> None:
        annotations = [self.scene.document.get(k) for k in keys]
        editable = [a for a in annotations if a is not None and not a.read_only] and not self.scene.read_only
        self.delete_action.setEnabled(bool(editable))
        self.share_action.setEnabled(bool(editable))
        self.share_action.setChecked(bool(annotations) and all(a.shared_with_applicant for a in annotations if a))

    def _on_read_only(self, read_only: bool) -> None:
        for tool, action in self.tool_actions.items():
            action.setEnabled(not (read_only and tool in DRAWING_TOOLS))
        self.colour_button.setEnabled(not read_only)
        self._on_selection(self.scene.selected_keys())


class ImageAnnotator(QWidget):
    """The annotation toolbar above the image view of an AnnotationScene."""

    def __init__(self, parent: QWidget | None = None, *, scene: AnnotationScene | None = None):
        super().__init__(parent)
        self.scene = scene or AnnotationScene(self)
        self.view = ImageView(self.scene, self)
        self.toolbar = AnnotationToolBar(self.scene, self.view, self)
        # Tool shortcuts work wherever the focus is inside the annotator.
        for action in self.toolbar.editing_actions():
            self.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)

    def show_image(self, image: QImage, document: AnnotationDocument | None = None, *,
                   logical_size: QSize | None = None) -> None:
        if document is not None:
            self.scene.load_document(document)
        self.scene.set_image(image, logical_size)
        self.view.fit()


class EvidenceViewer(Retranslating, QWidget):
    """One evidence item: a photo to annotate, a video to play, or a message (loading, error)."""

    modeChanged = Signal(str)  # "photo", "video", "frame" (annotating a video frame) or "message"
    videoError = Signal(str)  # the video panel's errorOccurred

    def __init__(self, parent: QWidget | None = None, *, pin_window_ms: int = DEFAULT_PIN_WINDOW_MS):
        super().__init__(parent)
        self.annotator = ImageAnnotator(self)
        self.scene = self.annotator.scene
        self._pin_window_ms = pin_window_ms
        # The video panel (QMediaPlayer, audio output) is made when first needed: it costs more to
        # make than the rest of the viewer, and most evidence is photos.
        self._video_panel: VideoPanel | None = None
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.back_to_video_action = QAction(self)
        self.back_to_video_action.setShortcut(QKeySequence("Esc"))
        self.back_to_video_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.back_to_video_action.triggered.connect(self.back_to_video)
        self.annotator.toolbar.insertSeparator(self.annotator.toolbar.actions()[0])
        self.annotator.toolbar.insertAction(self.annotator.toolbar.actions()[0], self.back_to_video_action)
        self.back_to_video_action.setVisible(False)

        self.stack = QStackedWidget(self)
        for page in (self.message, self.annotator):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._mode = "message"
        self.scene.documentChanged.connect(self._on_document_changed)
        self.retranslate()

    @property
    def video_panel(self) -> VideoPanel:
        if self._video_panel is None:
            panel = VideoPanel(self, pin_window_ms=self._pin_window_ms)
            panel.frameCaptured.connect(self.annotate_frame)
            panel.errorOccurred.connect(self.videoError)
            self.stack.addWidget(panel)
            self._video_panel = panel
        return self._video_panel

    def has_video_panel(self) -> bool:
        return self._video_panel is not None

    @property
    def mode(self) -> str:
        return self._mode

    def _set_mode(self, mode: str, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self.back_to_video_action.setVisible(mode == "frame")
        if mode != self._mode:
            self._mode = mode
            self.modeChanged.emit(mode)

    def show_message(self, text: str) -> None:
        if self._video_panel is not None:
            self._video_panel.pause()
        self.message.setText(text)
        self._set_mode("message", self.message)

    def show_photo(self, image: QImage, document: AnnotationDocument | None = None, *,
                   logical_size: QSize | None = None) -> None:
        """A photo (orientation applied) and its annotations; the undo history starts afresh
        when a document is given."""
        if self._video_panel is not None:
            self._video_panel.clear()
        self.scene.set_frame_time(None)
        self.annotator.show_image(image, document, logical_size=logical_size)
        self._set_mode("photo", self.annotator)

    def replace_image(self, image: QImage) -> None:
        """A sharper version of the photo on screen (same logical size): shapes stay put."""
        self.scene.set_image(image, self._logical_size())

    def _logical_size(self) -> QSize | None:
        size = self.scene.image_size()
        return QSize(round(size.width), round(size.height)) if size else None

    def show_video(self, url: QUrl | str, document: AnnotationDocument | None = None, *,
                   frame_rate: float | None = None) -> None:
        self.scene.load_document(document or AnnotationDocument())
        self.video_panel.set_annotations(self.scene.annotations())
        self.video_panel.set_source(url, frame_rate=frame_rate)
        self._set_mode("video", self.video_panel)

    def annotate_frame(self, time_ms: int, frame: QImage) -> None:
        """Show a paused video frame in the annotation scene; new shapes are pinned to its time."""
        self.scene.set_frame_time(time_ms, self.video_panel.pin_window_ms)
        self.scene.set_image(frame)
        self.annotator.view.fit()
        self._set_mode("frame", self.annotator)

    def back_to_video(self) -> None:
        if self._mode == "frame":
            self.scene.commit_text_edit()
            self._set_mode("video", self.video_panel)

    def _on_document_changed(self) -> None:
        if self._mode in ("video", "frame") and self._video_panel is not None:
            self.video_panel.set_annotations(self.scene.annotations())

    def retranslate(self) -> None:
        self.back_to_video_action.setText(self.tr("Back to video"))
        self.back_to_video_action.setIcon(self.style().standardIcon(self.style().StandardPixmap.SP_MediaPlay))

    def set_read_only(self, read_only: bool) -> None:
        self.scene.set_read_only(read_only)

    def annotations(self) -> Iterable:
        return self.scene.annotations()
