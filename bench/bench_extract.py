"""Extraction benchmark: time per page, peak memory, and the score against the truth.

    python bench/bench_extract.py [--kind text|scan|all] [--set dev|wild|all] [--samples DIR] [--out DIR] [--repeat N]

Runs ``extract`` in one process over the samples (``--set``: the dev samples keep the
template's cells, the wild ones are filled as applicants really fill forms) (the plugin manager and, for scans,
the OCR engine are loaded once first and their load time is reported separately), writes
each contract JSON to ``--out`` and then runs ``../shared/tools/score.py`` on them.
Also prints the calibration table, overall and per notice: for bins of confidence, the
share of fields correct (the contract wants that share to be about the bin's confidence or
better, and >= 99 % from 0.95 up, where the review desk auto-accepts).
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT.parent / "shared" / "tools" / "score.py"
BINS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 1.01)


def samples(root: Path, kind: str, which: str = "all") -> list[Path]:
    sets = ("dev", "wild", "var") if which == "all" else (which,)
    pdfs = sorted(p for s in sets for p in root.glob(f"*/*-{s}-*.pdf"))
    if kind == "text":
        return [p for p in pdfs if not p.name.endswith(".scan.pdf")]
    if kind == "scan":
        return [p for p in pdfs if p.name.endswith(".scan.pdf")]
    return pdfs


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def calibration(out_dir: Path, sample_dir: Path) -> dict[str, list[tuple[str, int, float]]]:
    """Calibration rows per notice and for ``all``: (bin, fields in it, share correct)."""
    sys.path.insert(0, str(SCORE.parent))
    import score

    types = {nid: c["types"] for nid, c in score.load_catalogs(score.DEFAULT_CATALOG).items()}
    hits: dict[str, list[tuple[float, bool]]] = {"all": []}
    for out_path in out_dir.glob("*.json"):
        truth_path = next(sample_dir.rglob(out_path.stem + ".truth.json"), None)
        if truth_path is None:
            continue
        truth, out = json.loads(truth_path.read_text()), json.loads(out_path.read_text())
        for key, field in out["fields"].items():
            ok = key in truth["fields"] and score.values_equal(
                types[truth["notice"]].get(key, "text"), truth["fields"][key], field["value"]
            )
            hits["all"].append((field["confidence"], ok))
            hits.setdefault(truth["notice"], []).append((field["confidence"], ok))
    return {notice: _bins(rows) for notice, rows in sorted(hits.items())}


def _bins(hits: list[tuple[float, bool]]) -> list[tuple[str, int, float]]:
    rows = []
    for lo, hi in itertools.pairwise(BINS):
        inside = [ok for conf, ok in hits if lo <= conf < hi]
        if inside:
            rows.append(
                (f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}", len(inside), sum(inside) / len(inside))
            )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=("text", "scan", "all"), default="text")
    parser.add_argument("--set", dest="which", choices=("dev", "wild", "var", "all"), default="all")
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--repeat", type=int, default=1, help="runs per file (timings of all runs count)")
    parser.add_argument("--ocr-engine", default=None)
    args = parser.parse_args()

    from shenbao.plugins.extraction import extract
    from shenbao.plugins.manager import get_manager

    t0 = time.perf_counter()
    manager = get_manager()
    setup = {"plugins": time.perf_counter() - t0}
    files = samples(args.samples, args.kind, args.which)
    if any(p.name.endswith(".scan.pdf") for p in files):
        t0 = time.perf_counter()
        manager.ocr_engine(args.ocr_engine)
        setup["ocr model load"] = time.perf_counter() - t0
    extract(files[0], manager=manager)  # warm-up: jieba dictionary, lazy imports
    args.out.mkdir(parents=True, exist_ok=True)
    per_page: list[float] = []
    for path in files:
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            result = extract(path, manager=manager, ocr_engine=lambda: manager.ocr_engine(args.ocr_engine))
            elapsed = time.perf_counter() - t0
            per_page.append(elapsed / len(result.document.pages))
        name = path.name[: -len(".pdf")]
        (args.out / f"{name}.json").write_text(json.dumps(result.as_contract(), ensure_ascii=False, indent=1))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    unit, scale = ("ms", 1000.0) if args.kind == "text" else ("s", 1.0)
    print(f"files: {len(files)} ({args.kind}), runs: {len(per_page)}")
    for name, seconds in setup.items():
        print(f"load {name}: {seconds:.2f} s")
    print(
        f"per page: median {statistics.median(per_page) * scale:.1f} {unit}, "
        f"p95 {percentile(per_page, 0.95) * scale:.1f} {unit}"
    )
    print(f"peak RSS: {peak_mb:.0f} MB")
    print("\ncalibration (confidence bin, fields, share correct):")
    for notice, rows in calibration(args.out, args.samples).items():
        print(f"  {notice}")
        for label, n, share in rows:
            print(f"    {label:14} {n:5d}  {share:.3f}")
    if SCORE.exists():
        print()
        with tempfile.TemporaryDirectory() as truths:  # only the truths of the files run
            for path in files:
                truth = path.with_name(path.name[: -len(".pdf")] + ".truth.json")
                shutil.copy(truth, truths)
            subprocess.run([sys.executable, str(SCORE), truths, str(args.out)], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
