"""The reviewer app on a case with 300 photos (issue 5), over loopback against a real server.

Seeds through the HTTP API of a real server process (`takan serve` on a free port, its own data
dir): an item type with two requirements, one case with 299 phone photos (GPS and time in EXIF,
1280x960 to keep seeding quick) and one 12 MP photo (4000x3000) as the last item of the gallery,
submitted. Then, in a fresh process (so that the app's peak memory is its own), it opens the case
window and measures:

- first thumbnails painted: from creating the case window to the gallery painting a real thumbnail
  (target 500 ms);
- all thumbnails: until every tile has its thumbnail (target 5 s);
- the 12 MP photo: from selecting it to the original, full resolution, painted in the viewer
  (target 300 ms) - and, for information, to the 1280 px preview painted;
- peak memory (max RSS) of the app process (target 500 MB).

Twice: with an empty thumbnail cache (cold), then again with the cache the first run left (warm).
Each figure is printed as a ratio to its target (< 1 is within it).

    .venv/bin/python bench/reviewer.py [--photos 300] [--runs 2]
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds a queue.py, which would shadow the standard library's `queue` (imported by
# concurrent.futures, httpx, aiosqlite): put the project root, not bench/, first on the path.
sys.path[0] = str(Path(__file__).resolve().parents[1])

import argparse  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from datetime import datetime  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

OUT = ROOT / "bench" / "out" / "reviewer"
PASSWORD = "bench password 1"
TARGETS = {"first_thumbnails_ms": 500.0, "all_thumbnails_ms": 5000.0, "full_photo_ms": 300.0, "peak_rss_mb": 500.0}
ITEM = {
    "code": "bench_site", "name_zh": "现场踏勘（基准）", "name_en": "Site survey (bench)", "time_limit_days": 20,
    "geofence_radius_m": 300, "required_signoffs": 2, "capture_window_days": 30,
    "checklist": [
        {"key": "site_photos", "title_zh": "现场照片", "title_en": "Site photos", "min_count": 1},
        {"key": "detail", "title_zh": "细节照片（1200 万像素）", "title_en": "Detail photo (12 MP)"},
    ],
}
SITE = {"name": "春晓苑 3号楼", "lat": 30.5426, "lon": 119.9689}


# ----- seeding (parent process) --------------------------------------------------------------------


def showing_full(window) -> bool:
    """The case window shows its current photo from the original, not the preview."""
    return window.session.display is not None and window.session.display.full

def photo(seed: int, width: int, height: int) -> bytes:
    from tests.support.media import exif_bytes, photo_image

    picture = photo_image(width, height, seed=seed)
    taken = datetime.now(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None, microsecond=0)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, exif=exif_bytes(
        lat=SITE["lat"] + 0.0002 * ((seed % 7) - 3) / 3, lon=SITE["lon"] + 0.0002 * ((seed % 5) - 2) / 2,
        taken=taken, offset="+08:00", make="HUAWEI", model="ELS-AN00", width=width, height=height))
    return out.getvalue()


def seed_case(server, photos: int) -> dict:
    import httpx

    base = f"{server.url}/api/v1"
    admin, chen = server.login("admin", PASSWORD), server.login("chen", PASSWORD)
    httpx.post(f"{base}/item-types", json=ITEM, headers=admin).raise_for_status()
    site = httpx.post(f"{base}/sites", json=SITE, headers=admin).json()["id"]
    case = httpx.post(f"{base}/cases", headers=chen, json={"item_type": ITEM["code"], "site_id": site,
                                                            "title": "春晓苑 3号楼 现场踏勘", "fields": {}}).json()

    def upload(index: int) -> int:
        big = index == photos - 1
        body = photo(index, 4000, 3000) if big else photo(index, 1280, 960)
        with httpx.Client(timeout=120) as client:
            r = client.post(f"{base}/cases/{case['id']}/evidence", headers=chen,
                            data={"requirement": "detail" if big else "site_photos"},
                            files={"file": (f"p{index}.jpg", body, "image/jpeg")})
        r.raise_for_status()
        return r.json()["id"]

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3) as pool:
        ids = list(pool.map(upload, range(photos)))
    httpx.post(f"{base}/cases/{case['id']}/submit", headers=chen).raise_for_status()
    return {"case_id": case["id"], "big_id": ids[-1], "count": len(ids),
            "seed_seconds": round(time.perf_counter() - started, 1)}


# ----- measuring (child process) --------------------------------------------------------------------

def measure(server_url: str, case_id: int, big_id: int, cache_dir: str) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from PySide6.QtCore import QSettings

    from reviewer_app.core.api import ApiClient
    from reviewer_app.core.session import Session
    from reviewer_app.qt.context import ReviewerContext
    from reviewer_app.qt.images import ThumbnailCache
    from reviewer_app.qt.queue_window import QueueWindow

    session = Session(server_url)
    api = ApiClient(session)
    api.login("zhang", PASSWORD)
    context = ReviewerContext(session, api=api, thumbnail_cache=ThumbnailCache(cache_dir))

    def spin(condition, timeout: float = 60.0) -> bool:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            app.processEvents()
            if condition():
                return True
            time.sleep(0.001)
        return False

    class PaintWatch(QObject):
        """When the viewer's viewport last painted."""

        def __init__(self):
            super().__init__()
            self.last = 0.0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.last = time.perf_counter()
            return False

    # As an officer works: the queue window first (it is open all day), then the case from it.
    settings = QSettings(str(Path(cache_dir) / "reviewer.ini"), QSettings.Format.IniFormat)
    queue = QueueWindow(context, settings=settings)
    queue.show()
    assert spin(lambda: queue.model.state.loaded and queue.model.rowCount() > 0)
    spin(lambda: False, timeout=0.5)  # let the queue settle (item types, the event stream)
    started = time.perf_counter()
    window = queue.open_case(case_id)
    watch = PaintWatch()
    window.viewer.annotator.view.viewport().installEventFilter(watch)
    gallery = window.gallery
    assert spin(lambda: gallery.first_thumbnail_painted_at is not None), "no thumbnail was painted"
    first = gallery.first_thumbnail_painted_at - started
    total = window.gallery_model.rowCount
    assert spin(lambda: total() > 0 and window.gallery_model.loaded_count() == total()), "thumbnails missing"
    all_loaded = time.perf_counter() - started
    assert spin(lambda: showing_full(window))  # the first photo is on screen, in full

    shown, full = {}, {}
    window.evidenceShown.connect(lambda eid: shown.setdefault(eid, time.perf_counter()))
    window.fullImageShown.connect(lambda eid: full.setdefault(eid, time.perf_counter()))
    selected = time.perf_counter()
    window.select_evidence(big_id)
    assert spin(lambda: big_id in full), "the 12 MP photo did not arrive"
    assert spin(lambda: watch.last >= full[big_id])
    full_ms = (watch.last - selected) * 1000
    preview_ms = (shown[big_id] - selected) * 1000 if big_id in shown else None
    image = window.viewer.scene.photo_item().pixmap()
    assert spin(lambda: window.photos.decoded_accurately(big_id))
    accurate_ms = (time.perf_counter() - selected) * 1000
    # Step through the next photos with J (the neighbours are decoded ahead): the officer's pace.
    window.select_evidence(window.state.evidence_ids()[0])
    assert spin(lambda: showing_full(window))
    spin(lambda: False, timeout=1.0)
    steps = []
    for _ in range(5):
        before = time.perf_counter()
        target = window.state.neighbour(window.current_evidence_id(), 1)
        window.step(1)
        assert spin(lambda t=target: window.current_evidence_id() == t and showing_full(window))
        steps.append((time.perf_counter() - before) * 1000)
        spin(lambda: False, timeout=0.8)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.close()
    return {"first_thumbnails_ms": round(first * 1000, 1), "all_thumbnails_ms": round(all_loaded * 1000, 1),
            "full_photo_ms": round(full_ms, 1), "preview_ms": round(preview_ms, 1) if preview_ms else None,
            "accurate_ms": round(accurate_ms, 1), "next_photo_ms": round(sorted(steps)[len(steps) // 2], 1),
            "full_photo_pixels": f"{image.width()}x{image.height()}", "peak_rss_mb": round(rss_mb, 1),
            "thumbnails": total()}


# ----- the run ------------------------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        ram = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        ram = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": ram, "python": platform.python_version(),
            "load_1min": round(os.getloadavg()[0], 2),
            "date": datetime.now().astimezone().isoformat(timespec="seconds")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=300)
    parser.add_argument("--runs", type=int, default=2, help="the first with an empty thumbnail cache")
    parser.add_argument("--measure", nargs=4, metavar=("URL", "CASE", "BIG", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        url, case_id, big_id, cache = args.measure
        print(json.dumps(measure(url, int(case_id), int(big_id), cache)))
        return 0

    from tests.support.live_server import LiveServer, seed

    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    server = LiveServer(OUT / "data")
    seed(server.settings(), {"admin": ("admin", "管理员"), "chen": ("applicant", "陈工"),
                             "zhang": ("officer", "张伟")}, PASSWORD)
    server.start()
    try:
        print(f"seeding {args.photos} photos through {server.url} ...", flush=True)
        seeded = seed_case(server, args.photos)
        print(f"seeded case {seeded['case_id']} with {seeded['count']} photos in {seeded['seed_seconds']} s",
              flush=True)
        cache = tempfile.mkdtemp(prefix="takan-bench-thumbs-")
        runs = []
        for run in range(args.runs):
            out = subprocess.run([sys.executable, __file__, "--measure", server.url, str(seeded["case_id"]),
                                  str(seeded["big_id"]), cache], capture_output=True, text=True, timeout=600,
                                 env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
            if out.returncode != 0:
                print(out.stderr[-3000:], file=sys.stderr)
                return 1
            result = json.loads(out.stdout.strip().splitlines()[-1])
            result["cache"] = "cold" if run == 0 else "warm"
            runs.append(result)
        shutil.rmtree(cache, ignore_errors=True)
    finally:
        server.stop(timeout=5)

    info = machine()
    print(f"\nmachine: {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM, Python {info['python']}, "
          f"load {info['load_1min']}, {info['date']}")
    print(f"case: {args.photos} photos ({args.photos - 1} at 1280x960, one 4000x3000 = 12 MP, the last in the "
          "gallery)\n")
    print(f"{'measure':<22}{'target':>10}" + "".join(f"{r['cache'] + ' run':>18}" for r in runs))
    for key, target in TARGETS.items():
        unit = "MB" if key.endswith("mb") else "ms"
        cells = "".join(f"{r[key]:>10.0f} {unit} {r[key] / target:>4.2f}x" for r in runs)
        print(f"{key:<22}{target:>7.0f} {unit}{cells}")
    for key, label in (("preview_ms", "preview (1280 px)"), ("accurate_ms", "accurate decode"),
                       ("next_photo_ms", "next photo (J)")):
        print(f"{label:<22}{'':>10}" + "".join(f"{r[key]:>10.0f} ms{'':>6}" for r in runs))
    (OUT / "result.json").write_text(json.dumps({"machine": info, "seed": seeded, "runs": runs}, indent=2,
                                                ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
