"""The officer's day against a real server: the queue with its colours, a case opened from it, every
item looked at, shapes drawn with the mouse and undone/redone, a rectification signed with
Ctrl+Enter, and a second officer countersigning in a second main window."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from reviewer_app.qt.annotation_scene import Tool
from reviewer_app.qt.queue_model import OVERDUE_BACKGROUND, SOON_BACKGROUND, Column
from tests.reviewer_app.app.conftest import LOAD_TIMEOUT_MS, activate, api_get, open_case
from tests.reviewer_app.qt.mouse import drag_viewport


def due_background(queue, reference: str):
    model = queue.model
    row = next(r for r in range(model.rowCount()) if model.item(r).reference == reference)
    return model.data(model.index(row, Column.due), Qt.ItemDataRole.BackgroundRole)


def test_the_queue_colours_cases_by_their_due_date(open_login, seeded):
    queue = open_login("zhang")
    references = {queue.model.item(r).reference for r in range(queue.model.rowCount())}
    assert {case.reference for case in seeded.cases.values()} <= references
    assert due_background(queue, seeded.cases["overdue"].reference).color() == OVERDUE_BACKGROUND
    assert due_background(queue, seeded.cases["soon"].reference).color() == SOON_BACKGROUND
    assert due_background(queue, seeded.cases["outage"].reference) is None
    # The overdue case comes first (sorted by due date), and the tab counts what waits.
    assert queue.model.item(0).reference == seeded.cases["overdue"].reference
    assert queue.model.state.tab_count("waiting") >= len(seeded.cases) - 1


def image_point(view, fx: float, fy: float) -> tuple[int, int]:
    """A viewport pixel at a fraction of the photo's width and height."""
    rect = view.mapFromScene(view.scene().image_rect()).boundingRect()
    return round(rect.left() + fx * rect.width()), round(rect.top() + fy * rect.height())


def test_review_sign_rectify_and_countersign(qtbot, open_login, seeded):
    case = seeded.cases["flow"]
    zhang = open_login("zhang")
    # Open the case with a double-click on its row.
    row = next(r for r in range(zhang.model.rowCount()) if zhang.model.item(r).id == case.id)
    rect = zhang.table.visualRect(zhang.model.index(row, Column.reference))
    qtbot.mouseClick(zhang.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(zhang.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert case.id in zhang.case_windows
    window = open_case(qtbot, zhang, case.id)
    activate(qtbot, window)
    user = zhang.context.session.user

    # Claim it (the queue's claim needs a selected row; the case window's button does the same).
    window.session.claim()
    qtbot.waitUntil(lambda: window.state.assigned_to(user), timeout=LOAD_TIMEOUT_MS)

    # Every item opened, stepping with J; the replaced storefront photo comes before its replacement.
    ids = window.state.evidence_ids()
    assert len(ids) == 4 and window.gallery_model.entry(0).superseded
    assert window.current_evidence_id() == ids[0]
    for expected in ids[1:]:
        qtbot.keyClick(window, Qt.Key.Key_J)
        qtbot.waitUntil(lambda e=expected: window.current_evidence_id() == e and window.session.display.shown,
                        timeout=LOAD_TIMEOUT_MS)
    qtbot.keyClick(window, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: window.current_evidence_id() == ids[-2], timeout=LOAD_TIMEOUT_MS)
    window.session.flush_views()
    qtbot.waitUntil(lambda: set(ids) <= window.state.viewed and not len(window.session.outbox), timeout=LOAD_TIMEOUT_MS)
    review = api_get(seeded, "zhang", f"/cases/{case.id}/review")
    assert review["unviewed"] == []
    assert {v["evidence_id"] for v in review["my_views"]} == set(ids)

    # Draw on the consulting room photo: a rectangle and an arrow, with the mouse.
    room = next(e["id"] for e in case.evidence if e["requirement_key"] == "room")
    window.select_evidence(room)
    qtbot.waitUntil(lambda: window.current_evidence_id() == room and window.session.display.shown,
                    timeout=LOAD_TIMEOUT_MS)
    scene, view = window.viewer.scene, window.viewer.annotator.view
    assert not scene.read_only
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert scene.tool is Tool.rect
    drag_viewport(view, [image_point(view, 0.2, 0.2), image_point(view, 0.3, 0.3), image_point(view, 0.45, 0.5)])
    qtbot.keyClick(window, Qt.Key.Key_A)
    assert scene.tool is Tool.arrow
    drag_viewport(view, [image_point(view, 0.8, 0.8), image_point(view, 0.7, 0.7), image_point(view, 0.5, 0.55)])
    assert [a.kind for a in scene.annotations()] == ["rect", "arrow"]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.kind for a in scene.annotations()] == ["rect"]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [a.kind for a in scene.annotations()] == ["rect", "arrow"]
    # Share the rectangle with the applicant (the toolbar's toggle acts on the selection).
    scene.select_keys([scene.annotations()[0].key])
    window.viewer.annotator.toolbar.share_action.trigger()
    assert scene.annotations()[0].shared_with_applicant
    qtbot.waitUntil(lambda: not scene.document.dirty and not window.session.saving, timeout=LOAD_TIMEOUT_MS)
    stored = [a for a in api_get(seeded, "zhang", f"/evidence/{room}/annotations")["items"] if not a["deleted"]]
    assert sorted(a["shape"]["type"] for a in stored) == ["arrow", "rect"]
    assert {a["shape"]["type"]: a["shared_with_applicant"] for a in stored} == {"rect": True, "arrow": False}
    # Zoom from the keyboard: +, -, 0 (fit).
    fitted = view.zoom()
    qtbot.keyClick(window, Qt.Key.Key_Plus)
    assert view.zoom() > fitted and not view.is_fitting()
    qtbot.keyClick(window, Qt.Key.Key_0)
    assert view.is_fitting() and abs(view.zoom() - fitted) < 1e-6
    drawn = {a.kind: a.shape for a in scene.annotations()}
    rect_shape = next(a["shape"] for a in stored if a["shape"]["type"] == "rect")
    assert abs(rect_shape["x"] - drawn["rect"].x) < 1e-6 and abs(rect_shape["w"] - drawn["rect"].w) < 1e-6
    assert 0.15 < rect_shape["x"] < 0.25 and 0.2 < rect_shape["w"] < 0.3

    # Sign "rectify" from the form, with Ctrl+Enter.
    panel = window.opinion
    panel.set_verdict("rectify")
    window.tabs.setCurrentWidget(panel)
    tool = scene.tool
    qtbot.keyClicks(panel.reasons, "Retake the room: ")  # letters typed here are text, not tool keys
    assert panel.reasons.toPlainText() == "Retake the room: " and scene.tool is tool
    panel.reasons.insertPlainText("诊室照片看不清消毒设施，请重新拍摄。")
    panel.results.set_result("storefront", "pass")
    panel.results.set_result("room", "fail", "消毒设施不可见")
    panel.results.set_result("waste", "pass")
    deadline = date.today() + timedelta(days=14)
    panel.deadline.setDate(deadline)
    assert panel.results.redo_keys() == ["room"]
    with qtbot.waitSignal(window.signed, timeout=LOAD_TIMEOUT_MS):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    opinions = api_get(seeded, "zhang", f"/cases/{case.id}/opinions")["items"]
    assert [(o["officer"]["display_name"], o["verdict"], o["rectify_requirements"]) for o in opinions] == [
        ("张伟", "rectify", ["room"])]
    assert api_get(seeded, "zhang", f"/cases/{case.id}")["status"] == "in_review"

    # A second officer, in a second main window of the same application, with their own login.
    li = open_login("li")
    assert li.context.session is not zhang.context.session
    countersign = open_case(qtbot, li, case.id)
    activate(qtbot, countersign)
    qtbot.waitUntil(lambda: len(countersign.opinion.other_opinions()) == 1, timeout=LOAD_TIMEOUT_MS)
    countersign.opinion.fill(countersign.opinion.other_opinions()[0])  # "use as a starting point"
    # Not on the case yet: the refusal says so, with a link to claim it.
    countersign.sign_from_keyboard()
    qtbot.waitUntil(lambda: "claim" in countersign.opinion.message.text().lower() or
                    "认领" in countersign.opinion.message.text(), timeout=LOAD_TIMEOUT_MS)
    countersign.opinion.message.linkActivated.emit("claim")
    qtbot.waitUntil(lambda: countersign.state.assigned_to(li.context.session.user), timeout=LOAD_TIMEOUT_MS)
    # Only the first item opened so far: the refusal lists the others as links to jump to.
    countersign.sign_from_keyboard()
    qtbot.waitUntil(lambda: "evidence:" in countersign.opinion.message.text(), timeout=LOAD_TIMEOUT_MS)
    unopened = [int(part.split("'")[0]) for part in countersign.opinion.message.text().split("evidence:")[1:]]
    current = {e["id"] for e in api_get(seeded, "li", f"/cases/{case.id}/evidence")["items"]
               if e["superseded_by"] is None}
    assert set(unopened) == current - {countersign.current_evidence_id()}
    for evidence_id in unopened:
        countersign.opinion.message.linkActivated.emit(f"evidence:{evidence_id}")
        qtbot.waitUntil(lambda e=evidence_id: countersign.current_evidence_id() == e and
                        countersign.session.display.shown, timeout=LOAD_TIMEOUT_MS)
    with qtbot.waitSignal(countersign.signed, timeout=LOAD_TIMEOUT_MS):
        countersign.sign_from_keyboard()
    assert api_get(seeded, "li", f"/cases/{case.id}")["status"] == "rectification_requested"
    # Both windows follow: the case is decided, nothing is left to sign or draw.
    qtbot.waitUntil(lambda: window.state.status().value == "rectification_requested", timeout=LOAD_TIMEOUT_MS)
    assert not window.opinion.sign_button.isEnabled()
    # The queue heard it too (live updates): the case left the "waiting" tab.
    qtbot.waitUntil(lambda: zhang.model.row_of(case.id) is None, timeout=LOAD_TIMEOUT_MS)
