"""Where each field's label is printed, kept even when its value is missing (issue 13, part 3),
and texts as printed beside their normalized values (part 5)."""

from __future__ import annotations

from pathlib import Path

from shenbao.ingest.normalize import clean_text, printed_text
from shenbao.plugins.extraction import extract_packets

BLANK = Path(__file__).resolve().parents[2] / "samples" / "blanks" / "miit-2023-pilot.pdf"


def test_the_empty_form_has_every_label_and_no_value() -> None:
    result = extract_packets(str(BLANK))[0]
    notice = result.notice
    assert result.fields == {}
    assert set(result.labels) == set(notice.field_keys)
    page = next(p for p in result.document.pages if p.number == result.labels["project.name"].page)
    x0, y0, x1, y1 = result.labels["project.name"].bbox
    inside = [
        line.text
        for line in page.all_lines()
        if line.bbox[0] >= x0 - 1 and line.bbox[2] <= x1 + 1 and line.bbox[1] >= y0 - 1 and line.bbox[3] <= y1 + 1
    ]
    assert "".join(inside).replace(" ", "") == "项目名称"  # the box is the printed label's
    assert result.section_pages[notice.field("project.name").section] == [2]
    contract = result.as_contract()  # the `shenbao extract` JSON does not change
    assert set(contract) == {"file", "notice", "notice_confidence", "pages", "fields", "attachments", "findings"}


def test_text_as_printed() -> None:
    printed = "武汉市 （汉南区）  某公司"
    value = clean_text(printed)
    assert value == "武汉市(汉南区)某公司"  # compared and written to the JSON folded
    assert printed_text("text", printed, value) == "武汉市（汉南区）某公司"
    assert printed_text("text", "别的文字", value) is None  # a raw that is not this value
    assert printed_text("integer", "１８０", 180) is None
    # an underline's stub, half- or full-width, is no part of what the applicant wrote
    assert printed_text("text", "＿轻工", clean_text("＿轻工")) == "轻工"
