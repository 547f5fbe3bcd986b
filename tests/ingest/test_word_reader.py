""".docx → page model: merged cells once, every kind of Word tick, fill-ins, what Word keeps
but does not show, pages from the document's own breaks, positions for the desk; a legacy
.doc converted by LibreOffice or refused in one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from shenbao.core.errors import UnreadableFile
from shenbao.ingest.reader import read_document
from shenbao.ingest.word import read_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def make_docx(path: Path, *blocks: str) -> Path:
    d = docx.Document()
    body = d.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    sect = body[-1]
    for xml in blocks:
        sect.addprevious(parse_xml(f"<w:root {W} {W14} {MC}>{xml}</w:root>")[0])
    d.save(str(path))
    return path


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr><w:tcW w:w='2000' w:type='dxa'/>{props}</w:tcPr>{p(r(text)) if text else p()}</w:tc>"


def texts(path: Path) -> list[str]:
    return [line.text for page in read_docx(path).pages for line in page.all_lines()]


RESTART = '<w:vMerge w:val="restart"/>'
SPAN3 = '<w:gridSpan w:val="3"/>'


def test_merged_cells_are_one_cell_and_their_text_is_not_repeated(tmp_path) -> None:
    table = (
        "<w:tbl><w:tblGrid><w:gridCol w:w='2000'/><w:gridCol w:w='2000'/><w:gridCol w:w='2000'/></w:tblGrid>"
        f"<w:tr>{tc('联系人', RESTART)}{tc('姓名')}{tc('张三')}</w:tr>"
        f"<w:tr>{tc('', '<w:vMerge/>')}{tc('手机')}{tc('13800000000')}</w:tr>"
        f"<w:tr>{tc('项目简介', SPAN3)}</w:tr>"
        "</w:tbl>"
    )
    document = read_docx(make_docx(tmp_path / "m.docx", table))
    (found,) = document.pages[0].tables
    by_text = {c.text: c for c in found.cells}
    assert (by_text["联系人"].rowspan, by_text["联系人"].colspan) == (2, 1)
    assert (by_text["项目简介"].row, by_text["项目简介"].colspan) == (2, 3)
    assert len(found.cells) == 6  # the merged-away slot is no cell
    assert [c.text for c in found.cells].count("联系人") == 1
    contact, mobile = by_text["联系人"], by_text["手机"]
    assert contact.bbox[1] < mobile.bbox[1] < contact.bbox[3]  # the merged cell spans both rows
    assert by_text["张三"].lines[0].anchor == "t0.0.2"


def test_every_kind_of_word_tick(tmp_path) -> None:
    control = (
        "<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val='{v}'/></w14:checkbox></w:sdtPr>"
        "<w:sdtContent><w:r><w:t>☐</w:t></w:r></w:sdtContent></w:sdt>"  # a stale glyph: the state counts
    )
    field = (
        "<w:r><w:fldChar w:fldCharType='begin'><w:ffData><w:checkBox><w:default w:val='{v}'/>"
        "</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
    )
    sym = "<w:r><w:sym w:font='Wingdings' w:char='{c}'/></w:r>"
    path = make_docx(
        tmp_path / "t.docx",
        p(r("建设模式："), control.format(v=1), r("自建 "), control.format(v=0), r("合作共建")),
        p(r("是否上市："), field.format(v=1), r("是 "), field.format(v=0), r("否")),
        p(r("IaaS："), sym.format(c="F0FE"), r("自建 "), sym.format(c="F0A8"), r("租用")),
        p(r("运营：■独立运营 □委托 ✓其他 ☒ 本部门")),
    )
    assert texts(path) == [
        "建设模式：☑自建 □合作共建",
        "是否上市：☑是 □否",
        "IaaS：☑自建 □租用",
        "运营：■独立运营 □委托 ✓其他 ☒ 本部门",
    ]


def test_fill_ins_and_what_word_keeps_but_does_not_show(tmp_path) -> None:
    u = '<w:u w:val="single"/>'
    path = make_docx(
        tmp_path / "f.docx",
        p(r("项目名称："), r("          ", u), r("  联系人："), r("  张三  ", u)),
        p(
            r("企业名称："),
            r("隐藏", "<w:vanish/>"),
            "<w:del><w:r><w:delText>旧公司</w:delText></w:r></w:del>",
            r("新公司"),
        ),
        p(
            r("日期："),
            "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType='separate'/></w:r>",
            r("2023年3月1日"),
            "<w:r><w:fldChar w:fldCharType='end'/></w:r>",
        ),
        p(
            r("备注："),
            "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>",
            r("单击或点击此处输入文字。"),
            "</w:sdtContent></w:sdt>",
        ),
        p(
            r("封面"),
            "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><w:txbxContent>",
            p(r("文本框里的标题")),
            "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>",
            p(r("文本框里的标题")),
            "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        ),
    )
    assert texts(path) == [
        "项目名称： ____ 联系人： 张三",
        "企业名称：新公司",
        "日期：2023年3月1日",
        "备注：____",
        "封面",
        "文本框里的标题",
    ]


def test_pages_are_the_documents_own_breaks(tmp_path) -> None:
    brk = '<w:r><w:br w:type="page"/></w:r>'
    rendered = "<w:r><w:lastRenderedPageBreak/></w:r>"
    continuous = "<w:sectPr><w:type w:val='continuous'/></w:sectPr>"
    path = make_docx(
        tmp_path / "p.docx",
        p(brk),  # a break before any text makes no empty page
        p(r("封面")),
        p(brk),
        p(rendered, r("一、基本信息")),  # Word's mark right after the hard break: one break
        p(r("正文"), ppr="<w:sectPr/>"),  # the end of a section; the next one starts a new page
        p(r("附件1：营业执照"), ppr="<w:sectPr><w:type w:val='nextPage'/></w:sectPr>"),
        p(r("续"), ppr=continuous),  # a section that starts continuous: same page
        p(r("第二页的文字")),  # the last section (the body's) starts a new page
        p(r("文字"), rendered, r("续文字")),  # Word broke the page inside this paragraph
        p(r("分页前"), ppr="<w:pageBreakBefore/>"),
    )
    document = read_docx(path)
    pages = [[line.text for line in page.lines] for page in document.pages]
    assert pages == [
        ["封面"],
        ["一、基本信息", "正文"],
        ["附件1：营业执照", "续"],
        ["第二页的文字", "文字"],
        ["续文字"],
        ["分页前"],
    ]
    assert [page.number for page in document.pages] == [1, 2, 3, 4, 5, 6]
    assert document.pages[1].lines[1].anchor == "p4"
    first, second = document.pages[1].lines
    assert first.bbox[1] < second.bbox[1]
    assert first.bbox[0] >= 72


def test_long_paragraph_wraps_at_the_text_width(tmp_path) -> None:
    path = make_docx(tmp_path / "w.docx", p(r("平台以数据为核心，实现研发、生产、运维全流程的数字化闭环管理。" * 4)))
    page = read_docx(path).pages[0]
    assert len(page.lines) > 2
    assert all(line.bbox[2] <= page.width - 80 for line in page.lines)
    assert (
        "".join(line.text for line in page.lines)
        == "平台以数据为核心，实现研发、生产、运维全流程的数字化闭环管理。" * 4
    )


def test_a_zip_that_is_no_word_document_says_so(tmp_path) -> None:
    path = tmp_path / "a.docx"
    shutil.make_archive(str(tmp_path / "a"), "zip", root_dir=tmp_path, base_dir=".")
    (tmp_path / "a.zip").rename(path)
    with pytest.raises(UnreadableFile, match=r"not a readable Word \.docx"):
        read_document(path, ocr_engine=lambda: None)  # type: ignore[arg-type, return-value]


@pytest.fixture(scope="module")
def legacy_doc(tmp_path_factory) -> Path:
    """A real .doc, made by LibreOffice from a .docx."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("doc")
    source = make_docx(
        work / "form.docx", p(r("企业名称：武汉光谷智造科技有限公司")), p(r("建设模式：☑自建 □合作共建"))
    )
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(work),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return work / "form.doc"


def test_legacy_doc_is_converted_when_libreoffice_is_there(legacy_doc) -> None:
    document = read_document(legacy_doc, ocr_engine=lambda: None)  # type: ignore[arg-type, return-value]
    assert document.path == str(legacy_doc)
    assert [line.text for line in document.pages[0].all_lines()] == [
        "企业名称：武汉光谷智造科技有限公司",
        "建设模式：☑自建 □合作共建",
    ]


def test_legacy_doc_without_libreoffice_is_one_clear_line(legacy_doc, tmp_path) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}  # no soffice on the path
    done = subprocess.run(
        [sys.executable, "-m", "shenbao", "extract", str(legacy_doc)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 4
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "save it as .docx" in lines[0]
    assert "form.doc" in lines[0]
