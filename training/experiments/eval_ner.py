"""Entity scores of a pipeline with its `ner` swapped for a separately trained one.

    python training/eval_ner.py training/output/full/model-best [--ner training/output/ner/model-best] [--splits dev]

Assembles the pipeline the way build_model.py packages it (lemma rules +
sitrep_gazetteer; --no-gazetteer to leave the gazetteer out) into
training/output/eval-tmp and prints entity P/R/F1 per label on the held-out
documents of the given splits (default: dev only, which is what tuning may use).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "training"))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import bench_parser  # noqa: E402
import build_model  # noqa: E402
from sitrep.nlp.model import load_model  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", type=Path)
    ap.add_argument("--ner", type=Path, default=None)
    ap.add_argument("--splits", default="dev")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "training" / "output" / "eval-tmp")
    args = ap.parse_args(argv)
    build_model.assemble(args.model, args.out, ner_model=args.ner, gazetteer=not args.no_gazetteer)
    nlp = load_model(str(args.out))
    files = bench_parser.heldout_files()
    total: dict[str, list[int]] = {}
    for split in args.splits.split(","):
        ec = bench_parser.entity_counts(nlp, files[split])
        for k, v in ec.items():
            a = total.setdefault(k, [0, 0, 0])
            for i in range(3):
                a[i] += v[i]
        s = bench_parser.ent_scores(ec)
        print(f"{split}: P {100 * s['p']:.2f} R {100 * s['r']:.2f} F1 {100 * s['f']:.2f}")
    s = bench_parser.ent_scores(total)
    print(f"{args.splits}: P {100 * s['p']:.2f} R {100 * s['r']:.2f} F1 {100 * s['f']:.2f}")
    for label, v in s["per_type"].items():
        print(f"  {label:8s} P {100 * v['p']:6.2f}  R {100 * v['r']:6.2f}  F1 {100 * v['f']:6.2f}  gold {v['gold']:4d}  pred {v['pred']:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
