"""What a benchmark reads about a process from /proc: memory and CPU time (Linux)."""

import os
import threading
from pathlib import Path


def status_kb(pid: int, key: str) -> int | None:
    """A kB figure of /proc/<pid>/status (VmRSS, VmHWM, ...); None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RssSampler:
    """Peak resident memory of a process while the block runs: VmRSS every 50 ms, and the
    kernel's high-water mark (VmHWM) after resetting it on entry (clear_refs 5), which also
    catches a spike between two samples."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid = pid
        self.interval = interval
        self.samples: list[int] = []
        self.hwm_reset = False
        self.hwm_kb: int | None = None
        self.start_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            kb = status_kb(self.pid, "VmRSS")
            if kb is not None:
                self.samples.append(kb)
            self._stop.wait(self.interval)

    def __enter__(self) -> "RssSampler":
        try:
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")
            self.hwm_reset = True
        except OSError:
            self.hwm_reset = False
        self.start_kb = status_kb(self.pid, "VmRSS") or 0
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        if self.hwm_reset:
            self.hwm_kb = status_kb(self.pid, "VmHWM")

    @property
    def peak_mb(self) -> float:
        return max([*self.samples, self.hwm_kb or 0, self.start_kb]) / 1024

    @property
    def start_mb(self) -> float:
        return self.start_kb / 1024
