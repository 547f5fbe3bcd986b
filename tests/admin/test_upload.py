"""Uploads: stored by SHA-256, queued, one submission per packet; bad files fail alone."""
from __future__ import annotations

import hashlib
import os
import stat

from admin_files import encrypted_pdf
from admin_helpers import login, sample, upload


def test_batch_with_bad_files(app, client, samples):
    token = login(client, app, "clerk")
    good = sample(samples, "miit-2023-pilot", 1)
    status = upload(client, token, [
        (good, "../../etc/一号 申报书?.pdf"),
        (b"", "empty.pdf"),
        (b"just some text, not a form", "notes.txt"),
        (encrypted_pdf(), "locked.pdf"),
        (b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024), "huge.pdf"),
    ])
    files = {f["filename"]: f for f in status["files"]}
    assert status["done"]
    ok = files["一号 申报书_.pdf"]  # directories and shell-special characters gone
    assert ok["status"] == "done" and ok["notice"] == "miit-2023-pilot" and ok["submission_status"] == "needs_review"
    assert "文件为空" in files["empty.pdf"]["error"]
    assert "不是 PDF" in files["notes.txt"]["error"]
    assert "encrypted" in files["locked.pdf"]["error"] and files["locked.pdf"]["error"].startswith("locked.pdf:")
    assert "超过大小限制" in files["huge.pdf"]["error"]
    assert [f["status"] for f in status["files"]].count("failed") == 4
    # the failure shows in the batch list, with its message
    html = client.get("/submissions/?flt0_1=failed").get_data(as_text=True)
    assert "encrypted" in html and "文件为空" in html


def test_original_stored_by_sha256_and_read_only(app, client, samples):
    from shenbao.models import SourceFile, db

    token = login(client, app, "clerk")
    good = sample(samples, "miit-2023-pilot", 2)
    upload(client, token, [(good, "p2.pdf")])
    digest = hashlib.sha256(good.read_bytes()).hexdigest()
    with app.app_context():
        source = db.session.scalar(db.select(SourceFile))
        assert source.sha256 == digest and source.size == good.stat().st_size and source.uploaded_by == "clerk"
    stored = os.path.join(app.config["SHENBAO_HOME"], "originals", digest[:2], digest + ".pdf")
    assert hashlib.sha256(open(stored, "rb").read()).hexdigest() == digest
    assert not os.stat(stored).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_image_upload_is_accepted_as_a_page(app, client, samples):
    """A page image goes through the same pipeline (OCR) and gets its crops from the image."""
    import io

    import pypdfium2 as pdfium

    token = login(client, app, "clerk")
    pdf = pdfium.PdfDocument(str(sample(samples, "miit-2023-pilot", 1)))
    image = pdf[0].render(scale=150 / 72).to_pil()
    pdf.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(150, 150))
    status = upload(client, token, [(buf.getvalue(), "page1.png")])
    row = status["files"][0]
    assert row["status"] == "done", row["error"]
    assert row["notice"] == "miit-2023-pilot"
    from shenbao.models import FieldValue, db

    with app.app_context():
        key = db.session.scalar(db.select(FieldValue.key).where(FieldValue.page.is_not(None)))
    crop = client.get(f"{row['url']}/crop/{key}.png")
    assert crop.status_code == 200 and crop.mimetype == "image/png"
