"""The case window's "Live survey" tab: where the booking of the video survey stands (the times
offered, the applicant's pick or request for other times, a cancellation), and, for an officer
who holds the case, the times to offer (or to reschedule to) and cancelling with a reason. It
shows what it is given and emits what the officer asks for; the case session talks to the server,
which checks the times against the working-day calendar and working hours."""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.format import DEFAULT_TIMEZONE, format_local_time, format_slot, local_zone
from reviewer_app.qt.i18n import Retranslating, current_language
from shared.enums import Role
from shared.live import LiveCancelIn, LiveOfferIn, LiveRescheduleIn, LiveSessionList, LiveSessionOut, LiveState

SLOT_ROLE = Qt.ItemDataRole.UserRole


class LivePanel(Retranslating, QWidget):
    offerRequested = Signal(object)  # LiveOfferIn
    rescheduleRequested = Signal(int, object)  # session id, LiveRescheduleIn
    cancelRequested = Signal(int, object)  # session id, LiveCancelIn

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.times_box = QGroupBox(self)
        self.slot_edit = QDateTimeEdit(self.times_box)
        self.slot_edit.setCalendarPopup(True)
        self.slot_edit.setDisplayFormat("yyyy-MM-dd ddd HH:mm")
        self.add_button = QPushButton(self.times_box)
        self.add_button.clicked.connect(self.add_time)
        self.times = QListWidget(self.times_box)
        self.times.setMaximumHeight(120)
        self.remove_button = QPushButton(self.times_box)
        self.remove_button.clicked.connect(self.remove_time)
        self.length = QSpinBox(self.times_box)
        self.length.setRange(10, 240)
        self.length.setSingleStep(5)
        self.note = QLineEdit(self.times_box)
        self.note.setMaxLength(1000)
        self.reason = QLineEdit(self.times_box)
        self.reason.setMaxLength(1000)
        self.reason.textChanged.connect(self._update_buttons)
        self.offer_button = QPushButton(self.times_box)
        self.offer_button.clicked.connect(self.submit_times)
        self.hours_hint = QLabel(self.times_box)
        self.hours_hint.setWordWrap(True)
        add_row = QHBoxLayout()
        add_row.addWidget(self.slot_edit, 1)
        add_row.addWidget(self.add_button)
        list_row = QHBoxLayout()
        list_row.addWidget(self.times, 1)
        list_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        self.length_label, self.note_label, self.reason_label = (QLabel(self.times_box) for _ in range(3))
        self.form = QFormLayout()
        self.form.addRow(self.length_label, self.length)
        self.form.addRow(self.note_label, self.note)
        self.form.addRow(self.reason_label, self.reason)
        box_layout = QVBoxLayout(self.times_box)
        box_layout.addLayout(add_row)
        box_layout.addLayout(list_row)
        box_layout.addLayout(self.form)
        box_layout.addWidget(self.hours_hint)
        box_layout.addWidget(self.offer_button)

        self.cancel_box = QGroupBox(self)
        self.cancel_reason = QLineEdit(self.cancel_box)
        self.cancel_reason.setMaxLength(1000)
        self.cancel_reason.textChanged.connect(self._update_buttons)
        self.cancel_button = QPushButton(self.cancel_box)
        self.cancel_button.clicked.connect(self.submit_cancel)
        cancel_layout = QHBoxLayout(self.cancel_box)
        cancel_layout.addWidget(self.cancel_reason, 1)
        cancel_layout.addWidget(self.cancel_button)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.times_box)
        layout.addWidget(self.cancel_box)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self._live: LiveSessionList | None = None
        self._can_arrange = False
        self._busy = False
        self._default_length_set = False
        self.slot_edit.setDateTime(self._tomorrow_morning())
        self.retranslate()

    # ----- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add time"))
        self.remove_button.setText(self.tr("Remove"))
        self.length.setSuffix(self.tr(" min"))
        self.length_label.setText(self.tr("Length"))
        self.note_label.setText(self.tr("Note for the applicant"))
        self.reason_label.setText(self.tr("Reason for the new times"))
        self.cancel_box.setTitle(self.tr("Cancel the live survey"))
        self.cancel_reason.setPlaceholderText(self.tr("Reason (the applicant reads it)"))
        self.cancel_button.setText(self.tr("Cancel it"))
        self._render()

    # ----- what it shows ------------------------------------------------------------------------

    def show_sessions(self, live: LiveSessionList | None, *, can_arrange: bool) -> None:
        self._live = live
        self._can_arrange = can_arrange
        if live is not None and not self._default_length_set:
            self.length.setValue(live.default_slot_minutes)
            self._default_length_set = True
        self._render()

    def set_can_arrange(self, can_arrange: bool) -> None:
        self._can_arrange = can_arrange
        self._render()

    def current(self) -> LiveSessionOut | None:
        """The session being arranged (offered or booked), if any."""
        items = self._live.items if self._live else []
        return items[0] if items and items[0].state in (LiveState.offered, LiveState.booked) else None

    def set_busy(self, busy: bool) -> None:
        """A request is on its way: nothing is sent twice."""
        self._busy = busy
        self._update_buttons()

    def done(self) -> None:
        """The server took what was sent: the form starts again."""
        self.times.clear()
        self.note.clear()
        self.reason.clear()
        self.cancel_reason.clear()
        self.message.clear()
        self.set_busy(False)

    def failed(self, text: str) -> None:
        self.message.setText(text)
        self.set_busy(False)

    def _zone(self) -> str:
        return self._live.timezone if self._live else DEFAULT_TIMEZONE

    def _render(self) -> None:
        language = current_language()
        zone = self._zone()
        session = self.current()
        latest = self._live.items[0] if self._live and self._live.items else None
        self.summary.setText(self._summary_html(latest, language, zone))
        rescheduling = session is not None
        self.times_box.setTitle(self.tr("New times (reschedule)") if rescheduling else self.tr("Offer times"))
        self.offer_button.setText(self.tr("Reschedule to these times") if rescheduling else
                                  self.tr("Offer these times"))
        # A new offer carries a note for the applicant; a reschedule, the reason for it.
        self.reason.setVisible(rescheduling)
        self.reason_label.setVisible(rescheduling)
        self.note.setVisible(not rescheduling)
        self.note_label.setVisible(not rescheduling)
        hours = ", ".join(self._live.working_hours) if self._live else ""
        self.hours_hint.setText(self.tr("Working days only, within %1 (%2); up to %3 times at once.")
                                .replace("%1", hours or "—").replace("%2", zone)
                                .replace("%3", str(self._live.max_slots_per_offer if self._live else 5)))
        self.times_box.setVisible(self._can_arrange)
        self.cancel_box.setVisible(self._can_arrange and session is not None)
        self._update_buttons()

    def _summary_html(self, session: LiveSessionOut | None, language, zone: str) -> str:
        if session is None:
            return html.escape(self.tr("No live survey has been arranged for this case."))
        def slot(s) -> str:
            return html.escape(format_slot(s.starts_at, s.ends_at, language, zone=zone))

        lines: list[str] = []
        if session.state == LiveState.booked and session.booked is not None:
            booked = self.tr("Booked by the applicant:")
            lines.append(f"<b>{html.escape(booked)}</b> {slot(session.booked)}")
        elif session.state == LiveState.offered:
            open_slots = [s for s in session.slots if s.status == "open" and s.offer_no == session.offer_no]
            waiting = self.tr("Offered, waiting for the applicant to pick one:")
            lines.append(f"<b>{html.escape(waiting)}</b>")
            lines.extend(f"&nbsp;&nbsp;{slot(s)}" for s in open_slots)
        elif session.state == LiveState.cancelled and session.cancellation is not None:
            cancelled = session.cancellation
            who = self.tr("the applicant") if cancelled.by_role is Role.applicant else cancelled.by.display_name
            lines.append("<b>" + html.escape(self.tr("Cancelled by %1 on %2.").replace("%1", who).replace(
                "%2", format_local_time(cancelled.at, language, zone=zone))) + "</b> "
                + html.escape(self.tr("Reason: %1").replace("%1", cancelled.reason)))
        else:
            later = {LiveState.in_progress: self.tr("The live survey is under way."),
                     LiveState.ended: self.tr("The live survey has ended."),
                     LiveState.missed: self.tr("The live survey did not take place."),
                     LiveState.interrupted: self.tr("The live survey was interrupted.")}
            lines.append(html.escape(later.get(session.state, session.state.value)))
        if session.state == LiveState.offered and session.other_times_requested is not None:
            lines.append("<span style='color:#a15c00'>" + html.escape(
                self.tr("The applicant asks for other times: %1").replace(
                    "%1", session.other_times_requested.message)) + "</span>")
        if session.note and session.state in (LiveState.offered, LiveState.booked):
            lines.append("<span style='color:#555'>" + html.escape(
                self.tr("Note for the applicant: %1").replace("%1", session.note)) + "</span>")
        return "<br>".join(lines)

    # ----- the form ---------------------------------------------------------------------------

    def _tomorrow_morning(self) -> QDateTime:
        return QDateTime(QDateTime.currentDateTime().date().addDays(1), QTime(9, 0))

    def picked_start(self) -> datetime:
        """The edit's date and time, read as the bureau's wall-clock time."""
        value = self.slot_edit.dateTime()
        day, clock = value.date(), value.time()
        return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
                        tzinfo=local_zone(self._zone()))

    def starts(self) -> list[datetime]:
        return [self.times.item(row).data(SLOT_ROLE) for row in range(self.times.count())]

    def add_time(self) -> None:
        start = self.picked_start()
        if start in self.starts():
            return
        minutes = self.length.value()
        item = QListWidgetItem(format_slot(start, start + timedelta(minutes=minutes), current_language(),
                                           zone=self._zone()))
        item.setData(SLOT_ROLE, start)
        self.times.addItem(item)
        self.times.sortItems()
        self.slot_edit.setDateTime(self.slot_edit.dateTime().addSecs(minutes * 60))
        self._update_buttons()

    def remove_time(self) -> None:
        for item in self.times.selectedItems() or ([self.times.item(self.times.count() - 1)]
                                                   if self.times.count() else []):
            self.times.takeItem(self.times.row(item))
        self._update_buttons()

    def submit_times(self) -> None:
        starts = sorted(self.starts())
        session = self.current()
        if not starts or self._busy:
            return
        self.message.clear()
        self.set_busy(True)
        if session is None:
            self.offerRequested.emit(LiveOfferIn(slots=starts, duration_minutes=self.length.value(),
                                                 note=self.note.text().strip()))
        else:
            self.rescheduleRequested.emit(session.id, LiveRescheduleIn(
                reason=self.reason.text().strip(), slots=starts, duration_minutes=self.length.value(),
                version=session.version))

    def submit_cancel(self) -> None:
        session = self.current()
        if session is None or not self.cancel_reason.text().strip() or self._busy:
            return
        self.message.clear()
        self.set_busy(True)
        self.cancelRequested.emit(session.id, LiveCancelIn(reason=self.cancel_reason.text().strip(),
                                                           version=session.version))

    def _update_buttons(self) -> None:
        session = self.current()
        has_times = self.times.count() > 0
        reason_ok = session is None or bool(self.reason.text().strip())
        self.offer_button.setEnabled(self._can_arrange and not self._busy and has_times and reason_ok)
        self.remove_button.setEnabled(has_times)
        self.cancel_button.setEnabled(self._can_arrange and not self._busy and session is not None
                                      and bool(self.cancel_reason.text().strip()))
