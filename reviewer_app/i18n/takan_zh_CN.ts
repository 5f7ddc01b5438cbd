<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnnotationScene</name>
    <message>
        <location filename="../qt/annotation_scene.py" line="677"/>
        <source>Change colour</source>
        <translation>更改颜色</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="763"/>
        <source>Delete annotation</source>
        <translation>删除标注</translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/annotation_scene.py" line="763"/>
        <source>Delete %n annotation(s)</source>
        <translation>
            <numerusform>删除 %n 个标注</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="770"/>
        <source>Change label</source>
        <translation>修改说明</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="774"/>
        <source>Share with applicant</source>
        <translation>对申请人可见</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="774"/>
        <source>Stop sharing with applicant</source>
        <translation>取消对申请人可见</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="781"/>
        <location filename="../qt/annotation_scene.py" line="898"/>
        <source>Resize</source>
        <translation>调整大小</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="798"/>
        <source>Add rectangle</source>
        <translation>添加矩形</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="798"/>
        <source>Add ellipse</source>
        <translation>添加椭圆</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="799"/>
        <source>Add arrow</source>
        <translation>添加箭头</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="799"/>
        <source>Add freehand line</source>
        <translation>添加手绘线</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="800"/>
        <source>Add text</source>
        <translation>添加文字</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="800"/>
        <source>Add point</source>
        <translation>添加标记点</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="903"/>
        <location filename="../qt/annotation_scene.py" line="911"/>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="1032"/>
        <source>Edit text</source>
        <translation>编辑文字</translation>
    </message>
</context>
<context>
    <name>AnnotationToolBar</name>
    <message>
        <location filename="../qt/viewer.py" line="197"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="198"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="199"/>
        <source>Share with applicant</source>
        <translation>对申请人可见</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="200"/>
        <source>Show the selected annotations to the applicant</source>
        <translation>让申请人看到所选标注</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="201"/>
        <location filename="../qt/viewer.py" line="203"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="202"/>
        <location filename="../qt/viewer.py" line="204"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
</context>
<context>
    <name>Colour</name>
    <message>
        <location filename="../qt/viewer.py" line="48"/>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="49"/>
        <source>Orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="50"/>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="51"/>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="52"/>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="53"/>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="54"/>
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <location filename="../qt/viewer.py" line="55"/>
        <source>Black</source>
        <translation>黑色</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <location filename="../qt/viewer.py" line="342"/>
        <source>Back to video</source>
        <translation>返回视频</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <location filename="../qt/image_view.py" line="100"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../qt/image_view.py" line="101"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../qt/image_view.py" line="102"/>
        <source>Fit to window</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../qt/image_view.py" line="103"/>
        <source>Actual size (1:1)</source>
        <translation>实际大小 (1:1)</translation>
    </message>
    <message>
        <location filename="../qt/image_view.py" line="104"/>
        <source>Rotate view right</source>
        <translation>向右旋转视图</translation>
    </message>
    <message>
        <location filename="../qt/image_view.py" line="105"/>
        <source>Rotate view left</source>
        <translation>向左旋转视图</translation>
    </message>
</context>
<context>
    <name>LocationPanel</name>
    <message>
        <location filename="../qt/location_panel.py" line="171"/>
        <source>inside the geofence</source>
        <translation>在地理围栏内</translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="171"/>
        <source>outside the geofence</source>
        <translation>在地理围栏外</translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="183"/>
        <source>No site location</source>
        <translation>无项目地点坐标</translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="196"/>
        <source>No evidence with a location</source>
        <translation>暂无带位置的材料</translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="228"/>
        <source>Geofence %1</source>
        <translation>围栏半径 %1</translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="296"/>
        <source>N</source>
        <translation>北</translation>
    </message>
</context>
<context>
    <name>Tool</name>
    <message>
        <location filename="../qt/annotation_scene.py" line="97"/>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="98"/>
        <source>Hand</source>
        <translation>抓手</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="99"/>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="100"/>
        <source>Ellipse</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="101"/>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="102"/>
        <source>Freehand</source>
        <translation>手绘</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="103"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <location filename="../qt/video_panel.py" line="170"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="170"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="171"/>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="172"/>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="173"/>
        <source>Back 5 seconds</source>
        <translation>后退 5 秒</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="174"/>
        <source>Forward 5 seconds</source>
        <translation>前进 5 秒</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="175"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="176"/>
        <source>Annotate frame</source>
        <translation>标注此帧</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="181"/>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="337"/>
        <source>This video cannot be played.</source>
        <translation>无法播放此视频。</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="342"/>
        <source>The video could not be loaded.</source>
        <translation>视频加载失败。</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="344"/>
        <source>The video could not be loaded: the server is unreachable.</source>
        <translation>视频加载失败：无法连接服务器。</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="346"/>
        <source>This video&apos;s format is not supported.</source>
        <translation>不支持此视频格式。</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="395"/>
        <source>Annotations here: %1 of %2</source>
        <translation>当前位置标注：%1 / 共 %2</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="399"/>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="399"/>
        <source>Ellipse</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="399"/>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Freehand</source>
        <translation>手绘</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Point</source>
        <translation>标记点</translation>
    </message>
</context>
</TS>
