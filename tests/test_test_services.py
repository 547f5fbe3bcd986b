"""scripts/test_services.py: the export lines test.sh evaluates for the PostgreSQL and Redis tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "test_services.py"


def run(**env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("SHENBAO_TEST_")}
    return subprocess.run(
        [sys.executable, str(SCRIPT)], env={**base, **env}, capture_output=True, text=True, timeout=60
    )


def test_variables_already_set_are_kept():
    done = run(SHENBAO_TEST_DATABASE_URL="postgresql+psycopg://u@db.example/x", SHENBAO_TEST_REDIS_URL="redis://r/3")
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "export SHENBAO_TEST_DATABASE_URL=postgresql+psycopg://u@db.example/x",
        "export SHENBAO_TEST_REDIS_URL=redis://r/3",
    ]
    assert "redis://r/3" in done.stderr


def test_detection_can_be_turned_off():
    done = run(SHENBAO_TEST_SERVICES="0")
    assert done.returncode == 0
    assert done.stdout == ""
