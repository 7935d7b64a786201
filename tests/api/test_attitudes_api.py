"""/api/attitudes and the document endpoint serve stored attitudes with their evidence."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

from fastapi.testclient import TestClient  # noqa: E402

from sitrep.api import create_app  # noqa: E402
from sitrep.model import Actor, Claim, Document, Evidence, Extraction, Sentence  # noqa: E402
from sitrep.store import Store  # noqa: E402

TEXT = "Pakistan called for talks with India. India urged restraint."


def build(path):
    doc = Document(id="d", text=TEXT, title="Talks", published="2025-05-12")
    s1 = TEXT.index("India urged")
    sents = [Sentence(0, 0, s1 - 1, TEXT[:s1 - 1]), Sentence(1, s1, len(TEXT), TEXT[s1:])]

    def ev(word, sent):
        start = TEXT.index(word)
        return Evidence("d", sent, start, start + len(word), sents[sent].text)

    pak = Actor("Pakistan", "PAK", "GOV", kind="country")
    ind = Actor("India", "IND", "GOV", kind="country")
    attitudes = [
        Claim(pak, "assert", "talks with India", cue="call for", id="d:att1", evidence=[ev("called for", 0)]),
        Claim(ind, "assert", "restraint", cue="urge", id="d:att2", evidence=[ev("urged", 1)]),
    ]
    ext = Extraction("d", "Talks", "2025-05-12", None, attitudes=attitudes, actors=[pak, ind], sentences=sents)
    with Store(path) as store:
        store.add(doc, ext)
    return path


def test_attitudes_endpoint_filters_and_evidence(tmp_path):
    client = TestClient(create_app(build(tmp_path / "t.db")))
    r = client.get("/api/attitudes").json()
    assert r["total"] == 2
    assert [a["id"] for a in client.get("/api/attitudes?country=IND").json()["items"]] == ["d:att2"]
    assert [a["id"] for a in client.get("/api/attitudes?cue=call%20for").json()["items"]] == ["d:att1"]
    first = client.get("/api/attitudes?actor=Pakistan").json()["items"][0]
    assert first["evidence"][0]["text"] == "Pakistan called for talks with India."
    assert first["doc_title"] == "Talks" and first["published"] == "2025-05-12"
    doc = client.get("/api/documents/d").json()
    assert [a["id"] for a in doc["attitudes"]] == ["d:att1", "d:att2"]
    assert "/api/attitudes" in client.get("/api").json()["endpoints"]
    assert client.get("/api/attitudes?date_from=2026-01-01").json()["total"] == 0


def test_document_page_lists_attitudes(tmp_path):
    client = TestClient(create_app(build(tmp_path / "t.db")))
    page = client.get("/documents/d")
    assert page.status_code == 200
    assert "Attitudes: wants, plans, calls (2)" in page.text
    assert 'data-kind="attitudes" data-id="d:att1"' in page.text
    assert "restraint" in page.text
