"""What each HTTP front does with heads over the limits (issue 12, item 3), probed against real
`takan serve` processes with the shipped settings: a 1 MB header, 20,000 headers, a request
line of 8 KiB + 1 and one of 64 KiB, 10 clients sending their heads 16 bytes every 0.2 s
(slowloris), and 10 clients trickling 50 MB headers in 64 KiB pieces every 20 ms while /health
is timed, with the memory of the app's process (VmRSS) before, at its peak and after.

    .venv/bin/python bench/http_limits.py [--front granian,uvicorn] [--baseline DIR] [--json PATH]

--baseline DIR adds the server of an older checkout (e.g. `git archive REV | tar -x -C DIR`),
started the same way, as a column "before".
"""
# ruff: noqa: E402 (the path is set before the imports)

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path[1:] if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import json
import os
import shutil
import statistics
import threading
import time
from datetime import datetime

import httpx

from bench.proc import RssSampler
from tests.support.live_server import LiveServer
from tests.support.raw_http import Answer, exchange, get, rss_mb, trickle

OUT = ROOT / "bench" / "out" / "http-limits"
FRONTS = ("granian", "uvicorn")
CLIENTS = 10


def start(front: str, baseline: Path | None) -> LiveServer:
    data = OUT / front / "data"
    shutil.rmtree(data.parent, ignore_errors=True)
    command = None
    if front == "before":  # the older checkout's server package first on the path
        command = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(baseline)!r}); "
                   "from server.cli import main; sys.exit(main(['serve']))"]
    return LiveServer(data, env={"TAKAN_HTTP_SERVER": front}, command=command).start()


def answer_text(answer: Answer) -> str:
    if answer.status is None:
        return f"closed, no answer ({answer.error or 'EOF'})"
    body = ""
    if answer.body:
        try:
            body = f", body {json.loads(answer.body)['code']}"
        except (ValueError, KeyError, TypeError):
            body = f", body {answer.body[:20]!r}"
    elif answer.status >= 400:
        body = ", empty body"
    return f"{answer.status}{body}"


def clients_with_health(live: LiveServer, client) -> dict:
    answers: list[Answer] = []
    threads = [threading.Thread(target=lambda: answers.append(client())) for _ in range(CLIENTS)]
    pid = live.app_pid
    for _ in range(20):
        httpx.get(f"{live.url}/api/v1/health", timeout=10)
    before = rss_mb(pid)
    health: list[float] = []
    with RssSampler(pid) as rss:
        for t in threads:
            t.start()
        time.sleep(0.3)
        while any(t.is_alive() for t in threads):
            started = time.monotonic()
            try:
                httpx.get(f"{live.url}/api/v1/health", timeout=30)
                health.append(time.monotonic() - started)
            except httpx.HTTPError:
                health.append(float("inf"))
            time.sleep(0.1)
        for t in threads:
            t.join()
    time.sleep(1.0)
    statuses = sorted({answer_text(a) for a in answers})
    return {
        "answers": statuses, "seconds": [round(a.seconds, 2) for a in answers],
        "sent_mb": [round(a.sent / 2**20, 2) for a in answers],
        "rss_before_mb": round(before, 1), "rss_peak_mb": round(rss.peak_mb, 1),
        "rss_after_mb": round(rss_mb(pid), 1),
        "health_median_s": round(statistics.median(health), 3) if health else None,
        "health_max_s": round(max(health), 3) if health else None,
    }


def probe(front: str, baseline: Path | None) -> dict:
    live = start(front, baseline)
    try:
        result = {}
        one_mb = exchange(live.port, get("/api/v1/health", "X-Big: " + "a" * 2**20))
        result["1 MB header"] = answer_text(one_mb) + f" ({one_mb.sent / 2**20:.2f} MB taken)"
        result["20,000 headers"] = answer_text(exchange(live.port, get("/api/v1/health",
                                                                   *(f"X-F{i}: v" for i in range(20_000)))))
        over_8k = 8 * 1024 - len("GET /api/v1/health? HTTP/1.1") + 1
        result["request line 8 KiB + 1"] = answer_text(exchange(live.port, get("/api/v1/health?" + "a" * over_8k)))
        result["request line 64 KiB"] = answer_text(exchange(live.port, get("/api/v1/health?" + "a" * 2**16)))
        result["slowloris"] = clients_with_health(live, lambda: trickle(live.port, b"a" * 16, 0.2, 40))
        result["50 MB headers"] = clients_with_health(
            live, lambda: trickle(live.port, b"a" * 2**16, 0.02, 60, total=50_000_000))
        result["still serving"] = httpx.get(f"{live.url}/api/v1/health", timeout=30).status_code == 200
        return result
    finally:
        live.stop(kill=True)


def summary(name: str, r: dict) -> str:
    cut = r["seconds"]
    return (f"{', '.join(r['answers'])} after {min(cut):.1f}-{max(cut):.1f} s; each sent "
            f"{min(r['sent_mb']):.2f}-{max(r['sent_mb']):.2f} MB; RSS {r['rss_before_mb']:.0f} -> peak "
            f"{r['rss_peak_mb']:.0f} -> {r['rss_after_mb']:.0f} MB; /health median {r['health_median_s']} s, "
            f"max {r['health_max_s']} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--front", type=lambda v: [f.strip() for f in v.split(",") if f.strip()],
                        default=list(FRONTS))
    parser.add_argument("--baseline", type=Path, help="an older checkout to probe too, as 'before'")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    fronts = (["before"] if args.baseline else []) + args.front
    results = {}
    for front in fronts:
        print(f"probing {front} ...", flush=True)
        results[front] = probe(front, args.baseline)
        for name, value in results[front].items():
            print(f"  {name}: {summary(name, value) if isinstance(value, dict) else value}", flush=True)
    if args.json:
        args.json.write_text(json.dumps({"when": datetime.now().astimezone().isoformat(), "nproc": os.cpu_count(),
                                         "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
