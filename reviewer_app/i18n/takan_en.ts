<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AnnotationScene</name>
    <message>
        <location filename="../qt/annotation_scene.py" line="251"/>
        <source>Change colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="337"/>
        <source>Delete annotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/annotation_scene.py" line="337"/>
        <source>Delete %n annotation(s)</source>
        <translation>
            <numerusform>Delete %n annotation</numerusform>
            <numerusform>Delete %n annotations</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="344"/>
        <source>Change label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="348"/>
        <source>Share with applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="348"/>
        <source>Stop sharing with applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="355"/>
        <location filename="../qt/annotation_scene.py" line="474"/>
        <source>Resize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="372"/>
        <source>Add rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="372"/>
        <source>Add ellipse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="373"/>
        <source>Add arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="373"/>
        <source>Add freehand line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="374"/>
        <source>Add text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="374"/>
        <source>Add point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="479"/>
        <location filename="../qt/annotation_scene.py" line="488"/>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="609"/>
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
    <name>ArchiveExport</name>
    <message>
        <location filename="../qt/case_status_bar.py" line="50"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="63"/>
        <source>Export archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="64"/>
        <source>Zip archives (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="80"/>
        <source>Exporting archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="93"/>
        <source>Export cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="100"/>
        <source>Exporting archive… %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="103"/>
        <source>Exporting archive… %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="114"/>
        <source>Archive saved: %1 (%2 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="121"/>
        <source>The archive could not be exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message numerus="yes">
        <location filename="../qt/status.py" line="111"/>
        <source>%n task(s) running</source>
        <translation>
            <numerusform>%n task running</numerusform>
            <numerusform>%n tasks running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../qt/case_actions.py" line="53"/>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="54"/>
        <source>Previous evidence (K, Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="55"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="56"/>
        <source>Next evidence (J, Page Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="57"/>
        <source>Save annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="58"/>
        <source>Annotations are saved automatically; Ctrl+S saves now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="59"/>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="60"/>
        <source>Take this case up for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="61"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="62"/>
        <source>Sign opinion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="63"/>
        <source>Export archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="64"/>
        <source>Save the case&apos;s signed archive (BagIt zip)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <location filename="../qt/case_header.py" line="30"/>
        <source>Loading case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="39"/>
        <source>Applicant: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="40"/>
        <source>Site: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="42"/>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="44"/>
        <source>Round %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="45"/>
        <source>Challenge code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="48"/>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="49"/>
        <source>Officers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="50"/>
        <source>Signed %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="53"/>
        <source>Opinions differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="56"/>
        <source>Read-only (auditor)</source>
        <translation type="unfinished"></translation>
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
    <name>CaseStatusBar</name>
    <message>
        <location filename="../qt/case_status_bar.py" line="141"/>
        <source>Saving annotations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="144"/>
        <source>Annotations not saved yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="147"/>
        <source>Unsaved annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="149"/>
        <source>All annotations saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <location filename="../qt/case_window.py" line="179"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="179"/>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="179"/>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="180"/>
        <source>Opinion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/case_window.py" line="181"/>
        <source>Live survey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="180"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="195"/>
        <source>Case %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="196"/>
        <source>Takan reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="277"/>
        <source>This case does not exist (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="280"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="297"/>
        <source>No evidence has been uploaded for this case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="311"/>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="322"/>
        <source>Your login has expired: log in again from the queue window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="439"/>
        <source>You have taken this case up for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="457"/>
        <source>Your opinion is signed.</source>
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
        <location filename="../qt/case_panels.py" line="253"/>
        <source>Internal (officers only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="254"/>
        <source>Visible to the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="257"/>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="258"/>
        <source>Write a comment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="270"/>
        <source>Auditors read the comments; they do not write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="286"/>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="298"/>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="301"/>
        <source>visible to the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="301"/>
        <source>internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="312"/>
        <source>No comments yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="335"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="337"/>
        <source>Replying to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../qt/case_panels.py" line="118"/>
        <source>Select an evidence item to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="131"/>
        <source>Requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="133"/>
        <source>Round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="139"/>
        <location filename="../qt/case_panels.py" line="145"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="140"/>
        <source>Captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="141"/>
        <source>Received by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="143"/>
        <source>Phone clock at capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="145"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="147"/>
        <source>Software</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="151"/>
        <source>(shown %1 × %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="152"/>
        <location filename="../qt/case_panels.py" line="154"/>
        <source>Pixel size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="156"/>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="158"/>
        <source>Frame rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="160"/>
        <source>Codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="165"/>
        <source>altitude %1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="168"/>
        <source>%1 from the site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="169"/>
        <location filename="../qt/case_panels.py" line="171"/>
        <source>GPS in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="171"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="176"/>
        <source>Phone position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="177"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="178"/>
        <source>Uploaded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="181"/>
        <source>Replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="181"/>
        <source>by #%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="183"/>
        <source>Replaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="189"/>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="189"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="190"/>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="190"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="199"/>
        <source>No automatic checks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="200"/>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="201"/>
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
    <name>EvidenceCaption</name>
    <message>
        <location filename="../qt/case_header.py" line="74"/>
        <source>opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="77"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceDisplay</name>
    <message>
        <location filename="../qt/evidence_display.py" line="38"/>
        <source>Loading video…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/evidence_display.py" line="42"/>
        <source>Loading photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/evidence_display.py" line="104"/>
        <source>The photo could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/evidence_display.py" line="109"/>
        <source>The annotations could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/evidence_display.py" line="112"/>
        <source>The video could not be loaded.</source>
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
        <location filename="../qt/case_models.py" line="285"/>
        <source>%1 (replaced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="287"/>
        <source>%1 (new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="320"/>
        <source>Received %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="322"/>
        <source>Replaced by #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="324"/>
        <source>Replaces #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="326"/>
        <source>You have opened it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../qt/case_models.py" line="495"/>
        <source>Case created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="496"/>
        <source>Case edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="497"/>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="498"/>
        <source>Review started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="499"/>
        <source>Rectification requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="500"/>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="501"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="502"/>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="503"/>
        <source>Officer assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="504"/>
        <source>Officer removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="505"/>
        <source>Evidence uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="506"/>
        <source>Evidence replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="507"/>
        <source>Evidence opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="508"/>
        <source>Annotation drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="509"/>
        <source>Annotation changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="510"/>
        <source>Annotation deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="511"/>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="512"/>
        <source>Opinion signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="513"/>
        <source>Opinion changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="514"/>
        <source>Rated by the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="515"/>
        <source>Archive exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="529"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../qt/case_models.py" line="575"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="575"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="575"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="575"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="591"/>
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
    <name>LivePanel</name>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="117"/>
        <source>Add time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="118"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="119"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="120"/>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="121"/>
        <source>Note for the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="122"/>
        <source>Reason for the new times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="123"/>
        <source>Cancel the live survey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="124"/>
        <source>Reason (the applicant reads it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="125"/>
        <source>Cancel it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="180"/>
        <source>New times (reschedule)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="180"/>
        <source>Offer times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="181"/>
        <source>Reschedule to these times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="182"/>
        <source>Offer these times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="186"/>
        <source>Working days only, within %1 (%2); up to %3 times at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="195"/>
        <source>No live survey has been arranged for this case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="201"/>
        <source>Booked by the applicant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="205"/>
        <source>Offered, waiting for the applicant to pick one:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="210"/>
        <source>the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="211"/>
        <source>Cancelled by %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="213"/>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="215"/>
        <source>The live survey is under way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="216"/>
        <source>The live survey has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="217"/>
        <source>The live survey did not take place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="218"/>
        <source>The live survey was interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="222"/>
        <source>The applicant asks for other times: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="226"/>
        <source>Note for the applicant: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocationPanel</name>
    <message>
        <location filename="../qt/location_panel.py" line="198"/>
        <source>inside the geofence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="198"/>
        <source>outside the geofence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="210"/>
        <source>No site location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="225"/>
        <source>No evidence with a location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="294"/>
        <source>Geofence %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="334"/>
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
        <location filename="../qt/case_panels.py" line="460"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="463"/>
        <source>Reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="464"/>
        <source>Rectify by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="465"/>
        <source>What is wrong, and what the applicant must do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="477"/>
        <source>Signing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="479"/>
        <source>Change my opinion (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="481"/>
        <source>Sign opinion (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="513"/>
        <source>Signatures this round: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="515"/>
        <source>Use as a starting point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="521"/>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="528"/>
        <source>Round %1: %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="556"/>
        <source>Auditors read the case; they do not sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="558"/>
        <source>The case is %1: there is nothing to sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="605"/>
        <source>Choose a verdict: pass, rectify by a deadline, or fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="608"/>
        <source>Give the reasons (required for rectify and fail).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="612"/>
        <source>Tick the requirements the applicant must redo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="642"/>
        <source>Not opened yet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="645"/>
        <source>Claim the case now</source>
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
        <location filename="../qt/queue_window.py" line="234"/>
        <source>Takan reviewer — review queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="235"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="236"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="237"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="238"/>
        <source>Open case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="239"/>
        <source>Open the selected case (Enter or double-click)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="240"/>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="241"/>
        <source>Take the selected case up for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="242"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="243"/>
        <source>Log in as another officer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="244"/>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="245"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="246"/>
        <source>Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="247"/>
        <source>Overdue only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="248"/>
        <source>Due within (working days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="249"/>
        <source>Search reference, title, applicant, site…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="269"/>
        <source>Any officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="270"/>
        <source>Assigned to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="271"/>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="280"/>
        <source>All item types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="289"/>
        <source>Waiting for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/queue_window.py" line="300"/>
        <source>%n case(s) shown</source>
        <translation>
            <numerusform>%n case shown</numerusform>
            <numerusform>%n cases shown</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="307"/>
        <source>officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="307"/>
        <source>auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="307"/>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="308"/>
        <source>%1 (%2) on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="314"/>
        <source>No cases match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="382"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="397"/>
        <source>Connected to the server again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="403"/>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="407"/>
        <source>Live updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="411"/>
        <source>Live updates paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="431"/>
        <source>Your login has expired. Log in again to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="432"/>
        <source>Log in again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="508"/>
        <source>You have taken %1 up for review.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../qt/case_models.py" line="417"/>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="417"/>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="428"/>
        <source>Requirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="428"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="428"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="428"/>
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
        <location filename="../qt/annotation_scene.py" line="70"/>
        <source>Select</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="71"/>
        <source>Hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="72"/>
        <source>Rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="73"/>
        <source>Ellipse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="74"/>
        <source>Arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="75"/>
        <source>Freehand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="76"/>
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
