"""Golden variants: the fixed generated documents under ``samples/<notice>/variants/`` (every
variation class of issue 10, 2 text PDFs + 1 scan per notice, made by
``python bench/variants.py --golden``) are read with the notice detected and a field F1 per
document of at least the floor below. The floors are the measured values minus about 0.03; raise
them as extraction improves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import SAMPLES, values_match

from shenbao.plugins.extraction import extract
from shenbao.plugins.manager import get_manager

MIN_F1 = 0.97  # text PDFs, per document (measured minimum 1.000 on 2026-12-02, after issue 10)
MIN_F1_SCAN = 0.87  # scans, per document (measured minimum 0.898 on 2026-12-02)
NOTICES = sorted(get_manager().notices)


def variants(notice_id: str, scans: bool) -> list[Path]:
    pdfs = sorted((SAMPLES / notice_id / "variants").glob("*.pdf"))
    return [p for p in pdfs if p.name.endswith(".scan.pdf") == scans]


def field_f1(pdf: Path, manager) -> tuple[str, float, dict]:
    """(detected notice, field F1 against the truth, the misses) of one document."""
    truth = json.loads(pdf.with_name(pdf.name[: -len(".pdf")] + ".truth.json").read_text(encoding="utf-8"))
    result = extract(pdf, manager=manager)
    notice = manager.notice(truth["notice"])
    got = {k: f.value for k, f in result.fields.items()}
    want = truth["fields"]
    tp = sum(k in want and values_match(notice.field(k).type, want[k], v) for k, v in got.items())
    p = tp / len(got) if got else 0.0
    r = tp / len(want) if want else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    misses = {
        k: (got.get(k), want.get(k))
        for k in set(got) | set(want)
        if not (k in got and k in want and values_match(notice.field(k).type, want[k], got[k]))
    }
    return result.notice.id, f1, misses


def _check(notice_id: str, manager, scans: bool, floor: float) -> None:
    docs = variants(notice_id, scans)
    if not docs:
        pytest.skip(f"no golden variants for {notice_id}")
    for pdf in docs:
        detected, f1, misses = field_f1(pdf, manager)
        assert detected == notice_id, f"{pdf.name}: detected {detected}"
        assert f1 >= floor, f"{pdf.name}: field F1 {f1:.3f} < {floor}; misses: {sorted(misses.items())[:12]}"


@pytest.mark.parametrize("notice_id", NOTICES)
def test_text_variants(notice_id: str, manager) -> None:
    _check(notice_id, manager, scans=False, floor=MIN_F1)


@pytest.mark.slow
@pytest.mark.parametrize("notice_id", NOTICES)
def test_scan_variants(notice_id: str, manager) -> None:
    _check(notice_id, manager, scans=True, floor=MIN_F1_SCAN)
