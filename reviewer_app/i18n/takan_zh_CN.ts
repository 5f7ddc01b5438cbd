<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnnotationScene</name>
    <message>
        <location filename="../qt/annotation_scene.py" line="251"/>
        <source>Change colour</source>
        <translation>更改颜色</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="337"/>
        <source>Delete annotation</source>
        <translation>删除标注</translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/annotation_scene.py" line="337"/>
        <source>Delete %n annotation(s)</source>
        <translation>
            <numerusform>删除 %n 个标注</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="344"/>
        <source>Change label</source>
        <translation>修改说明</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="348"/>
        <source>Share with applicant</source>
        <translation>对申请人可见</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="348"/>
        <source>Stop sharing with applicant</source>
        <translation>取消对申请人可见</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="355"/>
        <location filename="../qt/annotation_scene.py" line="474"/>
        <source>Resize</source>
        <translation>调整大小</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="372"/>
        <source>Add rectangle</source>
        <translation>添加矩形</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="372"/>
        <source>Add ellipse</source>
        <translation>添加椭圆</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="373"/>
        <source>Add arrow</source>
        <translation>添加箭头</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="373"/>
        <source>Add freehand line</source>
        <translation>添加手绘线</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="374"/>
        <source>Add text</source>
        <translation>添加文字</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="374"/>
        <source>Add point</source>
        <translation>添加标记点</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="479"/>
        <location filename="../qt/annotation_scene.py" line="488"/>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="609"/>
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
    <name>ArchiveExport</name>
    <message>
        <location filename="../qt/case_status_bar.py" line="50"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="63"/>
        <source>Export archive</source>
        <translation>导出归档包</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="64"/>
        <source>Zip archives (*.zip)</source>
        <translation>Zip 归档包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="80"/>
        <source>Exporting archive…</source>
        <translation>正在导出归档包…</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="93"/>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="100"/>
        <source>Exporting archive… %1 of %2</source>
        <translation>正在导出归档包… %1/%2</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="103"/>
        <source>Exporting archive… %1</source>
        <translation>正在导出归档包… %1</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="114"/>
        <source>Archive saved: %1 (%2 MB)</source>
        <translation>归档包已保存：%1（%2 MB）</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="121"/>
        <source>The archive could not be exported: %1</source>
        <translation>归档包无法导出：%1</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message numerus="yes">
        <location filename="../qt/status.py" line="111"/>
        <source>%n task(s) running</source>
        <translation>
            <numerusform>%n 个任务进行中</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../qt/case_actions.py" line="53"/>
        <source>Previous</source>
        <translation>上一项</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="54"/>
        <source>Previous evidence (K, Page Up)</source>
        <translation>上一项材料（K、Page Up）</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="55"/>
        <source>Next</source>
        <translation>下一项</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="56"/>
        <source>Next evidence (J, Page Down)</source>
        <translation>下一项材料（J、Page Down）</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="57"/>
        <source>Save annotations</source>
        <translation>保存标注</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="58"/>
        <source>Annotations are saved automatically; Ctrl+S saves now</source>
        <translation>标注会自动保存；按 Ctrl+S 立即保存</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="59"/>
        <source>Claim</source>
        <translation>认领</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="60"/>
        <source>Take this case up for review</source>
        <translation>认领此申请进行审查</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="61"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="62"/>
        <source>Sign opinion</source>
        <translation>签署意见</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="63"/>
        <source>Export archive…</source>
        <translation>导出归档包…</translation>
    </message>
    <message>
        <location filename="../qt/case_actions.py" line="64"/>
        <source>Save the case&apos;s signed archive (BagIt zip)</source>
        <translation>保存此申请的签名归档包（BagIt zip）</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <location filename="../qt/case_header.py" line="30"/>
        <source>Loading case…</source>
        <translation>正在加载申请…</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="39"/>
        <source>Applicant: %1</source>
        <translation>申请人：%1</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="40"/>
        <source>Site: %1</source>
        <translation>现场：%1</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="42"/>
        <source>Due %1</source>
        <translation>办结期限 %1</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="44"/>
        <source>Round %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="45"/>
        <source>Challenge code %1</source>
        <translation>验证码 %1</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="48"/>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="49"/>
        <source>Officers: %1</source>
        <translation>审查人员：%1</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="50"/>
        <source>Signed %1 of %2</source>
        <translation>已签署 %1/%2</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="53"/>
        <source>Opinions differ</source>
        <translation>意见不一致</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="56"/>
        <source>Read-only (auditor)</source>
        <translation>只读（监察）</translation>
    </message>
</context>
<context>
    <name>CaseModels</name>
    <message>
        <location filename="../qt/case_models.py" line="54"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="55"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
</context>
<context>
    <name>CaseStatusBar</name>
    <message>
        <location filename="../qt/case_status_bar.py" line="141"/>
        <source>Saving annotations…</source>
        <translation>正在保存标注…</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="144"/>
        <source>Annotations not saved yet: %1</source>
        <translation>标注尚未保存：%1</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="147"/>
        <source>Unsaved annotations</source>
        <translation>有未保存的标注</translation>
    </message>
    <message>
        <location filename="../qt/case_status_bar.py" line="149"/>
        <source>All annotations saved</source>
        <translation>标注已全部保存</translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <location filename="../qt/case_window.py" line="179"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="179"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="179"/>
        <source>Comments</source>
        <translation>意见交流</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="180"/>
        <source>Opinion</source>
        <translation>踏勘意见</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/case_window.py" line="181"/>
        <source>Live survey</source>
        <translation>视频踏勘</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="180"/>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="195"/>
        <source>Case %1</source>
        <translation>申请 %1</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="196"/>
        <source>Takan reviewer</source>
        <translation>掌上踏勘审查</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="277"/>
        <source>This case does not exist (any more).</source>
        <translation>此申请不存在（或已删除）。</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="280"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="297"/>
        <source>No evidence has been uploaded for this case.</source>
        <translation>此申请尚未上传任何材料。</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="311"/>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="322"/>
        <source>Your login has expired: log in again from the queue window.</source>
        <translation>登录已过期，请在待办窗口中重新登录。</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="439"/>
        <source>You have taken this case up for review.</source>
        <translation>您已认领此申请。</translation>
    </message>
    <message>
        <location filename="../qt/case_window.py" line="457"/>
        <source>Your opinion is signed.</source>
        <translation>您的意见已签署。</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../qt/case_models.py" line="101"/>
        <source>Requirement</source>
        <translation>踏勘要求</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="101"/>
        <source>Items</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="101"/>
        <source>Coverage</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="128"/>
        <source>Redo</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="131"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="131"/>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="137"/>
        <source>%1 current, %2 replaced, at least %3 needed</source>
        <translation>现有 %1 项，已替换 %2 项，至少需要 %3 项</translation>
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
    <name>CommentsPanel</name>
    <message>
        <location filename="../qt/case_panels.py" line="253"/>
        <source>Internal (officers only)</source>
        <translation>内部（仅审查人员可见）</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="254"/>
        <source>Visible to the applicant</source>
        <translation>申请人可见</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="257"/>
        <source>Post</source>
        <translation>发表</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="258"/>
        <source>Write a comment…</source>
        <translation>写下意见…</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="270"/>
        <source>Auditors read the comments; they do not write.</source>
        <translation>监察人员只查阅意见交流，不发表。</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="286"/>
        <source>About %1</source>
        <translation>针对 %1</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="298"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="301"/>
        <source>visible to the applicant</source>
        <translation>申请人可见</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="301"/>
        <source>internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="312"/>
        <source>No comments yet.</source>
        <translation>暂无意见交流。</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="335"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="337"/>
        <source>Replying to %1</source>
        <translation>回复 %1</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../qt/case_panels.py" line="118"/>
        <source>Select an evidence item to see its details.</source>
        <translation>选择一项材料以查看详情。</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="131"/>
        <source>Requirement</source>
        <translation>踏勘要求</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="133"/>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="139"/>
        <location filename="../qt/case_panels.py" line="145"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="140"/>
        <source>Captured</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="141"/>
        <source>Received by the server</source>
        <translation>服务器接收时间</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="143"/>
        <source>Phone clock at capture</source>
        <translation>拍摄时手机时间</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="145"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="147"/>
        <source>Software</source>
        <translation>软件</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="151"/>
        <source>(shown %1 × %2)</source>
        <translation>（显示为 %1 × %2）</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="152"/>
        <location filename="../qt/case_panels.py" line="154"/>
        <source>Pixel size</source>
        <translation>像素尺寸</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="156"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="158"/>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="160"/>
        <source>Codec</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="165"/>
        <source>altitude %1 m</source>
        <translation>海拔 %1 米</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="168"/>
        <source>%1 from the site</source>
        <translation>距现场 %1</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="169"/>
        <location filename="../qt/case_panels.py" line="171"/>
        <source>GPS in the file</source>
        <translation>文件中的 GPS</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="171"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="176"/>
        <source>Phone position</source>
        <translation>手机定位</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="177"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="178"/>
        <source>Uploaded by</source>
        <translation>上传人</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="181"/>
        <source>Replaced</source>
        <translation>已替换</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="181"/>
        <source>by #%1 %2</source>
        <translation>被 #%1 替换 %2</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="183"/>
        <source>Replaces</source>
        <translation>替换了</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="189"/>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="189"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="190"/>
        <source>Fail</source>
        <translation>不通过</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="190"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="199"/>
        <source>No automatic checks.</source>
        <translation>无自动核验结果。</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="200"/>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="201"/>
        <source>Automatic checks</source>
        <translation>自动核验</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../qt/errors.py" line="23"/>
        <source>The server at %1 cannot be reached. Check the network connection; the app keeps trying.</source>
        <translation>无法连接服务器 %1。请检查网络连接；程序会自动重试。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="37"/>
        <source>The server at %1 did not answer in time. The app keeps trying.</source>
        <translation>服务器 %1 响应超时。程序会自动重试。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="41"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="43"/>
        <source>Something went wrong in the app: %1</source>
        <translation>程序出错：%1</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="46"/>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="47"/>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>此账号已停用，请联系管理员。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="48"/>
        <location filename="../qt/errors.py" line="49"/>
        <source>Your login has expired. Please log in again.</source>
        <translation>登录已过期，请重新登录。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="50"/>
        <source>This case already has all the officers it needs.</source>
        <translation>此申请的审查人员已满。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="51"/>
        <source>This case is not under review any more (it is %1).</source>
        <translation>此申请已不在审查中（当前状态：%1）。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="53"/>
        <source>Take the case first (Claim), then sign.</source>
        <translation>请先认领此申请，再签署意见。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="54"/>
        <source>You have already signed this round&apos;s opinion; change it instead.</source>
        <translation>您已签署本轮意见，如需调整请修改意见。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="55"/>
        <source>You cannot review a case you applied for.</source>
        <translation>您不能审查自己提交的申请。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="56"/>
        <source>Someone changed this in the meantime. The latest version has been loaded; please check and try again.</source>
        <translation>内容已被他人修改，已加载最新版本，请核对后重试。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="58"/>
        <source>Only the officer who drew an annotation can change it.</source>
        <translation>只有标注的绘制人可以修改。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="59"/>
        <source>Only the officer who signed an opinion can change it.</source>
        <translation>只有签署意见的审查人员可以修改。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="60"/>
        <source>This opinion can no longer change: the case has moved on.</source>
        <translation>申请已进入下一环节，此意见不能再修改。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="61"/>
        <source>Your account may not do this.</source>
        <translation>您的账号无权执行此操作。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="62"/>
        <source>It is not on the server (any more).</source>
        <translation>服务器上没有此内容（或已删除）。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="63"/>
        <source>The server ran into a problem; it has been logged. Try again later.</source>
        <translation>服务器出现问题，已记录，请稍后重试。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="64"/>
        <source>The server&apos;s answer could not be read. Is the address right?</source>
        <translation>无法读取服务器的响应，请确认服务器地址是否正确。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="68"/>
        <source>Too many failed logins for this account. Try again in %1.</source>
        <translation>此账号登录失败次数过多，请 %1后再试。</translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/errors.py" line="72"/>
        <source>Open every piece of evidence before signing: %n not opened yet.</source>
        <translation>
            <numerusform>签署前须逐一查看全部材料，尚有 %n 项未查看。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="74"/>
        <source>The opinion is not complete: %1</source>
        <translation>意见不完整：%1</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="82"/>
        <source>The server ran into a problem (%1). Try again later.</source>
        <translation>服务器出现问题（%1），请稍后重试。</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="91"/>
        <source>say why (reasons are required for rectify and fail)</source>
        <translation>请填写理由（限期整改和不通过必须说明理由）</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="92"/>
        <source>set a rectification deadline after today</source>
        <translation>请设置今天以后的整改期限</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="93"/>
        <source>choose the requirements to redo</source>
        <translation>请选择需要重新拍摄的要求</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="94"/>
        <source>one result per checklist requirement</source>
        <translation>每项踏勘要求只能有一个结论</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="95"/>
        <source>a deadline and requirements to redo go only with the verdict rectify</source>
        <translation>整改期限和重拍要求仅用于“限期整改”</translation>
    </message>
</context>
<context>
    <name>EvidenceCaption</name>
    <message>
        <location filename="../qt/case_header.py" line="74"/>
        <source>opened</source>
        <translation>已查看</translation>
    </message>
    <message>
        <location filename="../qt/case_header.py" line="77"/>
        <source>%1 of %2</source>
        <translation>第 %1 项，共 %2 项</translation>
    </message>
</context>
<context>
    <name>EvidenceDisplay</name>
    <message>
        <location filename="../qt/evidence_display.py" line="38"/>
        <source>Loading video…</source>
        <translation>正在加载视频…</translation>
    </message>
    <message>
        <location filename="../qt/evidence_display.py" line="42"/>
        <source>Loading photo…</source>
        <translation>正在加载照片…</translation>
    </message>
    <message>
        <location filename="../qt/evidence_display.py" line="104"/>
        <source>The photo could not be loaded.</source>
        <translation>照片无法加载。</translation>
    </message>
    <message>
        <location filename="../qt/evidence_display.py" line="109"/>
        <source>The annotations could not be loaded.</source>
        <translation>标注无法加载。</translation>
    </message>
    <message>
        <location filename="../qt/evidence_display.py" line="112"/>
        <source>The video could not be loaded.</source>
        <translation>视频无法加载。</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <location filename="../qt/viewer.py" line="360"/>
        <source>Back to video</source>
        <translation>返回视频</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <location filename="../qt/case_models.py" line="285"/>
        <source>%1 (replaced)</source>
        <translation>%1（已替换）</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="287"/>
        <source>%1 (new)</source>
        <translation>%1（新）</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="320"/>
        <source>Received %1</source>
        <translation>接收于 %1</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="322"/>
        <source>Replaced by #%1</source>
        <translation>已被 #%1 替换</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="324"/>
        <source>Replaces #%1</source>
        <translation>替换了 #%1</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="326"/>
        <source>You have opened it</source>
        <translation>您已查看</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../qt/case_models.py" line="495"/>
        <source>Case created</source>
        <translation>创建申请</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="496"/>
        <source>Case edited</source>
        <translation>修改申请</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="497"/>
        <source>Submitted</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="498"/>
        <source>Review started</source>
        <translation>开始审查</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="499"/>
        <source>Rectification requested</source>
        <translation>要求限期整改</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="500"/>
        <source>Approved</source>
        <translation>审批通过</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="501"/>
        <source>Rejected</source>
        <translation>审批不通过</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="502"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="503"/>
        <source>Officer assigned</source>
        <translation>分配审查人员</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="504"/>
        <source>Officer removed</source>
        <translation>移除审查人员</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="505"/>
        <source>Evidence uploaded</source>
        <translation>上传材料</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="506"/>
        <source>Evidence replaced</source>
        <translation>替换材料</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="507"/>
        <source>Evidence opened</source>
        <translation>查看材料</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="508"/>
        <source>Annotation drawn</source>
        <translation>添加标注</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="509"/>
        <source>Annotation changed</source>
        <translation>修改标注</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="510"/>
        <source>Annotation deleted</source>
        <translation>删除标注</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="511"/>
        <source>Comment</source>
        <translation>发表意见</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="512"/>
        <source>Opinion signed</source>
        <translation>签署意见</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="513"/>
        <source>Opinion changed</source>
        <translation>修改意见</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="514"/>
        <source>Rated by the applicant</source>
        <translation>申请人评价</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="515"/>
        <source>Archive exported</source>
        <translation>导出归档包</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="529"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../qt/case_models.py" line="575"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="575"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="575"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="575"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="591"/>
        <source>(system)</source>
        <translation>（系统）</translation>
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
    <name>LivePanel</name>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="117"/>
        <source>Add time</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="118"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="119"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="120"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="121"/>
        <source>Note for the applicant</source>
        <translation>给申请人的提示</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="122"/>
        <source>Reason for the new times</source>
        <translation>改期原因</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="123"/>
        <source>Cancel the live survey</source>
        <translation>取消视频踏勘</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="124"/>
        <source>Reason (the applicant reads it)</source>
        <translation>原因（申请人可见）</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="125"/>
        <source>Cancel it</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="180"/>
        <source>New times (reschedule)</source>
        <translation>新的时间（改期）</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="180"/>
        <source>Offer times</source>
        <translation>提供预约时间</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="181"/>
        <source>Reschedule to these times</source>
        <translation>改期到这些时间</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="182"/>
        <source>Offer these times</source>
        <translation>提供这些时间</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="186"/>
        <source>Working days only, within %1 (%2); up to %3 times at once.</source>
        <translation>仅限工作日的 %1（%2）；每次最多 %3 个时间。</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="195"/>
        <source>No live survey has been arranged for this case.</source>
        <translation>本案尚未安排视频踏勘。</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="201"/>
        <source>Booked by the applicant:</source>
        <translation>申请人已预约：</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="205"/>
        <source>Offered, waiting for the applicant to pick one:</source>
        <translation>已提供以下时间，等待申请人选择：</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="210"/>
        <source>the applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="211"/>
        <source>Cancelled by %1 on %2.</source>
        <translation>已由%1于 %2 取消。</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="213"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="215"/>
        <source>The live survey is under way.</source>
        <translation>视频踏勘进行中。</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="216"/>
        <source>The live survey has ended.</source>
        <translation>视频踏勘已结束。</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="217"/>
        <source>The live survey did not take place.</source>
        <translation>视频踏勘未能进行。</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="218"/>
        <source>The live survey was interrupted.</source>
        <translation>视频踏勘中断。</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="222"/>
        <source>The applicant asks for other times: %1</source>
        <translation>申请人希望改用其他时间：%1</translation>
    </message>
    <message>
        <location filename="../work/wt-live/reviewer_app/qt/live_panel.py" line="226"/>
        <source>Note for the applicant: %1</source>
        <translation>给申请人的提示：%1</translation>
    </message>
</context>
<context>
    <name>LocationPanel</name>
    <message>
        <location filename="../qt/location_panel.py" line="198"/>
        <source>inside the geofence</source>
        <translation>在地理围栏内</translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="198"/>
        <source>outside the geofence</source>
        <translation>在地理围栏外</translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="210"/>
        <source>No site location</source>
        <translation>无项目地点坐标</translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="225"/>
        <source>No evidence with a location</source>
        <translation>暂无带位置的材料</translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="294"/>
        <source>Geofence %1</source>
        <translation>围栏半径 %1</translation>
    </message>
    <message>
        <location filename="../qt/location_panel.py" line="334"/>
        <source>N</source>
        <translation>北</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../qt/login.py" line="116"/>
        <source>Takan reviewer — log in</source>
        <translation>掌上踏勘审查 — 登录</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="117"/>
        <source>Takan remote site survey</source>
        <translation>掌上踏勘</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="118"/>
        <source>Review desk for approval officers and auditors</source>
        <translation>审批人员与监察人员的审查工作台</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="119"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="120"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="121"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="122"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="125"/>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="125"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="126"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="167"/>
        <source>Enter the server&apos;s address, for example http://127.0.0.1:8000</source>
        <translation>请输入服务器地址，例如 http://127.0.0.1:8000</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="173"/>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="179"/>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="190"/>
        <source>Log in as the same user to carry on (or log out).</source>
        <translation>请以同一用户身份登录以继续（或退出登录）。</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="197"/>
        <source>This program is for approval officers and auditors. Applicants use the mobile page on their phone.</source>
        <translation>本程序供审批人员和监察人员使用。申请人请在手机上使用移动端页面。</translation>
    </message>
    <message>
        <location filename="../qt/login.py" line="212"/>
        <source>Cannot reach the server at %1. Check the address and the network, then try again.</source>
        <translation>无法连接服务器 %1。请检查地址和网络后重试。</translation>
    </message>
</context>
<context>
    <name>OpinionPanel</name>
    <message>
        <location filename="../qt/case_panels.py" line="460"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="463"/>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="464"/>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="465"/>
        <source>What is wrong, and what the applicant must do</source>
        <translation>存在的问题，以及申请人需要做什么</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="477"/>
        <source>Signing…</source>
        <translation>正在签署…</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="479"/>
        <source>Change my opinion (Ctrl+Enter)</source>
        <translation>修改我的意见（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="481"/>
        <source>Sign opinion (Ctrl+Enter)</source>
        <translation>签署意见（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="513"/>
        <source>Signatures this round: %1 of %2</source>
        <translation>本轮已签署：%1/%2</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="515"/>
        <source>Use as a starting point</source>
        <translation>以此为基础</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="521"/>
        <source>by %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="528"/>
        <source>Round %1: %2, %3</source>
        <translation>第 %1 轮：%2，%3</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="556"/>
        <source>Auditors read the case; they do not sign.</source>
        <translation>监察人员只查阅申请，不签署意见。</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="558"/>
        <source>The case is %1: there is nothing to sign.</source>
        <translation>申请状态为“%1”，无需签署。</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="605"/>
        <source>Choose a verdict: pass, rectify by a deadline, or fail.</source>
        <translation>请选择结论：通过、限期整改或不通过。</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="608"/>
        <source>Give the reasons (required for rectify and fail).</source>
        <translation>请填写理由（限期整改和不通过必须说明理由）。</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="612"/>
        <source>Tick the requirements the applicant must redo.</source>
        <translation>请勾选申请人需要重新拍摄的要求。</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="642"/>
        <source>Not opened yet:</source>
        <translation>尚未查看：</translation>
    </message>
    <message>
        <location filename="../qt/case_panels.py" line="645"/>
        <source>Claim the case now</source>
        <translation>立即认领此申请</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../qt/queue_model.py" line="179"/>
        <source>Click to sort</source>
        <translation>点击排序</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="184"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="185"/>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="186"/>
        <source>Item type</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="187"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="188"/>
        <source>Site</source>
        <translation>现场</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="189"/>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="190"/>
        <source>Due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="191"/>
        <source>Flags</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="192"/>
        <source>Rectified</source>
        <translation>整改</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="193"/>
        <source>Officers</source>
        <translation>审查人员</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="194"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="266"/>
        <source>Round %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="270"/>
        <source>(unassigned)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="279"/>
        <source>Rectify by %1</source>
        <translation>%1 前整改</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="286"/>
        <source>%1 (overdue)</source>
        <translation>%1（已逾期）</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="288"/>
        <source>%1 (due today)</source>
        <translation>%1（今天到期）</translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/queue_model.py" line="289"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>剩 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="296"/>
        <source>Past the promised time limit</source>
        <translation>已超过承诺办结时限</translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="298"/>
        <source>Due within two working days</source>
        <translation>两个工作日内到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/queue_model.py" line="301"/>
        <source>%n failed check(s)</source>
        <translation>
            <numerusform>%n 项核验不通过</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/queue_model.py" line="302"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 项警告</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/queue_model.py" line="304"/>
        <source>The officers&apos; opinions differ</source>
        <translation>审查人员意见不一致</translation>
    </message>
</context>
<context>
    <name>QueueWindow</name>
    <message>
        <location filename="../qt/queue_window.py" line="234"/>
        <source>Takan reviewer — review queue</source>
        <translation>掌上踏勘审查 — 待办</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="235"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="236"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="237"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="238"/>
        <source>Open case</source>
        <translation>打开申请</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="239"/>
        <source>Open the selected case (Enter or double-click)</source>
        <translation>打开所选申请（回车或双击）</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="240"/>
        <source>Claim</source>
        <translation>认领</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="241"/>
        <source>Take the selected case up for review</source>
        <translation>认领所选申请进行审查</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="242"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="243"/>
        <source>Log in as another officer…</source>
        <translation>以其他审查人员身份登录…</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="244"/>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="245"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="246"/>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="247"/>
        <source>Overdue only</source>
        <translation>仅看逾期</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="248"/>
        <source>Due within (working days)</source>
        <translation>到期（工作日内）</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="249"/>
        <source>Search reference, title, applicant, site…</source>
        <translation>搜索编号、名称、申请人、现场…</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="269"/>
        <source>Any officer</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="270"/>
        <source>Assigned to me</source>
        <translation>分配给我</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="271"/>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="280"/>
        <source>All item types</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="289"/>
        <source>Waiting for review</source>
        <translation>待审查</translation>
    </message>
    <message numerus="yes">
        <location filename="../qt/queue_window.py" line="300"/>
        <source>%n case(s) shown</source>
        <translation>
            <numerusform>显示 %n 件申请</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="307"/>
        <source>officer</source>
        <translation>审批人员</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="307"/>
        <source>auditor</source>
        <translation>监察人员</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="307"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="308"/>
        <source>%1 (%2) on %3</source>
        <translation>%1（%2） · %3</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="314"/>
        <source>No cases match.</source>
        <translation>没有符合条件的申请。</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="382"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="397"/>
        <source>Connected to the server again.</source>
        <translation>已重新连接服务器。</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="403"/>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="407"/>
        <source>Live updates</source>
        <translation>实时更新</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="411"/>
        <source>Live updates paused</source>
        <translation>实时更新已暂停</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="431"/>
        <source>Your login has expired. Log in again to carry on.</source>
        <translation>登录已过期，请重新登录后继续。</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="432"/>
        <source>Log in again…</source>
        <translation>重新登录…</translation>
    </message>
    <message>
        <location filename="../qt/queue_window.py" line="508"/>
        <source>You have taken %1 up for review.</source>
        <translation>您已认领 %1。</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../qt/case_models.py" line="417"/>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="417"/>
        <source>Fail</source>
        <translation>不通过</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="428"/>
        <source>Requirement</source>
        <translation>踏勘要求</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="428"/>
        <source>Result</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="428"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../qt/case_models.py" line="428"/>
        <source>Redo</source>
        <translation>重拍</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../qt/errors.py" line="103"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="104"/>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="105"/>
        <source>In review</source>
        <translation>审查中</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="106"/>
        <source>Rectification requested</source>
        <translation>限期整改中</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="107"/>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="108"/>
        <source>Rejected</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="109"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
</context>
<context>
    <name>Tool</name>
    <message>
        <location filename="../qt/annotation_scene.py" line="70"/>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="71"/>
        <source>Hand</source>
        <translation>抓手</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="72"/>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="73"/>
        <source>Ellipse</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="74"/>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="75"/>
        <source>Freehand</source>
        <translation>手绘</translation>
    </message>
    <message>
        <location filename="../qt/annotation_scene.py" line="76"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../qt/errors.py" line="116"/>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="117"/>
        <source>Rectify by a deadline</source>
        <translation>限期整改</translation>
    </message>
    <message>
        <location filename="../qt/errors.py" line="118"/>
        <source>Fail</source>
        <translation>不通过</translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <location filename="../qt/video_panel.py" line="171"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="171"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="172"/>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="173"/>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="174"/>
        <source>Back 5 seconds</source>
        <translation>后退 5 秒</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="175"/>
        <source>Forward 5 seconds</source>
        <translation>前进 5 秒</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="176"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="177"/>
        <source>Annotate frame</source>
        <translation>标注此帧</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="182"/>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="338"/>
        <source>This video cannot be played.</source>
        <translation>无法播放此视频。</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="343"/>
        <source>The video could not be loaded.</source>
        <translation>视频加载失败。</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="345"/>
        <source>The video could not be loaded: the server is unreachable.</source>
        <translation>视频加载失败：无法连接服务器。</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="347"/>
        <source>This video&apos;s format is not supported.</source>
        <translation>不支持此视频格式。</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="396"/>
        <source>Annotations here: %1 of %2</source>
        <translation>当前位置标注：%1 / 共 %2</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Ellipse</source>
        <translation>椭圆</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="400"/>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="401"/>
        <source>Freehand</source>
        <translation>手绘</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="401"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../qt/video_panel.py" line="401"/>
        <source>Point</source>
        <translation>标记点</translation>
    </message>
</context>
</TS>
