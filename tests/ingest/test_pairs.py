"""Printed ``label：value`` pairs found in a segment's text, without the template's geometry."""

from __future__ import annotations

import pytest
from page_builders import field, flow_of, line, loose_segment, notice, page, table

from shenbao.ingest.pairs import flow_pairs, segment_pairs, starts_with_pair


def labels_and_values(*texts: str) -> list[tuple[str, str]]:
    return [(p.label, p.value) for p in segment_pairs(loose_segment(*texts))]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("企业名称：武汉光谷智造科技有限公司",), [("企业名称", "武汉光谷智造科技有限公司")]),
        # two pairs on one line: the first value ends where the second label starts
        (("电话：029-85100466 E-mail：a@b.cn",), [("电话", "029-85100466"), ("E-mail", "a@b.cn")]),
        (("Tel：027-1234567 Fax：027-7654321",), [("Tel", "027-1234567"), ("Fax", "027-7654321")]),
        # a letter-spaced label is one label, not a value "联 系" and a label "人"
        (("联 系 人：张三  联系电话：027-87654321",), [("联系人", "张三"), ("联系电话", "027-87654321")]),
        (("电话：12345678 联 系 人：张三",), [("电话", "12345678"), ("联系人", "张三")]),
        # an ASCII colon is a colon too
        (("职务:总经理",), [("职务", "总经理")]),
        # a value wrapped over the lines of its cell is one value
        (
            ("单位地址：湖北省武汉市东湖新技术开发区", "高新大道999号"),
            [("单位地址", "湖北省武汉市东湖新技术开发区\n高新大道999号")],
        ),
        # ... but a line that starts its own pair is not a continuation
        (
            ("单位地址：湖北省武汉市", "联系电话：027-87654321"),
            [("单位地址", "湖北省武汉市"), ("联系电话", "027-87654321")],
        ),
        # nothing after the colon on its line: the value is blank, the next line is not taken
        (("联系人：", "张三"), [("联系人", "")]),
    ],
)
def test_pairs_of_a_segment(texts: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    assert labels_and_values(*texts) == expected


def test_pairs_after_a_semicolon_or_boxes() -> None:
    assert [label for label, _ in labels_and_values("联系人：张三；电话：12345678")] == ["联系人", "电话"]
    assert labels_and_values("☑是 □否 联系人：王五") == [("联系人", "王五")]


@pytest.mark.parametrize(
    "text",
    [
        "网址：http://www.whgg.com.cn",
        "网址：https://www.whgg.com.cn",
        "平台地址：ftp://data.whgg.cn",
    ],
)
def test_a_url_scheme_is_not_a_label(text: str) -> None:
    pairs = segment_pairs(loose_segment(text))
    assert [p.label for p in pairs] == [text.split("：")[0]]
    assert pairs[0].value.endswith(text.split("//")[1])


@pytest.mark.parametrize(
    "text",
    [
        "2021：5",  # a number is not a label
        "abc：1",  # ASCII words are labels only when known (Tel, E-mail, ...)
        "：开头没有标签",
        "官网http://www.whgg.com.cn",  # a scheme glued to the word before it is still no label
        "本项目的主要建设目标是在全省范围内建设一个覆盖主要行业的工业互联网平台并实现如下目标：",  # a sentence
    ],
)
def test_no_pair(text: str) -> None:
    assert segment_pairs(loose_segment(text)) == []


@pytest.mark.parametrize(("label", "unit"), [("总资产（万元）", "万元"), ("营业收入(元)", "元"), ("企业名称", "")])
def test_unit_printed_in_the_label(label: str, unit: str) -> None:
    (pair,) = segment_pairs(loose_segment(f"{label}：100"))
    assert pair.unit == unit


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("企业名称：武汉光谷智造科技有限公司",), True),
        (("联系人：",), True),
        (("联 系 人：张三",), True),
        (("联系电话", "：027-87654321"), True),  # a label wrapped in its cell, the colon on the next line
        (("武汉光谷智造科技有限公司",), False),
        (("☑是 □否 联系人：王五",), False),  # a pair later in the text, not at its start
        (("2021：5",), False),
        ((), False),
    ],
)
def test_starts_with_pair(texts: tuple[str, ...], expected: bool) -> None:
    assert starts_with_pair(loose_segment(*texts).lines) is expected


def test_flow_pairs_by_segment_index() -> None:
    n = notice([field("a.name", "企业名称", "一、基本信息")])
    t = table(
        1,
        100,
        [
            (0, 0, "企业名称：武汉光谷智造科技有限公司"),
            (0, 1, "成立时间：2016年10月1日 员工人数：120"),
            (1, 0, "无冒号的单元格"),
        ],
    )
    flow = flow_of(n, [page([line("一、基本信息", 50, 60)], [t])])
    pairs = flow_pairs(flow)
    by_text = {flow.segments[i].text: [p.label for p in ps] for i, ps in pairs.items()}
    assert by_text == {
        "企业名称：武汉光谷智造科技有限公司": ["企业名称"],
        "成立时间：2016年10月1日 员工人数：120": ["成立时间", "员工人数"],
    }
    assert all(p.segment.index == i for i, ps in pairs.items() for p in ps)
