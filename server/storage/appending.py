"""Writing a request body to a file as it arrives, hashing it on the way, without the event loop
touching the bytes twice or waiting for the disk: what the one-shot upload's staging and every
tus PATCH share."""

import asyncio
import ctypes
import os
from pathlib import Path

WRITE_BUFFER = 1024 * 1024


class AppendingWriter:
    """Appends received chunks to a file and feeds them to hashers. The chunks are gathered by
    reference, not copied, and handed to a worker thread about WRITE_BUFFER bytes at a time (a
    hand-off per ~250 KB chunk would cost more than the write; copying into one buffer would
    cost the event loop a copy of every byte). One batch is in flight while the event loop
    receives the next, so the network, the disk and the hashing work at the same time, in order.
    With `writeback`, each batch's writeback to the disk starts at once (Linux sync_file_range),
    so a closing fsync waits for the last batch only, not for the whole body."""

    def __init__(self, f, start: int, hashers: list, writeback: bool):
        self.f = f
        self.start = start
        self.position = start  # bytes handed over so far
        self.hashers = hashers
        self.writeback = writeback and _start_writeback is not None
        self.pending: asyncio.Future | None = None
        self._batch: list[bytes] = []
        self.buffered = 0  # bytes in the batch, not yet handed over

    @property
    def received(self) -> int:
        """Where the next chunk would start: bytes handed over and bytes waiting in the batch."""
        return self.position + self.buffered

    @classmethod
    def opened(cls, path: Path, start: int = 0, hashers: list | None = None, *,
               writeback: bool = False) -> "AppendingWriter":
        """The file, made or opened and ready to append at `start` (blocking: call it in a thread)."""
        f = open(path, "r+b" if path.exists() else "w+b")  # noqa: SIM115 (closed by end() or close())
        try:
            f.truncate(start)  # bytes past `start` are from a request that died
            f.seek(start)
        except BaseException:
            f.close()
            raise
        return cls(f, start, hashers or [], writeback)

    def _append(self, chunks: list[bytes], at: int, size: int) -> None:
        for chunk in chunks:
            self.f.write(chunk)
        if self.writeback:
            self.f.flush()
            _start_writeback(self.f.fileno(), at, size)
        for hasher in self.hashers:
            for chunk in chunks:
                hasher.update(chunk)

    def add(self, chunk: bytes) -> bool:
        """Keep a received chunk; True once the batch is big enough for hand_over()."""
        self._batch.append(chunk)
        self.buffered += len(chunk)
        return self.buffered >= WRITE_BUFFER

    async def hand_over(self) -> None:
        """Give the batch to the worker thread once the one in flight is done (none: nothing)."""
        if not self._batch:
            return
        await self.settle()
        chunks, size, self._batch, self.buffered = self._batch, self.buffered, [], 0
        self.pending = asyncio.ensure_future(asyncio.to_thread(self._append, chunks, self.position, size))
        self.position += size

    async def settle(self) -> None:
        """Wait for the batch in flight; its error, if any, is raised here."""
        if self.pending is not None:
            await asyncio.wait([self.pending])  # if this is cancelled, close() still waits for it
            pending, self.pending = self.pending, None
            pending.result()

    def end(self, durable: bool) -> None:
        """Flush, fsync when `durable`, and close: the last disk work in one hand-off (blocking)."""
        self.f.flush()
        if durable:
            os.fsync(self.f.fileno())
        self.f.close()

    async def rollback(self) -> None:
        """Back to `start`, durably; the batch not yet handed over is dropped."""
        self._batch, self.buffered = [], 0
        await self.settle()

        def undo() -> None:
            self.f.truncate(self.start)
            self.f.flush()
            os.fsync(self.f.fileno())

        await asyncio.to_thread(undo)
        self.position = self.start

    async def close(self) -> None:
        if self.pending is not None:  # never close the file under a write still running
            await asyncio.wait([self.pending])
            if not self.pending.cancelled():
                self.pending.exception()  # already raised to the request, if any
            self.pending = None
        if not self.f.closed:
            await asyncio.to_thread(self.f.close)


def _writeback_starter():
    """Linux's sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE): start writing a range
    to disk without waiting for it (the os module has no binding). None where libc lacks it."""
    try:
        call = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    return lambda fd, offset, length: call(fd, offset, length, 2)  # 2 = SYNC_FILE_RANGE_WRITE


_start_writeback = _writeback_starter()
