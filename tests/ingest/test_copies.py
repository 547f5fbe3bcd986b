"""Two copies of one submission: the Word file gives the values, the other copy is read with
the same notice, and the fields they print differently are copy_mismatch findings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest

from shenbao.ingest.copies import COPY_CODE, reliable_values, same_value
from shenbao.plugins.authoring.variants.generate import build, fillers, write
from shenbao.plugins.extraction import extract_copies

BLANKS = Path(__file__).resolve().parents[2].parent / "shared" / "blanks"
NOTICE = "miit-2023-pilot"


@pytest.fixture(scope="module")
def copies(tmp_path_factory, manager) -> tuple[Path, Path, str]:
    """(the applicant's .docx with one value changed, the copy as first written, the changed key)."""
    if not BLANKS.is_dir():
        pytest.skip(f"no blank templates at {BLANKS}")
    out = tmp_path_factory.mktemp("copies")
    paper = write(build(manager, NOTICE, fillers(manager)[NOTICE], BLANKS, 1, 15, frozenset()), out / "paper")
    truth = json.loads(paper.with_suffix(".truth.json").read_text(encoding="utf-8"))
    address = truth["fields"]["applicant.address"]
    d = docx.Document(str(paper))
    changed = 0
    for table in d.tables:
        for cell in {c._tc: c for row in table.rows for c in row.cells}.values():
            for para in cell.paragraphs:
                for run in para.runs:
                    if address in run.text:
                        run.text = run.text.replace(address, address + "附楼")
                        changed += 1
    assert changed == 1
    electronic = out / "form.docx"
    d.save(str(electronic))
    return electronic, paper, "applicant.address"


def test_differences_between_the_copies_are_findings(copies, manager) -> None:
    electronic, paper, key = copies
    result = extract_copies(electronic, paper, manager=manager)
    assert result.file == "form.docx"
    assert result.companion is not None
    assert result.role == "electronic"
    assert result.companion.role == "paper"
    mismatches = [f for f in result.findings if f.code == COPY_CODE]
    assert [f.key for f in mismatches] == [key]
    assert mismatches[0].message.startswith("电子版与纸质版不一致：字段 单位地址：电子版为「")
    assert "附楼" in mismatches[0].message
    contract = result.as_contract()
    assert contract["companion"]["file"] == paper.name
    assert contract["companion"]["role"] == "paper"
    assert key in contract["companion"]["fields"]


def test_the_same_copy_twice_has_no_mismatch(copies, manager) -> None:
    _, paper, _ = copies
    result = extract_copies(paper, paper, manager=manager)
    assert not [f for f in result.findings if f.code == COPY_CODE]


def test_cli_companion(copies) -> None:
    electronic, paper, key = copies
    done = subprocess.run(
        [sys.executable, "-m", "shenbao", "extract", str(electronic), "--companion", str(paper)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    contract = json.loads(done.stdout)
    assert [f["key"] for f in contract["findings"] if f["code"] == COPY_CODE] == [key]


def test_unsure_paper_readings_are_not_compared() -> None:
    fields: dict[str, dict[str, Any]] = {
        "a": {"value": "x", "confidence": 0.9},
        "b": {"value": "y", "confidence": 0.3},
        "c": {"value": None},
    }
    assert reliable_values(fields) == {"a": "x"}
    assert same_value("money_wan", 3560.25, 3560.250000001)
    assert not same_value("money_wan", 3560.25, 356.025)
    assert same_value("multichoice", ["5G", "大数据"], ["大数据", "5G"])
    assert same_value("text", "武汉 光谷", "武汉光谷")
    assert not same_value("bool", True, False)
