"""OCR speed per engine over the scan samples: s/page (median, p95), load time, peak RSS.

    python bench/bench_ocr.py                     # every installed engine, 2 pages per scan
    python bench/bench_ocr.py --engine rapidocr --pages-per-doc 0   # all pages

Each engine runs in its own process (load time and peak RSS are that process's own).
A page's time is ``ocr_page`` end to end (level, layout, check boxes, det, rec, page
model), rendering excluded; CPU seconds are given too, as wall time on a shared machine
depends on the neighbours. Numbers go to stdout.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLES = ROOT / "samples"


def _pages(samples: Path, per_doc: int) -> list[tuple[Path, int]]:
    import pypdfium2 as pdfium

    out = []
    for scan in sorted(samples.glob("*/*.scan.pdf")):
        count = len(pdfium.PdfDocument(str(scan)))
        # a sample: the form pages right after the cover and contents (index 2 on)
        indexes = range(count) if per_doc <= 0 else range(min(2, count - 1), min(count, 2 + per_doc))
        out.extend((scan, i) for i in indexes)
    return out


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def worker(engine_name: str, samples: Path, per_doc: int) -> dict:
    from shenbao.ingest.ocr.page import ocr_page
    from shenbao.ingest.ocr.raster import render_pdf_page
    from shenbao.plugins.manager import PluginManager

    started = time.perf_counter()
    engine = PluginManager().ocr_engine(engine_name)
    load = time.perf_counter() - started
    walls, cpus = [], []
    for path, index in _pages(samples, per_doc):
        image = render_pdf_page(path, index, 200)
        w, h = image.shape[1] * 72 / 200, image.shape[0] * 72 / 200
        t0, c0 = time.perf_counter(), time.process_time()
        ocr_page(image, number=index + 1, width_pt=w, height_pt=h, engine=engine)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "engine": engine_name,
        "pages": len(walls),
        "load_s": round(load, 2),
        "median_s": round(statistics.median(walls), 2),
        "p95_s": round(_percentile(walls, 0.95), 2),
        "mean_s": round(statistics.fmean(walls), 2),
        "cpu_median_s": round(statistics.median(cpus), 2),
        "peak_rss_mb": round(rss_mb),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", action="append", help="rapidocr / paddleocr (default: every installed one)")
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--pages-per-doc", type=int, default=2, help="0 = every page")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.samples, args.pages_per_doc)))
        return
    engines = args.engine or ["rapidocr"] + (["paddleocr"] if importlib.util.find_spec("paddleocr") else [])
    print(
        f"{'engine':<10} {'pages':>5} {'median s':>9} {'p95 s':>7} {'mean s':>7} "
        f"{'cpu med':>8} {'load s':>7} {'peak RSS MB':>12}"
    )
    for name in engines:
        run = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                name,
                "--samples",
                str(args.samples),
                "--pages-per-doc",
                str(args.pages_per_doc),
            ],
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            print(f"{name:<10} failed: {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else run.returncode}")
            continue
        r = json.loads(run.stdout.strip().splitlines()[-1])
        print(
            f"{r['engine']:<10} {r['pages']:>5} {r['median_s']:>9} {r['p95_s']:>7} {r['mean_s']:>7} "
            f"{r['cpu_median_s']:>8} {r['load_s']:>7} {r['peak_rss_mb']:>12}"
        )


if __name__ == "__main__":
    main()
