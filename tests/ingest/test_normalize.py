"""Typed normalization of printed values (contract section 1)."""

from __future__ import annotations

import pytest

from shenbao.core.notice import FieldSpec
from shenbao.ingest.normalize import (
    InvalidValue,
    cjk_dates_to_digits,
    has_unit,
    implicit_ticks,
    is_blank,
    normalize,
    ticked_options,
    to_date,
    validate_entry,
)


def spec(type_: str, options: tuple[str, ...] = ()) -> FieldSpec:
    return FieldSpec(key="k", label="标签", section="s", type=type_, options=options)


@pytest.mark.parametrize(
    ("type_", "raw", "expected"),
    [
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
        ("text", "_轻工", "轻工"),  # an underline's stub read before the words written on it
        ("text", "机械 _", "机械"),
        ("email", "wang_yk@tianyuansoft.com", "wang_yk@tianyuansoft.com"),
        ("bool", "☑是 □否", True),
        ("bool", "□是 ☑否", False),
        ("bool", "否", False),
    ],
)
def test_normalize_types(type_: str, raw: str, expected: object) -> None:
    assert normalize(spec(type_), raw) == expected


def test_choice_and_multichoice_follow_catalog_order() -> None:
    options = ("5G", "大数据", "人工智能", "工业AR/VR技术")
    assert normalize(spec("multichoice", options), "☑人工智能 □大数据 ☑5G ☑工业AR/VR技术") == [
        "5G",
        "人工智能",
        "工业AR/VR技术",
    ]
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


@pytest.mark.parametrize(
    ("type_", "raw"),
    [("integer", "约三千"), ("date", "去年"), ("email", "no-at-sign"), ("org_code", "1234"), ("integer", "3.5")],
)
def test_invalid_values_raise(type_: str, raw: str) -> None:
    with pytest.raises(InvalidValue):
        normalize(spec(type_), raw)


def test_ticked_options_reads_box_glyphs() -> None:
    assert ticked_options("☑自建 □合作共建 ■租用 √其他") == [
        ("自建", True),
        ("合作共建", False),
        ("租用", True),
        ("其他", True),
    ]


def test_validate_entry_refuses_bad_check_character() -> None:
    with pytest.raises(InvalidValue, match="校验位"):
        validate_entry(spec("org_code"), "91420113MAU4NPTG41")
    assert validate_entry(spec("org_code"), "91420117MAGMACGL76") == "91420117MAGMACGL76"


# -- values as printed: Chinese-numeral dates, other separators, units, bare options -----------


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("二〇二二年三月十一日", "2022年3月11日"),
        ("二○二三年十二月三十一日", "2023年12月31日"),  # ○ (white circle) for 〇
        ("二零二一年十月", "2021年10月"),
        ("二〇二二年二月二十日", "2022年2月20日"),
        ("申报日期：二〇二二年三月十一日（盖章）", "申报日期：2022年3月11日（盖章）"),
        ("2022年3月11日", "2022年3月11日"),
        ("一二三", "一二三"),  # not a date
    ],
)
def test_cjk_dates_to_digits(text: str, digits: str) -> None:
    assert cjk_dates_to_digits(text) == digits


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("二〇二二年三月十一日", "2022-03-11"),
        ("二〇二二年十一月", "2022-11"),
        ("2022/03/18", "2022-03-18"),
        ("２０１６－１０－０１", "2016-10-01"),  # full-width digits and dashes
        ("2008·9·22", "2008-09-22"),  # middle dots as a font prints the points
        ("2008・09・22", "2008-09-22"),
    ],
)
def test_dates_as_printed(raw: str, expected: str) -> None:
    assert to_date(raw) == expected
    assert normalize(spec("date"), raw) == expected


@pytest.mark.parametrize("raw", ["二〇二二年十三月", "2022/13/01", "2022·02·32"])
def test_impossible_dates_raise(raw: str) -> None:
    with pytest.raises(InvalidValue):
        to_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1384240元", True),
        ("1,384,240 元", True),
        ("138.42万元", True),
        ("1.2亿", True),
        ("¥1384240", True),
        ("￥ 1384240", True),
        ("１３８４２４０元", True),
        ("1384240", False),
        ("万元", False),
        ("收入（元）", False),
        ("", False),
    ],
)
def test_has_unit(raw: str, expected: bool) -> None:
    assert has_unit(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("44，422·54", 44422.54),  # a full-width point read as a middle dot
        ("3·5", 3.5),
        ("12•75", 12.75),
    ],
)
def test_middle_dot_decimals(raw: str, expected: float) -> None:
    assert normalize(spec("decimal"), raw) == expected
    assert normalize(spec("money_wan"), raw + "万元") == expected


def test_middle_dot_between_words_is_not_a_point() -> None:
    assert normalize(spec("text"), "武汉·光谷") == "武汉·光谷"


@pytest.mark.parametrize(
    ("raw", "options", "ticked"),
    [
        ("自建 □租用", ("自建", "租用"), {"自建"}),  # a tick drawn as √ the scan reader lost
        ("□自建 租用", ("自建", "租用"), {"租用"}),
        ("□新能源汽车现代石化", ("新能源汽车", "现代石化"), {"现代石化"}),  # the box between two options lost
        ("□是否", ("是", "否"), {"否"}),
        ("□一级节点 二级节点（补助类）", ("一级节点", "二级节点"), {"二级节点"}),  # the option with its note
        ("☐\n平台类", ("新技术类", "平台类"), set()),  # a box wrapped away from its option: not bare
        ("□新技术类 ☐\n平台类", ("新技术类", "平台类"), set()),
        ("☑自建 □租用", ("自建", "租用"), set()),  # every option has its box
        ("自建 租用", ("自建", "租用"), set()),  # no box at all: nothing to tell a bare option by
        ("其他 □租用", ("自建", "租用"), set()),  # bare text that is no option
    ],
)
def test_implicit_ticks(raw: str, options: tuple[str, ...], ticked: set[str]) -> None:
    assert implicit_ticks(raw, options) == ticked


@pytest.mark.parametrize(
    ("type_", "raw", "options", "expected"),
    [
        ("choice", "自建 □租用", ("自建", "租用"), "自建"),
        ("multichoice", "□新能源汽车现代石化 □生物医药", ("新能源汽车", "现代石化", "生物医药"), ["现代石化"]),
        (
            "multichoice",
            "现代石化 ☑新能源汽车 □生物医药",
            ("新能源汽车", "现代石化", "生物医药"),
            ["新能源汽车", "现代石化"],
        ),
        ("bool", "□是否", (), False),
        ("bool", "是 □否", (), True),
        ("choice", "□新技术类 ☐\n平台类", ("新技术类", "平台类"), None),  # nothing ticked
    ],
)
def test_bare_options_among_boxed_ones_are_ticked(
    type_: str, raw: str, options: tuple[str, ...], expected: object
) -> None:
    if expected is None:
        with pytest.raises(InvalidValue):
            normalize(spec(type_, options), raw)
    else:
        assert normalize(spec(type_, options), raw) == expected


@pytest.mark.parametrize(
    ("raw", "want"),
    [("２０１３．０６．２\n１", "2013-06-21"), ("2022年3月\n18日", "2022-03-18")],
)
def test_date_wrapped_by_a_narrow_cell_reads_whole(raw: str, want: str) -> None:
    assert to_date(raw) == want
