"""A real ``shenbao serve`` (or ``scripts/serve.sh``) process and a small HTTP client for it."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHENBAO_")}
    env.update(SHENBAO_HOME=str(home), SHENBAO_SECRET_KEY="test-secret", **extra)
    return env


class Server:
    """``shenbao serve ARGS`` in its own process group, stopped (group and all) at the end."""

    def __init__(self, env: dict[str, str], *args: str, command: list[str] | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        argv = command or [sys.executable, "-m", "shenbao", "serve"]
        self.log = Path(env["SHENBAO_HOME"]) / f"serve-{self.port}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._out = self.log.open("w")
        self.process = subprocess.Popen(
            [*argv, "--port", str(self.port), *args],
            env=env,
            cwd=ROOT,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited {self.process.returncode}: {self.output()}")
            try:
                urllib.request.urlopen(self.base + "/login", timeout=5).close()
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"server did not answer: {self.output()}")

    def output(self) -> str:
        if not self._out.closed:
            self._out.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        self._out.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Browser:
    """Cookies and CSRF tokens against a real server; redirects are returned, not followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(
        self,
        path: str,
        data: dict[str, str] | list[tuple[str, str]] | None = None,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], str]:
        """GET, or POST of ``data`` (a form) or of ``body`` as it is, with ``headers``."""
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read().decode("utf-8", "replace")

    def token(self, path: str = "/login") -> str:
        _, _, html = self.request(path)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
            r'name="csrf-token"[^>]*content="([^"]+)"', html
        )
        if match is None:
            raise LookupError(f"no CSRF token on {path}")
        return match.group(1)

    def login(self, name: str, password: str, query: str = "") -> tuple[int, dict[str, str], str]:
        token = self.token()
        return self.request(f"/login{query}", {"username": name, "password": password, "csrf_token": token})

    def session_cookie(self) -> str:
        return next(c.value or "" for c in self.jar if c.name == "session")

    def use_session_cookie(self, value: str) -> None:
        host = urllib.parse.urlsplit(self.base).hostname or "127.0.0.1"
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                0, "session", value, None, False, host, False, False, "/", True, False, None, False, None, None, {}
            )
        )
