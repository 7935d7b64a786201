"""Write a relation graph (:func:`sitrep.link.graph.build_graph`) as GraphML, GEXF or JSON.

GraphML and GEXF are what Gephi, Cytoscape and :func:`networkx.read_graphml` open. Both formats
only hold scalar attributes, so :func:`scalar_graph` turns anything else into text first (lists and
dicts become JSON, None becomes an empty string). JSON is networkx's node-link form
(``{"directed", "multigraph", "graph", "nodes": [...], "edges": [...]}``).

``dest`` is a path, a binary file object, or ``"-"``/None for standard output.
"""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import IO, Any

__all__ = ["FORMATS", "scalar_graph", "write_graph", "write_graphml", "write_gexf", "write_json", "graph_to_json"]

FORMATS = ("graphml", "gexf", "json")


def _scalar(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except TypeError:
        return str(value)


def scalar_graph(graph):
    """A copy of ``graph`` whose graph, node and edge attributes are all str/int/float/bool."""
    g = graph.copy()
    g.graph = {k: _scalar(v) for k, v in graph.graph.items()}
    for _, data in g.nodes(data=True):
        for k in list(data):
            data[k] = _scalar(data[k])
    for *_, data in g.edges(data=True):
        for k in list(data):
            data[k] = _scalar(data[k])
    return g


def _open_binary(dest: str | Path | IO[bytes] | None):
    if dest is None or dest == "-":
        return sys.stdout.buffer, False
    if isinstance(dest, (str, Path)):
        return open(dest, "wb"), True
    return dest, False


def _emit(data: bytes, dest) -> None:
    fp, close = _open_binary(dest)
    try:
        fp.write(data)
        fp.flush()
    finally:
        if close:
            fp.close()


def write_graphml(graph, dest: str | Path | IO[bytes] | None = None) -> None:
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(scalar_graph(graph), buf, encoding="utf-8", prettyprint=True)
    _emit(buf.getvalue(), dest)


def write_gexf(graph, dest: str | Path | IO[bytes] | None = None) -> None:
    import networkx as nx

    buf = io.BytesIO()
    nx.write_gexf(scalar_graph(graph), buf, encoding="utf-8", prettyprint=True)
    _emit(buf.getvalue(), dest)


def graph_to_json(graph) -> dict:
    import networkx as nx

    return nx.node_link_data(scalar_graph(graph), edges="edges")


def write_json(graph, dest: str | Path | IO[bytes] | None = None) -> None:
    data = json.dumps(graph_to_json(graph), ensure_ascii=False, indent=1)
    _emit((data + "\n").encode("utf-8"), dest)


def write_graph(graph, fmt: str, dest: str | Path | IO[bytes] | None = None) -> None:
    """Write ``graph`` in ``fmt`` (graphml, gexf or json)."""
    fmt = fmt.lower()
    if fmt == "graphml":
        write_graphml(graph, dest)
    elif fmt == "gexf":
        write_gexf(graph, dest)
    elif fmt == "json":
        write_json(graph, dest)
    else:
        raise ValueError(f"unknown graph format {fmt!r} (choose from {', '.join(FORMATS)})")
