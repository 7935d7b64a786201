"""Tests for sitrep.store: schema, idempotent ingest, FTS search, queries, cascade deletes."""
import multiprocessing
import sqlite3

import pytest

from sitrep.model import (
    Actor, Claim, Document, Event, EventDate, Evidence, Extraction, Place, Sentence, Transfer, to_dict,
)
from sitrep.store import SCHEMA_VERSION, Store, StoreError, StoreVersionError
from sitrep.store import queries as q

TEXT = ("Egypt orders Rafale jets from France\n\n"
        "Egypt has ordered 30 more Rafale fighter jets from France, the Egyptian defence ministry said on Monday. "
        "Ethiopia denied that it had moved troops toward the Sudanese border.")


def make_pair(doc_id="d1", text=TEXT, title="Egypt orders Rafale jets from France", published="2025-05-12"):
    doc = Document(id=doc_id, text=text, title=title, published=published, source="test.jsonl:1")
    s0 = text.index("Egypt has")
    s1 = text.index("Ethiopia")
    sents = [
        Sentence(0, 0, len("Egypt orders Rafale jets from France"), "Egypt orders Rafale jets from France"),
        Sentence(1, s0, s1 - 1, text[s0:s1 - 1]),
        Sentence(2, s1, len(text), text[s1:]),
    ]

    def ev(word, sent=1):
        start = text.index(word, sents[sent].start)
        return Evidence(doc_id, sent, start, start + len(word), sents[sent].text)

    egypt = Actor("Egypt", "EGY", "GOV", kind="country", id=f"{doc_id}:a1", mentions=[ev("Egypt")])
    france = Actor("France", "FRA", "GOV", kind="country", id=f"{doc_id}:a2", mentions=[ev("France")])
    ministry = Actor("Ministry of Defence", "EGY", "MIL", role=None, kind="organisation", id=f"{doc_id}:a3",
                     mentions=[ev("defence ministry")])
    ethiopia = Actor("Ethiopia", "ETH", "GOV", kind="country", id=f"{doc_id}:a4", mentions=[ev("Ethiopia", 2)])
    border = Place("Sudan", "SDN", 15.5, 32.5, "country", id=f"{doc_id}:p1", evidence=[ev("Sudanese", 2)])
    claim = Claim(ministry.brief(), "assert", "Egypt has ordered 30 more Rafale fighter jets from France",
                  cue="say", act="announce", source_type="institution", quote_type="indirect",
                  events=[f"{doc_id}:e1"], id=f"{doc_id}:c1", evidence=[ev("said")])
    denial = Claim(ethiopia.brief(), "deny", "it had moved troops toward the Sudanese border", cue="deny",
                   act="deny", hedged=False, factuality=-3.0, source_type="institution", id=f"{doc_id}:c2",
                   evidence=[ev("denied", 2)])
    event = Event("COOPERATE", egypt.brief(), france.brief(), quad="material cooperation", cameo="06",
                  date=EventDate("2025-05-12", "day", "publication"), trigger="ordered",
                  reported_by=[f"{doc_id}:c1"], id=f"{doc_id}:e1", evidence=[ev("ordered")])
    mobilize = Event("MOBILIZE", ethiopia.brief(), None, date=EventDate("2025-05", "month", "text"),
                     place=border, negated=True, modality="denied", trigger="moved", id=f"{doc_id}:e2",
                     evidence=[ev("moved", 2)])
    transfer = Transfer(france.brief(), egypt.brief(), "Rafale", category="aircraft", quantity=30,
                        quantity_text="30", status="ordered", reported_by=[f"{doc_id}:c1"], id=f"{doc_id}:t1",
                        evidence=[ev("Rafale fighter jets")])
    ext = Extraction(doc_id, title, published, None, events=[event, mobilize], claims=[claim, denial],
                     transfers=[transfer], actors=[egypt, france, ministry, ethiopia], places=[border],
                     sentences=sents, warnings=["test warning"])
    return doc, ext


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.db") as s:
        yield s


def test_schema_pragmas_and_version(store, tmp_path):
    assert store.journal_mode == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert store.user_version == SCHEMA_VERSION >= 1
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "sentences", "actors", "actor_mentions", "places", "events", "claims", "transfers",
            "event_claims", "transfer_claims", "evidence", "documents_fts", "claims_fts"} <= tables
    # a plain sqlite3 connection can read it, and reopening does not re-run migrations
    store.add(*make_pair())
    store.close()
    with Store(tmp_path / "test.db") as again:
        assert again.counts()["documents"] == 1
    raw = sqlite3.connect(tmp_path / "test.db")
    assert raw.execute("SELECT title FROM documents").fetchone()[0].startswith("Egypt")
    raw.close()


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreVersionError, match="upgrade sitrep"):
        Store(path)


def _open_after(barrier, path: str) -> str:
    """Open a store once every process is ready; return the error, or '' on success."""
    barrier.wait()
    try:
        Store(path).close()
        return ""
    except StoreError as exc:
        return str(exc)


def test_processes_creating_one_database_together_all_succeed(tmp_path):
    # several `sitrep ingest` runs started at once against a new database: SQLite answers
    # "database is locked" at once to all but one switching it to WAL mode
    processes = 6
    with multiprocessing.Manager() as manager, multiprocessing.Pool(processes) as pool:
        for trial in range(15):
            barrier = manager.Barrier(processes)
            path = str(tmp_path / f"new-{trial}.db")
            errors = [e for e in pool.starmap(_open_after, [(barrier, path)] * processes) if e]
            assert errors == []
            with Store(path) as store:
                assert store.journal_mode == "wal"
                assert store.user_version == SCHEMA_VERSION


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Store(path)


def test_add_and_counts(store):
    assert store.add(*make_pair()) is True
    assert store.counts() == {"documents": 1, "sentences": 3, "actors": 4, "events": 2, "claims": 2, "attitudes": 0,
                              "transfers": 1, "places": 1, "evidence": 4 + 1 + 2 + 2 + 1}
    row = store.conn.execute("SELECT * FROM events WHERE id = 'd1:e1'").fetchone()
    assert row["type"] == "COOPERATE" and row["date"] == "2025-05-12" and row["date_source"] == "publication"
    src = store.conn.execute("SELECT name, country FROM actors WHERE id = ?", (row["source_actor_id"],)).fetchone()
    assert tuple(src) == ("Egypt", "EGY")
    e2 = store.conn.execute("SELECT negated, place_id FROM events WHERE id = 'd1:e2'").fetchone()
    assert e2["negated"] == 1 and e2["place_id"] is not None
    assert store.conn.execute("SELECT count(*) FROM event_claims").fetchone()[0] == 1
    assert store.conn.execute("SELECT claim_id FROM transfer_claims").fetchone()[0] == "d1:c1"
    ev = store.conn.execute("""SELECT d.text, v.start, v."end" FROM evidence v JOIN documents d ON d.id = v.doc_id
                               WHERE v.record_kind = 'transfer'""").fetchone()
    assert ev["text"][ev["start"]:ev["end"]] == "Rafale fighter jets"


def test_idempotent_add(store):
    doc, ext = make_pair()
    assert store.add(doc, ext) is True
    assert store.add(doc, ext) is False
    assert store.has_hash(doc.hash)
    # the same content under another id is still a duplicate
    doc2, ext2 = make_pair(doc_id="other")
    assert store.add(doc2, ext2) is False
    assert store.counts()["documents"] == 1 and store.counts()["events"] == 2


def test_same_id_new_content_replaces(store):
    store.add(*make_pair())
    doc, ext = make_pair(text=TEXT + " Talks continue.")
    ext.events = ext.events[:1]
    assert store.add(doc, ext) is True
    counts = store.counts()
    assert counts["documents"] == 1 and counts["events"] == 1
    assert store.conn.execute("SELECT text FROM documents").fetchone()[0].endswith("Talks continue.")
    assert q.search(store, "continue")[0]["doc_id"] == "d1"


def test_actors_shared_across_documents(store):
    text2 = TEXT.replace("30 more", "12 additional")
    store.add(*make_pair("d1"))
    store.add(*make_pair("d2", text=text2))
    assert store.counts()["actors"] == 4
    actors = q.list_actors(store, country="EGY")
    names = {a["name"]: a for a in actors}
    assert names["Egypt"]["documents"] == 2 and names["Egypt"]["mentions"] == 2


def test_actor_with_null_country_not_duplicated(store):
    doc, ext = make_pair()
    anon = Actor("officials", None, None, kind="anonymous")
    ext.claims[0].speaker = anon
    ext.claims[1].speaker = Actor("officials", None, None, kind="anonymous")
    store.add(doc, ext)
    assert store.conn.execute("SELECT count(*) FROM actors WHERE name = 'officials'").fetchone()[0] == 1


def test_failed_add_writes_nothing(store):
    doc, ext = make_pair()
    ext.claims[1].id = ext.claims[0].id  # duplicate primary key inside one document
    with pytest.raises(sqlite3.IntegrityError):
        store.add(doc, ext)
    assert store.counts() == dict.fromkeys(store.counts(), 0)
    assert not store.conn.in_transaction


def test_add_many_batches(store):
    pairs = [make_pair(f"d{i}", text=TEXT + f" Item {i}.") for i in range(7)]
    pairs.append(make_pair("d0", text=TEXT + " Item 0."))  # duplicate content
    assert store.add_many(pairs, batch_size=3) == (7, 1)
    assert store.counts()["documents"] == 7
    assert not store.conn.in_transaction


def test_cascade_delete(store):
    store.add(*make_pair("d1"))
    store.add(*make_pair("d2", text=TEXT + " Other."))
    assert store.delete_document("d1") is True
    counts = store.counts()
    assert counts["documents"] == 1 and counts["events"] == 2 and counts["sentences"] == 3
    assert counts["evidence"] == 10 and counts["actors"] == 4
    expected = {"actor_mentions": 4, "doc_actors": 4, "event_claims": 1, "transfer_claims": 1,
                "documents_fts": 1, "claims_fts": 2}
    for table, n in expected.items():
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n, table
    assert q.search_claims(store, "Rafale")[0]["doc_id"] == "d2"
    assert store.delete_document("d2") is True
    assert store.counts() == dict.fromkeys(counts, 0)  # unused actors pruned too
    assert store.conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM claims_fts").fetchone()[0] == 0
    assert store.delete_document("nope") is False


def test_foreign_keys_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO sentences (doc_id, idx, start, \"end\", text) VALUES ('ghost', 0, 0, 1, 'x')")


def test_fts_search(store):
    store.add(*make_pair())
    hits = q.search(store, "rafale")
    assert len(hits) == 1 and hits[0]["doc_id"] == "d1" and "[Rafale]" in hits[0]["snippet"]
    assert q.search(store, "Egypt Rafale")[0]["doc_id"] == "d1"
    assert q.search(store, "Raf*")[0]["doc_id"] == "d1"
    assert q.search(store, "submarine") == []
    assert [c["id"] for c in q.search_claims(store, "troops")] == ["d1:c2"]


@pytest.mark.parametrize("hostile", ['"', 'NEAR(', "'; DROP TABLE documents; --", "*", "a OR", "AND", "(((",
                                     'title:"x', "^Rafale", "Rafale NOT", "-", "\x00", "", "   ", "NEAR(Egypt France)"])
def test_search_hostile_queries(store, hostile):
    store.add(*make_pair())
    result = q.search(store, hostile)
    assert isinstance(result, list)
    q.search_claims(store, hostile)
    assert store.counts()["documents"] == 1


def test_queries(store):
    store.add(*make_pair("d1"))
    docs = q.list_documents(store)
    assert docs[0]["id"] == "d1" and docs[0]["events"] == 2 and docs[0]["transfers"] == 1
    doc = q.get_document(store, "d1")
    assert len(doc["sentences"]) == 3 and doc["warnings"] == ["test warning"]
    assert q.get_document(store, "missing") is None

    assert [e["id"] for e in q.list_events(store, type="cooperate")] == ["d1:e1"]
    assert [e["id"] for e in q.list_events(store, actor="france")] == ["d1:e1"]
    assert [e["id"] for e in q.list_events(store, actor="ETH")] == ["d1:e2"]
    assert len(q.list_events(store, country="EGY")) == 1
    assert q.list_events(store, actor="%") == []  # wildcards are literal
    assert [e["id"] for e in q.list_events(store, date_from="2025-05-10")] == ["d1:e1", "d1:e2"]
    assert [e["id"] for e in q.list_events(store, date_from="2025-05-13")] == ["d1:e2"]  # month overlaps
    assert [e["id"] for e in q.list_events(store, date_to="2025-04")] == []
    assert len(q.list_events(store, date_from="2025-05-01", date_to="2025-05-31", doc_id="d1")) == 2
    event = q.list_events(store, type="COOPERATE")[0]
    assert event["doc_id"] == "d1" and event["source"]["country"] == "EGY" and event["evidence"]

    assert [c["id"] for c in q.list_claims(store, stance="deny")] == ["d1:c2"]
    assert [c["id"] for c in q.list_claims(store, speaker="ministry")] == ["d1:c1"]
    assert [c["id"] for c in q.list_claims(store, country="ETH")] == ["d1:c2"]

    (t,) = q.list_transfers(store, supplier="France", recipient="EGY", status="ordered")
    assert t["system"] == "Rafale" and t["quantity"] == 30
    assert q.list_transfers(store, supplier="Egypt") == []
    assert len(q.list_transfers(store, system="raf")) == 1
    assert len(q.list_events(store, limit=1)) == 1 and len(q.list_events(store, limit=1, offset=1)) == 1

    s = q.summary(store)
    assert s["events_by_type"] == {"COOPERATE": 1, "MOBILIZE": 1}
    assert s["claims_by_stance"] == {"assert": 1, "deny": 1}
    assert s["transfers_by_status"] == {"ordered": 1}
    assert s["counts"]["documents"] == 1


def test_load_extraction_round_trip(store):
    doc, ext = make_pair()
    store.add(doc, ext)
    loaded = q.load_extraction(store, "d1")
    assert to_dict(loaded) == to_dict(ext)
    assert q.load_extraction(store, "missing") is None


def test_records_without_ids_get_ids(store):
    doc, ext = make_pair()
    for r in ext.events + ext.claims + ext.transfers:
        r.id = None
    ext.events[0].reported_by = []
    ext.transfers[0].reported_by = []
    ext.claims[0].events = []
    store.add(doc, ext)
    ids = [r[0] for r in store.conn.execute("SELECT id FROM events UNION ALL SELECT id FROM claims "
                                            "UNION ALL SELECT id FROM transfers")]
    assert sorted(ids) == ["d1:c1", "d1:c2", "d1:e1", "d1:e2", "d1:t1"]


def test_memory_store():
    with Store(":memory:") as s:
        s.add(*make_pair())
        assert s.counts()["documents"] == 1


def test_queries_accept_a_plain_connection(tmp_path):
    path = tmp_path / "x.db"
    with Store(path) as s:
        s.add(*make_pair())
    conn = sqlite3.connect(path)
    assert q.list_documents(conn)[0]["id"] == "d1"
    assert conn.row_factory is None
    conn.close()
