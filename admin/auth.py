"""Login, logout and role checks. Every page except the login form needs a logged-in user."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired

from shenbao.admin.exceptions import UserError
from shenbao.models import ROLES, User, db

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in.")
bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


class LoginForm(FlaskForm):
    username = StringField(_l("User name"), validators=[InputRequired()])
    password = PasswordField(_l("Password"), validators=[InputRequired()])


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("admin.index")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    form = LoginForm()
    if form.validate_on_submit():
        username, password = form.username.data or "", form.password.data or ""  # InputRequired: both given
        user = db.session.scalar(select(User).where(User.username == username.strip()))
        if user is not None and user.active and user.check_password(password):
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        flash(_l("Wrong user name or password."), "error")
    return render_template("shenbao/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Any:
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
