"""A PDF with text-layer and image pages is read page by page; page images are OCR'd."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import SAMPLES

from shenbao.ingest.reader import read_document
from shenbao.plugins.extraction import extract

pytestmark = pytest.mark.slow
WUHAN = SAMPLES / "wuhan-fund-2022" / "wuhan-fund-2022-dev-01"


def test_mixed_pdf_reads_each_page_its_own_way(tmp_path: Path, manager) -> None:
    from pypdf import PdfReader, PdfWriter

    text, scan = PdfReader(f"{WUHAN}.pdf"), PdfReader(f"{WUHAN}.scan.pdf")
    writer = PdfWriter()
    writer.add_page(text.pages[0])  # cover: text layer
    writer.add_page(text.pages[1])
    writer.add_page(scan.pages[2])  # the 简表's first page: image only
    writer.add_page(text.pages[3])
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as fh:
        writer.write(fh)
    document = read_document(mixed, lambda: manager.ocr_engine(None))
    assert [p.source for p in document.pages] == ["text", "text", "ocr", "text"]
    result = extract(mixed, manager=manager)
    assert result.notice.id == "wuhan-fund-2022"
    assert result.fields["applicant.name"].value == "宏图工业互联网股份有限公司"
    assert result.fields["applicant.name"].source == "ocr"
    assert result.fields["applicant.name"].page == 3
    assert result.fields["platform.devices_connected"].value == 57894
    assert result.fields["platform.devices_connected"].source == "text"


def test_page_images_are_a_submission(tmp_path: Path, manager) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(f"{WUHAN}.scan.pdf")
    images = [pdf[i].render(scale=200 / 72).to_pil().convert("L") for i in (2, 3)]
    tiff = tmp_path / "pages.tiff"
    images[0].save(tiff, save_all=True, append_images=images[1:], dpi=(200, 200))
    result = extract(tiff, "wuhan-fund-2022", manager=manager)
    assert len(result.document.pages) == 2
    assert result.fields["applicant.org_code"].value == "91420117MAGMACGL76"
    assert result.fields["project.category"].value == "市级行业工业互联网平台"
    x0, y0, x1, y1 = result.fields["applicant.org_code"].bbox
    assert 0 < x0 < x1 < 595
    assert 0 < y0 < y1 < 842
