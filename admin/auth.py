"""Login, logout and role checks. Every page except the login form needs a logged-in user."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired

from shenbao.admin.exceptions import UserError
from shenbao.admin.throttle import forget_failures, locked_minutes, record_failure
from shenbao.models import ROLES, User, db

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in.")
bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user of a session cookie, if it carries the user's current session version."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None  # a cookie from before session versions
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


class LoginForm(FlaskForm):
    username = StringField(_l("User name"), validators=[InputRequired()])
    password = PasswordField(_l("Password"), validators=[InputRequired()])


def safe_next(target: str | None) -> str:
    r"""``target`` if it is a path on this site, else the home page.

    Browsers drop tabs and line breaks inside a URL and read ``\`` as ``/``, so
    ``/<TAB>/evil.example/`` or ``/\evil.example`` would leave the site: any control character
    or backslash refuses the target, as does anything with a scheme or a host.
    """
    home = url_for("admin.index")
    if not target or any(ord(c) < 0x20 or ord(c) == 0x7F or c == "\\" for c in target):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return home
    return target


def client_address() -> str:
    """The client's address (behind a proxy, set ``SHENBAO_PROXY_HOPS`` so ProxyFix gives it)."""
    return (request.remote_addr or "unknown")[:64]


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("shenbao/login.html", form=form)
    username, password = (form.username.data or "").strip(), form.password.data or ""  # InputRequired
    address = client_address()
    minutes = locked_minutes(username, address)
    if minutes:
        record_failure(username, address, "throttled")
        flash(_l("Too many failed logins. Try again in %(minutes)s minutes.", minutes=minutes), "error")
        return render_template("shenbao/login.html", form=form), 429
    user = db.session.scalar(select(User).where(User.username == username))
    if user is not None and user.active and user.check_password(password):
        login_user(user)
        return redirect(safe_next(request.args.get("next")))
    record_failure(username, address, "password")
    flash(_l("Wrong user name or password."), "error")
    return render_template("shenbao/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Any:
    """Ends this session and every copy of it (and the user's other sessions)."""
    current_user.end_sessions()
    db.session.commit()
    logout_user()
    return redirect(url_for("auth.login"))


def create_user(username: str, password: str, role: str) -> User:
    """Raises UserError for an empty name or password, an unknown role or a taken name."""
    username = username.strip()
    if not username:
        raise UserError("user name is empty")
    if role not in ROLES:
        raise UserError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    if len(password) < 8:
        raise UserError("password must have at least 8 characters")
    if db.session.scalar(select(User).where(User.username == username)) is not None:
        raise UserError(f"user {username!r} already exists")
    user = User(username=username, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def reset_password(username: str, password: str) -> User:
    """A new password for ``username``: ends the user's sessions and lifts the name's login lock."""
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise UserError(f"no user {username!r}")
    if len(password) < 8:
        raise UserError("password must have at least 8 characters")
    user.set_password(password)
    db.session.commit()
    forget_failures(user.username)
    return user
