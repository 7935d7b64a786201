"""The HTTP API and the server-rendered pages, through FastAPI's TestClient.

Most tests use a small hand-made database (``webdata.py``: exact records, no language model);
``test_real_pipeline_*`` ingests ``examples/`` with the real pipeline and checks that whatever
it extracted is served and rendered with consistent evidence.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

from fastapi.testclient import TestClient  # noqa: E402
from webdata import XSS_ID, XSS_TITLE, build_db  # noqa: E402

from sitrep.api import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/documents", "/events", "/claims", "/transfers", "/actors", "/places", "/timeline", "/graph",
         "/map", "/contested", "/search", "/search?q=jets"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("api") / "sample.db")


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db))


def ids(payload: dict) -> list[str]:
    return [r["id"] for r in payload["items"]]


# -- spec, documents -------------------------------------------------------------------------------

def test_openapi_lists_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/claims", "/api/transfers",
                 "/api/actors", "/api/places", "/api/contradictions", "/api/graph", "/api/timeline", "/api/search"):
        assert path in spec["paths"], path
    limit = next(p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 500
    assert not any(p.startswith("/documents") for p in spec["paths"])  # pages are not API


def test_documents_list_sort_paginate_filter(client):
    r = client.get("/api/documents").json()
    assert r["total"] == 3 and [d["id"] for d in r["items"]] == [XSS_ID, "aid-and-jets", "jets-dispute"]
    assert r["items"][2]["events"] == 2 and r["items"][2]["claims"] == 2
    r = client.get("/api/documents?sort=published&limit=1&offset=1").json()
    assert r["total"] == 3 and [d["id"] for d in r["items"]] == ["aid-and-jets"]
    r = client.get("/api/documents?date_from=2025-06&date_to=2025-06-10").json()
    assert [d["id"] for d in r["items"]] == ["aid-and-jets"]
    r = client.get("/api/documents?sort=-title").json()
    titles = [d["title"] for d in r["items"]]
    assert titles == sorted(titles, key=str.casefold, reverse=True)


def test_document_detail_and_unknown_ids(client):
    d = client.get("/api/documents/jets-dispute").json()
    assert d["title"].startswith("Pakistan says")
    assert [s["idx"] for s in d["sentences"]] == [0, 1, 2]
    assert [e["id"] for e in d["events"]] == ["jets-dispute:e1", "jets-dispute:e2"]
    for rec in d["events"] + d["claims"]:
        for ev in rec["evidence"]:
            assert ev["start"] >= d["sentences"][ev["sentence"]]["start"]
            assert d["text"][ev["start"]:ev["end"]] in ev["text"]
    r = client.get("/api/documents/no-such-doc")
    assert r.status_code == 404
    assert r.json()["message"] == "unknown document: no-such-doc"
    r = client.get("/documents/no-such-doc")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "unknown document: no-such-doc" in r.text
    assert client.get("/documents/no-such-doc?format=json").json()["error"] == "not found"
    assert client.get("/api/nothing-here").status_code == 404
    assert client.get("/nothing-here").status_code == 404


# -- records ---------------------------------------------------------------------------------------

def test_events_filters_and_sorting(client):
    assert client.get("/api/events").json()["total"] == 5
    assert set(ids(client.get("/api/events?actor=PAK").json())) == {
        "jets-dispute:e1", "jets-dispute:e2", "aid-and-jets:e2"}
    assert set(ids(client.get("/api/events?actor=pakistan&type=assault").json())) == {
        "jets-dispute:e1", "jets-dispute:e2"}
    assert ids(client.get("/api/events?country=UKR&quad=material_cooperation").json()) == ["aid-and-jets:e1"]
    assert ids(client.get("/api/events?date_from=2025-05-10&date_to=2025-05").json()) == ["jets-dispute:e1"]
    assert client.get("/api/events?negated=true").json()["total"] == 0
    dated = client.get("/api/events?sort=-date").json()["items"]
    dates = [e["date"]["value"] if e["date"] else e["published"] for e in dated]
    assert dates == sorted(dates, reverse=True)
    page = client.get("/api/events?sort=date&limit=2&offset=2").json()
    assert page["total"] == 5 and page["limit"] == 2 and page["offset"] == 2 and len(page["items"]) == 2
    assert all("doc_title" in e and "published" in e for e in dated)


def test_claims_transfers_actors_places(client):
    assert ids(client.get("/api/claims?stance=deny").json()) == ["jets-dispute:c2"]
    assert ids(client.get("/api/claims?actor=PAK").json()) == ["jets-dispute:c1"]
    assert ids(client.get("/api/claims?text=jets&country=IND").json()) == ["jets-dispute:c2"]
    assert ids(client.get("/api/claims?date_from=2025-06").json()) == [f"{XSS_ID}:c1"]

    assert ids(client.get("/api/transfers?status=delivered").json()) == ["aid-and-jets:t1"]
    assert ids(client.get("/api/transfers?actor=ukraine").json()) == ["aid-and-jets:t2"]
    assert ids(client.get("/api/transfers?country=CHN").json()) == ["aid-and-jets:t1"]
    assert ids(client.get("/api/transfers?date_from=2024&date_to=2024").json()) == ["aid-and-jets:t1"]
    assert ids(client.get("/api/transfers?sort=-quantity").json())[0] == "aid-and-jets:t1"

    actors = client.get("/api/actors?country=PAK&sort=name").json()["items"]
    assert [a["name"] for a in actors] == ["Pakistan", "Pakistan Army"]

    places = client.get("/api/places").json()
    assert places["items"][0]["name"] == "Kashmir" and places["items"][0]["mentions"] == 2
    countries = {c["country"]: c for c in places["countries"]}
    assert countries["IND"]["numeric"] == "356" and countries["PAK"]["numeric"] == "586"
    assert [p["name"] for p in client.get("/api/places?country=pak").json()["items"]] == ["Islamabad"]


# -- cross-article ---------------------------------------------------------------------------------

def test_contradictions(client):
    r = client.get("/api/contradictions").json()
    assert r["total"] == 1
    c = r["items"][0]
    assert [x["id"] for x in c["asserting"]] == ["jets-dispute:c1"]
    assert [x["id"] for x in c["denying"]] == ["jets-dispute:c2"]
    assert c["denying"][0]["speaker"]["name"] == "Ministry of Defence"
    assert c["denying"][0]["doc_title"].startswith("Pakistan says")
    assert client.get("/api/contradictions?different_country=true").json()["total"] == 1
    assert client.get("/api/contradictions?actor=IND").json()["total"] == 1
    assert client.get("/api/contradictions?country=USA").json()["total"] == 0


def test_graph(client):
    g = client.get("/api/graph").json()
    nodes = {n["id"]: n for n in g["nodes"]}
    assert {"PAK", "IND", "CHN", "USA", "UKR", "RUS"} <= set(nodes)
    edges = {(e["source"], e["target"]): e for e in g["edges"]}
    assert edges[("CHN", "PAK")]["transfers"] == 1 and edges[("CHN", "PAK")]["types"] == {"AID": 1}
    assert edges[("PAK", "IND")]["score"] < 0
    ego = client.get("/api/graph?actor=IND").json()
    assert {n["id"] for n in ego["nodes"]} == {"IND", "PAK"}
    dated = client.get("/api/graph?date_from=2025-06").json()
    assert ("CHN", "PAK") not in {(e["source"], e["target"]) for e in dated["edges"]}


def test_timeline(client):
    t = client.get("/api/timeline").json()
    dates = [e["date"] for e in t["items"]]
    assert t["total"] == 5 and dates == sorted(dates)
    assert t["by_month"]["2025-05"] == 2
    pair = client.get("/api/timeline?actor=PAK&actor2=IND").json()
    assert [e["event_id"] for e in pair["items"]] == ["jets-dispute:e2", "jets-dispute:e1"]
    assert client.get("/api/timeline?actor=Pakistan&type=AID").json()["total"] == 1


def test_search(client):
    r = client.get("/api/search?q=fighter jets").json()
    assert {d["doc_id"] for d in r["documents"]} == {"jets-dispute", "aid-and-jets"}
    assert any(p["match"] for p in r["documents"][0]["snippet_parts"])
    assert {c["id"] for c in r["claims"]} == {"jets-dispute:c1", "jets-dispute:c2"}
    assert client.get("/api/search?q=Pakistan&kind=actors").json()["actors"][0]["name"].startswith("Pakistan")
    # FTS5 syntax in user input is quoted, never interpreted
    for q in ('"unbalanced', "jets OR", "NEAR(a b)", "*", "a:b", "'; DROP TABLE documents; --"):
        r = client.get("/api/search", params={"q": q})
        assert r.status_code == 200, q
    assert client.get("/api/search?q=%2A").json()["note"]
    assert client.get("/api/documents").json()["total"] == 3


def test_cross_article_functions_missing_give_empty_results(client, monkeypatch):
    from sitrep.api import service

    monkeypatch.setattr(service, "_link", lambda name: None)
    c = client.get("/api/contradictions").json()
    assert c["items"] == [] and "not available" in c["note"]
    g = client.get("/api/graph").json()
    assert g["nodes"] == [] and g["note"]
    t = client.get("/api/timeline?actor=PAK").json()
    assert t["items"] == [] and t["note"]
    assert client.get("/contested").status_code == 200


# -- validation ------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, words", [
    ("/api/events?limit=501", ["limit", "500"]),
    ("/api/events?limit=0", ["limit"]),
    ("/api/claims?offset=-1", ["offset"]),
    ("/api/events?date_from=2025-13-01", ["date_from", "YYYY-MM-DD"]),
    ("/api/events?country=Pakistan", ["country", "alpha-3"]),
    ("/api/events?sort=speaker", ["sort", "'speaker'"]),
    ("/api/claims?stance=maybe", ["stance", "assert", "deny"]),
    ("/api/transfers?status=sold", ["status", "delivered"]),
    ("/api/events?date_from=2025-06&date_to=2025-05", ["date_from", "after"]),
    ("/api/timeline?actor2=IND", ["actor2", "actor"]),
    ("/api/search", ["q", "required"]),
    ("/api/graph?max_nodes=501", ["max_nodes"]),
    ("/api/events?negated=perhaps", ["negated"]),
])
def test_validation_errors_are_4xx_with_a_clear_message(client, url, words):
    r = client.get(url)
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "validation error"
    for w in words:
        assert w in body["message"], (w, body["message"])


def test_validation_errors_on_pages_are_html(client):
    r = client.get("/events?limit=9999")
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]
    assert "limit" in r.text
    assert client.get("/events?limit=9999&format=json").json()["status"] == 422


def test_blank_form_fields_count_as_absent(client):
    assert client.get("/events?country=&type=&quad=&sort=").status_code == 200
    assert client.get("/api/events?country=&date_from=").json()["total"] == 5


# -- pages -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES + ["/documents/jets-dispute", f"/documents/{XSS_ID}"])
def test_pages_render_with_csp(client, path):
    r = client.get(path)
    assert r.status_code == 200, path
    assert "text/html" in r.headers["content-type"]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    # scripts only from our static files, plus the inert JSON data block
    for tag in re.findall(r"<script\b[^>]*>", r.text):
        assert re.fullmatch(r'<script src="/static/js/[a-z]+\.js">', tag) or \
            tag == '<script type="application/json" id="page-data">', tag
    assert not re.search(r"<[a-z][^>]*\son[a-z]+=", r.text), "inline event handler"
    assert "style=" not in r.text


@pytest.mark.parametrize("page, api", [
    ("/documents", "/api/documents"), ("/events?actor=PAK", "/api/events?actor=PAK"),
    ("/claims?stance=deny", "/api/claims?stance=deny"), ("/transfers", "/api/transfers"),
    ("/actors", "/api/actors"), ("/places", "/api/places"), ("/contested", "/api/contradictions"),
    ("/graph", "/api/graph"), ("/timeline?limit=50", "/api/timeline?limit=50"),
    ("/map?limit=50", "/api/places?limit=50"), ("/documents/jets-dispute", "/api/documents/jets-dispute"),
    ("/search?q=jets", "/api/search?q=jets"),
])
def test_every_page_has_a_json_twin(client, page, api):
    sep = "&" if "?" in page else "?"
    as_json = client.get(page + sep + "format=json")
    assert as_json.status_code == 200 and as_json.headers["content-type"].startswith("application/json")
    assert as_json.json() == client.get(api).json()


def test_document_page_marks_sentences_and_evidence(client):
    html = client.get("/documents/jets-dispute").text
    assert html.count('class="sent"') == 3
    assert '<span class="seg" data-a="41" data-b="50">shot down</span>' in html
    assert 'data-id="jets-dispute:e1"' in html and 'data-id="jets-dispute:c2"' in html


def test_xss_title_and_text_are_escaped(client):
    r = client.get(f"/documents/{XSS_ID}")
    html = r.text
    assert XSS_TITLE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<script>alert(3)" not in html and "<b>bold</b>" not in html and "<i>Officials" not in html
    assert 'href="javascript:' not in html
    data = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and json.loads(data)["title"] == XSS_TITLE  # \u003c escapes, same data
    for path in ("/", "/documents", "/claims", "/events", "/search?q=script", "/places", "/map", "/timeline"):
        page = client.get(path).text
        assert "<script>alert" not in page, path
        assert "<img" not in page, path


# -- token, headers, static ------------------------------------------------------------------------

def test_token_is_required_everywhere_when_set(db):
    c = TestClient(create_app(db, token="s3cret"))
    for path in ("/", "/api/events", "/openapi.json", "/static/css/app.css", "/documents/jets-dispute"):
        r = c.get(path)
        assert r.status_code == 401, path
        assert r.headers["www-authenticate"] == "Bearer"
        assert "content-security-policy" in r.headers
    assert c.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/events?token=wrong").status_code == 401
    assert c.get("/api/events", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    r = c.get("/?token=s3cret")
    assert r.status_code == 200 and "sitrep_token" in r.headers["set-cookie"]
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=strict" in r.headers["set-cookie"].lower()
    assert c.get("/static/css/app.css").status_code == 200  # the cookie carries it for the page's files
    assert TestClient(create_app(db)).get("/api/events").status_code == 200  # no token configured


def test_static_files_and_map_outlines_are_bundled(client):
    r = client.get("/static/vendor/world-atlas/countries-110m.json")
    assert r.status_code == 200
    topo = r.json()
    assert topo["type"] == "Topology" and len(topo["objects"]["countries"]["geometries"]) > 150
    static = ROOT / "sitrep" / "web" / "static"
    assert (static / "vendor" / "world-atlas" / "LICENSE").is_file()
    total = sum(p.stat().st_size for p in static.rglob("*") if p.is_file())
    assert total < 1_000_000
    for js in (static / "js").glob("*.js"):
        text = js.read_text(encoding="utf-8")
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "eval(" not in text, js.name
    for tpl in (ROOT / "sitrep" / "web" / "templates").glob("*.html"):
        text = tpl.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, tpl.name
        assert "http://" not in text.replace("http://www.w3.org", "") and "//cdn" not in text, tpl.name


def test_missing_database_is_an_error(tmp_path):
    from sitrep.store.db import StoreError

    with pytest.raises(StoreError, match="database not found"):
        create_app(tmp_path / "nope.db")


def test_empty_database_renders_every_page(tmp_path):
    from sitrep.store.db import Store

    Store(tmp_path / "empty.db").close()
    c = TestClient(create_app(tmp_path / "empty.db"))
    for path in PAGES:
        assert c.get(path).status_code == 200, path
    for path in ("/api/documents", "/api/contradictions", "/api/graph", "/api/timeline", "/api/places"):
        assert c.get(path).status_code == 200, path


# -- the serve command -----------------------------------------------------------------------------

def test_is_loopback():
    from sitrep.commands.serve import is_loopback

    for host in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.168.1.10", "example.org", "10.0.0.1"):
        assert not is_loopback(host), host


def test_serve_command(db, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    import uvicorn
    from sitrep.cli import app

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda the_app, **kw: calls.append((the_app, kw)))
    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    runner = CliRunner()

    r = runner.invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert r.exit_code == 1 and "without a token" in r.output and not calls

    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 1 and "database not found" in r.output

    r = runner.invoke(app, ["serve", "--db", str(db), "--port", "8123"])
    assert r.exit_code == 0, r.output
    the_app, kw = calls[-1]
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8123 and the_app.state.token is None

    r = runner.invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0"], env={"SITREP_TOKEN": "tok"})
    assert r.exit_code == 0, r.output
    assert calls[-1][1]["host"] == "0.0.0.0" and calls[-1][0].state.token == "tok"


# -- the real pipeline over examples/ --------------------------------------------------------------

@pytest.fixture(scope="module")
def examples_client(tmp_path_factory, request):
    examples = ROOT / "examples"
    if not examples.is_dir():
        pytest.skip("examples/ not available")
    pipeline = request.getfixturevalue("pipeline")
    from sitrep.ingest import IngestError, read_inputs
    from sitrep.store.db import Store

    path = tmp_path_factory.mktemp("examples") / "examples.db"
    with Store(path) as store:
        for doc in read_inputs([examples]):
            if isinstance(doc, IngestError):
                continue
            store.add(doc, pipeline.process(doc))
    return TestClient(create_app(path))


def test_real_pipeline_output_is_served_with_consistent_evidence(examples_client):
    c = examples_client
    docs = c.get("/api/documents?limit=500").json()
    assert docs["total"] >= 3
    for d in docs["items"]:
        full = c.get(f"/api/documents/{d['id']}").json()
        text = full["text"]
        for kind in ("events", "claims", "transfers"):
            for rec in full[kind]:
                for ev in rec["evidence"]:
                    # the span is in the text and starts in its sentence (it may run past the
                    # sentence's end: the page lights every piece of the span wherever it is)
                    assert 0 <= ev["start"] <= ev["end"] <= len(text)
                    sent = full["sentences"][ev["sentence"]]
                    assert sent["start"] <= ev["start"] <= sent["end"]
                    assert ev["text"].strip() == sent["text"].strip()
        page = c.get(f"/documents/{d['id']}")
        assert page.status_code == 200
        assert page.text.count('class="sent"') == len(full["sentences"])
    for path in PAGES + ["/api/contradictions", "/api/graph", "/api/timeline", "/api/places"]:
        assert c.get(path).status_code == 200, path


def test_oversized_requests_are_refused_before_any_work(client):
    res = client.post("/api/search", content=b"x" * (200 * 1024), headers={"content-type": "text/plain"})
    assert res.status_code == 413
    res = client.get("/api/search?q=" + "a" * 20000)
    assert res.status_code == 414
    assert client.get("/api/search?q=talks").status_code == 200
