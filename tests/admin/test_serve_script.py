"""``scripts/serve.sh --port N`` says the right address, and a first run stopped half-way runs again."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from server_process import ROOT, Browser, Server, server_env

pytestmark = pytest.mark.slow
PASSWORD = "first-run-pass"


def script_env(home: Path) -> dict[str, str]:
    venv = Path(sys.executable).parent
    env = server_env(home, SHENBAO_ADMIN_PASSWORD=PASSWORD, SHENBAO_SKIP_INSTALL="1")
    env.update(VIRTUAL_ENV=str(venv.parent), PATH=f"{venv}{os.pathsep}{env.get('PATH', '')}")
    return env


def wait_for(server: Server, text: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while text not in server.output():
        if server.process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"no {text!r} in: {server.output()}")
        time.sleep(0.2)


def wait_for_command(server: Server, word: str, timeout: float = 300) -> None:
    """Until a process of the server's group runs ``shenbao WORD``. Stopped at the login line
    instead, a first run whose samples were read before the signal came (a loaded machine)
    had already marked them done."""
    deadline = time.monotonic() + timeout
    while not any(word in argv for argv in group_commands(server.process.pid)):
        if server.process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"no shenbao {word} ran: {server.output()}")
        time.sleep(0.05)


def group_commands(group: int) -> list[list[str]]:
    """The command lines of the processes in process group ``group``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and os.getpgid(int(proc.name)) == group:
                found.append((proc / "cmdline").read_bytes().decode(errors="replace").split("\0"))
        except OSError:  # gone meanwhile
            continue
    return found


def test_serve_sh_prints_its_port_and_a_stopped_first_run_runs_again(tmp_path):
    home = tmp_path / "home"
    env = script_env(home)
    first = Server(env, "--no-worker", command=[str(ROOT / "scripts" / "serve.sh")])
    try:
        wait_for(first, f"log in at http://127.0.0.1:{first.port} as admin / {PASSWORD}")
        wait_for_command(first, "ingest")
    finally:
        first.stop(signal.SIGINT)  # Ctrl-C while the samples are being read
    assert not (home / ".first-run-samples").exists()

    again = Server(env, "--no-worker", command=[str(ROOT / "scripts" / "serve.sh")])
    try:
        again.wait_ready(timeout=600)
        assert Browser(again.base).login("admin", PASSWORD)[0] == 302
    finally:
        again.stop()
    printed = again.output()
    assert f"http://127.0.0.1:{again.port}" in printed
    assert f"serving on http://127.0.0.1:{again.port}/" in printed
    assert "5000" not in printed.replace(str(again.port), "")
    assert "Traceback" not in printed
    assert (home / ".first-run-samples").exists()
