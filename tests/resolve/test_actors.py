"""Actor mentions and within-document coreference, on invented sentences.

What a user sees: which actor (name, ISO3 country, sector, role) a phrase of the text stands for,
and that later mentions — surnames, "he", "the defence minister", "its", "the two sides" — carry
the same actor.
"""
from __future__ import annotations

import pytest

from sitrep.model import Document
from sitrep.pipeline import DocContext
from sitrep.resolve.actors import ActorResolver, PieceMatcher, actors_for


@pytest.fixture(scope="module")
def nlp():
    from sitrep.nlp.model import ModelNotFoundError, load_model

    try:
        return load_model()
    except ModelNotFoundError:  # pragma: no cover - depends on the build
        pytest.skip("bundled spaCy model not built")


def resolve(nlp, text: str) -> DocContext:
    ctx = DocContext(document=Document(id="t", text=text), doc=nlp(text))
    ActorResolver()(ctx)
    return ctx


def actor_of(ctx: DocContext, phrase: str, nth: int = 0):
    """The actor the n-th occurrence of ``phrase`` refers to (its last token's mention)."""
    start = -1
    for _ in range(nth + 1):
        start = ctx.document.text.index(phrase, start + 1)
    span = ctx.doc.char_span(start, start + len(phrase), alignment_mode="expand")
    for tok in reversed(list(span)):
        found = actors_for(ctx, tok)
        if found:
            return found[0]
    return None


def person(ctx: DocContext, surname: str):
    return next(a for a in ctx.actors.values() if a.kind == "person" and a.name.endswith(surname))


# -- titled persons ---------------------------------------------------------------------------
def test_abbreviated_military_rank_keeps_the_country_before_it(nlp):
    ctx = resolve(nlp, "Tensions rose after Sri Lankan Chief of Defence Staff Maj. Gen. Nimal K Perera "
                       "said the coastal posts had been reinforced.")
    perera = person(ctx, "Perera")
    assert perera.country == "LKA"
    assert perera.sector == "MIL"
    assert "Chief of Defence Staff" in perera.role


def test_possessive_country_and_title(nlp):
    ctx = resolve(nlp, "Kenya's Foreign Minister Daniel Omondi rejected the report on Monday.")
    omondi = person(ctx, "Omondi")
    assert (omondi.country, omondi.sector, omondi.role) == ("KEN", "GOV", "Foreign Minister")


def test_institution_gives_country_and_sector_to_its_officer(nlp):
    ctx = resolve(nlp, "Sudanese Armed Forces (SAF) Spokesperson Brigadier General "
                       "Nabil Osman Abdallah told reporters that the bridges were destroyed.")
    abdallah = person(ctx, "Abdallah")
    assert abdallah.country == "SDN" and abdallah.sector == "MIL"


def test_spokesperson_title(nlp):
    ctx = resolve(nlp, "Chinese Foreign Ministry spokesperson Liu Wenjie said Beijing opposed the sale.")
    liu = person(ctx, "Liu Wenjie")
    assert liu.country == "CHN" and liu.sector == "GOV"


def test_unknown_untitled_name_is_kept_not_dropped(nlp):
    ctx = resolve(nlp, "Farhan Qureshi, a retired engineer from Lahore, said the dam would flood three villages.")
    assert any(a.kind == "person" and "Qureshi" in a.name for a in ctx.actors.values())


def test_country_taken_from_context_is_flagged(nlp):
    ctx = resolve(nlp, "Bangladesh and Myanmar traded accusations. Bangladesh recalled its envoy. "
                       "Home Minister Karim Hossain said the camps were secure.")
    hossain = person(ctx, "Hossain")
    assert hossain.country == "BGD"
    assert "inferred" in hossain.role


def test_office_without_a_name_becomes_a_role_person(nlp):
    ctx = resolve(nlp, "Egypt's Army Chief is expected to host the Greek Navy Commander in Cairo next spring.")
    chief = actor_of(ctx, "Army Chief")
    assert chief is not None and chief.kind == "person" and chief.country == "EGY" and chief.sector == "MIL"


def test_operation_names_are_not_persons(nlp):
    ctx = resolve(nlp, "The strikes were part of Operation Silent Harbour, officials in Manila said.")
    assert not any(a.kind == "person" and "Harbour" in a.name for a in ctx.actors.values())


# -- the dictionary ---------------------------------------------------------------------------
@pytest.mark.parametrize("phrase,country,sector", [
    ("ISPR", "PAK", "MIL"), ("the Pentagon", "USA", "MIL"), ("the Kremlin", "RUS", "GOV"),
    ("NATO", None, "IGO"), ("Houthis", "YEM", "REB"), ("M23", "COD", "REB"), ("PLA", "CHN", "MIL"),
])
def test_named_institutions(nlp, phrase, country, sector):
    ctx = resolve(nlp, f"On Friday {phrase} issued a statement about the convoy.")
    actor = actor_of(ctx, phrase.replace("the ", ""))
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


def test_taliban_are_afghanistans_government(nlp):
    ctx = resolve(nlp, "The Afghan Taliban closed the crossing after the clashes.")
    actor = actor_of(ctx, "Taliban")
    assert actor.country == "AFG" and actor.sector == "GOV"


@pytest.mark.parametrize("sentence,phrase,country", [
    ("Islamabad summoned the envoy.", "Islamabad", "PAK"),
    ("New Delhi protested the move.", "New Delhi", "IND"),
    ("Ankara offered to mediate.", "Ankara", "TUR"),
    ("Washington imposed new sanctions.", "Washington", "USA"),
    ("The U.S. and Britain condemned the attack.", "U.S.", "USA"),
])
def test_capitals_and_variants_stand_for_the_state(nlp, sentence, phrase, country):
    ctx = resolve(nlp, sentence)
    assert actor_of(ctx, phrase).country == country


def test_country_modified_group(nlp):
    ctx = resolve(nlp, "Ethiopian troops crossed the river while Sudanese officials watched.")
    troops = actor_of(ctx, "troops")
    assert troops.country == "ETH" and troops.sector == "MIL"
    assert actor_of(ctx, "officials").country == "SDN"


# -- coreference ------------------------------------------------------------------------------
def test_surname_pronoun_and_definite_title_resolve_to_the_minister(nlp):
    text = ("Defence Minister Ruslan Tokayev of Kazakhstan rejected the claims on Tuesday. "
            "Tokayev said the drills were routine. He insisted that no troops had moved. "
            "\u201cWe have nothing to hide,\u201d said the defence minister.")
    ctx = resolve(nlp, text)
    minister = person(ctx, "Tokayev")
    assert minister.country == "KAZ"
    assert actor_of(ctx, "Tokayev said") is minister
    assert actor_of(ctx, "He insisted") is minister
    assert actor_of(ctx, "the defence minister") is minister


def test_its_is_the_subject_of_the_governing_clause(nlp):
    ctx = resolve(nlp, "Talks between Armenia and Azerbaijan stalled. Later, Georgia said that its "
                       "senior officials were flying to Baku.")
    assert actor_of(ctx, "its").country == "GEO"
    assert actor_of(ctx, "officials").country == "GEO"


def test_the_two_sides_is_the_dyad_not_the_mediators(nlp):
    text = ("Relations between Ethiopia and Eritrea have soured since a firefight on their shared frontier "
            "in March. Mediators Kenya and Uganda later brokered a new round of dialogue, and the two "
            "sides met in Nairobi.")
    ctx = resolve(nlp, text)
    sides = actors_for(ctx, ctx.doc[[t.i for t in ctx.doc if t.text == "sides"][0]])
    assert {a.country for a in sides} == {"ETH", "ERI"}


def test_the_country_is_not_the_other_party_of_the_clause(nlp):
    text = ("Vietnam says the patrols were routine. Hanoi condemned Beijing's measures against "
            "the country as unlawful.")
    ctx = resolve(nlp, text)
    assert actor_of(ctx, "the country").country == "VNM"


def test_expletive_it_refers_to_nothing(nlp):
    ctx = resolve(nlp, "Syria has accused Israel of the strike. It remains unclear whether anyone was hurt.")
    assert actor_of(ctx, "It remains") is None


# -- the matcher ------------------------------------------------------------------------------
def test_piece_matcher_ignores_how_dots_and_hyphens_are_tokenised(nlp):
    matcher = PieceMatcher(lower=True, cross_sentence_dots=True)
    matcher.add("lt. gen.", "rank")
    for text in ("Lt. Gen. Ali spoke.", "Lt Gen Ali spoke.", "lt gen Ali spoke."):
        doc = nlp(text)
        found = matcher(doc)
        assert found and found[0][2] == "rank", text
        assert doc[found[0][0]:found[0][1]].text.replace(" ", "").rstrip(".").lower() in ("lt.gen", "ltgen")


def test_names_do_not_run_over_a_sentence_end(nlp):
    ctx = resolve(nlp, "The aid arrived from Pakistan. Army officials said more would follow.")
    assert actor_of(ctx, "Pakistan").name != "Pakistan Army"


def test_bracketed_acronym_is_the_same_actor_later(nlp):
    ctx = resolve(nlp, "Sri Lanka's Criminal Investigation Department (CID) detained two officers. "
                       "The CID later released one of them.")
    first = actor_of(ctx, "Criminal Investigation Department")
    assert first is not None and first.sector == "GOV"
    assert actor_of(ctx, "CID", nth=1) is first


def test_third_party_subject_is_not_the_two_sides(nlp):
    ctx = resolve(nlp, "Clashes between Armenia and Azerbaijan continued. France and Germany urged both sides "
                       "to return to talks.")
    sides = actors_for(ctx, ctx.doc[[t.i for t in ctx.doc if t.text == "sides"][0]])
    assert {a.country for a in sides} == {"ARM", "AZE"}


def test_one_resolver_serves_many_documents(nlp):
    """The component is built once and reused: nothing of one document may leak into the next."""
    resolver = ActorResolver()
    found = []
    for text in ("Talks between Ethiopia and Eritrea stalled, and the two sides left.",
                 "Relations between Chile and Peru improved. The two sides signed a deal."):
        ctx = DocContext(document=Document(id="t", text=text), doc=nlp(text))
        resolver(ctx)
        found.append({a.country for m in ctx.mentions if m.how == "pair" for a in m.actors})
    assert found == [{"ETH", "ERI"}, {"CHL", "PER"}]


def test_name_particles_stay_inside_the_name(nlp):
    ctx = resolve(nlp, "Militant commander Abu Hamza al-Masri was killed in the raid, the army said.")
    assert any(a.kind == "person" and a.name == "Abu Hamza al-Masri" and a.sector == "REB"
               for a in ctx.actors.values())


def test_officer_of_an_intergovernmental_body_is_igo(nlp):
    ctx = resolve(nlp, "NATO spokesperson Ingrid Solberg said the alliance was watching closely.")
    assert person(ctx, "Solberg").sector == "IGO"


def test_named_operation_of_a_state_acts_for_its_military(nlp):
    ctx = resolve(nlp, "Israel's Operation Northern Dawn targeted depots near the border.")
    actor = actor_of(ctx, "Operation Northern Dawn")
    assert actor is not None and (actor.country, actor.sector) == ("ISR", "MIL")
    assert not any(a.kind == "person" for a in ctx.actors.values())


# -- datelines, family names first, officials placed by the body named before ---------------------
def test_a_dateline_is_no_actor(nlp):
    ctx = resolve(nlp, "BEIRUT, Oct 15 — Israeli aircraft bombed a compound on Tuesday.\n\n"
                       "PESHAWAR/KABUL — Uganda and South Sudan closed the border.")
    assert actor_of(ctx, "BEIRUT") is None
    assert actor_of(ctx, "PESHAWAR") is None
    assert actor_of(ctx, "Uganda").country == "UGA"


def test_a_chinese_name_is_taken_up_by_its_family_name(nlp):
    ctx = resolve(nlp, "Chinese foreign ministry spokesman Lin Jian rejected the report. "
                       "\"Our cooperation with Pakistan is normal,\" Lin said.")
    lin = actor_of(ctx, "Lin", nth=1)
    assert lin is not None and lin.name == "Lin Jian" and lin.country == "CHN"


def test_an_untitled_official_takes_the_state_of_the_government_named_before(nlp):
    ctx = resolve(nlp, "Israeli jets struck a depot near Tyre on Monday, Israel's army said. "
                       "Lebanon's government said it would complain to the UN Security Council. "
                       "Prime Minister Nawaf Salam urged Paris to press Israel to stop.")
    assert person(ctx, "Salam").country == "LBN"
