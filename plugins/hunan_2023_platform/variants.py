"""Variant filler for 湖南省2023年度省级工业互联网平台建设项目计划申报书: fills the
blank the way applicants do (bench/variants.py).

Only generation (python-docx) happens here; it is imported by the authoring tools, never by
extraction. ``REWORDINGS`` are labels as applicants print them instead of the template's.
"""

from __future__ import annotations

import re
from datetime import date

from shenbao.plugins.authoring.variants.docxedit import (
    Doc,
    add_text,
    append_row_copy,
    body_paragraph,
    fill_blanks,
    find_cell,
    insert_paragraph_after,
    license_page,
    list_page,
    maybe,
    norm,
    page_break_paragraph,
    ref_run,
    set_paragraph_text,
    tick,
    unique_cells,
    write_cell,
)
from shenbao.plugins.authoring.variants.generate import NoticeFiller

HUNAN_RECOMMENDERS = {
    "长沙市": "长沙市工业和信息化局",
    "株洲市": "株洲市工业和信息化局",
    "湘潭市": "湘潭市工业和信息化局",
    "郴州市": "郴州市工业和信息化局",
    "常德市": "常德市工业和信息化局",
}


def fill_hunan(doc: Doc) -> None:
    v, d, k = doc.v, doc.d, doc.knobs
    reg = v.region("hunan")
    district, div = v.pick(reg.districts)
    if v.chance(0.08):
        div = v.pick(["420111", "110108"])  # rule:applicant.in_hunan
    brand = v.brand()
    name = v.company(reg.city, brand)
    pname = f"{brand}{v.pick(['工业互联网平台', '智造云平台', '工业云平台', '设备云平台'])}"
    contact = v.person()
    sub_dt = v.rand_date(date(2023, 1, 20), date(2023, 3, 10))
    cat = doc.catalog_field("platform.category").options

    # cover
    cov_phone = v.pick([v.mobile(), v.landline(reg.area_code)])
    cover = [
        ("企业名称", "cover.company", name),
        ("平台名称", "cover.platform_name", pname),
        ("联 系 人", "cover.contact", contact),
        ("联系电话", "cover.phone", cov_phone),
        ("推荐单位", "cover.recommender", HUNAN_RECOMMENDERS[reg.city]),
    ]
    for label, key, entry in cover:
        if doc.keep(key):
            printed, truth = entry if isinstance(entry, tuple) else (entry, entry)
            fill_blanks(doc, body_paragraph(doc, label + "：")[1], [doc.put(key, printed, truth)])
    if doc.keep("cover.date"):
        _, pdt = body_paragraph(doc, "申报日期：")
        style = v.pick(["cnsp", "cnsp", "iso", "cn", "dot"])
        s = doc.put("cover.date", v.fmt_date(sub_dt, style), sub_dt.isoformat())
        set_paragraph_text(doc, pdt, "申报日期：" + k.blank_pad + s)
    if v.chance(0.6):
        _, pc = body_paragraph(doc, "年    月    日")
        s = doc.put("commitment.date", v.fmt_date(sub_dt, signature=True), sub_dt.isoformat())
        set_paragraph_text(doc, pc, s)

    t = d.tables
    t0 = t[0]
    write_cell(doc, find_cell(t0, "平台名称"), doc.put("project.platform_name", pname, pname))
    sy, sm = v.rng.randint(2020, 2022), v.rng.randint(1, 12)
    ey, em = 2023, v.rng.randint(3, 12) if v.chance(0.15) else v.rng.randint(3, 10)
    ps, ts = v.month(sy, sm)
    pe, te = v.month(ey, em)
    doc.put("project.start", ps, ts)
    doc.put("project.end", pe, te)
    write_cell(doc, find_cell(t0, "项目起止时间"), f"{ps}{v.pick([' 至 ', '至', ' — ', '-'])}{pe}")
    planned = v.money(2000, 60000)
    s = v.fmt_money(planned, unit_rate=0.0)
    write_cell(doc, find_cell(t0, "计划投资"), doc.put("project.planned_investment", s, planned) + "（万元）")
    done = round(planned * v.rng.uniform(0.3, 0.95), 2)
    if doc.keep("project.completed_investment"):
        write_cell(doc, find_cell(t0, "已完成投资"), doc.put("project.completed_investment", v.fmt_money(done), done))
    write_cell(doc, find_cell(t0, "单位名称"), doc.put("applicant.name", name, name))
    code = v.org_code(div, valid=not v.chance(0.1))
    if doc.keep("applicant.org_code"):
        write_cell(doc, find_cell(t0, "组织机构代码"), doc.put("applicant.org_code", v.spaced_code(code), code))
    nature = v.pick(["民营企业", "国有企业", "国有控股企业", "股份制企业"])
    if doc.keep("applicant.nature"):
        write_cell(doc, find_cell(t0, "单位性质"), doc.put("applicant.nature", nature, nature))
    addr = v.address(reg, district)
    if doc.keep("applicant.address"):
        write_cell(doc, find_cell(t0, "单位地址"), doc.put("applicant.address", addr, addr))
    if doc.keep("applicant.founded"):
        p, iso, _ = v.date_value(date(1998, 1, 1), date(2019, 12, 31))
        write_cell(doc, find_cell(t0, "成立时间"), doc.put("applicant.founded", p, iso))
    leader = contact if v.chance(0.3) else v.person()
    rows = [
        ("姓名", "leader.name", lambda: (leader, leader)),
        (
            "所属部门",
            "leader.department",
            lambda: (x := v.pick(["数字化转型部", "研发中心", "信息化部", "平台事业部"]), x),
        ),
        ("职务", "leader.title", lambda: (x := v.pick(["总经理", "副总经理", "技术总监", "项目经理"]), x)),
        ("职称", "leader.rank", lambda: (x := v.pick(["高级工程师", "正高级工程师", "工程师"]), x)),
        ("固定电话", "leader.phone", lambda: v.landline(reg.area_code)),
        ("移动电话", "leader.mobile", v.mobile),
        ("传真号码", "leader.fax", lambda: v.landline(reg.area_code)),
        ("电子邮箱", "leader.email", lambda: v.email(leader, brand)),
    ]
    for label, key, make in rows:
        if text := maybe(doc, key, make):
            write_cell(doc, find_cell(t0, label), text)

    t1 = t[1]
    for i in (1, 2):
        if v.chance(0.5 if i == 1 else 0.25):
            b2 = v.brand()
            r2 = v.region("any")
            nm = v.pick([v.company(r2.city, b2), v.pick(["湖南大学", "中南大学", "湘潭大学"])])
            cells = unique_cells(t1.rows[i])
            write_cell(doc, cells[1], doc.put(f"support{i}.name", nm, nm))
            if doc.keep(f"support{i}.nature"):
                nt = "高等院校" if nm.endswith("大学") else v.pick(["民营企业", "国有控股企业", "股份制企业"])
                write_cell(doc, cells[2], doc.put(f"support{i}.nature", nt, nt))
            if doc.keep(f"support{i}.org_code"):
                c2 = v.org_code(v.pick(r2.districts)[1], org_type="12" if nm.endswith("大学") else "91")
                write_cell(doc, cells[3], doc.put(f"support{i}.org_code", c2, c2))

    t2 = t[2]
    parts = v.split(v.rng.randint(20, 200), 4)
    total = sum(parts) + (v.pick([1, 2, -3]) if v.chance(0.1) else 0)  # rule:staff.sum
    for label, key, count in (
        ("总数", "staff.total", total),
        ("高级职称", "staff.senior", parts[0]),
        ("中级职称", "staff.middle", parts[1]),
        ("初级职称", "staff.junior", parts[2]),
        ("其他人员", "staff.other", parts[3]),
    ):
        if doc.keep(key):
            write_cell(doc, find_cell(t2, label), doc.put(key, str(count), count) + v.pick([" 人", "人", "  人"]))
    pm = round(total * v.rng.uniform(3, 14), v.pick([0, 1, 2]))
    if doc.keep("staff.person_months"):
        s = f"{pm:.2f}" if v.chance(0.5) else f"{pm:g}"
        write_cell(doc, find_cell(t2, "已经投入项目的工作总量"), doc.put("staff.person_months", s, float(pm)) + " 人月")

    t3 = t[3]
    base = v.money(5000, 400000)
    for label, key, lo, hi in (
        ("总资产（万元）", "total_assets", 1.0, 1.0),
        ("负债率（%）", "debt_ratio", 0, 0),
        ("主营业务收入（万元）", "revenue", 0.4, 0.9),
        ("税金（万元）", "tax", 0.01, 0.05),
        ("利润（万元）", "profit", 0.02, 0.12),
        ("研发投入（万元）", "rd", 0.02, 0.08),
    ):
        cells = [find_cell(t3, label, offset=1), find_cell(t3, label, offset=2)]
        for yi, yr in enumerate(("2021", "2022")):
            fk = f"ops.{key}_{yr}"
            if not doc.keep(fk):
                continue
            if key == "debt_ratio":
                val = round(v.rng.uniform(10, 75), 1)
                s = v.fmt_percent(val, pct_rate=0.4)
            else:
                val = round(base * v.rng.uniform(lo, hi) * v.rng.uniform(0.85, 1.2), 2)
                s = v.fmt_money(val, unit_rate=0.15)
            write_cell(doc, cells[yi], doc.put(fk, s, val))

    t4 = t[4]
    n_honours = 0
    for i in (1, 2):
        if v.chance(0.6 if i == 1 else 0.3):
            n_honours += 1
            cells = unique_cells(t4.rows[i + 1])
            write_cell(doc, cells[1], str(n_honours))
            hp = f"{brand}{v.pick(['智能工厂建设项目', '5G+工业互联网项目', '上云上平台项目'])}"
            ht = v.pick(
                [
                    "国家级专精特新“小巨人”企业",
                    "湖南省数字新基建标志性项目",
                    "省级“上云上平台”标杆企业",
                    "制造业数字化转型“三化”重点项目",
                ]
            )
            if doc.keep(f"honor{i}.project"):
                write_cell(doc, cells[2], doc.put(f"honor{i}.project", hp, hp))
            if doc.keep(f"honor{i}.title"):
                write_cell(doc, cells[3], doc.put(f"honor{i}.title", ht, ht))

    if k.extra_rows:
        hp = f"{brand}{v.pick(['数字化车间项目', '工业互联网标识解析应用'])}"
        append_row_copy(
            doc, t4, [None, str(n_honours + 1), hp, v.pick(["省级“上云上平台”标杆企业", "省级智能制造示范工厂"])]
        )

    t5 = t[5]
    paras = t5.rows[1].cells[0].paragraphs
    blanks = [p for p in paras if not p.text.strip()]
    for p, key in zip(blanks, ("intro.company", "intro.platform", "intro.project"), strict=False):
        if doc.keep(key):
            txt = v.longtext(1, 4)
            set_paragraph_text(doc, p, doc.put(key, txt, txt), like=paras[0].runs[0])

    t6 = t[6]
    write_cell(doc, find_cell(t6, "平台名称"), doc.put("platform.name", pname, pname))
    mode = v.pick(["自建", "合作共建"])
    cell = find_cell(t6, "建设方式")
    doc.put("platform.build_mode", mode, mode)
    tick(doc, cell.paragraphs, mode)
    if mode == "合作共建" and doc.keep("platform.partner"):
        fill_blanks(doc, cell.paragraphs[0], [doc.put("platform.partner", x := v.company(), x)])
    iaas = v.pick(["自建", "租用", "租用"])
    cell = find_cell(t6, "IaaS设施")
    doc.put("platform.iaas", iaas, iaas)
    tick(doc, cell.paragraphs, iaas)
    if iaas == "租用" and doc.keep("platform.iaas_provider"):
        fill_blanks(
            doc,
            cell.paragraphs[0],
            [
                doc.put(
                    "platform.iaas_provider",
                    x := v.pick(["天翼云科技有限公司", "华为云计算技术有限公司", "阿里云计算有限公司"]),
                    x,
                )
            ],
        )
    op = v.pick(["独立运营", "独立运营", "本企业信息化部门", "其他（请注明）"])
    cell = find_cell(t6, "平台运营")
    doc.put("platform.operation", op, op)
    tick(doc, cell.paragraphs, op)
    if op == "其他（请注明）" and doc.keep("platform.operation_other"):
        fill_blanks(doc, cell.paragraphs[0], [doc.put("platform.operation_other", x := "委托第三方运营", x)])
    c = v.pick(cat)
    doc.put("platform.category", c, c)
    tick(doc, find_cell(t6, "平台类别").paragraphs, c)
    for count_label, key, opts_key, other_key, other_pool in (
        (
            "覆盖场景数（个）",
            "platform.scene_count",
            "platform.scenes",
            "platform.scenes_other",
            ["能耗管理", "安全监管", "设备运维"],
        ),
        (
            "覆盖行业数（个）",
            "platform.industry_count",
            "platform.industries",
            "platform.industries_other",
            ["建材、纺织", "食品", "有色金属、钢铁"],
        ),
    ):
        opts = doc.catalog_field(opts_key).options
        chosen = [o for o in opts if v.chance(0.4)] or [opts[0]]
        n = len(chosen) if not v.chance(0.2) else len(chosen) + v.rng.randint(1, 3)
        write_cell(doc, find_cell(t6, count_label), doc.put(key, str(n), n))
        row_cell = find_cell(t6, count_label, offset=0)  # the count label cell; options are on the next row
        row_idx = next(i for i, r in enumerate(t6.rows) if any(cc._tc is row_cell._tc for cc in r.cells))
        opt_cell = unique_cells(t6.rows[row_idx + 1])[1]
        doc.put(opts_key, "、".join(chosen), chosen)
        for o in chosen:
            tick(doc, opt_cell.paragraphs, o)
        if "其他（请注明）" in chosen and doc.keep(other_key):
            x = v.pick(other_pool)
            insert_paragraph_after(
                doc, opt_cell.paragraphs[-1], "其他（请注明）：" + doc.put(other_key, x, x), like=ref_run(doc)
            )
    y21, y22 = v.money(500, 8000), v.money(500, 8000)
    tot = round(y21 + y22, 2)
    cells = unique_cells(t6.rows[10])
    for cell, key, val in zip(
        cells[1:], ("invest.total", "invest.y2021", "invest.y2022"), (tot, y21, y22), strict=False
    ):
        if doc.keep(key):
            write_cell(doc, cell, doc.put(key, v.fmt_money(val, unit_rate=0.2), val))
    t7 = t[7]
    if v.chance(0.75):
        i21, i22 = v.money(50, 3000), v.money(50, 3000)
        cells = unique_cells(t7.rows[1])
        for cell, key, val in zip(
            cells[1:], ("income.total", "income.y2021", "income.y2022"), (round(i21 + i22, 2), i21, i22), strict=False
        ):
            if doc.keep(key):
                write_cell(doc, cell, doc.put(key, v.fmt_money(val, unit_rate=0.2), val))

    t8 = t[8]
    ind: list[tuple[str | None, int | None, int | None]] = [
        ("ind.registered_users", 5000, 300000),
        ("ind.active_users", 1000, 90000),
        ("ind.orders_2022", 500, 90000),
        ("ind.contract_2022", None, None),
        (None, None, None),
        ("ind.enterprises", 500, 30000),
        ("ind.third_party", 5, 300),
        ("ind.devices", 10000, 2000000),
        ("ind.data_points", 100000, 60000000),
        ("ind.protocols", 20, 600),
        ("ind.data_tb", None, None),
        ("ind.models", 100, 9000),
        ("ind.apps", 50, 5000),
    ]
    for ri, (ikey, low, high) in enumerate(ind):
        row = t8.rows[ri]
        cells = unique_cells(row)
        if ikey is None:  # 服务区域数（____个地级市或____个省级以上园区）
            vals: list[str | None] = []
            for k2, n in (("ind.service_cities", v.rng.randint(1, 14)), ("ind.service_parks", v.rng.randint(1, 40))):
                vals.append(doc.put(k2, str(n), n) if doc.keep(k2) else None)
            fill_blanks(doc, cells[1].paragraphs[0], vals)
            continue
        if not doc.keep(ikey):
            continue
        if ikey == "ind.contract_2022":
            val = v.money(1000, 40000)
            s = v.fmt_money(val, unit_rate=0.1)
        elif ikey == "ind.data_tb":
            val = round(v.rng.uniform(10, 3000), v.pick([0, 1, 2]))
            s = f"{val:.2f}" if v.chance(0.5) else f"{val:g}"
            val = float(val)
        else:
            val = v.round_count(v.rng.randint(low or 0, high or 0))  # every other row has bounds
            s = v.fmt_int(val)
        write_cell(doc, cells[2], doc.put(ikey, s, val))

    t9 = t[9]
    items = {
        "硬件设备费": ["边缘计算网关", "服务器", "视觉检测相机", "数据采集终端"],
        "软件设备费": ["低代码开发平台", "数据中台软件", "工业互联网平台软件"],
        "云服务费用": ["云主机租用", "对象存储服务", "云数据库服务"],
        "人工费用": ["实施运维人员劳务", "平台开发人员劳务"],
    }
    for row in t9.rows[1:]:
        cells = unique_cells(row)
        kind = norm(cells[0].text)
        if v.chance(0.85):
            it = v.pick(items[kind])
            qty = v.pick([1, 2, 4, 10, 20, 50])
            price = v.money(20, 900)
            for cc, txt in zip(
                cells[1:],
                (
                    it,
                    f"{it}采购合同",
                    v.company() if kind != "人工费用" else "—",
                    str(qty),
                    f"{price:.2f}",
                    f"{qty * price:.2f}",
                ),
                strict=False,
            ):
                write_cell(doc, cc, txt)

    if k.extra_rows:
        kind = v.pick(list(items))
        it = v.pick(items[kind])
        qty, price = v.pick([1, 2, 5]), v.money(20, 900)
        append_row_copy(
            doc, t9, [kind, it, f"{it}采购合同", v.company(), str(qty), f"{price:.2f}", f"{qty * price:.2f}"]
        )

    # 二、平台建设方案 (running text after each heading)
    for heading, key in (
        ("（一）平台建设必要性", "scheme.necessity"),
        ("（二）平台基础能力", "scheme.foundation"),
        ("（三）平台服务能力", "scheme.services"),
        ("（四）平台建设计划", "scheme.plan"),
        ("（五）其他能说明成效的情况", "scheme.other"),
    ):
        i, _ = body_paragraph(doc, heading)
        target = d.paragraphs[i + 1]
        if doc.keep(key):
            txt = v.longtext(1, 8)
            set_paragraph_text(doc, target, doc.put(key, txt, txt), like=ref_run(doc))

    # attachments, numbered in order of appearance
    atts = [(a.key, a.label) for a in doc.catalog_attachments]
    short = {
        "investment_contracts": "平台建设投入有关合同、发票复印件",
        "service_regions": "服务区域列表",
        "service_customers": "服务企业列表",
        "certificates": "相关资质证书、产品专利、知识产权证书",
    }
    present = {}
    for key, _ in atts:
        req = next(a.required for a in doc.catalog_attachments if a.key == key)
        present[key] = (not v.chance(0.1)) if req else v.chance(0.6)
    doc.attachments = present
    n = 1
    for key, label in atts:
        if not present[key]:
            continue
        label = re.sub(r"^\d+、", "", label).removeprefix("（若有）")
        if v.chance(0.5):
            label = short.get(key, label)
        heading = f"附件{n}：{label}"
        if key == "business_license":
            license_page(doc, heading, name, code, v.person(), date(2010, 5, 6), addr)
        elif key == "screenshots":
            page_break_paragraph(doc, heading, brk=k.attach_break)
            add_text(doc, "图1-设备监控中心：设备监控中心界面截图")
            add_text(doc, "图2-能耗管理驾驶舱：能耗管理驾驶舱界面截图")
        else:
            list_page(
                doc,
                heading,
                ["序号", "名称", "编号", "备注"],
                lambda i: [
                    str(i),
                    v.pick(["合同", "协议", "证书", "报表", "凭证"]) + str(v.rng.randint(10, 99)),
                    f"No.{v.rng.randint(100000, 999999)}",
                    v.pick(["复印件", "原件", ""]),
                ],
            )
        n += 1


#: labels as applicants print them instead of the template's (written from the form and common
#: practice in Chinese forms, not from the extractor's synonym lists: they test generalisation)
REWORDINGS: dict[str, list[str]] = {
    "单位名称": ["企业名称", "申报单位名称", "申报单位"],
    "组织机构代码": ["统一社会信用代码", "组织机构代码（统一社会信用代码）", "社会信用代码"],
    "单位性质": ["企业性质", "单位类型"],
    "单位地址": ["企业地址", "注册地址", "通讯地址"],
    "成立时间": ["成立日期", "注册时间"],
    "姓名": ["平台负责人姓名", "负责人姓名", "负责人"],
    "所属部门": ["部门", "所在部门"],
    "职务": ["负责人职务"],
    "职称": ["技术职称", "专业技术职称"],
    "固定电话": ["办公电话", "座机"],
    "移动电话": ["手机", "手机号码"],
    "传真号码": ["传真"],
    "电子邮箱": ["邮箱", "E-mail", "电子邮件"],
    "计划投资": ["计划总投资", "项目计划投资"],
    "已完成投资": ["已投资", "累计完成投资"],
    "项目起止时间": ["项目建设周期", "建设起止时间"],
    "联系人": ["联系人姓名", "项目联系人"],
    "联系电话": ["电话", "联系方式"],
    "企业名称": ["申报单位", "申报企业名称"],
    "总资产（万元）": ["资产总额（万元）", "总资产"],
    "主营业务收入（万元）": ["营业收入（万元）", "主营收入（万元）"],
    "负债率（%）": ["资产负债率（%）", "资产负债率"],
    "研发投入（万元）": ["研发经费（万元）", "研发费用（万元）"],
    "总数": ["人员总数", "参与人员总数"],
    "已经投入项目的工作总量": ["已投入工作量", "投入工作总量"],
}

FILLER = NoticeFiller(fill=fill_hunan, rewordings=REWORDINGS, extra_classes=frozenset())
