"""Printed pairs to the notice's fields, by meaning rather than by position.

A pair's label is compared with each field's labels after folding both (numbering, colon,
a bracketed unit or note, and the general synonyms of :mod:`shenbao.ingest.vocabulary`), then
by words (jieba) and fuzzy similarity (rapidfuzz). A group label folded into the pair's label
("联系人姓名", "平台负责人姓名") names the field's group; a rival group's name rules it out.
A field whose group label is not printed near the pair is still taken when no other field
of its section shares its label.
"""
from __future__ import annotations

import re
from functools import lru_cache

from shenbao.ingest import confidence as C
from shenbao.ingest.candidates import Candidate, context_ok, inline_value, pair_text_value
from shenbao.ingest.flow import Flow, core, norm
from shenbao.ingest.labels import label_score
from shenbao.ingest.pairs import Pair
from shenbao.ingest.vocabulary import canonical
from shenbao.plugins.notice import FieldSpec, Notice

NOTE_TAIL_RE = re.compile(r"(?:[（(][^（）()]{0,12}[）)])+$")
GROUP_NOISE_RE = re.compile(r"[（(][^（）()]*[）)]|第\d+行|信息$|情况$")
NAME_LABELS = frozenset({"姓名"})


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

    def label_match(self, printed: str, spec: FieldSpec) -> tuple[float, bool]:
        """(0-100 score, whether the printed label carries the field's group name)."""
        p_exact = label_form(printed)
        p = canonical(p_exact)
        stem = self._stems[spec.key]
        best, folded = 0.0, False
        for label in spec.all_labels:
            l_exact = label_form(label)
            l = canonical(l_exact)
            if not l:
                continue
            if p_exact == l_exact:
                return 100.0, False
            if p == l:
                best = max(best, C.LABEL_SYNONYM)
                continue
            if stem and p.endswith(l) and len(p) > len(l):
                prefix = p[: -len(l)]
                if _names_group(prefix, stem):
                    best, folded = max(best, C.LABEL_FOLDED_GROUP), True
                    continue
                if any(_names_group(prefix, s) for s in self._rival_stems(spec)):
                    return 0.0, False
            best = max(best, min(label_score(p, l), C.LABEL_FUZZY_CAP))
        if stem and l_is_name(spec) and p == canonical(stem):
            best, folded = max(best, C.LABEL_GROUP_AS_NAME), True  # "联系人：张三" for 联系人/姓名
        return best, folded

    def _rival_stems(self, spec: FieldSpec) -> list[str]:
        return [self._stems[f.key] for f in self.rivals(spec) if self._stems[f.key]]

    def rivals(self, spec: FieldSpec) -> list[FieldSpec]:
        """Other fields of the same section printed with (nearly) the same label."""
        if spec.key not in self._rivals:
            mine = {canonical(label_form(l)) for l in spec.all_labels}
            self._rivals[spec.key] = [
                f for f in self.notice.fields
                if f.key != spec.key and f.section == spec.section
                and any(label_score(a, canonical(label_form(b))) >= 90 for a in mine for b in f.all_labels)]
        return self._rivals[spec.key]


def l_is_name(spec: FieldSpec) -> bool:
    return any(label_form(l) in NAME_LABELS for l in spec.all_labels)


def _names_group(prefix: str, stem: str) -> bool:
    """``prefix`` names the group ``stem``: "联系人" for 联系人, "负责人" for 平台负责人."""
    if len(prefix) < 2 or not stem:
        return False
    return prefix in stem or stem in prefix or label_score(prefix, stem) >= 85


def pair_candidates(flow: Flow, spec: FieldSpec, mapper: FieldMapper,
                    pairs: dict[int, list[Pair]]) -> list[Candidate]:
    """Candidates from the printed pairs of the field's section whose label means the field."""
    if spec.effective_layout in ("pattern", "grid", "block") or spec.type == "longtext":
        return []
    out = []
    for seg in flow.in_section(spec.section):
        for pair in pairs.get(seg.index, ()):
            score, folded = mapper.label_match(pair.label, spec)
            if score < C.PAIR_LABEL_MIN:
                continue
            prior = C.PRIOR_PAIR
            if spec.context and not folded and not context_ok(flow, seg, spec):
                if mapper.rivals(spec):
                    continue  # another field has this label: its group must be printed
                prior *= C.PRIOR_GROUP_UNSEEN
            cand = _pair_value(pair, spec, score, prior)
            if cand is not None:
                out.append(cand)
    return out


def _pair_value(pair: Pair, spec: FieldSpec, score: float, prior: float) -> Candidate | None:
    seg = pair.segment
    if spec.type == "text":
        cand = pair_text_value(pair.hay, pair.value_start, pair.value_end, spec, seg, score, prior)
    else:
        cand = inline_value(pair.hay, pair.value_start, spec, seg, score, prior, limit=pair.value_end)
    if cand is None:
        return None
    cand.layout = "pair"
    cand.anchor = (seg.index, pair.value_start)
    cand.unit_hint = pair.unit if norm(pair.unit) != norm(spec.unit) else ""
    return cand
