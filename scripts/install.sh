#!/usr/bin/env bash
# Install shenbao into ./.venv (or the active virtualenv) with its bundled OCR models.
# rapidocr carries the PP-OCRv6 small models in its wheel; it is installed without its
# own dependencies so that only one OpenCV (opencv-python-headless) is in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -d .venv ] || python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install -q --upgrade pip
python -m pip install -q -e ".[test,postgres]" "$@"
python -m pip install -q --no-deps "rapidocr==3.10.0"
