"""Review-desk benchmark: page latency with 10,000 submissions, and ingest throughput.

    python bench/bench_admin.py [--submissions 10000] [--requests 200] [--files 8]

- review page (``/review/<id>``) and list page (``/submissions/``, plus a filtered and a
  Chinese-search variant) p50/p95 in ms, measured in-process through the Flask test client,
  on SQLite and, when ``SHENBAO_BENCH_DATABASE_URL`` or ``SHENBAO_TEST_DATABASE_URL`` is set,
  on PostgreSQL (in a throw-away schema). Goal: p95 < 100 ms.
- ingest throughput (files/minute) of born-digital dev samples with one and with two
  ``shenbao worker`` processes on the embedded defaults (SQLite + Huey on SQLite).

The 10,000 submissions are clones of real extractions of each notice's first dev sample
(every field of the notice, attachments and findings), with distinct applicant names.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from shenbao.plugins.manager import get_manager

ROOT = Path(__file__).resolve().parents[1]


def notice_ids() -> tuple[str, ...]:
    """The installed built-in notices, as the plugin manager finds them."""
    return tuple(sorted(n.id for n in get_manager().notices.values() if n.package == "shenbao"))


NOTICES = notice_ids()


def samples_dir() -> Path:
    for candidate in (os.environ.get("SHENBAO_SAMPLES"), ROOT / "samples", ROOT.parent / "shared" / "samples"):
        if candidate and (Path(candidate) / "miit-2023-pilot").is_dir():
            return Path(candidate)
    sys.exit("bench: dev samples not found (set SHENBAO_SAMPLES)")


def make_app(home: Path, url: str | None, schema: str | None) -> Any:
    from shenbao.admin import create_app

    config: dict[str, Any] = {
        "SHENBAO_HOME": str(home),
        "SECRET_KEY": "bench",
        "QUEUE_IMMEDIATE": True,
        "WTF_CSRF_ENABLED": False,
    }
    if url:
        config["SQLALCHEMY_DATABASE_URI"] = url
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"options": f"-csearch_path={schema}"}}
    else:
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{home / 'bench.db'}"
    return create_app(config)


def templates(app: Any, samples: Path) -> list[dict[str, list[dict[str, Any]]]]:
    """Ingest each notice's dev-01 for real; return its rows as dicts to clone."""
    from shenbao.admin.ingest import ingest_upload
    from shenbao.models import Submission, db

    out = []
    with app.app_context():
        for notice in NOTICES:
            path = samples / notice / f"{notice}-dev-01.pdf"
            with path.open("rb") as fh:
                _, subs = ingest_upload([(fh, path.name)], "bench")
            db.session.expire_all()
            sub = db.session.get(Submission, subs[0].id)
            out.append(
                {
                    "submission": _row(
                        sub,
                        (
                            "notice_id",
                            "notice_confidence",
                            "pages",
                            "status",
                            "applicant_name",
                            "applicant_code",
                            "project_name",
                            "completeness",
                            "to_review",
                            "open_findings",
                            "filename",
                            "extraction",
                            "source_id",
                        ),
                    ),
                    "fields": [
                        _row(
                            f,
                            (
                                "key",
                                "position",
                                "value",
                                "raw",
                                "confidence",
                                "page",
                                "bbox",
                                "source",
                                "original_value",
                                "state",
                                "version",
                            ),
                        )
                        for f in sub.fields
                    ],
                    "attachments": [
                        _row(
                            a,
                            ("key", "position", "extracted_present", "extracted_pages", "present", "pages", "version"),
                        )
                        for a in sub.attachments
                    ],
                    "findings": [_row(f, ("scope", "code", "key", "severity", "message")) for f in sub.findings],
                }
            )
    return out


def _row(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: getattr(obj, n) for n in names}


def seed(app: Any, shapes: list[dict[str, Any]], total: int) -> float:
    from sqlalchemy import func, insert, select

    from shenbao.models import AttachmentState, FieldValue, FindingRecord, Submission, db

    start = time.perf_counter()
    with app.app_context():
        next_id = (db.session.scalar(select(func.max(Submission.id))) or 0) + 1
        for chunk_start in range(len(shapes), total, 500):
            subs, fields, atts, finds = [], [], [], []
            for i in range(chunk_start, min(total, chunk_start + 500)):
                shape = shapes[i % len(shapes)]
                sid = next_id
                next_id += 1
                name = f"{shape['submission']['applicant_name']}{i:05d}"
                sub = dict(
                    shape["submission"],
                    id=sid,
                    extraction=None,
                    applicant_name=name,
                    search_text=" | ".join(
                        str(p)
                        for p in (name, shape["submission"]["applicant_code"], shape["submission"]["project_name"])
                        if p
                    ),
                )
                subs.append(sub)
                fields += [dict(f, submission_id=sid) for f in shape["fields"]]
                atts += [dict(a, submission_id=sid) for a in shape["attachments"]]
                finds += [dict(f, submission_id=sid) for f in shape["findings"]]
            db.session.execute(insert(Submission), subs)
            db.session.execute(insert(FieldValue), fields)
            db.session.execute(insert(AttachmentState), atts)
            if finds:
                db.session.execute(insert(FindingRecord), finds)
            db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(db.text(f"SELECT setval(pg_get_serial_sequence('submissions', 'id'), {next_id})"))
            db.session.commit()
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(db.text("ANALYZE"))
        else:
            db.session.execute(db.text("ANALYZE"))
            db.session.commit()
    return time.perf_counter() - start


def login(app: Any) -> Any:
    from shenbao.admin.auth import create_user

    with app.app_context():
        create_user("bench", "bench-password", "reviewer")
    client = app.test_client()
    client.post("/login", data={"username": "bench", "password": "bench-password"})
    return client


def timed(client: Any, urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        t = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - t) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return out


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def latency(app: Any, total: int, requests: int) -> dict[str, list[float]]:
    client = login(app)
    rng = random.Random(7)
    ids = [rng.randint(1, total) for _ in range(requests)]
    timed(client, [f"/review/{i}" for i in ids[:10]] + ["/submissions/"] * 5)  # warm caches
    return {
        "review page": timed(client, [f"/review/{i}" for i in ids]),
        "list page": timed(client, ["/submissions/"] * requests),
        "list page, filter": timed(
            client,
            [
                f"/submissions/?flt0_0={NOTICES[i % len(NOTICES)]}&flt0_1=needs_review&sort=4&desc=1"
                for i in range(requests)
            ],
        ),
        "list page, search": timed(client, [f"/submissions/?search=股份{i % 97:02d}" for i in range(requests)]),
    }


def bench_pages(name: str, url: str | None, samples: Path, total: int, requests: int) -> None:
    schema = None
    engine = None
    if url:
        import sqlalchemy as sa

        schema = f"shenbao_bench_{uuid.uuid4().hex[:8]}"
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            app = make_app(Path(tmp), url, schema)
            shapes = templates(app, samples)
            seconds = seed(app, shapes, total)
            print(f"[{name}] seeded {total} submissions in {seconds:.1f} s")
            for label, values in latency(app, total, requests).items():
                print(
                    f"[{name}] {label:<18} p50 {statistics.median(values):6.1f} ms   p95 {pct(values, 95):6.1f} ms"
                    f"   (n={len(values)})"
                )
            from shenbao.models import db

            with app.app_context():
                db.session.remove()
                db.engine.dispose()
    finally:
        if engine is not None:
            with engine.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            engine.dispose()


def bench_ingest(samples: Path, workers: int, files: int, scans: int = 0) -> None:
    """Files/minute with ``workers`` worker processes on SQLite + the SQLite queue."""
    from shenbao.admin.ingest import ingest_upload
    from shenbao.models import SourceFile, db

    pdfs = [samples / n / f"{n}-dev-{k:02d}.pdf" for k in (1, 2, 3) for n in NOTICES][:files]
    pdfs += [samples / n / f"{n}-dev-{k:02d}.scan.pdf" for k in (1, 2, 3) for n in NOTICES][:scans]
    kind = f"{files} born-digital" + (f" + {scans} scanned" if scans else "")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SHENBAO_HOME=tmp, SHENBAO_SECRET_KEY="bench")
        env.pop("SHENBAO_DATABASE_URL", None)
        env.pop("SHENBAO_REDIS_URL", None)
        from shenbao.admin import create_app

        app = create_app({"SHENBAO_HOME": tmp, "SECRET_KEY": "bench"})
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "shenbao", "worker"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(workers)
        ]
        time.sleep(4)  # let the workers import and start polling
        with app.app_context():
            handles = [p.open("rb") for p in pdfs]
            start = time.perf_counter()
            ingest_upload([(h, p.name) for h, p in zip(handles, pdfs, strict=False)], "bench")
            for h in handles:
                h.close()
            while True:
                db.session.expire_all()
                pending = db.session.scalar(
                    db.select(db.func.count())
                    .select_from(SourceFile)
                    .where(SourceFile.status.in_(("queued", "ingesting")))
                )
                if not pending:
                    break
                time.sleep(0.1)
            elapsed = time.perf_counter() - start
            failed = db.session.scalar(
                db.select(db.func.count()).select_from(SourceFile).where(SourceFile.status == "failed")
            )
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            p.wait(timeout=30)
    print(
        f"[ingest] {workers} worker{'s' if workers > 1 else ''}: {kind} files in {elapsed:.1f} s"
        f" = {len(pdfs) / elapsed * 60:.0f} files/min ({failed} failed)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--files", type=int, default=8, help="born-digital files per ingest run")
    parser.add_argument("--scans", type=int, default=0, help="scanned files per ingest run (OCR)")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    args = parser.parse_args()
    samples = samples_dir()
    if not args.skip_pages:
        bench_pages("sqlite", None, samples, args.submissions, args.requests)
        pg = os.environ.get("SHENBAO_BENCH_DATABASE_URL") or os.environ.get("SHENBAO_TEST_DATABASE_URL")
        if pg:
            bench_pages("postgresql", pg, samples, args.submissions, args.requests)
        else:
            print("[postgresql] skipped: set SHENBAO_BENCH_DATABASE_URL or SHENBAO_TEST_DATABASE_URL")
    if not args.skip_ingest:
        for workers in (1, 2):
            bench_ingest(samples, workers, args.files, args.scans)


if __name__ == "__main__":
    main()
