"""`shenbao notice check`: every problem of a notice at once; non-zero exit on errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import builtin_notice_ids

from shenbao.cli import main
from shenbao.core.errors import ExitCode
from shenbao.core.notice import load_notice
from shenbao.plugins.check import check_file, check_notice

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"

BAD = """
[notice]
id = "bad-notice"
name = "坏通知"

[[fields]]
key = "a.name"
label = "单位名称"
section = "一、基本信息"
type = "text"

[[fields]]
key = "a.name"
label = "统一社会信用代码"
section = "一、基本信息"
type = "org_code"

[[fields]]
key = "a.kind"
label = "类别"
section = "一、基本信息"
type = "choice"

[[fields]]
key = "a.money"
label = "金额"
section = "一、基本信息"
type = "money"

[[fields]]
key = "a.blank"
label = " "
section = "一、基本信息"
type = "text"
required = true

[[fields]]
key = "contact.name"
label = "姓名"
section = "一、基本信息"
type = "text"

[[fields]]
key = "leader.name"
label = "姓名"
section = "一、基本信息"
type = "text"
lables = ["负责人姓名"]

[[rules]]
key = "r.sum"
kind = "sum"
total = "a.total"
parts = ["a.money", "a.other"]
message = "合计不符"

[[rules]]
key = "r.formula"
kind = "formula"
check = "{a.money} <= {a.cap}"
message = "超过上限"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notice.toml"
    path.write_text(text, "utf-8")
    return path


def test_every_problem_is_reported_at_once(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(["notice", "check", str(write(tmp_path, BAD))])
    out = capsys.readouterr().out
    assert code == 1
    for expected in (
        "error: duplicate field key a.name",
        "error: field a.kind: choice without options",
        "error: field a.money: unknown type 'money'",
        "error: field a.blank: required but has no label",
        "error: rule r.sum: names unknown field a.total",
        "error: rule r.sum: names unknown field a.other",
        "error: rule r.formula: names unknown field a.cap",
        "warning: fields contact.name and leader.name share the label '姓名' in section '一、基本信息' "
        "without a context to tell them apart",
        "warning: field leader.name: unknown key 'lables'",
    ):
        assert expected in out, out
    assert "7 errors" in out.splitlines()[-1]


def test_a_context_tells_repeated_labels_apart(tmp_path: Path) -> None:
    fixed = BAD.replace('key = "leader.name"\n', 'key = "leader.name"\ncontext = "负责人"\n')
    _, problems = check_file(write(tmp_path, fixed))
    assert not any("share the label" in str(p) for p in problems)


def test_warnings_alone_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    text = BAD.split('[[fields]]\nkey = "contact.name"')[0].replace(
        '[[fields]]\nkey = "a.name"\nlabel = "统一', '[[fields]]\nkey = "a.code"\nlabel = "统一'
    )
    text = text.replace('type = "choice"', 'type = "choice"\noptions = ["甲", "乙"]').replace('"money"', '"money_wan"')
    text = text.replace("required = true", "required = false")
    assert main(["notice", "check", str(write(tmp_path, text))]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_unreadable_file_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["notice", "check", str(write(tmp_path, "[notice\nid = 1"))]) == 1
    out = capsys.readouterr().out
    assert "error:" in out
    assert "invalid TOML" in out


@pytest.mark.parametrize("notice_id", builtin_notice_ids())
def test_built_in_notices_pass(notice_id: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["notice", "check", notice_id]) == 0, capsys.readouterr().out


def test_unknown_id_is_one_line(capsys: pytest.CaptureFixture) -> None:
    assert main(["notice", "check", "no-such-notice"]) == ExitCode.unknown_notice
    err = capsys.readouterr().err
    assert err.startswith("shenbao: unknown notice id 'no-such-notice'")
    assert len(err.splitlines()) == 1


def test_manager_view_is_errors_only() -> None:
    notice = load_notice(PLUGINS / "hunan_2023_platform" / "notice.toml")
    assert check_notice(notice, errors_only=True) == []
