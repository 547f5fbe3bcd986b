"""``shenbao extract`` and ``shenbao notices`` as a person at a terminal uses them."""

from __future__ import annotations

import json
import subprocess
import sys

from tests_support import text_samples, truth_of


def shenbao(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "shenbao", *args], capture_output=True, text=True, timeout=120)


def test_extract_json_is_the_contract() -> None:
    pdf = next(p for p in text_samples() if "wuhan" in p.name)
    proc = shenbao("extract", str(pdf), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    truth = truth_of(pdf)
    assert out["file"] == pdf.name
    assert out["notice"] == truth["notice"]
    assert {k: v["value"] for k, v in out["fields"].items()}["applicant.name"] == truth["fields"]["applicant.name"]


def test_extract_with_explicit_notice() -> None:
    pdf = next(p for p in text_samples() if "pilot" in p.name)
    out = json.loads(shenbao("extract", str(pdf), "--notice", "miit-2023-pilot").stdout)
    assert out["notice"] == "miit-2023-pilot"
    assert out["notice_confidence"] == 1.0


def test_extract_table_for_people() -> None:
    pdf = next(p for p in text_samples() if "hunan" in p.name)
    proc = shenbao("extract", str(pdf), "--format", "table")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "hunan-2023-platform" in text.splitlines()[0]
    assert "applicant.org_code" in text
    assert "组织机构代码" in text
    assert "findings:" in text or "missing_field:" in text or "rule:" in text
    assert "business_license" in text


def test_notices_lists_builtins_with_counts() -> None:
    proc = shenbao("notices")
    assert proc.returncode == 0
    rows = {line.split()[0]: line.split() for line in proc.stdout.splitlines()[1:]}
    assert rows["miit-2022-shuangkua"][-4:] == ["137", "6", "20", "shenbao"]
    assert rows["wuhan-fund-2022"][-4:] == ["34", "6", "21", "shenbao"]
    assert rows["hunan-2023-platform"][-4:] == ["95", "8", "10", "shenbao"]
    assert rows["miit-2023-pilot"][-4:] == ["22", "3", "9", "shenbao"]
