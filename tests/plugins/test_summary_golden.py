"""Each notice's 推荐汇总表, cell for cell, against a golden file per notice.

The submissions are the truth values of the notice's dev samples plus variations that
reach every branch of its computed columns (categories, caps, missing inputs, ranks).
``SHENBAO_REGEN_GOLDEN=1`` rewrites the golden files.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from shenbao.plugins.manager import get_manager

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("golden") / "summary"
NOTICE_IDS = sorted(get_manager().notices)
VARIATIONS: list[dict[str, Any]] = [
    {"project.category": "首次获评国家“双跨”工业互联网平台", "project.requested_amount": 600.0},
    {"project.category": "首次获批国家试点示范企业或项目", "project.requested_amount": 100.0},
    {"project.category": "第三方工业互联网安全服务机构", "project.requested_amount": 80.0},
    {"project.category": "第三方工业互联网安全服务机构", "security.revenue_total": 500.0},
    {
        "project.category": "第三方工业互联网安全服务机构",
        "security.revenue_total": 2000.0,
        "project.requested_amount": 150,
    },
    {
        "project.category": "第三方工业互联网安全服务机构",
        "security.revenue_total": 350.0,
        "project.requested_amount": 20,
    },
    {"project.category": "工业互联网标识解析二级节点", "project.requested_amount": 250.0},
    {
        "project.category": "市级行业工业互联网平台",
        "project.requested_amount": 150.0,
        "_findings": ["rule:platform.devices_min"],
    },
    {"project.category": "其他", "project.requested_amount": 10.0},
    {"recommender.rank": 2, "project.direction": "方向甲", "contact.email": "a@b.cn"},
    {"recommender.rank": 1.0, "cover.platform_name": "封面平台", "cover.company": "封面公司", "leader.mobile": "139"},
    {"applicant.address": "湖南省株洲市天元区株洲高新技术产业开发区栗雨工业园", "leader.name": "李四"},
    {"platform.builder": "依托公司", "contact.phone": "027-1", "platform.name": ["甲", "乙"]},
]


def submissions(notice_id: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted((ROOT / "samples" / notice_id).glob("*.truth.json")):
        if path.name.endswith(".scan.truth.json"):
            continue
        truth = json.loads(path.read_text(encoding="utf-8"))
        rows.append({**truth["fields"], "_findings": [f for f in truth["findings"] if f.startswith("rule:")]})
    base = rows[0] if rows else {}
    rows += [{**base, "_findings": [], **variation} for variation in VARIATIONS]
    return [{**row, "_id": i} for i, row in enumerate(rows, 1)]


@pytest.mark.parametrize("notice_id", NOTICE_IDS)
def test_summary_table_matches_its_golden_file(notice_id: str) -> None:
    manager = get_manager()
    table = manager.summary_table(manager.notice(notice_id), submissions(notice_id))
    assert table is not None
    got = json.loads(json.dumps(asdict(table), ensure_ascii=False))
    golden = GOLDEN / f"{notice_id}.json"
    if os.environ.get("SHENBAO_REGEN_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))
    assert len(table.rows) == len(submissions(notice_id)) > len(VARIATIONS)
