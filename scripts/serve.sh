#!/usr/bin/env bash
# Install (as scripts/install.sh), then run the review desk on the embedded defaults:
# SQLite database, a Huey queue on SQLite and stored originals under $SHENBAO_HOME
# (default ./instance), OCR with the bundled PP-OCRv6 models. On the first run it creates
# the user "admin" (password from SHENBAO_ADMIN_PASSWORD, else generated and printed) and
# ingests the born-digital dev samples so there is something to review.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh
# shellcheck disable=SC1091
[ -n "${VIRTUAL_ENV:-}" ] || . .venv/bin/activate
export SHENBAO_HOME="${SHENBAO_HOME:-$PWD/instance}"
mkdir -p "$SHENBAO_HOME"
if [ ! -e "$SHENBAO_HOME/.first-run-done" ]; then
  password="${SHENBAO_ADMIN_PASSWORD:-$(python -c 'import secrets; print(secrets.token_urlsafe(9))')}"
  printf '%s\n' "$password" | shenbao create-user admin --role admin
  shenbao ingest samples/*/*-dev-0[1-3].pdf --wait
  touch "$SHENBAO_HOME/.first-run-done"
  echo "shenbao: log in at http://127.0.0.1:5000 as admin / $password"
fi
exec shenbao serve "$@"
