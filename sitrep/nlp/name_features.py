"""Lexical name features for the model's tok2vec: "is a word of a place name", "is a first name".

The trained NER has seen a few thousand names; these two flags tell it about the rest of the
world's places and common given names.  They are spaCy lexeme flags (``FLAG40``, ``FLAG41``),
which ``MultiHashEmbed`` embeds like any other lexical attribute (``training/config.cfg``).
The word lists are built by ``training/name_lists.py`` and ship in
``sitrep/data/ner_features/``; the model's config calls :func:`make_name_flags` right after
creating the pipeline, so the flags are set the same way in training and at run time.  Only
capitalised words get a flag: "Karachi", "KARACHI" yes, "mobile" no.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from spacy.attrs import FLAG40, FLAG41
from spacy.language import Language
from spacy.util import registry

FEATURES_DIR = Path(__file__).resolve().parents[1] / "data" / "ner_features"
PLACE_WORD = FLAG40
FIRST_NAME = FLAG41


@cache
def _words(filename: str) -> frozenset[str]:
    path = FEATURES_DIR / filename
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())


def _flag(filename: str) -> Callable[[str], bool]:
    words = _words(filename)

    def has_flag(string: str) -> bool:
        return string[:1].isupper() and string.lower() in words

    return has_flag


def is_place_word(string: str) -> bool:
    return _flag("place_words.txt")(string)


def is_first_name(string: str) -> bool:
    return _flag("first_names.txt")(string)


def add_name_flags(nlp: Language) -> Language:
    """Register both flags on the pipeline's vocabulary (new lexemes get them too)."""
    nlp.vocab.add_flag(_flag("place_words.txt"), flag_id=PLACE_WORD)
    nlp.vocab.add_flag(_flag("first_names.txt"), flag_id=FIRST_NAME)
    return nlp


@registry.callbacks("sitrep.name_flags.v1")
def make_name_flags() -> Callable[[Language], Language]:
    """``[nlp.after_creation]`` callback of sitrep's model config."""
    return add_name_flags
