"""A third-party notice plugin that imports fine but declares a broken field map."""

from __future__ import annotations

from shenbao.core.notice import notice_from_dict
from shenbao.plugins import Notice, hookimpl

BROKEN = {
    "notice": {"id": "fake-bad-fieldmap", "name": "坏字段表"},
    "fields": [
        {"key": "a.name", "label": "名称", "section": "一", "type": "text"},
        {"key": "a.name", "label": "名称2", "section": "一", "type": "text"},
        {"key": "a.kind", "label": "类别", "section": "一", "type": "choice"},
        {"key": "a.money", "label": "金额", "section": "一", "type": "dollars"},
    ],
    "rules": [{"key": "r1", "kind": "sum", "total": "a.total", "parts": ["a.name"], "message": "x"}],
}


@hookimpl
def register_notices() -> list[Notice]:
    return [notice_from_dict(BROKEN, "fake_bad_fieldmap.py")]
