"""Word submissions of every built-in notice, generated from the blank .docx templates with
exact truth (the variant generator, both halves of the variation classes), typed ticks and
Word's own form furniture (checkbox content controls, Wingdings symbols, FORMCHECKBOX fields,
underlined blanks, rendered page breaks: :mod:`shenbao.plugins.authoring.variants.wordforms`).

Read directly, each .docx must give the truth's values, attachments and findings; rendered to
PDF by LibreOffice (when installed) and extracted, the PDF must not do better than the .docx.
Generated once per module (about 0.1 s a document; LibreOffice about 1 s a document).
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from tests_support import builtin_notice_ids, values_match

from shenbao.ingest.pipeline import ExtractionResult
from shenbao.plugins.authoring.variants import render
from shenbao.plugins.authoring.variants.classes import CLASSES
from shenbao.plugins.authoring.variants.generate import build, fillers, write
from shenbao.plugins.authoring.variants.wordforms import word_forms
from shenbao.plugins.extraction import extract

BLANKS = Path(__file__).resolve().parents[2].parent / "shared" / "blanks"
SEED = 15
# (variation-class half, Word checkbox furniture): typed glyphs, then each kind of Word box
KINDS = ((0, None), (1, "control"), (0, "symbol"), (1, "field"))
MIN_F1 = 0.97  # per document (measured 1.000 for every document on 2026-12-03)
NOTICES = builtin_notice_ids()


def _classes(half: int) -> frozenset[str]:
    return frozenset(c for j, c in enumerate(CLASSES) if j % 2 == half)


@pytest.fixture(scope="module")
def docs(tmp_path_factory, manager) -> dict[str, list[Path]]:
    if not BLANKS.is_dir():
        pytest.skip(f"no blank templates at {BLANKS}")
    out = tmp_path_factory.mktemp("docx")
    made: dict[str, list[Path]] = {}
    for notice_id, filler in fillers(manager).items():
        if notice_id not in NOTICES:
            continue
        for i, (half, style) in enumerate(KINDS):
            variant = build(manager, notice_id, filler, BLANKS, i + 1, SEED, _classes(half))
            if style is not None:
                word_forms(variant.doc.d, random.Random(i), style)
            made.setdefault(notice_id, []).append(write(variant, out / notice_id))
    return made


@pytest.fixture(scope="module")
def pdfs(docs) -> dict[str, list[Path]]:
    """The same documents as LibreOffice prints them (one soffice run for all)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    render.convert([p for paths in docs.values() for p in paths])
    return {nid: [p.with_suffix(".pdf") for p in paths] for nid, paths in docs.items()}


def _truth(path: Path) -> dict:
    return json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))


def field_f1(path: Path, manager) -> tuple[float, dict, ExtractionResult]:
    truth = _truth(path)
    result = extract(path, manager=manager)
    notice = manager.notice(truth["notice"])
    got = {k: f.value for k, f in result.fields.items()}
    want = truth["fields"]
    ok = {k for k, v in got.items() if k in want and values_match(notice.field(k).type, want[k], v)}
    p = len(ok) / len(got) if got else 0.0
    r = len(ok) / len(want) if want else 1.0
    misses = {k: (got.get(k), want.get(k)) for k in (set(got) | set(want)) - ok}
    return (2 * p * r / (p + r) if p + r else 0.0), misses, result


@pytest.mark.parametrize("notice_id", NOTICES)
def test_docx_gives_the_truth(notice_id: str, docs, manager) -> None:
    for path in docs[notice_id]:
        f1, misses, result = field_f1(path, manager)
        truth = _truth(path)
        assert result.notice.id == notice_id, path.name
        assert f1 >= MIN_F1, f"{path.name}: field F1 {f1:.3f}; misses {sorted(misses.items())[:8]}"
        assert result.present == truth["attachments"], path.name
        assert sorted(f.ident for f in result.findings) == truth["findings"], path.name


@pytest.mark.parametrize("notice_id", NOTICES)
def test_docx_reads_at_least_as_well_as_its_pdf(notice_id: str, docs, pdfs, manager) -> None:
    for docx_path, pdf_path in zip(docs[notice_id], pdfs[notice_id], strict=True):
        docx_f1, _, _ = field_f1(docx_path, manager)
        pdf_f1, _pdf_misses, _ = field_f1(pdf_path, manager)
        assert docx_f1 >= pdf_f1, f"{docx_path.name}: .docx {docx_f1:.3f} < PDF {pdf_f1:.3f}"
