"""``sitrep transfers check``: extracted arms transfers against a SIPRI trade register.

::

    sitrep transfers check --register FILE.csv --input extract.jsonl [--output checks.jsonl]
    sitrep transfers check --register FILE.csv --db sitrep.db [--output -]

The register is a SIPRI Arms Transfers Database trade-register CSV export that the user downloads
(sitrep ships none: SIPRI's terms forbid redistributing it). Every extracted transfer is marked
``match`` (the register has the deal), ``new`` (it has no such deal) or ``conflict`` (it has the
deal with another supplier or quantity). A table goes to standard output; ``--output`` also
writes one JSON object per transfer (``-`` for standard output instead of the table).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.table import Table

__all__ = ["register", "transfers_app"]

err = Console(stderr=True)

transfers_app = typer.Typer(
    help="Arms transfers: check extracted transfers against a SIPRI trade register.",
    no_args_is_help=True,
)

VERDICT_STYLE = {"match": "green", "new": "yellow", "conflict": "red"}


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


def _from_jsonl(path: Path) -> Iterator[tuple[str | None, object]]:
    """(doc id, Transfer) from the JSON Lines that ``sitrep extract`` wrote."""
    from sitrep.model import transfer_from_dict

    try:
        fp = open(path, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot read {path}: {exc.strerror or exc}")
    with fp:
        for n, line in enumerate(fp, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                items = [(data.get("id"), transfer_from_dict(t)) for t in data.get("transfers") or []]
            except (json.JSONDecodeError, TypeError, KeyError, AttributeError) as exc:
                _fail(f"{path}:{n}: not an extraction record ({exc})")
            yield from items


def _from_db(db: Path) -> list[tuple[str | None, object]]:
    from sitrep.commands.link import open_store
    from sitrep.link import load_all

    with open_store(db) as store:
        extractions = load_all(store)
    return [(ex.id, t) for ex in extractions for t in ex.transfers]


def _side(actor) -> str:
    if actor is None:
        return "?"
    return actor.country or actor.name


@transfers_app.command("check")
def check_command(
    register_file: Path = typer.Option(..., "--register", help="SIPRI trade-register CSV export (from "
                                       "sipri.org/databases/armstransfers)."),
    db: Optional[Path] = typer.Option(None, "--db", help="SQLite database written by `sitrep ingest`."),
    input_file: Optional[Path] = typer.Option(None, "--input", help="JSON Lines written by `sitrep extract`."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Also write one JSON object per transfer "
                                         "to this file; '-' writes them to standard output instead of the table."),
) -> None:
    """Mark each extracted transfer as matching a registered deal, new, or conflicting with one."""
    from sitrep.register import RegisterError, check_transfers, read_register

    if (db is None) == (input_file is None):
        _fail("give exactly one of --db DB or --input extract.jsonl")
    if not register_file.is_file():
        _fail(f"register not found: {register_file}")
    if input_file is not None and not input_file.is_file():
        _fail(f"input not found: {input_file}")
    try:
        deals = read_register(register_file)
    except RegisterError as exc:
        _fail(str(exc))
    items = list(_from_jsonl(input_file)) if input_file is not None else _from_db(db)  # type: ignore[arg-type]
    results = check_transfers(items, deals)

    if output is not None:
        try:
            fp = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
        for r in results:
            fp.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        if fp is not sys.stdout:
            fp.close()
        if output == "-":
            return

    out = Console()
    counts = {v: sum(1 for r in results if r.verdict == v) for v in ("match", "new", "conflict")}
    table = Table(title=f"transfers vs register ({len(deals)} deals): "
                        + ", ".join(f"{n} {v}" for v, n in counts.items()), show_lines=False)
    for col in ("doc", "supplier", "recipient", "system", "qty", "status", "verdict", "register deal", "why"):
        table.add_column(col, overflow="fold")
    for r in results:
        t = r.transfer
        style = VERDICT_STYLE.get(r.verdict, "")
        table.add_row(r.doc_id or "", _side(t.supplier), _side(t.recipient), t.system,
                      "" if t.quantity is None else str(t.quantity), t.status,
                      f"[{style}]{r.verdict}[/{style}]", r.deal.label() if r.deal else "", "; ".join(r.reasons))
    out.print(table)
    if not results:
        err.print("no transfers to check", highlight=False)
    err.print("Register data: SIPRI Arms Transfers Database, https://www.sipri.org/databases/armstransfers",
              highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``transfers`` command group to the main app."""
    app.add_typer(transfers_app, name="transfers")
