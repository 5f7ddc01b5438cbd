"""What a case archive shows people rather than machines: the Chinese PDF report (现场踏勘报告)
and photos and video frames with the officers' annotations drawn on them (reportlab, Pillow).
The archive area fills the plain input types; server/bagit packs the results."""

from server.report.pdf import (
    ReportCheck,
    ReportEvidence,
    ReportInput,
    ReportOpinion,
    ReportRequirement,
    ReportRequirementResult,
    render_report_pdf,
    report_pdf_chunks,
)
from server.report.render import draw_annotations, render_annotated

__all__ = ["ReportCheck", "ReportEvidence", "ReportInput", "ReportOpinion", "ReportRequirement",
           "ReportRequirementResult", "draw_annotations", "render_annotated", "render_report_pdf", "report_pdf_chunks"]
