"""A blank form is recognised as its notice and yields no values at all (precision)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import builtin_notice_ids

from shenbao.plugins.extraction import extract

BLANKS = Path(__file__).resolve().parents[2] / "samples" / "blanks"
NOTICES = builtin_notice_ids()


@pytest.mark.parametrize("notice_id", NOTICES)
def test_blank_form_has_no_values(notice_id: str, manager) -> None:
    pdf = BLANKS / f"{notice_id}.pdf"
    if not pdf.exists():
        pytest.skip("blank forms are not in samples/blanks")
    result = extract(pdf, manager=manager)
    assert result.notice.id == notice_id
    assert result.fields == {}
    required = {f.key for f in result.notice.fields if f.required}
    assert {f.key for f in result.findings if f.code == "missing_field"} >= required


@pytest.mark.parametrize("notice_id", NOTICES)
def test_blank_word_template_has_no_values(notice_id: str, manager) -> None:
    """The blank .docx read directly: its notice, no values (underlined blanks are no values)."""
    path = BLANKS / f"{notice_id}.docx"
    if not path.exists():
        pytest.skip("blank forms are not in samples/blanks")
    result = extract(path, manager=manager)
    assert result.notice.id == notice_id
    assert result.fields == {}
