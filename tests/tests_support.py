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
