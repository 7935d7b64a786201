"""FNC-1 stance benchmark for sitrep's stance/contradiction cues (``sitrep.link.contradictions``).

Data: ``../shared/corpora/fnc1`` — the FNC-1 *competition test* set (25,413 headline/body pairs,
labels unrelated/discuss/agree/disagree). ``train_stances.csv`` is NOT available there (see its
PROVENANCE), so there are no training labels:

* the default run uses the thresholds fixed in ``sitrep.link.contradictions`` (set by hand after
  looking at feature means on the dev slice below, not fitted by search) and reports on the whole
  test set and on the held-out nine tenths;
* ``--tune`` grid-searches the thresholds on a declared dev slice of the test set (the pairs whose
  Body ID is ≡ 0 mod 10, about a tenth) and reports on the other nine tenths only, beside the
  untuned figures on the same held-out pairs. The dev slice uses test labels: say so when quoting.

``train_bodies.csv`` (bodies without labels) is used only for IDF weights of the relatedness
overlap (``--idf``, on by default).

Prints macro F1, per-class F1 (disagree in particular), the FNC score (+0.25 for a correct
related/unrelated decision, +0.75 more for the right related class, as a share of the best
possible score) and, computed in the same run on the same pairs, a majority-class baseline.

    .venv/bin/python benchmarks/bench_fnc1.py [--tune] [--no-idf] [--limit N]

Environment: ``SITREP_SHARED`` overrides the location of ``../shared``.
"""
from __future__ import annotations

import argparse
import csv
import math
import os
import sys
import time
from collections import Counter
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitrep.link.contradictions import (  # noqa: E402
    DEFAULT_STANCE_THRESHOLDS,
    _stems,
    stance_features,
    stance_label,
)

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = ("agree", "disagree", "discuss")


def shared_dir() -> Path:
    env = os.environ.get("SITREP_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared"


def read_bodies(path: Path) -> dict[int, str]:
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as fp:
        return {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(fp)}


def read_stances(path: Path) -> list[tuple[str, int, str]]:
    with open(path, newline="", encoding="utf-8") as fp:
        return [(r["Headline"], int(r["Body ID"]), r["Stance"]) for r in csv.DictReader(fp)]


def fnc_score(gold: list[str], pred: list[str]) -> tuple[float, float]:
    """(score, share of the maximum) with the official weighting."""
    score = best = 0.0
    for g, p in zip(gold, pred):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.50
        if g in RELATED and p in RELATED:
            score += 0.25
    return score, score / best if best else 0.0


def f1_table(gold: list[str], pred: list[str]) -> dict[str, float]:
    out = {}
    for lab in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out["macro"] = sum(out[l] for l in LABELS) / len(LABELS)
    return out


def report(name: str, gold: list[str], pred: list[str]) -> None:
    f = f1_table(gold, pred)
    s, share = fnc_score(gold, pred)
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    rel_acc = sum((g == "unrelated") == (p == "unrelated") for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    print(f"{name:<32} macroF1 {f['macro']:.3f} | agree {f['agree']:.3f} disagree {f['disagree']:.3f} "
          f"discuss {f['discuss']:.3f} unrelated {f['unrelated']:.3f} | FNC {s:.1f} ({share:.1%}) | "
          f"acc {acc:.3f} rel/unrel acc {rel_acc:.3f}")


def confusion(gold: list[str], pred: list[str]) -> None:
    c = Counter(zip(gold, pred))
    print("  confusion (rows gold, columns predicted):")
    print("  " + " " * 10 + "".join(f"{l:>10}" for l in LABELS))
    for g in LABELS:
        print("  " + f"{g:>10}" + "".join(f"{c[(g, p)]:>10}" for p in LABELS))


def idf_from(bodies: dict[int, str]) -> dict[str, float]:
    df = Counter()
    for text in bodies.values():
        df.update(set(_stems(text)))
    n = len(bodies)
    return {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}


GRID = {
    "related": [0.2, 0.25, 0.3, 0.34, 0.4, 0.45, 0.5],
    "refute": [0.5, 1.0, 1.5, 2.0, 3.0],
    "hedge_max": [0.0, 0.5, 1.0, 1.5, 2.0, 3.0],
}


def tune(feats, gold) -> dict[str, float]:
    """Thresholds maximising the FNC score on (features, gold labels)."""
    best, best_th = -1.0, dict(DEFAULT_STANCE_THRESHOLDS)
    for rel, ref, hmax in product(GRID["related"], GRID["refute"], GRID["hedge_max"]):
        th = {"related": rel, "refute": ref, "hedge_max": hmax}
        pred = [stance_label(f, th) for f in feats]
        s, _ = fnc_score(gold, pred)
        if s > best:
            best, best_th = s, th
    return best_th


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tune", action="store_true", help="tune on a declared dev slice (Body ID %% 10 == 0), "
                                                         "report on the rest")
    ap.add_argument("--no-idf", action="store_true", help="unweighted overlap (no IDF from train_bodies.csv)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pairs (smoke test)")
    ap.add_argument("--confusion", action="store_true", help="print confusion matrices")
    args = ap.parse_args()

    base = shared_dir() / "corpora" / "fnc1"
    if not (base / "competition_test_stances.csv").is_file():
        print(f"FNC-1 data not found under {base}", file=sys.stderr)
        return 1
    t0 = time.time()
    bodies = read_bodies(base / "competition_test_bodies.csv")
    stances = read_stances(base / "competition_test_stances.csv")
    if args.limit:
        stances = stances[: args.limit]
    idf = None if args.no_idf else idf_from(read_bodies(base / "train_bodies.csv"))
    feats = [stance_features(h, bodies[b], idf=idf) for h, b, _ in stances]
    gold = [s for _, _, s in stances]
    print(f"FNC-1 competition test: {len(stances)} pairs, {len(bodies)} bodies "
          f"({'IDF from train_bodies.csv' if idf else 'unweighted overlap'}); features in {time.time() - t0:.1f}s")
    print("gold distribution:", dict(Counter(gold)))

    def run(name, idx, th):
        g = [gold[i] for i in idx]
        p = [stance_label(feats[i], th) for i in idx]
        report(name, g, p)
        if args.confusion:
            confusion(g, p)

    def baseline(name, idx):
        g = [gold[i] for i in idx]
        major = Counter(g).most_common(1)[0][0]
        report(f"{name} (all '{major}')", g, [major] * len(g))

    everything = list(range(len(stances)))
    dev = [i for i, (_, b, _) in enumerate(stances) if b % 10 == 0]
    held = [i for i, (_, b, _) in enumerate(stances) if b % 10 != 0]
    if not args.tune:
        print(f"thresholds (hand-set): {DEFAULT_STANCE_THRESHOLDS}")
        run("sitrep cues, full test", everything, DEFAULT_STANCE_THRESHOLDS)
        baseline("majority baseline, full test", everything)
        run("sitrep cues, held-out 9/10", held, DEFAULT_STANCE_THRESHOLDS)
        baseline("majority baseline, held-out 9/10", held)
        return 0

    th = tune([feats[i] for i in dev], [gold[i] for i in dev])
    print(f"dev slice (Body ID % 10 == 0): {len(dev)} pairs; held-out: {len(held)} pairs")
    print(f"tuned thresholds: {th}")
    run("sitrep cues, hand-set, held-out", held, DEFAULT_STANCE_THRESHOLDS)
    run("sitrep cues, tuned on dev, held-out", held, th)
    baseline("majority baseline, held-out", held)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
