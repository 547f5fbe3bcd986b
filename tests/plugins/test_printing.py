"""Terminal tables line up when cells hold Chinese (two cells wide) and Latin text."""

from __future__ import annotations

from shenbao.plugins.printing import display_width, print_table


def test_a_chinese_character_is_two_cells_wide():
    assert display_width("申报") == 4
    assert display_width("ab１") == 4  # a full-width digit too
    assert display_width("") == 0


def test_columns_line_up_across_scripts(capsys):
    print_table([("key", "label"), ("applicant.name", "单位名称"), ("x", "联系人")])
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["key             label", "applicant.name  单位名称", "x               联系人"]
