"""Attachments are the pages that say so, not "any trailing pages" (issue 15, part 4)."""

from __future__ import annotations

from pathlib import Path

from page_builders import line, page
from pdf_builders import stack
from tests_support import SAMPLES, write_text_pdf

from shenbao.ingest.attachments import scan_attachments
from shenbao.ingest.document import Document
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


def test_no_entry_of_a_table_of_contents_starts_an_attachment(manager) -> None:
    """A scan's 目录 may lose the numbering of some entries (OCR dropped 一、 and 二、 here), so
    they no longer read as one list: a page titled 目录 starts nothing, however it is numbered."""
    notice = manager.notice("wuhan-fund-2022")
    texts = ["目  录", "申报项目简表", "申报主体营业执照", "三、申报材料、项目真实性承诺函"]
    contents = page([line(t, 90, 70 + 24 * i, 2, "ocr") for i, t in enumerate(texts)], number=2, kind="ocr")
    letter = page([line("四、申报材料、项目真实性承诺函", 70, 70, 3, "ocr")], number=3, kind="ocr")
    pages, starts = scan_attachments(Document("x.pdf", [contents, letter]), notice)
    assert starts == [(3, 0.0)]
    assert pages["commitment_letter"] == [3]
    assert pages["business_license"] == []
