"""Static checks of a notice definition (``shenbao notice check``).

Errors make a notice unusable (the manager skips the plugin); warnings are shown by
``shenbao notice check`` for the maintainer to decide.
"""
from __future__ import annotations

from collections import Counter

from shenbao.plugins.notice import FIELD_TYPES, LAYOUTS, RULE_KINDS, Notice

RULE_FIELD_KEYS = ("field", "total", "min_field", "max_field", "applicant", "group_by")


def _rule_field_refs(rule: dict) -> list[str]:
    refs = [rule[k] for k in RULE_FIELD_KEYS if isinstance(rule.get(k), str)]
    refs += list(rule.get("parts", [])) + list(rule.get("fields", []))
    refs += [key for group in rule.get("any_of", []) for key in group]
    when = rule.get("when")
    if isinstance(when, dict) and "field" in when:
        refs.append(when["field"])
    return refs


def check_notice(notice: Notice, *, errors_only: bool = False) -> list[str]:
    """Every problem of ``notice`` at once, as readable sentences."""
    problems: list[str] = []
    keys = Counter(f.key for f in notice.fields)
    problems += [f"duplicate field key {k}" for k, n in keys.items() if n > 1]
    akeys = Counter(a.key for a in notice.attachments)
    problems += [f"duplicate attachment key {k}" for k, n in akeys.items() if n > 1]
    rkeys = Counter(r.get("key") for r in notice.rules)
    problems += [f"duplicate rule key {k}" for k, n in rkeys.items() if n > 1]
    for spec in notice.fields:
        if spec.type not in FIELD_TYPES:
            problems.append(f"field {spec.key}: unknown type {spec.type!r}")
        if spec.type in ("choice", "multichoice") and not spec.options:
            problems.append(f"field {spec.key}: {spec.type} without options")
        if spec.layout and spec.layout not in LAYOUTS:
            problems.append(f"field {spec.key}: unknown layout {spec.layout!r}")
        if spec.required and not spec.label.strip():
            problems.append(f"field {spec.key}: required but has no label")
    for rule in notice.rules:
        if rule.get("kind") not in RULE_KINDS:
            problems.append(f"rule {rule.get('key')}: unknown kind {rule.get('kind')!r}")
        for ref in _rule_field_refs(rule):
            if ref not in keys:
                problems.append(f"rule {rule.get('key')}: names unknown field {ref}")
        for ref in rule.get("attachments", []):
            if ref not in akeys:
                problems.append(f"rule {rule.get('key')}: names unknown attachment {ref}")
    for pattern in notice.patterns:
        for key in pattern.groups.values():
            if key not in keys:
                problems.append(f"pattern {pattern.regex[:30]!r}: names unknown field {key}")
    if errors_only:
        return problems
    return problems + _ambiguous_labels(notice)


def _ambiguous_labels(notice: Notice) -> list[str]:
    seen: dict[tuple[str, str, tuple[str, ...]], str] = {}
    warnings = []
    for spec in notice.fields:
        if spec.layout == "pattern":
            continue
        ident = (spec.section, spec.label, spec.context)
        if ident in seen and not spec.column:
            warnings.append(f"fields {seen[ident]} and {spec.key} share the label {spec.label!r} "
                            f"in section {spec.section!r} without a context to tell them apart")
        seen.setdefault(ident, spec.key)
    return warnings
