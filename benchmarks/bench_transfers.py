"""Arms-transfer benchmark: transfers on the seed articles, weapon recall on re3d, register check.

Reads the reference material from ``../shared`` (``$SITREP_SHARED`` overrides it; nothing is copied
into the project):

* ``seeds/seeds.jsonl`` with ``eval/seeds.gold.jsonl``: every seed article goes through the full
  pipeline and ``eval/score.py --kind transfers`` scores the transfers the way the project is judged
  (precision, recall, F1, and quantity/status accuracy on matched transfers). The seeds are a
  development set: a number to watch, not one to fit;
* ``corpora/re3d``: entity recall of :func:`sitrep.extract.transfers.find_weapons` for the gold
  ``Weapon`` and ``MilitaryPlatform`` entities (confidence >= 0.5, as the corpus notes advise); a
  gold entity is found when a weapon mention overlaps its characters. re3d also annotates strikes,
  IEDs and named ships as weapons/platforms, which a transfer lexicon does not aim at, so read the
  figure as coverage of the kinds of systems that get traded, not as NER quality;
* ``corpora/sipri/south_asia_2000plus.csv`` (when present): how the seed transfers fare against
  the register (match / new / conflict), a smoke test of ``sitrep transfers check``.

Usage: ``python benchmarks/bench_transfers.py [--skip-re3d] [--limit N] [--json]``
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ENTITY_TYPES = ("Weapon", "MilitaryPlatform")


def shared_dir() -> Path:
    env = os.environ.get("SITREP_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared"


def _read_jsonl(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def bench_seeds(pipeline, shared: Path) -> dict:
    """Extract the seeds in-process and score them with the project's scorer."""
    from sitrep.model import Document, to_dict

    seeds = shared / "seeds" / "seeds.jsonl"
    gold = shared / "eval" / "seeds.gold.jsonl"
    scorer = shared / "eval" / "score.py"
    if not (seeds.is_file() and gold.is_file() and scorer.is_file()):
        return {"skipped": "seeds, gold or scorer not found"}
    docs = [Document(id=str(d["id"]), text=d["text"], title=d.get("title"), published=d.get("published"),
                     url=d.get("url")) for d in _read_jsonl(seeds)]
    t0 = time.perf_counter()
    extractions = [pipeline.process(doc) for doc in docs]
    seconds = time.perf_counter() - t0
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for ex in extractions:
            tmp.write(json.dumps(to_dict(ex), ensure_ascii=False) + "\n")
        system_path = tmp.name
    try:
        res = subprocess.run([sys.executable, str(scorer), str(gold), system_path, "--json", "--kind", "transfers"],
                             capture_output=True, text=True, check=True)
        scored = json.loads(res.stdout)
    finally:
        os.unlink(system_path)
    row = scored.get("transfers", scored)
    row["seconds"] = round(seconds, 2)
    row["_extractions"] = extractions
    return row


def _re3d_docs(root: Path):
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        docs = {d["_id"]: d for d in _read_jsonl(folder / "documents.json")}
        ents: dict[str, list[dict]] = {}
        for e in _read_jsonl(folder / "entities.json"):
            if e.get("type") in ENTITY_TYPES and float(e.get("confidence") or 0) >= 0.5:
                ents.setdefault(e["documentId"], []).append(e)
        for doc_id, doc in docs.items():
            yield doc_id, doc["text"], ents.get(doc_id, [])


def bench_re3d(nlp, shared: Path, limit: int | None = None) -> dict:
    """Recall of weapon mentions over re3d's Weapon and MilitaryPlatform entities."""
    from sitrep.extract.transfers import find_weapons

    root = shared / "corpora" / "re3d"
    if not root.is_dir():
        return {"skipped": "re3d not found"}
    found = {t: 0 for t in ENTITY_TYPES}
    total = {t: 0 for t in ENTITY_TYPES}
    mentions = overlapping = 0
    missed: dict[str, int] = {}
    for n, (doc_id, text, gold) in enumerate(_re3d_docs(root)):
        if limit is not None and n >= limit:
            break
        doc = nlp(text)
        spans = [(doc[w.start].idx, doc[w.end - 1].idx + len(doc[w.end - 1])) for w in find_weapons(doc)]
        mentions += len(spans)
        overlapping += sum(1 for s, e in spans if any(s < g["end"] and g["begin"] < e for g in gold))
        for g in gold:
            total[g["type"]] += 1
            if any(s < g["end"] and g["begin"] < e for s, e in spans):
                found[g["type"]] += 1
            else:
                key = g["value"].lower()
                missed[key] = missed.get(key, 0) + 1
    all_found, all_total = sum(found.values()), sum(total.values())
    return {
        "recall": {t: round(found[t] / total[t], 3) if total[t] else None for t in ENTITY_TYPES},
        "gold": total,
        "recall_all": round(all_found / all_total, 3) if all_total else None,
        "mentions": mentions,
        "mentions_on_gold": overlapping,
        "top_missed": sorted(missed.items(), key=lambda kv: -kv[1])[:15],
    }


def bench_register(extractions, shared: Path) -> dict:
    from sitrep.register import check_transfers, read_register

    path = shared / "corpora" / "sipri" / "south_asia_2000plus.csv"
    if not path.is_file():
        return {"skipped": "register not found"}
    deals = read_register(path)
    results = check_transfers([(ex.id, t) for ex in extractions for t in ex.transfers], deals)
    counts: dict[str, int] = {}
    for r in results:
        counts[r.verdict] = counts.get(r.verdict, 0) + 1
    return {"deals": len(deals), "verdicts": counts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-re3d", action="store_true", help="Only the seeds and the register.")
    ap.add_argument("--limit", type=int, default=None, help="At most N re3d documents.")
    ap.add_argument("--json", action="store_true", help="Print one JSON object instead of text.")
    args = ap.parse_args()

    from sitrep import lexicons
    from sitrep.pipeline import Pipeline

    shared = shared_dir()
    lexicons.preload()
    pipeline = Pipeline()
    seeds = bench_seeds(pipeline, shared)
    extractions = seeds.pop("_extractions", [])
    register = bench_register(extractions, shared) if extractions else {"skipped": "no extractions"}
    re3d = {"skipped": "--skip-re3d"} if args.skip_re3d else bench_re3d(pipeline.nlp, shared, args.limit)
    report = {"seeds_transfers": seeds, "re3d_weapons": re3d, "register": register}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return
    if "skipped" in seeds:
        print(f"seeds: skipped ({seeds['skipped']})")
    else:
        acc = seeds.get("attribute_accuracy", {})
        print(f"seeds transfers  P {seeds['precision']:.3f}  R {seeds['recall']:.3f}  F1 {seeds['f1']:.3f}  "
              f"(system {seeds['system']}, gold {seeds['gold_required']})  quantity acc {acc.get('quantity')}  "
              f"status acc {acc.get('status')}  [{seeds['seconds']} s]")
    if "skipped" in re3d:
        print(f"re3d: skipped ({re3d['skipped']})")
    else:
        rec = re3d["recall"]
        print(f"re3d recall  Weapon {rec['Weapon']} (of {re3d['gold']['Weapon']})  MilitaryPlatform "
              f"{rec['MilitaryPlatform']} (of {re3d['gold']['MilitaryPlatform']})  all {re3d['recall_all']}  "
              f"mentions {re3d['mentions']} ({re3d['mentions_on_gold']} on a gold entity)")
        print("  most missed: " + ", ".join(f"{k} ({v})" for k, v in re3d["top_missed"]))
    if "skipped" in register:
        print(f"register: skipped ({register['skipped']})")
    else:
        print(f"register ({register['deals']} deals): {register['verdicts']}  "
              "[SIPRI Arms Transfers Database, https://www.sipri.org/databases/armstransfers]")


if __name__ == "__main__":
    main()
