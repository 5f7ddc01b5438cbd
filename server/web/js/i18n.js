// Strings in Chinese (the default) and English. The choice is kept in localStorage.

const STRINGS = {
  zh: {
    app_title: "掌上踏勘",
    lang_switch: "EN",
    lang_switch_label: "Switch to English",
    back: "返回",
    notifications: "消息",
    notifications_n: "消息（{n} 条未读）",
    loading: "正在加载…",
    retry: "重试",
    remove: "移除",
    cancel: "取消",
    close: "关闭",
    send: "发送",
    // login
    login_title: "申请人登录",
    login_intro: "登录后按提示在现场拍摄照片和视频，无需跑窗口。",
    username: "用户名",
    password: "密码",
    login: "登录",
    logging_in: "正在登录…",
    bad_credentials: "用户名或密码不正确。",
    login_locked: "尝试次数过多，请 {s} 秒后再试。",
    account_disabled: "该账号已停用，请联系审批服务局。",
    not_applicant: "此页面供申请人使用；审批人员请使用踏勘审查客户端。",
    session_expired: "登录已过期，请重新登录。",
    logout: "退出登录",
    signed_in_as: "当前用户：{name}",
    // cases
    my_cases: "我的踏勘申请",
    new_case: "新建申请",
    no_cases: "还没有申请。点击“新建申请”开始。",
    missing_n: "还缺 {n} 项：{list}",
    all_present: "材料已齐，可以提交",
    redo_n: "需重拍：{list}",
    deadline: "整改期限 {date}",
    overdue: "已逾期",
    uploading_n: "{n} 个文件上传中",
    failed_n: "{n} 个文件上传失败",
    // statuses
    status_draft: "草稿",
    status_submitted: "已提交",
    status_in_review: "审查中",
    status_rectification_requested: "待整改",
    status_approved: "已通过",
    status_rejected: "未通过",
    status_withdrawn: "已撤回",
    // new case
    new_case_title: "新建踏勘申请",
    item_type: "申请事项",
    choose: "请选择",
    site: "踏勘地点",
    case_title: "申请名称",
    case_title_hint: "例如：春晓苑 3号楼 预售许可踏勘",
    required_mark: "（必填）",
    range: "范围 {min}–{max}",
    at_least: "不少于 {min}",
    at_most: "不超过 {max}",
    create: "创建申请",
    creating: "正在创建…",
    field_required: "请填写“{label}”。",
    field_int: "“{label}”须为整数。",
    field_range: "“{label}”须在 {min} 到 {max} 之间。",
    no_sites: "暂无可选地点，请联系审批服务局。",
    guide: "服务指南",
    // case
    challenge_code: "验证码",
    challenge_instruction: "请将验证码写在纸上，拍摄时出示在画面中",
    reference: "申请编号",
    checklist: "踏勘清单（明白纸）",
    sample: "样板：",
    photo: "照片",
    video: "视频",
    optional: "选做",
    need_count: "需 {n} {kind}",
    unit_photo: "张照片",
    unit_video: "段视频",
    min_duration: "不少于 {s} 秒",
    have_count: "已传 {count}/{min}",
    take_photo: "拍照",
    take_video: "录像",
    take_another_photo: "再拍一张",
    take_another_video: "再录一段",
    submitted_at: "提交于 {time}",
    due_date: "承诺办结日期 {date}",
    reshoot: "重拍",
    reshoot_label: "重拍：{title}",
    capture_label: "{action}：{title}",
    locating: "正在获取位置…",
    no_position: "未能获取位置（{why}）；文件仍会上传，但可能被标记为缺少位置。",
    geo_denied: "未允许定位",
    geo_unavailable: "无法定位",
    geo_timeout: "定位超时",
    geo_unsupported: "浏览器不支持定位",
    position_ok: "位置已记录（精度约 {m} 米）",
    superseded: "已被替换",
    just_uploaded: "刚上传",
    checks: "自动检查",
    check_pass: "通过",
    check_warn: "注意",
    check_fail: "不通过",
    check_unknown: "未知",
    view_item: "查看{kind}",
    annotations_n: "{n} 处标注",
    to_redo: "需整改",
    rectification: "整改要求（第 {n} 轮）",
    reasons: "原因",
    redo_items: "需要重新拍摄",
    submit: "提交审查",
    resubmit: "整改完成，重新提交",
    submitting: "正在提交…",
    submitted_ok: "已提交，请等待审批人员审查。",
    withdraw: "撤回申请",
    withdraw_confirm: "确定撤回这份申请吗？撤回后不能再提交。",
    withdrawn_ok: "申请已撤回。",
    uploads_pending: "还有 {n} 个文件未上传完成，请等待上传结束后再提交。",
    wrong_kind_photo: "这里需要照片，请拍照。",
    wrong_kind_video: "这里需要视频，请录像。",
    // upload jobs
    job_queued: "排队等待上传",
    job_uploading: "正在上传 {pct}%",
    job_finishing: "上传完成，服务器正在检查…",
    job_retrying: "网络中断，{s} 秒后自动重试",
    job_offline: "网络已断开，恢复后自动继续",
    job_paused: "请重新登录后继续上传",
    job_failed: "上传失败",
    job_failed_why: "上传失败：{why}",
    job_not_kept: "（文件未能保存在手机浏览器中，关闭页面会中断此上传）",
    job_lost: "文件已不在手机浏览器中，请重新拍摄。",
    offline_banner: "网络已断开：已拍的文件保存在手机上，网络恢复后自动继续上传。",
    // errors in plain words
    err_too_large: "文件太大",
    err_wrong_type: "文件类型不对",
    err_unreadable: "文件无法读取或类型与要求不符",
    err_not_editable: "该申请当前不能补充材料",
    err_storage: "服务器存储空间已满",
    err_network: "网络连接失败，请检查网络后重试。",
    err_generic: "操作失败（{status}）",
    err_forbidden: "没有权限进行此操作",
    err_not_found: "未找到",
    // comments
    comments: "审批人员留言",
    no_comments: "暂无留言。",
    reply: "回复",
    reply_to: "回复 {name}",
    reply_placeholder: "输入回复内容",
    reply_sent: "回复已发送。",
    about_item: "关于：{title}",
    author_role: "{name}（{role}）",
    role_officer: "审批人员",
    role_admin: "管理员",
    role_applicant: "我",
    role_auditor: "监察",
    // rating
    rating: "服务评价（好差评）",
    rating_intro: "审批已完成，请为本次服务打分。",
    rating_score: "评分",
    star_n: "{n} 星",
    rating_comment: "评价内容（选填）",
    rating_submit: "提交评价",
    rating_done: "您的评价：{n} 星",
    rating_thanks: "感谢您的评价！",
    rating_pick: "请先选择星级。",
    decision_approved: "踏勘通过。",
    decision_rejected: "踏勘未通过。",
    // events
    events_title: "消息通知",
    no_events: "暂无消息。",
    mark_read: "全部标为已读",
  },
  en: {
    app_title: "Site survey",
    lang_switch: "中文",
    lang_switch_label: "切换到中文",
    back: "Back",
    notifications: "Messages",
    notifications_n: "Messages ({n} unread)",
    loading: "Loading…",
    retry: "Retry",
    remove: "Remove",
    cancel: "Cancel",
    close: "Close",
    send: "Send",
    login_title: "Applicant sign-in",
    login_intro: "Sign in, then take the photos and videos the checklist asks for on site. No trip to the office.",
    username: "Username",
    password: "Password",
    login: "Sign in",
    logging_in: "Signing in…",
    bad_credentials: "Wrong username or password.",
    login_locked: "Too many attempts; try again in {s} seconds.",
    account_disabled: "This account is disabled; contact the approval bureau.",
    not_applicant: "This page is for applicants; officers use the reviewer app.",
    session_expired: "Your session has expired; sign in again.",
    logout: "Sign out",
    signed_in_as: "Signed in as {name}",
    my_cases: "My survey applications",
    new_case: "New application",
    no_cases: "No applications yet. Tap “New application” to start.",
    missing_n: "{n} missing: {list}",
    all_present: "Everything is there; ready to submit",
    redo_n: "Re-shoot: {list}",
    deadline: "Fix by {date}",
    overdue: "overdue",
    uploading_n: "{n} uploading",
    failed_n: "{n} failed",
    status_draft: "Draft",
    status_submitted: "Submitted",
    status_in_review: "In review",
    status_rectification_requested: "Needs fixing",
    status_approved: "Approved",
    status_rejected: "Rejected",
    status_withdrawn: "Withdrawn",
    new_case_title: "New survey application",
    item_type: "Item",
    choose: "Choose…",
    site: "Site",
    case_title: "Application name",
    case_title_hint: "e.g. Chunxiao Garden building 3 presale survey",
    required_mark: " (required)",
    range: "{min}–{max}",
    at_least: "at least {min}",
    at_most: "at most {max}",
    create: "Create application",
    creating: "Creating…",
    field_required: "Fill in “{label}”.",
    field_int: "“{label}” must be a whole number.",
    field_range: "“{label}” must be between {min} and {max}.",
    no_sites: "No sites to choose from; contact the approval bureau.",
    guide: "Service guide",
    challenge_code: "Challenge code",
    challenge_instruction: "Write the code on paper and show it in the frame when you shoot",
    reference: "Reference",
    checklist: "Checklist",
    sample: "Samples:",
    photo: "photo",
    video: "video",
    optional: "optional",
    need_count: "{n} {kind} needed",
    unit_photo: "photo(s)",
    unit_video: "video(s)",
    min_duration: "at least {s} s",
    have_count: "{count}/{min} uploaded",
    take_photo: "Take photo",
    take_video: "Record video",
    take_another_photo: "Add another photo",
    take_another_video: "Add another video",
    submitted_at: "Submitted {time}",
    due_date: "Decision due by {date}",
    reshoot: "Re-shoot",
    reshoot_label: "Re-shoot: {title}",
    capture_label: "{action}: {title}",
    locating: "Getting your position…",
    no_position: "No position ({why}); the file is uploaded anyway but may be flagged as having no location.",
    geo_denied: "location not allowed",
    geo_unavailable: "position unavailable",
    geo_timeout: "timed out",
    geo_unsupported: "not supported by this browser",
    position_ok: "Position recorded (about {m} m accuracy)",
    superseded: "Replaced",
    just_uploaded: "Just uploaded",
    checks: "Automatic checks",
    check_pass: "Pass",
    check_warn: "Warning",
    check_fail: "Fail",
    check_unknown: "Unknown",
    view_item: "View {kind}",
    annotations_n: "{n} marks",
    to_redo: "To fix",
    rectification: "Fixes requested (round {n})",
    reasons: "Reasons",
    redo_items: "Shoot again",
    submit: "Submit for review",
    resubmit: "Fixed: submit again",
    submitting: "Submitting…",
    submitted_ok: "Submitted; an officer will review it.",
    withdraw: "Withdraw",
    withdraw_confirm: "Withdraw this application? It cannot be submitted afterwards.",
    withdrawn_ok: "The application was withdrawn.",
    uploads_pending: "{n} files are still uploading; submit when they are done.",
    wrong_kind_photo: "A photo is needed here.",
    wrong_kind_video: "A video is needed here.",
    job_queued: "Waiting to upload",
    job_uploading: "Uploading {pct}%",
    job_finishing: "Uploaded; the server is checking it…",
    job_retrying: "Connection lost; retrying in {s} s",
    job_offline: "Offline; continues when the network is back",
    job_paused: "Sign in again to continue uploading",
    job_failed: "Upload failed",
    job_failed_why: "Upload failed: {why}",
    job_not_kept: " (the browser could not keep the file; closing the page stops this upload)",
    job_lost: "The file is no longer in the browser; shoot it again.",
    offline_banner: "Offline: your files are kept on the phone and upload when the network is back.",
    err_too_large: "File too large",
    err_wrong_type: "Wrong file type",
    err_unreadable: "The file cannot be read or is not what is asked for",
    err_not_editable: "This application cannot take new files now",
    err_storage: "The server's storage is full",
    err_network: "Could not reach the server; check the network and try again.",
    err_generic: "Something went wrong ({status})",
    err_forbidden: "You may not do that",
    err_not_found: "Not found",
    comments: "Messages from officers",
    no_comments: "No messages.",
    reply: "Reply",
    reply_to: "Reply to {name}",
    reply_placeholder: "Your reply",
    reply_sent: "Reply sent.",
    about_item: "About: {title}",
    author_role: "{name} ({role})",
    role_officer: "Officer",
    role_admin: "Administrator",
    role_applicant: "Me",
    role_auditor: "Auditor",
    rating: "Rate the service",
    rating_intro: "The decision is made; please rate this service.",
    rating_score: "Score",
    star_n: "{n} stars",
    rating_comment: "Comment (optional)",
    rating_submit: "Send rating",
    rating_done: "Your rating: {n} stars",
    rating_thanks: "Thank you for your rating!",
    rating_pick: "Choose a number of stars first.",
    decision_approved: "The survey passed.",
    decision_rejected: "The survey did not pass.",
    events_title: "Notifications",
    no_events: "No notifications.",
    mark_read: "Mark all as read",
  },
};

const KEY = "takan.lang";
let current = readLang();

function readLang() {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === "zh" || saved === "en") return saved;
  } catch {
    /* storage blocked */
  }
  return "zh";
}

export function lang() {
  return current;
}

export function setLang(value) {
  current = value === "en" ? "en" : "zh";
  try {
    localStorage.setItem(KEY, current);
  } catch {
    /* storage blocked: the choice lasts for this page only */
  }
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
}

/** A string with {name} placeholders filled in (values are plain text, never HTML). */
export function t(key, params = {}) {
  const table = STRINGS[current];
  const text = table[key] ?? STRINGS.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** obj[base_zh] or obj[base_en] for the current language, falling back to the other one. */
export function pick(obj, base) {
  if (!obj) return "";
  const other = current === "zh" ? "en" : "zh";
  return obj[`${base}_${current}`] || obj[`${base}_${other}`] || "";
}

/** A list joined the way each language does it. */
export function joinList(items) {
  return items.join(current === "zh" ? "、" : ", ");
}

const LOCALE = () => (current === "zh" ? "zh-CN" : "en-GB");

export function formatTime(value) {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(LOCALE(), { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatDate(value) {
  if (!value) return "";
  const date = new Date(`${value}T00:00:00`);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(LOCALE(), { dateStyle: "medium" }).format(date);
}

/** What went wrong, in plain words, from the one error body {code, message, detail}: the
 * server's own Chinese sentence (detail.message_zh) when there is one, else a headline by status
 * (too large, wrong type, ...) with the server's English message. */
export function errorText(error) {
  if (!error) return "";
  const detail = error.detail || {};
  if (error.status === 0) return t("err_network");
  const headline = {
    403: t("err_forbidden"),
    404: t("err_not_found"),
    413: t("err_too_large"),
    415: t("err_wrong_type"),
    422: t("err_unreadable"),
    507: t("err_storage"),
  }[error.status] || (error.code === "case_not_editable" ? t("err_not_editable") : "");
  if (current === "zh") {
    if (detail.message_zh) return detail.message_zh;
    if (headline) return headline;
    return t("err_generic", { status: error.status });
  }
  if (headline && error.message) return `${headline}: ${error.message}`;
  return error.message || headline || t("err_generic", { status: error.status });
}
