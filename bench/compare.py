"""Show, field by field, where extraction outputs differ from the truth (a debugging aid).

python bench/compare.py OUTPUT_DIR [SAMPLES_DIR] [--only NOTICE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1].parent / "shared" / "tools"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("outputs", type=Path)
    parser.add_argument("samples", type=Path, nargs="?", default=Path(__file__).resolve().parents[1] / "samples")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    import score  # the shared scorer, for its value comparison

    cats = score.load_catalogs(score.DEFAULT_CATALOG)
    for truth_path in sorted(args.samples.rglob("*.truth.json")):
        doc = truth_path.name[: -len(".truth.json")]
        if args.only and args.only not in doc:
            continue
        out_path = args.outputs / f"{doc}.json"
        if not out_path.exists():
            continue
        truth = json.loads(truth_path.read_text())
        out = json.loads(out_path.read_text())
        types = cats[truth["notice"]]["types"]
        got = {k: v["value"] for k, v in out.get("fields", {}).items()}
        for key, want in truth["fields"].items():
            if key not in got:
                print(f"{doc} MISS  {key} = {want!r}")
            elif not score.values_equal(types.get(key, "text"), want, got[key]):
                print(f"{doc} WRONG {key} = {got[key]!r} (conf {out['fields'][key]['confidence']}) want {want!r}")
        for key in got:
            if key not in truth["fields"]:
                print(f"{doc} EXTRA {key} = {got[key]!r} (conf {out['fields'][key]['confidence']})")
        for key, want in truth["attachments"].items():
            have = out.get("attachments", {}).get(key, {}).get("present", False)
            if have != want:
                print(f"{doc} ATTACH {key} = {have} want {want}")
        f_out = {f"{f['code']}:{f['key']}" for f in out.get("findings", [])}
        f_truth = set(truth["findings"])
        for f in sorted(f_out - f_truth):
            print(f"{doc} FIND+ {f}")
        for f in sorted(f_truth - f_out):
            print(f"{doc} FIND- {f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
