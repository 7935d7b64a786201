"""Killed ingests, re-runs and concurrent writers leave a consistent database."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _corpus(path: Path, n: int) -> None:
    countries = ["Chad", "Niger", "Mali", "Sudan", "Kenya", "Peru", "Chile", "Nepal"]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            a, b = countries[i % 8], countries[(i + 3) % 8]
            text = (f"{a} accused {b} of shelling border villages on Monday, officials said in report {i}. "
                    f"{b} denied the allegations and said it would hold talks with {a}.")
            f.write(json.dumps({"id": f"doc-{i}", "title": f"Report {i}", "published": "2025-02-03", "text": text}) + "\n")
        f.write(json.dumps({"id": "xss", "title": "<script>alert(1)</script>", "published": "2025-02-03",
                            "text": "<script>alert(1)</script> Chad said nothing."}) + "\n")


def _ingest(corpus: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sitrep.cli", "ingest", str(corpus), "--db", str(db), "--no-progress",
                             "--no-summary", "--batch-size", "10", *extra], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _count(db: Path) -> int:
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        orphans = con.execute("select count(*) from events where doc_id not in (select id from documents)").fetchone()[0]
        assert orphans == 0
        return con.execute("select count(*) from documents").fetchone()[0]


def test_kill_minus_nine_then_rerun_completes_without_duplicates(tmp_path):
    corpus, db = tmp_path / "c.jsonl", tmp_path / "k.db"
    _corpus(corpus, 300)
    proc = _ingest(corpus, db, "--workers", "1")
    deadline = time.time() + 120
    while time.time() < deadline:  # kill once some batches are committed
        time.sleep(1.0)
        if db.exists() and proc.poll() is None:
            try:
                if _count(db) >= 10:
                    break
            except sqlite3.Error:
                pass
        if proc.poll() is not None:
            break
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(db)
    assert partial <= 301
    rerun = _ingest(corpus, db, "--workers", "1")
    _, stderr = rerun.communicate(timeout=900)
    assert rerun.returncode == 0, stderr
    assert _count(db) == 301
    # the hostile title is shown escaped on its document page
    from fastapi.testclient import TestClient

    from sitrep.api import create_app

    page = TestClient(create_app(db)).get("/documents/xss")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_two_ingests_into_one_database(tmp_path):
    corpus_a, corpus_b, db = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "two.db"
    _corpus(corpus_a, 20)
    lines = corpus_a.read_text().splitlines()
    corpus_b.write_text("\n".join(line.replace('"doc-', '"other-').replace("report ", "bulletin ") for line in lines) + "\n")
    p1, p2 = _ingest(corpus_a, db, "--workers", "1"), _ingest(corpus_b, db, "--workers", "1")
    out1, out2 = p1.communicate(timeout=900), p2.communicate(timeout=900)
    assert p1.returncode == 0, out1[1]
    assert p2.returncode == 0, out2[1]
    # the xss record is identical in both files: stored once (content hash)
    assert _count(db) == 41
