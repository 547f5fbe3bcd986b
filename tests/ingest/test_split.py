"""A stack of packets in one born-digital file is split into submissions (issue 15, part 3).

Stacks are the shared samples one after another, as a sheet feeder or a "print all" makes
them; each packet must read as it reads alone, with its pages numbered as in the file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_builders import page_count, pages_of, stack
from tests_support import SAMPLES, text_samples

from shenbao.core.notice import Notice
from shenbao.ingest.document import Line, Page
from shenbao.ingest.pipeline import ExtractionResult
from shenbao.ingest.reader import read_document
from shenbao.ingest.split import page_kind, split_document
from shenbao.plugins.extraction import extract, extract_packets
from shenbao.plugins.manager import get_manager

PILOT = SAMPLES / "miit-2023-pilot" / "miit-2023-pilot-dev-03.pdf"  # 4 pages
HUNAN = SAMPLES / "hunan-2023-platform" / "hunan-2023-platform-dev-03.pdf"  # 12 pages
WUHAN_1 = SAMPLES / "wuhan-fund-2022" / "wuhan-fund-2022-dev-01.pdf"
WUHAN_2 = SAMPLES / "wuhan-fund-2022" / "wuhan-fund-2022-dev-02.pdf"
SHUANGKUA = SAMPLES / "miit-2022-shuangkua" / "miit-2022-shuangkua-wild-02.pdf"
NOTICES = list(get_manager().notices.values())


def no_ocr() -> None:
    raise AssertionError("born-digital stacks need no OCR")


def reads_like_alone(packet: ExtractionResult, alone: ExtractionResult, offset: int) -> None:
    """Same notice, values, attachments and findings; pages shifted by the pages before it."""
    assert packet.notice.id == alone.notice.id
    assert packet.values == alone.values
    assert {k: f.page for k, f in packet.fields.items()} == {k: f.page + offset for k, f in alone.fields.items()}
    assert packet.attachments == {k: [p + offset for p in pages] for k, pages in alone.attachments.items()}
    assert [f.ident for f in packet.findings] == [f.ident for f in alone.findings]


def check_stack(sources: list[Path], tmp_path: Path, manager) -> list[ExtractionResult]:
    results = extract_packets(stack(sources, tmp_path / "stack.pdf"), manager=manager)
    assert len(results) == len(sources)
    offset = 0
    for result, src in zip(results, sources, strict=True):
        pages = page_count(src)
        assert result.page_range == (offset + 1, offset + pages)
        reads_like_alone(result, extract(src, manager=manager), offset)
        offset += pages
    return results


def test_a_pilot_packet_then_a_hunan_packet_are_two_submissions(tmp_path: Path, manager) -> None:
    results = check_stack([PILOT, HUNAN], tmp_path, manager)
    assert [r.page_range for r in results] == [(1, 4), (5, 16)]
    assert [r.notice.id for r in results] == ["miit-2023-pilot", "hunan-2023-platform"]
    assert results[0].attachments["video_evidence"] == [4]  # not the Hunan packet's 12 pages


def test_three_packets_two_of_the_same_notice(tmp_path: Path, manager) -> None:
    results = check_stack([WUHAN_1, WUHAN_2, SHUANGKUA], tmp_path, manager)
    assert [r.notice.id for r in results] == ["wuhan-fund-2022", "wuhan-fund-2022", "miit-2022-shuangkua"]
    assert results[0].values["applicant.name"] != results[1].values["applicant.name"]


def test_the_same_packet_twice_is_two_submissions(tmp_path: Path, manager) -> None:
    check_stack([PILOT, PILOT], tmp_path, manager)


@pytest.mark.parametrize("pdf", text_samples(), ids=lambda p: p.stem)
def test_every_sample_is_one_packet(pdf: Path, manager) -> None:
    packets = split_document(read_document(pdf, no_ocr), list(manager.notices.values()))  # type: ignore[arg-type]
    assert [(p.first, p.last, p.findings) for p in packets] == [(1, page_count(pdf), ())]


def test_a_restarting_attachment_sequence_is_an_uncertain_split(tmp_path: Path, manager) -> None:
    """Hunan's attachments 1-6 after the whole Hunan packet: a second packet whose cover and
    form are missing. It is split off, and the split is reported as uncertain."""
    tail = pages_of(HUNAN, tmp_path / "tail.pdf", 7, 12)
    results = extract_packets(stack([HUNAN, tail], tmp_path / "stack.pdf"), manager=manager)
    notes = [f.message for r in results for f in r.findings if f.code == "packet_split"]
    assert any("第 13 页起附件编号重新从 1 开始" in note for note in notes), notes
    covered = sorted(p for r in results for p in range((r.page_range or (1, 18))[0], (r.page_range or (1, 18))[1] + 1))
    assert covered == list(range(1, 19))  # nothing dropped, whether or not the tail matched a notice


def test_another_applicants_credit_code_is_reported_not_split(tmp_path: Path, manager) -> None:
    """Hunan pages 8-12 (attachments 2-6, its tax proof with its credit code) after a pilot
    packet: no cover, no form, no restart; the foreign code is a finding on the one packet."""
    tail = pages_of(HUNAN, tmp_path / "tail.pdf", 8, 12)
    results = extract_packets(stack([PILOT, tail], tmp_path / "stack.pdf"), manager=manager)
    assert len(results) == 1
    notes = [f.message for f in results[0].findings if f.code == "packet_split"]
    assert any("统一社会信用代码" in note and "第 9 页" in note for note in notes), notes


def test_split_points_set_by_hand(tmp_path: Path, manager) -> None:
    path = stack([PILOT, HUNAN], tmp_path / "stack.pdf")
    moved = extract_packets(path, manager=manager, first_pages=[5])
    assert [(r.notice.id, r.page_range) for r in moved] == [
        ("miit-2023-pilot", (1, 4)),
        ("hunan-2023-platform", (5, 16)),
    ]
    whole = extract_packets(path, manager=manager, first_pages=[])
    assert [r.page_range for r in whole] == [(1, 16)]


def run_extract(path: Path) -> object:
    proc = subprocess.run(
        [sys.executable, "-m", "shenbao", "extract", str(path)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_cli_prints_an_array_for_a_stack_and_one_object_for_one_packet(tmp_path: Path) -> None:
    contracts = run_extract(stack([PILOT, HUNAN], tmp_path / "stack.pdf"))
    assert isinstance(contracts, list)
    assert [(c["notice"], c["page_range"], c["pages"]) for c in contracts] == [
        ("miit-2023-pilot", [1, 4], 4),
        ("hunan-2023-platform", [5, 16], 12),
    ]
    single = run_extract(PILOT)
    assert isinstance(single, dict)
    assert "page_range" not in single


def _page(*texts: str) -> Page:
    lines = [Line(text, (72.0, 72.0 + 20 * i, 500.0, 86.0 + 20 * i), 3) for i, text in enumerate(texts)]
    return Page(3, 595.0, 842.0, "text", lines)


@pytest.mark.parametrize("notice", NOTICES, ids=lambda n: n.id)
def test_a_cover_prints_the_form_title(notice: Notice) -> None:
    assert page_kind(_page(notice.form_title, "申报单位（盖章）：某某有限公司"), NOTICES) == "cover"
    assert page_kind(_page("编号：", notice.form_title), NOTICES) == "cover"
    assert page_kind(_page("·" + notice.form_title), NOTICES) == "cover"  # a speck read before it
    half = len(notice.form_title) // 2  # a title run over two lines
    assert page_kind(_page(notice.form_title[:half], notice.form_title[half:]), NOTICES) == "cover"


@pytest.mark.parametrize("notice", NOTICES, ids=lambda n: n.id)
def test_a_page_naming_the_programme_in_a_sentence_is_no_cover(notice: Notice) -> None:
    """The recommending unit's opinion, out of its table on a page of its own (an unseen
    variant of 双跨 was split into two packets there, its text PDF and its scan alike)."""
    opinion = "同意推荐该单位申报" + notice.form_title.removesuffix("申报书") + "。"
    assert page_kind(_page(opinion, "推荐单位", "推荐单位公章：", "2022年3月21日"), NOTICES) == "other"
    wrapped = ("我单位申报", notice.form_title + "。")  # the sentence run over two lines
    assert page_kind(_page(*wrapped, "推荐单位公章："), NOTICES) == "other"
