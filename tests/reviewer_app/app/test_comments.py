"""The comment thread: an officer writes internally about one photo, replies, and writes to the
applicant; the thread shows replies under their comment and says who sees what."""

from __future__ import annotations

from shared.discussion import CommentVisibility
from tests.reviewer_app.app.conftest import LOAD_TIMEOUT_MS, api_get, open_case


def test_comments_internal_replies_and_to_the_applicant(qtbot, open_login, seeded):
    case = seeded.cases["overdue"]
    queue = open_login("li")
    window = open_case(qtbot, queue, case.id)
    panel = window.comments
    window.tabs.setCurrentWidget(panel)
    photo = window.current_evidence_id()

    panel.editor.setPlainText("门头照片招牌被树挡住了，需要请申请人补拍吗？")
    panel.about_evidence.setChecked(True)
    panel.post_button.click()
    qtbot.waitUntil(lambda: len(panel.comments()) == 1, timeout=LOAD_TIMEOUT_MS)
    first = panel.comments()[0]
    assert first.evidence_id == photo and first.visibility is CommentVisibility.internal
    assert panel.editor.toPlainText() == ""

    panel.set_reply_to(first)
    panel.editor.setPlainText("先看其他照片再定。")
    panel.post_button.click()
    qtbot.waitUntil(lambda: len(panel.comments()) == 2, timeout=LOAD_TIMEOUT_MS)

    panel.about_evidence.setChecked(False)
    panel.visibility.setCurrentIndex(panel.visibility.findData(CommentVisibility.applicant.value))
    panel.editor.setPlainText("请补拍门头照片，确保招牌完整可见。")
    panel.post_button.click()
    qtbot.waitUntil(lambda: len(panel.comments()) == 3, timeout=LOAD_TIMEOUT_MS)

    stored = api_get(seeded, "li", f"/cases/{case.id}/comments")["items"]
    # (a reply belongs to its comment's evidence item)
    assert [(c["visibility"], c["parent_id"], c["evidence_id"]) for c in stored] == [
        ("internal", None, photo), ("internal", stored[0]["id"], photo), ("applicant", None, None)]
    text = panel.thread.toPlainText()
    assert text.index("需要请申请人补拍吗") < text.index("先看其他照片再定") < text.index("请补拍门头照片")
    assert "visible to the applicant" in text or "申请人可见" in text
    # The applicant sees only what is meant for them.
    mine = api_get(seeded, "chen", f"/cases/{case.id}/comments")["items"]
    assert [c["body"] for c in mine] == ["请补拍门头照片，确保招牌完整可见。"]
