"""File → :class:`Document`: text-layer PDF pages with pdfplumber, image pages with OCR,
Word documents with python-docx.

A PDF is read page by page: a page with a text layer is read from it, a page without one
(a scan) is rendered and OCR'd, so mixed PDFs work. JPG/PNG/TIFF files are OCR'd. A .docx
is read directly (:mod:`shenbao.ingest.word`); a legacy .doc is converted to .docx when
LibreOffice is installed (:mod:`shenbao.ingest.legacydoc`), else refused with one line.
Anything unreadable raises :class:`UnreadableFile` naming the file and the problem.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from shenbao.core.errors import UnreadableFile
from shenbao.core.ocr import OcrEngine
from shenbao.ingest.document import Document, Page
from shenbao.ingest.legacydoc import as_docx
from shenbao.ingest.ocr.page import ocr_page
from shenbao.ingest.ocr.raster import load_image_pages_with_size, render_pdf_page
from shenbao.ingest.ocr.skim import Skim
from shenbao.ingest.pdffile import ScannedPage, read_pdf

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
    """Read every page of ``path``. ``ocr_engine`` is called once, on the first image page.

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
    try:
        if kind == "pdf":
            pages = _read_pdf(path, ocr_engine, beside.start, skim)
        else:
            pages = _read_image(path, ocr_engine, beside.start, skim)
    finally:
        beside.join()  # also after an error: a thread left running keeps a worker from forking
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

    Loading jieba's dictionary holds the GIL for ~0.2 s. Run in the thread that hands out
    the pages, it kept a long scan from being OCR'd until it was done (the forked text-layer
    check of the pages ends in 0.1 s); beside it, the page threads start at once. It is
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


def default_engine_name() -> str | None:
    """The engine named by ``SHENBAO_OCR_ENGINE`` (``rapidocr``, ``paddleocr``), or None: the default."""
    return os.environ.get("SHENBAO_OCR_ENGINE") or None


def ocr_workers() -> int:
    """Pages OCR'd at the same time: ``SHENBAO_OCR_PAGE_WORKERS`` or one per core.

    The OCR engines' sessions are thread-safe and release the GIL; two pages side by side,
    one ONNX Runtime thread each, keep two cores busier than one page on two threads (whose
    detector is only ~1.6× faster than on one)."""
    value = os.environ.get("SHENBAO_OCR_PAGE_WORKERS", "")
    return int(value) if value.isdigit() and int(value) > 0 else (os.cpu_count() or 1)


M_ARENA_MAX = -8  # glibc's mallopt() parameter for the most malloc arenas a process keeps


def _glibc(name: str) -> Callable[..., int] | None:
    """glibc's function ``name``, or None where the C library has none (musl, macOS)."""
    try:
        function: Callable[..., int] = getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None
    return function


def cap_malloc_arenas(count: int) -> bool:
    """Keep glibc to ``count`` malloc arenas; False where there is no glibc (musl, macOS).

    glibc gives each new thread an arena of its own, up to eight per core, and page images
    freed in one are not reused by another: the page and recognizer threads left a 14-page
    scan at 690-730 MB peak where two arenas give 645-660 MB, at the same speed.
    """
    mallopt = _glibc("mallopt")
    return mallopt is not None and bool(mallopt(M_ARENA_MAX, max(1, count)))


def return_freed_memory() -> bool:
    """Hand the memory freed inside glibc's heaps back to the system; False without glibc.

    A page leaves its images (~50 MB) freed but resident, in holes between blocks still in
    use that the next page's arrays do not fit exactly: a 14-page scan crept up by ~7 MB a
    page. Returned after every page, its peak is 10-15 MB lower at the same speed (measured
    on the wild scans, issue 11).
    """
    malloc_trim = _glibc("malloc_trim")
    if malloc_trim is None:
        return False
    malloc_trim(0)
    return True


@dataclass
class ImagePage:
    """A page to OCR: its number, size in points and how to get its image."""

    number: int
    width_pt: float
    height_pt: float
    image: Callable[[], np.ndarray]


def _ocr_pages(
    jobs: list[ImagePage], engine: EngineFactory, meanwhile: Callable[[], None], skim: Skim | None
) -> dict[int, Page]:
    """OCR ``jobs`` on :func:`ocr_workers` threads (``meanwhile`` called once they are
    started); the first error stops the rest."""
    if not jobs:
        return {}
    shared = engine()  # loaded once, before the threads start

    def read(job: ImagePage) -> Page:
        page = ocr_page(
            job.image(), number=job.number, width_pt=job.width_pt, height_pt=job.height_pt, engine=shared, skim=skim
        )
        return_freed_memory()
        return page

    workers = min(ocr_workers(), len(jobs)) if getattr(shared, "thread_safe", False) else 1
    if workers == 1:
        meanwhile()
        return {job.number: read(job) for job in jobs}
    cap_malloc_arenas(workers)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        futures = [pool.submit(read, job) for job in jobs]
        try:
            meanwhile()
            return {job.number: future.result() for job, future in zip(jobs, futures, strict=True)}
        finally:
            for future in futures:
                future.cancel()


def _read_pdf(path: Path, engine: EngineFactory, meanwhile: Callable[[], None], skim: Skim | None) -> list[Page]:
    read = read_pdf(path, meanwhile)
    text_pages = [page for page in read if isinstance(page, Page)]
    jobs = [_render_job(path, page) for page in read if isinstance(page, ScannedPage)]
    scanned = _ocr_pages(jobs, engine, meanwhile, skim)
    return sorted([*text_pages, *scanned.values()], key=lambda page: page.number)


def _render_job(path: Path, page: ScannedPage) -> ImagePage:
    return ImagePage(page.number, page.width_pt, page.height_pt, lambda: render_pdf_page(path, page.number - 1))


def _given(image: np.ndarray) -> Callable[[], np.ndarray]:
    return lambda: image


def _read_image(path: Path, engine: EngineFactory, meanwhile: Callable[[], None], skim: Skim | None) -> list[Page]:
    jobs = [
        ImagePage(i + 1, width_pt, height_pt, _given(image))
        for i, (image, (width_pt, height_pt)) in enumerate(load_image_pages_with_size(path))
    ]
    return list(_ocr_pages(jobs, engine, meanwhile, skim).values())
