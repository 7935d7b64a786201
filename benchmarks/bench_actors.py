"""Benchmark actor recognition and coding.

    python benchmarks/bench_actors.py [--re3d-limit N] [--skip-re3d] [--skip-ngec] [--json OUT.json]

Two references, read from ``../shared/corpora`` (override the shared folder with
``$SITREP_SHARED``); nothing from them is copied into the project:

* re3d (defence and security entity gold): entity precision/recall/F1 per type, exact span and
  overlapping span, for what the actor resolver produces. Person (person and surname mentions, pronouns and titles standing for
  a person), Organisation (named institutions, NER organisations, groups such as "Syrian forces",
  pronouns standing for them, and states in an agent's or owner's slot, as re3d marks them),
  Nationality (demonyms) are the actor resolver's; Location (country names and capitals) is
  reported too, though places are another component's job. "The two sides" is left out.
* NGEC actor-resolution expectations: for the assertions about a single actor phrase's country
  and sector (``agent_to_code`` country/code_1, ``short_text_to_agent`` code_1), how often the
  resolver gives the expected code where the expectation is one sitrep can express (ISO3 or
  empty country, one of sitrep's sectors). Expectations that need an encyclopaedia (an untitled
  name such as "Agathon Rwasa" -> BDI) are counted as they come: they show what a dictionary
  alone cannot know.

Only the parser and the actor resolver run, so the benchmark takes seconds, not minutes.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from sitrep import lexicons  # noqa: E402
from sitrep.model import Document  # noqa: E402
from sitrep.pipeline import DocContext  # noqa: E402
from sitrep.resolve.actors import ActorResolver, Mention  # noqa: E402

SHARED = Path(os.environ.get("SITREP_SHARED", REPO_ROOT.parent / "shared"))
RE3D = SHARED / "corpora" / "re3d"
NGEC = SHARED / "corpora" / "events" / "ngec_actor_resolution_tests" / "ngec_actor_resolution_expectations.DERIVED.jsonl"
TYPES = ("Person", "Organisation", "Nationality", "Location")
OURS = ("Person", "Organisation", "Nationality")
# NGEC's PLOVER sector codes that have an equivalent in sitrep's sectors
# (NGEC's MED is medical staff, not media; its JRN is sitrep's MED)
NGEC_SECTORS = {"GOV": "GOV", "MIL": "MIL", "REB": "REB", "IGO": "IGO", "CVL": "CVL", "BUS": "BUS",
                "JRN": "MED", "PTY": "POL", "OPP": "POL", "SPY": "SPY", "INS": "REB"}


def _resolve(nlp, text: str, doc_id: str = "b") -> DocContext:
    ctx = DocContext(document=Document(id=doc_id, text=text), doc=nlp(text))
    ActorResolver()(ctx)
    return ctx


def _mongo_lines(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def _system_spans(ctx: DocContext) -> set[tuple[int, int, str]]:
    """Typed character spans of the entities the resolver found."""
    doc = ctx.doc
    countries = lexicons.countries()
    spans: set[tuple[int, int, str]] = set()

    def add(start: int, end: int, typ: str) -> None:
        span = doc[start:end]
        # re3d spans leave out a leading article and a trailing possessive
        while len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
            span = span[1:]
        while len(span) > 1 and span[-1].text in ("'s", "’s", ")", ","):
            span = span[:-1]
        text_end = span.end_char
        if span.text.endswith(("'s", "’s")):
            text_end -= 2
        spans.add((span.start_char, text_end, typ))

    for m in ctx.mentions:
        how = m.how
        if how == "pair":
            continue
        if how in ("pronoun", "title"):
            # re3d marks pronouns and definite descriptions ("he", "we", "The Foreign Secretary")
            # as the entity they stand for
            if how == "title" and doc[m.start].lower_ in ("the", "a", "an") and m.actor.kind != "person":
                continue
            add(m.start, m.end, "Person" if m.actor.kind == "person" else "Organisation")
            continue
        if how in ("person", "surname"):
            name_start = m.start
            while name_start < m.end and (name_start in ctx.mention_at and ctx.mention_at[name_start] is m) \
                    and not doc[name_start].text[:1].isupper():
                name_start += 1
            # the mention may include the title; the name is the run the actor is named after
            words = m.actor.name.split()
            k = m.end - len(words)
            add(max(k, m.start), m.end, "Person")
        elif how == "demonym":
            add(m.start, m.end, "Nationality")
        elif how in ("country", "metonym"):
            add(m.start, m.end, "Location")
            # re3d also marks a state that acts or owns as an organisation ("Syria has accused")
            head = doc[m.head if m.head is not None else m.start]
            if head.dep_.split(":")[0] in ("nsubj", "obj", "iobj") or head.dep_ == "nmod:poss" or (
                    any(c.lower_ == "by" for c in head.children)):
                add(m.start, m.end, "Organisation")
        elif how in ("institution", "ner", "group"):
            add(m.start, m.end, "Organisation")
            # "Syrian forces", "Syrian opposition": the demonym inside is a nationality too
            for k in (m.start, m.start + 1):
                if k < m.end and doc[k].text in countries.demonyms:
                    add(k, k + 1, "Nationality")
                    break
    return spans


def bench_re3d(nlp, limit: int | None) -> dict:
    gold: dict[str, set[tuple[int, int, str]]] = defaultdict(set)
    texts: dict[str, str] = {}
    for folder in sorted(p for p in RE3D.iterdir() if p.is_dir()):
        for d in _mongo_lines(folder / "documents.json"):
            texts[d["_id"]] = d["text"]
        for e in _mongo_lines(folder / "entities.json"):
            if e["type"] in TYPES:
                gold[e["documentId"]].add((e["begin"], e["end"], e["type"]))
    ids = sorted(texts)[:limit] if limit else sorted(texts)
    counts = {t: {"tp_exact": 0, "tp_overlap_sys": 0, "tp_overlap_gold": 0, "sys": 0, "gold": 0} for t in TYPES}
    t0 = time.perf_counter()
    words = 0
    for doc_id in ids:
        text = texts[doc_id]
        words += len(text.split())
        ctx = _resolve(nlp, text, doc_id)
        system = _system_spans(ctx)
        g = gold.get(doc_id, set())
        for typ in TYPES:
            s_t = {(a, b) for a, b, t in system if t == typ}
            g_t = {(a, b) for a, b, t in g if t == typ}
            c = counts[typ]
            c["sys"] += len(s_t)
            c["gold"] += len(g_t)
            c["tp_exact"] += len(s_t & g_t)
            c["tp_overlap_sys"] += sum(1 for a, b in s_t if any(a < gb and ga < b for ga, gb in g_t))
            c["tp_overlap_gold"] += sum(1 for a, b in g_t if any(a < sb and sa < b for sa, sb in s_t))
    elapsed = time.perf_counter() - t0
    result = {"documents": len(ids), "words": words, "seconds": round(elapsed, 1), "types": {}}
    print(f"re3d: {len(ids)} documents, {words} words, {elapsed:.1f}s (parse + actors)")
    print(f"  {'type':<13}{'gold':>6}{'sys':>6}   {'exact P':>8}{'R':>7}{'F1':>7}   {'overlap P':>10}{'R':>7}{'F1':>7}")
    for typ in TYPES:
        c = counts[typ]
        p = c["tp_exact"] / c["sys"] if c["sys"] else 0.0
        r = c["tp_exact"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        po = c["tp_overlap_sys"] / c["sys"] if c["sys"] else 0.0
        ro = c["tp_overlap_gold"] / c["gold"] if c["gold"] else 0.0
        fo = 2 * po * ro / (po + ro) if po + ro else 0.0
        mark = "" if typ in OURS else "  (places component's type)"
        print(f"  {typ:<13}{c['gold']:>6}{c['sys']:>6}   {p:>8.3f}{r:>7.3f}{f:>7.3f}   {po:>10.3f}{ro:>7.3f}{fo:>7.3f}{mark}")
        result["types"][typ] = {"gold": c["gold"], "system": c["sys"], "exact": [round(p, 3), round(r, 3), round(f, 3)],
                                "overlap": [round(po, 3), round(ro, 3), round(fo, 3)]}
    return result


def _main_mention(ctx: DocContext) -> Mention | None:
    """The mention that stands for the whole phrase: the one on the phrase's head, else the longest."""
    if not ctx.mentions:
        return None
    roots = [s.root.i for s in ctx.doc.sents]
    for r in roots[:1]:
        if r in ctx.mention_at:
            return ctx.mention_at[r]
    return max(ctx.mentions, key=lambda m: (m.end - m.start, -m.start))


def bench_ngec(nlp) -> dict:
    rows = [json.loads(line) for line in open(NGEC, encoding="utf-8")]
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # correct, applicable, total
    misses: dict[str, list[str]] = defaultdict(list)
    cache: dict[str, tuple[str, str]] = {}
    for row in rows:
        method, field, op = row["method"], row["field"], row["op"]
        if op != "Eq" or row.get("xfail"):
            continue
        if not ((method == "agent_to_code" and field in ("country", "code_1"))
                or (method == "short_text_to_agent" and field == "code_1")):
            continue
        text = row["input"][0]
        key = f"{method}:{field}"
        tallies[key][2] += 1
        expected = row["expected"] or ""
        if field == "country":
            applicable = expected == "" or expected == "IGO" or (len(expected) == 3 and expected.isupper())
        else:
            applicable = expected in NGEC_SECTORS or expected == ""
        if not applicable:
            continue
        tallies[key][1] += 1
        if text not in cache:
            ctx = _resolve(nlp, text)
            m = _main_mention(ctx)
            if m is None:
                cache[text] = ("", "")
            else:
                a = m.actor
                country = a.country or ("IGO" if a.sector == "IGO" else "")
                cache[text] = (country, a.sector or "")
        country, sector = cache[text]
        got = country if field == "country" else sector
        want = expected if field == "country" else NGEC_SECTORS.get(expected, "")
        if got == want:
            tallies[key][0] += 1
        elif len(misses[key]) < 12:
            misses[key].append(f"{text!r}: want {want or '-'} got {got or '-'}")
    print("NGEC actor-resolution expectations (single phrases):")
    result = {}
    for key, (ok, appl, total) in sorted(tallies.items()):
        acc = ok / appl if appl else 0.0
        print(f"  {key:<32} {ok:>4}/{appl:<4} = {acc:.3f}   ({total - appl} of {total} not expressible in sitrep's codes)")
        result[key] = {"correct": ok, "applicable": appl, "total": total, "accuracy": round(acc, 3)}
    for key, lines in sorted(misses.items()):
        print(f"  examples of misses, {key}:")
        for line in lines:
            print(f"    {line}")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--re3d-limit", type=int, default=None, help="only the first N re3d documents")
    ap.add_argument("--skip-re3d", action="store_true")
    ap.add_argument("--skip-ngec", action="store_true")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: the bundled model)")
    ap.add_argument("--json", default=None, help="write the figures to this file")
    args = ap.parse_args()
    from sitrep.nlp.model import load_model

    nlp = load_model(args.model)
    out = {}
    if not args.skip_re3d:
        out["re3d"] = bench_re3d(nlp, args.re3d_limit)
    if not args.skip_ngec:
        out["ngec"] = bench_ngec(nlp)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
