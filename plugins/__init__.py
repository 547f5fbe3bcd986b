"""Plugins: one per notice, plus OCR engines. See ``hookspecs.py`` for the hooks.

The public plugin API, as datasette and ocrmypdf export theirs::

    from shenbao.plugins import hookimpl, Notice, FieldSpec, Finding, SummaryTable, load_notice, notice_registration
"""

from shenbao.core.findings import Finding
from shenbao.core.notice import AttachmentSpec, FieldSpec, Notice, load_notice
from shenbao.core.summary import SummaryTable
from shenbao.plugins.binding import notice_registration
from shenbao.plugins.markers import ENTRY_POINT_GROUP, PROJECT, hookimpl

__all__ = [
    "ENTRY_POINT_GROUP",
    "PROJECT",
    "AttachmentSpec",
    "FieldSpec",
    "Finding",
    "Notice",
    "SummaryTable",
    "hookimpl",
    "load_notice",
    "notice_registration",
]
