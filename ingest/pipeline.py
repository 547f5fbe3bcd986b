"""The extraction pipeline: file → document → fields, attachments → findings.

This is the one entry point the CLI, the review desk's queue and the benchmarks call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shenbao.ingest.attachments import scan_attachments
from shenbao.ingest.bound_table import bound_table_rows
from shenbao.ingest.detect import detect_notice
from shenbao.ingest.document import Document
from shenbao.ingest.exceptions import UnknownNotice
from shenbao.ingest.findings import Finding, submission_findings
from shenbao.ingest.flow import build_flow
from shenbao.ingest.matching import ExtractedField, extract_fields
from shenbao.ingest.reader import EngineFactory, default_engine_name, read_document
from shenbao.plugins.manager import PluginManager, get_manager
from shenbao.plugins.notice import Notice


@dataclass
class ExtractionResult:
    file: str
    notice: Notice
    notice_confidence: float
    document: Document
    fields: dict[str, ExtractedField]
    attachments: dict[str, list[int]]  # key -> evidence pages ([] = absent)
    findings: list[Finding] = field(default_factory=list)
    # rows of a 推荐汇总表 bound into the document (field key -> value), for the review desk
    bound_rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def values(self) -> dict[str, Any]:
        return {key: f.value for key, f in self.fields.items()}

    @property
    def present(self) -> dict[str, bool]:
        return {key: bool(pages) for key, pages in self.attachments.items()}

    def as_contract(self) -> dict[str, Any]:
        """Exactly the JSON of contract section 2."""
        return {
            "file": self.file,
            "notice": self.notice.id,
            "notice_confidence": self.notice_confidence,
            "pages": len(self.document.pages),
            "fields": {key: f.as_contract() for key, f in self.fields.items()},
            "attachments": {key: {"present": bool(pages), "pages": pages} for key, pages in self.attachments.items()},
            "findings": [f.as_contract() for f in self.findings],
        }


def extract(
    path: str | Path,
    notice_id: str | None = None,
    *,
    manager: PluginManager | None = None,
    ocr_engine: EngineFactory | None = None,
) -> ExtractionResult:
    """Read ``path`` and extract its notice's fields, attachments and findings.

    Raises :class:`~shenbao.ingest.exceptions.IngestError` (unreadable file, unknown
    document) or :class:`~shenbao.plugins.exceptions.UnknownNoticeId`.
    """
    manager = manager or get_manager()
    path = Path(path)
    chosen = manager.notice(notice_id) if notice_id else None
    document = read_document(path, ocr_engine or (lambda: manager.ocr_engine(default_engine_name())))
    if chosen is not None:
        notice, confidence = chosen, 1.0
    else:
        detection = detect_notice(document, list(manager.notices.values()))
        if detection is None:
            known = ", ".join(sorted(manager.notices)) or "none installed"
            raise UnknownNotice(f"is not a submission of any installed notice ({known})", file=path)
        notice, confidence = detection.notice, detection.confidence
    return extract_document(document, notice, confidence, manager, name=path.name)


def extract_document(
    document: Document, notice: Notice, confidence: float, manager: PluginManager, *, name: str
) -> ExtractionResult:
    attachments, starts = scan_attachments(document, notice)
    flow = build_flow(document, notice.sections, starts)
    fields = extract_fields(flow, notice)
    result = ExtractionResult(name, notice, confidence, document, fields, attachments)
    result.bound_rows = bound_table_rows(document, notice)
    result.findings = submission_findings(notice, result.values, result.present, manager, result.bound_rows)
    return result
