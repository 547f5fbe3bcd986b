"""Awkward-but-valid PDFs made from the dev samples with pypdf: rotated pages, /UserUnit,
and stacks of several packets in one file (a sheet feeder run over a pile)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, NumberObject, RectangleObject


def shown_rotated(src: Path, dst: Path, degrees: int) -> Path:
    """Every page carries ``/Rotate degrees``: a viewer shows it turned (text runs sideways)."""
    writer = PdfWriter(clone_from=src)
    for page in writer.pages:
        page.rotate(degrees)
    writer.write(dst)
    return dst


def drawn_turned(src: Path, dst: Path) -> Path:
    """Content drawn a quarter turn counter-clockwise on a landscape page, shown upright by
    ``/Rotate 90`` (as some scanners and printer drivers write portrait pages)."""
    writer = PdfWriter(clone_from=src)
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(Transformation((0, 1, -1, 0, height, 0)))
        page.mediabox = RectangleObject([0, 0, height, width])
        page.cropbox = RectangleObject([0, 0, height, width])
        page[NameObject("/Rotate")] = NumberObject(90)
    writer.write(dst)
    return dst


def with_user_unit(src: Path, dst: Path, unit: int) -> Path:
    """Every page's user-space unit is ``unit``/72 inch (/UserUnit)."""
    writer = PdfWriter(clone_from=src)
    for page in writer.pages:
        page[NameObject("/UserUnit")] = NumberObject(unit)
    writer.write(dst)
    return dst


def stack(sources: Sequence[Path], dst: Path) -> Path:
    """The packets one after another in one PDF, no separator sheet."""
    writer = PdfWriter()
    for src in sources:
        writer.append(PdfReader(src))
    writer.write(dst)
    return dst


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)
