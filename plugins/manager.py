"""The one place hooks are called from: a small typed wrapper around pluggy.

Built-in notices and engines are found exactly like third-party ones, through the
entry-point group ``shenbao``. A plugin that fails to import or declares a broken notice
is recorded in :attr:`PluginManager.problems`, reported by the CLI and the web app, and
skipped; the others keep working.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from shenbao.core.errors import PluginError, UnknownNotice
from shenbao.core.notice import Notice
from shenbao.plugins import hookspecs
from shenbao.plugins.binding import BoundNotice, bound
from shenbao.plugins.check import check_notice
from shenbao.plugins.markers import ENTRY_POINT_GROUP, PROJECT

if TYPE_CHECKING:
    from shenbao.core.findings import Finding
    from shenbao.core.ocr import OcrEngine
    from shenbao.core.summary import SummaryTable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PluginProblem:
    plugin: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin} skipped: {self.message}"


class PluginManager:
    """Loads plugins and calls hooks with typed results."""

    def __init__(
        self, modules: Iterable[tuple[str, ModuleType | str]] | None = None, *, load_entry_points: bool = True
    ) -> None:
        self._pm = pluggy.PluginManager(PROJECT)
        self._pm.add_hookspecs(hookspecs)
        self.problems: list[PluginProblem] = []
        self.origins: dict[str, str] = {}  # plugin name -> distribution name
        self._providers: dict[str, str] = {}  # notice id -> module name of the plugin that declares it
        if load_entry_points:
            for ep in entry_points(group=ENTRY_POINT_GROUP):
                dist = ep.dist.name if ep.dist else "?"
                self._register(ep.name, lambda ep=ep: ep.load(), dist)
        for name, module in modules or ():
            loader = (lambda m=module: importlib.import_module(m)) if isinstance(module, str) else (lambda m=module: m)
            self._register(name, loader, "local")
        self._bound: dict[str, BoundNotice] = {}  # notice id -> the notice with its own code
        self._notices = self._collect_notices()
        self._ocr_engines: dict[str | None, Any] = {}

    # -- loading -------------------------------------------------------------------------
    def _register(self, name: str, load: Any, dist: str) -> None:
        if self._pm.has_plugin(name):
            return
        try:
            module = load()
            self._pm.register(module, name=name)
        except Exception as exc:  # a broken third-party plugin must not stop shenbao
            self.problems.append(PluginProblem(name, f"{type(exc).__name__}: {exc}"))
            log.warning("plugin %s skipped: %s", name, exc)
            return
        self.origins[name] = dist

    def _collect_notices(self) -> dict[str, Notice]:
        notices: dict[str, Notice] = {}
        for name, plugin in self._pm.list_name_plugin():
            impl = getattr(plugin, "register_notices", None)
            if impl is None:
                continue
            try:
                declared = [bound(item) for item in impl() or []]
                for item in declared:
                    self._check_notice(item.notice)
            except Exception as exc:
                self.problems.append(PluginProblem(name, f"{type(exc).__name__}: {exc}"))
                self._pm.unregister(name=name)
                continue
            for item in declared:
                notice = item.notice
                if notice.id in notices:
                    self.problems.append(
                        PluginProblem(
                            name, f"notice id {notice.id} is already provided by {notices[notice.id].package}"
                        )
                    )
                    continue
                notice.package = self.origins.get(name, "?")
                notices[notice.id] = notice
                self._bound[notice.id] = item
                self._providers[notice.id] = getattr(plugin, "__name__", name)
        return notices

    @staticmethod
    def _check_notice(notice: Notice) -> None:

        problems = check_notice(notice, errors_only=True)
        if problems:
            raise PluginError(f"notice {notice.id}: " + "; ".join(problems))

    # -- hooks ---------------------------------------------------------------------------
    @property
    def notices(self) -> dict[str, Notice]:
        return dict(self._notices)

    def notice(self, notice_id: str) -> Notice:
        try:
            return self._notices[notice_id]
        except KeyError:
            known = ", ".join(sorted(self._notices)) or "none"
            raise UnknownNotice(f"unknown notice id {notice_id!r} (installed: {known})") from None

    def notice_module(self, notice_id: str) -> str:
        """The import name of the plugin module that declares the notice (its package for a
        notice plugin folder), so authoring tools can find the plugin's own modules."""
        self.notice(notice_id)  # UnknownNotice for an id nobody declares
        return self._providers[notice_id]

    def ocr_engine(self, name: str | None = None) -> OcrEngine:
        """The OCR engine, created once per process and name (``get_ocr_engine``)."""
        if name not in self._ocr_engines:
            engine = self._pm.hook.get_ocr_engine(name=name)
            if engine is None:
                raise PluginError(f"no installed plugin provides the OCR engine {name or 'default'!r}")
            self._ocr_engines[name] = engine
        return self._ocr_engines[name]

    def validate_submission(
        self, notice: Notice, fields: dict[str, Any], attachments: dict[str, bool]
    ) -> list[Finding]:
        """Findings of the code rules bound to ``notice`` (``notice_registration(rules=...)``);
        only the plugin that declared the notice is asked."""
        rules = self._bound[notice.id].rules if notice.id in self._bound else ()
        return [finding for rule in rules for finding in rule(notice, fields, attachments)]

    def summary_table(self, notice: Notice, submissions: list[dict[str, Any]]) -> SummaryTable | None:
        """The notice's 推荐汇总表, built by the builder bound to it
        (``notice_registration(summary=...)``), or None if it has none."""
        binding = self._bound.get(notice.id)
        if binding is None or binding.summary is None:
            return None
        return binding.summary(notice, submissions)

    def plugin_names(self) -> list[str]:
        return [name for name, _ in self._pm.list_name_plugin()]


@lru_cache(maxsize=1)
def get_manager() -> PluginManager:
    """The process-wide manager (entry points are read once)."""
    return PluginManager()
