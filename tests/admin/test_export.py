"""Exports: the 推荐汇总表 of each notice in exactly its columns, and all fields (the builder bound to each notice)."""

from __future__ import annotations

import csv
import io

import pytest
from admin_helpers import field, login, sample, save, upload
from openpyxl import load_workbook

COLUMNS = {
    "miit-2022-shuangkua": ["序号", "工业互联网平台名称", "依托企业", "联系人", "联系方式（手机）"],
    "hunan-2023-platform": ["序号", "平台名称", "建设单位", "所在市州/县市区", "所在园区", "联系人及电话"],
    "miit-2023-pilot": ["序号", "项目名称", "项目类别和方向", "申报单位名称", "联系人", "联系方式（手机与邮箱）"],
    "wuhan-fund-2022": [
        "序号",
        "申报单位名称",
        "所在区（开发区）",
        "项目名称",
        "申报类别",
        "申请支持金额（万元）",
        "拟支持金额（万元）",
        "备注",
    ],
}


def sheet_rows(data: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def header_index(rows: list[list], columns: list[str]) -> int:
    return next(i for i, row in enumerate(rows) if row[: len(columns)] == columns)


@pytest.mark.parametrize("notice", sorted(COLUMNS))
def test_summary_table_columns_and_cells(app, client, samples, notice):
    token = login(client, app, "rev", "reviewer")
    status = upload(client, token, [(sample(samples, notice, n), f"{n}.pdf") for n in (1, 2)])
    ids = [f["submission"] for f in status["files"]]
    response = client.get(f"/export/summary/{notice}.xlsx?draft=1")
    assert response.status_code == 200
    assert "spreadsheetml" in response.mimetype
    rows = sheet_rows(response.data)
    head = header_index(rows, COLUMNS[notice])
    assert rows[head] == COLUMNS[notice]  # exactly the notice's columns, nothing more
    data = rows[head + 1 :]
    assert [r[0] for r in data] == [1, 2]
    names = {field(app, sid, "applicant.name").value for sid in ids}
    columns = {"miit-2022-shuangkua": 2, "hunan-2023-platform": 2, "miit-2023-pilot": 3, "wuhan-fund-2022": 1}
    company_col = columns[notice]
    assert {r[company_col] for r in data} == names


def test_pilot_cells_follow_corrections(app, client, samples):
    token = login(client, app, "rev", "reviewer")
    sid = upload(client, token, [(sample(samples, "miit-2023-pilot", 1), "1.pdf")])["files"][0]["submission"]
    save(client, token, sid, "contact.name", "王小明", field(app, sid, "contact.name").version)
    row = sheet_rows(client.get("/export/summary/miit-2023-pilot.xlsx?draft=1").data)[-1]
    values = {
        k: field(app, sid, k).value
        for k in ("project.name", "project.category", "project.direction", "contact.mobile", "contact.email")
    }
    assert row == [
        1,
        values["project.name"],
        f"{values['project.category']}/{values['project.direction']}",
        field(app, sid, "applicant.name").value,
        "王小明",
        f"{values['contact.mobile']} {values['contact.email']}",
    ]


def test_wuhan_support_amount_per_article_5():
    from functools import partial

    from shenbao.plugins.wuhan_fund_2022 import NOTICE
    from shenbao.plugins.wuhan_fund_2022.summary import support_amount as amount_of

    support_amount = partial(amount_of, NOTICE)

    assert support_amount({"project.category": "首次获评国家“双跨”工业互联网平台"}) == 500
    assert support_amount({"project.category": "首次获批国家试点示范企业或项目", "project.requested_amount": 80}) == 100
    security = {"project.category": "第三方工业互联网安全服务机构", "security.revenue_total": 650.0}
    assert support_amount({**security, "project.requested_amount": 90}) == 65.0  # 10% of revenue
    assert support_amount({**security, "security.revenue_total": 2500, "project.requested_amount": 150}) == 100
    assert support_amount({**security, "project.requested_amount": 40}) == 40  # never above the request
    assert support_amount({"project.category": "市级行业工业互联网平台", "project.requested_amount": 260}) == 200
    assert support_amount({"project.category": "工业互联网标识解析二级节点", "project.requested_amount": 150}) == 150
    assert support_amount({"project.category": "第三方工业互联网安全服务机构"}) is None


def summary(manager, notice_id, rows):
    table = manager.summary_table(manager.notice(notice_id), rows)
    assert table is not None, f"no plugin builds the 汇总表 of {notice_id}"
    return table


def test_bound_summary_table_through_the_manager():
    """``PluginManager.summary_table`` calls the builder bound to the notice by its own plugin."""
    from shenbao.plugins.manager import get_manager

    manager = get_manager()
    for notice_id, columns in COLUMNS.items():
        rows = [
            {
                "applicant.name": "甲公司",
                "applicant.address": "湖南省长沙市岳麓区麓谷工业园1号",
                "project.category": "市级行业工业互联网平台",
                "project.requested_amount": 300.0,
                "cover.contact": "张三",
                "cover.phone": "13800000000",
                "_findings": [],
            }
        ]
        table = summary(manager, notice_id, rows)
        assert table.columns == columns
        assert len(table.rows) == 1
        assert table.rows[0][0] == 1
    hunan = summary(manager, "hunan-2023-platform", rows).rows[0]
    assert hunan[3:6] == ["长沙市/岳麓区", "麓谷工业园", "张三 13800000000"]
    wuhan = summary(manager, "wuhan-fund-2022", rows).rows[0]
    assert wuhan[6] == 200.0
    assert "200" in wuhan[7]
    failing = [{**rows[0], "_findings": ["rule:platform.devices_min"]}]
    assert summary(manager, "wuhan-fund-2022", failing).rows[0][6] == 0.0


def test_full_exports_have_every_field(app, client, samples):
    from shenbao.plugins.manager import get_manager

    token = login(client, app, "rev", "reviewer")
    files = [(sample(samples, "miit-2023-pilot", 1), "1.pdf"), (sample(samples, "wuhan-fund-2022", 1), "2.pdf")]
    upload(client, token, files)
    text = client.get("/export/all.csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    manager = get_manager()
    expected = len(manager.notice("miit-2023-pilot").fields) + len(manager.notice("wuhan-fund-2022").fields)
    assert len(rows) == expected
    assert {r["key"] for r in rows} >= {"applicant.name", "project.category"}
    wb = load_workbook(io.BytesIO(client.get("/export/all.xlsx").data))
    ws = wb["miit-2023-pilot"]
    header = [c.value for c in ws[1]]
    assert len(header) == 7 + len(manager.notice("miit-2023-pilot").fields) + 1
    assert ws.max_row == 2


def test_clerk_cannot_export(app, client):
    login(client, app, "c", "clerk")
    assert client.get("/export/summary/miit-2023-pilot.xlsx").status_code == 403
    assert client.get("/export/all.csv").status_code == 403
