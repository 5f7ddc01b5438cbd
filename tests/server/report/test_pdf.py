"""The Chinese survey report: renders with poppler, carries its text, splits long tables."""

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image

from server.bagit.bag import REPORT_PDF, ArchiveContent, PayloadFile, write_bag
from server.bagit.verify import verify_archive
from server.report import pdf as report_module
from server.report.pdf import (
    ReportCheck,
    ReportEvidence,
    ReportInput,
    ReportOpinion,
    ReportRequirement,
    ReportRequirementResult,
    render_report_pdf,
    report_font,
    report_pdf_chunks,
)
from shared.annotations import AnnotationIn, Arrow, Rect
from tests.server.bagit.util import photo

POPPLER = shutil.which("pdftoppm") is not None and shutil.which("pdftotext") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext) is not installed")


def at(hour: int, minute: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def sample_input(tmp_path: Path, *, requirements: int = 6, evidence: int = 3) -> ReportInput:
    picture = photo(tmp_path / "site.jpg", size=(1200, 900))
    checks = [
        ReportCheck("地理围栏", "pass", "拍摄位置距场所 35 米，在允许的 300 米范围内。"),
        ReportCheck("拍摄时间", "warn", "拍摄时间比申请提交早 3 天。"),
        ReportCheck("重复照片", "fail", "与案件 TK-2026-000007 的一张照片几乎相同。"),
        ReportCheck("编辑软件", "unknown", "文件中没有 EXIF 信息。"),
    ]
    return ReportInput(
        reference="TK-2026-000123", title="恒达·滨江花园 3# 楼预售踏勘", item_type="商品房预售许可",
        applicant="恒达置业 陈工", applicant_organisation="恒达置业有限公司",
        site_name="恒达·滨江花园 3# 楼", site_address="城关镇滨江路 88 号", site_lat=30.123456, site_lon=120.654321,
        site_radius_m=300, fields=[("楼栋号", "3#"), ("总层数", "18")], officers=["张伟", "李娜"],
        status="approved", submitted_at=at(1), due_at=date(2026, 11, 30), decided_at=at(8), time_limit_days=20,
        decision="准予商品房预售许可。",
        requirements=[ReportRequirement(key=f"r{n}", title=f"楼栋立面全景照片（第 {n + 1} 面），应能数清楼层",
                                        evidence_count=1, result="pass" if n % 2 else "fail",
                                        note="第二次补拍后符合要求" if n % 2 else "照片模糊")
                      for n in range(requirements)],
        evidence=[ReportEvidence(
            number=n + 1, requirement_key="site_sign", requirement_title="工程概况牌",
            file_name=f"data/evidence/{n + 1:02d}_site_sign_a1a1a1a1.jpg", sha256="a1" * 32, size=2_345_678,
            media_type="image/jpeg", captured_at=at(0, 30), received_at=at(0, 31), gps=(30.1235, 120.6543),
            distance_m=35, device="HUAWEI P60", superseded=n == 0, thumbnail=picture,
            annotations=[AnnotationIn(shape=Rect(x=0.2, y=0.2, w=0.4, h=0.3), label="概况牌字迹不清"),
                         AnnotationIn(shape=Arrow(x1=0.9, y1=0.9, x2=0.6, y2=0.5), colour="#ffcc00")],
            checks=checks) for n in range(evidence)],
        opinions=[
            ReportOpinion(officer="张伟", role="主办", verdict="rectify", at=at(3),
                          reasons="工程概况牌照片模糊，请重新拍摄。", rectification_deadline=date(2026, 11, 9),
                          requirement_results=[ReportRequirementResult("工程概况牌", "fail", "模糊")],
                          evidence_viewed="查看证据 3 项，累计 6 分 12 秒"),
            ReportOpinion(officer="张伟", role="主办", verdict="pass", at=at(7), reasons="补拍照片清晰，符合要求。"),
            ReportOpinion(officer="李娜", role="复核", verdict="pass", at=at(8), reasons="同意。"),
        ],
        generated_at=at(9),
    )


@needs_poppler
def test_report_renders_and_carries_its_text(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_report_pdf(sample_input(tmp_path)))
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")], check=True,
                   capture_output=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages
    with Image.open(pages[0]) as first:
        assert abs(first.size[0] - 413) <= 1 and abs(first.size[1] - 585) <= 1  # A4 at 50 dpi
        assert first.convert("L").getextrema()[0] < 100  # something dark is printed on it
    _, embedded = report_font()
    if not embedded:
        pytest.skip("no CJK TrueType font to embed (fonts-wqy-microhei): STSong-Light text needs poppler-data")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          timeout=60).stdout.decode()
    assert "TK-2026-000123" in text
    for name in ("张伟", "李娜", "现场踏勘报告", "商品房预售许可", "限期整改", "准予许可", "恒达置业 陈工"):
        assert name in text, name


@needs_poppler
def test_long_tables_split_across_pages_with_their_header(tmp_path):
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(render_report_pdf(sample_input(tmp_path, requirements=120, evidence=2)))
    if not report_font()[1]:
        pytest.skip("no CJK TrueType font to embed: pdftotext cannot read STSong-Light text without poppler-data")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          timeout=60).stdout.decode()
    pages = text.split("\f")[:-1]  # pdftotext ends every page with a form feed
    assert len(pages) >= 4
    # The checklist (120 rows) runs over several pages, each starting again with its header row.
    with_rows = [p for p in pages if "应能数清楼层" in p]
    assert len(with_rows) >= 3
    assert all("踏勘要求" in p for p in with_rows)
    for number, page in enumerate(pages, 1):
        assert f"第{number}页/共{len(pages)}页" in "".join(page.split())


def test_report_is_reproducible_and_works_without_pictures(tmp_path):
    data = sample_input(tmp_path)
    assert render_report_pdf(data) == render_report_pdf(data)
    bare = ReportInput(reference="TK-2026-000001", item_type="食品经营许可", applicant="某餐饮店", site_name="某店",
                       status="in_review")
    pdf = render_report_pdf(bare)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


@needs_poppler
def test_cid_font_fallback_still_renders(tmp_path, monkeypatch):
    """With no CJK font installed the report uses the built-in STSong-Light (nothing embedded)."""
    monkeypatch.setattr(report_module, "cjk_font_candidates", lambda: ())
    report_module.report_font.cache_clear()
    try:
        assert report_module.report_font() == ("STSong-Light", False)
        pdf = tmp_path / "cid.pdf"
        pdf.write_bytes(render_report_pdf(sample_input(tmp_path, evidence=1)))
        assert b"STSong-Light" in pdf.read_bytes()
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "cid")],
                       check=True, capture_output=True, timeout=60)
        assert list(tmp_path.glob("cid-*.png"))
    finally:
        report_module.report_font.cache_clear()


def test_report_goes_into_a_bag_lazily(tmp_path, archive_key):
    data = sample_input(tmp_path, evidence=1)
    content = ArchiveContent(bag_name="TK-2026-000123", external_identifier="TK-2026-000123",
                             source_organization="县行政审批服务局", created_at=at(9),
                             files=[PayloadFile(REPORT_PDF, lambda: report_pdf_chunks(data))])
    archive = tmp_path / "with-report.zip"
    write_bag(content, archive, archive_key)
    assert verify_archive(archive, archive_key.public_key).ok


def test_reports_rendered_at_once_in_threads_are_each_whole(tmp_path):
    # Two archives of a case exported at once render their reports in two worker threads; the
    # embedded font is shared by the process, and reportlab's font subsetting is not thread-safe
    # (seen in the schema sweep as IndexError in makeSubset, cutting the archive short).
    folders = [tmp_path / str(n) for n in range(4)]
    for folder in folders:
        folder.mkdir()
    data = [sample_input(folder, requirements=30, evidence=2) for folder in folders]
    expected = [render_report_pdf(d) for d in data]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(5):
            assert list(pool.map(render_report_pdf, data)) == expected
