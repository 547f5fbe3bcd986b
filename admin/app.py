"""The application factory of the review desk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_babel import Babel
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from shenbao.admin.auth import bp as auth_bp
from shenbao.admin.auth import login_manager
from shenbao.admin.config import default_config, finish_config
from shenbao.admin.decisions import DecisionView, moves_for
from shenbao.admin.exceptions import http_status
from shenbao.admin.failures import QUEUE_ERRORS, StorageError, describe
from shenbao.admin.intake import DashboardView
from shenbao.admin.labels import template_helpers
from shenbao.admin.pages import ExportView, NoticeView, ReviewView, UploadView
from shenbao.admin.queue import EXTENSION, IngestQueue
from shenbao.admin.review import CONCURRENT
from shenbao.admin.security import init_security
from shenbao.admin.settings import ensure_defaults
from shenbao.admin.split_view import PacketView
from shenbao.admin.views import AuditView, HomeView, LoginFailureView, SettingView, SubmissionView, UserView
from shenbao.core.errors import ShenbaoError
from shenbao.models import AuditEntry, LoginFailure, Setting, Submission, User, db
from shenbao.models.exceptions import StaleEdit
from shenbao.models.schema import migrate, prepare_database

HERE = Path(__file__).parent
csrf = CSRFProtect()
babel = Babel()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        "shenbao.admin",
        template_folder=str(HERE / "templates"),
        static_folder=str(HERE / "static"),
        static_url_path="/static/shenbao",
    )
    app.config.update(default_config((test_config or {}).get("SHENBAO_HOME")))
    if test_config:
        app.config.update(test_config)
    finish_config(app.config)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(HERE / "translations")

    db.init_app(app)
    migrate.init_app(app, db)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=lambda: app.config["BABEL_DEFAULT_LOCALE"])
    init_security(app)
    app.register_blueprint(auth_bp)
    _init_admin(app)
    _init_queue(app)
    _init_errors(app)

    app.context_processor(template_helpers)
    app.context_processor(lambda: {"decision_moves": moves_for})
    with app.app_context():
        create_schema()
    return app


def create_schema() -> None:
    """The schema (migrated or checked, models/schema.py), then default settings; on PostgreSQL
    the settings under a lock, as workers may start together."""
    mode = current_app.config["DB_AT_START"]
    if mode == "skip":  # `shenbao db ...` itself
        return
    prepare_database(upgrade=mode == "upgrade")
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('shenbao-settings'))"))
        ensure_defaults(conn)


def _init_admin(app: Flask) -> None:

    admin = Admin(
        app,
        name="申报审核台",
        url="/",
        index_view=HomeView(name=_l("Home"), url="/"),
        theme=Bootstrap4Theme(swatch=app.config["FLASK_ADMIN_SWATCH"]),
    )
    admin.add_view(DashboardView(name=_l("Dashboard"), endpoint="dashboard", url="/dashboard"))
    admin.add_view(UploadView(name=_l("Upload"), endpoint="upload", url="/upload"))
    admin.add_view(SubmissionView(Submission, db, name=_l("Submissions"), endpoint="submission", url="/submissions"))
    admin.add_view(ReviewView(name=_l("Review"), endpoint="review", url="/review"))
    admin.add_view(PacketView(name=_l("Packets"), endpoint="packets", url="/packets"))
    admin.add_view(DecisionView(name=_l("Recommendations"), endpoint="decisions", url="/decisions"))
    admin.add_view(ExportView(name=_l("Export"), endpoint="export", url="/export"))
    admin.add_view(AuditView(AuditEntry, db, name=_l("Audit"), endpoint="audit", url="/audit"))
    admin.add_view(NoticeView(name=_l("Notices"), endpoint="notices", url="/notices"))
    admin.add_view(UserView(User, db, name=_l("Users"), endpoint="users", url="/users", category=_l("Admin")))
    admin.add_view(
        LoginFailureView(
            LoginFailure, db, name=_l("Failed logins"), endpoint="logins", url="/logins", category=_l("Admin")
        )
    )
    admin.add_view(
        SettingView(Setting, db, name=_l("Settings"), endpoint="settings", url="/settings", category=_l("Admin"))
    )


def _init_queue(app: Flask) -> None:

    app.extensions[EXTENSION] = IngestQueue(app)


def _init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> Any:
        message = str(_l("The form has expired or lacks its security token; reload the page and try again."))
        if request.is_json or request.accept_mimetypes.best == "application/json":
            return jsonify(ok=False, error=message), 400
        return render_template("shenbao/error.html", message=message, code=400), 400

    @app.errorhandler(ShenbaoError)
    def known_error(exc: ShenbaoError) -> Any:
        """Every ShenbaoError of a request: JSON with the kind's status, else one flash message."""
        db.session.rollback()
        if request.is_json:
            return jsonify(ok=False, error=str(exc)), http_status(exc)
        flash(str(exc), "error")
        return redirect(request.referrer or url_for("admin.index"))

    @app.errorhandler(StaleDataError)
    def concurrent_change(exc: StaleDataError) -> Any:
        """Rows changed by another request between reading and writing: the 409 message."""
        return known_error(StaleEdit(CONCURRENT))

    def unavailable(exc: Exception) -> Any:
        """The database, queue or disk failed: one log line and one message, not a traceback."""
        error = describe(exc, app.config["SQLALCHEMY_DATABASE_URI"], app.config.get("REDIS_URL"))
        if error is None:
            raise exc
        db.session.rollback()
        app.logger.error("%s %s: %s", request.method, request.path, error)
        code = 507 if isinstance(error, StorageError) else 503
        message = str(_l("The server cannot do this now: %(error)s", error=str(error)))
        if request.is_json or request.accept_mimetypes.best == "application/json":
            return jsonify(ok=False, error=message), code
        return render_template("shenbao/error.html", message=message, code=code), code

    for kind in (DBAPIError, OSError, *QUEUE_ERRORS):
        app.register_error_handler(kind, unavailable)

    @app.errorhandler(403)
    def forbidden(exc: Exception) -> Any:
        return render_template(
            "shenbao/error.html", message=str(_l("Your role does not allow this page.")), code=403
        ), 403

    @app.errorhandler(413)
    def too_large(exc: Exception) -> Any:
        limit = app.config["MAX_CONTENT_LENGTH"] // (1 << 20)
        return render_template(
            "shenbao/error.html", code=413, message=str(_l("The upload is larger than %(mb)s MB in total.", mb=limit))
        ), 413
