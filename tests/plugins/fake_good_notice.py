"""A third-party notice plugin that works, registered beside the broken ones."""

from __future__ import annotations

from shenbao.core.notice import notice_from_dict
from shenbao.plugins import Notice, hookimpl

GOOD = {
    "notice": {"id": "fake-good", "name": "Good fake notice", "form_title": "Fake Form"},
    "fields": [{"key": "applicant.name", "label": "Company name", "section": "A", "type": "text", "required": True}],
}


@hookimpl
def register_notices() -> list[Notice]:
    return [notice_from_dict(GOOD, "fake_good_notice.py")]
