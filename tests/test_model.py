"""The record model: JSON round trips and content hashing."""
from sitrep.model import (Actor, Claim, Document, Event, EventDate, Evidence, Extraction, Transfer, content_hash,
                          extraction_from_dict, to_dict)


def _evidence() -> Evidence:
    return Evidence(doc_id="d1", sentence=0, start=0, end=5, text="Ruritania accused Freedonia.")


def test_extraction_round_trips_through_json():
    src = Actor(name="Ruritania", country="RUR", kind="country", mentions=[_evidence()])
    ev = Event(type="ACCUSE", source=src.brief(), target=Actor(name="Freedonia", country="FRE"),
               date=EventDate(value="2025-01-02"), evidence=[_evidence()])
    claim = Claim(speaker=src.brief(), stance="deny", content="it attacked", evidence=[_evidence()])
    tr = Transfer(supplier=src.brief(), recipient=None, system="drones", quantity=3, evidence=[_evidence()])
    ext = Extraction(id="d1", events=[ev], claims=[claim], transfers=[tr], actors=[src])
    data = to_dict(ext)
    assert data["events"][0]["source"]["country"] == "RUR"
    assert data["events"][0]["evidence"][0]["text"].startswith("Ruritania")
    back = extraction_from_dict(data)
    assert back == ext


def test_brief_actor_drops_mentions_but_keeps_codes():
    a = Actor(name="Pakistan", country="PAK", sector="GOV", mentions=[_evidence()])
    b = a.brief()
    assert b.mentions == [] and b.country == "PAK" and b.sector == "GOV"


def test_content_hash_ignores_whitespace_differences_only():
    assert content_hash("a  b\nc") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")
    assert Document(id="x", text="a b").hash == content_hash("a b")
