"""Reading order: a heading a scan's ruling detection took into a table keeps its place."""

from __future__ import annotations

from page_builders import field, flow_of, line, notice, page, run

from shenbao.ingest.document import Cell, Line, Table
from shenbao.ingest.flow import Flow

S1, S2 = "一、申报单位信息", "二、平台信息"


def two_sections():
    return notice(
        [
            field("applicant.name", "名称", S1),
            field("applicant.addr", "地址", S1),
            field("platform.name", "名称", S2),
            field("platform.url", "网址", S2),
        ]
    )


def cell(row: int, col: int, top: float, text: str) -> Cell:
    x0 = 50 + col * 150
    return Cell(row, col, (x0, top, x0 + 150, top + 20), [line(text, x0 + 2, top + 4)])


def swallowing_table() -> tuple[Table, Line]:
    """Rows 0-1 of section one, a gap where the heading of section two is printed, rows 2-3."""
    cells = [
        cell(0, 0, 100, "名称"),
        cell(0, 1, 100, "武汉光谷智造科技有限公司"),
        cell(1, 0, 120, "地址"),
        cell(1, 1, 120, "武汉市东湖高新区"),
        cell(2, 0, 170, "名称"),
        cell(2, 1, 170, "光谷工业云平台"),
        cell(3, 0, 190, "网址"),
        cell(3, 1, 190, "www.whgg.cn"),
    ]
    return Table(1, (50, 100, 350, 210), cells), line(S2, 50, 148)


def texts(flow: Flow) -> list[str]:
    return [s.text for s in flow.segments]


def test_heading_inside_a_table_box_stands_between_its_rows() -> None:
    t, heading = swallowing_table()
    flow = flow_of(two_sections(), [page([line(S1, 50, 60), heading], [t])])
    assert texts(flow) == [
        S1,
        "名称",
        "武汉光谷智造科技有限公司",
        "地址",
        "武汉市东湖高新区",
        S2,
        "名称",
        "光谷工业云平台",
        "网址",
        "www.whgg.cn",
    ]
    assert [s.section for s in flow.segments] == [S1] * 5 + [S2] * 5
    assert all(s.table is t for s in flow.segments if s.cell is not None)


def test_rows_after_the_heading_fill_the_second_sections_fields() -> None:
    t, heading = swallowing_table()
    assert run(two_sections(), [page([line(S1, 50, 60), heading], [t])]) == {
        "applicant.name": "武汉光谷智造科技有限公司",
        "applicant.addr": "武汉市东湖高新区",
        "platform.name": "光谷工业云平台",
        "platform.url": "www.whgg.cn",
    }


def test_table_without_lines_inside_stays_one_block() -> None:
    """Lines above, beside the table's top edge and below: the table's cells are read together."""
    t, _ = swallowing_table()
    lines = [line(S1, 50, 60), line("（表格之后的说明）", 50, 230), line("表1", 400, 100)]
    flow = flow_of(two_sections(), [page(lines, [t])])
    assert texts(flow) == [
        S1,
        "名称",
        "武汉光谷智造科技有限公司",
        "地址",
        "武汉市东湖高新区",
        "名称",
        "光谷工业云平台",
        "网址",
        "www.whgg.cn",
        "表1",
        "（表格之后的说明）",
    ]
