"""The picture of the page around a field's box, shown beside each row of the review page."""

from __future__ import annotations

from flask import current_app

from shenbao.admin.ingest import original_path, store
from shenbao.admin.storage import crop_png, image_dpi
from shenbao.models import SourceFile


def field_crop(source: SourceFile, page: int, bbox: list[float] | None) -> bytes:
    path = original_path(source)
    if path.suffix == ".pdf":
        dpi = int(current_app.config["PAGE_DPI"])
        image = store().page_image(path, page, dpi)
        scale = dpi / 72
    else:  # a page image: the extractor's points are its pixels at the image's own DPI
        image = store().page_image(path, page, 0)
        scale = image_dpi(path) / 72
    return crop_png(image, bbox, scale)
