"""HTTP/1.1 over a plain socket, for what no HTTP client sends: heads over a server's limits, and
heads sent slowly (tests/e2e/test_http_limits.py and bench/http_limits.py)."""

import socket
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Answer:
    status: int | None  # None: the connection ended without an answer
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    seconds: float = 0.0  # from connecting to the end of the answer (or of the connection)
    sent: int = 0  # bytes of the request the server took before it answered or closed
    error: str | None = None  # how the connection ended, when not with an answer

    def describe(self) -> str:
        if self.status is None:
            return f"closed without an answer after {self.seconds:.1f} s ({self.error or 'EOF'})"
        return f"{self.status} after {self.seconds:.1f} s"


def read_answer(sock: socket.socket, started: float) -> Answer:
    """One HTTP answer (its body by Content-Length) from `sock`, or how the connection ended."""
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return Answer(None, seconds=time.monotonic() - started, error="EOF")
            data += chunk
        head, body = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
        return Answer(int(lines[0].split()[1]), headers, body[:length], time.monotonic() - started)
    except OSError as exc:
        return Answer(None, seconds=time.monotonic() - started, error=type(exc).__name__)


def exchange(port: int, request: bytes, timeout: float = 30) -> Answer:
    """Send `request` (from a second thread, so that an answer the server gives before it has
    read everything is still read) and read the answer."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sent = [0]

    def send() -> None:
        view = memoryview(request)
        try:
            while view:
                n = sock.send(view[:65536])
                sent[0] += n
                view = view[n:]
        except OSError:
            pass  # the server closed: the answer (if any) is read below

    started = time.monotonic()
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        answer = read_answer(sock, started)
    finally:
        sock.close()
        sender.join(timeout)
    answer.sent = sent[0]
    return answer


def get(path: str, *headers: str) -> bytes:
    return (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(h + "\r\n" for h in headers)).encode() + b"\r\n"


def trickle(port: int, piece: bytes, interval: float, give_up_after: float, *, total: int | None = None,
            start: bytes = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ") -> Answer:
    """A head that does not end: `start`, then `piece` every `interval` seconds (a header's
    value growing, up to `total` bytes in all) until the server answers or closes, or
    `give_up_after` seconds."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=give_up_after + 5)
    started = time.monotonic()
    sent = 0
    result: list[Answer] = []

    def listen() -> None:
        result.append(read_answer(sock, started))

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    try:
        sock.sendall(start)
        sent += len(start)
        while time.monotonic() - started < give_up_after and listener.is_alive():
            if total is None or sent < total:
                sock.sendall(piece)
                sent += len(piece)
            listener.join(interval)
    except OSError as exc:
        listener.join(5)
        if not result:
            result.append(Answer(None, seconds=time.monotonic() - started, error=type(exc).__name__))
    if listener.is_alive():  # never cut off
        sock.close()
        listener.join(5)
        answer = Answer(None, seconds=time.monotonic() - started, error="still open when the client gave up")
    else:
        sock.close()
        answer = result[0]
    answer.sent = sent
    return answer


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")
