"""The Qt side of the reviewer app: widgets and adapters over reviewer_app.core.

annotation_scene  the photo and its annotations: tools, selection, handles, undo
image_view        zoom, pan, fit, 1:1, rotation of the photo
viewer            the annotation toolbar and the evidence viewer (photo or video)
video_panel       QMediaPlayer playback, frame step, annotations pinned to the time
location_panel    the site, its geofence and the evidence points, drawn north-up
workers           the one way to run work off the GUI thread (TaskRunner)
images            photo decoding with EXIF orientation, thumbnail disk cache
i18n              Qt translations (zh_CN, en), switchable at runtime

The application (Part B) on top of them:
app               the logins and their windows (`takan-reviewer` starts it)
context           one login's session, API client, event stream and reachability
login             the login dialog
queue_model       the review queue as a table model, paged as it scrolls
queue_window      the main window of a login: queue, tabs, filters, claim, language
case_window       one case: checklist, gallery, viewer, details, location, comments, opinion, history
case_models       the checklist, gallery, results and history models of the case window
case_panels       the details, comments, opinion and history panels
gallery           the thumbnail view with its delegate
status            the message banner and the busy indicator
errors            failures as sentences for a person
"""

import ctypes
import sys

from PySide6.QtCore import QObject, Signal


def _guard_emit_refcount() -> bool:
    """Work around PySide6 6.12.0's `SignalInstance.emit`, which returns `True` without taking a
    reference to it: every emit from Python drops one reference to the `True` object, and on
    CPython before 3.12 (where True is not immortal) the interpreter aborts ("bool_dealloc:
    deallocating True or False") once the count reaches zero - at exit, or in the middle of a
    session after some thousands of signals.

    Detected at import, not assumed from the version: emit a probe signal and watch the count.
    When it leaks, give `True` so many references that it can never reach zero. Returns whether the
    guard was applied."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False

    class _Probe(QObject):
        probe = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.probe.emit()
    lost = before - sys.getrefcount(True)
    if lost < 16:
        return False
    ctypes.c_ssize_t.from_address(id(True)).value += 1 << 48
    return True


EMIT_REFCOUNT_GUARD = _guard_emit_refcount()
