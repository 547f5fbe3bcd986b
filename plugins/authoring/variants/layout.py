"""Layout variation classes applied to a filled document: the values are already in place, so
these transforms change how the form looks without touching what the truth says.

Order (see :func:`apply_layout`): label and value merged into one cell, labels reworded, rows
shuffled and columns resized, boxed sections unboxed, other box glyphs, other fonts.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph

from shenbao.plugins.authoring.variants.docxedit import BOX, Doc, norm, unique_cells

TICK_GLYPHS = "□☐☑☒■√"
Rewordings = Mapping[str, Sequence[str]]


def apply_layout(doc: Doc, rewordings: Rewordings) -> None:
    """Every layout class the document has, in a fixed order (the result depends on the seed only)."""
    if doc.knobs.label_colon:
        add_label_colons(doc)
    if "merged_cells" in doc.classes:
        merge_label_cells(doc, set(rewordings))
    if "reworded_labels" in doc.classes:
        reword_labels(doc, rewordings)
    if "shuffled_rows" in doc.classes:
        shuffle_rows(doc)
    apply_page_knobs(doc)
    if "unboxed_sections" in doc.classes:
        unbox_sections(doc)
    if doc.knobs.box != BOX:
        replace_boxes(doc, doc.knobs.box)
    if "fonts" in doc.classes:
        apply_fonts(doc)


def form_labels(doc: Doc, extra: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
    """The notice's printed labels (normalized), the ones a label cell may hold."""
    labels = {norm(label) for f in doc.notice.fields for label in f.all_labels} | {norm(x) for x in extra}
    return {label.rstrip("：:") for label in labels if label}


def all_paragraphs(doc: Doc) -> Iterator[Paragraph]:
    """The paragraphs of the form itself (body and cells), not of added attachment pages."""
    for p in doc.d.element.body.iter(qn("w:p")):
        if doc.in_template(p):
            yield Paragraph(p, doc.d)


def form_tables(doc: Doc) -> list[Table]:
    """The blank's own tables (attachment pages keep their layout)."""
    return [t for t in doc.d.tables if doc.in_template(t._tbl)]


def add_label_colons(doc: Doc) -> None:
    """Knob: applicants who add "：" after the labels in the left column of each table."""
    labels = form_labels(doc)
    for t in form_tables(doc):
        for row in t.rows:
            for c in unique_cells(row)[:-1]:
                if norm(c.text) in labels and c.paragraphs and c.paragraphs[-1].runs:
                    c.paragraphs[-1].runs[-1].text += "："


# ------------------------------------------------------------------------------ merged cells


def _span(tc: Any) -> int:
    return int(tc.grid_span)


def _vmerged(tc: Any) -> bool:
    return tc.tcPr is not None and tc.tcPr.find(qn("w:vMerge")) is not None


def _set_span(tc: Any, span: int) -> None:
    tc.get_or_add_tcPr()
    tc.grid_span = span


def merge_label_cells(doc: Doc, extra_labels: set[str]) -> None:
    """``merged_cells``: "企业名称：XX有限公司" in one cell; the label cells disappear.

    A pair is merged when the left cell holds one of the notice's labels; a vertically merged
    group cell in front (联系人) stays. In two-column tables two consecutive rows are often
    joined into one row of two "label：value" cells.
    """
    labels = form_labels(doc, extra_labels)
    for table in form_tables(doc):
        if not doc.v.chance(0.8):
            continue
        merged_rows = [row for row in table.rows if _merge_row(doc, row._tr, labels)]
        if len(table._tbl.tblGrid.findall(qn("w:gridCol"))) == 2 and doc.v.chance(0.6):
            _pair_rows(doc, table, merged_rows)


def _merge_row(doc: Doc, tr: Any, labels: set[str]) -> bool:
    tcs = list(tr.tc_lst)
    start = 1 if tcs and _vmerged(tcs[0]) else 0
    rest = tcs[start:]
    if not rest or len(rest) % 2 or any(_vmerged(tc) for tc in rest):
        return False
    pairs = [(rest[i], rest[i + 1]) for i in range(0, len(rest), 2)]
    if not all(_cell_text(lab).rstrip("：:") in labels for lab, _ in pairs):
        return False
    for lab, val in pairs:
        label_text = "".join(t.text or "" for t in lab.iter(qn("w:t"))).strip().rstrip("：:")
        sep = doc.v.pick(["：", "：", "：", ":", "： "])
        first = val.find(qn("w:p"))
        run = OxmlElement("w:r")
        lab_r = lab.find(".//" + qn("w:r"))
        if lab_r is not None and lab_r.find(qn("w:rPr")) is not None:
            run.append(copy.deepcopy(lab_r.find(qn("w:rPr"))))
        text = OxmlElement("w:t")
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text.text = label_text + sep
        run.append(text)
        ppr = first.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(run)
        else:
            first.insert(0, run)
        _set_span(val, _span(lab) + _span(val))
        widths = [tc.tcPr.find(qn("w:tcW")) if tc.tcPr is not None else None for tc in (lab, val)]
        if all(w is not None and (w.get(qn("w:w")) or "").isdigit() for w in widths):
            _set_width(val, str(sum(int(w.get(qn("w:w"))) for w in widths if w is not None)))
        tr.remove(lab)
    return True


def _cell_text(tc: Any) -> str:
    return norm("".join(t.text or "" for t in tc.iter(qn("w:t"))))


def _pair_rows(doc: Doc, table: Table, rows: list[Any]) -> None:
    """Join consecutive one-cell rows of a two-column table into rows of two cells."""
    trs = [r._tr for r in rows if len(r._tr.tc_lst) == 1 and len(_cell_text(r._tr.tc_lst[0])) <= 40]
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    half = str(sum(int(g.get(qn("w:w"))) for g in grid) // 2)
    paired = False
    i = 0
    while i + 1 < len(trs):
        a, b = trs[i], trs[i + 1]
        if a.getnext() is b and doc.v.chance(0.7):
            for tc in (a.tc_lst[0], b.tc_lst[0]):
                _set_span(tc, 1)
                _set_width(tc, half)
            a.append(b.tc_lst[0])
            b.getparent().remove(b)
            paired = True
            i += 2
        else:
            i += 1
    if paired:  # two equal columns, as when the applicant draws a two-pair table
        for g in grid:
            g.set(qn("w:w"), half)


def _set_width(tc: Any, width: str) -> None:
    tc_w = tc.get_or_add_tcPr().find(qn("w:tcW"))
    if tc_w is None:
        tc_w = OxmlElement("w:tcW")
        tc.tcPr.append(tc_w)
    tc_w.set(qn("w:w"), width)
    tc_w.set(qn("w:type"), "dxa")


# ------------------------------------------------------------------------------ reworded labels


def reword_labels(doc: Doc, rewordings: Rewordings) -> None:
    """``reworded_labels``: each template label gets (or not) one applicant's wording, the same
    wherever it is printed: as a whole cell, or as "label：" in front of a value."""
    chosen = {norm(k): doc.v.pick(list(alts)) for k, alts in rewordings.items() if alts and doc.v.chance(0.75)}
    keys = sorted(chosen, key=len, reverse=True)
    for p in all_paragraphs(doc):
        text = norm(p.text)
        for key in keys:
            if text.rstrip("：:") == key or text.startswith((key + "：", key + ":")):
                _replace_prefix(p, len(key), chosen[key])
                break


def _replace_prefix(p: Paragraph, n_chars: int, new: str) -> None:
    """Replace the first ``n_chars`` non-space characters of the paragraph by ``new``."""
    left = n_chars
    first = True
    for run in p.runs:
        if left <= 0:
            break
        text = run.text
        cut = 0
        while cut < len(text) and left > 0:
            if not text[cut].isspace():
                left -= 1
            cut += 1
        run.text = (new if first else "") + text[cut:]
        first = False


# ------------------------------------------------------------------------------ shuffled rows


def shuffle_rows(doc: Doc) -> None:
    """``shuffled_rows``: rows shuffled within a table (runs of plain rows below the first row;
    rows inside a vertically merged group keep their place)."""
    for table in form_tables(doc):
        trs = list(table._tbl.tr_lst)
        if len(trs) < 3 or not doc.v.chance(0.7):
            continue
        runs: list[list[Any]] = [[]]
        for tr in trs[1:]:
            plain = not any(_vmerged(tc) for tc in tr.tc_lst) and len(tr.tc_lst) > 1
            if plain:
                runs[-1].append(tr)
            elif runs[-1]:
                runs.append([])
        for run in runs:
            if len(run) < 2:
                continue
            order = run[:]
            doc.v.rng.shuffle(order)
            anchor = run[0].getprevious()
            for tr in run:
                tr.getparent().remove(tr)
            for tr in order:
                anchor.addnext(tr)
                anchor = tr


def apply_page_knobs(doc: Doc) -> None:
    if doc.knobs.col_scale:
        scale_label_columns(doc, doc.knobs.col_scale)
    if doc.knobs.margin_cm:
        for s in doc.d.sections:
            s.left_margin = s.right_margin = Cm(doc.knobs.margin_cm)


def scale_label_columns(doc: Doc, factor: float) -> None:
    """Make the label columns (even grid columns) of label|value tables narrower or wider."""
    for t in form_tables(doc):
        grid = t._tbl.tblGrid.findall(qn("w:gridCol"))
        if len(grid) not in (2, 4):
            continue
        widths = [int(g.get(qn("w:w"))) for g in grid]
        new = [round(w * factor) if i % 2 == 0 else w for i, w in enumerate(widths)]
        rest = sum(widths) - sum(new[0::2])
        odd_total = sum(widths[1::2])
        for i in range(1, len(new), 2):
            new[i] = round(rest * widths[i] / odd_total)
        if min(new) < 0.15 * sum(widths) / (len(new) / 2):  # no column squeezed to a letter per line
            continue
        for g, w in zip(grid, new, strict=False):
            g.set(qn("w:w"), str(w))
        for tr in t._tbl.tr_lst:
            pos = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                tc_w = tc.tcPr.find(qn("w:tcW")) if tc.tcPr is not None else None
                if tc_w is not None:
                    tc_w.set(qn("w:w"), str(sum(new[pos : pos + span])))
                pos += span


# ------------------------------------------------------------------------------ unboxed sections


def unbox_sections(doc: Doc) -> None:
    """``unboxed_sections``: every one-column boxed section becomes a heading and paragraphs
    (an applicant who retypes the form's sections does it for all of them)."""
    for table in form_tables(doc):
        tbl = table._tbl
        if len(tbl.tblGrid.findall(qn("w:gridCol"))) != 1:
            continue
        for ri, tr in enumerate(tbl.tr_lst):
            for tc in tr.tc_lst:
                for p in list(tc.iter(qn("w:p"))):
                    if ri == 0 and len(tbl.tr_lst) > 1:
                        for r in Paragraph(p, doc.d).runs:
                            r.bold = True
                    tbl.addprevious(p)
        tbl.getparent().remove(tbl)


# ------------------------------------------------------------------------------ glyphs and fonts


def replace_boxes(doc: Doc, box: str) -> None:
    """``tick_glyphs``: the unticked box printed as another glyph (☐ instead of □)."""
    for t in doc.d.element.body.iter(qn("w:t")):
        if t.text and BOX in t.text:
            t.text = t.text.replace(BOX, box)


def _set_font(r: Any, name: str) -> None:
    rpr = r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def apply_fonts(doc: Doc) -> None:
    """``fonts``: another body font everywhere; the values in a handwriting-like font."""
    values = {id(r) for r in doc.value_runs}
    for r in doc.d.element.body.iter(qn("w:r")):
        if id(r) in values and doc.knobs.value_font:
            _set_font(r, doc.knobs.value_font)
        elif doc.knobs.body_font:
            _set_font(r, doc.knobs.body_font)
