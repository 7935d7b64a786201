"""Graph export: GraphML/GEXF/JSON that networkx (and Gephi) read back."""
import io
import json

import networkx as nx

from sitrep.export.graph import graph_to_json, scalar_graph, write_graph, write_graphml
from sitrep.link.graph import build_graph
from sitrep.model import Actor, Event, EventDate, Evidence, Extraction, Sentence

NOR = Actor("Norway", "NOR", "GOV", kind="country")
SWE = Actor("Swedish Armed Forces", "SWE", "MIL", kind="organisation")
CO = Actor("Fjord Shipping & Co <Ltd>", None, "BUS", kind="organisation")


def corpus():
    e = Extraction(id="n1", published="2031-07-01",
                   sentences=[Sentence(0, 0, 30, "Invented text about the fjords.")])
    e.actors = [NOR, SWE, CO]
    e.events = [
        Event("COOPERATE", source=NOR, target=SWE, id="n1:e1", date=EventDate("2031-06-30"),
              evidence=[Evidence("n1", 0, 0, 8, "Invented text about the fjords.")]),
        Event("PROTEST", source=CO, target=NOR, id="n1:e2",
              evidence=[Evidence("n1", 0, 0, 8, "Invented text about the fjords.")]),
    ]
    return [e]


def test_graphml_reads_back_with_the_actors(tmp_path):
    g = build_graph(corpus(), detect_duplicates=False)
    path = tmp_path / "g.graphml"
    write_graph(g, "graphml", str(path))
    back = nx.read_graphml(path)
    assert set(back.nodes) == {"NOR", "SWE", "fjord shipping & co <ltd>"}
    assert back.nodes["SWE"]["label"] == "Sweden"
    assert back.nodes["fjord shipping & co <ltd>"]["name"] == "Fjord Shipping & Co <Ltd>"
    assert back.edges["NOR", "SWE"]["n_COOPERATE"] == 1
    assert back.edges["NOR", "SWE"]["score"] == 1.0
    assert back.is_directed()


def test_gexf_and_json(tmp_path):
    g = build_graph(corpus(), detect_duplicates=False)
    write_graph(g, "gexf", str(tmp_path / "g.gexf"))
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.number_of_nodes() == 3 and back.number_of_edges() == 2
    buf = io.BytesIO()
    write_graph(g, "json", buf)
    data = json.loads(buf.getvalue())
    assert {n["id"] for n in data["nodes"]} == {"NOR", "SWE", "fjord shipping & co <ltd>"}
    assert len(data["edges"]) == 2
    assert graph_to_json(g)["directed"] is True


def test_non_scalar_attributes_are_made_scalar():
    g = nx.DiGraph(created=None)
    g.add_node("a", tags=["x", "y"], meta={"k": 1}, missing=None, ok=3)
    g.add_edge("a", "b", ids={"z", "y"})
    s = scalar_graph(g)
    assert s.nodes["a"] == {"tags": '["x", "y"]', "meta": '{"k": 1}', "missing": "", "ok": 3}
    assert s.edges["a", "b"]["ids"] == '["y", "z"]'
    buf = io.BytesIO()
    write_graphml(g, buf)  # would fail on lists and None without scalar_graph
    assert nx.read_graphml(io.BytesIO(buf.getvalue())).nodes["a"]["ok"] == 3


def test_unknown_format():
    import pytest

    with pytest.raises(ValueError):
        write_graph(nx.DiGraph(), "dot", io.BytesIO())
