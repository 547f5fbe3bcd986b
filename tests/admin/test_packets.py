"""A file holding several packets becomes one submission per packet, and the clerk can move
the split points (issue 15, part 3); findings about the file's pages show in the desk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from admin_helpers import field, login, save, upload
from pdf_builders import stack
from tests_support import write_text_pdf


def pilot(samples: Path) -> Path:
    return samples / "miit-2023-pilot" / "miit-2023-pilot-dev-03.pdf"  # 4 pages


def hunan(samples: Path) -> Path:
    return samples / "hunan-2023-platform" / "hunan-2023-platform-dev-03.pdf"  # 12 pages


def packets(app: Any) -> list[tuple[str | None, list[int] | None, str]]:
    from shenbao.models import SourceFile, db

    with app.app_context():
        source = db.session.scalar(db.select(SourceFile))
        found = [(s.notice_id, (s.extraction or {}).get("page_range"), s.status) for s in source.submissions]
        return sorted(found, key=lambda p: p[1] or [0])


def ids(app: Any) -> list[int]:
    from shenbao.models import Submission, db

    with app.app_context():
        return list(db.session.scalars(db.select(Submission.id).order_by(Submission.id)))


def split(client: Any, token: str, app: Any, first_pages: str) -> Any:
    from shenbao.models import SourceFile, db

    with app.app_context():
        source_id = db.session.scalar(db.select(SourceFile.id))
    return client.post(f"/packets/{source_id}", data={"first_pages": first_pages, "csrf_token": token})


def test_a_stack_becomes_one_submission_per_packet(app, client, samples, tmp_path):
    token = login(client, app, "clerk")
    path = stack([pilot(samples), hunan(samples)], tmp_path / "stack.pdf")
    status = upload(client, token, [(path, "一摞.pdf")])
    assert status["files"][0]["status"] == "done"
    assert [p[:2] for p in packets(app)] == [("miit-2023-pilot", [1, 4]), ("hunan-2023-platform", [5, 16])]
    assert {p[2] for p in packets(app)} <= {"needs_review", "corrected"}
    first, second = ids(app)
    review = client.get(f"/review/{second}").get_data(as_text=True)
    assert "一摞.pdf (第5-16页)" in review
    assert 'id="packets-link"' in review
    page = client.get(review.split('id="packets-link" href="')[1].split('"')[0]).get_data(as_text=True)
    assert page.count('class="packet"') == 2
    assert f"/review/{first}" in page
    assert f"/review/{second}" in page


def test_the_clerk_moves_a_split_point_and_unchanged_packets_keep_their_review(app, client, samples, tmp_path):
    token = login(client, app, "clerk")
    path = stack([pilot(samples), pilot(samples), hunan(samples)], tmp_path / "stack.pdf")
    upload(client, token, [(path, "stack.pdf")])
    assert [p[:2] for p in packets(app)] == [
        ("miit-2023-pilot", [1, 4]),
        ("miit-2023-pilot", [5, 8]),
        ("hunan-2023-platform", [9, 20]),
    ]
    hunan_id = ids(app)[2]
    before = field(app, hunan_id, "applicant.name")
    assert (
        save(client, token, hunan_id, "applicant.name", "株洲云创网络科技股份有限公司", before.version).status_code
        == 200
    )

    response = split(client, token, app, "1, 9")  # the clerk says pages 1-8 are one packet
    assert response.status_code == 302
    assert [p[:2] for p in packets(app)] == [("miit-2023-pilot", [1, 8]), ("hunan-2023-platform", [9, 20])]
    assert hunan_id in ids(app)  # its pages did not change: the same submission, corrections kept
    assert field(app, hunan_id, "applicant.name").value == "株洲云创网络科技股份有限公司"

    from shenbao.models import AuditEntry, db

    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "split"))
        assert entry.new_value == [1, 9]
        assert entry.username == "clerk"


def test_a_bad_split_point_changes_nothing(app, client, samples, tmp_path):
    token = login(client, app, "clerk")
    upload(client, token, [(stack([pilot(samples), hunan(samples)], tmp_path / "stack.pdf"), "stack.pdf")])
    before = packets(app)
    response = split(client, token, app, "1, 40")
    assert response.status_code == 302
    assert packets(app) == before
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "拆分点须为 1 至 16 之间的页码" in page


def test_pages_of_no_attachment_are_a_finding_in_the_desk(app, client, samples, tmp_path):
    token = login(client, app, "clerk")
    stray = write_text_pdf(tmp_path / "stray.pdf", ["Minutes of the canteen committee, 12 May"])
    upload(client, token, [(stack([pilot(samples), stray], tmp_path / "packet.pdf"), "packet.pdf")])
    (sid,) = ids(app)
    assert "第 5 页无法归入任何附件" in client.get(f"/review/{sid}").get_data(as_text=True)
    before = field(app, sid, "applicant.name")
    assert save(client, token, sid, "applicant.name", "联创云计算集团股份有限公司", before.version).status_code == 200
    # recomputing the values' findings keeps the findings about the file's pages
    assert "第 5 页无法归入任何附件" in client.get(f"/review/{sid}").get_data(as_text=True)
