"""The Qt side of the reviewer app: widgets and adapters over reviewer_app.core.

annotation_scene  the photo and its annotations: tools, selection, handles, undo
image_view        zoom, pan, fit, 1:1, rotation of the photo
viewer            the annotation toolbar and the evidence viewer (photo or video)
video_panel       QMediaPlayer playback, frame step, annotations pinned to the time
location_panel    the site, its geofence and the evidence points, drawn north-up
workers           the one way to run work off the GUI thread (TaskRunner)
images            photo decoding with EXIF orientation, thumbnail disk cache
i18n              Qt translations (zh_CN, en), switchable at runtime
"""
