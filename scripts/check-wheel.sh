#!/usr/bin/env bash
# Prove that the package works the ordinary way: build the wheel from this checkout,
# install it with plain pip (dependencies from the index, no scripts/install.sh) into a
# fresh venv in a temp dir, and, from that temp dir (no repo beside it), extract a scan
# the tests never saw. The output must be the contract JSON of its notice, with fields
# read by OCR from the PP-OCR models that came inside the rapidocr wheel.
#
#   scripts/check-wheel.sh [SCAN]    default: ../shared/samples/miit-2023-pilot/miit-2023-pilot-wild-01.scan.pdf
#
# The truth file beside the scan (SCAN with .pdf -> .truth.json) gives the notice and
# the fields to compare with.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
scan="$(realpath "${1:-../shared/samples/miit-2023-pilot/miit-2023-pilot-wild-01.scan.pdf}")"
truth="${scan%.pdf}.truth.json"
for f in "$scan" "$truth"; do
  [ -f "$f" ] || { echo "check-wheel: $f not found" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/shenbao-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip wheel -q --no-deps -w "$work/dist" "$repo"
wheel="$(ls "$work"/dist/shenbao-*.whl)"
"$work/venv/bin/python" -m pip install -q "$wheel"
echo "check-wheel: installed $(basename "$wheel")"

cd "$work"
# the cache of the paddleocr engine and anything else a run writes stay in the temp dir
export HOME="$work" SHENBAO_HOME="$work/instance"
"$work/venv/bin/shenbao" --version
"$work/venv/bin/shenbao" extract "$scan" --format json > out.json
"$work/venv/bin/python" - "$truth" out.json "$work/venv" <<'PY'
"""Compare the extraction with the truth: notice, how many fields, that they came from OCR."""
import json
import sys
from pathlib import Path

truth = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
out = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
venv = Path(sys.argv[3]).resolve()
import shenbao

problems = []
if not Path(shenbao.__file__).resolve().is_relative_to(venv):
    problems.append(f"shenbao was imported from {shenbao.__file__}, not from the installed wheel")
if out.get("notice") != truth["notice"]:
    problems.append(f"notice {out.get('notice')!r}, expected {truth['notice']!r}")
fields = out.get("fields") or {}
expected = truth["fields"]
right = [k for k, v in expected.items() if k in fields and fields[k].get("value") == v]
# a floor, not a benchmark: the golden tests hold the accuracy; this asks that OCR ran
if len(right) < len(expected) // 4:
    problems.append(f"only {len(right)} of {len(expected)} fields read right")
if any(f.get("source") != "ocr" for f in fields.values()):
    problems.append("a field of a scan did not come from OCR")
if problems:
    raise SystemExit("check-wheel: " + "; ".join(problems))
print(f"check-wheel: {out['notice']}, {len(fields)} fields read, {len(right)} of {len(expected)} as in the truth")
PY

# The schema's migrations came with the wheel: the database is built by them.
"$work/venv/bin/shenbao" db upgrade
"$work/venv/bin/shenbao" db current | grep -q "(head)" || { echo "check-wheel: db upgrade did not reach head" >&2; exit 1; }
echo "check-wheel: shenbao db upgrade built the database from the installed migrations"

# The review desk from the installed wheel: templates and translations are package data.
port="$("$work/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$work/venv/bin/shenbao" serve --no-worker --port "$port" > serve.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
"$work/venv/bin/python" - "$port" <<'PY' || { cat serve.log >&2; exit 1; }
"""The login page, in Chinese, within a minute (the first start creates the database)."""
import sys
import time
import urllib.request

url = f"http://127.0.0.1:{sys.argv[1]}/login"
for _ in range(120):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            page = response.read().decode("utf-8")
        break
    except OSError:
        time.sleep(0.5)
else:
    raise SystemExit(f"check-wheel: {url} did not answer")
if "登录" not in page:
    raise SystemExit(f"check-wheel: {url} is not the Chinese login page")
print(f"check-wheel: the review desk serves {url}")
PY
