"""Real concurrency against a real ``shenbao serve`` (waitress, 8 threads) on SQLite and
PostgreSQL: several clerks saving one field at the same moment, bulk actions, uploads and
exports at once. No request gets a 500; the losers of a race get the 409 message."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from admin_helpers import add_user, make_config, sample
from server_process import Browser, Server, server_env
from sqlalchemy import text

pytestmark = pytest.mark.slow
CLERKS = 6
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
Response = tuple[int, dict[str, str], str]


@dataclass
class Desk:
    app: Any
    server: Server
    browsers: list[Browser]
    tokens: list[str]
    submissions: list[int]
    notice: str
    pdf: Path


@pytest.fixture(scope="module", params=BACKENDS)
def desk(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, pg_schema: str | None
) -> Iterator[Desk]:
    """Two ingested submissions, six reviewers logged in, a server without a worker."""
    from shenbao.admin import create_app
    from shenbao.admin.ingest import ingest_upload
    from shenbao.models import db

    tmp = tmp_path_factory.mktemp(f"desk-{request.param}")
    samples = request.getfixturevalue("samples")
    config = make_config(request.param, tmp, pg_schema)
    env = server_env(tmp / "home", SHENBAO_DATABASE_URL=config["SQLALCHEMY_DATABASE_URI"])
    if request.param == "postgresql":
        env["PGOPTIONS"] = config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["options"]
        with create_app(config).app_context():  # empty tables
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    app = create_app(config)
    pdfs = [sample(samples, "wuhan-fund-2022", n) for n in (1, 2)]
    with app.app_context():
        handles = [p.open("rb") for p in pdfs]
        _, subs = ingest_upload([(h, p.name) for h, p in zip(handles, pdfs, strict=True)], "test")
        for h in handles:
            h.close()
        ids = [s.id for s in subs]
        db.session.remove()
    for n in range(CLERKS):
        add_user(app, f"rev{n}", "reviewer")
    server = Server(env, "--no-worker", "--threads", "8")
    try:
        server.wait_ready()
        browsers = [Browser(server.base) for _ in range(CLERKS)]
        for n, browser in enumerate(browsers):
            assert browser.login(f"rev{n}", "password-1")[0] == 302
        tokens = [b.token(f"/review/{ids[0]}") for b in browsers]
        yield Desk(app, server, browsers, tokens, ids, "wuhan-fund-2022", pdfs[0])
    finally:
        server.stop()
        with app.app_context():
            db.engine.dispose()
    assert "Traceback" not in server.output()


def at_once(calls: list[Callable[[], Response]]) -> list[Response]:
    """Run the calls in threads released together."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Response]) -> Response:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def text_field(desk: Desk) -> tuple[str, int]:
    """A plain text field of the first submission, and its version."""
    from shenbao.models import FieldValue, db
    from shenbao.plugins.manager import get_manager

    notice = get_manager().notice(desk.notice)
    keys = [f.key for f in notice.fields if f.type == "text" and not f.key.startswith("applicant.")]
    with desk.app.app_context():
        row = db.session.scalar(
            db.select(FieldValue).where(FieldValue.submission_id == desk.submissions[0], FieldValue.key == keys[0])
        )
        found = (row.key, row.version)
        db.session.remove()
    return found


def save(desk: Desk, n: int, key: str, value: str, version: int | None) -> Callable[[], Response]:
    data = {"key": key, "value": value, "csrf_token": desk.tokens[n]}
    if version is not None:
        data["version"] = str(version)
    return lambda: desk.browsers[n].request(f"/review/{desk.submissions[0]}/field", data)


def test_six_clerks_saving_one_field_at_once_one_wins_the_rest_get_409(desk):
    for round_ in range(3):
        key, version = text_field(desk)
        answers = at_once([save(desk, n, key, f"第{round_}轮-{n}", version) for n in range(CLERKS)])
        codes = sorted(code for code, _, _ in answers)
        assert codes == [200] + [409] * (CLERKS - 1), answers
        for code, _, body in answers:
            if code == 409:
                assert "请刷新后重试" in json.loads(body)["error"] or "您的修改未保存" in json.loads(body)["error"]


def test_bulk_actions_and_saves_at_once(desk):
    ids = [("rowid", str(i)) for i in desk.submissions]
    key, _ = text_field(desk)

    def action(n: int, name: str) -> Callable[[], Response]:
        data = [("csrf_token", desk.tokens[n]), ("action", name), *ids]
        return lambda: desk.browsers[n].request("/submissions/action/", data)

    calls = [action(0, "mark_reviewed"), action(1, "mark_reviewed"), action(2, "recheck"), action(3, "recheck")]
    calls += [save(desk, 4, key, "并发-4", None), save(desk, 5, key, "并发-5", None)]
    answers = at_once(calls)
    codes = [code for code, _, _ in answers]
    assert codes[:4] == [302] * 4, answers  # done, or the 409 message flashed on the list
    assert set(codes[4:]) <= {200, 409}, answers  # a save racing the bulk confirmation may lose
    from shenbao.models import FindingRecord, Submission, db

    with desk.app.app_context():  # every recomputation read what the one before wrote
        for submission in db.session.scalars(db.select(Submission).where(Submission.id.in_(desk.submissions))):
            found = [
                (f.scope, f.code, f.key)
                for f in db.session.scalars(
                    db.select(FindingRecord).where(FindingRecord.submission_id == submission.id)
                )
            ]
            assert len(found) == len(set(found)) == submission.open_findings
        db.session.remove()


def multipart(token: str, files: list[tuple[str, bytes]]) -> tuple[bytes, dict[str, str]]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'.encode()]
    for name, data in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        parts.append(head.encode() + b"Content-Type: application/pdf\r\n\r\n" + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def test_uploads_at_once(desk):
    from shenbao.models import SourceFile, db

    data = desk.pdf.read_bytes()

    def upload(n: int) -> Callable[[], Response]:
        body, headers = multipart(desk.tokens[n], [(f"同一文件-{n}.pdf", data), ("坏文件.pdf", b"not a pdf")])
        return lambda: desk.browsers[n].request("/upload/", body=body, headers=headers)

    answers = at_once([upload(n) for n in range(4)])
    assert [code for code, _, _ in answers] == [302] * 4, answers
    with desk.app.app_context():
        names = db.session.scalars(db.select(SourceFile.filename).where(SourceFile.filename.like("同一文件-%"))).all()
        db.session.remove()
    assert sorted(names) == [f"同一文件-{n}.pdf" for n in range(4)]


def test_exports_while_saving(desk):
    key, _ = text_field(desk)

    def get(n: int, path: str) -> Callable[[], Response]:
        return lambda: desk.browsers[n].request(path)

    calls = [get(n, f"/export/summary/{desk.notice}.xlsx?draft=1") for n in range(2)]
    calls += [get(2, "/export/all.csv"), get(3, "/export/all.xlsx")]
    calls += [save(desk, 4, key, "导出时-4", None), save(desk, 5, key, "导出时-5", None)]
    answers = at_once(calls)
    codes = [code for code, _, _ in answers]
    assert codes[:4] == [200] * 4, [(c, b[:200]) for c, _, b in answers]
    assert set(codes[4:]) <= {200, 409}, answers
