"""Grid values read by position under their column header when a row's rulings are lost."""

from __future__ import annotations

import pytest
from page_builders import extract, field, flow_of, line, notice, page, run

from shenbao.core.notice import Notice
from shenbao.ingest import confidence as C
from shenbao.ingest.aligned import aligned_candidates
from shenbao.ingest.document import Cell, Line, Page, Table

S = "运营情况"


def tax_notice(**extra: object) -> Notice:
    return notice(
        [
            field(
                f"tax.{year}",
                f"税金 {year}年",
                S,
                "money_wan",
                layout="grid",
                labels=["税金（万元）"],
                column=f"{year}年",
                **extra,
            )
            for year in (2020, 2021)
        ]
    )


def header_lines(y: float = 100) -> list[Line]:
    return [line("指标", 50, y), line("2020年", 220, y), line("2021年", 360, y)]


def tax_row(y: float = 130) -> list[Line]:
    return [line("税金（万元）", 50, y), line("78,979,000元", 200, y), line("12641.25万元", 350, y)]


def test_loose_lines_under_their_column_headers() -> None:
    """An applicant's table printed without rules: every piece of text is a loose line."""
    assert run(tax_notice(), [page([line(S, 50, 60), *header_lines(), *tax_row()])]) == {
        "tax.2020": 7897.9,
        "tax.2021": 12641.25,
    }


def test_row_read_as_one_wide_cell() -> None:
    """The scan's vertical rules of the row were lost: label and both values in one cell."""
    header = [
        Cell(0, i, (x0, 95, x0 + 140, 115), [head])
        for i, (x0, head) in enumerate(zip((50, 190, 330), header_lines(), strict=False))
    ]
    wide = Cell(1, 0, (50, 115, 470, 145), tax_row(122), 1, 3)
    t = Table(1, (50, 95, 470, 145), [*header, wide])
    got = extract(tax_notice(), [page([line(S, 50, 60)], [t])])
    assert {k: f.value for k, f in got.items()} == {"tax.2020": 7897.9, "tax.2021": 12641.25}
    assert got["tax.2021"].confidence == pytest.approx(C.LAYOUT_TRUST["aligned"] * C.PRIOR_ALIGNED)


def candidates(n: Notice, pages: list[Page], key: str = "tax.2021") -> list[str]:
    flow = flow_of(n, pages)
    return [c.raw for c in aligned_candidates(flow, n.field(key), flow.segments)]


def test_candidate_is_the_line_under_the_header_on_the_label_row() -> None:
    lines = [line(S, 50, 60), *header_lines(), *tax_row(), line("利润（万元）", 50, 160), line("999.00", 350, 160)]
    assert candidates(tax_notice(), [page(lines)]) == ["12641.25万元"]


def test_text_left_of_the_row_label_is_not_its_value() -> None:
    lines = [
        line(S, 50, 60),
        line("2021年", 60, 100),
        line("12641.25", 40, 130, width=50),  # under the header
        line("税金（万元）", 100, 130),
    ]
    assert candidates(tax_notice(), [page(lines)]) == []


def test_header_far_above_is_not_the_column() -> None:
    lines = [line(S, 50, 20), *header_lines(40), *tax_row(40 + 420)]
    assert candidates(tax_notice(), [page(lines)]) == []


def test_header_below_the_row_is_not_the_column() -> None:
    lines = [line(S, 50, 60), *tax_row(100), *header_lines(130)]
    assert candidates(tax_notice(), [page(lines)]) == []


def test_label_alone_in_its_cell_is_left_to_the_ruled_grid() -> None:
    label_cell = Cell(1, 0, (50, 125, 190, 145), [line("税金（万元）", 52, 130)])
    value_cell = Cell(1, 2, (330, 125, 470, 145), [line("12641.25万元", 350, 130)])
    t = Table(1, (50, 125, 470, 145), [label_cell, value_cell])
    assert candidates(tax_notice(), [page([line(S, 50, 60), *header_lines()], [t])]) == []


def test_fields_with_a_row_index_or_without_a_column_are_not_aligned() -> None:
    lines = [line(S, 50, 60), *header_lines(), *tax_row()]
    assert candidates(tax_notice(row=1), [page(lines)]) == []
    no_column = notice([field("tax", "税金（万元）", S, "money_wan", layout="grid")])
    assert candidates(no_column, [page(lines)], "tax") == []
