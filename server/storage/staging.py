"""Staging: an upload's bytes written to a file of the data dir while they are hashed, before the
ingest pipeline (server/ingest) looks at them."""

import asyncio
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from server.storage.appending import AppendingWriter
from server.storage.media_store import LocalMediaStore


@dataclass(frozen=True, slots=True)
class StagedFile:
    """Bytes received in full, hashed while they were written."""

    path: Path
    size: int
    sha256: str


class TooLarge(Exception):
    def __init__(self, limit: int):
        super().__init__(f"more than {limit} bytes")
        self.limit = limit


async def stage_stream(store: LocalMediaStore, chunks: AsyncIterator[bytes], max_bytes: int) -> StagedFile:
    """Write a stream to a staging file, hashing on the fly, in batches of about 1 MB handed to
    worker threads (memory stays the same whatever the size). Raises TooLarge past max_bytes and
    leaves nothing behind on any error."""
    path = store.new_staging_file()
    digest = hashlib.sha256()
    writer = await asyncio.to_thread(AppendingWriter.opened, path, 0, [digest])
    try:
        async for chunk in chunks:
            if writer.received + len(chunk) > max_bytes:
                raise TooLarge(max_bytes)
            if writer.add(chunk):
                await writer.hand_over()
        await writer.hand_over()
        await writer.settle()
        await asyncio.to_thread(writer.end, False)
    except BaseException:
        await asyncio.shield(writer.close())
        path.unlink(missing_ok=True)
        raise
    return StagedFile(path=path, size=writer.position, sha256=digest.hexdigest())
