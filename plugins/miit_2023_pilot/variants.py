"""Variant filler for 2023年工业互联网试点示范项目申报书: fills the blank the way applicants do (bench/variants.py).

Only generation (python-docx) happens here; it is imported by the authoring tools, never by
extraction. ``REWORDINGS`` are labels as applicants print them instead of the template's.
"""

from __future__ import annotations

from datetime import date

from shenbao.plugins.authoring.variants.docxedit import (
    Doc,
    add_table,
    add_text,
    body_paragraph,
    fill_blanks,
    fill_bool_cell,
    find_cell,
    maybe,
    page_break_paragraph,
    set_paragraph_text,
    tick,
    write_cell,
)
from shenbao.plugins.authoring.variants.generate import NoticeFiller

PILOT_DIRECTIONS = {
    "新技术类": ["工业互联网+区块链应用", "5G+工业互联网融合应用", "工业互联网+数字孪生"],
    "工厂类": ["工业互联网平台+智能工厂", "5G全连接工厂"],
    "载体类": ["工业互联网数字化转型促进中心", "工业互联网创新中心"],
    "园区类": ["工业互联网平台+园区", "5G+工业互联网园区"],
    "网络类": ["工业互联网标识解析规模化应用", "企业内网改造升级", "工业互联网IPv6规模化应用"],
    "平台类": ["行业特色型工业互联网平台", "特定领域工业互联网平台", "区域特色型工业互联网平台"],
    "安全类": ["工业互联网安全分类分级管理", "工业互联网安全技术监测服务"],
}
PILOT_TYPES = ["工业企业", "基础电信企业", "信息技术企业", "互联网企业", "高校及科研院所", "园区运营管理机构"]
PILOT_RECOMMENDERS = [
    "武汉东湖新技术开发区管委会",
    "武汉经济技术开发区（汉南区）经济和信息化局",
    "湖北省经济和信息化厅",
    "湖南省工业和信息化厅",
    "广东省工业和信息化厅",
    "江苏省工业和信息化厅",
]


def fill_pilot(doc: Doc) -> None:
    v, d, k = doc.v, doc.d, doc.knobs
    cat_opts = doc.catalog_field("project.category").options
    cat = v.pick(cat_opts)
    direction = v.pick(PILOT_DIRECTIONS.get(cat, ["工业互联网平台"]))
    brand = v.brand()
    reg = v.region("any")
    district, div = v.pick(reg.districts)
    name = v.company(reg.city, brand)
    proj = v.pick([f"{brand}{direction}项目", f"基于{brand}平台的{direction}", f"{brand}{direction}应用项目"])
    recommender = v.pick(PILOT_RECOMMENDERS)
    contact = v.person()
    sub_dt = v.rand_date(date(2023, 11, 10), date(2023, 11, 30))

    t0, t1, t2 = d.tables[:3]
    cover = [
        ("项目名称", proj),
        ("项目类别和方向", f"{cat}{v.pick(['/', ' / ', '—', '-'])}{direction}"),
        ("申报单位（盖章）", name),
        ("推荐单位（盖章）", recommender),
        ("申报日期", v.fmt_date(sub_dt, v.pick(["cnsp", "cn", "dot", "iso"]))),
    ]
    for label, val in cover:
        fill_blanks(doc, body_paragraph(doc, label + "：")[1], [val])

    write_cell(doc, find_cell(t0, "项目名称"), doc.put("project.name", proj, proj))
    if doc.keep("project.category"):
        doc.put("project.category", cat, cat)
        tick(doc, find_cell(t0, "项目类别").paragraphs, cat)
    if doc.keep("project.direction"):
        write_cell(doc, find_cell(t0, "申报方向"), doc.put("project.direction", direction, direction))
    if doc.keep("project.investment"):
        inv = v.money(300, 60000)
        write_cell(doc, find_cell(t0, "项目总投资（万元）"), doc.put("project.investment", v.fmt_money(inv), inv))
    if doc.keep("project.completion_date"):
        p, iso, _ = v.date_value(date(2019, 1, 1), date(2023, 9, 30), month_rate=0.15)
        write_cell(doc, find_cell(t0, "项目建成时间"), doc.put("project.completion_date", p, iso))
    innovation = v.chance(0.4)
    for label, key, ticked in (
        ("项目已建成并投入运行", "project.built", not v.chance(0.08)),
        ("已列入前期试点示范且仍在示范期", "project.in_demo_period", v.chance(0.08)),
        ("属于工业互联网创新发展工程项目", "project.innovation_project", innovation),
        ("工业互联网创新发展工程项目已通过验收", "project.innovation_accepted", not v.chance(0.15)),
    ):
        if key == "project.innovation_accepted" and not innovation and v.chance(0.7):
            continue
        if doc.keep(key):
            fill_bool_cell(doc, find_cell(t0, label), key, ticked)
    pri_opts = doc.catalog_field("project.priority_conditions").options
    chosen = [o for o in pri_opts if v.chance(0.35)]
    if chosen:
        doc.put("project.priority_conditions", "、".join(chosen), chosen)
        for o in chosen:
            tick(doc, find_cell(t0, "优先支持条件").paragraphs, o)
    summary = v.longtext(1, 9)
    cell = t1.rows[0].cells[0]
    paras = cell.paragraphs
    set_paragraph_text(doc, paras[-1], summary, like=paras[0].runs[0])
    doc.put("project.summary", summary, summary)

    write_cell(doc, find_cell(t2, "申报单位名称"), doc.put("applicant.name", name, name))
    code = v.org_code(div, valid=not v.chance(0.1))
    if doc.keep("applicant.org_code"):
        write_cell(doc, find_cell(t2, "统一社会信用代码"), doc.put("applicant.org_code", v.spaced_code(code), code))
    typ = v.pick(PILOT_TYPES)
    if doc.keep("applicant.type"):
        doc.put("applicant.type", typ, typ)
        tick(doc, find_cell(t2, "申报主体类型").paragraphs, typ)
    if doc.keep("applicant.address"):
        a = v.address(reg, district)
        write_cell(doc, find_cell(t2, "单位地址"), doc.put("applicant.address", a, a))
    if doc.keep("contact.name"):
        write_cell(doc, find_cell(t2, "联系人"), doc.put("contact.name", contact, contact))
    mob = maybe(doc, "contact.mobile", v.mobile) or ""
    mail = maybe(doc, "contact.email", lambda: v.email(contact, brand)) or ""
    sep = v.pick([" ", "  ", "\n", "；"])
    write_cell(doc, find_cell(t2, "联系方式（手机与邮箱）"), f"手机：{mob}{sep}邮箱：{mail}")
    if doc.keep("recommender.name"):
        write_cell(doc, find_cell(t2, "推荐单位"), doc.put("recommender.name", recommender, recommender))
    rank = v.rng.randint(1, 12)
    if doc.keep("recommender.rank"):
        write_cell(doc, find_cell(t2, "推荐序号"), doc.put("recommender.rank", str(rank), rank))

    dur = v.pick([5, 6, 7, 8, 8.5, 9, 9.5, 10, 6.5]) if not v.chance(0.1) else v.pick([3.5, 12, 15])
    _, pv = body_paragraph(doc, "视频时长（分钟）")
    if doc.keep("video.duration_min"):
        s = f"{dur:.2f}" if v.chance(0.3) else (f"{dur:g}")
        fill_blanks(doc, pv, [doc.put("video.duration_min", s, float(dur))])
    fname = f"{brand}-{direction}-项目视频.mp4"
    if doc.keep("video.file_name"):
        fill_blanks(doc, body_paragraph(doc, "视频文件名")[1], [doc.put("video.file_name", fname, fname)])
    _, pd = body_paragraph(doc, "2023年11月21日")
    set_paragraph_text(doc, pd, v.fmt_date(v.rand_date(sub_dt, date(2023, 12, 5))))

    att = {"application_form": True, "video_evidence": not v.chance(0.15), "recommendation_summary": v.chance(0.6)}
    doc.attachments = att
    n = 1
    if att["video_evidence"]:
        page_break_paragraph(doc, f"附件{n}：项目相关视频证明材料（光盘）说明", brk=k.attach_break)
        mins, secs = int(dur), round((dur - int(dur)) * 60)
        add_table(
            doc,
            [
                ["光盘盘面标注", brand],
                ["视频文件", fname],
                ["视频时长", f"{mins}分{secs:02d}秒"],
                ["分辨率", "1920×1080"],
                ["主要内容", "1.项目背景与建设目标；2.平台/网络/安全架构演示；3.应用场景现场实拍"],
            ],
        )
        n += 1
    if att["recommendation_summary"]:
        page_break_paragraph(doc, f"附件{n}", brk=k.attach_break)
        add_text(doc, "2023年工业互联网试点示范推荐项目汇总表", 14)
        add_text(doc, f"推荐单位（盖章）：{recommender}")
        rows = [["序号", "项目名称", "项目类别和方向", "申报单位名称", "联系人", "联系方式（手机与邮箱）"]]
        own_rows = [(cat, direction, proj)]
        if v.chance(0.3):  # the same applicant with more projects
            for _ in range(v.rng.randint(1, 2)):
                c2 = v.pick(cat_opts)
                d2 = v.pick(PILOT_DIRECTIONS[c2])
                own_rows.append((c2, d2, f"{brand}{d2}项目"))
        entries = own_rows + [
            (c, v.pick(PILOT_DIRECTIONS[c]), None) for c in (v.pick(cat_opts) for _ in range(v.rng.randint(1, 5)))
        ]
        v.rng.shuffle(entries)
        for i, (c, dd, pj) in enumerate(entries):
            if pj is not None:
                rows.append([str(i + 1), pj, f"{c}/{dd}", name, contact, f"{mob} {mail}"])
                row_name = name
            else:
                b2 = v.brand()
                other = v.person()
                row_name = v.company(reg.city, b2)
                rows.append(
                    [
                        str(i + 1),
                        f"{b2}{dd}项目",
                        f"{c}/{dd}",
                        row_name,
                        other,
                        f"{v.mobile()[1]} {v.email(other, b2)[1]}",
                    ]
                )
            # the rows of the bound 推荐汇总表, for the per-applicant limits (the table prints
            # no credit code: the applicant is told apart by name)
            doc.summary_rows.append({"applicant.org_code": row_name, "applicant.name": row_name, "project.category": c})
        add_table(doc, rows)


#: labels as applicants print them instead of the template's (written from the form and common
#: practice in Chinese forms, not from the extractor's synonym lists: they test generalisation)
REWORDINGS: dict[str, list[str]] = {
    "申报单位名称": ["单位名称", "申报单位", "企业名称"],
    "统一社会信用代码": ["社会信用代码", "信用代码", "统一社会信用代码（18位）"],
    "单位地址": ["通讯地址", "单位通讯地址", "地址"],
    "联系人": ["项目联系人", "联系人姓名"],
    "联系方式（手机与邮箱）": ["联系方式", "手机及邮箱"],
    "手机": ["手机号码", "移动电话"],
    "推荐单位": ["推荐部门", "推荐单位名称"],
    "推荐序号": ["推荐排序", "推荐顺序号"],
    "项目总投资（万元）": ["总投资（万元）", "项目投资总额（万元）"],
    "项目建成时间": ["建成时间", "项目建成投运时间"],
    "申报方向": ["示范方向", "申报的方向"],
    "项目名称": ["申报项目名称"],
}

FILLER = NoticeFiller(fill=fill_pilot, rewordings=REWORDINGS, extra_classes=frozenset())
