"""Image pages → OCR'd :class:`Page` objects, several pages side by side.

The pages of a scanned PDF (rendered one by one when their turn comes) and of an image file
are OCR'd on :func:`ocr_workers` threads sharing one engine, which the reader loads while the
first page is rendered; :mod:`shenbao.ingest.reader` hands them over and imports this module
only for a file that has such pages.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from shenbao.core.ocr import OcrEngine
from shenbao.ingest.document import Page
from shenbao.ingest.memory import TRIM_ABOVE_BYTES, cap_malloc_arenas, return_freed_memory, reuse_page_memory
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
    started), in their order; the first error stops the rest.

    The first page's image is made before ``engine`` is asked for: the reader has started
    loading it (:class:`shenbao.ingest.reader.EngineAhead`), and the two go on side by side."""
    if not jobs:
        return []
    first = jobs[0].image()
    shared = engine()
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
    cap_malloc_arenas()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        futures = [pool.submit(read, job) for job in jobs]
        try:
            meanwhile()
            return [future.result() for future in futures]
        finally:
            for future in futures:
                future.cancel()


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
