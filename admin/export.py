"""Exports: each notice's 推荐汇总表 (XLSX, exactly the notice's columns) and all fields.

The 汇总表 is the bureau's decision: its 推荐 packets in the reviewer's 推荐排序, in the columns
of the builder the notice plugin binds to its notice. A draft (草稿, marked so in its sheet,
title and file name) holds every live packet, the recommended ones first. Withdrawn and
duplicate packets are in neither, nor is demo data in any export. The full export
has every field of every ingested submission: the CSV in long form (one row per field, so
notices with different fields share one file), the XLSX in wide form (one sheet per notice,
one row per submission, one column per field). No text becomes a formula (admin/cells.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from shenbao.admin.batch import recommendation_check
from shenbao.admin.cells import csv_value, xlsx_row
from shenbao.admin.exceptions import ExportError
from shenbao.admin.review import display_value, shown_text
from shenbao.core.errors import UnknownNotice
from shenbao.core.findings import Finding
from shenbao.core.notice import Notice
from shenbao.core.summary import RANK_KEY, SummaryTable
from shenbao.ingest.normalize import PRINTED_TYPES, printed_text
from shenbao.models import LIVE_STATES, FieldValue, FindingRecord, Submission, db
from shenbao.models.states import RECOMMENDED
from shenbao.plugins.manager import get_manager

DRAFT = "草稿"


def _notice(notice_id: str) -> Notice:
    try:
        return get_manager().notice(notice_id)
    except UnknownNotice as exc:
        raise ExportError(str(exc)) from None


def submission_ids(notice_id: str | None, states: tuple[str, ...] = LIVE_STATES) -> list[int]:
    """The packets of an export: live (or ``states``), never demo data, in upload order."""
    query = (
        select(Submission.id).where(Submission.status.in_(states), Submission.demo.is_(False)).order_by(Submission.id)
    )
    if notice_id:
        query = query.where(Submission.notice_id == notice_id)
    return list(db.session.scalars(query))


def current_rows(ids: list[int], notice: Notice | None = None) -> dict[int, dict[str, Any]]:
    """Submission id -> {field key: current value, "_id": id, "_findings": [code:key, ...]}.

    With ``notice``, its text fields hold the text as printed (or typed), full-width
    punctuation kept: what the 汇总表 shows; else the normalized values."""
    kinds = {f.key: f.type for f in notice.fields if f.type in PRINTED_TYPES} if notice else {}
    rows: dict[int, dict[str, Any]] = {i: {"_id": i, "_findings": []} for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for sid, key, value, raw in db.session.execute(
            select(FieldValue.submission_id, FieldValue.key, FieldValue.value, FieldValue.raw).where(
                FieldValue.submission_id.in_(chunk), FieldValue.value.is_not(None)
            )
        ):
            printed = printed_text(kinds[key], raw, value) if key in kinds else None
            rows[sid][key] = value if printed is None else printed
        for sid, code, key in db.session.execute(
            select(FindingRecord.submission_id, FindingRecord.code, FindingRecord.key).where(
                FindingRecord.submission_id.in_(chunk)
            )
        ):
            rows[sid]["_findings"].append(f"{code}:{key}")
    return rows


def summary_table(notice_id: str, draft: bool = False) -> SummaryTable:
    """The 推荐 packets in 推荐排序; a draft: every live packet, the recommended first."""
    notice = _notice(notice_id)
    ids = submission_ids(notice_id, LIVE_STATES if draft else (RECOMMENDED,))
    if not ids and not draft:
        raise ExportError(f"「{notice.name}」尚无推荐的申报书（草稿可导出全部在审申报书）")
    rows = current_rows(ids, notice)
    for sid, rank in db.session.execute(
        select(Submission.id, Submission.recommend_rank).where(Submission.id.in_(ids), Submission.status == RECOMMENDED)
    ):
        rows[sid][RANK_KEY] = rank if rank is not None else 1 << 30
    table = get_manager().summary_table(notice, [rows[i] for i in ids])
    if table is None:
        raise ExportError(f"没有已安装的插件生成「{notice.name}」的汇总表")
    if draft:
        table.title = f"【{DRAFT}，非正式推荐】{table.title}"
        table.sheet_name = f"{DRAFT}-{table.sheet_name}"
    return table


def export_check(notice_id: str) -> list[Finding]:
    """What the export checks first (:func:`shenbao.admin.batch.recommendation_check`)."""
    _notice(notice_id)
    return recommendation_check(notice_id)


def summary_filename(notice_id: str, draft: bool = False) -> str:
    return f"{notice_id}-推荐汇总表{'-' + DRAFT if draft else ''}.xlsx"


def write_summary(table: SummaryTable) -> bytes:
    """Title row, the printed header lines, then the column headers in row ``n`` and the data."""
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook has its one sheet
    ws.title = table.sheet_name[:31]
    ws.append(xlsx_row(ws, [table.title]))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(table.columns))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    for line in table.header_lines:
        ws.append(xlsx_row(ws, [line]))
    ws.append(xlsx_row(ws, list(table.columns)))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        ws.append(xlsx_row(ws, [_cell(v) for v in row]))
    for i, name in enumerate(table.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(40, 2.2 * len(name) + 4))
    return _save(wb)


def summary_workbook(notice_id: str, draft: bool = False) -> bytes:
    return write_summary(summary_table(notice_id, draft))


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, (int, float, str)) and not isinstance(value, bool)):
        return value
    return display_value(value)


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


META = ("submission", "file", "notice", "status", "completeness", "to_review", "open_findings")


def _meta(ids: list[int]) -> dict[int, Submission]:
    subs: dict[int, Submission] = {}
    for start in range(0, len(ids), 500):
        for s in db.session.scalars(select(Submission).where(Submission.id.in_(ids[start : start + 500]))):
            subs[s.id] = s
    return subs


def _meta_row(s: Submission) -> list[Any]:
    return [s.id, s.filename, s.notice_id, s.status, s.completeness, s.to_review, s.open_findings]


def long_rows(notice_id: str | None) -> Iterator[list[Any]]:
    labels: dict[tuple[str | None, str], str] = {
        (n.id, f.key): f.label for n in get_manager().notices.values() for f in n.fields
    }
    kinds: dict[tuple[str | None, str], str] = {
        (n.id, f.key): f.type for n in get_manager().notices.values() for f in n.fields
    }
    ids = submission_ids(notice_id)
    subs = _meta(ids)
    yield [*META, "key", "label", "value", "state", "confidence", "page", "extracted_value"]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = (
            select(FieldValue)
            .where(FieldValue.submission_id.in_(chunk))
            .order_by(FieldValue.submission_id, FieldValue.position)
        )
        for fv in db.session.scalars(query):
            s = subs[fv.submission_id]
            yield [
                *_meta_row(s),
                fv.key,
                labels.get((s.notice_id, fv.key), fv.key),
                shown_text(fv, kinds.get((s.notice_id, fv.key), "")),
                fv.state,
                fv.confidence,
                fv.page,
                display_value(fv.original_value),
            ]


def full_csv(notice_id: str | None = None) -> bytes:
    if notice_id:
        _notice(notice_id)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)  # texts quoted, numbers bare (OWASP)
    for row in long_rows(notice_id):
        writer.writerow([csv_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 Chinese correctly


def full_workbook(notice_id: str | None = None) -> bytes:
    notices = [_notice(notice_id)] if notice_id else list(get_manager().notices.values())
    wb = Workbook(write_only=True)
    for notice in notices:
        ids = submission_ids(notice.id)
        subs = _meta(ids)
        rows = current_rows(ids, notice)
        ws = wb.create_sheet(notice.id[:31])
        ws.append(xlsx_row(ws, [*META, *(f"{f.label} [{f.key}]" for f in notice.fields), "findings"]))
        for sid in ids:
            values = rows[sid]
            ws.append(
                xlsx_row(
                    ws,
                    [
                        *_meta_row(subs[sid]),
                        *(_cell(values.get(f.key)) for f in notice.fields),
                        "; ".join(values["_findings"]),
                    ],
                )
            )
    if not notices:
        wb.create_sheet("empty")
    return _save(wb)
