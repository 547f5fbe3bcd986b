"""Shared by the plugin tests: the draft-recall table printed at the end of the run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

RECALL_LINES = pytest.StashKey[list[str]]()


@pytest.fixture
def recall_report(request: pytest.FixtureRequest) -> list[str]:
    """Lines to print in the terminal summary (per-form draft recall)."""
    return request.config.stash.setdefault(RECALL_LINES, [])


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    lines = config.stash.get(RECALL_LINES, [])
    if lines:
        terminalreporter.write_sep("-", "notice draft recall (catalog labels recovered from the blank form)")
        for line in sorted(lines):
            terminalreporter.write_line(line)


@pytest.fixture
def write_text_pdf() -> Callable[..., Path]:
    """``write_text_pdf(path, lines)``: a one-page Latin-text PDF (see ``tests_support``)."""
    from tests_support import write_text_pdf as writer

    return writer
