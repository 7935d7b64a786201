"""Export extractions: JSON Lines (the scorer's and ``sitrep extract``'s format) and CSV."""
from .csv import CLAIM_COLUMNS, EVENT_COLUMNS, TRANSFER_COLUMNS, flatten, safe_cell, write_csv
from .jsonl import extraction_to_json, read_jsonl, write_jsonl

__all__ = [
    "extraction_to_json", "write_jsonl", "read_jsonl",
    "write_csv", "flatten", "safe_cell", "EVENT_COLUMNS", "CLAIM_COLUMNS", "TRANSFER_COLUMNS",
]
