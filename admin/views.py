"""Flask-Admin model views: batch list, audit trail, users, settings."""

from __future__ import annotations

from typing import Any, ClassVar

from flask import abort, flash, redirect, request, url_for
from flask_admin import AdminIndexView, expose
from flask_admin.actions import action
from flask_admin.contrib.sqla import ModelView
from flask_admin.contrib.sqla.filters import BooleanEqualFilter, FilterEqual, FilterGreater, FilterLike, FilterSmaller
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import PasswordField, SelectField
from wtforms.validators import Optional as OptionalValidator

from shenbao.admin import formatters as fmt
from shenbao.admin.batch import recompute_batch
from shenbao.admin.demo import mark_demo, remove_demo
from shenbao.admin.exceptions import UserError
from shenbao.admin.review import audit, confirm_all, recompute, saving
from shenbao.admin.settings import apply_setting, validate_setting
from shenbao.admin.workflow import move_many
from shenbao.core.errors import ShenbaoError
from shenbao.models import LIVE_STATES, ROLES, SUBMISSION_STATES, Setting, Submission, User, db
from shenbao.models.states import DUPLICATE, RECOMMENDED, RESTORE_ACTION, WITHDRAWN


class Protected:
    """Login required; ``right`` (see ROLE_RIGHTS) decides who sees the view."""

    right = "correct"

    def is_accessible(self) -> bool:
        return current_user.is_authenticated and current_user.can(self.right)

    def inaccessible_callback(self, name: str, **kwargs: Any) -> Any:
        if current_user.is_authenticated:
            abort(403)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


class DeskForm(FlaskForm):
    """The app's CSRF token (FlaskForm), keeping the edited record as Flask-Admin's own form
    base does: its Unique validator compares with ``_obj``, and without it no user could be
    edited ("already exists")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._obj = kwargs.get("obj")


class SecureModelView(Protected, ModelView):
    form_base_class = DeskForm
    page_size = 25
    can_set_page_size = False


class HomeView(Protected, AdminIndexView):
    @expose("/")
    def index(self) -> Any:
        counts = dict(
            db.session.execute(
                select(Submission.status, func.count()).where(Submission.demo.is_(False)).group_by(Submission.status)
            ).all()
        )
        demo = db.session.scalar(select(func.count()).select_from(Submission).where(Submission.demo.is_(True)))
        return self.render("shenbao/home.html", counts=counts, states=SUBMISSION_STATES, demo=demo)

    @expose("/demo/remove", methods=["POST"])
    def remove_demo(self) -> Any:
        """The home page's one button: every demo submission deleted (admins)."""
        if not current_user.can("restore"):
            abort(403)
        flash(_("%(n)s demo submissions deleted.", n=remove_demo(current_user)), "success")
        return redirect(url_for(".index"))


class SubmissionView(SecureModelView):
    """The batch view: every submission with its notice, applicant and review numbers."""

    can_create = can_edit = can_delete = False
    column_list = (
        "id",
        "notice_id",
        "applicant_name",
        "project_name",
        "completeness",
        "to_review",
        "open_findings",
        "status",
        "recommend_rank",
        "filename",
        "created_at",
    )
    column_labels: ClassVar[dict[str, Any]] = {
        "id": "#",
        "notice_id": _l("Notice"),
        "applicant_name": _l("Applicant"),
        "project_name": _l("Project"),
        "completeness": _l("Completeness"),
        "to_review": _l("Fields to review"),
        "open_findings": _l("Open findings"),
        "status": _l("Status"),
        "recommend_rank": _l("Rank"),
        "filename": _l("File"),
        "created_at": _l("Uploaded"),
        "applicant_code": _l("Credit code"),
        "search_text": _l("applicant, credit code, project or file name"),
    }
    column_searchable_list = ("search_text",)  # applicant, credit code, project, file name
    # explicit filters, so that their URL arguments are stable: ?flt0_0=<notice id>, ?flt0_1=<status>
    column_filters = (
        FilterEqual(Submission.notice_id, _l("Notice"), options=fmt.notice_options),
        FilterEqual(Submission.status, _l("Status"), options=fmt.status_options),
        FilterLike(Submission.applicant_name, _l("Applicant")),
        FilterSmaller(Submission.completeness, _l("Completeness")),
        FilterGreater(Submission.to_review, _l("Fields to review")),
        FilterGreater(Submission.open_findings, _l("Open findings")),
        BooleanEqualFilter(Submission.demo, _l("Demo data")),
    )
    column_sortable_list = (
        "id",
        "notice_id",
        "applicant_name",
        "completeness",
        "to_review",
        "open_findings",
        "status",
        "recommend_rank",
        "created_at",
    )
    column_default_sort = ("id", True)
    column_formatters: ClassVar[dict[str, Any]] = {
        "status": fmt.status_badge,
        "applicant_name": fmt.review_link,
        "completeness": fmt.percent,
        "notice_id": fmt.notice_name,
        "created_at": fmt.local_time,
        "recommend_rank": fmt.rank,
    }
    column_display_actions = False
    # the right each action needs (ROLE_RIGHTS); the others need only the view's
    action_rights: ClassVar[dict[str, str]] = {
        "mark_reviewed": "confirm",
        "recommend": "confirm",
        "withdraw": "withdraw",
        "exclude": "withdraw",
        "restore": "restore",
        "mark_demo": "restore",
        "remove_demo": "restore",
    }

    def is_action_allowed(self, name: str) -> bool:
        right = self.action_rights.get(name)
        if right and not current_user.can(right):
            return False
        return super().is_action_allowed(name)

    def _moves(self, ids: list[str], target: str, note: str) -> None:
        outcome = move_many([int(i) for i in ids], target, current_user, note)
        for line in outcome.refused:
            flash(line, "error")
        if outcome.moved:
            flash(_("%(n)s submissions changed.", n=len(outcome.moved)), "success")

    @action("recommend", _l("Recommend (reviewer)"), _l("Recommend the selected confirmed submissions?"))
    def action_recommend(self, ids: list[str]) -> None:
        self._moves(ids, RECOMMENDED, "")

    @action("withdraw", _l("Withdraw"), _l("Mark the selected submissions as withdrawn by the applicant?"))
    def action_withdraw(self, ids: list[str]) -> None:
        self._moves(ids, WITHDRAWN, _("withdrawn in the list"))

    @action("exclude", _l("Exclude as duplicate"), _l("Exclude the selected submissions as duplicates?"))
    def action_exclude(self, ids: list[str]) -> None:
        self._moves(ids, DUPLICATE, _("excluded in the list"))

    @action("restore", _l("Restore (admin)"), _l("Restore the selected withdrawn or duplicate submissions?"))
    def action_restore(self, ids: list[str]) -> None:
        self._moves(ids, RESTORE_ACTION, "")

    @action("mark_demo", _l("Mark as demo data (admin)"))
    def action_mark_demo(self, ids: list[str]) -> None:
        flash(_("%(n)s submissions marked as demo data.", n=mark_demo([int(i) for i in ids], current_user)), "success")

    @action("remove_demo", _l("Delete all demo data (admin)"), _l("Delete every demo submission and its files?"))
    def action_remove_demo(self, ids: list[str]) -> None:
        flash(_("%(n)s demo submissions deleted.", n=remove_demo(current_user)), "success")

    @action("recheck", _l("Recheck findings"))
    def action_recheck(self, ids: list[str]) -> None:

        rows = db.session.scalars(
            select(Submission).where(Submission.id.in_([int(i) for i in ids]), Submission.status.in_(LIVE_STATES))
        ).all()
        notices = {submission.notice_id for submission in rows}
        with saving(notices):
            for submission in rows:
                recompute(submission, current_user)
            for notice_id in notices:
                recompute_batch(notice_id)
        flash(_("Findings recomputed."), "success")

    @action(
        "mark_reviewed",
        _l("Confirm (reviewer)"),
        _l("Confirm every remaining extracted value of the selected submissions, and the submissions?"),
    )
    def action_mark_reviewed(self, ids: list[str]) -> None:

        if not current_user.can("confirm"):
            flash(_("Only reviewers may confirm."), "error")
            return
        done = confirm_all([int(i) for i in ids], current_user)
        flash(_("%(n)s submissions confirmed.", n=done), "success")


class AuditView(SecureModelView):
    can_create = can_edit = can_delete = False
    column_list = (
        "created_at",
        "username",
        "submission_id",
        "target",
        "key",
        "action",
        "original_value",
        "old_value",
        "new_value",
        "note",
    )
    column_labels: ClassVar[dict[str, Any]] = {
        "created_at": _l("When"),
        "username": _l("Who"),
        "submission_id": _l("Submission"),
        "target": _l("Target"),
        "key": _l("Key"),
        "action": _l("Action"),
        "original_value": _l("Extracted"),
        "old_value": _l("Old"),
        "new_value": _l("New"),
        "note": _l("Note"),
    }
    column_filters = ("username", "action", "key", "submission_id", "created_at")
    column_searchable_list = ("username", "key", "note")
    column_default_sort = ("id", True)
    column_formatters: ClassVar[dict[str, Any]] = {
        "old_value": fmt.json_value,
        "new_value": fmt.json_value,
        "created_at": fmt.local_time,
        "original_value": fmt.json_value,
        "submission_id": fmt.submission_link,
        "action": fmt.audit_action,
        "key": fmt.audit_key,
        "target": fmt.audit_target,
    }
    column_display_actions = False


class UserView(SecureModelView):
    right = "users"
    column_list = ("username", "role", "active", "created_at")
    column_labels: ClassVar[dict[str, Any]] = {
        "username": _l("User name"),
        "role": _l("Role"),
        "active": _l("Active"),
        "created_at": _l("Created"),
    }
    column_searchable_list = ("username",)
    form_columns = ("username", "role", "active", "password")
    form_extra_fields: ClassVar[dict[str, Any]] = {
        "password": PasswordField(_l("New password"), validators=[OptionalValidator()]),
    }
    form_overrides: ClassVar[dict[str, Any]] = {"role": SelectField}
    form_args: ClassVar[dict[str, Any]] = {"role": {"choices": list(ROLES)}}
    can_delete = False  # users are deactivated, so the audit trail keeps its names

    def on_model_change(self, form: Any, model: User, is_created: bool) -> None:
        password = form.password.data or ""
        if is_created and not password:
            raise UserError("password is required for a new user")
        if password:
            if len(password) < 8:
                raise UserError("password must have at least 8 characters")
            model.set_password(password)

        audit(
            None,
            "user",
            model.username,
            "create" if is_created else "update",
            current_user,
            new={"role": model.role, "active": model.active, "password_changed": bool(password)},
        )

    def handle_view_exception(self, exc: Exception) -> bool:
        if isinstance(exc, UserError):
            flash(str(exc), "error")
            return True
        return super().handle_view_exception(exc)


class LoginFailureView(SecureModelView):
    """Refused logins (wrong password, or while throttled), newest first: for admins only."""

    right = "users"
    can_create = can_edit = can_delete = False
    column_list = ("created_at", "username", "address", "kind")
    column_labels: ClassVar[dict[str, Any]] = {
        "created_at": _l("When"),
        "username": _l("User name"),
        "address": _l("Address"),
        "kind": _l("Refused because"),
    }
    column_filters = ("username", "address", "kind", "created_at")
    column_searchable_list = ("username", "address")
    column_default_sort = ("id", True)
    column_formatters: ClassVar[dict[str, Any]] = {"created_at": fmt.local_time, "kind": fmt.login_failure_kind}
    column_display_actions = False


class SettingView(SecureModelView):
    right = "settings"
    can_create = can_delete = False
    column_list = ("key", "value", "updated_by", "updated_at")
    column_labels: ClassVar[dict[str, Any]] = {
        "key": _l("Setting"),
        "value": _l("Value"),
        "updated_by": _l("Changed by"),
        "updated_at": _l("Changed at"),
    }
    form_columns = ("value",)

    def on_model_change(self, form: Any, model: Setting, is_created: bool) -> None:

        model.value = validate_setting(model.key, model.value)
        model.updated_by = current_user.username

    def after_model_change(self, form: Any, model: Setting, is_created: bool) -> None:

        apply_setting(model.key, current_user)

    def handle_view_exception(self, exc: Exception) -> bool:

        if isinstance(exc, ShenbaoError):
            flash(str(exc), "error")
            return True
        return super().handle_view_exception(exc)
