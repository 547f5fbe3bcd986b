"""Turning generated .docx into PDFs (LibreOffice headless) and PDFs into image-only scans.

Dev/bench only: CI has no LibreOffice. The scans are what a paper copy through a cheap
scanner looks like: 200 dpi, 2-3° skew, noise, a scanner streak, a red seal, grey JPEG pages.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from shenbao.plugins.authoring.variants.truth import VariantError

if TYPE_CHECKING:
    from PIL import Image

SCAN_DPI = 200


def convert(docx_paths: list[Path]) -> list[Path]:
    """PDFs beside the .docx files, with a private LibreOffice profile (others may run soffice too)."""
    if shutil.which("soffice") is None:
        raise VariantError("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk")
    by_dir: dict[Path, list[Path]] = defaultdict(list)
    for p in docx_paths:
        by_dir[p.parent].append(p)
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as prof:
        for d, files in by_dir.items():
            cmd = [
                "soffice",
                f"-env:UserInstallation=file://{prof}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(d),
                *map(str, files),
            ]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    missing = [p for p in docx_paths if not p.with_suffix(".pdf").exists()]
    if missing:
        raise VariantError(f"LibreOffice produced no PDF for: {', '.join(map(str, missing))}")
    return [p.with_suffix(".pdf") for p in docx_paths]


def make_scan(pdf: Path, seed: int, quality: int = 40) -> Path:
    """Image-only ``<doc>.scan.pdf`` beside the PDF, with ``<doc>.scan.truth.json`` / ``.meta.json``
    copied from the text PDF's (score.py counts a document named ``*.scan`` as a scan)."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(f"scan:{seed}:{pdf.stem}")
    nrng = np.random.default_rng(rng.randint(0, 2**32 - 1))
    skew = rng.choice((-1, 1)) * rng.uniform(2.0, 3.0)  # the whole stack went through skewed
    pages: list[Image.Image] = []
    src = pdfium.PdfDocument(str(pdf))
    try:
        for i in range(len(src)):
            img = src[i].render(scale=SCAN_DPI / 72).to_pil().convert("RGB")
            sealed = i == 0 or rng.random() < 0.15
            if sealed:  # a page with the red seal stays in colour, the others are grey
                img = _seal(img, rng)
            img = img.rotate(
                skew + rng.uniform(-0.3, 0.3),
                resample=Image.Resampling.BICUBIC,
                expand=False,
                fillcolor=(255, 255, 255),
            )
            pages.append(_degrade(img if sealed else img.convert("L"), rng, nrng))
    finally:
        src.close()
    out = pdf.with_name(pdf.stem + ".scan.pdf")
    pages[0].save(str(out), "PDF", save_all=True, append_images=pages[1:], resolution=SCAN_DPI, quality=quality)
    for suffix in (".truth.json", ".meta.json"):
        shutil.copyfile(pdf.with_name(pdf.stem + suffix), pdf.with_name(pdf.stem + ".scan" + suffix))
    return out


def _seal(img: Image.Image, rng: random.Random) -> Image.Image:
    """A red seal inked over the text (multiplied, not painted)."""
    from PIL import Image, ImageChops, ImageDraw

    w, h = img.size
    layer = Image.new("RGB", img.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    cx, cy, r = rng.randint(w // 3, w - 300), rng.randint(h // 2, h - 300), rng.randint(150, 190)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(225, 60, 60), width=9)
    d.regular_polygon((cx, cy, r // 4), 5, fill=(225, 60, 60))
    return ImageChops.multiply(img, layer)


def _degrade(img: Image.Image, rng: random.Random, nrng: object) -> Image.Image:
    """Heavier sensor noise (softened by the optics, which also keeps the JPEG small) and,
    on most pages, a vertical scanner streak."""
    import numpy as np
    from PIL import Image, ImageFilter

    arr = np.asarray(img).astype(np.int16)
    noise = nrng.normal(0, rng.uniform(8, 12), arr.shape[:2]).astype(np.int16)  # type: ignore[attr-defined]
    arr = arr + (noise[..., None] if arr.ndim == 3 else noise)
    if rng.random() < 0.7:
        x = rng.randint(arr.shape[1] // 8, arr.shape[1] * 7 // 8)
        width = rng.randint(2, 5)
        arr[:, x : x + width] -= rng.randint(40, 90)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return out.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.7)))
