"""The UI is Chinese: every message of the desk has a zh_Hans_CN translation, compiled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ADMIN = Path(__file__).resolve().parents[2] / "admin"
CATALOG = ADMIN / "translations" / "zh_Hans_CN" / "LC_MESSAGES"


def test_every_message_is_translated_and_compiled(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ADMIN,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as fh:
        wanted = {m.id for m in read_po(fh) if m.id}
    with (CATALOG / "messages.po").open("rb") as fh:
        po = {m.id: m.string for m in read_po(fh) if m.id}
    with (CATALOG / "messages.mo").open("rb") as fh:
        mo = {m.id: m.string for m in read_mo(fh) if m.id}
    assert not wanted - set(po), f"not in messages.po: {sorted(wanted - set(po))}"
    assert all(po[k] for k in wanted), "untranslated messages"
    assert {k: mo.get(k) for k in wanted} == {k: po[k] for k in wanted}, "messages.mo is stale: pybabel compile"


def test_pages_render_in_chinese(app, client):
    from admin_helpers import login

    login(client, app, "clerk")
    html = client.get("/upload/").get_data(as_text=True)
    assert "上传文件" in html
    assert "退出登录" in html
    assert "Upload files" not in html
