"""``shenbao notice new``: write a ready, pip-installable notice plugin package.

The package is laid out like the built-in notices (``__init__.py`` registering the notice
from ``notice.toml``, ``rules.py`` for code rules) and is found through the ``shenbao``
entry point of its own ``pyproject.toml``, so installing it is the only step.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from shenbao.core.errors import PluginError

NOTICE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SCAFFOLD_MARKER = "shenbao-scaffold: untouched"

# template file -> path inside the package (``{module}`` is replaced)
FILES = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "init.py.tmpl": "{module}/__init__.py",
    "rules.py.tmpl": "{module}/rules.py",
    "notice.toml.tmpl": "{module}/notice.toml",
    "test_golden.py.tmpl": "tests/test_golden.py",
    "samples_README.md.tmpl": "samples/README.md",
}


@dataclass(frozen=True)
class PluginNames:
    """The names one notice id gives a plugin package."""

    id: str

    @property
    def module(self) -> str:
        return "shenbao_notice_" + self.id.replace("-", "_")

    @property
    def dist(self) -> str:
        return "shenbao-notice-" + self.id


def validate_id(notice_id: str) -> str:
    if not NOTICE_ID.match(notice_id):
        raise PluginError(
            f"invalid notice id {notice_id!r}: use lower-case letters, digits and "
            "dashes, starting with a letter (e.g. hunan-2024-platform)"
        )
    return notice_id


def toml_escape(text: str) -> str:
    """The inside of a TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _python_text(text: str) -> str:
    """Text safe inside a Python docstring."""
    return _one_line(text).replace("\\", "/").replace('"""', "'''")


def template_values(
    notice_id: str, name: str, directory: Path, form_title: str = "", issuer: str = ""
) -> dict[str, str]:
    names = PluginNames(notice_id)
    title = form_title or name + "申报书"
    return {
        "id": notice_id,
        "module": names.module,
        "dist": names.dist,
        "dist_dir": directory.name or names.dist,
        "name": _python_text(name),
        "name_comment": _one_line(name),
        "name_escaped": toml_escape(_one_line(name)),
        "form_title_escaped": toml_escape(_one_line(title)),
        "issuer_escaped": toml_escape(_one_line(issuer)),
    }


def render(template_name: str, values: dict[str, str]) -> str:
    text = resources.files(__package__).joinpath("templates", template_name).read_text("utf-8")
    return Template(text).substitute(values)


def new_plugin(
    notice_id: str,
    name: str,
    directory: str | Path | None = None,
    *,
    form_title: str = "",
    issuer: str = "",
    force: bool = False,
) -> list[Path]:
    """Write the plugin package for ``notice_id`` into ``directory`` and list the files.

    ``directory`` defaults to ``./shenbao-notice-<id>``. Refuses to overwrite existing files
    unless ``force``.
    """
    validate_id(notice_id)
    if not name.strip():
        raise PluginError("a notice needs a name (--name)")
    root = Path(directory) if directory else Path(PluginNames(notice_id).dist)
    values = template_values(notice_id, name, root.resolve(), form_title, issuer)
    targets = {tmpl: root / dest.format(module=values["module"]) for tmpl, dest in FILES.items()}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing and not force:
        raise PluginError(f"{existing[0]} already exists (use --force to overwrite)", plugin=notice_id)
    written = []
    for tmpl, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(tmpl, values), encoding="utf-8")
        written.append(target)
    return written


def find_notice_file(directory: Path) -> Path | None:
    """The ``notice.toml`` of a plugin package root made by :func:`new_plugin`, if any."""
    if not (directory / "pyproject.toml").exists():
        return None
    found = sorted(directory.glob("*/notice.toml"))
    return found[0] if len(found) == 1 else None


def is_untouched_scaffold(path: Path) -> bool:
    try:
        head = path.read_text("utf-8")[:600]
    except OSError:
        return False
    return SCAFFOLD_MARKER in head
