"""Crops of pages carrying /Rotate or /UserUnit show the value like the plain page's crop
(issue 15, part 2): the desk turns and scales the page as the reader read it."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from admin_helpers import login, upload
from pdf_builders import shown_rotated, with_user_unit
from PIL import Image

KEYS = ("project.name", "applicant.name", "contact.mobile")


def crops(client: Any, token: str, path: Path, name: str) -> dict[str, np.ndarray]:
    status = upload(client, token, [(path, name)])
    sid = status["files"][0]["submission"]
    out = {}
    for key in KEYS:
        response = client.get(f"/review/{sid}/crop/{key}.png")
        assert response.status_code == 200, key
        out[key] = np.asarray(Image.open(BytesIO(response.data)).convert("RGB"), dtype=float)
    return out


def test_crops_of_a_page_shown_sideways_match_the_upright_pages(app, client, samples, tmp_path) -> None:
    token = login(client, app, "clerk")
    plain = samples / "miit-2023-pilot" / "miit-2023-pilot-dev-03.pdf"
    want = crops(client, token, plain, "plain.pdf")
    got = crops(client, token, shown_rotated(plain, tmp_path / "sideways.pdf", 90), "sideways.pdf")
    for key in KEYS:
        assert got[key].shape == want[key].shape, key
        assert least_difference(grey(got[key]), grey(want[key])) < 6, (
            key
        )  # glyphs rasterize a little differently turned


def test_crops_of_a_user_unit_page_show_the_same_value_larger(app, client, samples, tmp_path) -> None:
    """/UserUnit 2: the page is twice the size, so is its crop (before the desk's width cap)."""
    token = login(client, app, "clerk")
    plain = samples / "miit-2023-pilot" / "miit-2023-pilot-dev-03.pdf"
    want = crops(client, token, plain, "plain.pdf")
    got = crops(client, token, with_user_unit(plain, tmp_path / "large.pdf", 2), "large.pdf")
    for key in KEYS:
        boxed, plain_boxed = inside_outline(got[key]), inside_outline(want[key])
        assert boxed.shape[0] > plain_boxed.shape[0] * 1.5, key  # the same box, twice the size
        ink, plain_ink = (boxed < 128).mean(), (plain_boxed < 128).mean()  # the value's glyphs fill it alike
        assert plain_ink > 0.05, key
        assert ink == pytest.approx(plain_ink, rel=0.4), key


def grey(rgb: np.ndarray) -> np.ndarray:
    return rgb.mean(axis=2)


def inside_outline(rgb: np.ndarray) -> np.ndarray:
    """The grey picture inside the red box the desk draws around the value."""
    red = (rgb[..., 0] > 200) & (rgb[..., 1] < 80) & (rgb[..., 2] < 80)
    rows, cols = np.nonzero(red)
    assert rows.size, "no outline drawn"
    return grey(rgb)[rows.min() + 4 : rows.max() - 3, cols.min() + 4 : cols.max() - 3]


def least_difference(a: np.ndarray, b: np.ndarray, shift: int = 2) -> float:
    """Mean grey difference of two crops, at the best offset of up to ``shift`` pixels (a
    turned page rasterizes a pixel off)."""
    inner = (slice(shift, -shift), slice(shift, -shift))
    return min(
        float(np.abs(np.roll(a, (dy, dx), axis=(0, 1))[inner] - b[inner]).mean())
        for dy in range(-shift, shift + 1)
        for dx in range(-shift, shift + 1)
    )
