"""The review queue: ordering, crops, keyboard saves, validation, audit, optimistic locking."""

from __future__ import annotations

import re

import numpy as np
from admin_helpers import field, login, sample, save, upload


def ingest_one(app, client, samples, notice="miit-2023-pilot", n=1, role="clerk", user="clerk"):
    token = login(client, app, user, role)
    status = upload(client, token, [(sample(samples, notice, n), f"{notice}-{n}.pdf")])
    return token, status["files"][0]["submission"]


def rows_of(html: str) -> list[tuple[str, str]]:
    return re.findall(r'data-key="([^"]+)" data-version="\d+"\s+data-status="(\w+)"', html)


def test_every_field_listed_needing_review_first(app, client, samples):
    from shenbao.plugins.manager import get_manager

    _, sid = ingest_one(app, client, samples)
    html = client.get(f"/review/{sid}").get_data(as_text=True)
    rows = rows_of(html)
    notice = get_manager().notice("miit-2023-pilot")
    assert sorted(k for k, _ in rows) == sorted(notice.field_keys)
    needs = [s in ("review", "missing") for _, s in rows]
    assert needs == sorted(needs, reverse=True)  # all needing review come first
    assert any(s == "auto" for _, s in rows)
    assert "自动通过" in html
    assert "完整度" in html


def test_threshold_decides_auto_accept(app, client, samples):
    from shenbao.models import FieldValue, Setting, Submission, db

    _, sid = ingest_one(app, client, samples)
    with app.app_context():
        fields = db.session.scalars(db.select(FieldValue).where(FieldValue.submission_id == sid)).all()
        high = [f for f in fields if f.value is not None and f.confidence >= 0.95]
        assert high
        db.session.get_one(Setting, "auto_accept_threshold").value = "1.0"
        db.session.commit()
        from shenbao.admin.settings import apply_setting

        apply_setting("auto_accept_threshold", "test")
        assert db.session.get_one(Submission, sid).to_review >= len(high)
    html = client.get(f"/review/{sid}").get_data(as_text=True)
    assert not any(s == "auto" for _, s in rows_of(html))


def test_crop_is_a_png_of_the_value(app, client, samples):
    from io import BytesIO

    from PIL import Image

    _, sid = ingest_one(app, client, samples)
    response = client.get(f"/review/{sid}/crop/project.name.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    rgb = np.asarray(Image.open(BytesIO(response.data)).convert("RGB"))
    reds = int(((rgb[..., 0] > 200) & (rgb[..., 1] < 80) & (rgb[..., 2] < 80)).sum())
    assert reds > 50  # the box is outlined
    assert client.get(f"/review/{sid}/crop/no.such.png").status_code == 404


def test_correction_is_audited_and_recomputes_findings(app, client, samples):
    from shenbao.models import AuditEntry, FindingRecord, Submission, db

    token, sid = ingest_one(app, client, samples)  # dev-01 has a wrong check character
    with app.app_context():
        records = db.session.scalars(db.select(FindingRecord).where(FindingRecord.submission_id == sid))
        codes = {f.label for f in records}
    assert "rule:applicant.org_code_checksum" in codes
    before = field(app, sid, "applicant.org_code")
    bad = save(client, token, sid, "applicant.org_code", "91420113MAU4NPTG42", before.version)
    assert bad.status_code == 400
    assert "校验位" in bad.get_json()["error"]
    valid = "91420100MA4K2L3X5Q"
    from shenbao.ingest.orgcode import is_valid

    if not is_valid(valid):  # make a valid one: try every check character
        valid = next(valid[:17] + c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if is_valid(valid[:17] + c))
    ok = save(client, token, sid, "applicant.org_code", valid.lower(), before.version)
    data = ok.get_json()
    assert ok.status_code == 200
    assert data["outcome"] == "corrected"
    assert data["value"] == valid
    assert data["version"] == before.version + 1
    assert data["status"] == "corrected"
    with app.app_context():
        records = db.session.scalars(db.select(FindingRecord).where(FindingRecord.submission_id == sid))
        codes = {f.label for f in records}
        assert "rule:applicant.org_code_checksum" not in codes
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.key == "applicant.org_code"))
        assert (entry.action, entry.username) == ("correct", "clerk")
        assert (entry.old_value, entry.new_value) == (before.value, valid)
        assert entry.original_value == before.original_value
        assert entry.created_at is not None
        assert db.session.get_one(Submission, sid).open_findings == len(codes)
    after = field(app, sid, "applicant.org_code")
    assert after.original_value == before.original_value
    assert after.value == valid
    audit_html = client.get("/audit/").get_data(as_text=True)
    assert valid in audit_html
    assert before.value in audit_html


def test_second_save_of_the_same_version_is_refused(app, client, samples):
    token, sid = ingest_one(app, client, samples)
    version = field(app, sid, "contact.name").version
    first = save(client, token, sid, "contact.name", "张三", version)
    assert first.status_code == 200
    second = save(client, token, sid, "contact.name", "李四", version)
    assert second.status_code == 409
    assert "张三" in second.get_json()["error"]
    assert "clerk" in second.get_json()["error"]
    assert field(app, sid, "contact.name").value == "张三"


def test_concurrent_update_is_caught_by_the_row_version(app, client, samples):
    """Two sessions load version n; the second UPDATE finds no row and raises, nothing is lost."""
    import pytest
    from sqlalchemy.orm import Session
    from sqlalchemy.orm.exc import StaleDataError

    from shenbao.models import FieldValue, db

    _, sid = ingest_one(app, client, samples)
    with app.app_context(), Session(db.engine) as a, Session(db.engine) as b:
        fa = a.scalar(db.select(FieldValue).where(FieldValue.submission_id == sid, FieldValue.key == "contact.name"))
        fb = b.scalar(db.select(FieldValue).where(FieldValue.submission_id == sid, FieldValue.key == "contact.name"))
        fa.value = "甲"
        a.commit()
        fb.value = "乙"
        with pytest.raises(StaleDataError):
            b.commit()
    assert field(app, sid, "contact.name").value == "甲"


def test_unchanged_enter_confirms_for_a_reviewer_only(app, client, samples):
    from shenbao.models import AuditEntry, db

    token, sid = ingest_one(app, client, samples)
    fv = field(app, sid, "project.name")
    response = save(client, token, sid, "project.name", fv.value, fv.version)
    assert response.get_json()["outcome"] == "unchanged"
    client.post("/logout", data={"csrf_token": token})
    token = login(client, app, "boss", "reviewer")
    response = save(client, token, sid, "project.name", fv.value, fv.version)
    data = response.get_json()
    assert data["outcome"] == "confirmed"
    assert data["status"] == "confirmed"
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "confirm"))
        assert entry.username == "boss"
        assert entry.old_value == entry.new_value == fv.value


def test_unchanged_invalid_value_can_be_confirmed_as_printed(app, client, samples):
    token, sid = ingest_one(app, client, samples, role="reviewer", user="rev")
    fv = field(app, sid, "applicant.org_code")
    response = save(client, token, sid, "applicant.org_code", fv.value, fv.version)
    assert response.status_code == 200
    assert response.get_json()["outcome"] == "confirmed"


def test_typed_values_are_normalized_by_type(app, client, samples):
    token, sid = ingest_one(app, client, samples)
    fv = field(app, sid, "project.investment")
    response = save(client, token, sid, "project.investment", "１２,３４５.５万元", fv.version)
    assert response.get_json()["value"] == "12345.5"
    assert field(app, sid, "project.investment").value == 12345.5
    fv = field(app, sid, "project.category")
    bad = save(client, token, sid, "project.category", "不存在类", fv.version)
    assert bad.status_code == 400
    assert bad.get_json()["error"]
    fv = field(app, sid, "contact.email")
    assert save(client, token, sid, "contact.email", "not an email", fv.version).status_code == 400


def test_attachment_flags_change_completeness_with_audit(app, client, samples):
    from shenbao.models import AttachmentState, AuditEntry, Submission, db

    token, sid = ingest_one(app, client, samples)

    def state():
        with app.app_context():
            att = db.session.scalar(db.select(AttachmentState).where(AttachmentState.key == "video_evidence"))
            sub = db.session.get_one(Submission, sid)
            return att.present, att.flag, att.note, att.pages, sub.completeness, {f.label for f in sub.findings}

    extracted = state()[0]
    refused = client.post(
        f"/review/{sid}/attachment",
        data={"csrf_token": token, "key": "video_evidence", "flag": "present"},
        follow_redirects=True,
    )
    assert "页码" in refused.get_data(as_text=True)
    client.post(
        f"/review/{sid}/attachment",
        data={"csrf_token": token, "key": "video_evidence", "flag": "present", "page": "3", "note": "见第3页"},
    )
    present, flag, note, pages, full, findings = state()
    assert (present, flag, note, pages) == (True, "present", "见第3页", [3])
    assert "missing_attachment:video_evidence" not in findings
    response = client.post(
        f"/review/{sid}/attachment",
        data={"csrf_token": token, "key": "video_evidence", "flag": "missing", "note": "视频说明页缺失"},
    )
    assert response.status_code == 302
    present, flag, note, pages, less, findings = state()
    assert (present, flag, note) == (False, "missing", "视频说明页缺失")
    assert less < full
    assert "missing_attachment:video_evidence" in findings
    with app.app_context():
        entries = db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.target == "attachment").order_by(AuditEntry.id)
        ).all()
        assert [e.action for e in entries] == ["flag_present", "flag_missing"]
        assert entries[1].old_value["present"] is True
        assert entries[1].new_value["present"] is False
        assert entries[1].original_value["present"] is extracted
        assert entries[1].username == "clerk"
    html = client.get(f"/review/{sid}").get_data(as_text=True)
    assert "视频说明页缺失" in html


def test_hunan_conditional_requirements(app, client, samples):
    """综合型/特色型 platforms must fill the indicators that 专业型 platforms may leave blank."""
    from shenbao.admin.completeness import requirements
    from shenbao.plugins.manager import get_manager

    notice = get_manager().notice("hunan-2023-platform")
    general = requirements(notice, {"platform.category": "综合型工业互联网平台"}, {})
    special = requirements(notice, {"platform.category": "专业型工业互联网平台"}, {})
    conditional = {r.key for r in general if r.conditional}
    assert "ind.registered_users" in conditional
    assert "ind.registered_users" not in {r.key for r in special}
    _, sid = ingest_one(app, client, samples, "hunan-2023-platform", 1)
    html = client.get(f"/review/{sid}").get_data(as_text=True)
    assert 'id="requirements"' in html
    assert "始终必需" in html
