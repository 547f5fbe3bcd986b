"""Where on the pages a clerk finds a field: its value, else its printed label, else its section.

A value that was read has its own page and box. A missing one has none, so the stored
extraction keeps where each label was printed (``label_spots``) and which pages each section
covers (``section_pages``, see :func:`shenbao.admin.ingest.stored_contract`). The review page
shows the crop of whichever is known and opens any page large; after the last field to review
it goes on to the next submission of the same notice (:func:`next_submission`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from shenbao.admin.ingest import LABEL_SPOTS, SECTION_PAGES
from shenbao.core.notice import FieldSpec
from shenbao.models import FieldValue, Submission, db
from shenbao.models.states import DUPLICATE, WITHDRAWN

# states in which a submission is not open for review (still being read, or unreadable)
NOT_REVIEWABLE = ("ingesting", "failed", WITHDRAWN, DUPLICATE)  # not read, or out of every table


@dataclass
class Where:
    """``kind``: value | label | section | none; ``page`` the page to show first, ``boxes``
    the boxes (PDF points) of the field on that page, ``pages`` every page worth a look."""

    kind: str
    page: int | None = None
    boxes: list[list[float]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


def label_spot(submission: Submission, key: str) -> tuple[int, list[float]] | None:
    spot = ((submission.extraction or {}).get(LABEL_SPOTS) or {}).get(key)
    if not spot or not spot.get("page") or len(spot.get("bbox") or ()) != 4:
        return None
    return int(spot["page"]), [float(v) for v in spot["bbox"]]


def section_pages(submission: Submission, section: str) -> list[int]:
    return [int(p) for p in ((submission.extraction or {}).get(SECTION_PAGES) or {}).get(section, [])]


def where(submission: Submission, fv: FieldValue, spec: FieldSpec) -> Where:
    """The value's place if it was read; else its label's, boxed; else its section's pages."""
    label = label_spot(submission, fv.key)
    if fv.page is not None:
        boxes = [list(fv.bbox)] if fv.bbox else []
        if label is not None and label[0] == fv.page:
            boxes.append(label[1])
        return Where("value", fv.page, boxes, [fv.page])
    if label is not None:
        return Where("label", label[0], [label[1]], [label[0]])
    pages = section_pages(submission, spec.section)
    if pages:
        return Where("section", pages[0], [], pages)
    return Where("none", 1 if submission.pages else None)


def boxes_on(submission: Submission, fv: FieldValue | None, page: int) -> list[list[float]]:
    """The boxes of a field (value and label) that lie on ``page``."""
    if fv is None:
        return []
    out = [list(fv.bbox)] if fv.page == page and fv.bbox else []
    label = label_spot(submission, fv.key)
    if label is not None and label[0] == page:
        out.append(label[1])
    return out


def crop_box(submission: Submission, fv: FieldValue) -> tuple[int, list[float] | None] | None:
    """(page, box) of the crop beside a row: the value, else the label."""
    if fv.page is not None:
        return fv.page, fv.bbox
    return label_spot(submission, fv.key)


def next_submission(submission: Submission) -> Submission | None:
    """The next submission of the same notice with fields left to review, after this one in
    upload order and wrapping round; None when none is left."""
    query = select(Submission).where(
        Submission.notice_id == submission.notice_id,
        Submission.id != submission.id,
        Submission.status.not_in(NOT_REVIEWABLE),
        Submission.to_review > 0,
    )
    later = db.session.scalars(query.where(Submission.id > submission.id).order_by(Submission.id).limit(1)).first()
    return later or db.session.scalars(query.order_by(Submission.id).limit(1)).first()


def where_json(place: Where) -> dict[str, Any]:
    return {"kind": place.kind, "page": place.page, "pages": place.pages}
