"""A sheet-feeder stack of scanned packets is split like a born-digital one (issue 15, part 3).

OCR is slow: one short stack of three short scans (13 pages), two of them of the same
notice, read once for the module.
"""

from __future__ import annotations

import pytest
from pdf_builders import page_count, stack
from tests_support import SAMPLES, truth_of

from shenbao.plugins.extraction import extract_packets

pytestmark = pytest.mark.slow

PILOT = SAMPLES / "miit-2023-pilot" / "miit-2023-pilot-dev-03.scan.pdf"  # 4 pages
WUHAN = SAMPLES / "wuhan-fund-2022" / "wuhan-fund-2022-dev-02.scan.pdf"  # 5 pages
SCANS = [PILOT, WUHAN, PILOT]


@pytest.fixture(scope="module")
def results(manager, tmp_path_factory):
    path = stack(SCANS, tmp_path_factory.mktemp("scan-stack") / "stack.scan.pdf")
    return extract_packets(path, manager=manager)


def test_three_scanned_packets_are_three_submissions(results) -> None:
    assert [r.notice.id for r in results] == [truth_of(p)["notice"] for p in SCANS]
    ends = [sum(page_count(p) for p in SCANS[: i + 1]) for i in range(len(SCANS))]
    assert [r.page_range for r in results] == [(1, ends[0]), (ends[0] + 1, ends[1]), (ends[1] + 1, ends[2])]


def test_each_scanned_packet_has_its_own_applicant(results) -> None:
    for result, scan in zip(results, SCANS, strict=True):
        assert result.values.get("applicant.name") == truth_of(scan)["fields"]["applicant.name"]
        assert all(f.source == "ocr" for f in result.fields.values())
    assert not [f for r in results for f in r.findings if f.code == "packet_split"]
