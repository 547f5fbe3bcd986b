"""The package as pip sees it: every folder listed, data files in the wheel, a quiet build, one version.

The wheel is built from a copy of the package folders (not the checkout itself), so the
test leaves no build/ folder behind and sees only what the build configuration declares.
"""

from __future__ import annotations

import email.parser
import importlib.metadata
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import shenbao

ROOT = Path(__file__).resolve().parents[1]
TOP = {
    "shenbao": "shenbao",
    "ingest": "shenbao.ingest",
    "plugins": "shenbao.plugins",
    "admin": "shenbao.admin",
    "models": "shenbao.models",
}
BUILD = "import sys, setuptools.build_meta as backend; print(backend.build_wheel(sys.argv[1]))"


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_listed() -> None:
    config = _pyproject()["tool"]["setuptools"]
    listed = set(config["packages"])
    for folder, package in TOP.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder)
            name = ".".join([package, *rel.parts]) if rel.parts else package
            assert name in listed, f"{name} is missing from [tool.setuptools] packages"
            assert config["package-dir"][package] == folder


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(the wheel built from a copy of the package folders, what the build printed)."""
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in TOP:
        shutil.copytree(ROOT / folder, src / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-W", "always", "-c", BUILD, str(out)],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return out / done.stdout.strip().splitlines()[-1], done.stderr


def test_the_build_prints_no_warning(wheel: tuple[Path, str]) -> None:
    _, printed = wheel
    warnings = [line for line in printed.splitlines() if "Warning" in line]
    assert not warnings, "\n".join(warnings)


def _data_files() -> list[str]:
    """Every non-Python file in the package folders, as its path inside the wheel."""
    found = []
    for folder, package in TOP.items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
                rel = path.relative_to(ROOT / folder).as_posix()
                found.append(f"{package.replace('.', '/')}/{rel}")
    return found


def test_the_wheel_carries_every_data_file_and_nothing_else(wheel: tuple[Path, str]) -> None:
    path, _ = wheel
    names = set(zipfile.ZipFile(path).namelist())
    data = _data_files()
    assert any(name.endswith("notice.toml") for name in data)  # the walk found the data
    missing = [name for name in data if name not in names]
    assert not missing, f"not in the wheel (add to [tool.setuptools.package-data]): {missing}"
    # the schema's migrations ship with the package: `shenbao db upgrade` after `pip install .`
    migrations = "shenbao/models/migrations/"
    for name in ("env.py", "alembic.ini", "script.py.mako", "versions/0001_initial.py"):
        assert migrations + name in names, f"{migrations}{name} is not in the wheel"
    top = {name.split("/")[0] for name in names}
    assert top == {"shenbao", f"shenbao-{shenbao.__version__}.dist-info"}


def test_the_wheel_declares_the_ocr_engine_and_the_one_version(wheel: tuple[Path, str]) -> None:
    path, _ = wheel
    with zipfile.ZipFile(path) as archive:
        meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(archive.read(meta_name).decode("utf-8"))
    requires = [r.split(";")[0].strip() for r in meta.get_all("Requires-Dist", [])]
    assert any(r.startswith("rapidocr") for r in requires), requires
    assert meta["Version"] == shenbao.__version__
    assert "version" in _pyproject()["project"]["dynamic"]
    assert importlib.metadata.version("shenbao") == shenbao.__version__


def test_the_command_reports_the_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "shenbao", "--version"], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == f"shenbao {shenbao.__version__}"
