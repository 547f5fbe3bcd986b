"""The generic 推荐汇总表 builder of notice plugins (the table type and the cell helpers are
in :mod:`shenbao.core.summary`).

Each notice plugin binds a builder with the exact columns its notice prints to its notice
(``notice_registration(NOTICE, summary=...)``); the review desk writes the table to XLSX.
Most columns are "title <- first present field": they are data, a ``summary.toml`` in the
plugin folder read by :class:`ColumnSummary`::

    title = "2022 年跨行业跨领域工业互联网平台推荐信息汇总表"
    header_lines = ["推荐单位（盖章）："]   # optional; sheet_name too (default 汇总表)
    order_by = "recommender.rank"          # optional: numeric rank first, then upload order
                                           # (the bureau's own 推荐排序, RANK_KEY, comes before it)

    [[columns]]                            # 序号 comes first by itself
    title = "依托企业"
    from = ["applicant.name", "platform.builder"]   # the first present field, as text
    # or: join = [["contact.mobile"], ["contact.email"]] with sep = " " (present parts joined)
    # or: raw = "project.requested_amount"          (the value itself, not text)
    # or: computed = "granted"                      (a function the plugin passes by name)
    # transform = "city_county" | "park"            (applied to the text of from/join)
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shenbao.core.errors import NoticeDefinitionError
from shenbao.core.summary import RANK_KEY, SummaryTable, city_county, joined, numbered, park, text

if TYPE_CHECKING:
    from shenbao.core.notice import Notice

Submission = dict[str, Any]
Cell = Callable[[Submission], Any]


TRANSFORMS: dict[str, Callable[[str], str]] = {"city_county": city_county, "park": park}
COLUMN_KINDS = ("from", "join", "raw", "computed")


def _rank(submission: Submission, key: str) -> tuple[int, int]:
    rank = submission.get(key) if key else None
    return (0, int(rank)) if isinstance(rank, (int, float)) else (1, 0)


def ordered(submissions: list[Submission], order_by: str) -> list[Submission]:
    """The bureau's 推荐排序 first, then the rank the packet prints (``order_by``), then as given."""
    return sorted(submissions, key=lambda s: (_rank(s, RANK_KEY), _rank(s, order_by)))


class ColumnSummary:
    """The generic 汇总表 builder over a ``summary.toml`` (format in the module docstring).

    ``computed`` maps a name used by ``computed = "..."`` columns to the function that
    computes the cell from one submission: the only code a notice's table needs.
    """

    def __init__(self, path: str | Path, computed: Mapping[str, Cell] | None = None) -> None:
        self.source = str(path)
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise NoticeDefinitionError(f"cannot read the summary table: {exc}", file=self.source) from None
        self.title: str = data.get("title", "")
        self.header_lines: list[str] = list(data.get("header_lines", []))
        self.sheet_name: str = data.get("sheet_name", "汇总表")
        self.order_by: str = data.get("order_by", "")
        self.columns: list[str] = ["序号"]
        self.cells: list[Cell] = []
        for column in data.get("columns", []):
            self.columns.append(str(column.get("title", "")))
            self.cells.append(self._cell(column, dict(computed or {})))

    def _cell(self, column: dict[str, Any], computed: dict[str, Cell]) -> Cell:
        kinds = [k for k in COLUMN_KINDS if k in column]
        if len(kinds) != 1 or not column.get("title"):
            raise NoticeDefinitionError(
                f"summary column {column!r} needs a title and one of {', '.join(COLUMN_KINDS)}", file=self.source
            )
        transform = TRANSFORMS.get(column.get("transform", ""), str)
        if "transform" in column and column["transform"] not in TRANSFORMS:
            raise NoticeDefinitionError(f"unknown summary transform {column['transform']!r}", file=self.source)
        if "from" in column:
            keys = tuple(column["from"])
            return lambda s: transform(text(s, *keys))
        if "join" in column:
            parts, sep = [tuple(p) for p in column["join"]], str(column.get("sep", " "))
            return lambda s: transform(joined(*(text(s, *keys) for keys in parts), sep=sep))
        if "raw" in column:
            key = str(column["raw"])
            return lambda s: s.get(key)
        name = str(column["computed"])
        if name not in computed:
            raise NoticeDefinitionError(
                f"summary column computed {name!r} is not given by the plugin", file=self.source
            )
        return computed[name]

    def __call__(self, notice: Notice, submissions: list[Submission]) -> SummaryTable:
        rows = [[cell(s) for cell in self.cells] for s in ordered(submissions, self.order_by)]
        return SummaryTable(
            title=self.title,
            columns=list(self.columns),
            rows=numbered(rows),
            header_lines=list(self.header_lines),
            sheet_name=self.sheet_name,
        )
