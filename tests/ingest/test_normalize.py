"""Typed normalization of printed values (contract section 1)."""
from __future__ import annotations

import pytest

from shenbao.ingest.normalize import InvalidValue, is_blank, normalize, ticked_options, validate_entry
from shenbao.plugins.notice import FieldSpec


def spec(type_: str, options: tuple[str, ...] = ()) -> FieldSpec:
    return FieldSpec(key="k", label="标签", section="s", type=type_, options=options)


@pytest.mark.parametrize("type_, raw, expected", [
    ("integer", "12,500", 12500),
    ("integer", "１２５００", 12500),
    ("integer", "2,933,352 台/套", 2933352),
    ("decimal", "3,560.25", 3560.25),
    ("money_wan", "3,560.25万元", 3560.25),
    ("money_wan", "35,602,500元", 3560.25),
    ("money_wan", "３５６０.２５", 3560.25),
    ("money_wan", "33,139.6（万元）", 33139.6),
    ("money_wan", "1.2亿元", 12000.0),
    ("percent", "42.3%", 42.3),
    ("percent", "42.3", 42.3),
    ("date", "2022年3月18日", "2022-03-18"),
    ("date", "2022.3.18", "2022-03-18"),
    ("date", "2023 年 2 月 12 日", "2023-02-12"),
    ("date", "2023年6月", "2023-06"),
    ("date", "2023年06月", "2023-06"),
    ("phone", "027-8765 4321", "027-87654321"),
    ("phone", "18071501083", "18071501083"),
    ("email", "Jin.Hao@163.COM", "jin.hao@163.com"),
    ("org_code", "91420100ma4k2l3x5q", "91420100MA4K2L3X5Q"),
    ("text", "武汉光谷  智造科技 有限公司", "武汉光谷智造科技有限公司"),
    ("text", "ISO  27001 认证", "ISO 27001认证"),
    ("bool", "☑是 □否", True),
    ("bool", "□是 ☑否", False),
    ("bool", "否", False),
])
def test_normalize_types(type_: str, raw: str, expected: object) -> None:
    assert normalize(spec(type_), raw) == expected


def test_choice_and_multichoice_follow_catalog_order() -> None:
    options = ("5G", "大数据", "人工智能", "工业AR/VR技术")
    assert normalize(spec("multichoice", options), "☑人工智能 □大数据 ☑5G ☑工业AR/VR技术") == \
        ["5G", "人工智能", "工业AR/VR技术"]
    assert normalize(spec("choice", ("自建", "合作共建")), "□自建\n☑合作共建 请注明合作企业名称 某公司") == "合作共建"


def test_choice_category_with_direction_maps_to_option() -> None:
    options = ("新技术类", "工厂类", "平台类")
    assert normalize(spec("choice", options), "工厂类/工业互联网平台+智能工厂") == "工厂类"


def test_choice_with_two_ticks_is_refused() -> None:
    with pytest.raises(InvalidValue):
        normalize(spec("choice", ("自建", "租用")), "☑自建 ☑租用")


@pytest.mark.parametrize("raw", ["", "   ", "______", "年 月 日", "（  ）"])
def test_blank_values(raw: str) -> None:
    assert is_blank(raw)


@pytest.mark.parametrize("type_, raw", [("integer", "约三千"), ("date", "去年"), ("email", "no-at-sign"),
                                         ("org_code", "1234"), ("integer", "3.5")])
def test_invalid_values_raise(type_: str, raw: str) -> None:
    with pytest.raises(InvalidValue):
        normalize(spec(type_), raw)


def test_ticked_options_reads_box_glyphs() -> None:
    assert ticked_options("☑自建 □合作共建 ■租用 √其他") == [("自建", True), ("合作共建", False), ("租用", True), ("其他", True)]


def test_validate_entry_refuses_bad_check_character() -> None:
    with pytest.raises(InvalidValue, match="校验位"):
        validate_entry(spec("org_code"), "91420113MAU4NPTG41")
    assert validate_entry(spec("org_code"), "91420117MAGMACGL76") == "91420117MAGMACGL76"
