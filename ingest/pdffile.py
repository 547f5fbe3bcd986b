"""A PDF file → its pages read from their text layer, and the sizes of the pages to OCR.

pdfplumber (pdfminer) interprets content streams in pure Python, ~0.08 s per form page:
most of the time a born-digital packet takes. A long file is therefore read by
:func:`text_workers` processes, each opening the file and reading a run of its pages.
They are forked: a forked child starts in milliseconds with everything imported, where a
spawned one would take ~0.4 s. Fork is used only from a single-threaded process (the
``shenbao extract`` command); a process with other threads running (the review desk) reads
in this process, as forking beside threads can leave a lock held in the child forever.

A scan's pages draw nothing but images, and that shows in their resources without reading
them. Only the pages that may hold text count toward forking: a scan is checked here in a few
ms, where two forked workers took ~50 ms, and the reader is told (``images_ahead``) as soon as
a page will be OCR'd, so that it starts loading the OCR engine while the pages are checked.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import LIT

from shenbao.core.errors import ShenbaoError, UnreadableFile
from shenbao.ingest.document import Page
from shenbao.ingest.pdf import has_text_layer, read_text_page
from shenbao.ingest.streamguard import check_page_streams

PAGES_PER_WORKER = 4  # a file of fewer pages per core is read here: a worker is not worth it
IMAGE = LIT("Image")  # pdfminer interns names: the /Image of every stream is this object
ENCRYPTED = "是加密（设有密码）的 PDF，请索取未加密的文件 (is an encrypted, password-protected PDF)"


@dataclass(frozen=True)
class ScannedPage:
    """A page without a text layer: its number and size in points, for OCR."""

    number: int
    width_pt: float
    height_pt: float


def text_workers() -> int:
    """Processes reading a PDF's text pages: ``SHENBAO_PDF_WORKERS`` or one per core."""
    value = os.environ.get("SHENBAO_PDF_WORKERS", "")
    return int(value) if value.isdigit() and int(value) > 0 else (os.cpu_count() or 1)


def read_pdf(
    path: Path, meanwhile: Callable[[], None], images_ahead: Callable[[], object] = lambda: None
) -> list[Page | ScannedPage]:
    """Every page of the PDF at ``path``, in order. Raises :class:`UnreadableFile`.

    When worker processes read the pages, ``meanwhile`` is called once they are forked (the
    reader starts its tokenizer's load in a thread then); else the caller calls it.
    ``images_ahead`` is called once, before the pages are read, when one of them draws only
    images (it will be OCR'd), and never before the workers are forked.
    """
    import pdfplumber

    with _pdf_errors(path), pdfplumber.open(path) as pdf:
        count = len(pdf.pages)
        images = sum(1 for pdf_page in pdf.pages if images_only(pdf_page))
        workers = min(text_workers(), (count - images) // PAGES_PER_WORKER)
        if workers < 2 or not _can_fork():
            if images:
                images_ahead()
            return [_read_page(path, pdf_page, i + 1) for i, pdf_page in enumerate(pdf.pages)]
    runs = [range(1 + count * i // workers, 1 + count * (i + 1) // workers) for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(_read_run, path, run) for run in runs]
        if images:
            images_ahead()
        meanwhile()
        return [page for future in futures for page in future.result()]


def images_only(pdf_page: Any) -> bool:
    """Whether the page can draw nothing but images: no font in its resources, and no form
    XObject (a form has resources of its own, fonts included). Told from the resources alone,
    without reading the page; a page whose resources cannot be told counts as text."""
    try:
        resources = resolve1(pdf_page.page_obj.resources) or {}
        if "Font" in resources:
            return False
        xobjects = resolve1(resources.get("XObject")) or {}
        return all(_is_image(xobject) for xobject in xobjects.values())
    except Exception:  # pdfminer raises many kinds on broken files; reading the page tells
        return False


def _is_image(xobject: Any) -> bool:
    stream = resolve1(xobject)
    return isinstance(stream, PDFStream) and resolve1(stream.attrs.get("Subtype")) is IMAGE


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _read_run(path: Path, numbers: range) -> list[Page | ScannedPage]:
    """A worker's pages (the worker opens the file itself)."""
    import pdfplumber

    with _pdf_errors(path), pdfplumber.open(path) as pdf:
        return [_read_page(path, pdf.pages[number - 1], number) for number in numbers]


@contextmanager
def _pdf_errors(path: Path) -> Iterator[None]:
    """pdfminer's many exceptions for a broken or encrypted file as one UnreadableFile."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        yield
    except ShenbaoError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableFile(ENCRYPTED, file=path) from None
    except (PdfminerException, PDFSyntaxError) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnreadableFile(ENCRYPTED, file=path) from None
        raise UnreadableFile(damaged(cause), file=path) from None
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise UnreadableFile(damaged(exc), file=path) from None


def damaged(cause: object) -> str:
    return f"PDF 已损坏或不完整 (is a damaged or truncated PDF: {_brief(cause)})"


def _brief(exc: object) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 80 else text[:77] + "..."


def _read_page(path: Path, pdf_page: Any, number: int) -> Page | ScannedPage:
    """The page read from its text layer, or the size of the page to OCR."""
    check_page_streams(pdf_page.page_obj, number, path)
    if has_text_layer(pdf_page):
        return read_text_page(pdf_page, number)
    return ScannedPage(number, float(pdf_page.width), float(pdf_page.height))
