"""The whole pipeline on articles written for these tests: records, evidence and offsets."""
from __future__ import annotations

from sitrep.model import Document

ARTICLE = (
    "Defence Minister Jan Kowalski of Poland said on Monday that Russia had launched drone strikes on "
    "Ukrainian cities. The Kremlin denied the allegations. Poland has ordered 48 K2 tanks from South Korea, "
    "according to the defence ministry."
)


def _doc() -> Document:
    return Document(id="t1", text=ARTICLE, published="2025-03-12", title="Test")


def test_every_record_carries_evidence_that_points_into_the_text(pipeline):
    ext = pipeline.process(_doc())
    records = [*ext.events, *ext.claims, *ext.transfers]
    assert records, "the article has extractable content"
    for rec in records:
        assert rec.evidence, f"{rec} has no evidence"
        for ev in rec.evidence:
            assert ev.doc_id == "t1"
            assert ARTICLE[ev.start:ev.end] in ev.text
            assert 0 <= ev.sentence < len(ext.sentences)


def test_denial_is_a_claim_with_deny_stance(pipeline):
    ext = pipeline.process(_doc())
    denials = [c for c in ext.claims if c.stance == "deny"]
    assert any(c.speaker and c.speaker.country == "RUS" for c in denials)


def test_order_becomes_a_transfer_with_quantity(pipeline):
    ext = pipeline.process(_doc())
    k2 = [t for t in ext.transfers if "K2" in t.system]
    assert k2, ext.transfers
    assert k2[0].recipient and k2[0].recipient.country == "POL"
    assert k2[0].supplier and k2[0].supplier.country == "KOR"
    assert k2[0].quantity == 48


def test_actors_are_coded(pipeline):
    ext = pipeline.process(_doc())
    by_name = {a.name: a for a in ext.actors}
    assert by_name["Poland"].country == "POL"
    assert any(a.kind == "person" and "Kowalski" in a.name and a.country == "POL" for a in ext.actors)


def test_empty_document_yields_empty_records(pipeline):
    ext = pipeline.process(Document(id="empty", text=" "))
    assert ext.events == [] and ext.claims == [] and ext.transfers == []
