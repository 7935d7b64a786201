#!/usr/bin/env python3
"""Extraction quality with the official scorer on three sets.

* the seeds (``../shared/seeds`` with ``../shared/eval/seeds.gold.jsonl``);
* ``benchmarks/devset/``: ten wire-style articles (350-550 words) and gold records written for
  this project by a separate author who never ran sitrep on them; used for error analysis
  (``benchmarks/score_errors.py``), so its figure becomes optimistic as rules are fixed from it;
* ``benchmarks/heldout/``: three short articles and gold records written by this project in the
  GOLD.md format, kept out of rule development when they were written, so they show how the
  mechanisms carry over to text the rules were not tuned on.

    python benchmarks/bench_extraction.py
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "eval" / "score.py"


def score(name: str, articles: Path, gold: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", str(articles), "--output", str(out),
                        "--no-progress", "--workers", "1"], check=True, cwd=ROOT, capture_output=True)
        print(f"== {name}")
        res = subprocess.run([sys.executable, str(SCORER), str(gold), str(out)], capture_output=True, text=True)
        print(res.stdout.rstrip())


def main() -> None:
    if not SCORER.exists():
        sys.exit(f"scorer not found: {SCORER} (set SITREP_SHARED)")
    score("seeds (development set)", SHARED / "seeds" / "seeds.jsonl", SHARED / "eval" / "seeds.gold.jsonl")
    score("project-written development articles (error analysis)", ROOT / "benchmarks" / "devset" / "articles.jsonl",
          ROOT / "benchmarks" / "devset" / "gold.jsonl")
    score("project-written held-out articles", ROOT / "benchmarks" / "heldout" / "articles.jsonl",
          ROOT / "benchmarks" / "heldout" / "gold.jsonl")


if __name__ == "__main__":
    main()
