"""Load benchmark (issue 8): many phones uploading while officers work, against a real server.

200 simulated phones (asyncio + httpx, one client each, on loopback) each log in, open a case and
upload 10 photos of 3-5 MB through tus in 1 MB chunks, one after another, then submit; meanwhile 5
simulated officers poll the review queue and open cases, their evidence lists and thumbnails,
with a think time of 0.2-0.6 s. Printed: uploads/s and MB/s, errors (must be 0), and the officers'
p50/p99 latency during the load, against the same officers' latency measured just before with
the server idle (a limit in the same run, as the other benchmarks here do).

Photos: a pool of real 12 MP JPEGs (4000x3000, quality 93-97, camera EXIF at the site), made
once under bench/out/load-photos/; each upload inserts a unique JPEG comment, so every file is a
valid photo with its own sha256.

With --backup, a `takan backup` is taken once a tenth of the photos are in, while the load
goes on; afterwards it is restored, `takan fsck --grace 0` must find the copy clean, and every
evidence item committed before the backup began must be in it.

    .venv/bin/python bench/load.py [--phones 200] [--photos 10] [--officers 5] [--backup] [--readme]
"""
# ruff: noqa: E402 (the path is set before the imports)

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path[1:] if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import asyncio
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import threading
import time
from datetime import UTC, datetime

import httpx

from bench.proc import cpu_seconds
from shared.models import SiteIn
from tests.support.live_server import LiveServer, seed
from tests.support.phones import ITEM, SITE, LoadStats, officer, photo_pool, run_load

OUT = ROOT / "bench" / "out"
README = ROOT / "bench" / "README.md"
SECTION = "## Load (issue 8)"
PASSWORD = "load bench password"
MB = 1024 * 1024


def pool(count: int) -> list[bytes]:
    """Real 12 MP camera JPEGs of 3-5 MB (the quality varies with the seed)."""
    photos = []
    for quality in (93, 94, 95, 96, 97):
        photos += photo_pool(OUT / "load-photos", max(1, count // 5), (4000, 3000), quality=quality)
    return photos


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return (f"{os.cpu_count()} x {cpu}, {mem} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, load average before the run {os.getloadavg()[0]:.1f}")


def takan(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "server.cli", *args], capture_output=True, text=True, env=env,
                          timeout=3600)


async def idle_officers(live: LiveServer, names: list[str], seconds: float) -> LoadStats:
    """The officers alone for a while: their latency with the server idle (the baseline)."""
    stats = LoadStats()
    stop = asyncio.Event()
    desks = [asyncio.create_task(officer(live.url, name, PASSWORD, stats, stop)) for name in names]
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.gather(*desks)
    return stats


async def warm_up(live: LiveServer, photos: list[bytes], site_id: int) -> list[int]:
    """Three submitted cases with three photos each, so idle officers have something to open."""
    from tests.support.phones import phone

    stats = LoadStats()
    await asyncio.gather(*(phone(live.url, f"warm{i}", PASSWORD, site_id, photos, 3, stats) for i in range(3)))
    if stats.errors:
        raise RuntimeError(f"warm-up failed: {stats.errors[:3]}")
    return stats.case_ids


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def latencies(stats: LoadStats) -> dict:
    names = ("queue", "case", "evidence list", "thumbnail", None)
    return {name: {k: round(v, 1) for k, v in stats.latency(name).items()} for name in names
            if stats.latency(name)["n"]}


class LoadSampler(threading.Thread):
    """The highest 1-minute load average seen while the run goes on."""

    def __init__(self):
        super().__init__(daemon=True)
        self.highest = os.getloadavg()[0]
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(5):
            self.highest = max(self.highest, os.getloadavg()[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--photos", type=int, default=10, help="photos per phone")
    parser.add_argument("--officers", type=int, default=5)
    parser.add_argument("--pool", type=int, default=25, help="distinct photos to draw from")
    parser.add_argument("--chunk-mb", type=float, default=1.0)
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the phones start")
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    parser.add_argument("--backup", action="store_true", help="take a backup during the load and check it")
    parser.add_argument("--keep", action="store_true", help="keep the data directory under bench/out/")
    parser.add_argument("--readme", action="store_true", help="write the figures into bench/README.md")
    args = parser.parse_args(argv)

    photos = pool(args.pool)
    sizes = sorted(len(p) for p in photos)
    print(f"photo pool: {len(photos)} JPEGs, {sizes[0] / MB:.1f}-{sizes[-1] / MB:.1f} MB")
    run_dir = OUT / f"load-{datetime.now(UTC):%Y%m%dT%H%M%S}"
    live = LiveServer(run_dir / "data", env={"TAKAN_DB_SYNCHRONOUS": "FULL"})
    phones = [f"phone{i:03d}" for i in range(args.phones)]
    officers = [f"officer{i}" for i in range(args.officers)]
    users = ({n: ("applicant", n) for n in phones} | {f"warm{i}": ("applicant", f"warm{i}") for i in range(3)}
             | {n: ("officer", n) for n in officers} | {"admin": ("admin", "管理员")})
    print(f"seeding {len(users)} users ...")
    ids = seed(live.settings(), users, PASSWORD, [SiteIn(name="工地", **SITE)])
    live.start()
    host = machine()
    report: dict = {"machine": host, "phones": args.phones, "photos_per_phone": args.photos,
                    "officers": args.officers, "chunk_mb": args.chunk_mb}
    try:
        admin = live.login("admin", PASSWORD)
        httpx.post(f"{live.url}/api/v1/item-types", headers=admin, json=ITEM).raise_for_status()
        asyncio.run(warm_up(live, photos, ids["site0"]))
        idle = asyncio.run(idle_officers(live, officers, args.idle_seconds))
        backup_dir = run_dir / "backup"

        async def backup_midway(stats: LoadStats):
            target = max(1, args.phones * args.photos // 10)
            while len(stats.committed) < target:  # noqa: ASYNC110 (the phones fill the list)
                await asyncio.sleep(0.1)
            before = {(c.evidence_id, c.sha256) for c in stats.committed}
            started = time.monotonic()
            done = await asyncio.to_thread(takan, "--data-dir", str(live.data_dir), "backup", str(backup_dir),
                                           env=live.env)
            return before, done, time.monotonic() - started

        print(f"load: {args.phones} phones x {args.photos} photos, {args.officers} officers ...")
        sampler = LoadSampler()
        sampler.start()
        cpu_before = (cpu_seconds(live.app_pid), own_cpu_seconds())
        stats = asyncio.run(run_load(live.url, phones, officers, PASSWORD, ids["site0"], photos, args.photos,
                                     ramp_seconds=args.ramp, during=backup_midway if args.backup else None,
                                     chunk_size=int(args.chunk_mb * MB)))
        report["server_cpu_s"] = round(cpu_seconds(live.app_pid) - cpu_before[0], 1)
        report["client_cpu_s"] = round(own_cpu_seconds() - cpu_before[1], 1)
        report["server_peak_rss_mb"] = round(rss_mb(live.app_pid))
        sampler.stop.set()
        report["load_average_during"] = round(max(sampler.highest, os.getloadavg()[0]), 1)
    finally:
        live.stop()

    seconds = stats.finished - stats.started
    report.update({
        "uploads": stats.uploads_ok, "seconds": round(seconds, 1),
        "uploads_per_s": round(stats.uploads_ok / seconds, 2),
        "mb_per_s": round(stats.bytes_ok / MB / seconds, 1),
        "http_requests": stats.requests, "errors": len(stats.errors),
        "officer_requests": stats.officer_requests,
        "officers_load": latencies(stats),
        "officers_idle": latencies(idle),
    })
    cores = os.cpu_count() or 1
    per_upload = (report["server_cpu_s"] + report["client_cpu_s"]) / max(1, stats.uploads_ok)
    report["cpu_s_per_upload"] = {"server": round(report["server_cpu_s"] / max(1, stats.uploads_ok), 3),
                                  "client": round(report["client_cpu_s"] / max(1, stats.uploads_ok), 3)}
    report["cpu_limit_uploads_per_s"] = round(cores / per_upload, 2) if per_upload else None
    report["officers_load"]["all"] = report["officers_load"].pop(None)
    report["officers_idle"]["all"] = report["officers_idle"].pop(None)
    if stats.errors:
        print("ERRORS (first 10):", *stats.errors[:10], sep="\n  ")

    if args.backup:
        before, done, backup_s = stats.side_result
        restored = run_dir / "restored"
        ok = done.returncode == 0
        restore = takan("restore", str(backup_dir), str(restored), env=live.env) if ok else None
        fsck = takan("--data-dir", str(restored), "fsck", "--grace", "0", env=live.env) if ok else None
        rows = set()
        if ok and restore.returncode == 0:
            conn = sqlite3.connect(restored / "takan.sqlite3")
            rows = set(conn.execute("SELECT id, sha256 FROM evidence").fetchall())
            conn.close()
        report["backup"] = {
            "taken_after_uploads": len(before), "seconds": round(backup_s, 1),
            "backup_ok": ok, "restore_ok": bool(restore and restore.returncode == 0),
            "fsck_clean": bool(fsck and fsck.returncode == 0),
            "evidence_in_copy": len(rows), "committed_before_missing": len(before - rows),
        }
        if fsck is not None:
            print(fsck.stdout)
    if not args.keep:
        shutil.rmtree(run_dir, ignore_errors=True)

    print(json.dumps(report, indent=1, ensure_ascii=False))
    text = render(report)
    print(text)
    if args.readme:
        write_readme(text)
    return 0


def render(r: dict) -> str:
    def row(name: str) -> str:
        load, idle = r["officers_load"].get(name), r["officers_idle"].get(name)
        if not load:
            return ""
        ratio = load["p50"] / idle["p50"] if idle and idle["p50"] else float("nan")
        return (f"| {name} | {load['n']} | {load['p50']:.0f} | {load['p99']:.0f} | {load['max']:.0f} | "
                f"{idle['p50']:.0f} / {idle['p99']:.0f} | {ratio:.1f}x |" if idle else "")

    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {r['machine']}; load average during the run up to "
        f"{r['load_average_during']} (the phones' client runs on the same 2 cores as the server).",
        "",
        f"- **{r['uploads']} uploads in {r['seconds']} s: {r['uploads_per_s']} uploads/s, {r['mb_per_s']} MB/s** "
        f"({r['phones']} phones x {r['photos_per_phone']} photos of 3-5 MB, tus, {r['chunk_mb']:g} MB chunks; "
        f"{r['http_requests']} HTTP requests from the phones)",
        f"- **errors: {r['errors']}**",
        f"- CPU: the server spent {r['cpu_s_per_upload']['server']} CPU-s per upload, the simulated phones and "
        f"officers {r['cpu_s_per_upload']['client']} (officers' requests included in both); the 2 cores can do at "
        f"most {r['cpu_limit_uploads_per_s']} uploads/s at that cost: the run reached "
        f"**{r['uploads_per_s'] / r['cpu_limit_uploads_per_s']:.2f} of the CPU limit**",
        f"- server peak RSS {r['server_peak_rss_mb']} MB",
        "",
        "| officer request | n | p50 ms | p99 ms | max ms | idle p50 / p99 ms | p50 load/idle |",
        "|---|---|---|---|---|---|---|",
        *[x for x in (row(n) for n in ("queue", "case", "evidence list", "thumbnail", "all")) if x],
    ]
    if "backup" in r:
        b = r["backup"]
        lines += ["", f"- backup during the load (`--backup`): taken after {b['taken_after_uploads']} uploads, "
                      f"{b['seconds']} s; restore {'ok' if b['restore_ok'] else 'FAILED'}, fsck "
                      f"{'clean' if b['fsck_clean'] else 'NOT CLEAN'}, {b['evidence_in_copy']} evidence items in the "
                      f"copy, {b['committed_before_missing']} of those committed before the backup missing"]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    current = README.read_text() if README.exists() else "# Benchmarks\n"
    block = (METHOD + "\n\n### Figures\n\n" + text + "\n\n" + NOTES + "\n")
    if SECTION in current:
        head, tail = current.split(SECTION, 1)
        rest = tail.split("\n## ", 1)
        after = ("\n## " + rest[1]) if len(rest) > 1 else ""
        README.write_text(head + SECTION + "\n\n" + block + after)
    else:
        README.write_text(current.rstrip() + f"\n\n{SECTION}\n\n{block}")


METHOD = """`bench/load.py` starts a real server process (`LiveServer`, `takan serve`, production settings except
argon2's cost; `TAKAN_DB_SYNCHRONOUS=FULL`) and drives it from one asyncio process on the same
machine: N simulated phones (one httpx client each, at most 2 connections) log in, open a case of a
one-requirement item type, upload their photos one after another through tus (creation, then
1 MB PATCHes, each answered before the next is sent), and submit; 5 simulated officers poll
`GET /review/queue`, open a case (`GET /cases/{id}`), its evidence (`GET /cases/{id}/evidence`)
and up to three thumbnails (signed `GET /media/...` links), with 0.2-0.6 s of think time, timing
every request. The same officers are first timed for 20 s with the server idle (three warm-up
cases to open): that is the limit their latency under load is compared with. Photos: 25 real
4000x3000 JPEGs (quality 93-97, 3-5 MB, camera EXIF at the site), each upload with a unique JPEG
comment so all sha256s differ. Not a pass/fail test: errors must be 0, the rest is information.

    .venv/bin/python bench/load.py --backup --readme      # 200 phones x 10 photos, 5 officers"""


NOTES = """### Reading them

- The uploads are CPU-bound: with both cores shared by the server, the 200 simulated phones and
  whatever else runs on the machine, the run gets to about three quarters of what the measured CPU
  cost per upload allows. The ingest of a 12 MP photo (decode for the two thumbnails, dHash, EXIF)
  costs ~0.15-0.18 CPU-s on its own (the ingest benchmark above), so it is most of the server's
  CPU per upload; the rest is the tus requests (four 1 MB PATCHes per photo) and the officers'.
- The officers' requests stay interactive under that load (p99 well under a quarter of a second)
  because reads use their own SQLite reader connections in WAL mode, never waiting for the one
  writer, and the decoding never runs on the event loop. What they lose against the idle server is
  CPU time: the event loop is shared with 200 upload streams. The single requests of a second or
  more (the max column) were not looked into; they are rare enough not to move the p99.
- A backup taken in the middle takes a few seconds (the database snapshot, then hard links) and
  does not disturb the uploads: no error, and every evidence item the phones had been told about
  before it began is in the restored copy, which `takan fsck` finds clean."""


if __name__ == "__main__":
    sys.exit(main())
