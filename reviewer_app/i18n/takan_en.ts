<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AnnotationScene</name>
    <message>
        <location filename="../qt/annotation_scene.py" line="677"/>
        <source>Change colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="763"/>
        <source>Delete annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/annotation_scene.py" line="763"/>
        <source>Delete %n annotation(s)</source>
        <translation>
            <numerusform>Delete %n annotation</numerusform>
            <numerusform>Delete %n annotations</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="770"/>
        <source>Change label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="774"/>
        <source>Share with applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="774"/>
        <source>Stop sharing with applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="781"/>
        <location filename="../qt/annotation_scene.py" line="898"/>
        <source>Resize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="798"/>
        <source>Add rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="798"/>
        <source>Add ellipse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="799"/>
        <source>Add arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="799"/>
        <source>Add freehand line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="800"/>
        <source>Add text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="800"/>
        <source>Add point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="903"/>
        <location filename="../qt/annotation_scene.py" line="911"/>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="1032"/>
        <source>Edit text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnnotationToolBar</name>
    <message>
        <location filename="../qt/viewer.py" line="197"/>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="198"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="199"/>
        <source>Share with applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="200"/>
        <source>Show the selected annotations to the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="201"/>
        <location filename="../qt/viewer.py" line="203"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="202"/>
        <location filename="../qt/viewer.py" line="204"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Colour</name>
    <message>
        <location filename="../qt/viewer.py" line="48"/>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="49"/>
        <source>Orange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="50"/>
        <source>Yellow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="51"/>
        <source>Green</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="52"/>
        <source>Blue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="53"/>
        <source>Purple</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="54"/>
        <source>White</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="55"/>
        <source>Black</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <location filename="../qt/viewer.py" line="342"/>
        <source>Back to video</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <location filename="../qt/image_view.py" line="100"/>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/image_view.py" line="101"/>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/image_view.py" line="102"/>
        <source>Fit to window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/image_view.py" line="103"/>
        <source>Actual size (1:1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/image_view.py" line="104"/>
        <source>Rotate view right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/image_view.py" line="105"/>
        <source>Rotate view left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocationPanel</name>
    <message>
        <location filename="../qt/location_panel.py" line="171"/>
        <source>inside the geofence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="171"/>
        <source>outside the geofence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="183"/>
        <source>No site location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="196"/>
        <source>No evidence with a location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="228"/>
        <source>Geofence %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="296"/>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tool</name>
    <message>
        <location filename="../qt/annotation_scene.py" line="97"/>
        <source>Select</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="98"/>
        <source>Hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="99"/>
        <source>Rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="100"/>
        <source>Ellipse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="101"/>
        <source>Arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="102"/>
        <source>Freehand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="103"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <location filename="../qt/video_panel.py" line="170"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="170"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="171"/>
        <source>Previous frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="172"/>
        <source>Next frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="173"/>
        <source>Back 5 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="174"/>
        <source>Forward 5 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="175"/>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="176"/>
        <source>Annotate frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="181"/>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="337"/>
        <source>This video cannot be played.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="342"/>
        <source>The video could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="344"/>
        <source>The video could not be loaded: the server is unreachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="346"/>
        <source>This video&apos;s format is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="395"/>
        <source>Annotations here: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="399"/>
        <source>Rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="399"/>
        <source>Ellipse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="399"/>
        <source>Arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Freehand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Point</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
