"""Stored originals (by SHA-256, read-only), page images and the crops the review page shows."""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import threading
import unicodedata
from pathlib import Path
from typing import IO

from PIL import Image, ImageDraw

from shenbao.admin.exceptions import UploadRejected
from shenbao.ingest.ocr import raster
from shenbao.ingest.reader import kind_of

# magic bytes -> (media type, extension)
MEDIA = {  # kind (ingest.reader.kind_of) -> (media type, stored extension)
    "pdf": ("application/pdf", ".pdf"),
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
    "tiff": ("image/tiff", ".tif"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "doc": ("application/msword", ".doc"),
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
CHUNK = 1 << 20


# One request thread renders a page into the cache at a time. pdfium itself is guarded by
# ingest.ocr.raster.PDFIUM_LOCK, taken inside (after this lock, never before: no deadlock),
# which the embedded worker's OCR rendering takes too.
RENDER_LOCK = threading.Lock()


def sanitize_filename(name: str | None) -> str:
    """A display name without directories, control or shell-special characters (CJK kept)."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 200 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 8 else name[:200]
    return name or "unnamed"


def sniff(head: bytes) -> tuple[str, str] | None:
    """(media type, extension) of an upload from its first bytes, by the reader's own test."""
    kind = kind_of(head)
    return MEDIA[kind] if kind else None


class Store:
    """The instance folder's ``originals/`` and ``pages/``."""

    def __init__(self, home: str | Path) -> None:
        self.home = Path(home)
        self.originals = self.home / "originals"
        self.pages = self.home / "pages"

    def original_path(self, sha256: str, ext: str) -> Path:
        return self.originals / sha256[:2] / f"{sha256}{ext}"

    def save(self, stream: IO[bytes], filename: str, max_bytes: int) -> tuple[str, int, str, Path]:
        """Copy ``stream`` into the store. Returns (sha256, size, media type, path).

        Raises UploadRejected for an empty, oversized or unrecognised file (nothing is kept).
        """
        digest = hashlib.sha256()
        size = 0
        head = b""
        fd, tmp_name = tempfile.mkstemp(dir=self.originals, prefix=".upload-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise UploadRejected(
                            f"文件超过大小限制 {max_bytes / 1024 / 1024:.0f} MB (file too large)", file=filename
                        )
                    if len(head) < 1024:
                        head += chunk[: 1024 - len(head)]
                    digest.update(chunk)
                    out.write(chunk)
            if size == 0:
                raise UploadRejected("文件为空 (zero-byte file)", file=filename)
            kind = sniff(head)
            if kind is None:
                raise UploadRejected(
                    "不是 PDF、Word 文档或 JPG/PNG/TIFF 图像 (not a PDF, Word document or page image)", file=filename
                )
            sha = digest.hexdigest()
            path = self.original_path(sha, kind[1])
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                tmp.unlink()
            else:
                tmp.chmod(0o444)
                os.replace(tmp, path)
            return sha, size, kind[0], path
        except OSError as exc:  # e.g. a full disk: say where (a failed write does not)
            tmp.unlink(missing_ok=True)
            exc.filename = exc.filename or str(self.originals)
            raise
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def page_image(self, original: Path, page: int, dpi: int) -> Image.Image:
        """Page ``page`` (1-based) of a stored original as an RGB image, cached as PNG."""
        cache = self.pages / original.stem[:2] / f"{original.stem}-{page}-{dpi}.png"
        if cache.exists():
            return Image.open(cache).convert("RGB")
        with RENDER_LOCK:
            if cache.exists():  # another thread rendered it meanwhile
                return Image.open(cache).convert("RGB")
            image = render_pdf_page(original, page, dpi) if original.suffix == ".pdf" else image_frame(original, page)
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")  # other processes share the folder
            image.save(tmp, format="PNG")
            os.replace(tmp, cache)
        return image


def render_pdf_page(path: Path, page: int, dpi: int) -> Image.Image:
    """Page ``page`` (1-based) as an RGB image, rendered by the reader's own renderer."""
    bgr = raster.render_pdf_page(path, page - 1, dpi)
    return Image.fromarray(bgr[:, :, ::-1].copy())


def image_frame(path: Path, page: int) -> Image.Image:
    with Image.open(path) as image:
        image.seek(page - 1)  # multi-page TIFF
        return image.convert("RGB")


def image_dpi(path: Path) -> float:
    """Points per pixel scale of an image upload: its DPI, 200 when it does not say."""
    with Image.open(path) as image:
        dpi = image.info.get("dpi", (200, 200))[0] or 200
    return float(dpi)


def crop_png(
    page: Image.Image, bbox: list[float] | None, scale: float, margin: float = 60, max_width: int = 900
) -> bytes:
    """PNG of the page around ``bbox`` (PDF points, origin top-left) with the box outlined.

    ``scale`` is pixels per point. Without a box, the top of the page is shown.
    """
    width, height = page.size
    if bbox and len(bbox) == 4:
        x0, y0, x1, y1 = (v * scale for v in bbox)
        m = margin * scale
        box = (max(0, x0 - 3 * m), max(0, y0 - m), min(width, x1 + 3 * m), min(height, y1 + m))
        crop = page.crop((int(box[0]), int(box[1]), int(box[2]), int(box[3])))
        draw = ImageDraw.Draw(crop, "RGBA")
        rect = (x0 - box[0] - 2, y0 - box[1] - 2, x1 - box[0] + 2, y1 - box[1] + 2)
        draw.rectangle(rect, outline=(220, 30, 30, 255), width=3, fill=(255, 230, 0, 60))
    else:
        crop = page.crop((0, 0, width, min(height, width // 2)))
    if crop.width > max_width:
        crop = crop.resize((max_width, int(crop.height * max_width / crop.width)))
    out = io.BytesIO()
    crop.save(out, format="PNG", optimize=False)
    return out.getvalue()


def page_png(page: Image.Image, boxes: list[list[float]], scale: float, width: int = 0) -> bytes:
    """PNG of a whole page with each of ``boxes`` (PDF points, origin top-left) outlined."""
    image = page.copy()
    draw = ImageDraw.Draw(image, "RGBA")
    for bbox in boxes:
        if len(bbox) == 4:
            x0, y0, x1, y1 = (v * scale for v in bbox)
            draw.rectangle(
                (x0 - 3, y0 - 3, x1 + 3, y1 + 3), outline=(220, 30, 30, 255), width=3, fill=(255, 230, 0, 60)
            )
    if 0 < width < image.width:
        image = image.resize((width, int(image.height * width / image.width)))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
