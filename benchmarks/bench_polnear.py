"""Benchmark sitrep's attributions (source, cue, content) on PolNeAR.

    python benchmarks/bench_polnear.py [--split test|dev|train] [--limit N] [--show N] [--json OUT.json]

Reads ../shared/corpora/polnear/<split>/{text,attributions} ($SITREP_SHARED overrides the shared
folder): political news with BRAT standoff attribution relations (E lines tying a Source, a Cue
and a Content span; discontinuous spans are taken from their first to their last character).
Report on ``test``; tune only on ``train``/``dev`` (the default is test, the figure we quote).

Each sitrep claim or attitude (``ctx.attitudes``: "wants to", "called for", "endorsed", "praised",
"is expected to": attributions that state nothing, kept out of the claims) is one attribution, and
the claims of one cue split by the cue itself ("“A,” she said. “B.”") or made once per speaker
("A and B said") are one, as PolNeAR has them (``--no-merge``: one per claim). Each has its
content span (``content_start``/``content_end``), its cue (the cue token) and its source (the
speaker's mention nearest the cue in the cue's sentence: a name, a title, a pronoun the actor
stage resolved; for a speaker built from a common noun, the phrase itself). Gold and system spans are paired one to one per role, best overlap first, and
scored two ways:

* exact: the spans are equal once edge punctuation, quote marks and space (and a leading
  complementiser "that", which PolNeAR includes and sitrep does not) are stripped;
* overlap: the spans share at least one character.

Printed per role: precision, recall, F1. PolNeAR annotates every attribution, not only speech
and attitudes (also "seems", "in X's view", headlines), so recall stays bounded.
Only the stages claims need run (actors, places, claims), one thread: the 94 test articles take about a
minute. ``--limit N`` samples the first N articles (said in the output).
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

ROLES = ("source", "cue", "content")
STRIP = " \t\n\r,.;:“”\"‘’'«»()—–-"


def shared_dir() -> Path:
    env = os.environ.get("SITREP_SHARED")
    return Path(env) if env else REPO_ROOT / ".." / "shared"


def read_ann(path: Path) -> list[dict[str, tuple[int, int]]]:
    """The attribution relations of one .ann file: [{"source": (s, e), "cue": ..., "content": ...}]."""
    spans: dict[str, tuple[str, int, int]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, rest = line.split("\t", 1)[:2]
            head = rest.split("\t", 1)[0]
            label, offsets = head.split(" ", 1)
            nums = [int(x) for part in offsets.split(";") for x in part.split()]
            spans[tid] = (label, min(nums), max(nums))
        elif line.startswith("E"):
            relations.append(line.split("\t", 1)[1].split())
    out = []
    for rel in relations:
        rec = {}
        for arg in rel:
            role, tid = arg.split(":", 1)
            role = role.lower().rstrip("0123456789")
            if role in ROLES and tid in spans:
                rec[role] = spans[tid][1:]
        if "content" in rec or "cue" in rec:
            out.append(rec)
    return out


def stripped(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span without edge punctuation, quote marks and space, and without a leading "that"
    (PolNeAR puts the complementiser in the content, sitrep leaves it out: same proposition)."""
    s, e = span
    while s < e and text[s] in STRIP:
        s += 1
    if text[s:s + 5].lower() == "that ":
        s += 5
    while e > s and text[e - 1] in STRIP:
        e -= 1
    return s, e


def char_overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair(gold: list[tuple[int, int]], system: list[tuple[int, int]], text: str) -> tuple[int, int]:
    """(exact matches, overlap matches), pairing one to one, best first."""
    def one(score):
        cands = sorted(((score(g, s), gi, si) for gi, g in enumerate(gold) for si, s in enumerate(system)), reverse=True)
        ug, us, n = set(), set(), 0
        for sc, gi, si in cands:
            if sc <= 0:
                break
            if gi in ug or si in us:
                continue
            ug.add(gi)
            us.add(si)
            n += 1
        return n
    exact = one(lambda g, s: 1 if stripped(text, g) == stripped(text, s) else 0)
    over = one(lambda g, s: char_overlap(g, s) / max(1, max(g[1] - g[0], s[1] - s[0])))
    return exact, over


def source_span(ctx, cs) -> tuple[int, int] | None:
    """Character span of the speaker's mention nearest the cue, in the cue's sentence."""
    if not cs.speakers:
        return None
    doc = ctx.doc
    speaker = cs.speakers[0]
    sent = doc[cs.cue].sent
    best = None
    for m in ctx.mentions:
        if not (sent.start <= m.start < sent.end) or (cs.start <= m.start < cs.end):
            continue
        if any(a.name == speaker.name for a in m.actors):
            d = abs(m.start - cs.cue)
            if best is None or d < best[0]:
                best = (d, m)
    if best is not None:
        m = best[1]
        return doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
    # a speaker built from a phrase ("Indian sources", "Peter Smith"): find its text near the cue
    name = speaker.name
    if name:
        text = doc.text
        lo, hi = sent.start_char, sent.end_char
        positions = []
        i = text.find(name, lo, hi)
        while i >= 0:
            positions.append(i)
            i = text.find(name, i + 1, hi)
        if positions:
            cue_char = doc[cs.cue].idx
            i = min(positions, key=lambda p: abs(p - cue_char))
            return i, i + len(name)
    return None


def attributions(ctx, spans, merge: bool = True) -> list[tuple[object, tuple[int, int]]]:
    """PolNeAR's unit from sitrep's claims: one attribution per cue.

    sitrep makes one claim per speaker and per quoted piece; PolNeAR makes one relation per cue,
    with a discontinuous content when the attribution interrupts the quote ("“A,” she said. “B.”")
    and one source span for "A and B said". The claims of one cue whose contents are split by the
    cue itself or only by punctuation are merged, first to last character, as the gold's
    discontinuous spans are (``--no-merge`` scores the claims one by one).
    """
    text = ctx.doc.text
    out: list[list] = []
    for cs in sorted(spans, key=lambda c: (c.cue, c.claim.content_start)):
        s, e = cs.claim.content_start, cs.claim.content_end
        if merge and out and out[-1][0].cue == cs.cue:
            ps, pe = out[-1][1]
            cue_at = ctx.doc[cs.cue].idx
            lo, hi = min(pe, s), max(pe, s)
            if s <= pe or lo <= cue_at < hi or not text[lo:hi].strip(STRIP):
                out[-1][1] = (min(ps, s), max(pe, e))
                continue
        out.append([cs, (s, e)])
    return [(cs, tuple(span)) for cs, span in out]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=("test", "dev", "train"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (a sample)")
    ap.add_argument("--show", type=int, default=0, help="print N gold contents missed and N spurious")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--no-merge", action="store_true", help="score every claim on its own, not one per cue")
    a = ap.parse_args()
    root = shared_dir() / "corpora" / "polnear" / a.split
    if not root.exists():
        print(f"PolNeAR split not found: {root}", file=sys.stderr)
        return 2

    from sitrep.extract.claims import ClaimExtractor
    from sitrep.model import Document
    from sitrep.pipeline import DocContext, Pipeline
    from sitrep.resolve.actors import ActorResolver
    from sitrep.resolve.places import PlaceResolver

    pipe = Pipeline(components=[ActorResolver(), PlaceResolver(), ClaimExtractor()])
    anns = sorted((root / "attributions").glob("*.ann"))
    total = len(anns)
    if a.limit:
        anns = anns[: a.limit]
    counts = {r: {"gold": 0, "system": 0, "exact": 0, "overlap": 0} for r in ROLES}
    misses, spurious = [], []
    t0 = time.time()
    used = 0
    for ann in anns:
        txt = root / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")
        if not txt.exists():
            txt = root / "text" / (ann.stem + ".txt")
        if not txt.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        used += 1
        gold = read_ann(ann)
        document = Document(id=ann.stem, text=text)
        ctx = DocContext(document=document, doc=pipe.parse(document))
        for comp in pipe.components:
            comp(ctx)
        system = {r: [] for r in ROLES}
        # attitudes ("wants to", "endorsed", "called for") are attributions in PolNeAR's sense
        spans = list(ctx.claim_index) + list(getattr(ctx, "attitudes", []))
        for cs, (start, end) in attributions(ctx, spans, merge=not a.no_merge):
            system["content"].append((start, end))
            cue = ctx.doc[cs.cue]
            system["cue"].append((cue.idx, cue.idx + len(cue.text)))
            src = source_span(ctx, cs)
            if src is not None:
                system["source"].append(src)
        for role in ROLES:
            g = [rec[role] for rec in gold if role in rec]
            s = system[role]
            exact, over = pair(g, s, text)
            counts[role]["gold"] += len(g)
            counts[role]["system"] += len(s)
            counts[role]["exact"] += exact
            counts[role]["overlap"] += over
        if a.show:
            gc = [rec["content"] for rec in gold if "content" in rec]
            sc = system["content"]
            misses += [text[x:y] for x, y in gc if not any(char_overlap((x, y), q) for q in sc)]
            spurious += [text[x:y] for x, y in sc if not any(char_overlap((x, y), q) for q in gc)]
    elapsed = time.time() - t0
    sample = f" (sample: first {used} of {total} articles)" if a.limit else ""
    print(f"PolNeAR {a.split}{sample}: {used} articles, {counts['content']['gold']} gold attributions, "
          f"{counts['content']['system']} system claims, {elapsed:.1f}s")
    result = {"split": a.split, "articles": used}
    for role in ROLES:
        c = counts[role]
        row = {}
        for how in ("exact", "overlap"):
            p = c[how] / c["system"] if c["system"] else 0.0
            r = c[how] / c["gold"] if c["gold"] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            row[how] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        result[role] = row
        print(f"  {role:8s} exact   P {row['exact']['precision']:.3f}  R {row['exact']['recall']:.3f}  "
              f"F1 {row['exact']['f1']:.3f}   overlap  P {row['overlap']['precision']:.3f}  "
              f"R {row['overlap']['recall']:.3f}  F1 {row['overlap']['f1']:.3f}")
    if a.show:
        print("\nmissed gold contents:")
        for m in misses[: a.show]:
            print("   ", " ".join(m.split())[:160])
        print("\nspurious system contents:")
        for s in spurious[: a.show]:
            print("   ", " ".join(s.split())[:160])
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
