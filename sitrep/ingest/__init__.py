"""Ingest: read articles from files into normalised :class:`sitrep.model.Document` objects.

All offsets the extractor produces refer to the normalised text (``Document.text``).
"""
from .normalize import normalize_document_text, normalize_text, normalize_title
from .readers import IngestError, normalize_date, read_file, read_inputs, record_to_document

__all__ = [
    "IngestError",
    "read_inputs",
    "read_file",
    "record_to_document",
    "normalize_date",
    "normalize_text",
    "normalize_document_text",
    "normalize_title",
]
