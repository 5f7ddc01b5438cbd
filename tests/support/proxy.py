"""A real reverse proxy in front of a LiveServer that lets only GET, HEAD, POST and OPTIONS
through and answers 405 itself to anything else (PATCH, DELETE, PUT), as the proxies and
firewalls of government networks and some mobile carriers do: Debian's nginx, started in the
foreground by the test with a configuration it writes into a temp dir (pid, logs and temp files
there too; no daemon, nothing of the system's nginx used)."""

import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from tests.support.live_server import free_port

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
MISSING = "nginx is missing: apt-get install nginx (`make test` does it when run as root)"

CONFIG = """\
daemon off;
master_process off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log info;
events {{ worker_connections 256; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 0;
        location / {{
            if ($request_method !~ ^(GET|HEAD|POST|OPTIONS)$) {{ return 405; }}
            proxy_pass {upstream};
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Connection "";
            proxy_request_buffering off;
            proxy_buffering off;
            proxy_read_timeout 120s;
        }}
    }}
}}
"""


class GetPostOnlyProxy:
    def __init__(self, upstream: str, directory: Path):
        if NGINX is None:
            raise RuntimeError(MISSING)
        self.upstream = upstream
        self.dir = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.dir / "access.log"

    def requests(self) -> list[tuple[str, str, int]]:
        """(method, path, status) of every request nginx answered so far, from its access log."""
        found = []
        for line in self.access_log.read_text(errors="replace").splitlines():
            request, status = line.split('"')[1], line.split('"')[2].split()[0]
            method, path = request.split(" ")[:2]
            found.append((method, path, int(status)))
        return found

    def start(self, timeout: float = 10) -> "GetPostOnlyProxy":
        self.dir.mkdir(parents=True, exist_ok=True)
        conf = self.dir / "nginx.conf"
        conf.write_text(CONFIG.format(dir=self.dir, port=self.port, upstream=self.upstream))
        command = [NGINX, "-p", str(self.dir), "-c", str(conf), "-e", str(self.dir / "error.log")]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.process.stderr.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"nginx did not start: {(self.dir / 'error.log').read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
