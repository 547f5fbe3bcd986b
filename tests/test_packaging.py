"""Every package folder is installed (pyproject lists packages explicitly)."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP = {"shenbao": "shenbao", "ingest": "shenbao.ingest", "plugins": "shenbao.plugins",
       "admin": "shenbao.admin", "models": "shenbao.models"}


def test_every_package_folder_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    for folder, package in TOP.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder)
            name = ".".join([package, *rel.parts]) if rel.parts else package
            assert name in listed, f"{name} is missing from [tool.setuptools] packages"
            assert config["package-dir"][package] == folder
