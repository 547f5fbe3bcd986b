"""Every hook is documented and tested, and built-in plugins load like third-party ones."""

from __future__ import annotations

import inspect
import re
import tomllib
from pathlib import Path

import pytest

from shenbao.plugins import hookspecs
from shenbao.plugins.manager import PluginManager

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
HOOKS = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(fn, "shenbao_spec")]


def test_there_are_hooks() -> None:
    assert {"register_notices", "get_ocr_engine", "validate_submission"} <= set(HOOKS)


@pytest.mark.parametrize("name", HOOKS)
def test_hook_is_documented(name: str) -> None:
    fn = getattr(hookspecs, name)
    doc = inspect.getdoc(fn) or ""
    assert "Called" in doc, f"{name}: say when it is called"
    assert "Returns" in doc, f"{name}: say what it returns"
    family = "firstresult" if fn.shenbao_spec["firstresult"] else "Collected"
    assert family.lower() in doc.lower(), f"{name}: say whether it is firstresult or collected"
    prefix = name.split("_")[0]
    assert prefix in ("register", "get", "validate"), f"{name}: use a register_/get_/validate_ name"
    assert (prefix == "get") == bool(fn.shenbao_spec["firstresult"]), f"{name}: get_* hooks are firstresult"
    body = [line for line in inspect.getsource(fn).splitlines() if line.strip()]
    assert body[-1].strip().endswith('"""'), f"{name}: the spec body must be empty"


@pytest.mark.parametrize("name", HOOKS)
def test_hook_has_a_test(name: str) -> None:
    pattern = re.compile(rf"\b{name}\b")
    users = [p for p in TESTS.rglob("test_*.py") if p.name != "test_hookspecs.py" and pattern.search(p.read_text())]
    assert users, f"no test exercises the hook {name}"


def test_builtins_are_entry_points() -> None:
    entry_points = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["shenbao"]
    for package in ("miit_2022_shuangkua", "wuhan_fund_2022", "hunan_2023_platform", "miit_2023_pilot"):
        assert f"shenbao.plugins.{package}" in entry_points.values()


def test_register_notices_collects_every_builtin(manager) -> None:
    assert set(manager.notices) >= {"miit-2022-shuangkua", "wuhan-fund-2022", "hunan-2023-platform", "miit-2023-pilot"}
    assert all(n.package == "shenbao" for n in manager.notices.values() if n.id.startswith(("miit", "wuhan", "hunan")))


def test_validate_submission_collects_plugin_findings() -> None:
    import types

    from shenbao.core.findings import Finding
    from shenbao.plugins import hookimpl

    plugin = types.ModuleType("extra_rules")

    @hookimpl
    def validate_submission(notice, fields, attachments):
        return [Finding("rule", "extra.check", "warning", f"{notice.id} {len(fields)}")]

    plugin.validate_submission = validate_submission  # type: ignore[attr-defined]
    manager = PluginManager(modules=[("extra_rules", plugin)])
    notice = manager.notice("wuhan-fund-2022")
    found = manager.validate_submission(notice, {"a": 1}, {})
    assert [f.ident for f in found] == ["rule:extra.check"]
