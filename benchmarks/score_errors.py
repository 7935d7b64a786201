#!/usr/bin/env python3
"""Error listing for the official scorer: what was missed, and what was extracted but matches no gold.

    python benchmarks/score_errors.py GOLD.jsonl SYSTEM.jsonl [--kind events|claims|transfers] [--doc ID]

``score.py`` (``../shared/eval``, imported, not copied) prints the figures and the missed gold
records; to fix a mechanism one also needs the spurious system records and the sentence each
came from. This prints, per document and kind, the required gold records no system record
matches and the system records no gold record matches, each system record with its evidence.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))


def load_scorer():
    spec = importlib.util.spec_from_file_location("sitrep_official_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def brief(kind: str, rec: dict) -> str:
    """One line for a system record: the fields the scorer reads."""
    def actor(a):
        if not a:
            return "-"
        return f"{a.get('name')}[{a.get('country') or '?'}]"
    if kind == "events":
        return f"{rec.get('type')} {actor(rec.get('source'))} -> {actor(rec.get('target'))}"
    if kind == "claims":
        return f"{rec.get('stance')} {actor(rec.get('speaker'))}: {rec.get('content')!r}"
    return (f"{actor(rec.get('supplier'))} -> {actor(rec.get('recipient'))}: {rec.get('system')!r} "
            f"x{rec.get('quantity')} {rec.get('status')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("system")
    ap.add_argument("--kind", choices=("events", "claims", "transfers"), action="append")
    ap.add_argument("--doc", action="append", help="only these document ids")
    a = ap.parse_args()
    score = load_scorer()
    gold, system = score.load(a.gold), score.load(a.system)
    for doc_id, g_doc in gold.items():
        if a.doc and doc_id not in a.doc:
            continue
        for kind in a.kind or score.KINDS:
            match = score.MATCHERS[kind]
            g_recs = g_doc.get(kind, [])
            s_recs = (system.get(doc_id) or {}).get(kind, []) or []
            missed = [g for g in g_recs if g.get("required", True) and not any(match(g, s) for s in s_recs)]
            spurious = [s for s in s_recs if not any(match(g, s) for g in g_recs)]
            if not missed and not spurious:
                continue
            print(f"== {doc_id} {kind}: {len(missed)} missed, {len(spurious)} spurious")
            for g in missed:
                print("  miss ", json.dumps({k: v for k, v in g.items() if k != "required"}, ensure_ascii=False))
            for s in spurious:
                ev = (s.get("evidence") or [{}])[0]
                print("  extra", brief(kind, s))
                if ev.get("text"):
                    print("        |", " ".join(ev["text"].split())[:220])


if __name__ == "__main__":
    main()
