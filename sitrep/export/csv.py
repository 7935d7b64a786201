"""CSV export of records (events, claims, transfers, actors), safe to open in a spreadsheet.

Records are dicts (``to_dict`` of a record, or what :mod:`sitrep.store.queries` returns). Nested
values are flattened with :func:`flatten`: an actor under ``"source"`` becomes ``source_name``,
``source_country`` (and its other scalar fields, ``source_sector`` ...); a date becomes
``date_value``, ``date_granularity`` ...; a list of scalars is joined with ``"; "``; evidence lists
become ``evidence`` (the sentences, joined with " | ") and ``evidence_count``.

Formula injection: spreadsheet programs execute a cell that starts with ``=``, ``+``, ``-``, ``@``,
tab or carriage return. Every *text* cell starting with one of these is prefixed with a single
quote (``'=HYPERLINK(...)`` is shown, not run). Numbers are written as numbers (``-3`` stays
``-3``: a number is not a formula).

Open the file with ``newline=""`` (as the :mod:`csv` module requires), e.g.
``open("events.csv", "w", newline="", encoding="utf-8")``.
"""
from __future__ import annotations

import csv as _csv
import json
from typing import IO, Any, Iterable

__all__ = ["write_csv", "flatten", "safe_cell", "EVENT_COLUMNS", "CLAIM_COLUMNS", "TRANSFER_COLUMNS"]

EVENT_COLUMNS = [
    "doc_id", "id", "type", "quad", "cameo", "source_name", "source_country", "target_name",
    "target_country", "date_value", "date_granularity", "place_name", "place_country", "negated",
    "modality", "uncertain", "trigger", "evidence",
]
CLAIM_COLUMNS = [
    "doc_id", "id", "speaker_name", "speaker_country", "stance", "cue", "act", "hedged",
    "factuality", "source_type", "quote_type", "content", "evidence",
]
TRANSFER_COLUMNS = [
    "doc_id", "id", "supplier_name", "supplier_country", "recipient_name", "recipient_country",
    "system", "category", "quantity", "quantity_text", "status", "value", "year", "uncertain",
    "evidence",
]

_DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A value ready for a CSV cell: None → "", booleans → true/false, text made formula-safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(_DANGEROUS_START):
        return "'" + text
    return text


def _is_evidence_list(value: list) -> bool:
    return bool(value) and all(isinstance(v, dict) and "sentence" in v and "start" in v for v in value)


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One level of columns from a nested record (see the module docstring)."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten({k: v for k, v in value.items() if k not in ("mentions", "evidence")},
                               prefix=f"{name}_"))
        elif isinstance(value, list):
            if key in ("evidence", "mentions") or _is_evidence_list(value):
                out[name] = " | ".join(str(e.get("text", "")) for e in value if isinstance(e, dict))
                out[f"{name}_count"] = len(value)
            elif all(not isinstance(v, (dict, list)) for v in value):
                out[name] = "; ".join("" if v is None else str(v) for v in value)
            else:
                out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out


def write_csv(rows: Iterable[dict[str, Any]], fp: IO[str], columns: list[str] | None = None) -> int:
    """Write a header and one line per row; returns the number of rows.

    ``columns`` picks and orders the flattened columns (missing values are empty). Without it,
    the columns of all rows are used in order of first appearance.
    """
    flat = [flatten(r) for r in rows]
    if columns is None:
        seen: dict[str, None] = {}
        for r in flat:
            seen.update(dict.fromkeys(r))
        columns = list(seen)
    writer = _csv.writer(fp)
    writer.writerow([safe_cell(c) for c in columns])
    for r in flat:
        writer.writerow([safe_cell(r.get(c)) for c in columns])
    return len(flat)
