"""The main window of one login: the review queue with its tabs, filters and search, the
commands around it (open, claim, refresh, language, log out), and the case windows it opened.

It refreshes the queue when the server's event stream says a case changed (and every minute in
case an event was missed), and after the server comes back from an outage.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSpinBox,
    QStatusBar,
    QTabBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.api import ServerUnreachable
from reviewer_app.core.i18n import Language, localized
from reviewer_app.core.state import QUEUE_TABS, WAITING_TAB, QueueFilters, claimable
from reviewer_app.qt.case_window import CaseWindow
from reviewer_app.qt.context import ReviewerContext
from reviewer_app.qt.errors import describe_error, is_session_expired, status_name, unreachable_text
from reviewer_app.qt.i18n import Retranslating, Translations, current_language
from reviewer_app.qt.login import LoginDialog
from reviewer_app.qt.queue_model import SERVER_SORTS, SORT_ORDERS, Column, QueueTableModel
from reviewer_app.qt.status import BusyIndicator, MessageBanner
from reviewer_app.qt.timers import single_shot, ticker

SEARCH_DEBOUNCE_MS = 300
EVENT_DEBOUNCE_MS = 400
PERIODIC_REFRESH_MS = 60_000
SETTING_LANGUAGE = "ui/language"
QUEUE_EVENTS = ("case.", "opinion.", "evidence.")


class QueueWindow(Retranslating, QMainWindow):
    """The queue of one login. `newLoginRequested` asks the application for a second window with
    another login; `loggedOut` says this one is done."""

    caseOpened = Signal(object)  # CaseWindow
    newLoginRequested = Signal()
    loggedOut = Signal()

    def __init__(self, context: ReviewerContext, *, translations: Translations | None = None,
                 settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.translations = translations
        self.settings = settings or QSettings()
        self.case_windows: dict[int, CaseWindow] = {}
        self._item_types = []
        self._closing = False
        self.model = QueueTableModel(context, self)
        self._build()
        self._connect()
        self.retranslate()
        self.resize(1400, 760)
        self.model.set_filters(QueueFilters())
        self._load_item_types()
        context.start_events()

    # ----- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = MessageBanner(self)
        self.tabs = QTabBar(self)
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for tab in QUEUE_TABS:
            index = self.tabs.addTab("")
            self.tabs.setTabData(index, tab)
        self.item_type_combo = QComboBox(self)
        self.item_type_combo.setMinimumWidth(160)
        self.assigned_combo = QComboBox(self)
        self.overdue_check = QCheckBox(self)
        self.due_check = QCheckBox(self)
        self.due_spin = QSpinBox(self)
        self.due_spin.setRange(0, 60)
        self.due_spin.setValue(2)
        self.due_spin.setEnabled(False)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.filter_label = QLabel(self)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_label)
        filters.addWidget(self.item_type_combo)
        filters.addWidget(self.assigned_combo)
        filters.addWidget(self.overdue_check)
        filters.addWidget(self.due_check)
        filters.addWidget(self.due_spin)
        filters.addStretch(1)
        filters.addWidget(self.search_edit)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = {Column.reference: 135, Column.title: 130, Column.item_type: 125, Column.applicant: 80,
                  Column.site: 120, Column.submitted: 125, Column.due: 225, Column.flags: 70,
                  Column.rectified: 70, Column.assignees: 140}
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        header.setSortIndicator(Column.due, Qt.SortOrder.AscendingOrder)
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color:#777; padding:24px;")
        self.empty_label.hide()

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addWidget(self.tabs)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.setCentralWidget(body)

        style = self.style()
        self.open_action = QAction(style.standardIcon(style.StandardPixmap.SP_DirOpenIcon), "", self)
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self.open_selected)
        self.claim_action = QAction(style.standardIcon(style.StandardPixmap.SP_DialogApplyButton), "", self)
        self.claim_action.triggered.connect(self.claim_selected)
        self.refresh_action = QAction(style.standardIcon(style.StandardPixmap.SP_BrowserReload), "", self)
        self.refresh_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Refresh), QKeySequence("F5")])
        self.refresh_action.triggered.connect(self.refresh)
        self.new_login_action = QAction(self)
        self.new_login_action.triggered.connect(self.newLoginRequested)
        self.logout_action = QAction(self)
        self.logout_action.triggered.connect(self.logout)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self._quit)
        self.table.addAction(self.open_action)
        self.table.addAction(self.claim_action)

        self.toolbar = QToolBar(self)
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(QSize(18, 18))
        for action in (self.open_action, self.claim_action, self.refresh_action):
            self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)

        menu_bar = self.menuBar()
        self.file_menu = menu_bar.addMenu("")
        for action in (self.open_action, self.claim_action, self.refresh_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.new_login_action)
        self.file_menu.addAction(self.logout_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = menu_bar.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[Language, QAction] = {}
        for language, label in ((Language.zh_CN, "中文"), (Language.en, "English")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, lang=language: self.set_language(lang))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[language] = action
        self.language_actions[current_language()].setChecked(True)

        status = QStatusBar(self)
        self.setStatusBar(status)
        self.user_label = QLabel(self)
        self.live_label = QLabel(self)
        self.count_label = QLabel(self)
        self.busy = BusyIndicator(self.context.runner, self)
        status.addWidget(self.user_label)
        status.addWidget(self.count_label, 1)
        status.addPermanentWidget(self.live_label)
        status.addPermanentWidget(self.busy)

        self._search_timer = single_shot(self, SEARCH_DEBOUNCE_MS, self._apply_filters)
        self._event_timer = single_shot(self, EVENT_DEBOUNCE_MS, self.refresh)
        self._periodic = ticker(self, PERIODIC_REFRESH_MS, self._periodic_refresh)

    def _connect(self) -> None:
        self.tabs.currentChanged.connect(lambda _i: self._apply_filters())
        self.item_type_combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.assigned_combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.overdue_check.toggled.connect(lambda _c: self._apply_filters())
        self.due_check.toggled.connect(self._on_due_toggled)
        self.due_spin.valueChanged.connect(lambda _v: self._apply_filters() if self.due_check.isChecked() else None)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_indicator)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.countsChanged.connect(self._update_counts)
        self.model.loadFailed.connect(self._on_load_failed)
        self.model.pageLoaded.connect(self._on_page_loaded)
        self.model.modelReset.connect(self._update_actions)
        self.banner.actionTriggered.connect(self._on_banner_action)
        self.context.reachableChanged.connect(self._on_reachable)
        self.context.streamStateChanged.connect(self._on_stream_state)
        self.context.serverEvent.connect(self._on_server_event)
        self.context.sessionExpired.connect(self._on_session_expired)
        if self.translations is not None:
            self.translations.languageChanged.connect(self._on_language_changed)

    # ----- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Takan reviewer — review queue"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("Language"))
        self.open_action.setText(self.tr("Open case"))
        self.open_action.setToolTip(self.tr("Open the selected case (Enter or double-click)"))
        self.claim_action.setText(self.tr("Claim"))
        self.claim_action.setToolTip(self.tr("Take the selected case up for review"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.new_login_action.setText(self.tr("Log in as another officer…"))
        self.logout_action.setText(self.tr("Log out"))
        self.quit_action.setText(self.tr("Quit"))
        self.filter_label.setText(self.tr("Filter:"))
        self.overdue_check.setText(self.tr("Overdue only"))
        self.due_check.setText(self.tr("Due within (working days)"))
        self.search_edit.setPlaceholderText(self.tr("Search reference, title, applicant, site…"))
        self._fill_assigned_combo()
        self._fill_item_type_combo()
        self.model.retranslate()
        self._update_counts()
        self._update_user()
        self._on_stream_state(self.context.stream_connected)
        self._update_empty()
        if not self.context.reachable:
            self._on_reachable(False)

    def _fill_assigned_combo(self) -> None:
        current = self.assigned_combo.currentData()
        self.assigned_combo.blockSignals(True)
        self.assigned_combo.clear()
        self.assigned_combo.addItem(self.tr("Any officer"), None)
        self.assigned_combo.addItem(self.tr("Assigned to me"), "me")
        self.assigned_combo.addItem(self.tr("Unassigned"), "unassigned")
        index = self.assigned_combo.findData(current)
        self.assigned_combo.setCurrentIndex(max(0, index))
        self.assigned_combo.blockSignals(False)

    def _fill_item_type_combo(self) -> None:
        current = self.item_type_combo.currentData()
        self.item_type_combo.blockSignals(True)
        self.item_type_combo.clear()
        self.item_type_combo.addItem(self.tr("All item types"), None)
        for item in self._item_types:
            self.item_type_combo.addItem(localized(item, "name", current_language()), item.code)
        index = self.item_type_combo.findData(current)
        self.item_type_combo.setCurrentIndex(max(0, index))
        self.item_type_combo.blockSignals(False)

    def _tab_title(self, tab: str) -> str:
        if tab == WAITING_TAB:
            return self.tr("Waiting for review")
        return status_name(tab)

    def _update_counts(self) -> None:
        for index in range(self.tabs.count()):
            tab = self.tabs.tabData(index)
            count = self.model.state.tab_count(tab)
            title = self._tab_title(tab)
            self.tabs.setTabText(index, f"{title} ({count})" if count is not None else title)
        rows = self.model.rowCount()
        more = self.model.canFetchMore()
        self.count_label.setText(self.tr("%n case(s) shown", "", rows) + (" …" if more else ""))

    def _update_user(self) -> None:
        user = self.context.session.user
        if user is None:
            self.user_label.setText("")
            return
        role = {"officer": self.tr("officer"), "auditor": self.tr("auditor"), "admin": self.tr("administrator")}
        self.user_label.setText(self.tr("%1 (%2) on %3").replace("%1", user.display_name)
                                .replace("%2", role.get(user.role.value, user.role.value))
                                .replace("%3", self.context.session.server_url))

    def _update_empty(self) -> None:
        empty = self.model.state.loaded and self.model.rowCount() == 0
        self.empty_label.setText(self.tr("No cases match."))
        self.empty_label.setVisible(empty)

    # ----- filters ----------------------------------------------------------------------------

    def current_filters(self) -> QueueFilters:
        tab = self.tabs.tabData(self.tabs.currentIndex()) or WAITING_TAB
        return self.model.filters.with_changes(
            tab=tab, item_type=self.item_type_combo.currentData(), assigned=self.assigned_combo.currentData(),
            overdue=self.overdue_check.isChecked(),
            due_within=self.due_spin.value() if self.due_check.isChecked() else None,
            search=self.search_edit.text())

    def _apply_filters(self) -> None:
        filters = self.current_filters()
        if filters != self.model.filters:
            self.model.set_filters(filters)

    def _on_due_toggled(self, checked: bool) -> None:
        self.due_spin.setEnabled(checked)
        self._apply_filters()

    def _on_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        # Only the server's sorts apply; put the arrow back where the order really is.
        key = self.model.filters.sort
        sorted_column = next(c for c, k in SERVER_SORTS.items() if k == key)
        if SERVER_SORTS.get(Column(column)) is None or column == sorted_column:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(sorted_column, SORT_ORDERS[key])
            header.blockSignals(False)

    def set_sort(self, key: str) -> None:
        """Sort by "due", "submitted" or "flags" (as clicking the column does)."""
        column = next(c for c, k in SERVER_SORTS.items() if k == key)
        self.table.sortByColumn(column, SORT_ORDERS[key])
        self._on_sort_indicator(column, SORT_ORDERS[key])

    # ----- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.refresh()

    def _periodic_refresh(self) -> None:
        if self.context.reachable and not self.model.is_loading():
            self.refresh()

    def _load_item_types(self) -> None:
        api = self.context.api

        def done(result) -> None:
            self._item_types = list(result.items)
            self._fill_item_type_combo()

        self.context.call(api.item_types, done, lambda _exc: None, receiver=self, name="item types")

    def _on_page_loaded(self) -> None:
        if self.banner.key == "queue":
            self.banner.clear("queue")
        self._restore_selection()
        self._update_counts()
        self._update_empty()
        self._update_actions()

    def _on_load_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ServerUnreachable) or is_session_expired(exc):
            return  # another banner says so, and the queue reloads when the server (or the login) is back
        self.banner.show_message(describe_error(exc, server_url=self.context.session.server_url), "error",
                                 action=self.tr("Retry"), key="queue")

    def _on_banner_action(self) -> None:
        if self.banner.key == "unreachable":
            self.context.probe()
        elif self.banner.key == "session":
            self.relogin()
        else:
            self.refresh()

    def _on_reachable(self, reachable: bool) -> None:
        if self._closing:
            return
        if reachable:
            self.banner.clear("unreachable")
            self.statusBar().showMessage(self.tr("Connected to the server again."), 5000)
            self.refresh()
            if not self._item_types:
                self._load_item_types()
        else:
            self.banner.show_message(unreachable_text(self.context.session.server_url), "warning",
                                     action=self.tr("Retry now"), key="unreachable", closable=False)

    def _on_stream_state(self, connected: bool) -> None:
        if connected:
            self.live_label.setText("● " + self.tr("Live updates"))
            self.live_label.setStyleSheet("color:#1c6b34;")
            self.refresh_if_loaded()
        else:
            self.live_label.setText("○ " + self.tr("Live updates paused"))
            self.live_label.setStyleSheet("color:#8a8f98;")

    def refresh_if_loaded(self) -> None:
        if self.model.state.loaded:
            self._event_timer.start()

    def _on_server_event(self, event) -> None:
        if event.kind.startswith(QUEUE_EVENTS):
            self._event_timer.start()
        window = self.case_windows.get(event.case_id) if event.case_id is not None else None
        if window is not None and event.kind.startswith("case.") and event.kind != "case.assigned":
            self.statusBar().showMessage(self._event_text(event), 8000)

    def _event_text(self, event) -> str:
        payload = event.payload or {}
        key = "message_zh" if current_language() is Language.zh_CN else "message_en"
        return str(payload.get(key) or payload.get("message_en") or event.kind)

    def _on_session_expired(self) -> None:
        self.banner.show_message(self.tr("Your login has expired. Log in again to carry on."), "error",
                                 action=self.tr("Log in again…"), key="session", closable=False)

    def relogin(self) -> LoginDialog:
        """Log in again to the same server as the same user; the windows carry on."""
        dialog = LoginDialog(self, settings=self.settings, runner=self.context.runner,
                             translations=self.translations, session=self.context.session)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def renewed(_session, _api) -> None:
            self.banner.clear("session")
            self.context.start_events()
            self.refresh()
            for window in self.case_windows.values():
                window.session.reload()

        dialog.loggedIn.connect(renewed)
        dialog.show()
        return dialog

    # ----- selection and actions ----------------------------------------------------------------

    def selected_item(self):
        index = self.table.selectionModel().currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _restore_selection(self) -> None:
        wanted = getattr(self, "_selected_case", None)
        if wanted is None:
            return
        row = self.model.row_of(wanted)
        if row is not None:
            self.table.selectRow(row)

    def _update_actions(self) -> None:
        item = self.selected_item()
        self._selected_case = item.id if item is not None else getattr(self, "_selected_case", None)
        self.open_action.setEnabled(item is not None)
        self.claim_action.setEnabled(item is not None and claimable(item, self.context.session.user))
        self.claim_action.setVisible(self.context.session.can_review)

    def _on_double_click(self, index: QModelIndex) -> None:
        item = self.model.item(index.row())
        if item is not None:
            self.open_case(item.id)

    def open_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.open_case(item.id)

    def open_case(self, case_id: int) -> CaseWindow:
        window = self.case_windows.get(case_id)
        if window is None:
            window = CaseWindow(self.context, case_id)
            window.closed.connect(self._on_case_closed)
            self.case_windows[case_id] = window
            self.caseOpened.emit(window)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _on_case_closed(self, case_id: int) -> None:
        window = self.case_windows.pop(case_id, None)
        if window is not None:
            window.deleteLater()
        self.refresh()

    def claim_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        api = self.context.api
        case_id, reference = item.id, item.reference

        def done(_review) -> None:
            self.statusBar().showMessage(self.tr("You have taken %1 up for review.").replace("%1", reference), 5000)
            self.refresh()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, ServerUnreachable):
                self.banner.show_message(describe_error(exc, server_url=self.context.session.server_url), "error",
                                         key="claim")
            self.refresh()

        self.context.call(lambda: api.claim(case_id), done, failed, receiver=self, name="claim")

    # ----- language, logout, closing ------------------------------------------------------------

    def set_language(self, language: Language) -> None:
        if self.translations is not None:
            self.translations.set_language(language)
        self.settings.setValue(SETTING_LANGUAGE, language.value)

    def _on_language_changed(self, value: str) -> None:
        action = self.language_actions.get(Language(value))
        if action is not None:
            action.setChecked(True)

    def logout(self) -> None:
        self._shutdown()
        api, runner = self.context.api, self.context.runner
        # The token is revoked after the closed case windows' last reports and saves went out.
        self.context.when_idle(lambda: runner.run(api.logout, name="logout"))
        self.loggedOut.emit()
        self.close()

    def _quit(self) -> None:
        for window in QApplication.topLevelWidgets():
            window.close()

    def _shutdown(self) -> None:
        if self._closing:
            return
        self._closing = True
        for window in list(self.case_windows.values()):
            window.close()
        self._periodic.stop()
        self.context.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._shutdown()
        super().closeEvent(event)
