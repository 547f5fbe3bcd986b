"""General synonyms of form labels: every spelling reads as its group's first one."""

from __future__ import annotations

import pytest

from shenbao.ingest.vocabulary import SYNONYMS, canonical

# canonical() rewrites a shorter spelling found inside the group's own head:
# "组织机构代码" holds "机构代码", "电子邮箱" holds "邮箱", "传真号码" holds "传真", "项目起止时间" holds "起止时间".


@pytest.mark.parametrize(
    ("spelling", "head"),
    [
        ("统一社会信用代码", "组织机构代码"),
        ("社会信用代码", "组织机构代码"),
        ("E-mail", "电子邮箱"),
        ("EMAIL", "电子邮箱"),  # ASCII spellings in any case
        ("手机号码", "移动电话"),
        ("联系手机", "移动电话"),
        ("申报单位名称", "单位名称"),  # the longest spelling wins over "单位名称" inside it
        ("企业名称", "单位名称"),
        ("成立日期", "成立时间"),
        ("资产负债率", "负债率"),
        ("资产总额", "总资产"),
        ("填报日期", "申报日期"),
        ("联系方式", "固定电话"),
        ("联系电话", "固定电话"),
    ],
)
def test_spelling_reads_as_its_group_head(spelling: str, head: str) -> None:
    assert canonical(spelling) == head


def test_spelling_inside_a_longer_label_is_rewritten() -> None:
    assert canonical("联系人手机号码") == "联系人移动电话"
    assert canonical("平台负责人企业名称") == "平台负责人单位名称"


@pytest.mark.parametrize("label", ["平台名称", "覆盖的行业数量", "工业APP数", ""])
def test_labels_outside_the_vocabulary_are_unchanged(label: str) -> None:
    assert canonical(label) == label


def _every_spelling() -> list[object]:
    out: list[object] = []
    for group in SYNONYMS:
        for spelling in group:
            out.append(pytest.param(spelling, group[0], id=spelling))
    return out


@pytest.mark.parametrize(("spelling", "head"), _every_spelling())
def test_every_spelling_of_every_group_including_the_head(spelling: str, head: str) -> None:
    """Two labels compare by meaning only if the head itself is a fixed point of canonical()."""
    assert canonical(spelling) == head


def test_no_spelling_belongs_to_two_groups() -> None:
    spellings = [s.lower() for group in SYNONYMS for s in group]
    assert len(spellings) == len(set(spellings))


@pytest.mark.parametrize(
    ("spelling", "head"),
    [
        ("注册地址", "单位地址"),
        ("地址", "单位地址"),
        ("营业收入", "销售"),
        ("销售收入", "销售"),
        ("接入设备数", "设备连接数"),
        ("所在城区", "所在区"),
        ("项目投资总额", "项目总投资"),  # the spelling inside a longer label
        ("建成投运时间", "建设时间"),
        ("联系电话", "固定电话"),
        ("联系方式", "固定电话"),
    ],
)
def test_new_form_spellings_read_as_their_group_head(spelling: str, head: str) -> None:
    assert canonical(spelling) == head
