"""Attitudes ("X called for talks") are stored, listed, rebuilt and deleted like claims."""

from __future__ import annotations

import sqlite3

from sitrep.model import Actor, Claim, Evidence, to_dict
from sitrep.store import SCHEMA_VERSION, Store
from sitrep.store import queries as q

from .test_db import make_pair

TALKS = " Egypt called for talks with Ethiopia."


def pair_with_attitude(doc_id: str = "d1"):
    doc, ext = make_pair(doc_id)
    doc.text += TALKS
    start = doc.text.index("called for")
    sentence = doc.text[doc.text.index("Egypt called"):]
    speaker = Actor("Egypt", "EGY", "GOV", kind="country")
    attitude = Claim(speaker, "assert", "talks with Ethiopia", cue="call for", act="call",
                     source_type="institution", id=f"{doc_id}:att1",
                     evidence=[Evidence(doc_id, 3, start, start + len("called for"), sentence)])
    ext.attitudes = [attitude]
    return doc, ext


def test_attitudes_are_stored_listed_and_rebuilt(tmp_path):
    with Store(tmp_path / "a.db") as store:
        doc, ext = pair_with_attitude()
        assert store.add(doc, ext)
        rows = q.list_attitudes(store)
        assert [r["id"] for r in rows] == ["d1:att1"]
        row = rows[0]
        assert row["cue"] == "call for" and row["content"] == "talks with Ethiopia"
        assert row["speaker"]["country"] == "EGY"
        assert row["evidence"][0]["text"].startswith("Egypt called for talks")
        assert q.list_attitudes(store, country="EGY") and not q.list_attitudes(store, country="ETH")
        assert not q.list_attitudes(store, cue="urge")
        # attitudes stay out of the claims
        assert "d1:att1" not in {c["id"] for c in q.list_claims(store)}
        rebuilt = q.load_extraction(store, "d1")
        assert to_dict(rebuilt.attitudes) == to_dict(ext.attitudes)
        assert store.counts()["attitudes"] == 1


def test_deleting_the_document_deletes_its_attitudes_and_their_evidence(tmp_path):
    with Store(tmp_path / "a.db") as store:
        store.add(*pair_with_attitude())
        assert store.delete_document("d1")
        assert q.list_attitudes(store) == []
        left = store.conn.execute("SELECT COUNT(*) FROM evidence WHERE record_id = 'd1:att1'").fetchone()[0]
        assert left == 0


def test_an_attitude_speaker_keeps_its_actor_row(tmp_path):
    with Store(tmp_path / "a.db") as store:
        doc, ext = pair_with_attitude()
        ext.attitudes[0].speaker = Actor("African Union", None, "IGO", kind="organisation")
        store.add(doc, ext)
        store.add(*make_pair("d2", title="another"))  # a second ingest prunes unused actors
        assert q.list_attitudes(store)[0]["speaker"]["name"] == "African Union"


def test_a_version_1_database_is_migrated_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    from importlib import resources

    conn = sqlite3.connect(path)
    conn.executescript(resources.files("sitrep.store").joinpath("schema.sql").read_text())
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO documents (id, title, hash, text, ingested_at) VALUES ('old', 't', 'h', 'x', 'now')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.user_version == SCHEMA_VERSION >= 2
        assert q.get_document(store, "old") is not None
        store.add(*pair_with_attitude())
        assert len(q.list_attitudes(store)) == 1


def test_export_attitudes_as_csv(tmp_path):
    import csv
    import io
    import subprocess
    import sys

    db = tmp_path / "a.db"
    with Store(db) as store:
        store.add(*pair_with_attitude())
    res = subprocess.run([sys.executable, "-m", "sitrep.cli", "export", "attitudes", "--db", str(db), "--format", "csv"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["id"], r["speaker_country"], r["cue"], r["content"]) for r in rows] == [
        ("d1:att1", "EGY", "call for", "talks with Ethiopia")]
    assert rows[0]["evidence"].startswith("Egypt called for talks")
