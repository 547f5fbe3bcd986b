"""Extraction with the installed plugins: the plugin manager supplies what
:func:`shenbao.ingest.pipeline.extract` receives (notices, OCR engine, code rules).

The CLI, the review desk's queue, the benchmarks and the authoring tools call this.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from shenbao.ingest import pipeline
from shenbao.ingest.reader import EngineFactory, default_engine_name
from shenbao.plugins.manager import PluginManager, get_manager


def extract(
    path: str | Path,
    notice_id: str | None = None,
    *,
    manager: PluginManager | None = None,
    ocr_engine: EngineFactory | None = None,
) -> pipeline.ExtractionResult:
    """Read ``path`` and extract its notice's fields, attachments and findings.

    ``notice_id`` skips detection; ``ocr_engine`` defaults to the engine named by
    ``SHENBAO_OCR_ENGINE`` (else the default engine). Raises
    :class:`~shenbao.core.errors.UnknownNotice` for an id no plugin declares, before the
    file is read, and what :func:`shenbao.ingest.pipeline.extract` raises.
    """
    plugins = manager or get_manager()
    notice = plugins.notice(notice_id) if notice_id else None
    engine = ocr_engine or engine_factory(plugins)
    return pipeline.extract(path, list(plugins.notices.values()), ocr_engine=engine, notice=notice, rules=plugins)


def engine_factory(manager: PluginManager, name: str | None = None) -> EngineFactory:
    """A factory for the OCR engine ``name`` (default: ``SHENBAO_OCR_ENGINE``, else the default)."""
    chosen = name or default_engine_name()
    return lambda: manager.ocr_engine(chosen)


def extract_packets(
    path: str | Path,
    notice_id: str | None = None,
    *,
    manager: PluginManager | None = None,
    ocr_engine: EngineFactory | None = None,
    first_pages: Sequence[int] | None = None,
) -> list[pipeline.ExtractionResult]:
    """Every packet of a file that may hold several (:func:`pipeline.extract_packets`)."""
    plugins = manager or get_manager()
    notice = plugins.notice(notice_id) if notice_id else None
    engine = ocr_engine or engine_factory(plugins)
    return pipeline.extract_packets(
        path, list(plugins.notices.values()), ocr_engine=engine, notice=notice, rules=plugins, first_pages=first_pages
    )


def extract_copies(
    path: str | Path,
    companion: str | Path,
    notice_id: str | None = None,
    *,
    manager: PluginManager | None = None,
    ocr_engine: EngineFactory | None = None,
) -> pipeline.ExtractionResult:
    """One submission from its electronic and paper copies (:func:`pipeline.extract_copies`)."""
    plugins = manager or get_manager()
    notice = plugins.notice(notice_id) if notice_id else None
    engine = ocr_engine or engine_factory(plugins)
    return pipeline.extract_copies(
        path, companion, list(plugins.notices.values()), ocr_engine=engine, notice=notice, rules=plugins
    )
