"""The review desk's commands: create-user, ingest --wait, export."""

from __future__ import annotations

import io

from admin_files import encrypted_pdf
from admin_helpers import sample
from openpyxl import load_workbook


def test_create_user_reads_the_password_from_stdin(app, runner):
    from shenbao.models import User, db

    code, _, err = runner.invoke(["create-user", "zhang", "--role", "reviewer"], input="s3cret-pass\n")
    assert code == 0, err
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "zhang"))
        assert user.role == "reviewer"
        assert user.check_password("s3cret-pass")
    code, _, err = runner.invoke(["create-user", "zhang", "--role", "clerk"], input="another-pass\n")
    assert code == 2
    assert err.strip() == "shenbao: user 'zhang' already exists"


def test_ingest_wait_and_export(app, runner, samples, tmp_path):
    files = [str(sample(samples, "miit-2023-pilot", n)) for n in (1, 2)]
    code, out, err = runner.invoke(["ingest", *files, "--wait"])
    assert code == 0, err
    assert out.count("needs_review") + out.count("corrected") == 2
    assert "miit-2023-pilot" in out
    target = tmp_path / "pilot.xlsx"
    code, out, err = runner.invoke(["export", "miit-2023-pilot", "--draft", "--format", "xlsx", "-o", str(target)])
    assert code == 0, err
    rows = list(load_workbook(io.BytesIO(target.read_bytes())).worksheets[0].iter_rows(values_only=True))
    assert rows[-1][0] == 2
    assert rows[-3][:2] == ("序号", "项目名称")
    code, _, err = runner.invoke(["export", "no-such-notice", "-o", str(target)])
    assert code == 2
    assert "unknown notice id" in err
    assert "\n" not in err.strip()


def test_ingest_wait_fails_when_a_file_fails(app, runner, tmp_path):
    bad = tmp_path / "locked.pdf"
    bad.write_bytes(encrypted_pdf())
    code, _, err = runner.invoke(["ingest", str(bad), "--wait"])
    assert code == 1
    assert "locked.pdf: failed" in err
    assert "encrypted" in err
    code, _, err = runner.invoke(["ingest", str(tmp_path / "missing.pdf")])
    assert code == 2
    assert "no such file" in err
