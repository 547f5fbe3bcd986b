"""Each built-in plugin's field map uses exactly the shared catalog's keys, types and rules."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from tests_support import builtin_notice_ids

from shenbao.plugins.check import check_notice
from shenbao.plugins.manager import get_manager

ROOT = Path(__file__).resolve().parents[2]
SHARED_CATALOG = ROOT.parent / "shared" / "catalog"
NOTICES = builtin_notice_ids()
FIELD_KEYS = ("key", "label", "section", "type", "required", "unit", "options", "parent")


def plugin_toml(notice_id: str) -> dict:
    return tomllib.loads(Path(get_manager().notice(notice_id).source).read_text())


def catalog(notice_id: str) -> dict:
    path = SHARED_CATALOG / f"{notice_id}.toml"
    if not path.exists():
        pytest.skip("../shared/catalog is not beside this checkout")
    return tomllib.loads(path.read_text())


@pytest.mark.parametrize("notice_id", NOTICES)
def test_fields_match_catalog(notice_id: str) -> None:
    mine, theirs = plugin_toml(notice_id), catalog(notice_id)
    assert mine["notice"] == theirs["notice"]
    strip = lambda f: {k: f.get(k) for k in FIELD_KEYS}  # noqa: E731 - the catalog's own keys only
    assert [strip(f) for f in mine["fields"]] == [strip(f) for f in theirs["fields"]]


@pytest.mark.parametrize("notice_id", NOTICES)
def test_attachments_and_rules_match_catalog(notice_id: str) -> None:
    mine, theirs = plugin_toml(notice_id), catalog(notice_id)
    assert [(a["key"], a["label"], a["required"]) for a in mine["attachments"]] == [
        (a["key"], a["label"], a["required"]) for a in theirs["attachments"]
    ]
    assert mine["rules"] == theirs["rules"]


@pytest.mark.parametrize("notice_id", NOTICES)
def test_plugin_has_no_definition_errors(notice_id: str, manager) -> None:
    assert check_notice(manager.notice(notice_id), errors_only=True) == []
