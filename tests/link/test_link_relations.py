"""Relation graph: per actor pair and month, counts by type and quad, cooperation–conflict score."""
import json

from sitrep.link.graph import build_graph, relations
from sitrep.link.ontology import QUAD_OF, quad_of, weight_of
from sitrep.model import Actor, Event, EventDate, Evidence, Extraction, Sentence, Transfer

IRL = Actor("Ireland", "IRL", "GOV", kind="country")
IRL_NAVY = Actor("Irish Naval Service", "IRL", "MIL", kind="organisation")
ISL = Actor("Iceland", "ISL", "GOV", kind="country")
ISL_PM = Actor("Icelandic prime minister Sigrun Halla", "ISL", "GOV", "prime minister", "person")
GUILD = Actor("North Atlantic Trawler Guild", None, "BUS", kind="organisation")


def ex(doc_id, published, events, transfers=()):
    e = Extraction(id=doc_id, published=published,
                   sentences=[Sentence(0, 0, 40, f"Invented sentence for {doc_id} number one.")])
    e.events = list(events)
    e.transfers = list(transfers)
    e.actors = [IRL, ISL, GUILD]
    return e


def ev(doc_id, n, etype, src, tgt, date=None, negated=False):
    return Event(etype, source=src, target=tgt, id=f"{doc_id}:e{n}", negated=negated,
                 date=EventDate(date) if date else None, evidence=[Evidence(doc_id, 0, 0, 8, "Invented")])


def corpus():
    return [
        ex("d1", "2031-01-10", [ev("d1", 1, "CONSULT", IRL, ISL, "2031-01-09"),
                                ev("d1", 2, "AGREE", ISL_PM, IRL, "2031-01-09")]),
        ex("d2", "2031-02-03", [ev("d2", 1, "ACCUSE", IRL_NAVY, ISL, "2031-02-02"),
                                ev("d2", 2, "COERCE", IRL, ISL, "2031-02-02"),
                                ev("d2", 3, "ASSAULT", IRL, ISL, "2031-02-02", negated=True)]),
        ex("d3", "2031-02-04", [ev("d3", 1, "ACCUSE", IRL, ISL, "2031-02-02"),  # same as d2:e1
                                ev("d3", 2, "PROTEST", GUILD, IRL, "2031-02-03")],
           transfers=[Transfer(IRL, ISL, "patrol boat", id="d3:t1")]),
    ]


def test_quads():
    assert quad_of("consult") == "verbal_cooperation" and quad_of("AID") == "material_cooperation"
    assert quad_of("THREATEN") == "verbal_conflict" and quad_of("SANCTION") == "material_conflict"
    assert len(QUAD_OF) == 16 and weight_of("ASSAULT") < 0 < weight_of("AID")


def test_relations_by_month_merge_reports_and_skip_negated():
    rows = {(r.source, r.target, r.period): r for r in relations(corpus(), detect_duplicates=False)}
    jan = rows[("IRL", "ISL", "2031-01")]
    assert jan.types == {"CONSULT": 1} and jan.score == 1.0
    feb = rows[("IRL", "ISL", "2031-02")]
    assert feb.types == {"ACCUSE": 1, "COERCE": 1}  # the two ACCUSE reports are one event; negated left out
    assert feb.quads == {"verbal_conflict": 1, "material_conflict": 1}
    assert feb.score == -1.0 and feb.first == "2031-02-02" and len(feb.sources) == 2
    assert rows[("ISL", "IRL", "2031-01")].types == {"AGREE": 1}  # the PM is Iceland
    assert ("north atlantic trawler guild", "IRL", "2031-02") in rows
    json.dumps([r.to_dict() for r in rows.values()])


def test_build_graph_nodes_and_edges():
    g = build_graph(corpus(), detect_duplicates=False)
    assert set(g.nodes) == {"IRL", "ISL", "north atlantic trawler guild"}
    assert g.nodes["IRL"]["label"] == "Ireland" and g.nodes["IRL"]["kind"] == "state"
    assert g.nodes["north atlantic trawler guild"]["sector"] == "BUS"
    e = g.edges["IRL", "ISL"]
    assert e["count"] == 3 and e["n_CONSULT"] == 1 and e["n_ACCUSE"] == 1 and e["n_ASSAULT"] == 0
    assert e["verbal_cooperation"] == 1 and e["verbal_conflict"] == 1 and e["material_conflict"] == 1
    assert abs(e["score"] - (1 - 2) / 3) < 1e-3
    assert e["first"] == "2031-01-09" and e["last"] == "2031-02-02"
    assert json.loads(e["by_month"]) == {"2031-01": 1, "2031-02": 2}
    assert e["transfers"] == 1 and e["systems"] == "patrol boat"
    for _, _, data in g.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    assert g.nodes["IRL"]["events_out"] == 3


def test_negated_events_can_be_counted_on_request():
    g = build_graph(corpus(), detect_duplicates=False, include_negated=True)
    assert g.edges["IRL", "ISL"]["n_ASSAULT"] == 1
