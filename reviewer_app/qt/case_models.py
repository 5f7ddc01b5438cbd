"""Item models of the case window, over the core CaseState: the checklist, the evidence gallery,
the officer's per-requirement results, and the case's history."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPixmap

from reviewer_app.core.format import format_local_time
from reviewer_app.core.i18n import localized
from reviewer_app.core.state import CaseState, GalleryEntry, worst_check
from reviewer_app.qt.errors import verdict_name
from reviewer_app.qt.i18n import current_language
from shared.enums import CheckStatus, MediaKind
from shared.models import AuditEventOut, Requirement, RequirementResult

ROOT = QModelIndex()
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
EVIDENCE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 3
VIEWED_ROLE = Qt.ItemDataRole.UserRole + 4
SUPERSEDED_ROLE = Qt.ItemDataRole.UserRole + 5
THUMBNAIL_ROLE = Qt.ItemDataRole.UserRole + 6  # the QImage, or None until loaded
STATUS_ROLE = Qt.ItemDataRole.UserRole + 7

CHECK_COLOURS = {
    CheckStatus.pass_: QColor("#2e9e44"),
    CheckStatus.warn: QColor("#e69500"),
    CheckStatus.fail: QColor("#d7263d"),
    CheckStatus.unknown: QColor("#8a8f98"),
}
MISSING_BACKGROUND = QColor("#fde2e0")


def _valid(index: QModelIndex | QPersistentModelIndex, rows: int, columns: int) -> bool:
    return index.isValid() and 0 <= index.row() < rows and 0 <= index.column() < columns


def kind_name(kind: MediaKind) -> str:
    return QCoreApplication.translate("CaseModels", "Video") if kind is MediaKind.video else \
        QCoreApplication.translate("CaseModels", "Photo")


# ----- checklist ---------------------------------------------------------------------------------


class ChecklistModel(QAbstractTableModel):
    """Each requirement of the checklist: its title, how many items cover it, and whether that is
    enough (and whether the officers asked for it to be redone)."""

    class Column(IntEnum):
        requirement = 0
        items = 1
        coverage = 2

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._state: CaseState | None = None
        self._rows: list[Requirement] = []

    def set_state(self, state: CaseState) -> None:
        self.beginResetModel()
        self._state = state
        self._rows = list(state.case.checklist) if state.case else []
        self.endResetModel()

    def key_at(self, row: int) -> str | None:
        return self._rows[row].key if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.key == key), None)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.Column) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.Column) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {0: self.tr("Requirement"), 1: self.tr("Items"), 2: self.tr("Coverage")}
        return titles.get(section)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not _valid(index, len(self._rows), len(self.Column)) or self._state is None:
            return None
        requirement = self._rows[index.row()]
        column = self.Column(index.column())
        coverage = self._state.coverage_for(requirement.key)
        current, superseded = self._state.counts_by_requirement().get(requirement.key, (0, 0))
        redo = self._redo_keys()
        satisfied = coverage.satisfied if coverage is not None else current >= requirement.min_count
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.Column.requirement:
                title = localized(requirement, "title", current_language())
                mark = "▶ " if requirement.kind is MediaKind.video else ""
                return f"{mark}{title}"
            if column == self.Column.items:
                text = f"{current}/{requirement.min_count}"
                return f"{text} (+{superseded})" if superseded else text
            if column == self.Column.coverage:
                if requirement.key in redo:
                    return self.tr("Redo")
                if satisfied:
                    return "✓"
                return self.tr("Missing") if requirement.required else self.tr("Optional")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [localized(requirement, "title", current_language())]
            guidance = localized(requirement, "guidance", current_language())
            if guidance:
                lines.append(guidance)
            lines.append(self.tr("%1 current, %2 replaced, at least %3 needed")
                         .replace("%1", str(current)).replace("%2", str(superseded))
                         .replace("%3", str(requirement.min_count)))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and column == self.Column.coverage:
            if requirement.key in redo:
                return QBrush(QColor("#ffe8a3"))
            if requirement.required and not satisfied:
                return QBrush(MISSING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.Column.coverage and satisfied:
            return QBrush(CHECK_COLOURS[CheckStatus.pass_])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.Column.requirement:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == KEY_ROLE:
            return requirement.key
        return None

    def _redo_keys(self) -> set[str]:
        case = self._state.case if self._state else None
        if case is None or case.rectification is None:
            return set()
        return set(case.rectification.requirements)


# ----- gallery -----------------------------------------------------------------------------------

THUMB_W, THUMB_H = 148, 111


def placeholder_pixmap(kind: MediaKind, width: int = THUMB_W, height: int = THUMB_H) -> QPixmap:
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("#e4e6ea"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#9aa0a8"))
    font = QFont()
    font.setPixelSize(28)
    painter.setFont(font)
    painter.drawText(QRect(0, 0, width, height), int(Qt.AlignmentFlag.AlignCenter),
                     "▶" if kind is MediaKind.video else "…")
    painter.end()
    return pixmap


def greyed(image: QImage) -> QImage:
    """A superseded item's thumbnail: grey and faded."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8).convertToFormat(QImage.Format.Format_ARGB32)
    faded = QImage(grey.size(), QImage.Format.Format_ARGB32)
    faded.fill(QColor("#f0f0f0"))
    painter = QPainter(faded)
    painter.setOpacity(0.45)
    painter.drawImage(0, 0, grey)
    painter.end()
    return faded


@dataclass(frozen=True, slots=True)
class Tile:
    entry: GalleryEntry
    pixmap: QPixmap
    label: str
    status: CheckStatus
    thumbnail: bool  # the real thumbnail (not the placeholder)
    viewed: bool


class GalleryModel(QAbstractListModel):
    """The evidence tiles in gallery order (see CaseState.gallery); thumbnails arrive later."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._entries: list[GalleryEntry] = []
        self._state: CaseState | None = None
        self._thumbnails: dict[str, QImage] = {}  # sha256 -> image
        self._pixmaps: dict[tuple[str, bool], QPixmap] = {}
        self._placeholders: dict[MediaKind, QPixmap] = {}

    def set_state(self, state: CaseState) -> None:
        self.beginResetModel()
        self._state = state
        self._entries = state.gallery()
        self._pixmaps = {k: v for k, v in self._pixmaps.items() if k[0] in {e.evidence.sha256 for e in self._entries}}
        self.endResetModel()

    def entries(self) -> list[GalleryEntry]:
        return list(self._entries)

    def entry(self, row: int) -> GalleryEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, evidence_id: int) -> int | None:
        return next((i for i, e in enumerate(self._entries) if e.id == evidence_id), None)

    def set_thumbnail(self, sha256: str, image: QImage) -> list[int]:
        """A thumbnail arrived: the rows showing it (several items may share one file)."""
        self._thumbnails[sha256] = image
        for superseded in (False, True):
            self._pixmaps.pop((sha256, superseded), None)
        rows = [i for i, e in enumerate(self._entries) if e.evidence.sha256 == sha256]
        for row in rows:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, THUMBNAIL_ROLE])
        return rows

    def has_thumbnail(self, sha256: str) -> bool:
        return sha256 in self._thumbnails

    def loaded_count(self) -> int:
        return sum(1 for e in self._entries if e.evidence.sha256 in self._thumbnails)

    def viewed_changed(self, evidence_id: int) -> None:
        row = self.row_of(evidence_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [VIEWED_ROLE, Qt.ItemDataRole.DisplayRole])

    def retranslate(self) -> None:
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def _pixmap(self, entry: GalleryEntry) -> QPixmap:
        sha = entry.evidence.sha256
        image = self._thumbnails.get(sha)
        if image is None:
            kind = entry.evidence.kind
            if kind not in self._placeholders:
                self._placeholders[kind] = placeholder_pixmap(kind)
            return self._placeholders[kind]
        key = (sha, entry.superseded)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            shown = greyed(image) if entry.superseded else image
            if shown.width() > THUMB_W or shown.height() > THUMB_H:
                shown = shown.scaled(QSize(THUMB_W, THUMB_H), Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
            pixmap = self._pixmaps[key] = QPixmap.fromImage(shown)
        return pixmap

    def label_of(self, evidence_id: int) -> str:
        """The label of an item's tile, or "#id" for an item not in the gallery."""
        row = self.row_of(evidence_id)
        entry = self.entry(row) if row is not None else None
        return self.label(entry) if entry is not None else f"#{evidence_id}"

    def label(self, entry: GalleryEntry) -> str:
        requirement = entry.requirement
        title = localized(requirement, "title", current_language()) if requirement else entry.evidence.requirement_key
        text = f"{title} {entry.index_in_requirement}"
        if entry.superseded:
            return self.tr("%1 (replaced)").replace("%1", text)
        if entry.replaces is not None:
            return self.tr("%1 (new)").replace("%1", text)
        return text

    def tile(self, row: int) -> Tile | None:
        """Everything the gallery's delegate paints for a row, in one Python call (going through
        data() and QVariant once per role costs more than the painting)."""
        entry = self.entry(row)
        if entry is None:
            return None
        evidence = entry.evidence
        return Tile(entry=entry, pixmap=self._pixmap(entry), label=self.label(entry),
                    status=worst_check(evidence), thumbnail=evidence.sha256 in self._thumbnails,
                    viewed=self._state is not None and evidence.id in self._state.viewed)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not _valid(index, len(self._entries), 1):
            return None
        entry = self._entries[index.row()]
        evidence = entry.evidence
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(entry)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmap(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.label(entry), f"#{evidence.id} · {kind_name(evidence.kind)}",
                     self.tr("Received %1").replace("%1", format_local_time(evidence.received_at, current_language()))]
            if entry.superseded:
                lines.append(self.tr("Replaced by #%1").replace("%1", str(evidence.superseded_by)))
            if entry.replaces is not None:
                lines.append(self.tr("Replaces #%1").replace("%1", str(entry.replaces)))
            if self._state is not None and evidence.id in self._state.viewed:
                lines.append(self.tr("You have opened it"))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and entry.superseded:
            return QBrush(QColor("#8a8f98"))
        if role == EVIDENCE_ID_ROLE:
            return evidence.id
        if role == ENTRY_ROLE:
            return entry
        if role == VIEWED_ROLE:
            return self._state is not None and evidence.id in self._state.viewed
        if role == SUPERSEDED_ROLE:
            return entry.superseded
        if role == THUMBNAIL_ROLE:
            return self._thumbnails.get(evidence.sha256)
        if role == STATUS_ROLE:
            return worst_check(evidence).value
        return None


# ----- the officer's results per requirement -------------------------------------------------------


class ResultsModel(QAbstractTableModel):
    """The opinion form's table: per requirement pass/fail, a note, and whether to redo it."""

    class Column(IntEnum):
        requirement = 0
        result = 1
        note = 2
        redo = 3

    RESULTS = ("", "pass", "fail")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._requirements: list[Requirement] = []
        self._results: dict[str, str] = {}
        self._notes: dict[str, str] = {}
        self._redo: set[str] = set()
        self._editable = True

    def set_requirements(self, requirements: list[Requirement]) -> None:
        self.beginResetModel()
        keys = {r.key for r in requirements}
        self._requirements = list(requirements)
        self._results = {k: v for k, v in self._results.items() if k in keys}
        self._notes = {k: v for k, v in self._notes.items() if k in keys}
        self._redo &= keys
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def clear(self) -> None:
        self.beginResetModel()
        self._results.clear()
        self._notes.clear()
        self._redo.clear()
        self.endResetModel()

    def load(self, results: list[RequirementResult], redo: list[str]) -> None:
        self.beginResetModel()
        self._results = {r.key: r.result for r in results}
        self._notes = {r.key: r.note for r in results if r.note}
        self._redo = set(redo)
        self.endResetModel()

    def results(self) -> list[RequirementResult]:
        return [RequirementResult(key=r.key, result=self._results[r.key], note=self._notes.get(r.key, ""))
                for r in self._requirements if self._results.get(r.key) in ("pass", "fail")]

    def redo_keys(self) -> list[str]:
        return [r.key for r in self._requirements if r.key in self._redo]

    def set_result(self, key: str, result: str, note: str | None = None) -> None:
        row = next(i for i, r in enumerate(self._requirements) if r.key == key)
        self.setData(self.index(row, self.Column.result), result)
        if note is not None:
            self.setData(self.index(row, self.Column.note), note)

    def set_redo(self, key: str, redo: bool) -> None:
        row = next(i for i, r in enumerate(self._requirements) if r.key == key)
        state = Qt.CheckState.Checked if redo else Qt.CheckState.Unchecked
        self.setData(self.index(row, self.Column.redo), state, Qt.ItemDataRole.CheckStateRole)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.Column) - 1)
        if self._requirements:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._requirements) - 1, len(self.Column) - 1))

    def result_name(self, result: str) -> str:
        return {"pass": self.tr("Pass"), "fail": self.tr("Fail")}.get(result, "—")

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._requirements)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {0: self.tr("Requirement"), 1: self.tr("Result"), 2: self.tr("Note"), 3: self.tr("Redo")}.get(section)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if not self._editable:
            return flags
        column = self.Column(index.column())
        if column in (self.Column.result, self.Column.note):
            flags |= Qt.ItemFlag.ItemIsEditable
        if column == self.Column.redo:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not _valid(index, len(self._requirements), len(self.Column)):
            return None
        requirement = self._requirements[index.row()]
        column = self.Column(index.column())
        result = self._results.get(requirement.key, "")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.Column.requirement:
                return localized(requirement, "title", current_language())
            if column == self.Column.result:
                return result if role == Qt.ItemDataRole.EditRole else self.result_name(result)
            if column == self.Column.note:
                return self._notes.get(requirement.key, "")
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.Column.redo:
            return Qt.CheckState.Checked if requirement.key in self._redo else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and column == self.Column.result and result:
            return QBrush(CHECK_COLOURS[CheckStatus.pass_ if result == "pass" else CheckStatus.fail])
        if role == KEY_ROLE:
            return requirement.key
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not _valid(index, len(self._requirements), len(self.Column)):
            return False
        key = self._requirements[index.row()].key
        column = self.Column(index.column())
        if column == self.Column.result and role == Qt.ItemDataRole.EditRole:
            value = str(value or "")
            if value not in self.RESULTS:
                return False
            self._results[key] = value
            if value == "fail":  # a failed requirement is usually one to redo
                self._redo.add(key)
                redo_index = self.index(index.row(), self.Column.redo)
                self.dataChanged.emit(redo_index, redo_index, [Qt.ItemDataRole.CheckStateRole])
        elif column == self.Column.note and role == Qt.ItemDataRole.EditRole:
            self._notes[key] = str(value or "")[:2000]
        elif column == self.Column.redo and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            (self._redo.add if checked else self._redo.discard)(key)
        else:
            return False
        self.dataChanged.emit(index, index)
        return True


# ----- history -----------------------------------------------------------------------------------

def action_name(action: str) -> str:
    names = {
        "case.created": QCoreApplication.translate("History", "Case created"),
        "case.updated": QCoreApplication.translate("History", "Case edited"),
        "case.submit": QCoreApplication.translate("History", "Submitted"),
        "case.start_review": QCoreApplication.translate("History", "Review started"),
        "case.request_rectification": QCoreApplication.translate("History", "Rectification requested"),
        "case.approve": QCoreApplication.translate("History", "Approved"),
        "case.reject": QCoreApplication.translate("History", "Rejected"),
        "case.withdraw": QCoreApplication.translate("History", "Withdrawn"),
        "case.assigned": QCoreApplication.translate("History", "Officer assigned"),
        "case.unassigned": QCoreApplication.translate("History", "Officer removed"),
        "evidence.added": QCoreApplication.translate("History", "Evidence uploaded"),
        "evidence.replaced": QCoreApplication.translate("History", "Evidence replaced"),
        "evidence.viewed": QCoreApplication.translate("History", "Evidence opened"),
        "annotation.created": QCoreApplication.translate("History", "Annotation drawn"),
        "annotation.updated": QCoreApplication.translate("History", "Annotation changed"),
        "annotation.deleted": QCoreApplication.translate("History", "Annotation deleted"),
        "comment.added": QCoreApplication.translate("History", "Comment"),
        "opinion.signed": QCoreApplication.translate("History", "Opinion signed"),
        "opinion.changed": QCoreApplication.translate("History", "Opinion changed"),
        "rating.created": QCoreApplication.translate("History", "Rated by the applicant"),
        "archive.exported": QCoreApplication.translate("History", "Archive exported"),
    }
    return names.get(action, action)


def event_summary(event: AuditEventOut) -> str:
    """A short line of the details that matter to a reader."""
    d = event.details
    parts = []
    if "verdict" in d:
        parts.append(verdict_name(str(d["verdict"])))
    if "requirement_key" in d:
        parts.append(str(d["requirement_key"]))
    if "duration_ms" in d and isinstance(d["duration_ms"], int):
        parts.append(QCoreApplication.translate("History", "%1 s").replace("%1", f"{d['duration_ms'] / 1000:.1f}"))
    if event.object_type in ("evidence", "annotation") and event.object_id:
        parts.append(f"#{event.object_id}")
    if d.get("reasons"):
        parts.append(str(d["reasons"])[:80])
    return " · ".join(parts)


class HistoryModel(QAbstractTableModel):
    """The case's audit events, oldest first: when, who, what."""

    class Column(IntEnum):
        time = 0
        actor = 1
        action = 2
        details = 3

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._events: list[AuditEventOut] = []

    def set_events(self, events: list[AuditEventOut]) -> None:
        self.beginResetModel()
        self._events = sorted(events, key=lambda e: e.seq)
        self.endResetModel()

    def audit_event(self, row: int) -> AuditEventOut | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def actions(self) -> list[str]:
        return [e.action for e in self._events]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.Column) - 1)
        if self._events:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._events) - 1, len(self.Column) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {0: self.tr("Time"), 1: self.tr("Who"), 2: self.tr("What"), 3: self.tr("Details")}.get(section)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not _valid(index, len(self._events), len(self.Column)):
            return None
        event = self._events[index.row()]
        column = self.Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.Column.time:
                return format_local_time(event.at, current_language(), seconds=True)
            if column == self.Column.actor:
                return event.actor_name or self.tr("(system)")
            if column == self.Column.action:
                return action_name(event.action)
            return event_summary(event)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{event.action} · seq {event.seq}"
        if role == Qt.ItemDataRole.ForegroundRole and column == self.Column.action:
            if event.action in ("case.approve",):
                return QBrush(CHECK_COLOURS[CheckStatus.pass_])
            if event.action in ("case.reject", "case.request_rectification"):
                return QBrush(CHECK_COLOURS[CheckStatus.fail])
        return None
