"""Notice plugin: 2023年工业互联网试点示范项目申报书 (MIIT, seed 004).

The field map and the catalog rules are data in ``notice.toml``; the generic rule engine
(:mod:`shenbao.ingest.findings`) evaluates them.
"""
from __future__ import annotations

from pathlib import Path

from shenbao.plugins import hookimpl
from shenbao.plugins.notice import Notice, load_notice

NOTICE = load_notice(Path(__file__).with_name("notice.toml"))


@hookimpl
def register_notices() -> list[Notice]:
    return [NOTICE]


from .summary import get_summary_table  # noqa: F401
