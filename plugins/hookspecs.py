"""Every hook shenbao calls. Plugins implement them with ``@shenbao.plugins.hookimpl``.

Families (as in datasette and ocrmypdf):
- ``register_*`` hooks are *collected*: every plugin may return a list; the lists are joined.
- ``get_*`` hooks are *firstresult*: the first plugin that returns something other than
  ``None`` wins; return ``None`` to defer to the next plugin.

Code that belongs to one notice is not a hook every plugin must decline: it is bound to its
notice when the notice is registered (:func:`shenbao.plugins.binding.notice_registration`):

- its 推荐汇总表 builder (``summary=``), usually the generic
  :class:`shenbao.plugins.summary.ColumnSummary` over the plugin folder's ``summary.toml``;
- its code rules (``rules=``): checks the catalog rule kinds cannot express.

The manager calls them only for that notice id (``PluginManager.summary_table`` and
``PluginManager.validate_submission``).

Call them through :class:`shenbao.plugins.manager.PluginManager`, never through
``pm.hook`` directly, so that types stay checked in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

from shenbao.plugins.markers import PROJECT

if TYPE_CHECKING:
    from shenbao.core.notice import Notice
    from shenbao.core.ocr import OcrEngine
    from shenbao.plugins.binding import BoundNotice

hookspec = pluggy.HookspecMarker(PROJECT)


@hookspec
def register_notices() -> list[BoundNotice | Notice]:
    """Declare the notice types (申报通知) this plugin can read, each with its own code.

    Called once, when the plugin manager starts, to build the notice registry. Implement it
    with ``register_notices = notice_registration(NOTICE, summary=..., rules=...)``
    (:func:`~shenbao.plugins.binding.notice_registration`).

    Returns:
        A list of :class:`~shenbao.plugins.binding.BoundNotice` (usually one: the notice
        read with :func:`~shenbao.core.notice.load_notice` from the plugin's
        ``notice.toml``, its 汇总表 builder and its code rules); a plain
        :class:`~shenbao.core.notice.Notice` is a notice without code.
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
        An object with the :class:`~shenbao.core.ocr.OcrEngine` interface, or
        ``None`` to defer (this plugin does not provide ``name``). firstresult.
    """
