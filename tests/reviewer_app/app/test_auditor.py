"""Auditors see the same case window read-only, and export the case's signed archive to a file
with progress; a video case plays its video through the server's signed link."""

from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt

from reviewer_app.qt.annotation_scene import Tool
from tests.reviewer_app.app.conftest import LOAD_TIMEOUT_MS, activate, open_case


def test_the_auditor_reads_and_exports(qtbot, open_login, seeded, tmp_path):
    case = seeded.cases["video"]
    queue = open_login("liu")
    assert not queue.claim_action.isVisible()
    window = open_case(qtbot, queue, case.id)
    activate(qtbot, window)
    assert window.case_actions.export.isVisible() and not window.case_actions.claim.isVisible()
    assert window.viewer.scene.read_only
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.viewer.scene.tool is not Tool.rect  # drawing tools are off
    assert not window.opinion.sign_button.isEnabled()
    assert not window.comments.post_button.isEnabled()
    assert "Auditors" in window.opinion.round_label.text()

    # The video item plays from the server's signed link (Range requests make it seekable).
    qtbot.keyClick(window, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: window.viewer.mode == "video", timeout=LOAD_TIMEOUT_MS)
    source = window.viewer.video_panel.source().toString()
    assert "/api/v1/media/" in source and "sig=" in source
    panel = window.viewer.video_panel
    qtbot.waitUntil(lambda: panel.duration() > 0, timeout=LOAD_TIMEOUT_MS)
    assert 1500 <= panel.duration() <= 2500

    target = tmp_path / "archive.zip"
    window.archive_export.ask_path = lambda _suggested: str(target)
    with qtbot.waitSignal(window.archiveSaved, timeout=60_000) as saved:
        window.case_actions.export.trigger()
        assert window.archive_export.bar.isVisible()
    assert saved.args == [str(target)]
    assert "Archive saved" in window.banner.text()
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert any(name.endswith("bagit.txt") for name in names)
    assert any("/data/" in name for name in names)
    assert not list(tmp_path.glob(".archive.zip.*"))  # no temp file left behind


def test_an_export_the_server_refuses_is_explained(qtbot, open_login, seeded, tmp_path):
    queue = open_login("zhang")  # an officer: the route is for auditors
    window = open_case(qtbot, queue, seeded.cases["soon"].id)
    assert not window.case_actions.export.isVisible()
    window.archive_export.ask_path = lambda _suggested: str(tmp_path / "refused.zip")
    window.export_archive()
    qtbot.waitUntil(lambda: "could not be exported" in window.banner.text(), timeout=LOAD_TIMEOUT_MS)
    assert not (tmp_path / "refused.zip").exists()
