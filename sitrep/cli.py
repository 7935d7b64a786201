"""The ``sitrep`` command: a thin layer over the library (ingest, pipeline, store, export).

Every command prints a clear one-line error and exits non-zero on failure; no tracebacks for bad
input. Work that takes more than a moment shows a Rich progress bar on stderr, so stdout stays
clean for JSON Lines.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(
    help="sitrep: events, attributed claims and arms transfers from geopolitical and defence news, "
         "each with its evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

DB_OPTION = typer.Option("sitrep.db", "--db", help="SQLite database file (created if missing).")
MODEL_OPTION = typer.Option(None, "--model", help="spaCy pipeline to use instead of the bundled one "
                            "(a directory or an installed package name). Env: SITREP_SPACY_MODEL.")
ACTORS_OPTION = typer.Option(None, "--actors", help="Extra actor dictionary (YAML, same format as "
                             "sitrep/data/lexicons/actors.yaml). May be repeated. Env: SITREP_ACTORS.")


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


def _progress(enabled: bool = True) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=False, disable=not enabled)


def _load_pipeline(model: Optional[str], actors: Optional[list[Path]], time_limit: Optional[float] = None):
    from sitrep import lexicons
    from sitrep.nlp.model import ModelNotFoundError
    from sitrep.pipeline import Pipeline

    if actors:
        for path in actors:
            if not path.exists():
                _fail(f"actor dictionary not found: {path}")
        lexicons.set_user_actor_files(list(actors))
    try:
        lexicons.preload()
        return Pipeline(model=model, time_limit=time_limit)
    except ModelNotFoundError as exc:
        _fail(str(exc))
    except (OSError, lexicons.LexiconError) as exc:
        _fail(str(exc))


def _documents(inputs: list[Path], errors: list[str]) -> Iterator:
    from sitrep.ingest import IngestError, read_inputs

    for item in read_inputs(inputs):
        if isinstance(item, IngestError):
            errors.append(str(item))
            err.print(f"[yellow]skipped[/yellow] {item}", highlight=False)
            continue
        yield item


def _check_inputs(inputs: list[Path]) -> None:
    if not inputs:
        _fail("give at least one input file or directory (.jsonl, .json, .txt, .html)")


ENGINE_OPTION = typer.Option("local", "--engine", help="local (worker processes) or dask.")
SCHEDULER_OPTION = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); "
                                "default: a local cluster. Implies --engine dask.")
WORKERS_OPTION = typer.Option(None, "--workers", "-w", min=1, help="Worker processes (default: all cores).")
TIME_LIMIT_OPTION = typer.Option(60.0, "--time-limit", min=0, help="Seconds one document may take before it is "
                                 "skipped and reported (0: no limit).")


def _default_workers(workers: Optional[int]) -> int:
    import os

    return workers or max(1, os.cpu_count() or 1)


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Files or directories: .jsonl/.json records, .txt, .html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write JSON Lines here (default: stdout); "
                                          "with --format parquet, a directory."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, or parquet (a dataset partitioned by publication month)."),
    model: Optional[str] = MODEL_OPTION,
    actors: Optional[list[Path]] = ACTORS_OPTION,
    workers: Optional[int] = WORKERS_OPTION,
    engine: str = ENGINE_OPTION,
    scheduler: Optional[str] = SCHEDULER_OPTION,
    time_limit: float = TIME_LIMIT_OPTION,
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Extract events, claims and transfers without a database: one JSON object per document.

    Each line is {"id", "events", "claims", "transfers", "actors", "places", ...} with the fields
    of ../shared/eval/GOLD.md; every record carries its evidence (document, sentence, offsets).
    Input and output are streamed, so memory stays flat however large the corpus.
    """
    from sitrep.export.jsonl import extraction_to_json

    _check_inputs(inputs)
    if fmt not in ("jsonl", "parquet"):
        _fail("--format must be jsonl or parquet")
    if fmt == "parquet" and not output:
        _fail("--format parquet needs --output DIRECTORY")
    _check_engine(engine, scheduler)
    errors: list[str] = []
    pipeline = _load_pipeline(model, actors, time_limit)
    docs = _documents(inputs, errors)
    count = 0
    writer = None
    fp = None
    if fmt == "parquet":
        from sitrep.engine.parquet_dataset import ParquetDatasetWriter

        writer = ParquetDatasetWriter(output)
    else:
        fp = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        with _progress(progress) as bar:
            task = bar.add_task("extracting", total=None)
            for extraction in _run(pipeline, docs, errors, _default_workers(workers), engine, scheduler, model):
                if writer is not None:
                    writer.add(extraction)
                else:
                    fp.write(json.dumps(extraction_to_json(extraction), ensure_ascii=False) + "\n")
                count += 1
                bar.advance(task)
    finally:
        if writer is not None:
            writer.close()
        if fp is not None and output:
            fp.close()
    err.print(f"{count} document(s) extracted" + (f", {len(errors)} problem(s)" if errors else ""))
    if errors:
        raise typer.Exit(1)


def _check_engine(engine: str, scheduler: Optional[str]) -> None:
    if engine not in ("local", "dask"):
        _fail("--engine must be local or dask")
    if engine == "dask" or scheduler:
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            _fail("the Dask engine needs dask[distributed]: pip install 'sitrep[dask]'")


def _run(pipeline, docs, errors: list[str], workers: int = 1, engine: str = "local",
         scheduler: Optional[str] = None, model: Optional[str] = None):
    def on_error(document, exc: Exception) -> None:
        message = f"{document.source or document.id}: extraction failed: {type(exc).__name__}: {exc}"
        errors.append(message)
        err.print(f"[yellow]skipped[/yellow] {message}", highlight=False)

    if engine == "dask" or scheduler:
        from sitrep.engine.dask_engine import dask_pipe

        yield from dask_pipe(docs, workers=workers, scheduler=scheduler, model=model, on_error=on_error)
        return
    if workers > 1:
        from sitrep.engine.parallel import parallel_pipe

        yield from parallel_pipe(pipeline, docs, workers=workers, on_error=on_error)
        return
    yield from pipeline.pipe(docs, on_error=on_error)


@app.command()
def ingest(
    inputs: list[Path] = typer.Argument(..., help="Files or directories: .jsonl/.json records, .txt, .html."),
    db: Path = DB_OPTION,
    model: Optional[str] = MODEL_OPTION,
    actors: Optional[list[Path]] = ACTORS_OPTION,
    workers: Optional[int] = WORKERS_OPTION,
    engine: str = ENGINE_OPTION,
    scheduler: Optional[str] = SCHEDULER_OPTION,
    time_limit: float = TIME_LIMIT_OPTION,
    batch_size: int = typer.Option(50, "--batch-size", min=1, help="Documents per database transaction."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
    summary: bool = typer.Option(True, "--summary/--no-summary", help="Print a summary table at the end."),
) -> None:
    """Extract and store into the SQLite database. Content already stored is skipped.

    Each batch of documents is committed in one transaction: an ingest killed at any moment leaves
    a consistent database, and running it again completes it without duplicates.
    """
    from sitrep.store.db import Store, StoreError

    _check_inputs(inputs)
    _check_engine(engine, scheduler)
    errors: list[str] = []
    try:
        store = Store(db)
    except (StoreError, OSError) as exc:
        _fail(f"{db}: {exc}")
    added = skipped = 0
    with store:
        seen = 0

        def fresh_docs():
            nonlocal skipped, seen
            for doc in _documents(inputs, errors):
                seen += 1
                if store.has_hash(doc.hash):
                    skipped += 1
                    continue
                by_id[doc.id] = doc
                yield doc

        by_id: dict = {}
        pipeline = _load_pipeline(model, actors, time_limit)
        with _progress(progress) as bar:
            task = bar.add_task("ingesting", total=None)

            def pairs():
                for extraction in _run(pipeline, fresh_docs(), errors, _default_workers(workers), engine, scheduler, model):
                    bar.advance(task)
                    yield by_id.pop(extraction.id), extraction

            # extract a batch first, then write it in one short transaction, so a concurrent
            # ingest or the API waits for a write, not for the extraction of a whole batch
            import sqlite3

            batch: list = []
            try:
                for pair in pairs():
                    batch.append(pair)
                    if len(batch) >= batch_size:
                        a, s = store.add_many(batch, batch_size=batch_size)
                        added, skipped, batch = added + a, skipped + s, []
                if batch:
                    a, s = store.add_many(batch, batch_size=batch_size)
                    added, skipped = added + a, skipped + s
            except sqlite3.OperationalError as exc:
                _fail(f"{db}: {exc} (another process is writing to this database; try again when it is done)")
            except StoreError as exc:
                _fail(f"{db}: {exc}")
        if summary:
            _print_summary(store, title=f"{db}")
    err.print(f"{added} document(s) added, {skipped} already stored" + (f", {len(errors)} problem(s)" if errors else ""))
    if errors:
        raise typer.Exit(1)


def _print_summary(store, title: str) -> None:
    from sitrep.store import queries

    counts = store.counts()
    table = Table(title=f"sitrep — {title}")
    table.add_column("records")
    table.add_column("count", justify="right")
    table.add_column("breakdown")
    summ = queries.summary(store)
    for kind, key in (("documents", None), ("events", "events_by_type"), ("claims", "claims_by_stance"),
                      ("attitudes", None), ("transfers", "transfers_by_status"), ("actors", None), ("places", None)):
        breakdown = ""
        if key and summ.get(key):
            breakdown = ", ".join(f"{k} {v}" for k, v in sorted(summ[key].items(), key=lambda kv: -kv[1]))
        table.add_row(kind, str(counts.get(kind, 0)), breakdown)
    out.print(table)


@app.command("summary")
def summary_cmd(db: Path = DB_OPTION) -> None:
    """Print what the database holds: documents, events by type, claims by stance, transfers by status."""
    from sitrep.store.db import Store

    if not db.exists():
        _fail(f"database not found: {db} (run `sitrep ingest` first)")
    with Store(db) as store:
        _print_summary(store, title=str(db))


@app.command()
def show(
    kind: str = typer.Argument(..., help="events, claims, attitudes, transfers, actors or documents"),
    db: Path = DB_OPTION,
    limit: int = typer.Option(20, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines instead of a table."),
) -> None:
    """List stored records with their evidence sentence."""
    from sitrep.store import queries
    from sitrep.store.db import Store

    listers = {"events": queries.list_events, "claims": queries.list_claims, "attitudes": queries.list_attitudes,
               "transfers": queries.list_transfers,
               "actors": queries.list_actors, "documents": queries.list_documents}
    if kind not in listers:
        _fail(f"unknown kind {kind!r}: choose one of {', '.join(listers)}")
    if not db.exists():
        _fail(f"database not found: {db} (run `sitrep ingest` first)")
    with Store(db) as store:
        rows = listers[kind](store, limit=limit)
    if as_json:
        for row in rows:
            out.print_json(json.dumps(row, ensure_ascii=False), indent=None)
        return
    table = Table(title=f"{kind} ({len(rows)})", show_lines=False)
    for col in ("record", "evidence"):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(_describe(kind, row), _evidence_text(row))
    out.print(table)


def _name(actor) -> str:
    if not actor:
        return "—"
    return f"{actor.get('name')} [{actor.get('country') or '?'}]"


def _describe(kind: str, row: dict) -> str:
    if kind == "events":
        neg = "NOT " if row.get("negated") else ""
        return f"{neg}{row.get('type')} {_name(row.get('source'))} → {_name(row.get('target'))}"
    if kind == "claims":
        return f"{_name(row.get('speaker'))} {row.get('stance')}s ({row.get('cue')}): {row.get('content')}"
    if kind == "attitudes":
        return f"{_name(row.get('speaker'))} ({row.get('cue')}): {row.get('content')}"
    if kind == "transfers":
        q = row.get("quantity")
        return f"{_name(row.get('supplier'))} → {_name(row.get('recipient'))}: {q or ''} {row.get('system')} ({row.get('status')})"
    if kind == "actors":
        return f"{row.get('name')} [{row.get('country') or '?'}] {row.get('sector') or ''} {row.get('role') or ''}"
    return f"{row.get('id')}: {row.get('title')}"


def _evidence_text(row: dict) -> str:
    ev = row.get("evidence") or []
    return ev[0]["text"] if ev else ""


@app.command()
def parse(
    input: Optional[Path] = typer.Argument(None, help="Text file (default: stdin), or CoNLL-U with --input-format conllu."),
    input_format: str = typer.Option("text", "--input-format", help="text or conllu"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write CoNLL-U here (default: stdout)."),
    model: Optional[str] = MODEL_OPTION,
) -> None:
    """Tag and parse with sitrep's language model; CoNLL-U out.

    With --input-format conllu the given tokens and sentences are kept exactly and re-annotated
    (lemma, UPOS, XPOS, head, relation), so standard UD evaluation scripts can score the model.
    """
    from sitrep.nlp.conllu import parse_text_to_conllu, reannotate_conllu
    from sitrep.nlp.model import ModelNotFoundError, load_model

    if input_format not in ("text", "conllu"):
        _fail("--input-format must be text or conllu")
    try:
        text = input.read_text(encoding="utf-8") if input else sys.stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{input}: {exc}")
    try:
        nlp = load_model(model)
    except ModelNotFoundError as exc:
        _fail(str(exc))
    try:
        result = reannotate_conllu(text, nlp) if input_format == "conllu" else parse_text_to_conllu(text, nlp)
    except ValueError as exc:
        _fail(f"{input or 'stdin'}: {exc}")
    if output:
        output.write_text(result, encoding="utf-8")
    else:
        sys.stdout.write(result)


def _register_plugins() -> None:
    """Command groups that live beside their library code (export, timeline, transfers, serve…)."""
    import importlib

    for module in ("sitrep.commands.link", "sitrep.commands.transfers", "sitrep.commands.serve",
                   "sitrep.commands.bench"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:  # that command group is not part of this build
                continue
            raise
        mod.register(app)


_register_plugins()


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
