"""Every hook shenbao calls. Plugins implement them with ``@shenbao.plugins.hookimpl``.

Families (as in datasette and ocrmypdf):
- ``register_*`` hooks are *collected*: every plugin may return a list; the lists are joined.
- ``get_*`` hooks are *firstresult*: the first plugin that returns something other than
  ``None`` wins; return ``None`` to defer to the next plugin.
- ``validate_*`` hooks are *collected*: every plugin adds its findings.

Call them through :class:`shenbao.plugins.manager.PluginManager`, never through
``pm.hook`` directly, so that types stay checked in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

from shenbao.plugins.markers import PROJECT

if TYPE_CHECKING:
    from shenbao.core.findings import Finding
    from shenbao.core.notice import Notice
    from shenbao.core.ocr import OcrEngine
    from shenbao.core.summary import SummaryTable

hookspec = pluggy.HookspecMarker(PROJECT)


@hookspec
def register_notices() -> list[Notice]:
    """Declare the notice types (申报通知) this plugin can read.

    Called once, when the plugin manager starts, to build the notice registry.

    Returns:
        A list of :class:`~shenbao.plugins.notice.Notice` objects (usually one, built with
        :func:`~shenbao.plugins.notice.load_notice` from the plugin's ``notice.toml``).
        Collected: the lists of all plugins are joined; two notices with one id are an error
        reported at start-up.
    """


@hookspec(firstresult=True)
def get_ocr_engine(name: str | None) -> OcrEngine | None:
    """Give the OCR engine that reads image pages.

    Called at most once per process, the first time a page without a text layer is read;
    the engine is kept for every later page.

    Args:
        name: the engine the user asked for (``SHENBAO_OCR_ENGINE`` or ``--ocr-engine``),
            e.g. ``"rapidocr"`` or ``"paddleocr"``; ``None`` means "your default".

    Returns:
        An object with the :class:`~shenbao.ingest.ocr.engine.OcrEngine` interface, or
        ``None`` to defer (this plugin does not provide ``name``). firstresult.
    """


@hookspec
def validate_submission(notice: Notice, fields: dict[str, Any], attachments: dict[str, bool]) -> list[Finding]:
    """Check one extracted submission with rules that need code, not data.

    Called after the catalog rules (sum, min, max, required_if, formula, custom) of the
    notice have been evaluated, once per extraction and again after every correction in
    the review desk.

    Args:
        notice: the notice the submission belongs to; a plugin returns ``[]`` for a notice
            that is not its own.
        fields: field key -> normalized value (contract types), absent keys are blank.
        attachments: attachment key -> present.

    Returns:
        A list of :class:`~shenbao.ingest.findings.Finding`. Collected from every plugin.
    """


@hookspec(firstresult=True)
def get_summary_table(notice: Notice, submissions: list[dict[str, Any]]) -> SummaryTable | None:
    """Build the notice's 推荐汇总表 (recommendation summary table) from reviewed submissions.

    Called by the review desk when a reviewer exports the 汇总表 of one notice
    (``shenbao export NOTICE --format xlsx`` or the export page).

    Args:
        notice: the notice to export; a plugin returns ``None`` for a notice that is not its own.
        submissions: one dict per submission of the batch, in upload order: field key ->
            current (corrected) value, absent keys are blank; plus ``"_id"`` (submission id)
            and ``"_findings"`` (list of ``code:key`` strings of its open findings).

    Returns:
        A :class:`~shenbao.plugins.summary.SummaryTable` with exactly the columns the notice
        prints, or ``None`` to defer. firstresult.
    """
