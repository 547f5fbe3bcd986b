"""Variant filler for 2022年跨行业跨领域工业互联网平台申报书: fills the blank the way applicants do (bench/variants.py).

Only generation (python-docx) happens here; it is imported by the authoring tools, never by
extraction. ``REWORDINGS`` are labels as applicants print them instead of the template's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from shenbao.plugins.authoring.variants.docxedit import (
    BOX,
    Doc,
    body_paragraph,
    fill_blanks,
    find_cell,
    insert_paragraph_after,
    list_page,
    maybe,
    norm,
    ref_run,
    replace_in_paragraph,
    set_paragraph_text,
    tick,
    unique_cells,
    write_cell,
)
from shenbao.plugins.authoring.variants.generate import NoticeFiller

SK_RECOMMENDERS = {
    "北京市": "北京市经济和信息化局",
    "上海市": "上海市经济和信息化委员会",
    "深圳市": "深圳市工业和信息化局",
    "杭州市": "浙江省经济和信息化厅",
    "重庆市": "重庆市经济和信息化委员会",
    "西安市": "陕西省工业和信息化厅",
    "南京市": "江苏省工业和信息化厅",
    "青岛市": "山东省工业和信息化厅",
    "武汉市": "湖北省经济和信息化厅",
}


def fill_shuangkua(doc: Doc) -> None:
    v, d = doc.v, doc.d
    reg = v.region("any")
    district, div = v.pick(reg.districts)
    brand = v.brand()
    name = v.company(reg.city, brand)
    pname = f"{brand}{v.pick(['工业互联网平台', '智造云平台', '工业云平台'])}"
    proj = f"{pname}建设与应用"
    rec = SK_RECOMMENDERS.get(reg.city, "湖南省工业和信息化厅")
    sub_dt = v.rand_date(date(2022, 3, 1), date(2022, 3, 20))
    contact = v.person()
    rep = v.person()

    for label, key, val in (
        ("项 目 名 称", "cover.project_name", proj),
        ("申报单位（盖章）", "cover.applicant", name),
        ("推荐单位（盖章）", "cover.recommender", rec),
    ):
        if doc.keep(key):
            fill_blanks(doc, body_paragraph(doc, label)[1], [doc.put(key, val, val)])
    if doc.keep("cover.date"):
        s = doc.put("cover.date", v.fmt_date(sub_dt, v.pick(["iso", "cnsp", "cn", "dot"])), sub_dt.isoformat())
        fill_blanks(doc, body_paragraph(doc, "申 报 日 期")[1], [s])

    t = d.tables
    t0 = t[0]
    write_cell(doc, find_cell(t0, "企业名称"), doc.put("applicant.name", name, name))
    code = v.org_code(div, valid=not v.chance(0.1))
    if doc.keep("applicant.org_code"):
        write_cell(doc, find_cell(t0, "组织机构代码"), doc.put("applicant.org_code", v.spaced_code(code), code))
    if doc.keep("applicant.founded"):
        p, iso, _ = v.date_value(date(1995, 1, 1), date(2018, 12, 31))
        write_cell(doc, find_cell(t0, "成立时间"), doc.put("applicant.founded", p, iso))
    if doc.keep("applicant.address"):
        a = v.address(reg, district)
        write_cell(doc, find_cell(t0, "单位地址"), doc.put("applicant.address", a, a))
    for label, key, make in (
        ("姓名", "contact.name", lambda: (contact, contact)),
        ("电话", "contact.phone", lambda: v.landline(reg.area_code)),
        ("职务", "contact.title", lambda: (x := v.pick(["总经理", "市场部经理", "技术总监", "综合管理部经理"]), x)),
        ("手机", "contact.mobile", v.mobile),
        ("传真", "contact.fax", lambda: v.landline(reg.area_code)),
        ("E-mail", "contact.email", lambda: v.email(contact, brand)),
    ):
        if printed := maybe(doc, key, make):
            write_cell(doc, find_cell(t0, label), printed)
    assets = v.money(5000, 3000000)
    for label, key, amount in (
        ("总资产（万元）", "finance.total_assets", assets),
        ("上年销售（万元）", "finance.sales_last_year", round(assets * v.rng.uniform(0.3, 1.0), 2)),
        ("上年税金（万元）", "finance.tax_last_year", round(assets * v.rng.uniform(0.01, 0.04), 2)),
        ("上年利润（万元）", "finance.profit_last_year", round(assets * v.rng.uniform(0.02, 0.15), 2)),
    ):
        if doc.keep(key):
            write_cell(doc, find_cell(t0, label), doc.put(key, v.fmt_money(amount, unit_rate=0.25), amount))
    if doc.keep("finance.debt_ratio"):
        r = round(v.rng.uniform(10, 70), v.pick([0, 1, 2]))
        write_cell(doc, find_cell(t0, "负债率"), doc.put("finance.debt_ratio", v.fmt_percent(r, 0.9), r))
    if doc.keep("applicant.credit_rating"):
        cr = v.pick(["AAA", "AA+", "AA", "A"])
        write_cell(doc, find_cell(t0, "信用等级"), doc.put("applicant.credit_rating", cr, cr))

    # 企业简介 (split between the two prompts)
    cell = find_cell(t[1], "企业简介")
    p1, p2 = v.longtext(1, 4), v.longtext(1, 5)
    heads = [p for p in cell.paragraphs if p.text.startswith("（一）") or p.text.startswith("（二）")]
    insert_paragraph_after(doc, heads[0], p1)
    insert_paragraph_after(doc, heads[1], p2)
    doc.put("applicant.profile", p1 + p2, p1 + p2)
    cell = find_cell(t[2], "真实性承诺")
    for p in cell.paragraphs:
        if p.text.startswith("法定代表人签章") and v.chance(0.6):
            replace_in_paragraph(p, "法定代表人签章：", f"法定代表人签章：{v.pick([' ', ''])}{rep}")
    if v.chance(0.6):
        dp = next(p for p in cell.paragraphs if "年    月    日" in p.text)
        set_paragraph_text(doc, dp, doc.put("commitment.date", v.fmt_date(sub_dt, signature=True), sub_dt.isoformat()))
    if v.chance(0.4):
        cell = find_cell(t[2], "推荐单位")
        rd = v.rand_date(sub_dt, date(2022, 3, 31))
        dp = next(p for p in cell.paragraphs if "年    月    日" in p.text)
        set_paragraph_text(doc, dp, doc.put("recommendation.date", v.fmt_date(rd, signature=True), rd.isoformat()))

    t3 = t[3]
    write_cell(doc, find_cell(t3, "平台名称"), doc.put("platform.name", pname, pname))
    write_cell(doc, find_cell(t3, "建设主体"), doc.put("platform.builder", name, name))
    if doc.keep("platform.build_date"):
        p, iso, _ = v.date_value(date(2012, 1, 1), date(2021, 6, 30), month_rate=0.2)
        write_cell(doc, find_cell(t3, "建设时间"), doc.put("platform.build_date", p, iso))
    if doc.keep("platform.investment"):
        inv = v.money(5000, 300000)
        write_cell(doc, find_cell(t3, "投资金额"), doc.put("platform.investment", v.fmt_money(inv, 0.6, 0.05), inv))
    for label, key, opts, other_key, _pool in (
        ("建设方式", "platform.build_mode", ["自建", "合作共建"], "platform.partner", None),
        ("IaaS基础设施", "platform.iaas", ["自建", "租用"], "platform.iaas_provider", None),
    ):
        choice = v.pick(opts)
        doc.put(key, choice, choice)
        rows = [r for r in t3.rows if norm(unique_cells(r)[0].text) == norm(label)]
        paras = [unique_cells(r)[1].paragraphs[0] for r in rows]
        tick(doc, paras, choice)
        if choice == opts[1] and doc.keep(other_key):
            x = (
                v.company()
                if key == "platform.build_mode"
                else v.pick(
                    [
                        "天翼云科技有限公司",
                        "华为云计算技术有限公司",
                        "腾讯云计算（北京）有限责任公司",
                        "阿里云计算有限公司",
                    ]
                )
            )
            fill_blanks(doc, paras[1], [doc.put(other_key, x, x)])

    # capability tables: paragraph prefix -> field keys of its ____ blanks (in order)
    eq_total = v.round_count(v.rng.randint(50_000, 9_000_000))
    eq = v.split(eq_total, 4)
    pub = v.rng.randint(eq_total // 3, eq_total)
    models = v.rng.randint(1000, 120_000)
    mparts = v.split(models, 4)
    apps = v.rng.randint(300, 9000)
    src = v.split(apps, 2)
    dev = v.split(apps, 2)
    kinds = v.split(apps, 9)
    if v.chance(0.15):
        kinds[0] += v.rng.randint(1, 50)  # rule:apps.kind_sum
    reg_users = v.rng.randint(10_000, 400_000)
    industrial = v.rng.randint(reg_users // 3, reg_users)
    devs = v.round_count(v.rng.randint(5000, 400_000))
    nat = v.rng.randint(0, 40)
    ind_ = v.rng.randint(0, 40)
    intl = v.rng.randint(0, 8)
    rev3 = v.money(20000, 2000000)
    cost3 = round(rev3 * v.rng.uniform(0.4, 0.9), 2)
    nums: dict[str, Any] = {
        "equipment.total": eq_total,
        "equipment.operating": eq[0],
        "equipment.processing": eq[1],
        "equipment.mobile": eq[2],
        "equipment.other": eq[3],
        "equipment.public_cloud": pub,
        "equipment.private_cloud": eq_total - pub,
        "equipment.daily_running": v.rng.randint(pub // 5, pub),
        "equipment.protocols": v.rng.randint(50, 900),
        "models.total": models,
        "models.rd_simulation": mparts[0],
        "models.business_process": mparts[1],
        "models.mechanism": mparts[2],
        "models.data_algorithm": mparts[3],
        "apps.total": apps,
        "apps.self_developed": src[0],
        "apps.partner": src[1],
        "apps.platform_developed": dev[0],
        "apps.cloudified": dev[1],
        **{
            f"apps.kind_{n}": kinds[i]
            for i, n in enumerate(
                [
                    "safety",
                    "energy",
                    "quality",
                    "supply_chain",
                    "rd",
                    "production",
                    "operation",
                    "logistics",
                    "maintenance",
                ]
            )
        },
        "apps.monthly_active": v.rng.randint(apps // 3, apps),
        "enterprises.registered": reg_users,
        "enterprises.industrial": industrial,
        "enterprises.paying": v.rng.randint(industrial // 10, industrial),
        "developers.registered": devs,
        "developers.active": v.rng.randint(devs // 20, devs // 2),
        "tech.patents": v.rng.randint(20, 2000),
        "tech.software_copyrights": v.rng.randint(20, 2000),
        "killer_apps.daily_calls": v.round_count(v.rng.randint(10_000, 5_000_000)),
        "killer_apps.monthly_revenue_2021": v.money(10, 3000),
        "killer_apps.awards": v.rng.randint(0, 9),
        "solutions.industries": v.rng.randint(3, 22),
        "solutions.domains": v.rng.randint(2, 9),
        "solutions.count": v.rng.randint(20, 600),
        "parks.served": v.rng.randint(5, 150),
        "parks.national_demo": v.rng.randint(0, 6),
        "parks.provincial_demo": v.rng.randint(0, 20),
        "cases.miit": v.rng.randint(0, 30),
        "cases.provincial": v.rng.randint(0, 40),
        "sme.served": v.rng.randint(1000, 200_000),
        "sme.contract_amount": v.money(1000, 90000),
        "growth.honors": v.rng.randint(0, 6),
        "growth.city_awards": v.rng.randint(0, 6),
        "dual.solutions": v.rng.randint(2, 80),
        "dual.industries": v.rng.randint(1, 15),
        "dual.domains": v.rng.randint(1, 9),
        "standards.national": nat,
        "standards.national_lead": v.rng.randint(0, nat),
        "standards.industry": ind_,
        "standards.industry_lead": v.rng.randint(0, ind_),
        "standards.international": intl,
        "standards.international_lead": v.rng.randint(0, intl),
        "revenue.platform_3yr": rev3,
        "revenue.platform_2021": round(rev3 * v.rng.uniform(0.25, 0.5), 2),
        "cost.platform_3yr": cost3,
        "cost.platform_2021": round(cost3 * v.rng.uniform(0.25, 0.5), 2),
        "finance.roi": round(v.rng.uniform(3, 45), 1),
        "rd.investment_2020": v.money(500, 90000),
        "rd.investment_2021": v.money(500, 90000),
        "rd.ratio_2020": round(v.rng.uniform(2, 20), 1),
        "rd.ratio_2021": round(v.rng.uniform(2, 20), 1),
        "staff.count": v.rng.randint(80, 60000),
    }
    if v.chance(0.1):
        nums["equipment.daily_running"] = pub + v.rng.randint(1, 9999)  # rule:equipment.daily_running_max
    types = {f.key: f.type for f in doc.notice.fields}

    def fmt(key: str) -> tuple[str, Any]:
        val = nums[key]
        ty = types[key]
        if ty == "money_wan":
            return v.fmt_money(val, unit_rate=0.0), val
        if ty == "percent":
            return v.fmt_percent(val, pct_rate=0.0), val
        return v.fmt_int(val), val

    blank_map: list[tuple[str, list[str]]] = [
        ("□可连接的工业设备", ["equipment.total"]),
        ("其中，运行设备", ["equipment.operating", "equipment.processing"]),
        ("行走设备", ["equipment.mobile", "equipment.other"]),
        ("公有云连接设备", ["equipment.public_cloud", "equipment.private_cloud"]),
        ("基于公有云的工业设备日运行数量", ["equipment.daily_running"]),
        ("□工业协议兼容适配数量", ["equipment.protocols"]),
        ("工业模型数量", ["models.total"]),
        ("其中，研发仿真模型", ["models.rd_simulation", "models.business_process"]),
        ("行业机理模型", ["models.mechanism", "models.data_algorithm"]),
        ("工业APP数量", ["apps.total"]),
        ("其中，自研工业APP数量", ["apps.self_developed", "apps.partner"]),
        ("基于平台开发的工业APP数量", ["apps.platform_developed", "apps.cloudified"]),
        ("安全生产", ["apps.kind_safety", "apps.kind_energy"]),
        ("质量管控", ["apps.kind_quality", "apps.kind_supply_chain"]),
        ("研发设计", ["apps.kind_rd", "apps.kind_production"]),
        ("运营管理", ["apps.kind_operation", "apps.kind_logistics"]),
        ("运维服务", ["apps.kind_maintenance"]),
        ("工业APP月活跃数量", ["apps.monthly_active"]),
        ("注册企业用户数", ["enterprises.registered"]),
        ("其中，工业企业数", ["enterprises.industrial", "enterprises.paying"]),
        ("第三方开发者注册总数", ["developers.registered"]),
        ("第三方活跃开发者数", ["developers.active"]),
        ("平台核心软硬件技术获得的专利数量", ["tech.patents"]),
        ("平台核心软硬件技术获得的软著数量", ["tech.software_copyrights"]),
        ("公有云杀手锏APP日活", ["killer_apps.daily_calls"]),
        ("2021年月平均收入", ["killer_apps.monthly_revenue_2021"]),
        ("获评省部级优秀APP数量", ["killer_apps.awards"]),
        ("覆盖的行业数量", ["solutions.industries"]),
        ("覆盖的领域数量", ["solutions.domains"]),
        ("提供有效解决方案数量", ["solutions.count"]),
        ("累计服务园区数量", ["parks.served"]),
        ("服务园区获评国家级示范园区", ["parks.national_demo"]),
        ("服务园区获评省级示范园区数量", ["parks.provincial_demo"]),
        ("获评工业和信息化部应用案例", ["cases.miit"]),
        ("获评省级应用案例", ["cases.provincial"]),
        ("累计服务中小企业数量", ["sme.served"]),
        ("累计服务中小企业合同金额", ["sme.contract_amount"]),
        ("服务地方获“六稳”“六保”", ["growth.honors"]),
        ("注册地获“建设信息基础设施", ["growth.city_awards"]),
        ("国家标准", ["standards.national", "standards.national_lead"]),
        ("行业标准", ["standards.industry", "standards.industry_lead"]),
        ("国际标准", ["standards.international", "standards.international_lead"]),
        ("近三年平台相关的累计业务收入", ["revenue.platform_3yr"]),
        ("2021年平台相关的业务收入", ["revenue.platform_2021"]),
        ("近三年平台相关的累计业务成本", ["cost.platform_3yr"]),
        ("2021年平台相关的业务成本", ["cost.platform_2021"]),
        ("投资回报率", ["finance.roi"]),
        ("从业人员数量", ["staff.count"]),
        ("2020、2021年企业研发投入", ["rd.investment_2020", "rd.investment_2021", "rd.ratio_2020", "rd.ratio_2021"]),
    ]
    dual_map = [
        ("有效解决方案数量", ["dual.solutions"]),
        ("覆盖的行业数量", ["dual.industries"]),
        ("覆盖的领域数量", ["dual.domains"]),
    ]
    note_keys = {
        "1.1": "equipment.note",
        "1.2": "models.note",
        "1.3": "apps.note",
        "1.4": "enterprises.note",
        "1.5": "developers.note",
        "2.1": "tech.note",
        "2.2": "security.note",
        "2.3": "killer_apps.note",
        "3.1": "solutions.note",
        "3.2": "parks.note",
        "3.3": "cases.note",
        "3.4": "sme.note",
        "3.5": "international.note",
        "4.1": "growth.note",
        "4.2": "dual.note",
        "4.3": "econ_analysis.note",
        "4.4": "key_work.note",
        "4.5": "standards.note",
        "5.2": "resources.note",
        "5.3": "ecosystem.note",
    }
    bool_map = [
        ("具有设备和数据接入安全防护手段", "security.device_access"),
        ("具有数据安全防护", "security.data"),
        ("具有代码安全防护", "security.code"),
        ("具有应用安全防护", "security.application"),
        ("具有访问安全防护", "security.access"),
        ("支持跨平台调用", "killer_apps.cross_platform"),
        ("企业已上市或已获得VC/PE投资", "finance.listed_or_vc"),
    ]
    techs = doc.catalog_field("solutions.technologies").options
    for tb in t[4:]:
        head = norm(tb.rows[0].cells[0].text)
        sec = head[:3]
        body = tb.rows[1].cells[0]
        mapping = dual_map if sec == "4.2" else blank_map
        for p in list(body.paragraphs):
            txt = norm(p.text)
            if "____" in txt and not txt.startswith("补充说明"):
                for prefix, keys in mapping:
                    if txt.startswith(norm(prefix)):
                        vals: list[str | None] = []
                        for key in keys:
                            if doc.keep(key):
                                s, val = fmt(key)
                                vals.append(doc.put(key, s, val))
                            else:
                                vals.append(None)
                        fill_blanks(doc, p, vals)
                        if txt.startswith("□") and any(x is not None for x in vals):
                            replace_in_paragraph(p, BOX, doc.knobs.tick)
                        break
            elif txt.startswith("补充说明和分类详细介绍（列举平台业务量"):
                top_i = v.rng.sample(["钢铁", "家电", "汽车", "电子", "机械", "食品", "船舶", "石化化工"], 3)
                top_d = v.rng.sample(["生产制造", "质量管控", "运维服务", "仓储物流", "研发设计"], 3)
                vals = []
                for key, val in zip(
                    [f"cases.top_industry_{i}" for i in (1, 2, 3)] + [f"cases.top_domain_{i}" for i in (1, 2, 3)],
                    top_i + top_d,
                    strict=False,
                ):
                    vals.append(doc.put(key, val, val) if doc.keep(key) else None)
                fill_blanks(doc, p, vals)
            for label, key in bool_map:
                if txt.startswith(norm(label)) and "□是" in txt and doc.keep(key):
                    ticked = not v.chance(0.15)
                    doc.put(key, "是" if ticked else "否", ticked)
                    tick(doc, [p], "是" if ticked else "否")
            if txt.startswith("□5G"):
                chosen = [o for o in techs if v.chance(0.55)]
                if chosen:
                    doc.put("solutions.technologies", "、".join(chosen), chosen)
                    for o in chosen:
                        tick(doc, [p], o)
        # the note: after the 补充说明 prompt (a " " paragraph), or the whole row-1 cell
        note_key = note_keys.get(sec)
        if note_key and doc.keep(note_key):
            txt = v.longtext(1, 6)
            empties = [p for p in body.paragraphs if not p.text.strip()]
            if empties:
                set_paragraph_text(doc, empties[-1], doc.put(note_key, txt, txt), like=ref_run(doc))

    for heading, key in (
        ("工业互联网平台的技术架构及方案介绍", "architecture.note"),
        ("工业互联网平台下一步研发和运营计划", "plan.note"),
    ):
        i, _ = body_paragraph(doc, heading)
        if doc.keep(key):
            txt = v.longtext(2, 12)
            set_paragraph_text(doc, d.paragraphs[i + 1], doc.put(key, txt, txt), like=ref_run(doc))

    present = {a.key: not v.chance(0.1) for a in doc.catalog_attachments}
    doc.attachments = present
    lists = {
        "equipment_list": (
            ["序号", "设备类别", "设备名称", "型号", "接入数量（台/套）", "接入协议"],
            lambda i: [
                str(i),
                v.pick(["运行设备", "加工设备", "行走设备", "其它设备"]),
                v.pick(["风机", "注塑机", "数控机床", "叉车", "AGV小车", "离心泵"]),
                f"{v.pick('ABCDEH')}{v.rng.randint(1000, 9999)}",
                str(v.rng.randint(100, 90000)),
                v.pick(["OPC UA", "Modbus", "MQTT", "EtherCAT"]),
            ],
        ),
        "model_list": (
            ["序号", "模型类别", "模型名称", "适用行业", "调用次数（万次）"],
            lambda i: [
                str(i),
                v.pick(["研发仿真模型", "业务流程模型", "行业机理模型", "数据算法模型"]),
                v.pick(["排产优化模型", "质量缺陷识别模型", "锅炉燃烧优化模型"]),
                v.pick(["化工", "汽车", "电子"]),
                str(v.rng.randint(10, 999)),
            ],
        ),
        "app_list": (
            ["序号", "APP名称", "所属领域", "开发主体", "订阅用户数"],
            lambda i: [
                str(i),
                v.pick(["远程运维", "安全巡检云", "智能排产Pro", "质量追溯2.0"]),
                v.pick(["安全生产", "质量管控", "生产制造"]),
                v.pick(["自研", "生态伙伴"]),
                str(v.rng.randint(500, 20000)),
            ],
        ),
        "enterprise_list": (
            ["序号", "企业名称", "所属行业", "服务内容", "是否付费"],
            lambda i: [
                str(i),
                v.company(),
                v.pick(["机械", "食品", "电子"]),
                v.pick(["设备上云", "质量管控", "预测性维护"]),
                v.pick(["是", "否"]),
            ],
        ),
        "solution_list": (
            ["序号", "解决方案名称", "适用行业", "适用领域", "应用企业数"],
            lambda i: [
                str(i),
                v.pick(["产线数字孪生解决方案", "设备预测性维护解决方案", "供应链协同解决方案"]),
                v.pick(["化工", "汽车", "电子"]),
                v.pick(["仓储物流", "运维服务"]),
                str(v.rng.randint(10, 300)),
            ],
        ),
        "financial_statements": (
            ["项目", "期末余额"],
            lambda i: [v.pick(["资产总计", "负债合计", "营业收入", "利润总额"]), f"{v.money(1000, 90000):,.2f}"],
        ),
    }
    for att in doc.catalog_attachments:
        if present[att.key]:
            header, row = lists[att.key]
            list_page(doc, att.label, header, row)


#: labels as applicants print them instead of the template's (written from the form and common
#: practice in Chinese forms, not from the extractor's synonym lists: they test generalisation)
REWORDINGS: dict[str, list[str]] = {
    "企业名称": ["单位名称", "申报单位名称", "企业名称（全称）"],
    "组织机构代码": ["统一社会信用代码", "社会信用代码"],
    "成立时间": ["成立日期", "注册时间"],
    "单位地址": ["企业地址", "注册地址", "通讯地址"],
    "姓名": ["联系人姓名", "联系人"],
    "电话": ["联系电话", "办公电话", "固定电话"],
    "职务": ["联系人职务"],
    "手机": ["手机号码", "移动电话", "联系人手机"],
    "传真": ["传真号码"],
    "E-mail": ["电子邮箱", "邮箱", "Email"],
    "总资产（万元）": ["资产总额（万元）", "总资产"],
    "负债率": ["资产负债率", "负债率（%）"],
    "信用等级": ["企业信用等级", "信用评级"],
    "上年销售（万元）": ["上年销售收入（万元）", "上年营业收入（万元）"],
    "上年税金（万元）": ["上年纳税（万元）", "上年缴纳税金（万元）"],
    "上年利润（万元）": ["上年利润总额（万元）", "上年度利润（万元）"],
    "建设主体": ["平台建设主体", "建设单位"],
    "建设时间": ["平台建设时间", "上线时间"],
    "投资金额": ["平台投资金额", "累计投资（万元）", "投资额"],
}

FILLER = NoticeFiller(fill=fill_shuangkua, rewordings=REWORDINGS, extra_classes=frozenset())
