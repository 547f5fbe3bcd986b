"""Fixtures shared by every test package: the dev samples and the plugin manager."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for tests_support

from tests_support import SAMPLES


@pytest.fixture(scope="session")
def manager():
    from shenbao.plugins.manager import get_manager

    return get_manager()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
