"""Timelines of an actor or a pair, in date order."""
from sitrep.link.timeline import ActorQuery, timeline
from sitrep.model import Actor, Event, EventDate, Evidence, Extraction, Sentence

CHL = Actor("Chile", "CHL", "GOV", kind="country")
PER = Actor("Peru", "PER", "GOV", kind="country")
BOL = Actor("Bolivia", "BOL", "GOV", kind="country")
MIN = Actor("Chilean foreign minister Tomas Vial", "CHL", "GOV", "foreign minister", "person")
UNION = Actor("Andean Miners Union", None, "CVL", kind="organisation")


def ex(doc_id, published, events):
    texts = [f"Sentence {i} of the invented report {doc_id}." for i in range(len(events))]
    sents, pos = [], 0
    for i, t in enumerate(texts):
        sents.append(Sentence(i, pos, pos + len(t), t))
        pos += len(t) + 1
    e = Extraction(id=doc_id, published=published, sentences=sents)
    for i, (etype, s, t, date) in enumerate(events):
        e.events.append(Event(etype, source=s, target=t, id=f"{doc_id}:e{i + 1}",
                              date=EventDate(date) if date else None,
                              evidence=[Evidence(doc_id, i, sents[i].start, sents[i].end, sents[i].text)]))
    return e


def corpus():
    return [
        ex("late", "2031-05-20", [("SANCTION", CHL, PER, "2031-05-18"), ("CONSULT", BOL, PER, None)]),
        ex("early", "2031-03-02", [("CONSULT", MIN, PER, "2031-03-01"), ("PROTEST", UNION, CHL, "2031-02-27")]),
        ex("mid", "2031-04-11", [("ACCUSE", PER, CHL, None)]),
    ]


def test_actor_timeline_is_sorted_by_date_with_publication_fallback():
    entries = timeline(corpus(), "Chile")
    assert [(e.date, e.type) for e in entries] == [
        ("2031-02-27", "PROTEST"), ("2031-03-01", "CONSULT"), ("2031-04-11", "ACCUSE"), ("2031-05-18", "SANCTION")]
    assert entries[2].date_source == "publication" and entries[0].date_source == "text"
    assert entries[1].source == "Chilean foreign minister Tomas Vial (CHL)"
    assert entries[0].evidence == "Sentence 1 of the invented report early."
    assert entries[0].doc_id == "early"


def test_pair_timeline_in_both_directions():
    entries = timeline(corpus(), "CHL", "Peru")
    assert [e.type for e in entries] == ["CONSULT", "ACCUSE", "SANCTION"]
    assert timeline(corpus(), "Bolivia", "Chile") == []


def test_actor_queries():
    assert ActorQuery("pak").codes == {"PAK"}
    assert "CHL" in ActorQuery("Chilean").codes
    assert ActorQuery("Miners").matches(UNION)
    assert not ActorQuery("Miners").matches(CHL)
    assert [e.type for e in timeline(corpus(), "miners union")] == ["PROTEST"]
    assert [e.type for e in timeline(corpus(), "Vial")] == ["CONSULT"]


def test_merged_timeline():
    dup = ex("late-copy", "2031-05-21", [("SANCTION", CHL, PER, "2031-05-18")])
    entries = timeline(corpus() + [dup], "Chile", "Peru", merged=True, detect_duplicates=False)
    sanction = [e for e in entries if e.type == "SANCTION"]
    assert len(sanction) == 1 and sanction[0].documents == ["late", "late-copy"] and sanction[0].n_sources == 2
