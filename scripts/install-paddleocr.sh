#!/usr/bin/env bash
# Install the optional paddleocr OCR engine (shenbao[paddleocr]) into ./.venv (or the
# active virtualenv), after scripts/install.sh. It runs on ONNX Runtime with the
# PP-OCRv6 small models of the rapidocr wheel: no paddlepaddle, no model download.
#
# paddlex pins opencv-contrib-python 4.10, numpy<2.4 and PyYAML 6.0.2. OpenCV wheels
# all write the same cv2/ folder, so after the install exactly one is kept:
# opencv-contrib-python (what paddlex asks for; rapidocr and shenbao work with it).
# `pip check` then reports that shenbao/rapidocr "require opencv-python-headless":
# expected, the cv2 module they need is there.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VIRTUAL_ENV:-}" ]; then
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install -q -e ".[paddleocr]"
contrib_version="$(python -c 'import importlib.metadata as m; print(m.version("opencv-contrib-python"))')"
python -m pip uninstall -q -y opencv-python-headless opencv-python 2>/dev/null || true
# the uninstall removed cv2/ files shared with the contrib wheel: put them back
python -m pip install -q --force-reinstall --no-deps "opencv-contrib-python==${contrib_version}"
# (rapidocr itself is a normal dependency of shenbao, already installed)
python - <<'PY'
import cv2, importlib.metadata as m
names = [d.metadata["Name"] for d in m.distributions() if d.metadata["Name"].lower().startswith("opencv")]
if len(names) != 1:
    raise SystemExit(f"expected one OpenCV distribution, found {names}")
print(f"paddleocr engine installed: paddleocr {m.version('paddleocr')}, {names[0]} {cv2.__version__}")
PY
