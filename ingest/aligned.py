"""Grid values read by alignment when the rulings between them are lost.

On a skewed or noisy scan the thin vertical rules of a "row label × year" table may not be
found, and a whole row ("税金（万元） 78,979,000元 12641.25万元") becomes one wide cell; an
applicant may also print such a table without rules at all. The value is then the text on
the row label's line that stands under the column header ("2021年"), by position.
"""

from __future__ import annotations

from shenbao.core.notice import FieldSpec
from shenbao.ingest import confidence as C
from shenbao.ingest.candidates import Candidate, context_ok
from shenbao.ingest.document import Line
from shenbao.ingest.flow import Flow, Segment
from shenbao.ingest.labels import label_score

HEADER_MIN = 90.0
MAX_HEADER_DISTANCE_PT = 400.0  # a column header is on the same page, not far above
MIN_ROW_OVERLAP = 0.5  # share of the shorter line's height two lines share to be one row


def aligned_candidates(flow: Flow, spec: FieldSpec, segments: list[Segment]) -> list[Candidate]:
    """Row label × column header by position, for segments whose row label shares its cell
    (or loose line) with other text."""
    if not spec.column or spec.row:
        return []
    out = []
    by_page: dict[int, list[Line]] = {}
    for seg in segments:
        if len(seg.lines) < 2 and seg.cell is not None:
            continue  # a label alone in its cell: the ruled grid reads it
        for line in seg.lines:
            score = max(label_score(line.text, label) for label in spec.all_labels)
            if score < C.LABEL_CELL_MIN or not context_ok(flow, seg, spec):
                continue
            if seg.page not in by_page:
                by_page[seg.page] = [line for s in flow.segments if s.page == seg.page for line in s.lines]
            value = _aligned_value(line, spec.column, by_page[seg.page])
            if value is not None:
                out.append(
                    Candidate(
                        spec.key,
                        value.text,
                        value.page,
                        value.bbox,
                        score,
                        "aligned",
                        value.confidence,
                        value.source,
                        C.PRIOR_ALIGNED,
                    ).labelled(line.page, line.bbox)
                )
    return out


def _aligned_value(label: Line, column: str, page_lines: list[Line]) -> Line | None:
    headers = [
        line
        for line in page_lines
        if line.bbox[3] <= label.bbox[1] + 1
        and label.bbox[1] - line.bbox[1] <= MAX_HEADER_DISTANCE_PT
        and label_score(line.text, column) >= HEADER_MIN
    ]
    if not headers:
        return None
    header = max(headers, key=lambda line: line.bbox[1])
    row = [
        line
        for line in page_lines
        if line is not label and line.bbox[0] >= label.bbox[2] - 2 and _same_row(line, label)
    ]
    under = [line for line in row if _overlap(line, header) > 0]
    return max(under, key=lambda line: _overlap(line, header)) if under else None


def _same_row(a: Line, b: Line) -> bool:
    shared = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
    return shared > MIN_ROW_OVERLAP * min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])


def _overlap(a: Line, b: Line) -> float:
    """Horizontal overlap of two lines, widening the header to its column's likely width."""
    pad = max(0.0, (60.0 - (b.bbox[2] - b.bbox[0])) / 2)
    return min(a.bbox[2], b.bbox[2] + pad) - max(a.bbox[0], b.bbox[0] - pad)
