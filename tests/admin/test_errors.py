"""The web's one mapping of a ShenbaoError: JSON with a status per kind, or one flash message."""

from __future__ import annotations

from typing import Any

import pytest

from shenbao.admin.exceptions import InvalidEntry, http_status
from shenbao.core.errors import ConfigError, NotAllowed, ShenbaoError, UnknownNotice
from shenbao.models.exceptions import InvalidState, StaleEdit


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (StaleEdit("changed", submission=1, field="a.b"), 409),
        (InvalidState("not ingested", submission=1), 409),
        (NotAllowed("clerks cannot confirm"), 403),
        (UnknownNotice("unknown notice id 'x'"), 404),
        (ConfigError("bad queue URL"), 500),
        (InvalidEntry("not a number", field="a.b"), 400),
        (ShenbaoError("something"), 400),
    ],
)
def test_status_per_kind(error: ShenbaoError, status: int) -> None:
    assert http_status(error) == status


def test_app_maps_a_stale_edit_to_409_json_and_a_flash(app: Any) -> None:
    def stale() -> Any:
        raise StaleEdit("该项已被修改 (changed by someone else; reload)", submission=7, field="a.b")

    app.add_url_rule("/_test/stale", "test_stale", stale)
    client = app.test_client()
    reply = client.get("/_test/stale", json={})  # a GET: no CSRF token needed
    assert reply.status_code == 409
    assert reply.get_json() == {
        "ok": False,
        "error": "申报 #7, 字段 a.b: 该项已被修改 (changed by someone else; reload)",
    }
    page = client.get("/_test/stale", headers={"Referer": "/admin/"})
    assert page.status_code == 302
    assert "Traceback" not in page.get_data(as_text=True)
