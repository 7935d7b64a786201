"""The ``sitrep`` command: a thin layer over the library (ingest, pipeline, store, export).

Every command prints a clear one-line error and exits non-zero on failure; no tracebacks for bad
input. Work that takes more than a moment shows a Rich progress bar on stderr, so stdout stays
clean for JSON Lines.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
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


def _load_pipeline(model: Optional[str], actors: Optional[list[Path]]):
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
        return Pipeline(model=model)
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


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Files or directories: .jsonl/.json records, .txt, .html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write JSON Lines here (default: stdout)."),
    model: Optional[str] = MODEL_OPTION,
    actors: Optional[list[Path]] = ACTORS_OPTION,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Extract events, claims and transfers without a database: one JSON object per document.

    Each line is {"id", "events", "claims", "transfers", "actors", "places", ...} with the fields
    of ../shared/eval/GOLD.md; every record carries its evidence (document, sentence, offsets).
    """
    from sitrep.export.jsonl import extraction_to_json

    _check_inputs(inputs)
    errors: list[str] = []
    docs = list(_documents(inputs, errors))
    pipeline = _load_pipeline(model, actors)
    fp = open(output, "w", encoding="utf-8") if output else sys.stdout
    count = 0
    try:
        with _progress(progress and bool(docs)) as bar:
            task = bar.add_task("extracting", total=len(docs))
            for extraction in _run(pipeline, docs, errors, workers):
                fp.write(json.dumps(extraction_to_json(extraction), ensure_ascii=False) + "\n")
                count += 1
                bar.advance(task)
    finally:
        if output:
            fp.close()
    err.print(f"{count} document(s) extracted" + (f", {len(errors)} problem(s)" if errors else ""))
    if errors:
        raise typer.Exit(1)


def _run(pipeline, docs, errors: list[str], workers: int = 1):
    def on_error(document, exc: Exception) -> None:
        message = f"{document.source or document.id}: extraction failed: {type(exc).__name__}: {exc}"
        errors.append(message)
        err.print(f"[yellow]skipped[/yellow] {message}", highlight=False)

    if workers > 1:
        try:
            from sitrep.engine.parallel import parallel_pipe
        except ImportError:
            parallel_pipe = None
        if parallel_pipe is not None:
            yield from parallel_pipe(pipeline, docs, workers=workers, on_error=on_error)
            return
    yield from pipeline.pipe(docs, on_error=on_error)


@app.command()
def ingest(
    inputs: list[Path] = typer.Argument(..., help="Files or directories: .jsonl/.json records, .txt, .html."),
    db: Path = DB_OPTION,
    model: Optional[str] = MODEL_OPTION,
    actors: Optional[list[Path]] = ACTORS_OPTION,
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
    summary: bool = typer.Option(True, "--summary/--no-summary", help="Print a summary table at the end."),
) -> None:
    """Extract and store into the SQLite database. Content already stored is skipped."""
    from sitrep.store.db import Store, StoreError

    _check_inputs(inputs)
    errors: list[str] = []
    docs = list(_documents(inputs, errors))
    try:
        store = Store(db)
    except (StoreError, OSError) as exc:
        _fail(f"{db}: {exc}")
    added = skipped = 0
    with store:
        fresh = [d for d in docs if not store.has_hash(d.hash)]
        skipped = len(docs) - len(fresh)
        if fresh:
            pipeline = _load_pipeline(model, actors)
            with _progress(progress) as bar:
                task = bar.add_task("ingesting", total=len(fresh))
                by_id = {d.id: d for d in fresh}

                def pairs():
                    for extraction in _run(pipeline, fresh, errors, workers):
                        bar.advance(task)
                        yield by_id[extraction.id], extraction

                a, s = store.add_many(pairs())
                added += a
                skipped += s
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
                      ("transfers", "transfers_by_status"), ("actors", None), ("places", None)):
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
    kind: str = typer.Argument(..., help="events, claims, transfers, actors or documents"),
    db: Path = DB_OPTION,
    limit: int = typer.Option(20, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines instead of a table."),
) -> None:
    """List stored records with their evidence sentence."""
    from sitrep.store import queries
    from sitrep.store.db import Store

    listers = {"events": queries.list_events, "claims": queries.list_claims, "transfers": queries.list_transfers,
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
