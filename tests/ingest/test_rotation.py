"""Pages carrying /Rotate or /UserUnit read like the plain page (issue 15, part 2).

A born-digital packet shown sideways (``/Rotate 90``, text running down the page) used to
be read sideways and matched no notice; a page drawn turned and shown upright by /Rotate is
read as printed; a /UserUnit page gives its boxes in real points.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_builders import drawn_turned, shown_rotated, with_user_unit
from tests_support import builtin_notice_ids, text_samples

from shenbao.ingest.pipeline import ExtractionResult
from shenbao.plugins.extraction import extract


def first_sample(notice_id: str) -> Path:
    return next(p for p in text_samples() if p.parent.name == notice_id and "-dev-01." in p.name)


def same_reading(got: ExtractionResult, want: ExtractionResult, scale: float = 1.0) -> None:
    assert got.notice.id == want.notice.id
    assert got.values == want.values
    assert got.attachments == want.attachments
    assert [f.as_contract() for f in got.findings] == [f.as_contract() for f in want.findings]
    for key, field in want.fields.items():
        assert got.fields[key].page == field.page, key
        assert got.fields[key].bbox == pytest.approx([v * scale for v in field.bbox], abs=0.2), key


@pytest.mark.parametrize("notice_id", builtin_notice_ids())
def test_a_packet_shown_sideways_reads_like_the_upright_one(notice_id: str, tmp_path: Path, manager) -> None:
    src = first_sample(notice_id)
    rotated = shown_rotated(src, tmp_path / "rotated.pdf", 90)
    got = extract(rotated, manager=manager)
    same_reading(got, extract(src, manager=manager))
    assert {page.turns for page in got.document.pages} == {3}


@pytest.mark.parametrize("degrees", [180, 270])
def test_other_rotations_read_upright(degrees: int, tmp_path: Path, manager) -> None:
    src = first_sample("miit-2023-pilot")
    got = extract(shown_rotated(src, tmp_path / "rotated.pdf", degrees), manager=manager)
    same_reading(got, extract(src, manager=manager))
    assert {page.turns for page in got.document.pages} == {(360 - degrees) // 90}


def test_content_drawn_turned_and_shown_upright_needs_no_turn(tmp_path: Path, manager) -> None:
    src = first_sample("miit-2023-pilot")
    got = extract(drawn_turned(src, tmp_path / "turned.pdf"), manager=manager)
    same_reading(got, extract(src, manager=manager))
    assert {page.turns for page in got.document.pages} == {0}


def test_user_unit_scales_boxes_to_points(tmp_path: Path, manager) -> None:
    src = first_sample("miit-2023-pilot")
    got = extract(with_user_unit(src, tmp_path / "unit.pdf", 2), manager=manager)
    want = extract(src, manager=manager)
    same_reading(got, want, scale=2.0)
    assert got.document.pages[0].width == pytest.approx(2 * want.document.pages[0].width)
    assert {page.unit for page in got.document.pages} == {2.0}
