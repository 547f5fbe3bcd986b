"""`shenbao notice new`: a ready plugin package laid out like the built-in notices."""

from __future__ import annotations

import importlib
import sys
import tomllib
from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.core.errors import ExitCode
from shenbao.plugins.binding import BoundNotice
from shenbao.plugins.check import check_file
from shenbao.plugins.manager import PluginManager


@pytest.fixture
def package(tmp_path: Path, capsys: pytest.CaptureFixture) -> Path:
    root = tmp_path / "pkg"
    assert (
        main(
            [
                "notice",
                "new",
                "demo-2024-fund",
                "--name",
                '演示 "专项" 资金\\2024',
                "--dir",
                str(root),
                "--issuer",
                "某市经信局",
            ]
        )
        == 0
    )
    capsys.readouterr()
    return root


def test_layout(package: Path) -> None:
    module = package / "shenbao_notice_demo_2024_fund"
    for path in ("pyproject.toml", "README.md", "tests/test_golden.py", "samples/README.md"):
        assert (package / path).is_file(), path
    for path in ("__init__.py", "rules.py", "notice.toml"):
        assert (module / path).is_file(), path
    project = tomllib.loads((package / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["name"] == "shenbao-notice-demo-2024-fund"
    assert project["project"]["entry-points"]["shenbao"] == {"demo-2024-fund": "shenbao_notice_demo_2024_fund"}
    assert "shenbao_notice_demo_2024_fund" in project["tool"]["setuptools"]["package-data"]


def test_notice_file_is_valid_and_keeps_the_name(package: Path) -> None:
    notice, problems = check_file(package / "shenbao_notice_demo_2024_fund" / "notice.toml")
    assert problems == []
    assert notice is not None
    assert notice.id == "demo-2024-fund"
    assert notice.name == '演示 "专项" 资金\\2024'
    assert notice.issuer == "某市经信局"


def test_package_registers_through_the_plugin_manager(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(package))
    try:
        manager = PluginManager(modules=[("demo-2024-fund", "shenbao_notice_demo_2024_fund")])
        assert manager.problems == []
        notice = manager.notice("demo-2024-fund")
        assert notice.field_keys == ["applicant.name", "applicant.org_code"]
        assert manager.validate_submission(notice, {}, {}) == []  # rules.py is wired in
        module = importlib.import_module("shenbao_notice_demo_2024_fund")
        assert module.register_notices() == [BoundNotice(notice, None, tuple(module.RULES))]
        assert len(module.RULES) == 1  # bound like the built-ins: notice_registration(NOTICE, rules=RULES)
    finally:
        for name in [m for m in sys.modules if m.startswith("shenbao_notice_demo_2024_fund")]:
            del sys.modules[name]


def test_refuses_to_overwrite(package: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["notice", "new", "demo-2024-fund", "--name", "x", "--dir", str(package)]) == ExitCode.plugin
    assert "already exists (use --force to overwrite)" in capsys.readouterr().err
    assert main(["notice", "new", "demo-2024-fund", "--name", "x", "--dir", str(package), "--force"]) == 0


@pytest.mark.parametrize("bad", ["Demo", "2024-demo", "demo_2024", "demo--x", "中文"])
def test_bad_id_is_one_line(bad: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["notice", "new", bad, "--name", "x", "--dir", str(tmp_path / "p")]) == ExitCode.plugin
    err = capsys.readouterr().err
    assert err.startswith("shenbao: invalid notice id")
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "p").exists()
