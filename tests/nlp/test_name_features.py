"""The NER's lexical name flags: set in training and at run time from the shipped word lists."""

from __future__ import annotations

import spacy

from sitrep.nlp.name_features import FIRST_NAME, PLACE_WORD, add_name_flags, is_first_name, is_place_word


def test_place_words_cover_countries_provinces_and_cities():
    for word in ("Pakistan", "Karachi", "Punjab", "Khyber", "Kyiv", "Palawan", "KARACHI"):
        assert is_place_word(word), word


def test_common_words_and_lower_case_are_not_flagged():
    for word in ("Police", "police", "karachi", "The", "Best"):
        assert not is_place_word(word), word
    assert not is_first_name("Will")
    assert not is_first_name("mario")


def test_first_names():
    for word in ("Mario", "Andrea", "Susan", "James"):
        assert is_first_name(word), word
    assert not is_first_name("Karachi")


def test_flags_reach_the_token_array():
    nlp = add_name_flags(spacy.blank("en"))
    doc = nlp("Andrea flew to Karachi with police")
    places = doc.to_array([PLACE_WORD]).tolist()
    names = doc.to_array([FIRST_NAME]).tolist()
    assert places == [0, 0, 0, 1, 0, 0]
    assert names == [1, 0, 0, 0, 0, 0]
    assert doc[3].check_flag(PLACE_WORD) and not doc[5].check_flag(PLACE_WORD)


def test_the_training_config_embeds_the_flags():
    from pathlib import Path

    from spacy.util import load_config

    cfg = load_config(Path(__file__).resolve().parents[2] / "training" / "config.cfg")
    assert cfg["nlp"]["after_creation"]["@callbacks"] == "sitrep.name_flags.v1"
    assert {"FLAG40", "FLAG41"} <= set(cfg["components"]["tok2vec"]["model"]["embed"]["attrs"])
