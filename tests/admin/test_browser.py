"""The desk in real headless Chromium: a live server with its embedded queue worker."""

from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

import pytest
from admin_helpers import add_user, make_config, sample
from openpyxl import load_workbook

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """(base URL, app) of a server on a free port, with the embedded worker on the SQLite queue."""
    from werkzeug.serving import make_server

    from shenbao.admin import create_app
    from shenbao.admin.queue import start_embedded_worker

    tmp = tmp_path_factory.mktemp("live")
    app = create_app(make_config("sqlite", tmp, None, QUEUE_IMMEDIATE=False, TESTING=False))
    for name, role in (("clerk", "clerk"), ("rev", "reviewer"), ("root", "admin")):
        add_user(app, name, role)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    worker, stop = start_embedded_worker(app)
    yield f"http://127.0.0.1:{server.server_port}", app
    stop.set()
    server.shutdown()
    worker.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


def log_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#username", name)
    page.fill("#password", "password-1")
    page.click("#login-button")
    page.wait_for_selector("#current-user")


def upload_files(page, base: str, files: list) -> None:
    page.goto(f"{base}/upload/")
    page.set_input_files("#files", files)
    page.click("#upload-button")
    page.wait_for_selector("body[data-ingested='1']", timeout=120_000)


def valid_code(prefix: str = "91420100MA4K2L3X5") -> str:
    from shenbao.ingest.orgcode import is_valid

    return next(prefix + c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if is_valid(prefix + c))


def test_review_with_the_keyboard_flag_and_export(live, page, samples, tmp_path):
    base, _ = live
    log_in(page, base, "rev")
    pdf = tmp_path / "试点申报书.pdf"
    shutil.copy(sample(samples, "miit-2023-pilot", 1), pdf)
    upload_files(page, base, [str(pdf)])
    assert page.inner_text("#progress .file-status").startswith("完成")
    page.click("#progress .file-link a")
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('field-input')")
    focused = page.evaluate("document.activeElement.closest('tr').dataset.key")
    assert focused == "applicant.org_code"  # the lowest-confidence field has the focus
    row = page.locator("tr.field-row[data-key='applicant.org_code']")
    page.keyboard.press("Control+A")
    page.keyboard.type("91420100MA4K2L3X5" + ("0" if valid_code()[-1] != "0" else "1"))
    page.keyboard.press("Enter")
    message = row.locator(".field-message")
    message.wait_for(state="visible")
    assert "校验位" in message.inner_text()
    assert row.get_attribute("data-status") == "review"
    page.keyboard.press("Control+A")
    page.keyboard.type(valid_code())
    page.keyboard.press("Enter")
    page.wait_for_selector("tr.field-row[data-key='applicant.org_code'][data-status='corrected']")
    assert row.locator(".field-status").inner_text() == "已更正"
    assert page.evaluate("document.activeElement.closest('tr').dataset.key") != "applicant.org_code"
    # flag a missing attachment with a note
    form = page.locator("tr.attachment-row[data-key='video_evidence'] form")
    form.locator("select").select_option("missing")
    form.locator("input[name='note']").fill("缺少视频说明页")
    form.locator("button").click()
    page.wait_for_selector("tr.attachment-row[data-key='video_evidence'][data-flag='missing']")
    assert "缺少视频说明页" in page.inner_text("#attachments")
    assert page.locator("tr.requirement[data-key='video_evidence'][data-present='0']").count() == 1
    # export the 汇总表 and read its cells
    page.goto(f"{base}/export/")
    with page.expect_download() as download:
        page.click("a.draft-export[data-notice='miit-2023-pilot']")  # nothing is recommended yet
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    head = rows.index(("序号", "项目名称", "项目类别和方向", "申报单位名称", "联系人", "联系方式（手机与邮箱）"))
    assert rows[head + 1][0] == 1
    assert rows[head + 1][3] == "武汉数智工业软件股份有限公司"
    assert rows[head + 1][1] == "数智工业互联网数字化转型促进中心项目"
    page.goto(f"{base}/audit/")
    assert valid_code() in page.inner_text("body")
    assert "rev" in page.inner_text("body")


def test_bad_uploads_fail_alone(live, page, samples, tmp_path):
    base, _ = live
    log_in(page, base, "clerk")
    (tmp_path / "空文件.pdf").write_bytes(b"")
    (tmp_path / "readme.txt").write_text("not a packet")
    good = tmp_path / "wuhan.pdf"
    shutil.copy(sample(samples, "wuhan-fund-2022", 2), good)
    upload_files(page, base, [str(tmp_path / "空文件.pdf"), str(tmp_path / "readme.txt"), str(good)])
    text = page.inner_text("#progress")
    assert "文件为空" in text
    assert "不是 PDF" in text
    statuses = page.eval_on_selector_all("#progress .file-status", "cells => cells.map(c => c.dataset.status)")
    assert statuses == ["failed", "failed", "done"]


def test_clerk_cannot_reach_user_admin(live, page):
    base, _ = live
    log_in(page, base, "clerk")
    assert page.locator("a[href='/users/']").count() == 0
    response = page.goto(f"{base}/users/")
    assert response.status == 403
    assert "无权" in page.inner_text("#error-message")


def test_post_without_csrf_token_is_refused(live, page):
    base, _ = live
    log_in(page, base, "root")
    status = page.evaluate("""async () => (await fetch('/review/1/field', {method: 'POST',
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify({key: 'x', value: 'y'})})).status""")
    assert status == 400
    response = page.request.post(f"{base}/users/new/", form={"username": "eve", "role": "admin", "password": "x" * 10})
    assert response.status == 400
    assert "CSRF" in response.text()
