"""Options stacked beside a label that has no box around it.

Printed without rulings, a choice row puts its label at the left and its options one under
another to the right, the label centred on them, so one option prints above the label's line:

    ☑自建
    建设方式   □合作共建 请注明合作企业名称
    ☑自建                    <- already the next label's first option
    IaaS 基础设施 □租用

Without cells the row is the band between the label column's neighbours: from halfway up to
the line above the label to halfway down to the line below it. Every line to the right whose
middle lies in that band is one of this label's options.
"""

from __future__ import annotations

from shenbao.core.notice import FieldSpec
from shenbao.ingest import confidence as C
from shenbao.ingest.candidates import Candidate, context_ok, has_boxes
from shenbao.ingest.document import Line, lines_bbox
from shenbao.ingest.flow import Flow, Segment
from shenbao.ingest.meaning import FieldMapper

LABEL_COLUMN_TOLERANCE_PT = 12.0  # left edges this close are one column of labels
MIN_GAP_PT = 4.0  # options start at least this far right of their label


def beside_candidates(flow: Flow, spec: FieldSpec, mapper: FieldMapper, segments: list[Segment]) -> list[Candidate]:
    """The boxed options right of a loose label line, read by its row band."""
    if spec.type not in ("choice", "multichoice", "bool"):
        return []
    out = []
    for seg in segments:
        if seg.cell is not None or len(seg.lines) != 1 or has_boxes(seg.text):
            continue
        score, _ = mapper.label_match(seg.text, spec)
        if score < C.LABEL_CELL_MIN or not context_ok(flow, seg, spec):
            continue
        page_lines = [line for s in flow.segments if s.page == seg.page and s.cell is None for line in s.lines]
        options = _options_beside(seg.lines[0], page_lines)
        if options and any(has_boxes(line.text) for line in options):
            out.append(_candidate(spec, seg, options, score))
    return out


def _options_beside(label: Line, lines: list[Line]) -> list[Line]:
    column = [
        line for line in lines if line is not label and abs(line.bbox[0] - label.bbox[0]) <= LABEL_COLUMN_TOLERANCE_PT
    ]
    above = max((line.bbox[3] for line in column if line.bbox[3] <= label.bbox[1] + 1), default=None)
    below = min((line.bbox[1] for line in column if line.bbox[1] >= label.bbox[3] - 1), default=None)
    height = label.bbox[3] - label.bbox[1]  # with no neighbour, the band reaches a line further
    top = (above + label.bbox[1]) / 2 if above is not None else label.bbox[1] - height
    bottom = (label.bbox[3] + below) / 2 if below is not None else label.bbox[3] + height
    return sorted(
        (
            line
            for line in lines
            if line.bbox[0] >= label.bbox[2] + MIN_GAP_PT and top <= (line.bbox[1] + line.bbox[3]) / 2 <= bottom
        ),
        key=lambda line: (line.bbox[1], line.bbox[0]),
    )


def _candidate(spec: FieldSpec, seg: Segment, options: list[Line], score: float) -> Candidate:
    return Candidate(
        key=spec.key,
        raw="\n".join(line.text for line in options),
        page=seg.page,
        bbox=lines_bbox(options),
        label_score=score,
        layout="aligned",
        ocr_confidence=min(line.confidence for line in options),
        source=options[0].source,
        prior=C.PRIOR_ALIGNED,
        anchor=(seg.index, -1),
    ).labelled(seg.page, seg.lines[0].bbox)
