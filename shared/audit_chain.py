"""The audit log's hash chain, shared by the server (which writes and verifies it) and anyone
who checks an exported archive.

hash = sha256(prev_hash + canonical JSON of the event), where the canonical JSON has sorted keys,
no spaces and UTF-8 text. The first event's prev_hash is GENESIS.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

GENESIS = "0" * 64
# The fields an event's hash covers, in the stored form (strings and integers only).
HASHED_FIELDS = ("seq", "at", "actor_id", "action", "object_type", "object_id", "case_id", "details")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    body = canonical_json({name: event.get(name) for name in HASHED_FIELDS})
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


class ChainBreak(Exception):
    def __init__(self, seq: int, reason: str):
        super().__init__(f"audit event {seq}: {reason}")
        self.seq = seq
        self.reason = reason


def verify_events(events: Iterable[Mapping[str, Any]], *, after_hash: str | None = GENESIS) -> int:
    """Check each event's hash and that each links to the one before, the first to `after_hash`
    (GENESIS for the start of the log, or the hash of the event before a batch). Returns how
    many events were checked; raises ChainBreak naming the first bad event.

    An archive holds one case's events, which are not neighbours in the global chain: there
    pass `after_hash=None` to check each event's own hash only, which still exposes any edit."""
    expected_prev = after_hash
    count = 0
    for event in events:
        seq = event["seq"]
        if expected_prev is not None and event["prev_hash"] != expected_prev:
            raise ChainBreak(seq, "prev_hash does not match the hash of the event before it")
        if event_hash(event["prev_hash"], event) != event["hash"]:
            raise ChainBreak(seq, "hash does not match the event's contents")
        if after_hash is not None:
            expected_prev = event["hash"]
        count += 1
    return count
