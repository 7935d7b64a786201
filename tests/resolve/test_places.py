"""Places: gazetteer resolution, context disambiguation, metonymy, and the pipeline component."""
from __future__ import annotations

import pytest
import spacy

from sitrep.model import Document
from sitrep.pipeline import DocContext
from sitrep.resolve.places import PlaceResolver, find_toponyms, resolve_toponym


def blank_ctx(text: str, published: str = "2025-11-19") -> DocContext:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return DocContext(document=Document(id="t", text=text, published=published), doc=nlp(text))


def model_ctx(text: str, published: str = "2025-11-19") -> DocContext:
    from sitrep.nlp.model import ModelNotFoundError, load_model

    try:
        nlp = load_model()
    except ModelNotFoundError:  # pragma: no cover - depends on the build
        pytest.skip("bundled spaCy model not built")
    return DocContext(document=Document(id="t", text=text, published=published), doc=nlp(text))


def test_islamabad_is_pakistan_capital_not_chattogram():
    place = resolve_toponym("Islamabad")
    assert place is not None and place.country == "PAK"
    assert abs(place.lat - 33.7) < 0.2 and abs(place.lon - 73.1) < 0.2


def test_kashmir_is_the_region():
    place = resolve_toponym("Kashmir")
    assert place.country == "IND" and place.feature == "disputed"
    assert 33 < place.lat < 36 and 73 < place.lon < 77  # not Cashmere, Washington
    pok = resolve_toponym("PoK")
    assert pok.country == "PAK" and pok.name == "Pakistan-administered Kashmir"


@pytest.mark.parametrize("name,country", [("Istanbul", "TUR"), ("Kotli", "PAK"), ("Pathankot", "IND"),
                                          ("Ladakh", "IND"), ("Crimea", "UKR"), ("Kiev", "UKR")])
def test_places_have_coordinates(name, country):
    place = resolve_toponym(name)
    assert place.country == country
    assert place.lat is not None and place.lon is not None


def test_punjab_and_hyderabad_follow_context():
    assert resolve_toponym("Punjab", {"IND": 4, "PAK": 1}).country == "IND"
    assert resolve_toponym("Punjab", {"PAK": 3}).country == "PAK"
    assert resolve_toponym("Hyderabad", {"PAK": 2}).country == "PAK"
    assert resolve_toponym("Hyderabad", {"IND": 2}).country == "IND"


def test_unknown_name():
    assert resolve_toponym("Xyzzyville") is None


def test_component_punjab_by_document_context():
    ctx = blank_ctx("Indian officials in New Delhi said floods hit villages in Punjab. India sent relief to Amritsar.")
    PlaceResolver()(ctx)
    punjab = [p for p in ctx.places if p.name == "Punjab"]
    assert punjab and punjab[0].country == "IND"
    ctx = blank_ctx("Pakistani officials said floods hit villages in Punjab, near Lahore and Multan.")
    PlaceResolver()(ctx)
    assert [p for p in ctx.places if p.name == "Punjab"][0].country == "PAK"


def test_component_fills_places_and_token_index():
    text = "Shells hit a depot in Sialkot. Helicopters were seen near Pathankot. Talks in Geneva resumed."
    ctx = blank_ctx(text)
    PlaceResolver()(ctx)
    names = [p.name for p in ctx.places]
    assert names == ["Sialkot", "Pathankot", "Geneva"]
    first = ctx.places[0]
    assert first.evidence[0].start == text.index("Sialkot") and first.evidence[0].sentence == 0
    tok = next(t for t in ctx.doc if t.text == "Geneva")
    assert ctx.place_by_token[tok.i].name == "Geneva"


def test_metonym_subject_and_possessive_are_skipped():
    text = "Islamabad rejected the claim. Beijing said it was neutral. Islamabad's envoy arrived in Beijing."
    ctx = blank_ctx(text)
    PlaceResolver()(ctx)
    assert [p.name for p in ctx.places] == ["Beijing"]
    assert len(ctx.places[0].evidence) == 1 and ctx.places[0].evidence[0].sentence == 2


def test_country_only_after_location_preposition():
    ctx = blank_ctx("Pakistan accused India of aggression. Militants are active in Afghanistan.")
    PlaceResolver()(ctx)
    assert [p.name for p in ctx.places] == ["Afghanistan"]
    tops = find_toponyms(ctx.doc, actors=True)
    assert {t.text for t in tops} == {"Pakistan", "India", "Afghanistan"}


def test_lowercase_words_and_stoplisted_names_are_not_places():
    ctx = blank_ctx("They had a nice deal over turkey in the police station with Ali Shah.")
    PlaceResolver()(ctx)
    assert ctx.places == []


def test_multiword_and_alias_places():
    ctx = blank_ctx("Shelling was reported along the Line of Control and across Pakistan-occupied Kashmir, "
                    "and later in Jammu and Kashmir.")
    PlaceResolver()(ctx)
    names = {p.name for p in ctx.places}
    assert names == {"Line of Control", "Pakistan-administered Kashmir", "Jammu and Kashmir"}


def test_with_model_metonym_and_places():
    ctx = model_ctx("New Delhi dismissed the reports. Pakistani shells hit positions in Udhampur and "
                    "Pathankot, while talks in Geneva stalled.")
    PlaceResolver()(ctx)
    names = [p.name for p in ctx.places]
    assert "New Delhi" not in names
    assert {"Udhampur", "Pathankot", "Geneva"} <= set(names)
