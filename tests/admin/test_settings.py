"""Admin settings and the read-only notice field maps."""

from __future__ import annotations

from admin_helpers import csrf_token, login


def test_admin_changes_the_threshold(app, client):
    from shenbao.models import AuditEntry, Setting, db

    login(client, app, "root", "admin")
    url = "/settings/edit/?id=auto_accept_threshold"
    token = csrf_token(client, url)
    bad = client.post(url, data={"csrf_token": token, "value": "1.5"}, follow_redirects=True)
    assert "not between 0 and 1" in bad.get_data(as_text=True)
    ok = client.post(url, data={"csrf_token": token, "value": "0.9"})
    assert ok.status_code == 302
    with app.app_context():
        assert db.session.get_one(Setting, "auto_accept_threshold").value == "0.9"
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.target == "setting"))
        assert (entry.username, entry.new_value) == ("root", "0.9")


def test_default_threshold_is_095(app):
    from shenbao.admin.review import threshold

    with app.app_context():
        assert threshold() == 0.95


def test_notice_field_map_is_shown_read_only(app, client):
    from shenbao.plugins.manager import get_manager

    login(client, app, "clerk", "clerk")
    html = client.get("/notices/").get_data(as_text=True)
    for notice_id in get_manager().notices:
        assert notice_id in html
    notice = get_manager().notice("hunan-2023-platform")
    html = client.get("/notices/hunan-2023-platform").get_data(as_text=True)
    for section in notice.sections:
        assert section in html
    assert all(f.key in html for f in notice.fields)
    assert "ind.required_by_category" in html
    assert "required_if" in html
    assert "<form" not in html.split("<h3>")[1]
    assert client.get("/notices/no-such").status_code == 404
