"""The command line as a user runs it: extract, ingest, bad input, scoring against the seed gold."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITREP = [sys.executable, "-m", "sitrep.cli"]

# Raised as extraction improves; the seeds are a development set, not a target to fit.
SEED_MACRO_F1_FLOOR = 0.85


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*SITREP, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_help_lists_commands():
    res = run("--help")
    assert res.returncode == 0
    for command in ("extract", "ingest", "parse", "summary"):
        assert command in res.stdout


def test_extract_seeds_scores_above_floor(shared, tmp_path):
    out = tmp_path / "out.jsonl"
    res = run("extract", str(shared / "seeds" / "seeds.jsonl"), "--output", str(out), "--no-progress")
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 3
    for doc in lines:
        assert set(doc) >= {"id", "events", "claims", "transfers", "actors", "places"}
    score = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(shared / "eval" / "seeds.gold.jsonl"),
                            str(out), "--json"], capture_output=True, text=True, check=True)
    result = json.loads(score.stdout)
    assert result["documents_without_output"] == []
    assert result["macro_f1"] >= SEED_MACRO_F1_FLOOR, result


def test_bad_input_is_reported_and_the_rest_processed(tmp_path):
    good = {"id": "g1", "title": "Talks", "published": "2025-01-05", "url": None,
            "text": "Egypt said on Sunday that it would host talks between Sudan and Chad."}
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "empty", "text": ""}) + "\n", encoding="utf-8")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out.jsonl"
    res = run("extract", str(mixed), str(garbage), "--output", str(out), "--no-progress")
    assert res.returncode != 0
    assert "Traceback" not in res.stderr
    assert "mixed.jsonl:2" in res.stderr  # the malformed line, by file and line
    assert "garbage.txt" in res.stderr
    ids = [json.loads(x)["id"] for x in out.read_text().splitlines()]
    assert ids == ["g1"]


def test_missing_input_file_is_one_clear_line(tmp_path):
    res = run("extract", str(tmp_path / "nope.jsonl"), "--no-progress")
    assert res.returncode != 0
    assert "Traceback" not in res.stderr
    assert "nope.jsonl" in res.stderr


def test_ingest_twice_keeps_three_documents(shared, tmp_path):
    db = tmp_path / "s.db"
    seeds = str(shared / "seeds" / "seeds.jsonl")
    first = run("ingest", seeds, "--db", str(db), "--no-progress")
    assert first.returncode == 0, first.stderr
    second = run("ingest", seeds, "--db", str(db), "--no-progress")
    assert second.returncode == 0, second.stderr
    assert "3 already stored" in second.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 3
        assert con.execute("select count(*) from events").fetchone()[0] > 0
        assert con.execute("select count(*) from claims").fetchone()[0] > 0
        n_attitudes = con.execute("select count(*) from attitudes").fetchone()[0]
    assert n_attitudes > 0  # the seeds' "called for" / "wants" statements are stored too
    shown = run("show", "attitudes", "--db", str(db), "--json", "--limit", "100")
    assert shown.returncode == 0, shown.stderr
    lines = [json.loads(line) for line in shown.stdout.splitlines() if line.strip()]
    assert len(lines) == n_attitudes and all(a["evidence"] and a["cue"] for a in lines)


def test_parse_text_to_conllu():
    res = subprocess.run([*SITREP, "parse"], input="Iran supplied drones to Russia.\n", capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr
    rows = [line.split("\t") for line in res.stdout.splitlines() if line and not line.startswith("#")]
    assert rows and all(len(r) == 10 for r in rows)
    assert [r[1] for r in rows][:2] == ["Iran", "supplied"]
