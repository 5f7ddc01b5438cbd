"""Serving stored files over HTTP: ETag (the content's sha256), immutable caching, conditional
requests and single byte ranges (206), so a video player can seek without downloading all."""

import re
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
from litestar import Request, Response
from litestar.response import Stream

from server.errors import AppError

CHUNK = 256 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
MAX_POSITION_DIGITS = 18  # a byte position past 10**18 is past the end of any file


class RangeNotSatisfiable(AppError):
    status_code = 416
    code = "range_not_satisfiable"


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The (start, end inclusive) of a single `bytes=` range, None for the whole file. Several
    ranges or a malformed header are answered with the whole file, as RFC 9110 allows."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if not match or (not match.group(1) and not match.group(2)):
        return None
    first, last = match.group(1), match.group(2)
    if len(first) > MAX_POSITION_DIGITS or len(last) > MAX_POSITION_DIGITS:
        # No file has a byte there (and int() would refuse thousands of digits).
        raise RangeNotSatisfiable(f"the file has only {size} bytes", headers={"Content-Range": f"bytes */{size}"})
    if first:
        start = int(first)
        if last and int(last) < start:
            return None  # an invalid range is ignored
        end = min(int(last), size - 1) if last else size - 1
    else:  # a suffix: the last n bytes
        length = int(last)
        if length == 0:
            raise RangeNotSatisfiable("the range asks for no bytes", headers={"Content-Range": f"bytes */{size}"})
        start, end = max(0, size - length), size - 1
    if start >= size:
        raise RangeNotSatisfiable(f"the file has only {size} bytes", headers={"Content-Range": f"bytes */{size}"})
    return start, end


async def _read(path: Path, start: int, end: int) -> AsyncIterator[bytes]:
    remaining = end - start + 1
    async with await anyio.open_file(path, "rb") as f:
        await f.seek(start)
        while remaining > 0:
            chunk = await f.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def file_response(request: Request, path: Path, *, etag: str, media_type: str,
                  download_name: str | None = None) -> Response:
    size = path.stat().st_size
    quoted = f'"{etag}"'
    headers = {
        "ETag": quoted,
        # Content-addressed: the bytes behind this URL never change. Private: it is evidence.
        "Cache-Control": "private, max-age=31536000, immutable",
        "Accept-Ranges": "bytes",
        "X-Content-Type-Options": "nosniff",
    }
    if download_name:
        headers["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(download_name)}"
    if_none_match = request.headers.get("if-none-match")
    if if_none_match and (quoted in [t.strip() for t in if_none_match.split(",")] or if_none_match.strip() == "*"):
        return Response(content=b"", status_code=304, headers=headers)
    wanted = parse_range(request.headers.get("range"), size)
    if_range = request.headers.get("if-range")
    if wanted and if_range and if_range.strip() != quoted:
        wanted = None  # the client's copy is of other bytes: send them all
    if wanted is None:
        headers["Content-Length"] = str(size)
        return Stream(_read(path, 0, size - 1), status_code=200, headers=headers, media_type=media_type)
    start, end = wanted
    headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    headers["Content-Length"] = str(end - start + 1)
    return Stream(_read(path, start, end), status_code=206, headers=headers, media_type=media_type)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
