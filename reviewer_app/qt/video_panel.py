"""The video player: play/pause, seek, frame step, and the annotations pinned to the current time.

QMediaPlayer reads the server's signed http URL directly; the server answers Range requests, so
seeking does not download the whole file. Qt has no frame-step call: a step is a seek by one frame
duration (from the video's frame rate) while paused.

Annotations on a video carry the frame time (time_ms). The list beside the player shows them all,
in time order, with those within `pin_window_ms` of the current position highlighted;
`pinnedChanged` tells the window which they are. To draw on a frame, "Annotate frame" pauses and
emits the frame as an image with its time: the evidence viewer then shows it in the annotation
scene.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect, QSignalBlocker, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtMultimedia import QAudioOutput, QMediaMetaData, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSlider,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.core.annotations import Annotation, pinned_at
from reviewer_app.core.format import format_media_time
from reviewer_app.qt.i18n import Retranslating

DEFAULT_FRAME_RATE = 30.0
DEFAULT_PIN_WINDOW_MS = 500
LONG_STEP_MS = 5000


class VideoPanel(Retranslating, QWidget):
    positionChanged = Signal(int)  # ms
    durationChanged = Signal(int)  # ms
    playingChanged = Signal(bool)
    mediaReady = Signal()  # the video is loaded and can be played or sought
    errorOccurred = Signal(str)  # a message for a person
    pinnedChanged = Signal(list)  # keys of the annotations pinned near the current time
    annotationActivated = Signal(str)  # an annotation chosen in the list (the player seeks to it)
    frameCaptured = Signal(int, QImage)  # "Annotate frame": the time in ms and the frame

    def __init__(self, parent: QWidget | None = None, *, pin_window_ms: int = DEFAULT_PIN_WINDOW_MS):
        super().__init__(parent)
        self.pin_window_ms = pin_window_ms
        self._frame_rate: float | None = None
        self._annotations: list[Annotation] = []
        self._pinned: list[str] = []
        self._scrubbing = False

        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.video = QVideoWidget(self)
        self.video.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.video.setMinimumSize(320, 180)
        self.player.setVideoOutput(self.video)

        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 0)
        self.slider.setSingleStep(100)
        self.slider.setPageStep(LONG_STEP_MS)
        self.time_label = QLabel(self)
        self.time_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.time_label.font())
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamily("monospace")
        self.time_label.setFont(font)

        self._make_actions()
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for action in (self.back_long_action, self.back_frame_action, self.play_action, self.forward_frame_action,
                       self.forward_long_action):
            buttons.addWidget(self._button(action))
        buttons.addSpacing(8)
        buttons.addWidget(self.time_label)
        buttons.addStretch(1)
        buttons.addWidget(self._button(self.mute_action))
        buttons.addWidget(self._button(self.annotate_action, text_beside=True))

        self.pinned_title = QLabel(self)
        self.annotation_list = QListWidget(self)
        self.annotation_list.setMinimumWidth(160)
        self.annotation_list.itemActivated.connect(self._on_list_activated)
        self.annotation_list.itemClicked.connect(self._on_list_activated)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.pinned_title)
        side_layout.addWidget(self.annotation_list)

        player_area = QWidget(self)
        player_layout = QVBoxLayout(player_area)
        player_layout.setContentsMargins(0, 0, 0, 0)
        player_layout.addWidget(self.video, 1)
        player_layout.addWidget(self.slider)
        player_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(player_area)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.player.positionChanged.connect(self._on_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)
        self.player.metaDataChanged.connect(self._on_metadata)
        self.slider.sliderPressed.connect(self._on_slider_pressed)
        self.slider.sliderReleased.connect(self._on_slider_released)
        self.slider.sliderMoved.connect(self.seek)
        self.slider.actionTriggered.connect(self._on_slider_action)
        self.retranslate()
        self._update_time_label()

    # ----- actions --------------------------------------------------------------------------

    def _make_actions(self) -> None:
        style = self.style()

        def action(icon: QStyle.StandardPixmap, shortcuts: list, slot) -> QAction:
            act = QAction(style.standardIcon(icon), "", self)
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        # (J and K step through the case's evidence in the case window, so they are not used here.)
        self.play_action = action(QStyle.StandardPixmap.SP_MediaPlay, ["Space"], self.toggle_play)
        self.back_frame_action = action(QStyle.StandardPixmap.SP_MediaSeekBackward, [","],
                                        lambda: self.step_frames(-1))
        self.forward_frame_action = action(QStyle.StandardPixmap.SP_MediaSeekForward, ["."],
                                           lambda: self.step_frames(1))
        self.back_long_action = action(QStyle.StandardPixmap.SP_MediaSkipBackward, ["Left"],
                                       lambda: self.step_ms(-LONG_STEP_MS))
        self.forward_long_action = action(QStyle.StandardPixmap.SP_MediaSkipForward, ["Right"],
                                          lambda: self.step_ms(LONG_STEP_MS))
        self.mute_action = action(QStyle.StandardPixmap.SP_MediaVolume, ["M"], self._toggle_mute)
        self.mute_action.setCheckable(True)
        self.annotate_action = action(QStyle.StandardPixmap.SP_FileDialogDetailedView, ["Ctrl+E"],
                                      self.capture_frame)

    def _button(self, action: QAction, *, text_beside: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setIconSize(QSize(20, 20))
        if text_beside:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return button

    def retranslate(self) -> None:
        self.play_action.setText(self.tr("Pause") if self.is_playing() else self.tr("Play"))
        self.back_frame_action.setText(self.tr("Previous frame"))
        self.forward_frame_action.setText(self.tr("Next frame"))
        self.back_long_action.setText(self.tr("Back 5 seconds"))
        self.forward_long_action.setText(self.tr("Forward 5 seconds"))
        self.mute_action.setText(self.tr("Mute"))
        self.annotate_action.setText(self.tr("Annotate frame"))
        for action in (self.play_action, self.back_frame_action, self.forward_frame_action, self.back_long_action,
                       self.forward_long_action, self.mute_action, self.annotate_action):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({keys})" if keys else action.text())
        self.slider.setToolTip(self.tr("Position"))
        self._refresh_list()

    # ----- source and annotations -----------------------------------------------------------

    def set_source(self, url: QUrl | str, *, frame_rate: float | None = None) -> None:
        """Load a video: a signed http(s) URL from the server, or a file URL. `frame_rate` (from
        the evidence metadata) sets the frame step; otherwise the video's own metadata does."""
        url = QUrl(url) if isinstance(url, str) else url
        self._frame_rate = frame_rate
        self.player.stop()
        self.player.setSource(url)

    def source(self) -> QUrl:
        return self.player.source()

    def clear(self) -> None:
        self.player.stop()
        self.player.setSource(QUrl())
        self.set_annotations([])

    def set_annotations(self, annotations: Iterable[Annotation]) -> None:
        """The evidence item's annotations; those with a frame time are listed."""
        self._annotations = sorted((a for a in annotations if a.time_ms is not None), key=lambda a: a.time_ms)
        self._refresh_list()
        self._update_pinned(self.position())

    def pinned_keys(self) -> list[str]:
        return list(self._pinned)

    # ----- playback -------------------------------------------------------------------------

    def frame_rate(self) -> float:
        return self._frame_rate or DEFAULT_FRAME_RATE

    def frame_duration_ms(self) -> float:
        return 1000.0 / self.frame_rate()

    def position(self) -> int:
        return self.player.position()

    def duration(self) -> int:
        return self.player.duration()

    def is_playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def play(self) -> None:
        self.player.play()

    def pause(self) -> None:
        self.player.pause()

    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def seek(self, ms: int | float) -> None:
        duration = self.duration()
        ms = max(0, round(ms))
        if duration > 0:
            ms = min(ms, duration)
        self.player.setPosition(ms)

    def step_frames(self, frames: int) -> None:
        """Pause and move by whole frames."""
        self.pause()
        self.seek_frame(self.frame_index() + frames)

    def frame_index(self) -> int:
        """The number of the frame at the current position (0 is the first)."""
        return int(self.position() // self.frame_duration_ms())

    def seek_frame(self, index: int) -> None:
        """Show frame `index`: seek to the middle of its time, so rounding of positions cannot
        land on the frame before it."""
        frame = self.frame_duration_ms()
        self.seek(max(0, index) * frame + frame / 2)

    def frame_time_ms(self) -> int:
        """The start time of the frame on screen (its presentation time), else the position."""
        frame = self.video.videoSink().videoFrame()
        if frame.isValid() and frame.startTime() >= 0:
            return frame.startTime() // 1000
        return self.position()

    def step_ms(self, ms: int) -> None:
        self.seek(self.position() + ms)

    def current_frame(self) -> QImage:
        """The frame on screen now (a null image before the first frame)."""
        return self.video.videoSink().videoFrame().toImage()

    def capture_frame(self) -> None:
        """Pause and emit the current frame with its time, to annotate it."""
        self.pause()
        image = self.current_frame()
        if not image.isNull():
            self.frameCaptured.emit(self.frame_time_ms(), image)

    def snapshot(self) -> QPixmap:
        """The panel as a picture, with the current frame painted where the video is (the video
        surface is not part of QWidget.grab on every platform)."""
        pixmap = self.grab()
        frame = self.current_frame()
        if not frame.isNull():
            painter = QPainter(pixmap)
            area = QRect(self.video.mapTo(self, self.video.rect().topLeft()), self.video.size())
            painter.fillRect(area, Qt.GlobalColor.black)
            scaled = frame.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
            painter.drawImage(area.x() + (area.width() - scaled.width()) // 2,
                              area.y() + (area.height() - scaled.height()) // 2, scaled)
            painter.end()
        return pixmap

    def _toggle_mute(self, checked: bool) -> None:
        self.audio.setMuted(checked)

    # ----- player signals -------------------------------------------------------------------

    def _on_position(self, ms: int) -> None:
        if not self._scrubbing:
            with QSignalBlocker(self.slider):
                self.slider.setValue(ms)
        self._update_time_label()
        self._update_pinned(ms)
        self.positionChanged.emit(ms)

    def _on_duration(self, ms: int) -> None:
        self.slider.setRange(0, max(0, ms))
        self._update_time_label()
        self.durationChanged.emit(ms)

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_action.setIcon(self.style().standardIcon(icon))
        self.retranslate()
        self.playingChanged.emit(playing)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia:
            if self.player.playbackState() == QMediaPlayer.PlaybackState.StoppedState:
                # Paused rather than stopped: the first frame shows, and seeks and frame steps
                # show their frame without playing.
                self.player.pause()
                self.mediaReady.emit()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.errorOccurred.emit(self.tr("This video cannot be played."))

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        text = self.tr("The video could not be loaded.")
        if error == QMediaPlayer.Error.NetworkError:
            text = self.tr("The video could not be loaded: the server is unreachable.")
        elif error == QMediaPlayer.Error.FormatError:
            text = self.tr("This video's format is not supported.")
        self.errorOccurred.emit(f"{text} ({message})" if message else text)

    def _on_metadata(self) -> None:
        if self._frame_rate is None:
            rate = self.player.metaData().value(QMediaMetaData.Key.VideoFrameRate)
            if isinstance(rate, int | float) and 1 <= rate <= 1000:
                self._frame_rate = float(rate)

    def _on_slider_pressed(self) -> None:
        self._scrubbing = True

    def _on_slider_released(self) -> None:
        self._scrubbing = False
        self.seek(self.slider.value())

    def _on_slider_action(self, action: int) -> None:
        # Clicks on the groove and keyboard steps: seek where the slider will be.
        if not self._scrubbing and action != QSlider.SliderAction.SliderMove.value:
            self.seek(self.slider.sliderPosition())

    def _update_time_label(self) -> None:
        self.time_label.setText(f"{format_media_time(self.position())} / {format_media_time(self.duration())}")

    # ----- annotation list ------------------------------------------------------------------

    def _update_pinned(self, ms: int) -> None:
        keys = [a.key for a in pinned_at(self._annotations, ms, self.pin_window_ms)]
        if keys != self._pinned:
            self._pinned = keys
            self._refresh_list()
            self.pinnedChanged.emit(keys)

    def _refresh_list(self) -> None:
        if not hasattr(self, "annotation_list"):
            return
        self.annotation_list.clear()
        pinned = set(self._pinned)
        for annotation in self._annotations:
            label = annotation.label or self._kind_name(annotation.kind)
            item = QListWidgetItem(f"{format_media_time(annotation.time_ms)}  {label}")
            item.setData(Qt.ItemDataRole.UserRole, annotation.key)
            item.setForeground(QBrush(QColor(annotation.colour).darker(120)))
            if annotation.key in pinned:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                item.setBackground(QBrush(QColor(255, 214, 10, 90)))
            self.annotation_list.addItem(item)
        self.pinned_title.setText(self.tr("Annotations here: %1 of %2")
                                  .replace("%1", str(len(pinned))).replace("%2", str(len(self._annotations))))

    def _kind_name(self, kind: str) -> str:
        names = {"rect": self.tr("Rectangle"), "ellipse": self.tr("Ellipse"), "arrow": self.tr("Arrow"),
                 "polyline": self.tr("Freehand"), "text": self.tr("Text"), "point": self.tr("Point")}
        return names.get(kind, kind)

    def _on_list_activated(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        annotation = next((a for a in self._annotations if a.key == key), None)
        if annotation is not None:
            self.pause()
            self.seek(annotation.time_ms)
            self.annotationActivated.emit(key)
