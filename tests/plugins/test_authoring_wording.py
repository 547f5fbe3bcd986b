"""Drafting rules on a form the drafter has never seen: a DOCX made here with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from shenbao.plugins.authoring.draft import draft_notice
from shenbao.plugins.authoring.inline import parse_text
from shenbao.plugins.authoring.recall import recall
from shenbao.plugins.authoring.wording import guess_type, normalize_label


def make_blank(path: Path) -> Path:
    doc = docx.Document()
    doc.add_paragraph("2024年某市智能制造项目申报书")
    doc.add_paragraph("申报单位：________________（盖章）")
    doc.add_paragraph("填报日期：    年   月   日")
    doc.add_paragraph("一、企业基本情况*")
    table = doc.add_table(rows=4, cols=4)
    for r, row in enumerate(
        [
            ["企业名称", "", "统一社会信用代码", ""],
            ["员工总数", "      人", "研发人员占比", "      %"],
            ["注册资本（万元）", "", "是否高新技术企业", "□是  □否"],
            ["所属行业", "□汽车  □电子  □装备  □其他（请注明）", "", ""],
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("二、项目情况")
    doc.add_paragraph("新增设备：______台/套，其中进口设备______台/套")
    doc.add_paragraph("开发工业软件______个，覆盖工序______种")
    doc.add_paragraph("应用技术（可多选）：")
    doc.add_paragraph("□5G □人工智能 □数字孪生")
    doc.add_paragraph("三、证明材料")
    doc.add_paragraph("1、营业执照复印件")
    doc.add_paragraph("2、（如有）高新技术企业证书")
    doc.add_paragraph("3、项目合同及发票")
    doc.add_paragraph("（注：材料请按顺序装订）")
    doc.save(str(path))
    return path


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory):
    draft = draft_notice(make_blank(tmp_path_factory.mktemp("blank") / "blank.docx"))
    return draft, {f.label: f for f in draft.fields}


def test_one_field_per_label_cell_blank_and_box_group(drafted) -> None:
    _, fields = drafted
    assert {
        "申报单位（盖章）",
        "填报日期",
        "企业名称",
        "统一社会信用代码",
        "员工总数",
        "研发人员占比",
        "注册资本（万元）",
        "是否高新技术企业",
        "所属行业",
        "新增设备",
        "新增设备（其中进口设备）",
        "开发工业软件",
        "覆盖工序",
        "应用技术（可多选）",
    } <= set(fields)


def test_types_from_unit_and_wording(drafted) -> None:
    _, f = drafted
    expected = {
        "填报日期": "date",
        "统一社会信用代码": "org_code",
        "员工总数": "integer",
        "研发人员占比": "percent",
        "注册资本（万元）": "money_wan",
        "是否高新技术企业": "bool",
        "所属行业": "choice",
        "新增设备": "integer",
        "开发工业软件": "integer",
        "覆盖工序": "integer",
        "应用技术（可多选）": "multichoice",
    }
    assert {k: f[k].type for k in expected} == expected
    assert f["新增设备"].unit == "台/套"
    assert f["覆盖工序"].unit == "种"
    assert f["员工总数"].unit == "人"


def test_sections_required_and_options(drafted) -> None:
    _, f = drafted
    assert f["企业名称"].section == "一、企业基本情况"
    assert f["企业名称"].required
    assert f["新增设备"].section == "二、项目情况"
    assert not f["新增设备"].required
    assert f["申报单位（盖章）"].section == "封面"
    assert f["所属行业"].options == ("汽车", "电子", "装备", "其他（请注明）")
    assert "所属行业（其他（请注明））" in f
    assert f["应用技术（可多选）"].options == ("5G", "人工智能", "数字孪生")


def test_attachments_from_the_list(drafted) -> None:
    draft, _ = drafted
    assert [(a.label, a.required) for a in draft.attachments] == [
        ("1、营业执照复印件", True),
        ("2、（如有）高新技术企业证书", False),
        ("3、项目合同及发票", True),
    ]
    keys = [f.key for f in draft.fields] + [a.key for a in draft.attachments]
    assert len(keys) == len(set(keys))


def test_blank_runs_and_units() -> None:
    got = [(f.label, f.unit) for f in parse_text("国家标准：______个，其中牵头制定______个")]
    assert got == [("国家标准", "个"), ("国家标准（其中牵头制定）", "个")]
    labels = [f.label for f in parse_text("服务区域数（____个地级市或____个省级以上园区）")]
    assert labels == ["服务区域数（__个地级市）", "服务区域数（__个省级以上园区）"]
    got = [
        (f.label, f.unit)
        for f in parse_text("2020、2021年企业研发投入：______、______万元，占主营业务收入______%、______%")
    ]
    assert got == [
        ("2020年企业研发投入", "万元"),
        ("2021年企业研发投入", "万元"),
        ("2020年企业研发投入占主营业务收入", "%"),
        ("2021年企业研发投入占主营业务收入", "%"),
    ]
    got = [(f.label, f.type) for f in parse_text("    年   月  至      年   月", hint="项目起止时间")]
    assert got == [("项目起止时间（起）", "date"), ("项目起止时间（止）", "date")]


def test_guess_type_table() -> None:
    assert guess_type("上年销售（万元）") == "money_wan"
    assert guess_type("设备", "台/套") == "integer"
    assert guess_type("负债率") == "percent"
    assert guess_type("联系电话") == "phone"
    assert guess_type("E-mail") == "email"
    assert guess_type("x", options=("是", "否")) == "bool"
    assert guess_type("建设方式", options=("自建", "合作共建")) == "choice"


def test_recall_is_one_to_one_and_normalized() -> None:
    assert normalize_label("（一）平台建设必要性") == normalize_label("平台建设必要性")
    assert normalize_label("3 2022年订单数量（笔）") == normalize_label("2022年订单数量（笔）")
    result = recall(["平台名称", "平台名称", "总资产（万元） 2021年"], [("平台名称",), ("总资产(万元)2021年",)])
    assert (result.found, result.missing) == (2, ("平台名称",))


def test_blanks_put_back_into_ocr_text() -> None:
    """OCR reads no underlines: the unit after a blank, or a colon line, marks it again."""
    from shenbao.plugins.authoring.ocrtext import restore_blanks

    cell = (
        "工业模型数量: 个\n其中，研发仿真模型 个；业务流程模型 个;\n个\n第三方开发者注册总数:\n"
        "基于公有云的工业设备日运行数量:\n台/套(指每日上传实时运行数据的工业设备数量)\n补充说明(具体的工业APP类型):"
    )
    got = [(f.label, f.unit) for f in parse_text(restore_blanks(cell))]
    assert got[:5] == [
        ("工业模型数量", "个"),
        ("研发仿真模型", "个"),
        ("业务流程模型", "个"),
        ("第三方开发者注册总数", "个"),
        ("基于公有云的工业设备日运行数量", "台/套"),
    ]
    assert got[5][0] == "补充说明"
    assert restore_blanks("申报单位(盖章)") == "申报单位（盖章）"
