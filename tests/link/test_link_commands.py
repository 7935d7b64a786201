"""The `sitrep export ...` and `sitrep timeline` commands over a small database."""
import csv
import json

import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

from sitrep.commands.link import register
from sitrep.model import Actor, Claim, Document, Event, EventDate, Evidence, Extraction, Sentence, Transfer

KEN = Actor("Kenya", "KEN", "GOV", kind="country")
UGA = Actor("Uganda", "UGA", "GOV", kind="country")
OMONDI = Actor("Gen. Peter Omondi", "KEN", "MIL", "army chief", "person")
AUMA = Actor("Grace Auma", "UGA", "GOV", "Foreign Minister", "person")


def make(doc_id, published, sentences, claims=(), events=(), transfers=()):
    text = " ".join(sentences)
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, pos, pos + len(s), s))
        pos += len(s) + 1
    ex = Extraction(id=doc_id, title=f"Invented {doc_id}", published=published, sentences=sents)
    for n, (speaker, stance, sent, content) in enumerate(claims, 1):
        start = sents[sent].start + sents[sent].text.index(content)
        ex.claims.append(Claim(speaker, stance, content, id=f"{doc_id}:c{n}", content_start=start,
                               content_end=start + len(content),
                               evidence=[Evidence(doc_id, sent, start, start + len(content), sents[sent].text)]))
    for n, (etype, src, tgt, sent, date) in enumerate(events, 1):
        ex.events.append(Event(etype, source=src, target=tgt, id=f"{doc_id}:e{n}",
                               date=EventDate(date) if date else None,
                               evidence=[Evidence(doc_id, sent, sents[sent].start, sents[sent].end, sents[sent].text)]))
    for n, tr in enumerate(transfers, 1):
        tr.id = f"{doc_id}:t{n}"
        ex.transfers.append(tr)
    ex.actors = [KEN, UGA]
    return Document(id=doc_id, text=text, title=ex.title, published=published), ex


@pytest.fixture()
def db(tmp_path):
    from sitrep.store.db import Store

    path = tmp_path / "test.db"
    s1 = "Kenyan army chief Gen. Peter Omondi said Uganda had given the rebels rocket launchers."
    s2 = "Kenyan and Ugandan envoys met in Arusha on Monday."
    s3 = "Uganda's foreign minister Grace Auma denied that Uganda had supplied weapons to the rebels."
    s4 = "=HYPERLINK(\"http://example.invalid\") Kenya protested to Uganda about the border post."
    pairs = [
        make("k1", "2031-02-10", [s1, s2], claims=[(OMONDI, "assert", 0, "Uganda had given the rebels rocket launchers")],
             events=[("CONSULT", KEN, UGA, 1, "2031-02-09")],
             transfers=[Transfer(UGA, Actor("River Front", None, "REB", kind="group"), "rocket launchers",
                                 status="alleged")]),
        make("u1", "2031-02-11", [s3, s4], claims=[(AUMA, "deny", 0, "Uganda had supplied weapons to the rebels")],
             events=[("PROTEST", KEN, UGA, 1, None)]),
    ]
    with Store(path) as store:
        for d, e in pairs:
            store.add(d, e)
    return str(path)


@pytest.fixture()
def app():
    a = typer.Typer()

    @a.callback()
    def main() -> None:
        """test app"""

    register(a)
    return a


runner = CliRunner()


def run(app, *args):
    result = runner.invoke(app, list(args))
    return result


def test_help_texts(app):
    for args in (["export", "--help"], ["export", "contradictions", "--help"], ["export", "graph", "--help"],
                 ["export", "events", "--help"], ["timeline", "--help"]):
        r = run(app, *args)
        assert r.exit_code == 0, r.output
        assert "Usage" in r.output


def test_missing_database_is_one_line_and_exit_1(app, tmp_path):
    for args in (["export", "contradictions"], ["export", "graph"], ["export", "events"], ["timeline", "KEN"]):
        r = run(app, *args, "--db", str(tmp_path / "nope.db"))
        assert r.exit_code == 1
        assert "database not found" in r.output
        assert "Traceback" not in r.output
    assert not (tmp_path / "nope.db").exists()


def test_export_contradictions_jsonl(app, db, tmp_path):
    out = tmp_path / "c.jsonl"
    r = run(app, "export", "contradictions", "--db", db, "--format", "jsonl", "--output", str(out))
    assert r.exit_code == 0, r.output
    lines = out.read_text().splitlines()
    assert len(lines) == 1
    c = json.loads(lines[0])
    assert {x["speaker"]["country"] for x in c["claims"]} == {"KEN", "UGA"}
    assert c["assert_count"] == 1 and c["deny_count"] == 1
    assert all(x["evidence"] for x in c["claims"])
    r = run(app, "export", "contradictions", "--db", db)  # stdout
    assert r.exit_code == 0 and json.loads(r.stdout.splitlines()[0])["id"] == c["id"]


def test_export_graph_formats(app, db, tmp_path):
    out = tmp_path / "g.graphml"
    r = run(app, "export", "graph", "--db", db, "--format", "graphml", "--output", str(out))
    assert r.exit_code == 0, r.output
    g = nx.read_graphml(out)
    assert {"KEN", "UGA"} <= set(g.nodes) and g.edges["KEN", "UGA"]["count"] == 2
    assert g.edges["UGA", "river front"]["transfers"] == 1
    r = run(app, "export", "graph", "--db", db, "--format", "json", "--output", "-")
    assert r.exit_code == 0 and json.loads(r.stdout)["directed"] is True
    r = run(app, "export", "graph", "--db", db, "--format", "gexf", "--output", str(tmp_path / "g.gexf"))
    assert r.exit_code == 0 and nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() >= 2


def test_export_records_jsonl_csv_parquet(app, db, tmp_path):
    r = run(app, "export", "events", "--db", db, "--format", "jsonl")
    assert r.exit_code == 0
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    assert {(x["doc_id"], x["type"]) for x in rows} == {("k1", "CONSULT"), ("u1", "PROTEST")}

    out = tmp_path / "e.csv"
    r = run(app, "export", "events", "--db", db, "--format", "csv", "--output", str(out))
    assert r.exit_code == 0, r.output
    with open(out, newline="", encoding="utf-8") as fp:
        data = list(csv.DictReader(fp))
    assert len(data) == 2 and data[0]["source_country"] == "KEN"
    assert all(not row["evidence"].startswith("=") for row in data)  # formula-safe

    import pyarrow.parquet as pq

    out = tmp_path / "c.parquet"
    r = run(app, "export", "claims", "--db", db, "--format", "parquet", "--output", str(out))
    assert r.exit_code == 0, r.output
    t = pq.read_table(out).to_pylist()
    assert {x["stance"] for x in t} == {"assert", "deny"} and "speaker_name" in t[0]

    r = run(app, "export", "transfers", "--db", db, "--format", "jsonl")
    assert json.loads(r.stdout.splitlines()[0])["system"] == "rocket launchers"

    r = run(app, "export", "events", "--db", db, "--format", "csv", "--merged")
    assert r.exit_code == 0 and "n_sources" in r.stdout.splitlines()[0]


def test_bad_output_directory(app, db, tmp_path):
    r = run(app, "export", "events", "--db", db, "--output", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert r.exit_code == 1 and "does not exist" in r.output


def test_timeline(app, db):
    r = run(app, "timeline", "Kenya", "UGA", "--db", db, "--json")
    assert r.exit_code == 0, r.output
    entries = json.loads(r.stdout)
    assert [e["type"] for e in entries] == ["CONSULT", "PROTEST"]
    assert entries[1]["date"] == "2031-02-11" and entries[1]["date_source"] == "publication"
    r = run(app, "timeline", "Kenya", "--db", db)
    assert r.exit_code == 0 and "CONSULT" in r.stdout and "PROTEST" in r.stdout
    r = run(app, "timeline", "Atlantis", "--db", db)
    assert r.exit_code == 0 and "no events" in r.output
