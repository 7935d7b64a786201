"""Linking events to the claims that report them, and merging mentions of one proposition.

Invented sentences; the assertions are what a reader of the output relies on: an event stated
inside someone's claim says who reports it, a denial marks it, and one proposition is one event.
"""
from __future__ import annotations

from sitrep.extract.linking import merge_events
from sitrep.model import Actor, Document, Event, Evidence


def _process(pipeline, text: str):
    return pipeline.process(Document(id="ln", text=text, published="2025-06-02"))


def _find(events, etype, src, tgt):
    return [e for e in events if e.type == etype and (e.source and e.source.country) == src
            and (e.target and e.target.country) == tgt]


def test_event_inside_a_claim_is_reported_by_that_claim(pipeline):
    ext = _process(pipeline, "Foreign Minister Tomas Ruiz of Colombia stated that Venezuela provided the rebels "
                             "with weapons and supplied drones to Ecuador.")
    aid = _find(ext.events, "AID", "VEN", "ECU")
    assert aid, [(e.type, e.source, e.target) for e in ext.events]
    claim_ids = {c.id for c in ext.claims}
    assert aid[0].reported_by and set(aid[0].reported_by) <= claim_ids
    claim = next(c for c in ext.claims if c.id == aid[0].reported_by[0])
    assert aid[0].id in claim.events


def test_assertion_and_denial_are_one_event_with_both_reporters(pipeline):
    text = ("Colombia said that Venezuela supplied drones to Ecuador. "
            "Venezuela denied that it supplied drones to Ecuador.")
    ext = _process(pipeline, text)
    aid = _find(ext.events, "AID", "VEN", "ECU")
    assert len(aid) == 1
    event = aid[0]
    assert len(event.evidence) >= 2
    assert len(event.reported_by) >= 2
    assert event.modality == "disputed" and not event.negated


def test_accusing_claim_is_an_accuse_event_of_the_speakers_state(pipeline):
    ext = _process(pipeline, "Colombia accused Venezuela of sheltering rebels. Venezuela rejected these allegations.")
    assert _find(ext.events, "ACCUSE", "COL", "VEN")
    assert _find(ext.events, "REJECT", "VEN", "COL")


def test_same_proposition_in_two_sentences_is_merged_with_all_evidence(pipeline):
    ext = _process(pipeline, "Brazil supported Argentina on Monday. On Tuesday Brazil again supported Argentina.")
    support = _find(ext.events, "SUPPORT", "BRA", "ARG")
    assert len(support) == 1
    assert len(support[0].evidence) == 2


def _ev(etype, src, tgt, sentence, trigger_i, symmetric=False):
    e = Event(type=etype,
              source=Actor(name=src, country=src, kind="country") if src else None,
              target=Actor(name=tgt, country=tgt, kind="country") if tgt else None,
              evidence=[Evidence(doc_id="d", sentence=sentence, start=trigger_i, end=trigger_i + 1, text="x")])
    e._trigger_i = trigger_i
    e._symmetric = symmetric
    return e


def test_partial_event_is_folded_into_the_complete_one():
    full = _ev("SUPPORT", "BRA", "ARG", 0, 3)
    partial = _ev("SUPPORT", "BRA", None, 4, 40)
    merged = merge_events([full, partial])
    assert merged == [full]
    assert len(full.evidence) == 2


def test_complementary_partials_close_together_become_one_event():
    a = _ev("ASSAULT", "ISR", None, 2, 10)
    b = _ev("ASSAULT", None, "SYR", 2, 15)
    merged = merge_events([a, b])
    assert len(merged) == 1
    assert merged[0].source.country == "ISR" and merged[0].target.country == "SYR"


def test_complementary_partials_far_apart_stay_separate():
    a = _ev("SUPPORT", "ISR", None, 2, 10)
    b = _ev("SUPPORT", None, "PAK", 2, 45)
    assert len(merge_events([a, b])) == 2


def test_symmetric_events_merge_in_either_direction():
    a = _ev("CONSULT", "EGY", "SDN", 0, 3, symmetric=True)
    b = _ev("CONSULT", "SDN", "EGY", 1, 30, symmetric=True)
    assert len(merge_events([a, b])) == 1


def test_titled_official_speaks_for_the_state_named_in_his_title(pipeline):
    """An uncoded person's nationality comes from the demonym heading his title run."""
    ext = _process(pipeline, "Polish Deputy Army Chief Lt. Gen. Marek Zielinski alleged that Iran supplied drones to "
                             "Russia. Russia's foreign ministry dismissed those claims.")
    assert _find(ext.events, "ACCUSE", "POL", "IRN")
    aid = _find(ext.events, "AID", "IRN", "RUS")
    assert aid and aid[0].modality == "alleged" and aid[0].reported_by
    assert _find(ext.events, "REJECT", "RUS", "POL")


def test_claims_point_only_at_events_that_exist(pipeline):
    """After merging, a claim's event ids name records in the output, never absorbed ones."""
    ext = _process(pipeline, "Colombia said that Venezuela supplied drones to Ecuador. "
                             "Venezuela denied that it supplied drones to Ecuador.")
    ids = {e.id for e in ext.events}
    for claim in ext.claims:
        assert set(claim.events) <= ids
    aid = _find(ext.events, "AID", "VEN", "ECU")
    assert aid and sum(aid[0].id in c.events for c in ext.claims) >= 2
