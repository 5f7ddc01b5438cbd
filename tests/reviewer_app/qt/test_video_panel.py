"""The video panel on a real MP4 (made with PyAV): load, play, pause, seek, frame step, pinned
annotations, and annotating a frame in the evidence viewer."""

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor
from PySide6.QtMultimedia import QMediaPlayer

from reviewer_app.core.annotations import Annotation, AnnotationDocument, SceneRect
from reviewer_app.qt.video_panel import VideoPanel
from reviewer_app.qt.viewer import EvidenceViewer
from shared.annotations import Point, Rect
from tests.reviewer_app.conftest import VIDEO_FPS
from tests.reviewer_app.conftest import VIDEO_HEIGHT as HEIGHT
from tests.reviewer_app.conftest import VIDEO_WIDTH as WIDTH


@pytest.fixture
def panel(qtbot, on_screen, video_file):
    panel = on_screen(VideoPanel(pin_window_ms=100), 720, 420)
    panel.audio.setMuted(True)
    errors = []
    panel.errorOccurred.connect(errors.append)
    with qtbot.waitSignal(panel.mediaReady, timeout=10_000, raising=False) as ready:
        panel.set_source(QUrl.fromLocalFile(str(video_file)))
    if not ready.signal_triggered:
        pytest.skip(f"Qt Multimedia cannot play an H.264 MP4 here: {errors or panel.player.errorString()}")
    qtbot.waitUntil(lambda: panel.duration() > 0, timeout=5000)
    return panel


def wait_position(qtbot, panel, ms: int) -> None:
    qtbot.waitUntil(lambda: panel.position() == ms, timeout=5000)


def frame_index(panel) -> int:
    """Which of the test video's frames is on screen, by its colour."""
    image = panel.current_frame()
    assert not image.isNull()
    return round(QColor(image.pixel(WIDTH // 2, HEIGHT // 2)).red() / 5)


def test_loads_with_its_duration_and_frame_rate(panel):
    assert panel.duration() == pytest.approx(2000, abs=50)
    assert panel.frame_rate() == pytest.approx(VIDEO_FPS)
    assert panel.frame_duration_ms() == pytest.approx(40)
    assert panel.slider.maximum() == panel.duration()
    assert panel.time_label.text().endswith(f"/ 0:0{panel.duration() // 1000}.{panel.duration() % 1000:03d}")


def test_play_and_pause(panel, qtbot):
    with qtbot.waitSignal(panel.playingChanged) as playing:
        panel.play_action.trigger()
    assert playing.args == [True]
    qtbot.waitUntil(lambda: panel.position() >= 200, timeout=5000)
    with qtbot.waitSignal(panel.playingChanged) as paused:
        panel.play_action.trigger()
    assert paused.args == [False]
    stopped_at = panel.position()
    qtbot.wait(150)
    assert panel.position() == stopped_at
    assert panel.slider.value() == stopped_at


def test_seek_and_step_by_frames_and_seconds(panel, qtbot):
    panel.seek_frame(25)
    wait_position(qtbot, panel, 1020)  # the middle of frame 25
    qtbot.waitUntil(lambda: frame_index(panel) == 25, timeout=5000)
    assert panel.frame_time_ms() == 1000
    panel.forward_frame_action.trigger()
    wait_position(qtbot, panel, 1060)
    qtbot.waitUntil(lambda: frame_index(panel) == 26, timeout=5000)
    panel.step_frames(-3)
    wait_position(qtbot, panel, 940)
    qtbot.waitUntil(lambda: frame_index(panel) == 23, timeout=5000)
    assert panel.frame_index() == 23
    panel.forward_long_action.trigger()  # +5 s stops at the end
    wait_position(qtbot, panel, panel.duration())
    panel.back_long_action.trigger()
    wait_position(qtbot, panel, 0)
    assert not panel.is_playing()


def test_annotations_pinned_to_the_current_time(panel, qtbot):
    panel.set_annotations([
        Annotation(key="sign", shape=Point(x=0.5, y=0.5), time_ms=1000, label="概况牌"),
        Annotation(key="crack", shape=Point(x=0.2, y=0.2), time_ms=1600),
        Annotation(key="photo-only", shape=Point(x=0.1, y=0.1)),  # no time: not listed
    ])
    assert panel.annotation_list.count() == 2
    with qtbot.waitSignal(panel.pinnedChanged) as pinned:
        panel.seek(960)
    assert pinned.args == [["sign"]]
    assert panel.annotation_list.item(0).font().bold()
    assert not panel.annotation_list.item(1).font().bold()
    with qtbot.waitSignal(panel.annotationActivated) as activated:
        panel.annotation_list.itemClicked.emit(panel.annotation_list.item(1))
    assert activated.args == ["crack"]
    wait_position(qtbot, panel, 1600)
    assert panel.pinned_keys() == ["crack"]


def test_annotate_a_frame_in_the_viewer(qtbot, on_screen, video_file):
    viewer = on_screen(EvidenceViewer(pin_window_ms=100), 800, 500)
    viewer.video_panel.audio.setMuted(True)
    document = AnnotationDocument([Annotation(key="old", shape=Rect(x=0.1, y=0.1, w=0.2, h=0.2), time_ms=400)])
    with qtbot.waitSignal(viewer.video_panel.mediaReady, timeout=10_000, raising=False) as ready:
        viewer.show_video(QUrl.fromLocalFile(str(video_file)), document)
    if not ready.signal_triggered:
        pytest.skip("Qt Multimedia cannot play an H.264 MP4 here")
    assert viewer.mode == "video"
    viewer.video_panel.seek_frame(30)
    qtbot.waitUntil(lambda: frame_index(viewer.video_panel) == 30, timeout=5000)
    with qtbot.waitSignal(viewer.modeChanged) as mode:
        viewer.video_panel.annotate_action.trigger()
    assert mode.args == ["frame"]
    scene = viewer.scene
    assert scene.image_size().width == WIDTH and scene.image_size().height == HEIGHT
    assert not scene.item_for("old").isVisible()  # pinned to 400 ms, not to this frame
    key = scene.add_shape(SceneRect(32, 24, 64, 48))
    assert scene.document.get(key).time_ms == 1200
    assert scene.document.get(key).shape == Rect(x=0.1, y=0.1, w=0.2, h=0.2)
    viewer.back_to_video()
    assert viewer.mode == "video"
    assert viewer.video_panel.annotation_list.count() == 2
    assert viewer.video_panel.pinned_keys() == [key]


def test_an_unreachable_video_says_so(qtbot, on_screen):
    panel = on_screen(VideoPanel(), show=False)
    with qtbot.waitSignal(panel.errorOccurred, timeout=10_000) as failed:
        panel.set_source(QUrl("http://127.0.0.1:9/media/evidence.mp4"))
    assert "video" in failed.args[0].lower()
    assert panel.player.mediaStatus() in (QMediaPlayer.MediaStatus.InvalidMedia, QMediaPlayer.MediaStatus.NoMedia,
                                          QMediaPlayer.MediaStatus.LoadingMedia)
