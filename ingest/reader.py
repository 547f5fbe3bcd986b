"""File → :class:`Document`: text-layer PDF pages with pdfplumber, image pages with OCR,
Word documents with python-docx.

A PDF is read page by page: a page with a text layer is read from it, a page without one
(a scan) is rendered and OCR'd, so mixed PDFs work. JPG/PNG/TIFF files are OCR'd. A .docx
is read directly (:mod:`shenbao.ingest.word`); a legacy .doc is converted to .docx when
LibreOffice is installed (:mod:`shenbao.ingest.legacydoc`), else refused with one line.
Anything unreadable raises :class:`UnreadableFile` naming the file and the problem.

The OCR stack (:mod:`shenbao.ingest.scanpages`: numpy, OpenCV, the page pipeline) is
imported when a file has an image page, not before: a born-digital PDF is read in ~0.8 s,
of which those imports were ~0.17 s.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from shenbao.core.errors import UnreadableFile
from shenbao.ingest.document import Document, Page
from shenbao.ingest.legacydoc import as_docx
from shenbao.ingest.ocr.skimtest import Skim
from shenbao.ingest.pdffile import ScannedPage, read_pdf

if TYPE_CHECKING:
    from shenbao.core.ocr import OcrEngine

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
EngineFactory = Callable[[], "OcrEngine"]


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
        raise UnreadableFile(
            "不是 PDF、Word .docx 或 JPG/PNG/TIFF 图像 (is neither a PDF, a Word .docx nor a JPG/PNG/TIFF image)",
            file=path,
        )
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
        raise UnreadableFile(
            f"是改名为 .pdf 的 Word .{kind} 文档，请改回 .{kind} "
            f"(is a Word .{kind} document renamed .pdf; rename it .{kind})",
            file=path,
        )
    if suffix == ".pdf" and kind != "pdf":
        raise UnreadableFile(
            f"是改名为 .pdf 的 {kind.upper()} 图像，请改回 .{'jpg' if kind == 'jpeg' else kind} "
            f"(is a {kind.upper()} image renamed .pdf)",
            file=path,
        )


def read_document(
    path: str | Path,
    ocr_engine: EngineFactory,
    meanwhile: Callable[[], None] | None = None,
    skim: Skim | None = None,
) -> Document:
    """Read every page of ``path``. ``ocr_engine`` is called once, on a thread of its own, as
    soon as the file turns out to have an image page (:class:`EngineAhead`), never without one.

    ``meanwhile`` is run once, in a thread of its own beside the processes or threads that
    read pages if they do (the pipeline loads its tokenizer then), and finished before this
    returns. ``skim``: an image page whose first rows pass this test is OCR'd for those and
    its heading rows only (text-layer pages are always read whole).
    """
    path = Path(path)
    kind = sniff(path)
    check_name_matches(path, kind)
    if kind in WORD_KINDS:
        return _read_word(path, kind)
    beside = Beside(meanwhile)
    engine = EngineAhead(ocr_engine)
    try:
        if kind == "pdf":
            pages = _read_pdf(path, engine, beside.start, skim)
        else:
            pages = _read_image(path, engine, beside.start, skim)
    finally:
        beside.join()  # also after an error: a thread left running keeps a worker from forking
        engine.close()
    beside.wait()
    if not pages:
        raise UnreadableFile("文件没有页面 (has no pages)", file=path)
    return Document(str(path), pages)


def _read_word(path: Path, kind: str) -> Document:
    """A .docx read directly, a legacy .doc converted first.

    python-docx is imported here, not at the top: its ~60 ms of imports are paid by the Word
    files that need it rather than by every scan and PDF (``shenbao extract`` of a scan starts
    its first page ~0.4 s after the process does).
    """
    from shenbao.ingest.word import read_docx

    if kind == "docx":
        return read_docx(path)
    with as_docx(path) as converted:
        document = read_docx(converted)
    document.path = str(path)
    return document


class Beside:
    """Work run once in a thread of its own, beside the reading of the pages.

    The pipeline's tokenizer (jieba's import and its dictionary's index, ~0.1 s of CPU that
    mostly holds the GIL) loads here: run in the thread that hands out the pages, it kept a
    scan from being OCR'd until it was done; beside it, the page threads start at once. It is
    started only once every forked worker is (:mod:`shenbao.ingest.pdffile` forks from a
    single-threaded process only).
    """

    def __init__(self, work: Callable[[], None] | None) -> None:
        self.work = work
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self) -> None:
        if self.work is not None and self.thread is None:
            self.thread = threading.Thread(target=self._run, args=(self.work,), name="beside", daemon=True)
            self.thread.start()

    def _run(self, work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as exc:  # handed to the reader's thread by wait()
            self.error = exc

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()

    def wait(self) -> None:
        """Run the work if it was not started, wait for it, and raise what it raised."""
        self.start()
        self.join()
        if self.error is not None:
            raise self.error


class EngineAhead:
    """The OCR engine factory, called once, on a thread of its own from :meth:`start`: when
    the file turns out to have a page to OCR, before its pages are checked and the first is
    rendered. A scan's first page waited for the load (~0.15 s) after all that (issue 11)."""

    def __init__(self, factory: EngineFactory) -> None:
        self.factory = factory
        self.loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine")
        self.loading: Future[OcrEngine] | None = None

    def start(self) -> Future[OcrEngine]:
        if self.loading is None:
            self.loading = self.loader.submit(self.factory)
        return self.loading

    def __call__(self) -> OcrEngine:
        """The engine, once loaded (its error, if loading failed)."""
        return self.start().result()

    def close(self) -> None:
        """Wait for a load that was started, used or not: no thread outlives the file."""
        self.loader.shutdown(wait=True)


def default_engine_name() -> str | None:
    """The engine named by ``SHENBAO_OCR_ENGINE`` (``rapidocr``, ``paddleocr``), or None: the default."""
    return os.environ.get("SHENBAO_OCR_ENGINE") or None


def _read_pdf(path: Path, engine: EngineAhead, meanwhile: Callable[[], None], skim: Skim | None) -> list[Page]:
    read = read_pdf(path, meanwhile, images_ahead=engine.start)
    text_pages = [page for page in read if isinstance(page, Page)]
    scanned = [page for page in read if isinstance(page, ScannedPage)]
    if not scanned:
        return text_pages
    from shenbao.ingest import scanpages  # the OCR stack, for the files that have image pages

    ocr_read = scanpages.ocr_pdf_pages(path, scanned, engine, meanwhile, skim)
    return sorted([*text_pages, *ocr_read], key=lambda page: page.number)


def _read_image(path: Path, engine: EngineAhead, meanwhile: Callable[[], None], skim: Skim | None) -> list[Page]:
    engine.start()  # every page of an image file is OCR'd: load while the frames are decoded
    from shenbao.ingest import scanpages

    return scanpages.ocr_image_file(path, engine, meanwhile, skim)
