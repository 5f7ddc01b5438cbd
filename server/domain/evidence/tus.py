"""The tus 1.0 resumable upload protocol (https://tus.io/protocols/resumable-upload): headers,
metadata and checksum parsing. The HTTP handlers and the upload state are elsewhere; this is
the protocol's vocabulary, kept free of any framework."""

import base64
import binascii
import hashlib
from datetime import datetime
from email.utils import format_datetime

from server.errors import AppError, BadRequest

VERSION = "1.0.0"
EXTENSIONS = "creation,creation-with-upload,termination,checksum,expiration"
CHECKSUM_ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "md5": hashlib.md5}
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"
MAX_METADATA_BYTES = 4096
BASE_HEADERS = {"Tus-Resumable": VERSION, "Cache-Control": "no-store"}


class ChecksumMismatch(AppError):
    """The tus checksum extension's own status for a chunk whose checksum does not match."""

    status_code = 460
    code = "checksum_mismatch"


class VersionNotSupported(AppError):
    status_code = 412
    code = "tus_version_not_supported"


def require_version(headers) -> None:
    given = headers.get("tus-resumable")
    if given != VERSION:
        raise VersionNotSupported(
            f"this server speaks tus {VERSION}; send the header Tus-Resumable: {VERSION}",
            headers={"Tus-Version": VERSION, "Tus-Resumable": VERSION},
        )


def parse_metadata(header: str | None) -> dict[str, str]:
    """Upload-Metadata: comma-separated `key base64(value)` pairs; a key alone means an empty value."""
    if not header:
        return {}
    if len(header) > MAX_METADATA_BYTES:
        raise BadRequest("Upload-Metadata is too long", code="bad_upload_metadata")
    result: dict[str, str] = {}
    for pair in header.split(","):
        parts = pair.strip().split(" ")
        key = parts[0]
        if not key or len(parts) > 2 or key in result or not key.isascii():
            raise BadRequest(f"Upload-Metadata is malformed near {pair.strip()[:40]!r}", code="bad_upload_metadata")
        if len(parts) == 1:
            result[key] = ""
            continue
        try:
            result[key] = base64.b64decode(parts[1], validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise BadRequest(f"Upload-Metadata value of {key!r} is not base64 of UTF-8 text",
                             code="bad_upload_metadata") from None
    return result


def encode_metadata(values: dict[str, str]) -> str:
    return ",".join(f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in values.items())


def parse_checksum(header: str | None):
    """Upload-Checksum: `<algorithm> <base64 digest>` -> (hasher, expected digest bytes) or None."""
    if not header:
        return None
    algorithm, _, encoded = header.strip().partition(" ")
    factory = CHECKSUM_ALGORITHMS.get(algorithm.lower())
    if factory is None:
        raise BadRequest(f"checksum algorithm {algorithm!r} is not supported (use sha1 or sha256)",
                         code="bad_checksum_algorithm")
    try:
        expected = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise BadRequest("Upload-Checksum is not base64", code="bad_checksum") from None
    return factory(), expected


def parse_int_header(headers, name: str, *, required: bool = True) -> int | None:
    raw = headers.get(name.lower())
    if raw is None:
        if required:
            raise BadRequest(f"the {name} header is required", code="missing_header", detail={"header": name})
        return None
    if not raw.isdecimal() or len(raw) > 19:  # isdigit() admits "²", which int() refuses
        raise BadRequest(f"{name} must be a non-negative integer", code="bad_header", detail={"header": name})
    return int(raw)


def upload_length(headers) -> int:
    """A creation's Upload-Length. Deferring it (creation-defer-length) is not offered: the
    size limit, the free-space check and the 413 past the declared length hold from the first
    byte, so a creation naming only Upload-Defer-Length is refused."""
    if headers.get("upload-length") is None and headers.get("upload-defer-length") is not None:
        raise BadRequest("this server needs the file's length at creation (Upload-Length); it does not offer "
                         "creation-defer-length", code="upload_length_required", detail={"header": "Upload-Length"})
    return parse_int_header(headers, "Upload-Length")


def http_date(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)
