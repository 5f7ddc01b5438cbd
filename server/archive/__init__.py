"""Case archives: signed BagIt bags streamed as zip, their verification, the Chinese PDF report
and annotated photo renders.

Nothing here touches the database or the media store: the server fills the plain input types
(ArchiveContent + PayloadFile for the bag, ReportInput for the report, shared annotation
Structs for the renders) and streams the result.

    key = load_or_create_archive_key(settings.data_dir)          # at start-up
    content = ArchiveContent(bag_name=case.reference, external_identifier=case.reference,
                             source_organization=settings.organisation, files=[...])
    return Stream(aiter_bag(content, key), media_type="application/zip", headers=...)

The report and render names are imported lazily (reportlab and Pillow are only loaded when
used), so `takan verify` starts fast.
"""

from importlib import import_module
from typing import Any

from server.archive.bag import (
    ANNOTATIONS_JSON,
    AUDIT_JSONL,
    CASE_JSON,
    COMMENTS_JSON,
    EVIDENCE_JSON,
    OPINIONS_JSON,
    REPORT_PDF,
    SIGNATURE_FILE,
    ArchiveContent,
    ArchiveError,
    BagStream,
    BagSummary,
    PayloadFile,
    aiter_bag,
    ajsonl_chunks,
    annotated_frame_path,
    annotated_path,
    evidence_path,
    iter_bag,
    json_bytes,
    jsonl_chunks,
    write_bag,
)
from server.archive.signing import (
    PUBLIC_KEY_FILE,
    ArchiveKey,
    ArchiveKeyError,
    load_or_create_archive_key,
    load_public_key,
    parse_public_key,
    verify_signature,
)
from server.archive.verify import (
    EXIT_BROKEN,
    EXIT_CANNOT_CHECK,
    EXIT_SIGNER_UNKNOWN,
    EXIT_VERIFIED,
    TrustedKey,
    VerifyReport,
    add_verify_arguments,
    format_report,
    load_trusted_keys,
    run_verify,
    verify_archive,
    verify_main,
)

_LAZY = {
    "ReportInput": "server.archive.report",
    "ReportRequirement": "server.archive.report",
    "ReportEvidence": "server.archive.report",
    "ReportCheck": "server.archive.report",
    "ReportOpinion": "server.archive.report",
    "ReportRequirementResult": "server.archive.report",
    "render_report_pdf": "server.archive.report",
    "report_pdf_chunks": "server.archive.report",
    "render_annotated": "server.archive.render",
    "draw_annotations": "server.archive.render",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'server.archive' has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "ANNOTATIONS_JSON", "AUDIT_JSONL", "CASE_JSON", "COMMENTS_JSON", "EVIDENCE_JSON", "OPINIONS_JSON", "REPORT_PDF",
    "SIGNATURE_FILE", "ArchiveContent", "ArchiveError", "ArchiveKey", "ArchiveKeyError", "BagStream", "BagSummary",
    "PayloadFile", "VerifyReport", "aiter_bag", "ajsonl_chunks", "annotated_frame_path", "annotated_path",
    "evidence_path", "format_report", "iter_bag", "json_bytes", "jsonl_chunks", "load_or_create_archive_key",
    "load_public_key", "parse_public_key", "verify_archive", "verify_main", "verify_signature", "write_bag",
    "add_verify_arguments", "run_verify", "EXIT_BROKEN", "EXIT_CANNOT_CHECK", "EXIT_SIGNER_UNKNOWN", "EXIT_VERIFIED",
    "PUBLIC_KEY_FILE", "TrustedKey", "load_trusted_keys", *_LAZY,
]
