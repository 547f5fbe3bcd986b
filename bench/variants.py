"""Generate unseen-like filled 申报书 from the blank templates, extract them, score them.

    python bench/variants.py --per-notice 8 --seed 1 --out bench/out/variants
    python bench/variants.py --per-notice 3 --scans 1 --out bench/out/v       # + image-only scans (OCR, slow)
    python bench/variants.py --per-notice 2 --notice wuhan-fund-2022 --no-extract --out /tmp/v
    python bench/variants.py --golden                                         # rewrite samples/*/variants/

A dev/bench tool, not part of CI: making PDFs needs LibreOffice (``soffice``; CI has none).
The generator itself (``shenbao.plugins.authoring.variants``) runs anywhere; each notice's
filler is the ``variants`` module of its plugin, found through the plugin manager.

Each document draws variation classes (issue 10: merged_cells, reworded_labels, shuffled_rows,
unboxed_sections, partial_jianbiao, fullwidth_digits, money_units, date_forms, tick_glyphs,
fonts), seeded: the same seed gives the same documents. For each notice, OUT/<notice>/ gets
``<doc>.docx``, ``<doc>.pdf``, ``<doc>.truth.json`` (contract section 3; findings from the
project's rule engine) and ``<doc>.meta.json`` (classes, knobs, what was printed per field);
with ``--scans N`` the first N documents per notice also get ``<doc>.scan.pdf``. Then every PDF
is extracted into OUT/out/ and scored with the shared scorer: per notice and per class, field
P/R/F1, findings F1, auto-accept coverage and error, a calibration table, text and scans
apart, and every missed/wrong/extra field (doc, key, got, want, classes, PDF line).

The shared folder (blanks, scorer, catalogs) is ``<checkout>/../shared`` unless ``--shared DIR``
or ``SHENBAO_SHARED`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from shenbao.core.errors import PluginError
from shenbao.plugins.authoring.variants import render, report
from shenbao.plugins.authoring.variants.classes import CLASSES
from shenbao.plugins.authoring.variants.generate import build, fillers, write
from shenbao.plugins.authoring.variants.truth import VariantError
from shenbao.plugins.manager import get_manager

ROOT = Path(__file__).resolve().parents[1]
GOLDEN_SEED = 2026


def shared_dir(arg: Path | None) -> Path:
    if arg is not None:
        return arg
    env = os.environ.get("SHENBAO_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def golden_classes(i: int) -> frozenset[str]:
    """The two golden text documents of a notice split the classes between them."""
    return frozenset(c for j, c in enumerate(CLASSES) if j % 2 == i % 2)


def generate_golden(shared: Path) -> int:
    """samples/<notice>/variants/: 2 text documents covering every class + 1 scan per notice."""
    manager = get_manager()
    for notice_id, filler in fillers(manager).items():
        out = ROOT / "samples" / notice_id / "variants"
        shutil.rmtree(out, ignore_errors=True)
        docx = [
            write(build(manager, notice_id, filler, shared / "blanks", i + 1, GOLDEN_SEED, golden_classes(i)), out)
            for i in range(2)
        ]
        pdfs = render.convert(docx)
        render.make_scan(pdfs[0], GOLDEN_SEED)
        for p in docx:
            p.unlink()
    size = sum(p.stat().st_size for p in (ROOT / "samples").glob("*/variants/*"))
    print(f"golden variants written: {size / 1e6:.1f} MB")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-notice", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "variants")
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder (default ../shared)")
    ap.add_argument("--notice", action="append", help="only these notices (repeatable)")
    ap.add_argument("--scans", type=int, default=0, metavar="N", help="image-only scans of the first N per notice")
    ap.add_argument("--no-extract", action="store_true", help="only generate docx/pdf/truth")
    ap.add_argument("--no-context", action="store_true", help="do not print PDF text around failures")
    ap.add_argument("--golden", action="store_true", help="rewrite the golden variants under samples/")
    args = ap.parse_args(argv)
    shared = shared_dir(args.shared)
    try:
        if args.golden:
            return generate_golden(shared)
        return run(args, shared)
    except PluginError as exc:  # VariantError and the plugin errors: one line, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2


def run(args: argparse.Namespace, shared: Path) -> int:
    manager = get_manager()
    known = fillers(manager)
    unknown = set(args.notice or ()) - set(known)
    if unknown:
        raise VariantError(f"no variant filler for {', '.join(sorted(unknown))} (have: {', '.join(known)})")
    chosen = {n: f for n, f in known.items() if not args.notice or n in args.notice}
    docx = {
        n: [
            write(build(manager, n, f, shared / "blanks", i + 1, args.seed), args.out / n)
            for i in range(args.per_notice)
        ]
        for n, f in chosen.items()
    }
    print(f"generated {sum(map(len, docx.values()))} docx under {args.out}; converting with LibreOffice …", flush=True)
    pdfs = render.convert([p for ps in docx.values() for p in ps])
    pdfs += [render.make_scan(p.with_suffix(".pdf"), args.seed) for ps in docx.values() for p in ps[: args.scans]]
    if args.no_extract:
        return 0
    failed = report.run_extract(pdfs, args.out / "out", manager)
    for name, err in failed.items():
        print(f"extraction FAILED {name}: {err}")
    scorer = report.load_scorer(shared)
    catalogs = scorer.load_catalogs(shared / "catalog")
    scored = report.score_all(pdfs, args.out / "out", scorer, catalogs)
    text = "\n\n".join(
        [
            report.self_check(scored, scorer, catalogs),
            report.group_tables(scored, scorer, CLASSES),
            report.calibration(scored, scorer, catalogs),
            report.misses(scored, scorer, catalogs, with_context=not args.no_context),
        ]
    )
    print(text)
    (args.out / "report.txt").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
