"""``shenbao extract``: one file → the contract JSON, or a table for a person."""

from __future__ import annotations

import argparse
import json
import sys

from shenbao.ingest.pipeline import ExtractionResult
from shenbao.plugins.extraction import engine_factory, extract_copies, extract_packets
from shenbao.plugins.manager import get_manager
from shenbao.plugins.printing import print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract the fields of a submission file (a stack of packets: each one)")
    p.add_argument("file", help="PDF (text or scanned), Word .docx (.doc with LibreOffice) or JPG/PNG/TIFF")
    p.add_argument("--notice", help="notice id (default: detected from the document)")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.add_argument("--ocr-engine", help="OCR engine for image pages (default: rapidocr)")
    p.add_argument(
        "--companion",
        metavar="FILE",
        help="the submission's other copy (the scan of the signed paper copy of a .docx): "
        "the Word file gives the values, fields the copies print differently are findings",
    )
    p.set_defaults(func=cmd_extract)


def cmd_extract(args: argparse.Namespace) -> int:
    manager = get_manager()
    for problem in manager.problems:
        print(f"shenbao: warning: {problem}", file=sys.stderr)
    engine = engine_factory(manager, args.ocr_engine) if args.ocr_engine else None
    if args.companion:
        results = [extract_copies(args.file, args.companion, args.notice, manager=manager, ocr_engine=engine)]
    else:
        results = extract_packets(args.file, args.notice, manager=manager, ocr_engine=engine)
    if args.format == "json":
        # one packet: one contract object, as ever; a stack: an array of them in page order
        contracts = [r.as_contract() for r in results]
        json.dump(contracts[0] if len(contracts) == 1 else contracts, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for i, result in enumerate(results):
            if i:
                print()
            print_result_table(result)
    return 0


def print_result_table(result: ExtractionResult) -> None:
    notice = result.notice
    where = f"pages {result.page_range[0]}-{result.page_range[1]}" if result.page_range else ""
    print(
        f"{result.file}: {notice.id} ({notice.name}), confidence {result.notice_confidence:.2f}, "
        f"{len(result.document.pages)} pages{', ' + where if where else ''}"
    )
    rows: list[tuple[str, ...]] = [("key", "label", "value", "conf", "page")]
    for spec in notice.fields:
        f = result.fields.get(spec.key)
        value = "" if f is None else _short(f.value)
        rows.append(
            (
                spec.key,
                spec.label[:24],
                value,
                "" if f is None else f"{f.confidence:.2f}",
                "" if f is None else str(f.page),
            )
        )
    print_table(rows)
    print()
    rows = [("attachment", "label", "present", "pages")]
    for att in notice.attachments:
        pages = result.attachments.get(att.key, [])
        rows.append((att.key, att.label[:30], "yes" if pages else "NO", ",".join(map(str, pages))))
    print_table(rows)
    print()
    if not result.findings:
        print("findings: none")
    for finding in result.findings:
        print(f"{finding.severity:7} {finding.code}:{finding.key}  {finding.message}")


def _short(value: object, width: int = 40) -> str:
    text = "、".join(map(str, value)) if isinstance(value, list) else str(value)
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"
