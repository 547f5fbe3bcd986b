"""The extraction pipeline: file → document → fields, attachments → findings.

This is the one entry point the CLI, the review desk's queue and the benchmarks call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shenbao.core.errors import UnknownNotice, UnreadableFile
from shenbao.core.findings import Finding, SubmissionRules
from shenbao.core.notice import Notice
from shenbao.ingest.attachments import (
    evidence_heading,
    evidence_opening,
    loose_pages,
    loose_pages_finding,
    opens_heading,
    scan_attachments,
)
from shenbao.ingest.bound_table import bound_table_rows
from shenbao.ingest.copies import reliable_values
from shenbao.ingest.detect import detect_notice
from shenbao.ingest.document import Document
from shenbao.ingest.findings import submission_findings
from shenbao.ingest.flow import build_flow
from shenbao.ingest.labels import load_tokenizer
from shenbao.ingest.matching import ExtractedField, LabelSpot, read_fields
from shenbao.ingest.ocr.skimtest import Skim
from shenbao.ingest.reader import WORD_KINDS, EngineFactory, read_document, sniff
from shenbao.ingest.split import Packet, packets_from_first_pages, split_document, split_finding


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
    # findings about the document's pages (pages of no attachment), beside the values' findings
    page_findings: list[Finding] = field(default_factory=list)
    # the packet's pages of a file holding several packets (None: the file is one packet)
    page_range: tuple[int, int] | None = None
    # the submission's other copy (the scan of the signed paper copy of a Word file), if given
    companion: ExtractionResult | None = None
    role: str = "electronic"  # electronic (a Word file or text PDF) | paper (a scan)
    # where each field's label is printed, a missing value's too; not in the contract JSON
    labels: dict[str, LabelSpot] = field(default_factory=dict)
    # section -> the pages it is printed on, to show when a field's label was not found
    section_pages: dict[str, list[int]] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, Any]:
        return {key: f.value for key, f in self.fields.items()}

    @property
    def present(self) -> dict[str, bool]:
        """Attachments bound in; with a companion copy, those bound in either copy."""
        own = {key: bool(pages) for key, pages in self.attachments.items()}
        if self.companion is None:
            return own
        return {key: on or self.companion.present.get(key, False) for key, on in own.items()}

    def as_contract(self) -> dict[str, Any]:
        """Exactly the JSON of contract section 2; a packet of a stack adds its ``page_range``."""
        head: dict[str, Any] = {
            "file": self.file,
            "notice": self.notice.id,
            "notice_confidence": self.notice_confidence,
            "pages": len(self.document.pages),
        }
        if self.page_range is not None:
            head["page_range"] = list(self.page_range)
        body = head | {
            "fields": {key: f.as_contract() for key, f in self.fields.items()},
            "attachments": {
                key: {"present": self.present[key], "pages": pages} for key, pages in self.attachments.items()
            },
            "findings": [f.as_contract() for f in self.findings],
        }
        if self.companion is not None:
            other = self.companion
            body["companion"] = {
                "file": other.file,
                "role": other.role,
                "pages": len(other.document.pages),
                "fields": {key: f.as_contract() for key, f in other.fields.items()},
                "attachments": {key: {"present": bool(p), "pages": p} for key, p in other.attachments.items()},
            }
        return body


def extract(
    path: str | Path,
    notices: Sequence[Notice],
    *,
    ocr_engine: EngineFactory,
    notice: Notice | None = None,
    rules: SubmissionRules | None = None,
) -> ExtractionResult:
    """Read ``path`` and extract its notice's fields, attachments and findings.

    The caller hands in what ingest must not look up itself: the installed ``notices`` (to
    detect which one the document is), ``ocr_engine`` (called once, for a file with image pages),
    the ``notice`` when it is known, and ``rules``, the plugins' code rules. Raises
    :class:`~shenbao.core.errors.UnreadableFile` or :class:`~shenbao.core.errors.UnknownNotice`.
    """
    path = Path(path)
    document = read_document(path, ocr_engine, meanwhile=load_tokenizer, skim=_skim(notices, notice))
    if notice is not None:
        confidence = 1.0
    else:
        detection = detect_notice(document, list(notices))
        if detection is None:
            raise not_a_submission(notices, path)
        notice, confidence = detection.notice, detection.confidence
    return extract_document(document, notice, confidence, rules, name=path.name)


def extract_packets(
    path: str | Path,
    notices: Sequence[Notice],
    *,
    ocr_engine: EngineFactory,
    notice: Notice | None = None,
    rules: SubmissionRules | None = None,
    first_pages: Sequence[int] | None = None,
) -> list[ExtractionResult]:
    """Every packet of ``path`` in page order (see :mod:`shenbao.ingest.split`): one result
    for a file of one packet (as :func:`extract`, no ``page_range``), else one per packet.

    ``first_pages`` are split points set by hand (the first page of each packet) instead of
    the detected ones. A packet of no installed notice is joined to its neighbour, with a
    finding; a file of no notice at all raises :class:`~shenbao.core.errors.UnknownNotice`.
    """
    path = Path(path)
    document = read_document(path, ocr_engine, meanwhile=load_tokenizer, skim=_skim(notices, notice))
    if first_pages is None:
        packets = split_document(document, list(notices))
    else:
        packets = packets_from_first_pages(document, first_pages)
    readings = _packet_notices(document, packets, list(notices), notice)
    if not readings:
        raise not_a_submission(notices, path)
    if len(readings) == 1 and first_pages is None:
        packet, found, confidence = readings[0]
        result = extract_document(document, found, confidence, rules, name=path.name)
        result.findings += packet.findings
        return [result]
    results = []
    for packet, found, confidence in readings:
        result = extract_document(packet.of(document), found, confidence, rules, name=path.name)
        result.page_range = packet.page_range
        result.findings += packet.findings
        results.append(result)
    return results


def _skim(notices: Sequence[Notice], notice: Notice | None) -> Skim | None:
    """Scanned evidence pages are read for their heading only: the evidence attachments of
    ``notice`` when it is known, else of every installed notice (None: none has any)."""
    chosen = list(notices) if notice is None else [notice]
    if not any(a.evidence for n in chosen for a in n.attachments):
        return None
    return Skim(evidence_heading(chosen), opens_heading, evidence_opening(chosen))


def not_a_submission(notices: Sequence[Notice], path: Path) -> UnknownNotice:
    """The error of a file that no installed notice recognises, naming the notices by name."""
    known = "、".join(sorted(n.name for n in notices)) or "未安装任何通知"
    return UnknownNotice(
        f"不是任何已安装通知的申报书（已安装：{known}）(is not a submission of any installed notice)", file=path
    )


def _packet_notices(
    document: Document, packets: list[Packet], notices: list[Notice], notice: Notice | None
) -> list[tuple[Packet, Notice, float]]:
    """Each packet with its notice; one of no notice joins the packet before it (the first
    one, the packet after it), with a finding saying so."""
    out: list[tuple[Packet, Notice, float]] = []
    orphans: list[Packet] = []
    for packet in packets:
        reading = (notice, 1.0) if notice is not None else _detected(packet.of(document), notices)
        if reading is None:
            if out:
                out[-1] = (_joined(out[-1][0], packet, packet), *out[-1][1:])
            else:
                orphans.append(packet)
            continue
        for orphan in reversed(orphans):
            packet = _joined(orphan, packet, orphan)
        orphans = []
        out.append((packet, *reading))
    return out


def _detected(document: Document, notices: list[Notice]) -> tuple[Notice, float] | None:
    detection = detect_notice(document, notices)
    return None if detection is None else (detection.notice, detection.confidence)


def _joined(first: Packet, second: Packet, unknown: Packet) -> Packet:
    """``first`` and ``second`` as one packet, saying that ``unknown``'s pages matched no notice."""
    note = split_finding(
        f"第 {unknown.first}-{unknown.last} 页未能识别为任何已安装通知的申报书，已并入本申报书；请核对拆分点"
    )
    return Packet(first.first, second.last, first.why, (*first.findings, *second.findings, note))


def extract_document(
    document: Document, notice: Notice, confidence: float, rules: SubmissionRules | None, *, name: str
) -> ExtractionResult:
    attachments, starts = scan_attachments(document, notice)
    flow = build_flow(document, notice.sections, starts)
    reading = read_fields(flow, notice)
    result = ExtractionResult(name, notice, confidence, document, reading.fields, attachments)
    result.role = role_of(document)
    result.labels = reading.labels
    result.section_pages = flow.section_pages()
    result.bound_rows = bound_table_rows(document, notice)
    loose = loose_pages(document, attachments, starts, notice)
    result.page_findings = [loose_pages_finding(loose)] if loose else []
    result.findings = result_findings(result, rules)
    return result


def role_of(document: Document) -> str:
    """paper for a scan (every page OCR'd), electronic for a Word file or a text PDF."""
    return "paper" if document.source == "ocr" else "electronic"


def result_findings(result: ExtractionResult, rules: SubmissionRules | None) -> list[Finding]:
    """The one findings path on a result: its values, attachments (either copy's), bound
    rows, the fields its companion copy prints differently, and the findings about its pages."""
    other = None
    if result.companion is not None:
        other = (result.companion.role, reliable_values(result.companion.as_contract()["fields"]))
    found = submission_findings(result.notice, result.values, result.present, rules, result.bound_rows, other)
    return found + result.page_findings


def extract_copies(
    path: str | Path,
    companion: str | Path,
    notices: Sequence[Notice],
    *,
    ocr_engine: EngineFactory,
    notice: Notice | None = None,
    rules: SubmissionRules | None = None,
) -> ExtractionResult:
    """One submission from its two copies: the Word file gives the values (else ``path``
    does), the other copy is read with the same notice and compared (``copy_mismatch``)."""
    path, companion = Path(path), Path(companion)
    if sniff(companion) in WORD_KINDS and sniff(path) not in WORD_KINDS:
        path, companion = companion, path
    main = extract(path, notices, ocr_engine=ocr_engine, notice=notice, rules=rules)
    document = read_document(companion, ocr_engine, skim=_skim(notices, main.notice))
    other = extract_document(document, main.notice, 1.0, rules, name=companion.name)
    if other.role == main.role:
        other.role = "paper" if main.role == "electronic" else "electronic"
    if not other.fields and not any(other.present.values()):
        raise UnreadableFile(
            f"shows nothing of the notice {main.notice.id} (is it the other copy of {path.name}?)", file=companion
        )
    main.companion = other
    main.findings = result_findings(main, rules)
    return main
