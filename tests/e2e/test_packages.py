"""What installs where: a server installs without Qt, and the officers' desktop program builds
into a folder (PyInstaller, packaging/takan-reviewer.spec) that starts on its own, without the
project's virtualenv, to the login window against a real server."""

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def test_the_server_installs_without_qt(tmp_path):
    env_dir = tmp_path / "server-venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(ROOT)], capture_output=True,
                               text=True, timeout=900)
    assert installed.returncode == 0, installed.stderr[-3000:]
    help_text = subprocess.run([str(env_dir / "bin" / "takan"), "--help"], capture_output=True, text=True,
                               timeout=60)
    assert help_text.returncode == 0 and "serve" in help_text.stdout, help_text.stderr
    # The whole server imports (not only the command line), and Qt is not there at all.
    probe = subprocess.run([str(python), "-c", "import importlib.util, server.app, server.services; "
                            "print(importlib.util.find_spec('PySide6') is None)"],
                           capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert probe.returncode == 0 and probe.stdout.strip() == "True", probe.stderr[-3000:]
    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True)
    assert not [line for line in listed.stdout.splitlines() if line.lower().startswith("pyside6")]


def test_the_packaged_desktop_program_starts_to_the_login_window(tmp_path):
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                            "--distpath", str(dist), "--workpath", str(tmp_path / "build"),
                            str(ROOT / "packaging" / "takan-reviewer.spec")],
                           cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr[-3000:]
    program = dist / "takan-reviewer" / "takan-reviewer"
    assert program.is_file()

    server = LiveServer(tmp_path / "data").start()
    try:
        # Nothing of the project's virtualenv or source tree: the folder must carry it all.
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
               "LANG": os.environ.get("LANG", "C.UTF-8")}
        run = subprocess.run([str(program), "--check", "--server", server.url, "--language", "zh_CN"],
                             cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    finally:
        server.stop()
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["window"] == "LoginDialog" and report["visible"] and report["server"] is True
    assert report["platform"] == "offscreen"
    assert report["language"] == "zh_CN" and set(report["languages"]) == {"zh_CN", "en"}
    assert "登录" in report["title"]  # the Chinese catalogue came along in the folder
