"""Attachments are the pages that say so, not "any trailing pages" (issue 15, part 4)."""

from __future__ import annotations

from pathlib import Path

from pdf_builders import stack
from tests_support import SAMPLES, write_text_pdf

from shenbao.plugins.extraction import extract

PILOT = SAMPLES / "miit-2023-pilot" / "miit-2023-pilot-dev-03.pdf"  # the form, then 附件1 on page 4
WUHAN = SAMPLES / "wuhan-fund-2022" / "wuhan-fund-2022-dev-01.pdf"  # 简表 on pages 3-4


def test_a_page_that_says_nothing_is_no_attachments_evidence(tmp_path: Path, manager) -> None:
    stray = write_text_pdf(tmp_path / "stray.pdf", ["Minutes of the canteen committee, 12 May"])
    result = extract(stack([PILOT, stray], tmp_path / "packet.pdf"), manager=manager)
    assert result.attachments["video_evidence"] == [4]
    loose = [f for f in result.findings if f.code == "unassigned_pages"]
    assert [f.message for f in loose] == ["第 5 页无法归入任何附件"]


def test_pages_that_belong_somewhere_give_no_finding(manager) -> None:
    result = extract(WUHAN, manager=manager)
    assert result.attachments["project_summary_table"] == [3, 4]  # the form's table runs on
    assert not [f for f in result.findings if f.code == "unassigned_pages"]


def test_a_catch_all_attachment_takes_the_pages_after_it(tmp_path: Path, manager) -> None:
    """附件6 "财务报表等其他相关材料" of the MIIT 2022 notice: the licence page after it is its."""
    sample = SAMPLES / "miit-2022-shuangkua" / "miit-2022-shuangkua-dev-01.pdf"
    result = extract(sample, manager=manager)
    assert result.attachments["financial_statements"] == [15, 16]
    assert not [f for f in result.findings if f.code == "unassigned_pages"]
