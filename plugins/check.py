"""Static checks of a notice definition (``shenbao notice check``).

Errors make a notice unusable (the manager skips the plugin); warnings are shown by
``shenbao notice check`` for the maintainer to decide. Every problem is reported at once,
so one run lists everything to fix.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any

from shenbao.core.errors import NoticeDefinitionError
from shenbao.core.notice import (
    FIELD_TYPES,
    LAYOUTS,
    LIMIT_KINDS,
    RULE_KINDS,
    AttachmentSpec,
    FieldSpec,
    Notice,
    notice_from_dict,
)

RULE_FIELD_KEYS = ("field", "total", "min_field", "max_field", "applicant", "group_by")
CUSTOM_CHECKS = frozenset({"gb32100", "pattern", "equals"})
KEY_FORMAT = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.]+)\}")
# what the loader reads (``parent`` is read into ``context``)
FIELD_KEYS = frozenset({f.name for f in dataclass_fields(FieldSpec)} | {"parent"})
ATTACHMENT_KEYS = frozenset(f.name for f in dataclass_fields(AttachmentSpec))
TOP_LEVEL = frozenset(
    {"notice", "fields", "attachments", "rules", "patterns", "detect", "bound_table", "deadlines", "limits"}
)


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" or "warning"
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"


def check_notice(notice: Notice, *, errors_only: bool = False) -> list[str]:
    """Every problem of ``notice`` at once, as readable sentences."""
    return [p.message for p in notice_problems(notice) if p.is_error or not errors_only]


def notice_problems(notice: Notice, raw: dict[str, Any] | None = None) -> list[Problem]:
    """Errors then warnings of a loaded notice; ``raw`` (its parsed TOML) adds typo checks."""
    errors = (
        _duplicates(notice)
        + _field_errors(notice)
        + _rule_errors(notice)
        + _limit_errors(notice)
        + _pattern_errors(notice)
    )
    warnings = (
        _ambiguous_labels(notice)
        + _field_warnings(notice)
        + _rule_warnings(notice)
        + _export_warnings(notice)
        + (_unknown_keys(raw) if raw else [])
    )
    return [Problem("error", m) for m in errors] + [Problem("warning", m) for m in warnings]


def check_file(path: str | Path) -> tuple[Notice | None, list[Problem]]:
    """Load and check one ``notice.toml``; a file that does not load is one error."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except OSError as exc:
        return None, [Problem("error", f"{path}: cannot read: {exc.strerror}")]
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem("error", f"{path}: invalid TOML: {exc}")]
    try:
        notice = notice_from_dict(raw, str(path))
    except NoticeDefinitionError as exc:
        return None, [Problem("error", str(exc)), *_unknown_keys(raw, as_problems=True)]
    except (TypeError, AttributeError, KeyError) as exc:  # e.g. fields = "x" instead of tables
        return None, [Problem("error", f"{path}: malformed notice ({type(exc).__name__}: {exc})")]
    return notice, notice_problems(notice, raw)


# -- errors ----------------------------------------------------------------------------------
def _duplicates(notice: Notice) -> list[str]:
    out = []
    for what, keys in (
        ("field", [f.key for f in notice.fields]),
        ("attachment", [a.key for a in notice.attachments]),
        ("rule", [r.get("key") for r in notice.rules]),
        ("limit", [limit.get("key") for limit in getattr(notice, "limits", [])]),
    ):
        out += [f"duplicate {what} key {k}" for k, n in Counter(keys).items() if n > 1]
    return out


def _field_errors(notice: Notice) -> list[str]:
    problems = []
    for spec in notice.fields:
        if spec.type not in FIELD_TYPES:
            problems.append(f"field {spec.key}: unknown type {spec.type!r} (one of {', '.join(sorted(FIELD_TYPES))})")
        if spec.type in ("choice", "multichoice") and not spec.options:
            problems.append(f"field {spec.key}: {spec.type} without options")
        if spec.layout and spec.layout not in LAYOUTS:
            problems.append(f"field {spec.key}: unknown layout {spec.layout!r}")
        if spec.required and not spec.label.strip():
            problems.append(f"field {spec.key}: required but has no label")
        if spec.value_pattern:
            try:
                re.compile(spec.value_pattern)
            except re.error as exc:
                problems.append(f"field {spec.key}: value_pattern does not compile: {exc}")
    return problems


def _rule_field_refs(rule: dict) -> list[str]:
    refs = [rule[k] for k in RULE_FIELD_KEYS if isinstance(rule.get(k), str)]
    refs += list(rule.get("parts", [])) + list(rule.get("fields", []))
    refs += [key for group in rule.get("any_of", []) for key in group]
    when = rule.get("when")
    if isinstance(when, dict) and "field" in when:
        refs.append(when["field"])
    if rule.get("kind") == "formula" and isinstance(rule.get("check"), str):
        refs += PLACEHOLDER.findall(rule["check"])
    return refs


def _rule_errors(notice: Notice) -> list[str]:
    keys = set(notice.field_keys)
    attachments = {a.key for a in notice.attachments}
    problems = []
    for rule in notice.rules:
        name = rule.get("key", "?")
        if rule.get("kind") not in RULE_KINDS:
            problems.append(f"rule {name}: unknown kind {rule.get('kind')!r}")
        for ref in dict.fromkeys(_rule_field_refs(rule)):
            if ref not in keys:
                problems.append(f"rule {name}: names unknown field {ref}")
        for ref in rule.get("attachments", []):
            if ref not in attachments:
                problems.append(f"rule {name}: names unknown attachment {ref}")
        if rule.get("kind") == "custom" and rule.get("check") not in CUSTOM_CHECKS:
            problems.append(f"rule {name}: unknown custom check {rule.get('check')!r}")
        if rule.get("kind") == "custom" and rule.get("check") == "pattern":
            try:
                re.compile(str(rule.get("pattern", "")))
            except re.error as exc:
                problems.append(f"rule {name}: pattern does not compile: {exc}")
    return problems


def _limit_errors(notice: Notice) -> list[str]:
    keys = set(notice.field_keys)
    problems = []
    for limit in getattr(notice, "limits", []):
        name = limit.get("key", "?")
        if limit.get("kind") not in LIMIT_KINDS:
            problems.append(
                f"limit {name}: unknown kind {limit.get('kind')!r} (one of {', '.join(sorted(LIMIT_KINDS))})"
            )
        value = limit.get("value")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(f"limit {name}: value must be a whole number >= 0, not {value!r}")
        if limit.get("severity", "warning") not in ("warning", "error"):
            problems.append(f"limit {name}: severity is warning or error, not {limit.get('severity')!r}")
        when = limit.get("when")
        if when is not None and (not isinstance(when, dict) or when.get("field") not in keys):
            problems.append(f"limit {name}: when names unknown field {when!r}")
    return problems


def _pattern_errors(notice: Notice) -> list[str]:
    keys = set(notice.field_keys)
    problems = [
        f"pattern {p.regex[:30]!r}: names unknown field {key}"
        for p in notice.patterns
        for key in p.groups.values()
        if key not in keys
    ]
    bound = getattr(notice, "bound_table", {}) or {}
    problems += [
        f"bound_table column {column!r}: names unknown field {key}" for column, key in bound.items() if key not in keys
    ]
    return problems


# -- warnings ---------------------------------------------------------------------------------
def _ambiguous_labels(notice: Notice) -> list[str]:
    seen: dict[tuple[object, ...], str] = {}
    warnings = []
    for spec in notice.fields:
        if spec.layout == "pattern":
            continue
        ident = (spec.section, spec.label, spec.context, spec.column, getattr(spec, "row", 0))
        if ident in seen:
            warnings.append(
                f"fields {seen[ident]} and {spec.key} share the label {spec.label!r} "
                f"in section {spec.section!r} without a context to tell them apart"
            )
        seen.setdefault(ident, spec.key)
    return warnings


def _field_warnings(notice: Notice) -> list[str]:
    warnings = []
    for spec in notice.fields:
        if not KEY_FORMAT.match(spec.key):
            warnings.append(f"field {spec.key}: key is not dotted lower_snake ASCII")
        if not spec.label.strip() and not spec.required:
            warnings.append(f"field {spec.key}: has no label")
        dupes = [o for o, n in Counter(spec.options).items() if n > 1]
        if dupes:
            warnings.append(f"field {spec.key}: option {dupes[0]!r} is listed twice")
        if spec.options and spec.type not in ("choice", "multichoice"):
            warnings.append(f"field {spec.key}: options given but type is {spec.type}")
        if spec.layout == "grid" and not spec.column and not getattr(spec, "row", 0):
            warnings.append(f"field {spec.key}: grid layout without a column header or row")
    return warnings


def _rule_warnings(notice: Notice) -> list[str]:
    by_key = {f.key: f for f in notice.fields}
    warnings = []
    for rule in notice.rules:
        if not rule.get("message"):
            warnings.append(f"rule {rule.get('key')}: no message")
        when = rule.get("when")
        if not isinstance(when, dict) or when.get("field") not in by_key:
            continue
        spec = by_key[when["field"]]
        if spec.options:
            unknown = [v for v in when.get("in", []) if v not in spec.options]
            if unknown:
                warnings.append(f"rule {rule.get('key')}: when-value {unknown[0]!r} is not an option of {spec.key}")
    return warnings


def _export_warnings(notice: Notice) -> list[str]:
    """Names the review desk looks up; a wrong one shows as an empty column, not a failure."""
    keys = set(notice.field_keys)
    warnings: list[str] = []
    identity = getattr(notice, "bound_table_identity", "")
    if identity and identity not in keys:
        warnings.append(f"[bound_table] identify_by names unknown field {identity}")
    return warnings


def _unknown_keys(raw: dict[str, Any], as_problems: bool = False) -> list[Any]:
    """Typos such as ``lables`` are silently ignored by the loader: name them."""
    out = [f"unknown top-level table [{k}]" for k in raw if k not in TOP_LEVEL]
    for kind, allowed in (("fields", FIELD_KEYS), ("attachments", ATTACHMENT_KEYS)):
        items = raw.get(kind, [])
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                out += [f"{kind[:-1]} {item.get('key', '?')}: unknown key {k!r}" for k in item if k not in allowed]
    return [Problem("warning", m) for m in out] if as_problems else out
