"""Page images from PDFs and image files, and their sizes in points."""

from __future__ import annotations

import numpy as np
import pytest
from ocr_support import WUHAN_01
from PIL import Image

from shenbao.core.errors import UnreadableFile
from shenbao.ingest.ocr import raster


def test_render_pdf_page_is_bgr_at_the_asked_dpi():
    image = raster.render_pdf_page(WUHAN_01.with_name(WUHAN_01.name + ".scan.pdf"), 0, dpi=100)
    assert image.dtype == np.uint8
    assert image.ndim == 3
    assert image.shape[2] == 3
    assert abs(image.shape[1] - 595.44 * 100 / 72) <= 2


def test_render_pdf_page_keeps_red_in_the_red_channel(tmp_path):
    path = tmp_path / "red.pdf"
    Image.new("RGB", (200, 100), (220, 30, 30)).save(path, resolution=72)
    image = raster.render_pdf_page(path, 0, dpi=72)
    b, g, r = image[50, 100]
    assert r > 180
    assert g < 80
    assert b < 80


def test_multipage_tiff_with_dpi(tmp_path):
    path = tmp_path / "pages.tif"
    first = Image.new("RGB", (600, 900), (255, 255, 255))
    second = Image.new("L", (600, 900), 128)
    first.save(path, save_all=True, append_images=[second], dpi=(300, 300))
    pages = raster.load_image_pages_with_size(path)
    assert len(pages) == 2
    assert all(p.shape == (900, 600, 3) for p, _ in pages)
    assert pages[0][1] == pytest.approx((144.0, 216.0))
    assert pages[1][0][0, 0].tolist() == [128, 128, 128]


def test_image_without_dpi_is_taken_as_200_dpi(tmp_path):
    path = tmp_path / "page.png"
    Image.new("RGB", (1654, 2339), (255, 255, 255)).save(path)
    [(_image, size)] = raster.load_image_pages_with_size(path)
    assert size == pytest.approx((1654 * 72 / 200, 2339 * 72 / 200))
    assert raster.load_image_pages(path)[0].shape == (2339, 1654, 3)


def test_bilevel_tiff(tmp_path):
    path = tmp_path / "fax.tif"
    Image.new("1", (100, 50), 1).save(path)
    [image] = raster.load_image_pages(path)
    assert image.shape == (50, 100, 3)
    assert image.max() == 255


@pytest.mark.parametrize(
    "call",
    [
        lambda p: raster.render_pdf_page(p, 0),
        lambda p: raster.load_image_pages(p),
    ],
)
def test_unreadable_files_raise_with_the_file(tmp_path, call):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7 truncated")
    with pytest.raises(UnreadableFile) as info:
        call(path)
    assert "broken.pdf" in str(info.value)


def test_missing_page_names_the_page():
    with pytest.raises(UnreadableFile) as info:
        raster.render_pdf_page(WUHAN_01.with_name(WUHAN_01.name + ".scan.pdf"), 40)
    assert info.value.page == 41
