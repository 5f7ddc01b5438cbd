"""Automatic authenticity checks of one piece of evidence, and checklist coverage.

Pure functions: the server gathers everything (metadata, the phone's report, the site, the
duplicates it found by querying) into a CheckContext and gets back one CheckResult per check,
each `pass | warn | fail | unknown` with a sentence in Chinese and in English that carries the
numbers, and the numbers themselves in `data`. Checks advise the officer; they decide nothing.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from server.ingest.phash import NEAR_DUPLICATE_MAX_DISTANCE
from shared.enums import CheckStatus, MediaKind
from shared.evidence import CaptureMetadata, CheckResult, ClientCapture, RequirementCoverage
from shared.format import format_days, format_distance, format_duration
from shared.geo import haversine_m
from shared.models import Requirement

PASS, WARN, FAIL, UNKNOWN = CheckStatus.pass_, CheckStatus.warn, CheckStatus.fail, CheckStatus.unknown

CHECK_NAMES = (
    "gps_present",
    "geofence",
    "gps_agreement",
    "capture_time",
    "freshness",
    "edited",
    "duplicate",
    "resolution",  # photos only
    "video_duration",  # videos only
)


@dataclass(frozen=True, kw_only=True, slots=True)
class DuplicateHit:
    """Another evidence item the server found with the same sha256 or a near dHash."""

    evidence_id: int
    case_id: int
    case_reference: str
    same_file: bool
    distance: int = 0  # Hamming distance of the dHashes (0 for the same file)


@dataclass(frozen=True, kw_only=True)
class CheckContext:
    kind: MediaKind
    metadata: CaptureMetadata
    received_at: datetime  # the server's receipt time (UTC): the one clock the applicant cannot set
    client: ClientCapture | None = None
    site_lat: float | None = None  # WGS-84
    site_lon: float | None = None
    radius_m: float = 300.0
    case_id: int | None = None  # tells duplicates in this case from those in another
    case_created_at: datetime | None = None
    capture_window_days: int = 30
    requirement: Requirement | None = None
    duplicates: list[DuplicateHit] = field(default_factory=list)
    phash_available: bool = True  # False when no picture could be decoded: only exact copies searched
    local_tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))
    # Thresholds.
    max_clock_skew: timedelta = timedelta(minutes=10)  # a phone clock this far ahead is still "now"
    gps_agreement_m: float = 150.0  # file GPS and phone position agree within this (+ accuracy)
    gps_disagreement_m: float = 1000.0  # beyond this (+ accuracy) they contradict each other
    freshness_grace: timedelta = timedelta(hours=24)  # shot shortly before the case was created: warn
    min_photo_pixels: int = 1_000_000
    min_video_seconds: float = 5.0
    near_duplicate_max_distance: int = NEAR_DUPLICATE_MAX_DISTANCE


def run_checks(ctx: CheckContext) -> list[CheckResult]:
    """All checks that apply to the evidence's kind, in the order of CHECK_NAMES."""
    results = [
        check_gps_present(ctx),
        check_geofence(ctx),
        check_gps_agreement(ctx),
        check_capture_time(ctx),
        check_freshness(ctx),
        check_edited(ctx),
        check_duplicate(ctx),
    ]
    if ctx.kind == MediaKind.photo:
        results.append(check_resolution(ctx))
    else:
        results.append(check_video_duration(ctx))
    return results


def _result(name: str, status: CheckStatus, zh: str, en: str, **data) -> CheckResult:
    return CheckResult(name=name, status=status, message_zh=zh, message_en=en, data=data)


# ----- formatting -------------------------------------------------------------------------------


def format_distance_en(metres: float) -> str:
    """A distance as the sentences give it: to the metre (a phone's position is no finer)."""
    return format_distance(metres, "en", whole_metres=True)


def format_distance_zh(metres: float) -> str:
    return format_distance(metres, "zh", whole_metres=True)


def format_duration_en(delta: timedelta) -> str:
    return format_duration(abs(delta.total_seconds()), "en")


def format_duration_zh(delta: timedelta) -> str:
    return format_duration(abs(delta.total_seconds()), "zh")


def _utc(value: datetime) -> datetime:
    """Server-side times without a zone are UTC by the house rule."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


# ----- position ---------------------------------------------------------------------------------


def _file_gps(m: CaptureMetadata) -> tuple[float, float] | None:
    return (m.gps_lat, m.gps_lon) if m.gps_lat is not None and m.gps_lon is not None else None


def _client_position(client: ClientCapture | None) -> tuple[float, float] | None:
    if client is None or client.lat is None or client.lon is None:
        return None
    if not (-90 <= client.lat <= 90 and -180 <= client.lon <= 180):  # also false for NaN
        return None
    return client.lat, client.lon


def _accuracy(client: ClientCapture | None) -> float | None:
    value = client.accuracy_m if client is not None else None
    if value is None or not math.isfinite(value) or value < 0:
        return None
    return value


def _file_gps_broken(m: CaptureMetadata) -> bool:
    return any(name in m.unreadable for name in ("gps_lat", "gps_lon", "gps"))


def check_gps_present(ctx: CheckContext) -> CheckResult:
    m = ctx.metadata
    file_gps = _file_gps(m)
    client = _client_position(ctx.client)
    what_en = "photo" if ctx.kind == MediaKind.photo else "video"
    what_zh = "照片" if ctx.kind == MediaKind.photo else "视频"
    if file_gps is not None:
        lat, lon = file_gps
        return _result(
            "gps_present", PASS,
            f"{what_zh}文件记录了拍摄位置（{lat:.5f}, {lon:.5f}）。",
            f"The {what_en} file records where it was taken ({lat:.5f}, {lon:.5f}).",
            source="file", lat=lat, lon=lon, alt=m.gps_alt,
        )
    broken = _file_gps_broken(m)
    reason_en = "The GPS position in the file is damaged" if broken else f"The {what_en} file has no GPS position"
    reason_zh = f"{what_zh}文件中的 GPS 位置已损坏" if broken else f"{what_zh}文件中没有 GPS 位置"
    if client is not None:
        accuracy = _accuracy(ctx.client)
        acc_en = f" (±{format_distance_en(accuracy)})" if accuracy is not None else ""
        acc_zh = f"（精度 ±{format_distance_zh(accuracy)}）" if accuracy is not None else ""
        return _result(
            "gps_present", WARN,
            f"{reason_zh}；仅有手机在拍摄时上报的位置{acc_zh}。",
            f"{reason_en}; only the position the phone reported at capture is known{acc_en}.",
            source="client", file_gps_broken=broken, lat=client[0], lon=client[1], accuracy_m=accuracy,
        )
    return _result(
        "gps_present", FAIL,
        f"{reason_zh}，手机也未上报位置：无法确定拍摄地点。",
        f"{reason_en} and the phone reported no position: where it was taken is unknown.",
        source=None, file_gps_broken=broken,
    )


def check_geofence(ctx: CheckContext) -> CheckResult:
    if ctx.site_lat is None or ctx.site_lon is None:
        return _result(
            "geofence", UNKNOWN, "该踏勘现场没有坐标，无法核对拍摄距离。",
            "The site has no coordinates, so the distance cannot be checked.",
        )
    position = _file_gps(ctx.metadata)
    source = "file"
    if position is None:
        position = _client_position(ctx.client)
        source = "client"
    if position is None:
        return _result(
            "geofence", UNKNOWN, "文件和手机都没有位置信息，无法核对与现场的距离。",
            "Neither the file nor the phone gave a position, so the distance to the site is unknown.",
        )
    distance = haversine_m(position[0], position[1], ctx.site_lat, ctx.site_lon)
    radius = ctx.radius_m
    if distance <= radius:
        status = PASS
    elif distance <= 2 * radius:
        status = WARN
    else:
        status = FAIL
    where_en = "" if source == "file" else " (from the position the phone reported; the file has none)"
    where_zh = "" if source == "file" else "（依据手机上报的位置，文件本身没有 GPS）"
    if status == PASS:
        en = f"Taken {format_distance_en(distance)} from the site, within the allowed {format_distance_en(radius)}"
        zh = f"拍摄点距现场 {format_distance_zh(distance)}，在允许范围 {format_distance_zh(radius)} 以内"
    else:
        en = (
            f"Taken {format_distance_en(distance)} from the site, "
            f"beyond the allowed {format_distance_en(radius)}"
        )
        zh = f"拍摄点距现场 {format_distance_zh(distance)}，超出允许范围 {format_distance_zh(radius)}"
    return _result(
        "geofence", status, zh + where_zh + "。", en + where_en + ".",
        distance_m=round(distance, 1), radius_m=radius, source=source, lat=position[0], lon=position[1],
        site_lat=ctx.site_lat, site_lon=ctx.site_lon,
    )


def check_gps_agreement(ctx: CheckContext) -> CheckResult:
    file_gps = _file_gps(ctx.metadata)
    client = _client_position(ctx.client)
    if file_gps is None or client is None:
        missing_en = "the file has no GPS position" if file_gps is None else "the phone reported no position"
        missing_zh = "文件中没有 GPS 位置" if file_gps is None else "手机未上报位置"
        return _result(
            "gps_agreement", UNKNOWN, f"无法比对：{missing_zh}。", f"Nothing to compare: {missing_en}.",
        )
    accuracy = _accuracy(ctx.client) or 0.0
    distance = haversine_m(file_gps[0], file_gps[1], client[0], client[1])
    data = {"distance_m": round(distance, 1), "accuracy_m": accuracy, "allowed_m": ctx.gps_agreement_m + accuracy}
    if accuracy > ctx.gps_disagreement_m:
        return _result(
            "gps_agreement", UNKNOWN,
            f"手机上报的位置过于粗略（±{format_distance_zh(accuracy)}），无法与文件 GPS 比对。",
            f"The phone's position is too vague (±{format_distance_en(accuracy)}) to compare with the file's GPS.",
            **data,
        )
    if distance <= ctx.gps_agreement_m + accuracy:
        status = PASS
        zh = f"文件 GPS 与手机上报位置相距 {format_distance_zh(distance)}，相互吻合"
        en = f"The file's GPS and the phone's position are {format_distance_en(distance)} apart and agree"
    elif distance <= ctx.gps_disagreement_m + accuracy:
        status = WARN
        zh = f"文件 GPS 与手机上报位置相距 {format_distance_zh(distance)}，略有出入"
        en = f"The file's GPS and the phone's position are {format_distance_en(distance)} apart"
    else:
        status = FAIL
        zh = f"文件 GPS 与手机上报位置相距 {format_distance_zh(distance)}，互相矛盾：照片可能不是在上传处拍摄的"
        en = (
            f"The file's GPS and the phone's position are {format_distance_en(distance)} apart: "
            "the picture was probably not taken where it was uploaded"
        )
    acc_zh = f"（手机精度 ±{format_distance_zh(accuracy)}）" if accuracy else ""
    acc_en = f" (phone accuracy ±{format_distance_en(accuracy)})" if accuracy else ""
    return _result("gps_agreement", status, zh + acc_zh + "。", en + acc_en + ".", **data)


# ----- time -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CaptureTime:
    value: datetime  # aware
    source: str  # "file" | "gps"
    assumed_zone: str | None  # set when the file's local time had no offset


def _capture_time(ctx: CheckContext) -> _CaptureTime | None:
    m = ctx.metadata
    if m.captured_at is not None:
        if m.captured_at.tzinfo is not None:
            return _CaptureTime(m.captured_at, "file", None)
        return _CaptureTime(m.captured_at.replace(tzinfo=ctx.local_tz), "file", str(ctx.local_tz))
    if m.gps_time is not None:
        return _CaptureTime(_utc(m.gps_time), "gps", None)
    return None


def _local_text(ctx: CheckContext, value: datetime) -> str:
    return value.astimezone(ctx.local_tz).strftime("%Y-%m-%d %H:%M")


def check_capture_time(ctx: CheckContext) -> CheckResult:
    captured = _capture_time(ctx)
    if captured is None:
        broken = "captured_at" in ctx.metadata.unreadable
        return _result(
            "capture_time", UNKNOWN,
            "文件中的拍摄时间已损坏，无法核对。" if broken else "文件中没有拍摄时间，无法核对。",
            "The capture time in the file is damaged." if broken else "The file records no capture time.",
        )
    received = _utc(ctx.received_at)
    delay = received - captured.value
    window = timedelta(days=ctx.capture_window_days)
    shown = _local_text(ctx, captured.value)
    data = {
        "captured_at": _iso(captured.value),
        "received_at": _iso(received),
        "delay_s": round(delay.total_seconds()),
        "window_days": ctx.capture_window_days,
        "source": captured.source,
        "assumed_time_zone": captured.assumed_zone,
    }
    if captured.source == "gps":
        note_zh = "（依据 GPS 时间戳，文件没有拍摄时间）"
        note_en = " (from the GPS time stamp; the file has no capture time)"
    elif captured.assumed_zone:
        note_zh = f"（文件未记录时区，按 {captured.assumed_zone} 时间理解）"
        note_en = f" (the file records no time zone; read as {captured.assumed_zone} time)"
    else:
        note_zh = note_en = ""
    if delay < -ctx.max_clock_skew:
        return _result(
            "capture_time", FAIL,
            f"拍摄时间 {shown} 晚于服务器收到文件的时间 {format_duration_zh(delay)}：时间不可能在未来{note_zh}。",
            f"Captured at {shown}, {format_duration_en(delay)} after the server received the file: "
            f"a capture time in the future is impossible{note_en}.",
            **data,
        )
    if delay > window:
        return _result(
            "capture_time", FAIL,
            f"拍摄于 {shown}，距上传已 {format_days(delay.total_seconds(), 'zh')}，"
            f"超出 {ctx.capture_window_days} 天的拍摄时限{note_zh}。",
            f"Captured at {shown}, {format_days(delay.total_seconds(), 'en')} before upload, outside the "
            f"{ctx.capture_window_days}-day capture window{note_en}.",
            **data,
        )
    if delay < timedelta(0):
        age_zh, age_en = "与上传时间基本一致", "at the time of upload (within the allowed clock difference)"
    else:
        age_zh, age_en = f"上传前 {format_duration_zh(delay)}", f"{format_duration_en(delay)} before upload"
    return _result(
        "capture_time", PASS,
        f"拍摄于 {shown}，{age_zh}，在 {ctx.capture_window_days} 天的拍摄时限内{note_zh}。",
        f"Captured at {shown}, {age_en}, within the {ctx.capture_window_days}-day capture window{note_en}.",
        **data,
    )


def check_freshness(ctx: CheckContext) -> CheckResult:
    captured = _capture_time(ctx)
    if captured is None or ctx.case_created_at is None:
        why_en = "the file records no capture time" if captured is None else "the case has no creation time"
        why_zh = "文件中没有拍摄时间" if captured is None else "申请没有创建时间"
        return _result("freshness", UNKNOWN, f"无法判断：{why_zh}。", f"Cannot tell: {why_en}.")
    created = _utc(ctx.case_created_at)
    lead = created - captured.value  # how long before the case was created it was captured
    shown, created_shown = _local_text(ctx, captured.value), _local_text(ctx, created)
    data = {
        "captured_at": _iso(captured.value),
        "case_created_at": _iso(created),
        "before_case_s": round(lead.total_seconds()),
        "assumed_time_zone": captured.assumed_zone,
    }
    if lead <= ctx.max_clock_skew:
        return _result(
            "freshness", PASS,
            f"拍摄于 {shown}，在申请创建（{created_shown}）之后。",
            f"Captured at {shown}, after the case was created ({created_shown}).",
            **data,
        )
    status = WARN if lead <= ctx.freshness_grace else FAIL
    return _result(
        "freshness", status,
        f"拍摄于 {shown}，比申请创建（{created_shown}）早 {format_duration_zh(lead)}：可能是旧照片。",
        f"Captured at {shown}, {format_duration_en(lead)} before the case was created ({created_shown}): "
        "it may be an old picture.",
        **data,
    )


# ----- editing ----------------------------------------------------------------------------------

# (pattern, display name, status): editors that rewrite pixels fail; apps that re-save, beautify or
# stamp text into the picture warn (their stamped time and place prove nothing).
_EDITORS: tuple[tuple[str, str, CheckStatus], ...] = (
    (r"photoshop", "Adobe Photoshop", FAIL),
    (r"lightroom", "Adobe Lightroom", FAIL),
    (r"\bgimp\b", "GIMP", FAIL),
    (r"fireworks", "Adobe Fireworks", FAIL),
    (r"snapseed", "Snapseed", FAIL),
    (r"picsart", "PicsArt", FAIL),
    (r"pixelmator", "Pixelmator", FAIL),
    (r"affinity", "Affinity Photo", FAIL),
    (r"\bcanva\b", "Canva", FAIL),
    (r"meitu|美图|美圖", "美图秀秀 Meitu", FAIL),
    (r"醒图|xingtu|hypic", "醒图 Hypic", FAIL),
    (r"黄油相机|butter ?camera", "黄油相机 Butter Camera", FAIL),
    (r"facetune", "Facetune", FAIL),
    (r"fotor", "Fotor", FAIL),
    (r"polarr", "Polarr", FAIL),
    (r"vsco", "VSCO", FAIL),
    (r"paint\.net", "Paint.NET", FAIL),
    (r"photoscape", "PhotoScape", FAIL),
    (r"luminar", "Luminar", FAIL),
    (r"darktable", "darktable", FAIL),
    (r"rawtherapee", "RawTherapee", FAIL),
    (r"capture one", "Capture One", FAIL),
    (r"剪映|capcut", "剪映 CapCut", FAIL),
    (r"inshot", "InShot", FAIL),
    (r"kinemaster", "KineMaster", FAIL),
    (r"premiere", "Adobe Premiere", FAIL),
    (r"final cut", "Final Cut Pro", FAIL),
    (r"imovie", "iMovie", FAIL),
    (r"快影", "快影", FAIL),
    (r"水印相机|今日水印|马克水印|watermark ?cam", "水印相机 watermark camera", WARN),
    (r"b612|faceu|轻颜|美颜相机|beautycam", "beauty camera app", WARN),
    (r"windows photo gallery|windows live photo|picasa|photos legacy", "a photo manager", WARN),
    (r"^lavf|ffmpeg|handbrake", "FFmpeg (re-encoded)", WARN),
)
_EDITOR_PATTERNS = tuple((re.compile(p, re.IGNORECASE), name, status) for p, name, status in _EDITORS)


def detect_editor(software: str | None) -> tuple[str, CheckStatus] | None:
    """(editor name, status) when `software` names an editing or re-saving program, else None.
    Camera firmware ("Ver.1.00", "1.01+R"), phone OS versions and camera makers' transfer tools
    ("Nikon Transfer 1.1 W") are not edits."""
    if not software:
        return None
    for pattern, name, status in _EDITOR_PATTERNS:
        if pattern.search(software):
            return name, status
    return None


def check_edited(ctx: CheckContext) -> CheckResult:
    m = ctx.metadata
    found = []
    for label, value in (("Software", m.software), ("CreatorTool", m.creator_tool)):
        hit = detect_editor(value)
        if hit is not None:
            found.append((label, value, *hit))
    data = {"software": m.software, "creator_tool": m.creator_tool}
    if found:
        label, value, name, status = max(found, key=lambda f: f[3] == FAIL)
        if status == FAIL:
            zh = f"文件由编辑软件 {name} 保存过（{label}：{value}）：画面可能被修改过。"
            en = f"The file was saved by the editor {name} ({label}: {value}): the picture may have been altered."
        else:
            zh = f"文件经 {name} 处理过（{label}：{value}）：不是相机原始文件，其中印上的时间地点不能作为证据。"
            en = (
                f"The file went through {name} ({label}: {value}): it is not the camera's original, and any "
                "time or place printed into it proves nothing."
            )
        return _result("edited", status, zh, en, editor=name, **data)
    if m.software or m.creator_tool or m.make or m.model:
        shown = m.software or m.creator_tool
        detail_zh = f"（软件：{shown}）" if shown else ""
        detail_en = f" (software: {shown})" if shown else ""
        return _result(
            "edited", PASS, f"未发现编辑软件的痕迹{detail_zh}。", f"No sign of an editing program{detail_en}.", **data
        )
    return _result(
        "edited", UNKNOWN, "文件没有记录拍摄设备或软件，无法判断是否编辑过。",
        "The file records neither a device nor software, so editing cannot be judged.",
        **data,
    )


# ----- duplicates -------------------------------------------------------------------------------


def check_duplicate(ctx: CheckContext) -> CheckResult:
    hits = [h for h in ctx.duplicates if h.same_file or h.distance <= ctx.near_duplicate_max_distance]
    other = [h for h in hits if ctx.case_id is None or h.case_id != ctx.case_id]
    same_case = [h for h in hits if ctx.case_id is not None and h.case_id == ctx.case_id]
    data = {
        "matches": [
            {
                "evidence_id": h.evidence_id, "case_id": h.case_id, "case_reference": h.case_reference,
                "same_file": h.same_file, "distance": h.distance,
            }
            for h in sorted(hits, key=lambda h: (not h.same_file, h.distance, h.evidence_id))
        ],
        "phash_checked": ctx.phash_available,
        "max_distance": ctx.near_duplicate_max_distance,
    }
    if other:
        best = min(other, key=lambda h: (not h.same_file, h.distance))
        references = list(dict.fromkeys(h.case_reference for h in other))
        listed = "、".join(references[:3]) + (" 等" if len(references) > 3 else "")
        listed_en = ", ".join(references[:3]) + (" and others" if len(references) > 3 else "")
        if best.same_file:
            zh = f"完全相同的文件已作为另一申请 {listed} 的材料上传过（材料 #{best.evidence_id}）。"
            en = f"The identical file was already uploaded to another case, {listed_en} (evidence #{best.evidence_id})."
        else:
            zh = (
                f"与另一申请 {listed} 中的材料 #{best.evidence_id} 几乎相同"
                f"（64 位感知哈希仅差 {best.distance} 位）：可能是翻拍、压缩或缩放后的同一张照片。"
            )
            en = (
                f"Nearly identical to evidence #{best.evidence_id} of another case, {listed_en} "
                f"({best.distance} of 64 perceptual-hash bits differ): probably the same picture re-saved or resized."
            )
        return _result("duplicate", FAIL, zh, en, **data)
    if same_case:
        best = min(same_case, key=lambda h: (not h.same_file, h.distance))
        how_zh = "完全相同的文件" if best.same_file else f"几乎相同的画面（感知哈希差 {best.distance} 位）"
        how_en = "The identical file" if best.same_file else f"A nearly identical picture ({best.distance} bits apart)"
        return _result(
            "duplicate", WARN,
            f"{how_zh}已在本申请中上传过（材料 #{best.evidence_id}）。",
            f"{how_en} was already uploaded to this case (evidence #{best.evidence_id}).",
            **data,
        )
    if not ctx.phash_available:
        return _result(
            "duplicate", PASS, "未发现相同文件（无法解码画面，未比对相似照片）。",
            "No identical file found (the picture could not be decoded, so similar pictures were not searched).",
            **data,
        )
    return _result(
        "duplicate", PASS, "在所有申请中均未发现相同或相似的照片。",
        "No identical or similar picture found in any case.", **data,
    )


# ----- size and length --------------------------------------------------------------------------


def check_resolution(ctx: CheckContext) -> CheckResult:
    m = ctx.metadata
    required = ctx.min_photo_pixels
    if ctx.requirement is not None and ctx.requirement.min_pixels is not None:
        required = ctx.requirement.min_pixels
    if not m.width or not m.height:
        return _result("resolution", UNKNOWN, "无法读取照片尺寸。", "The picture size cannot be read.",
                       min_pixels=required)
    pixels = m.width * m.height
    data = {"width": m.width, "height": m.height, "pixels": pixels, "min_pixels": required}
    size_zh = f"{m.width}×{m.height} 像素（{pixels / 1e6:.1f} 百万像素）"
    size_en = f"{m.width}×{m.height} pixels ({pixels / 1e6:.1f} MP)"
    if pixels >= required:
        return _result(
            "resolution", PASS, f"照片为 {size_zh}，满足至少 {required / 1e6:.1f} 百万像素的要求。",
            f"The photo is {size_en}, meeting the minimum of {required / 1e6:.1f} MP.", **data,
        )
    return _result(
        "resolution", FAIL, f"照片仅 {size_zh}，低于要求的 {required / 1e6:.1f} 百万像素：细节可能看不清。",
        f"The photo is only {size_en}, below the required {required / 1e6:.1f} MP: details may be unreadable.",
        **data,
    )


def check_video_duration(ctx: CheckContext) -> CheckResult:
    seconds = ctx.metadata.duration_s
    required = ctx.min_video_seconds
    if ctx.requirement is not None and ctx.requirement.min_duration_s is not None:
        required = ctx.requirement.min_duration_s
    if seconds is None:
        return _result("video_duration", UNKNOWN, "无法读取视频时长。", "The video's length cannot be read.",
                       min_seconds=required)
    data = {"seconds": round(seconds, 2), "min_seconds": required}
    lasts, minimum = timedelta(seconds=seconds), timedelta(seconds=required)
    if seconds >= required:
        return _result(
            "video_duration", PASS,
            f"视频时长 {format_duration_zh(lasts)}，满足至少 {format_duration_zh(minimum)} 的要求。",
            f"The video lasts {format_duration_en(lasts)}, meeting the minimum of {format_duration_en(minimum)}.",
            **data,
        )
    return _result(
        "video_duration", FAIL, f"视频仅 {format_duration_zh(lasts)}，短于要求的 {format_duration_zh(minimum)}。",
        f"The video lasts only {format_duration_en(lasts)}, shorter than the required {format_duration_en(minimum)}.",
        **data,
    )


# ----- checklist coverage -----------------------------------------------------------------------


def coverage(
    checklist: list[Requirement], items: Iterable[tuple[str, MediaKind | str, bool]]
) -> list[RequirementCoverage]:
    """How many current evidence items each requirement has. `items` are (requirement key,
    media kind, superseded); superseded items and items of the wrong kind do not count."""
    counts: dict[tuple[str, str], int] = {}
    for key, kind, superseded in items:
        if superseded:
            continue
        counts[(key, str(kind))] = counts.get((key, str(kind)), 0) + 1
    result = []
    for requirement in checklist:
        count = counts.get((requirement.key, str(requirement.kind)), 0)
        result.append(
            RequirementCoverage(
                key=requirement.key, title_zh=requirement.title_zh, title_en=requirement.title_en,
                kind=requirement.kind, min_count=requirement.min_count, required=requirement.required,
                count=count, satisfied=count >= requirement.min_count,
            )
        )
    return result
