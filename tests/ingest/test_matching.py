"""Scoring and typing of candidates: pairs in the pool, unit hints, signature notes, OCR repairs."""

from __future__ import annotations

from typing import Any

import pytest
from page_builders import extract, field, flow_of, line, notice, page, run, table

from shenbao.core.notice import FieldSpec
from shenbao.ingest import confidence as C
from shenbao.ingest.candidates import Candidate, LabelIndex
from shenbao.ingest.matching import _ocr_factor, block_stops, candidates_for, score, typed_value, value_validity
from shenbao.ingest.pairs import flow_pairs

S = "基本信息"
HEADING = line(S, 50, 60)


def spec(type_: str, options: tuple[str, ...] = (), unit: str = "") -> FieldSpec:
    return FieldSpec(key="k", label="标签", section=S, type=type_, options=options, unit=unit)


def cand(raw: str, source: str = "text", unit_hint: str = "", layout: str = "pair") -> Candidate:
    return Candidate("k", raw, 1, (0.0, 0.0, 1.0, 1.0), 100.0, layout, 1.0, source, unit_hint=unit_hint)


@pytest.mark.parametrize(
    "raw",
    [
        "武汉光谷智造科技有限公司（盖章）",
        "武汉光谷智造科技有限公司(盖章)",
        "武汉光谷智造科技有限公司盖章)",  # the scan lost the opening bracket
        "武汉光谷智造科技有限公司(盖章",  # ... or the closing one
        "武汉光谷智造科技有限公司（签章）",
    ],
)
def test_signature_note_is_not_part_of_the_name(raw: str) -> None:
    assert typed_value(spec("text"), cand(raw)) == "武汉光谷智造科技有限公司"


def test_signature_words_inside_a_name_stay() -> None:
    assert typed_value(spec("text"), cand("武汉盖章印务有限公司")) == "武汉盖章印务有限公司"


@pytest.mark.parametrize(
    ("raw", "hint", "expected"),
    [
        ("1384240", "元", 138.424),  # "营业收入（元）：1384240" for a 万元 field
        ("1384240元", "元", 138.424),  # the value's own unit, not applied twice
        ("1.2", "亿元", 12000.0),
        ("3560.25", "", 3560.25),
    ],
)
def test_unit_hint_of_the_label(raw: str, hint: str, expected: float) -> None:
    assert typed_value(spec("money_wan", unit="万元"), cand(raw, unit_hint=hint)) == pytest.approx(expected)


def test_unit_hint_only_for_money() -> None:
    assert typed_value(spec("integer"), cand("1384240", unit_hint="元")) == 1384240


def test_ocr_code_with_impossible_letters_is_repaired_and_trusted_a_little_less() -> None:
    read = cand("9142O117MAGMACGL76", source="ocr")
    value = typed_value(spec("org_code"), read)
    assert value == "91420117MAGMACGL76"
    assert read.repaired
    clean = cand("91420117MAGMACGL76", source="ocr")
    clean_value = typed_value(spec("org_code"), clean)
    assert not clean.repaired
    assert score(spec("org_code"), read, value) == pytest.approx(
        score(spec("org_code"), clean, clean_value) * C.VALID_OCR_REPAIRED
    )


def test_text_layer_code_is_never_repaired() -> None:
    printed = cand("9142O117MAGMACGL76", source="text")
    assert typed_value(spec("org_code"), printed) == "9142O117MAGMACGL76"
    assert not printed.repaired


@pytest.mark.parametrize(
    ("type_", "raw", "value", "options", "factor"),
    [
        ("choice", "自建 □租用", "自建", ("自建", "租用"), C.VALID_IMPLICIT_TICK),
        ("choice", "☑自建 □租用", "自建", ("自建", "租用"), 1.0),
        ("bool", "□是否", False, (), C.VALID_IMPLICIT_TICK),
        ("bool", "□是 ☑否", False, (), 1.0),
    ],
)
def test_an_implicit_tick_is_trusted_less(
    type_: str, raw: str, value: Any, options: tuple[str, ...], factor: float
) -> None:
    assert value_validity(spec(type_, options), raw, value) == pytest.approx(factor)


# -- end to end ---------------------------------------------------------------------------------


def test_amounts_in_yuan_under_a_wan_label() -> None:
    n = notice(
        [
            field("rev", "营业收入", S, "money_wan", unit="万元"),
            field("assets", "总资产（万元）", S, "money_wan", unit="万元"),
            field("profit", "利润总额", S, "money_wan", unit="万元"),
        ]
    )
    lines = [HEADING, line("营业收入（元）：1384240", 50, 80), line("利润总额（万元）：12.5", 50, 120)]
    t = table(1, 140, [(0, 0, "总资产（万元）"), (0, 1, "35,602,500元")])
    assert run(n, [page(lines, [t])]) == {"rev": 138.424, "assets": 3560.25, "profit": 12.5}


def test_chinese_numeral_date_on_a_signature_line() -> None:
    n = notice([field("sign.date", "申报日期", S, "date"), field("sign.unit", "申报单位", S)])
    lines = [
        HEADING,
        line("申报单位（盖章）：武汉光谷智造科技有限公司", 50, 80),
        line("申报日期：二〇二二年三月十一日", 50, 100),
    ]
    assert run(n, [page(lines)]) == {"sign.date": "2022-03-11", "sign.unit": "武汉光谷智造科技有限公司"}


def test_two_boxed_pairs_on_one_line() -> None:
    n = notice([field("p.national", "是否国家级", S, "bool"), field("p.province", "是否省级", S, "bool")])
    lines = [HEADING, line("是否国家级：☑是 □否  是否省级：□是 ☑否", 50, 80)]
    assert run(n, [page(lines)]) == {"p.national": True, "p.province": False}


def test_blank_pair_value_does_not_take_the_next_pairs_number() -> None:
    n = notice([field("staff", "员工人数", S, "integer"), field("rd", "研发人员", S, "integer")])
    assert run(n, [page([HEADING, line("员工人数：    研发人员：35", 50, 80)])]) == {"rd": 35}


def test_ocr_code_repaired_end_to_end() -> None:
    n = notice([field("a.code", "组织机构代码", S, "org_code")])

    def read(code: str) -> Any:
        lines = [
            line(S, 50, 60, source="ocr", conf=0.99),
            line(f"组织机构代码：{code}", 50, 80, source="ocr", conf=0.99),
        ]
        return extract(n, [page(lines, kind="ocr")])["a.code"]

    repaired, clean = read("9142O117MAGMACGL76"), read("91420117MAGMACGL76")
    assert repaired.value == clean.value == "91420117MAGMACGL76"
    assert repaired.confidence == pytest.approx(clean.confidence * C.VALID_OCR_REPAIRED)


# -- value validity of scanned values ------------------------------------------------------------


@pytest.mark.parametrize(("source", "expected"), [("ocr", C.VALID_OCR_PARTIAL_DATE), ("text", 1.0)])
def test_year_and_month_only_is_a_partial_date_from_a_scan(source: str, expected: float) -> None:
    assert value_validity(spec("date"), "2010年1月", "2010-01", source) == pytest.approx(expected)
    assert value_validity(spec("date"), "2010年1月5日", "2010-01-05", source) == 1.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("平台面向工程机械行业，提供设备接入和", C.VALID_OCR_UNFINISHED_TEXT),
        ("平台面向工程机械行业，提供设备接入服务.", 1.0),  # NFKC-folded: "。" is read as "."
        ("平台面向工程机械行业，提供设备接入服务。", 1.0),
    ],
)
def test_scanned_paragraph_without_a_sentence_end_is_unfinished(value: str, expected: float) -> None:
    assert value_validity(spec("longtext"), value, value, "ocr") == pytest.approx(expected)
    assert value_validity(spec("longtext"), value, value, "text") == 1.0


def test_count_with_a_point_before_three_digits_read_a_comma_as_a_point() -> None:
    assert value_validity(spec("integer"), "18.539", 18539) == pytest.approx(C.VALID_COUNT_POINT_AS_COMMA)
    assert value_validity(spec("integer"), "18539", 18539) == 1.0


@pytest.mark.parametrize(
    ("local", "flagged"),
    [("49O467102", True), ("zhang1i", True), ("jinchao62", False), ("huxiali", False), ("490467102", False)],
)
def test_email_lookalike_only_among_characters_of_the_other_kind(local: str, flagged: bool) -> None:
    factor = value_validity(spec("email"), f"{local}@qq.com", f"{local}@qq.com", "ocr")
    assert factor == pytest.approx(C.VALID_OCR_EMAIL_LOOKALIKE if flagged else 1.0)


@pytest.mark.parametrize(("ocr", "factor"), [(1.0, 1.0), (0.95, 0.975), (0.9, 0.95), (0.5, 0.35)])
def test_ocr_factor_falls_gently_to_the_knee_and_steeply_below(ocr: float, factor: float) -> None:
    assert _ocr_factor(ocr, "ocr") == pytest.approx(factor)
    assert _ocr_factor(ocr, "text") == 1.0


def test_ocr_factor_is_monotonic() -> None:
    factors = [_ocr_factor(i / 100, "ocr") for i in range(101)]
    assert factors == sorted(factors)
    assert factors[0] >= 0.0


# -- longtext printed unboxed ------------------------------------------------------------------


def intro_notice() -> Any:
    """A longtext the form prints in a boxed cell (layout "cell"), and a short text."""
    return notice([field("p.intro", "项目简介", S, "longtext", layout="cell"), field("p.name", "项目名称", S)])


def test_cell_layout_longtext_printed_as_a_heading_and_paragraphs() -> None:
    lines = [
        HEADING,
        line("项目名称：工业互联网平台", 50, 80),
        line("项目简介", 50, 110),
        line("本项目建设面向工程机械行业的工业互联网平台。", 50, 130),
        line("平台已接入设备十万台。", 50, 144),
    ]
    got = run(intro_notice(), [page(lines)])
    assert got["p.intro"] == "本项目建设面向工程机械行业的工业互联网平台。平台已接入设备十万台。"


def test_blank_block_never_beats_a_filled_cell() -> None:
    n = intro_notice()
    t = table(1, 100, [(0, 0, "项目名称"), (0, 1, "工业互联网平台"), (1, 0, "项目简介"), (1, 1, "本项目建设平台。")])
    flow = flow_of(n, [page([HEADING], [t])])
    spec = n.field("p.intro")
    cands = candidates_for(flow, spec, LabelIndex(n), block_stops(n), flow.in_section(S), flow_pairs(flow))
    assert [(c.raw, c.layout) for c in cands] == [("本项目建设平台。", "cell")]
    assert extract(n, [page([HEADING], [t])])["p.intro"].value == "本项目建设平台。"
