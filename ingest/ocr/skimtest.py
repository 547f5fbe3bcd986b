"""What a notice tells the OCR of which scanned pages are evidence, read for their head only.

Plain callables on text, apart from the page images they are asked about
(:mod:`shenbao.ingest.ocr.skim` takes the looks): the pipeline builds a :class:`Skim` from
the notice's attachments for every file, a born-digital PDF too, without importing the
OCR stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shenbao.ingest.document import Line


@dataclass(frozen=True)
class Skim:
    """Which scanned pages are read for their head only, and what such a page still reads.

    ``head``: given the lines of the first :data:`.skim.HEAD_ROWS` rows, whether the rest of the page
    is evidence nobody reads (a licence copy under its heading). ``opens_heading``: given the
    first characters of a lower row outside the tables (``附件2：工``, ``三、申报``), whether the
    row may print a heading; such a row is read whole, so that a short attachment sharing the
    page with the next one's heading does not hide that heading. ``opens_evidence``: given the
    first characters of one of a page's first rows, or the whole row, whether it may open an
    evidence heading (``附件1：工业设``, ``二、申报主``: True; ``一、基本信``: False; ``附件1：项目``:
    None, too little to tell); None: no quick look, every page is detected at full scale.
    """

    head: Callable[[list[Line]], bool]
    opens_heading: Callable[[str], bool]
    opens_evidence: Callable[[str], bool | None] | None = None
