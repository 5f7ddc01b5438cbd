"""The streamed multipart/form-data reader of the one-shot upload: the same fields and file bytes
however the body is cut into chunks, and a clear 400 (never another exception) for anything
that is not a well-formed form."""

import asyncio
import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.errors import BadRequest, UnsupportedMediaType
from server.http_forms import MAX_FIELD_BYTES, MAX_FIELDS, StreamedForm

BOUNDARY = "----takanboundary7MA4YWxkTrZu0gW"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def field(name: str, value: str | bytes) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + data + b"\r\n"


def file_part(data: bytes, name: str = "file", filename: str = "east.jpg") -> bytes:
    return (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: image/jpeg\r\n\r\n").encode() + data + b"\r\n"


def form(*parts: bytes) -> bytes:
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


async def chunked(body: bytes, cuts: list[int]):
    start = 0
    for cut in [*sorted(set(cuts)), len(body)]:
        if cut > start:
            yield body[start:cut]
            start = cut


async def read_all(body: bytes, cuts: list[int] = (), content_type: str = CONTENT_TYPE):
    """(fields before the file, file name, file bytes, fields in all, further file parts)."""
    reader = StreamedForm(chunked(body, list(cuts)), content_type)
    name = await reader.until_file()
    before = dict(reader.fields)
    data = b"".join([chunk async for chunk in reader.file_bytes()])
    extra = await reader.finish()
    return before, name, data, reader.fields, extra


async def read_or_400(body: bytes, cuts: list[int]) -> None:
    with contextlib.suppress(BadRequest):
        await read_all(body, cuts)


PHOTO = bytes(range(256)) * 40 + b"\r\n--not-the-boundary\r\n" + b"\xff\xd9"
BODY = form(field("requirement", "facade_east"), field("lat", "30.5429"), file_part(PHOTO), field("note", "东立面"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=len(BODY)), max_size=40))
def test_any_chunking_gives_the_same_form(cuts):
    before, name, data, fields, extra = asyncio.run(read_all(BODY, cuts))
    assert before == {"requirement": "facade_east", "lat": "30.5429"}
    assert name == "east.jpg" and data == PHOTO and extra == 0
    assert fields == {"requirement": "facade_east", "lat": "30.5429", "note": "东立面"}


async def test_a_form_without_a_file_and_one_with_two():
    assert (await read_all(form(field("requirement", "x"))))[1:] == (None, b"", {"requirement": "x"}, 0)
    two = form(file_part(b"one"), field("requirement", "x"), file_part(b"two", filename="b.jpg"))
    before, name, data, fields, extra = await read_all(two)
    assert (before, name, data, fields, extra) == ({}, "east.jpg", b"one", {"requirement": "x"}, 1)


async def test_repeated_fields_keep_the_first():
    assert (await read_all(form(field("a", "1"), field("a", "2"))))[3] == {"a": "1"}


@pytest.mark.parametrize("content_type, error", [
    ("application/json", UnsupportedMediaType),
    ("", UnsupportedMediaType),
    ("multipart/form-data", BadRequest),
    ("multipart/form-data; boundary=" + "x" * 300, BadRequest),
])
async def test_content_types_that_are_refused(content_type, error):
    with pytest.raises(error):
        await read_all(BODY, content_type=content_type)


@pytest.mark.parametrize("body, words", [
    (BODY[:-30], "malformed"),  # cut short: the closing boundary never comes
    (b"no boundary anywhere in this body" * 10, "malformed"),
    (form(field("requirement", "x" * (MAX_FIELD_BYTES + 1))), "longer than"),
    (form(field("requirement", b"\xff\xfe\xfa")), "UTF-8"),
    (form(*[field(f"f{i}", "v") for i in range(MAX_FIELDS + 1)]), "more than"),
    (form(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="a"\n\r\nx\r\n'.encode()), "malformed"),
])
async def test_bad_forms_are_a_400_that_says_why(body, words):
    with pytest.raises(BadRequest) as raised:
        await read_all(body)
    assert words in raised.value.message and raised.value.code == "bad_form"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.lists(st.integers(min_value=0, max_value=2000), max_size=8))
def test_arbitrary_bytes_never_raise_anything_but_a_400(noise, cuts):
    asyncio.run(read_or_400(noise, cuts))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(BODY) - 1), st.binary(min_size=1, max_size=4))
def test_a_damaged_form_gives_its_bytes_or_a_400(position, garbage):
    damaged = BODY[:position] + garbage + BODY[position + len(garbage):]

    asyncio.run(read_or_400(damaged, [position]))
