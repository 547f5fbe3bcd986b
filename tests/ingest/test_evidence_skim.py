"""Which scanned pages are read for their heading only: those that start an evidence attachment.

The test a page's first lines go through (:func:`evidence_heading`), for every attachment of
every installed notice; the OCR side is ``tests/ingest/ocr/test_ocr_skim.py``.
"""

from __future__ import annotations

import pytest
from page_builders import line

from shenbao.core.notice import AttachmentSpec, Notice
from shenbao.core.text import core
from shenbao.ingest import pipeline
from shenbao.ingest.attachments import OPENING_SURE, evidence_heading, evidence_opening, opens_heading
from shenbao.ingest.document import Line
from shenbao.plugins.manager import get_manager

NOTICES = list(get_manager().notices.values())
ATTACHMENTS = [(n, a) for n in NOTICES for a in n.attachments]


def _head(*texts: str) -> list[Line]:
    return [line(text, 72, 60 + 24 * i, source="ocr") for i, text in enumerate(texts)]


def _ids(item: tuple[Notice, AttachmentSpec]) -> str:
    return f"{item[0].id}:{item[1].key}"


@pytest.mark.parametrize("item", ATTACHMENTS, ids=_ids)
def test_a_page_opening_with_an_attachment_heading_is_skimmed_only_if_it_is_evidence(item) -> None:
    notice, spec = item
    head = _head(spec.label, "复印件", "第 1 页")
    assert evidence_heading([notice])(head) is spec.evidence


@pytest.mark.parametrize("item", [i for i in ATTACHMENTS if i[1].evidence], ids=_ids)
def test_any_installed_notice_may_say_so_before_the_notice_is_known(item) -> None:
    _, spec = item
    assert evidence_heading(NOTICES)(_head(spec.label, "复印件"))


SEVERAL = [n for n in NOTICES if sum(a.evidence for a in n.attachments) >= 2]


@pytest.mark.parametrize("notice", SEVERAL, ids=lambda n: n.id)
def test_a_list_of_attachments_is_read_whole(notice: Notice) -> None:
    """目录 and 材料清单 pages print the headings one under the other: not evidence."""
    first, second = [a for a in notice.attachments if a.evidence][:2]
    assert not evidence_heading([notice])(_head("目  录", first.label, second.label))


@pytest.mark.parametrize("notice", [n for n in NOTICES if any(a.evidence for a in n.attachments)], ids=lambda n: n.id)
def test_evidence_that_starts_below_other_text_is_read_whole(notice: Notice) -> None:
    spec = next(a for a in notice.attachments if a.evidence)
    head = _head("申报单位（盖章）：东方自动化集团有限公司", "法定代表人（签字）：", "2023 年 5 月 8 日", spec.label)
    assert not evidence_heading([notice])(head)


def test_a_notice_without_evidence_attachments_skims_nothing() -> None:
    plain = [n for n in NOTICES if not any(a.evidence for a in n.attachments)]
    for notice in plain:
        for spec in notice.attachments:
            assert not evidence_heading(plain)(_head(spec.label, "复印件"))


@pytest.mark.parametrize("opening", ["附件2：工业模", "附件 3：工", "三、申报材料", "（二）证明材", "2、企业法人"])
def test_lower_rows_opening_like_a_heading_are_read_whole(opening: str) -> None:
    assert opens_heading(opening)


@pytest.mark.parametrize("opening", ["名    称", "统一社会信用", "经营范围：", "2022 年 5", "甲方（盖章"])
def test_lower_rows_of_evidence_text_are_not(opening: str) -> None:
    assert not opens_heading(opening)


def test_notices_without_evidence_attachments_read_every_page_in_one_go() -> None:
    plain = [n for n in NOTICES if not any(a.evidence for a in n.attachments)]
    assert pipeline._skim(plain, None) is None
    assert pipeline._skim(NOTICES, plain[0]) is None
    assert pipeline._skim(NOTICES, None) is not None


EVIDENCE = [i for i in ATTACHMENTS if i[1].evidence]


def _openings(label: str) -> list[str]:
    """How a page printing ``label`` as its heading opens, as a probe reads its first
    characters: numbered as an annex or a chapter, or not, its last character maybe cut."""
    words = core(label)
    return [f"附件三 {words[:5]}", f"二、{words[:4]}", words[:6], f"（一）{words[:5]}", f"附件3：{words}"]


@pytest.mark.parametrize("item", EVIDENCE, ids=_ids)
def test_the_opening_of_an_evidence_heading_opens_evidence(item) -> None:
    notice, spec = item
    for label in spec.all_labels:
        if len(core(label)) < OPENING_SURE:
            continue
        for opening in _openings(label):
            assert evidence_opening([notice])(opening) is True, opening
            assert evidence_opening(NOTICES)(opening) is True, opening


@pytest.mark.parametrize("item", EVIDENCE, ids=_ids)
def test_a_few_words_of_one_or_its_numbering_alone_cannot_tell(item) -> None:
    """附件3：工业 or 二、: the quick look reads the whole row before it answers."""
    notice, spec = item
    words = core(spec.label)
    for opening in (f"附件3：{words[:2]}", f"二、{words[:3]}", "二、", "附件4"):
        assert evidence_opening([notice])(opening) is None, opening


FORM_OPENINGS = [
    "一、基本信息",
    "(一) 申报单位",
    "单位名称",
    "企业名称：长",
    "填报说明",
    "目  录",
    "说明：1.请",
    "8",
    "12",
]


@pytest.mark.parametrize("notice", [n for n in NOTICES if any(a.evidence for a in n.attachments)], ids=lambda n: n.id)
def test_the_openings_of_form_pages_do_not(notice: Notice) -> None:
    """A form page's first rows (its chapter heading, a label, the 填报说明, a row number) are
    detected at full scale at once, without the second look."""
    for opening in FORM_OPENINGS:
        assert evidence_opening([notice])(opening) is False, opening


def test_a_row_number_opens_no_evidence() -> None:
    may_open = evidence_opening(NOTICES)
    assert may_open("8") is False
    assert may_open("12") is False
    assert may_open("") is False


def test_the_pipeline_hands_the_opening_test_to_the_reader() -> None:
    skim = pipeline._skim(NOTICES, None)
    assert skim is not None
    assert skim.opens_evidence is not None
    assert skim.opens_evidence("附件1：工业设备") is True
    assert skim.opens_evidence("附件1：工业") is None


FIELD_HOLDERS = [i for i in ATTACHMENTS if not i[1].evidence and core(i[1].label)]


@pytest.mark.parametrize("item", FIELD_HOLDERS, ids=_ids)
def test_an_annex_that_holds_fields_does_not_open_evidence(item) -> None:
    """附件1：项目相关视频证明材料 (the pilot's, read whole) is no evidence heading, annex or not,
    unless an evidence attachment of some notice starts with the same words."""
    _, spec = item
    words = core(spec.label)
    evidence_starts = {core(label)[:3] for _, a in EVIDENCE for label in a.all_labels}
    if words[:3] in evidence_starts:
        pytest.skip(f"{words} starts like an evidence heading")
    assert evidence_opening(NOTICES)(f"附件1：{words}") is False
    assert evidence_opening(NOTICES)(words[:6]) is False


@pytest.mark.parametrize(
    "heading",
    ["附件3：营业执照", "附件三：营业执照", "附件3、营业执照", "二、营业执照", "（一）营业执照", "1.2 营业执照"],
)
def test_a_headings_numbering_is_not_part_of_its_words(heading: str) -> None:
    """One numbering pattern (shenbao.core.text.NUMBERING_RE) for the label matching and the
    quick look: an annex numbered in words (附件三) or with a 、 is numbered too."""
    assert core(heading) == "营业执照"
