"""Start-up and run-time failures of the environment, each in one line with a non-zero exit
and no traceback, from real ``shenbao`` processes: a wrong database URL, a database that does
not exist, Redis down, a full disk (a file-size limit, as a full disk fails a write), an
unwritable SHENBAO_HOME; and a worker that loses Redis and finds it again."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from admin_helpers import PG_URL
from server_process import free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cret-pw"
SAMPLE = "wuhan-fund-2022/wuhan-fund-2022-dev-01.pdf"


def closed_port() -> int:
    return free_port()  # nothing listens there


def no_such_database() -> str:
    if not PG_URL:
        return ""
    base = PG_URL.rsplit("/", 1)[0].replace("postgres@", f"postgres:{SECRET}@", 1)
    return f"{base}/shenbao_no_such_database"


# In the child: any file may grow to 4 KB only (writes beyond fail as on a full disk), then
# shenbao itself (set there, not by preexec_fn: the test runs its processes from threads).
LIMITED = (
    "import os, resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); "
    "os.execv(sys.executable, [sys.executable, '-m', 'shenbao', *sys.argv[1:]])"
)


# name -> (command, environment change, what the line says, needs PostgreSQL, limit file size)
CASES: dict[str, tuple[list[str], dict[str, str], str, bool, bool]] = {
    "status, wrong database URL": (
        ["status"],
        {"SHENBAO_DATABASE_URL": f"postgresql://postgres:{SECRET}@127.0.0.1:{closed_port()}/shenbao"},
        "数据库不可用",
        False,
        False,
    ),
    "export, database does not exist": (
        ["export", "all", "-o", "{tmp}/all.xlsx"],
        {"SHENBAO_DATABASE_URL": no_such_database()},
        "does not exist",
        True,
        False,
    ),
    "serve, database does not exist": (
        ["serve", "--port", str(closed_port())],
        {"SHENBAO_DATABASE_URL": no_such_database()},
        "does not exist",
        True,
        False,
    ),
    "worker, Redis down": (
        ["worker"],
        {"SHENBAO_REDIS_URL": f"redis://:{SECRET}@127.0.0.1:{closed_port()}/0"},
        "识别队列不可用",
        False,
        False,
    ),
    "ingest, Redis down": (
        ["ingest", "{samples}/" + SAMPLE],
        {"SHENBAO_REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"},
        "识别队列不可用",
        False,
        False,
    ),
    "serve, Redis down": (
        ["serve", "--port", str(closed_port())],
        {"SHENBAO_REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"},
        "识别队列不可用",
        False,
        False,
    ),
    "status, unwritable SHENBAO_HOME": (
        ["status"],
        {"SHENBAO_HOME": "{tmp}/a-file/home"},
        "SHENBAO_HOME",
        False,
        False,
    ),
    "worker, unwritable SHENBAO_HOME": (
        ["worker"],
        {"SHENBAO_HOME": "{tmp}/a-file/home"},
        "SHENBAO_HOME",
        False,
        False,
    ),
    "export, full disk": (["export", "all", "-o", "{tmp}/all.xlsx"], {}, "disk full", False, True),
    "ingest, full disk": (["ingest", "{samples}/" + SAMPLE], {}, "disk full", False, True),
}


def run(name: str, tmp: Path, samples: Path) -> subprocess.CompletedProcess[str]:
    command, change, _, _, limited = CASES[name]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHENBAO_")}
    env.update(SHENBAO_HOME=str(tmp / "home"), SHENBAO_SECRET_KEY="test-secret")
    env.update({k: v.format(tmp=tmp) for k, v in change.items()})
    argv = [a.format(tmp=tmp, samples=samples) for a in command]
    start = [sys.executable, "-c", LIMITED] if limited else [sys.executable, "-m", "shenbao"]
    return subprocess.run([*start, *argv], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory, samples: Path) -> dict[str, Any]:
    """Every case once, four processes at a time; a desk made first for the full-disk cases."""
    tmp = tmp_path_factory.mktemp("failures")
    (tmp / "a-file").write_text("a file where SHENBAO_HOME wants a folder")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHENBAO_")}
    made = subprocess.run(
        [sys.executable, "-m", "shenbao", "status"],
        env={**env, "SHENBAO_HOME": str(tmp / "home"), "SHENBAO_SECRET_KEY": "test-secret"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    names = [n for n in CASES if PG_URL or not CASES[n][3]]
    with ThreadPoolExecutor(4) as pool:
        return dict(zip(names, pool.map(lambda n: run(n, tmp, samples), names), strict=True))


@pytest.mark.parametrize("name", list(CASES))
def test_one_clear_line_and_a_non_zero_exit(outcomes, name):
    if name not in outcomes:
        pytest.skip("needs SHENBAO_TEST_DATABASE_URL")
    done = outcomes[name]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 8, done.stderr
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("shenbao: ")
    assert CASES[name][2] in lines[0]
    assert SECRET not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_a_worker_that_loses_redis_retries_in_one_line_each_and_goes_on(tmp_path):
    port = free_port()

    def redis() -> subprocess.Popen[bytes]:
        argv = ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"]
        server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.3)
        return server

    def log() -> str:
        return (tmp_path / "worker.log").read_text(encoding="utf-8")

    def until(needle: str, count: int = 1, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while log().count(needle) < count:
            assert time.monotonic() < deadline, log()
            time.sleep(0.1)

    server = redis()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHENBAO_")}
    env.update(
        SHENBAO_HOME=str(tmp_path / "home"),
        SHENBAO_SECRET_KEY="test-secret",
        SHENBAO_REDIS_URL=f"redis://127.0.0.1:{port}/0",
        SHENBAO_SWEEP_SECONDS="1",
    )
    with (tmp_path / "worker.log").open("w") as out:
        worker = subprocess.Popen([sys.executable, "-m", "shenbao", "worker"], env=env, cwd=ROOT, stderr=out)
        try:
            until("worker ready")
            server.kill()
            server.wait()
            until("retry in", 2)
            server = redis()
            until("working again")
        finally:
            worker.send_signal(signal.SIGTERM)
            code = worker.wait(timeout=60)
            server.kill()
            server.wait()
    retries = [line for line in log().splitlines() if "retry in" in line]
    assert code == 0
    assert "Traceback" not in log()
    assert all("识别队列不可用" in line and f"127.0.0.1:{port}" in line for line in retries)
    assert [line.rsplit("retry in ", 1)[1] for line in retries[:2]] == ["1 s", "2 s"]  # backing off
