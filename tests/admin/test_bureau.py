"""The bureau's workflow (issue 13, parts 1, 2, 6): states and who moves them, the 推荐汇总表
as the decision (推荐排序, draft, limits), withdraw/exclude/restore, demo data."""

from __future__ import annotations

import io

import pytest
from admin_helpers import add_user, csrf_token, field, login, sample, save, upload
from openpyxl import load_workbook

PILOT = "miit-2023-pilot"
COLUMNS = ("序号", "项目名称", "项目类别和方向", "申报单位名称", "联系人", "联系方式（手机与邮箱）")


def status_of(app, sid):
    from shenbao.models import Submission, db

    with app.app_context():
        s = db.session.get_one(Submission, sid)
        return s.status, s.recommend_rank


def moves(app, sid):
    from shenbao.models import AuditEntry, db

    with app.app_context():
        query = db.select(AuditEntry).where(AuditEntry.submission_id == sid, AuditEntry.target == "submission")
        return [
            (e.action, e.username, e.old_value, e.new_value) for e in db.session.scalars(query.order_by(AuditEntry.id))
        ]


def switch(client, app, name):
    """Log in as ``name`` (made before) in place of the current user; returns a fresh CSRF token."""
    token = csrf_token(client)
    client.post("/login", data={"username": name, "password": "password-1", "csrf_token": token})
    return csrf_token(client, "/upload/")


def decide(client, token, sid, to, note=""):
    return client.post(f"/decisions/packet/{sid}", data={"csrf_token": token, "to": to, "note": note})


def rows_of(data: bytes):
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return sheet.title, rows, rows[rows.index(COLUMNS) + 1 :]


@pytest.fixture
def batch(app, client, samples):
    """Three pilot packets uploaded by a clerk; reviewer ``rev`` and admin ``root`` exist."""
    token = login(client, app, "clerk")
    add_user(app, "rev", "reviewer")
    add_user(app, "root", "admin")
    status = upload(client, token, [(sample(samples, PILOT, n), f"p{n}.pdf") for n in (1, 2, 3)])
    return token, [f["submission"] for f in status["files"]]


def valid_code(prefix: str = "91420100MA4K2L3X5") -> str:
    from shenbao.ingest.orgcode import is_valid

    return next(prefix + c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if is_valid(prefix + c))


def test_states_move_only_as_the_bureau_allows(app, client, batch):
    token, (a, b, c) = batch
    assert [status_of(app, s)[0] for s in (a, b, c)] == ["needs_review"] * 3
    # the one field of a left to review, corrected by the clerk: 已更正
    answer = save(client, token, a, "applicant.org_code", valid_code(), None).get_json()
    assert (answer["ok"], answer["submission_status"]) == (True, "corrected")
    assert moves(app, a) == [("corrected", "clerk", "needs_review", "corrected")]
    # c has nothing to review from the start, but no person looked at it: still 待审核
    assert status_of(app, c)[0] == "needs_review"
    # a clerk may not confirm or recommend
    decide(client, token, a, "confirmed")
    decide(client, token, a, "recommended")
    assert status_of(app, a)[0] == "corrected"
    assert len(moves(app, a)) == 1
    token = switch(client, app, "rev")
    assert decide(client, token, a, "recommended").status_code == 302
    assert status_of(app, a)[0] != "recommended"  # only from 已确认
    decide(client, token, a, "confirmed")
    assert status_of(app, a)[0] == "confirmed"
    decide(client, token, b, "confirmed")
    decide(client, token, b, "not_recommended")  # no reason: refused
    assert status_of(app, b)[0] == "confirmed"
    decide(client, token, b, "not_recommended", "不符合申报条件")
    decide(client, token, a, "recommended")
    assert status_of(app, a) == ("recommended", 1)
    assert status_of(app, b) == ("not_recommended", None)
    panel = client.get(f"/review/{b}").get_data(as_text=True)
    assert "不符合申报条件" in panel
    assert "撤销决定（退回已确认）" in panel
    # a decided packet's values are locked until the reviewer takes it back to 已确认
    fv = field(app, a, "contact.name")
    refused = save(client, token, a, "contact.name", "王小明", fv.version)
    assert refused.status_code == 409
    assert "推荐" in refused.get_json()["error"]
    actions = [m[0] for m in moves(app, a)]
    assert actions[-2:] == ["confirm", "recommend"]
    assert moves(app, b)[-1] == ("not_recommend", "rev", "confirmed", "not_recommended")


def test_a_clerks_correction_takes_a_confirmed_packet_back(app, client, batch):
    token, (a, _b, _c) = batch
    token = switch(client, app, "rev")
    decide(client, token, a, "confirmed")
    token = switch(client, app, "clerk")
    fv = field(app, a, "contact.name")
    assert save(client, token, a, "contact.name", "王小明", fv.version).get_json()["ok"]
    assert status_of(app, a)[0] in ("corrected", "needs_review")
    assert moves(app, a)[-1][:2] in (("corrected", "clerk"), ("reopen", "clerk"))


def test_ranking_export_draft_and_set_aside(app, client, batch):
    _token, (a, b, c) = batch
    token = switch(client, app, "rev")
    client.post("/submissions/action/", data={"csrf_token": token, "action": "mark_reviewed", "rowid": [a, b, c]})
    client.post("/submissions/action/", data={"csrf_token": token, "action": "recommend", "rowid": [a, b, c]})
    assert [status_of(app, s) for s in (a, b, c)] == [("recommended", 1), ("recommended", 2), ("recommended", 3)]
    # ↑ on c, then a drag order: b, c, a
    client.post(f"/decisions/packet/{c}/shift", data={"csrf_token": token, "delta": "up"})
    assert [status_of(app, s)[1] for s in (a, b, c)] == [1, 3, 2]
    answer = client.post(f"/decisions/{PILOT}/order", json={"ids": [b, c, a]}, headers={"X-CSRFToken": token})
    assert answer.get_json() == {"ok": True, "changed": 2}  # c stays second
    assert [status_of(app, s)[1] for s in (b, c, a)] == [1, 2, 3]
    names = {s: field(app, s, "applicant.name").value for s in (a, b, c)}
    response = client.get(f"/export/summary/{PILOT}.xlsx")
    assert "%E8%8D%89%E7%A8%BF" not in response.headers["Content-Disposition"]  # no 草稿 in the name
    title, _rows, data = rows_of(response.data)
    assert "草稿" not in title
    assert [r[3] for r in data] == [names[b], names[c], names[a]]
    assert [r[0] for r in data] == [1, 2, 3]
    # withdraw c (reviewer), exclude a as a duplicate: neither is in the table; ranks close up
    decide(client, token, c, "withdrawn", "申报单位撤回")
    client.post("/submissions/action/", data={"csrf_token": token, "action": "exclude", "rowid": [a]})
    assert status_of(app, c) == ("withdrawn", None)
    assert status_of(app, b) == ("recommended", 1)
    _, _, data = rows_of(client.get(f"/export/summary/{PILOT}.xlsx").data)
    assert [r[3] for r in data] == [names[b]]
    # the draft: every live packet, marked as such in sheet, title and file name
    response = client.get(f"/export/summary/{PILOT}.xlsx?draft=1")
    assert "%E8%8D%89%E7%A8%BF" in response.headers["Content-Disposition"]  # 草稿 in the file name
    title, rows, data = rows_of(response.data)
    assert title.startswith("草稿")
    assert "草稿" in rows[0][0]
    assert [r[3] for r in data] == [names[b]]  # a and c are set aside
    # only an admin restores, to the state it had; the trail says who did what
    client.post("/submissions/action/", data={"csrf_token": token, "action": "restore", "rowid": [c]})
    assert status_of(app, c)[0] == "withdrawn"
    token = switch(client, app, "root")
    client.post("/submissions/action/", data={"csrf_token": token, "action": "restore", "rowid": [c, a]})
    assert status_of(app, a) == ("recommended", 2)  # restored in id order, at the end of the 推荐排序
    assert status_of(app, c) == ("recommended", 3)
    assert moves(app, c)[-2:] == [
        ("withdraw", "rev", "recommended", "withdrawn"),
        ("restore", "root", "withdrawn", "recommended"),
    ]


def test_the_notices_limit_is_checked_before_export(app, client, batch, manager, monkeypatch):
    """With the pilot's limit lowered to 2 (the notice's data; 双跨 has 2), a third 推荐 is a
    finding on the batch and on each recommended packet, and the export stops at it."""
    _token, ids = batch
    limit = manager.notice(PILOT).limits[0]
    monkeypatch.setitem(limit, "value", 2)
    token = switch(client, app, "rev")
    client.post("/submissions/action/", data={"csrf_token": token, "action": "mark_reviewed", "rowid": ids})
    client.post("/submissions/action/", data={"csrf_token": token, "action": "recommend", "rowid": ids[:2]})
    assert client.get(f"/export/summary/{PILOT}.xlsx").status_code == 200
    decide(client, token, ids[2], "recommended")
    page = client.get(f"/decisions/{PILOT}").get_data(as_text=True)
    assert "推荐数量超过 2 个（已推荐 3 个）" in page
    review = client.get(f"/review/{ids[0]}").get_data(as_text=True)
    assert "推荐数量超过 2 个" in review
    blocked = client.get(f"/export/summary/{PILOT}.xlsx")
    assert blocked.status_code == 302
    assert f"/decisions/{PILOT}" in blocked.headers["Location"]
    assert "推荐数量超过 2 个" in client.get(blocked.headers["Location"]).get_data(as_text=True)
    _, _, data = rows_of(client.get(f"/export/summary/{PILOT}.xlsx?anyway=1").data)
    assert len(data) == 3
    decide(client, token, ids[2], "not_recommended", "超出推荐名额")
    assert "推荐数量超过" not in client.get(f"/decisions/{PILOT}").get_data(as_text=True)


def test_demo_data_is_kept_apart_and_removed_at_once(app, client, runner, samples, tmp_path):
    code, out, err = runner.invoke(
        ["ingest", str(sample(samples, PILOT, 1)), str(sample(samples, PILOT, 2)), "--wait", "--demo"]
    )
    assert code == 0, err
    token = login(client, app, "root", "admin")
    real = upload(client, token, [(sample(samples, PILOT, 1), "real.pdf")])["files"][0]["submission"]
    assert status_of(app, real)[0] == "needs_review"  # the same bytes as a demo sample: not its duplicate
    home = client.get("/").get_data(as_text=True)
    assert "2 份演示数据" in home
    client.post("/submissions/action/", data={"csrf_token": token, "action": "mark_reviewed", "rowid": [1, 2, real]})
    client.post("/submissions/action/", data={"csrf_token": token, "action": "recommend", "rowid": [1, 2, real]})
    _, _, data = rows_of(client.get(f"/export/summary/{PILOT}.xlsx").data)
    assert len(data) == 1  # the demo packets are in no real export
    assert len(rows_of(client.get(f"/export/summary/{PILOT}.xlsx?draft=1").data)[2]) == 1
    csv = client.get("/export/all.csv").data.decode("utf-8-sig")
    assert {line.split(",")[0] for line in csv.splitlines()[1:]} == {str(real)}
    code, out, _ = runner.invoke(["demo", "list"])
    assert out.count("\n") == 2
    client.post("/demo/remove", data={"csrf_token": token})
    from shenbao.models import AuditEntry, SourceFile, Submission, db

    with app.app_context():
        assert db.session.scalars(db.select(Submission.id)).all() == [real]
        assert len(db.session.scalars(db.select(SourceFile.id)).all()) == 1
        entry = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "remove_demo")).one()
        assert entry.username == "root"
        assert len(entry.old_value) == 2
    assert status_of(app, real)[0] == "recommended"
    assert field(app, real, "applicant.name") is not None  # the shared original stays for the real upload
    assert client.get(f"/review/{real}/crop/applicant.name.png").status_code == 200


def test_cli_withdraw_exclude_restore_and_demo(app, runner, samples):
    code, out, err = runner.invoke(["ingest", str(sample(samples, PILOT, 1)), str(sample(samples, PILOT, 2)), "--wait"])
    assert code == 0, err
    code, out, err = runner.invoke(["withdraw", "1", "--reason", "申报单位来函撤回"])
    assert (code, out.strip()) == (0, "#1: 已撤回")
    code, out, err = runner.invoke(["exclude", "2"])
    assert (code, out.strip()) == (0, "#2: 重复")
    code, out, err = runner.invoke(["withdraw", "2"])
    assert code == 9  # conflict: a set-aside packet only comes back by restore
    assert "只能由管理员恢复" in err
    code, out, err = runner.invoke(["restore", "1", "2", "--user", "张管理"])
    assert (code, out.split()) == (0, ["#1:", "待审核", "#2:", "待审核"])
    assert moves(app, 1)[-1] == ("restore", "张管理", "withdrawn", "needs_review")
    code, _, err = runner.invoke(["restore", "9"])
    assert code == 2
    assert "no such submission: #9" in err
    code, out, _ = runner.invoke(["demo", "mark", "2"])
    assert out.strip() == "1 submissions marked as demo data"
    code, out, _ = runner.invoke(["demo", "remove"])
    assert out.strip() == "1 demo submissions deleted"
    assert status_of(app, 1)[0] == "needs_review"
