"""Extraction benchmark: time per page, peak memory, and the score against the truth.

    python bench/bench_extract.py [--kind text|scan|all] [--samples DIR] [--out DIR] [--repeat N]

Runs ``extract`` in one process over the dev samples (the plugin manager and, for scans,
the OCR engine are loaded once first and their load time is reported separately), writes
each contract JSON to ``--out`` and then runs ``../shared/tools/score.py`` on them.
Also prints the calibration table: for bins of confidence, the share of fields correct.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT.parent / "shared" / "tools" / "score.py"
BINS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 1.01)


def samples(root: Path, kind: str) -> list[Path]:
    pdfs = sorted(root.glob("*/*-dev-*.pdf"))
    if kind == "text":
        return [p for p in pdfs if not p.name.endswith(".scan.pdf")]
    if kind == "scan":
        return [p for p in pdfs if p.name.endswith(".scan.pdf")]
    return pdfs


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def calibration(out_dir: Path, sample_dir: Path) -> list[tuple[str, int, float]]:
    sys.path.insert(0, str(SCORE.parent))
    import score  # noqa: PLC0415 - the shared scorer's value comparison

    types = {nid: c["types"] for nid, c in score.load_catalogs(score.DEFAULT_CATALOG).items()}
    hits: list[tuple[float, bool]] = []
    for out_path in out_dir.glob("*.json"):
        truth_path = next(sample_dir.rglob(out_path.stem + ".truth.json"), None)
        if truth_path is None:
            continue
        truth, out = json.loads(truth_path.read_text()), json.loads(out_path.read_text())
        for key, field in out["fields"].items():
            ok = key in truth["fields"] and score.values_equal(types[truth["notice"]].get(key, "text"),
                                                              truth["fields"][key], field["value"])
            hits.append((field["confidence"], ok))
    rows = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [ok for conf, ok in hits if lo <= conf < hi]
        if inside:
            rows.append((f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}", len(inside), sum(inside) / len(inside)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=("text", "scan", "all"), default="text")
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--repeat", type=int, default=1, help="runs per file (timings of all runs count)")
    parser.add_argument("--ocr-engine", default=None)
    args = parser.parse_args()

    from shenbao.ingest.pipeline import extract
    from shenbao.plugins.manager import get_manager

    t0 = time.perf_counter()
    manager = get_manager()
    setup = {"plugins": time.perf_counter() - t0}
    files = samples(args.samples, args.kind)
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
    print(f"per page: median {statistics.median(per_page) * scale:.1f} {unit}, "
          f"p95 {percentile(per_page, 0.95) * scale:.1f} {unit}")
    print(f"peak RSS: {peak_mb:.0f} MB")
    print("\ncalibration (confidence bin, fields, share correct):")
    for label, n, share in calibration(args.out, args.samples):
        print(f"  {label:14} {n:5d}  {share:.3f}")
    if SCORE.exists():
        print()
        subprocess.run([sys.executable, str(SCORE), str(args.samples), str(args.out)], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
