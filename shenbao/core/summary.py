"""The 推荐汇总表 a notice asks recommenders to fill, as plugins build it for the export.

Each notice plugin binds a builder with the exact columns its notice prints to its notice
(``notice_registration(NOTICE, summary=...)``); the review desk writes the table to XLSX.
This module holds the table type and the cell helpers; the generic builder over a plugin's
``summary.toml`` is :class:`shenbao.plugins.summary.ColumnSummary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# key of a submission row given to a builder: the bureau's 推荐排序 (1 = first row), set by the
# desk for a recommended packet; rows with it come first, in its order
RANK_KEY = "_recommend_rank"


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
