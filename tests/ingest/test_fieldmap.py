"""Printed pairs mapped to the notice's fields by meaning, on small hand-built pages."""

from __future__ import annotations

import random

import pytest
from page_builders import extract, field, flow_of, line, notice, page, run, table

from shenbao.core.notice import FieldSpec, Notice
from shenbao.ingest import confidence as C
from shenbao.ingest.fieldmap import pair_candidates
from shenbao.ingest.meaning import FieldMapper, group_stem, label_form
from shenbao.ingest.pairs import flow_pairs

S = "一、基本信息"
HEADING = line(S, 50, 60)


def contact_and_leader() -> Notice:
    """A section with two groups printed with the same labels, as the hunan/miit forms do."""
    return notice(
        [
            field("applicant.name", "单位名称", S),
            field("applicant.code", "组织机构代码", S, "org_code"),
            field("applicant.assets", "总资产", S, "money_wan", unit="万元"),
            field("contact.name", "姓名", S, parent="联系人"),
            field("contact.phone", "联系电话", S, "phone", parent="联系人"),
            field("contact.email", "电子邮箱", S, "email", parent="联系人"),
            field("leader.name", "姓名", S, parent="平台负责人信息"),
            field("leader.title", "职务", S, parent="平台负责人信息"),
            field("leader.phone", "联系电话", S, "phone", parent="平台负责人信息"),
        ]
    )


@pytest.fixture(scope="module")
def mapper() -> FieldMapper:
    return FieldMapper(contact_and_leader())


def spec_of(mapper: FieldMapper, key: str) -> FieldSpec:
    return mapper.notice.field(key)


# -- label folding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "form"),
    [
        ("总资产（万元）", "总资产"),
        ("（一）总资产（万元）：", "总资产"),
        ("3.联系电话(办公)", "联系电话"),
        ("* 企业名称：", "企业名称"),
        ("（万元）", "（万元）"),  # nothing left after the note: the label stays as printed
    ],
)
def test_label_form(printed: str, form: str) -> None:
    assert label_form(printed) == form


@pytest.mark.parametrize(
    ("group", "stem"),
    [
        ("平台负责人信息", "平台负责人"),
        ("联系人", "联系人"),
        ("技术支撑单位信息（选填）第1行", "技术支撑单位"),
        ("", ""),
    ],
)
def test_group_stem(group: str, stem: str) -> None:
    assert group_stem(FieldSpec(key="k", label="姓名", section=S, type="text", parent=group)) == stem


# -- label_match ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "key", "expected"),
    [
        ("姓名", "contact.name", (100.0, False)),
        ("单位名称：", "applicant.name", (100.0, False)),
        ("总资产（万元）", "applicant.assets", (100.0, False)),  # the unit in brackets aside
        ("企业名称", "applicant.name", (C.LABEL_SYNONYM, False)),
        ("资产总额(万元)", "applicant.assets", (C.LABEL_SYNONYM, False)),
        ("联系人姓名", "contact.name", (C.LABEL_FOLDED_GROUP, True)),
        ("平台负责人姓名", "leader.name", (C.LABEL_FOLDED_GROUP, True)),
        ("负责人姓名", "leader.name", (C.LABEL_FOLDED_GROUP, True)),  # the group's name shortened
        ("负责人职务", "leader.title", (C.LABEL_FOLDED_GROUP, True)),
        ("联系人联系电话", "contact.phone", (C.LABEL_FOLDED_GROUP, True)),
        ("联系人", "contact.name", (C.LABEL_GROUP_AS_NAME, True)),  # "联系人：张三"
        ("平台负责人", "leader.name", (C.LABEL_GROUP_AS_NAME, True)),
        # a rival group's name rules the field out
        ("联系人姓名", "leader.name", (0.0, False)),
        ("平台负责人姓名", "contact.name", (0.0, False)),
        ("平台负责人联系电话", "contact.phone", (0.0, False)),
    ],
)
def test_label_match(mapper: FieldMapper, printed: str, key: str, expected: tuple[float, bool]) -> None:
    assert mapper.label_match(printed, spec_of(mapper, key)) == expected


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("联系人", "leader.name"),  # the other group's name is not this group's name
        ("联系人", "contact.phone"),
        ("联系人职务", "leader.title"),  # a 职务 of the contact, not of the leader
        ("单位地址", "applicant.name"),
        ("职称", "leader.title"),
    ],
)
def test_label_does_not_reach_the_pair_threshold(mapper: FieldMapper, printed: str, key: str) -> None:
    score, _ = mapper.label_match(printed, spec_of(mapper, key))
    assert score < C.PAIR_LABEL_MIN


def test_similar_label_is_capped_below_a_synonym(mapper: FieldMapper) -> None:
    score, folded = mapper.label_match("单位名", spec_of(mapper, "applicant.name"))
    assert 0 < score <= C.LABEL_FUZZY_CAP
    assert not folded


@pytest.mark.parametrize(
    ("printed", "key"), [("统一社会信用代码", "applicant.code"), ("E-mail", "contact.email"), ("邮箱", "contact.email")]
)
def test_synonym_of_a_head_that_holds_a_shorter_spelling(mapper: FieldMapper, printed: str, key: str) -> None:
    assert mapper.label_match(printed, spec_of(mapper, key)) == (C.LABEL_SYNONYM, False)


def test_rivals_share_the_label_within_the_section(mapper: FieldMapper) -> None:
    rivals = {
        key: sorted(f.key for f in mapper.rivals(spec_of(mapper, key)))
        for key in ("contact.name", "leader.name", "contact.phone", "leader.title", "applicant.name")
    }
    assert rivals == {
        "contact.name": ["leader.name"],
        "leader.name": ["contact.name"],
        "contact.phone": ["leader.phone"],
        "leader.title": [],
        "applicant.name": [],
    }


def test_fields_of_another_section_are_no_rivals() -> None:
    m = FieldMapper(
        notice([field("a.name", "姓名", S, parent="联系人"), field("b.name", "姓名", "二、其他", parent="负责人")])
    )
    assert m.rivals(m.notice.field("a.name")) == []


# -- pair_candidates -----------------------------------------------------------------------


def test_pair_candidates_carry_the_pair_layout_and_the_label_unit() -> None:
    n = notice([field("rev", "营业收入", S, "money_wan", unit="万元")])
    flow = flow_of(n, [page([HEADING, line("营业收入（元）：1384240", 50, 80)])])
    (cand,) = pair_candidates(flow, n.field("rev"), FieldMapper(n), flow_pairs(flow), flow.segments)
    assert (cand.layout, cand.raw, cand.unit_hint) == ("pair", "1384240", "元")


@pytest.mark.parametrize(
    ("layout", "type_"), [("grid", "money_wan"), ("block", "text"), ("pattern", "integer"), ("", "longtext")]
)
def test_no_pair_candidates_for_layouts_read_otherwise(layout: str, type_: str) -> None:
    n = notice([field("x", "营业收入", S, type_, layout=layout, column="2021年")])
    flow = flow_of(n, [page([HEADING, line("营业收入：1384240", 50, 80)])])
    assert pair_candidates(flow, n.field("x"), FieldMapper(n), flow_pairs(flow), flow.segments) == []


# -- end to end --------------------------------------------------------------------------------

PAIR_ROWS = [
    ("单位名称：武汉光谷智造科技有限公司", "组织机构代码：91420117MAGMACGL76"),
    ("总资产（万元）：3,560.25", "联系人姓名：金浩"),
    ("联系人联系电话：027-87654321", "平台负责人姓名：杜艳"),
    ("平台负责人职务：总经理", "平台负责人联系电话：18071501083"),
]
PAIR_VALUES = {
    "applicant.name": "武汉光谷智造科技有限公司",
    "applicant.code": "91420117MAGMACGL76",
    "applicant.assets": 3560.25,
    "contact.name": "金浩",
    "contact.phone": "027-87654321",
    "leader.name": "杜艳",
    "leader.title": "总经理",
    "leader.phone": "18071501083",
}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_table_of_pairs_two_per_row_in_any_order(seed: int) -> None:
    rows = PAIR_ROWS[:]
    random.Random(seed).shuffle(rows)
    cells = [c for r, (left, right) in enumerate(rows) for c in ((r, 0, left, 1, 3), (r, 3, right, 1, 3))]
    got = extract(contact_and_leader(), [page([HEADING], [table(1, 100, cells)])])
    assert {k: f.value for k, f in got.items()} == PAIR_VALUES
    # a label printed as in the template is trusted more than one with its group folded in
    assert got["applicant.name"].confidence == pytest.approx(C.LAYOUT_TRUST["pair"])
    assert got["contact.name"].confidence == pytest.approx(C.LAYOUT_TRUST["pair"] * (C.LABEL_FOLDED_GROUP / 100) ** 2)


def test_plain_heading_and_lines_instead_of_a_boxed_table() -> None:
    lines = [
        HEADING,
        line("单位名称：武汉光谷智造科技有限公司", 50, 80),
        line("联系人", 50, 100),
        line("姓名：金浩  联系电话：027-87654321", 50, 120),
        line("平台负责人信息", 50, 140),
        line("姓名：杜艳  职务：总经理  联系电话：18071501083", 50, 160),
    ]
    assert run(contact_and_leader(), [page(lines)]) == {
        "applicant.name": "武汉光谷智造科技有限公司",
        "contact.name": "金浩",
        "contact.phone": "027-87654321",
        "leader.name": "杜艳",
        "leader.title": "总经理",
        "leader.phone": "18071501083",
    }


def test_group_printed_as_a_pair_label_names_the_person() -> None:
    lines = [HEADING, line("联系人：金浩  联系电话：027-87654321", 50, 80), line("平台负责人：杜艳", 50, 100)]
    assert run(contact_and_leader(), [page(lines)]) == {
        "contact.name": "金浩",
        "contact.phone": "027-87654321",
        "leader.name": "杜艳",
    }


@pytest.mark.xfail(
    strict=True,
    reason="bug: '平台负责人：杜艳' names the group for 杜艳 only; the pairs after it on the "
    "same line are not in the group (context_ok wants the full '平台负责人信息'), "
    "so leader.phone, which has a rival label, is dropped",
)
def test_group_printed_as_a_pair_label_holds_the_rest_of_its_line() -> None:
    lines = [
        HEADING,
        line("联系人：金浩  联系电话：027-87654321", 50, 80),
        line("平台负责人：杜艳  职务：总经理  联系电话：18071501083", 50, 100),
    ]
    got = run(contact_and_leader(), [page(lines)])
    assert (got.get("leader.name"), got.get("leader.phone")) == ("杜艳", "18071501083")


def test_reworded_label_fills_the_field() -> None:
    lines = [
        HEADING,
        line("统一社会信用代码：91420117MAGMACGL76", 50, 80),
        line("E-mail：jin.hao@163.com", 50, 100),
        line("联系人：金浩", 50, 120),
    ]
    got = run(contact_and_leader(), [page(lines)])
    assert (got.get("applicant.code"), got.get("contact.email")) == ("91420117MAGMACGL76", "jin.hao@163.com")


def test_reworded_label_of_a_plain_synonym_fills_the_field() -> None:
    lines = [HEADING, line("企业名称：武汉光谷智造科技有限公司", 50, 80), line("资产总额（万元）：3,560.25", 50, 100)]
    got = extract(contact_and_leader(), [page(lines)])
    assert {k: f.value for k, f in got.items()} == {
        "applicant.name": "武汉光谷智造科技有限公司",
        "applicant.assets": 3560.25,
    }
    assert (
        got["applicant.name"].confidence
        < extract(contact_and_leader(), [page([HEADING, line("单位名称：武汉光谷智造科技有限公司", 50, 80)])])[
            "applicant.name"
        ].confidence
    )


def test_group_folded_into_the_label_picks_the_group() -> None:
    lines = [HEADING, line("平台负责人姓名：杜艳", 50, 80), line("联系人姓名：金浩", 50, 100)]
    assert run(contact_and_leader(), [page(lines)]) == {"contact.name": "金浩", "leader.name": "杜艳"}


def test_unprinted_group_is_taken_when_no_other_field_shares_the_label() -> None:
    n = notice(
        [
            field("contact.name", "姓名", S, parent="联系人"),
            field("contact.phone", "联系电话", S, "phone", parent="联系人"),
        ]
    )
    unseen = extract(n, [page([HEADING, line("联系电话：027-87654321", 50, 80)])])
    seen = extract(n, [page([HEADING, line("联系人", 50, 80), line("联系电话：027-87654321", 50, 100)])])
    assert unseen["contact.phone"].value == seen["contact.phone"].value == "027-87654321"
    assert unseen["contact.phone"].confidence < seen["contact.phone"].confidence
    assert unseen["contact.phone"].confidence == pytest.approx(
        C.LAYOUT_TRUST["pair"] * C.PRIOR_PAIR * C.PRIOR_GROUP_UNSEEN
    )


def test_unprinted_group_with_a_rival_label_is_not_guessed() -> None:
    got = run(
        contact_and_leader(), [page([HEADING, line("联系电话：027-87654321", 50, 80), line("姓名：金浩", 50, 100)])]
    )
    assert got == {}


@pytest.mark.xfail(
    strict=True,
    reason="bug: _names_group takes '负责人' for a part of '技术负责人', so "
    "'技术负责人姓名' fills the 负责人 group's field; the two names come out swapped",
)
def test_group_whose_name_holds_another_groups_name() -> None:
    n = notice([field("lead.name", "姓名", S, parent="负责人"), field("tech.name", "姓名", S, parent="技术负责人")])
    lines = [HEADING, line("技术负责人姓名：王五", 50, 80), line("负责人姓名：李四", 50, 100)]
    assert run(n, [page(lines)]) == {"lead.name": "李四", "tech.name": "王五"}


# -- labels printed short, without a modifier, or as the group -----------------------------------


def test_label_cut_short_by_its_last_character(mapper: FieldMapper) -> None:
    """ "组织机构代" / "码" wrapped in a narrow cell, and the scan lost the lone "码"."""
    score, folded = mapper.label_match("组织机构代", spec_of(mapper, "applicant.code"))
    assert score >= C.LABEL_CUT_SHORT
    assert not folded


def test_four_characters_left_of_a_five_character_label_still_read() -> None:
    m = FieldMapper(notice([field("a.rd", "研发人员数", S, "integer")]))
    assert m.label_match("研发人员", m.notice.field("a.rd")) == (C.LABEL_CUT_SHORT, False)


def test_label_cut_short_needs_enough_left() -> None:
    m = FieldMapper(notice([field("a.area", "所在园区", S)]))
    score, _ = m.label_match("所在", m.notice.field("a.area"))
    assert score < C.LABEL_CUT_SHORT


@pytest.mark.parametrize(("printed", "label"), [("部门", "所属部门"), ("园区", "所在园区")])
def test_label_without_its_dropped_modifier(printed: str, label: str) -> None:
    m = FieldMapper(notice([field("a.x", label, S)]))
    assert m.label_match(printed, m.notice.field("a.x")) == (C.LABEL_MODIFIED, False)


def test_group_name_shortened_names_the_person(mapper: FieldMapper) -> None:
    """ "负责人：张三" for the 姓名 of the 平台负责人信息 group."""
    assert mapper.label_match("负责人", spec_of(mapper, "leader.name")) == (C.LABEL_GROUP_SHORT_AS_NAME, True)


def test_cell_printing_the_groups_own_name_is_not_the_field_of_that_group() -> None:
    m = FieldMapper(notice([field("p.intro", "项目简介", S, "longtext", parent="企业及项目简介")]))
    score, folded = m.label_match("企业及项目简介", m.notice.field("p.intro"))
    assert not folded
    assert score < C.LABEL_FOLDED_GROUP
