"""Bad input: one clear line on stderr naming the file and the problem, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests_support import text_samples, write_text_pdf

from shenbao.core.errors import ExitCode

SAMPLE = text_samples()[0]


def run_extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "shenbao", "extract", *args], capture_output=True, text=True, timeout=120
    )


def assert_one_clear_line(proc: subprocess.CompletedProcess, name: str, *words: str) -> None:
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert name in lines[0]
    for word in words:
        assert word in lines[0], lines[0]


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert_one_clear_line(run_extract(str(path)), "empty.pdf", "empty")


def test_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "truncated.pdf"
    data = SAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    assert_one_clear_line(run_extract(str(path)), "truncated.pdf", "truncated")


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(SAMPLE).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert_one_clear_line(run_extract(str(path)), "locked.pdf", "encrypted")


def test_jpeg_renamed_pdf(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "photo.pdf"
    Image.new("RGB", (64, 64), "white").save(path, format="JPEG")
    assert_one_clear_line(run_extract(str(path)), "photo.pdf", "JPEG")


def test_not_a_document(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("just some text, not a PDF at all\n")
    assert_one_clear_line(run_extract(str(path)), "notes.pdf", "neither a PDF")


def test_unrelated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "bakery.pdf"
    write_text_pdf(path, ["Quarterly sales report of a bakery, Q3 2022", "Bread 1,204 loaves"])
    assert_one_clear_line(run_extract(str(path)), "bakery.pdf", "not a submission")


def test_missing_file(tmp_path: Path) -> None:
    assert_one_clear_line(run_extract(str(tmp_path / "nowhere.pdf")), "nowhere.pdf", "no such file")


def test_unknown_notice_id() -> None:
    proc = run_extract(str(SAMPLE), "--notice", "beijing-2031")
    assert_one_clear_line(proc, "beijing-2031", "unknown notice")


@pytest.mark.parametrize("bad", ["empty", "truncated"])
def test_library_raises_ingest_error(tmp_path: Path, bad: str, manager) -> None:
    from shenbao.core.errors import UnreadableFile
    from shenbao.plugins.extraction import extract

    path = tmp_path / f"{bad}.pdf"
    path.write_bytes(b"" if bad == "empty" else SAMPLE.read_bytes()[:2000])
    with pytest.raises(UnreadableFile) as info:
        extract(path, manager=manager)
    assert info.value.file == str(path)


def test_bad_input_exit_code_names_its_kind(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    proc = run_extract(str(path))
    assert proc.returncode == ExitCode.input_file
    assert proc.stderr.strip() == f"shenbao: {path}: 文件为空 (the file is empty, 0 bytes)"
    assert run_extract(str(SAMPLE), "--notice", "beijing-2031").returncode == ExitCode.unknown_notice
