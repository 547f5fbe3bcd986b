"""Notice plugin: 2022年跨行业跨领域工业互联网平台申报书 (MIIT, seed 001).

The field map and the catalog rules are data in ``notice.toml``; the generic rule engine
(:mod:`shenbao.ingest.findings`) evaluates them; ``summary.py`` builds the 推荐汇总表.
"""

from __future__ import annotations

from pathlib import Path

from shenbao.plugins import load_notice, notice_registration

from .summary import get_summary_table  # a hook implementation

NOTICE = load_notice(Path(__file__).with_name("notice.toml"))
register_notices = notice_registration(NOTICE)

__all__ = ["NOTICE", "get_summary_table", "register_notices"]
