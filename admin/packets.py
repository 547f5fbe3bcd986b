"""Page images uploaded together form one packet: ``企业A_01.jpg``, ``企业A_02.jpg`` -> one submission.

Images whose names differ only by a trailing page number are bound, in page order, into one
PDF (a derived file, stored by its own SHA-256 beside the originals, which stay untouched);
that PDF is what the extractor reads and the review page crops from.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path

from PIL import Image

# 企业A_01, 企业A-p2, 企业A page 3, 企业A 第4页, 企业A(5)
PAGE_SUFFIX = re.compile(r"[\s_\-－—.(（]*(?:第\s*)?(?:p|page|pg)?\s*(\d{1,4})\s*(?:页)?[)）]?$", re.IGNORECASE)
IMAGE_TYPES = ("image/jpeg", "image/png", "image/tiff")


def page_key(filename: str) -> tuple[str, int] | None:
    """(packet name, page number) of an image file name, or None if it carries no page number."""
    stem = Path(filename).stem
    match = PAGE_SUFFIX.search(stem)
    if match is None or match.start() == 0:
        return None
    return stem[: match.start()].strip(), int(match.group(1))


def group_pages(files: list[tuple[int, str, str]]) -> list[tuple[str, list[int]]]:
    """Groups of >= 2 images from (index, filename, media type): [(packet name, [index, ...])]."""
    groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for index, filename, media in files:
        if media not in IMAGE_TYPES:
            continue
        key = page_key(filename)
        if key is not None:
            groups[key[0]].append((key[1], index))
    return [(name, [i for _, i in sorted(pages)]) for name, pages in groups.items() if len(pages) > 1]


def bind_pdf(paths: list[Path]) -> bytes:
    """One PDF page per image (every frame of a multi-page TIFF), at the images' own DPI."""
    frames: list[Image.Image] = []
    dpi = 200.0
    for i, path in enumerate(paths):
        with Image.open(path) as image:
            if i == 0:
                dpi = float((image.info.get("dpi") or (200, 200))[0] or 200)
            for frame in range(getattr(image, "n_frames", 1)):
                image.seek(frame)
                frames.append(image.convert("RGB"))
    out = io.BytesIO()
    frames[0].save(out, format="PDF", save_all=True, append_images=frames[1:], resolution=dpi)
    return out.getvalue()
