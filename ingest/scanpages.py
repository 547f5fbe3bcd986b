"""Image pages → OCR'd :class:`Page` objects, several pages side by side.

The pages of a scanned PDF (rendered one by one when their turn comes) and of an image file
are OCR'd on :func:`ocr_workers` threads sharing one engine, loaded while the first page is
rendered; :mod:`shenbao.ingest.reader` hands them over and imports this module only for a
file that has such pages.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from shenbao.core.ocr import OcrEngine
from shenbao.ingest.document import Page
from shenbao.ingest.ocr.page import ocr_page
from shenbao.ingest.ocr.raster import load_image_pages_with_size, render_pdf_page
from shenbao.ingest.ocr.skimtest import Skim
from shenbao.ingest.pdffile import ScannedPage


def ocr_workers() -> int:
    """Pages OCR'd at the same time: ``SHENBAO_OCR_PAGE_WORKERS`` or one per core.

    The OCR engines' sessions are thread-safe and release the GIL; two pages side by side,
    one ONNX Runtime thread each, keep two cores busier than one page on two threads (whose
    detector is only ~1.6× faster than on one)."""
    value = os.environ.get("SHENBAO_OCR_PAGE_WORKERS", "")
    return int(value) if value.isdigit() and int(value) > 0 else (os.cpu_count() or 1)


# glibc's mallopt() parameters
M_TRIM_THRESHOLD = -1  # free memory at a heap's top kept rather than handed back
M_MMAP_THRESHOLD = -3  # blocks this big or bigger are mapped on their own, and unmapped when freed
M_ARENA_MAX = -8  # the most malloc arenas a process keeps
# A page's arrays (~12 MB images, masks, the detector's input) are freed when the page is
# done. glibc maps blocks over its mmap threshold (dynamic, 32 MB at most) on their own and
# unmaps them when freed, and malloc_trim after every page handed the heaps' free memory
# back: the next page faulted all of it in again, 300-500 thousand page faults (1-1.5 s of
# kernel time) per 14-page scan. Under this size blocks come from the heaps and are reused.
PAGE_BLOCKS = 64 * 1024 * 1024
# ... and freed memory is handed back only while the process holds more than this (a long
# scan would otherwise creep up by what its pages leave in holes, ~7 MB a page).
TRIM_ABOVE_BYTES = 600 * 1024 * 1024


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


def reuse_page_memory() -> bool:
    """Let glibc keep page-sized blocks in its heaps for the next page (:data:`PAGE_BLOCKS`);
    False where there is no glibc."""
    mallopt = _glibc("mallopt")
    if mallopt is None:
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, PAGE_BLOCKS)) and bool(mallopt(M_TRIM_THRESHOLD, 4 * PAGE_BLOCKS))


def resident_bytes() -> int | None:
    """The process's resident memory, or None where /proc does not tell."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _holds_at_most(limit: int) -> bool:
    resident = resident_bytes()
    return resident is not None and resident <= limit


def return_freed_memory(above: int = 0) -> bool:
    """Hand the memory freed inside glibc's heaps back to the system when the process holds
    more than ``above`` bytes (or cannot tell); False when nothing was handed back.

    A page leaves its images (~50 MB) freed but resident, in holes between blocks still in
    use that the next page's arrays do not fit exactly. Handed back after every page, a
    14-page scan peaked 10-15 MB lower, but every page faulted its memory in afresh (see
    :data:`PAGE_BLOCKS`): the page threads hand it back only above :data:`TRIM_ABOVE_BYTES`,
    and once the file is read.
    """
    malloc_trim = _glibc("malloc_trim")
    if malloc_trim is None:
        return False
    if above and _holds_at_most(above):
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
    jobs: list[ImagePage], engine: Callable[[], OcrEngine], meanwhile: Callable[[], None], skim: Skim | None
) -> list[Page]:
    """OCR ``jobs`` on :func:`ocr_workers` threads (``meanwhile`` called once they are
    started), in their order; the first error stops the rest."""
    if not jobs:
        return []
    shared, first = _engine_and_first_image(engine, jobs[0])
    jobs = [replace(jobs[0], image=_handed_once(first)), *jobs[1:]]

    def read(job: ImagePage) -> Page:
        page = ocr_page(
            job.image(), number=job.number, width_pt=job.width_pt, height_pt=job.height_pt, engine=shared, skim=skim
        )
        return_freed_memory(above=TRIM_ABOVE_BYTES)
        return page

    reuse_page_memory()
    try:
        return _read_all(jobs, read, meanwhile, getattr(shared, "thread_safe", False))
    finally:
        return_freed_memory()


def _read_all(
    jobs: list[ImagePage], read: Callable[[ImagePage], Page], meanwhile: Callable[[], None], thread_safe: bool
) -> list[Page]:
    """``read`` every job, on one thread each per worker when the engine is thread-safe."""
    workers = min(ocr_workers(), len(jobs)) if thread_safe else 1
    if workers == 1:
        meanwhile()
        return [read(job) for job in jobs]
    cap_malloc_arenas(workers)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        futures = [pool.submit(read, job) for job in jobs]
        try:
            meanwhile()
            return [future.result() for future in futures]
        finally:
            for future in futures:
                future.cancel()


def _engine_and_first_image(engine: Callable[[], OcrEngine], job: ImagePage) -> tuple[OcrEngine, np.ndarray]:
    """The engine, loaded on a thread of its own, and meanwhile the first page's image.

    Loading the engine is mostly ONNX Runtime making its sessions, which releases the GIL;
    the first page's image (pypdfium2's import, the render) is made meanwhile instead of
    after it. The thread ends before the page threads start."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine") as loader:
        loading = loader.submit(engine)
        try:
            image = job.image()
        finally:
            shared = loading.result()
    return shared, image


def ocr_pdf_pages(
    path: Path,
    pages: list[ScannedPage],
    engine: Callable[[], OcrEngine],
    meanwhile: Callable[[], None],
    skim: Skim | None,
) -> list[Page]:
    """The image pages of the PDF ``path``, rendered and OCR'd, in page order."""
    jobs = [_render_job(path, page) for page in pages]
    return _ocr_pages(jobs, engine, meanwhile, skim)


def ocr_image_file(
    path: Path, engine: Callable[[], OcrEngine], meanwhile: Callable[[], None], skim: Skim | None
) -> list[Page]:
    """Every frame of a JPG/PNG/TIFF file OCR'd, in order."""
    jobs = [
        ImagePage(i + 1, width_pt, height_pt, _handed_once(image))
        for i, (image, (width_pt, height_pt)) in enumerate(load_image_pages_with_size(path))
    ]
    return _ocr_pages(jobs, engine, meanwhile, skim)


def _render_job(path: Path, page: ScannedPage) -> ImagePage:
    return ImagePage(page.number, page.width_pt, page.height_pt, lambda: render_pdf_page(path, page.number - 1))


def _handed_once(image: np.ndarray) -> Callable[[], np.ndarray]:
    """``image``, kept only until its page takes it (a page image is ~12 MB): an image file's
    frames, decoded up front, are freed one by one as their pages are read."""
    held = [image]
    return held.pop
