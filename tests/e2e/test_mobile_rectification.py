"""After review: the officer sends the case back (限期整改) with a shared annotation on the photo
and a message. The applicant sees what to fix, by when and why, the marks drawn over the photo,
replies, re-shoots and resubmits; after the approval they rate the service. Names and messages
with HTML in them are shown as text: nothing is injected."""

from tests.e2e.phone import (
    HOSTILE,
    MARKS,
    Api,
    assert_fits_width,
    deadline,
    login,
    new_case,
    no_injection,
    review,
    shoot,
    site_photo,
    site_video,
    switch_language,
    upload_one_shot,
)

pytestmark = MARKS


def test_rectify_reply_reshoot_resubmit_rate(phone, server, tmp_path):
    page = phone
    applicant, officer = Api(server, "shen"), Api(server, "zhang")
    title = f"东街小馆 {HOSTILE}"
    case = new_case(applicant, server, title=title)
    case_id = case["id"]
    evidence = {key: upload_one_shot(applicant, case_id, key, path) for key, path in (
        ("storefront", site_photo(tmp_path / "s.jpg", seed=11)),
        ("kitchen", site_photo(tmp_path / "k.jpg", seed=12)),
        ("walkround", site_video(tmp_path / "w.mp4", seed=13)))}
    applicant.ok("POST", f"/cases/{case_id}/submit")

    # The officer: a mark on the storefront photo shared with the applicant, one kept internal,
    # a message for the applicant (with HTML in it) and an internal note; then 限期整改.
    officer.ok("POST", f"/cases/{case_id}/claim")
    storefront_id = evidence["storefront"]["id"]
    officer.ok("POST", f"/evidence/{storefront_id}/annotations", json={
        "shape": {"type": "rect", "x": 0.2, "y": 0.25, "w": 0.45, "h": 0.3}, "label": f"招牌被遮挡 {HOSTILE}",
        "shared_with_applicant": True})
    officer.ok("POST", f"/evidence/{storefront_id}/annotations", json={
        "shape": {"type": "arrow", "x1": 0.9, "y1": 0.9, "x2": 0.7, "y2": 0.6}, "label": "仅内部"})
    message = officer.ok("POST", f"/cases/{case_id}/comments", json={
        "body": f"门头招牌被遮挡，请移开遮挡物后重拍。{HOSTILE}", "visibility": "applicant",
        "evidence_id": storefront_id})
    officer.ok("POST", f"/cases/{case_id}/comments", json={"body": "内部备注：申请人较配合"})
    review(officer, case_id, "rectify", reasons=f"门头照片中招牌被遮挡。\n{HOSTILE}",
           rectify_deadline=deadline(), rectify_requirements=["storefront"])

    login(page)
    card = page.locator(".case-card", has_text="东街小馆 <img")
    assert card.locator(".case-title").inner_text() == title
    card.locator(".badge", has_text="待整改").wait_for()
    card.get_by_text("需重拍：门头").wait_for()
    page.locator("#bell-count").wait_for()  # the feed: sent back, a message for me
    no_injection(page)
    assert_fits_width(page)
    shoot(page, "09-list-rectification")

    card.click()
    rect = page.locator(".rect-card")
    rect.wait_for()
    assert page.locator("h1.case-title").inner_text() == title
    assert f"门头照片中招牌被遮挡。\n{HOSTILE}" in rect.inner_text()
    assert "整改期限" in rect.inner_text()
    storefront = page.locator("[data-req=storefront]")
    storefront.get_by_text("需整改").wait_for()
    # Only the shared mark is drawn over the thumbnail; the internal one is not there at all.
    overlay = storefront.locator("svg.ann-overlay")
    overlay.locator("rect").wait_for(state="attached")
    assert overlay.locator("line, polyline").count() == 0
    storefront.get_by_text("1 处标注").wait_for()
    comment = page.locator(f"[data-comment='{message['id']}']")
    assert comment.locator(".comment-body").inner_text() == f"门头招牌被遮挡，请移开遮挡物后重拍。{HOSTILE}"
    assert "关于：门头" in comment.inner_text()
    assert page.get_by_text("内部备注").count() == 0
    no_injection(page)
    assert_fits_width(page)
    shoot(page, "09-rectification")
    switch_language(page)
    page.locator(".rect-card", has_text="Fixes requested").wait_for()
    shoot(page, "09-rectification")
    switch_language(page)
    rect.wait_for()
    storefront.scroll_into_view_if_needed()
    shoot(page, "10-annotated-photo")

    # The photo large, with the mark and its label.
    storefront.locator("li.evidence .thumb-button").click()
    viewer = page.locator("dialog.viewer")
    viewer.locator("svg.ann-overlay text.ann-label", has_text="招牌被遮挡").wait_for(state="attached")
    assert viewer.locator("svg.ann-overlay text.ann-label").text_content() == f"招牌被遮挡 {HOSTILE}"
    no_injection(page)
    shoot(page, "11-viewer")
    viewer.get_by_role("button", name="关闭").click()
    viewer.wait_for(state="detached")

    # A reply to the officer.
    comment.get_by_role("button", name="回复 张伟").click()
    comment.locator("textarea").fill("已移开遮挡物，马上重拍。<b>谢谢</b>")
    comment.get_by_role("button", name="发送").click()
    page.locator(".comment.mine .comment-body", has_text="已移开遮挡物").wait_for()
    replies = [c for c in applicant.ok("GET", f"/cases/{case_id}/comments")["items"] if c["parent_id"] == message["id"]]
    assert [r["body"] for r in replies] == ["已移开遮挡物，马上重拍。<b>谢谢</b>"]

    # Resubmitting before re-shooting is refused, and the page says what is missing.
    page.get_by_role("button", name="整改完成，重新提交").click()
    page.locator(".actions .error", has_text="门头").wait_for()
    page.locator("[data-req=storefront].lacking").wait_for()

    # Re-shot, resubmitted.
    page.set_input_files(f"input[data-reshoot='{storefront_id}']", str(site_photo(tmp_path / "s2.jpg", seed=14)))
    storefront.get_by_text("已被替换 × 1").wait_for()
    page.get_by_role("button", name="整改完成，重新提交").click()
    page.locator(".badge.st-submitted").first.wait_for()
    current = applicant.ok("GET", f"/cases/{case_id}")
    assert current["status"] == "submitted" and current["round"] == 1

    # Approved; the applicant rates the service.
    review(officer, case_id, "pass")
    page.reload()
    form = page.locator(".rating-form")
    form.wait_for()
    page.get_by_text("踏勘通过。").wait_for()
    form.locator("label.star").nth(3).click()
    form.get_by_label("评价内容（选填）").fill("线上踏勘很方便，不用跑现场。")
    form.scroll_into_view_if_needed()
    shoot(page, "12-rating")
    form.get_by_role("button", name="提交评价").click()
    page.get_by_text("您的评价：4 星").wait_for()
    rating = applicant.ok("GET", f"/cases/{case_id}/rating")
    assert (rating["score"], rating["comment"]) == (4, "线上踏勘很方便，不用跑现场。")
    shoot(page, "13-rated")
    switch_language(page)
    page.get_by_text("Your rating: 4 stars").scroll_into_view_if_needed()
    shoot(page, "13-rated")
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "14-approved")

    # The notifications behind the bell.
    page.click("#bell")
    page.locator(".events .event").first.wait_for()
    assert page.locator(".events .event", has_text="TK-").count() >= 2
    no_injection(page)
    shoot(page, "15-events")
    switch_language(page)
    page.locator(".events .event").first.wait_for()
    shoot(page, "15-events")
    assert page.locator("#bell-count").is_hidden()
