"""A long text PDF is read by forked worker processes (ingest/pdffile.py): the same pages as one
process reads, and a bad page in a worker's run is the same one clear error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pdf_builders import inflating_page, page_count, stack

from shenbao.core.errors import ExitCode
from shenbao.ingest.streamguard import MB

ROOT = Path(__file__).resolve().parents[2]
LONG = ROOT / "samples" / "hunan-2023-platform" / "hunan-2023-platform-dev-01.pdf"

READ = """
import json, sys
from pathlib import Path
from shenbao.ingest import pdffile
assert pdffile._can_fork()
pages = pdffile.read_pdf(Path(sys.argv[1]), lambda: print("meanwhile", file=sys.stderr))
print(json.dumps([[p.number, p.text, len(p.tables)] for p in pages], ensure_ascii=False))
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
