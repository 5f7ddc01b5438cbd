"""Simulated users against a live server, for the load benchmark (bench/load.py) and the backup
under load test: phones that log in, open a case, upload photos through tus in 1 MB chunks and
submit; officers that poll the review queue and open cases, their evidence and thumbnails,
timing every request.

Photos come from a pool of real JPEGs (camera EXIF at the site); each upload gets a unique JPEG
comment, so every file is a valid photo with its own sha256."""

import asyncio
import contextlib
import hashlib
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.support.media import make_jpeg, with_jpeg_comment
from tests.support.tus_client import metadata_for, upload_async

SITE = {"lat": 30.5426, "lon": 119.9689}
ITEM = {
    "code": "load_survey", "name_zh": "负载测试踏勘", "name_en": "Load test survey", "time_limit_days": 5,
    "geofence_radius_m": 300, "required_signoffs": 1, "capture_window_days": 30,
    "checklist": [{"key": "site_photo", "title_zh": "现场照片", "title_en": "Site photo", "min_count": 1}],
}


def photo_pool(folder: Path, count: int, size: tuple[int, int], *, quality: int = 92) -> list[bytes]:
    """`count` distinct camera JPEGs (one picture seed each), made once and kept in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = []
    for seed in range(1, count + 1):
        path = folder / f"photo-{size[0]}x{size[1]}-q{quality}-{seed}.jpg"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            make_jpeg(tmp, width=size[0], height=size[1], seed=seed, quality=quality, lat=SITE["lat"] + 0.0002,
                      lon=SITE["lon"] + 0.0001, taken=None)
            tmp.rename(path)
        pool.append(path.read_bytes())
    return pool


@dataclass
class Committed:
    evidence_id: int
    sha256: str
    at: float  # time.monotonic() when the phone got the answer


@dataclass
class LoadStats:
    uploads_ok: int = 0
    bytes_ok: int = 0
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    committed: list[Committed] = field(default_factory=list)
    case_ids: list[int] = field(default_factory=list)
    officer_ms: dict[str, list[float]] = field(default_factory=dict)
    officer_requests: int = 0
    started: float = 0.0
    finished: float = 0.0
    side_result: object = None  # what run_load's `during` returned

    def latency(self, name: str | None = None) -> dict[str, float]:
        values = sorted(v for k, vs in self.officer_ms.items() if name in (None, k) for v in vs)
        if not values:
            return {"n": 0, "p50": 0.0, "p99": 0.0, "max": 0.0}
        return {"n": len(values), "p50": statistics.median(values),
                "p99": values[min(len(values) - 1, round(0.99 * (len(values) - 1)))], "max": values[-1]}


async def login(client: httpx.AsyncClient, username: str, password: str) -> None:
    r = await client.post("/api/v1/auth/login", json={"username": username, "password": password})
    r.raise_for_status()
    client.headers["Authorization"] = f"Bearer {r.json()['token']}"


async def phone(base_url: str, username: str, password: str, site_id: int, pool: list[bytes], photos: int,
                stats: LoadStats, *, chunk_size: int = 1024 * 1024, start_delay: float = 0.0) -> None:
    """One applicant's phone: log in, open a case, upload `photos` photos one after another
    over tus, submit. Errors are counted, never retried past the tus resume."""
    await asyncio.sleep(start_delay)
    rng = random.Random(username)
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    async with httpx.AsyncClient(base_url=base_url, timeout=300, limits=limits) as client:
        try:
            await login(client, username, password)
            r = await client.post("/api/v1/cases", json={"item_type": ITEM["code"], "site_id": site_id,
                                                         "title": f"{username} 现场", "fields": {}})
            r.raise_for_status()
            case_id = r.json()["id"]
            stats.case_ids.append(case_id)
            stats.requests += 2
        except httpx.HTTPError as exc:
            stats.errors.append(f"{username} setup: {exc!r}")
            return
        for k in range(photos):
            data = with_jpeg_comment(rng.choice(pool), f"{username} photo {k} {rng.random()}".encode())
            try:
                status, requests = await upload_async(client, data, metadata_for(
                    case_id, "site_photo", f"IMG_{k:04d}.jpg", lat=SITE["lat"] + 0.0002, lon=SITE["lon"] + 0.0001,
                    accuracy=8), chunk_size=chunk_size)
                stats.requests += requests
                if status.get("state") != "complete":
                    stats.errors.append(f"{username} photo {k}: {status}")
                    continue
                stats.uploads_ok += 1
                stats.bytes_ok += len(data)
                stats.committed.append(Committed(status["evidence_id"], hashlib.sha256(data).hexdigest(),
                                                 time.monotonic()))
            except (httpx.HTTPError, RuntimeError) as exc:
                stats.errors.append(f"{username} photo {k}: {exc!r}"[:300])
        try:
            r = await client.post(f"/api/v1/cases/{case_id}/submit")
            stats.requests += 1
            if r.status_code != 200:
                stats.errors.append(f"{username} submit: {r.status_code} {r.text[:200]}")
        except httpx.HTTPError as exc:
            stats.errors.append(f"{username} submit: {exc!r}")


async def officer(base_url: str, username: str, password: str, stats: LoadStats, stop: asyncio.Event, *,
                  think: tuple[float, float] = (0.2, 0.6)) -> None:
    """An officer at a desk: poll the queue, open a case (from the queue, else any case a phone
    opened), its evidence list and up to three thumbnails; every request timed."""
    rng = random.Random(username)
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:
        await login(client, username, password)

        async def timed(name: str, url: str) -> httpx.Response | None:
            started = time.perf_counter()
            try:
                r = await client.get(url)
            except httpx.HTTPError as exc:
                stats.errors.append(f"{username} {name}: {exc!r}")
                return None
            stats.officer_ms.setdefault(name, []).append((time.perf_counter() - started) * 1000)
            stats.officer_requests += 1
            if r.status_code != 200:
                stats.errors.append(f"{username} {name}: {r.status_code} {r.text[:200]}")
                return None
            return r

        while not stop.is_set():
            queue = await timed("queue", "/api/v1/review/queue?limit=50")
            candidates = [item["id"] for item in queue.json()["items"]] if queue is not None else []
            candidates = candidates or list(stats.case_ids)
            if candidates:
                case_id = rng.choice(candidates)
                await timed("case", f"/api/v1/cases/{case_id}")
                listing = await timed("evidence list", f"/api/v1/cases/{case_id}/evidence")
                items = listing.json()["items"] if listing is not None else []
                for item in rng.sample(items, min(3, len(items))):
                    if item["urls"]["thumb_256"]:
                        await timed("thumbnail", item["urls"]["thumb_256"])
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), rng.uniform(*think))


async def run_load(base_url: str, phones: list[str], officers: list[str], password: str, site_id: int,
                   pool: list[bytes], photos: int, *, ramp_seconds: float = 2.0, chunk_size: int = 1024 * 1024,
                   during=None) -> LoadStats:
    """Every phone at once (started over `ramp_seconds`), the officers until the phones are done.
    `during(stats)`, if given, is awaited alongside (e.g. a backup taken mid-load)."""
    stats = LoadStats()
    stop = asyncio.Event()
    desks = [asyncio.create_task(officer(base_url, name, password, stats, stop)) for name in officers]
    stats.started = time.monotonic()
    handsets = [phone(base_url, name, password, site_id, pool, photos, stats, chunk_size=chunk_size,
                      start_delay=ramp_seconds * i / max(1, len(phones))) for i, name in enumerate(phones)]
    side = [during(stats)] if during is not None else []
    results = await asyncio.gather(asyncio.gather(*handsets), *side)
    stats.finished = time.monotonic()
    stop.set()
    await asyncio.gather(*desks)
    stats.side_result = results[1] if side else None
    return stats
