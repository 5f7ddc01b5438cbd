"""Opaque cursors for keyset pagination: the sort key of the last row returned, base64url JSON."""

import base64
import binascii
import json
from typing import Any

from server.errors import BadRequest

MAX_LIMIT = 200


def encode_cursor(*key: Any) -> str:
    raw = json.dumps(list(key), separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, *types: type | tuple[type, ...]) -> list[Any] | None:
    """The key encoded in `cursor` (one value per entry of `types`, each an instance of it), or
    None for the first page. A forged or stale cursor is a 400, never a 500."""
    if not cursor:
        return None
    refused = BadRequest("the cursor is not one this server gave out", code="bad_cursor")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        raise refused from None
    if not isinstance(key, list) or len(key) != len(types):
        raise refused
    for value, expected in zip(key, types, strict=True):
        if isinstance(value, bool) or not isinstance(value, expected):
            raise refused
        if isinstance(value, int) and not -(2**63) <= value < 2**63:  # SQLite's INTEGER range
            raise refused
    return key


def clamp_limit(limit: int) -> int:
    return max(1, min(limit, MAX_LIMIT))
