"""Rows of a 推荐汇总表 bound into the document, as field values.

The notice's ``[bound_table] columns`` maps printed column headers to field keys; each
table row under a header row that prints at least two of them becomes one row of typed
values (used by ``limit_per_applicant`` rules: "at most 2 projects per applicant").
"""

from __future__ import annotations

from typing import Any

from shenbao.core.notice import Notice
from shenbao.ingest.document import Document, Table
from shenbao.ingest.labels import label_score
from shenbao.ingest.normalize import InvalidValue, is_blank, normalize

MIN_HEADER_HITS = 2


def _header(table: Table, columns: dict[str, str]) -> tuple[int, dict[int, str]] | None:
    for r, row in enumerate(table.rows()):
        hits = {}
        for cell in row:
            for printed, key in columns.items():
                if label_score(cell.text, printed) >= 90:
                    hits[cell.col] = key
        if len(hits) >= MIN_HEADER_HITS:
            return r, hits
    return None


def bound_table_rows(document: Document, notice: Notice) -> list[dict[str, Any]]:
    if not notice.bound_table:
        return []
    out: list[dict[str, Any]] = []
    for page in document.pages:
        for table in page.tables:
            found = _header(table, notice.bound_table)
            if found is None:
                continue
            header_row, columns = found
            for row in table.rows()[header_row + 1 :]:
                values = {}
                for cell in row:
                    key = columns.get(cell.col)
                    if key is None or is_blank(cell.text):
                        continue
                    try:
                        values[key] = normalize(notice.field(key), cell.text.replace("\n", ""))
                    except (InvalidValue, KeyError):
                        continue
                if values:
                    out.append(_with_identity(values, notice))
    return out


def _with_identity(row: dict[str, Any], notice: Notice) -> dict[str, Any]:
    """Fill each limit rule's applicant key from the column that identifies applicants."""
    identity = row.get(notice.bound_table_identity) if notice.bound_table_identity else None
    if identity is None:
        return row
    for rule in notice.rules:
        if rule["kind"] == "limit_per_applicant" and rule["applicant"] not in row:
            row[rule["applicant"]] = f"{notice.bound_table_identity}={identity}"
    return row
