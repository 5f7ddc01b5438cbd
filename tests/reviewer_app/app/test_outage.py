"""The server goes away while the officer works: the windows say so (no traceback, no crash), what
the officer does waits or fails gracefully, and when the same server comes back (same port, same
data) the queue refreshes by itself, live updates resume and the unsaved annotation is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewer_app.core.annotations import SceneRect
from tests.reviewer_app.app.conftest import LOAD_TIMEOUT_MS, api_get, open_case

OUTAGE_TIMEOUT_MS = 30_000


def no_modal_dialogs() -> bool:
    return not any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_the_app_survives_a_server_outage(qtbot, open_login, seeded):
    case = seeded.cases["outage"]
    queue = open_login("wang")
    # Claimed from the queue: select its row, "Claim".
    queue.table.selectRow(queue.model.row_of(case.id))
    assert queue.claim_action.isEnabled()
    queue.claim_action.trigger()

    def claimed() -> bool:
        row = queue.model.row_of(case.id)
        return row is not None and any(p.display_name == "王强" for p in queue.model.item(row).assignees)

    qtbot.waitUntil(claimed, timeout=LOAD_TIMEOUT_MS)
    queue.table.selectRow(queue.model.row_of(case.id))
    assert not queue.claim_action.isEnabled()
    window = open_case(qtbot, queue, case.id)
    qtbot.waitUntil(lambda: window.state.assigned_to(queue.context.session.user), timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: queue.context.stream_connected, timeout=LOAD_TIMEOUT_MS)
    photo = window.current_evidence_id()

    # SIGTERM (the event streams end at once); killed if it is not gone after 3 s.
    seeded.server.stop(timeout=3)
    # Something the officer does now cannot reach the server: a refresh...
    queue.refresh()
    qtbot.waitUntil(lambda: not queue.context.reachable, timeout=OUTAGE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "cannot be reached" in queue.banner.text(), timeout=LOAD_TIMEOUT_MS)
    assert "cannot be reached" in window.banner.text()
    assert queue.model.rowCount() > 0  # the rows stay on screen
    assert "paused" in queue.live_label.text()
    # ...and a drawing: it stays on screen, unsaved, and says so.
    window.viewer.scene.add_shape(SceneRect(40, 40, 200, 120), label="待核实")
    window.save_current()
    qtbot.waitUntil(lambda: not window.session.saving, timeout=OUTAGE_TIMEOUT_MS)
    assert window.viewer.scene.document.dirty
    assert "not saved" in window.status_bar.save_label.text()
    # Moving on to another item still works from what is loaded (the view report waits).
    qtbot.keyClick(window, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: window.current_evidence_id() != photo, timeout=LOAD_TIMEOUT_MS)
    assert no_modal_dialogs()

    seeded.server.start()
    # The probe notices, the banners go, the queue reloads and the annotation is saved.
    qtbot.waitUntil(lambda: queue.context.reachable, timeout=OUTAGE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not queue.banner.isVisible() and not window.banner.isVisible(),
                    timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.session.documents[photo].dirty and not window.session.saving,
                    timeout=OUTAGE_TIMEOUT_MS)
    stored = api_get(seeded, "wang", f"/evidence/{photo}/annotations")["items"]
    assert [a["label"] for a in stored] == ["待核实"]
    qtbot.waitUntil(lambda: queue.context.stream_connected, timeout=OUTAGE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not len(window.session.outbox), timeout=OUTAGE_TIMEOUT_MS)
    viewed = {v["evidence_id"] for v in api_get(seeded, "wang", f"/cases/{case.id}/review")["my_views"]}
    assert photo in viewed
    # And work goes on: a refresh answers again.
    with qtbot.waitSignal(queue.model.pageLoaded, timeout=LOAD_TIMEOUT_MS):
        queue.refresh()
    assert no_modal_dialogs()
