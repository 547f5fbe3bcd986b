"""A notice made with ``shenbao notice new`` works once pip-installed, with no other change.

The test builds a throwaway plugin package, installs it into a fresh virtual environment
layered on the project's environment, and checks that ``shenbao notices`` lists it and that
``shenbao extract --notice`` reads a filled sample of it (and that the package's own golden
test passes). No CJK font is installed on the test machines, so the throwaway notice and its
sample are Latin text (see ``pdfwrite.py``).
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

NOTICE_ID = "throwaway-2024"
FIELD_MAP = """
[[fields]]
key = "applicant.name"
label = "Company name"
section = "A. Applicant"
type = "text"
required = true
layout = "inline"

[[fields]]
key = "applicant.staff"
label = "Staff"
section = "A. Applicant"
type = "integer"
unit = "persons"
required = true
layout = "inline"

[[fields]]
key = "contact.phone"
label = "Contact phone"
section = "A. Applicant"
type = "phone"
layout = "inline"
"""
SAMPLE_LINES = [
    "Throwaway Notice 2024 Application Form",
    "A. Applicant",
    "Company name: ACME Widgets Ltd",
    "Staff: 42",
    "Contact phone: 027-87654321",
]
TRUTH = {"applicant.name": "ACME Widgets Ltd", "applicant.staff": 42, "contact.phone": "027-87654321"}


def run(*cmd: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)
    assert done.returncode == 0, f"{cmd}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    return done


def layered_venv(root: Path) -> Path:
    """A venv whose site-packages also loads the project venv's (and its .pth files, so the
    editable shenbao install is seen); the throwaway plugin goes into the new one only."""
    # no pip of its own: its bundled setuptools would shadow the project's (which builds
    # wheels); the project's pip installs into it with --python
    run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", root)
    python = root / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip()
    parents = [p for p in site.getsitepackages() if Path(p).is_dir()]
    lines = [f"import site; site.addsitedir({p!r})" for p in parents]
    (Path(purelib) / "zz_project_env.pth").write_text("\n".join(lines) + "\n")
    return python


def fill_in(package: Path, write_text_pdf) -> Path:
    """What a person does after `notice new`: write the field map and add a golden sample."""
    notice_toml = next(package.glob("*/notice.toml"))
    head = notice_toml.read_text("utf-8").split("# Two example fields")[0]
    head = head.replace("shenbao-scaffold: untouched", "edited by hand")
    notice_toml.write_text(head + FIELD_MAP, "utf-8")
    sample = write_text_pdf(package / "samples" / "throwaway-01.pdf", SAMPLE_LINES)
    (package / "samples" / "throwaway-01.truth.json").write_text(
        json.dumps({"notice": NOTICE_ID, "fields": TRUTH}), "utf-8"
    )
    return sample


def test_new_notice_installs_lists_and_extracts(tmp_path: Path, write_text_pdf) -> None:
    python = layered_venv(tmp_path / "venv")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    package = tmp_path / "shenbao-notice-throwaway"
    run(
        python,
        "-m",
        "shenbao",
        "notice",
        "new",
        NOTICE_ID,
        "--name",
        "Throwaway notice 2024",
        "--dir",
        package,
        "--form-title",
        "Throwaway Notice 2024 Application Form",
        env=env,
    )
    sample = fill_in(package, write_text_pdf)
    run(python, "-m", "shenbao", "notice", "check", package, env=env)

    before = run(python, "-m", "shenbao", "notices", env=env).stdout
    assert NOTICE_ID not in before
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "-e",
        package,
        env=env,
    )

    listed = run(python, "-m", "shenbao", "notices", env=env)
    assert NOTICE_ID in listed.stdout, listed.stdout
    assert "shenbao-notice-throwaway-2024" in listed.stdout
    assert "skipped" not in listed.stderr, listed.stderr

    out = run(python, "-m", "shenbao", "extract", sample, "--notice", NOTICE_ID, "--format", "json", env=env)
    result = json.loads(out.stdout)
    assert result["notice"] == NOTICE_ID
    values = {key: item["value"] for key, item in result["fields"].items()}
    assert values == TRUTH, textwrap.shorten(out.stdout, 600)

    golden = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", package / "tests", cwd=package, env=env)
    assert "4 passed" in golden.stdout, golden.stdout

    # the project's own environment does not see it: nothing outside the new venv changed
    assert NOTICE_ID not in run(sys.executable, "-m", "shenbao", "notices", env=env).stdout
