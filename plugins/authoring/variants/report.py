"""Extract generated documents and score them: per notice, per variation class, calibration,
and the list of every field that was missed, wrong or extra (with the PDF line around it).

Scoring is the shared scorer's (``<shared>/tools/score.py``, contract section 4), loaded from
the folder given, so the bench measures exactly what the judge measures.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from shenbao.plugins.authoring.variants.truth import VariantError
from shenbao.plugins.extraction import extract
from shenbao.plugins.manager import PluginManager

BINS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0001)


@dataclass
class Scored:
    name: str
    kind: str  # text | scan
    notice: str
    classes: list[str]
    truth: dict[str, Any]
    output: dict[str, Any] | None
    score: dict[str, Any]
    pdf: Path


def load_scorer(shared: Path) -> ModuleType:
    path = shared / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("shenbao_shared_score", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise VariantError(f"no scorer at {path} (use --shared DIR or SHENBAO_SHARED)", file=str(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_extract(pdfs: Iterable[Path], out_dir: Path, manager: PluginManager) -> dict[str, str]:
    """``<out_dir>/<doc>.json`` for each PDF (in this process: the OCR models load once).
    Returns doc -> error message for the documents that failed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    failed: dict[str, str] = {}
    for pdf in pdfs:
        try:
            result = extract(pdf, manager=manager).as_contract()
        except Exception as exc:
            failed[pdf.stem] = f"{type(exc).__name__}: {exc}"
            continue
        (out_dir / f"{pdf.stem}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return failed


def score_all(pdfs: Iterable[Path], out_dir: Path, scorer: ModuleType, catalogs: dict[str, Any]) -> list[Scored]:
    scored = []
    for pdf in pdfs:
        name = pdf.name[: -len(".pdf")]
        truth = json.loads(pdf.with_name(name + ".truth.json").read_text(encoding="utf-8"))
        meta = json.loads(pdf.with_name(name + ".meta.json").read_text(encoding="utf-8"))
        outp = out_dir / f"{name}.json"
        output = json.loads(outp.read_text(encoding="utf-8")) if outp.exists() else None
        scored.append(
            Scored(
                name=name,
                kind="scan" if name.endswith(".scan") else "text",
                notice=truth["notice"],
                classes=list(meta.get("classes", [])),
                truth=truth,
                output=output,
                score=scorer.score_document(truth, output, catalogs),
                pdf=pdf,
            )
        )
    return scored


# ------------------------------------------------------------------------------ tables


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(r: list[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=False))

    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def summary_row(label: str, docs: list[Scored], scorer: ModuleType) -> list[str]:
    s = scorer.summarize([d.score for d in docs])
    return [
        label,
        str(s["docs"]),
        f"{s['field_precision']:.3f}",
        f"{s['field_recall']:.3f}",
        f"{s['field_f1']:.3f}",
        f"{s['finding_f1']:.3f}",
        f"{s['notice_accuracy']:.2f}",
        f"{s['auto_accept_coverage']:.3f}",
        f"{s['auto_accept_error_rate'] * 100:.1f}%",
    ]


SUMMARY_HEADER = ["group", "docs", "P", "R", "F1", "find-F1", "notice", "auto-acc", "acc-err"]


def group_tables(scored: list[Scored], scorer: ModuleType, classes: Iterable[str]) -> str:
    """Per notice and per variation class (a document counts for each class it has), per kind."""
    out = []
    for kind in ("text", "scan"):
        docs = [d for d in scored if d.kind == kind]
        if not docs:
            continue
        rows = [summary_row(n, [d for d in docs if d.notice == n], scorer) for n in sorted({d.notice for d in docs})]
        rows.append(summary_row("ALL", docs, scorer))
        out.append(f"== {kind}: per notice\n" + table(SUMMARY_HEADER, rows))
        crow = [
            summary_row(c, [d for d in docs if c in d.classes], scorer)
            for c in classes
            if any(c in d.classes for d in docs)
        ]
        plain = [d for d in docs if not d.classes]
        if plain:
            crow.append(summary_row("(no class)", plain, scorer))
        out.append(f"== {kind}: per variation class\n" + table(SUMMARY_HEADER, crow))
    return "\n\n".join(out)


def _field_results(d: Scored, scorer: ModuleType, types: dict[str, str]) -> list[tuple[float, bool]]:
    """(confidence, correct) for each reported field of one document."""
    res = []
    for key, entry in ((d.output or {}).get("fields") or {}).items():
        value, conf = scorer._field_entry(entry)
        if scorer.normalize(types.get(key, "text"), value) is None:
            continue
        want = d.truth["fields"].get(key)
        res.append((conf, want is not None and scorer.values_equal(types.get(key, "text"), want, value)))
    return res


def calibration(scored: list[Scored], scorer: ModuleType, catalogs: dict[str, Any]) -> str:
    """Confidence bins -> share correct, per kind, overall and per notice."""
    out = []
    for kind in ("text", "scan"):
        docs = [d for d in scored if d.kind == kind]
        if not docs:
            continue
        notices = sorted({d.notice for d in docs})
        per: dict[str, list[tuple[float, bool]]] = {"ALL": []}
        for d in docs:
            res = _field_results(d, scorer, catalogs[d.notice]["types"])
            per["ALL"] += res
            per.setdefault(d.notice, []).extend(res)
        rows = []
        for lo, hi in itertools.pairwise(BINS):
            row = [f"[{lo:.2f},{min(hi, 1.0):.2f}{']' if hi > 1 else ')'}"]
            for n in ["ALL", *notices]:
                hits = [ok for c, ok in per.get(n, []) if lo <= c < hi]
                row.append(f"{sum(hits) / len(hits):.3f} ({len(hits)})" if hits else "-")
            rows.append(row)
        out.append(
            f"== {kind}: calibration (share correct (fields) per confidence bin)\n"
            + table(["confidence", "ALL", *notices], rows)
        )
    return "\n\n".join(out)


# ------------------------------------------------------------------------------ misses


def pdf_lines(pdf: Path) -> list[str]:
    import pdfplumber

    lines: list[str] = []
    with pdfplumber.open(str(pdf)) as doc:
        for i, page in enumerate(doc.pages):
            lines += [f"p{i + 1}| {ln}" for ln in (page.extract_text() or "").splitlines()]
    return lines


def context(lines: list[str], printed: str) -> str:
    probe = re.sub(r"\s+", "", printed)[:12]
    for i, ln in enumerate(lines):
        if probe and probe in re.sub(r"\s+", "", ln):
            return " ⏎ ".join(lines[max(0, i - 1) : i + 2])
    return ""


def short(x: Any, n: int = 36) -> str:
    s = x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)
    return s if len(s) <= n else s[: n - 1] + "…"


def misses(scored: list[Scored], scorer: ModuleType, catalogs: dict[str, Any], with_context: bool) -> str:
    """Every missed, wrong and extra field: doc, key, got, want, classes, and the PDF line."""
    rows = []
    for d in scored:
        types = catalogs[d.notice]["types"]
        meta = json.loads(d.pdf.with_name(d.name + ".meta.json").read_text(encoding="utf-8"))
        got = {k: scorer._field_entry(e) for k, e in ((d.output or {}).get("fields") or {}).items()}
        got = {k: ve for k, ve in got.items() if scorer.normalize(types.get(k, "text"), ve[0]) is not None}
        lines = pdf_lines(d.pdf) if with_context and d.kind == "text" else []
        for key in sorted(set(d.truth["fields"]) | set(got)):
            want = d.truth["fields"].get(key)
            value, conf = got.get(key, (None, 0.0))
            if key in got and want is not None:
                if scorer.values_equal(types.get(key, "text"), want, value):
                    continue
                kind = "WRONG"
            else:
                kind = "MISS" if want is not None else "EXTRA"
            printed = meta["printed"].get(key, "")
            rows.append(
                f"{d.name:34} {kind:5} {key:32} got={short(value)!s:38} want={short(want)!s:38}"
                f" conf={conf:.2f} printed={short(printed, 30)!r} classes={','.join(d.classes) or '-'}"
            )
            ctx = context(lines, printed or str(value or "")) if lines else ""
            if ctx:
                rows.append("      pdf: " + ctx)
        tf = set(d.truth.get("findings") or [])
        pf = {f"{f.get('code')}:{f.get('key', '')}" for f in ((d.output or {}).get("findings") or [])}
        if tf != pf:
            rows.append(f"{d.name:34} FINDINGS missing={sorted(tf - pf)} extra={sorted(pf - tf)}")
    return f"== per-field problems ({len(rows)} lines)\n" + "\n".join(rows)


def self_check(scored: list[Scored], scorer: ModuleType, catalogs: dict[str, Any]) -> str:
    """The generator checked against the shared scorer: every printed value must normalize to
    its truth (ticked options and Chinese-numeral dates, which the scorer does not parse, aside)."""
    bad = []
    for d in scored:
        if d.kind != "text":
            continue
        types = catalogs[d.notice]["types"]
        meta = json.loads(d.pdf.with_name(d.name + ".meta.json").read_text(encoding="utf-8"))
        for key, printed in meta["printed"].items():
            ftype = types.get(key, "text")
            if ftype in ("bool", "choice", "multichoice") or "〇" in printed:
                continue
            if not scorer.values_equal(ftype, d.truth["fields"][key], printed):
                bad.append(f"{d.name} {key}: printed {printed!r} is not truth {d.truth['fields'][key]!r}")
    return f"== generator self-check: {len(bad)} printed values disagree with their truth" + "".join(
        "\n" + b for b in bad
    )
