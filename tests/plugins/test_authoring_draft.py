"""`shenbao notice draft`: drafting a field map from a blank 申报书, measured.

Blanks: ``samples/blanks/`` holds the blank templates of the four built-in notices (.docx and
born-digital .pdf), copied unchanged from the project's shared data, where the renderer of
the dev samples made them (see ``samples/blanks/README.md``). Nothing here reads ../shared.

"Recovered" is defined in :mod:`shenbao.plugins.authoring.recall`: a catalog label (the
``label`` of each field of the built-in notice, which is the shared catalog's) is recovered
when a drafted field, used at most once, carries a label equal to it after normalization
(NFKC; leading enumeration such as ``1、`` ``（一）`` ``附件1：`` ``3.5``; whitespace,
punctuation and blanks removed) or with rapidfuzz ratio >= 90 on those normalized forms.
Composite catalog labels (``总资产（万元） 2021年`` = row × column, ``真实性承诺 年 月 日`` =
place × date blank) are compared whole: the drafter composes its labels the same way.

The scanned blank of 试点示范 (the smallest) is drafted too, through OCR (marked slow).

Targets: >= 90 % of each catalog's field labels, from each kind of blank; 100 % of the
attachments the blank prints in a list. The 武汉 and 试点示范 blanks print no 材料清单
(their catalogs took the attachments from the notice text, see the catalog headers), so
for them the list is what the blank does print: 武汉's 目录 names 申报项目简表; 试点示范's
nothing. Recall against each whole catalog is printed, so the gap stays visible.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.plugins.authoring.draft import draft_notice
from shenbao.plugins.authoring.recall import field_candidates, recall
from shenbao.plugins.check import check_file
from shenbao.plugins.notice import load_notice

ROOT = Path(__file__).resolve().parents[2]
BLANKS = ROOT / "samples" / "blanks"
NOTICES = {
    "hunan-2023-platform": "hunan_2023_platform",
    "miit-2022-shuangkua": "miit_2022_shuangkua",
    "wuhan-fund-2022": "wuhan_fund_2022",
    "miit-2023-pilot": "miit_2023_pilot",
}
# attachments each blank prints as a list (材料清单 / 证明材料 / 目录); None = all of the catalog's
LISTED_ON_BLANK: dict[str, list[str] | None] = {
    "hunan-2023-platform": None,
    "miit-2022-shuangkua": None,
    "wuhan-fund-2022": ["申报项目简表"],
    "miit-2023-pilot": [],
}
FIELD_TARGET = 0.90


@pytest.mark.parametrize("kind", ["pdf", "docx"])
@pytest.mark.parametrize("notice_id", list(NOTICES))
def test_draft_recovers_the_catalog(notice_id: str, kind: str, recall_report: list[str]) -> None:
    measure(notice_id, kind, recall_report)


@pytest.mark.slow
def test_draft_from_a_scanned_blank(recall_report: list[str]) -> None:
    """The image-only scan is read with OCR (a few seconds a page)."""
    measure("miit-2023-pilot", "scan.pdf", recall_report)


def measure(notice_id: str, kind: str, recall_report: list[str]) -> None:
    catalog = load_notice(ROOT / "plugins" / NOTICES[notice_id] / "notice.toml")
    draft = draft_notice(BLANKS / f"{notice_id}.{kind}")
    fields = recall([f.label for f in catalog.fields],
                    [field_candidates(f.label, f.labels, f.column) for f in draft.fields])
    everything = recall([a.label for a in catalog.attachments], [(a.label,) for a in draft.attachments])
    listed = LISTED_ON_BLANK[notice_id]
    listed = [a.label for a in catalog.attachments] if listed is None else listed
    printed = recall(listed, [(a.label,) for a in draft.attachments])
    invented = recall([a.label for a in draft.attachments], [(a.label,) for a in catalog.attachments])
    recall_report.append(f"{notice_id:20} {kind:8}  fields {fields.found:3}/{fields.total:<3} {fields.share:6.1%}   "
                   f"attachments {everything.found}/{everything.total} of the catalog, "
                   f"{printed.found}/{printed.total} of those the blank lists")
    assert fields.share >= FIELD_TARGET, f"missing: {fields.missing}"
    assert printed.share == 1.0, f"missing attachments: {printed.missing}"
    assert invented.share == 1.0, f"drafted attachments not in the catalog: {invented.missing}"


def test_draft_of_a_scaffolded_package(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    package = tmp_path / "pkg"
    assert main(["notice", "new", "hunan-2024-platform", "--name", "湖南省2024年度平台", "--dir", str(package)]) == 0
    blank = str(BLANKS / "hunan-2023-platform.pdf")
    known = str(ROOT / "plugins" / "hunan_2023_platform" / "notice.toml")
    assert main(["notice", "draft", blank, "-o", str(package), "--compare", known]) == 0
    out = capsys.readouterr().out
    assert "recall against" in out and "fields 9" in out
    notice, problems = check_file(package / "shenbao_notice_hunan_2024_platform" / "notice.toml")
    assert [p for p in problems if p.is_error] == []
    assert notice.id == "hunan-2024-platform" and notice.name == "湖南省2024年度平台"
    assert len(notice.fields) >= 95 and len(notice.attachments) == 8
    by_label = {f.label: f for f in notice.fields}
    assert by_label["计划投资（万元）"].type == "money_wan"
    assert by_label["建设方式"].type == "choice" and by_label["建设方式"].options == ("自建", "合作共建")
    assert by_label["面向行业"].type == "multichoice"
    assert by_label["覆盖场景数（个）"].type == "integer"
    assert by_label["负债率（%） 2021年"].type == "percent" and by_label["负债率（%） 2021年"].column == "2021年"
    assert by_label["真实性承诺 年 月 日"].type == "date"
    # the draft replaced the untouched scaffold; an edited file needs --force
    assert main(["notice", "draft", blank, "-o", str(package)]) == 2
    assert "use --force" in capsys.readouterr().err
    assert main(["notice", "draft", blank, "-o", str(package), "--force"]) == 0


def test_unreadable_blank_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "blank.pdf"
    bad.write_bytes(b"not a pdf")
    assert main(["notice", "draft", str(bad), "--id", "x-1", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("shenbao: ") and len(err.splitlines()) == 1
    assert main(["notice", "draft", str(tmp_path / "none.docx"), "--id", "x-1", "-o", str(tmp_path / "out")]) == 2
    assert "no such file" in capsys.readouterr().err
