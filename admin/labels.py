"""Translated labels of roles, states and field types, available in every template."""

from __future__ import annotations

from typing import Any

from flask import g
from flask_babel import gettext as _

from shenbao.admin.formatters import finding_label, status_label
from shenbao.admin.review import display_value
from shenbao.models import SUBMISSION_STATES
from shenbao.plugins.manager import get_manager

FIELD_BADGES = {
    "auto": "success",
    "confirmed": "success",
    "corrected": "primary",
    "review": "warning",
    "missing": "danger",
    "blank": "light",
}


def _cached(name: str, build: Any) -> dict[str, str]:
    """Label tables are built once per request: gettext per table row is slow on long pages."""
    key = f"_labels_{name}"
    if key not in g:
        setattr(g, key, build())
    return getattr(g, key)


def role_label(role: str) -> str:
    return {"clerk": _("clerk"), "reviewer": _("reviewer"), "admin": _("admin")}.get(role, role)


def field_status_labels() -> dict[str, str]:
    return {
        "auto": _("auto-accepted"),
        "confirmed": _("confirmed"),
        "corrected": _("corrected"),
        "review": _("needs review"),
        "missing": _("missing"),
        "blank": _("blank"),
    }


def status_labels() -> dict[str, str]:
    return {s: status_label(s) for s in ("queued", "done", *SUBMISSION_STATES)}


def type_label(kind: str) -> str:
    return _cached("types", type_labels).get(kind, kind)


def type_labels() -> dict[str, str]:
    return {
        "text": _("text"),
        "longtext": _("long text"),
        "integer": _("integer"),
        "decimal": _("number"),
        "money_wan": _("amount (10k yuan)"),
        "percent": _("percent"),
        "date": _("date"),
        "phone": _("phone"),
        "email": _("email"),
        "org_code": _("credit code"),
        "choice": _("choice"),
        "multichoice": _("multiple choice"),
        "bool": _("yes/no"),
    }


def notice_title(notice_id: str | None) -> str:
    """A notice's name for a person; the id only when no installed notice has it."""
    notice = get_manager().notices.get(notice_id or "")
    return notice.name if notice else (notice_id or "")


def template_helpers() -> dict[str, Any]:
    return {
        "role_label": role_label,
        "status_label": status_label,
        "status_labels": status_labels,
        "field_status_label": lambda s: _cached("fields", field_status_labels).get(s, s),
        "field_status_labels": field_status_labels,
        "field_badge": lambda s: FIELD_BADGES.get(s, "secondary"),
        "field_badges": lambda: FIELD_BADGES,
        "type_label": type_label,
        "display_value": display_value,
        "finding_label": finding_label,
        "notice_title": notice_title,
    }
