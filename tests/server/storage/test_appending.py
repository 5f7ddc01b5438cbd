"""The writer every upload body goes through: bytes land in order with their hash, a restart at
an offset drops what a dead request left past it, and a failing write surfaces to the request."""

import hashlib
import os

import pytest

from server.storage.appending import WRITE_BUFFER, AppendingWriter


async def append_all(writer: AppendingWriter, chunks: list[bytes]) -> None:
    for chunk in chunks:
        if writer.add(chunk):
            await writer.hand_over()
    await writer.hand_over()
    await writer.settle()


async def test_batches_land_in_order_with_their_hash(tmp_path):
    data = os.urandom(3 * WRITE_BUFFER + 12345)
    chunks = [data[i:i + 250_000] for i in range(0, len(data), 250_000)]
    digest = hashlib.sha256()
    writer = AppendingWriter.opened(tmp_path / "f.part", 0, [digest], writeback=True)
    await append_all(writer, chunks)
    writer.end(durable=True)
    assert (tmp_path / "f.part").read_bytes() == data
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest() and writer.position == len(data)


async def test_appending_at_an_offset_drops_what_lay_past_it(tmp_path):
    path = tmp_path / "f.part"
    path.write_bytes(b"kept" + b"left by a request that died")
    writer = AppendingWriter.opened(path, 4)
    await append_all(writer, [b" and more"])
    writer.end(durable=False)
    assert path.read_bytes() == b"kept and more"


async def test_rollback_goes_back_to_the_start(tmp_path):
    path = tmp_path / "f.part"
    path.write_bytes(b"kept")
    writer = AppendingWriter.opened(path, 4)
    await append_all(writer, [os.urandom(WRITE_BUFFER + 1)])
    await writer.rollback()
    await writer.close()
    assert path.read_bytes() == b"kept" and writer.position == 4


async def test_a_failing_write_is_raised_to_the_request_and_the_file_still_closes(tmp_path):
    class Broken:
        def update(self, data):
            raise OSError(28, "No space left on device")

    writer = AppendingWriter.opened(tmp_path / "f.part", 0, [Broken()])
    writer.add(b"x" * 10)
    await writer.hand_over()
    with pytest.raises(OSError, match="No space"):
        await writer.settle()
    writer.add(b"y")
    await writer.hand_over()  # the next batch fails the same way; close() waits for it and stays quiet
    await writer.close()
    assert writer.f.closed
