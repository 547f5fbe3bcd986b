"""Type-check the package and the tests with mypy, as configured in pyproject.toml.

Why a wrapper and not a bare ``mypy``: the top-level folders (``ingest/``, ``plugins/``,
``admin/``, ``models/``) install as sub-packages of ``shenbao`` through setuptools'
``package-dir``, and an editable install reaches them through an import hook, which mypy
cannot follow. So this script lays the package out as it is installed, as a tree of
symlinks under ``build/mypy/`` (the ``mypy_path`` in pyproject.toml), checks ``-p shenbao``
there (and the scripts beside this one) and reports every error under its path in the checkout.

The tests are not a package: pytest puts each test folder on ``sys.path`` and the folders
share module names (every ``conftest.py``), so each folder is checked in a run of its own
with that folder and ``tests/`` on the search path, as pytest imports them; each run reports
the errors of its own files only.

    python scripts/mypy_check.py [MYPY_ARG...]     exit status: non-zero if any run failed
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREE = ROOT / "build" / "mypy"
TESTS = ROOT / "tests"


def package_dirs() -> dict[str, Path]:
    """pyproject's ``package-dir``: package name -> its folder in the checkout."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {name: ROOT / folder for name, folder in config["tool"]["setuptools"]["package-dir"].items()}


def build_tree(dirs: dict[str, Path]) -> None:
    """Symlink each package folder to where the wheel puts it, below :data:`TREE`."""
    shutil.rmtree(TREE, ignore_errors=True)
    for name, folder in sorted(dirs.items()):  # a package before its sub-packages
        target = TREE.joinpath(*name.split("."))
        if "." not in name:  # the top package: a real folder, so sub-packages can go beside its modules
            target.mkdir(parents=True)
            for entry in folder.iterdir():
                if entry.name != "__pycache__":
                    (target / entry.name).symlink_to(entry)
        else:
            target.symlink_to(folder, target_is_directory=True)


def path_rewriter(dirs: dict[str, Path]) -> re.Pattern[str]:
    """A pattern for the tree paths in mypy's output, longest package first."""
    prefixes = sorted((str(TREE.joinpath(*name.split(".")).relative_to(ROOT)) for name in dirs), key=len, reverse=True)
    return re.compile("^(" + "|".join(re.escape(p) for p in prefixes) + ")/", re.MULTILINE)


def run(args: list[str], extra_path: list[Path], rewrite: re.Pattern[str], dirs: dict[str, Path]) -> int:
    """One mypy run; its output with tree paths replaced by checkout paths."""
    env = dict(os.environ, MYPYPATH=os.pathsep.join(str(p) for p in extra_path))
    done = subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    by_prefix = {str(TREE.joinpath(*name.split(".")).relative_to(ROOT)): folder for name, folder in dirs.items()}

    def to_checkout(match: re.Match[str]) -> str:
        return str(by_prefix[match.group(1)].relative_to(ROOT)) + "/"

    sys.stdout.write(rewrite.sub(to_checkout, done.stdout))
    sys.stderr.write(done.stderr)
    return done.returncode


def test_folders() -> list[Path]:
    """Every folder under tests/ that holds Python files."""
    return sorted({path.parent for path in TESTS.rglob("*.py") if "__pycache__" not in path.parts})


def main(argv: list[str]) -> int:
    dirs = package_dirs()
    build_tree(dirs)
    rewrite = path_rewriter(dirs)
    status = run([*argv, "-p", "shenbao"], [], rewrite, dirs)
    # errors of the modules they import are reported by the run that checks those; the
    # per-module settings of libraries they do not import are not "unused" here
    quiet = ["--follow-imports=silent", "--no-warn-unused-configs"]
    scripts = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "scripts").glob("*.py"))]
    status |= run([*argv, *quiet, *scripts], [], rewrite, dirs)
    for folder in test_folders():
        files = [str(p.relative_to(ROOT)) for p in sorted(folder.glob("*.py"))]
        status |= run([*argv, *quiet, *files], [TESTS, folder], rewrite, dirs)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
