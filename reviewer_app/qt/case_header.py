"""The two lines of the case window that say where the officer is: the header above everything (the
case, its status, who reviews it and how far) and the caption under the viewer (which item, whether
it was opened, where it stands in the list)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from reviewer_app.core.format import format_local_date
from reviewer_app.core.i18n import localized
from reviewer_app.core.state import CaseState, GalleryEntry
from reviewer_app.qt.case_models import kind_name
from reviewer_app.qt.errors import status_name
from reviewer_app.qt.i18n import current_language


class CaseHeader(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_case(self, state: CaseState, *, auditor: bool) -> None:
        case = state.case
        if case is None:
            self.setText(html.escape(self.tr("Loading case…")))
            return
        language = current_language()
        status = state.status()
        chip = html.escape(status_name(status.value)) if status else ""
        parts = [f"<b style='font-size:15px'>{html.escape(case.reference)}</b> "
                 f"<span style='font-size:15px'>{html.escape(case.title)}</span>",
                 f"<span style='background:#dbe7fb;color:#1c3f8a'>&nbsp;{chip}&nbsp;</span>" if chip else ""]
        line2 = [localized(case.item_type, "name", language),
                 self.tr("Applicant: %1").replace("%1", case.applicant.display_name),
                 self.tr("Site: %1").replace("%1", case.site.name)]
        if case.due_date:
            line2.append(self.tr("Due %1").replace("%1", format_local_date(case.due_date, language)))
        if case.round:
            line2.append(self.tr("Round %1").replace("%1", str(case.round + 1)))  # review rounds count from 1
        line2.append(self.tr("Challenge code %1").replace("%1", case.challenge_code))
        review = state.review
        if review is not None:
            officers = ", ".join(p.display_name for p in review.assignees) or self.tr("none yet")
            line2.append(self.tr("Officers: %1").replace("%1", officers))
            line2.append(self.tr("Signed %1 of %2").replace("%1", str(len(review.opinions)))
                         .replace("%2", str(review.required_signoffs)))
            if review.disputed:
                differ = self.tr("Opinions differ")
                line2.append(f"<b style='color:#b3261e'>{html.escape(differ)}</b>")
        if auditor:
            read_only = self.tr("Read-only (auditor)")
            line2.append(f"<i>{html.escape(read_only)}</i>")
        rest = " · ".join(p if p.startswith("<") else html.escape(p) for p in line2)
        self.setText(" ".join(p for p in parts if p) + "<br>" + rest)


class EvidenceCaption(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)

    def show_entry(self, entry: GalleryEntry | None, label: str, state: CaseState) -> None:
        if entry is None:
            self.setText("")
            return
        e = entry.evidence
        text = [html.escape(label), f"#{e.id}", html.escape(kind_name(e.kind))]
        if e.id in state.viewed:
            text.append(html.escape(self.tr("opened")))
        ids = state.evidence_ids()
        position = ids.index(e.id) + 1 if e.id in ids else 0
        text.append(self.tr("%1 of %2").replace("%1", str(position)).replace("%2", str(len(state.evidence))))
        self.setText(" · ".join(text))
