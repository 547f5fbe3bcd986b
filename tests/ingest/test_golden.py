"""Golden tests: each born-digital dev sample against its expected output and the truth.

``samples/<notice>/<doc>.expected.json`` is the reviewed output of ``shenbao extract``
(values, pages, attachments, findings); regenerate one with
``shenbao extract samples/<notice>/<doc>.pdf > samples/<notice>/<doc>.expected.json`` after
checking the difference by eye.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import text_samples, truth_of

from shenbao.plugins.extraction import extract

SAMPLES = text_samples()


@pytest.fixture(scope="module")
def results(manager):
    return {pdf.name: extract(pdf, manager=manager) for pdf in SAMPLES}


def expected_of(pdf: Path) -> dict:
    return json.loads(pdf.with_name(pdf.name[: -len(".pdf")] + ".expected.json").read_text())


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: p.stem)
def test_matches_golden_output(pdf: Path, results) -> None:
    got = results[pdf.name].as_contract()
    want = expected_of(pdf)
    assert got["notice"] == want["notice"]
    assert {k: v["value"] for k, v in got["fields"].items()} == {k: v["value"] for k, v in want["fields"].items()}
    assert {k: v["page"] for k, v in got["fields"].items()} == {k: v["page"] for k, v in want["fields"].items()}
    assert got["attachments"] == want["attachments"]
    assert [f["code"] + ":" + f["key"] for f in got["findings"]] == [
        f["code"] + ":" + f["key"] for f in want["findings"]
    ]
    for key, field in got["fields"].items():
        assert abs(field["confidence"] - want["fields"][key]["confidence"]) <= 0.05, key


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: p.stem)
def test_agrees_with_truth(pdf: Path, results) -> None:
    """The golden outputs themselves are right: every truth field, attachment and finding."""
    truth = truth_of(pdf)
    result = results[pdf.name]
    assert result.notice.id == truth["notice"]
    assert result.notice_confidence >= 0.8
    assert set(result.fields) == set(truth["fields"])
    assert result.present == truth["attachments"]
    assert {f.ident for f in result.findings} == set(truth["findings"])


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: p.stem)
def test_contract_shape(pdf: Path, results) -> None:
    out = results[pdf.name].as_contract()
    assert set(out) == {"file", "notice", "notice_confidence", "pages", "fields", "attachments", "findings"}
    for field in out["fields"].values():
        assert set(field) == {"value", "raw", "confidence", "page", "bbox", "source"}
        assert 0.0 <= field["confidence"] <= 1.0
        assert 1 <= field["page"] <= out["pages"]
        x0, y0, x1, y1 = field["bbox"]
        assert 0 <= x0 <= x1 <= 600
        assert 0 <= y0 <= y1 <= 850
        assert field["source"] == "text"
    for finding in out["findings"]:
        assert finding["severity"] in ("error", "warning")
        assert finding["message"]
