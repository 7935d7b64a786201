"""Claims (who said what) on sentences written for these tests.

Each test states one behaviour a user reads off ``sitrep extract`` output: the speaker, the cue,
the stance, the quote type, the hedges and the content of an attributed statement. None depends
on one parse: the bundled model is retrained from time to time, and the extractor reads every
slot both from the dependency parse and from the word order of English reporting clauses.
"""
from __future__ import annotations

import pytest

from sitrep.extract.claims import quote_spans
from sitrep.model import Claim, Document


@pytest.fixture(scope="module")
def claims_pipeline():
    """The stages claims depend on (actors, places) and claims itself."""
    from sitrep.extract.claims import ClaimExtractor
    from sitrep.pipeline import Pipeline
    from sitrep.resolve.actors import ActorResolver
    from sitrep.resolve.places import PlaceResolver

    return Pipeline(components=[ActorResolver(), PlaceResolver(), ClaimExtractor()])


def _claims(pipeline, text: str) -> list[Claim]:
    return pipeline.process(Document(id="cl", text=text, published="2025-06-02")).claims


def _by_content(claims: list[Claim], words: str) -> list[Claim]:
    return [c for c in claims if words.lower() in c.content.lower()]


# -- quotes ----------------------------------------------------------------------------------
def test_quote_spans_tolerate_mixed_marks_and_an_unclosed_quote():
    text = ('He said “we will hold the line,“ and left. She added "the pass is closed." '
            "A guard shouted ''stop there'' twice.\n“The talks are dead, a third said.\nNext paragraph.")
    found = [text[a:b] for a, b in quote_spans(text)]
    assert "we will hold the line," in found
    assert "the pass is closed." in found
    assert "stop there" in found
    assert any(f.startswith("The talks are dead") and "Next" not in f for f in found)


def test_speaker_after_the_quote_inverted(claims_pipeline):
    claims = _claims(claims_pipeline, "“Our troops will not withdraw from the ridge,” said Defence Minister "
                                      "Olek Varga of Hungary.")
    hits = _by_content(claims, "will not withdraw")
    assert hits and "Varga" in hits[0].speaker.name
    assert hits[0].quote_type == "direct"
    assert hits[0].stance == "deny"  # the proposition itself is negated


def test_speaker_after_the_quote_with_subject_first(claims_pipeline):
    claims = _claims(claims_pipeline, "Hungary's foreign minister Olek Varga spoke on Monday. "
                                      "“The pipeline deal is finished,” Varga told reporters.")
    hits = _by_content(claims, "pipeline deal is finished")
    assert hits and "Varga" in hits[0].speaker.name and hits[0].cue == "tell"


def test_quote_over_several_paragraphs_is_one_claim_and_the_next_quote_continues(claims_pipeline):
    text = ("Coach Marta Kel said after the match: “We were slow in the first half.\n\n"
            "“In the second half we fixed the spacing and the shots came.”\n\n"
            "The team flies home on Sunday.\n\n"
            "“Nobody in this room is thinking about the table,” Kel said.\n\n"
            "“We play one game at a time.”")
    claims = _claims(claims_pipeline, text)
    first = _by_content(claims, "slow in the first half")
    assert first and "fixed the spacing" in first[0].content and "Kel" in first[0].speaker.name
    follow = _by_content(claims, "one game at a time")
    assert follow and "Kel" in follow[0].speaker.name and follow[0].quote_type == "direct"


def test_quote_signed_with_a_dash(claims_pipeline):
    claims = _claims(claims_pipeline, "“The river has never been this low in spring.” ― Ilse Marten, 61, a farmer")
    hits = _by_content(claims, "never been this low")
    assert hits and "Marten" in hits[0].speaker.name


# -- indirect speech -------------------------------------------------------------------------
def test_said_that_gives_the_whole_clause(claims_pipeline):
    claims = _claims(claims_pipeline, "Romania's president said on Tuesday that Hungary had moved artillery "
                                      "to the border near Oradea.")
    hits = _by_content(claims, "moved artillery to the border")
    assert hits and hits[0].speaker.country == "ROU" and hits[0].quote_type == "indirect"


def test_bare_clause_after_a_source_noun_is_taken_whole(claims_pipeline):
    claims = _claims(claims_pipeline, "Sources claim two extra radar units will soon reinforce Serbia's "
                                      "air defences along the northern frontier.")
    hits = _by_content(claims, "reinforce Serbia's air defences")
    assert hits, claims
    assert hits[0].source_type == "anonymous" and "claim" in hits[0].hedges


def test_report_first_and_attribution_last(claims_pipeline):
    claims = _claims(claims_pipeline, "The convoy was ambushed twice on the mountain road, local officials said.")
    hits = _by_content(claims, "convoy was ambushed")
    assert hits and hits[0].source_type == "anonymous" and "said" not in hits[0].content


def test_coordinated_and_participle_cues_share_the_speaker(claims_pipeline):
    text = ("Colonel Ivo Brandt of Austria argued that joint patrols are routine, but maintained that "
            "the exercise did not constitute a deployment. He denied any role in the raid, insisting that "
            "Austrian units stayed in barracks.")
    claims = _claims(claims_pipeline, text)
    routine = _by_content(claims, "joint patrols are routine")
    amount = _by_content(claims, "did not constitute")
    barracks = _by_content(claims, "stayed in barracks")
    role = _by_content(claims, "any role in the raid")
    assert routine and "maintained" not in routine[0].content
    assert amount and amount[0].stance == "deny"
    assert role and role[0].stance == "deny" and role[0].cue == "deny"
    assert barracks and barracks[0].stance == "assert"
    for c in routine + amount + role + barracks:
        assert c.speaker and "Brandt" in c.speaker.name


def test_rejecting_allegations_as_baseless_is_a_denial_of_them(claims_pipeline):
    text = ("Bulgaria alleged that Greek patrol boats had entered its waters. Greece rejected those "
            "claims as baseless.")
    result = claims_pipeline.process(Document(id="rj", text=text))
    denial = _by_content(result.claims, "claims")
    assert denial and denial[0].stance == "deny" and denial[0].speaker.country == "GRC"
    assert "baseless" in denial[0].content
    assert denial[0].factuality < 0


def test_nominal_attributions(claims_pipeline):
    claims = _claims(claims_pipeline, "Chile's accusations that Peru had violated the fishing accord were "
                                      "discussed in Lima. Diplomats weighed the allegations by Ecuador "
                                      "that Colombian troops crossed the river.")
    chile = _by_content(claims, "violated the fishing accord")
    ecuador = _by_content(claims, "Colombian troops crossed")
    assert chile and chile[0].speaker.country == "CHL" and chile[0].quote_type == "nominal"
    assert ecuador and ecuador[0].speaker.country == "ECU"


def test_according_to_in_both_orders(claims_pipeline):
    claims = _claims(claims_pipeline, "According to Polish officials, two drones crashed near Lublin. "
                                      "Ten tanks were delivered last month, according to the defence ministry.")
    first = _by_content(claims, "two drones crashed")
    second = _by_content(claims, "ten tanks were delivered")
    assert first and first[0].quote_type == "according_to" and first[0].speaker.country == "POL"
    assert second and second[0].quote_type == "according_to"


def _speaker_of(pipeline, text: str, words: str):
    found = _by_content(_claims(pipeline, text), words)
    assert found, f"no claim about {words!r}"
    return found[0].speaker


def test_a_time_phrase_between_speaker_and_cue_is_not_the_speaker(claims_pipeline):
    sp = _speaker_of(claims_pipeline, "The Kenyan army on Wednesday accused Ugandan troops of shelling "
                                      "its border posts.", "shelling")
    assert sp is not None and sp.country == "KEN" and "Wednesday" not in sp.name


def test_the_ministry_refers_back_to_the_ministry_named_before(claims_pipeline):
    text = ("Kenya's defence ministry said 20 boats were seen on the lake. "
            "The ministry said it had tracked 47 aircraft near the border.")
    sp = _speaker_of(claims_pipeline, text, "47 aircraft")
    assert sp is not None and sp.country == "KEN"


def test_the_official_refers_back_to_the_official_described_before(claims_pipeline):
    text = ("Rebel spokesman Noah Lemu said the army fired first. "
            "A senior Kenyan security official said rebels had opened fire on a post. "
            "Two Kenyan soldiers were wounded, the official said.")
    sp = _speaker_of(claims_pipeline, text, "soldiers were wounded")
    assert sp is not None and sp.country == "KEN" and "Lemu" not in sp.name


def test_a_capital_opening_the_sentence_places_an_unnamed_ministry(claims_pipeline):
    text = ("Uganda's defence ministry said 40 drones were downed. "
            "In Nairobi, the defence ministry said Kenya had handed over two radars to Rwanda.")
    sp = _speaker_of(claims_pipeline, text, "radars")
    assert sp is not None and sp.country == "KEN"


def test_a_spokesman_speaks_for_the_institution_that_owns_him(claims_pipeline):
    claims = _claims(claims_pipeline, "The Kremlin's spokesman rejected accusations that Moscow targets civilians.")
    denials = [c for c in claims if c.stance == "deny"]
    assert denials and denials[0].speaker is not None and denials[0].speaker.country == "RUS"
    # the denier is not the author of the accusation it rejects
    assert not any(c.stance == "assert" and c.speaker is not None and c.speaker.country == "RUS" for c in claims)


# -- hedges and factuality -------------------------------------------------------------------
def test_reportedly_makes_a_source_less_hedged_claim(claims_pipeline):
    claims = _claims(claims_pipeline, "Egypt has reportedly ordered twelve patrol boats from a German yard.")
    hits = _by_content(claims, "ordered twelve patrol boats")
    assert hits and hits[0].speaker is None and hits[0].quote_type == "hedged"
    assert hits[0].hedged and "reportedly" in hits[0].hedges
    assert hits[0].source_type == "unattributed"
    assert 0 < hits[0].factuality < 3


def test_factuality_orders_certain_hedged_and_denied(claims_pipeline):
    claims = _claims(claims_pipeline, "Kenya said that its troops entered the town. Uganda said that its "
                                      "troops may enter the valley. Tanzania denied that its troops entered the camp.")
    certain = _by_content(claims, "entered the town")[0].factuality
    hedged = _by_content(claims, "may enter the valley")[0].factuality
    denied = _by_content(claims, "entered the camp")[0].factuality
    assert certain > hedged > 0 > denied


# -- precision -------------------------------------------------------------------------------
def test_nouns_and_things_are_not_speakers(claims_pipeline):
    claims = _claims(claims_pipeline, "The question of the border crossings remains open. These figures "
                                      "indicate a sharp rise in shipments. The claims were discussed at length.")
    assert claims == []


def test_reporting_verb_with_a_topic_object_is_no_claim(claims_pipeline):
    claims = _claims(claims_pipeline, "Norway's prime minister stressed the need for calm and announced "
                                      "a new aid package.")
    assert claims == []


def test_evidence_of_a_quote_over_several_sentences_stays_inside_each_sentence(claims_pipeline):
    text = ("“The bridge is closed. The ferry is the only way across. Nobody knows for how long,” "
            "said Mayor Petra Lind of Estonia.")
    result = claims_pipeline.process(Document(id="ev", text=text))
    hits = _by_content(result.claims, "bridge is closed")
    assert hits and "ferry" in hits[0].content
    for ev in hits[0].evidence:
        assert text[ev.start:ev.end] in ev.text


def test_a_gerund_after_a_denial_is_its_content(claims_pipeline):
    claims = _claims(claims_pipeline, "Belarus denied supplying anti-ship missiles to Sudan.")
    hits = _by_content(claims, "supplying anti-ship missiles")
    assert hits and hits[0].speaker.country == "BLR" and hits[0].stance == "deny"


# -- attitudes: attributions that are no statement of fact ----------------------------------------
@pytest.fixture(scope="module")
def attitude_stages():
    from sitrep.extract.claims import ClaimExtractor
    from sitrep.pipeline import Pipeline
    from sitrep.resolve.actors import ActorResolver
    from sitrep.resolve.places import PlaceResolver

    return Pipeline(components=[ActorResolver(), PlaceResolver(), ClaimExtractor()])


def _attitudes(pipeline, text: str):
    """(claims, attitudes) of ``text``: the attitudes sit in ``ctx.attitudes``, not in the claims."""
    from sitrep.pipeline import DocContext

    document = Document(id="at", text=text)
    ctx = DocContext(document=document, doc=pipeline.parse(document))
    for comp in pipeline.components:
        comp(ctx)
    return ctx.claims, [cs.claim for cs in ctx.attitudes]


@pytest.mark.parametrize("text, act, words", [
    ("Governor Ilse Marten wants to double the size of the reserve fund.", "intend", "to double the size"),
    ("Marten has called for a moratorium on new mines in the valley.", "demand", "a moratorium on new mines"),
    ("The teachers' union endorsed Ilse Marten for governor on Friday.", "endorse", "Ilse Marten for governor"),
    ("Ilse Marten praised the new school budget.", "evaluate", "the new school budget"),
])
def test_wishes_demands_and_endorsements_are_attitudes_not_claims(attitude_stages, text, act, words):
    claims, attitudes = _attitudes(attitude_stages, text)
    assert claims == []
    hits = _by_content(attitudes, words)
    assert hits and hits[0].act == act and hits[0].speaker is not None


def test_an_agentless_expectation_is_an_attitude_without_a_holder(attitude_stages):
    claims, attitudes = _attitudes(attitude_stages, "The new bridge is expected to open next spring.")
    assert claims == []
    hits = _by_content(attitudes, "bridge is expected to open")
    assert hits and hits[0].speaker is None and hits[0].act == "believe"


def test_an_activity_after_a_preposition_is_nobodys_attitude(attitude_stages):
    # "roles in supporting X": what China did, not what Ruritania or China wants
    text = "Ruritania says China played a major role in supporting the rebels during the war."
    _, attitudes = _attitudes(attitude_stages, text)
    assert not _by_content(attitudes, "the rebels")
    # an attitude verb with its own subject still counts
    _, attitudes = _attitudes(attitude_stages, "Ilse Marten has called for a moratorium on new mines.")
    assert _by_content(attitudes, "a moratorium")


def test_attitudes_can_be_kept_as_claims():
    from sitrep.extract.claims import ClaimExtractor
    from sitrep.pipeline import Pipeline
    from sitrep.resolve.actors import ActorResolver
    from sitrep.resolve.places import PlaceResolver

    pipeline = Pipeline(components=[ActorResolver(), PlaceResolver(), ClaimExtractor(attitudes_as_claims=True)])
    claims = _claims(pipeline, "Governor Ilse Marten wants to double the size of the reserve fund.")
    hits = _by_content(claims, "to double the size")
    assert hits and hits[0].act == "intend"


def test_a_document_subject_reports_its_object(claims_pipeline):
    claims = _claims(claims_pipeline, "Recent polls show a close race in the northern districts.")
    hits = _by_content(claims, "a close race")
    assert hits and hits[0].source_type == "document"
    # a person or body that shows a thing reports nothing
    assert _claims(claims_pipeline, "The army showed the captured rifles to reporters.") == []


def test_a_to_infinitive_is_the_content_of_claim(claims_pipeline):
    claims = _claims(claims_pipeline, "Ilse Marten claimed to have seen the documents herself.")
    hits = _by_content(claims, "to have seen the documents")
    assert hits and hits[0].act == "claim"


def test_a_view_needs_its_as_and_knowing_needs_a_proposition(attitude_stages):
    _, attitudes = _attitudes(attitude_stages, "Many veterans saw the remark as an insult to the army.")
    hits = _by_content(attitudes, "the remark as an insult")
    assert hits and hits[0].act == "evaluate"
    assert _attitudes(attitude_stages, "Ilse Marten saw the explosion from her window.") == ([], [])
    assert _attitudes(attitude_stages, "Ilse Marten knows what the council will do next.") == ([], [])
    _, attitudes = _attitudes(attitude_stages, "Ilse Marten knows that the council will vote against the plan.")
    hits = _by_content(attitudes, "the council will vote against")
    assert hits and hits[0].act == "believe" and "Marten" in hits[0].speaker.name


def test_a_headline_label_naming_a_document_is_its_source(claims_pipeline):
    claims = _claims(claims_pipeline, "Poll: Marten and Kel tied before the debate\n\nThe vote is on Sunday.")
    hits = _by_content(claims, "Marten and Kel tied")
    assert hits and hits[0].source_type == "document"
    assert _claims(claims_pipeline, "Warning: the road is closed.") == []


def test_attitudes_reach_the_extraction_output_apart_from_claims(pipeline):
    """"X wants to", "X called for": attributed, but no statement of fact; users see them
    under ``attitudes``, and the claims stay what people assert."""
    from sitrep.model import Document, to_dict

    ext = pipeline.process(Document(id="att", text="Brazil called for an immediate ceasefire in the region."))
    data = to_dict(ext)
    assert any(a["act"] == "demand" and a["speaker"]["country"] == "BRA" for a in data["attitudes"])
    assert all(c["act"] != "demand" for c in data["claims"])
