"""Page images for OCR: PDF pages rendered with pypdfium2, image files read with Pillow.

Every function returns BGR ``uint8`` arrays (OpenCV order) and raises
:class:`~shenbao.core.errors.UnreadableFile` with the file (and page) when the
input cannot be read. An image file's page size in PDF points comes from its DPI
metadata, or 200 dpi (the bureau's scanning standard) when the file does not say.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from shenbao.core.errors import UnreadableFile

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage
    from PIL.ImageSequence import Iterator as FrameIterator

DEFAULT_DPI = 200.0
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"}


def _rgb_to_bgr(rgb: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(rgb[:, :, ::-1])


PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe, not even across documents


def render_pdf_page(path: str | Path, index: int, dpi: float = DEFAULT_DPI) -> np.ndarray:
    """Page ``index`` (0-based) of the PDF at ``path`` as a BGR image at ``dpi``."""
    with PDFIUM_LOCK:  # the web app renders crops in request threads beside the worker
        return _render(path, index, dpi)


def _render(path: str | Path, index: int, dpi: float) -> np.ndarray:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pdfium raises its own error type for broken files
        raise UnreadableFile(f"cannot open PDF: {exc}", file=path) from exc
    try:
        if not 0 <= index < len(pdf):
            raise UnreadableFile(f"no page {index + 1} (the PDF has {len(pdf)})", file=path, page=index + 1)
        try:
            page = pdf[index]
            bitmap = page.render(scale=dpi / 72.0, rotation=0)
            rgb = bitmap.to_numpy()
        except Exception as exc:
            raise UnreadableFile(f"cannot render page: {exc}", file=path, page=index + 1) from exc
        return _bitmap_to_bgr(rgb)
    finally:
        pdf.close()


def _bitmap_to_bgr(array: np.ndarray) -> np.ndarray:
    """pdfium renders BGR(A/X) by default; keep three channels."""
    if array.ndim == 2:
        return np.ascontiguousarray(np.repeat(array[:, :, None], 3, axis=2))
    return np.ascontiguousarray(array[:, :, :3])


def _frames(path: Path) -> tuple[PilImage, FrameIterator]:
    from PIL import Image, ImageSequence

    try:
        image = Image.open(path)
        image.load()
    except Exception as exc:  # PIL raises many types for bad files
        raise UnreadableFile(f"cannot read image: {exc}", file=path) from exc
    return image, ImageSequence.Iterator(image)


def _frame_to_bgr(frame: PilImage) -> np.ndarray:
    from PIL import ImageOps

    frame = ImageOps.exif_transpose(frame) if frame.format in ("JPEG", "MPO") else frame
    if frame.mode not in ("RGB", "L"):
        frame = frame.convert("RGB")
    array = np.asarray(frame)
    if array.ndim == 2:  # grey or bilevel scan
        array = np.repeat(array.astype(np.uint8)[:, :, None] * (255 if array.dtype == bool else 1), 3, axis=2)
        return np.ascontiguousarray(array)
    return _rgb_to_bgr(array)


def image_dpi(frame: PilImage) -> tuple[float, float]:
    """(x, y) resolution of a Pillow image frame; 200 dpi when absent or implausible."""
    dpi = frame.info.get("dpi")
    if dpi is None:
        return DEFAULT_DPI, DEFAULT_DPI
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        return DEFAULT_DPI, DEFAULT_DPI
    if not (50 <= x <= 1200 and 50 <= y <= 1200):
        return DEFAULT_DPI, DEFAULT_DPI
    return x, y


def load_image_pages(path: str | Path) -> list[np.ndarray]:
    """Every page of an image file (multi-page TIFF gives several) as BGR arrays."""
    return [image for image, _ in load_image_pages_with_size(path)]


def load_image_pages_with_size(path: str | Path) -> list[tuple[np.ndarray, tuple[float, float]]]:
    """Every page of an image file with its (width, height) in PDF points."""
    path = Path(path)
    image, frames = _frames(path)
    pages: list[tuple[np.ndarray, tuple[float, float]]] = []
    try:
        for frame in frames:
            try:
                bgr = _frame_to_bgr(frame)
            except Exception as exc:
                raise UnreadableFile(f"cannot decode image page: {exc}", file=path, page=len(pages) + 1) from exc
            pages.append((bgr, page_size_pt(bgr, image_dpi(frame))))
    finally:
        image.close()
    if not pages:
        raise UnreadableFile("image file has no pages", file=path)
    return pages


def page_size_pt(image: np.ndarray, dpi: tuple[float, float] = (DEFAULT_DPI, DEFAULT_DPI)) -> tuple[float, float]:
    """Width and height in PDF points of ``image`` scanned at ``dpi``."""
    h, w = image.shape[:2]
    return w * 72.0 / dpi[0], h * 72.0 / dpi[1]
