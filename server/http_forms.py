"""A multipart/form-data upload read as it arrives (RFC 7578), for the one-shot photo upload.

Litestar's own form parsing spools every file part to a temporary file, one thread hand-off per
64 KB, before the handler runs; the photo is then copied again into staging. Here the text fields
are kept (few and small) and the file part's bytes are handed on as they come, so a photo goes
straight into staging with its sha256, and a request that will be refused (not the caller's
case, a closed case) is refused before its bytes are stored anywhere.
"""

from collections.abc import AsyncIterator

from multipart import MultipartSegment, ParserError, ParserLimitReached, PushMultipartParser, parse_options_header

from server.errors import BadRequest, UnsupportedMediaType

MAX_FIELDS = 32
MAX_FIELD_BYTES = 4096


def _bad_form(message: str, message_zh: str) -> BadRequest:
    return BadRequest(message, code="bad_form", detail={"message_zh": message_zh})


class StreamedForm:
    """Text fields in `fields`, file parts one at a time: `until_file()` reads up to the next
    file part, `file_bytes()` gives its bytes, and `finish()` reads whatever follows."""

    def __init__(self, chunks: AsyncIterator[bytes], content_type: str):
        mime, options = parse_options_header(content_type or "")
        boundary = options.get("boundary", "")
        if mime != "multipart/form-data":
            raise UnsupportedMediaType("send the photo as multipart/form-data",
                                       detail={"message_zh": "请以 multipart/form-data 表单上传照片。"})
        if not boundary or len(boundary) > 200:
            raise _bad_form("the multipart/form-data Content-Type has no usable boundary",
                            "表单的 Content-Type 缺少有效的 boundary。")
        self.fields: dict[str, str] = {}
        self._parser = PushMultipartParser(boundary, max_segment_count=MAX_FIELDS)
        self._events = self._read(chunks)
        self._in_file = False

    async def _read(self, chunks: AsyncIterator[bytes]) -> AsyncIterator[MultipartSegment | bytes | None]:
        """The parser's events: a part's header, its bytes (non-empty), None at its end."""
        try:
            async for chunk in chunks:
                if chunk:
                    for event in self._parser.parse(chunk):
                        yield event
                if self._parser.closed:
                    return
            for event in self._parser.parse(b""):  # the end of the body: complains if the form is cut short
                yield event
        except ParserLimitReached:
            raise _bad_form(f"the form has more than {MAX_FIELDS} parts or an over-long part header",
                            "表单字段过多或字段头过长。") from None
        except ParserError as exc:
            raise _bad_form(f"the multipart/form-data body is malformed: {exc}", "表单数据格式错误。") from None

    async def until_file(self) -> str | None:
        """Read on to the next file part (a part with a filename), keeping the text fields met
        on the way; that part's file name, or None when the form ends first."""
        if self._in_file:
            async for _ in self.file_bytes():
                pass
        part: MultipartSegment | None = None
        text = bytearray()
        async for event in self._events:
            if isinstance(event, MultipartSegment):
                if event.filename is not None:
                    self._in_file = True
                    return event.filename
                part, text = event, bytearray()
            elif event is None:
                self._keep_field(part, text)
            else:
                text += event
                if len(text) > MAX_FIELD_BYTES:
                    raise _bad_form(f"the form field {part.name!r} is longer than {MAX_FIELD_BYTES} bytes",
                                    "表单字段过长。")
        return None

    def _keep_field(self, part: MultipartSegment | None, text: bytearray) -> None:
        if part is None:
            return
        try:
            value = text.decode(part.charset or "utf-8")
        except (UnicodeDecodeError, LookupError):
            raise _bad_form(f"the form field {part.name!r} is not UTF-8 text", "表单字段不是 UTF-8 文本。") from None
        self.fields.setdefault(part.name, value)  # the first of repeated fields counts

    async def file_bytes(self) -> AsyncIterator[bytes]:
        """The current file part's bytes, as they arrive (nothing when there is no current part)."""
        if not self._in_file:
            return
        async for event in self._events:
            if event is None:
                self._in_file = False
                return
            yield event

    async def finish(self) -> int:
        """Read the rest of the form: the text fields after the file are kept; the number of
        further file parts is returned (their bytes are read and dropped)."""
        extra = 0
        while await self.until_file() is not None:
            extra += 1
        return extra
