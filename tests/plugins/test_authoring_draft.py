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

import json
from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.core.errors import ExitCode
from shenbao.core.notice import load_notice
from shenbao.plugins.authoring.draft import draft_notice
from shenbao.plugins.authoring.recall import field_candidates, recall
from shenbao.plugins.check import check_file

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
    fields = recall(
        [f.label for f in catalog.fields], [field_candidates(f.label, f.labels, f.column) for f in draft.fields]
    )
    everything = recall([a.label for a in catalog.attachments], [(a.label,) for a in draft.attachments])
    listed = LISTED_ON_BLANK[notice_id]
    listed = [a.label for a in catalog.attachments] if listed is None else listed
    printed = recall(listed, [(a.label,) for a in draft.attachments])
    invented = recall([a.label for a in draft.attachments], [(a.label,) for a in catalog.attachments])
    recall_report.append(
        f"{notice_id:20} {kind:8}  fields {fields.found:3}/{fields.total:<3} {fields.share:6.1%}   "
        f"attachments {everything.found}/{everything.total} of the catalog, "
        f"{printed.found}/{printed.total} of those the blank lists"
    )
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
    assert "recall against" in out
    assert "fields 9" in out
    notice, problems = check_file(package / "shenbao_notice_hunan_2024_platform" / "notice.toml")
    assert problems == []  # not even a warning: repeated labels carry a context, row or column
    assert notice is not None
    assert notice.id == "hunan-2024-platform"
    assert notice.name == "湖南省2024年度平台"
    assert len(notice.fields) >= 95
    assert len(notice.attachments) == 8
    by_label = {f.label: f for f in notice.fields}
    assert by_label["计划投资（万元）"].type == "money_wan"
    assert by_label["建设方式"].type == "choice"
    assert by_label["建设方式"].options == ("自建", "合作共建")
    assert by_label["面向行业"].type == "multichoice"
    assert by_label["覆盖场景数（个）"].type == "integer"
    assert by_label["负债率（%） 2021年"].type == "percent"
    assert by_label["负债率（%） 2021年"].column == "2021年"
    assert by_label["真实性承诺 年 月 日"].type == "date"
    # the draft replaced the untouched scaffold; an edited file needs --force
    assert main(["notice", "draft", blank, "-o", str(package)]) == ExitCode.plugin
    assert "use --force" in capsys.readouterr().err
    assert main(["notice", "draft", blank, "-o", str(package), "--force"]) == 0


def test_unreadable_blank_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "blank.pdf"
    bad.write_bytes(b"not a pdf")
    assert main(["notice", "draft", str(bad), "--id", "x-1", "-o", str(tmp_path / "out")]) == ExitCode.input_file
    err = capsys.readouterr().err
    assert err.startswith("shenbao: ")
    assert len(err.splitlines()) == 1
    assert (
        main(["notice", "draft", str(tmp_path / "none.docx"), "--id", "x-1", "-o", str(tmp_path / "out")])
        == ExitCode.plugin
    )
    assert "no such file" in capsys.readouterr().err


def test_an_unrefined_draft_already_extracts_a_filled_sample(tmp_path: Path) -> None:
    """The drafted field map, with its generated keys and no hand-made hints, run through the
    real extractor on a filled 湖南 sample: most truth values come out. Drafted keys are
    matched to catalog keys by the recall rule above."""
    import types
    import unicodedata

    from shenbao.plugins import hookimpl
    from shenbao.plugins.authoring.recall import score
    from shenbao.plugins.authoring.tomlout import render_notice
    from shenbao.plugins.extraction import extract
    from shenbao.plugins.manager import PluginManager

    draft = draft_notice(BLANKS / "hunan-2023-platform.pdf")
    path = tmp_path / "notice.toml"
    path.write_text(render_notice(draft, "drafted-hunan", "drafted"), "utf-8")
    drafted = load_notice(path)
    catalog = load_notice(ROOT / "plugins" / "hunan_2023_platform" / "notice.toml")
    to_draft: dict[str, str] = {}
    for spec in catalog.fields:
        free = [d for d in drafted.fields if d.key not in to_draft.values()]
        scored = [(score(spec.label, field_candidates(d.label, d.labels, d.column)), d.key) for d in free]
        best = max(scored, default=(0.0, ""))
        if best[0] >= 90:
            to_draft[spec.key] = best[1]
    plugin = types.ModuleType("drafted_hunan")
    vars(plugin)["register_notices"] = hookimpl(lambda: [drafted])
    manager = PluginManager(modules=[("drafted-hunan", plugin)], load_entry_points=False)
    sample = ROOT / "samples" / "hunan-2023-platform" / "hunan-2023-platform-dev-01.pdf"
    truth = json.loads(sample.with_name("hunan-2023-platform-dev-01.truth.json").read_text("utf-8"))["fields"]
    got = {k: v["value"] for k, v in extract(sample, "drafted-hunan", manager=manager).as_contract()["fields"].items()}

    def same(a: object, b: object) -> bool:
        if isinstance(a, str) and isinstance(b, str):
            return unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b)
        return a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) < 1e-6)

    right = sum(same(value, got.get(to_draft.get(key, ""))) for key, value in truth.items())
    assert right / len(truth) >= 0.75, f"{right}/{len(truth)}"
