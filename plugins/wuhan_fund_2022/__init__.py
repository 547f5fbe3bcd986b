"""Notice plugin: 武汉市工业互联网发展专项资金申报项目简表 (seed 002).

The field map and the catalog rules are data in ``notice.toml``; the generic rule engine
(:mod:`shenbao.ingest.findings`) evaluates them; the 拟支持项目名单 columns are data in
``summary.toml``, its amounts computed in ``summary.py`` from the award rules.
"""

from __future__ import annotations

from pathlib import Path

from shenbao.plugins import load_notice, notice_registration

from .summary import summary_builder

NOTICE = load_notice(Path(__file__).with_name("notice.toml"))
register_notices = notice_registration(NOTICE, summary=summary_builder(NOTICE))

__all__ = ["NOTICE", "register_notices"]
