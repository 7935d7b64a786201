"""JSON Lines export: one object per document, the form ``../shared/eval/GOLD.md`` scores.

Each line is :func:`sitrep.model.to_dict` of an :class:`~sitrep.model.Extraction` without its
``sentences`` (they are bulky and every record's evidence already carries its sentence):
``id, title, published, url, events, claims, transfers, actors, places, warnings``.
:func:`read_jsonl` reads such a file back (missing ``sentences`` become an empty list).
"""
from __future__ import annotations

import json
from typing import IO, Any, Iterable, Iterator

from sitrep.model import Extraction, extraction_from_dict, to_dict

__all__ = ["extraction_to_json", "write_jsonl", "read_jsonl"]


def extraction_to_json(extraction: Extraction | dict[str, Any]) -> dict[str, Any]:
    """The JSON object written for one document (an Extraction, or an already converted dict)."""
    data = dict(extraction) if isinstance(extraction, dict) else to_dict(extraction)
    data.pop("sentences", None)
    return data


def write_jsonl(extractions: Iterable[Extraction | dict[str, Any]], fp: IO[str]) -> int:
    """Write one JSON object per line (UTF-8 text, non-ASCII kept); returns the number written."""
    n = 0
    for extraction in extractions:
        fp.write(json.dumps(extraction_to_json(extraction), ensure_ascii=False))
        fp.write("\n")
        n += 1
    return n


def read_jsonl(fp: IO[str]) -> Iterator[Extraction]:
    """Extractions back from a file written by :func:`write_jsonl` (blank lines skipped)."""
    for line in fp:
        if line.strip():
            yield extraction_from_dict(json.loads(line))
