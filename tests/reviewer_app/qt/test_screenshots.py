"""Screenshots of the widgets in Chinese and English, for a person to look at
(test-artifacts/reviewer_app/, git-ignored)."""

import math

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QSplitter

from reviewer_app.core.annotations import (
    Annotation,
    AnnotationDocument,
    SceneArrow,
    SceneEllipse,
    ScenePolyline,
    SceneRect,
    SceneText,
)
from reviewer_app.core.i18n import Language
from reviewer_app.core.location import EvidencePoint
from reviewer_app.qt.images import read_image
from reviewer_app.qt.location_panel import LocationPanel
from reviewer_app.qt.video_panel import VideoPanel
from reviewer_app.qt.viewer import EvidenceViewer
from shared.annotations import Arrow, Rect
from shared.enums import CheckStatus
from tests.reviewer_app.conftest import ROOT

PHOTO = ROOT / "tests" / "fixtures" / "exif-samples" / "gps" / "DSCN0010.jpg"
SITE = (30.5426, 119.9689)
TEXTS = {
    Language.zh_CN: {"label": "缺少工程概况牌", "note": "3号楼 主体13层", "site": "春晓苑 3号楼",
                     "points": ["东立面", "南立面", "概况牌", "视频 一镜到底"], "video": "塔吊位置"},
    Language.en: {"label": "Site sign board missing", "note": "Building 3: 13 floors", "site": "Chunxiao Garden B3",
                  "points": ["East side", "South side", "Sign board", "Walk-through video"], "video": "Tower crane"},
}


def offset(north_m: float, east_m: float) -> tuple[float, float]:
    r = 6_371_008.8
    return (SITE[0] + math.degrees(north_m / r),
            SITE[1] + math.degrees(east_m / (r * math.cos(math.radians(SITE[0])))))


def evidence_points(texts) -> list[EvidencePoint]:
    east, south, sign, video = texts["points"]
    return [
        EvidencePoint("e1", *offset(40, 140), label=east, status=CheckStatus.pass_, accuracy_m=25),
        EvidencePoint("e2", *offset(-180, 20), label=south, status=CheckStatus.pass_),
        EvidencePoint("e3", *offset(260, -380), label=sign, status=CheckStatus.warn),
        EvidencePoint("e4", *offset(-700, -900), label=video, status=CheckStatus.fail),
    ]


def annotate(viewer: EvidenceViewer, texts) -> None:
    scene = viewer.scene
    key = scene.add_shape(SceneRect(60, 60, 180, 130), label=texts["label"])
    scene.add_shape(SceneArrow(420, 380, 300, 250), colour="#ffcc00")
    scene.add_shape(SceneText(330, 30, texts["note"], 24), colour="#ffffff")
    scene.add_shape(SceneEllipse(440, 140, 140, 90), colour="#34c759")
    scene.add_shape(ScenePolyline(((40, 420), (90, 400), (140, 440), (200, 410), (250, 435))), colour="#007aff")
    scene.select_keys([key])


@pytest.mark.parametrize("language", [Language.zh_CN, Language.en])
def test_screenshots(qtbot, on_screen, translations, artifacts_dir, video_file, language):
    translations.install(language)
    texts = TEXTS[language]
    suffix = language.value

    viewer = on_screen(EvidenceViewer(), 960, 640)
    viewer.show_photo(read_image(PHOTO))
    annotate(viewer, texts)
    qtbot.wait(20)  # the LanguageChange events
    viewer_shot = artifacts_dir / f"evidence_viewer_{suffix}.png"
    assert viewer.grab().save(str(viewer_shot))

    panel = on_screen(LocationPanel(), 440, 360, show=False)
    panel.set_site(*SITE, 300, texts["site"])
    panel.set_points(evidence_points(texts))
    panel.set_highlighted("e1")
    location_shot = artifacts_dir / f"location_panel_{suffix}.png"
    assert panel.grab().save(str(location_shot))

    video = on_screen(VideoPanel(pin_window_ms=300), 820, 420)
    video.audio.setMuted(True)
    with qtbot.waitSignal(video.mediaReady, timeout=10_000, raising=False) as ready:
        video.set_source(QUrl.fromLocalFile(str(video_file)))
    video.set_annotations([
        Annotation(key="a", shape=Rect(x=0.1, y=0.1, w=0.3, h=0.3), time_ms=1000, label=texts["video"]),
        Annotation(key="b", shape=Arrow(x1=0.2, y1=0.8, x2=0.5, y2=0.5), time_ms=1600, colour="#ffcc00"),
    ])
    if ready.signal_triggered:
        video.seek_frame(25)
        qtbot.waitUntil(lambda: video.position() == 1020, timeout=5000)
        qtbot.waitUntil(lambda: not video.current_frame().isNull(), timeout=5000)
    video_shot = artifacts_dir / f"video_panel_{suffix}.png"
    assert video.snapshot().save(str(video_shot))

    # The pieces composed as the case window will: the viewer beside the location panel.
    case = QSplitter()
    qtbot.addWidget(case)
    composed = EvidenceViewer()
    side = LocationPanel()
    case.addWidget(composed)
    case.addWidget(side)
    case.resize(1280, 640)
    case.setSizes([880, 400])
    case.show()
    composed.show_photo(read_image(PHOTO), AnnotationDocument())
    annotate(composed, texts)
    side.set_site(*SITE, 300, texts["site"])
    side.set_points(evidence_points(texts))
    case_shot = artifacts_dir / f"case_viewer_{suffix}.png"
    assert case.grab().save(str(case_shot))

    for shot in (viewer_shot, location_shot, video_shot, case_shot):
        image = QImage(str(shot))
        assert not image.isNull() and image.width() > 300, shot.name


def test_the_two_languages_look_different(artifacts_dir):
    """Run after test_screenshots: the Chinese toolbar and labels differ from the English ones."""
    zh, en = artifacts_dir / "location_panel_zh_CN.png", artifacts_dir / "location_panel_en.png"
    if not (zh.exists() and en.exists()):
        pytest.skip("run with test_screenshots")
    assert QImage(str(zh)) != QImage(str(en))
