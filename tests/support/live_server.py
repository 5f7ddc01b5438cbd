"""A real server process (`takan serve`: granian's supervisor and its worker process, or uvicorn
with TAKAN_HTTP_SERVER=uvicorn) on a free port with its own data directory, for tests about the
network: resumable uploads, restarts, kills, the browser and the desktop app."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import httpx

from server.services import open_services
from server.settings import Settings
from shared.models import SiteIn, UserCreate

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    # Every server a test started, so that the suite can fail a test whose server logged a
    # traceback (tests/conftest.py: no_server_errors).
    started: ClassVar[list["LiveServer"]] = []
    # False while a test not marked e2e runs (tests/conftest.py): such a test may not start one.
    may_start: ClassVar[bool] = True

    def __init__(self, data_dir: Path, *, port: int | None = None, env: dict[str, str] | None = None,
                 command: list[str] | None = None):
        self.data_dir = data_dir
        self._log_checked = 0  # bytes of the log already searched for tracebacks
        self.command = command or [sys.executable, "-m", "server.cli", "serve"]
        self.port = port or free_port()
        self.env = {
            **os.environ,
            "TAKAN_DATA_DIR": str(data_dir),
            "TAKAN_PORT": str(self.port),
            "TAKAN_HOST": "127.0.0.1",
            "TAKAN_ARGON2_TIME_COST": "1",
            "TAKAN_ARGON2_MEMORY_KIB": "1024",
            "TAKAN_DB_SYNCHRONOUS": "NORMAL",
            **(env or {}),
        }
        self.process: subprocess.Popen | None = None
        self.log_path = data_dir.parent / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def settings(self) -> Settings:
        return Settings.from_env({k: v for k, v in self.env.items() if k.startswith("TAKAN_")})

    def start(self, timeout: float = 30) -> "LiveServer":
        if not LiveServer.may_start:
            raise RuntimeError("a test that starts a server process must be marked e2e (pytest.mark.e2e)")
        if self not in LiveServer.started:
            LiveServer.started.append(self)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 (the child keeps it)
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=log, stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not start: {self.log_tail()}")

    @property
    def app_pid(self) -> int:
        """The process that runs the app: granian's worker (the child of the process started),
        or the process itself (uvicorn). For memory and CPU figures."""
        children = [pid for pid, state, parent in session_processes(self.process.pid)
                    if parent == self.process.pid and state != "Z"]
        return children[0] if children else self.process.pid

    def stop(self, *, kill: bool = False, timeout: float = 30) -> None:
        """SIGTERM (or SIGKILL) to the process started, as an operator or a supervisor sends
        it, and wait for it to end; then for every process it started to be gone too: a worker
        left behind would go on serving and writing to the data directory."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        deadline = time.monotonic() + 10
        while left := [pid for pid, state, _ in session_processes(self.process.pid) if state != "Z"]:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server's processes {left} outlived it")
            time.sleep(0.02)

    def restart(self, *, kill: bool = False) -> None:
        self.stop(kill=kill)
        self.start()

    def new_server_errors(self) -> list[str]:
        """Tracebacks the server logged since the last call (a 500, or a failure in the
        background): each with the lines around it."""
        try:
            with open(self.log_path, "rb") as log:
                log.seek(self._log_checked)
                data = log.read()
        except OSError:
            return []
        self._log_checked += len(data)
        lines = data.decode(errors="replace").splitlines()
        return ["\n".join(lines[max(0, i - 3):i + 25]) for i, line in enumerate(lines)
                if line.startswith("Traceback (most recent call last)")]

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def login(self, username: str, password: str) -> dict[str, str]:
        r = httpx.post(f"{self.url}/api/v1/auth/login", json={"username": username, "password": password})
        r.raise_for_status()
        return {"Authorization": f"Bearer {r.json()['token']}"}


def session_processes(session: int) -> list[tuple[int, str, int]]:
    """(pid, state, parent pid) of every process in a session (LiveServer starts its server as
    the leader of a new one)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[3]) == session:
            found.append((int(entry), fields[0], int(fields[1])))
    return found


def seed(settings: Settings, users: dict[str, tuple[str, str]], password: str,
         sites: list[SiteIn] = ()) -> dict[str, int]:
    """Users (name -> (role, display name)) and sites, straight through the services, before the
    server starts. Returns the ids: users by name, sites as site0, site1, ..."""

    async def run() -> dict[str, int]:
        ids = {}
        async with open_services(settings) as services:
            for name, (role, display) in users.items():
                user = await services.accounts.create_user(
                    None, UserCreate(username=name, password=password, display_name=display, role=role))
                ids[name] = user.id
            for i, site in enumerate(sites):
                ids[f"site{i}"] = (await services.sites.create(None, site)).id
        return ids

    return asyncio.run(run())
