"""Word submissions in the desk (issue 15, part 1): a .docx is uploaded and read, the review
page shows each value's paragraph or cell instead of a crop, and the bureau attaches the
other copy: the differences between the copies are findings that follow the clerk's edits."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from admin_helpers import field, login, save, upload

from shenbao.plugins.authoring.variants import render
from shenbao.plugins.authoring.variants.generate import build, fillers, write
from shenbao.plugins.manager import get_manager

BLANKS = Path(__file__).resolve().parents[2].parent / "shared" / "blanks"
NOTICE = "miit-2023-pilot"
KEY = "applicant.address"


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, Any]:
    """The applicant's .docx (one value changed) and the copy as first written, with its truth."""
    if not BLANKS.is_dir():
        pytest.skip(f"no blank templates at {BLANKS}")
    manager = get_manager()
    out = tmp_path_factory.mktemp("word_desk")
    paper = write(build(manager, NOTICE, fillers(manager)[NOTICE], BLANKS, 1, 15, frozenset()), out / "paper")
    truth = json.loads(paper.with_suffix(".truth.json").read_text(encoding="utf-8"))
    d = docx.Document(str(paper))
    for table in d.tables:
        for cell in {c._tc: c for row in table.rows for c in row.cells}.values():
            for para in cell.paragraphs:
                for run in para.runs:
                    run.text = run.text.replace(truth["fields"][KEY], truth["fields"][KEY] + "附楼")
    electronic = out / "form.docx"
    d.save(str(electronic))
    return {"electronic": electronic, "paper": paper, "truth": truth}


def only_submission(app: Any) -> Any:
    from shenbao.models import Submission, db

    with app.app_context():
        (submission,) = db.session.scalars(db.select(Submission))
        return submission.id


def attach(client: Any, token: str, sid: int, path: Path, name: str) -> str:
    data = {"csrf_token": token, "file": (io.BytesIO(path.read_bytes()), name)}
    response = client.post(f"/review/{sid}/companion", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    return client.get(f"/review/{sid}").get_data(as_text=True)


def mismatches(app: Any, sid: int) -> list[str]:
    from shenbao.models import FindingRecord, db

    with app.app_context():
        rows = db.session.scalars(db.select(FindingRecord).where(FindingRecord.submission_id == sid))
        return sorted(r.key for r in rows if r.code == "copy_mismatch")


def test_a_word_file_shows_its_paragraphs_and_cells(app, client, copies) -> None:
    token = login(client, app, "clerk")
    status = upload(client, token, [(copies["paper"], "申报书.docx")])
    assert status["files"][0]["status"] == "done", status
    sid = only_submission(app)
    assert field(app, sid, "applicant.name").value == copies["truth"]["fields"]["applicant.name"]
    page = client.get(f"/review/{sid}").get_data(as_text=True)
    name = copies["truth"]["fields"]["applicant.name"]
    row = page.split('data-key="applicant.name"')[1].split('class="field-row')[0]
    assert 'class="docx-snippet' in row
    assert f"<mark>{name}</mark>" in row
    assert "Word 文档第 2 页" in row
    assert '<img class="crop"' not in page
    assert client.get(f"/review/{sid}/crop/applicant.name.png").status_code == 404


def test_the_other_copy_is_compared_and_follows_the_clerks_edits(app, client, copies) -> None:
    token = login(client, app, "clerk")
    upload(client, token, [(copies["electronic"], "电子版.docx")])
    sid = only_submission(app)
    assert mismatches(app, sid) == []
    page = attach(client, token, sid, copies["paper"], "纸质版.docx")
    assert 'data-status="done"' in page
    assert "纸质版.docx" in page
    assert mismatches(app, sid) == [KEY]
    assert "电子版与纸质版不一致：字段 单位地址" in page
    want = copies["truth"]["fields"][KEY]
    response = save(client, token, sid, KEY, want, field(app, sid, KEY).version)
    assert response.get_json()["ok"], response.get_json()
    assert mismatches(app, sid) == []


def test_a_word_file_attached_to_a_pdf_gives_the_values(app, client, copies, tmp_path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pdf_docx = shutil.copy(copies["paper"], tmp_path / "paper.docx")
    (pdf,) = render.convert([Path(pdf_docx)])
    token = login(client, app, "clerk")
    upload(client, token, [(pdf, "纸质版.pdf")])
    sid = only_submission(app)
    page = attach(client, token, sid, copies["electronic"], "电子版.docx")
    assert field(app, sid, KEY).value == copies["truth"]["fields"][KEY] + "附楼"  # read from the Word file
    assert 'class="docx-snippet' in page
    assert "纸质版.pdf" in page  # now the other copy
    assert mismatches(app, sid) == [KEY]
