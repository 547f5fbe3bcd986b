#!/usr/bin/env bash
# Install shenbao into ./.venv (or the active virtualenv), editable, with the test and
# lint tools. The OCR models (PP-OCRv6 small det/rec) come inside the rapidocr wheel, a
# normal dependency: `pip install .` alone gives a working shenbao too.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -d .venv ] || python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install -q --upgrade pip
python -m pip install -q -e ".[test,postgres,dev]" "$@"
# An editable install leaves the sources uncompiled, and where bytecode is not written at run
# time (PYTHONDONTWRITEBYTECODE, a read-only checkout) every process compiled them again:
# ~0.25 s before a scan's first page (issue 11). pip compiles a wheel's files as it installs
# them; these are compiled here the same way. A file edited later is compiled afresh by Python.
python -m compileall -q -j 0 shenbao ingest plugins models admin >/dev/null
