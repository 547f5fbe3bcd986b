"""Every hook is documented and tested, and built-in plugins load like third-party ones."""

from __future__ import annotations

import inspect
import re
import tomllib
import types
from pathlib import Path

import pytest

from shenbao.plugins import hookspecs
from shenbao.plugins.manager import PluginManager

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
HOOKS = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(fn, "shenbao_spec")]


def test_there_are_hooks() -> None:
    assert {"register_notices", "get_ocr_engine"} <= set(HOOKS)


@pytest.mark.parametrize("name", HOOKS)
def test_hook_is_documented(name: str) -> None:
    fn = getattr(hookspecs, name)
    doc = inspect.getdoc(fn) or ""
    assert "Called" in doc, f"{name}: say when it is called"
    assert "Returns" in doc, f"{name}: say what it returns"
    family = "firstresult" if fn.shenbao_spec["firstresult"] else "Collected"
    assert family.lower() in doc.lower(), f"{name}: say whether it is firstresult or collected"
    prefix = name.split("_")[0]
    assert prefix in ("register", "get"), f"{name}: use a register_/get_ name"
    assert (prefix == "get") == bool(fn.shenbao_spec["firstresult"]), f"{name}: get_* hooks are firstresult"
    body = [line for line in inspect.getsource(fn).splitlines() if line.strip()]
    assert body[-1].strip().endswith('"""'), f"{name}: the spec body must be empty"


@pytest.mark.parametrize("name", HOOKS)
def test_hook_has_a_test(name: str) -> None:
    pattern = re.compile(rf"\b{name}\b")
    users = [p for p in TESTS.rglob("test_*.py") if p.name != "test_hookspecs.py" and pattern.search(p.read_text())]
    assert users, f"no test exercises the hook {name}"


def test_builtins_are_entry_points() -> None:
    """Every notice folder under plugins/ is an entry point, found like a third-party one."""
    entry_points = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["shenbao"]
    folders = sorted(p.parent.name for p in (ROOT / "plugins").glob("*/notice.toml"))
    assert folders
    for package in folders:
        assert f"shenbao.plugins.{package}" in entry_points.values()


def test_register_notices_collects_every_builtin(manager) -> None:
    """Each notice folder's notice is registered, by the shenbao distribution, from that folder."""
    builtins = {n.id: n for n in manager.notices.values() if n.package == "shenbao"}
    folders = {p.parent.name for p in (ROOT / "plugins").glob("*/notice.toml")}
    assert {Path(n.source).parent.name for n in builtins.values()} == folders
    for notice_id in builtins:
        assert manager.notice_module(notice_id).rsplit(".", 1)[-1] in folders


def test_code_is_called_only_for_the_notice_it_is_bound_to(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule and a 汇总表 builder bound to ``fake-good`` never run for another notice."""
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    manager = PluginManager(modules=[("fake-good", "fake_good_notice")])
    fake, other = manager.notice("fake-good"), manager.notice("wuhan-fund-2022")
    long_name = {"applicant.name": "A very long company name"}
    assert [f.ident for f in manager.validate_submission(fake, long_name, {})] == ["rule:fake.name_long"]
    assert manager.validate_submission(fake, {"applicant.name": "short"}, {}) == []
    assert manager.validate_submission(other, long_name, {}) == []  # wuhan binds no code rule
    table = manager.summary_table(fake, [long_name])
    assert table is not None
    assert table.rows == [[1, "A very long company name"]]
    wuhan = manager.summary_table(other, [long_name])
    assert wuhan is not None
    assert wuhan.sheet_name == "拟支持项目名单"


def test_a_plain_notice_is_a_notice_without_code() -> None:
    from shenbao.core.notice import notice_from_dict
    from shenbao.plugins import hookimpl

    plugin = types.ModuleType("plain_notice")
    plain = notice_from_dict({"notice": {"id": "plain"}, "fields": []}, "plain")
    plugin.register_notices = hookimpl(lambda: [plain])  # type: ignore[attr-defined]
    manager = PluginManager(modules=[("plain", plugin)])
    assert manager.notice("plain") is plain
    assert manager.summary_table(plain, [{}]) is None
    assert manager.validate_submission(plain, {}, {}) == []
