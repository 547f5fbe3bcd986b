"""Variant filler for 武汉市工业互联网发展专项资金申报项目简表: fills the blank the way
applicants do (bench/variants.py).

Only generation (python-docx) happens here; it is imported by the authoring tools, never by
extraction. ``REWORDINGS`` are labels as applicants print them instead of the template's.
"""

from __future__ import annotations

import math
from datetime import date

from docx.oxml.ns import qn
from docx.table import Table

from shenbao.plugins.authoring.variants.docxedit import (
    Doc,
    add_table,
    add_text,
    body_paragraph,
    fill_blanks,
    fill_bool_cell,
    find_cell,
    insert_paragraph_after,
    license_page,
    maybe,
    page_break_paragraph,
    tick,
    unique_cells,
    write_cell,
)
from shenbao.plugins.authoring.variants.generate import NoticeFiller
from shenbao.plugins.authoring.variants.pools import WUHAN

WUHAN_CATS = [
    "首次获评国家“双跨”工业互联网平台",
    "首次获批国家试点示范企业或项目",
    "第三方工业互联网安全服务机构",
    "工业互联网标识解析二级节点",
    "市级行业工业互联网平台",
]


def drop_other_blocks(doc: Doc, cat: str, blocks: dict[str, Table]) -> None:
    """``partial_jianbiao``: only the applicant's own category block is printed; the other
    blocks go, with their "（四）…填写" headings."""
    for block_cat, table in blocks.items():
        if block_cat == cat:
            continue
        tbl = table._tbl
        heading = tbl.getprevious()
        if heading is not None and heading.tag == qn("w:p") and "填写" in "".join(heading.itertext()):
            heading.getparent().remove(heading)
        tbl.getparent().remove(tbl)


def fill_wuhan(doc: Doc) -> None:
    v, d, k = doc.v, doc.d, doc.knobs
    district, div = v.pick(WUHAN.districts)
    if v.chance(0.1):  # registered outside Wuhan -> rule:applicant.in_wuhan
        div = v.pick(["420500", "420600", "430104"])
    brand = v.brand()
    name = v.company("武汉" if v.chance(0.5) else "", brand)
    cat = v.pick(WUHAN_CATS[2:] * 3 + WUHAN_CATS[:2])
    proj = {
        WUHAN_CATS[0]: f"{brand}跨行业跨领域工业互联网平台",
        WUHAN_CATS[1]: f"{brand}工业互联网试点示范项目",
        WUHAN_CATS[2]: v.pick(["面向工业企业的工控安全评估与防护服务项目", f"{brand}工业互联网安全服务项目"]),
        WUHAN_CATS[
            3
        ]: f"{v.pick(['汽车', '光电子信息', '航空航天', '生物医药', '钢铁'])}行业工业互联网标识解析二级节点建设项目",
        WUHAN_CATS[4]: f"{brand}工业互联网平台建设项目",
    }[cat]
    rep = v.person()
    contact = v.person()
    apply_dt = v.rand_date(date(2022, 6, 1), date(2022, 9, 30))

    # cover
    for label, val in (
        ("申报类别", cat),
        ("项目名称", proj),
        ("申报单位（盖章）", name),
        ("所在区（开发区）", district),
        ("申报日期", v.fmt_date(apply_dt)),
    ):
        fill_blanks(doc, body_paragraph(doc, label + "：")[1], [val])

    t0, t1, t2, t3, t4, t5 = d.tables[:6]
    write_cell(doc, find_cell(t0, "申报单位名称"), doc.put("applicant.name", name, name))
    code = v.org_code(div, valid=not v.chance(0.1))
    if doc.keep("applicant.org_code"):
        write_cell(doc, find_cell(t0, "统一社会信用代码"), doc.put("applicant.org_code", v.spaced_code(code), code))
    if doc.keep("applicant.legal_rep"):
        write_cell(doc, find_cell(t0, "法定代表人"), doc.put("applicant.legal_rep", rep, rep))
    addr = v.address(WUHAN, district)
    if doc.keep("applicant.address"):
        write_cell(doc, find_cell(t0, "注册地址"), doc.put("applicant.address", addr, addr))
    if doc.keep("applicant.district"):
        write_cell(doc, find_cell(t0, "所在区（开发区）"), doc.put("applicant.district", district, district))
    p, iso, founded = v.date_value(date(1995, 1, 1), date(2020, 12, 31))
    if doc.keep("applicant.founded"):
        write_cell(doc, find_cell(t0, "成立时间"), doc.put("applicant.founded", p, iso))
    if doc.keep("contact.name"):
        write_cell(doc, find_cell(t0, "联系人"), doc.put("contact.name", contact, contact))
    if s := maybe(doc, "contact.phone", lambda: v.landline("027")):
        write_cell(doc, find_cell(t0, "联系电话"), s)
    if s := maybe(doc, "contact.mobile", v.mobile):
        write_cell(doc, find_cell(t0, "手机"), s)
    if s := maybe(doc, "contact.email", lambda: v.email(contact, brand)):
        write_cell(doc, find_cell(t0, "电子邮箱"), s)

    write_cell(doc, find_cell(t1, "项目名称"), doc.put("project.name", proj, proj))
    doc.put("project.category", cat, cat)
    tick(doc, find_cell(t1, "申报类别").paragraphs, cat)
    revenue_total = None
    if cat == WUHAN_CATS[2]:
        r2, r1 = v.money(80, 1500), v.money(80, 2500)
        revenue_total = round(r2 + r1, 2)
    amount = {
        WUHAN_CATS[0]: 500.0,
        WUHAN_CATS[1]: 100.0,
        WUHAN_CATS[2]: min(100.0, math.floor((revenue_total or 0) * 0.1)),
        WUHAN_CATS[3]: float(v.pick([150, 180, 200])),
        WUHAN_CATS[4]: float(v.pick([100, 150, 200])),
    }[cat]
    if v.chance(0.1):
        amount = float(v.pick([120, 250, 300]))
    if doc.keep("project.requested_amount"):
        s = v.fmt_money(amount, unit_rate=0.4, yuan_rate=0.0)
        if v.chance(0.08):
            words = {500: "伍佰", 100: "壹佰", 150: "壹佰伍拾", 180: "壹佰捌拾", 200: "贰佰"}.get(int(amount), "叁佰")
            s = f"{amount:g}万元（大写：{words}万元整）"
        write_cell(doc, find_cell(t1, "申请支持金额（万元）"), doc.put("project.requested_amount", s, amount))
    summary = v.longtext(1, 6)
    write_cell(doc, find_cell(t1, "项目简介"), doc.put("project.summary", summary, summary))

    for label, key in (
        ("在我市注册登记的独立法人单位", "compliance.registered_in_wuhan"),
        ("近两年未发生重大安全、质量、环保事故", "compliance.no_major_accident"),
        ("无严重失信行为", "compliance.no_serious_dishonesty"),
    ):
        if doc.keep(key):
            fill_bool_cell(doc, find_cell(t2, label), key, not v.chance(0.05))

    if cat == WUHAN_CATS[2]:
        if revenue_total is None:
            raise RuntimeError("revenue_total is drawn above for the security category")
        if doc.keep("security.revenue_prev2"):
            s = v.fmt_money(r2)
            write_cell(doc, unique_cells(t3.rows[0])[1], doc.put("security.revenue_prev2", s, r2))
        if doc.keep("security.revenue_prev1"):
            s = v.fmt_money(r1)
            write_cell(doc, unique_cells(t3.rows[1])[1], doc.put("security.revenue_prev1", s, r1))
        if v.chance(0.1):
            revenue_total = round(revenue_total + v.pick([10, 100, -50]), 2)  # rule:security.revenue_sum
        if doc.keep("security.revenue_total"):
            s = v.fmt_money(revenue_total)
            write_cell(doc, find_cell(t3, "两年合计（万元）"), doc.put("security.revenue_total", s, revenue_total))
        clients = v.rng.randint(20, 400)
        if doc.keep("security.clients"):
            write_cell(
                doc,
                find_cell(t3, "服务工业企业数（家）"),
                doc.put("security.clients", v.fmt_int(clients, "家", 0.3), clients),
            )
        n = v.rng.randint(clients, clients * 2)
        if doc.keep("security.contracts"):
            write_cell(
                doc, find_cell(t3, "服务合同数（份）"), doc.put("security.contracts", v.fmt_int(n, "份", 0.3), n)
            )
    if cat == WUHAN_CATS[3]:
        ind = v.pick(["汽车", "光电子信息", "航空航天", "生物医药", "钢铁"])
        nm = f"工业互联网标识解析二级节点（{ind}行业）"
        if doc.keep("node.name"):
            write_cell(doc, find_cell(t4, "二级节点名称"), doc.put("node.name", nm, nm))
        if doc.keep("node.industry"):
            write_cell(doc, find_cell(t4, "服务行业"), doc.put("node.industry", ind, ind))
        if doc.keep("node.online_date"):
            p, iso, _ = v.date_value(date(2019, 1, 1), date(2022, 6, 30), month_rate=0.15)
            write_cell(doc, find_cell(t4, "上线时间"), doc.put("node.online_date", p, iso))
        for label, key, lo, hi, unit in (
            ("典型创新应用场景数（项）", "node.scenarios", 1, 9, "项"),
            ("年度新增接入企业节点数（个）", "node.new_enterprise_nodes", 60, 2000, "个"),
            ("年度新增标识注册量（条）", "node.new_registrations", 50_000_000, 900_000_000, "条"),
            ("日均解析量（次）", "node.daily_resolutions", 300_000, 9_000_000, "次"),
        ):
            if doc.keep(key):
                n = v.round_count(v.rng.randint(lo, hi))
                if key == "node.new_registrations" and v.chance(0.3):
                    n = round(n, -6)
                write_cell(doc, find_cell(t4, label), doc.put(key, v.fmt_int(n, unit, 0.2), n))
    if cat == WUHAN_CATS[4]:
        pname = f"{brand}{v.pick(['工业互联网平台', '智造云平台', '工业云平台'])}"
        if doc.keep("platform.name"):
            write_cell(doc, find_cell(t5, "平台名称"), doc.put("platform.name", pname, pname))
        ind = v.pick(["汽车", "电子", "装备制造", "食品", "纺织服装", "钢铁"])
        if doc.keep("platform.industry"):
            write_cell(doc, find_cell(t5, "服务行业"), doc.put("platform.industry", ind, ind))
        if doc.keep("platform.consortium"):
            fill_bool_cell(doc, find_cell(t5, "联合体申报"), "platform.consortium", v.chance(0.4))
        for label, key, lo, hi, unit in (
            ("平台服务企业数（家）", "platform.enterprises_served", 80, 5000, "家"),
            ("设备连接数（台套）", "platform.devices_connected", 3000, 90000, "台套"),
        ):
            if doc.keep(key):
                n = v.rng.randint(lo, hi)
                write_cell(doc, find_cell(t5, label), doc.put(key, v.fmt_int(n, unit, 0.25), n))

    if "partial_jianbiao" in doc.classes:
        drop_other_blocks(doc, cat, {WUHAN_CATS[2]: t3, WUHAN_CATS[3]: t4, WUHAN_CATS[4]: t5})

    # 目录 + attachment sections
    att = {
        "project_summary_table": True,
        "business_license": not v.chance(0.2),
        "project_materials": not v.chance(0.2),
        "commitment_letter": not v.chance(0.2),
        "contracts_invoices": cat == WUHAN_CATS[2] and not v.chance(0.2),
        "other_materials": v.chance(0.25),
    }
    doc.attachments = att
    order = [
        ("business_license", "申报主体营业执照"),
        ("project_materials", "项目介绍及证明材料"),
        ("commitment_letter", "申报材料、项目真实性承诺函"),
        ("contracts_invoices", "网络安全服务合同和发票"),
        ("other_materials", "其它需要提供的材料"),
    ]
    present = [(key, label) for key, label in order if att[key]]
    nums = "二三四五六七八"
    _, toc = body_paragraph(doc, "一、申报项目简表")
    last = toc
    for i, (_, label) in enumerate(present):
        last = insert_paragraph_after(doc, last, f"{nums[i]}、{label}")
    for i, (key, label) in enumerate(present):
        heading = f"{nums[i]}、{label}"
        if key == "business_license":
            license_page(doc, heading, name, code, rep, founded, addr)
        elif key == "project_materials":
            page_break_paragraph(doc, heading, brk=k.attach_break)
            add_text(doc, "（一）项目介绍")
            add_text(doc, v.longtext(2, 5))
            add_text(doc, "（二）证明材料清单")
            add_table(
                doc,
                [["序号", "材料名称", "形式"]]
                + [
                    [
                        str(j + 1),
                        v.pick(
                            ["软件著作权登记证书", "服务客户名单", "项目验收报告", "平台运行截图", "第三方检测报告"]
                        ),
                        v.pick(["复印件", "原件", "打印件"]),
                    ]
                    for j in range(v.rng.randint(2, 6))
                ],
            )
        elif key == "commitment_letter":
            page_break_paragraph(doc, heading, brk=k.attach_break)
            add_text(doc, "申报材料真实性承诺函", 14)
            add_text(doc, "武汉市经济和信息化局：")
            add_text(
                doc,
                "我单位郑重承诺：本次申报武汉市工业互联网发展专项资金所提交的全部申报材料（含附件）均真实、准确、"
                "完整，不存在弄虚作假行为；近两年未发生重大安全、质量、环保事故，无严重失信行为。",
            )
            add_text(doc, f"申报单位（盖章）：{name}")
            add_text(doc, "法定代表人（签字）：")
            add_text(doc, v.fmt_date(apply_dt))
        elif key == "contracts_invoices":
            page_break_paragraph(doc, heading, brk=k.attach_break)
            add_text(doc, "网络安全服务合同（摘要）")
            add_table(
                doc,
                [
                    ["合同编号", f"HT-2022-{v.rng.randint(1000, 9999)}"],
                    ["甲方（委托方）", v.company()],
                    ["乙方（服务方）", name],
                    ["合同金额", f"人民币{v.money(20, 300)}万元"],
                ],
            )
        else:
            page_break_paragraph(doc, heading, brk=k.attach_break)
            add_text(doc, v.pick(["高新技术企业证书（复印件）", "软件企业证书（复印件）", "获奖证书（复印件）"]))


#: labels as applicants print them instead of the template's (written from the form and common
#: practice in Chinese forms, not from the extractor's synonym lists: they test generalisation)
REWORDINGS: dict[str, list[str]] = {
    "申报单位名称": ["单位名称", "企业名称", "申报单位"],
    "统一社会信用代码": ["社会信用代码", "统一社会信用代码（组织机构代码）", "信用代码"],
    "法定代表人": ["法人代表", "法定代表人姓名"],
    "注册地址": ["注册地", "单位注册地址", "公司地址"],
    "所在区（开发区）": ["所在区", "所属区（开发区）", "所在城区"],
    "成立时间": ["成立日期", "注册时间"],
    "联系人": ["项目联系人", "联系人姓名"],
    "联系电话": ["办公电话", "电话", "座机"],
    "手机": ["手机号码", "移动电话", "手机号"],
    "电子邮箱": ["邮箱", "E-mail", "电子邮件"],
    "申请支持金额（万元）": ["申请资金（万元）", "申请支持资金（万元）", "申请金额（万元）"],
    "服务工业企业数（家）": ["服务企业数量（家）", "服务工业企业（家）"],
    "服务合同数（份）": ["合同数量（份）", "签订服务合同（份）"],
    "平台服务企业数（家）": ["服务企业数（家）", "平台服务企业数量（家）"],
    "设备连接数（台套）": ["连接设备数（台套）", "接入设备数（台/套）"],
    "上线时间": ["上线日期", "正式上线时间"],
}

FILLER = NoticeFiller(fill=fill_wuhan, rewordings=REWORDINGS, extra_classes=frozenset({"partial_jianbiao"}))
