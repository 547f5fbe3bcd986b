"""Issue 13, done when: in real headless Chromium, a batch of four packets of one notice goes
upload → correction → confirm → 推荐 with ranking → export; the XLSX holds the recommended rows
in the reviewer's order, and neither the duplicate nor the withdrawn packet."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from admin_helpers import sample
from openpyxl import load_workbook
from test_browser import browser, live, log_in, page, upload_files  # noqa: F401 - the fixtures

pytestmark = pytest.mark.slow
NOTICE = "miit-2022-shuangkua"
COLUMNS = ("序号", "工业互联网平台名称", "依托企业", "联系人", "联系方式（手机）")


def decide(tab, base: str, sid: int, to: str, note: str = "") -> None:
    """The review page's decision panel: a move of one packet."""
    tab.goto(f"{base}/review/{sid}")
    if note:
        tab.fill("#decision-form input[name='note']", note)
    tab.click(f"#decision-form button[data-to='{to}']")
    tab.wait_for_selector(f"#decision[data-status='{to}']")


def ranked(tab) -> list[int]:
    return [int(i) for i in tab.eval_on_selector_all("tr.ranked", "rows => rows.map(r => r.dataset.id)")]


def test_a_batch_from_upload_to_the_ranked_summary_table(live, page, samples, tmp_path):  # noqa: F811
    base, _ = live
    files = []
    for n, name in ((1, "海川.pdf"), (2, "深圳数智.pdf"), (3, "西安数智.pdf"), (1, "海川-再次上传.pdf")):
        files.append(tmp_path / name)
        shutil.copy(sample(samples, NOTICE, n), files[-1])
    # upload (a clerk): four packets, the fourth the first one's bytes again
    log_in(page, base, "clerk")
    upload_files(page, base, [str(f) for f in files])
    links = page.eval_on_selector_all("#progress .file-link a", "links => links.map(a => a.href)")
    a, b, c, d = (int(url.rstrip("/").rsplit("/", 1)[1]) for url in links)
    page.goto(f"{base}/review/{d}")
    assert page.get_attribute("#decision", "data-status") == "duplicate"
    assert f"#{a}" in page.inner_text("#decision")
    # correction: C prints no 联系人; the clerk types it
    page.goto(f"{base}/review/{c}")
    box = page.locator("tr.field-row[data-key='contact.name'] .field-input")
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("王小明")
    page.keyboard.press("Enter")
    page.wait_for_selector("tr.field-row[data-key='contact.name'][data-status='corrected']")
    assert page.locator("#decision-form button[data-to='confirmed']").count() == 0  # a clerk cannot confirm

    # confirm (a reviewer), then 推荐 all three from the 推荐 page
    log_in(page, base, "rev")
    for sid in (a, b, c):
        decide(page, base, sid, "confirmed")
    page.goto(f"{base}/decisions/{NOTICE}")
    for sid in (a, b, c):
        page.click(f"tr.waiting[data-id='{sid}'] .recommend-button")
        page.wait_for_selector(f"tr.ranked[data-id='{sid}']")
    assert ranked(page) == [a, b, c]
    assert "推荐数量超过 2 个（已推荐 3 个）" in page.inner_text("#check")  # the notice's limit, on the batch
    # ranking: C ↑ one place, then B dragged to the top
    page.click(f"tr.ranked[data-id='{c}'] .shift-up")
    page.wait_for_function(f"document.querySelector('tr.ranked').nextElementSibling.dataset.id === '{c}'")
    assert ranked(page) == [a, c, b]
    with page.expect_response(lambda r: r.url.endswith("/order")):
        page.drag_and_drop(f"tr.ranked[data-id='{b}']", f"tr.ranked[data-id='{a}']", target_position={"x": 5, "y": 2})
    page.wait_for_load_state("load")
    page.wait_for_function(f"document.querySelector('tr.ranked').dataset.id === '{b}'")
    assert ranked(page) == [b, a, c]
    # the export stops at the broken limit; the applicant of A withdraws
    page.click(f"a.summary-export[data-notice='{NOTICE}']")
    page.wait_for_selector(".alert")
    assert "推荐数量超过 2 个" in page.inner_text("body")
    decide(page, base, a, "withdrawn", "申报单位来函撤回")
    page.goto(f"{base}/decisions/{NOTICE}")
    assert ranked(page) == [b, c]
    assert "推荐数量超过" not in page.inner_text("#check")

    # export: the recommended rows in the reviewer's order, in the notice's columns
    with page.expect_download() as download:
        page.click(f"a.summary-export[data-notice='{NOTICE}']")
    assert "草稿" not in download.value.suggested_filename
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    head = rows.index(COLUMNS)
    data = [r for r in rows[head + 1 :] if any(r)]
    assert [(r[0], r[1], r[2], r[3]) for r in data] == [
        (1, "数智工业互联网平台", "深圳数智智能装备股份有限公司", "余国超"),
        (2, "数智工业互联网平台", "西安数智网络科技有限公司", "王小明"),
    ]
    text = " ".join(str(v) for r in rows for v in r if v)
    assert "海川" not in text  # neither the withdrawn packet (A) nor its duplicate (D)
