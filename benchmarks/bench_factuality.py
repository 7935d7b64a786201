"""Benchmark sitrep's factuality values (−3..+3) on the UW and MEANTIME test sentences.

    python benchmarks/bench_factuality.py [--limit N] [--json OUT.json]

Reads ../shared/corpora/factuality/{uw,meantime}_test_tt_sup.conll ($SITREP_SHARED overrides the
shared folder): sentences with a gold factuality value for each annotated predicate (column 3;
``_`` = not a predicate). Each sentence is parsed on its gold tokens by sitrep's model and every
annotated predicate gets :func:`sitrep.extract.claims.factuality_of`, the function that gives a
claim's content its ``factuality``. Printed per corpus and overall: Pearson correlation with gold,
mean absolute error, the MAE of the constant +3 baseline (most predicates are plain facts), and
sign agreement (both ≥ 0 or both < 0).

The whole set (351 sentences) takes a few seconds on one thread; ``--limit N`` samples the first
N sentences of each corpus (said in the output).
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

CORPORA = {"uw": "uw_test_tt_sup.conll", "meantime": "meantime_test_tt_sup.conll"}


def shared_dir() -> Path:
    env = os.environ.get("SITREP_SHARED")
    return Path(env) if env else REPO_ROOT / ".." / "shared"


def read_conll(path: Path) -> list[tuple[list[str], dict[int, float]]]:
    """Sentences as (words, {token index: gold value})."""
    sents, words, gold = [], [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sents.append((words, gold))
            words, gold = [], {}
            continue
        cols = line.split("\t")
        words.append(cols[1])
        if len(cols) > 2 and cols[2] not in ("_", ""):
            try:
                gold[len(words) - 1] = float(cols[2])
            except ValueError:
                pass
    if words:
        sents.append((words, gold))
    return sents


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def figures(pred: list[float], gold: list[float]) -> dict:
    n = len(gold)
    mae = sum(abs(p - g) for p, g in zip(pred, gold)) / n if n else 0.0
    base = sum(abs(3.0 - g) for g in gold) / n if n else 0.0
    sign = sum((p >= 0) == (g >= 0) for p, g in zip(pred, gold)) / n if n else 0.0
    return {"n": n, "pearson": round(pearson(pred, gold), 3), "mae": round(mae, 3),
            "baseline_mae": round(base, 3), "sign_agreement": round(sign, 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences per corpus (a sample)")
    ap.add_argument("--json", help="write the figures to this file")
    a = ap.parse_args()
    root = shared_dir() / "corpora" / "factuality"
    if not root.exists():
        print(f"factuality corpora not found: {root}", file=sys.stderr)
        return 2

    from spacy.tokens import Doc

    from sitrep import lexicons
    from sitrep.extract.claims import factuality_of
    from sitrep.nlp.model import load_model

    nlp = load_model()
    lex = lexicons.cues()
    t0 = time.time()
    result, all_pred, all_gold = {}, [], []
    for name, fname in CORPORA.items():
        path = root / fname
        if not path.exists():
            continue
        sents = read_conll(path)
        total = len(sents)
        if a.limit:
            sents = sents[: a.limit]
        pred, gold = [], []
        for words, values in sents:
            doc = Doc(nlp.vocab, words=words)
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            for i, g in values.items():
                pred.append(factuality_of(doc[i], lex))
                gold.append(g)
        row = figures(pred, gold)
        row["sentences"] = len(sents)
        sample = f" (sample: first {len(sents)} of {total} sentences)" if a.limit else ""
        print(f"{name}{sample}: {row['n']} predicates  Pearson r {row['pearson']:.3f}  MAE {row['mae']:.3f} "
              f"(constant +3: {row['baseline_mae']:.3f})  sign agreement {row['sign_agreement']:.3f}")
        result[name] = row
        all_pred += pred
        all_gold += gold
    row = figures(all_pred, all_gold)
    print(f"all: {row['n']} predicates  Pearson r {row['pearson']:.3f}  MAE {row['mae']:.3f} "
          f"(constant +3: {row['baseline_mae']:.3f})  sign agreement {row['sign_agreement']:.3f}  "
          f"[{time.time() - t0:.1f}s]")
    result["all"] = row
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
