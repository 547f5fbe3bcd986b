"""Issue 13, parts 3-5 through the desk's pages: where a missing value belongs, the attachment
flag's default, the next submission, the intake dashboard, Chinese labels and texts shown as
printed. (The keyboard is tried in Chromium: test_browser_review_aids.py.)"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from admin_helpers import field, login, sample, save, upload
from openpyxl import load_workbook
from PIL import Image
from tests_support import write_text_pdf

ROOT = Path(__file__).resolve().parents[2]
BLANK = ROOT / "samples" / "blanks" / "miit-2023-pilot.pdf"
NOTICE = "miit-2023-pilot"


@pytest.fixture
def batch(app, client, samples):
    """(CSRF token, {blank, dev1}: submission ids) of one notice, as a reviewer."""
    token = login(client, app, "rev", "reviewer")
    files = upload(client, token, [(BLANK, "空白表.pdf"), (sample(samples, NOTICE, 1), "dev1.pdf")])["files"]
    return token, {"blank": files[0]["submission"], "dev1": files[1]["submission"]}


def row_html(html: str, key: str, kind: str = "field-row") -> str:
    start = html.index(f'class="{kind}')
    start = html.index(f'data-key="{key}"', start)
    return html[start : html.index("</tr>", start)]


def red_pixels(png: bytes) -> int:
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return int(((rgb[:, :, 0] > 200) & (rgb[:, :, 1] < 60) & (rgb[:, :, 2] < 60)).sum())


def test_a_missing_value_shows_its_label_boxed_or_its_section(app, client, batch):
    from shenbao.models import Submission, db

    _, ids = batch
    html = client.get(f"/review/{ids['blank']}").get_data(as_text=True)
    row = row_html(html, "project.name")
    assert 'data-where="label"' in row
    assert 'data-page="2"' in row
    crop = client.get(f"/review/{ids['blank']}/crop/project.name.png")
    assert crop.status_code == 200
    assert red_pixels(crop.data) > 50  # the label's box
    boxed = client.get(f"/review/{ids['blank']}/page/2.png?key=project.name").data
    plain = client.get(f"/review/{ids['blank']}/page/2.png").data
    assert red_pixels(boxed) > 50
    assert red_pixels(plain) == 0
    assert client.get(f"/review/{ids['blank']}/page/9.png").status_code == 404
    with app.app_context():  # a label that was not found: the pages of the field's section
        sub = db.session.get_one(Submission, ids["blank"])
        extraction = dict(sub.extraction or {})
        extraction["label_spots"] = {k: v for k, v in extraction["label_spots"].items() if k != "project.name"}
        sub.extraction = extraction
        db.session.commit()
    row = row_html(client.get(f"/review/{ids['blank']}").get_data(as_text=True), "project.name")
    assert 'data-where="section"' in row
    assert "未找到标签" in row
    assert re.search(r'class="thumb page-open[^"]*"[^>]*data-page="2"', row)
    assert client.get(f"/review/{ids['blank']}/page/2.png?w=90").status_code == 200


def test_attachment_flag_defaults_to_what_extraction_found(app, client, batch):
    _, ids = batch
    seen = set()
    for sid in ids.values():  # the filled packet has its attachments, the empty form none
        html = client.get(f"/review/{sid}").get_data(as_text=True)
        rows = re.findall(r'<tr class="attachment-row" data-key="([^"]+)" data-present="(\d)"', html)
        for key, present in rows:
            select = re.search(r"<select name=\"flag\".*?</select>", row_html(html, key, "attachment-row"), re.S)
            assert select is not None
            chosen = re.findall(r'<option value="(\w*)" selected', select.group())
            assert chosen == (["present"] if present == "1" else [""])
            seen.add(present)
    assert seen == {"0", "1"}


def test_next_submission_of_the_same_notice(app, client, batch):
    _, ids = batch
    html = client.get(f"/review/{ids['dev1']}").get_data(as_text=True)
    assert re.search(rf'id="next-submission" href="/review/{ids["blank"]}"', html)
    assert f'data-next-url="/review/{ids["blank"]}"' in html


def test_intake_dashboard(app, client, batch):
    from shenbao.models import SUBMISSION_STATES, Submission, db

    _, ids = batch
    html = client.get(f"/dashboard/{NOTICE}").get_data(as_text=True)
    states = dict(re.findall(r'data-state="(\w+)" data-count="(\d+)"', html))
    assert list(states) == list(SUBMISSION_STATES)
    with app.app_context():
        subs = [db.session.get_one(Submission, i) for i in ids.values()]
        assert sum(int(states[s]) for s in ("needs_review", "corrected", "confirmed")) == 2
        to_review = sum(s.to_review for s in subs)
    assert f'id="fields-to-review">{to_review}<' in html
    kinds = dict(re.findall(r'data-kind="(\w+)" data-count="(\d+)"', html))
    assert set(kinds) == {"missing_field", "missing_attachment", "rule", "limit", "other"}
    assert int(kinds["missing_field"]) > 10  # the empty form misses every required field
    assert html.count('class="bucket"') == 5
    assert re.findall(r'data-date="([\d-]+)"', html) == ["2023-12-01", "2023-12-10", "2023-12-20"]
    assert "还有字段待审核" in html
    assert 'id="blockers"' in html
    assert 'id="no-deadline"' in client.get("/dashboard/wuhan-fund-2022").get_data(as_text=True)
    with app.app_context():  # a state the models do not list yet still shows up
        db.session.get_one(Submission, ids["blank"]).status = "withdrawn"
        db.session.commit()
    html = client.get(f"/dashboard/{NOTICE}").get_data(as_text=True)
    assert 'data-state="withdrawn" data-count="1"' in html
    listing = client.get("/dashboard/").get_data(as_text=True)
    assert "2023年工业互联网试点示范项目" in listing


def test_chinese_where_a_clerk_looks(app, client, tmp_path):
    token = login(client, app, "clerk")
    other = write_text_pdf(tmp_path / "bakery.pdf", ["Bakery menu", "Croissant 12"])
    status = upload(client, token, [(other, "面包店.pdf"), (BLANK, "空白表.pdf")])
    bad, good = status["files"]
    assert "不是任何已安装通知的申报书" in bad["error"]
    assert "2023年工业互联网试点示范项目" in bad["error"]  # notices by name
    assert good["notice_name"] == "2023年工业互联网试点示范项目"
    sid = good["submission"]
    response = save(client, token, sid, "contact.email", "not-an-email", None)
    assert response.get_json()["error"] == "邮箱：「not-an-email」不是电子邮箱地址"
    version = field(app, sid, "project.name").version
    assert save(client, token, sid, "project.name", "试点项目", version).get_json()["ok"]
    review = client.get(f"/review/{sid}").get_data(as_text=True)
    assert ">缺少字段<" in review
    assert "missing_field" not in re.sub(r'data-code="[^"]*"', "", review)
    audit = client.get("/audit/").get_data(as_text=True)
    assert re.search(r'col-action">\s*更正\s*<', audit)
    assert re.search(r'col-key">\s*项目名称\s*<', audit)
    assert not re.search(r'col-action">\s*correct\s*<', audit)


def test_text_as_printed_value_normalized(app, client, batch):
    token, ids = batch
    sid = ids["dev1"]
    typed = "武汉数智工业软件股份有限公司（汉南区）"
    version = field(app, sid, "applicant.name").version
    body = save(client, token, sid, "applicant.name", typed, version).get_json()
    assert body["value"] == typed  # shown as typed
    stored = field(app, sid, "applicant.name")
    assert stored.value == "武汉数智工业软件股份有限公司(汉南区)"  # compared and exported to JSON folded
    assert stored.state == "corrected"
    assert typed in client.get(f"/review/{sid}").get_data(as_text=True)
    # the same text again is no new correction
    again = save(client, token, sid, "applicant.name", typed, stored.version).get_json()
    assert again["outcome"] == "confirmed"
    # the same value written otherwise is heard: half-width brackets, then full-width again
    version = field(app, sid, "applicant.name").version
    body = save(client, token, sid, "applicant.name", "武汉数智工业软件股份有限公司(汉南区)", version).get_json()
    assert body["outcome"] == "corrected"
    assert field(app, sid, "applicant.name").raw == "武汉数智工业软件股份有限公司(汉南区)"
    version = field(app, sid, "applicant.name").version
    assert save(client, token, sid, "applicant.name", typed, version).get_json()["outcome"] == "corrected"
    data = client.get(f"/export/summary/{NOTICE}.xlsx?draft=1").data  # nothing is 推荐 yet: the draft
    cells = [c for row in load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True) for c in row]
    assert typed in cells
