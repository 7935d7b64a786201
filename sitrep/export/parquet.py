"""Parquet export of flat records (events, claims, transfers) with pyarrow.

Rows are dicts; nested values are flattened the way the CSV export flattens them
(:func:`sitrep.export.csv.flatten`: ``source_name``, ``source_country``, ``evidence`` ...), and any
value that is still a list or dict is stored as JSON text, so every column has one simple type.
A column whose values mix numbers and text is stored as text.

``dest`` is a path, a binary file object, or ``"-"``/None for standard output.
"""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterable

__all__ = ["write_parquet", "rows_to_table"]


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict, tuple, set)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False, default=str)
    return value


def _column_type(values: list[Any]):
    import pyarrow as pa

    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return pa.string()
    if kinds == {bool}:
        return pa.bool_()
    if kinds <= {int}:
        return pa.int64()
    if kinds <= {int, float}:
        return pa.float64()
    return pa.string()


def rows_to_table(rows: Iterable[dict[str, Any]], columns: list[str] | None = None, flat: bool = True):
    """A :class:`pyarrow.Table` of the rows (flattened unless ``flat`` is False)."""
    import pyarrow as pa

    from sitrep.export.csv import flatten

    data = [flatten(r) if flat else dict(r) for r in rows]
    if columns is None:
        seen: dict[str, None] = {}
        for r in data:
            seen.update(dict.fromkeys(r))
        columns = list(seen)
    arrays = []
    fields = []
    for c in columns:
        values = [_cell(r.get(c)) for r in data]
        t = _column_type(values)
        if t == pa.string():
            values = [None if v is None else (v if isinstance(v, str) else str(v)) for v in values]
        elif t == pa.float64():
            values = [None if v is None else float(v) for v in values]
        arrays.append(pa.array(values, type=t))
        fields.append(pa.field(c, t))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def write_parquet(rows: Iterable[dict[str, Any]], dest: str | Path | IO[bytes] | None = None,
                  columns: list[str] | None = None) -> int:
    """Write rows as a Parquet file; returns the number of rows."""
    import pyarrow.parquet as pq

    table = rows_to_table(rows, columns)
    buf = io.BytesIO()
    pq.write_table(table, buf)
    data = buf.getvalue()
    if dest is None or dest == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    elif isinstance(dest, (str, Path)):
        with open(dest, "wb") as fp:
            fp.write(data)
    else:
        dest.write(data)
    return table.num_rows
