"""Words that mean the same on Chinese application forms, whatever the notice.

Applicants reword labels: "统一社会信用代码" where the template prints 组织机构代码, "E-mail" for
电子邮箱, "手机" for 移动电话. These are the language of forms in general, not of one notice
(a notice's own synonyms are its fields' ``labels`` in ``notice.toml``). Each group lists
spellings of one label in compare form; :func:`canonical` rewrites every spelling to the
group's first one, so two labels can be compared by meaning.
"""

from __future__ import annotations

import re
from functools import lru_cache

SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("组织机构代码", "统一社会信用代码", "社会信用代码", "信用代码", "机构代码", "组织代码"),
    ("电子邮箱", "电子邮件地址", "电子邮件", "邮箱地址", "邮箱", "e-mail", "email", "电邮"),
    ("移动电话", "手机号码", "手机号", "联系手机", "手机"),
    ("固定电话", "办公电话", "座机号码", "座机", "电话", "联系电话", "联系方式"),
    ("传真号码", "传真电话", "传真"),
    (
        "单位名称",
        "申报单位名称",
        "申报企业名称",
        "企业名称",
        "公司名称",
        "单位全称",
        "企业全称",
        "申报单位",
        "申请单位",
        "申报企业",
    ),
    (
        "单位地址",
        "企业地址",
        "公司地址",
        "通讯地址",
        "通信地址",
        "联系地址",
        "办公地址",
        "详细地址",
        "注册地址",
        "注册地",
        "住所",
        "地址",
    ),
    ("总投资", "投资总额", "总投资额"),
    ("计划投资", "计划总投资"),
    ("已完成投资", "累计完成投资", "完成投资"),
    ("投资金额", "累计投资", "投资额度"),
    ("申报方向", "示范方向", "申报的方向"),
    ("销售", "销售收入", "营业收入", "销售额", "营业额"),
    ("成立时间", "成立日期", "注册时间", "注册日期", "设立时间", "设立日期"),
    ("单位性质", "企业性质", "公司性质", "单位类型", "企业类型", "企业性质类型"),
    ("法定代表人", "法人代表", "企业法人"),
    ("所属部门", "所在部门"),
    ("职务", "职位", "岗位"),
    ("职称", "技术职称", "专业技术职称"),
    ("姓名", "名字"),
    ("负债率", "资产负债率"),
    ("总资产", "资产总额", "资产总计"),
    ("利润", "利润总额"),
    ("税金", "纳税总额", "纳税额", "缴纳税金", "实缴税金", "纳税"),
    ("研发投入", "研发经费投入", "研发经费", "研发费用"),
    ("申报日期", "填报日期", "申报时间", "填报时间"),
    ("项目起止时间", "项目起止日期", "项目建设期", "建设周期", "起止时间"),
    ("所在区", "所属区", "所在区域", "所属区域", "所在地区", "所属地区", "所在区县", "所在城区", "所属城区"),
    ("设备连接数", "接入设备数", "连接设备数", "设备接入数", "接入设备数量", "设备接入数量"),
    ("申请支持金额", "申请资金", "申请金额", "申请支持资金", "申请资助金额", "申请扶持资金"),
    ("信用等级", "信用评级", "资信等级", "信用级别"),
    ("建设主体", "建设单位", "承建单位", "建设方"),
    ("建设时间", "上线时间", "建成时间", "上线日期", "建成日期", "建成投运时间", "投运时间", "投产时间"),
    ("推荐单位", "推荐单位名称", "推荐部门", "推荐机构"),
    ("项目名称", "项目全称"),
    ("推荐序号", "推荐排序", "推荐顺序", "推荐次序"),
)

# Every spelling, the canonical ones too (so "机构代码" inside 组织机构代码 is left alone), longest first.
_SPELLINGS = sorted(((s, g[0]) for g in SYNONYMS for s in g), key=lambda t: -len(t[0]))
_PATTERN = re.compile("|".join(re.escape(s) for s, _ in _SPELLINGS), re.IGNORECASE)
_CANON = {s.lower(): c for s, c in _SPELLINGS}


@lru_cache(maxsize=65536)
def canonical(label: str) -> str:
    """``label`` with every known spelling replaced by its group's first one."""
    return _PATTERN.sub(lambda m: _CANON[m.group().lower()], label)
