"""Candidate extraction and matching on small hand-built pages (no PDF needed)."""

from __future__ import annotations

from shenbao.core.notice import notice_from_dict
from shenbao.ingest.document import Cell, Document, Line, Page, Source, Table
from shenbao.ingest.flow import build_flow
from shenbao.ingest.matching import extract_fields

COL_W, ROW_H = 100.0, 20.0


def line(text: str, x: float, y: float, page: int = 1, source: Source = "text", conf: float = 1.0) -> Line:
    return Line(text, (x, y, x + 12 * len(text), y + 12), page, conf, source)


def table(page: int, top: float, cells: list[tuple]) -> Table:
    """cells: (row, col, text) or (row, col, text, rowspan, colspan); boxes on a regular grid."""
    out = []
    for spec in cells:
        row, col, text = spec[:3]
        rowspan, colspan = (spec[3], spec[4]) if len(spec) > 3 else (1, 1)
        x0, y0 = 50 + col * COL_W, top + row * ROW_H
        box = (x0, y0, x0 + colspan * COL_W, y0 + rowspan * ROW_H)
        lines = [line(t, x0 + 2, y0 + 2 + i * 14, page) for i, t in enumerate(text.split("\n")) if t]
        out.append(Cell(row, col, box, lines, rowspan, colspan))
    bottom = max(c.bbox[3] for c in out)
    return Table(page, (50, top, 50 + 6 * COL_W, bottom), out)


def field(key: str, label: str, section: str, type_: str = "text", **extra) -> dict:
    return {"key": key, "label": label, "section": section, "type": type_, **extra}


def notice(fields: list[dict], patterns: list[dict] | None = None):
    return notice_from_dict(
        {
            "notice": {"id": "t", "name": "t"},
            "fields": fields,
            "attachments": [],
            "rules": [],
            "patterns": patterns or [],
        }
    )


def run(n, pages: list[Page]) -> dict:
    flow = build_flow(Document("t.pdf", pages), n.sections)
    return {k: f.value for k, f in extract_fields(flow, n).items()}


def test_label_cell_value_cell_and_row_groups() -> None:
    n = notice(
        [
            field("applicant.name", "企业名称", "一、基本信息"),
            field("contact.name", "姓名", "一、基本信息", parent="联系人"),
            field("contact.mobile", "手机", "一、基本信息", "phone", parent="联系人"),
            field("leader.name", "姓名", "一、基本信息", parent="负责人"),
            field("contact.fax", "传真", "一、基本信息", "phone", parent="联系人"),
        ]
    )
    t = table(
        1,
        100,
        [
            (0, 0, "企业名称"),
            (0, 1, "武汉光谷智造科技有限公司", 1, 3),
            (1, 0, "联系人", 2, 1),
            (1, 1, "姓名"),
            (1, 2, "金浩"),
            (1, 3, "手机"),
            (1, 4, "18071501083"),
            (2, 1, "传真"),
            (2, 2, "______"),
            (3, 0, "负责人"),
            (3, 1, "姓名"),
            (3, 2, "杜艳"),
        ],
    )
    page = Page(1, 595, 842, "text", [line("一、基本信息", 50, 60)], [t])
    assert run(n, [page]) == {
        "applicant.name": "武汉光谷智造科技有限公司",
        "contact.name": "金浩",
        "contact.mobile": "18071501083",
        "leader.name": "杜艳",
    }


def test_inline_values_units_and_label_boundaries() -> None:
    n = notice(
        [
            field("eq.total", "可连接设备数量", "1.1 设备", "integer"),
            field("eq.running", "运行设备", "1.1 设备", "integer"),
            field("eq.other", "其它设备", "1.1 设备", "integer"),
            field("ent.industrial", "工业企业数", "1.1 设备", "integer"),
            field("ent.paying", "付费工业企业数", "1.1 设备", "integer"),
        ]
    )
    lines = [
        line("1.1 设备", 50, 60),
        line("☑ 可连接设备数量： 6,355,431 台/套", 50, 80),
        line("其中，运行设备 2,933,352 台/套；其它设备 ______ 台/套", 50, 100),
        line("其中，工业企业数： 96279 个，付费工业企业数： 23,159 个", 50, 120),
    ]
    assert run(n, [Page(1, 595, 842, "text", lines)]) == {
        "eq.total": 6355431,
        "eq.running": 2933352,
        "ent.industrial": 96279,
        "ent.paying": 23159,
    }


def test_checkbox_groups_across_rows_of_a_spanning_label() -> None:
    n = notice(
        [
            field("p.mode", "建设方式", "平台", "choice", options=["自建", "合作共建"]),
            field("p.partner", "合作企业名称", "平台", layout="inline", labels=["请注明合作企业名称"]),
            field("p.safe", "具有数据安全防护", "平台", "bool"),
            field("p.tech", "运用以下技术", "平台", "multichoice", options=["5G", "大数据", "人工智能"]),
        ]
    )
    t = table(
        1,
        100,
        [
            (0, 0, "建设方式", 2, 1),
            (0, 1, "□自建"),
            (1, 1, "☑合作共建 请注明合作企业名称 重庆航宇数字科技股份有限公司"),
        ],
    )
    lines = [
        line("平台", 50, 60),
        line("具有数据安全防护： ☑是 □否", 50, 200),
        line("运用以下技术：", 50, 220),
        line("☑5G □大数据 ☑人工智能", 50, 240),
    ]
    assert run(n, [Page(1, 595, 842, "text", lines, [t])]) == {
        "p.mode": "合作共建",
        "p.partner": "重庆航宇数字科技股份有限公司",
        "p.safe": True,
        "p.tech": ["5G", "人工智能"],
    }


def test_sections_tell_repeated_labels_apart() -> None:
    n = notice(
        [
            field("solutions.industries", "覆盖的行业数量", "3.1 解决方案供给能力", "integer"),
            field("dual.industries", "覆盖的行业数量", "4.2 双链支撑能力", "integer"),
        ]
    )
    lines = [
        line("3.1 解决方案供给能力", 50, 60),
        line("覆盖的行业数量： 15 个", 50, 80),
        line("4.2 双链支撑能力", 50, 100),
        line("覆盖的行业数量： 8 个", 50, 120),
    ]
    assert run(n, [Page(1, 595, 842, "text", lines)]) == {"solutions.industries": 15, "dual.industries": 8}


def test_grids_row_by_column_and_header_rows_across_a_page_break() -> None:
    n = notice(
        [
            field(
                "ops.assets_2021",
                "总资产 2021年",
                "运营",
                "money_wan",
                layout="grid",
                labels=["总资产（万元）"],
                column="2021年",
            ),
            field(
                "ops.assets_2022",
                "总资产 2022年",
                "运营",
                "money_wan",
                layout="grid",
                labels=["总资产（万元）"],
                column="2022年",
            ),
            field("invest.total", "投资总额（万元）", "运营", "money_wan"),
            field("invest.y2021", "2021年投资额", "运营", "money_wan"),
        ]
    )
    t1 = table(
        1,
        100,
        [
            (0, 0, "单位运营状况"),
            (0, 1, "2021年"),
            (0, 2, "2022年"),
            (1, 0, "总资产（万元）"),
            (1, 1, "37282.43"),
            (1, 2, "28,485.51万元"),
            (2, 0, "平台投资情况"),
            (2, 1, "投资总额（万元）"),
            (2, 2, "2021年投资额"),
        ],
    )
    t2 = table(2, 60, [(0, 0, ""), (0, 1, "11958.43"), (0, 2, "4,766.95")])
    pages = [Page(1, 595, 842, "text", [line("运营", 50, 60)], [t1]), Page(2, 595, 842, "text", [], [t2])]
    assert run(n, pages) == {
        "ops.assets_2021": 37282.43,
        "ops.assets_2022": 28485.51,
        "invest.total": 11958.43,
        "invest.y2021": 4766.95,
    }


def test_blocks_drop_prompts_and_stop_at_the_next_heading() -> None:
    n = notice(
        [
            field(
                "intro.company",
                "1、申报单位情况简介",
                "简介",
                "longtext",
                prompts=["主要产品或服务，核心工艺或生产流程"],
            ),
            field("intro.platform", "2、平台基本情况简介", "简介", "longtext"),
        ]
    )
    lines = [
        line("简介", 50, 60),
        line("1、申报单位情况简介", 50, 80),
        line("主要产品或服务，核心工艺或生产流程", 50, 100),
        line("楚天智能主要产品为工业软件，", 50, 120),
        line("生产经营面临人才短缺。", 50, 140),
        line("2、平台基本情况简介", 50, 160),
        line("平台采用云边协同技术方案。", 50, 180),
    ]
    assert run(n, [Page(1, 595, 842, "text", lines)]) == {
        "intro.company": "楚天智能主要产品为工业软件,生产经营面临人才短缺。",
        "intro.platform": "平台采用云边协同技术方案。",
    }


def test_patterns_fill_compound_lines_and_blanks_stay_absent() -> None:
    n = notice(
        [
            field("std.national", "国家标准", "4.5 标准", "integer"),
            field("std.national_lead", "国家标准（其中牵头制定）", "4.5 标准", "integer", layout="pattern"),
            field("std.industry_lead", "行业标准（其中牵头制定）", "4.5 标准", "integer", layout="pattern"),
        ],
        patterns=[
            {
                "section": "4.5 标准",
                "regex": "国家标准：[^个]*个,其中牵头制定(?P<n>[^个]*)个行业标准：[^个]*个,其中牵头制定(?P<i>[^个]*)个",
                "groups": {"n": "std.national_lead", "i": "std.industry_lead"},
            }
        ],
    )
    lines = [
        line("4.5 标准", 50, 60),
        line("国家标准： 26 个，其中牵头制定 14 个", 50, 80),
        line("行业标准： 24 个，其中牵头制定 ______ 个", 50, 100),
    ]
    assert run(n, [Page(1, 595, 842, "text", lines)]) == {"std.national": 26, "std.national_lead": 14}


def test_ocr_confidence_lowers_field_confidence() -> None:
    n = notice([field("a.name", "企业名称", "基本信息")])

    def conf_for(ocr_conf: float) -> float:
        lines = [
            line("基本信息", 50, 60, source="ocr"),
            line("企业名称：武汉光谷智造科技有限公司", 50, 80, source="ocr", conf=ocr_conf),
        ]
        flow = build_flow(Document("t.pdf", [Page(1, 595, 842, "ocr", lines)]), n.sections)
        return extract_fields(flow, n)["a.name"].confidence

    assert conf_for(0.99) > conf_for(0.80) > conf_for(0.5)
    assert conf_for(0.5) < 0.6


# -- printed pairs: values up to the next pair, text values of a pair, a pair as a right cell ----

import pytest  # noqa: E402

from shenbao.core.notice import FieldSpec, Notice  # noqa: E402
from shenbao.ingest.candidates import LabelIndex, cell_candidates, inline_candidates, inline_value, pair_text_value  # noqa: E402
from shenbao.ingest.flow import Segment  # noqa: E402
from shenbao.ingest.pairs import flow_pairs, segment_pairs  # noqa: E402


def one_segment(*texts: str) -> Segment:
    return Segment(0, 1, [line(t, 50, 100 + i * 14) for i, t in enumerate(texts)])


def spec_of(type_: str) -> FieldSpec:
    return FieldSpec(key="k", label="标签", section="s", type=type_)


def test_inline_value_stops_at_the_next_printed_pair() -> None:
    seg = one_segment("员工人数：    研发人员：35")
    colon, next_label = seg.hay.text.index("："), seg.hay.text.index("研")
    assert inline_value(seg.hay, colon, spec_of("integer"), seg, 100.0, 1.0) is None  # "研发人员…" is no number
    blank = inline_value(seg.hay, colon, spec_of("integer"), seg, 100.0, 1.0, limit=next_label)
    assert blank is not None
    assert blank.blank
    assert blank.anchor == (0, colon + 1)


def test_inline_value_of_boxes_stops_at_the_next_printed_pair() -> None:
    seg = one_segment("是否国家级：☑是 □否  是否省级：□是 ☑否")
    colon, next_label = seg.hay.text.index("："), seg.hay.text.index("是否省级")
    cand = inline_value(seg.hay, colon, spec_of("bool"), seg, 100.0, 1.0, limit=next_label)
    assert cand is not None
    assert cand.raw == "☑是 □否"


@pytest.mark.parametrize(
    ("text", "label_end", "type_", "raw"),
    [
        ("总资产（万元）：3560.25", 3, "money_wan", "3560.25"),  # the label's unit in brackets is skipped
        ("申报日期：二〇二二年三月十一日", 4, "date", "二〇二二年三月十一日"),
        ("成立时间：2016年10月1日", 4, "date", "2016年10月1日"),
    ],
)
def test_inline_value_as_printed(text: str, label_end: int, type_: str, raw: str) -> None:
    seg = one_segment(text)
    cand = inline_value(seg.hay, label_end, spec_of(type_), seg, 100.0, 1.0)
    assert cand is not None
    assert cand.raw == raw


@pytest.mark.parametrize(
    ("texts", "raw"),
    [
        (("申报单位：（盖章）武汉光谷智造科技有限公司",), "武汉光谷智造科技有限公司"),
        (("申报单位：武汉光谷智造科技有限公司（盖章）",), "武汉光谷智造科技有限公司"),
        (("联系人：张三；电话：12345678",), "张三"),
        (("单位地址：湖北省武汉市东湖新技术开发区", "高新大道999号"), "湖北省武汉市东湖新技术开发区\n高新大道999号"),
        (("建设方式：自建☑",), "自建"),
    ],
)
def test_pair_text_value(texts: tuple[str, ...], raw: str) -> None:
    seg = one_segment(*texts)
    pair = segment_pairs(seg)[0]
    cand = pair_text_value(seg.hay, pair.value_start, pair.value_end, spec_of("text"), seg, 100.0, 1.0)
    assert (cand.raw, cand.blank) == (raw, False)


@pytest.mark.parametrize("text", ["联系人：", "联系人：   ", "联系人：______"])
def test_pair_text_value_blank(text: str) -> None:
    seg = one_segment(text)
    pair = segment_pairs(seg)[0]
    cand = pair_text_value(seg.hay, pair.value_start, pair.value_end, spec_of("text"), seg, 100.0, 1.0)
    assert cand.blank
    assert cand.raw == ""


def test_label_cell_whose_right_cell_is_a_pair_is_left_blank() -> None:
    """ "联系人：" | "联系电话：027-…": the right cell is the phone's pair, not the contact's name."""
    n = notice([field("c.name", "联系人", "基本信息"), field("c.phone", "联系电话", "基本信息", "phone")])
    t = table(1, 100, [(0, 0, "联系人："), (0, 1, "联系电话：027-87654321", 1, 2)])
    page = Page(1, 595, 842, "text", [line("基本信息", 50, 60)], [t])
    assert run(n, [page]) == {"c.phone": "027-87654321"}
    flow = build_flow(Document("t.pdf", [page]), n.sections)
    assert cell_candidates(flow, n.field("c.name"), LabelIndex(n), flow.segments) == []


def test_label_cell_with_a_boxed_pair_on_its_right_is_still_read() -> None:
    n = notice([field("p.safe", "数据安全", "平台", "bool")])
    t = table(1, 100, [(0, 0, "数据安全"), (0, 1, "是否具备：☑是 □否", 1, 2)])
    assert run(n, [Page(1, 595, 842, "text", [line("平台", 50, 60)], [t])]) == {"p.safe": True}


def test_cell_holding_its_own_pair_is_not_a_label_cell() -> None:
    """ "组织机构代码：9142…" with a filled cell to its right: label and value in one cell."""
    n = notice([field("a.code", "组织机构代码", "基本信息", "org_code")])
    t = table(1, 100, [(0, 0, "组织机构代码：91420117MAGMACGL76", 1, 3), (0, 3, "成立时间：2016年10月1日", 1, 3)])
    flow = build_flow(Document("t.pdf", [Page(1, 595, 842, "text", [line("基本信息", 50, 60)], [t])]), n.sections)
    assert [c.raw for c in inline_candidates(flow, n.field("a.code"), flow.segments, flow_pairs(flow))] == [
        "91420117MAGMACGL76"
    ]


# -- scans: streaks, split columns, wrapped values, page breaks -----------------------------------

from shenbao.ingest.matching import typed_value  # noqa: E402

OCR_HEADING = line("基本信息", 50, 60, source="ocr")


def ocr_row(top: float, cells: list[tuple[float, float, str, float, float]], page: int = 1) -> Table:
    """One OCR table row: (cell x0, cell x1, text, text x0, text x1) per cell."""
    out = [
        Cell(
            0,
            col,
            (x0, top, x1, top + 20),
            [Line(text, (tx0, top + 4, tx1, top + 16), page, 0.99, "ocr")] if text else [],
        )
        for col, (x0, x1, text, tx0, tx1) in enumerate(cells)
    ]
    return Table(page, (out[0].bbox[0], top, out[-1].bbox[2], top + 20), out)


def ocr_run(n: Notice, t: Table) -> dict[str, object]:
    return run(n, [Page(1, 595, 842, "ocr", [OCR_HEADING], [t])])


def test_value_cut_by_a_streak_it_touches_on_both_sides_is_one_value() -> None:
    n = notice([field("rev", "营业收入", "基本信息", "money_wan", unit="万元")])
    t = ocr_row(100, [(50, 150, "营业收入", 52, 100), (150, 200, "1608", 151, 199), (200, 320, "84. 17万元", 201, 300)])
    assert ocr_run(n, t) == {"rev": pytest.approx(160884.17)}


def test_value_beside_a_real_ruling_is_not_joined_across_it() -> None:
    n = notice([field("rev", "营业收入", "基本信息", "money_wan", unit="万元")])
    t = ocr_row(100, [(50, 150, "营业收入", 52, 100), (150, 250, "1608", 156, 200), (250, 350, "84", 256, 280)])
    assert ocr_run(n, t) == {"rev": pytest.approx(1608)}


def test_label_cut_by_a_streak_reads_as_one_label() -> None:
    n = notice([field("credit", "信用等级", "基本信息")])
    t = ocr_row(100, [(50, 120, "企业信用", 52, 119), (120, 160, "等级", 121, 146), (160, 300, "AAA", 170, 206)])
    assert ocr_run(n, t) == {"credit": "AAA"}


def test_narrow_cell_with_a_lone_box_keeps_it_and_takes_the_options_beyond() -> None:
    n = notice([field("listed", "是否上市", "基本信息", "bool")])
    t = ocr_row(100, [(50, 150, "是否上市", 52, 100), (150, 180, "□", 155, 167), (180, 300, "是 ☑否", 185, 245)])
    assert ocr_run(n, t) == {"listed": False}


def test_sliver_holding_a_labels_last_character_is_skipped() -> None:
    n = notice([field("code", "组织机构代码", "基本信息", "org_code")])
    t = ocr_row(
        100,
        [(50, 150, "组织机构代", 52, 112), (150, 180, "马", 155, 167), (180, 420, "91420117MAGMACGL76", 185, 400)],
    )
    assert ocr_run(n, t) == {"code": "91420117MAGMACGL76"}


def test_organisation_name_wrapped_onto_the_next_line_is_one_name() -> None:
    seg = one_segment("单位名称：湘江工业互联", "网科技有限公司")
    cand = inline_value(seg.hay, seg.hay.text.index("："), spec_of("text"), seg, 100.0, 1.0)
    assert cand is not None
    assert cand.raw.replace("\n", "") == "湘江工业互联网科技有限公司"


def test_phone_wrapped_inside_its_pair_ends_on_the_next_line() -> None:
    seg = one_segment("固定电话：０７３６－５６", "１５１０２４")
    colon = seg.hay.text.index("：")
    cand = inline_value(seg.hay, colon, spec_of("phone"), seg, 100.0, 1.0, limit=len(seg.hay.text))
    assert cand is not None
    assert typed_value(spec_of("phone"), cand) == "0736-56151024"


def test_group_label_of_a_tables_last_row_printed_overleaf() -> None:
    """The page break cut the row: "平台收入情况（如有）" heads the next page's part of the table."""
    n = notice([field("p.rev", "营业收入", "基本信息", "money_wan", unit="万元", context=["平台收入情况"])])
    first = table(1, 700, [(0, 1, "单位名称"), (0, 2, "某公司"), (1, 1, "营业收入"), (1, 2, "35.5")])
    overleaf = table(2, 60, [(0, 0, "平台收入情况（如有）"), (0, 1, ""), (0, 2, "")])
    page1 = Page(1, 595, 842, "text", [line("基本信息", 50, 60)], [first])
    assert run(n, [page1, Page(2, 595, 842, "text", [], [overleaf])]) == {"p.rev": 35.5}
    assert run(n, [page1]) == {}


def test_value_printed_overleaf_of_its_label_reports_its_own_page() -> None:
    n = notice([field("p.intro", "项目简介", "基本信息")])
    first = table(1, 700, [(0, 0, "单位名称"), (0, 1, "某公司"), (1, 0, "项目简介")])
    overleaf = table(2, 60, [(0, 0, "本项目建设工业互联网平台")])
    page1 = Page(1, 595, 842, "text", [line("基本信息", 50, 60)], [first])
    flow = build_flow(Document("t.pdf", [page1, Page(2, 595, 842, "text", [], [overleaf])]), n.sections)
    cands = cell_candidates(flow, n.field("p.intro"), LabelIndex(n), flow.segments)
    assert [(c.raw, c.page) for c in cands] == [("本项目建设工业互联网平台", 2)]


# -- built-in notices' patterns -----------------------------------------------------------------

from typing import Any  # noqa: E402

from shenbao.ingest.candidates import pattern_candidates  # noqa: E402
from shenbao.plugins.manager import get_manager  # noqa: E402


def pattern_values(notice_id: str, texts: list[str]) -> dict[str, Any]:
    """Typed values the notice's patterns read from ``texts`` printed one under another."""
    n = get_manager().notice(notice_id)
    lines = [line(t, 50, 60 + 20 * i) for i, t in enumerate(texts)]
    flow = build_flow(Document("t.pdf", [Page(1, 595, 842, "text", lines, [])]), n.sections)
    return {c.key: typed_value(n.field(c.key), c) for c in pattern_candidates(flow, n) if c.raw}


def test_shuangkua_seal_date_in_chinese_numerals() -> None:
    got = pattern_values("miit-2022-shuangkua", ["一、申报企业基本信息", "公章：", "二〇二二年三月十二日"])
    assert got["commitment.date"] == "2022-03-12"


def test_hunan_seal_date_in_chinese_numerals() -> None:
    got = pattern_values("hunan-2023-platform", ["真实性承诺", "申报单位（盖章）：", "二〇二三年二月十六日"])
    assert got["commitment.date"] == "2023-02-16"


def test_hunan_project_period_label_without_its_last_character() -> None:
    got = pattern_values("hunan-2023-platform", ["（一）申报单位基本信息", "项目起止时：2021年4月至2023年12月"])
    assert (got["project.start"], got["project.end"]) == ("2021-04", "2023-12")


def test_shuangkua_rd_amounts_and_ratios_past_an_underline() -> None:
    got = pattern_values(
        "miit-2022-shuangkua",
        ["5.2 公司资源调配能力*", "企业研发投入：152402.02、116,577.96万元_占主营业务收入8.7%8.6%"],
    )
    assert {k: v for k, v in got.items() if k.startswith("rd.")} == {
        "rd.investment_2020": pytest.approx(152402.02),
        "rd.investment_2021": pytest.approx(116577.96),
        "rd.ratio_2020": pytest.approx(8.7),
        "rd.ratio_2021": pytest.approx(8.6),
    }
