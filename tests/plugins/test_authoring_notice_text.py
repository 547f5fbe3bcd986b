"""`shenbao notice draft --notice-text`: attachments taken from the notice's own text, measured.

The 武汉 fund and 试点示范 blanks print no 材料清单; their catalogs took the attachments from the
notice text. ``samples/notices/`` holds those two notice texts (copied from the shared seeds,
file names kept), so nothing here reads ../shared.

"Recovered" is the rule of :mod:`shenbao.plugins.authoring.recall`, with a drafted attachment's
``label`` and ``labels`` (other wordings, e.g. ``项目申报书`` printed before ``(见附件2)``) as its
candidates, matched one to one. A drafted attachment that recovers no catalog label is an
*extra* (invented). Measured (blank .docx and .pdf alike):

| blank | attachments before | with the notice text | extras |
| --- | --- | --- | --- |
| wuhan-fund-2022 | 1/6 | 5/6 | 0 |
| miit-2023-pilot | 0/3 | 3/3 | 0 |

武汉's ``网络安全服务合同和发票（安全服务类）`` is not a material the notice lists: the catalog
inferred it from 第五条's ``（以合同和发票为准）``, so it stays missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.core.errors import ExitCode
from shenbao.core.notice import load_notice
from shenbao.plugins.authoring.draft import draft_notice
from shenbao.plugins.authoring.noticetext import notice_attachments, read_notice_lines
from shenbao.plugins.authoring.recall import recall
from shenbao.plugins.check import check_file

ROOT = Path(__file__).resolve().parents[2]
BLANKS = ROOT / "samples" / "blanks"
NOTICE_TEXTS = ROOT / "samples" / "notices"
CASES = {  # notice id: (plugin module, notice text, attachments recovered, extras allowed)
    "wuhan-fund-2022": ("wuhan_fund_2022", "002_c3837e9656d6825b.txt", 5, 0),
    "miit-2023-pilot": ("miit_2023_pilot", "004_03250f079cccb78b.txt", 3, 0),
}


def catalog(notice_id: str):
    return load_notice(ROOT / "plugins" / CASES[notice_id][0] / "notice.toml")


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("notice_id", list(CASES))
def test_notice_text_recovers_the_catalog_attachments(notice_id: str, kind: str, recall_report: list[str]) -> None:
    _, text, target, extras_allowed = CASES[notice_id]
    expected = [a.label for a in catalog(notice_id).attachments]
    blank = BLANKS / f"{notice_id}.{kind}"
    before = recall(expected, [(a.label, *a.labels) for a in draft_notice(blank).attachments])
    draft = draft_notice(blank, NOTICE_TEXTS / text)
    after = recall(expected, [(a.label, *a.labels) for a in draft.attachments])
    extras = len(draft.attachments) - after.found
    recall_report.append(
        f"{notice_id:20} {kind:8}  attachments with --notice-text {text}: "
        f"{before.found}/{before.total} -> {after.found}/{after.total}, {extras} extra"
    )
    assert after.found >= target, f"missing: {after.missing}"
    assert extras <= extras_allowed, [a.label for a in draft.attachments]
    if notice_id == "wuhan-fund-2022":  # the one the notice never lists as a material
        assert after.missing == ("网络安全服务合同和发票（安全服务类）",)


def test_the_forms_own_attachments_come_first_and_are_not_repeated() -> None:
    draft = draft_notice(BLANKS / "wuhan-fund-2022.docx", NOTICE_TEXTS / "002_c3837e9656d6825b.txt")
    labels = [a.label for a in draft.attachments]
    assert labels == [
        "一、申报项目简表",
        "申报主体营业执照",
        "项目介绍及证明材料",
        "申报材料、项目真实性承诺函",
        "其它需要提供的材料",
    ]  # the notice's 申报项目简表 is the form's, not a second one
    assert draft.attachments[0].where == "page 1"
    assert draft.attachments[1].where == "002_c3837e9656d6825b.txt, line 148"
    assert [a.required for a in draft.attachments] == [True, True, True, True, False]  # 其它 → optional
    keys = [a.key for a in draft.attachments]
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in keys)
    assert keys[:2] == ["summary_table", "business_license"]
    assert keys[-1] == "other_materials"


def test_miit_attachments_and_their_other_wordings() -> None:
    found = notice_attachments(read_notice_lines(NOTICE_TEXTS / "004_03250f079cccb78b.txt"))
    by_label = {a.label: a for a in found}
    # 附件1 (a 通知 / the 试点示范内容) is to be read, not submitted; the two 汇总表 lists are one
    assert list(by_label) == [
        "2023年工业互联网试点示范推荐项目汇总表",
        "项目相关视频证明材料(5-10分钟)",
        "2023年工业互联网试点示范项目申报书",
    ]
    assert by_label["2023年工业互联网试点示范项目申报书"].labels == ["项目申报书"]  # 项目申报书(见附件2)
    assert by_label["2023年工业互联网试点示范推荐项目汇总表"].labels == ["项目推荐汇总表"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 、 splits only where every piece names a document on its own
        (
            "申报材料包括：营业执照副本，近两年合同、发票复印件，审计报告（如有）。",
            [("营业执照副本", True), ("近两年合同、发票复印件", True), ("审计报告（如有）", False)],
        ),
        (
            "须提交以下材料：\n1.申报书；\n2.项目汇总表、企业信用报告等。",
            [("申报书", True), ("项目汇总表", True), ("企业信用报告", True)],
        ),
        # generic words name no document; plain 提供 without 须/应 is not a demand
        ("所填指标数量需提供相关证明材料。申报单位要如实提供有关信息和材料。", []),
        ("平台应提供工控安全解决方案等服务。", []),
        ("申报单位应同时提交知识产权证书复印件，选填。", [("知识产权证书复印件", True)]),
    ],
)
def test_statements(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(a.label, a.required) for a in notice_attachments(text.split("\n"))] == expected


def test_an_attachment_list_keeps_forms_and_joins_wrapped_titles() -> None:
    lines = [
        "请按要求填写平台申报书（见附件 2）并将推荐汇总表（附件3）报送我部。",
        "附件：1. 2022 年跨行业跨领域工业互联网平台申报能力",
        "要求。",
        "2. 2022 年跨行业跨领域工业互联网平台申报书。",
        "3. 2022 年跨行业跨领域工业互联网平台推荐信息",
        "汇总表",
        "工业和信息化部办公厅",
        "附件 1",
        "2022 年跨行业跨领域工业互联网平台申报能力要求",
    ]
    found = notice_attachments(lines)
    assert [(a.label, a.labels, a.line) for a in found] == [
        ("2022年跨行业跨领域工业互联网平台申报书", ["平台申报书"], 4),
        ("2022年跨行业跨领域工业互联网平台推荐信息汇总表", ["推荐汇总表"], 5),
    ]
    assert notice_attachments(["附件：", "武汉市工业互联网发展专项资金管理办法"]) == []


def test_a_docx_notice_reads_like_its_text(tmp_path: Path) -> None:
    import docx

    source = NOTICE_TEXTS / "002_c3837e9656d6825b.txt"
    document = docx.Document()
    for line in source.read_text("utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line)
    document.save(str(tmp_path / "notice.docx"))
    from_docx = notice_attachments(read_notice_lines(tmp_path / "notice.docx"))
    from_text = notice_attachments(read_notice_lines(source))
    assert [a.label for a in from_docx] == [a.label for a in from_text]
    assert len(from_text) == 5
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(source.read_text("utf-8").encode("gb18030"))
    assert [a.label for a in notice_attachments(read_notice_lines(gbk))] == [a.label for a in from_text]


def test_cli_drafts_attachments_from_the_notice_text(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "pilot"
    blank = str(BLANKS / "miit-2023-pilot.docx")
    text = str(NOTICE_TEXTS / "004_03250f079cccb78b.txt")
    known = str(ROOT / "plugins" / "miit_2023_pilot" / "notice.toml")
    assert (
        main(
            ["notice", "draft", blank, "--id", "pilot-demo", "-o", str(out), "--notice-text", text, "--compare", known]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "3 attachments drafted" in printed
    assert "(3 of them from" in printed
    assert "attachments 3/3 (100%), 0 drafted attachments not in it" in printed
    notice, problems = check_file(out / "notice.toml")
    assert problems == []
    assert notice is not None
    assert [(a.key, a.required) for a in notice.attachments] == [
        ("summary_table", True),
        ("video", True),
        ("application_form", True),
    ]
    assert notice.attachments[2].labels == ("项目申报书",)
    # without the option the same blank drafts no attachment at all
    assert main(["notice", "draft", blank, "--id", "pilot-demo", "-o", str(out), "--force"]) == 0
    assert load_notice(out / "notice.toml").attachments == []


def test_cli_notice_text_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    blank = str(BLANKS / "miit-2023-pilot.docx")
    for bad in (tmp_path / "none.txt", tmp_path / "notice.rtf"):
        if bad.suffix == ".rtf":
            bad.write_text("x", "utf-8")
        assert (
            main(["notice", "draft", blank, "--id", "x-1", "-o", str(tmp_path / "out"), "--notice-text", str(bad)])
            == ExitCode.plugin
        )
        err = capsys.readouterr().err
        assert err.startswith("shenbao: ")
        assert len(err.splitlines()) == 1
