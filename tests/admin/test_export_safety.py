"""Exports are safe to open: a typed ``=HYPERLINK(...)`` is text in XLSX and escaped in CSV
(OWASP's CSV-injection advice); numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from admin_helpers import field, login, sample, save, upload
from openpyxl import Workbook, load_workbook
from tests_support import builtin_notice_ids

from shenbao.admin.cells import csv_value, formula_like, xlsx_row

PROBE = '=HYPERLINK("http://evil.example/","点我")'
HOSTILE = [PROBE, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=1+1"]
PLAIN = ["甲公司", "1+1", "a=b", "\uff1d1+1", "王 =1"]  # a full-width equals sign is no formula
NUMBERS = ["-12.5", "+3", "-1e5", "-.5", "42"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_texts_are_escaped(text):
    assert formula_like(text)
    assert csv_value(text) == "'" + text


@pytest.mark.parametrize("value", [*PLAIN, *NUMBERS, 5, -3.5, 0, None, True])
def test_other_values_are_left_as_they_are(value):
    assert not formula_like(value)
    assert csv_value(value) is value


@pytest.mark.parametrize("write_only", [False, True])
def test_a_workbook_keeps_texts_as_text_and_numbers_as_numbers(write_only):
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("x") if write_only else wb.worksheets[0]
    ws.append(xlsx_row(ws, [*HOSTILE, -3.5, 7, "-12.5"]))
    out = io.BytesIO()
    wb.save(out)
    cells = next(load_workbook(out).worksheets[-1].iter_rows())
    assert [c.value for c in cells] == [*HOSTILE, -3.5, 7, "-12.5"]
    assert [c.data_type for c in cells] == ["s"] * len(HOSTILE) + ["n", "n", "s"]


@pytest.mark.parametrize("notice", builtin_notice_ids())
def test_a_typed_formula_is_text_in_every_export(app, client, samples, notice):
    token = login(client, app, "rev", "reviewer")
    sid = upload(client, token, [(sample(samples, notice, 1), "1.pdf")])["files"][0]["submission"]
    response = save(client, token, sid, "applicant.name", PROBE, field(app, sid, "applicant.name").version)
    assert response.status_code == 200, response.get_json()

    summary = load_workbook(io.BytesIO(client.get(f"/export/summary/{notice}.xlsx?draft=1").data)).worksheets[0]
    cells = [c for row in summary.iter_rows() for c in row if c.value == PROBE]
    assert cells, "the value is in the 汇总表"
    assert all(c.data_type == "s" for c in cells)  # not "f": no live formula
    assert not [c for row in summary.iter_rows() for c in row if c.data_type == "f"]
    numbers = [c.value for c in next(summary.iter_rows(min_row=summary.max_row))]
    assert numbers[0] == 1  # the 序号 stays a number

    full = load_workbook(io.BytesIO(client.get("/export/all.xlsx").data)).worksheets
    assert not [c for ws in full for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert [c for ws in full for row in ws.iter_rows() for c in row if c.value == PROBE]

    text = client.get("/export/all.csv").data.decode("utf-8-sig")
    assert f'"\'{PROBE.replace(chr(34), chr(34) * 2)}"' in text  # quoted, with a leading '
    rows = list(csv.DictReader(io.StringIO(text)))
    name = next(r for r in rows if r["key"] == "applicant.name")
    assert name["value"] == "'" + PROBE
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values() if v)
