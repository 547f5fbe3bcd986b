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
