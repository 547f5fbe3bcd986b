#!/usr/bin/env bash
# Install (as scripts/install.sh) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SHENBAO_SKIP_INSTALL:-0}" = 1 ] || ./scripts/install.sh  # 1: the venv is installed already
# shellcheck disable=SC1091
[ -n "${VIRTUAL_ENV:-}" ] || . .venv/bin/activate
# the PostgreSQL and Redis tests run when those services are there (scripts/test_services.py)
eval "$(python scripts/test_services.py)"
python -m pytest -q "$@"
