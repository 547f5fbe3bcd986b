"""Login, roles and CSRF."""

from __future__ import annotations

import pytest
from admin_helpers import add_user, csrf_token, login

PAGES = ["/", "/upload/", "/submissions/", "/audit/", "/notices/", "/export/", "/users/", "/settings/"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_requires_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_wrong_password_is_refused(app, client):
    add_user(app, "wang", "clerk")
    token = csrf_token(client)
    response = client.post("/login", data={"username": "wang", "password": "nope-nope", "csrf_token": token})
    assert response.status_code == 200
    assert "用户名或密码错误" in response.get_data(as_text=True)
    assert client.get("/upload/").status_code == 302


def test_login_page_is_chinese(client):
    html = client.get("/login").get_data(as_text=True)
    assert "登录" in html
    assert "用户名" in html
    assert "密码" in html


@pytest.mark.parametrize(
    ("role", "allowed", "denied"),
    [
        ("clerk", ["/", "/upload/", "/submissions/", "/audit/", "/notices/"], ["/export/", "/users/", "/settings/"]),
        ("reviewer", ["/export/", "/submissions/"], ["/users/", "/settings/"]),
        ("admin", ["/users/", "/settings/", "/export/"], []),
    ],
)
def test_roles(app, client, role, allowed, denied):
    login(client, app, f"u-{role}", role)
    for url in allowed:
        assert client.get(url).status_code == 200, url
    for url in denied:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "无权" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused(app, client):
    token = login(client, app, "li", "clerk")
    response = client.post("/upload/", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    assert client.post("/review/1/field", json={"key": "x", "value": "y"}).status_code == 400
    assert client.post("/logout").status_code == 400
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/upload/").status_code == 302  # logged out


def test_admin_creates_user_in_the_web(app, client):
    from shenbao.models import AuditEntry, User, db

    token = login(client, app, "root", "admin")
    token = csrf_token(client, "/users/new/")
    response = client.post(
        "/users/new/",
        data={"csrf_token": token, "username": "zhao", "role": "reviewer", "active": "y", "password": "long-password"},
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "zhao"))
        assert user.role == "reviewer"
        assert user.check_password("long-password")
        assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.target == "user")).username == "root"


def test_short_password_is_refused_with_a_message(app):
    from shenbao.admin.auth import create_user
    from shenbao.admin.exceptions import UserError

    with app.app_context():
        with pytest.raises(UserError, match="at least 8"):
            create_user("x", "short", "clerk")
        with pytest.raises(UserError, match="unknown role"):
            create_user("x", "long-enough", "boss")
