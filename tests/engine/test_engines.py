"""Parallel and Dask extraction give exactly the records one process gives."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _extract(tmp_path: Path, name: str, *args: str) -> bytes:
    out = tmp_path / f"{name}.jsonl"
    res = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", str(ROOT / "examples"), "--output", str(out),
                          "--no-progress", *args], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert res.returncode == 0, res.stderr
    return out.read_bytes()


def test_workers_give_identical_records(tmp_path):
    one = _extract(tmp_path, "one", "--workers", "1")
    two = _extract(tmp_path, "two", "--workers", "2")
    assert one and one == two


def test_dask_engine_gives_identical_records(tmp_path):
    pytest.importorskip("dask.distributed")
    one = _extract(tmp_path, "one", "--workers", "1")
    dask = _extract(tmp_path, "dask", "--engine", "dask", "--workers", "2")
    assert one == dask


def test_parquet_dataset_is_partitioned_by_publication_month(tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.dataset as ds

    out = tmp_path / "pq"
    res = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", str(ROOT / "examples"), "--format", "parquet",
                          "--output", str(out), "--workers", "1", "--no-progress"], capture_output=True, text=True,
                         cwd=ROOT, timeout=600)
    assert res.returncode == 0, res.stderr
    months = sorted(p.name for p in (out / "documents").iterdir())
    assert months and all(m.startswith("published=") for m in months)
    table = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(list((ROOT / "examples").glob("*.txt"))) + len(list((ROOT / "examples").glob("*.html"))) + \
        sum(1 for f in (ROOT / "examples").glob("*.jsonl") for line in f.read_text().splitlines() if line.strip())


def test_time_limit_skips_and_reports():
    from sitrep.engine.limits import DocumentTimeout, time_limit

    with pytest.raises(DocumentTimeout):
        with time_limit(0.05):
            while True:
                pass
