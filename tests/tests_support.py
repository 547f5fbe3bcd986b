"""Helpers importable by any test module (tests/ is on sys.path under pytest's rootdir)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shenbao.plugins.manager import get_manager

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def builtin_notice_ids() -> list[str]:
    """The ids of the notices shenbao itself ships, as the plugin manager finds them."""
    return sorted(n.id for n in get_manager().notices.values() if n.package == "shenbao")


SAMPLE_KINDS = ("dev", "wild")  # filled as the template prints it / as applicants really fill it


def _samples(scan: bool) -> list[Path]:
    found = (p for kind in SAMPLE_KINDS for p in SAMPLES.glob(f"*/*-{kind}-*.pdf"))
    return sorted(p for p in found if p.name.endswith(".scan.pdf") == scan)


def text_samples() -> list[Path]:
    """Born-digital submissions, dev and wild."""
    return _samples(scan=False)


def scan_samples() -> list[Path]:
    """Scanned submissions, dev and wild."""
    return _samples(scan=True)


def truth_of(pdf: Path) -> dict:
    return json.loads(pdf.with_name(pdf.name[: -len(".pdf")] + ".truth.json").read_text())


def values_match(ftype: str, truth: Any, got: object) -> bool:
    """The scorer's comparison (../shared/tools/score.py): numbers within 1e-6, text after NFKC
    without white space, longtext by similarity >= 0.90, multichoice as a set."""
    import math
    import re
    import unicodedata

    from rapidfuzz import fuzz

    def fold(value: object) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))

    if ftype in ("integer", "decimal", "money_wan", "percent"):
        return isinstance(got, (int, float)) and math.isclose(float(truth), float(got), rel_tol=1e-6)
    if ftype == "multichoice":
        return isinstance(got, list) and {fold(v) for v in truth} == {fold(v) for v in got}
    if ftype == "bool":
        return truth is got
    if ftype == "longtext":
        return fuzz.ratio(fold(truth), fold(got)) >= 90
    if ftype == "email":
        return fold(truth).lower() == fold(got).lower()
    return fold(truth) == fold(got)


def fresh_pg_schema(url: str | None, prefix: str):
    """Generator for a session fixture: a new PostgreSQL schema (dropped afterwards), or None
    without ``SHENBAO_TEST_DATABASE_URL``, so concurrent test runs never share tables."""
    if not url:
        yield None
        return
    import uuid

    import sqlalchemy as sa

    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    yield schema
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


# A one-page PDF of Latin text lines (Helvetica), written by hand: no CJK font is installed on
# the test machines and the format is simple for text only, so no PDF library is needed.


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_text_pdf(path: Path, lines: list[str], *, size: int = 12) -> Path:
    stream = f"BT\n/F1 {size} Tf\n72 770 Td\n{size * 2} TL\n"
    stream += "".join(f"({_escape(line)}) Tj T*\n" for line in lines) + "ET\n"
    body = stream.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


# A bureau's database as shenbao 3836971 (the last commit before migrations) left it: the DDL
# its create_all emitted (tests/models/fixtures/schema-3836971.<dialect>.sql) and some rows.
OLD_SCHEMA = ROOT / "tests" / "models" / "fixtures"
OLD_PASSWORD = "old-password"
OLD_ROWS = [
    "INSERT INTO users (id, username, password_hash, role, active, created_at) VALUES "
    "(1, '王芳', :hash, 'reviewer', TRUE, '2024-05-01 08:00:00')",
    "INSERT INTO source_files (id, upload_id, filename, sha256, size, media_type, uploaded_by, status, "
    "attempts, ingest_count, created_at) VALUES (1, 'u1', 'a.pdf', :sha, 10, 'application/pdf', '王芳', 'done', "
    "1, 1, '2024-05-01 08:01:00')",
    "INSERT INTO submissions (id, source_id, filename, notice_id, status, applicant_name, search_text, to_review, "
    "open_findings, extraction, created_at, updated_at) VALUES (1, 1, 'a.pdf', 'miit-2023-pilot', 'needs_review', "
    "'甲公司', '甲公司 a.pdf', 1, 0, '{\"notice\": \"miit-2023-pilot\"}', '2024-05-01 08:02:00', "
    "'2024-05-01 08:02:00')",
    "INSERT INTO field_values (id, submission_id, key, position, value, original_value, state, version) VALUES "
    "(1, 1, 'applicant.name', 0, '\"甲公司（更正）\"', '\"甲公司\"', 'corrected', 2)",
    "INSERT INTO audit_entries (id, submission_id, target, key, action, old_value, new_value, username, created_at) "
    "VALUES (1, 1, 'field', 'applicant.name', 'correct', '\"甲公司\"', '\"甲公司（更正）\"', '王芳', "
    "'2024-05-01 09:00:00')",
    "INSERT INTO settings (key, value, updated_at) VALUES ('auto_accept_threshold', '0.9', '2024-05-01 08:00:00')",
]


def make_database_of_3836971(conn: Any) -> None:
    """On an empty database (SQLAlchemy connection in a transaction): 3836971's tables and rows."""
    from sqlalchemy import text
    from werkzeug.security import generate_password_hash

    ddl = (OLD_SCHEMA / f"schema-3836971.{conn.dialect.name}.sql").read_text(encoding="utf-8")
    code = "\n".join(line for line in ddl.splitlines() if not line.startswith("--"))
    for statement in (s.strip() for s in code.split(";")):
        if statement:
            conn.exec_driver_sql(statement)
    for row in OLD_ROWS:
        conn.execute(text(row), {"hash": generate_password_hash(OLD_PASSWORD), "sha": "ab" * 32})
    if conn.dialect.name == "postgresql":  # the rows name their ids: move the sequences past them
        for table in ("users", "source_files", "submissions", "field_values", "audit_entries"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
