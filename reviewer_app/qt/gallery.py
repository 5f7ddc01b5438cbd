"""The evidence gallery: thumbnails in gallery order, each with its label, a dot in the colour of
its worst automatic check, a mark once the officer has opened it, and superseded items greyed
with "replaced" beside the item that replaced them (before, after)."""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reviewer_app.qt.case_models import (
    CHECK_COLOURS,
    ENTRY_ROLE,
    STATUS_ROLE,
    THUMB_H,
    THUMB_W,
    THUMBNAIL_ROLE,
    VIEWED_ROLE,
    GalleryModel,
    Tile,
)
from shared.enums import CheckStatus, MediaKind

TILE_W, TILE_H = THUMB_W + 12, THUMB_H + 30
REPAINT_EVERY_S = 0.05  # while thumbnails pour in


class GalleryDelegate(QStyledItemDelegate):
    thumbnailPainted = Signal()  # a real thumbnail (not a placeholder) was painted

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(TILE_W, TILE_H)

    def _tile(self, index: QModelIndex | QPersistentModelIndex) -> Tile | None:
        model = index.model()
        if isinstance(model, GalleryModel):
            return model.tile(index.row())
        entry = index.data(ENTRY_ROLE)
        if entry is None:
            return None
        status = index.data(STATUS_ROLE)
        return Tile(entry=entry, pixmap=index.data(Qt.ItemDataRole.DecorationRole),
                    label=str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                    status=CheckStatus(status) if status else CheckStatus.unknown,
                    thumbnail=index.data(THUMBNAIL_ROLE) is not None, viewed=bool(index.data(VIEWED_ROLE)))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
              ) -> None:
        tile = self._tile(index)
        if tile is None:
            return
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        superseded = tile.entry.superseded
        if selected:
            painter.fillRect(rect, option.palette.highlight())
        elif superseded:
            painter.fillRect(rect, QColor("#f3f3f3"))
        pixmap = tile.pixmap
        image_area = QRect(rect.x() + 6, rect.y() + 4, THUMB_W, THUMB_H)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            x = image_area.x() + (image_area.width() - pixmap.width()) // 2
            y = image_area.y() + (image_area.height() - pixmap.height()) // 2
            painter.drawPixmap(x, y, pixmap)
            if tile.thumbnail:
                self.thumbnailPainted.emit()
        entry = tile.entry
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if entry is not None and entry.evidence.kind is MediaKind.video:
            centre = QPointF(image_area.center())
            painter.setBrush(QColor(0, 0, 0, 140))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(centre, 16, 16)
            painter.setBrush(QColor("white"))
            painter.drawPolygon(QPolygonF([centre + QPointF(-6, -9), centre + QPointF(-6, 9), centre + QPointF(10, 0)]))
        if tile.status is not CheckStatus.unknown or tile.entry.evidence.checks:
            colour = CHECK_COLOURS.get(tile.status, CHECK_COLOURS[CheckStatus.unknown])
            painter.setBrush(colour)
            painter.setPen(QPen(QColor("white"), 1.5))
            painter.drawEllipse(QPointF(image_area.right() - 8, image_area.top() + 8), 6, 6)
        if tile.viewed:
            badge = QRect(image_area.left() + 3, image_area.top() + 3, 18, 18)
            painter.setBrush(QColor(30, 30, 30, 170))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(QColor("white"))
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), "✓")
        if superseded:
            band = QRect(image_area.left(), image_area.bottom() - 18, image_area.width(), 18)
            painter.fillRect(band, QColor(90, 90, 90, 180))
        text_rect = QRect(rect.x() + 4, image_area.bottom() + 3, rect.width() - 8,
                          rect.bottom() - image_area.bottom() - 4)
        font = QFont(option.font)
        font.setPixelSize(12)
        painter.setFont(font)
        painter.setPen(option.palette.highlightedText().color() if selected else
                       QColor("#8a8f98") if superseded else option.palette.text().color())
        text = painter.fontMetrics().elidedText(tile.label, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), text)
        painter.restore()


class GalleryView(QListView):
    """Thumbnails flowing left to right and wrapping; one selected at a time."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.delegate = GalleryDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setGridSize(QSize(TILE_W + 4, TILE_H + 4))
        self.setSpacing(2)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.first_thumbnail_painted_at: float | None = None
        self.delegate.thumbnailPainted.connect(self._on_thumbnail_painted)
        self._painted_at = 0.0

    def thumbnail_arrived(self) -> None:
        """While hundreds of thumbnails arrive, their deliveries queue ahead of the paint events:
        paint what is visible now and then, so the officer sees them come in."""
        now = time.perf_counter()
        if now - self._painted_at > REPAINT_EVERY_S and self.isVisible():
            self._painted_at = now
            self.viewport().repaint()

    def select_evidence(self, evidence_id: int) -> None:
        """Make the item's tile the current one (and so show it), scrolled into view."""
        model = self.model()
        row = model.row_of(evidence_id) if isinstance(model, GalleryModel) else None
        if row is not None:
            index = model.index(row)
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)

    def select_quietly(self, row: int) -> None:
        """Make `row` the current tile without emitting the change (its item is on screen already)."""
        selection = self.selectionModel()
        selection.blockSignals(True)
        try:
            selection.setCurrentIndex(self.model().index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            selection.blockSignals(False)
        self.viewport().update()

    def _on_thumbnail_painted(self) -> None:
        if self.first_thumbnail_painted_at is None:
            self.first_thumbnail_painted_at = time.perf_counter()

    def sizeHint(self) -> QSize:
        return QSize(2 * (TILE_W + 4) + 24, 400)
