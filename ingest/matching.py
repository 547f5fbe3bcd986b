"""Choose each field's value among its candidates; type it; say how sure we are.

Confidence multiplies what can go wrong: the label match, the layout's reliability, the
OCR recognition score and whether the value is valid for its type (parses, has the
expected unit, passes its checksum). Values that fail to parse are not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from shenbao.core.notice import FieldSpec, Notice
from shenbao.core.text import core
from shenbao.ingest import confidence as C
from shenbao.ingest.aligned import aligned_candidates
from shenbao.ingest.beside import beside_candidates
from shenbao.ingest.blocks import block_candidates
from shenbao.ingest.candidates import (
    Candidate,
    LabelIndex,
    cell_candidates,
    grid_candidates,
    inline_candidates,
    pattern_candidates,
)
from shenbao.ingest.document import BOX_CHARS
from shenbao.ingest.fieldmap import pair_candidates
from shenbao.ingest.flow import COVER_SECTION, Flow, Segment
from shenbao.ingest.meaning import FieldMapper
from shenbao.ingest.normalize import (
    BOOL_OPTIONS,
    InvalidValue,
    clean_longtext,
    has_unit,
    implicit_ticks,
    nfkc,
    normalize,
)
from shenbao.ingest.orgcode import is_valid as org_code_is_valid
from shenbao.ingest.orgcode import repair_ocr_misreads
from shenbao.ingest.pairs import Pair, flow_pairs
from shenbao.ingest.plausibility import Plausibility, first_amounts


@dataclass
class ExtractedField:
    key: str
    value: Any
    raw: str
    confidence: float
    page: int
    bbox: tuple[float, float, float, float]
    source: str

    def as_contract(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "raw": self.raw,
            "confidence": round(self.confidence, 3),
            "page": self.page,
            "bbox": [round(v, 1) for v in self.bbox],
            "source": self.source,
        }


@dataclass(frozen=True)
class LabelSpot:
    """Where a field's label is printed: shown to a clerk looking for a missing value."""

    page: int
    bbox: tuple[float, float, float, float]

    def as_dict(self) -> dict[str, Any]:
        return {"page": self.page, "bbox": [round(v, 1) for v in self.bbox]}


@dataclass
class FieldReading:
    """Every field's chosen value, and where each field's label was found (values or not)."""

    fields: dict[str, ExtractedField]
    labels: dict[str, LabelSpot]


LABEL_SPOT_MIN = 90.0  # a label found only by a weaker match than this is not shown as the field's


def candidates_for(
    flow: Flow,
    spec: FieldSpec,
    labels: LabelIndex,
    stops: list[str],
    segments: list[Segment],
    pairs: dict[int, list[Pair]],
) -> list[Candidate]:
    """Every candidate of the field's layout in ``segments`` (see :func:`field_segments`)."""
    layout = spec.effective_layout
    if layout == "pattern":
        return []
    if layout == "grid":
        return grid_candidates(flow, spec, labels, segments) + aligned_candidates(flow, spec, segments)
    if layout == "block":
        return cell_candidates(flow, spec, labels, segments) + block_candidates(flow, spec, segments, stops)
    if layout == "inline":
        return inline_candidates(flow, spec, segments, pairs, prior=1.0) + [
            _demote(c, C.PRIOR_CELL_FALLBACK) for c in cell_candidates(flow, spec, labels, segments)
        ]
    out = cell_candidates(flow, spec, labels, segments) + inline_candidates(flow, spec, segments, pairs)
    if spec.type == "longtext":  # the section printed unboxed: a heading, then paragraphs
        blocks = block_candidates(flow, spec, segments, stops)
        out += [_demote(c, C.PRIOR_BLOCK_FALLBACK) for c in blocks if c.raw]  # a boxed form's cell is no blank block
    return out


def field_segments(flow: Flow, spec: FieldSpec, mapper: FieldMapper) -> list[Segment]:
    """Where a field's value may be: its section, or — when the applicant left that heading out
    — anywhere but under another printed section that has a field of the same label."""
    if spec.section in flow.found_sections or spec.section == COVER_SECTION:
        return flow.in_section(spec.section)
    return [s for s in flow.segments if not mapper.claimed_elsewhere(spec, s.section)]


def _demote(candidate: Candidate, prior: float) -> Candidate:
    candidate.prior = prior
    return candidate


def extract_fields(flow: Flow, notice: Notice) -> dict[str, ExtractedField]:
    """Best typed value for every field printed and filled in the document."""
    return read_fields(flow, notice).fields


def read_fields(flow: Flow, notice: Notice) -> FieldReading:
    """:func:`extract_fields`, plus where each field's label is printed: the label of the
    chosen candidate, blank ones included, else the best-matching label of any candidate
    (one whose value did not parse has a label all the same)."""
    labels = LabelIndex(notice)
    mapper = labels.mapper
    pairs = flow_pairs(flow)
    stops = block_stops(notice)
    typed: list[tuple[FieldSpec, Candidate, Any]] = []
    spots: dict[str, LabelSpot] = {}
    by_pattern = pattern_candidates(flow, notice)
    for spec in notice.fields:
        segments = field_segments(flow, spec, mapper)
        pool = [c for c in by_pattern if c.key == spec.key] + candidates_for(flow, spec, labels, stops, segments, pairs)
        pool += pair_candidates(flow, spec, mapper, pairs, segments)
        pool += beside_candidates(flow, spec, mapper, segments)
        spot = _best_label(pool)
        if spot is not None:
            spots[spec.key] = spot
        for cand in pool:
            value = typed_value(spec, cand)
            if value is not _INVALID:
                typed.append((spec, cand, value))
    context = Plausibility(_label_texts(pairs), first_amounts(typed))
    scored = [(score(spec, cand, value) * context.factor(spec, value), cand, value) for spec, cand, value in typed]
    chosen: dict[str, Candidate] = {}
    fields = _assign(notice, scored, chosen)
    for key, cand in chosen.items():
        if cand.label_bbox is not None:
            spots[key] = LabelSpot(cand.label_page, cand.label_bbox)
    order = {key: i for i, key in enumerate(notice.field_keys)}
    return FieldReading(fields, dict(sorted(spots.items(), key=lambda kv: order[kv[0]])))


def _best_label(pool: list[Candidate]) -> LabelSpot | None:
    labelled = [c for c in pool if c.label_bbox is not None and c.label_score >= LABEL_SPOT_MIN]
    if not labelled:
        return None
    best = max(labelled, key=lambda c: (c.label_score * c.prior, -c.label_page))
    return LabelSpot(best.label_page, best.label_bbox) if best.label_bbox is not None else None


def _label_texts(pairs: dict[int, list[Pair]]) -> frozenset[str]:
    """Every printed pair label of the document, to tell a value that is a label."""
    return frozenset(p.label for group in pairs.values() for p in group)


_INVALID = object()
# "（盖章）" after a name, also as a scan leaves it: "…有限公司盖章)", "…有限公司(盖章"
SIGNATURE_NOTE_RE = re.compile(r"[（(](?:盖章|签字|签章)[)）]?|(?:盖章|签字|签章)[)）]$|[（(][盖签]$")


def block_stops(notice: Notice) -> list[str]:
    """Line starts that end a paragraph block: other block labels and section names."""
    texts = {core(label) for spec in notice.fields if _paragraphs(spec) for label in spec.all_labels}
    texts |= {core(s) for s in notice.sections}
    return sorted((t for t in texts if len(t) >= 3), key=len, reverse=True)


def _paragraphs(spec: FieldSpec) -> bool:
    return spec.effective_layout == "block" or spec.type == "longtext"


def typed_value(spec: FieldSpec, cand: Candidate) -> Any:
    """The normalized value, ``None`` for a blank, or ``_INVALID``."""
    if cand.blank:
        return None
    raw = cand.raw
    if spec.type == "longtext":
        return clean_longtext(raw)
    if spec.type == "text":
        raw = SIGNATURE_NOTE_RE.sub("", raw)
    if cand.unit_hint and spec.type == "money_wan" and not has_unit(raw):
        raw = raw + cand.unit_hint  # "收入（元）：1384240" is 138.424 万元
    try:
        value = normalize(spec, raw)
    except InvalidValue:
        return _INVALID
    if spec.type == "org_code" and cand.source == "ocr":
        repaired = repair_ocr_misreads(value)
        if repaired is not None:
            cand.repaired = True
            return repaired
    return None if value == [] else value  # a box group with nothing ticked is blank


def score(spec: FieldSpec, cand: Candidate, value: Any) -> float:
    """Confidence that ``value`` is the field's correct value, in [0, 1]."""
    label = min(cand.label_score, 100.0) / 100.0
    conf = label**2 * C.LAYOUT_TRUST.get(cand.layout, C.LAYOUT_TRUST_OTHER) * cand.prior
    conf *= _ocr_factor(cand.ocr_confidence, cand.source)
    conf *= value_validity(spec, cand.raw, value, cand.source)
    if cand.repaired:
        conf *= C.VALID_OCR_REPAIRED
    if value is None:
        conf *= C.PRIOR_BLANK  # a blank loses ties against a filled occurrence of the label
    return max(0.0, min(conf, C.MAX_CONFIDENCE))


def _ocr_factor(ocr_confidence: float, source: str) -> float:
    if source != "ocr":
        return 1.0
    score = max(0.0, min(1.0, ocr_confidence))
    at_knee = 1 - (1 - C.OCR_KNEE) * C.OCR_GENTLE_SLOPE
    if score >= C.OCR_KNEE:
        return 1 - (1 - score) * C.OCR_GENTLE_SLOPE
    return max(0.0, at_knee - (C.OCR_KNEE - score) * C.OCR_STEEP_SLOPE)


def value_validity(spec: FieldSpec, raw: str, value: Any, source: str = "text") -> float:
    """1.0 when the value looks exactly like its type expects, less when it is doubtful."""
    if value is None:
        return 1.0
    if spec.type == "org_code":
        return 1.0 if org_code_is_valid(value) else C.VALID_ORG_CODE_BAD_CHECK
    if source == "ocr" and spec.type == "email" and _has_lookalike(str(value).split("@")[0]):
        return C.VALID_OCR_EMAIL_LOOKALIKE
    if spec.type in ("integer", "percent") and isinstance(value, (int, float)) and value < 0:
        return C.VALID_NEGATIVE_COUNT
    if spec.type in ("integer", "decimal", "money_wan", "percent"):
        extra = re.sub(r"[\d,，.\s+\-万元亿%％（）()]|台/套|台套|" + re.escape(spec.unit or "#"), "", nfkc(raw))
        if extra:
            return C.VALID_NUMBER_EXTRA_TEXT
        if re.search(r"\d\.\d{3}(?!\d)", nfkc(raw)):
            if spec.type == "integer":
                return C.VALID_COUNT_POINT_AS_COMMA
            if nfkc(raw).count(".") > 1:
                return C.VALID_NUMBER_SCAN_SEPARATOR
        return 1.0
    if source == "ocr" and spec.type == "date" and len(str(value)) == len("2010-01"):
        return C.VALID_OCR_PARTIAL_DATE
    if source == "ocr" and spec.type == "longtext" and not SENTENCE_END_RE.search(str(value)):
        return C.VALID_OCR_UNFINISHED_TEXT
    if spec.type in ("choice", "multichoice", "bool") and implicit_ticks(raw, spec.options or BOOL_OPTIONS):
        return C.VALID_IMPLICIT_TICK
    if spec.type == "text" and len(raw) > 80:
        return C.VALID_LONG_TEXT
    if spec.type in ("text", "longtext") and any(ch in BOX_CHARS for ch in raw):
        return C.VALID_BOX_IN_TEXT
    return 1.0


SENTENCE_END_RE = re.compile(r"[。!?.；;）)”\"]\s*$")  # the value is NFKC-folded: full-width marks are ASCII


def _has_lookalike(local: str) -> bool:
    """A character of an e-mail's local part that paper confuses with one of the other kind
    (l/1/I, o/0/O) standing among characters of that other kind: "49O467102", "zhang1i"."""
    for i, ch in enumerate(local):
        if ch in "l1I|0oO":
            digit = ch in "10"
            near = [c for c in (local[i - 1 : i] + local[i + 1 : i + 2]) if c.isalnum()]
            if near and all(c.isdigit() != digit for c in near):
                return True
    return False


def _assign(
    notice: Notice, scored: list[tuple[float, Candidate, Any]], chosen: dict[str, Candidate]
) -> dict[str, ExtractedField]:
    """Greedy by confidence: each field takes its best candidate; a label position serves
    one field only (the best-scoring one). ``chosen`` receives each field's winner, a blank
    one too."""
    taken_fields: set[str] = set()
    taken_anchors: dict[tuple[int, int], str] = {}
    out: dict[str, ExtractedField] = {}
    for conf, cand, value in sorted(scored, key=lambda t: (-t[0], t[1].anchor)):
        if cand.key in taken_fields:
            continue
        if cand.anchor[0] >= 0 and cand.anchor in taken_anchors:
            continue
        taken_fields.add(cand.key)
        chosen[cand.key] = cand
        if cand.anchor[0] >= 0:
            taken_anchors[cand.anchor] = cand.key
        if value is None:
            continue  # printed but left blank
        out[cand.key] = ExtractedField(
            cand.key,
            value,
            cand.raw.replace("\n", ""),
            conf,
            cand.page,
            cand.bbox,
            "ocr" if cand.source == "ocr" else "text",
        )
    order = {key: i for i, key in enumerate(notice.field_keys)}
    return dict(sorted(out.items(), key=lambda kv: order[kv[0]]))
