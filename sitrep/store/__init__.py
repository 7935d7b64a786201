"""Store: a SQLite database of documents, extractions and their evidence (see ``schema.sql``)."""
from .db import SCHEMA_VERSION, Store, StoreError, StoreVersionError

__all__ = ["Store", "StoreError", "StoreVersionError", "SCHEMA_VERSION"]
