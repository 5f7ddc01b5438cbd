"""A zip writer that produces bytes as it goes, for streaming an archive of any size as an HTTP
response that starts at once, in constant memory.

It drives the standard library's `zipfile` over an output that cannot seek: zipfile then writes
each entry's CRC and sizes in a data descriptor after the entry's data (general purpose flag
bit 3), the way every mainstream reader (Info-ZIP, libarchive, 7-Zip, Python) expects from a
streamed zip. ZIP64 is used for an entry when its size is unknown in advance or may exceed 4 GiB,
and for the end records when the archive outgrows the classic format; both are zipfile's code.

`ZipStream` is push-based: `start()`, `write()`, `end()`, `finish()` each return the bytes of
the archive that are ready, so a sync generator and an async one can share it.
"""

import io
import zipfile
from collections.abc import Iterator
from datetime import datetime

# Everything the zip holds is a regular file, readable by all: -rw-r--r--.
_FILE_MODE = 0o100644 << 16
# Large enough that the per-chunk overhead (CRC, hash, yield) vanishes, small enough to be
# invisible in the server's memory.
CHUNK_SIZE = 1024 * 1024
# Entries whose declared size passes this use ZIP64 (zipfile's own rule, with its 5% margin).
ZIP64_LIMIT = zipfile.ZIP64_LIMIT


class _Sink(io.RawIOBase):
    """The output zipfile writes to: it can tell its position but not seek, and it keeps what it
    was given until drained. The chunks are the very objects zipfile passed (no copy)."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def write(self, data) -> int:  # type: ignore[override]
        size = len(data) if isinstance(data, bytes | bytearray) else memoryview(data).nbytes
        if size:
            self._chunks.append(data if isinstance(data, bytes) else bytes(data))
            self._position += size
        return size

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        raise io.UnsupportedOperation("a streamed zip cannot seek")

    def flush(self) -> None:
        pass

    def drain(self) -> list[bytes]:
        chunks, self._chunks = self._chunks, []
        return chunks


def zip_date_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """The zip format's local date and time (2-second resolution, 1980..2107)."""
    year = min(max(moment.year, 1980), 2107)
    return (year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


class ZipStream:
    """One zip archive written entry by entry; every method returns the bytes now ready."""

    def __init__(self) -> None:
        self._sink = _Sink()
        self._zip = zipfile.ZipFile(self._sink, mode="w", allowZip64=True)
        self._entry = None
        self._names: set[str] = set()
        self.bytes_out = 0

    def _drained(self) -> list[bytes]:
        chunks = self._sink.drain()
        self.bytes_out = self._sink.tell()
        return chunks

    def start(self, name: str, *, modified: datetime, size: int | None = None, compress: bool = False,
              force_zip64: bool = False) -> list[bytes]:
        """Open an entry. `size`, when known, only decides whether ZIP64 is needed; an unknown
        size always gets ZIP64 so that a stream longer than 4 GiB still fits."""
        if self._entry is not None:
            raise RuntimeError("the previous entry is still open")
        if name in self._names:
            raise ValueError(f"duplicate entry in the zip: {name}")
        self._names.add(name)
        info = zipfile.ZipInfo(name, date_time=zip_date_time(modified))
        info.external_attr = _FILE_MODE
        # DEFLATE at zlib's default level for text; media is already compressed and is stored.
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.file_size = size or 0
        zip64 = force_zip64 or size is None or size * 1.05 > ZIP64_LIMIT
        self._entry = self._zip.open(info, mode="w", force_zip64=zip64)
        return self._drained()

    def write(self, data: bytes) -> list[bytes]:
        if self._entry is None:
            raise RuntimeError("no entry is open")
        self._entry.write(data)
        return self._drained()

    def end(self) -> list[bytes]:
        if self._entry is None:
            raise RuntimeError("no entry is open")
        entry, self._entry = self._entry, None
        entry.close()
        return self._drained()

    def add(self, name: str, data: bytes, *, modified: datetime, compress: bool = False,
            force_zip64: bool = False) -> Iterator[bytes]:
        """A whole small entry at once."""
        yield from self.start(name, modified=modified, size=len(data), compress=compress, force_zip64=force_zip64)
        yield from self.write(data)
        yield from self.end()

    def abort(self) -> None:
        """Give up on an unfinished archive (the reader went away): close what is open so that
        nothing complains later, and drop the bytes. Does nothing once finished."""
        if self._zip.fp is None:
            return
        try:
            if self._entry is not None:
                entry, self._entry = self._entry, None
                entry.close()
            self._zip.close()
        except (RuntimeError, ValueError, OSError):
            self._zip._writing = False  # let ZipFile.__del__ be quiet about a half-written entry
        self._sink.drain()

    def finish(self) -> list[bytes]:
        """The central directory and end records."""
        if self._entry is not None:
            raise RuntimeError("an entry is still open")
        self._zip.close()
        return self._drained()
