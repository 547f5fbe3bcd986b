"""One findings path: ``shenbao extract`` and the review desk report the same findings.

For every rule kind in the shared catalogs, a small submission of a notice (taken from the
plugin manager) that breaks one of its rules of that kind goes through the extraction
pipeline (:func:`shenbao.ingest.pipeline.extract_document`, its reading steps replaced by
the chosen values) and then into the desk (stored contract, ``apply_extraction``,
``recompute``); both must report the rule, and the same findings.
"""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.findings import Finding
from shenbao.core.notice import Notice
from shenbao.ingest import pipeline
from shenbao.ingest.document import Document, Page
from shenbao.ingest.findings import RULE_CHECKS, over_limit
from shenbao.ingest.flow import Flow
from shenbao.ingest.matching import ExtractedField, FieldReading
from shenbao.plugins.manager import get_manager

CATALOGS = Path(__file__).resolve().parents[3] / "shared" / "catalog"
TRIES: tuple[Any, ...] = (0, 1, 1000, 10**9, "", "ZZ000000000000000X", "91420100MA4K000000", True, False, "甲")


def catalog_kinds() -> list[str]:
    kinds = {r["kind"] for p in CATALOGS.glob("*.toml") for r in tomllib.loads(p.read_text("utf-8")).get("rules", [])}
    return sorted(kinds) or sorted({r["kind"] for n in get_manager().notices.values() for r in n.rules})


def when_values(rule: dict[str, Any]) -> dict[str, Any]:
    when = rule.get("when")
    return {when["field"]: when["in"][0]} if when else {}


def rule_inputs(rule: dict[str, Any]) -> list[str]:
    keys = [rule[k] for k in ("field", "total") if k in rule] + list(rule.get("parts", []))
    if rule["kind"] == "formula":
        from shenbao.ingest.safe_eval import placeholders

        keys += placeholders(rule["check"])
    return list(dict.fromkeys(keys))


def breaking(notice: Notice, rule: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """Field values (and bound 汇总表 rows) under which ``rule`` is broken, if some small try does."""
    fields = when_values(rule)
    if rule["kind"] == "required_if":
        return fields, []
    if rule["kind"] == "limit_per_applicant":
        row = {rule["applicant"]: "91110000000000000X", **({rule["group_by"]: "甲"} if rule.get("group_by") else {})}
        rows = [dict(row) for _ in range(int(rule["value"]) + 1)]
        return (fields, rows) if over_limit(rule, [*rows]) else None
    keys = rule_inputs(rule)
    for values in itertools.product(TRIES, repeat=len(keys)):
        trial = {**fields, **dict(zip(keys, values, strict=True))}
        try:
            if RULE_CHECKS[rule["kind"]](rule, trial) is False:
                return trial, []
        except (TypeError, ValueError, ArithmeticError):
            continue
    return None


def broken_cases() -> list[Any]:
    cases = []
    notices = list(get_manager().notices.values())
    for kind in catalog_kinds():
        found = next(
            ((n, r, b) for n in notices for r in n.rules if r["kind"] == kind and (b := breaking(n, r)) is not None),
            None,
        )
        assert found is not None, f"no installed notice has a {kind} rule a small submission breaks"
        notice, rule, (fields, rows) = found
        cases.append(pytest.param(notice.id, rule, fields, rows, id=f"{kind}-{notice.id}-{rule['key']}"))
    return cases


def extracted(
    monkeypatch: pytest.MonkeyPatch, notice: Notice, fields: dict[str, Any], rows: list[dict[str, Any]]
) -> pipeline.ExtractionResult:
    """What the pipeline makes of a document whose reading gives ``fields`` and ``rows``."""
    read = {k: ExtractedField(k, v, str(v), 0.99, 1, (0.0, 0.0, 1.0, 1.0), "cell") for k, v in fields.items()}
    monkeypatch.setattr(pipeline, "scan_attachments", lambda document, notice: ({}, {}))
    monkeypatch.setattr(pipeline, "build_flow", lambda *args: Flow([]))
    monkeypatch.setattr(pipeline, "read_fields", lambda flow, notice: FieldReading(dict(read), {}))
    monkeypatch.setattr(pipeline, "bound_table_rows", lambda document, notice: [dict(r) for r in rows])
    document = Document("case.pdf", [Page(number=1, width=595.0, height=842.0, source="text")])
    return pipeline.extract_document(document, notice, 1.0, get_manager(), name="case.pdf")


def as_set(findings: list[Finding]) -> set[tuple[str, str, str, str]]:
    return {(f.code, f.key, f.severity, f.message) for f in findings}


def test_every_catalog_kind_is_covered() -> None:
    kinds = {case.values[1]["kind"] for case in broken_cases()}
    assert kinds >= {"sum", "min", "max", "required_if", "formula", "custom", "limit_per_applicant"}


@pytest.mark.parametrize(("notice_id", "rule", "fields", "rows"), broken_cases())
def test_extraction_and_desk_report_the_same_findings(
    app: Any, monkeypatch: pytest.MonkeyPatch, notice_id: str, rule: dict[str, Any], fields: dict, rows: list
) -> None:
    from shenbao.admin.ingest import apply_extraction, stored_contract
    from shenbao.models import Submission, db

    notice = get_manager().notice(notice_id)
    result = extracted(monkeypatch, notice, fields, rows)
    idents = {f.ident for f in result.findings}
    if rule["kind"] == "required_if":
        assert {f"missing_field:{k}" for k in rule.get("fields", [])} & idents
    else:
        assert f"rule:{rule['key']}" in idents
    with app.app_context():
        submission = Submission(filename="case.pdf", status="ingesting")
        db.session.add(submission)
        apply_extraction(submission, stored_contract(result, "case.pdf"))
        db.session.commit()
        desk = {(f.code, f.key, f.severity, f.message) for f in submission.findings if f.scope == "submission"}
    assert desk == as_set(result.findings)
