<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AnnotationScene</name>
    <message>
        <location filename="../qt/annotation_scene.py" line="678"/>
        <source>Change colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="764"/>
        <source>Delete annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/annotation_scene.py" line="764"/>
        <source>Delete %n annotation(s)</source>
        <translation>
            <numerusform>Delete %n annotation</numerusform>
            <numerusform>Delete %n annotations</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="771"/>
        <source>Change label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="775"/>
        <source>Share with applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="775"/>
        <source>Stop sharing with applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="782"/>
        <location filename="../qt/annotation_scene.py" line="899"/>
        <source>Resize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="799"/>
        <source>Add rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="799"/>
        <source>Add ellipse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="800"/>
        <source>Add arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="800"/>
        <source>Add freehand line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="801"/>
        <source>Add text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="801"/>
        <source>Add point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="904"/>
        <location filename="../qt/annotation_scene.py" line="912"/>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="1033"/>
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
    <name>BusyIndicator</name>
    <message numerus="yes">
        <location filename="../qt/status.py" line="113"/>
        <source>%n task(s) running</source>
        <translation>
            <numerusform>%n task running</numerusform>
            <numerusform>%n tasks running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseModels</name>
    <message>
        <location filename="../qt/case_models.py" line="54"/>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="55"/>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <location filename="../qt/case_window.py" line="286"/>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="287"/>
        <source>Previous evidence (K, Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="288"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="289"/>
        <source>Next evidence (J, Page Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="290"/>
        <source>Save annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="291"/>
        <source>Annotations are saved automatically; Ctrl+S saves now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="292"/>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="293"/>
        <source>Take this case up for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="294"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="295"/>
        <source>Sign opinion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="296"/>
        <source>Export archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="297"/>
        <source>Save the case&apos;s signed archive (BagIt zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="298"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="299"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="299"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="299"/>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="300"/>
        <source>Opinion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="300"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="319"/>
        <source>Case %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="320"/>
        <source>Takan reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="326"/>
        <source>Loading case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="335"/>
        <source>Applicant: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="336"/>
        <source>Site: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="338"/>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="340"/>
        <source>Round %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="341"/>
        <source>Challenge code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="344"/>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="345"/>
        <source>Officers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="346"/>
        <source>Signed %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="349"/>
        <source>Opinions differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="352"/>
        <source>Read-only (auditor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="366"/>
        <source>opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="368"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="375"/>
        <source>Saving annotations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="377"/>
        <source>Annotations not saved yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="381"/>
        <source>Unsaved annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="383"/>
        <source>All annotations saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="395"/>
        <source>Auditors read the case; they do not sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="396"/>
        <source>Auditors read the comments; they do not write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="398"/>
        <source>The case is %1: there is nothing to sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="462"/>
        <source>This case does not exist (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="465"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="514"/>
        <source>No evidence has been uploaded for this case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="591"/>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="602"/>
        <source>Your login has expired: log in again from the queue window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="662"/>
        <source>The photo could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="730"/>
        <source>Loading video…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="739"/>
        <source>Loading photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="763"/>
        <source>The annotations could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="869"/>
        <source>The video could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1017"/>
        <source>You have taken this case up for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1067"/>
        <source>Your opinion is signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1084"/>
        <source>Not opened yet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1091"/>
        <source>Claim the case now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1124"/>
        <source>Export archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1125"/>
        <source>Zip archives (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1139"/>
        <source>Exporting archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1153"/>
        <source>Exporting archive… %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1156"/>
        <source>Exporting archive… %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1167"/>
        <source>Archive saved: %1 (%2 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1174"/>
        <source>The archive could not be exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="1181"/>
        <source>Export cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../qt/case_models.py" line="101"/>
        <source>Requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="101"/>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="101"/>
        <source>Coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="128"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="131"/>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="131"/>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="137"/>
        <source>%1 current, %2 replaced, at least %3 needed</source>
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
    <name>CommentsPanel</name>
    <message>
        <location filename="../qt/case_panels.py" line="220"/>
        <source>Internal (officers only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="221"/>
        <source>Visible to the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="224"/>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="225"/>
        <source>Write a comment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="249"/>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="261"/>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="264"/>
        <source>visible to the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="264"/>
        <source>internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="275"/>
        <source>No comments yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="298"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="300"/>
        <source>Replying to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../qt/case_panels.py" line="85"/>
        <source>Select an evidence item to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="98"/>
        <source>Requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="100"/>
        <source>Round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="106"/>
        <location filename="../qt/case_panels.py" line="112"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="107"/>
        <source>Captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="108"/>
        <source>Received by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="110"/>
        <source>Phone clock at capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="112"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="114"/>
        <source>Software</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="118"/>
        <source>(shown %1 × %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="119"/>
        <location filename="../qt/case_panels.py" line="121"/>
        <source>Pixel size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="123"/>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="125"/>
        <source>Frame rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="127"/>
        <source>Codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="132"/>
        <source>altitude %1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="135"/>
        <source>%1 from the site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="136"/>
        <location filename="../qt/case_panels.py" line="138"/>
        <source>GPS in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="138"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="143"/>
        <source>Phone position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="144"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="145"/>
        <source>Uploaded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="148"/>
        <source>Replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="148"/>
        <source>by #%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="150"/>
        <source>Replaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="156"/>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="156"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="157"/>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="157"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="166"/>
        <source>No automatic checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="167"/>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="168"/>
        <source>Automatic checks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../qt/errors.py" line="23"/>
        <source>The server at %1 cannot be reached. Check the network connection; the app keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="37"/>
        <source>The server at %1 did not answer in time. The app keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="41"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="43"/>
        <source>Something went wrong in the app: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="46"/>
        <source>Wrong username or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="47"/>
        <source>This account is disabled. Ask an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="48"/>
        <location filename="../qt/errors.py" line="49"/>
        <source>Your login has expired. Please log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="50"/>
        <source>This case already has all the officers it needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="51"/>
        <source>This case is not under review any more (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="53"/>
        <source>Take the case first (Claim), then sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="54"/>
        <source>You have already signed this round&apos;s opinion; change it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="55"/>
        <source>You cannot review a case you applied for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="56"/>
        <source>Someone changed this in the meantime. The latest version has been loaded; please check and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="58"/>
        <source>Only the officer who drew an annotation can change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="59"/>
        <source>Only the officer who signed an opinion can change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="60"/>
        <source>This opinion can no longer change: the case has moved on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="61"/>
        <source>Your account may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="62"/>
        <source>It is not on the server (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="63"/>
        <source>The server ran into a problem; it has been logged. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="64"/>
        <source>The server&apos;s answer could not be read. Is the address right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="68"/>
        <source>Too many failed logins for this account. Try again in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/errors.py" line="72"/>
        <source>Open every piece of evidence before signing: %n not opened yet.</source>
        <translation>
            <numerusform>Open every piece of evidence before signing: %n not opened yet.</numerusform>
            <numerusform>Open every piece of evidence before signing: %n not opened yet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="74"/>
        <source>The opinion is not complete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="82"/>
        <source>The server ran into a problem (%1). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="91"/>
        <source>say why (reasons are required for rectify and fail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="92"/>
        <source>set a rectification deadline after today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="93"/>
        <source>choose the requirements to redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="94"/>
        <source>one result per checklist requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="95"/>
        <source>a deadline and requirements to redo go only with the verdict rectify</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <location filename="../qt/viewer.py" line="360"/>
        <source>Back to video</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <location filename="../qt/case_models.py" line="279"/>
        <source>%1 (replaced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="281"/>
        <source>%1 (new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="314"/>
        <source>Received %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="316"/>
        <source>Replaced by #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="318"/>
        <source>Replaces #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="320"/>
        <source>You have opened it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../qt/case_models.py" line="489"/>
        <source>Case created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="490"/>
        <source>Case edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="491"/>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="492"/>
        <source>Review started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="493"/>
        <source>Rectification requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="494"/>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="495"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="496"/>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="497"/>
        <source>Officer assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="498"/>
        <source>Officer removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="499"/>
        <source>Evidence uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="500"/>
        <source>Evidence replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="501"/>
        <source>Evidence opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="502"/>
        <source>Annotation drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="503"/>
        <source>Annotation changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="504"/>
        <source>Annotation deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="505"/>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="506"/>
        <source>Opinion signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="507"/>
        <source>Opinion changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="508"/>
        <source>Rated by the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="509"/>
        <source>Archive exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="523"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../qt/case_models.py" line="569"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="569"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="569"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="569"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="585"/>
        <source>(system)</source>
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
        <location filename="../qt/location_panel.py" line="198"/>
        <source>No evidence with a location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="267"/>
        <source>Geofence %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="307"/>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../qt/login.py" line="116"/>
        <source>Takan reviewer — log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="117"/>
        <source>Takan remote site survey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="118"/>
        <source>Review desk for approval officers and auditors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="119"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="120"/>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="121"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="122"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="125"/>
        <source>Logging in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="125"/>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="126"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="167"/>
        <source>Enter the server&apos;s address, for example http://127.0.0.1:8000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="173"/>
        <source>Enter your username and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="179"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="190"/>
        <source>Log in as the same user to carry on (or log out).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="197"/>
        <source>This program is for approval officers and auditors. Applicants use the mobile page on their phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="212"/>
        <source>Cannot reach the server at %1. Check the address and the network, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpinionPanel</name>
    <message>
        <location filename="../qt/case_panels.py" line="423"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="426"/>
        <source>Reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="427"/>
        <source>Rectify by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="428"/>
        <source>What is wrong, and what the applicant must do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="440"/>
        <source>Signing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="442"/>
        <source>Change my opinion (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="444"/>
        <source>Sign opinion (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="472"/>
        <source>Signatures this round: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="474"/>
        <source>Use as a starting point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="480"/>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="487"/>
        <source>Round %1: %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="552"/>
        <source>Choose a verdict: pass, rectify by a deadline, or fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="555"/>
        <source>Give the reasons (required for rectify and fail).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="559"/>
        <source>Tick the requirements the applicant must redo.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../qt/queue_model.py" line="179"/>
        <source>Click to sort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="184"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="185"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="186"/>
        <source>Item type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="187"/>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="188"/>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="189"/>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="190"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="191"/>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="192"/>
        <source>Rectified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="193"/>
        <source>Officers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="194"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="266"/>
        <source>Round %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="270"/>
        <source>(unassigned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="279"/>
        <source>Rectify by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="286"/>
        <source>%1 (overdue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="288"/>
        <source>%1 (due today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/queue_model.py" line="289"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="296"/>
        <source>Past the promised time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="298"/>
        <source>Due within two working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/queue_model.py" line="301"/>
        <source>%n failed check(s)</source>
        <translation>
            <numerusform>%n failed check</numerusform>
            <numerusform>%n failed checks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/queue_model.py" line="302"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="304"/>
        <source>The officers&apos; opinions differ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueWindow</name>
    <message>
        <location filename="../qt/queue_window.py" line="242"/>
        <source>Takan reviewer — review queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="243"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="244"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="245"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="246"/>
        <source>Open case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="247"/>
        <source>Open the selected case (Enter or double-click)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="248"/>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="249"/>
        <source>Take the selected case up for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="250"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="251"/>
        <source>Log in as another officer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="252"/>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="253"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="254"/>
        <source>Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="255"/>
        <source>Overdue only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="256"/>
        <source>Due within (working days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="257"/>
        <source>Search reference, title, applicant, site…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="277"/>
        <source>Any officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="278"/>
        <source>Assigned to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="279"/>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="288"/>
        <source>All item types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="297"/>
        <source>Waiting for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/queue_window.py" line="308"/>
        <source>%n case(s) shown</source>
        <translation>
            <numerusform>%n case shown</numerusform>
            <numerusform>%n cases shown</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="315"/>
        <source>officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="315"/>
        <source>auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="315"/>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="316"/>
        <source>%1 (%2) on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="322"/>
        <source>No cases match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="390"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="405"/>
        <source>Connected to the server again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="411"/>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="415"/>
        <source>Live updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="419"/>
        <source>Live updates paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="439"/>
        <source>Your login has expired. Log in again to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="440"/>
        <source>Log in again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="516"/>
        <source>You have taken %1 up for review.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../qt/case_models.py" line="411"/>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="411"/>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="422"/>
        <source>Requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="422"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="422"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="422"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../qt/errors.py" line="103"/>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="104"/>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="105"/>
        <source>In review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="106"/>
        <source>Rectification requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="107"/>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="108"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="109"/>
        <source>Withdrawn</source>
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
    <name>Verdict</name>
    <message>
        <location filename="../qt/errors.py" line="116"/>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="117"/>
        <source>Rectify by a deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="118"/>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <location filename="../qt/video_panel.py" line="171"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="171"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="172"/>
        <source>Previous frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="173"/>
        <source>Next frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="174"/>
        <source>Back 5 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="175"/>
        <source>Forward 5 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="176"/>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="177"/>
        <source>Annotate frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="182"/>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="338"/>
        <source>This video cannot be played.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="343"/>
        <source>The video could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="345"/>
        <source>The video could not be loaded: the server is unreachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="347"/>
        <source>This video&apos;s format is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="396"/>
        <source>Annotations here: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Ellipse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="401"/>
        <source>Freehand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="401"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="401"/>
        <source>Point</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
