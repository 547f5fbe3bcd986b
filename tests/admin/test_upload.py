"""Uploads: stored by SHA-256, queued, one submission per packet; bad files fail alone."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from admin_files import encrypted_pdf
from admin_helpers import login, sample, upload


def test_batch_with_bad_files(app, client, samples):
    token = login(client, app, "clerk")
    good = sample(samples, "miit-2023-pilot", 1)
    status = upload(
        client,
        token,
        [
            (good, "../../etc/一号 申报书?.pdf"),
            (b"", "empty.pdf"),
            (b"just some text, not a form", "notes.txt"),
            (encrypted_pdf(), "locked.pdf"),
            (b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024), "huge.pdf"),
        ],
    )
    files = {f["filename"]: f for f in status["files"]}
    assert status["done"]
    ok = files["一号 申报书_.pdf"]  # directories and shell-special characters gone
    assert ok["status"] == "done"
    assert ok["notice"] == "miit-2023-pilot"
    assert ok["submission_status"] == "needs_review"
    assert "文件为空" in files["empty.pdf"]["error"]
    assert "不是 PDF" in files["notes.txt"]["error"]
    assert "encrypted" in files["locked.pdf"]["error"]
    assert files["locked.pdf"]["error"].startswith("locked.pdf:")
    assert "超过大小限制" in files["huge.pdf"]["error"]
    assert [f["status"] for f in status["files"]].count("failed") == 4
    # the failure shows in the batch list, with its message
    html = client.get("/submissions/?flt0_1=failed").get_data(as_text=True)
    assert "encrypted" in html
    assert "文件为空" in html


def test_original_stored_by_sha256_and_read_only(app, client, samples):
    from shenbao.models import SourceFile, db

    token = login(client, app, "clerk")
    good = sample(samples, "miit-2023-pilot", 2)
    upload(client, token, [(good, "p2.pdf")])
    digest = hashlib.sha256(good.read_bytes()).hexdigest()
    with app.app_context():
        source = db.session.scalar(db.select(SourceFile))
        assert source.sha256 == digest
        assert source.size == good.stat().st_size
        assert source.uploaded_by == "clerk"
    stored = os.path.join(app.config["SHENBAO_HOME"], "originals", digest[:2], digest + ".pdf")
    assert hashlib.sha256(Path(stored).read_bytes()).hexdigest() == digest
    assert not os.stat(stored).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_image_upload_is_accepted_as_a_page(app, client, samples, backend):
    """A page image goes through the same pipeline (OCR) and gets its crops from the image."""
    import io

    import pytest

    if backend != "sqlite":
        pytest.skip("OCR-heavy; the upload path is the same on every database")

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
    assert crop.status_code == 200
    assert crop.mimetype == "image/png"


def test_page_images_of_one_packet_make_one_submission(app, client, samples, backend):
    import io

    import pypdfium2 as pdfium
    import pytest

    from shenbao.models import SourceFile, Submission, db

    if backend != "sqlite":
        pytest.skip("OCR-heavy; the upload path is the same on every database")
    token = login(client, app, "clerk")
    pdf = pdfium.PdfDocument(str(sample(samples, "miit-2023-pilot", 3)))
    pages = []
    for i in (1, 0):  # uploaded out of order: the page number in the name decides
        buf = io.BytesIO()
        pdf[i].render(scale=150 / 72).to_pil().save(buf, format="JPEG", dpi=(150, 150), quality=85)
        pages.append((buf.getvalue(), f"数智申报书_第{i + 1}页.jpg"))
    pdf.close()
    status = upload(client, token, [*pages, (b"", "other.pdf")])
    rows = {f["filename"]: f for f in status["files"]}
    assert "数智申报书.pdf" in rows, rows
    assert rows["数智申报书.pdf"]["status"] == "done", rows["数智申报书.pdf"]["error"]
    assert rows["数智申报书_第1页.jpg"]["submission"] == rows["数智申报书.pdf"]["submission"]
    assert rows["数智申报书_第2页.jpg"]["packet"] == "数智申报书.pdf"
    with app.app_context():
        subs = db.session.scalars(db.select(Submission).where(Submission.status != "failed")).all()
        assert len(subs) == 1
        assert subs[0].notice_id == "miit-2023-pilot"
        assert subs[0].pages == 2
        members = db.session.scalars(db.select(SourceFile).where(SourceFile.packet_id.is_not(None))).all()
        assert sorted(m.filename for m in members) == ["数智申报书_第1页.jpg", "数智申报书_第2页.jpg"]


def test_page_numbers_in_file_names():
    from shenbao.admin.packets import group_pages, page_key

    assert page_key("企业A_01.jpg") == ("企业A", 1)
    assert page_key("企业A-p12.png") == ("企业A", 12)
    assert page_key("企业A 第3页.tif") == ("企业A", 3)
    assert page_key("2023.jpg") is None
    assert page_key("封面.jpg") is None
    files = [
        (0, "a_2.jpg", "image/jpeg"),
        (1, "a_1.jpg", "image/jpeg"),
        (2, "b_1.jpg", "image/jpeg"),
        (3, "a_3.pdf", "application/pdf"),
    ]
    assert group_pages(files) == [("a", [1, 0])]


def test_a_file_whose_lease_ran_out_is_queued_again_then_failed(app, samples):
    """claim() makes a second delivery a no-op; an expired lease puts the file back in the
    queue, a stalled worker's late result is dropped, and after MAX_ATTEMPTS the file fails."""
    from datetime import timedelta

    from shenbao.admin.ingest import ingest_source, ingest_upload, source_of
    from shenbao.admin.leases import claim, finish, sweep
    from shenbao.models import SourceFile, db, utcnow

    def expire(source_id: int) -> None:
        db.session.get_one(SourceFile, source_id).lease_until = utcnow() - timedelta(seconds=1)
        db.session.commit()

    app.config["MAX_ATTEMPTS"] = 3
    with app.app_context():
        app.extensions["shenbao_queue"].huey.immediate = False  # keep the task queued
        pdf = sample(samples, "wuhan-fund-2022", 1)
        with pdf.open("rb") as fh:
            _, subs = ingest_upload([(fh, pdf.name)], "t")
        source_id, submission_id = source_of(subs[0]).id, subs[0].id
        token = claim(source_id)
        assert token is not None
        assert claim(source_id) is None
        assert ingest_source(source_id) == "skipped"  # someone else holds it
        assert sweep() == ([], [])  # its lease runs
        expire(source_id)
        assert sweep() == ([source_id], [])
        assert not finish(source_id, token, "done")  # the stalled first worker's result is dropped
        assert claim(source_id) is not None  # attempt 2 stops too
        expire(source_id)
        assert sweep() == ([source_id], [])
        assert claim(source_id) is not None  # and attempt 3
        expire(source_id)
        assert sweep() == ([], [source_id])
        source = db.session.get_one(SourceFile, source_id)
        db.session.refresh(source)
        assert (source.status, source.attempts, source.ingest_count) == ("failed", 3, 0)
        assert "识别进程多次中断" in (source.error or "")
        assert "识别进程多次中断" in (db.session.get_one(type(subs[0]), submission_id).error or "")


def test_a_file_queued_again_is_ingested_once(app, samples):
    from datetime import timedelta

    from shenbao.admin.ingest import ingest_upload, source_of
    from shenbao.admin.leases import claim, sweep
    from shenbao.models import SourceFile, db, utcnow

    with app.app_context():
        app.extensions["shenbao_queue"].huey.immediate = False
        pdf = sample(samples, "wuhan-fund-2022", 1)
        with pdf.open("rb") as fh:
            _, subs = ingest_upload([(fh, pdf.name)], "t")
        source_id = source_of(subs[0]).id
        assert claim(source_id)
        db.session.get_one(SourceFile, source_id).lease_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
        app.extensions["shenbao_queue"].huey.immediate = True
        requeued, _ = sweep()
        assert requeued == [source_id]
        app.extensions["shenbao_queue"].enqueue(source_id)
        source = db.session.get_one(SourceFile, source_id)
        db.session.refresh(source)
        assert (source.status, source.attempts, source.ingest_count) == ("done", 2, 1)
        assert (source.lease_owner, source.lease_until) == (None, None)
