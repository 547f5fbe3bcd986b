#!/usr/bin/env bash
# The checks CI runs on the code, as configured in pyproject.toml ([tool.ruff], [tool.mypy]):
# the format check, the lint rules and the type check. Needs the dev extra (scripts/install.sh).
# All three run, so one report shows every finding; the exit status is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
[ -n "${VIRTUAL_ENV:-}" ] || . .venv/bin/activate
status=0
ruff format --check . || status=1
ruff check . || status=1
python scripts/mypy_check.py || status=1
exit "$status"
