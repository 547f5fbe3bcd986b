#!/usr/bin/env bash
# Install (as scripts/install.sh), then run the review desk on the embedded defaults:
# SQLite database, a Huey queue on SQLite and stored originals under $SHENBAO_HOME
# (default ./instance), OCR with the bundled PP-OCRv6 models, served by waitress.
# Arguments go to `shenbao serve` (e.g. --port 8080, --host 0.0.0.0).
#
# On the first run it creates the user "admin" (password from SHENBAO_ADMIN_PASSWORD, else
# generated and printed at once) and ingests the born-digital dev samples, marked as demo data
# (in no export; an admin deletes them at once: home page, or `shenbao demo remove`), so there is
# something to review. Each step is marked done in $SHENBAO_HOME, so a first run stopped
# half-way is simply run again: the admin gets a new password if it was not yet shown as
# done, and the samples are queued only into an empty desk.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SHENBAO_SKIP_INSTALL:-0}" = 1 ] || ./scripts/install.sh  # 1: the venv is installed already
# shellcheck disable=SC1091
[ -n "${VIRTUAL_ENV:-}" ] || . .venv/bin/activate
export SHENBAO_HOME="${SHENBAO_HOME:-$PWD/instance}"
mkdir -p "$SHENBAO_HOME"

host=127.0.0.1 port=5000
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --port) port="${args[i + 1]:-$port}" ;;
    --port=*) port="${args[i]#--port=}" ;;
    --host) host="${args[i + 1]:-$host}" ;;
    --host=*) host="${args[i]#--host=}" ;;
  esac
done
shown_host="$host"
case "$host" in 0.0.0.0 | "::" | "") shown_host=127.0.0.1 ;; esac
url="http://$shown_host:$port"

if [ ! -e "$SHENBAO_HOME/.first-run-admin" ]; then
  password="${SHENBAO_ADMIN_PASSWORD:-$(python -c 'import secrets; print(secrets.token_urlsafe(9))')}"
  if ! printf '%s\n' "$password" | shenbao create-user admin --role admin 2> "$SHENBAO_HOME/.first-run.err"; then
    grep -q "already exists" "$SHENBAO_HOME/.first-run.err" || { cat "$SHENBAO_HOME/.first-run.err" >&2; exit 1; }
    printf '%s\n' "$password" | shenbao reset-password admin  # made by a run that stopped before this mark
  fi
  rm -f "$SHENBAO_HOME/.first-run.err"
  touch "$SHENBAO_HOME/.first-run-admin"
  echo "shenbao: log in at $url as admin / $password"
fi
if [ ! -e "$SHENBAO_HOME/.first-run-samples" ]; then
  shenbao ingest samples/*/*-dev-0[1-3].pdf --wait --if-empty --demo
  touch "$SHENBAO_HOME/.first-run-samples"
fi
exec shenbao serve "$@"
