"""A Parquet dataset of extractions, partitioned by publication date.

Layout: ``OUT/{documents,events,claims,transfers}/published=YYYY-MM/part-*.parquet``. Each row has
the document id, its publication date and the record's key fields flattened (``source_country``,
``stance``, ``system`` …) plus the whole record as JSON in ``json``, so nothing is lost and a
query engine (DuckDB, Spark, pandas) can filter by partition without reading everything.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from sitrep.model import Extraction, to_dict

KINDS = ("events", "claims", "transfers")


def _month(published: str | None) -> str:
    return (published or "unknown")[:7]


class ParquetDatasetWriter:
    """Buffers rows and writes one file per kind and partition every ``flush_every`` documents."""

    def __init__(self, out_dir: str | Path, flush_every: int = 500) -> None:
        self.out = Path(out_dir)
        self.flush_every = flush_every
        self.buffers: dict[str, list[dict]] = {k: [] for k in ("documents", *KINDS)}
        self.parts = 0
        self.pending = 0

    def add(self, extraction: Extraction) -> None:
        data = to_dict(extraction)
        base = {"doc_id": extraction.id, "published": extraction.published or "", "published_month": _month(extraction.published)}
        self.buffers["documents"].append({**base, "title": extraction.title or "", "url": extraction.url or "",
                                          **{f"n_{k}": len(data[k]) for k in KINDS}})
        for kind in KINDS:
            for rec in data[kind]:
                row = {**base, **{k: v for k, v in rec.items() if k not in ("evidence", "mentions")}}
                row["json"] = json.dumps(rec, ensure_ascii=False)
                self.buffers[kind].append(row)
        self.pending += 1
        if self.pending >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        import pyarrow.parquet as pq

        from sitrep.export.parquet import rows_to_table

        for kind, rows in self.buffers.items():
            by_month: dict[str, list[dict]] = {}
            for r in rows:
                by_month.setdefault(r["published_month"], []).append(r)
            for month, mrows in by_month.items():
                folder = self.out / kind / f"published={month}"
                folder.mkdir(parents=True, exist_ok=True)
                table = rows_to_table([{k: v for k, v in r.items() if k != "published_month"} for r in mrows])
                pq.write_table(table, folder / f"part-{self.parts:05d}.parquet")
            rows.clear()
        self.parts += 1
        self.pending = 0

    def close(self) -> None:
        if self.pending:
            self.flush()


def write_dataset(extractions: Iterable[Extraction], out_dir: str | Path) -> int:
    writer = ParquetDatasetWriter(out_dir)
    n = 0
    for e in extractions:
        writer.add(e)
        n += 1
    writer.close()
    return n
