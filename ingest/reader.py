"""File → :class:`Document`: text-layer PDF pages with pdfplumber, image pages with OCR,
Word documents with python-docx.

A PDF is read page by page: a page with a text layer is read from it, a page without one
(a scan) is rendered and OCR'd, so mixed PDFs work. JPG/PNG/TIFF files are OCR'd. A .docx
is read directly (:mod:`shenbao.ingest.word`); a legacy .doc is converted to .docx when
LibreOffice is installed (:mod:`shenbao.ingest.legacydoc`), else refused with one line.
Anything unreadable raises :class:`UnreadableFile` naming the file and the problem.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shenbao.core.errors import ShenbaoError, UnreadableFile
from shenbao.core.ocr import OcrEngine
from shenbao.ingest.document import Document, Page
from shenbao.ingest.legacydoc import as_docx
from shenbao.ingest.ocr.page import ocr_page
from shenbao.ingest.ocr.raster import load_image_pages_with_size, render_pdf_page
from shenbao.ingest.pdf import has_text_layer, read_text_page
from shenbao.ingest.streamguard import check_page_streams
from shenbao.ingest.word import read_docx

log = logging.getLogger(__name__)

MAGIC = {
    b"%PDF": "pdf",
    b"\xff\xd8\xff": "jpeg",
    b"\x89PNG": "png",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
    b"PK\x03\x04": "docx",  # a ZIP package; read_docx tells a Word document from other ZIPs
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "doc",  # an OLE2 compound file: legacy .doc (or .wps)
}
WORD_KINDS = ("docx", "doc")
IMAGE_SUFFIXES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".tif": "tiff", ".tiff": "tiff"}
EngineFactory = Callable[[], OcrEngine]


def sniff(path: Path) -> str:
    """The file's real kind from its first bytes: pdf, jpeg, png, tiff. Raises UnreadableFile."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise UnreadableFile("no such file", file=path) from None
    except IsADirectoryError:
        raise UnreadableFile("is a directory, not a file", file=path) from None
    except OSError as exc:
        raise UnreadableFile(f"cannot be read: {exc.strerror}", file=path) from None
    if not head:
        raise UnreadableFile("the file is empty (0 bytes)", file=path)
    kind = kind_of(head)
    if kind is None:
        raise UnreadableFile("is neither a PDF, a Word .docx nor a JPG/PNG/TIFF image", file=path)
    return kind


def kind_of(head: bytes) -> str | None:
    """pdf, jpeg, png, tiff, docx or doc from a file's first bytes (up to 1 KB), else None. A PDF may
    carry a little junk before its header; readers accept it within 1 KB."""
    for magic, kind in MAGIC.items():
        if head.startswith(magic) or (kind == "pdf" and magic in head[:1024]):
            return kind
    return None


def check_name_matches(path: Path, kind: str) -> None:
    suffix = path.suffix.lower()
    if suffix == ".pdf" and kind in WORD_KINDS:
        raise UnreadableFile(f"is a Word .{kind} document renamed .pdf; rename it .{kind}", file=path)
    if suffix == ".pdf" and kind != "pdf":
        raise UnreadableFile(
            f"is a {kind.upper()} image renamed .pdf; rename it .{'jpg' if kind == 'jpeg' else kind}", file=path
        )


def read_document(path: str | Path, ocr_engine: EngineFactory) -> Document:
    """Read every page of ``path``. ``ocr_engine`` is called once, on the first image page."""
    path = Path(path)
    kind = sniff(path)
    check_name_matches(path, kind)
    if kind == "docx":
        return read_docx(path)
    if kind == "doc":
        with as_docx(path) as converted:
            document = read_docx(converted)
        document.path = str(path)
        return document
    engine = _lazy(ocr_engine)
    pages = _read_pdf(path, engine) if kind == "pdf" else _read_image(path, engine)
    if not pages:
        raise UnreadableFile("has no pages", file=path)
    return Document(str(path), pages)


def _lazy(factory: EngineFactory) -> EngineFactory:
    cache: list[Any] = []

    def get() -> OcrEngine:
        if not cache:
            cache.append(factory())
        return cache[0]

    return get


def default_engine_name() -> str | None:
    """The engine named by ``SHENBAO_OCR_ENGINE`` (``rapidocr``, ``paddleocr``), or None: the default."""
    return os.environ.get("SHENBAO_OCR_ENGINE") or None


def _read_pdf(path: Path, engine: EngineFactory) -> list[Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            return [_read_pdf_page(path, pdf_page, i + 1, engine) for i, pdf_page in enumerate(pdf.pages)]
    except ShenbaoError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableFile(
            "is an encrypted (password-protected) PDF; ask for an unprotected copy", file=path
        ) from None
    except (PdfminerException, PDFSyntaxError) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnreadableFile(
                "is an encrypted (password-protected) PDF; ask for an unprotected copy", file=path
            ) from None
        raise UnreadableFile(f"is a damaged or truncated PDF ({_brief(cause)})", file=path) from None
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise UnreadableFile(f"is a damaged or truncated PDF ({_brief(exc)})", file=path) from None


def _brief(exc: object) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 80 else text[:77] + "..."


def _read_pdf_page(path: Path, pdf_page: Any, number: int, engine: EngineFactory) -> Page:
    check_page_streams(pdf_page.page_obj, number, path)
    if has_text_layer(pdf_page):
        return read_text_page(pdf_page, number)
    image = render_pdf_page(path, number - 1)
    return ocr_page(
        image, number=number, width_pt=float(pdf_page.width), height_pt=float(pdf_page.height), engine=engine()
    )


def _read_image(path: Path, engine: EngineFactory) -> list[Page]:
    return [
        ocr_page(image, number=i + 1, width_pt=width_pt, height_pt=height_pt, engine=engine())
        for i, (image, (width_pt, height_pt)) in enumerate(load_image_pages_with_size(path))
    ]
