"""Awkward-but-valid PDFs made from the dev samples with pypdf: rotated pages, /UserUnit,
and stacks of several packets in one file (a sheet feeder run over a pile)."""

from __future__ import annotations

import zlib
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


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _deflated_spaces(size: int, text: str = "") -> bytes:
    """A content stream drawing ``text`` (if any), padded with blanks to ``size`` bytes,
    deflated chunk by chunk."""
    deflater = zlib.compressobj(9)
    chunk = b" " * (16 << 20)
    parts = [deflater.compress(b"BT /F1 12 Tf 72 770 Td (%s) Tj ET\n" % text.encode("latin-1"))] if text else []
    for start in range(0, size, len(chunk)):
        parts.append(deflater.compress(chunk[: min(len(chunk), size - start)]))
    parts.append(deflater.flush())
    return b"".join(parts)


def inflating_page(dst: Path, inflated_bytes: int, text: str = "") -> Path:
    """One page whose Flate content stream inflates to ``inflated_bytes`` (about 1000:1),
    printing ``text`` (Latin, Helvetica) first if given."""
    body = _deflated_spaces(inflated_bytes, text)
    dst.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            ]
        )
    )
    return dst


def huge_image_page(dst: Path, width: int, height: int) -> Path:
    """One page drawing an RGB image that declares ``width`` x ``height`` pixels (its data is
    a few bytes: a decoder would allocate the declared size)."""
    body = zlib.compress(b"\x00" * 64)
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    dst.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
                b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
                b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
                % (width, height, len(body))
                + body
                + b"\nendstream",
            ]
        )
    )
    return dst


def pages_of(src: Path, dst: Path, first: int, last: int) -> Path:
    """Pages ``first``..``last`` (1-based) of ``src``: a packet that lost its front pages."""
    writer = PdfWriter()
    writer.append(PdfReader(src), pages=(first - 1, last))
    writer.write(dst)
    return dst


def form_text_page(dst: Path, text: str) -> Path:
    """One page whose only resource is a form XObject printing ``text`` (Latin, Helvetica):
    the page itself names no font, the form it draws does."""
    form = b"BT /F1 12 Tf 72 770 Td (%s) Tj ET" % text.encode("latin-1")
    content = b"/Fm1 Do"
    dst.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                b"/Resources << /XObject << /Fm1 5 0 R >> >> >>",
                b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
                b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                b"/Resources << /Font << /F1 6 0 R >> >> /Length %d >>\nstream\n" % len(form) + form + b"\nendstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            ]
        )
    )
    return dst
