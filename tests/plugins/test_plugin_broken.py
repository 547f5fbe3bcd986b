"""A broken third-party plugin is reported by name at start-up and skipped; the built-in
notices keep working (through the Python API and through the CLI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests_support import builtin_notice_ids

from shenbao.plugins.manager import PluginManager

HERE = Path(__file__).resolve().parent
BUILT_IN = set(builtin_notice_ids())
FAKES = [
    ("fake-broken-import", "fake_broken_import"),
    ("fake-bad-fieldmap", "fake_bad_fieldmap"),
    ("fake-good", "fake_good_notice"),
]


@pytest.fixture
def manager(monkeypatch: pytest.MonkeyPatch) -> PluginManager:
    monkeypatch.syspath_prepend(str(HERE))
    return PluginManager(modules=FAKES)


def test_broken_plugins_are_named_and_skipped(manager: PluginManager) -> None:
    problems = {p.plugin: str(p) for p in manager.problems}
    assert set(problems) == {"fake-broken-import", "fake-bad-fieldmap"}
    assert "ModuleNotFoundError" in problems["fake-broken-import"]
    assert "shenbao_fake_dependency_that_is_not_installed" in problems["fake-broken-import"]
    bad = problems["fake-bad-fieldmap"]
    for expected in (
        "duplicate field key a.name",
        "unknown type 'dollars'",
        "a.kind: choice without options",
        "names unknown field a.total",
    ):
        assert expected in bad
    assert "fake-bad-fieldmap" not in manager.plugin_names()


def test_built_in_and_good_notices_keep_working(manager: PluginManager) -> None:
    assert BUILT_IN | {"fake-good"} == set(manager.notices)
    assert manager.notice("hunan-2023-platform").fields
    assert manager.validate_submission(manager.notice("fake-good"), {}, {}) == []


@pytest.fixture
def fake_install(tmp_path: Path) -> dict[str, str]:
    """The fakes as an installed distribution: a .dist-info with `shenbao` entry points on
    PYTHONPATH, which is all importlib.metadata needs to find them."""
    info = tmp_path / "shenbao_fake_plugins-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shenbao-fake-plugins\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[shenbao]\n" + "".join(f"{n} = {m}\n" for n, m in FAKES))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(HERE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def shenbao(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "shenbao", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_cli_reports_broken_plugins_and_lists_the_rest(fake_install: dict[str, str]) -> None:
    done = shenbao(fake_install, "notices")
    assert done.returncode == 0, done.stderr
    for notice_id in BUILT_IN | {"fake-good"}:
        assert notice_id in done.stdout
    assert "fake-bad-fieldmap" not in done.stdout
    warnings = done.stderr.strip().splitlines()
    assert any(w.startswith("warning: plugin fake-broken-import skipped: ModuleNotFoundError") for w in warnings)
    assert any(w.startswith("warning: plugin fake-bad-fieldmap skipped:") for w in warnings)
    assert "Traceback" not in done.stderr


def test_cli_check_names_every_problem_of_a_skipped_plugin(fake_install: dict[str, str]) -> None:
    done = shenbao(fake_install, "notice", "check", "fake-bad-fieldmap")
    assert done.returncode == 1
    for expected in (
        "error: duplicate field key a.name",
        "error: field a.money: unknown type 'dollars'",
        "error: field a.kind: choice without options",
        "error: rule r1: names unknown field a.total",
    ):
        assert expected in done.stdout, done.stdout
    broken = shenbao(fake_install, "notice", "check", "fake-broken-import")
    assert broken.returncode == 1
    assert "ModuleNotFoundError" in broken.stdout
    assert "Traceback" not in broken.stderr
    good = shenbao(fake_install, "notice", "check", "hunan-2023-platform")
    assert good.returncode == 0, good.stdout
