"""Scanned submissions through the real OCR engine (bundled PP-OCRv6 small models).

One scan per notice keeps CI time reasonable; ``bench/bench_extract.py --kind scan`` runs all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import scan_samples, truth_of
from tests_support import values_match as values_equal

from shenbao.plugins.extraction import extract

SCANS = [p for p in scan_samples() if "-dev-01." in p.name]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(manager):
    return {pdf.name: extract(pdf, manager=manager) for pdf in SCANS}


@pytest.mark.parametrize("pdf", SCANS, ids=lambda p: p.stem)
def test_scan_fields_match_truth(pdf: Path, results) -> None:
    truth = truth_of(pdf)
    result = results[pdf.name]
    assert result.notice.id == truth["notice"]
    types = {f.key: f.type for f in result.notice.fields}
    correct = sum(
        1
        for k, f in result.fields.items()
        if k in truth["fields"] and values_equal(types[k], truth["fields"][k], f.value)
    )
    precision = correct / max(len(result.fields), 1)
    recall = correct / max(len(truth["fields"]), 1)
    assert precision >= 0.95, (precision, recall)
    assert recall >= 0.93, (precision, recall)
    assert all(f.source == "ocr" for f in result.fields.values())


@pytest.mark.parametrize("pdf", SCANS, ids=lambda p: p.stem)
def test_scan_attachments_and_confident_fields(pdf: Path, results) -> None:
    truth = truth_of(pdf)
    result = results[pdf.name]
    assert result.present == truth["attachments"]
    types = {f.key: f.type for f in result.notice.fields}
    sure = [(k, f) for k, f in result.fields.items() if f.confidence >= 0.95]
    wrong = [k for k, f in sure if k not in truth["fields"] or not values_equal(types[k], truth["fields"][k], f.value)]
    assert not wrong, f"auto-accepted but wrong: {wrong}"


@pytest.mark.parametrize("pdf", SCANS, ids=lambda p: p.stem)
def test_pages_opening_evidence_are_skimmed(pdf: Path, results) -> None:
    """Each evidence attachment's first page is OCR'd for its heading only, and every skimmed
    page is some attachment's evidence (a licence after 附件6 is skimmed before the notice is
    known, as another notice's 营业执照)."""
    result = results[pdf.name]
    evidence = [a.key for a in result.notice.attachments if a.evidence]
    openings = {result.attachments[key][0] for key in evidence if result.attachments[key]}
    skimmed = {page.number for page in result.document.pages if page.skimmed}
    assert openings <= skimmed
    assert skimmed <= {n for pages in result.attachments.values() for n in pages}
