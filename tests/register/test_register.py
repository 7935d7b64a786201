"""Checking extracted transfers against a SIPRI trade register the user supplies.

The small registers here are invented for the tests (SIPRI's own export layout, made-up rows); the
real South Asia subset under ../shared is only read, when present, to check that a genuine export
loads and that a well-known deal is recognised.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.model import Actor, Transfer
from sitrep.register import check_transfers, read_register
from sitrep.register.match import check_transfer

EXPORT = """Transfers of major conventional arms from All countries  to All countries .
A '?' in a column indicates uncertain data.
SIPRI trend-indicator values (TIVs) are in millions.

Source: SIPRI Arms Transfers Database (c) SIPRI.
Data generated: 01 Jan 2030

Recipient,Supplier,Year of order,,Number ordered,,Weapon designation,Weapon description,Number delivered,,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons
Chile,China,2021,?,18,,Wing Loong-2,armed UAV,6,,2023; 2024,New,invented row,4,72,24
Chile,France,2019,,4,?,Scorpene,submarine,4,,2022; 2023,New,,100,400,400
Uruguay,Brazil,2020,,2,,C-390,transport aircraft,0,,,New,,30,60,
Peru,Türkiye,2022,,6,,Bayraktar TB2,armed UAV,6,,2023,New,,2.4,14.4,14.4
"""


def _actor(iso3: str) -> Actor:
    return Actor(name=iso3, country=iso3, kind="country")


def _transfer(supplier: str | None, recipient: str | None, system: str, quantity: int | None = None,
              year: int | None = None, status: str = "ordered") -> Transfer:
    return Transfer(supplier=_actor(supplier) if supplier else None, recipient=_actor(recipient) if recipient else None,
                    system=system, quantity=quantity, year=year, status=status)


@pytest.fixture()
def register_file(tmp_path: Path) -> Path:
    path = tmp_path / "register.csv"
    path.write_bytes(EXPORT.encode("latin-1"))  # SIPRI exports are latin-1
    return path


def test_reads_sipri_export_layout_with_metadata_and_latin1(register_file):
    deals = read_register(register_file)
    assert len(deals) == 4
    chile = deals[0]
    assert (chile.recipient_code, chile.supplier_code) == ("CHL", "CHN")
    assert chile.designation == "Wing Loong-2" and chile.number_ordered == 18 and chile.order_year == 2021
    assert chile.delivery_years == [2023, 2024]
    assert "order_year" in chile.uncertain
    assert deals[3].supplier_code == "TUR"


def test_reads_snake_case_columns(tmp_path):
    path = tmp_path / "clean.csv"
    path.write_text("recipient,supplier,order_year,number_ordered,designation,description,number_delivered,delivery_years\n"
                    "Chile,China,2021,18,Wing Loong-2,armed UAV,6,2023; 2024\n", encoding="utf-8")
    (deal,) = read_register(path)
    assert deal.recipient_code == "CHL" and deal.number_delivered == 6


def test_a_file_without_the_register_header_is_refused(tmp_path):
    from sitrep.register import RegisterError

    path = tmp_path / "other.csv"
    path.write_text("name,value\na,1\n", encoding="utf-8")
    with pytest.raises(RegisterError):
        read_register(path)


def test_verdicts_match_new_conflict(register_file):
    deals = read_register(register_file)
    assert check_transfer(_transfer("CHN", "CHL", "Wing Loong", quantity=18), deals).verdict == "match"
    assert check_transfer(_transfer(None, "CHL", "Wing Loong"), deals).verdict == "match"
    conflict = check_transfer(_transfer("CHN", "CHL", "Wing Loong", quantity=40), deals)
    assert conflict.verdict == "conflict" and any("quantity" in r for r in conflict.reasons)
    supplier = check_transfer(_transfer("USA", "PER", "Bayraktar TB2"), deals)
    assert supplier.verdict == "conflict" and any("supplier" in r for r in supplier.reasons)
    assert check_transfer(_transfer("RUS", "CHL", "Su-35"), deals).verdict == "new"
    # a stated year far from every registered order of that system is a later, new deal
    assert check_transfer(_transfer("CHN", "CHL", "Wing Loong", year=2031), deals).verdict == "new"


def test_unnamed_systems_match_on_the_kind_of_system(register_file):
    deals = read_register(register_file)
    result = check_transfer(_transfer("CHN", "CHL", "Chinese-made drones"), deals)
    assert result.verdict == "match" and result.deal.designation == "Wing Loong-2"
    # the same kind from another supplier is too loose to call a conflict
    assert check_transfer(_transfer("DEU", "CHL", "German submarines"), deals).verdict == "new"


def test_cli_check_prints_table_and_json_lines(register_file, tmp_path):
    from sitrep.cli import app
    from sitrep.model import Extraction, to_dict

    extract = tmp_path / "extract.jsonl"
    ex = Extraction(id="doc1", transfers=[_transfer("CHN", "CHL", "Wing Loong", quantity=18),
                                          _transfer("RUS", "CHL", "Su-35")])
    extract.write_text(json.dumps(to_dict(ex)) + "\n", encoding="utf-8")
    runner = CliRunner()
    out_file = tmp_path / "checks.jsonl"
    res = runner.invoke(app, ["transfers", "check", "--register", str(register_file), "--input", str(extract),
                              "--output", str(out_file)])
    assert res.exit_code == 0, res.output
    assert "match" in res.output and "new" in res.output
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert [r["verdict"] for r in rows] == ["match", "new"]
    assert rows[0]["register"]["designation"] == "Wing Loong-2"

    res = runner.invoke(app, ["transfers", "check", "--register", str(register_file), "--input", str(extract),
                              "--output", "-"])
    assert res.exit_code == 0
    assert [json.loads(line)["verdict"] for line in res.stdout.splitlines() if line.startswith("{")] == ["match", "new"]


def test_cli_errors_are_one_line(register_file, tmp_path):
    from sitrep.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["transfers", "check", "--register", str(tmp_path / "missing.csv"), "--input",
                              str(register_file)])
    assert res.exit_code == 1 and "register not found" in res.output
    res = runner.invoke(app, ["transfers", "check", "--register", str(register_file)])
    assert res.exit_code == 1 and "exactly one" in res.output


def test_real_south_asia_register_loads_and_recognises_a_known_deal(shared):
    path = shared / "corpora" / "sipri" / "south_asia_2000plus.csv"
    if not path.is_file():
        pytest.skip("SIPRI register subset not available")
    deals = read_register(path)
    assert len(deals) > 900
    assert all(d.recipient_code for d in deals)
    known = [d for d in deals if d.supplier_code is not None]
    assert len(known) / len(deals) > 0.95
    results = check_transfers([("x", _transfer("RUS", "IND", "S-400", status="ordered"))], deals)
    assert results[0].verdict in ("match", "conflict") and results[0].deal is not None


def test_cli_check_reads_transfers_from_a_database(register_file, tmp_path):
    from sitrep.cli import app
    from sitrep.model import Document, Extraction
    from sitrep.store.db import Store

    db = tmp_path / "sitrep.db"
    text = "Chile ordered Wing Loong drones from China."
    with Store(db) as store:
        store.add(Document(id="doc1", text=text),
                  Extraction(id="doc1", transfers=[_transfer("CHN", "CHL", "Wing Loong", quantity=18)]))
    res = CliRunner().invoke(app, ["transfers", "check", "--register", str(register_file), "--db", str(db),
                                   "--output", "-"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert [(r["doc_id"], r["verdict"]) for r in rows] == [("doc1", "match")]
