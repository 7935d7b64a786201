"""Near-duplicate detection benchmark (``sitrep.link.duplicates``) on a synthetic corpus with known copies.

Documents are read (never copied into the repository) from ``../shared/corpora/polnear`` (news
articles, ``*/text/*.txt``) and ``../shared/seeds/*.txt``. A seeded random subset of them gets
near-copies with distinct ids, made with the edits syndication and updates make:

* ``headline``  — the first line (headline) replaced;
* ``trim``      — the last paragraph removed;
* ``insert``    — a sentence from another article inserted in the middle;
* ``edit``      — a few words changed here and there (typo fixes, a changed figure);
* ``combo``     — headline changed, last paragraph trimmed and a sentence inserted.

Gold groups: each original with its copies; every other document stands alone. We report pair
precision/recall/F1 (pairs of documents put in one group) at several Jaccard thresholds, and how
many predicted pairs join two distinct source articles (the corpus itself may contain real
near-duplicates: those are counted as false positives here, and listed with ``--show-fp``).

    .venv/bin/python benchmarks/bench_duplicates.py [--copies 150] [--seed 7] [--show-fp]

Environment: ``SITREP_SHARED`` overrides the location of ``../shared``.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitrep.link.duplicates import find_duplicate_groups  # noqa: E402


def shared_dir() -> Path:
    env = os.environ.get("SITREP_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared"


def load_texts(shared: Path, min_words: int = 80) -> list[tuple[str, str]]:
    docs = []
    for path in sorted((shared / "corpora" / "polnear").glob("*/text/*.txt")):
        docs.append((f"polnear/{path.parent.parent.name}/{path.stem}", path.read_text(encoding="utf-8")))
    for path in sorted((shared / "seeds").glob("*.txt")):
        docs.append((f"seeds/{path.stem}", path.read_text(encoding="utf-8")))
    seen, out = set(), []
    for doc_id, text in docs:
        norm = " ".join(text.split())
        if len(norm.split()) < min_words or norm in seen:  # exact repeats in the source corpus
            continue
        seen.add(norm)
        out.append((doc_id, text))
    return out


_SENT = re.compile(r"(?<=[.!?\"”’'])\s+(?=[A-Z\"“])")


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(" ".join(text.split())) if s.strip()]


def make_copy(text: str, kind: str, rng: random.Random, donor: str) -> str:
    if kind in ("headline", "combo"):
        first, _, rest = text.strip().partition("\n")
        words = first.split()
        text = "Updated: " + " ".join(rng.sample(words, k=min(6, len(words)))) + "\n\n" + rest.strip()
    paras = paragraphs(text)
    if kind in ("trim", "combo") and len(paras) > 3:
        paras = paras[:-1]
    if kind in ("insert", "combo"):
        extra = rng.choice(sentences(donor) or [donor[:200]])
        at = rng.randrange(1, max(2, len(paras)))
        paras = paras[:at] + [extra] + paras[at:]
    if kind == "edit":
        words = "\n\n".join(paras).split(" ")
        for _ in range(max(3, len(words) // 150)):
            i = rng.randrange(len(words))
            words[i] = rng.choice(["reportedly", "some", "12", "officials", "the"])
        return " ".join(words)
    return "\n\n".join(paras)


KINDS = ("headline", "trim", "insert", "edit", "combo")


def pairs_of(groups) -> set[tuple[str, str]]:
    out = set()
    for g in groups:
        out.update(tuple(sorted(p)) for p in combinations(g, 2))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=150, help="originals that get copies")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show-fp", action="store_true", help="list false-positive pairs")
    ap.add_argument("--containment", type=float, default=None,
                    help="containment threshold (default: the library's, see sitrep/link/duplicates.py)")
    args = ap.parse_args()

    shared = shared_dir()
    docs = load_texts(shared)
    if not docs:
        print(f"no texts found under {shared}", file=sys.stderr)
        return 1
    rng = random.Random(args.seed)
    originals = rng.sample(range(len(docs)), k=min(args.copies, len(docs)))
    corpus = list(docs)
    gold_groups = []
    kinds = Counter()
    for n, i in enumerate(originals):
        doc_id, text = docs[i]
        group = [doc_id]
        for c in range(rng.choice((1, 1, 2))):
            kind = KINDS[(n + c) % len(KINDS)]
            donor = docs[rng.randrange(len(docs))][1]
            copy_id = f"{doc_id}#copy{c}-{kind}"
            corpus.append((copy_id, make_copy(text, kind, rng, donor)))
            group.append(copy_id)
            kinds[kind] += 1
        gold_groups.append(group)
    rng.shuffle(corpus)
    gold = pairs_of(gold_groups)
    kind_of = {}
    for g in gold_groups:
        for d in g[1:]:
            kind_of[d] = d.rsplit("-", 1)[1]
    print(f"corpus: {len(corpus)} documents ({len(docs)} distinct sources from polnear + seeds, "
          f"{sum(kinds.values())} near-copies: {dict(kinds)}); gold pairs {len(gold)}")

    for threshold in (0.7, 0.8, 0.9):
        t0 = time.time()
        extra = {} if args.containment is None else {"containment": args.containment}
        groups = find_duplicate_groups(corpus, threshold=threshold, **extra)
        took = time.time() - t0
        pred = pairs_of(groups)
        tp = len(pred & gold)
        p = tp / len(pred) if pred else 1.0
        r = tp / len(gold) if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        missed = Counter(kind_of.get(b, kind_of.get(a, "?")) for a, b in gold - pred)
        fps = sorted(pred - gold)
        print(f"threshold {threshold:.1f}: pairs P {p:.3f} R {r:.3f} F1 {f:.3f} "
              f"(predicted {len(pred)}, correct {tp}, false {len(fps)}); missed by edit: {dict(missed)}; {took:.2f}s")
        if args.show_fp:
            for a, b in fps[:20]:
                print(f"    FP {a}  ~  {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
