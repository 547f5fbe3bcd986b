"""Cross-submission checks: limit_per_applicant rules and duplicates, and the batch list."""

from __future__ import annotations

from admin_helpers import field, login, sample, save, upload

VALID = "91420100MA4K2L3X5Q"


def valid_code() -> str:
    from shenbao.ingest.orgcode import is_valid

    return next(VALID[:17] + c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if is_valid(VALID[:17] + c))


def batch_labels(app, sid):
    from shenbao.models import FindingRecord, db

    with app.app_context():
        return {
            f.label
            for f in db.session.scalars(
                db.select(FindingRecord).where(FindingRecord.submission_id == sid, FindingRecord.scope == "batch")
            )
        }


def test_limit_per_applicant_over_the_batch(app, client, samples):
    token = login(client, app, "clerk")
    status = upload(client, token, [(sample(samples, "miit-2023-pilot", n), f"p{n}.pdf") for n in (1, 2, 3)])
    ids = [f["submission"] for f in status["files"]]
    assert all(f["status"] == "done" for f in status["files"])
    assert not any(batch_labels(app, sid) for sid in ids)
    code = valid_code()
    for sid in ids[:2]:
        save(client, token, sid, "applicant.org_code", code, field(app, sid, "applicant.org_code").version)
        save(client, token, sid, "project.category", "平台类", field(app, sid, "project.category").version)
    # two projects of one applicant are allowed, two in one category are not
    for sid in ids[:2]:
        assert batch_labels(app, sid) == {"rule:applicant.one_direction_per_category"}
    assert batch_labels(app, ids[2]) == set()
    save(client, token, ids[2], "applicant.org_code", code, field(app, ids[2], "applicant.org_code").version)
    save(client, token, ids[2], "project.category", "安全类", field(app, ids[2], "project.category").version)
    assert "rule:applicant.max_two_projects" in batch_labels(app, ids[2])
    assert "rule:applicant.max_two_projects" in batch_labels(app, ids[0])
    html = client.get(f"/review/{ids[2]}").get_data(as_text=True)
    assert "同一申报主体最多不超过2个项目" in html
    assert "批次" in html


def test_same_file_twice_is_a_duplicate(app, client, samples):
    """The same bytes again: the later upload is 重复 (out of the batch), audited, and names the first."""
    from shenbao.models import AuditEntry, Submission, db

    token = login(client, app, "clerk")
    pdf = sample(samples, "miit-2023-pilot", 2)
    first = upload(client, token, [(pdf, "a.pdf")])["files"][0]["submission"]
    second = upload(client, token, [(pdf, "b.pdf")])["files"][0]["submission"]
    with app.app_context():
        again = db.session.get_one(Submission, second)
        assert (again.status, again.prior_status) == ("duplicate", "needs_review")
        assert f"#{first}" in (again.decision_note or "")
        assert db.session.get_one(Submission, first).status == "needs_review"
        moves = db.session.scalars(db.select(AuditEntry).where(AuditEntry.submission_id == second)).all()
        assert [(m.action, m.username, m.new_value) for m in moves if m.target == "submission"] == [
            ("exclude", "system", "duplicate")
        ]
    assert "duplicate:file" not in batch_labels(app, first)  # the duplicate is no longer in the batch


def test_same_applicant_and_project_is_a_duplicate(app, client, samples):
    token = login(client, app, "clerk")
    status = upload(client, token, [(sample(samples, "miit-2023-pilot", n), f"p{n}.pdf") for n in (1, 2)])
    a, b = (f["submission"] for f in status["files"])
    code = valid_code()
    name = field(app, a, "project.name").value
    for sid in (a, b):
        save(client, token, sid, "applicant.org_code", code, field(app, sid, "applicant.org_code").version)
    assert "duplicate:project" not in batch_labels(app, b)
    save(client, token, b, "project.name", name, field(app, b, "project.name").version)
    assert "duplicate:project" in batch_labels(app, a)
    assert "duplicate:project" in batch_labels(app, b)


def test_batch_list_filters_and_chinese_search(app, client, samples):
    token = login(client, app, "clerk")
    status = upload(
        client,
        token,
        [
            (sample(samples, "miit-2023-pilot", 1), "p1.pdf"),
            (sample(samples, "wuhan-fund-2022", 1), "w1.pdf"),
            (b"", "empty.pdf"),
        ],
    )
    applicant = field(app, status["files"][0]["submission"], "applicant.name").value
    other = field(app, status["files"][1]["submission"], "applicant.name").value
    html = client.get("/submissions/", query_string={"search": applicant[2:6]}).get_data(as_text=True)
    assert applicant in html
    assert other not in html
    html = client.get("/submissions/", query_string={"flt0_0": "wuhan-fund-2022"}).get_data(as_text=True)
    assert other in html
    assert applicant not in html
    html = client.get("/submissions/").get_data(as_text=True)
    for text in ("完整度", "待审核字段", "问题数", "待审核", "失败", "文件为空", "武汉市工业互联网发展专项资金"):
        assert text in html, text


def test_reviewer_bulk_confirm_action(app, client, samples):
    from shenbao.models import AuditEntry, FieldValue, db

    token = login(client, app, "rev", "reviewer")
    sid = upload(client, token, [(sample(samples, "miit-2023-pilot", 2), "p.pdf")])["files"][0]["submission"]
    response = client.post(
        "/submissions/action/", data={"csrf_token": token, "action": "mark_reviewed", "rowid": [str(sid)]}
    )
    assert response.status_code == 302
    with app.app_context():
        states = set(db.session.scalars(db.select(FieldValue.state).where(FieldValue.value.is_not(None))))
        assert states == {"confirmed"}
        assert (
            db.session.scalar(db.select(db.func.count()).select_from(AuditEntry).where(AuditEntry.action == "confirm"))
            > 5
        )
