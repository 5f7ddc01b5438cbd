"""Ingest benchmark (issue 3): every figure is a ratio to a limit measured in the same run.

(a) photos: concurrent one-shot uploads (POST /api/v1/cases/{id}/evidence) of 12 MP JPEGs with
    EXIF GPS at the site, to a real server process, photos per second end to end (hash,
    metadata, both thumbnails, checks, row), against Pillow's draft-mode thumbnail rate for the
    same files with every core busy (a process pool of `nproc` workers).
(b) video: a ~1 GB real MP4 over tus in 8 MB chunks, one client, sequential PATCHes, MB/s against
    sha256 + write + fsync of the same bytes to the same disk; and the server's peak RSS
    (sampled every 50 ms from /proc, plus the kernel's VmHWM reset just before) against 200 MB.
(c) the same upload, same client code and chunk size, against @tus/server with its FileStore
    (the tus project's Node.js server), installed by this script with npm under bench/out/.

The machine is shared and noisy: run it a few times (--repeat) and read the median ratios.

    .venv/bin/python bench/ingest.py [--video-mb 1024] [--photos 120] [--concurrency 4]
                                     [--skip-node] [--repeat 3] [--readme]
"""
# ruff: noqa: E402 (the path is set before the imports)

import sys
from pathlib import Path

# bench/ holds other benchmarks named like standard modules (bench/queue.py): put the project
# root, not bench/, first on the path before importing anything else.
ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path[1:] if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import base64
import contextlib
import hashlib
import json
import logging
import os
import platform
import queue
import shutil
import statistics
import subprocess
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

import httpx
from PIL import Image

from bench.proc import RssSampler, cpu_seconds
from shared.models import SiteIn
from tests.server.archive.media import padded_video
from tests.support.live_server import LiveServer, free_port, seed
from tests.support.media import make_jpeg

OUT = ROOT / "bench" / "out"
README = ROOT / "bench" / "README.md"
TUS_NODE = OUT / "tus-node"
SECTION = "## Ingest (issue 3)"
PASSWORD = "bench password"
SITE_LAT, SITE_LON = 30.5426, 119.9689
PHOTO_SIZE = (4000, 3000)
PHOTO_REQUIREMENTS = ("facade_east", "facade_south", "facade_west", "facade_north", "floor_count", "sign_board",
                      "progress_certificate")
CHUNK = 8 * 1024 * 1024
MB = 1024 * 1024
RSS_LIMIT_MB = 200
FRONTS = ("granian", "uvicorn")  # TAKAN_HTTP_SERVER
TARGETS = {"photos": 0.70, "video_vs_disk": 0.60, "video_vs_node": 1.0}


# ----- inputs (made once, cached under bench/out/) ----------------------------------------------


def photo_files(count: int, first_seed: int = 1) -> list[Path]:
    """12 MP camera JPEGs taken at the site, one seed each (so no two are duplicates)."""
    folder = OUT / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed_ in range(first_seed, first_seed + count):
        path = folder / f"photo-v2-{PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}-{seed_}.jpg"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            make_jpeg(tmp, width=PHOTO_SIZE[0], height=PHOTO_SIZE[1], seed=seed_,
                      lat=SITE_LAT + 0.0002 + seed_ % 100 * 1e-6, lon=SITE_LON + 0.0001, alt=12.5,
                      taken=datetime(2026, 11, 2, 11, 0), make="HUAWEI", model="ELS-AN00", quality=92)
            tmp.rename(path)
        paths.append(path)
    return paths


def video_file(megabytes: int) -> tuple[Path, str]:
    """A real H.264 MP4 (6 s, 640x480, with an Android ISO 6709 location) grown to `megabytes`
    by a top-level `free` box of random bytes after the `moov`: FFmpeg (so the server's sniff,
    probe, metadata and poster frame) reads it as the short clip, and every byte is still sent,
    hashed, written and fsynced. Returns the path and its sha256 (both cached)."""
    return padded_video(OUT / f"video-{megabytes}MB.mp4", megabytes * MB, seconds=6, frame_size=(640, 480))


# ----- the tus client (the same code for both servers) ------------------------------------------


def tus_metadata(pairs: dict[str, str]) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in pairs.items())


def tus_upload(create_url: str, path: Path, *, headers: dict[str, str], metadata: dict[str, str],
               chunk: int = CHUNK) -> tuple[float, str, httpx.Response]:
    """Create an upload and PATCH the file in `chunk`-sized pieces, one after the other, on one
    keep-alive connection. Returns (seconds from creation to the last answer, upload URL, last
    answer)."""
    size = path.stat().st_size
    base = {"Tus-Resumable": "1.0.0", **headers}
    with httpx.Client(timeout=httpx.Timeout(600.0)) as client, open(path, "rb") as f:
        start = time.perf_counter()
        r = client.post(create_url, headers={**base, "Upload-Length": str(size),
                                             "Upload-Metadata": tus_metadata(metadata)})
        if r.status_code != 201:
            raise RuntimeError(f"creation answered {r.status_code}: {r.text[:300]}")
        url = urljoin(create_url, r.headers["Location"])
        offset = 0
        while offset < size:
            data = f.read(chunk)
            r = client.patch(url, content=data, headers={
                **base, "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"})
            if r.status_code != 204:
                raise RuntimeError(f"PATCH at {offset} answered {r.status_code}: {r.text[:300]}")
            offset = int(r.headers["Upload-Offset"])
            if f.tell() != offset:
                f.seek(offset)
        return time.perf_counter() - start, url, r


# ----- limits -----------------------------------------------------------------------------------


def _draft_thumbnail(path: str) -> tuple[int, int]:
    with Image.open(path) as im:
        im.draft("RGB", (1280, 1280))
        im.thumbnail((1280, 1280))
        return im.size


def disk_limit(src: Path, folder: Path) -> float:
    """MB/s of the best a server could do with these bytes: read (from the page cache), sha256,
    write in 8 MB pieces to a new file on the same disk as the server's data dir, one fsync at
    the end."""
    target = folder / f"disk-limit-{uuid.uuid4().hex}.bin"
    digest = hashlib.sha256()
    size = 0
    start = time.perf_counter()
    with open(src, "rb") as f, open(target, "wb") as out:
        while data := f.read(CHUNK):
            digest.update(data)
            out.write(data)
            size += len(data)
        out.flush()
        os.fsync(out.fileno())
    elapsed = time.perf_counter() - start
    target.unlink()
    settle_disk()
    return size / MB / elapsed


def settle_disk() -> None:
    """After a step deletes its 1 GB file, outside the timed part: commit the file system's
    journal now, so that the next step does not pay for this one. On a file system mounted with
    online discard (this machine's root is) the deleted blocks are TRIMmed at the next journal
    commit, which would otherwise be the next fsync: Takan's, never @tus/server's."""
    os.sync()


def warm_page_cache(path: Path) -> None:
    with open(path, "rb") as f:
        while f.read(CHUNK):
            pass


# ----- Takan ------------------------------------------------------------------------------------


def start_takan(data_dir: Path, front: str) -> LiveServer:
    """A real `takan serve` process behind the HTTP server `front` (TAKAN_HTTP_SERVER), with
    production settings but for argon2's cost; the database is fsynced on every commit
    (TAKAN_DB_SYNCHRONOUS=FULL, the production default, not LiveServer's NORMAL)."""
    live = LiveServer(data_dir, env={"TAKAN_DB_SYNCHRONOUS": "FULL", "TAKAN_HTTP_SERVER": front})
    live.ids = seed(live.settings(), {"admin": ("admin", "管理员"), "chen": ("applicant", "陈工")}, PASSWORD,
                    [SiteIn(name="工地", lat=SITE_LAT, lon=SITE_LON, radius_m=200)])
    live.start()
    return live


def new_case(live: LiveServer, headers: dict[str, str]) -> int:
    r = httpx.post(f"{live.url}/api/v1/cases", headers=headers, json={
        "item_type": "presale_permit", "site_id": live.ids["site0"], "title": "3号楼",
        "fields": {"project_name": "春晓苑", "building_no": "3", "total_floors": 18, "floors_built": 13}})
    r.raise_for_status()
    return r.json()["id"]


def multipart_body(path: Path, requirement: str, index: int) -> tuple[bytes, str]:
    """The one-shot form as a phone sends it, encoded once up front so the client spends as
    little of the shared CPU as possible."""
    boundary = uuid.uuid4().hex
    fields = {"requirement": requirement, "lat": f"{SITE_LAT + 0.0002:.7f}", "lon": f"{SITE_LON + 0.0001:.7f}",
              "accuracy": "8", "captured_at": "2026-11-02T11:00:05+08:00", "device_id": f"bench-{index % 4}"}
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
                 "Content-Type: image/jpeg\r\n\r\n".encode())
    parts.append(path.read_bytes())
    parts.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class PhotoSender:
    """`concurrency` clients at once, each with its own keep-alive connection, made once for the
    whole photo phase: no group of photos pays for starting threads, clients (httpx loads its
    TLS context per client) or connections, which would be the client's cost, not the server's."""

    def __init__(self, url: str, headers: dict[str, str], concurrency: int):
        self.url = url
        self.headers = headers
        self.clients: queue.SimpleQueue[httpx.Client] = queue.SimpleQueue()
        self.all_clients = [httpx.Client(timeout=httpx.Timeout(300.0)) for _ in range(concurrency)]
        for client in self.all_clients:
            self.clients.put(client)
        self.pool = ThreadPoolExecutor(max_workers=concurrency)

    def __enter__(self) -> "PhotoSender":
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown()
        for client in self.all_clients:
            client.close()

    def _send(self, body: tuple[bytes, str]) -> tuple[float, dict]:
        client = self.clients.get()
        try:
            start = time.perf_counter()
            r = client.post(self.url, content=body[0], headers={**self.headers, "Content-Type": body[1]})
            elapsed = time.perf_counter() - start
        finally:
            self.clients.put(client)
        if r.status_code != 201:
            raise RuntimeError(f"one-shot upload answered {r.status_code}: {r.text[:300]}")
        return elapsed, r.json()

    def send_all(self, bodies: list[tuple[bytes, str]]) -> tuple[float, list[float], list[dict]]:
        """Send every body, `concurrency` at a time; (seconds, per-request latencies, answers)."""
        start = time.perf_counter()
        results = list(self.pool.map(self._send, bodies))
        total = time.perf_counter() - start
        return total, [r[0] for r in results], [r[1] for r in results]


# ----- @tus/server --------------------------------------------------------------------------------

SERVER_MJS = """\
// Written by bench/ingest.py: @tus/server with its FileStore on loopback, nothing else.
import { Server } from "@tus/server";
import { FileStore } from "@tus/file-store";

const [directory, port] = process.argv.slice(2);
const server = new Server({ path: "/files", datastore: new FileStore({ directory }) });
server.listen({ host: "127.0.0.1", port: Number(port) }, () => console.log(`listening on ${port}`));
"""


def node_major() -> int | None:
    try:
        out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    parts = out.strip().lstrip("v").split(".")
    return int(parts[0]) * 1000 + int(parts[1])  # 20.19 -> 20019


def ensure_tus_node() -> str:
    """Install @tus/server and @tus/file-store under bench/out/tus-node (once) and write
    server.mjs; returns the installed @tus/server version. 2.x needs Node >= 20.19; older
    Nodes get the 1.x line (Node >= 16)."""
    version = node_major()
    if version is None:
        raise RuntimeError("node is not installed")
    package = TUS_NODE / "node_modules" / "@tus" / "server" / "package.json"
    if not package.exists():
        spec = ["@tus/server@^2", "@tus/file-store@^2"] if version >= 20019 else ["@tus/server@^1",
                                                                                  "@tus/file-store@^1"]
        TUS_NODE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(TUS_NODE), *spec],
                       check=True, stdout=subprocess.DEVNULL)
    (TUS_NODE / "server.mjs").write_text(SERVER_MJS)
    return json.loads(package.read_text())["version"]


class NodeTus:
    def __init__(self, store_dir: Path):
        self.store_dir = store_dir
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/files"

    def __enter__(self) -> "NodeTus":
        self.store_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(["node", str(TUS_NODE / "server.mjs"), str(self.store_dir), str(self.port)],
                                        cwd=TUS_NODE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"@tus/server exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                httpx.options(self.url, headers={"Tus-Resumable": "1.0.0"}, timeout=1)
                return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("@tus/server did not start")

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# ----- one run ----------------------------------------------------------------------------------


@dataclass
class Row:
    key: str  # short name, for the per-run lists
    measure: str
    value: float
    unit: str
    limit: float
    limit_label: str
    target: float
    lower_is_better: bool = False
    median_ratio: float | None = None  # set on the rows that merge several runs

    @property
    def ratio(self) -> float:
        if self.median_ratio is not None:
            return self.median_ratio
        return self.value / self.limit if self.limit else float("nan")

    @property
    def passed(self) -> bool:
        return self.ratio <= self.target if self.lower_is_better else self.ratio >= self.target


@dataclass
class RunResult:
    rows: list[Row] = field(default_factory=list)
    info: dict[str, object] = field(default_factory=dict)


def run_video(args: argparse.Namespace, result: RunResult, servers: dict[str, tuple[LiveServer, dict[str, str]]],
              run_dir: Path, video: Path, video_sha: str) -> None:
    """(b) and (c). The order is disk, Takan, @tus/server, @tus/server, Takan, disk (without the
    peer: disk, Takan, Takan, disk), so a load that comes and goes on the shared machine weighs
    on every side alike; each rate is all the bytes over all the time of its runs. With several
    fronts each "Takan" is one upload to each, their order reversed the second time."""
    size = video.stat().st_size
    warm_page_cache(video)
    fronts = list(servers)
    data_dir = servers[fronts[0]][0].data_dir
    times: dict[str, list[float]] = {"disk": [], "node": [], **{front: [] for front in fronts}}
    rss_peaks: dict[str, list[float]] = {front: [] for front in fronts}
    rss_start: dict[str, list[float]] = {front: [] for front in fronts}
    cpu: dict[str, float] = {"node": 0.0, **{front: 0.0 for front in fronts}}
    node_rss: list[float] = []

    def disk() -> None:
        times["disk"].append(size / MB / disk_limit(video, data_dir))

    def takan(front: str) -> None:
        live, headers = servers[front]
        case_id = new_case(live, headers)
        pid = live.app_pid
        before = cpu_seconds(pid)
        with RssSampler(pid) as rss:
            seconds, url, _ = tus_upload(f"{live.url}/api/v1/uploads", video, headers=headers, metadata={
                "case_id": str(case_id), "requirement": "walkround_video", "filename": video.name,
                "lat": "30.5427", "lon": "119.9690", "accuracy": "6"})
        cpu[front] += cpu_seconds(pid) - before
        times[front].append(seconds)
        rss_peaks[front].append(rss.peak_mb)
        rss_start[front].append(rss.start_mb)
        status = httpx.get(url, headers=headers).json()
        if status["state"] != "complete":
            raise RuntimeError(f"the video upload did not become evidence: {status}")
        item = httpx.get(f"{live.url}/api/v1/evidence/{status['evidence_id']}", headers=headers).json()
        if item["sha256"] != video_sha or item["metadata"].get("video_codec") is None:
            raise RuntimeError(f"the server's evidence of the video is wrong: {item}")
        # Keep the disk from filling up: the blob is not needed any more (dedup would skip it).
        shutil.rmtree(live.data_dir / "blobs", ignore_errors=True)
        settle_disk()

    def node(peer: NodeTus) -> None:
        pid = peer.process.pid
        before = cpu_seconds(pid)
        with RssSampler(pid) as rss:
            seconds, url, _ = tus_upload(peer.url, video, headers={}, metadata={
                "filename": video.name, "filetype": "video/mp4"})
        cpu["node"] += cpu_seconds(pid) - before
        times["node"].append(seconds)
        node_rss.append(rss.peak_mb)
        stored = peer.store_dir / url.rsplit("/", 1)[1]
        if stored.stat().st_size != size:
            raise RuntimeError("@tus/server stored the wrong number of bytes")
        shutil.rmtree(peer.store_dir, ignore_errors=True)
        settle_disk()
        peer.store_dir.mkdir()

    takan_first = [lambda f=front: takan(f) for front in fronts]
    takan_again = takan_first[::-1]
    if args.skip_node:
        for step in (disk, *takan_first, *takan_again, disk):
            step()
    else:
        with NodeTus(run_dir / "tus-node-files") as peer:
            for step in (disk, *takan_first, lambda: node(peer), lambda: node(peer), *takan_again, disk):
                step()

    def rate(name: str) -> float:
        return size / MB * len(times[name]) / sum(times[name])

    for front in fronts:
        label = front_label(front, fronts)
        takan_mbps = rate(front)
        result.rows.append(Row(f"video/disk{label}", f"video over tus, Takan{label}", takan_mbps, "MB/s",
                               rate("disk"), "sha256+write+fsync MB/s", TARGETS["video_vs_disk"]))
        result.rows.append(Row(f"rss{label}", f"server peak RSS during it{label}", max(rss_peaks[front]), "MB",
                               RSS_LIMIT_MB, "MB", 1.0, lower_is_better=True))
        gigabytes = size * len(times[front]) / 1024**3
        tag = info_tag(front, fronts)
        result.info.update({f"takan{tag}_upload_s": times[front], f"takan{tag}_rss_before_mb": min(rss_start[front]),
                            f"takan{tag}_cpu_s_per_gb": cpu[front] / gigabytes})
        if not args.skip_node:
            result.rows.append(Row(f"video/node{label}", f"video over tus, Takan{label} vs @tus/server", takan_mbps,
                                   "MB/s", rate("node"), "@tus/server MB/s", TARGETS["video_vs_node"]))
    result.info.update(video_mb=round(size / MB), disk_limit_s=times["disk"])
    if not args.skip_node:
        result.info.update(node_upload_s=times["node"], node_rss_peak_mb=max(node_rss),
                           node_cpu_s_per_gb=cpu["node"] / (size * len(times["node"]) / 1024**3))


def front_label(front: str, fronts: list[str]) -> str:
    """" (granian)" in the names of rows and figures when the run compares fronts, else nothing
    (the rows keep the names they had with one server)."""
    return f" ({front})" if len(fronts) > 1 else ""


def info_tag(front: str, fronts: list[str]) -> str:
    return f"_{front}" if len(fronts) > 1 else ""


def run_photos(args: argparse.Namespace, result: RunResult, servers: dict[str, tuple[LiveServer, dict[str, str]]],
               photos: list[Path], warmup: list[Path]) -> None:
    """(a). The photos are split in `--rounds` groups; the limit and Takan take turns on each
    group (limit first, then Takan first, ...), and each rate is all photos over all the time.
    With several fronts each group goes to each of them, in an order that turns each group."""
    workers = os.cpu_count() or 2
    for p in photos + warmup:
        warm_page_cache(p)
    fronts = list(servers)

    def body(i: int, path: Path) -> tuple[bytes, str]:
        return multipart_body(path, PHOTO_REQUIREMENTS[i % len(PHOTO_REQUIREMENTS)], i)

    rounds = max(1, min(args.rounds, len(photos)))
    groups = [list(enumerate(photos))[i::rounds] for i in range(rounds)]
    spent = {"limit": 0.0}
    for front in fronts:
        spent.update({front: 0.0, f"{front}_cpu": 0.0, f"{front}_client_cpu": 0.0, f"{front}_rss": 0.0})
    latencies: dict[str, list[float]] = {front: [] for front in fronts}
    items: dict[str, list[dict]] = {front: [] for front in fronts}
    with contextlib.ExitStack() as stack:
        senders = {}
        for front in fronts:
            live, headers = servers[front]
            url = f"{live.url}/api/v1/cases/{new_case(live, headers)}/evidence"
            senders[front] = stack.enter_context(PhotoSender(url, headers, args.concurrency))
        pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers))
        for sender in senders.values():  # imports, pools, connections
            sender.send_all([body(i, p) for i, p in enumerate(warmup * args.concurrency)])
        list(pool.map(_draft_thumbnail, [str(p) for p in warmup] * workers))  # start and warm the workers
        for n, group in enumerate(groups):
            turn = fronts[n % len(fronts):] + fronts[:n % len(fronts)]
            for side in (["limit", *turn] if n % 2 == 0 else [*turn, "limit"]):
                if side == "limit":
                    start = time.perf_counter()
                    list(pool.map(_draft_thumbnail, [str(p) for _, p in group], chunksize=1))
                    spent["limit"] += time.perf_counter() - start
                    continue
                pid = servers[side][0].app_pid
                bodies = [body(i, p) for i, p in group]
                before, client_before = cpu_seconds(pid), cpu_seconds(os.getpid())
                with RssSampler(pid) as rss:
                    seconds, lat, answers = senders[side].send_all(bodies)
                spent[f"{side}_cpu"] += cpu_seconds(pid) - before
                spent[f"{side}_client_cpu"] += cpu_seconds(os.getpid()) - client_before
                spent[side] += seconds
                spent[f"{side}_rss"] = max(spent[f"{side}_rss"], rss.peak_mb)
                latencies[side].extend(lat)
                items[side].extend(answers)
    for front in fronts:
        label, tag = front_label(front, fronts), info_tag(front, fronts)
        bad = [i for i in items[front] if i.get("partial") or not i["urls"]["thumb_1280"]
               or not i["urls"]["thumb_256"] or i["metadata"].get("gps_lat") is None
               or not any(c["name"] == "geofence" for c in i["checks"])]
        if bad or len(items[front]) != len(photos):
            raise RuntimeError(f"{len(bad)} photos came back without thumbnails, GPS or checks: {bad[:1]}")
        result.rows.append(Row(f"photos{label}", f"12 MP photos, one-shot, {args.concurrency} clients{label}",
                               len(photos) / spent[front], "photos/s", len(photos) / spent["limit"],
                               f"draft thumbnail/s ({workers} procs)", TARGETS["photos"]))
        result.info.update({
            f"photo{tag}_takan_s": spent[front], f"photo{tag}_latency_p50_s": statistics.median(latencies[front]),
            f"photo{tag}_latency_max_s": max(latencies[front]), f"photo{tag}_rss_peak_mb": spent[f"{front}_rss"],
            f"takan{tag}_cpu_s_per_photo": spent[f"{front}_cpu"] / len(photos),
            f"client{tag}_cpu_s_per_photo": spent[f"{front}_client_cpu"] / len(photos)})
    result.info.update(photos=len(photos), photo_rounds=rounds, photo_limit_s=spent["limit"],
                       photo_mb_each=sum(p.stat().st_size for p in photos) / MB / len(photos))


def run_once(args: argparse.Namespace, run_dir: Path, photos: list[Path], warmup: list[Path], video: Path,
             video_sha: str) -> RunResult:
    """One whole run on fresh servers (a new data dir for each front): (b) and (c), then (a)."""
    result = RunResult()
    servers: dict[str, tuple[LiveServer, dict[str, str]]] = {}
    try:
        for front in args.front:
            live = start_takan(run_dir / f"data-{front}", front)
            servers[front] = (live, live.login("chen", PASSWORD))
        if args.video_mb > 0:
            run_video(args, result, servers, run_dir, video, video_sha)
        if args.photos > 0:
            run_photos(args, result, servers, photos, warmup)
    finally:
        for live, _ in servers.values():
            live.stop()
    return result


# ----- reporting --------------------------------------------------------------------------------


def fmt(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"


def fmt_info(info: dict[str, object]) -> str:
    def one(value: object) -> str:
        if isinstance(value, float):
            return fmt(value)
        if isinstance(value, list):
            return "[" + " ".join(one(v) for v in value) + "]"
        return str(value)

    return ", ".join(f"{k}={one(v)}" for k, v in info.items())


def table(rows: list[Row], note: str = "") -> str:
    header = ("measure", "value", "limit", "ratio", "target", "vs target")
    lines = [header]
    for row in rows:
        sign = "<=" if row.lower_is_better else ">="
        lines.append((row.measure, f"{fmt(row.value)} {row.unit}", f"{fmt(row.limit)} {row.limit_label}",
                      f"{row.ratio:.2f}", f"{sign} {row.target:.2f}", "pass" if row.passed else "FAIL"))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |" for line in lines]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return ("\n".join(out) + ("\n" + note if note else "")).rstrip()


def median_rows(results: list[RunResult]) -> list[Row]:
    """Row by row over the runs: the median value, the median limit and the median ratio (which
    is not always the ratio of the two medians)."""
    merged = []
    for i, first in enumerate(results[0].rows):
        rows = [r.rows[i] for r in results]
        merged.append(Row(first.key, first.measure, statistics.median(r.value for r in rows), first.unit,
                          statistics.median(r.limit for r in rows), first.limit_label, first.target,
                          first.lower_is_better, median_ratio=statistics.median(r.ratio for r in rows)))
    return merged


def machine() -> dict[str, str]:
    def cpu_model() -> str:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        return platform.processor() or "?"

    def mem() -> str:
        kb = _status_like("/proc/meminfo", "MemTotal")
        return f"{kb / 1024 / 1024:.1f} GiB" if kb else "?"

    OUT.mkdir(parents=True, exist_ok=True)
    df = subprocess.run(["df", "-h", str(OUT)], capture_output=True, text=True).stdout.strip().splitlines()
    return {"nproc": str(os.cpu_count()), "cpu": cpu_model(), "ram": mem(),
            "disk": df[-1] if df else "?", "python": platform.python_version(), "node": _node_version()}


def _status_like(path: str, key: str) -> int | None:
    with open(path) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def _node_version() -> str:
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "none"


def write_readme(text: str) -> None:
    """Replace (or add) the "## Ingest (issue 3)" section's results block in bench/README.md,
    leaving everything else, other benchmarks' sections included, as it is."""
    start, end = "<!-- ingest-results:start -->", "<!-- ingest-results:end -->"
    block = f"{start}\n{text.rstrip()}\n{end}"
    current = README.read_text() if README.exists() else "# Benchmarks\n"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        after = rest.split(end, 1)[1]
        README.write_text(before + block + after)
    elif SECTION in current:
        head, tail = current.split(SECTION, 1)
        README.write_text(head + SECTION + "\n\n" + block + "\n" + tail)
    else:
        README.write_text(current.rstrip() + f"\n\n{SECTION}\n\n{block}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--video-mb", type=int, default=1024, help="size of the tus upload (0: skip (b) and (c))")
    parser.add_argument("--photos", type=int, default=120, help="12 MP photos to upload (0: skip (a))")
    parser.add_argument("--concurrency", type=int, default=4, help="photo clients at once")
    parser.add_argument("--skip-node", action="store_true", help="skip (c), the @tus/server peer")
    parser.add_argument("--rounds", type=int, default=4, help="photo groups the limit and Takan take turns on")
    parser.add_argument("--front", type=lambda v: [f.strip() for f in v.split(",") if f.strip()],
                        default=["granian"], help="HTTP servers to run Takan behind, comma-separated "
                        "(granian, uvicorn): each is measured in the same run, their steps interleaved")
    parser.add_argument("--repeat", type=int, default=1, help="whole runs, each on a fresh server; medians shown")
    parser.add_argument("--readme", action="store_true", help="write the figures into bench/README.md")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_args(argv)
    if not args.front or any(front not in FRONTS for front in args.front) or len(set(args.front)) < len(args.front):
        parser.error(f"--front takes distinct names from {', '.join(FRONTS)}")
    logging.getLogger("httpx").setLevel(logging.WARNING)

    started = time.monotonic()
    load_before = os.getloadavg()[0]
    node_version = None
    if args.video_mb > 0 and not args.skip_node:
        node_version = ensure_tus_node()
    print("preparing inputs (cached in bench/out/)...", flush=True)
    photos = photo_files(args.photos) if args.photos else []
    warmup = photo_files(2, first_seed=10_001) if args.photos else []
    video, video_sha = video_file(args.video_mb) if args.video_mb > 0 else (Path(), "")

    results = []
    for n in range(args.repeat):
        run_dir = OUT / f"run-{os.getpid()}-{n}"
        shutil.rmtree(run_dir, ignore_errors=True)
        try:
            result = run_once(args, run_dir, photos, warmup, video, video_sha)
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)
        results.append(result)
        print(f"\nrun {n + 1}/{args.repeat}:\n{table(result.rows)}", flush=True)
        print("  " + fmt_info(result.info))

    rows = median_rows(results) if len(results) > 1 else results[0].rows
    info = machine()
    command = "bench/ingest.py " + " ".join(sys.argv[1:] if argv is None else argv)
    heading = f"median of {len(results)} runs" if len(results) > 1 else "one run"
    print(f"\n{heading} ({time.monotonic() - started:.0f} s in all):\n{table(rows)}")
    if args.json:
        args.json.write_text(json.dumps({
            "machine": info, "command": command, "node_tus_server": node_version,
            "runs": [{"rows": [vars(r) | {"ratio": r.ratio} for r in res.rows], "info": res.info} for res in results],
        }, indent=2, default=str))
    if args.readme:
        per_run = "\n".join(f"- run {i + 1}: " + ", ".join(f"{r.key} {r.ratio:.2f}" for r in res.rows)
                            for i, res in enumerate(results))
        details = "\n".join(f"- run {i + 1}: {fmt_info(res.info)}" for i, res in enumerate(results))
        write_readme(
            f"Figures of `.venv/bin/python {command}` on {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
            f"{heading}:\n\n{table(rows)}\n\n"
            f"Ratios of each run:\n\n{per_run}\n\nRaw figures of each run (seconds, MB, CPU seconds):\n\n"
            f"{details}\n\n"
            f"Machine: `nproc` {info['nproc']}, CPU {info['cpu']}, RAM {info['ram']}, Python {info['python']}, "
            f"Node {info['node']}" + (f", @tus/server {node_version}" if node_version else "") + ".\n"
            f"Disk (`df -h bench/out`): `{info['disk']}`. Load average (1 min) {load_before:.1f} at the start, "
            f"{os.getloadavg()[0]:.1f} at the end.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
