"""A small tus 1.0 client over httpx, as a phone's uploader behaves: create once, then HEAD for
the server's offset and PATCH from there, again after any failure, until the upload is
evidence. Synchronous (for the fault tests, which need to know when a body is in flight) and
asynchronous (for the load benchmark). The synchronous one can send its PATCH, HEAD and DELETE
as POST with X-HTTP-Method-Override, as tus-java-client and tus-js-client do behind proxies
that pass only GET and POST (tuspy has no such option)."""

import base64
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

TUS = {"Tus-Resumable": "1.0.0"}
OCTETS = "application/offset+octet-stream"
# What a dropped or refused connection looks like to the client (a server killed, restarting).
NETWORK_ERRORS = (httpx.TransportError,)


def encode_metadata(values: dict[str, str]) -> str:
    return ",".join(f"{k} {base64.b64encode(str(v).encode()).decode()}" for k, v in values.items())


def metadata_for(case_id: int, requirement: str, filename: str, **extra: object) -> dict[str, str]:
    return {"case_id": str(case_id), "requirement": requirement, "filename": filename,
            **{k: str(v) for k, v in extra.items()}}


class Upload:
    """One file's resumable upload (synchronous). `progress` tells where the body being sent is:
    in_body while a PATCH body streams, last_sent once the final byte of the file left. The
    methods in `override` go as POST carrying X-HTTP-Method-Override."""

    def __init__(self, base_url: str, headers: dict[str, str], path: Path, metadata: dict[str, str], *,
                 chunk_size: int = 8 * 1024 * 1024, piece: int = 256 * 1024, rate: float | None = None,
                 timeout: float = 60, override: frozenset[str] = frozenset()):
        self.base_url = base_url
        self.headers = headers
        self.path = path
        self.size = path.stat().st_size
        self.metadata = metadata
        self.chunk_size = chunk_size
        self.piece = piece
        self.rate = rate  # bytes per second while sending, or None for as fast as possible
        self.timeout = timeout
        self.override = override
        self.location: str | None = None
        self.in_body = threading.Event()
        self.last_sent = threading.Event()
        self.failures: list[str] = []
        self.patches = 0
        self.resumed_at: list[int] = []  # the offsets the server gave on HEAD after a failure
        self.body = (0, 0, 0)  # the PATCH body being sent: (its offset, bytes sent, its length)

    def _client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, headers=self.headers | TUS, timeout=self.timeout)

    def create(self, client: httpx.Client) -> str:
        r = client.post("/api/v1/uploads", headers={"Upload-Length": str(self.size),
                                                    "Upload-Metadata": encode_metadata(self.metadata)})
        if r.status_code != 201:
            raise AssertionError(f"creation refused: {r.status_code} {r.text}")
        self.location = r.headers["location"]
        return self.location

    def _send(self, client: httpx.Client, method: str, **kwargs) -> httpx.Response:
        if method in self.override:
            headers = kwargs.pop("headers", {}) | {"X-HTTP-Method-Override": method}
            return client.post(self.location, headers=headers, **kwargs)
        return client.request(method, self.location, **kwargs)

    def head(self, client: httpx.Client) -> int:
        r = self._send(client, "HEAD")
        if r.status_code != 200:
            raise AssertionError(f"HEAD {self.location}: {r.status_code} {r.headers}")
        return int(r.headers["upload-offset"])

    def _body(self, offset: int, length: int) -> Iterator[bytes]:
        start = time.monotonic()
        sent = 0
        self.in_body.set()
        try:
            with open(self.path, "rb") as f:
                f.seek(offset)
                while sent < length:
                    data = f.read(min(self.piece, length - sent))
                    sent += len(data)
                    self.body = (offset, sent, length)
                    if offset + sent == self.size:
                        self.last_sent.set()
                    yield data
                    if self.rate:
                        ahead = sent / self.rate - (time.monotonic() - start)
                        if ahead > 0:
                            time.sleep(ahead)
        finally:
            self.in_body.clear()

    def patch(self, client: httpx.Client, offset: int, until: int | None = None) -> httpx.Response:
        length = min(self.chunk_size, (until or self.size) - offset)
        self.patches += 1
        return self._send(client, "PATCH", content=self._body(offset, length), headers={
            "Content-Type": OCTETS, "Upload-Offset": str(offset), "Content-Length": str(length)})

    def terminate(self, client: httpx.Client) -> httpx.Response:
        return self._send(client, "DELETE")

    def run(self, *, give_up_after: float = 180, stop_at: int | None = None,
            on_error: Callable[[Exception], None] | None = None) -> dict | None:
        """Upload to the end through any number of failures; returns the upload's status (the
        JSON of GET /api/v1/uploads/{id}) once it is complete. With `stop_at`, returns None as
        soon as the server holds at least that many bytes."""
        deadline = time.monotonic() + give_up_after
        failed = False
        while time.monotonic() < deadline:
            try:
                with self._client() as client:
                    if self.location is None:
                        self.create(client)
                    offset = self.head(client)
                    if failed:
                        self.resumed_at.append(offset)
                        failed = False
                    while offset < self.size:
                        if stop_at is not None and offset >= stop_at:
                            return None
                        r = self.patch(client, offset, stop_at if stop_at and offset < stop_at else None)
                        if r.status_code == 409:  # another request still holds it, or offset moved: ask again
                            time.sleep(0.2)
                            offset = self.head(client)
                            continue
                        if r.status_code != 204:
                            raise AssertionError(f"PATCH at {offset}: {r.status_code} {r.text}")
                        offset = int(r.headers["upload-offset"])
                    status = client.get(self.location)
                    if status.status_code == 200 and status.json()["state"] == "complete":
                        return status.json()
                    if status.status_code == 200 and status.json()["state"] == "failed":
                        raise AssertionError(f"the upload failed: {status.json()}")
                    # all sent but not yet evidence (its ingest was cut): ask again
            except NETWORK_ERRORS as exc:
                self.failures.append(type(exc).__name__)
                failed = True
                if on_error:
                    on_error(exc)
            time.sleep(0.2)
        raise AssertionError(f"{self.path.name}: not complete after {give_up_after} s ({self.failures[-5:]})")


async def upload_async(client: httpx.AsyncClient, data: bytes, metadata: dict[str, str], *,
                       chunk_size: int = 1024 * 1024, retries: int = 5) -> tuple[dict, int]:
    """Upload bytes through tus on an AsyncClient (base_url and auth set); returns the final
    status and how many requests it took. Resumes from the server's offset after an error."""
    requests = 0
    r = await client.post("/api/v1/uploads", headers=TUS | {"Upload-Length": str(len(data)),
                                                            "Upload-Metadata": encode_metadata(metadata)})
    requests += 1
    if r.status_code != 201:
        raise RuntimeError(f"create: {r.status_code} {r.text[:200]}")
    location = r.headers["location"]
    offset = 0
    tries = 0
    while offset < len(data):
        chunk = data[offset:offset + chunk_size]
        try:
            r = await client.patch(location, content=chunk, headers=TUS | {
                "Content-Type": OCTETS, "Upload-Offset": str(offset)})
            requests += 1
            if r.status_code != 204:
                raise RuntimeError(f"PATCH at {offset}: {r.status_code} {r.text[:200]}")
            offset = int(r.headers["upload-offset"])
        except (httpx.TransportError, RuntimeError):
            tries += 1
            if tries > retries:
                raise
            head = await client.head(location, headers=TUS)
            requests += 1
            offset = int(head.headers["upload-offset"])
    status = await client.get(location)
    requests += 1
    return status.json(), requests
