"""The pictures of the review page: the page around a field's box beside each row, and a
whole page with the field's boxes drawn, opened large."""

from __future__ import annotations

from typing import Any

from flask import current_app

from shenbao.admin.ingest import PAGE_FRAMES, original_path, store
from shenbao.admin.storage import crop_png, image_dpi, page_png
from shenbao.models import SourceFile


def page_frame(extraction: dict[str, Any] | None, page: int) -> tuple[int, float]:
    turns, unit = ((extraction or {}).get(PAGE_FRAMES) or {}).get(str(page), (0, 1.0))
    return int(turns), float(unit)


def field_crop(source: SourceFile, page: int, bbox: list[float] | None, frame: tuple[int, float] = (0, 1.0)) -> bytes:
    """The crop around ``bbox``, from the page turned and scaled as the reader read it, so
    the box lands on the value the clerk sees (a page shown sideways is shown upright)."""
    image, scale = _upright_page(source, page, frame)
    return crop_png(image, bbox, scale)


def whole_page(
    source: SourceFile, page: int, boxes: list[list[float]], frame: tuple[int, float] = (0, 1.0), width: int = 0
) -> bytes:
    """Page ``page`` upright with ``boxes`` (PDF points) outlined; ``width`` > 0 scales it down
    to that many pixels (a thumbnail)."""
    image, scale = _upright_page(source, page, frame)
    return page_png(image, boxes, scale, width)


def _upright_page(source: SourceFile, page: int, frame: tuple[int, float]) -> tuple[Any, float]:
    """The page image as the reader read it, and its pixels per point."""
    turns, unit = frame
    path = original_path(source)
    if path.suffix == ".pdf":
        dpi = int(current_app.config["PAGE_DPI"])
        image = store().page_image(path, page, round(dpi * unit))  # boxes are in points, pdfium in units
        scale = dpi / 72
    else:  # a page image: the extractor's points are its pixels at the image's own DPI
        image = store().page_image(path, page, 0)
        scale = image_dpi(path) / 72
    if turns % 4:
        image = image.rotate(-90 * (turns % 4), expand=True)  # PIL turns counter-clockwise
    return image, scale
