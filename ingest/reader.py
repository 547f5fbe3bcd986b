"""File → :class:`Document`: text-layer PDF pages with pdfplumber, image pages with OCR.

A PDF is read page by page: a page with a text layer is read from it, a page without one
(a scan) is rendered and OCR'd, so mixed PDFs work. JPG/PNG/TIFF files are OCR'd.
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
from shenbao.ingest.ocr.page import ocr_page
from shenbao.ingest.ocr.raster import load_image_pages_with_size, render_pdf_page
from shenbao.ingest.pdf import has_text_layer, read_text_page
from shenbao.ingest.streamguard import check_page_streams

log = logging.getLogger(__name__)

MAGIC = {
    b"%PDF": "pdf",
    b"\xff\xd8\xff": "jpeg",
    b"\x89PNG": "png",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
}
IMAGE_SUFFIXES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".tif": "tiff", ".tiff": "tiff"}
EngineFactory = Callable[[], OcrEngine]


def sniff(path: Path) -> str:
    """The file's real kind from its first bytes: pdf, jpeg, png, tiff. Raises UnreadableFile."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise UnreadableFile("文件不存在 (no such file)", file=path) from None
    except IsADirectoryError:
        raise UnreadableFile("是文件夹而不是文件 (is a directory, not a file)", file=path) from None
    except OSError as exc:
        raise UnreadableFile(f"无法读取：{exc.strerror} (cannot be read)", file=path) from None
    if not head:
        raise UnreadableFile("文件为空 (the file is empty, 0 bytes)", file=path)
    kind = kind_of(head)
    if kind is None:
        raise UnreadableFile("不是 PDF 或 JPG/PNG/TIFF 图像 (is neither a PDF nor a JPG/PNG/TIFF image)", file=path)
    return kind


def kind_of(head: bytes) -> str | None:
    """pdf, jpeg, png or tiff from a file's first bytes (up to 1 KB), else None. A PDF may
    carry a little junk before its header; readers accept it within 1 KB."""
    for magic, kind in MAGIC.items():
        if head.startswith(magic) or (kind == "pdf" and magic in head[:1024]):
            return kind
    return None


def check_name_matches(path: Path, kind: str) -> None:
    suffix = path.suffix.lower()
    if suffix == ".pdf" and kind != "pdf":
        raise UnreadableFile(
            f"是改名为 .pdf 的 {kind.upper()} 图像，请改回 .{'jpg' if kind == 'jpeg' else kind} "
            f"(is a {kind.upper()} image renamed .pdf)",
            file=path,
        )


def read_document(path: str | Path, ocr_engine: EngineFactory) -> Document:
    """Read every page of ``path``. ``ocr_engine`` is called once, on the first image page."""
    path = Path(path)
    kind = sniff(path)
    check_name_matches(path, kind)
    engine = _lazy(ocr_engine)
    pages = _read_pdf(path, engine) if kind == "pdf" else _read_image(path, engine)
    if not pages:
        raise UnreadableFile("文件没有页面 (has no pages)", file=path)
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
            "是加密（设有密码）的 PDF，请索取未加密的文件 (is an encrypted, password-protected PDF)", file=path
        ) from None
    except (PdfminerException, PDFSyntaxError) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnreadableFile(
                "是加密（设有密码）的 PDF，请索取未加密的文件 (is an encrypted, password-protected PDF)", file=path
            ) from None
        raise UnreadableFile(
            f"PDF 已损坏或不完整 (is a damaged or truncated PDF: {_brief(cause)})", file=path
        ) from None
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise UnreadableFile(f"PDF 已损坏或不完整 (is a damaged or truncated PDF: {_brief(exc)})", file=path) from None


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
