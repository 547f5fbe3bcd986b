"""A long text PDF is read by forked worker processes (ingest/pdffile.py): the same pages as one
process reads, and a bad page in a worker's run is the same one clear error. A scan's pages are
told from their resources and checked in this process, and the reader hears of them first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
from pdf_builders import form_text_page, inflating_page, page_count, pages_of, stack

from shenbao.core.errors import ExitCode
from shenbao.ingest import pdffile
from shenbao.ingest.pdffile import ScannedPage, images_only
from shenbao.ingest.streamguard import MB

ROOT = Path(__file__).resolve().parents[2]
LONG = ROOT / "samples" / "hunan-2023-platform" / "hunan-2023-platform-dev-01.pdf"
SCAN = ROOT / "samples" / "hunan-2023-platform" / "hunan-2023-platform-dev-01.scan.pdf"

READ = """
import json, sys
from pathlib import Path
from shenbao.ingest import pdffile
assert pdffile._can_fork()
pages = pdffile.read_pdf(
    Path(sys.argv[1]), lambda: print("meanwhile", file=sys.stderr), lambda: print("images ahead", file=sys.stderr)
)
read = [[p.number, getattr(p, "text", None), len(getattr(p, "tables", []))] for p in pages]  # a scanned: None, 0
print(json.dumps(read, ensure_ascii=False))
"""


def _read_in_a_process(path: Path, workers: int) -> tuple[list, str]:
    env = os.environ | {"SHENBAO_PDF_WORKERS": str(workers)}
    done = subprocess.run([sys.executable, "-c", READ, str(path)], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout), done.stderr


def test_two_processes_read_what_one_reads():
    assert page_count(LONG) >= 8
    alone, _ = _read_in_a_process(LONG, 1)
    shared, said = _read_in_a_process(LONG, 2)
    assert shared == alone
    assert [number for number, _, _ in shared] == list(range(1, page_count(LONG) + 1))
    assert "meanwhile" in said  # run by the parent while the workers read
    assert "images ahead" not in said  # no page to OCR


def test_a_long_file_with_a_scanned_page_tells_of_it_once_the_workers_read(tmp_path):
    path = stack([LONG, pages_of(SCAN, tmp_path / "scanned.pdf", 2, 2)], tmp_path / "text-and-scan.pdf")
    pages, said = _read_in_a_process(path, 2)
    assert [number for number, _, _ in pages] == list(range(1, page_count(path) + 1))
    assert pages[-1][1] is None  # the scanned page, left to OCR
    assert all(text for _, text, _ in pages[:-1])
    assert said.splitlines() == ["images ahead", "meanwhile"]


def test_the_pages_of_a_scan_are_told_by_their_resources(tmp_path):
    form = form_text_page(tmp_path / "form.pdf", "Printed by a form")
    with pdfplumber.open(SCAN) as scan, pdfplumber.open(LONG) as text, pdfplumber.open(form) as printed:
        assert all(images_only(page) for page in scan.pages)
        assert not any(images_only(page) for page in text.pages)
        assert not images_only(printed.pages[0])  # the page names no font; its form does


class NoFork:
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("a scan's pages are checked in this process")


def test_a_scan_is_checked_in_this_process_and_its_ocr_told_first(monkeypatch):
    monkeypatch.setenv("SHENBAO_PDF_WORKERS", "2")
    monkeypatch.setattr(pdffile, "_can_fork", lambda: True)
    monkeypatch.setattr(pdffile, "ProcessPoolExecutor", NoFork)
    events: list[str] = []
    read_page = pdffile._read_page

    def reading(path: Path, pdf_page: object, number: int) -> object:
        events.append("read")
        return read_page(path, pdf_page, number)

    monkeypatch.setattr(pdffile, "_read_page", reading)
    pages = pdffile.read_pdf(SCAN, lambda: events.append("meanwhile"), lambda: events.append("images ahead"))
    assert len(pages) == page_count(SCAN) >= 2 * pdffile.PAGES_PER_WORKER
    assert all(isinstance(page, ScannedPage) for page in pages)
    assert events == ["images ahead"] + ["read"] * len(pages)  # meanwhile is the caller's, as ever


def test_a_bad_page_read_by_a_worker_is_one_clear_error(tmp_path):
    bomb = inflating_page(tmp_path / "bomb.pdf", 8 * MB)
    path = stack([LONG, bomb], tmp_path / "packet-and-bomb.pdf")
    last = page_count(path)
    env = os.environ | {"SHENBAO_PDF_WORKERS": "2", "SHENBAO_MAX_STREAM_MB": "4"}
    done = subprocess.run(
        [sys.executable, "-m", "shenbao", "extract", str(path)], capture_output=True, text=True, env=env
    )
    assert done.returncode == ExitCode.input_file
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"shenbao: {path}, ")
    assert f"第 {last} 页" in lines[0]
    assert "its content stream inflates past 4 MB" in lines[0]
