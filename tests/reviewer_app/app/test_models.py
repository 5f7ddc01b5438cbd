"""Every item model of the app passes pytest-qt's model tester, filled from the live server; the
queue pages as it scrolls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from reviewer_app.qt.case_models import ResultsModel
from tests.reviewer_app.app.conftest import LOAD_TIMEOUT_MS, open_case


def test_the_queue_model_pages_and_passes_the_model_tester(qtbot, qtmodeltester, open_login, seeded):
    queue = open_login("zhang")
    model = queue.model
    # The Python tester stays connected: every page, sort and filter below is checked as it happens.
    qtmodeltester.check(model, force_py=True)
    total = model.rowCount()
    assert total >= 5 and not model.canFetchMore()

    # Two rows a page: the view asks for the next page while it has room to show more.
    pages = []
    model.pageLoaded.connect(lambda: pages.append(model.rowCount()))
    model.set_filters(model.filters.with_changes(page_size=2))
    qtbot.waitUntil(lambda: model.rowCount() == total and not model.is_loading(), timeout=LOAD_TIMEOUT_MS)
    assert pages[:3] == [2, 4, min(6, total)] and not model.canFetchMore()
    assert len({model.item(r).id for r in range(total)}) == total

    # Sorting by flags happens on the server; other columns keep the order.
    with qtbot.waitSignal(model.pageLoaded, timeout=LOAD_TIMEOUT_MS):
        queue.set_sort("flags")
    fails = [model.item(r).fail_checks for r in range(model.rowCount())]
    assert fails == sorted(fails, reverse=True)
    assert queue.table.horizontalHeader().sortIndicatorSection() == 7

    # Search and filters go to the server too.
    def ids() -> list[int]:
        return [model.item(r).id for r in range(model.rowCount())] if not model.is_loading() else []

    queue.search_edit.setText(seeded.cases["video"].reference)
    qtbot.waitUntil(lambda: ids() == [seeded.cases["video"].id], timeout=LOAD_TIMEOUT_MS)
    queue.search_edit.clear()
    queue.overdue_check.setChecked(True)
    qtbot.waitUntil(lambda: ids() == [seeded.cases["overdue"].id], timeout=LOAD_TIMEOUT_MS)


def test_the_case_models_pass_the_model_tester(qtbot, request, open_login, seeded):
    queue = open_login("zhang")
    window = open_case(qtbot, queue, seeded.cases["video"].id)
    qtbot.waitUntil(lambda: window.gallery_model.loaded_count() == 2, timeout=LOAD_TIMEOUT_MS)
    assert "history" not in window.session.loaded_parts  # read when its tab is shown
    window.tabs.setCurrentWidget(window.history)
    qtbot.waitUntil(lambda: window.history.history.rowCount() > 0, timeout=LOAD_TIMEOUT_MS)
    for model in (window.checklist_model, window.gallery_model, window.opinion.results, window.history.history):
        ModelTester(request.config).check(model, force_py=True)  # one tester per model, staying connected
    # The checklist jumps to a requirement's evidence.
    row = window.checklist_model.row_of("walkround_video")
    rect = window.checklist_view.visualRect(window.checklist_model.index(row, 0))
    qtbot.mouseClick(window.checklist_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    video_id = next(e["id"] for e in seeded.cases["video"].evidence if e["requirement_key"] == "walkround_video")
    qtbot.waitUntil(lambda: window.current_evidence_id() == video_id, timeout=LOAD_TIMEOUT_MS)
    results = window.opinion.results
    results.set_result("walkround_video", "fail", "视频过短")
    assert results.results()[0].result == "fail" and results.redo_keys() == ["walkround_video"]
    index = results.index(0, ResultsModel.Column.redo)
    assert results.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    window.session.reload()  # every model resets and refills under the testers' eyes
    qtbot.waitUntil(lambda: not window.session.failed_parts and window.context.runner.active_count() == 0,
                    timeout=LOAD_TIMEOUT_MS)
    assert window.gallery_model.data(window.gallery_model.index(1), Qt.ItemDataRole.DisplayRole) == "巡查视频 1" or \
        window.gallery_model.data(window.gallery_model.index(1), Qt.ItemDataRole.DisplayRole) == "Walk-through video 1"
