"""Case archives as signed BagIt bags (RFC 8493) streamed as zip, and their verification
offline (`takan verify`). The report the bag carries is made by server/report.

Nothing here touches the database or the media store: the server fills the plain input types
(ArchiveContent + PayloadFile) and streams the result.

    key = load_or_create_archive_key(settings.data_dir)          # at start-up
    content = ArchiveContent(bag_name=case.reference, external_identifier=case.reference,
                             source_organization=settings.organisation, files=[...])
    return Stream(aiter_bag(content, key), media_type="application/zip", headers=...)

Neither reportlab nor Pillow is loaded here, so `takan verify` starts fast.
"""

from server.bagit.bag import (
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
from server.bagit.signing import (
    PUBLIC_KEY_FILE,
    ArchiveKey,
    ArchiveKeyError,
    load_or_create_archive_key,
    load_public_key,
    parse_public_key,
    verify_signature,
)
from server.bagit.verify import (
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

__all__ = [
    "ANNOTATIONS_JSON",
    "AUDIT_JSONL",
    "CASE_JSON",
    "COMMENTS_JSON",
    "EVIDENCE_JSON",
    "EXIT_BROKEN",
    "EXIT_CANNOT_CHECK",
    "EXIT_SIGNER_UNKNOWN",
    "EXIT_VERIFIED",
    "OPINIONS_JSON",
    "PUBLIC_KEY_FILE",
    "REPORT_PDF",
    "SIGNATURE_FILE",
    "ArchiveContent",
    "ArchiveError",
    "ArchiveKey",
    "ArchiveKeyError",
    "BagStream",
    "BagSummary",
    "PayloadFile",
    "TrustedKey",
    "VerifyReport",
    "add_verify_arguments",
    "aiter_bag",
    "ajsonl_chunks",
    "annotated_frame_path",
    "annotated_path",
    "evidence_path",
    "format_report",
    "iter_bag",
    "json_bytes",
    "jsonl_chunks",
    "load_or_create_archive_key",
    "load_public_key",
    "load_trusted_keys",
    "parse_public_key",
    "run_verify",
    "verify_archive",
    "verify_main",
    "verify_signature",
    "write_bag",
]
