"""Refuse PDF pages whose streams inflate past a limit, before anything decodes them.

pdfminer (behind pdfplumber) and pdfium inflate a stream whole into memory, so a page whose
1 MB content stream inflates to 1 GB takes gigabytes to read. Each page's content streams,
its form XObjects (recursively) and its images are measured first: Flate data is inflated
in small chunks that are counted and dropped, an image by its declared size. A stream past
the limit makes the file unreadable with one clear message; nothing is held meanwhile.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

from shenbao.core.errors import UnreadableFile

MB = 1 << 20
DEFAULT_LIMIT_MB = 256  # a 600 dpi A4 colour scan decodes to about 100 MB
CHUNK = MB
COMPONENTS = {"DeviceGray": 1, "CalGray": 1, "DeviceRGB": 3, "CalRGB": 3, "Lab": 3, "DeviceCMYK": 4}


def stream_limit() -> int:
    """Bytes one stream may inflate to: ``SHENBAO_MAX_STREAM_MB``, else 256 MB."""
    raw = os.environ.get("SHENBAO_MAX_STREAM_MB", "")
    return int(float(raw) * MB) if raw.strip() else DEFAULT_LIMIT_MB * MB


def check_page_streams(page_obj: Any, number: int, file: str | Path, limit: int | None = None) -> None:
    """Raise :class:`UnreadableFile` when a stream of the page (a pdfminer ``PDFPage``)
    inflates, or an image decodes, past ``limit`` bytes (default :func:`stream_limit`)."""
    cap = stream_limit() if limit is None else limit
    streams = [resolve1(s) for s in page_obj.contents]
    content = sum(inflated_size(s, cap) for s in streams if isinstance(s, PDFStream))
    if content > cap:
        raise UnreadableFile(_refusal("its content stream", cap), file=file, page=number)
    for kind, stream in _xobjects(page_obj.resources, set()):
        size = image_size(stream) if kind == "Image" else 0
        if size > cap or inflated_size(stream, cap) > cap:
            raise UnreadableFile(_refusal("an image" if kind == "Image" else "a form", cap), file=file, page=number)


WHAT_ZH = {"its content stream": "页面内容流", "an image": "图像", "a form": "表单对象"}


def _refusal(what: str, cap: int) -> str:
    return (
        f"{WHAT_ZH.get(what, what)}解压后超过 {cap // MB} MB，视为损坏或恶意文件而拒绝 "
        f"({what} inflates past {cap // MB} MB; refused as damaged or hostile; SHENBAO_MAX_STREAM_MB raises the limit)"
    )


def _xobjects(resources: Any, seen: set[int]) -> Iterator[tuple[str, PDFStream]]:
    """(subtype, stream) of every XObject a page draws, forms' own XObjects included."""
    resources = resolve1(resources)
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return
    for ref in xobjects.values():
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream) or id(stream) in seen:
            continue
        seen.add(id(stream))
        subtype = _name(stream.attrs.get("Subtype"))
        yield subtype, stream
        if subtype == "Form":
            yield from _xobjects(stream.attrs.get("Resources"), seen)


def _name(value: Any) -> str:
    value = resolve1(value)
    return str(getattr(value, "name", value or ""))


def image_size(stream: PDFStream) -> int:
    """Bytes an image decodes to, from its declared width, height, colours and bit depth."""
    attrs = stream.attrs
    try:
        width, height = int(resolve1(attrs.get("Width", 0))), int(resolve1(attrs.get("Height", 0)))
        bits = int(resolve1(attrs.get("BitsPerComponent", 8)) or 8)
    except (TypeError, ValueError):
        return 0
    space = resolve1(attrs.get("ColorSpace"))
    components = COMPONENTS.get(_name(space[0] if isinstance(space, list) and space else space), 3)
    return max(width, 0) * max(height, 0) * components * bits // 8


def inflated_size(stream: PDFStream, limit: int) -> int:
    """The stream's length after its Flate filter, counted up to just past ``limit``."""
    if stream.data is not None:
        return len(stream.data)
    raw = stream.rawdata or b""
    filters = stream.get_filters()
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return len(raw)
    if stream.decipher is not None and stream.objid is not None and stream.genno is not None:
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    return _count_inflated(raw, limit)


def _count_inflated(data: bytes, limit: int) -> int:
    inflater = zlib.decompressobj()
    total = 0
    pending = data
    try:
        while pending and total <= limit:
            total += len(inflater.decompress(pending, CHUNK))
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        return total  # damaged data: pdfminer keeps what inflates, no more than this
    return total
