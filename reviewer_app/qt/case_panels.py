"""The panels of the case window: the checklist, an evidence item's metadata and checks, the comment
thread, the opinion form, and the case history. They show what they are given and emit what the
officer asks for; the case session does the talking to the server."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QModelIndex, QPersistentModelIndex, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.api import ApiError
from reviewer_app.core.format import format_coordinates, format_local_time
from reviewer_app.core.i18n import Language, localized
from reviewer_app.core.state import CaseState, GalleryEntry, comment_tree
from reviewer_app.qt.case_models import CHECK_COLOURS, ChecklistModel, HistoryModel, ResultsModel, kind_name
from reviewer_app.qt.errors import describe_error, status_name, verdict_name
from reviewer_app.qt.i18n import Retranslating, current_language
from shared.discussion import CommentIn, CommentOut, CommentVisibility
from shared.enums import CheckStatus, Verdict
from shared.format import format_distance, format_duration
from shared.geo import haversine_m
from shared.models import EvidenceOut, OpinionIn, OpinionOut, OpinionUpdate, Requirement, UserOut

CHECKLIST_MAX_PX = 280

# ----- the checklist -----------------------------------------------------------------------------


class ChecklistView(QTableView):
    """The case's requirements, one row each, as tall as its rows up to CHECKLIST_MAX_PX (a long
    checklist scrolls); the gallery below gets the rest of the column."""

    def __init__(self, model: ChecklistModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def fit_rows(self) -> None:
        header = self.horizontalHeader().sizeHint().height()
        rows = self.model().rowCount()
        height = header + 2 * self.frameWidth() + 4 + rows * self.verticalHeader().defaultSectionSize()
        height = min(height, CHECKLIST_MAX_PX)
        self.setMinimumHeight(min(height, 120))
        self.setMaximumHeight(height)


# ----- metadata and checks -------------------------------------------------------------------------


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class DetailsPanel(QTextBrowser):
    """Capture time, receipt time, device, software, pixel size, GPS, distance to the site, and
    each automatic check with its sentence in the UI language and its colour."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self._evidence: EvidenceOut | None = None
        self._entry: GalleryEntry | None = None
        self._state: CaseState | None = None
        self.show_evidence(None, None, None)

    def show_evidence(self, evidence: EvidenceOut | None, entry: GalleryEntry | None, state: CaseState | None) -> None:
        self._evidence, self._entry, self._state = evidence, entry, state
        self.setHtml(self._html())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setHtml(self._html())
        super().changeEvent(event)

    def check_lines(self) -> list[str]:
        """The checks as shown (for tests): "status: sentence"."""
        if self._evidence is None:
            return []
        zh = current_language() is Language.zh_CN
        return [f"{c.status.value}: {(c.message_zh if zh else c.message_en) or c.message_en or c.message_zh}"
                for c in self._evidence.checks]

    def _html(self) -> str:
        e = self._evidence
        if e is None:
            hint = self.tr("Select an evidence item to see its details.")
            return f"<p style='color:#777'>{html.escape(hint)}</p>"
        language = current_language()
        zh = language is Language.zh_CN
        m = e.metadata
        rows: list[tuple[str, str]] = []

        def row(label: str, value: str | None) -> None:
            if value:
                rows.append((label, value))

        requirement = self._entry.requirement if self._entry else None
        title = localized(requirement, "title", language) if requirement else e.requirement_key
        row(self.tr("Requirement"), f"{title} · {kind_name(e.kind)} · #{e.id}")
        if e.round:
            row(self.tr("Round"), str(e.round + 1))
        if m.captured_at:
            captured = format_local_time(m.captured_at, language, seconds=True)
        elif m.captured_at_local:
            captured = m.captured_at_local.replace("T", " ") + (f" ({m.offset})" if m.offset else "")
        else:
            captured = self.tr("unknown")
        row(self.tr("Captured"), captured)
        row(self.tr("Received by the server"), format_local_time(e.received_at, language, seconds=True))
        if e.client is not None and e.client.captured_at is not None:
            row(self.tr("Phone clock at capture"), format_local_time(e.client.captured_at, language, seconds=True))
        device = " ".join(x for x in (m.make, m.model) if x)
        row(self.tr("Device"), device or self.tr("unknown"))
        software = m.software or m.creator_tool
        row(self.tr("Software"), software or "—")
        if m.width and m.height:
            pixels = f"{m.width} × {m.height}"
            if e.width and e.height and (e.width, e.height) != (m.width, m.height):
                pixels += " " + self.tr("(shown %1 × %2)").replace("%1", str(e.width)).replace("%2", str(e.height))
            row(self.tr("Pixel size"), pixels)
        elif e.width and e.height:
            row(self.tr("Pixel size"), f"{e.width} × {e.height}")
        if m.duration_s is not None:
            row(self.tr("Duration"), format_duration(m.duration_s, language))
        if m.frame_rate:
            row(self.tr("Frame rate"), f"{m.frame_rate:.2f} fps")
        if m.video_codec:
            row(self.tr("Codec"), m.video_codec)
        site = self._state.case.site if self._state and self._state.case else None
        if m.gps_lat is not None and m.gps_lon is not None:
            text = format_coordinates(m.gps_lat, m.gps_lon, language)
            if m.gps_alt is not None:
                text += " · " + self.tr("altitude %1 m").replace("%1", f"{m.gps_alt:.0f}")
            if site is not None:
                distance = format_distance(haversine_m(site.lat, site.lon, m.gps_lat, m.gps_lon), language)
                text += " · " + self.tr("%1 from the site").replace("%1", distance)
            row(self.tr("GPS in the file"), text)
        else:
            row(self.tr("GPS in the file"), self.tr("none"))
        if e.client is not None and e.client.lat is not None and e.client.lon is not None:
            text = format_coordinates(e.client.lat, e.client.lon, language)
            if e.client.accuracy_m is not None:
                text += " ± " + format_distance(e.client.accuracy_m, language)
            row(self.tr("Phone position"), text)
        row(self.tr("File"), f"{e.mime} · {_size_text(e.size)} · SHA-256 {e.sha256[:16]}…")
        row(self.tr("Uploaded by"), e.uploaded_by.display_name)
        if e.superseded_by is not None:
            when = format_local_time(e.superseded_at, language) if e.superseded_at else ""
            row(self.tr("Replaced"), self.tr("by #%1 %2").replace("%1", str(e.superseded_by)).replace("%2", when))
        if self._entry is not None and self._entry.replaces is not None:
            row(self.tr("Replaces"), f"#{self._entry.replaces}")
        table = "".join(
            f"<tr><td style='color:#555;padding:2px 10px 2px 0;white-space:nowrap' valign='top'>"
            f"{html.escape(label)}</td><td style='padding:2px 0'>{html.escape(value)}</td></tr>"
            for label, value in rows)
        checks = []
        names = {CheckStatus.pass_: self.tr("Pass"), CheckStatus.warn: self.tr("Warning"),
                 CheckStatus.fail: self.tr("Fail"), CheckStatus.unknown: self.tr("Unknown")}
        for check in e.checks:
            colour = CHECK_COLOURS.get(check.status, CHECK_COLOURS[CheckStatus.unknown]).name()
            sentence = (check.message_zh if zh else check.message_en) or check.message_en or check.message_zh
            checks.append(
                f"<tr><td valign='top' style='padding:3px 8px 3px 0;white-space:nowrap'>"
                f"<span style='color:{colour};font-size:16px'>●</span> "
                f"<b style='color:{colour}'>{html.escape(names.get(check.status, check.status.value))}</b></td>"
                f"<td style='padding:3px 0'>{html.escape(sentence)}</td></tr>")
        no_checks = self.tr("No automatic checks.")
        metadata_title = self.tr("Metadata")
        checks_title = self.tr("Automatic checks")
        checks_html = "".join(checks) or f"<tr><td>{html.escape(no_checks)}</td></tr>"
        return (f"<h3 style='margin:0 0 6px 0'>{html.escape(metadata_title)}</h3><table>{table}</table>"
                f"<h3 style='margin:12px 0 6px 0'>{html.escape(checks_title)}</h3>"
                f"<table>{checks_html}</table>")


# ----- comments ----------------------------------------------------------------------------------


class CommentsPanel(Retranslating, QWidget):
    """The thread (oldest first, replies under their comment) and a box to write one."""

    postRequested = Signal(object)  # CommentIn

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.thread = QTextBrowser(self)
        self.thread.setOpenLinks(False)
        self.thread.anchorClicked.connect(self._on_anchor)
        self.replying_label = QLabel(self)
        self.replying_label.setTextFormat(Qt.TextFormat.RichText)
        self.replying_label.linkActivated.connect(lambda _link: self.set_reply_to(None))
        self.editor = QPlainTextEdit(self)
        self.editor.setMaximumHeight(90)
        self.visibility = QComboBox(self)
        self.about_evidence = QCheckBox(self)
        self.post_button = QPushButton(self)
        self.post_button.clicked.connect(self.submit)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.visibility)
        row.addWidget(self.about_evidence, 1)
        row.addWidget(self.post_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.thread, 1)
        layout.addWidget(self.replying_label)
        layout.addWidget(self.editor)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self._comments: list[CommentOut] = []
        self._reply_to: CommentOut | None = None
        self._evidence_id: int | None = None
        self._evidence_label = ""
        self._can_post = True
        self.retranslate()

    def retranslate(self) -> None:
        current = self.visibility.currentData()
        self.visibility.clear()
        self.visibility.addItem(self.tr("Internal (officers only)"), CommentVisibility.internal.value)
        self.visibility.addItem(self.tr("Visible to the applicant"), CommentVisibility.applicant.value)
        if current:
            self.visibility.setCurrentIndex(max(0, self.visibility.findData(current)))
        self.post_button.setText(self.tr("Post"))
        self.editor.setPlaceholderText(self.tr("Write a comment…"))
        self._update_about()
        self._update_reply_label()
        self._render()

    def follow_case(self, *, auditor: bool) -> None:
        """Officers write comments; auditors read them."""
        self.set_can_post(not auditor, self.tr("Auditors read the comments; they do not write.") if auditor else "")

    def set_can_post(self, can_post: bool, reason: str = "") -> None:
        self._can_post = can_post
        for widget in (self.editor, self.visibility, self.about_evidence, self.post_button):
            widget.setEnabled(can_post)
        self.note.setText(reason)
        self.note.setVisible(bool(reason))

    def set_current_evidence(self, evidence_id: int | None, label: str) -> None:
        self._evidence_id = evidence_id
        self._evidence_label = label
        self._update_about()

    def _update_about(self) -> None:
        self.about_evidence.setVisible(self._evidence_id is not None)
        self.about_evidence.setText(self.tr("About %1").replace("%1", self._evidence_label))

    def set_comments(self, comments: list[CommentOut]) -> None:
        self._comments = list(comments)
        self._render()

    def comments(self) -> list[CommentOut]:
        return list(self._comments)

    def _render(self) -> None:
        language = current_language()
        parts = []
        reply_text = self.tr("Reply")
        for comment, depth in comment_tree(self._comments):
            applicant = comment.visibility is CommentVisibility.applicant
            tag = self.tr("visible to the applicant") if applicant else self.tr("internal")
            colour = "#a15c00" if applicant else "#555"
            about = f" · #{comment.evidence_id}" if comment.evidence_id else ""
            when = format_local_time(comment.created_at, language) if comment.created_at else ""
            body = html.escape(comment.body).replace("\n", "<br>")
            reply = f" · <a href='reply:{comment.id}'>{html.escape(reply_text)}</a>" if self._can_post else ""
            parts.append(
                f"<div style='margin:0 0 10px {depth * 22}px'><b>{html.escape(comment.author.display_name)}</b> "
                f"<span style='color:#777'>{html.escape(when)}{about}</span> "
                f"<span style='color:{colour}'>[{html.escape(tag)}]</span>{reply}<br>{body}</div>")
        if not parts:
            empty = self.tr("No comments yet.")
            parts.append(f"<p style='color:#777'>{html.escape(empty)}</p>")
        self.thread.setHtml("".join(parts))

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("reply:"):
            comment = next((c for c in self._comments if str(c.id) == text[6:]), None)
            self.set_reply_to(comment)

    def set_reply_to(self, comment: CommentOut | None) -> None:
        self._reply_to = comment
        if comment is not None:
            index = self.visibility.findData(comment.visibility.value)
            if index >= 0:
                self.visibility.setCurrentIndex(index)
            self.editor.setFocus()
        self._update_reply_label()

    def _update_reply_label(self) -> None:
        comment = self._reply_to
        self.replying_label.setVisible(comment is not None)
        if comment is not None:
            cancel = self.tr("Cancel")
            self.replying_label.setText(
                html.escape(self.tr("Replying to %1").replace("%1", comment.author.display_name))
                + f" · <a href='cancel'>{html.escape(cancel)}</a>")

    def submit(self) -> None:
        body = self.editor.toPlainText().strip()
        if not body or not self._can_post:
            return
        visibility = CommentVisibility(self.visibility.currentData())
        evidence_id = self._evidence_id if self.about_evidence.isChecked() else None
        self.postRequested.emit(CommentIn(body=body[:5000], visibility=visibility, evidence_id=evidence_id,
                                          parent_id=self._reply_to.id if self._reply_to else None))

    def posted(self) -> None:
        """The server took the comment: clear the box."""
        self.editor.clear()
        self.set_reply_to(None)


# ----- opinion -----------------------------------------------------------------------------------


class ResultDelegate(QStyledItemDelegate):
    """A combo box (—, Pass, Fail) to edit the result column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        model = index.model()
        for value in ResultsModel.RESULTS:
            combo.addItem(model.result_name(value) if isinstance(model, ResultsModel) else value, value)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        editor.setCurrentIndex(max(0, editor.findData(value)))

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def default_deadline(today: date | None = None) -> date:
    """Two weeks from today, a weekday."""
    day = (today or date.today()) + timedelta(days=14)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


class OpinionPanel(Retranslating, QWidget):
    """This round's opinions, and the form to sign (or change) mine."""

    signRequested = Signal(object)  # OpinionIn
    changeRequested = Signal(int, object)  # opinion id, OpinionUpdate
    evidenceLinkActivated = Signal(int)  # an unopened item named in a refusal
    claimRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.round_label = QLabel(self)
        self.round_label.setWordWrap(True)
        self.round_label.setTextFormat(Qt.TextFormat.RichText)
        self.round_label.linkActivated.connect(self._on_round_link)
        self.results = ResultsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.results)
        self.table.setItemDelegateForColumn(ResultsModel.Column.result, ResultDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ResultsModel.Column.requirement, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ResultsModel.Column.result, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ResultsModel.Column.note, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ResultsModel.Column.redo, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        self.verdict_box = QGroupBox(self)
        self.verdict_group = QButtonGroup(self)
        self.verdict_buttons: dict[Verdict, QRadioButton] = {}
        verdict_layout = QHBoxLayout(self.verdict_box)
        for verdict in (Verdict.pass_, Verdict.rectify, Verdict.fail):
            button = QRadioButton(self.verdict_box)
            self.verdict_group.addButton(button)
            verdict_layout.addWidget(button)
            self.verdict_buttons[verdict] = button
            button.toggled.connect(self._update_enabled)
        self.reasons = QPlainTextEdit(self)
        self.reasons.setMaximumHeight(80)
        self.deadline = QDateEdit(self)
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        d = default_deadline()
        self.deadline.setDate(QDate(d.year, d.month, d.day))
        self.form = QFormLayout()
        self.reasons_label = QLabel(self)
        self.deadline_label = QLabel(self)
        self.form.addRow(self.reasons_label, self.reasons)
        self.form.addRow(self.deadline_label, self.deadline)
        self.sign_button = QPushButton(self)
        self.sign_button.clicked.connect(self.submit)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.linkActivated.connect(self._on_message_link)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.round_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.verdict_box)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_button)
        self._mine: OpinionOut | None = None
        self._others: list[OpinionOut] = []
        self._editable = True
        self._busy = False
        self._read_only_reason = ""
        self.retranslate()
        self._update_enabled()

    # ----- texts -----

    def retranslate(self) -> None:
        self.verdict_box.setTitle(self.tr("Verdict"))
        for verdict, button in self.verdict_buttons.items():
            button.setText(verdict_name(verdict.value))
        self.reasons_label.setText(self.tr("Reasons"))
        self.deadline_label.setText(self.tr("Rectify by"))
        self.reasons.setPlaceholderText(self.tr("What is wrong, and what the applicant must do"))
        self.results.retranslate()
        self._update_sign_text()
        self._render_round()

    def _update_sign_text(self) -> None:
        if self._busy:
            text = self.tr("Signing…")
        elif self._mine is not None:
            text = self.tr("Change my opinion (Ctrl+Enter)")
        else:
            text = self.tr("Sign opinion (Ctrl+Enter)")
        self.sign_button.setText(text)

    # ----- content -----

    def set_requirements(self, requirements: list[Requirement]) -> None:
        self.results.set_requirements(requirements)

    def set_earlier(self, opinions: list[OpinionOut], current_round: int) -> None:
        """The opinions of earlier rounds (before each rectification), shown under this round's."""
        self._earlier = sorted((o for o in opinions if o.round < current_round), key=lambda o: (o.round, o.id))
        self._render_round()

    def other_opinions(self) -> list[OpinionOut]:
        """This round's opinions of the other officers."""
        return list(self._others)

    def set_round(self, opinions: list[OpinionOut], mine: OpinionOut | None, required: int) -> None:
        """This round's opinions; mine fills the form (to change it)."""
        changed = (mine.id, mine.version) if mine else None
        before = (self._mine.id, self._mine.version) if self._mine else None
        self._mine = mine
        self._others = [o for o in opinions if mine is None or o.id != mine.id]
        self._required = required
        if mine is not None and changed != before:
            self.fill(mine)
        self._update_sign_text()
        self._render_round()

    def _render_round(self) -> None:
        opinions = ([self._mine] if self._mine else []) + self._others
        required = getattr(self, "_required", 2)
        lines = [html.escape(self.tr("Signatures this round: %1 of %2").replace("%1", str(len(opinions)))
                             .replace("%2", str(required)))]
        use_it = self.tr("Use as a starting point")
        for o in opinions:
            line = f"<b>{html.escape(o.officer.display_name)}</b>: {html.escape(verdict_name(o.verdict.value))}"
            if o.reasons:
                line += " — " + html.escape(o.reasons[:200])
            if o.rectify_deadline:
                line += " · " + html.escape(self.tr("by %1").replace("%1", o.rectify_deadline.isoformat()))
            if o is not self._mine and self._editable:
                line += f" · <a href='copy:{o.id}'>{html.escape(use_it)}</a>"
            lines.append(line)
        if self._read_only_reason:
            lines.append(f"<i style='color:#777'>{html.escape(self._read_only_reason)}</i>")
        for o in getattr(self, "_earlier", []):
            text = self.tr("Round %1: %2, %3").replace("%1", str(o.round + 1)).replace(
                "%2", o.officer.display_name).replace("%3", verdict_name(o.verdict.value))
            if o.reasons:
                text += " — " + o.reasons[:120]
            lines.append(f"<span style='color:#666'>{html.escape(text)}</span>")
        self.round_label.setText("<br>".join(lines))

    def _on_round_link(self, link: str) -> None:
        if link.startswith("copy:"):
            opinion = next((o for o in self._others if str(o.id) == link[5:]), None)
            if opinion is not None:
                self.fill(opinion)

    def fill(self, opinion: OpinionOut) -> None:
        """Put an opinion in the form (mine to change it, another's to agree with it)."""
        self.verdict_buttons[opinion.verdict].setChecked(True)
        self.reasons.setPlainText(opinion.reasons)
        self.results.load(opinion.requirement_results, opinion.rectify_requirements)
        if opinion.rectify_deadline:
            d = opinion.rectify_deadline
            self.deadline.setDate(QDate(d.year, d.month, d.day))
        self._update_enabled()

    def follow_case(self, state: CaseState, user: UserOut | None, *, auditor: bool) -> None:
        """Whether the officer may sign now, and if not, why: auditors read; a decided case has
        nothing left to sign."""
        status = state.status()
        if auditor:
            self.set_editable(False, self.tr("Auditors read the case; they do not sign."))
        elif status is not None and not state.can_sign(user):
            self.set_editable(False, self.tr("The case is %1: there is nothing to sign.").replace(
                "%1", status_name(status.value)))
        else:
            self.set_editable(state.case is not None)

    def set_editable(self, editable: bool, reason: str = "") -> None:
        self._editable = editable
        self._read_only_reason = reason
        self.results.set_editable(editable)
        self._update_enabled()
        self._render_round()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_enabled()
        self._update_sign_text()

    def verdict(self) -> Verdict | None:
        return next((v for v, b in self.verdict_buttons.items() if b.isChecked()), None)

    def set_verdict(self, verdict: Verdict | str) -> None:
        self.verdict_buttons[Verdict(verdict)].setChecked(True)

    def _update_enabled(self) -> None:
        editable = self._editable and not self._busy
        rectify = self.verdict() is Verdict.rectify
        for widget in (self.verdict_box, self.reasons, self.table):
            widget.setEnabled(editable)
        self.deadline.setEnabled(editable and rectify)
        self.table.setColumnHidden(ResultsModel.Column.redo, not rectify)
        self.sign_button.setEnabled(editable)

    def opinion(self) -> OpinionIn | None:
        verdict = self.verdict()
        if verdict is None:
            return None
        deadline = self.deadline.date().toPython() if verdict is Verdict.rectify else None
        return OpinionIn(verdict=verdict, reasons=self.reasons.toPlainText().strip()[:5000],
                         requirement_results=self.results.results(), rectify_deadline=deadline,
                         rectify_requirements=self.results.redo_keys() if verdict is Verdict.rectify else [])

    def submit(self) -> None:
        """Sign (or change my opinion); checks the form first."""
        if not self._editable or self._busy:
            return
        opinion = self.opinion()
        if opinion is None:
            self.show_problem(self.tr("Choose a verdict: pass, rectify by a deadline, or fail."))
            return
        if opinion.verdict is not Verdict.pass_ and not opinion.reasons:
            self.show_problem(self.tr("Give the reasons (required for rectify and fail)."))
            self.reasons.setFocus()
            return
        if opinion.verdict is Verdict.rectify and not opinion.rectify_requirements:
            self.show_problem(self.tr("Tick the requirements the applicant must redo."))
            return
        self.clear_message()
        if self._mine is not None:
            self.changeRequested.emit(self._mine.id, OpinionUpdate(**{
                f: getattr(opinion, f) for f in opinion.__struct_fields__}, version=self._mine.version))
        else:
            self.signRequested.emit(opinion)

    # ----- messages -----

    def show_problem(self, text: str) -> None:
        self.message.setStyleSheet("color:#b3261e;")
        self.message.setText(html.escape(text))
        self.message.show()

    def show_rich_problem(self, rich_text: str) -> None:
        self.message.setStyleSheet("color:#b3261e;")
        self.message.setText(rich_text)
        self.message.show()

    def show_refusal(self, exc: BaseException, label_of: Callable[[int], str], *, server_url: str = "") -> None:
        """Why the server refused the opinion: the items not opened yet as links to them (labelled by
        `label_of`), a link to claim the case, or the error as a sentence."""
        if isinstance(exc, ApiError) and exc.code == "unviewed_evidence":
            links = []
            for item in exc.detail.get("unviewed", []):
                evidence_id = item.get("evidence_id")
                label = label_of(evidence_id)
                links.append(f"<a href='evidence:{evidence_id}'>{html.escape(label)} (#{evidence_id})</a>")
            self.show_rich_problem(html.escape(describe_error(exc)) + "<br>" + html.escape(self.tr("Not opened yet:"))
                                   + " " + ", ".join(links))
        elif isinstance(exc, ApiError) and exc.code == "not_assigned":
            claim_now = self.tr("Claim the case now")
            self.show_rich_problem(html.escape(describe_error(exc)) + f" <a href='claim'>{html.escape(claim_now)}</a>")
        else:
            self.show_problem(describe_error(exc, server_url=server_url))

    def show_success(self, text: str) -> None:
        self.message.setStyleSheet("color:#1c6b34;")
        self.message.setText(html.escape(text))
        self.message.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    def _on_message_link(self, link: str) -> None:
        if link.startswith("evidence:"):
            self.evidenceLinkActivated.emit(int(link[9:]))
        elif link == "claim":
            self.claimRequested.emit()


# ----- history -----------------------------------------------------------------------------------


class HistoryPanel(QTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.history = HistoryModel(self)
        self.setModel(self.history)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(HistoryModel.Column.time, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryModel.Column.actor, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryModel.Column.action, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryModel.Column.details, QHeaderView.ResizeMode.Stretch)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.history.retranslate()
        super().changeEvent(event)
