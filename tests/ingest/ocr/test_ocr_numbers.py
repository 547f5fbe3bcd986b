"""Thousands separators the recognizer misreads on underlined numbers."""

from __future__ import annotations

import pytest

from shenbao.ingest.ocr.page import fix_number_separators


@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        ("数量:6.135.838台/套", "数量:6,135,838台/套"),
        ("155.796.60万元", "155,796.60万元"),
        ("2.046.26、2780.18万元", "2,046.26、2780.18万元"),
        ("19,670,74", "19,670.74"),
    ],
)
def test_impossible_readings_are_repaired(read, fixed):
    assert fix_number_separators(read) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "271.337个",
        "3.14",
        "1,116,664台",
        "2002.10.10",
        "v1.2.3",
        "3,906,015.50",
        "18234924720",
        "chenchunjun@hongtutech.cn",
    ],
)
def test_possible_readings_stay(text):
    assert fix_number_separators(text) == text
