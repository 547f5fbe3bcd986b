"""Bounded memory on hostile streams (issue 15, part 5): a stream that inflates past the limit
is refused with one clear line before anything decodes it, so a 1 GB content stream costs no
more memory than a small file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pdf_builders import huge_image_page, inflating_page

from shenbao.core.errors import ExitCode, UnreadableFile
from shenbao.ingest.reader import read_document
from shenbao.ingest.streamguard import MB

MAX_PEAK_MB = 600  # the CLI's own imports stay well under this; the stream alone is 1024 MB


def no_ocr() -> None:
    raise AssertionError("no page of these files may reach OCR")


def test_a_content_stream_past_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHENBAO_MAX_STREAM_MB", "4")
    path = inflating_page(tmp_path / "bomb.pdf", 8 * MB)
    with pytest.raises(UnreadableFile) as caught:
        read_document(path, no_ocr)  # type: ignore[arg-type]
    assert caught.value.page == 1
    assert "inflates past 4 MB" in str(caught.value)


def test_a_stream_under_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHENBAO_MAX_STREAM_MB", "4")
    path = inflating_page(tmp_path / "padded.pdf", 2 * MB, text="Padded but honest page")
    document = read_document(path, no_ocr)  # type: ignore[arg-type]
    assert "Padded but honest page" in document.pages[0].text


def test_an_image_declaring_a_huge_size_is_refused(tmp_path: Path) -> None:
    path = huge_image_page(tmp_path / "huge.pdf", 100_000, 100_000)  # 30 GB as RGB
    with pytest.raises(UnreadableFile) as caught:
        read_document(path, no_ocr)  # type: ignore[arg-type]
    assert "an image inflates past" in str(caught.value)


# Linux hands a process the peak RSS of the one it was forked from (exec records the old
# address space's high-water mark), so a child of a long pytest run would report pytest's
# gigabytes. A small launcher forks the command and reports that grandchild's own peak.
LAUNCHER = """
import os, subprocess, sys
out, err = sys.argv[1], sys.argv[2]
with open(out, "w") as stdout, open(err, "w") as stderr:
    proc = subprocess.Popen(sys.argv[3:], stdout=stdout, stderr=stderr)
    _, status, usage = os.wait4(proc.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


@pytest.mark.slow
def test_a_one_gigabyte_stream_is_refused_within_bounded_memory(tmp_path: Path) -> None:
    path = inflating_page(tmp_path / "bomb1g.pdf", 1024 * MB)
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    command = [sys.executable, "-m", "shenbao", "extract", str(path)]
    launched = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(out), str(err), *command], capture_output=True, text=True
    )
    code, peak_kb = (int(v) for v in launched.stdout.split())
    message = err.read_text()
    assert code == ExitCode.input_file
    assert out.read_text() == ""
    assert len(message.strip().splitlines()) == 1
    assert "Traceback" not in message
    for part in ("bomb1g.pdf", "第 1 页", "inflates past"):
        assert part in message
    assert peak_kb / 1024 < MAX_PEAK_MB, peak_kb
