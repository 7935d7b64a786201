"""Event merging across documents."""
from sitrep.link.events import actor_key, dates_compatible, date_interval, merge_events, negation_conflicts
from sitrep.model import Actor, Event, EventDate, Evidence, Extraction, Place, Sentence

NOR = Actor("Norlandia", "NLX", "GOV", kind="country")
VES = Actor("Vesteria", "VSX", "GOV", kind="country")
NOR_NAVY = Actor("Norlandian Navy", "NLX", "MIL", kind="organisation")
VES_FM = Actor("Vesterian foreign minister Ana Kole", "VSX", "GOV", kind="person")


def doc(doc_id: str, published: str | None, sentences: list[str]) -> Extraction:
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, pos, pos + len(s), s))
        pos += len(s) + 1
    return Extraction(id=doc_id, published=published, sentences=sents)


def evidence(ex: Extraction, i: int, phrase: str) -> Evidence:
    s = ex.sentences[i]
    start = s.start + s.text.index(phrase)
    return Evidence(ex.id, i, start, start + len(phrase), s.text)


def event(ex, n, etype, src, tgt, sent, trigger, date=None, negated=False, place=None, date_source="text"):
    ev = Event(type=etype, source=src, target=tgt, trigger=trigger, negated=negated, id=f"{ex.id}:e{n}",
               date=EventDate(date, "day" if date and len(date) == 10 else "month", date_source) if date else None,
               place=place, evidence=[evidence(ex, sent, trigger)])
    ex.events.append(ev)
    return ev


STRIKE_A = "Norlandian warships shelled a Vesterian radar post on 3 March, the defence ministry said."
STRIKE_B = "A Vesterian radar station was shelled by the Norlandian navy on Tuesday."
TALKS = "Envoys of Norlandia and Vesteria met in Geneva for talks on the fishing accord."


def test_actor_key_collapses_state_organs():
    assert actor_key(NOR) == actor_key(NOR_NAVY) == "NLX"
    assert actor_key(VES_FM) == "VSX"
    assert actor_key(Actor("Saltmarsh Fishermen's Union", None, "CVL")) == "saltmarsh fishermen's union"
    assert actor_key(None) is None


def test_same_event_in_two_documents_is_merged_with_evidence_from_both():
    a = doc("a", "2031-03-04", [STRIKE_A])
    b = doc("b", "2031-03-05", [STRIKE_B])
    event(a, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03")
    event(b, 1, "ASSAULT", NOR_NAVY, VES, 0, "shelled", "2031-03-03")
    merged = merge_events([a, b], detect_duplicates=False)
    assert len(merged) == 1
    m = merged[0]
    assert m.type == "ASSAULT" and m.source_key == "NLX" and m.target_key == "VSX"
    assert {e.doc_id for e in m.evidence} == {"a", "b"}
    assert m.events == ["a:e1", "b:e1"]
    assert m.sources == ["a", "b"] and m.n_sources == 2
    assert m.first_reported == "2031-03-04" and m.last_reported == "2031-03-05"
    assert m.quad == "material_conflict"


def test_duplicate_documents_count_once_as_a_source():
    a = doc("a", "2031-03-04", [STRIKE_A])
    copy = doc("a-copy", "2031-03-04", [STRIKE_A])
    b = doc("b", "2031-03-05", [STRIKE_B])
    for ex in (a, copy):
        event(ex, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03")
    event(b, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03")
    m = merge_events([a, copy, b], duplicate_groups=[["a", "a-copy"]])[0]
    assert m.documents == ["a", "a-copy", "b"]
    assert m.sources == ["a", "b"]


def test_duplicates_are_detected_from_the_text_by_default():
    long = " ".join([STRIKE_A] * 1) + " " + " ".join(
        f"Paragraph {w} of the wire story repeats background about the long maritime dispute." for w in
        ("one", "two", "three", "four", "five", "six"))
    a = doc("a", "2031-03-04", [long])
    copy = doc("copy", "2031-03-04", [long])
    for ex in (a, copy):
        event(ex, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03")
    m = merge_events([a, copy])[0]
    assert m.sources == ["a"] and m.documents == ["a", "copy"]


def test_asserted_and_negated_versions_are_kept_apart_and_paired():
    a = doc("a", "2031-03-04", [STRIKE_A])
    b = doc("b", "2031-03-05", ["Norlandia denied that its ships had shelled any Vesterian post."])
    event(a, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03")
    event(b, 1, "ASSAULT", NOR, VES, 0, "shelled", negated=True)
    merged = merge_events([a, b], detect_duplicates=False)
    assert len(merged) == 2
    assert sorted(m.negated for m in merged) == [False, True]
    pairs = negation_conflicts(merged)
    assert len(pairs) == 1 and pairs[0][0].negated is False and pairs[0][1].negated is True


def test_symmetric_types_may_swap_source_and_target():
    a = doc("a", "2031-04-01", [TALKS])
    b = doc("b", "2031-04-01", [TALKS])
    event(a, 1, "CONSULT", NOR, VES, 0, "talks", "2031-04-01")
    event(b, 1, "CONSULT", VES, NOR, 0, "talks", "2031-04-01")
    assert len(merge_events([a, b], detect_duplicates=False)) == 1
    # a directed strike the other way round is another event
    c = doc("c", "2031-03-04", [STRIKE_A])
    d = doc("d", "2031-03-04", [STRIKE_A])
    event(c, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03")
    event(d, 1, "ASSAULT", VES, NOR, 0, "shelled", "2031-03-03")
    assert len(merge_events([c, d], detect_duplicates=False)) == 2


def test_clashes_are_symmetric():
    text = "Troops of Norlandia and Vesteria clashed along the river."
    a, b = doc("a", "2031-05-02", [text]), doc("b", "2031-05-02", [text])
    event(a, 1, "ASSAULT", NOR, VES, 0, "clashed", "2031-05-01")
    event(b, 1, "ASSAULT", VES, NOR, 0, "clashed", "2031-05-01")
    assert len(merge_events([a, b], detect_duplicates=False)) == 1


def test_dates_far_apart_are_not_merged_but_unknown_or_coarser_dates_are():
    a, b, c, d = (doc(x, "2031-03-20", [STRIKE_A]) for x in "abcd")
    event(a, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03")
    event(b, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-17")
    assert len(merge_events([a, b], detect_duplicates=False)) == 2
    event(c, 1, "ASSAULT", NOR, VES, 0, "shelled")  # no date
    assert len(merge_events([a, c], detect_duplicates=False)) == 1
    event(d, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03")  # the month only
    merged = merge_events([a, d], detect_duplicates=False)
    assert len(merged) == 1 and merged[0].date == "2031-03-03"  # the most specific date is kept


def test_no_chaining_across_a_series_of_daily_events():
    exs = []
    for n, day in enumerate(("01", "02", "03", "04", "05")):
        ex = doc(f"d{n}", f"2031-06-{day}", [STRIKE_A])
        event(ex, 1, "ASSAULT", NOR, VES, 0, "shelled", f"2031-06-{day}")
        exs.append(ex)
    merged = merge_events(exs, detect_duplicates=False)
    assert 2 <= len(merged) <= 3  # window of one day: never all five in one group
    assert sum(len(m.events) for m in merged) == 5


def test_places_must_agree_unless_one_is_the_country():
    harbour = Place("Port Kell", "VSX", feature="city")
    ridge = Place("Grey Ridge", "VSX", feature="feature")
    country = Place("Vesteria", "VSX", feature="country")
    a, b, c = (doc(x, "2031-03-04", [STRIKE_A]) for x in "abc")
    event(a, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03", place=harbour)
    event(b, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03", place=ridge)
    event(c, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03", place=country)
    assert len(merge_events([a, b], detect_duplicates=False)) == 2
    merged = merge_events([a, c], detect_duplicates=False)
    assert len(merged) == 1 and merged[0].place == "Port Kell"


def test_publication_dates_are_weak_evidence():
    a, b = doc("a", "2031-03-04", [STRIKE_A]), doc("b", "2031-03-10", [STRIKE_B])
    event(a, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-04", date_source="publication")
    event(b, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-10", date_source="publication")
    assert len(merge_events([a, b], detect_duplicates=False)) == 1


def test_events_without_actors_are_never_merged():
    a, b = doc("a", "2031-03-04", [STRIKE_A]), doc("b", "2031-03-04", [STRIKE_A])
    event(a, 1, "ASSAULT", None, None, 0, "shelled", "2031-03-03")
    event(b, 1, "ASSAULT", None, None, 0, "shelled", "2031-03-03")
    assert len(merge_events([a, b], detect_duplicates=False)) == 2


def test_date_helpers():
    assert date_interval("2031-02")[2] == "month"
    assert date_interval("nonsense") is None
    d1 = (*date_interval("2031-03-03")[:3], False)
    d2 = (*date_interval("2031-03-04")[:3], False)
    assert dates_compatible(d1, d2, window_days=1)
    assert not dates_compatible(d1, d2, window_days=0)
    assert dates_compatible(d1, None)


def test_merged_event_to_dict_is_json_ready():
    import json

    a = doc("a", "2031-03-04", [STRIKE_A])
    event(a, 1, "ASSAULT", NOR, VES, 0, "shelled", "2031-03-03")
    d = merge_events([a], detect_duplicates=False)[0].to_dict()
    json.dumps(d)
    assert d["n_sources"] == 1 and d["evidence"][0]["doc_id"] == "a"
