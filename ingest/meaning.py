"""What a printed label means: which of the notice's fields it names.

A label is compared with each field's labels after folding both (numbering, colon, a
bracketed unit or note, and the general synonyms of :mod:`shenbao.ingest.vocabulary`), then
by words (jieba) and fuzzy similarity (rapidfuzz). Applicants reword labels in a few regular
ways, each scored by a named constant of :mod:`shenbao.ingest.confidence`:

- a synonym ("统一社会信用代码" for 组织机构代码);
- the group label folded in ("联系人姓名", "平台负责人姓名" for 姓名 under 联系人/平台负责人信息),
  while a rival group's name rules the field out;
- a modifier before the label ("项目联系人" for 联系人, "参与人员总数" for 总数);
- a shortened label ("已投资" for 已完成投资: the same characters in order, the same ending).
"""

from __future__ import annotations

import re
from functools import lru_cache

from shenbao.core.notice import FieldSpec, Notice
from shenbao.core.text import core
from shenbao.ingest import confidence as C
from shenbao.ingest.labels import label_score
from shenbao.ingest.vocabulary import canonical

NOTE_TAIL_RE = re.compile(r"(?:[（(][^（）()，,、；;]{0,12}[）)])+$")  # a unit or note, not "（其他，请注明）"
GROUP_NOISE_RE = re.compile(r"[（(][^（）()]*[）)]|第\d+行|信息$|情况$")
NAME_LABELS = frozenset({"姓名"})
NAME_ATTRIBUTES = frozenset({"姓名", "名称", "全称"})  # "联系人姓名", "推荐单位名称": the thing itself
# Words applicants put before a label without changing what it names.
MODIFIERS = frozenset({"项目", "申报", "企业", "单位", "公司", "本单位", "平台", "参与人员", "专业技术", "技术"})
MIN_SUFFIX_LABEL = 3  # a label at least this long may take any modifier before it
MIN_CUT_LABEL = 4  # a label cut short by one character is still read when this much is left
# Words applicants leave out in front of a label: "电话" for 联系电话, "部门" for 所属部门.
DROPPED_MODIFIERS = frozenset({"联系", "所属", "所在"})


@lru_cache(maxsize=65536)
def label_form(text: str) -> str:
    """A label as compared: no numbering, colon, bracketed unit or note ("总资产（万元）" -> "总资产")."""
    folded = core(text)
    stripped = NOTE_TAIL_RE.sub("", folded)
    return stripped or folded


def group_stem(spec: FieldSpec) -> str:
    """The field's group label as applicants fold it into a label: "平台负责人信息" -> "平台负责人"."""
    group = spec.context[0] if spec.context else spec.parent
    stem = core(group) if group else ""
    while True:
        shorter = GROUP_NOISE_RE.sub("", stem)
        if shorter == stem:
            return stem
        stem = shorter


class FieldMapper:
    """Scores printed labels against a notice's fields; built once per extraction."""

    def __init__(self, notice: Notice) -> None:
        self.notice = notice
        self._stems = {spec.key: group_stem(spec) for spec in notice.fields}
        self._rivals: dict[str, list[FieldSpec]] = {}
        self._cache: dict[tuple[str, str], tuple[float, bool]] = {}
        self._claimed: dict[tuple[str, str], bool] = {}

    def label_match(self, printed: str, spec: FieldSpec) -> tuple[float, bool]:
        """(0-100 score, whether the printed label carries the field's group name)."""
        key = (printed, spec.key)
        if key not in self._cache:
            self._cache[key] = self._match(printed, spec)
        return self._cache[key]

    def _match(self, printed: str, spec: FieldSpec) -> tuple[float, bool]:
        p_exact = label_form(printed)
        p = canonical(p_exact)
        if not p:
            return 0.0, False
        stem = self._stems[spec.key]
        best, folded = 0.0, False
        names_the_group = bool(stem) and p == canonical(stem)  # "企业及项目简介" heads the group
        for label in spec.all_labels:
            l_exact = label_form(label)
            lab = canonical(l_exact)
            if not lab:
                continue
            if p_exact == l_exact:
                return 100.0, False
            if p == lab:
                best = max(best, C.LABEL_SYNONYM)
                continue
            if p.startswith(lab) and p[len(lab) :] in NAME_ATTRIBUTES:
                best, folded = max(best, C.LABEL_FOLDED_GROUP), True  # "联系人姓名" for 联系人
                continue
            suffix = _suffix_of(p, lab) or _suffix_of(p_exact, l_exact)  # "联系电话" ends in 电话 as printed
            if suffix:
                prefix = suffix
                if stem and _names_group(prefix, stem) and not names_the_group:
                    best, folded = max(best, C.LABEL_FOLDED_GROUP), True
                    continue
                if any(_names_group(prefix, s) for s in self._rival_stems(spec)):
                    return 0.0, False
                if prefix in MODIFIERS or len(lab) >= MIN_SUFFIX_LABEL:
                    best = max(best, C.LABEL_MODIFIED)
            elif _cut_short(p_exact, l_exact):
                best = max(best, C.LABEL_CUT_SHORT)
            elif _suffix_of(l_exact, p_exact) in DROPPED_MODIFIERS:
                best = max(best, C.LABEL_MODIFIED)
            elif _shortened(p, lab):
                best = max(best, C.LABEL_SHORTENED)
            best = max(best, min(label_score(p, lab), C.LABEL_FUZZY_CAP))
        if stem and is_name_field(spec) and p == canonical(stem):
            best, folded = max(best, C.LABEL_GROUP_AS_NAME), True  # "联系人：张三" for 联系人/姓名
        elif stem and is_name_field(spec) and len(p) >= 3 and canonical(stem).endswith(p):
            best, folded = max(best, C.LABEL_GROUP_SHORT_AS_NAME), True  # "负责人" for 平台负责人/姓名
        return best, folded

    def claimed_elsewhere(self, spec: FieldSpec, section: str | None) -> bool:
        """Another section's own field is printed with this field's label: when ``spec``'s
        section is not on the page, text under that other section is not ``spec``'s."""
        if section is None or section == spec.section:
            return False
        key = (spec.key, section)
        if key not in self._claimed:
            mine = {canonical(label_form(label)) for label in spec.all_labels}
            self._claimed[key] = any(
                f.section == section
                and f.key != spec.key
                and any(canonical(label_form(label)) in mine for label in f.all_labels)
                for f in self.notice.fields
            )
        return self._claimed[key]

    def _rival_stems(self, spec: FieldSpec) -> list[str]:
        return [self._stems[f.key] for f in self.rivals(spec) if self._stems[f.key]]

    def rivals(self, spec: FieldSpec) -> list[FieldSpec]:
        """Other fields of the same section printed with (nearly) the same label."""
        if spec.key not in self._rivals:
            mine = {canonical(label_form(label)) for label in spec.all_labels}
            self._rivals[spec.key] = [
                f
                for f in self.notice.fields
                if f.key != spec.key
                and f.section == spec.section
                and any(label_score(a, canonical(label_form(b))) >= 90 for a in mine for b in f.all_labels)
            ]
        return self._rivals[spec.key]


def _cut_short(printed: str, label: str) -> bool:
    """The label without its last character: a narrow cell wrapped it ("项目起止时" / "间") and
    a scan lost the lone character of the second line."""
    return len(printed) >= MIN_CUT_LABEL and len(label) == len(printed) + 1 and label.startswith(printed)


def _suffix_of(printed: str, label: str) -> str:
    """What ``printed`` has before ``label`` when it ends with it ("" when it does not)."""
    return printed[: -len(label)] if printed.endswith(label) and len(printed) > len(label) else ""


def is_name_field(spec: FieldSpec) -> bool:
    return any(label_form(label) in NAME_LABELS for label in spec.all_labels)


def _names_group(prefix: str, stem: str) -> bool:
    """``prefix`` names the group ``stem``: "联系人" for 联系人, "负责人" for 平台负责人."""
    if len(prefix) < 2 or not stem:
        return False
    return prefix in stem or stem in prefix or label_score(prefix, stem) >= 85


def _shortened(p: str, label: str) -> bool:
    """``p`` is ``label`` with characters left out, keeping its order and its last character
    ("已投资" for 已完成投资, "投入工作量" for 已经投入项目的工作总量)."""
    if len(p) < 3 or len(p) >= len(label) or p[-1] != label[-1]:
        return False
    it = iter(label)
    return all(ch in it for ch in p)
