"""Claim clustering, contradictions between speakers, corroboration."""
import json

from sitrep.link.claims import cluster_claims, corroborations, countries_in, negated_content, tokens
from sitrep.link.contradictions import find_contradictions, headline_stance
from sitrep.model import Actor, Claim, Event, Evidence, Extraction, Sentence

OMONDI = Actor("Gen. Peter Omondi", "KEN", "MIL", "army chief", "person")
OMONDI_SHORT = Actor("Omondi", "KEN", "MIL", None, "person")
AUMA = Actor("Grace Auma", "UGA", "GOV", "Foreign Minister", "person")
UGA_ARMY = Actor("Ugandan army spokesman Brian Okello", "UGA", "MIL", None, "person")
KEN_MP = Actor("Kenyan MP Joyce Wanjiru", "KEN", "POL", None, "person")
REBELS = Actor("River Front rebels", None, "REB", kind="group")
UGANDA = Actor("Uganda", "UGA", "GOV", kind="country")


def doc(doc_id, published, sentences):
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, pos, pos + len(s), s))
        pos += len(s) + 1
    return Extraction(id=doc_id, published=published, sentences=sents)


def claim(ex, n, speaker, stance, sent, content, act=None, events=()):
    s = ex.sentences[sent]
    start = s.start + s.text.index(content)
    c = Claim(speaker=speaker, stance=stance, content=content, act=act, cue=act, id=f"{ex.id}:c{n}",
              content_start=start, content_end=start + len(content), events=list(events),
              evidence=[Evidence(ex.id, sent, start, start + len(content), s.text)])
    ex.claims.append(c)
    return c


ACCUSE = "Kenya's army chief Gen. Peter Omondi said Uganda had given the rebels rocket launchers and night-vision gear."
DENY = "Uganda's foreign minister Grace Auma denied that Uganda had supplied any weapons to the rebels."


def accusation(doc_id="k1", published="2031-02-10", speaker=OMONDI):
    ex = doc(doc_id, published, [ACCUSE])
    claim(ex, 1, speaker, "assert", 0, "Uganda had given the rebels rocket launchers and night-vision gear", "say")
    return ex


def denial(doc_id="u1", published="2031-02-11", speaker=AUMA):
    ex = doc(doc_id, published, [DENY])
    claim(ex, 1, speaker, "deny", 0, "Uganda had supplied any weapons to the rebels", "deny")
    return ex


def test_word_helpers_are_negation_blind():
    assert tokens("Uganda gave the rebels weapons") == tokens("Uganda denied it gave the rebels any weapons")
    assert countries_in("Kenyan officials met Ugandan envoys in Nairobi") == {"KEN", "UGA"}
    assert negated_content("there was no foreign help at all")
    assert not negated_content("Uganda had given the rebels rocket launchers")


def test_assert_vs_deny_from_different_countries_is_one_contradiction():
    a, d = accusation(), denial()
    found = find_contradictions([a, d])
    assert len(found) == 1
    c = found[0]
    assert c.assert_count == 1 and c.deny_count == 1
    assert c.assert_sources == 1 and c.deny_sources == 1
    by_stance = {x["polarity"]: x for x in c.claims}
    assert by_stance["assert"]["speaker"] == {"name": "Gen. Peter Omondi", "country": "KEN", "role": "army chief",
                                              "kind": "person"}
    assert by_stance["deny"]["speaker"]["country"] == "UGA"
    assert by_stance["deny"]["stance"] == "deny"
    assert by_stance["assert"]["doc_id"] == "k1" and by_stance["deny"]["doc_id"] == "u1"
    assert by_stance["assert"]["evidence"][0]["text"] == ACCUSE
    assert by_stance["deny"]["evidence"][0]["text"] == DENY
    assert "rocket launchers" in c.proposition
    assert set(c.countries) == {"KEN", "UGA"}
    json.dumps(c.to_dict())  # JSON-ready


def test_same_speaker_is_not_a_contradiction():
    a = accusation()
    # the same general, in another article, walking his words back: not a dispute between sources
    d = denial("k2", speaker=OMONDI_SHORT)
    assert find_contradictions([a, d]) == []


def test_unrelated_denial_is_not_linked():
    a = accusation()
    other = doc("u2", "2031-02-12", ["Auma denied that the finance ministry had raised fuel taxes in March."])
    claim(other, 1, AUMA, "deny", 0, "the finance ministry had raised fuel taxes in March", "deny")
    assert find_contradictions([a, other]) == []


def test_denial_pointing_back_to_allegations_in_the_same_article():
    ex = doc("r1", "2031-02-15", [
        "Kenyan army chief Gen. Peter Omondi said Ugandan instructors had trained the rebels at a camp near Busia.",
        "He also alleged that Ugandan drones had flown over Kenyan positions.",
        "In Kampala, Auma dismissed these accusations as fabricated.",
    ])
    claim(ex, 1, OMONDI, "assert", 0, "Ugandan instructors had trained the rebels at a camp near Busia", "say")
    claim(ex, 2, OMONDI, "assert", 1, "Ugandan drones had flown over Kenyan positions", "allege")
    claim(ex, 3, AUMA, "deny", 2, "these accusations as fabricated", "dismiss")
    found = find_contradictions([ex])
    assert len(found) == 1
    ids = {x["id"] for x in found[0].claims}
    assert ids == {"r1:c1", "r1:c2", "r1:c3"}
    assert found[0].assert_count == 2 and found[0].deny_count == 1


def test_denier_conceding_something_is_not_counted_as_a_corroboration():
    ex = doc("r2", "2031-02-15", [
        "Kenyan army chief Gen. Peter Omondi said Uganda had given the rebels rocket launchers.",
        "Auma rejected the claims as baseless.",
        "She acknowledged that Uganda had given the rebels food aid during the drought.",
    ])
    claim(ex, 1, OMONDI, "assert", 0, "Uganda had given the rebels rocket launchers", "say")
    claim(ex, 2, AUMA, "deny", 1, "the claims as baseless", "reject")
    claim(ex, 3, AUMA, "assert", 2, "Uganda had given the rebels food aid during the drought", "acknowledge")
    found = find_contradictions([ex])
    assert len(found) == 1
    assert {x["id"] for x in found[0].claims} == {"r2:c1", "r2:c2"}


def test_require_different_country():
    a = accusation()
    d = denial("k3", speaker=KEN_MP)  # a Kenyan politician contradicting the Kenyan general
    assert len(find_contradictions([a, d])) == 1
    assert find_contradictions([a, d], require_different_country=True) == []


def test_negated_content_counts_as_a_denial():
    a = accusation()
    ex = doc("u3", "2031-02-11", ["Okello said no weapons had been given to the rebels by Uganda."])
    claim(ex, 1, UGA_ARMY, "assert", 0, "no weapons had been given to the rebels by Uganda", "say")
    found = find_contradictions([a, ex])
    assert len(found) == 1 and found[0].deny_count == 1


def accusation_with_event():
    """The accusation, tied to its "Uganda aids the rebels" event."""
    a = accusation()
    a.events.append(Event("AID", source=UGANDA, target=REBELS, id="k1:e1", reported_by=["k1:c1"]))
    a.claims[0].events = ["k1:e1"]
    return a


def reply_tied_to_negated_aid(doc_id, sentence, content, stance, act):
    """A one-sentence reply by Auma whose claim the extractor tied to a negated aid event."""
    ex = doc(doc_id, "2031-02-11", [sentence])
    ex.events.append(Event("AID", source=UGANDA, target=REBELS, id=f"{doc_id}:e1", negated=True,
                           reported_by=[f"{doc_id}:c1"]))
    claim(ex, 1, AUMA, stance, 0, content, act, events=[f"{doc_id}:e1"])
    return ex


def test_claims_about_the_same_event_cluster_through_the_event():
    a = accusation_with_event()
    ex = reply_tied_to_negated_aid("u4", "Kampala called the story of arms shipments a smear.",
                                   "the story of arms shipments a smear", "assert", "call")
    clusters = [c for c in cluster_claims([a, ex]) if len(c.refs) > 1]
    assert len(clusters) == 1 and clusters[0].links[0].reason == "event"
    found = find_contradictions([a, ex])
    assert len(found) == 1 and found[0].event == {"type": "AID", "source": "UGA", "target": "river front rebels"}


def test_a_shared_event_type_alone_does_not_join_unrelated_claims_across_documents():
    # both claims were tied to "Uganda aids the rebels" events, but say nothing in common:
    # one is about rocket launchers, the other about a harvest festival
    a = accusation_with_event()
    ex = reply_tied_to_negated_aid("u5", "Kampala said the harvest festival drew record crowds.",
                                   "the harvest festival drew record crowds", "deny", "say")
    assert [c for c in cluster_claims([a, ex]) if len(c.refs) > 1] == []
    assert find_contradictions([a, ex], events=False) == []


def test_event_level_contradiction_without_claims():
    a = doc("e1", "2031-03-02", ["Ugandan jets bombed a rebel camp on Sunday."])
    b = doc("e2", "2031-03-03", ["Ugandan jets did not bomb the rebel camp, the paper found."])
    ev = dict(type="ASSAULT", source=UGANDA, target=REBELS)
    a.events.append(Event(**ev, id="e1:e1", evidence=[Evidence("e1", 0, 14, 20, a.sentences[0].text)]))
    b.events.append(Event(**ev, id="e2:e1", negated=True, evidence=[Evidence("e2", 0, 18, 22, b.sentences[0].text)]))
    found = find_contradictions([a, b])
    assert len(found) == 1 and found[0].kind == "event"
    assert found[0].assert_count == 1 and found[0].deny_count == 1
    # two versions of one article (near-duplicates) are one source: no dispute between sources
    assert find_contradictions([a, b], duplicate_groups=[["e1", "e2"]]) == []


def test_corroboration_counts_independent_sources():
    a1 = accusation("k1")
    a2 = accusation("k1-syndicated")  # a copy of k1
    a3 = doc("k4", "2031-02-12", ["Kenyan MP Joyce Wanjiru said Uganda had given the rebels rocket launchers."])
    claim(a3, 1, KEN_MP, "assert", 0, "Uganda had given the rebels rocket launchers", "say")
    d = denial()
    groups = [["k1", "k1-syndicated"]]
    found = find_contradictions([a1, a2, a3, d], duplicate_groups=groups)
    assert len(found) == 1
    c = found[0]
    assert c.assert_count == 3 and c.assert_sources == 2 and c.deny_sources == 1
    corr = corroborations([a1, a2, a3, d], duplicate_groups=groups)
    assert len(corr) == 1 and corr[0]["independent_sources"] == 2 and corr[0]["deny_sources"] == 1


def test_embedder_hook_is_used():
    calls = []

    def embed(texts):
        calls.append(len(texts))
        return [[1.0, 0.0] if "launchers" in t or "weapons" in t else [0.0, 1.0] for t in texts]

    a, d = accusation(), denial()
    assert len(find_contradictions([a, d], embedder=embed)) == 1
    assert calls


def test_headline_stance():
    body_deny = ("The ministry said the report was false. Officials denied that the minister had resigned, "
                 "calling the story a hoax spread online. The minister appeared at a meeting on Friday.")
    body_discuss = ("The minister has reportedly resigned, according to unconfirmed reports. "
                    "Sources said the minister might step down after the vote.")
    body_other = "Heavy rain flooded several streets in the old town and the football match was postponed."
    head = "Minister resigned after vote"
    assert headline_stance(head, body_other) == "unrelated"
    assert headline_stance(head, body_deny) == "disagree"
    assert headline_stance(head, body_discuss) == "discuss"


def test_a_state_and_its_organs_speak_with_one_voice():
    a = accusation(speaker=UGA_ARMY)  # a Ugandan army spokesman says it ...
    d = denial()  # ... and the Ugandan foreign minister denies it: not a dispute between sources
    assert find_contradictions([a, d]) == []


def test_unrelated_disputes_stay_apart():
    a, d = accusation(), denial()
    other = doc("x1", "2031-02-12", [
        "Tanzanian officials said Kenya had closed the Namanga crossing to lorries.",
        "Kenya's trade ministry denied that the Namanga crossing had been closed.",
    ])
    claim(other, 1, Actor("Tanzanian officials", "TZA", "GOV", kind="anonymous"), "assert", 0,
          "Kenya had closed the Namanga crossing to lorries", "say")
    claim(other, 2, Actor("Kenyan trade ministry", "KEN", "GOV", kind="organisation"), "deny", 1,
          "the Namanga crossing had been closed", "deny")
    found = find_contradictions([a, d, other])
    assert len(found) == 2
    assert sorted(len(c.claims) for c in found) == [2, 2]


def test_a_denial_that_names_what_it_denies_points_back_only_to_that_claim():
    ex = doc("k9", "2031-03-01", [
        "Gen. Peter Omondi said Uganda had given the rebels rocket launchers.",
        "Omondi also said Uganda had cancelled a sugar trade deal with Kenya.",
        "Grace Auma rejected the allegations of rocket launchers reaching the rebels.",
    ])
    claim(ex, 1, OMONDI, "assert", 0, "Uganda had given the rebels rocket launchers", "say")
    claim(ex, 2, OMONDI, "assert", 1, "Uganda had cancelled a sugar trade deal with Kenya", "say")
    claim(ex, 3, AUMA, "deny", 2, "the allegations of rocket launchers reaching the rebels", "reject")
    found = find_contradictions([ex], events=False)
    assert len(found) == 1
    contents = {c["content"] for c in found[0].claims}
    assert "Uganda had given the rebels rocket launchers" in contents
    assert "Uganda had cancelled a sugar trade deal with Kenya" not in contents


def test_a_bare_denial_answers_its_accuser_not_every_earlier_claim():
    ex = doc("k10", "2031-03-02", [
        "Gen. Peter Omondi said Uganda had given the rebels rocket launchers.",
        "He also alleged that Ugandan drones had flown over Kenyan positions.",
        "Separately, Tanzanian officials said Kenya had closed the Namanga crossing to lorries.",
        "Grace Auma dismissed these accusations as fabricated.",
    ])
    claim(ex, 1, OMONDI, "assert", 0, "Uganda had given the rebels rocket launchers", "say")
    claim(ex, 2, OMONDI, "assert", 1, "Ugandan drones had flown over Kenyan positions", "allege")
    claim(ex, 3, Actor("Tanzanian officials", "TZA", "GOV", kind="anonymous"), "assert", 2,
          "Kenya had closed the Namanga crossing to lorries", "say")
    claim(ex, 4, AUMA, "deny", 3, "these accusations as fabricated", "dismiss")
    found = find_contradictions([ex], events=False)
    assert len(found) == 1
    assert {x["id"] for x in found[0].claims} == {"k10:c1", "k10:c2", "k10:c4"}
