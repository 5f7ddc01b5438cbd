"""The Qt side of the reviewer app: widgets and adapters over reviewer_app.core.

annotation_scene  the photo and its annotations: tools, modes, edits, undo
annotation_items  the shape items, their handles and labels, the inline text editor
annotation_commands  the undo commands (arrow-key nudges merge into one step)
image_view        zoom, pan, fit, 1:1, rotation of the photo
viewer            the annotation toolbar and the evidence viewer (photo or video)
video_panel       QMediaPlayer playback, frame step, annotations pinned to the time
location_panel    the site, its geofence and the evidence points, drawn north-up
workers           the one way to run work off the GUI thread (TaskRunner)
images            photo decoding with EXIF orientation, thumbnail disk cache
i18n              Qt translations (zh_CN, en), switchable at runtime

The application on top of them:
app               the logins and their windows (`takan-reviewer` starts it)
context           one login's session, API client, event stream and reachability
login             the login dialog
queue_model       the review queue as a table model, paged as it scrolls
queue_window      the main window of a login: queue, tabs, filters, claim, language
case_window       one case: wires a core CaseSession to the checklist, gallery, viewer and panels
case_actions      the case window's toolbar actions and shortcuts
case_header       the case's header line and the caption under the viewer
case_status_bar   whether the annotations are saved, the archive export, the busy indicator
case_models       the checklist, gallery, results and history models of the case window
case_panels       the checklist, details, comments, opinion and history panels
photo_loader      the case's thumbnails and photos (preview, original, accurate, prefetch)
evidence_display  the item the session shows, put on the viewer as its pictures arrive
gallery           the thumbnail view with its delegate
status            the message banner and the busy indicator
errors            failures as sentences for a person
"""
