"""The top-level command: its table of commands, and that a command loads only its own module."""

from __future__ import annotations

import argparse
import functools
import importlib
import subprocess
import sys

import pytest
from tests_support import SAMPLES

from shenbao.cli import COMMANDS, build_parser


@pytest.mark.parametrize("module_name", sorted({module for module, _ in COMMANDS.values()}))
def test_the_command_table_names_what_each_module_registers(module_name):
    sub = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(module_name).register(sub)
    registered = {action.dest: action.help for action in sub._choices_actions}
    listed = {name: help_text for name, (module, help_text) in COMMANDS.items() if module == module_name}
    assert registered == listed


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_parses_with_its_own_module(command):
    parser = build_parser([command, "--help"])
    with pytest.raises(SystemExit) as done:
        parser.parse_args([command, "--help"])
    assert done.value.code == 0


@functools.cache  # one interpreter per command line, however many tests read its modules
def _modules_loaded_by(*argv: str) -> frozenset[str]:
    return _modules_after(f"from shenbao.cli import build_parser\nbuild_parser({list(argv)!r})")


def _modules_after(code: str) -> frozenset[str]:
    """The modules a fresh interpreter has loaded once it has run ``code``."""
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return frozenset(out.split())


def test_help_imports_no_command_module():
    loaded = _modules_loaded_by("--help")
    assert not {module for module, _ in COMMANDS.values()} & loaded
    assert "flask" not in loaded
    assert "numpy" not in loaded


def test_extract_does_not_load_the_review_desk():
    loaded = _modules_loaded_by("extract", "x.pdf")
    assert "shenbao.extract_cli" in loaded
    assert not {m for m in loaded if m.startswith(("shenbao.admin", "flask", "sqlalchemy"))}


def test_extract_does_not_load_the_plugin_authoring_tools():
    """Drafting and scaffolding notices are ``shenbao plugin`` commands: ~40 ms of imports."""
    loaded = _modules_loaded_by("extract", "x.pdf")
    assert "shenbao.plugins.printing" in loaded
    assert not {m for m in loaded if m.startswith(("shenbao.plugins.authoring", "shenbao.plugins.cli"))}


def test_extract_loads_the_word_reader_only_for_a_word_file():
    """python-docx is ~60 ms of a scan's start-up; a PDF never needs it."""
    loaded = _modules_loaded_by("extract", "x.pdf")
    assert not {m for m in loaded if m in ("docx", "shenbao.ingest.word") or m.startswith("docx.")}


def test_extracting_a_text_pdf_loads_no_ocr_stack():
    """numpy, OpenCV and ONNX Runtime were ~0.17 s of a born-digital PDF's ~0.8 s: they load
    with the first image page (or the OCR engine), and a text PDF has none."""
    pdf = SAMPLES / "wuhan-fund-2022" / "wuhan-fund-2022-dev-01.pdf"
    loaded = _modules_after(
        "import contextlib, io\nfrom shenbao.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()) as out:\n    code = main(['extract', {str(pdf)!r}])\n"
        "assert code == 0 and out.getvalue().startswith('{'), code"
    )
    assert "shenbao.ingest.pipeline" in loaded
    assert not loaded & {"numpy", "cv2", "onnxruntime", "pyclipper", "shenbao.ingest.scanpages", "shenbao.core.ocr"}
