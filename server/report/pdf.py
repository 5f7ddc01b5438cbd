"""The survey report (现场踏勘报告): a Chinese PDF made with reportlab from a plain ReportInput.

Fonts: a CJK TrueType font is embedded (subset) when one is installed (fonts-wqy-microhei on
Debian), so every viewer shows the same glyphs and pdftotext extracts the text. Without one the
report uses reportlab's built-in CID font STSong-Light: nothing is embedded and the viewer
supplies the glyphs (poppler needs poppler-data for that).

The output is reproducible: the same input gives the same bytes (reportlab's invariant mode),
so a re-exported archive matches an earlier one.
"""

import io
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Image as PdfImage
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from server.report.fonts import cjk_font_candidates
from server.report.render import AnnotationLike, ImageSource, render_annotated
from shared.enums import VERDICT_ZH
from shared.format import format_file_size

CID_FONT = "STSong-Light"
EMBEDDED_FONT = "TakanCJK"
THUMBNAIL_PIXELS = 900  # longest side of a thumbnail as rendered into the PDF
THUMBNAIL_BOX = 72 * mm


# ----------------------------------------------------------------------------- input


@dataclass(slots=True)
class ReportCheck:
    """One automatic check of an evidence item (shared.evidence.CheckResult, in words)."""

    name: str
    status: str  # pass | warn | fail | unknown
    message: str = ""


@dataclass(slots=True)
class ReportRequirement:
    """One checklist line and how the case ended up on it."""

    key: str
    title: str
    kind: str = "photo"  # photo | video
    min_count: int = 1
    required: bool = True
    evidence_count: int = 0  # current (not superseded) items
    result: str | None = None  # pass | fail | None (not judged)
    note: str = ""


@dataclass(slots=True)
class ReportEvidence:
    number: int  # nn in data/evidence/<nn>_...
    requirement_key: str
    requirement_title: str
    kind: str = "photo"
    file_name: str = ""  # the name inside the archive
    sha256: str = ""
    size: int = 0
    media_type: str = ""
    captured_at: datetime | None = None
    received_at: datetime | None = None
    gps: tuple[float, float] | None = None  # WGS-84 (lat, lon) from the file
    distance_m: float | None = None  # from the site
    device: str = ""
    duration_s: float | None = None
    superseded: bool = False
    # The photo itself, or a video's poster frame; None: no picture in the report.
    thumbnail: ImageSource | None = None
    annotations: Sequence[AnnotationLike] = ()
    annotated_frames: int = 0  # a video's moments drawn with their annotations in data/annotated/
    checks: Sequence[ReportCheck] = ()


@dataclass(slots=True)
class ReportRequirementResult:
    title: str
    result: str  # pass | fail
    note: str = ""


@dataclass(slots=True)
class ReportOpinion:
    officer: str  # the officer's name as shown to people
    verdict: str  # pass | rectify | fail
    at: datetime | None = None
    role: str = ""  # e.g. 主办 / 复核
    reasons: str = ""
    rectification_deadline: date | datetime | None = None
    requirement_results: Sequence[ReportRequirementResult] = ()
    evidence_viewed: str = ""  # e.g. "查看证据 12 项，累计 8 分 30 秒"


@dataclass(slots=True)
class ReportInput:
    reference: str
    item_type: str
    applicant: str
    site_name: str
    status: str  # shared.enums.CaseStatus value
    title: str = ""
    applicant_organisation: str = ""
    site_address: str = ""
    site_lat: float | None = None  # WGS-84
    site_lon: float | None = None
    site_radius_m: float | None = None
    fields: Sequence[tuple[str, str]] = ()  # the item's fields, labelled (e.g. ("楼栋号", "3#"))
    officers: Sequence[str] = ()  # assigned officers
    submitted_at: datetime | None = None
    due_at: date | datetime | None = None
    decided_at: datetime | None = None
    time_limit_days: int | None = None
    decision: str = ""  # the decision in words
    requirements: Sequence[ReportRequirement] = ()
    evidence: Sequence[ReportEvidence] = ()
    opinions: Sequence[ReportOpinion] = ()
    organisation: str = "县行政审批服务局"
    generated_at: datetime | None = None
    timezone: str = "Asia/Shanghai"
    notes: Sequence[str] = field(default_factory=tuple)  # free lines at the end (e.g. archive identifiers)


# ----------------------------------------------------------------------------- words and colours

STATUS_ZH = {
    "draft": "草稿", "submitted": "已提交", "in_review": "审查中", "rectification_requested": "限期整改中",
    "approved": "准予许可", "rejected": "不予许可", "withdrawn": "已撤回",
}
CHECK_ZH = {"pass": "通过", "warn": "注意", "fail": "不通过", "unknown": "无法判断"}
RESULT_ZH = {"pass": "符合", "fail": "不符合", None: "未评定"}
KIND_ZH = {"photo": "照片", "video": "视频"}
GREEN, ORANGE, RED, GREY = (colors.HexColor(c) for c in ("#1a7f37", "#b35900", "#cf222e", "#6e7781"))
STATUS_COLOUR = {"pass": GREEN, "warn": ORANGE, "rectify": ORANGE, "fail": RED, "unknown": GREY,
                 "approved": GREEN, "rejected": RED, "rectification_requested": ORANGE}
HEADER_BG = colors.HexColor("#eef1f5")
GRID = colors.HexColor("#9aa4b2")


@cache
def report_font() -> tuple[str, bool]:
    """(font name, embedded?): a CJK TrueType font when one is installed, else the CID font."""
    for path in cjk_font_candidates():
        try:
            font = TTFont(EMBEDDED_FONT, str(path), subfontIndex=0) if path.suffix.lower() == ".ttc" \
                else TTFont(EMBEDDED_FONT, str(path))
        except Exception:  # noqa: S112 - CFF-outline (OpenType) fonts cannot be embedded: try the next
            continue
        pdfmetrics.registerFont(font)
        return EMBEDDED_FONT, True
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT, False


class _Styles:
    def __init__(self, font: str):
        base = ParagraphStyle("base", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK")
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=8, leading=11)
        self.title = ParagraphStyle("title", parent=base, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=4)
        self.subtitle = ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=16, alignment=TA_CENTER,
                                       textColor=GREY, spaceAfter=10)
        self.h1 = ParagraphStyle("h1", parent=base, fontSize=13.5, leading=20, spaceBefore=10, spaceAfter=6)
        self.h2 = ParagraphStyle("h2", parent=base, fontSize=11, leading=16, spaceBefore=8, spaceAfter=4)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=12)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell, textColor=colors.HexColor("#24292f"))


def _p(text: object, style: ParagraphStyle, colour: colors.Color | None = None) -> Paragraph:
    body = escape(str(text if text is not None else "")).replace("\n", "<br/>")
    if colour is not None:
        body = f'<font color="{colour.hexval()}">{body}</font>'
    return Paragraph(body or "—", style)


def _coloured(word: str, key: str | None, style: ParagraphStyle) -> Paragraph:
    return _p(word, style, STATUS_COLOUR.get(key or ""))


class _Clock:
    def __init__(self, tz: str):
        self.tz = ZoneInfo(tz)

    def __call__(self, moment: date | datetime | None, *, seconds: bool = False) -> str:
        if moment is None:
            return "—"
        if isinstance(moment, datetime):
            local = moment.astimezone(self.tz) if moment.tzinfo else moment
            return local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
        return moment.isoformat()




def _grid(rows: list[list], widths: list[float], *, header: bool = True, extra: Sequence = ()) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1, hAlign="LEFT")
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_BG))
    table.setStyle(TableStyle([*style, *extra]))
    return table


def _facts(pairs: list[tuple[str, object]], styles: _Styles, width: float) -> Table:
    """A two-column label/value table; a value may already be a Paragraph (e.g. coloured)."""
    rows = [[_p(label, styles.cell_head), value if isinstance(value, Paragraph) else _p(value, styles.cell)]
            for label, value in pairs]
    return _grid(rows, [32 * mm, width - 32 * mm], header=False,
                 extra=[("BACKGROUND", (0, 0), (0, -1), HEADER_BG)])


# ----------------------------------------------------------------------------- the document


class _NumberedCanvas(Canvas):
    """Draws "第 n 页 / 共 m 页" once the page count is known."""

    footer_text = ""
    footer_font = CID_FONT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self.setFont(self.footer_font, 8)
            self.setFillColor(GREY)
            width, _ = self._pagesize
            self.drawString(18 * mm, 10 * mm, self.footer_text)
            self.drawRightString(width - 18 * mm, 10 * mm, f"第 {number} 页 / 共 {total} 页")
            super().showPage()
        super().save()


def _thumbnail(evidence: ReportEvidence) -> PdfImage | None:
    if evidence.thumbnail is None:
        return None
    try:
        jpeg = render_annotated(evidence.thumbnail, list(evidence.annotations), max_size=THUMBNAIL_PIXELS)
    except (OSError, ValueError, TypeError):
        return None
    image = PdfImage(io.BytesIO(jpeg))
    scale = min(THUMBNAIL_BOX / image.imageWidth, THUMBNAIL_BOX / image.imageHeight)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    return image


def build_report_story(data: ReportInput, styles: _Styles, width: float) -> list:
    when = _Clock(data.timezone)
    story: list = [
        _p("现场踏勘报告", styles.title),
        _p(f"{data.organisation}　·　案件编号 {data.reference}", styles.subtitle),
    ]

    # 一、案件信息
    story.append(_p("一、案件信息", styles.h1))
    site = data.site_name + (f"（{data.site_address}）" if data.site_address else "")
    coordinates = (f"北纬 {data.site_lat:.6f}°，东经 {data.site_lon:.6f}°（WGS-84）"
                   if data.site_lat is not None and data.site_lon is not None else "—")
    if data.site_radius_m:
        coordinates += f"，允许范围 {data.site_radius_m:.0f} 米"
    decided_late = (data.decided_at is not None and data.due_at is not None
                    and _as_date(data.decided_at, data.timezone) > _as_date(data.due_at, data.timezone))
    due = when(data.due_at) + (f"（时限 {data.time_limit_days} 个工作日）" if data.time_limit_days else "")
    facts: list[tuple[str, object]] = [
        ("案件编号", data.reference),
        ("标题", data.title or "—"),
        ("踏勘事项", data.item_type),
        ("申请人", data.applicant + (f"（{data.applicant_organisation}）" if data.applicant_organisation else "")),
        ("踏勘场所", site),
        ("坐标", coordinates),
        *[(label, value) for label, value in data.fields],
        ("承办人员", "、".join(data.officers) or "—"),
        ("提交时间", when(data.submitted_at)),
        ("办结期限", due),
        ("决定时间", when(data.decided_at) + ("（超过办结期限）" if decided_late else "")),
        ("案件状态", STATUS_ZH.get(data.status, data.status)),
    ]
    story.append(_facts(facts, styles, width))

    # 二、踏勘清单
    story.append(_p("二、踏勘清单及结论", styles.h1))
    rows = [[_p(h, styles.cell_head) for h in ("序号", "踏勘要求", "类型", "材料（现有/应有）", "结论", "说明")]]
    for index, req in enumerate(data.requirements, 1):
        count_colour = RED if req.required and req.evidence_count < req.min_count else None
        rows.append([
            _p(index, styles.cell),
            _p(req.title + ("" if req.required else "（选填）"), styles.cell),
            _p(KIND_ZH.get(req.kind, req.kind), styles.cell),
            _p(f"{req.evidence_count} / {req.min_count}", styles.cell, count_colour),
            _coloured(RESULT_ZH.get(req.result, req.result or "未评定"), req.result, styles.cell),
            _p(req.note or "", styles.cell),
        ])
    if len(rows) == 1:
        rows.append([_p("—", styles.cell)] * 6)
    story.append(_grid(rows, _widths(width, [10, 48, 12, 24, 16, 60])))

    # 三、证据材料
    story.append(_p("三、证据材料及自动核验", styles.h1))
    if not data.evidence:
        story.append(_p("（无证据材料）", styles.body))
    for item in data.evidence:
        story.extend(_evidence_block(item, styles, width, when))

    # 四、踏勘意见
    story.append(_p("四、踏勘意见", styles.h1))
    if not data.opinions:
        story.append(_p("（尚无踏勘意见）", styles.body))
    for number, opinion in enumerate(data.opinions, 1):
        story.extend(_opinion_block(number, opinion, styles, width, when))

    # 五、审批决定
    story.append(_p("五、审批决定", styles.h1))
    decision = [
        ("案件状态", _coloured(STATUS_ZH.get(data.status, data.status), data.status, styles.cell)),
        ("决定时间", when(data.decided_at)),
        ("办结期限", due),
        ("是否按期", "—" if data.decided_at is None or data.due_at is None else ("逾期" if decided_late else "按期")),
        ("决定内容", data.decision or "—"),
    ]
    story.append(_facts(decision, styles, width))
    story.append(Spacer(1, 6 * mm))
    generated = when(data.generated_at, seconds=True) if data.generated_at else "—"
    story.append(_p(f"本报告由系统根据案件记录自动生成，生成时间 {generated}（时区 {data.timezone}）。"
                    "照片上的标注为审批人员所加，原始文件另存于归档包 data/evidence/ 目录，未经改动。", styles.small))
    for line in data.notes:
        story.append(_p(line, styles.small))
    return story


def _widths(total: float, parts: list[float]) -> list[float]:
    scale = total / sum(parts)
    return [p * scale for p in parts]


def _as_date(moment: date | datetime, tz: str) -> date:
    if isinstance(moment, datetime):
        return (moment.astimezone(ZoneInfo(tz)) if moment.tzinfo else moment).date()
    return moment


def _evidence_block(item: ReportEvidence, styles: _Styles, width: float, when: _Clock) -> list:
    title = f"证据 {item.number:02d}　{item.requirement_title}（{KIND_ZH.get(item.kind, item.kind)}）"
    if item.superseded:
        title += "　〔已被替换，仅存档〕"
    meta: list[tuple[str, object]] = [
        ("文件", item.file_name or "—"),
        ("SHA-256", item.sha256 or "—"),
        ("大小/类型", f"{format_file_size(item.size)}　{item.media_type}".strip()),
        ("拍摄时间", when(item.captured_at, seconds=True)),
        ("接收时间", when(item.received_at, seconds=True) + "（服务器）"),
        ("拍摄位置", f"{item.gps[0]:.6f}, {item.gps[1]:.6f}" if item.gps else "无定位信息"),
    ]
    if item.distance_m is not None:
        meta.append(("距场所", f"{item.distance_m:.0f} 米"))
    if item.device:
        meta.append(("设备", item.device))
    if item.duration_s is not None:
        meta.append(("时长", f"{item.duration_s:.1f} 秒"))
    if item.annotations:
        meta.append(("标注", f"{len(item.annotations)} 处（已绘于图上）"))
    if item.annotated_frames:
        meta.append(("标注", f"{item.annotated_frames} 个时间点的画面已标注（见 data/annotated/）"))
    picture = _thumbnail(item)
    meta_width = width - (THUMBNAIL_BOX + 4 * mm if picture else 0)
    meta_table = _facts(meta, styles, meta_width)
    heading = _p(title, styles.h2, GREY if item.superseded else None)
    if picture is not None:
        body = Table([[picture, meta_table]], colWidths=[THUMBNAIL_BOX + 4 * mm, meta_width], hAlign="LEFT")
        body.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    else:
        body = meta_table
    block: list = [KeepTogether([heading, body])]
    if item.checks:
        block += _outcome_table(("核验项目", "结果", "说明"), [(c.name, CHECK_ZH.get(c.status, c.status), c.status,
                                                          c.message) for c in item.checks],
                                styles, _widths(width, [30, 14, 96]))
    block.append(Spacer(1, 4 * mm))
    return block


def _outcome_table(heads: tuple[str, str, str], rows: list[tuple[str, str, str | None, str]], styles: _Styles,
                   widths: list[float]) -> list:
    """A table of (what, its outcome in words coloured by the outcome's code, a note)."""
    cells = [[_p(h, styles.cell_head) for h in heads]]
    cells += [[_p(what, styles.cell), _coloured(words, code, styles.cell), _p(note, styles.cell)]
              for what, words, code, note in rows]
    return [Spacer(1, 2 * mm), _grid(cells, widths)]


def _opinion_block(number: int, opinion: ReportOpinion, styles: _Styles, width: float, when: _Clock) -> list:
    verdict = VERDICT_ZH.get(opinion.verdict, opinion.verdict)
    role = f"（{opinion.role}）" if opinion.role else ""
    facts: list[tuple[str, object]] = [
        ("踏勘人员", opinion.officer + role),
        ("意见", _coloured(verdict, opinion.verdict, styles.cell)),
        ("签署时间", when(opinion.at, seconds=True)),
    ]
    if opinion.rectification_deadline is not None:
        facts.append(("整改期限", when(opinion.rectification_deadline)))
    if opinion.evidence_viewed:
        facts.append(("查看证据", opinion.evidence_viewed))
    facts.append(("理由", opinion.reasons or "—"))
    block: list = [_p(f"意见 {number}：{opinion.officer}　{verdict}", styles.h2), _facts(facts, styles, width)]
    if opinion.requirement_results:
        block += _outcome_table(("踏勘要求", "结论", "说明"), [(r.title, RESULT_ZH.get(r.result, r.result), r.result,
                                                          r.note) for r in opinion.requirement_results],
                                styles, _widths(width, [50, 16, 74]))
    block.append(Spacer(1, 4 * mm))
    return block


def render_report_pdf(data: ReportInput) -> bytes:
    """The report as PDF bytes (a few MB at most: thumbnails are downscaled)."""
    out = io.BytesIO()
    write_report_pdf(data, out)
    return out.getvalue()


# The embedded font is registered once for the process, and reportlab subsets it for each PDF
# through shared state that is not thread-safe: two reports built at once (two exports of a
# case) broke each other (IndexError or KeyError in makeSubset). One build at a time.
_BUILDING = threading.Lock()


def write_report_pdf(data: ReportInput, out: io.BufferedIOBase | io.BytesIO | Path) -> None:
    with _BUILDING:
        _write_report_pdf(data, out)


def _write_report_pdf(data: ReportInput, out: io.BufferedIOBase | io.BytesIO | Path) -> None:
    font, _embedded = report_font()
    styles = _Styles(font)
    doc = SimpleDocTemplate(
        str(out) if isinstance(out, Path) else out, pagesize=A4,
        leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=18 * mm,
        title=f"现场踏勘报告 {data.reference}", author=data.organisation, subject=data.reference,
        creator="Takan", invariant=True,
    )
    story = build_report_story(data, styles, doc.width)

    class Numbered(_NumberedCanvas):
        footer_text = f"{data.reference}　现场踏勘报告　{data.organisation}"
        footer_font = font

    doc.build(story, canvasmaker=Numbered)


def report_pdf_chunks(data: ReportInput) -> Iterator[bytes]:
    """For PayloadFile(REPORT_PDF, lambda: report_pdf_chunks(data)): the PDF is built when the
    bag writer first asks for its bytes (in a worker thread when the bag is streamed async)."""
    yield render_report_pdf(data)
