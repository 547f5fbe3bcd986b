"""Finding a missing value in seconds, in real headless Chromium (issue 13, part 3): focus
selects a field's text so typing replaces it, F2 opens the field's page large, and after the
last field to review the next submission of the same notice opens. Also takes the README's
screenshots (``SHENBAO_SCREENSHOTS=docs`` writes them there)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from admin_helpers import field, sample
from test_browser import browser, live, log_in, page, upload_files, valid_code

pytestmark = pytest.mark.slow
__all__ = ["browser", "live", "page"]  # the fixtures of test_browser, one server for this module
BLANK = "miit-2023-pilot.pdf"


@pytest.fixture(scope="module")
def batch(live, browser, samples, tmp_path_factory):
    """The empty form and two filled packets of one notice, uploaded through the page:
    {name: submission id}."""
    base, _ = live
    tmp = tmp_path_factory.mktemp("batch")
    files = {
        "blank": Path(__file__).resolve().parents[2] / "samples" / "blanks" / BLANK,
        "dev1": sample(samples, "miit-2023-pilot", 1),
        "dev2": sample(samples, "miit-2023-pilot", 2),
    }
    paths = [shutil.copy(src, tmp / f"{name}.pdf") for name, src in files.items()]
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    log_in(pg, base, "rev")
    upload_files(pg, base, [str(p) for p in paths])
    links = pg.eval_on_selector_all("#progress .file-link a", "links => links.map(a => a.getAttribute('href'))")
    context.close()
    ids = [int(link.rsplit("/", 1)[1]) for link in links]
    return dict(zip(files, ids, strict=True))


def shot(page, name: str, tmp_path: Path, **kwargs) -> Path:
    folder = Path(os.environ.get("SHENBAO_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    page.screenshot(path=str(path), **kwargs)
    assert path.stat().st_size > 10_000
    return path


def test_typing_replaces_the_focused_value_and_the_last_field_goes_on(live, page, batch):
    base, app = live
    log_in(page, base, "rev")
    page.goto(f"{base}/review/{batch['dev1']}")
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('field-input')")
    key = page.evaluate("document.activeElement.closest('tr').dataset.key")
    before = page.evaluate("document.activeElement.value")
    assert key == "applicant.org_code"
    assert before
    selected = page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]")
    assert selected == [0, len(before)]  # the whole value is selected: typing replaces it
    page.keyboard.type(valid_code())  # no Ctrl+A
    needs = page.locator("tr.field-row[data-needs='1']").count()
    assert needs == 1  # the last field to review of this packet
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/review/(?!{batch['dev1']}$)\d+$"))
    assert field(app, batch["dev1"], key).value == valid_code()  # not appended to the old value
    landed = int(page.url.rsplit("/", 1)[1])
    assert landed in (batch["blank"], batch["dev2"])  # the same notice's next packet to review
    # a field reached with Tab is selected too
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('field-input')")
    page.keyboard.press("Tab")
    selected = page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]")
    assert selected == [0, len(page.evaluate("document.activeElement.value"))]


def test_a_missing_value_shows_its_boxed_label_and_f2_opens_the_page(live, page, batch, tmp_path):
    base, _ = live
    log_in(page, base, "clerk")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{base}/review/{batch['blank']}")
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('field-input')")
    row = page.locator("tr.field-row[data-key='project.name']")
    assert row.get_attribute("data-where") == "label"
    assert row.get_attribute("data-page") == "2"
    crop = row.locator("img.crop")
    crop.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=crop.element_handle())
    assert "已框出标签" in row.inner_text()
    shot(page, "review-missing-field.png", tmp_path)
    focused = page.evaluate("document.activeElement.closest('tr').dataset.key")
    page.keyboard.press("F2")
    viewer = page.locator("#page-viewer")
    viewer.wait_for(state="visible")
    image = page.locator("#page-viewer-image")
    want = page.locator(f"tr.field-row[data-key='{focused}']").get_attribute("data-page")
    assert f"/page/{want}.png?key={focused}" in image.get_attribute("src")
    page.wait_for_function("img => img.complete && img.naturalWidth > 500", arg=image.element_handle())
    assert "第 2 /" in page.inner_text("#page-viewer-caption")
    shot(page, "review-page-large.png", tmp_path)
    page.keyboard.press("ArrowRight")
    assert viewer.get_attribute("data-page") == "3"
    page.keyboard.press("Escape")
    viewer.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.closest('tr').dataset.key") == focused  # back to typing


def test_the_dashboard_shows_the_batch(live, page, batch, tmp_path):
    base, _ = live
    log_in(page, base, "rev")
    page.set_viewport_size({"width": 1300, "height": 1100})
    page.goto(f"{base}/dashboard/miit-2023-pilot")
    assert page.locator("tr.state").count() >= 4
    assert int(page.get_attribute("tr.state[data-state='needs_review']", "data-count")) >= 2
    assert page.locator("#completeness-chart g.bucket").count() == 5
    assert page.locator("li.deadline").count() == 3
    assert page.locator("li.blocker").count() >= 1
    assert int(page.get_attribute("tr.finding-kind[data-kind='missing_field']", "data-count")) > 0
    shot(page, "dashboard.png", tmp_path, full_page=True)
