"""A multi-megabyte photo over a bad connection: the network drops in the middle of the upload,
the page is reloaded in the middle, the tab is closed and opened again. Each time the upload
continues from the server's offset (never from zero, never a second upload) and the server ends
up with the very same bytes."""

import threading

from tests.e2e.phone import MARKS, PHOTO_LIMIT, Api, current_evidence, login, new_case, sha256, shoot, site_photo

pytestmark = MARKS
MIB = 1024 * 1024


class UploadWatch:
    """Watches the page's tus traffic: creations, PATCH offsets, and cuts chosen PATCHes."""

    def __init__(self, cut_at: set[int]):
        self.cut_at = cut_at  # 1-based numbers of the PATCHes to cut
        self.creations: list[str] = []
        self.offsets: list[int] = []
        self.cut = threading.Event()
        # While "offline", every upload request fails as with no network at all (Playwright's
        # offline emulation may not apply to requests a route intercepts).
        self.offline = False

    def attach(self, page) -> None:
        page.route("**/api/v1/uploads/*", self.on_upload)
        page.on("response", self.on_response)

    def on_upload(self, route, request) -> None:
        if self.offline:
            route.abort("internetdisconnected")
            return
        if request.method == "PATCH":
            self.offsets.append(int(request.headers["upload-offset"]))
            if len(self.offsets) in self.cut_at:
                self.cut.set()
                route.abort("internetdisconnected")
                return
        route.continue_()

    def on_response(self, response) -> None:
        if response.request.method == "POST" and response.url.endswith("/api/v1/uploads"):
            self.creations.append(response.headers.get("location", ""))

    def wait_cut(self, page) -> None:
        for _ in range(400):
            if self.cut.is_set():
                self.cut.clear()
                return
            page.wait_for_timeout(25)
        raise AssertionError(f"no PATCH was cut; offsets so far {self.offsets}")


def big_photo(tmp_path):
    photo = site_photo(tmp_path / "big.jpg", seed=7, width=4000, height=3000, noise=14)
    assert 4 * MIB < photo.stat().st_size < PHOTO_LIMIT, photo.stat().st_size
    return photo


def test_network_drop_mid_upload(phone, server, tmp_path):
    page = phone
    applicant = Api(server, "shen")
    case = new_case(applicant, server, title="断网续传")
    photo = big_photo(tmp_path)
    watch = UploadWatch(cut_at={3})
    watch.attach(page)
    login(page)
    page.goto(f"/m/#/case/{case['id']}")
    page.set_input_files("input[data-capture=storefront]", str(photo))

    # The third chunk is lost and the phone goes offline.
    watch.wait_cut(page)
    watch.offline = True
    page.context.set_offline(True)
    job = page.locator("[data-req=storefront] .job")
    job.locator(".job-status", has_text="网络已断开").wait_for()
    assert page.locator("#net").is_visible()
    job.scroll_into_view_if_needed()
    shoot(page, "08-offline-upload")
    page.wait_for_timeout(1500)  # a while offline: the page waits for the network, no busy retrying
    upload_url = watch.creations[0]
    held = applicant("HEAD", upload_url.removeprefix("/api/v1"), headers={"Tus-Resumable": "1.0.0"})
    assert int(held.headers["upload-offset"]) == 2 * MIB
    assert job.locator("progress").evaluate("p => p.value") == 2 * MIB

    # Back online: the upload continues from the server's offset and completes.
    watch.offline = False
    page.context.set_offline(False)
    page.locator("[data-req=storefront] li.evidence").wait_for()
    assert not page.locator("#net").is_visible()
    assert len(watch.creations) == 1
    assert watch.offsets[:3] == [0, MIB, 2 * MIB] and watch.offsets[3] == 2 * MIB  # the lost chunk again
    assert watch.offsets[-1] == (photo.stat().st_size - 1) // MIB * MIB
    [evidence] = current_evidence(applicant, case["id"])["storefront"]
    assert evidence["sha256"] == sha256(photo) and evidence["size"] == photo.stat().st_size


def test_reload_and_reopen_mid_upload(phone, server, tmp_path):
    page = phone
    applicant = Api(server, "shen")
    case = new_case(applicant, server, title="刷新续传")
    photo = big_photo(tmp_path)
    watch = UploadWatch(cut_at={3, 5})
    watch.attach(page)
    login(page)
    page.goto(f"/m/#/case/{case['id']}")
    page.set_input_files("input[data-capture=storefront]", str(photo))

    # Reloaded while the third chunk is on its way: the queue in IndexedDB picks the upload up
    # again (same upload, from the server's offset).
    watch.wait_cut(page)
    page.reload()
    job = page.locator("[data-req=storefront] .job")
    job.wait_for()

    # The tab is closed while the fifth chunk is on its way; a new tab must sign in again (the
    # token lived in the closed tab's sessionStorage), then the upload continues by itself.
    watch.wait_cut(page)
    context = page.context
    page.close()
    page = context.new_page()
    watch.attach(page)
    login(page)
    page.goto(f"/m/#/case/{case['id']}")
    page.locator("[data-req=storefront] li.evidence").wait_for()

    assert len(watch.creations) == 1, watch.creations
    assert watch.offsets[:5] == [0, MIB, 2 * MIB, 2 * MIB, 3 * MIB], watch.offsets
    assert watch.offsets[5] == 3 * MIB  # resumed at the server's offset, not from zero
    [evidence] = current_evidence(applicant, case["id"])["storefront"]
    assert evidence["sha256"] == sha256(photo) and evidence["size"] == photo.stat().st_size
    # The queue is empty again: nothing left in IndexedDB.
    left = page.evaluate("""() => new Promise((resolve) => {
        const open = indexedDB.open("takan-mobile");
        open.onsuccess = () => {
            const request = open.result.transaction("jobs").objectStore("jobs").count();
            request.onsuccess = () => resolve(request.result);
        };
    })""")
    assert left == 0
