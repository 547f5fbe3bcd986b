"""Helpers importable by any test module (tests/ is on sys.path under pytest's rootdir)."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def text_samples() -> list[Path]:
    """Born-digital dev submissions."""
    return sorted(p for p in SAMPLES.glob("*/*-dev-*.pdf") if not p.name.endswith(".scan.pdf"))


def scan_samples() -> list[Path]:
    return sorted(SAMPLES.glob("*/*-dev-*.scan.pdf"))


def truth_of(pdf: Path) -> dict:
    return json.loads(pdf.with_name(pdf.name[: -len(".pdf")] + ".truth.json").read_text())


def values_match(ftype: str, truth: object, got: object) -> bool:
    """The scorer's comparison (../shared/tools/score.py): numbers within 1e-6, text after NFKC
    without white space, longtext by similarity >= 0.90, multichoice as a set."""
    import math
    import re
    import unicodedata

    from rapidfuzz import fuzz

    def fold(value: object) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))

    if ftype in ("integer", "decimal", "money_wan", "percent"):
        return isinstance(got, (int, float)) and math.isclose(float(truth), float(got), rel_tol=1e-6)
    if ftype == "multichoice":
        return isinstance(got, list) and {fold(v) for v in truth} == {fold(v) for v in got}
    if ftype == "bool":
        return truth is got
    if ftype == "longtext":
        return fuzz.ratio(fold(truth), fold(got)) >= 90
    if ftype == "email":
        return fold(truth).lower() == fold(got).lower()
    return fold(truth) == fold(got)
