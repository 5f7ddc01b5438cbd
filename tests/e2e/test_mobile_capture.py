"""An applicant on site with a phone: log in, create a case, shoot the photos and the video the
checklist asks for, see the automatic checks at once (a photo 4.8 km away fails the geofence),
re-shoot it, see a refused file explained, submit. The server holds each file byte for byte,
with the browser's position at capture."""

import pytest
from playwright.sync_api import expect

from tests.e2e.phone import (
    MARKS,
    PHONE,
    PHOTO_LIMIT,
    Api,
    assert_fits_width,
    case_id_from,
    current_evidence,
    login,
    sha256,
    shoot,
    site_photo,
    site_video,
    switch_language,
)

pytestmark = MARKS


def test_capture_upload_check_and_submit(phone, server, tmp_path):
    page = phone
    page.goto("/m/")
    page.wait_for_selector("input[name=username]")
    shoot(page, "01-login")
    switch_language(page)
    assert page.locator("h1", has_text="Applicant sign-in").is_visible()
    shoot(page, "01-login")
    switch_language(page)

    # A wrong password is said plainly.
    page.fill("input[name=username]", "shen")
    page.fill("input[name=password]", "not the password")
    page.click("button[type=submit]")
    page.get_by_text("用户名或密码不正确。").wait_for()
    login(page)

    # A new case: the item's fields with their limits, checked before the server sees them.
    page.click("a.btn[href='#/new']")
    switch_language(page)
    page.select_option("select >> nth=0", "e2e_shop")
    page.get_by_label("Floor area (m²)").wait_for()
    shoot(page, "02-new-case")
    switch_language(page)
    page.select_option("select >> nth=0", "e2e_shop")
    page.get_by_text("请在营业场所现场拍摄").wait_for()
    page.select_option("select >> nth=1", str(server.ids["site0"]))
    page.get_by_label("申请名称").fill("东街小馆 食品经营踏勘")
    page.get_by_label("店铺名称").fill("东街小馆")
    page.get_by_label("经营面积（平方米）").fill("0")
    page.get_by_role("button", name="创建申请").click()
    page.get_by_text("“经营面积（平方米）”须在 1 到 10000 之间。").wait_for()
    page.get_by_label("经营面积（平方米）").fill("86")
    assert_fits_width(page)
    shoot(page, "02-new-case")
    page.get_by_role("button", name="创建申请").click()
    case_id = case_id_from(page)

    applicant = Api(server, "shen")
    case = applicant.ok("GET", f"/cases/{case_id}")
    assert case["fields"] == {"shop_name": "东街小馆", "floor_area": 86}
    # The challenge code, big, with what to do with it.
    assert page.locator(".challenge").inner_text() == case["challenge_code"]
    assert page.get_by_text("请将验证码写在纸上，拍摄时出示在画面中").is_visible()
    shoot(page, "03-case-new")

    # The storefront shot from 4.8 km away: the geofence check fails, shown right under it.
    far = site_photo(tmp_path / "far.jpg", seed=1, north_m=4800)
    storefront = page.locator("[data-req=storefront]")
    page.set_input_files("input[data-capture=storefront]", str(far))
    storefront.locator(".check.fail", has_text="拍摄点距现场 4.8 公里").wait_for()
    assert storefront.locator(".count").inner_text() == "已传 1/1"

    # Re-shot at once, still on site: the new photo replaces the old one.
    near = site_photo(tmp_path / "near.jpg", seed=2)
    first = storefront.locator("li.evidence").get_attribute("data-evidence")
    page.set_input_files(f"input[data-reshoot='{first}']", str(near))
    storefront.get_by_text("已被替换 × 1").wait_for()
    storefront.locator(".check.pass", has_text="拍摄点距现场").wait_for()
    assert storefront.locator(".check.fail").count() == 0

    kitchen_photo = site_photo(tmp_path / "kitchen.jpg", seed=3)
    page.set_input_files("input[data-capture=kitchen]", str(kitchen_photo))
    page.locator("[data-req=kitchen] li.evidence").wait_for()

    # Refused files, said why in plain words: one too large (refused before a byte is sent)
    # and one that is not a photo at all (refused once the server has looked at it).
    page.set_input_files("input[data-capture=kitchen]", files=[
        {"name": "huge.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff" + bytes(PHOTO_LIMIT + 1000)}])
    page.set_input_files("input[data-capture=kitchen]", files=[
        {"name": "kitchen2.jpg", "mimeType": "image/jpeg", "buffer": b"this is not a picture" * 50}])
    failed = page.locator("[data-req=kitchen] .job.failed")
    failed.nth(1).wait_for()
    assert "上传失败：文件过大" in failed.nth(0).inner_text()
    assert "上传失败：文件类型不支持" in failed.nth(1).inner_text()
    failed.nth(1).scroll_into_view_if_needed()
    shoot(page, "04-upload-refused")
    switch_language(page)
    failed.nth(1).get_by_text("Wrong file type").wait_for()
    assert "File too large" in failed.nth(0).inner_text()
    failed.nth(1).scroll_into_view_if_needed()
    shoot(page, "04-upload-refused")
    switch_language(page)
    for left in (1, 0):  # one at a time: the list re-renders after each removal
        failed.first.get_by_role("button", name="移除").click()
        expect(failed).to_have_count(left)

    video = site_video(tmp_path / "walk.mp4")
    page.set_input_files("input[data-capture=walkround]", str(video))
    page.locator("[data-req=walkround] li.evidence").wait_for()
    page.locator("[data-req=walkround] .check", has_text="秒").first.wait_for()

    assert_fits_width(page)
    page.locator("[data-req=storefront]").scroll_into_view_if_needed()
    shoot(page, "05-case-checks")
    shoot(page, "05-case-checks-full", full_page=True)
    switch_language(page)
    page.locator("[data-req=storefront] .check.pass", has_text="from the site").wait_for()
    page.locator("[data-req=storefront]").scroll_into_view_if_needed()
    shoot(page, "05-case-checks")
    switch_language(page)
    page.locator(".challenge").wait_for()

    # Submit.
    page.get_by_role("button", name="提交审查").click()
    page.locator(".badge.st-submitted").first.wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "06-submitted")

    # On the server: the same bytes, the browser's position and this phone's device id.
    expected = {"storefront": sha256(near), "kitchen": sha256(kitchen_photo), "walkround": sha256(video)}
    evidence = current_evidence(applicant, case_id)
    assert {key: [e["sha256"] for e in items] for key, items in evidence.items()} == {
        key: [digest] for key, digest in expected.items()}
    device_ids = set()
    for items in evidence.values():
        client = items[0]["client"]
        assert client["lat"] == pytest.approx(PHONE["latitude"], abs=1e-7)
        assert client["lon"] == pytest.approx(PHONE["longitude"], abs=1e-7)
        assert client["accuracy_m"] == pytest.approx(PHONE["accuracy"])
        assert client["captured_at"]
        device_ids.add(client["device_id"])
    assert len(device_ids) == 1 and device_ids.pop().startswith("web-")
    everything = applicant.ok("GET", f"/cases/{case_id}/evidence")["items"]
    replaced = [e for e in everything if e["superseded_by"] is not None]
    assert [e["sha256"] for e in replaced] == [sha256(far)]
    assert applicant.ok("GET", f"/cases/{case_id}")["status"] == "submitted"

    # The list shows it, with its status.
    page.click("#back")
    page.locator(".case-card", has_text="东街小馆 食品经营踏勘").locator(".badge", has_text="已提交").wait_for()
    assert_fits_width(page)
    shoot(page, "07-case-list")
    switch_language(page)
    page.locator(".case-card .badge", has_text="Submitted").first.wait_for()
    shoot(page, "07-case-list")
