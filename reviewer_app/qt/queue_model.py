"""The review queue as a table model: one row per case, loaded a page at a time as the officer
scrolls (canFetchMore / fetchMore with the server's cursor).

The model adapts a core `QueueState`; the server filters and sorts. Three columns sort on the
server (due date, submission time, flags); the others keep the server's order.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from reviewer_app.core.format import format_local_date, format_local_time, local_today
from reviewer_app.core.i18n import localized
from reviewer_app.core.state import DueLevel, QueueFilters, QueueState, due_level
from reviewer_app.qt.context import ReviewerContext
from reviewer_app.qt.errors import status_name
from reviewer_app.qt.i18n import current_language
from shared.models import QueueItem

OVERDUE_BACKGROUND = QColor("#f4b6b0")  # red: past the due date
SOON_BACKGROUND = QColor("#ffd97a")  # amber: due within two working days
FAIL_FOREGROUND = QColor("#b3261e")
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
DUE_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 3


class Column(IntEnum):
    reference = 0
    title = 1
    item_type = 2
    applicant = 3
    site = 4
    submitted = 5
    due = 6
    flags = 7
    rectified = 8
    assignees = 9
    status = 10


SERVER_SORTS = {Column.due: "due", Column.submitted: "submitted", Column.flags: "flags"}
# The direction each server sort has (the API sorts one way).
SORT_ORDERS = {"due": Qt.SortOrder.AscendingOrder, "submitted": Qt.SortOrder.AscendingOrder,
               "flags": Qt.SortOrder.DescendingOrder}


class QueueTableModel(QAbstractTableModel):
    loadingChanged = Signal(bool)
    loadFailed = Signal(object)  # the exception
    countsChanged = Signal()
    pageLoaded = Signal()

    def __init__(self, context: ReviewerContext | None, parent: QObject | None = None):
        super().__init__(parent)
        self.context = context
        self.state = QueueState()
        self._loading = False

    # ----- loading -----

    @property
    def filters(self) -> QueueFilters:
        return self.state.filters

    def is_loading(self) -> bool:
        return self._loading

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loadingChanged.emit(loading)

    def set_filters(self, filters: QueueFilters) -> None:
        """New tab, filters, search or order: load the first page for them."""
        self.state.set_filters(filters)
        self._load_first(self.state.filters)

    def refresh(self) -> None:
        """Load again with the same filters (about as many rows as are shown now)."""
        self.state.restart()
        filters = self.state.filters
        shown = len(self.state.items)
        if shown > filters.page_size:
            filters = filters.with_changes(page_size=min(200, shown))
        self._load_first(filters)

    def _load_first(self, filters: QueueFilters) -> None:
        if self.context is None:
            return
        generation = self.state.generation
        query = filters.query()
        self._set_loading(True)
        api = self.context.api
        self.context.call(lambda: api.queue(query), lambda page: self._first_page(generation, page),
                          lambda exc: self._failed(generation, exc), receiver=self, name="queue")

    def _first_page(self, generation: int, page) -> None:
        if generation != self.state.generation:
            return
        self.beginResetModel()
        self.state.accept_first_page(generation, page)
        self.endResetModel()
        self._set_loading(False)
        self.countsChanged.emit()
        self.pageLoaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self.state.generation:
            return
        self.state.loading_more = False
        self._set_loading(False)
        self.loadFailed.emit(exc)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        if parent.isValid() or self.context is None:
            return False
        return self.state.can_fetch_more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or not self.canFetchMore(parent):
            return
        state = self.state
        state.loading_more = True
        generation, cursor = state.generation, state.next_cursor
        query = state.filters.query()
        api = self.context.api
        self._set_loading(True)
        self.context.call(lambda: api.queue(query, cursor), lambda page: self._next_page(generation, cursor, page),
                          lambda exc: self._failed(generation, exc), receiver=self, name="queue page")

    def _next_page(self, generation: int, cursor: str, page) -> None:
        if generation != self.state.generation:
            return
        first = len(self.state.items)
        known = {item.id for item in self.state.items}
        new_count = len([item for item in page.items if item.id not in known])
        if new_count:
            self.beginInsertRows(QModelIndex(), first, first + new_count - 1)
        added = self.state.accept_next_page(generation, cursor, page)
        if new_count:
            assert len(added) == new_count
            self.endInsertRows()
        self._set_loading(False)
        self.countsChanged.emit()
        self.pageLoaded.emit()

    # ----- reading -----

    def item(self, row: int) -> QueueItem | None:
        return self.state.items[row] if 0 <= row < len(self.state.items) else None

    def row_of(self, case_id: int) -> int | None:
        return self.state.row_of(case_id)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self.state.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.state.items) - 1, len(Column) - 1))

    # ----- QAbstractTableModel -----

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.state.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._column_title(Column(section))
        if role == Qt.ItemDataRole.ToolTipRole and Column(section) in SERVER_SORTS:
            return self.tr("Click to sort")
        return None

    def _column_title(self, column: Column) -> str:
        return {
            Column.reference: self.tr("Reference"),
            Column.title: self.tr("Title"),
            Column.item_type: self.tr("Item type"),
            Column.applicant: self.tr("Applicant"),
            Column.site: self.tr("Site"),
            Column.submitted: self.tr("Submitted"),
            Column.due: self.tr("Due"),
            Column.flags: self.tr("Flags"),
            Column.rectified: self.tr("Rectified"),
            Column.assignees: self.tr("Officers"),
            Column.status: self.tr("Status"),
        }[column]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.state.items)) or \
                not (0 <= index.column() < len(Column)):
            return None
        item = self.state.items[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == Column.due:
            level = due_level(item)
            if level is DueLevel.overdue:
                return QBrush(OVERDUE_BACKGROUND)
            if level is DueLevel.soon:
                return QBrush(SOON_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.flags and item.fail_checks:
                return QBrush(FAIL_FOREGROUND)
            if column == Column.due and due_level(item) is not DueLevel.ok:
                return QBrush(QColor("#000000"))
            return None
        if role == Qt.ItemDataRole.FontRole and column == Column.reference:
            font = QFont()
            font.setBold(item.status.value == "submitted" and not item.assignees)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.flags, Column.rectified):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == CASE_ID_ROLE:
            return item.id
        if role == ITEM_ROLE:
            return item
        if role == DUE_LEVEL_ROLE:
            return due_level(item).value
        return None

    def _display(self, item: QueueItem, column: Column) -> str:
        language = current_language()
        match column:
            case Column.reference:
                return item.reference
            case Column.title:
                return item.title
            case Column.item_type:
                return localized(item.item_type, "name", language)
            case Column.applicant:
                return item.applicant.display_name
            case Column.site:
                return item.site_name
            case Column.submitted:
                return format_local_time(item.submitted_at, language) if item.submitted_at else ""
            case Column.due:
                return self._due_text(item)
            case Column.flags:
                parts = []
                if item.fail_checks:
                    parts.append(f"✖ {item.fail_checks}")
                if item.warn_checks:
                    parts.append(f"⚠ {item.warn_checks}")
                if item.disputed:
                    parts.append("⇄")
                return "  ".join(parts) or "—"
            case Column.rectified:
                return self.tr("Round %1").replace("%1", str(item.round + 1)) if item.rectified else ""
            case Column.assignees:
                names = ", ".join(p.display_name for p in item.assignees)
                if not names:
                    return self.tr("(unassigned)")
                return f"{names} ({item.signoffs}/{item.required_signoffs})"
            case Column.status:
                return status_name(item.status.value)
        return ""

    def _due_text(self, item: QueueItem) -> str:
        language = current_language()
        if item.status.value == "rectification_requested" and item.rectify_deadline:
            return self.tr("Rectify by %1").replace("%1", format_local_date(item.rectify_deadline, language))
        if item.due_date is None:
            return ""
        day = format_local_date(item.due_date, language)
        if item.days_left is None:
            return day
        if item.overdue or item.days_left < 0:
            return self.tr("%1 (overdue)").replace("%1", day)
        if item.due_date == local_today():
            return self.tr("%1 (due today)").replace("%1", day)
        left = self.tr("%n working day(s) left", "", item.days_left)
        return f"{day} ({left})"

    def _tooltip(self, item: QueueItem, column: Column) -> str | None:
        if column == Column.due:
            level = due_level(item)
            if level is DueLevel.overdue:
                return self.tr("Past the promised time limit")
            if level is DueLevel.soon:
                return self.tr("Due within two working days")
            return None
        if column == Column.flags:
            text = self.tr("%n failed check(s)", "", item.fail_checks) + ", " + \
                self.tr("%n warning(s)", "", item.warn_checks)
            if item.disputed:
                text += "\n" + self.tr("The officers' opinions differ")
            return text
        if column == Column.title:
            return item.title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the server by due date, submission time or flags; other columns do not sort."""
        key = SERVER_SORTS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None or key == self.state.filters.sort:
            return
        self.set_filters(self.state.filters.with_changes(sort=key))
