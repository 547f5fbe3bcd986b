"""The models: users and roles, originals kept beside current values, versions, cascades."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from shenbao.models import AttachmentState, AuditEntry, FieldValue, FindingRecord, SourceFile, Submission, User, db


def make_submission() -> Submission:
    source = SourceFile(upload_id="u1", filename="a.pdf", sha256="ab" * 32, size=10, media_type="application/pdf")
    sub = Submission(filename="a.pdf", notice_id="miit-2023-pilot", status="needs_review", source=source)
    sub.fields.append(
        FieldValue(
            key="applicant.name",
            position=0,
            value="甲公司",
            original_value="甲公司",
            confidence=0.9,
            page=1,
            bbox=[1.0, 2.0, 3.0, 4.0],
        )
    )
    sub.fields.append(FieldValue(key="project.investment", position=1, value=None, original_value=None))
    sub.attachments.append(
        AttachmentState(key="video_evidence", extracted_present=True, present=True, pages=[4], extracted_pages=[4])
    )
    sub.findings.append(FindingRecord(code="rule", key="x", severity="error", message="m"))
    db.session.add(sub)
    db.session.commit()
    return sub


def test_roles_and_passwords(app):
    user = User(username="王芳", role="reviewer")
    user.set_password("correct horse")
    db.session.add(user)
    db.session.commit()
    assert user.password_hash != "correct horse"
    assert user.check_password("correct horse")
    assert not user.check_password("wrong")
    assert user.can("confirm")
    assert user.can("export")
    assert not user.can("users")
    assert not User(role="clerk").can("confirm")
    assert User(role="admin").can("settings")
    db.session.add(User(username="王芳", role="clerk", password_hash="x"))
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_values_round_trip_and_blank_is_sql_null(app):
    sub = make_submission()
    db.session.expire_all()
    fields = {f.key: f for f in db.session.get_one(Submission, sub.id).fields}
    assert fields["applicant.name"].value == "甲公司"
    assert fields["applicant.name"].bbox == [1.0, 2.0, 3.0, 4.0]
    blank = db.session.scalar(db.select(db.func.count()).select_from(FieldValue).where(FieldValue.value.is_(None)))
    assert blank == 1  # stored as SQL NULL, so queries can tell blank fields apart


def test_one_row_per_field(app):
    sub = make_submission()
    db.session.add(FieldValue(submission_id=sub.id, key="applicant.name", value="乙"))
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_version_increments_and_stale_update_fails(app):
    sub = make_submission()
    fv = sub.fields[0]
    assert fv.version == 1
    fv.value = "丙公司"
    db.session.commit()
    assert fv.version == 2
    assert fv.original_value == "甲公司"
    with Session(db.engine) as a, Session(db.engine) as b:
        fa, fb = a.get_one(FieldValue, fv.id), b.get_one(FieldValue, fv.id)
        fa.value = "丁"
        a.commit()
        fb.value = "戊"
        with pytest.raises(StaleDataError):
            b.commit()


def test_deleting_a_submission_keeps_the_audit_trail(app):
    sub = make_submission()
    db.session.add(
        AuditEntry(
            submission_id=sub.id,
            target="field",
            key="applicant.name",
            action="correct",
            old_value="甲公司",
            new_value="乙公司",
            original_value="甲公司",
            username="clerk",
        )
    )
    db.session.commit()
    db.session.delete(sub)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(FieldValue)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(FindingRecord)) == 0
    entry = db.session.scalar(db.select(AuditEntry))
    assert (entry.old_value, entry.new_value, entry.username) == ("甲公司", "乙公司", "clerk")


def test_model_errors_name_what_they_concern():
    from shenbao.models.exceptions import StaleEdit

    assert str(StaleEdit("changed", submission=3, field="contact.name")) == "申报 #3, 字段 contact.name: changed"
