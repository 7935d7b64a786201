#!/usr/bin/env python3
"""Throughput benchmark: articles/s, words/s, peak RSS and time per stage.

The corpus is made by repeating the input articles (default: the seeds and examples/) with
distinct ids up to --n documents. Each configuration runs ``sitrep extract`` in a fresh process
so peak RSS is that process's; ``--workers 1`` is the baseline measured in the same run, and the
other figures are reported as ratios to it (machines are shared and noisy).

    python benchmarks/bench_throughput.py --n 240 --workers 1 2
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))


def build_corpus(n: int, path: Path) -> int:
    """Write n documents (repeated inputs, distinct ids); return the word count."""
    sys.path.insert(0, str(ROOT))
    from sitrep.ingest import read_inputs
    from sitrep.model import Document

    # seed-sized news articles: the seeds when ../shared is there, else the bundled examples
    sources = [SHARED / "seeds" / "seeds.jsonl"] if (SHARED / "seeds").exists() else [ROOT / "examples"]
    base = [d for d in read_inputs(sources) if isinstance(d, Document)]
    words = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            d = base[i % len(base)]
            words += len(d.text.split())
            f.write(json.dumps({"id": f"{d.id}-{i}", "title": d.title, "published": d.published,
                                "url": d.url, "text": d.text}) + "\n")
    return words


def run(corpus: Path, workers: int, out: Path) -> tuple[float, float, float]:
    """Run ``sitrep extract``; return wall seconds, peak RSS (MB) and CPU seconds (user + system
    of the command and its worker processes: less sensitive than wall time to other load)."""
    cmd = [sys.executable, "-m", "sitrep.cli", "extract", str(corpus), "--output", str(out),
           "--workers", str(workers), "--no-progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, max(after.ru_maxrss, before.ru_maxrss) / 1024, cpu


def stage_times(corpus: Path, limit: int = 30) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from sitrep.ingest import read_inputs
    from sitrep.model import Document
    from sitrep.pipeline import Pipeline

    pipe = Pipeline()
    docs = [d for d in read_inputs([corpus]) if isinstance(d, Document)][:limit]
    for d in docs:
        pipe.process(d)
    return {k: v / len(docs) * 1000 for k, v in pipe.timings.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=240, help="documents in the generated corpus")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = build_corpus(a.n, corpus)
        print(f"corpus: {a.n} articles, {words} words ({words / a.n:.0f} words/article)")
        one = Path(tmp) / "one.jsonl"
        build_corpus(1, one)
        # the first run may build on-disk caches (the places gazetteer); the second is the start-up
        # every later run pays, and the one subtracted below
        first, _, _ = run(one, 1, Path(tmp) / "startup.jsonl")
        startup, _, startup_cpu = run(one, 1, Path(tmp) / "startup.jsonl")
        print(f"start-up (load model and lexicons, one article): {startup:.1f} s wall, {startup_cpu:.1f} s CPU "
              f"(first run: {first:.1f} s)")
        try:
            print("load average before the runs: " + " ".join(f"{x:.2f}" for x in os.getloadavg())
                  + f" on {os.cpu_count()} cores (other load makes wall times, and speed-ups, worse)")
        except OSError:  # pragma: no cover
            pass
        results = {}
        outputs = {}
        for w in a.workers:
            out = Path(tmp) / f"out-{w}.jsonl"
            elapsed, rss, cpu = run(corpus, w, out)
            results[w] = elapsed
            outputs[w] = out.read_bytes()
            steady = max(elapsed - startup, 1e-6)
            print(f"workers={w}: {elapsed:6.1f} s wall  {a.n / elapsed:6.1f} articles/s  "
                  f"({a.n / steady:6.1f} articles/s, {words / steady:7.0f} words/s after start-up)  "
                  f"{cpu:6.1f} s CPU ({cpu / a.n * 1000:5.1f} ms/article)  "
                  f"peak RSS of the largest process so far {rss:6.0f} MB")
        base = a.workers[0]
        for w in a.workers[1:]:
            print(f"speed-up workers={w} vs workers={base}: {results[base] / results[w]:.2f}x wall, "
                  f"{(results[base] - startup) / max(results[w] - startup, 1e-6):.2f}x after start-up; "
                  f"identical output: {outputs[w] == outputs[base]}")
        print("time per stage (ms/article, one process, first 30 articles):")
        for stage, ms in stage_times(corpus).items():
            print(f"  {stage:10s} {ms:7.1f}")


if __name__ == "__main__":
    main()
