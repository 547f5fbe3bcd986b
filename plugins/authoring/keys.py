"""Field and attachment keys for a draft: ``<section>.<name>``, dotted lower_snake ASCII.

Chinese labels cannot be spelled in ASCII without a dictionary, so a short glossary of the
words every 申报书 uses gives readable keys where it can (``s2.org_code``) and a numbered
name elsewhere (``s2.field_07``). The person refining the draft renames them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shenbao.plugins.authoring.draft import NoticeDraft

GLOSSARY = (
    ("统一社会信用代码", "org_code"),
    ("组织机构代码", "org_code"),
    ("信用代码", "org_code"),
    ("法定代表人", "legal_rep"),
    ("联系人", "contact"),
    ("联系电话", "phone"),
    ("固定电话", "phone"),
    ("移动电话", "mobile"),
    ("手机", "mobile"),
    ("传真", "fax"),
    ("电子邮箱", "email"),
    ("邮箱", "email"),
    ("e-mail", "email"),
    ("电话", "phone"),
    ("姓名", "name"),
    ("职务", "title"),
    ("职称", "rank"),
    ("所属部门", "department"),
    ("单位地址", "address"),
    ("注册地址", "address"),
    ("地址", "address"),
    ("成立时间", "founded"),
    ("申报日期", "date"),
    ("年月日", "date"),
    ("项目名称", "project_name"),
    ("平台名称", "platform_name"),
    ("企业名称", "company"),
    ("单位名称", "name"),
    ("推荐单位", "recommender"),
    ("申报单位", "applicant"),
    ("单位性质", "nature"),
    ("建设方式", "build_mode"),
    ("总资产", "total_assets"),
    ("负债率", "debt_ratio"),
    ("利润", "profit"),
    ("税金", "tax"),
    ("营业收入", "revenue"),
    ("销售", "sales"),
    ("研发投入", "rd_investment"),
    ("投资", "investment"),
    ("简介", "summary"),
    ("补充说明", "note"),
    ("类别", "category"),
    ("起", "start"),
    ("止", "end"),
)
ATTACHMENT_GLOSSARY = (
    ("营业执照", "business_license"),
    ("财务报表", "financial_statements"),
    ("审计", "audit"),
    ("纳税", "tax_certificate"),
    ("承诺", "commitment"),
    ("合同", "contracts"),
    ("发票", "invoices"),
    ("截图", "screenshots"),
    ("专利", "patents"),
    ("证书", "certificates"),
    ("清单", "list"),
    ("汇总表", "summary_table"),
    ("简表", "summary_table"),
    ("视频", "video"),
    ("申报书", "application_form"),
    ("项目介绍", "project_intro"),
    ("证明材料", "evidence"),
    ("其它", "other_materials"),
    ("其他", "other_materials"),
)


def slug(label: str, glossary: tuple[tuple[str, str], ...]) -> str:
    plain = re.sub(r"\s", "", label).lower()
    for word, name in glossary:
        if word in plain:
            return name
    ascii_words = re.findall(r"[a-z][a-z0-9]*", plain)
    return "_".join(ascii_words[:3])


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    while candidate in used:
        candidate = f"{name}_{n}"
        n += 1
    used.add(candidate)
    return candidate


def section_prefixes(sections: list[str]) -> dict[str, str]:
    """``封面`` → ``cover``; the others ``s1``, ``s2``, … in form order."""
    prefixes: dict[str, str] = {}
    for name in sections:
        if name not in prefixes:
            numbered = sum(1 for p in prefixes.values() if p != "cover")
            prefixes[name] = "cover" if name == "封面" else f"s{numbered + 1}"
    return prefixes


def assign_keys(draft: NoticeDraft) -> None:
    """Give every drafted field and attachment a unique key."""
    prefixes = section_prefixes([spec.section for spec in draft.fields])
    used: set[str] = set()
    for n, spec in enumerate(draft.fields, 1):
        name = slug(spec.label, GLOSSARY) or f"field_{n:02d}"
        spec.key = _unique(f"{prefixes[spec.section]}.{name}", used)
    used_att: set[str] = set()
    for n, item in enumerate(draft.attachments, 1):
        name = slug(item.label, ATTACHMENT_GLOSSARY) or f"attachment_{n}"
        item.key = _unique(name, used_att)
