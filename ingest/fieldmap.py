"""Printed pairs to the notice's fields, by meaning rather than by position.

Each printed ``label：value`` pair (:mod:`shenbao.ingest.pairs`) becomes a candidate for every
field its label means (:mod:`shenbao.ingest.meaning`). A field whose group label is not printed
near the pair is still taken when no other field of its section shares its label.
"""

from __future__ import annotations

from shenbao.core.notice import FieldSpec
from shenbao.core.text import norm
from shenbao.ingest import confidence as C
from shenbao.ingest.candidates import Candidate, context_ok, inline_value, pair_text_value
from shenbao.ingest.flow import Flow, Segment
from shenbao.ingest.meaning import FieldMapper
from shenbao.ingest.pairs import Pair


def pair_candidates(
    flow: Flow, spec: FieldSpec, mapper: FieldMapper, pairs: dict[int, list[Pair]], segments: list[Segment]
) -> list[Candidate]:
    """Candidates from the printed pairs of the field's section whose label means the field."""
    if spec.effective_layout in ("pattern", "grid", "block") or spec.type == "longtext":
        return []
    out = []
    for seg in segments:
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
    cand: Candidate | None
    if spec.type == "text":
        cand = pair_text_value(pair.hay, pair.value_start, pair.value_end, spec, seg, score, prior)
    else:
        cand = inline_value(pair.hay, pair.value_start, spec, seg, score, prior, limit=pair.value_end)
    if cand is None:
        return None
    cand.layout = "pair"
    cand.anchor = (seg.index, pair.value_start)
    cand.unit_hint = pair.unit if norm(pair.unit) != norm(spec.unit) else ""
    return cand.labelled(seg.page, pair.hay.bbox(pair.label_start, pair.label_end))
