"""Notice plugin: 2023年工业互联网试点示范项目申报书 (MIIT, seed 004).

The field map and the catalog rules are data in ``notice.toml``; the generic rule engine
(:mod:`shenbao.ingest.findings`) evaluates them; the 推荐汇总表 is data in ``summary.toml``.
"""

from __future__ import annotations

from pathlib import Path

from shenbao.plugins import load_notice, notice_registration
from shenbao.plugins.summary import ColumnSummary

HERE = Path(__file__).parent
NOTICE = load_notice(HERE / "notice.toml")
register_notices = notice_registration(NOTICE, summary=ColumnSummary(HERE / "summary.toml"))

__all__ = ["NOTICE", "register_notices"]
