"""``shenbao serve`` as a real process: waitress (``--debug``: Werkzeug's reloader), and the
issue's probes against it: ``next``, 30 wrong passwords, a cookie copied before logout, the
security headers; and a database of the last commit before migrations, upgraded at start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from server_process import Browser, Server, server_env
from tests_support import OLD_PASSWORD, make_database_of_3836971

pytestmark = pytest.mark.slow

HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def add_user(env: dict[str, str], name: str, role: str, password: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "shenbao", "create-user", name, "--role", role],
        env=env,
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def served(tmp_path: Path):
    """A desk on waitress with the reviewer ``zhou`` (password ``password-1``)."""
    env = server_env(tmp_path / "home")
    add_user(env, "zhou", "reviewer", "password-1")
    server = Server(env, "--no-worker")
    server.wait_ready()
    yield server
    server.stop()


def test_serve_runs_on_waitress_and_says_where(served):
    status, headers, _ = Browser(served.base).request("/login")
    assert status == 200
    assert headers["Server"] == "shenbao"  # waitress's ident, not Werkzeug's development server
    assert f"serving on http://127.0.0.1:{served.port}/ (waitress" in served.output()
    assert "development server" not in served.output()


@pytest.mark.parametrize("path", ["/login", "/", "/static/shenbao/review.js", "/no-such-page"])
def test_every_response_of_the_server_has_the_security_headers(served, path):
    _, headers, _ = Browser(served.base).request(path)
    for name, value in HEADERS.items():
        assert headers.get(name) == value, (path, name)
    assert "Strict-Transport-Security" not in headers


def test_the_open_redirect_probe_stays_on_the_site(served):
    status, headers, _ = Browser(served.base).login("zhou", "password-1", "?next=/%09/evil.example/")
    assert status == 302
    assert headers["Location"] == "/"


def test_thirty_wrong_passwords_then_the_right_one(served):
    browser = Browser(served.base)
    answers = [browser.login("zhou", f"wrong-{n}")[0] for n in range(30)]
    assert answers.count(429) == 20
    status, _, html = browser.login("zhou", "password-1")
    assert status == 429
    assert "登录失败次数过多" in html
    assert browser.request("/export/")[0] == 302  # not logged in


def test_a_cookie_copied_before_logout_no_longer_opens_export(served):
    browser = Browser(served.base)
    assert browser.login("zhou", "password-1")[0] == 302
    copy = Browser(served.base)
    copy.use_session_cookie(browser.session_cookie())
    assert copy.request("/export/")[0] == 200
    token = browser.token("/export/")
    assert browser.request("/logout", {"csrf_token": token})[0] == 302
    status, headers, _ = copy.request("/export/")
    assert status == 302
    assert "/login" in headers["Location"]


def test_secure_cookies_and_hsts_from_the_environment(tmp_path):
    env = server_env(tmp_path / "home", SHENBAO_SECURE_COOKIES="1")
    server = Server(env, "--no-worker")
    try:
        server.wait_ready()
        _, headers, _ = Browser(server.base).request("/login")
    finally:
        server.stop()
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in headers["Set-Cookie"]


def test_debug_serves_with_the_werkzeug_reloader(tmp_path):
    server = Server(server_env(tmp_path / "home"), "--no-worker", "--debug")
    try:
        server.wait_ready()
        _, headers, _ = Browser(server.base).request("/login")
    finally:
        server.stop()
    assert "Werkzeug" in headers["Server"]
    assert "reloader" in server.output()


def test_a_database_of_the_last_commit_before_migrations_is_served_after_upgrade(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    engine = sa.create_engine(f"sqlite:///{home / 'shenbao.db'}")
    with engine.begin() as conn:
        make_database_of_3836971(conn)
    server = Server(server_env(home), "--no-worker")
    try:
        server.wait_ready()
        browser = Browser(server.base)
        assert browser.login("王芳", OLD_PASSWORD)[0] == 302
        status, _, html = browser.request("/submissions/")
    finally:
        server.stop()
    assert status == 200
    assert "甲公司" in html
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
