"""Fixtures shared by every test package: the dev samples and the plugin manager."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
NOTICE_IDS = ("miit-2022-shuangkua", "wuhan-fund-2022", "hunan-2023-platform", "miit-2023-pilot")


def text_samples() -> list[Path]:
    """Born-digital dev submissions, one per (notice, number)."""
    return sorted(p for p in SAMPLES.glob("*/*-dev-*.pdf") if not p.name.endswith(".scan.pdf"))


def truth_of(pdf: Path) -> dict:
    return json.loads(pdf.with_name(pdf.name[: -len(".pdf")] + ".truth.json").read_text())


@pytest.fixture(scope="session")
def manager():
    from shenbao.plugins.manager import get_manager

    return get_manager()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
