"""The variant generator (plugins/authoring/variants): seeded, every class produced and
visible in the document, truth in the contract's normalized types. Needs no LibreOffice."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from tests_support import SAMPLES

from shenbao.plugins.authoring.variants.classes import CLASSES, GENERIC
from shenbao.plugins.authoring.variants.docxedit import Doc, norm
from shenbao.plugins.authoring.variants.generate import NoticeFiller, build, fillers
from shenbao.plugins.manager import get_manager

BLANKS = SAMPLES / "blanks"
MANAGER = get_manager()
NOTICES = sorted(MANAGER.notices)
FILLERS = fillers(MANAGER)


def test_every_builtin_notice_has_a_filler() -> None:
    builtin = {n for n, notice in MANAGER.notices.items() if notice.package == "shenbao"}
    assert builtin <= set(FILLERS)
    assert all(isinstance(f, NoticeFiller) for f in FILLERS.values())


@pytest.mark.parametrize("notice_id", NOTICES)
def test_same_seed_same_documents(notice_id: str) -> None:
    filler = FILLERS.get(notice_id)
    if filler is None:
        pytest.skip(f"{notice_id} ships no variants module")
    a = build(MANAGER, notice_id, filler, BLANKS, 1, 5)
    b = build(MANAGER, notice_id, filler, BLANKS, 1, 5)
    assert a.meta == b.meta
    assert a.truth == b.truth
    assert a.doc.d.element.xml == b.doc.d.element.xml
    c = build(MANAGER, notice_id, filler, BLANKS, 1, 6)
    assert c.truth["fields"] != a.truth["fields"]


def test_every_class_is_produced_in_a_small_run() -> None:
    seen: set[str] = set()
    for notice_id, filler in FILLERS.items():
        for index in range(1, 7):
            classes = set(build(MANAGER, notice_id, filler, BLANKS, index, 1).meta["classes"])
            assert classes <= filler.classes
            seen |= classes
    assert seen == set(CLASSES)
    assert set(CLASSES) - GENERIC <= set().union(*(f.extra_classes for f in FILLERS.values()))


# ---------------------------------------------------------------------------- classes show


def _text(doc: Doc) -> str:
    return "".join(t.text or "" for t in doc.d.element.body.iter(qn("w:t")))


def _form_cell_texts(doc: Doc) -> list[str]:
    return [
        norm("".join(t.text or "" for t in tc.iter(qn("w:t"))))
        for tc in doc.d.element.body.iter(qn("w:tc"))
        if doc.in_template(tc)
    ]


def _label_rows(doc: Doc) -> list[list[str]]:
    return [
        [norm(c.text)[:12] for c in t.rows[i].cells[:1]]
        for t in doc.d.tables
        if doc.in_template(t._tbl)
        for i in range(len(t.rows))
    ]


def _signature(cls: str, doc: Doc, filler: NoticeFiller, blank: Doc) -> bool:
    printed = list(doc.printed.values())
    keys = [norm(k) for k in filler.rewordings]
    blank_texts = _form_cell_texts(blank) + [norm(p.text) for p in blank.d.paragraphs]
    blank_tables = len(blank.d.tables)
    alternatives = {norm(a) for alts in filler.rewordings.values() for a in alts}
    alternatives = {
        a for a in alternatives if not any(t.rstrip("：:") == a or t.startswith(a + "：") for t in blank_texts)
    }
    if cls == "merged_cells":
        labels = keys + sorted({norm(a) for alts in filler.rewordings.values() for a in alts})

        def merged(d: Doc) -> int:
            return sum(
                any(t[: len(k) + 1] in (k + "：", k + ":") and len(t) > len(k) + 1 for k in labels)
                for t in _form_cell_texts(d)
            )

        return merged(doc) > merged(blank)
    if cls == "reworded_labels":
        texts = _form_cell_texts(doc) + [norm(p.text) for p in doc.d.paragraphs]
        return any(t.rstrip("：:") in alternatives or any(t.startswith(a + "：") for a in alternatives) for t in texts)
    if cls == "shuffled_rows":
        return doc.knobs.col_scale is not None
    if cls == "unboxed_sections":
        return sum(doc.in_template(t._tbl) for t in doc.d.tables) < blank_tables
    if cls == "partial_jianbiao":
        return sum(doc.in_template(t._tbl) for t in doc.d.tables) < blank_tables
    if cls == "fullwidth_digits":
        return any(re.search("[０-９]", p) for p in printed)
    if cls == "money_units":
        return any(
            re.search(r"\d\s*(元|亿|万)$", unicodedata.normalize("NFKC", p)) and not p.endswith("万元") for p in printed
        )
    if cls == "date_forms":
        dates = [p for k, p in doc.printed.items() if doc.notice.field(k).type == "date"]
        return any(
            re.search(r"/|〇|－|年0|月0|\.0", p) or re.search(r"/|年0|月0|\.0", unicodedata.normalize("NFKC", p))
            for p in dates
        )
    if cls == "tick_glyphs":
        return any(g in _text(doc) for g in "■√☒☐")
    if cls == "fonts":
        return doc.knobs.body_font != "" and doc.knobs.body_font in doc.d.element.xml
    raise AssertionError(f"no signature for class {cls}")


@pytest.mark.parametrize("notice_id", NOTICES)
def test_classes_show_in_the_document_and_only_when_drawn(notice_id: str) -> None:
    filler = FILLERS.get(notice_id)
    if filler is None:
        pytest.skip(f"{notice_id} ships no variants module")
    import docx

    blank = Doc(
        notice=MANAGER.notice(notice_id),
        name="blank",
        d=docx.Document(str(BLANKS / f"{notice_id}.docx")),
        v=None,  # type: ignore[arg-type]  # a blank form: nothing is drawn or filled
        knobs=None,  # type: ignore[arg-type]
        classes=frozenset(),
    )
    wild = [build(MANAGER, notice_id, filler, BLANKS, i, 11, classes=frozenset(CLASSES)) for i in (1, 2, 3)]
    plain = [build(MANAGER, notice_id, filler, BLANKS, i, 11, classes=frozenset()) for i in (1, 2)]
    assert all(set(w.meta["classes"]) == set(filler.classes) for w in wild)
    assert all(p.meta["classes"] == [] for p in plain)
    for cls in sorted(filler.classes):
        assert any(_signature(cls, w.doc, filler, blank) for w in wild), f"{cls} left no trace"
        assert not any(_signature(cls, p.doc, filler, blank) for p in plain), f"{cls} shows without being drawn"


# ---------------------------------------------------------------------------- truth


ISO = re.compile(r"\d{4}-\d{2}(-\d{2})?")


def _normalized(ftype: str, value: object, options: tuple[str, ...]) -> bool:
    if ftype == "integer":
        return type(value) is int
    if ftype in ("decimal", "money_wan", "percent"):
        return type(value) in (int, float)
    if ftype == "bool":
        return type(value) is bool
    if ftype == "date":
        return isinstance(value, str) and ISO.fullmatch(value) is not None
    if ftype == "choice":
        return value in options
    if ftype == "multichoice":
        return isinstance(value, list) and set(value) <= set(options)
    if ftype == "org_code":
        return isinstance(value, str) and re.fullmatch(r"[0-9A-Z]{18}", value) is not None
    if ftype == "phone":
        return isinstance(value, str) and re.fullmatch(r"[\d-]+", value) is not None
    if ftype == "email":
        return isinstance(value, str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z.]+", value) is not None
    return isinstance(value, str) and value == value.strip() and bool(value)


@pytest.mark.parametrize("notice_id", NOTICES)
def test_truth_is_in_the_contract_format(notice_id: str) -> None:
    filler = FILLERS.get(notice_id)
    if filler is None:
        pytest.skip(f"{notice_id} ships no variants module")
    notice = MANAGER.notice(notice_id)
    for index in range(1, 5):
        truth = build(MANAGER, notice_id, filler, BLANKS, index, 2).truth
        assert set(truth) == {"notice", "fields", "attachments", "findings"}
        assert truth["notice"] == notice_id
        for key, value in truth["fields"].items():
            spec = notice.field(key)
            assert _normalized(spec.type, value, spec.options), f"{key}: {value!r} is not a normalized {spec.type}"
        assert set(truth["attachments"]) == {a.key for a in notice.attachments}
        assert all(type(v) is bool for v in truth["attachments"].values())
        rule_keys = {r["key"] for r in notice.rules}
        for finding in truth["findings"]:
            code, key = finding.split(":", 1)
            assert code in ("missing_field", "missing_attachment", "rule")
            assert (
                key
                in {
                    "missing_field": set(notice.field_keys),
                    "rule": rule_keys,
                    "missing_attachment": set(truth["attachments"]),
                }[code]
            )
        for spec in notice.fields:  # a blank required field is a finding, a filled one is not
            if spec.required:
                assert (spec.key not in truth["fields"]) == (f"missing_field:{spec.key}" in truth["findings"])


def test_golden_variants_are_committed_for_every_filler() -> None:
    for notice_id in FILLERS:
        folder = SAMPLES / notice_id / "variants"
        assert len(list(folder.glob("*-var-*.truth.json"))) >= 3, folder
        assert list(folder.glob("*.scan.pdf")), folder


def test_golden_variants_cover_every_class() -> None:
    import json

    for notice_id, filler in FILLERS.items():
        metas = [json.loads(p.read_text()) for p in (SAMPLES / notice_id / "variants").glob("*-var-*[0-9].meta.json")]
        assert set().union(*(set(m["classes"]) for m in metas)) == set(filler.classes), notice_id


def test_shared_folder_defaults_next_to_the_checkout(monkeypatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_variants", Path(__file__).resolve().parents[2] / "bench" / "variants.py"
    )
    assert spec
    assert spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    monkeypatch.delenv("SHENBAO_SHARED", raising=False)
    assert bench.shared_dir(None) == Path(__file__).resolve().parents[2].parent / "shared"
    monkeypatch.setenv("SHENBAO_SHARED", "/x/y")
    assert bench.shared_dir(None) == Path("/x/y")
    assert bench.shared_dir(Path("/a")) == Path("/a")


@pytest.mark.parametrize(
    ("day", "text"),
    [
        ((2022, 3, 11), "二〇二二年三月十一日"),
        ((2016, 10, 1), "二〇一六年十月一日"),
        ((2023, 12, 31), "二〇二三年十二月三十一日"),
        ((2020, 2, 20), "二〇二〇年二月二十日"),
    ],
)
def test_chinese_numeral_dates(day: tuple[int, int, int], text: str) -> None:
    from datetime import date

    from shenbao.plugins.authoring.variants.values import cn_numeral_date

    assert cn_numeral_date(date(*day)) == text


def test_counts_in_wan_and_yi_are_exact() -> None:
    from shenbao.plugins.authoring.variants.values import _scaled

    assert _scaled(6_600_000) == "660万"
    assert _scaled(1_350_000_000) == "13.5亿"
    assert _scaled(18_500) == "1.85万"
    assert _scaled(18_490) is None  # not how anyone writes 18490
    assert _scaled(12_345) is None


def test_notice_module_names_the_declaring_plugin() -> None:
    from shenbao.core.errors import UnknownNotice

    for notice_id in FILLERS:
        assert MANAGER.notice_module(notice_id).startswith("shenbao.plugins.")
    with pytest.raises(UnknownNotice):
        MANAGER.notice_module("no-such-notice")
