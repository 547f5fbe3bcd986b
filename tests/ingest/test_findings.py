"""Every rule kind of catalog/README.md, and how findings follow from the catalog."""

from __future__ import annotations

import pytest

from shenbao.core.notice import notice_from_dict
from shenbao.ingest.findings import batch_findings, evaluate
from shenbao.ingest.safe_eval import FormulaError
from shenbao.ingest.safe_eval import evaluate as evaluate_formula


def make_notice(rules: list[dict], fields: list[dict] | None = None, attachments: list[dict] | None = None):
    base_fields = fields or [
        {"key": "a.total", "label": "总数", "section": "s", "type": "integer", "required": True},
        {"key": "a.x", "label": "X", "section": "s", "type": "integer"},
        {"key": "a.y", "label": "Y", "section": "s", "type": "integer"},
        {"key": "a.cat", "label": "类别", "section": "s", "type": "choice", "options": ["甲", "乙"]},
        {"key": "a.code", "label": "代码", "section": "s", "type": "org_code"},
        {"key": "a.end", "label": "止", "section": "s", "type": "date"},
        {"key": "a.name", "label": "名称", "section": "s", "type": "text"},
    ]
    return notice_from_dict(
        {"notice": {"id": "t", "name": "t"}, "fields": base_fields, "attachments": attachments or [], "rules": rules}
    )


def idents(findings) -> set[str]:
    return {f.ident for f in findings}


def test_required_field_missing() -> None:
    assert idents(evaluate(make_notice([]), {}, {})) == {"missing_field:a.total"}


def test_sum_rule() -> None:
    notice = make_notice([{"key": "r", "kind": "sum", "message": "m", "total": "a.total", "parts": ["a.x", "a.y"]}])
    assert "rule:r" in idents(evaluate(notice, {"a.total": 10, "a.x": 3, "a.y": 6}, {}))
    assert "rule:r" not in idents(evaluate(notice, {"a.total": 10, "a.x": 4, "a.y": 6}, {}))
    assert "rule:r" not in idents(evaluate(notice, {"a.total": 10, "a.x": 4}, {}))  # input missing


@pytest.mark.parametrize(
    ("rule", "fields", "violated"),
    [
        ({"kind": "min", "field": "a.x", "value": 5}, {"a.x": 4}, True),
        ({"kind": "min", "field": "a.x", "value": 5}, {"a.x": 5}, False),
        ({"kind": "min", "field": "a.x", "value": 5, "strict": True}, {"a.x": 5}, True),
        ({"kind": "max", "field": "a.x", "max_field": "a.total"}, {"a.x": 11, "a.total": 10}, True),
        ({"kind": "max", "field": "a.x", "max_field": "a.total"}, {"a.x": 10, "a.total": 10}, False),
        ({"kind": "max", "field": "a.x", "value": 9, "strict": True}, {"a.x": 9}, True),
        ({"kind": "max", "field": "a.end", "value": "2023-10"}, {"a.end": "2023-10-31"}, False),
        ({"kind": "max", "field": "a.end", "value": "2023-10"}, {"a.end": "2023-11"}, True),
        ({"kind": "custom", "field": "a.code", "check": "gb32100"}, {"a.code": "91420113MAU4NPTG41"}, True),
        ({"kind": "custom", "field": "a.code", "check": "gb32100"}, {"a.code": "91420117MAGMACGL76"}, False),
        (
            {"kind": "custom", "field": "a.code", "check": "pattern", "pattern": "^[0-9A-Z]{2}4201"},
            {"a.code": "91420500MA5LXLCC7D"},
            True,
        ),
        ({"kind": "custom", "field": "a.x", "check": "equals", "value": 3}, {"a.x": 3}, False),
        ({"kind": "formula", "check": "{a.x} <= min(0.1 * {a.total}, 100)"}, {"a.x": 20, "a.total": 100}, True),
        ({"kind": "formula", "check": "{a.x} <= min(0.1 * {a.total}, 100)"}, {"a.x": 10, "a.total": 100}, False),
        (
            {"kind": "min", "field": "a.x", "value": 5, "when": {"field": "a.cat", "in": ["乙"]}},
            {"a.x": 1, "a.cat": "甲"},
            False,
        ),
        (
            {"kind": "min", "field": "a.x", "value": 5, "when": {"field": "a.cat", "in": ["乙"]}},
            {"a.x": 1, "a.cat": "乙"},
            True,
        ),
    ],
)
def test_rule_kinds(rule: dict, fields: dict, violated: bool) -> None:
    notice = make_notice([{"key": "r", "message": "m", **rule}])
    assert ("rule:r" in idents(evaluate(notice, {"a.total": 1, **fields}, {}))) is violated


def test_required_if_gives_missing_findings_not_rule_findings() -> None:
    notice = make_notice(
        [
            {
                "key": "r",
                "kind": "required_if",
                "message": "m",
                "when": {"field": "a.cat", "in": ["乙"]},
                "fields": ["a.x"],
                "any_of": [["a.y", "a.name"]],
                "attachments": ["proof"],
            }
        ],
        attachments=[{"key": "proof", "label": "证明", "required": False}],
    )
    found = idents(evaluate(notice, {"a.total": 1, "a.cat": "乙"}, {"proof": False}))
    assert found == {"missing_field:a.x", "missing_field:a.y", "missing_attachment:proof"}
    assert idents(evaluate(notice, {"a.total": 1, "a.cat": "甲"}, {"proof": False})) == set()


def test_limit_per_applicant_on_bound_table_rows() -> None:
    notice = make_notice(
        [
            {"key": "two", "kind": "limit_per_applicant", "message": "m", "applicant": "a.code", "value": 2},
            {
                "key": "one",
                "kind": "limit_per_applicant",
                "message": "m",
                "applicant": "a.code",
                "group_by": "a.cat",
                "value": 1,
            },
        ]
    )
    rows = [{"a.code": "凌云", "a.cat": "甲"}, {"a.code": "凌云", "a.cat": "乙"}, {"a.code": "凌云", "a.cat": "甲"}]
    found = idents(evaluate(notice, {"a.total": 1}, {}, summary_rows=rows))
    assert found == {"rule:two", "rule:one"}
    assert idents(evaluate(notice, {"a.total": 1}, {}, summary_rows=rows[:2])) == set()


def test_batch_findings_mark_each_offending_submission() -> None:
    notice = make_notice(
        [{"key": "two", "kind": "limit_per_applicant", "message": "m", "applicant": "a.code", "value": 2}]
    )
    batch = [{"a.code": "X"}, {"a.code": "X"}, {"a.code": "Y"}, {"a.code": "X"}]
    result = batch_findings(notice, batch)
    assert [bool(r) for r in result] == [True, True, False, True]


def test_formula_evaluator_refuses_anything_but_arithmetic() -> None:
    assert evaluate_formula("{a} + 2 * {b} == 7", {"a": 1, "b": 3}) is True
    for bad in ("__import__('os').system('true')", "{a}.__class__", "[x for x in (1,)]", "open('f')"):
        with pytest.raises(FormulaError):
            evaluate_formula(bad, {"a": 1})
