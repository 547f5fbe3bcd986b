"""Login and session hardening: ``next`` stays on the site, throttling, sessions that end,
``reset-password``, security headers and HTTPS-only cookies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from admin_helpers import add_user, csrf_token, login

HOSTILE_NEXT = [
    "/%09/evil.example/",  # the probe: a tab, which browsers drop, makes //evil.example
    "/%0a/evil.example/",
    "/%0d%0a/evil.example/",
    "//evil.example/",
    "/%5Cevil.example/",  # /\evil.example
    "%5C%5Cevil.example/",
    "https://evil.example/",
    "http:/evil.example/",
    "%09//evil.example/",
    "javascript:alert(1)",
]


def post_login(client, name: str, password: str, query: str = "", address: str = "127.0.0.1"):
    token = csrf_token(client)
    return client.post(
        f"/login{query}",
        data={"username": name, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_next_is_followed_only_to_a_path_on_this_site(app, client, target):
    add_user(app, "wang", "clerk")
    response = post_login(client, "wang", "password-1", f"?next={target}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_to_a_page_of_the_desk_is_followed(app, client):
    add_user(app, "wang", "clerk")
    response = post_login(client, "wang", "password-1", "?next=/submissions/%3Fsearch%3D%E7%94%B2")
    assert response.headers["Location"] == "/submissions/?search=%E7%94%B2"


def failures(app, **where):
    from shenbao.models import LoginFailure, db

    with app.app_context():
        query = db.select(LoginFailure).filter_by(**where)
        return [(f.username, f.address, f.kind) for f in db.session.scalars(query)]


def test_thirty_wrong_passwords_then_the_right_one_is_refused(app, client):
    add_user(app, "wang", "clerk")
    answers = [post_login(client, "wang", f"wrong-{n}").status_code for n in range(30)]
    assert answers[:10] == [200] * 10  # the form again, with the wrong-password message
    assert set(answers[10:]) == {429}
    refused = post_login(client, "wang", "password-1")
    assert refused.status_code == 429
    assert "登录失败次数过多" in refused.get_data(as_text=True)
    assert client.get("/upload/").status_code == 302  # not logged in
    assert len(failures(app, username="wang", kind="password")) == 10
    assert len(failures(app, username="wang", kind="throttled")) == 21


def test_the_lock_ends_when_the_window_has_passed(app, client):
    from shenbao.models import LoginFailure, db

    add_user(app, "wang", "clerk")
    for n in range(10):
        post_login(client, "wang", f"wrong-{n}")
    assert post_login(client, "wang", "password-1").status_code == 429
    with app.app_context():  # 16 minutes later
        for failure in db.session.scalars(db.select(LoginFailure)):
            failure.created_at -= timedelta(minutes=16)
        db.session.commit()
    assert post_login(client, "wang", "password-1").status_code == 302


def test_one_address_trying_many_names_is_throttled(app, client):
    add_user(app, "li", "clerk")
    for n in range(10):
        post_login(client, f"guess-{n}", "password-1", address="10.0.0.9")
    assert post_login(client, "li", "password-1", address="10.0.0.9").status_code == 429
    assert post_login(client, "li", "password-1", address="10.0.0.10").status_code == 302


def test_one_name_tried_from_many_addresses_is_throttled(app, client):
    add_user(app, "li", "clerk")
    for n in range(10):
        post_login(client, "li", "wrong-password", address=f"10.0.1.{n}")
    assert post_login(client, "li", "password-1", address="10.0.2.1").status_code == 429


def test_admins_see_the_failed_logins(app, client):
    for n in range(3):
        post_login(client, "wang", f"wrong-{n}", address="10.9.8.7")
    login(client, app, "root", "admin")
    html = client.get("/logins/").get_data(as_text=True)
    assert "登录失败记录" in html
    assert "10.9.8.7" in html
    assert "密码错误" in html


def test_clerks_do_not_see_the_failed_logins(app, client):
    login(client, app, "clerk", "clerk")
    assert client.get("/logins/").status_code == 403


def test_logout_ends_every_copy_of_the_session(app, client):
    token = login(client, app, "zhou", "reviewer")
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get("/export/").status_code == 200  # the copied cookie works before logout
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    after = copy.get("/export/")
    assert after.status_code == 302
    assert "/login" in after.headers["Location"]


def test_a_new_password_ends_the_users_sessions(app, client, runner):
    login(client, app, "zhou", "reviewer")
    assert client.get("/export/").status_code == 200
    code, out, err = runner.invoke(["reset-password", "zhou"], input="brand-new-pass\n")
    assert code == 0, err
    assert "zhou" in out
    assert client.get("/export/").status_code == 302
    assert post_login(app.test_client(), "zhou", "brand-new-pass").status_code == 302


def test_reset_password_lifts_the_lock_of_the_name(app, client, runner):
    add_user(app, "wang", "clerk")
    for n in range(10):
        post_login(client, "wang", f"wrong-{n}")
    assert post_login(client, "wang", "password-1").status_code == 429
    code, _, err = runner.invoke(["reset-password", "wang"], input="another-pass\n")
    assert code == 0, err
    assert post_login(client, "wang", "another-pass").status_code == 302


def test_reset_password_of_an_unknown_user_is_one_line(app, runner):
    code, _, err = runner.invoke(["reset-password", "nobody"], input="another-pass\n")
    assert code == 2
    assert err.strip() == "shenbao: no user 'nobody'"


def test_an_admin_changing_a_password_ends_that_users_sessions(app, client):
    login(client, app, "zhou", "reviewer")
    admin = app.test_client()
    login(admin, app, "root", "admin")
    from shenbao.models import User, db

    with app.app_context():
        uid = db.session.scalar(db.select(User.id).where(User.username == "zhou"))
    token = csrf_token(admin, f"/users/edit/?id={uid}")
    response = admin.post(
        f"/users/edit/?id={uid}",
        data={"csrf_token": token, "username": "zhou", "role": "reviewer", "active": "y", "password": "changed-pass"},
    )
    assert response.status_code == 302
    assert client.get("/export/").status_code == 302


SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@pytest.mark.parametrize("url", ["/login", "/", "/no-such-page", "/static/shenbao/review.js", "/upload/"])
def test_every_response_has_the_security_headers(app, client, url):
    login(client, app, "clerk", "clerk") if url == "/upload/" else None
    response = client.get(url)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (url, name)
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP by default


def test_secure_cookies_and_hsts_behind_https(monkeypatch, backend, tmp_path, pg_schema):
    from admin_helpers import make_config

    from shenbao.admin import create_app

    monkeypatch.setenv("SHENBAO_SECURE_COOKIES", "1")
    app = create_app(make_config(backend, tmp_path, pg_schema))
    client = app.test_client()
    response = client.get("/login", base_url="https://desk.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]
