"""The 推荐汇总表 a notice asks recommenders to fill, as plugins build it for the export.

Each notice plugin binds a builder with the exact columns its notice prints to its notice
(``notice_registration(NOTICE, summary=...)``); the review desk writes the table to XLSX.
Most columns are "title <- first present field": they are data, a ``summary.toml`` in the
plugin folder read by :class:`ColumnSummary`::

    title = "2022 年跨行业跨领域工业互联网平台推荐信息汇总表"
    header_lines = ["推荐单位（盖章）："]   # optional; sheet_name too (default 汇总表)
    order_by = "recommender.rank"          # optional: numeric rank first, then upload order

    [[columns]]                            # 序号 comes first by itself
    title = "依托企业"
    from = ["applicant.name", "platform.builder"]   # the first present field, as text
    # or: join = [["contact.mobile"], ["contact.email"]] with sep = " " (present parts joined)
    # or: raw = "project.requested_amount"          (the value itself, not text)
    # or: computed = "granted"                      (a function the plugin passes by name)
    # transform = "city_county" | "park"            (applied to the text of from/join)
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shenbao.plugins.exceptions import NoticeDefinitionError

if TYPE_CHECKING:
    from shenbao.plugins.notice import Notice

Submission = dict[str, Any]
Cell = Callable[[Submission], Any]


@dataclass
class SummaryTable:
    title: str  # the table's printed title, e.g. 2022 年跨行业跨领域工业互联网平台推荐信息汇总表
    columns: list[str]  # exactly the notice's column headers, 序号 first
    rows: list[list[Any]] = field(default_factory=list)  # one list per submission, in column order
    header_lines: list[str] = field(default_factory=list)  # printed lines above the table (推荐单位（盖章）：)
    sheet_name: str = "汇总表"


def text(values: dict[str, Any], *keys: str) -> str:
    """The first present value of ``keys`` as text ("" when none)."""
    for key in keys:
        value = values.get(key)
        if value not in (None, "", []):
            if isinstance(value, list):
                return "、".join(str(v) for v in value)
            if isinstance(value, float) and value.is_integer():
                return str(int(value))
            return str(value)
    return ""


def joined(*parts: str, sep: str = " ") -> str:
    return sep.join(p for p in parts if p)


def numbered(rows: list[list[Any]]) -> list[list[Any]]:
    """Prefix 序号 1..n."""
    return [[i, *row] for i, row in enumerate(rows, 1)]


_REGION = re.compile(r"(?:湖南省)?(?P<city>[^省市州]{1,8}?(?:市|州|自治州))(?P<county>[^市州县区]{1,8}?(?:县|市|区))?")


def city_county(address: str) -> str:
    """``湖南省长沙市岳麓区…`` -> ``长沙市/岳麓区`` (what the address says, else "")."""
    match = _REGION.search(address or "")
    if not match:
        return ""
    return "/".join(p for p in (match.group("city"), match.group("county")) if p)


_PARK = re.compile(
    r"[\u4e00-\u9fa5（）()]{2,20}?(?:产业园区|工业园区|产业园|工业园|科技园|园区|高新技术产业开发区|经济技术开发区|高新区|开发区|经开区)"
)


def park(address: str) -> str:
    """The 园区/开发区 named in an address, else ""."""
    match = _PARK.search(re.sub(r"^.*?(?:市|州)(?:[^市州县区]{1,8}?(?:县|区))?", "", address or "", count=1))
    return match.group() if match else ""


TRANSFORMS: dict[str, Callable[[str], str]] = {"city_county": city_county, "park": park}
COLUMN_KINDS = ("from", "join", "raw", "computed")


def _rank(submission: Submission, key: str) -> tuple[int, int]:
    rank = submission.get(key)
    return (0, int(rank)) if isinstance(rank, (int, float)) else (1, 0)


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
        ordered = sorted(submissions, key=lambda s: _rank(s, self.order_by)) if self.order_by else submissions
        rows = [[cell(s) for cell in self.cells] for s in ordered]
        return SummaryTable(
            title=self.title,
            columns=list(self.columns),
            rows=numbered(rows),
            header_lines=list(self.header_lines),
            sheet_name=self.sheet_name,
        )
