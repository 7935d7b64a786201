"""Cross-article commands: ``sitrep export ...`` and ``sitrep timeline``.

Thin over :mod:`sitrep.link` and the exporters; :func:`register` adds them to the main app::

    sitrep export contradictions --db DB [--format jsonl] [--output FILE]
    sitrep export graph          --db DB --format graphml|gexf|json [--output FILE]
    sitrep export events|claims|attitudes|transfers --db DB --format jsonl|csv|parquet [--output FILE]
    sitrep timeline ACTOR [ACTOR2] --db DB [--json]

``--output -`` or no ``--output`` writes to standard output. A missing database is one line of
error and exit status 1.
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any, Iterator, Optional

import typer
from rich.console import Console
from rich.table import Table

__all__ = ["register", "export_app", "open_store", "record_rows"]

err = Console(stderr=True)

export_app = typer.Typer(
    help="Export records and cross-article results from a sitrep database "
         "(contradictions, relation graph, events, claims, transfers).",
    no_args_is_help=True,
)

DB_HELP = "SQLite database written by `sitrep ingest`."
OUTPUT_HELP = "Output file; '-' or omitted: standard output."


class RecordFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class GraphFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


class ContradictionFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def open_store(db: Path) -> Iterator[Any]:
    """Open an existing database read-only in spirit (never create one): one-line errors."""
    if str(db) != ":memory:" and not Path(db).is_file():
        _fail(f"database not found: {db}")
    try:
        from sitrep.store.db import Store, StoreError
    except ImportError as exc:  # pragma: no cover - the store ships with sitrep
        _fail(f"the store is not available: {exc}")
    try:
        store = Store(db)
    except StoreError as exc:
        _fail(str(exc))
    try:
        yield store
    finally:
        store.close()


def _load(db: Path, with_texts: bool = False):
    from sitrep.link import load_all, load_all_with_texts

    with open_store(db) as store:
        if with_texts:
            return load_all_with_texts(store)
        return load_all(store), None


@contextmanager
def _text_out(output: Optional[str], csv: bool = False):
    if output is None or output == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        fp = open(output, "w", encoding="utf-8", newline="" if csv else None)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    with fp:
        yield fp


def _check_output(output: Optional[str]) -> Optional[str]:
    if output in (None, "-"):
        return output
    parent = Path(output).expanduser().resolve().parent
    if not parent.is_dir():
        _fail(f"cannot write {output}: directory {parent} does not exist")
    return output


def _done(n: int, what: str, output: Optional[str]) -> None:
    if output not in (None, "-"):
        err.print(f"wrote {n} {what} to {output}", highlight=False)


# -- records -------------------------------------------------------------------------------------

def record_rows(extractions, kind: str, merged: bool = False) -> list[dict]:
    """Rows (JSON-ready dicts, nested) of one kind of record, each with ``doc_id`` and ``published``."""
    from sitrep.model import to_dict

    if kind == "events" and merged:
        from sitrep.link import merge_events

        return [m.to_dict() for m in merge_events(extractions)]
    rows = []
    for ex in extractions:
        for rec in getattr(ex, kind):
            d = to_dict(rec)
            d = {"doc_id": ex.id, **d, "published": ex.published, "url": ex.url}
            rows.append(d)
    return rows


def _columns(kind: str, merged: bool) -> Optional[list[str]]:
    if merged:
        return ["id", "type", "quad", "source_name", "source_country", "target_name", "target_country", "negated",
                "date", "date_source", "place", "place_country", "modalities", "n_sources", "sources", "documents",
                "first_reported", "last_reported", "events", "evidence"]
    from sitrep.export.csv import CLAIM_COLUMNS, EVENT_COLUMNS, TRANSFER_COLUMNS

    base = {"events": EVENT_COLUMNS, "claims": CLAIM_COLUMNS, "attitudes": CLAIM_COLUMNS,
            "transfers": TRANSFER_COLUMNS}[kind]
    return [*base, "published"]


def _export_records(kind: str, db: Path, fmt: RecordFormat, output: Optional[str], merged: bool = False) -> None:
    output = _check_output(output)
    extractions, _ = _load(db)
    rows = record_rows(extractions, kind, merged=merged)
    if fmt == RecordFormat.jsonl:
        with _text_out(output) as fp:
            for r in rows:
                fp.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == RecordFormat.csv:
        from sitrep.export.csv import write_csv

        with _text_out(output, csv=True) as fp:
            write_csv(rows, fp, _columns(kind, merged))
    else:
        from sitrep.export.parquet import write_parquet

        try:
            write_parquet(rows, output, _columns(kind, merged))
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
    _done(len(rows), kind, output)


FORMAT_RECORDS = typer.Option(RecordFormat.jsonl, "--format", "-f", help="jsonl, csv or parquet.")
OUT = typer.Option(None, "--output", "-o", help=OUTPUT_HELP)
DB = typer.Option(..., "--db", help=DB_HELP)


@export_app.command("events")
def export_events(db: Path = DB, fmt: RecordFormat = FORMAT_RECORDS, output: Optional[str] = OUT,
                  merged: bool = typer.Option(False, "--merged", help="One row per happening, merged across "
                                              "documents (near-duplicates count once).")) -> None:
    """Export events (one per line/row) with their actors, date, place and evidence."""
    _export_records("events", db, fmt, output, merged=merged)


@export_app.command("claims")
def export_claims(db: Path = DB, fmt: RecordFormat = FORMAT_RECORDS, output: Optional[str] = OUT) -> None:
    """Export attributed claims (speaker, stance, content, evidence)."""
    _export_records("claims", db, fmt, output)


@export_app.command("attitudes")
def export_attitudes(db: Path = DB, fmt: RecordFormat = FORMAT_RECORDS, output: Optional[str] = OUT) -> None:
    """Export attitudes: attributed wants, plans and calls ("X called for talks"), with evidence."""
    _export_records("attitudes", db, fmt, output)


@export_app.command("transfers")
def export_transfers(db: Path = DB, fmt: RecordFormat = FORMAT_RECORDS, output: Optional[str] = OUT) -> None:
    """Export arms transfers (supplier, recipient, system, quantity, status, evidence)."""
    _export_records("transfers", db, fmt, output)


# -- contradictions ------------------------------------------------------------------------------

@export_app.command("contradictions")
def export_contradictions(
    db: Path = DB,
    fmt: ContradictionFormat = typer.Option(ContradictionFormat.jsonl, "--format", "-f",
                                            help="jsonl (one contradiction per line) or json (one array)."),
    output: Optional[str] = OUT,
    different_country: bool = typer.Option(False, "--different-country",
                                           help="Only disputes between speakers of different countries."),
    threshold: float = typer.Option(0.35, "--threshold", min=0.0, max=1.0,
                                    help="Similarity that links two claims about one proposition."),
) -> None:
    """Export contradictions: propositions asserted by some speakers and denied by others.

    Each line holds the proposition, the opposing claims under `claims` (speaker, stance, content,
    doc_id, evidence) and how many claims and independent sources are on each side.
    """
    from sitrep.link import find_contradictions

    output = _check_output(output)
    extractions, texts = _load(db, with_texts=True)
    from sitrep.link.duplicates import duplicate_groups_for

    groups = duplicate_groups_for(extractions, texts=texts)
    found = find_contradictions(extractions, threshold=threshold, duplicate_groups=groups,
                                require_different_country=different_country)
    with _text_out(output) as fp:
        if fmt == ContradictionFormat.json:
            fp.write(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=1) + "\n")
        else:
            for c in found:
                fp.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    _done(len(found), "contradictions", output)


# -- graph ---------------------------------------------------------------------------------------

@export_app.command("graph")
def export_graph(
    db: Path = DB,
    fmt: GraphFormat = typer.Option(GraphFormat.graphml, "--format", "-f", help="graphml, gexf or json."),
    output: Optional[str] = OUT,
    negated: bool = typer.Option(False, "--include-negated", help="Count negated events too."),
) -> None:
    """Export the actor relation graph (Gephi, Cytoscape, networkx).

    Nodes are actors (states with their organs, other actors by name); edges carry event counts
    per PLOVER type and quad class, a cooperation–conflict score, first/last date and transfers.
    """
    from sitrep.export.graph import write_graph
    from sitrep.link import build_graph

    output = _check_output(output)
    extractions, texts = _load(db, with_texts=True)
    from sitrep.link.duplicates import duplicate_groups_for

    groups = duplicate_groups_for(extractions, texts=texts)
    g = build_graph(extractions, duplicate_groups=groups, include_negated=negated)
    try:
        write_graph(g, fmt.value, output)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    _done(g.number_of_nodes(), f"actors and {g.number_of_edges()} relations", output)


# -- timeline ------------------------------------------------------------------------------------

def timeline_command(
    actor: str = typer.Argument(..., help="Actor: ISO3 code (PAK), country name (Pakistan) or part of a name (Petrou)."),
    actor2: Optional[str] = typer.Argument(None, help="Second actor: only events between the two, either direction."),
    db: Path = typer.Option(..., "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (one array) instead of a table."),
    merged: bool = typer.Option(False, "--merged", help="Merge the same happening across documents."),
    limit: int = typer.Option(0, "--limit", min=0, help="Show at most this many events (0: all)."),
) -> None:
    """Events of an actor, or between two actors, in date order, with their evidence."""
    from sitrep.link import timeline

    extractions, _ = _load(db)
    entries = timeline(extractions, actor, actor2, merged=merged)
    if limit:
        entries = entries[:limit]
    if as_json:
        sys.stdout.write(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=1) + "\n")
        return
    if not entries:
        err.print(f"no events found for {actor}" + (f" and {actor2}" if actor2 else ""), highlight=False)
        return
    title = f"Timeline: {actor}" + (f" – {actor2}" if actor2 else "") + f" ({len(entries)} events)"
    table = Table(title=title, show_lines=False)
    for col, kw in (("Date", {"no_wrap": True}), ("Type", {}), ("Source", {}), ("Target", {}),
                    ("Doc", {"overflow": "fold"}), ("Evidence", {"ratio": 1})):
        table.add_column(col, **kw)
    for e in entries:
        date = (e.date or "?") + ("*" if e.date_source == "publication" else "")
        etype = ("NOT " if e.negated else "") + e.type + (f" ({e.modality})" if e.modality and e.modality != "asserted" else "")
        doc = e.doc_id + (f" +{len(e.documents) - 1}" if len(e.documents) > 1 else "")
        evidence = e.evidence if len(e.evidence) <= 240 else e.evidence[:237].rstrip() + "..."
        table.add_row(date, etype, e.source, e.target, doc, evidence)
    Console().print(table)
    err.print("* publication date (the text gives no date)", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``export`` (contradictions, graph, events, claims, transfers) and ``timeline`` to ``app``."""
    app.add_typer(export_app, name="export")
    app.command("timeline", help="Events of an actor, or between two actors, in date order, with evidence.")(
        timeline_command)
