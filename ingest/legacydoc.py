"""A legacy Word ``.doc`` (OLE2 compound file) → a ``.docx``, with LibreOffice when present.

Without LibreOffice (``soffice``) the clerk is told in one line to save the file as .docx.
Each conversion runs with a private LibreOffice profile (another soffice may be running)
and a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shenbao.core.errors import UnreadableFile

CONVERT_SECONDS = 120
SAVE_AS_DOCX = "is a legacy Word .doc file; open it in Word or WPS and save it as .docx (Word 文档), then submit that"


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def as_docx(path: Path) -> Iterator[Path]:
    """The .docx LibreOffice makes of ``path`` (a temporary file, removed afterwards)."""
    program = soffice()
    if program is None:
        raise UnreadableFile(SAVE_AS_DOCX, file=path)
    with tempfile.TemporaryDirectory(prefix="shenbao-doc-") as tmp:
        work = Path(tmp)
        source = work / "in.doc"
        shutil.copyfile(path, source)
        cmd = [
            program,
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            subprocess.run(cmd, check=False, capture_output=True, timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            raise UnreadableFile(
                f"{SAVE_AS_DOCX} (LibreOffice did not convert it within {CONVERT_SECONDS} s)", file=path
            ) from None
        out = work / "out" / "in.docx"
        if not out.is_file():
            raise UnreadableFile(f"{SAVE_AS_DOCX} (LibreOffice could not convert it)", file=path)
        yield out
