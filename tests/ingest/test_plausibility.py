"""Believable values: factors that keep an implausible value from being auto-accepted."""

from __future__ import annotations

from typing import Any

import pytest
from page_builders import extract, field, line, notice, page, table

from shenbao.core.notice import FieldSpec
from shenbao.ingest import confidence as C
from shenbao.ingest.candidates import Candidate
from shenbao.ingest.plausibility import Plausibility, Typed, first_amounts

NO_LABELS: frozenset[str] = frozenset()


def spec(type_: str, key: str = "k") -> FieldSpec:
    return FieldSpec(key=key, label="标签", section="s", type=type_)


def cand(raw: str = "", key: str = "k") -> Candidate:
    return Candidate(key, raw, 1, (0.0, 0.0, 1.0, 1.0), 100.0, "cell")


def factor(type_: str, value: Any, typed: list[Typed] | None = None, labels: frozenset[str] = NO_LABELS) -> float:
    return Plausibility(labels, first_amounts(typed or [])).factor(spec(type_), value)


@pytest.mark.parametrize(
    ("type_", "value", "expected"),
    [
        ("percent", 28169.3, C.PLAUSIBLE_PERCENT_OVER_100),
        ("percent", 100.0, 1.0),
        ("percent", 42.3, 1.0),
        ("money_wan", 23057170237872.28, C.PLAUSIBLE_RUN_TOGETHER),  # two year-columns read as one number
        ("money_wan", 9_999_999_999.0, 1.0),  # ten integer digits: still an amount
        ("decimal", 12345678901.5, C.PLAUSIBLE_RUN_TOGETHER),
        ("integer", 123456789012, C.PLAUSIBLE_RUN_TOGETHER),
        ("integer", 12345678901, 1.0),  # identifier registrations reach 10^10
        ("text", "联合体申报：", C.PLAUSIBLE_LABEL_AS_VALUE),
        ("text", "武汉光谷智造科技有限公司", 1.0),
        ("longtext", "一、项目背景：", C.PLAUSIBLE_LABEL_AS_VALUE),
        ("percent", None, 1.0),  # a blank is not judged
    ],
)
def test_single_value_checks(type_: str, value: Any, expected: float) -> None:
    assert factor(type_, value) == pytest.approx(expected)


def test_value_that_starts_with_a_printed_label() -> None:
    labels = frozenset({"上线时间", "企业名称"})
    assert factor("text", "上线时间：2021年10月14日", labels=labels) == pytest.approx(C.PLAUSIBLE_LABEL_AS_VALUE)
    assert factor("text", "上线时间：2021年10月14日") == 1.0  # not a label printed in this document
    assert factor("text", "备注：无", labels=labels) == 1.0


def others(*amounts: float) -> list[Typed]:
    return [(spec("money_wan", f"m{i}"), cand(str(a), f"m{i}"), a) for i, a in enumerate(amounts)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3_200_000.0, C.PLAUSIBLE_MAGNITUDE),  # more than 1000x the median of 1000
        (900_000.0, 1.0),
        (0.5, C.PLAUSIBLE_MAGNITUDE),  # 1000x below
        (2.0, 1.0),
    ],
)
def test_amount_far_off_the_applicants_other_amounts(value: float, expected: float) -> None:
    assert factor("money_wan", value, others(800.0, 1000.0, 4000.0)) == pytest.approx(expected)


def test_magnitude_needs_three_other_amounts() -> None:
    assert factor("money_wan", 3_200_000.0, others(800.0, 1000.0)) == 1.0


def test_magnitude_counts_each_other_field_once_and_never_the_field_itself() -> None:
    typed = others(800.0, 1000.0)
    typed += [(spec("money_wan", "k"), cand("3200000", "k"), 3_200_000.0)]  # the field's own candidate
    typed += [(spec("money_wan", "m0"), cand("5000000", "m0"), 5_000_000.0)]  # a second candidate of m0
    assert factor("money_wan", 3_200_000.0, typed) == 1.0


def test_magnitude_ignores_other_types() -> None:
    typed = [*others(800.0, 1000.0), (spec("integer", "n"), cand("1000", "n"), 1000)]
    assert factor("money_wan", 3_200_000.0, typed) == 1.0


def test_checks_multiply() -> None:
    value = 23057170237872.28
    assert factor("money_wan", value, others(800.0, 1000.0, 4000.0)) == pytest.approx(
        C.PLAUSIBLE_RUN_TOGETHER * C.PLAUSIBLE_MAGNITUDE
    )


def test_implausible_values_are_kept_but_not_auto_accepted() -> None:
    s = "运营情况"
    n = notice(
        [
            field("debt", "资产负债率", s, "percent"),
            field("rev", "营业收入", s, "money_wan"),
            field("assets", "总资产", s, "money_wan"),
        ]
    )
    t = table(
        1,
        100,
        [
            (0, 0, "资产负债率（%）"),
            (0, 1, "28169.3"),
            (1, 0, "营业收入（万元）"),
            (1, 1, "23057170237872.28"),
            (2, 0, "总资产（万元）"),
            (2, 1, "3560.25"),
        ],
    )
    got = extract(n, [page([line(s, 50, 60)], [t])])
    assert {k: f.value for k, f in got.items()} == {"debt": 28169.3, "rev": 23057170237872.28, "assets": 3560.25}
    assert got["assets"].confidence >= 0.95
    assert got["debt"].confidence == pytest.approx(got["assets"].confidence * C.PLAUSIBLE_PERCENT_OVER_100)
    assert got["rev"].confidence == pytest.approx(got["assets"].confidence * C.PLAUSIBLE_RUN_TOGETHER)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("工业互联网标识解析二级节点（", C.PLAUSIBLE_UNBALANCED),
        ("“工赋湖南", C.PLAUSIBLE_UNBALANCED),
        ("工业互联网标识解析二级节点（长沙）", 1.0),
        ("“工赋湖南”专项", 1.0),
    ],
)
def test_unclosed_bracket_or_quote_is_a_value_cut_short(value: str, expected: float) -> None:
    assert factor("text", value) == pytest.approx(expected)
    assert factor("longtext", value) == pytest.approx(expected)


def test_value_naming_its_own_field_or_group_is_a_label_as_value() -> None:
    contact = FieldSpec(key="contact.name", label="姓名", section="s", type="text", parent="联系人")
    plausible = Plausibility(NO_LABELS, first_amounts([]))
    assert plausible.factor(contact, "联系人") == pytest.approx(C.PLAUSIBLE_LABEL_AS_VALUE)
    assert plausible.factor(contact, "姓名：") == pytest.approx(C.PLAUSIBLE_LABEL_AS_VALUE)
    assert plausible.factor(contact, "张三") == 1.0
