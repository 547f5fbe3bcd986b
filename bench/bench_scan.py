"""Scans as a user runs them: whole `shenbao extract` processes beside plain RapidOCR.

    python bench/bench_scan.py FILE.scan.pdf [...] [--repeat 3]     # side-by-side table
    python bench/bench_scan.py FILE.scan.pdf --baseline ../old/.venv/bin/shenbao   # + another build
    python bench/bench_scan.py FILE.scan.pdf --profile              # per-stage profile
    python bench/bench_scan.py --text FILE.pdf [...] [--baseline ...]  # born-digital files
    python bench/bench_scan.py --queue DIR                          # 1 vs 2 queue workers

Side by side: for every file and repeat, one `shenbao extract FILE` process and one
process of plain RapidOCR 3.10 with its defaults on every page rendered at 200 dpi (no
field matching), run one after the other (interleaved, so both see the same machine).
Each process is timed from its start to its exit (interpreter start, imports and model
load included) with its CPU seconds and peak RSS from ``wait4``. Medians over repeats.

Profile: one in-process extraction with timers around each stage (raster, deskew, seal,
ink, table lines, check boxes, detection, recognition, OCR page total, matching and
findings), per page (median, p95) and in total, plus model load and jieba start-up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
PLAIN_OCR = """
import sys
import pypdfium2 as pdfium
from rapidocr import RapidOCR
engine = RapidOCR()
pdf = pdfium.PdfDocument(sys.argv[1])
for index in range(len(pdf)):
    image = pdf[index].render(scale=200 / 72).to_numpy()
    engine(image[:, :, ::-1].copy())
"""


def run_process(argv: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall s, CPU s (user+sys of the child) and peak RSS (MB) of one whole process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{stderr[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(str(path)))


def extract_argv(script: Path) -> Callable[[Path], list[str]]:
    """The command line of ``script extract FILE`` (this build's ``shenbao``, or another's)."""
    return lambda path: [str(script), "extract", str(path)]


shenbao_argv = extract_argv(BIN / "shenbao")


def plain_argv(path: Path) -> list[str]:
    return [sys.executable, "-c", PLAIN_OCR, str(path)]


OURS = "`shenbao extract X.scan.pdf`"
PLAIN = "RapidOCR 3.10 defaults, 200 dpi, no matching"


def side_by_side(files: list[Path], repeat: int, baseline: Path | None = None) -> None:
    """The table of the issue; ``baseline``: another build's ``shenbao`` script (a checkout of
    the commit before, say), timed in the same interleaved runs."""
    tools: dict[str, Callable[[Path], list[str]]] = {OURS: shenbao_argv, PLAIN: plain_argv}
    if baseline is not None:
        tools[f"baseline `{baseline}`"] = extract_argv(baseline)
    results: dict[str, dict[Path, list[dict[str, float]]]] = {t: defaultdict(list) for t in tools}
    for _ in range(repeat):
        for path in files:
            for tool, argv in tools.items():
                results[tool][path].append(run_process(argv(path)))
    pages = {p: page_count(p) for p in files}
    print(f"\n{len(files)} file(s), {sum(pages.values())} pages, {repeat} run(s) each, medians\n")
    print("| | wall s | s/page (median over files) | s/page p95 | CPU s | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    summary = {tool: _summary(results[tool], pages) for tool in tools}
    for tool, row in summary.items():
        cells = (f"{row[k]:.{d}f}" for k, d in (("wall", 1), ("page", 2), ("p95", 2), ("cpu", 1), ("rss", 0)))
        print(f"| {tool} | " + " | ".join(cells) + " |")
    for other in [t for t in tools if t != OURS]:
        ours, theirs = summary[OURS], summary[other]
        name = "plain OCR" if other == PLAIN else "baseline"
        print(
            f"| ratio shenbao / {name} | {ours['wall'] / theirs['wall']:.2f} | {ours['page'] / theirs['page']:.2f} "
            f"| | {ours['cpu'] / theirs['cpu']:.2f} | {ours['rss'] / theirs['rss']:.2f} |"
        )
    if len(files) > 1:
        print("\nper file (median run): pages | wall s of " + " | ".join(tools))
        for path in files:
            walls = " | ".join(f"{_median_run(results[tool][path])['wall']:.1f}" for tool in tools)
            print(f"  {path.name}: {pages[path]} | {walls}")


def _summary(runs: dict[Path, list[dict[str, float]]], pages: dict[Path, int]) -> dict[str, float]:
    per_file = {p: _median_run(r) for p, r in runs.items()}
    per_page = sorted(r["wall"] / pages[p] for p, r in per_file.items())
    return {
        "wall": sum(r["wall"] for r in per_file.values()),
        "page": statistics.median(per_page),
        "p95": _p95(per_page),
        "cpu": sum(r["cpu"] for r in per_file.values()),
        "rss": max(r["rss"] for r in per_file.values()),
    }


def _median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def text_files(files: list[Path], repeat: int, baseline: Path | None = None) -> None:
    """Born-digital files, each run ``repeat`` times; with ``baseline``, that build's run
    follows each of ours (interleaved) and gets columns of its own."""
    builds = {"": shenbao_argv}
    if baseline is not None:
        builds["baseline "] = extract_argv(baseline)
    header = " | ".join(f"{b}wall s | {b}s/page" for b in builds)
    print(f"\n| file | pages | {header} | CPU s | peak RSS MB |")
    print("|---|---|" + "---|---|" * len(builds) + "---|---|")
    for path in files:
        runs: dict[str, list[dict[str, float]]] = defaultdict(list)
        for _ in range(repeat):
            for build, argv in builds.items():
                runs[build].append(run_process(argv(path)))
        n = page_count(path)
        medians = {build: _median_run(r) for build, r in runs.items()}
        cells = " | ".join(f"{m['wall']:.2f} | {m['wall'] / n:.3f}" for m in medians.values())
        ours = medians[""]
        print(f"| {path.name} | {n} | {cells} | {ours['cpu']:.2f} | {ours['rss']:.0f} |")
    help_runs = [run_process([str(BIN / "shenbao"), "--help"]) for _ in range(max(repeat, 3))]
    print(f"\n`shenbao --help`: {statistics.median(r['wall'] for r in help_runs):.2f} s wall (median)")


def queue(folder: Path, workers_list: tuple[int, ...] = (1, 2)) -> None:
    """Files per minute with 1 and 2 `shenbao worker` processes on the embedded queue."""
    files = sorted(folder.glob("*.pdf"))
    print(f"\nqueue: {len(files)} files from {folder}")
    print("| workers | wall s | files/min |")
    print("|---|---|---|")
    rates = {}
    for workers in workers_list:
        with tempfile.TemporaryDirectory() as home:
            env = os.environ | {"SHENBAO_HOME": home}
            run_process([str(BIN / "shenbao"), "db", "upgrade"], env=env)
            run_process([str(BIN / "shenbao"), "ingest", *map(str, files)], env=env)
            started = time.perf_counter()
            procs = [
                subprocess.Popen(
                    [str(BIN / "shenbao"), "worker", "--idle-exit", "3"], env=env, stderr=subprocess.DEVNULL
                )
                for _ in range(workers)
            ]
            for proc in procs:
                proc.wait()
            wall = time.perf_counter() - started - 3  # the idle wait before exit
        rates[workers] = len(files) / wall * 60
        print(f"| {workers} | {wall:.1f} | {rates[workers]:.2f} |")
    if len(rates) == 2:
        print(f"speed-up 2 vs 1 worker: {rates[2] / rates[1]:.2f}×")


class StageClock:
    """Seconds spent in named functions, per call; nested stages are timed on their own."""

    def __init__(self) -> None:
        self.calls: dict[str, list[float]] = defaultdict(list)
        self.cpu: dict[str, float] = defaultdict(float)

    def wrap(self, owner: Any, name: str, stage: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.calls[stage].append(time.perf_counter() - started)
                self.cpu[stage] += time.process_time() - cpu

        setattr(owner, name, timed)

    @contextmanager
    def stage(self, stage: str) -> Iterator[None]:
        started, cpu = time.perf_counter(), time.process_time()
        yield
        self.calls[stage].append(time.perf_counter() - started)
        self.cpu[stage] += time.process_time() - cpu


def profile(path: Path) -> None:
    """Stages one after another (one page at a time, so that each stage's seconds are its own;
    ``shenbao extract`` reads pages side by side, as the side-by-side table measures)."""
    os.environ["SHENBAO_OCR_PAGE_WORKERS"] = "1"
    clock = StageClock()
    with clock.stage("imports"):
        from shenbao.ingest import scanpages
        from shenbao.ingest.ocr import checkbox, layout, page, prepare
        from shenbao.plugins import extraction
        from shenbao.plugins.manager import get_manager
    with clock.stage("plugins"):
        manager = get_manager()
    with clock.stage("model load"):
        engine = manager.ocr_engine(None)
    with clock.stage("jieba init"):
        from shenbao.ingest.labels import load_tokenizer

        load_tokenizer()
    engine_type = type(engine)
    clock.wrap(engine_type, "detect", "detection")
    clock.wrap(engine_type, "recognize", "recognition")
    clock.wrap(scanpages, "render_pdf_page", "raster")
    clock.wrap(prepare, "level", "deskew")
    clock.wrap(prepare, "suppress_seal", "seal")
    clock.wrap(prepare, "ink_mask", "ink")
    clock.wrap(layout, "analyse", "table lines")
    clock.wrap(checkbox, "find_checkboxes", "check boxes")
    clock.wrap(page, "_read_page", "OCR page total")
    with clock.stage("extract total"):
        results = extraction.extract_packets(path, manager=manager, ocr_engine=lambda: engine)
    pages = page_count(path)
    ocr_total = sum(clock.calls["OCR page total"])
    raster_total = sum(clock.calls["raster"])
    extract_total = sum(clock.calls["extract total"])
    clock.calls["matching, findings"] = [extract_total - ocr_total - raster_total]
    clock.cpu["matching, findings"] = clock.cpu["extract total"] - clock.cpu["OCR page total"] - clock.cpu["raster"]
    skimmed = sum(page.skimmed for result in results for page in result.document.pages)
    print(f"\nprofile of {path.name}: {pages} pages ({skimmed} skimmed evidence), {len(results)} packet(s)\n")
    print("| stage | calls | total s | per page s | median/call s | p95/call s | CPU s | share of extract |")
    print("|---|---|---|---|---|---|---|---|")
    order = [
        "imports",
        "plugins",
        "model load",
        "jieba init",
        "raster",
        "deskew",
        "seal",
        "ink",
        "table lines",
        "check boxes",
        "detection",
        "recognition",
        "OCR page total",
        "matching, findings",
        "extract total",
    ]
    for stage in order:
        calls = clock.calls.get(stage, [])
        if not calls:
            continue
        total = sum(calls)
        share = f"{total / extract_total:.0%}" if stage not in order[:4] else ""
        print(
            f"| {stage} | {len(calls)} | {total:.2f} | {total / pages:.3f} | {statistics.median(calls):.3f} "
            f"| {_p95(calls):.3f} | {clock.cpu[stage]:.2f} | {share} |"
        )
    import resource

    print(f"\npeak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def machine() -> str:
    """The CPU the figures were taken on. The vendor matters for comparing runs: on Intel cores
    the PP-OCRv6 detector's denormal weights made plain RapidOCR ~2x slower than on AMD ones
    (issue 11), so the ratio to plain OCR differs between machines of the same speed."""
    model, flags = "unknown CPU", set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                model = value.strip()
            elif key.strip() == "flags":
                flags = set(value.split())
                break
    except OSError:
        pass
    vector = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    return f"{model}, {os.cpu_count()} cores, {vector}, Python {sys.version.split()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="per-stage profile of the first file")
    parser.add_argument("--text", action="store_true", help="born-digital files (and --baseline), plus --help")
    parser.add_argument("--queue", type=Path, help="a folder of PDFs: 1 vs 2 queue workers")
    parser.add_argument("--baseline", type=Path, help="another build's shenbao script, timed in the same runs")
    args = parser.parse_args()
    if not shutil.which(str(BIN / "shenbao")):
        raise SystemExit(f"no shenbao script beside {sys.executable}; run from the project's venv")
    print(f"machine: {machine()}")
    if args.queue:
        queue(args.queue)
    elif args.profile:
        profile(args.files[0])
    elif args.text:
        text_files(args.files, args.repeat, args.baseline)
    else:
        side_by_side(args.files, args.repeat, args.baseline)


if __name__ == "__main__":
    main()
