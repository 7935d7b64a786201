"""Benchmark sitrep's claim extraction as a quote extractor on the GenderGapTracker gold set.

    python benchmarks/bench_quotes.py [--limit N] [--show N] [--json OUT.json]

Reads ../shared/corpora/quotes-ggt/gold_quotes_98_articles.jsonl ($SITREP_SHARED overrides the
shared folder): 98 Canadian news articles with 1,520 hand-marked quotes (speaker, verb, quote,
coreference-resolved speaker name). The corpus's character offsets are unreliable, so every gold
quote is aligned to the article by string search (quote marks and spacing normalised); quotes that
cannot be found are counted and left out.

Every claim with a speaker counts as a system quote (direct, indirect, mixed, nominal,
according-to); source-less hedged claims do not. A gold and a system quote overlap by the share of
word tokens they have in common over the longer of the two (by position in the text); gold and
system quotes are paired one to one, best overlap first. Printed: precision, recall and F1 at
≥30% and ≥80% overlap, and speaker accuracy over the quotes matched at ≥30% (the system speaker's
name shares a word with the gold speaker or its resolved reference, pronouns excepted).

Only the stages claims need run (actors, places, claims), one thread; all 98 articles take about a minute.
``--limit N`` samples the first N articles (said in the output).
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

WORD = re.compile(r"\w+", re.U)
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "their"}


def shared_dir() -> Path:
    env = os.environ.get("SITREP_SHARED")
    return Path(env) if env else REPO_ROOT / ".." / "shared"


def norm(text: str) -> str:
    """Quote marks and apostrophes to one form each, so gold strings can be found in the text."""
    return (text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
            .replace("\u00a0", " "))


def align(text: str, quote: str, taken: set[int]) -> tuple[int, int] | None:
    """Character span of ``quote`` in ``text`` (first occurrence not yet used), else None."""
    ntext, nq = norm(text), norm(quote).strip()
    candidates = [nq, nq.strip("\"' ,."), " ".join(nq.split())]
    for cand in candidates:
        if len(cand) < 3:
            continue
        start = 0
        while True:
            i = ntext.find(cand, start)
            if i < 0:
                break
            if i not in taken:
                return i, i + len(cand)
            start = i + 1
    # spacing differs: match word by word
    words = WORD.findall(nq)
    if len(words) >= 3:
        pattern = r"\W+".join(re.escape(w) for w in words)
        m = re.search(pattern, ntext)
        if m:
            return m.start(), m.end()
    return None


def token_positions(text: str, start: int, end: int) -> set[int]:
    return {m.start() for m in WORD.finditer(text, start, end)}


def overlap(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def speaker_ok(system: dict | None, gold: dict) -> bool:
    if not system:
        return False
    sys_words = {w.lower() for w in WORD.findall(system.get("name") or "")} - PRONOUNS
    gold_words = set()
    for key in ("reference", "speaker"):
        gold_words |= {w.lower() for w in WORD.findall(gold.get(key) or "")}
    gold_words -= PRONOUNS
    return bool(sys_words & gold_words)


def prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (a sample)")
    ap.add_argument("--show", type=int, default=0, help="print N missed and N spurious quotes")
    ap.add_argument("--json", help="write the figures to this file")
    a = ap.parse_args()
    path = shared_dir() / "corpora" / "quotes-ggt" / "gold_quotes_98_articles.jsonl"
    if not path.exists():
        print(f"gold file not found: {path}", file=sys.stderr)
        return 2

    from sitrep.extract.claims import ClaimExtractor
    from sitrep.model import Document
    from sitrep.pipeline import Pipeline
    from sitrep.resolve.actors import ActorResolver
    from sitrep.resolve.places import PlaceResolver

    articles = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    total_articles = len(articles)
    if a.limit:
        articles = articles[: a.limit]
    pipe = Pipeline(components=[ActorResolver(), PlaceResolver(), ClaimExtractor()])
    t0 = time.time()
    n_gold = n_sys = unaligned = 0
    tp = {0.3: [0, 0], 0.8: [0, 0]}  # threshold -> [matched system, matched gold]
    speaker_right = speaker_total = 0
    misses, spurious = [], []
    for n, art in enumerate(articles):
        text = art["articleBodyText"]
        ext = pipe.process(Document(id=str(n), text=text))
        system = [c for c in ext.claims if c.speaker is not None and c.content_start is not None]
        sys_tok = [token_positions(text, c.content_start, c.content_end) for c in system]
        gold, gold_tok, taken = [], [], set()
        for q in art.get("quotations") or []:
            span = align(text, q.get("quote") or "", taken)
            if span is None:
                unaligned += 1
                continue
            taken.add(span[0])
            gold.append(q)
            gold_tok.append(token_positions(text, *span))
        n_gold += len(gold)
        n_sys += len(system)
        pairs = sorted(((overlap(g, s), gi, si) for gi, g in enumerate(gold_tok) for si, s in enumerate(sys_tok)),
                       reverse=True)
        used_g, used_s, matched = set(), set(), {}
        for ov, gi, si in pairs:
            if ov <= 0:
                break
            if gi in used_g or si in used_s:
                continue
            used_g.add(gi)
            used_s.add(si)
            matched[gi] = (si, ov)
        for gi, (si, ov) in matched.items():
            for th in tp:
                if ov >= th:
                    tp[th][0] += 1
                    tp[th][1] += 1
            if ov >= 0.3:
                speaker_total += 1
                speaker_right += speaker_ok(system[si].speaker and {"name": system[si].speaker.name}, gold[gi])
        for gi, q in enumerate(gold):
            if gi not in matched or matched[gi][1] < 0.3:
                misses.append((art["_id"], q.get("speaker"), q.get("quote")))
        good_s = {si for si, ov in matched.values() if ov >= 0.3}
        for si, c in enumerate(system):
            if si not in good_s:
                spurious.append((art["_id"], c.speaker.name if c.speaker else None, c.cue, c.content))
    elapsed = time.time() - t0
    sample = f" (sample: first {len(articles)} of {total_articles} articles)" if a.limit else ""
    print(f"GGT quotes{sample}: {len(articles)} articles, {n_gold} gold quotes aligned "
          f"({unaligned} not found in the text, left out), {n_sys} system quotes, {elapsed:.1f}s")
    result = {"articles": len(articles), "gold": n_gold, "system": n_sys, "unaligned": unaligned}
    for th, (ts, tg) in tp.items():
        p, r, f = prf(ts, n_sys, tg, n_gold)
        print(f"  overlap >= {int(th * 100)}%:  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        result[f"overlap{int(th * 100)}"] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
    acc = speaker_right / speaker_total if speaker_total else 0.0
    print(f"  speaker accuracy (on {speaker_total} quotes matched at >= 30%): {acc:.3f}")
    result["speaker_accuracy"] = round(acc, 3)
    if a.show:
        print("\nmissed gold quotes:")
        for m in misses[: a.show]:
            print("  ", m[0], "|", m[1], "|", (m[2] or "")[:150])
        print("\nspurious system quotes:")
        for s in spurious[: a.show]:
            print("  ", s[0], "|", s[1], "|", s[2], "|", s[3][:150])
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
