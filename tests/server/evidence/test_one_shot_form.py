"""The one-shot upload reads its form as it arrives: fields may come before or after the file, a
request that will be refused is refused before the photo's bytes are read, and malformed forms
are a 4xx that leaves nothing behind."""

import uuid

import pytest

from tests.server.evidence.conftest import site_photo
from tests.support.api import table_counts


class Form:
    """A multipart body sent as a stream of parts, counting how many parts were pulled."""

    def __init__(self, *parts: tuple[str, bytes, str | None]):
        self.boundary = uuid.uuid4().hex
        self.parts = parts
        self.pulled = 0

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def encode(self, name: str, value: bytes, filename: str | None) -> list[bytes]:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        head = f"--{self.boundary}\r\nContent-Disposition: {disposition}\r\n"
        head += "Content-Type: image/jpeg\r\n\r\n" if filename else "\r\n"
        # A file goes in pieces of 64 KB, as a socket delivers it.
        body = [value[i:i + 65536] for i in range(0, len(value), 65536)] if filename else [value]
        return [head.encode(), *body, b"\r\n"]

    async def stream(self):
        for name, value, filename in self.parts:
            for piece in self.encode(name, value, filename):
                self.pulled += 1
                yield piece
        self.pulled += 1
        yield f"--{self.boundary}--\r\n".encode()

    @property
    def pieces(self) -> int:
        return sum(len(self.encode(*part)) for part in self.parts) + 1


async def post(client, users, case_id, form: Form, who="applicant"):
    return await client.post(f"/api/v1/cases/{case_id}/evidence", content=form.stream(),
                             headers=users.headers(who) | {"content-type": form.content_type})


async def nothing_left(services, before) -> bool:
    return await table_counts(services) == before and not list(services.store.staging.iterdir())


async def test_fields_after_the_file_are_read_too(client, users, case, tmp_path):
    photo = site_photo(tmp_path / "p.jpg").read_bytes()
    form = Form(("file", photo, "east.jpg"), ("requirement", b"facade_south", None), ("lat", b"30.5429", None),
                ("lon", b"119.9691", None))
    r = await post(client, users, case["id"], form)
    assert r.status_code == 201, r.text
    item = r.json()
    assert item["requirement_key"] == "facade_south" and item["original_name"] == "east.jpg"
    assert any(c["name"] == "gps_agreement" and c["status"] == "pass" for c in item["checks"])
    assert form.pulled == form.pieces


@pytest.mark.parametrize("who, requirement, status, code", [
    ("applicant2", b"facade_east", 404, "not_found"),  # another's case: as if it did not exist
    ("applicant", b"no_such_requirement", 422, "unknown_requirement"),
])
async def test_a_refusal_comes_before_the_photo_is_read(client, users, services, case, tmp_path, who,
                                                        requirement, status, code):
    photo = site_photo(tmp_path / "p.jpg").read_bytes()
    assert len(photo) > 4 * 65536
    before = await table_counts(services)
    form = Form(("requirement", requirement, None), ("file", photo, "east.jpg"))
    r = await post(client, users, case["id"], form, who=who)
    assert (r.status_code, r.json()["code"]) == (status, code)
    # Read up to the file's header (the 4th piece), none of the photo's bytes.
    assert form.pulled <= 4, f"{form.pulled} of {form.pieces} pieces were read before the refusal"
    assert await nothing_left(services, before)


async def test_a_refusal_when_the_fields_come_last_reads_it_all_and_keeps_nothing(client, users, services, case,
                                                                                   tmp_path):
    photo = site_photo(tmp_path / "p.jpg").read_bytes()
    before = await table_counts(services)
    form = Form(("file", photo, "east.jpg"), ("requirement", b"no_such_requirement", None))
    r = await post(client, users, case["id"], form)
    assert (r.status_code, r.json()["code"]) == (422, "unknown_requirement")
    assert await nothing_left(services, before)
    # The case itself is checked before the photo, whatever the order of the fields.
    form = Form(("file", photo, "east.jpg"), ("requirement", b"facade_east", None))
    r = await post(client, users, case["id"], form, who="applicant2")
    assert r.status_code == 404 and form.pulled == 1  # as if missing; the file's header, none of its bytes
    assert await nothing_left(services, before)


async def test_forms_that_are_not_one_photo(client, users, services, case, tmp_path):
    photo = site_photo(tmp_path / "p.jpg").read_bytes()
    before = await table_counts(services)
    url = f"/api/v1/cases/{case['id']}/evidence"
    h = users.headers("applicant")
    no_file = Form(("requirement", b"facade_east", None))
    r = await post(client, users, case["id"], no_file)
    assert (r.status_code, r.json()["code"]) == (400, "no_file") and "file" in r.json()["message"]
    two = Form(("requirement", b"facade_east", None), ("file", photo, "a.jpg"), ("file", photo, "b.jpg"))
    r = await post(client, users, case["id"], two)
    assert (r.status_code, r.json()["code"]) == (400, "one_file_only")
    empty = Form(("requirement", b"facade_east", None), ("file", b"", "empty.jpg"))
    assert (await post(client, users, case["id"], empty)).json()["code"] == "empty_file"
    r = await client.post(url, json={"requirement": "facade_east"}, headers=h)
    assert r.status_code == 415 and "multipart/form-data" in r.json()["message"]
    cut = Form(("requirement", b"facade_east", None), ("file", photo, "a.jpg"))
    body = b"".join([piece async for piece in cut.stream()])[:-100]
    r = await client.post(url, content=body, headers=h | {"content-type": cut.content_type})
    assert (r.status_code, r.json()["code"]) == (400, "bad_form")
    r = await client.post(url, content=body, headers=h | {"content-type": "multipart/form-data"})
    assert (r.status_code, r.json()["code"]) == (400, "bad_form") and "boundary" in r.json()["message"]
    assert set(r.json()) == {"code", "message", "detail"} and "message_zh" in r.json()["detail"]
    assert await nothing_left(services, before)


async def test_a_photo_over_the_limit_is_413_and_not_kept(client, users, services, settings, case):
    before = await table_counts(services)
    big = Form(("requirement", b"facade_east", None),
               ("file", b"\xff\xd8\xff\xe0" + bytes(settings.photo_max_bytes), "big.jpg"))
    r = await post(client, users, case["id"], big)
    assert r.status_code == 413 and r.json()["detail"]["limit"] == settings.photo_max_bytes
    assert big.pulled < big.pieces
    assert await nothing_left(services, before)
