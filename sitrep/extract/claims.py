"""Claims: every attributed statement, with speaker, cue, stance, hedging and content.

The parser that feeds this stage is small and still changing, so every form is found with two
readings that back each other up: the dependency parse where it is sane, and the word order of
English reporting clauses where it is not (a cue verb's speaker sits just before it or, inverted,
just after; its content runs from the complementiser to the end of the clause). Forms:

* direct quotes, straight or curly, odd quote counts tolerated, quotes running over several
  paragraphs, with the speaker before ("X said: “…”"), after ("“…,” said the minister") or in the
  middle of the quote; a quoted paragraph with no cue of its own continues the previous speaker;
* reporting verbs with a clause: "X said (that) …", "X denied that …", "officials say the …";
* reporting verbs whose object is the content: "X denied any involvement", "X dismissed the
  reports as baseless" (a denial of the reports it points back to), "X cited evidence …",
  "X pointed to …";
* participles and coordinated cues that share their speaker: "…, asserting that …",
  "X argued … but insisted that …", "although she conceded that …";
* nominal attributions: "Chile's accusations that …", "allegations by X that …",
  "a communique issued by Oslo saying that …";
* "according to X, …", "…, according to X", "as per X", "citing X";
* source-less hedged statements: "Norway has reportedly signed …", "X is said to …";
* signed quotes ("“…” ― Jane Roe, a nurse") and transcript or headline lines ("SMITH: …");
* what a document shows or finds: "polls show a close race" (``object_from_documents``);
  a headline label naming one: "Poll: Clinton leads in Ohio".

Attitudes are attributions that state nothing: a wish, plan or expectation ("X wants to …", "is
expected to …"), a demand ("called for a ceasefire"), an endorsement or evaluation ("endorsed Y",
"praised the deal"), a topic ("discussed the budget"). They are read like claims, with the same
speakers and content spans (cues in ``attitude_verbs`` and ``attitude_phrasal`` of cues.yaml),
and kept apart in ``ctx.attitudes`` (``Claim`` records, act intend/demand/endorse/evaluate/topic/
believe), so that the claims stay what people assert; ``ClaimExtractor(attitudes_as_claims=True)``
puts them among the claims. A claim verb that reports no statement in its sentence ("criticised
the plan", "hopes to win") is read as its attitude.

Speakers come from the actor stage (names, titles, pronouns it resolved); where it has none, from
the words themselves: a run of capitalised names before or after the cue, a source noun ("Kenyan
sources", "the report", "the newspaper" -> anonymous/document/media), the last person quoted for
"he/she said", the last company or outlet quoted for "it said".

Stance is ``deny`` when the cue is a denial (deny, reject, refute, dismiss …), when a
characterisation calls the thing false ("called the reports baseless"), or when the claimed
proposition is itself negated ("insisted that the drill was not a threat …"); otherwise ``assert``.
The word lists (cues, source nouns, hedges, boosters) live in ``data/lexicons/cues.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from sitrep import lexicons
from sitrep.extract.syntax import base, before_time_phrase, case_of, is_negated, subjects
from sitrep.model import Actor, Claim
from sitrep.resolve.actors import surname_of

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.pipeline import DocContext

OPEN_QUOTES = ("“", "\"", "‘", "«", "„", "``", "''")
CLOSE_QUOTES = ("”", "\"", "’", "»", "“", "''")
DOUBLE_QUOTES = "“”\"«»„"
FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
# Words that may sit between a speaker and the cue verb: "X has also firmly denied", "X then said".
GAP_POS = ("AUX", "ADV", "PART")
BOUNDARY_WORDS = {"and", "but", "while", "though", "although", "whereas", "yet", ";", ",", "—", "–", "-", ":"}
SUBORDINATORS = {"while", "though", "although", "whereas", "as", "because", "since", "when", "after", "before",
                 "if", "unless", "despite"}
PRONOUN_SUBJECTS = {"it", "this", "that", "which", "what", "who", "there", "these", "those"}


@dataclass
class ClaimSpan:
    """Where a claim sits in the parse, for the stages that link events to claims."""

    claim: Claim
    cue: int  # token index of the cue
    start: int  # token span of the content
    end: int
    speakers: list[Actor]
    responds_to: list[str] = field(default_factory=list)  # ids of earlier claims this one answers


# -- quotes ------------------------------------------------------------------------------------
QUOTE_MARK_RE = re.compile(r"''|``|[“”\"«»„]")


def _is_open(text: str, i: int, j: int | None = None) -> bool | None:
    """Whether the quote mark at ``text[i:j]`` opens (True), closes (False) or could do either (None).

    Typographers and scrapers mix up “ and ”, so the mark's neighbours decide, not its shape.
    """
    j = i + 1 if j is None else j
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    space_before = before.isspace() or before in "([{—–-/" or i == 0
    space_after = after.isspace() or after in ".,;:!?)]}—–" or j == len(text)
    if space_before and not space_after:
        return True
    if space_after and not space_before:
        return False
    mark = text[i:j]
    if mark in ("“", "«", "„", "``"):
        return True
    if mark in ("”", "»"):
        return False
    return None


def quote_spans(text: str | Doc) -> list[tuple[int, int]]:
    """Character spans (inner text) of quoted passages.

    Handles curly and straight double quotes, doubled apostrophes and backquotes ('' and ``, as
    some newspapers and typewritten copy have them), guillemets, single curly quotes used as quotation
    marks (not apostrophes), a quote left open at the end of a paragraph (closed there, unless the
    next paragraph opens with a quote mark: the newspaper convention for a quote that runs over
    several paragraphs, which is then one passage).
    """
    if isinstance(text, Doc):
        text = text.text
    spans: list[tuple[int, int]] = []
    marks = [(m.start(), m.end()) for m in QUOTE_MARK_RE.finditer(text)]
    open_at: int | None = None
    open_end = 0
    for i, j in marks:
        kind = _is_open(text, i, j)
        if open_at is None:
            if kind is False:
                continue  # a stray closing mark
            open_at, open_end = i, j
            continue
        between = text[open_end:i]
        if kind is True and between.rstrip(" \t").endswith("\n") and "\n" not in between.strip():
            continue  # the quote ran to the end of its paragraph and this mark reopens it
        if "\n" in between.strip("\n"):
            # the quote crossed a paragraph break: continues only if that paragraph reopens it
            paras = re.split(r"\n\s*\n|\n", between)
            if not all(p.lstrip()[:1] in DOUBLE_QUOTES or p.lstrip()[:2] in ("''", "``") or not p.strip()
                       for p in paras[1:]) and kind is not False:
                # the first paragraph's quote was never closed: close it at its paragraph end
                end = open_end + len(paras[0])
                _add_span(spans, text, open_end, end)
                open_at, open_end = i, j
                continue
            if kind is True and i > 0 and text[:i].rstrip(" \t").endswith("\n"):
                continue  # the reopening mark of a continued quote
        if kind is True and not between.strip():
            open_at, open_end = i, j
            continue
        _add_span(spans, text, open_end, i)
        open_at = None
    if open_at is not None:
        end = text.find("\n", open_at)
        _add_span(spans, text, open_end, len(text) if end < 0 else end)
    # single curly quotes: ‘…’ where ‘ starts a word and ’ ends one (’ inside words is an apostrophe)
    for m in re.finditer(r"(?<![\w])‘([^‘’\n]{2,}?)’(?![\w])", text):
        if not any(s <= m.start() < e for s, e in spans):
            _add_span(spans, text, m.start(1), m.end(1))
    return sorted(spans)


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    inner = text[start:end]
    stripped = inner.strip()
    if not stripped:
        return
    if len(stripped.split()) >= 2 or stripped[:1].isalpha():
        lead = len(inner) - len(inner.lstrip())
        trail = len(inner) - len(inner.rstrip())
        spans.append((start + lead, end - trail))


# -- factuality --------------------------------------------------------------------------------
def factuality_of(pred: Token, lex: dict, hedges: list[str] | None = None, negated: bool | None = None,
                  boosted: bool = False) -> float:
    """Factuality of the predicate ``pred`` on the −3..+3 scale (FactBank/UW convention).

    Why a scale and not a flag: users sort and filter claims by how firmly they are put. Certain
    (+3) unless the clause says otherwise: weak modals and possibility words (may, might, could,
    possibly) bring it to +1, probability words (likely, probably, would, will, expected) to +2,
    attribution hedges (reportedly, allegedly, a cue like "allege") to +1.5, an intention or wish
    the predicate sits under (plans to, wants to, seeks to) to 0, a condition ("if …") or question
    to 0; a negation turns the sign.
    """
    weak = set(lex.get("factuality_weak", []))
    probable = set(lex.get("factuality_probable", []))
    intent = set(lex.get("factuality_intent", []))
    value = 3.0
    words = {c.lower_ for c in pred.children if base(c.dep_) in ("aux", "advmod", "mark", "cop")}
    words |= {h for h in (hedges or [])}
    if words & weak:
        value = 1.0
    elif words & probable:
        value = 2.0
    if words & set(lex.get("hedge_adverbs", [])) and value > 1.5:
        value = 1.5
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in pred.children):
        value = 0.0
    node = pred
    denied = False
    deny_cues = {v for v, info in (lex.get("verbs") or {}).items() if (info or {}).get("stance") == "deny"}
    for _ in range(3):
        rel = base(node.dep_)
        if node.head.i == node.i or node.dep_ == "acl:relcl" or rel not in ("xcomp", "ccomp", "conj", "acl", "advcl",
                                                                        "obj", "obl"):
            break  # a relative clause is presupposed: the clause it hangs on does not colour it
        head = node.head
        lemma = head.lemma_.lower()
        if rel in ("obj", "obl") and not (lemma in intent and head.pos_ == "VERB"):
            break  # "asked for an explanation" is not yet a fact; "saw the explosion" is
        if rel in ("xcomp", "ccomp", "acl", "obj", "obl") and lemma in intent:
            value = min(value, 0.0)
            break
        if rel == "xcomp" and lemma in weak | probable:
            value = min(value, 2.0)
        if rel in ("ccomp", "xcomp") and lemma in set(lex.get("hedge_cues", [])):
            value = min(value, 1.5)
        if rel in ("ccomp", "xcomp") and lemma in deny_cues:
            denied = True  # "denied accepting funds": what is denied is put as false
        node = head
    if boosted and value >= 2.0:
        value = 3.0
    if negated is None:
        negated = is_negated(pred) or any(is_negated(a) for a in pred.children if base(a.dep_) == "aux")
        negated = negated != denied
    if negated and value > 0:
        value = -value
    return value


# -- the component -----------------------------------------------------------------------------
# Prepositions before a gerund that name an activity or a topic rather than report a stance:
# "roles in supporting Pakistan", "accused of backing rebels", "talks about calling for a vote".
ACTIVITY_PREPOSITIONS = {"in", "of", "for", "about", "at", "on"}


def _activity_gerund(tok: Token) -> bool:
    """A gerund after such a preposition, with no subject of its own: no one's attitude.

    ("China played a role in supporting Pakistan" says what China did, not what anyone wants;
    "by supporting the plan, X ..." and "after calling for talks" keep their subject's attitude.)
    """
    if tok.tag_ != "VBG":
        return False
    if any(base(c.dep_) in ("nsubj", "csubj") for c in tok.children):
        return False
    return any(c.dep_ in ("mark", "case") and c.lower_ in ACTIVITY_PREPOSITIONS and c.i < tok.i
               for c in tok.children)


class ClaimExtractor:
    """Pipeline component: fills ``ctx.claims`` and ``ctx.claim_index``."""

    name = "claims"

    def __init__(self, attitudes_as_claims: bool = False) -> None:
        data = lexicons.cues()
        self.lex = data
        self.verbs: dict[str, dict] = data["verbs"]
        # attitudes (wants, plans, endorses, calls for): attributions that are no statement of
        # fact; kept in ``ctx.attitudes`` unless ``attitudes_as_claims``
        self.attitude_verbs: dict[str, dict] = {k: dict(v or {}, attitude=True)
                                                for k, v in (data.get("attitude_verbs") or {}).items()}
        self.attitude_phrasal: dict[tuple[str, str], dict] = {
            tuple(k.split()): dict(v or {}, attitude=True, particle=k.split()[1])
            for k, v in (data.get("attitude_phrasal") or {}).items()}
        self.attitudes_as_claims = attitudes_as_claims
        self.nouns: dict[str, dict] = data["nouns"]
        self.clause_only = set(data.get("clause_only", []))
        self.hedge_adverbs = set(data.get("hedge_adverbs", []))
        self.attribution_adverbs = set(data.get("attribution_adverbs", []))
        self.hedge_words = set(data.get("hedge_words", []))
        self.boosters = set(data.get("boosters", []))
        self.dismissive = set(data.get("dismissive_words", []))
        self.source_nouns: dict[str, str] = data.get("source_nouns", {}) or {}
        self.passive_hedges = set(data.get("passive_hedges", []))
        self.not_cue_after = set(data.get("not_cue_after", []))
        self.noun_homographs = set(data.get("noun_homographs", []))
        self.not_person_ents = {e.lower() for e in data.get("not_person_entities", [])}
        self.inference_cues = set(data.get("inference_cues", []))
        self.question_words = set(data.get("question_words", []))
        roles = lexicons.roles()
        self.title_words = {w for t in roles["titles"] for w in str(t).split()} \
            | set(roles.get("honorifics", [])) | set(data.get("rank_words", []))

    def __call__(self, ctx: "DocContext") -> None:
        doc = ctx.doc
        self.ctx = ctx
        self.quotes = quote_spans(doc.text)
        self.quote_tokens = self._quote_tokens(doc)
        self.seg = self._segments(doc)
        self.cue_at = {t.i for t in doc if self._is_cue_verb(t)}
        self.attitude_at: dict[int, dict] = {}
        for t in doc:
            info = self._attitude_info(t)
            if t.i not in self.cue_at and info is not None and self._is_cue_verb(t, info):
                self.attitude_at[t.i] = info
        self.segment_speaker: dict[int, list[Actor]] = {}
        self.people: dict[str, Actor] = {}  # surname -> person named in this document
        for m in ctx.mentions:
            surname = surname_of(m.actor) if m.actor.kind == "person" else None
            if surname:
                self.people.setdefault(surname, m.actor)
        self.last_person: Actor | None = None
        self.last_body: Actor | None = None  # the last company, outlet or document quoted
        spans: list[ClaimSpan] = []
        attitudes: list[ClaimSpan] = []
        used_cues: set[int] = set()
        used_quotes: set[int] = set()
        spans.extend(self._direct_quotes(used_cues, used_quotes))
        spans.extend(self._speaker_lines(used_quotes))
        for tok in doc:
            if tok.i in used_cues:
                continue
            found = None
            if tok.i in self.cue_at:
                found = self._verbal(tok)
                info = self._attitude_info(tok)
                if not found and info is not None:
                    # "hopes to win", "expects Clinton to win": an attitude, not a statement
                    found = self._verbal(tok, info)
                    if found and not self.attitudes_as_claims:
                        used_cues.add(tok.i)
                        attitudes.extend(found)
                        continue
            elif tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in self.nouns:
                found = self._nominal(tok)
            elif tok.lower_ in ("according", "per", "citing", "quoting"):
                found = self._according_to(tok)
            elif tok.i in self.attitude_at:
                found = self._verbal(tok, self.attitude_at[tok.i])
                if found and not self.attitudes_as_claims:
                    used_cues.add(tok.i)
                    attitudes.extend(found)
                    continue
            if found:
                used_cues.add(tok.i)
                spans.extend(found)
                for cs in found:
                    if cs.speakers:
                        self.segment_speaker[self.seg[tok.i][0]] = cs.speakers
        spans.extend(self._continued_quotes(spans, used_quotes))
        spans.extend(self._hedged(doc, spans))
        spans = _dedupe(spans)
        for cs in spans:
            cs.claim.id = ctx.new_id("c")
        self._link_responses(spans)
        for cs in spans:
            ctx.claims.append(cs.claim)
        ctx.claim_index = spans
        # attitudes: "X wants to …", "X endorsed Y", "X called for …" (act intend, endorse, demand,
        # evaluate, topic, believe): attributions, but no statements; ids "<doc>:att<n>"
        attitudes = _dedupe(attitudes)
        for cs in attitudes:
            cs.claim.id = ctx.new_id("att")
        ctx.attitudes = attitudes

    def _attitude_info(self, tok: Token) -> dict | None:
        """The attitude cue ``tok`` is, if any: a verb ("wants", "endorsed") or a verb with its
        particle ("called for")."""
        if _activity_gerund(tok):
            return None
        lemma = tok.lemma_.lower()
        if tok.i + 1 < len(tok.doc):
            info = self.attitude_phrasal.get((lemma, tok.nbor(1).lower_))
            if info is not None:
                return info
        return self.attitude_verbs.get(lemma)

    # -- text structure ------------------------------------------------------------------------
    def _quote_tokens(self, doc: Doc) -> dict[int, int]:
        """Token index -> index of the quote (in ``self.quotes``) it lies in."""
        out: dict[int, int] = {}
        for n, (qs, qe) in enumerate(self.quotes):
            span = doc.char_span(qs, qe, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                out[t.i] = n
        return out

    def _segments(self, doc: Doc) -> list[tuple[int, int]]:
        """Token -> (start, end) of its sentence, splitting where the parser ran sentences together.

        The parser sometimes glues the sentence after a closing quote (``defeat.” He insisted``) or
        after a paragraph break onto the previous one; a claim's content must not run over.
        """
        bounds = {0, len(doc)}
        for sent in doc.sents:
            # a break the parser made in mid-sentence ("told the Times Tuesday | morning that …")
            # is not taken: a sentence ends at final punctuation, a closing quote or a newline
            if sent.start == 0:
                continue
            prev = doc[sent.start - 1]
            if prev.text in (".", "!", "?", ";", ":", "…") or prev.text in CLOSE_QUOTES or prev.text in (")", "]") \
                    or prev.is_space or "\n" in prev.whitespace_ or prev.text.endswith((".", "!", "?")):
                bounds.add(sent.start)
        for t in doc:
            if t.i + 1 >= len(doc):
                continue
            nxt = doc[t.i + 1]
            if "\n" in t.whitespace_ or "\n" in t.text:
                bounds.add(t.i + 1)
            elif t.text in ".!?" and nxt.text in CLOSE_QUOTES and t.i + 2 < len(doc) \
                    and doc[t.i + 2].text[:1].isupper():
                bounds.add(t.i + 2)
            elif t.text in ".!?" and nxt.text[:1].isupper() and nxt.text not in OPEN_QUOTES and len(doc[t.i - 1].text) > 2 \
                    and nxt.pos_ in ("PRON", "DET", "PROPN") and t.whitespace_:
                bounds.add(t.i + 1)
        ordered = sorted(bounds)
        seg: list[tuple[int, int]] = [(0, 0)] * len(doc)
        for a, b in zip(ordered, ordered[1:]):
            for i in range(a, b):
                seg[i] = (a, b)
        return seg

    def _is_cue_verb(self, tok: Token, info: dict | None = None) -> bool:
        lemma = tok.lemma_.lower()
        if info is None and lemma not in self.verbs:
            return False
        if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            # "the rebels deny …" tagged as a noun: a cue that is never a noun, right after an actor
            after_actor = tok.i > 0 and tok.i - 1 in self.ctx.mention_at and tok.i + 1 < len(tok.doc)
            if not (after_actor and lemma not in self.nouns and lemma not in self.noun_homographs
                    and not tok.nbor(1).is_punct) and not (
                    # "The Post reports that …" / "…, the Journal reports.": a noun-verb homograph
                    # right after an actor and before a complementiser or the sentence end
                    after_actor and tok.tag_ in ("NNS", "NN") and tok.lower_.endswith("s")
                    and tok.nbor(1).lower_ in ("that", ":", ".")):
                return False
        if tok.i in self.quote_tokens:
            return False  # the speaker's own words: reported speech inside a quote is not ours
        prev = tok.nbor(-1) if tok.i > 0 else None
        if prev is not None and (prev.lower_ in self.not_cue_after or prev.tag_ in ("DT", "PRP$", "POS")):
            return False  # "the claim", "its statement": a noun the tagger called a verb
        if tok.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in tok.children) \
                and (prev is None or prev.lower_ not in ("has", "have", "had", "having")):
            # a bare participle modifying a noun ("the memo circulated by ...") is no cue of its own,
            # unless it is the passive of a hedge ("is said to") handled elsewhere
            if tok.dep_ in ("amod", "acl") and base(tok.head.dep_) != "ROOT":
                return False
        return True

    # -- direct quotes -------------------------------------------------------------------------
    def _direct_quotes(self, used_cues: set[int], used_quotes: set[int]) -> list[ClaimSpan]:
        """"“…,” said X", "“…,” X said", "X said: “…”": a quote with its cue right next to it."""
        doc = self.ctx.doc
        out: list[ClaimSpan] = []
        for n, (qs, qe) in enumerate(self.quotes):
            inner = doc.char_span(qs, qe, alignment_mode="expand")
            if inner is None or len(inner) < 2:
                continue
            found = self._cue_after_quote(inner) or self._cue_before_quote(inner) or self._dash_after_quote(inner)
            if found is None:
                continue
            cue, speakers = found
            lemma = cue.lemma_.lower() if cue.lemma_.lower() in self.verbs else "say"
            info = self.verbs.get(lemma, {})
            used_cues.add(cue.i)
            used_quotes.add(n)
            stance = info.get("stance", "assert")
            if stance == "assert" and self._negated_content(inner):
                stance = "deny"  # “We did not send troops,” said X
            for s in speakers:
                out.append(self._claim(s, cue, lemma, info.get("act"), stance, inner, quote_type="direct",
                                       hedge_cue=bool(info.get("hedge"))))
            if speakers:
                self.segment_speaker[self.seg[cue.i][0]] = speakers
                self._remember(speakers)
        return out

    def _cue_after_quote(self, inner: Span) -> tuple[Token, list[Actor]] | None:
        doc = self.ctx.doc
        last = inner[-1].text
        i = inner.end
        if "\n" in inner[-1].whitespace_:
            return None
        while i < len(doc) and (doc[i].is_punct and doc[i].text not in "—–(") and i - inner.end < 3:
            if doc[i].text in ".!?;" or "\n" in doc[i].whitespace_:
                return None  # the sentence ended with the quote: what follows is a new sentence
            i += 1
        if i >= len(doc) or i == inner.end and not doc[inner.end - 1].is_punct:
            return None
        closed = last == "." or (last in "!?" and doc[i].text[:1].isupper() and i not in self.cue_at
                                 and doc[i].pos_ not in ("PROPN",))
        # "said X" / "X said" / "X, the minister, said" within a few tokens, before the sentence ends
        for j in range(i, min(len(doc), i + 10)):
            t = doc[j]
            if t.text in ".!?;" or (t.i > i and t.text in OPEN_QUOTES) or t.is_space or "\n" in t.text:
                break
            if j in self.cue_at:
                if t.tag_ == "VBG" or self._has_own_content(t):
                    return None  # "…,” highlighting …" / "…,” he said that …": not this quote's cue
                if closed and not self._ends_soon(t):
                    return None  # “….” He insisted that …: the quote closed its own sentence
                if j == i:  # inverted: "said the foreign minister"
                    speakers = self._speakers_right(t) or self._speakers(t)
                else:
                    speakers = self._speakers(t) or self._actors_between(i, j)
                if speakers:
                    return t, speakers
                return None
        return None

    def _dash_after_quote(self, inner: Span) -> tuple[Token, list[Actor]] | None:
        """"“…” ― Jane Roe, a nurse": a quote signed with a dash and the speaker's name."""
        doc = self.ctx.doc
        i = inner.end
        while i < len(doc) and (doc[i].text in CLOSE_QUOTES or doc[i].is_space) and i - inner.end < 3:
            i += 1
        if i + 1 >= len(doc) or doc[i].text not in ("―", "—", "–", "--", "-"):
            return None
        dash = doc[i]
        k = i + 1
        while k < len(doc) and doc[k].is_space:
            k += 1
        if k >= len(doc):
            return None
        m = self.ctx.mention_at.get(k)
        if m is not None:
            return dash, list(m.actors)
        end = k
        while end < len(doc) and end - k < 4 and self._name_token(doc[end]):
            end += 1
        if end > k:
            return dash, [self._person(doc[k:end])]
        return None

    def _speaker_lines(self, used_quotes: set[int]) -> list[ClaimSpan]:
        """"SMITH: We will win." / "Jane Roe: The talks failed": a line given to a named speaker.

        Interview transcripts and headlines put the speaker's name and a colon before the words.
        """
        doc = self.ctx.doc
        out = []
        starts = sorted({a for a, _ in self.seg})
        for a in starts:
            b = self.seg[a][1]
            colon = next((k for k in range(a, min(b, a + 6)) if doc[k].text == ":"), None)
            if colon is None or colon == a or b - colon < 5:
                continue
            if a > 0 and not ("\n" in doc[a - 1].whitespace_ or doc[a - 1].is_space or "\n" in doc[a - 1].text):
                continue  # not at the start of a line
            names = [doc[k] for k in range(a, colon)]
            kind = self.source_nouns.get(names[0].lower_) or self.source_nouns.get(names[0].lemma_.lower())
            if len(names) == 1 and kind == "document" and a not in self.ctx.mention_at and not names[0].text.isupper():
                # a headline "Poll: Clinton leads in Ohio", "Report: …": the poll or report says it
                span = _trim(doc[colon + 1:b])
                if span is not None:
                    out.append(self._claim(self._anonymous(_clean(names[0].text), kind, a, colon), doc[colon], "say",
                                           "state", "assert", span, quote_type="indirect"))
                continue
            if not all(t.pos_ == "PROPN" or t.text.isupper() or t.lower_.rstrip(".") in self.title_words for t in names):
                continue
            if any(t.ent_type_.lower() in self.not_person_ents or t.i in self.ctx.place_by_token for t in names):
                continue
            m = next((self.ctx.mention_at[k] for k in range(a, colon) if k in self.ctx.mention_at), None)
            if all(t.text.isupper() for t in names) and not (len(names) == 1 and self._named_elsewhere(names[0])):
                continue  # "KEEPING SCORE:", "ENERGY:": a section label, not a speaker
            if m is not None:
                speakers = list(m.actors)
            elif len(names) >= 2 and all(t.text[:1].isupper() and not t.text.isupper() for t in names):
                speakers = [self._person(doc[a:colon])]
            elif len(names) == 1 and self._named_elsewhere(names[0]):
                speakers = [self._person(doc[a:colon])]
            else:
                continue  # "ENERGY:", "KEEPING SCORE:", "Warning:": a section label, not a speaker
            end = b
            while end < len(doc) and end - b < 400 and not ("\n" in doc[end - 1].whitespace_ or doc[end - 1].is_space):
                end = self.seg[end][1] if self.seg[end][1] > end else end + 1
            span = _trim(doc[colon + 1:end])
            if span is None:
                continue
            for spk in speakers:
                out.append(self._claim(spk, doc[colon], "say", "state", "assert", span, quote_type="direct"))
        return out

    def _named_elsewhere(self, tok: Token) -> bool:
        """Whether a one-word line label ("PENCE") is a surname the article uses for a person."""
        form = tok.text[:1].upper() + tok.text[1:].lower()
        if form in self.people:
            return True
        for t in tok.doc:
            if t.text == form and t.i != tok.i and t.pos_ == "PROPN" and (
                    (t.i > 0 and t.nbor(-1).pos_ == "PROPN") or t.ent_type_.lower() == "person"
                    or (t.i in self.ctx.mention_at and self.ctx.mention_at[t.i].actor.kind == "person")):
                return True
        return False

    def _ends_soon(self, cue: Token) -> bool:
        """Whether the sentence ends within a short adjunct after the cue (“….” Trump said.)."""
        doc = self.ctx.doc
        for k in range(cue.i + 1, min(len(doc), cue.i + 6)):
            if doc[k].text in (".", "!", "?") or doc[k].text in OPEN_QUOTES or "\n" in doc[k].whitespace_:
                return True
            if doc[k].pos_ in ("VERB", "AUX") or doc[k].lower_ == "that":
                return False
        return cue.i + 1 >= len(doc)

    def _has_own_content(self, cue: Token) -> bool:
        doc = self.ctx.doc
        seg_end = self.seg[cue.i][1]
        for k in range(cue.i + 1, min(seg_end, cue.i + 6)):
            if doc[k].lower_ == "that":
                return True
            if doc[k].text in OPEN_QUOTES:
                # "he said: “…”" opens a quote of its own; "said on CNN's “State of the Union”" does not
                return k == cue.i + 1 or doc[k - 1].text in (":", ",")
            if doc[k].text in ",.;!?":
                return False
        return False

    def _cue_before_quote(self, inner: Span) -> tuple[Token, list[Actor]] | None:
        doc = self.ctx.doc
        i = inner.start - 1
        while i >= 0 and doc[i].text in OPEN_QUOTES:
            i -= 1
        if i < 0 or doc[i].text not in (":", ","):
            return None  # "X said “...”" without a colon is a mixed quote: the clause reading takes it
        j = i - 1
        # "said (after the match / on Monday / in a statement): “…”"
        while j >= 0 and j > i - 7 and doc[j].pos_ in ("ADV", "ADP", "PART", "DET", "NOUN", "PROPN", "ADJ", "NUM",
                                                       "PRON") \
                and j not in self.cue_at and doc[j].text not in OPEN_QUOTES and doc[j].text not in CLOSE_QUOTES:
            j -= 1
        if j < 0 or j not in self.cue_at:
            return None
        cue = doc[j]
        speakers = self._speakers(cue) or self._speakers_right(cue)
        return (cue, speakers) if speakers else None

    def _continued_quotes(self, found: list[ClaimSpan], used_quotes: set[int]) -> list[ClaimSpan]:
        """A quoted sentence or paragraph with no cue of its own continues the previous direct quote.

        News style attributes the first quote of a run ("“…,” she said.") and lets the next
        quoted paragraph stand alone; it is the same speaker until another one is named.
        """
        doc = self.ctx.doc
        out = []
        direct = sorted((cs for cs in found if cs.speakers and cs.claim.quote_type in ("direct", "indirect", "mixed")
                         and cs.speakers[0].kind in ("person", "organisation")), key=lambda c: c.start)
        covered = [(cs.start, cs.end) for cs in found]
        for n, (qs, qe) in enumerate(self.quotes):
            if n in used_quotes:
                continue
            inner = doc.char_span(qs, qe, alignment_mode="expand")
            if inner is None or len(inner) < 4 or any(s <= inner.start < e for s, e in covered):
                continue
            seg_start, seg_end = self.seg[inner.start]
            # the quote must be the sentence (not a phrase quoted inside someone else's sentence)
            outside = [t for t in doc[seg_start:max(seg_end, inner.end)] if not (inner.start <= t.i < inner.end)
                       and not t.is_punct and not t.is_space]
            if outside:
                continue
            before = [cs for cs in direct if cs.end <= inner.start and inner.start - cs.end < 150]
            after = [cs for cs in direct if cs.start >= inner.end and cs.start - inner.end < 40
                     and cs.claim.quote_type == "direct"]
            if not before and not after:
                continue
            prev = before[-1] if before else after[0]
            # another speaker named in between breaks the run
            lo, hi = (prev.end, inner.start) if prev.end <= inner.start else (inner.end, prev.start)
            if any(self.ctx.mention_at.get(k) is not None and self.ctx.mention_at[k].actor.kind == "person"
                   and self.ctx.mention_at[k].actor not in prev.speakers
                   for k in range(lo, hi) if k not in self.quote_tokens):
                continue
            cue = doc[prev.cue]
            for s in prev.speakers:
                out.append(self._claim(s, cue, prev.claim.cue or "say", prev.claim.act, "assert", inner,
                                       quote_type="direct"))
        return out

    # -- verbal cues ---------------------------------------------------------------------------
    def _verbal(self, verb: Token, info: dict | None = None) -> list[ClaimSpan] | None:
        lemma = verb.lemma_.lower()
        info = info if info is not None else self.verbs[lemma]
        doc = self.ctx.doc
        seg_start, seg_end = self.seg[verb.i]
        if self._passive_without_agent(verb):
            if info.get("attitude"):
                # "is expected to win": an expectation whose holder goes unnamed
                return self._passive_hedge(verb, lemma, info) if info.get("passive") else None
            return self._passive_hedge(verb, lemma, info)
        if self._relative_object(verb):
            return None  # "in what officials call ...": the content is outside the clause
        start = self._content_start(verb, lemma, info)
        trailing = None
        if start is None and info.get("attitude"):
            return None  # an attitude is never a parenthetical ("…, he wants.")
        if start is not None and info.get("needs_as") and not any(
                doc[k].lower_ == "as" for k in range(start, min(seg_end, start + 12))):
            return None  # "saw the explosion": perception, not a view
        if start is not None and info.get("attitude") and doc[start].lower_ in self.question_words \
                and info.get("act") != "question":
            return None  # "knows what he'll do": no proposition held
        if start is None:
            trailing = self._trailing_content(verb)
            if trailing is None:
                return None
            start, end = trailing
        else:
            end = self._content_end(verb, start, seg_end)
        if end <= start:
            return None
        span = _trim(doc[start:end])
        if span is None:
            return None
        if trailing is not None:
            # the speaker is inside the parenthetical, whatever the parser made the subject
            speakers = self._speaker_left(verb) or self._name_left(verb, []) or self._speakers_right(verb)
            speakers = speakers or self._speakers(verb)
            self._remember(speakers)
        else:
            speakers = self._speakers(verb)
        if not speakers:
            return None
        act = info.get("act")
        if lemma == "call" and verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in ("for", "on") \
                and not info.get("attitude"):
            act = "demand"
        if any(_clean(span.text).startswith(a.name) for a in speakers if a.name):
            return None  # "…, agreed Jane Roe, director of …": what follows the cue is its speaker
        stance = info.get("stance", "assert")
        if stance == "assert":
            if act == "characterise" and any(t.lower_ in self.dismissive for t in span):
                stance = "deny"  # "called the reports baseless"
            elif act != "demand" and self._negated_content(span):
                stance = "deny"
        return [self._claim(s, verb, lemma, act, stance, span, hedge_cue=bool(info.get("hedge")))
                for s in speakers]

    def _trailing_content(self, verb: Token) -> tuple[int, int] | None:
        """"P, sources said." / "P, said the minister." / "P, he said, Q": the report comes first.

        The attribution is a short parenthetical: a comma, the speaker and the cue (either order)
        and at most a phrase like "in a statement"; the content is the rest of the sentence.
        """
        doc = self.ctx.doc
        seg_start, seg_end = self.seg[verb.i]
        # left: the speaker phrase (or nothing, when inverted), then a comma
        j = verb.i - 1
        while j > seg_start and (doc[j].pos_ in GAP_POS and doc[j].tag_ != "POS"):
            j -= 1
        if doc[j].text not in (",",) and doc[j].text not in CLOSE_QUOTES:
            m = self.ctx.mention_at.get(j)
            if m is not None:
                j = min(j, m.start) - 1
            steps = 0
            while j > seg_start and steps < 10 and doc[j].text != "," and (
                    doc[j].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM", "PRON", "PART", "ADP") or j in self.ctx.mention_at):
                j -= 1
                steps += 1
        while j > seg_start and doc[j].text in CLOSE_QUOTES:
            j -= 1
        if j <= seg_start or doc[j].text != ",":
            return None
        # right: up to the end of the sentence or the next comma, no clause of its own
        k = verb.i + 1
        while k < seg_end and doc[k].text != ",":
            t = doc[k]
            if t.lower_ == "that" or t.tag_ in FINITE_TAGS or k in self.cue_at or t.text in OPEN_QUOTES \
                    or k - verb.i > 14:
                return None
            k += 1
        if k < seg_end and doc[k].text == ",":
            rest = [t for t in doc[k + 1:seg_end] if not t.is_punct]
            if len(rest) >= 3 and j - seg_start < 8:
                # "But to prevent problems, he said, local officials should …": both halves
                return seg_start, seg_end
        if not any(t.tag_ in FINITE_TAGS or (t.pos_ == "AUX" and t.tag_ not in ("VBG", "VBN"))
                   for t in doc[seg_start:j]):
            return None  # "In July, he said in an interview …": an adverbial, not a report
        return seg_start, j

    def _passive_without_agent(self, verb: Token) -> bool:
        doc = self.ctx.doc
        if verb.tag_ != "VBN":
            return False
        prev = [doc[k].lower_ for k in range(max(0, verb.i - 3), verb.i)]
        if not any(w in ("is", "was", "are", "were", "been", "be", "being") for w in prev):
            return False
        return not any(doc[k].lower_ == "by" for k in range(verb.i + 1, min(len(doc), verb.i + 3)))

    def _passive_hedge(self, verb: Token, lemma: str, info: dict) -> list[ClaimSpan] | None:
        """"X is said to have …", "it was reported that …": a claim whose source goes unnamed."""
        if lemma not in self.passive_hedges and not info.get("passive"):
            return None
        doc = self.ctx.doc
        seg_start, seg_end = self.seg[verb.i]
        nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if nxt is None:
            return None
        if nxt.lower_ == "that":
            start = verb.i + 2
        elif nxt.lower_ == "to":
            start = seg_start  # the subject is part of what is claimed: "Pakistan is said to have"
        else:
            return None
        end = self._content_end(verb, max(start, verb.i + 1), seg_end)
        span = _trim(doc[start:end])
        if span is None:
            return None
        return [self._claim(None, verb, lemma, info.get("act"), "assert", span, quote_type="hedged", hedge_cue=True)]

    def _relative_object(self, verb: Token) -> bool:
        doc = self.ctx.doc
        k = verb.i - 1
        steps = 0
        while k >= 0 and steps < 6 and doc[k].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "AUX", "ADV", "PART", "PRON") \
                and doc[k].lower_ not in ("what", "which"):
            k -= 1
            steps += 1
        return k >= 0 and doc[k].lower_ in ("what", "which") and not any(
            doc[m].lower_ == "that" for m in range(verb.i + 1, min(len(doc), verb.i + 4)))

    def _content_start(self, verb: Token, lemma: str, info: dict) -> int | None:
        """First token of what the cue verb reports, or None when it reports nothing here."""
        doc = self.ctx.doc
        seg_start, seg_end = self.seg[verb.i]
        i = verb.i + 1
        clause_only = lemma in self.clause_only if "clause_only" not in info else bool(info["clause_only"])
        particle = info.get("particle")
        if particle and i < seg_end and doc[i].lower_ == particle:
            i += 1
        # "said (in a statement / on Tuesday / to reporters) that ...", "warned India that ..."
        for k in range(i, min(seg_end, i + 12)):
            t = doc[k]
            if t.lower_ in ("that", ":") and (t.lower_ == ":" or base(t.dep_) in ("mark", "obj", "nsubj") or t.pos_ == "SCONJ"
                                            or k == i or clause_only):
                if k + 1 < seg_end and (k == verb.i + 1 and not doc[k + 1].is_punct
                                        or not (doc[k + 1].pos_ in ("AUX", "VERB") and doc[k + 1].tag_ in FINITE_TAGS)):
                    return k + 1
            if k in self.cue_at or t.text in ".;!?" or t.tag_ in FINITE_TAGS:
                break  # a clause has begun: a later "that" is a relative pronoun inside it
            if not clause_only and t.pos_ in ("NOUN", "PROPN", "PRON"):
                break  # "refuted allegations by X that …": the that-clause belongs to the object
            if t.text in OPEN_QUOTES and k > i and doc[k - 1].text not in (",", ":"):
                break
        if i >= seg_end:
            return None
        if info.get("act") == "question":
            # "asked whether the deals required …", "questioned why she is not further ahead"
            for k in range(i, min(seg_end, i + 5)):
                if doc[k].lower_ in self.question_words and k + 1 < seg_end:
                    return k
                if doc[k].text in ",.;:" or doc[k].pos_ in ("VERB", "AUX"):
                    break
        first = doc[i]
        if first.text in OPEN_QUOTES or (first.text in (",", ":") and i + 1 < seg_end and doc[i + 1].text in OPEN_QUOTES):
            return i  # "stated “…”": a quote as the clause
        if lemma == "point" and first.lower_ == "to":
            return i + 1
        if lemma == "call" and first.lower_ in ("for", "on") and not info.get("attitude"):
            return None  # "called for talks", "called on X to resign": a demand (an event), not a claim
        if lemma == "point" and particle and doc[verb.i + 1].lower_ != particle:
            return None
        # a to-infinitive: "vowed to retaliate", "threatened to cut ties"
        if first.lower_ == "to" and i + 1 < seg_end and (doc[i + 1].pos_ in ("VERB", "AUX") or (
                info.get("infinitive") and doc[i + 1].pos_ not in ("DET", "PRON", "PROPN", "NUM", "PUNCT")
                and doc[i + 1].tag_ not in ("PRP$",))):
            # (the tagger misreads unfamiliar verbs after "to": "wants to triple the size")
            return i if info.get("needs_clause") or info.get("infinitive") else None
        if lemma in ("tell", "inform", "assure", "remind", "warn", "caution"):
            # "told reporters the talks had failed": past the audience
            for p in range(i + 1, min(seg_end, i + 6)):
                if doc[p - 1].pos_ in ("NOUN", "PROPN", "PRON") and doc[p].pos_ in ("DET", "PRON", "PROPN", "NOUN", "NUM") \
                        and self._bare_clause(p, seg_end):
                    return p
                if doc[p].text in ",.;:" or doc[p].pos_ in ("VERB", "AUX"):
                    break
        # "said on Friday he met …", "told reporters Tuesday the talks had failed": past the adjunct
        j = i
        if first.pos_ == "ADP" or first.ent_type_.lower() in ("date", "time") or lemma in ("tell", "inform", "assure", "remind"):
            j += 1
            while j < min(seg_end, i + 7) and (doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PRON")
                                               and doc[j].tag_ not in FINITE_TAGS):
                if doc[j].pos_ == "PRON" and doc[j].lower_ not in ("reporters", "me", "us", "him", "her", "them"):
                    break
                j += 1
            if j < seg_end and j > i + 1 and doc[j].pos_ in ("DET", "PROPN", "NOUN", "PRON", "NUM") \
                    and self._bare_clause(j, seg_end):
                return j
            if j < seg_end and j > i + 1 and self._bare_clause(j - 1, seg_end) and doc[j - 1].pos_ in ("PRON",):
                return j - 1
        if first.text in ",.;!?" or first.pos_ in ("ADP",) and clause_only:
            return None
        # a bare clause: "Officials expect the second shipment will arrive ...", "she said she was hopeful"
        if self._bare_clause(i, seg_end) or any(c.i >= i and c.i < i + 8 and base(c.dep_) in ("ccomp", "parataxis")
                                                and c.pos_ in ("VERB", "AUX", "ADJ") for c in verb.children):
            return i
        # "denied supplying missiles", "admitted having sent advisers": a gerund clause
        if (first.tag_ == "VBG" or first.lower_ in ("having", "being")) and i + 1 < seg_end \
                and (not clause_only or info.get("act") == "acknowledge"):
            return i
        if clause_only and not (info.get("object_from_documents") and self._document_subject(verb)):
            return None
        # the object is the content: "denied any involvement", "rejected the allegations as baseless"
        if first.pos_ in ("DET", "NOUN", "PROPN", "ADJ", "PRON", "NUM") or first.tag_ in ("PRP$",):
            if first.lower_ in PRONOUN_SUBJECTS - {"these", "those", "it", "this"}:
                return None
            return i
        if lemma in ("accuse", "blame", "question", "admit", "acknowledge", "confirm") and first.lower_ in ("to", "of"):
            return i
        return None

    def _document_subject(self, verb: Token) -> bool:
        """Whether the cue's subject is a document ("polls show", "the survey found"); a video or a
        photo that shows something depicts a scene, it reports nothing."""
        doc = self.ctx.doc
        cands = [t for t in subjects(verb) if t.i < verb.i]
        k = self._left_anchor(verb)
        if k >= self.seg[verb.i][0]:
            cands.append(doc[k])
        return any(self.source_nouns.get(t.lemma_.lower()) == "document" for t in cands)

    def _bare_clause(self, i: int, seg_end: int) -> bool:
        """Whether tokens from ``i`` read as a clause: a subject, then a finite verb, before a comma."""
        doc = self.ctx.doc
        first = doc[i]
        if (first.pos_ in ("ADP", "PUNCT", "SCONJ", "CCONJ") and first.lower_ not in ("neither", "either")) \
                or first.lower_ in ("to",) or (first.pos_ == "VERB" and first.tag_ != "VBG"):
            return False
        for k in range(i + 1, min(seg_end, i + 25)):
            t = doc[k]
            if t.text in OPEN_QUOTES or t.text in CLOSE_QUOTES:
                continue  # a quoted phrase inside the clause: "says voter fraud “would be …”"
            if t.text in ",;.!?:":
                return False
            past = t.tag_ == "VBN" and doc[k - 1].pos_ in ("NOUN", "PROPN", "NUM", "PRON") \
                and not any(c.dep_.startswith("aux") for c in t.children)  # "the two raised $3m"
            if t.tag_ in FINITE_TAGS or past or (t.pos_ == "AUX" and t.tag_ not in ("VBG", "VBN")):
                # "stressed the need for calm and announced …": a second predicate of the cue's
                # own subject, not the verb of a reported clause
                return k > i and doc[k - 1].pos_ != "CCONJ" and doc[k - 1].lower_ not in ("and", "or", "but")
        return False

    def _content_end(self, verb: Token, start: int, seg_end: int) -> int:
        """End of the content: the sentence's end, or the edge of the next clause with its own cue.

        "X argued that A, but insisted that B" / "…, asserting that B" / "…, although she
        conceded that B" / "…, according to Y": the content stops before the comma or
        conjunction that opens the next attribution.
        """
        doc = self.ctx.doc
        end = seg_end
        for k in range(start, seg_end):
            t = doc[k]
            if k in self.quote_tokens:
                continue
            if t.lower_ == "according" and k + 1 < seg_end and doc[k + 1].lower_ == "to" and k > start:
                end = self._back_to_boundary(k, start)
                break
            if k != verb.i and k in self.cue_at:
                cut = self._cue_clause_start(k, start)
                if cut is not None:
                    end = cut
                    break
        return end

    def _back_to_boundary(self, k: int, floor: int) -> int:
        doc = self.ctx.doc
        while k > floor and (doc[k - 1].is_punct and doc[k - 1].text not in CLOSE_QUOTES):
            k -= 1
        return k

    def _cue_clause_start(self, k: int, floor: int) -> int | None:
        """Where the clause of the cue at ``k`` begins, when a comma or conjunction opens it.

        Backs over the cue's auxiliaries and adverbs and its subject (a mention or a short noun
        phrase); an embedded report with no boundary before it ("said that officials said …") is
        part of the content and gives None.
        """
        doc = self.ctx.doc
        j = k - 1
        steps = 0
        while j > floor and steps < 14:
            t = doc[j]
            m = self.ctx.mention_at.get(j)
            if t.lower_ in BOUNDARY_WORDS or t.text in ",;—–":
                if t.lower_ in ("and", "but", "yet") and j > floor and doc[j - 1].text == ",":
                    j -= 1
                return self._back_to_boundary(j, floor) if j > floor else None
            if t.lower_ in SUBORDINATORS and t.lower_ not in ("as",):
                if j > floor and doc[j - 1].text == ",":
                    j -= 1
                return j
            if m is not None:
                j = min(j, m.start) - 1  # (a title before a name may map to the mention too)
            elif t.pos_ in GAP_POS or t.pos_ in ("PRON", "DET", "NOUN", "PROPN", "ADJ", "NUM") or t.tag_ == "POS" \
                    or (t.pos_ == "VERB" and j + 1 < len(doc) and doc[j + 1].lower_ == "to"):
                j -= 1
            else:
                return None
            steps += 1
        return None

    # -- nominal cues --------------------------------------------------------------------------
    def _nominal(self, noun: Token) -> list[ClaimSpan] | None:
        """"Chile's accusations that …", "the allegations by the rebels that …"."""
        info = self.nouns[noun.lemma_.lower()]
        doc = self.ctx.doc
        seg_start, seg_end = self.seg[noun.i]
        that = None
        for k in range(noun.i + 1, min(seg_end, noun.i + 9)):
            t = doc[k]
            if t.lower_ == "that":
                that = k
                break
            if t.text in ",;.:!?" or t.pos_ in ("VERB", "AUX") or k in self.cue_at:
                break
        if that is None or that + 1 >= seg_end:
            return None
        nxt = doc[that + 1]
        if nxt.pos_ in ("AUX", "VERB") or nxt.lower_ in ("is", "was", "has", "had", "will", "would"):
            return None  # "the statement that was issued": a relative clause, not the content
        end = self._content_end(noun, that + 1, seg_end)
        span = _trim(doc[that + 1:end])
        if span is None:
            return None
        speakers = self._noun_owner(noun)
        if not speakers:
            return None
        stance = info.get("stance", "assert")
        return [self._claim(s, noun, noun.lemma_.lower(), info.get("act"), stance, span, quote_type="nominal")
                for s in speakers]

    def _noun_owner(self, noun: Token) -> list[Actor]:
        doc = self.ctx.doc
        # "Chile's (formal) accusations", "Chilean accusations"
        k = noun.i - 1
        while k >= 0 and doc[k].pos_ in ("ADJ", "ADV") and k not in self.ctx.mention_at:
            k -= 1
        if k >= 0 and doc[k].tag_ == "POS" or (k >= 0 and doc[k].lower_ in ("'s", "’s")):
            k -= 1
        if k >= 0 and k in self.ctx.mention_at:
            return list(self.ctx.mention_at[k].actors)
        # "allegations by/from X"
        for k in range(noun.i + 1, min(len(doc), noun.i + 3)):
            if doc[k].lower_ in ("by", "from"):
                for m in range(k + 1, min(len(doc), k + 6)):
                    if m in self.ctx.mention_at:
                        return list(self.ctx.mention_at[m].actors)
                    if doc[m].lower_ == "that":
                        break
        for c in noun.children:
            if c.i < noun.i and any(t.pos_ in ("VERB", "AUX") for t in doc[c.i + 1:noun.i]):
                continue  # "the Kremlin's spokesman rejected accusations": a possessor across a verb is a misparse
            if c.dep_ == "nmod:poss" or (base(c.dep_) == "nmod" and case_of(c) in ("by", "from")):
                found = self._resolve(c)
                if found:
                    return found
        return []

    # -- according to --------------------------------------------------------------------------
    def _according_to(self, tok: Token) -> list[ClaimSpan] | None:
        """"According to X, P" / "P, according to X" / "as per X" / "citing X"."""
        doc = self.ctx.doc
        seg_start, seg_end = self.seg[tok.i]
        low = tok.lower_
        if low == "according":
            if tok.i + 1 >= seg_end or doc[tok.i + 1].lower_ != "to":
                return None
            src_start = tok.i + 2
        elif low == "per":
            if tok.i == 0 or doc[tok.i - 1].lower_ != "as":
                return None
            src_start = tok.i + 1
        else:  # citing, quoting: only as a participle after the main clause
            if tok.i == seg_start or doc[tok.i - 1].text != ",":
                return None
            src_start = tok.i + 1
        # the source phrase runs to the next comma (or the end of the sentence)
        src_end = src_start
        while src_end < seg_end and doc[src_end].text not in ",;.!?—–" and doc[src_end].text not in OPEN_QUOTES:
            src_end += 1
        if src_end == src_start:
            return None
        cue_start = tok.i - 1 if low == "per" else tok.i
        if cue_start - seg_start <= 1 or all(doc[k].is_punct for k in range(seg_start, cue_start)):
            # "According to X, P": P follows the comma
            if src_end >= seg_end or doc[src_end].text != ",":
                return None
            start, end = src_end + 1, self._content_end(tok, src_end + 1, seg_end)
        else:
            # "P, according to X": P is what precedes; a later clause after X is content too
            start, end = seg_start, self._back_to_boundary(cue_start, seg_start)
        span = _trim(doc[start:end])
        if span is None:
            return None
        speakers = self._source_actors(src_start, src_end)
        return [self._claim(s, tok, "according to", "report", "assert", span, quote_type="according_to")
                for s in speakers]

    def _source_actors(self, start: int, end: int) -> list[Actor]:
        """The actors a source phrase names, else an anonymous/document/media source built from it.

        "information accessed by a TV channel from intelligence sources": the last-named
        source is where the information comes from.
        """
        doc = self.ctx.doc
        named = [self.ctx.mention_at[k] for k in range(start, end) if k in self.ctx.mention_at]
        head = self._source_head(start, end)
        if named:
            first = named[0]
            return list(first.actors)
        text = _clean(doc[start:end].text)
        text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
        kind = self.source_nouns.get(head.lemma_.lower() if head is not None else "", "anonymous")
        return [self._anonymous(text, kind, start, end)]

    def _source_head(self, start: int, end: int) -> Token | None:
        doc = self.ctx.doc
        for k in range(start, end):
            if doc[k].lemma_.lower() in self.source_nouns:
                return doc[k]
        nouns = [doc[k] for k in range(start, end) if doc[k].pos_ in ("NOUN", "PROPN")]
        return nouns[-1] if nouns else None

    def _anonymous(self, name: str, kind: str, start: int, end: int) -> Actor:
        country = None
        for k in range(start, end):
            m = self.ctx.mention_at.get(k)
            if m is not None and m.actor.country:
                country = m.actor.country
                break
        sector = "MED" if kind == "media" else None
        actor_kind = {"document": "document", "media": "organisation", "institution": "organisation"}.get(kind, "anonymous")
        return Actor(name=name, country=country, sector=sector, kind=actor_kind)

    # -- hedged statements ---------------------------------------------------------------------
    def _hedged(self, doc: Doc, found: list[ClaimSpan]) -> list[ClaimSpan]:
        """"X has reportedly done Y": a claim whose source the article does not name."""
        out = []
        covered = [(cs.start, cs.end) for cs in found]
        for tok in doc:
            if tok.lower_ not in self.attribution_adverbs or tok.i in self.quote_tokens:
                continue
            if any(s <= tok.i < e for s, e in covered):
                continue
            verb = tok.head
            if not (verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB")):
                continue
            if not subjects(verb) and not any(base(c.dep_) in ("nsubj", "expl") for c in verb.children):
                continue
            seg_start, seg_end = self.seg[verb.i]
            start = max(min(verb.left_edge.i, tok.i), seg_start)
            end = min(max(verb.right_edge.i + 1, tok.i + 1), seg_end)
            end = min(end, self._content_end(verb, start, seg_end))
            # a subordinate clause ("when X allegedly did Y") starts at its subject, not the marker
            while start < end and (doc[start].pos_ in ("SCONJ", "CCONJ", "PUNCT") or doc[start].dep_ == "mark"):
                start += 1
            span = _trim(doc[start:end])
            if span is None or len(span) < 3:
                continue
            claim = self._claim(None, tok, tok.lower_, "report", "assert", span, quote_type="hedged")
            out.append(claim)
            covered.append((span.start, span.end))
        return out

    # -- speakers ------------------------------------------------------------------------------
    def _speakers(self, verb: Token) -> list[Actor]:
        """Who utters the cue: the parse's subject, else the phrase just before the cue.

        Falls back on the speaker of the sentence's previous cue for participles and coordinated
        cues ("…, asserting that", "but maintained that"), and on a non-actor subject only when it
        is a source noun ("sources", "officials", "the report") so that "these systems indicate"
        is not taken for a speaker.
        """
        out: list[Actor] = []
        participle = verb.dep_ == "acl" or self._participle(verb)
        prior = self.segment_speaker.get(self.seg[verb.i][0])
        if participle and prior and self.ctx.doc[verb.i - 1].text in (",", "and", "but") and verb.tag_ == "VBG":
            return list(prior)  # "X denied it, asserting that …": the participle shares X
        for subj in subjects(verb):
            if self._inside_content_of(subj, verb):
                continue
            if subj.lower_ in ("who", "that", "which") and verb.dep_ == "acl:relcl":
                subj = verb.head  # "an architect who said he was stiffed": the architect speaks
                if subj.pos_ in ("NOUN", "PROPN"):
                    found = self._resolve(subj) or [a for a in [self._source_phrase(subj) or self._phrase_speaker(subj)] if a]
                    out.extend(a for a in found if a not in out)
                continue
            out.extend(a for a in self._resolve(subj) if a not in out)
        if out and all(a.name.lower() in self.source_nouns or a.name.lower() in self.nouns for a in out):
            owner = self._statement_owner(verb)  # "a communique issued by Oslo saying …"
            if owner:
                return owner
        left = self._speaker_left(verb) or self._name_left(verb, out)
        if left and (not out or (left[0].kind == "person" and not any(a.kind == "person" for a in out))):
            # "Navy Chief of Staff Admiral Ines Moreau said": the person next to the cue, not the
            # institution the parser took for the head of the subject phrase
            return self._remember(left)
        if out:
            return self._remember(out)
        pronoun = self._pronoun_left(verb)
        if pronoun and self.last_person is not None:
            return [self.last_person]  # "she said": the person last quoted or named as speaker
        if pronoun:
            # no antecedent anywhere: keep the claim, with the pronoun as an unresolved speaker
            k = verb.i - 1
            while k >= 0 and self.ctx.doc[k].pos_ in GAP_POS and self.ctx.doc[k].tag_ != "POS":
                k -= 1
            if k >= 0 and self.ctx.doc[k].lower_ in ("he", "she"):
                return [Actor(name=self.ctx.doc[k].text, kind="anonymous")]
        k = self._left_anchor(verb)
        if k >= 0 and self.ctx.doc[k].lower_ == "it" and k not in self.ctx.mention_at and self.last_body is not None \
                and verb.lemma_.lower() not in self.inference_cues:
            return [self.last_body]  # "The company … It said it had expanded …": the body last quoted
        if k >= 0 and self.ctx.doc[k].lower_ in ("they", "we", "i") and self.ctx.doc[k].pos_ == "PRON" \
                and verb.lemma_.lower() not in self.inference_cues:
            # "they say they support …" with no group to refer back to: an unresolved speaker
            return [Actor(name=self.ctx.doc[k].text, kind="anonymous")]
        if participle:
            owner = self._statement_owner(verb)
            if owner:
                return owner
            if prior:
                return list(prior)
        for subj in subjects(verb):
            if subj.pos_ in ("NOUN", "PROPN") and not self._inside_content_of(subj, verb):
                actor = self._source_phrase(subj)
                if actor is None and verb.lemma_.lower() not in self.inference_cues:
                    actor = self._phrase_speaker(subj)
                if actor is not None:
                    return self._remember([actor])
        return []

    def _phrase_speaker(self, head: Token) -> Actor | None:
        """A speaker the actor stage does not know, from the subject phrase of a speech verb.

        "Several cast members said", "Richard Roe, director of the institute, said": people are
        quoted who are no actors of geopolitics. Only for verbs of speech: a thing that
        "indicates" or "shows" something is no speaker.
        """
        doc = self.ctx.doc
        if head.lower_ in PRONOUN_SUBJECTS or head.ent_type_.lower() in self.not_person_ents or head.i in self.ctx.place_by_token:
            return None
        if head.pos_ == "PROPN" or self._name_token(head):
            start = end = head.i
            while start - 1 >= 0 and self._name_token(doc[start - 1]):
                start -= 1
            while end + 1 < len(doc) and self._name_token(doc[end + 1]) and doc[end + 1].head.i in (head.i, end):
                end += 1
            if end - start > 4:
                return None
            return self._person(doc[start:end + 1])
        start = head.i
        while start > 0 and doc[start - 1].pos_ in ("ADJ", "NOUN", "PROPN", "NUM", "DET") and head.i - start < 5 \
                and doc[start - 1].lower_ not in ("the", "a", "an", "this", "that", "these", "those"):
            start -= 1
        name = _clean(doc[start:head.i + 1].text)
        return self._anonymous(name, "anonymous", start, head.i + 1) if name else None

    def _inside_content_of(self, subj: Token, verb: Token) -> bool:
        """A "subject" the parser found well after the cue is the reported clause's own subject."""
        return subj.i > verb.i + 4

    def _participle(self, verb: Token) -> bool:
        doc = self.ctx.doc
        if verb.tag_ == "VBG":
            return True
        k = verb.i - 1
        while k >= 0 and doc[k].pos_ in ("ADV", "AUX", "PART"):
            k -= 1
        return k >= 0 and doc[k].lower_ in ("and", "but", "also", ",")

    def _speaker_left(self, verb: Token) -> list[Actor]:
        """The phrase right before the cue: "X (has) (also) (firmly) denied", "X continues to assert"."""
        doc = self.ctx.doc
        seg_start = self.seg[verb.i][0]
        k = self._left_anchor(verb)
        if k < seg_start:
            return []
        m = self.ctx.mention_at.get(k)
        if m is not None:
            # "a spokesman for the Army said": the institution speaks through its spokesman
            return list(m.actors)
        if doc[k].pos_ in ("NOUN", "PROPN") and doc[k].lower_ not in PRONOUN_SUBJECTS:
            actor = self._source_phrase(doc[k])
            if actor is not None:
                return [actor]
            if doc[k].pos_ == "NOUN" and verb.lemma_.lower() not in self.inference_cues \
                    and base(doc[k].dep_) == "nsubj":
                actor = self._phrase_speaker(doc[k])
                if actor is not None:
                    return [actor]
        return []

    def _left_anchor(self, verb: Token) -> int:
        """Index of the last word of the speaker phrase before a cue.

        Skips what may come between a speaker and the cue: auxiliaries and adverbs ("has also
        firmly"), a governing verb ("continues to"), a parenthesis ("Rep. Jo Roe (D-Wis.) said")
        and one appositive between commas ("Jo Roe, chair of the committee, said").
        """
        doc = self.ctx.doc
        seg_start = self.seg[verb.i][0]
        k = verb.i - 1

        def skip_gap(k: int) -> int:
            while k >= seg_start and (doc[k].pos_ in GAP_POS or doc[k].lower_ in ("also", "then", "further", "to")
                                      or (doc[k].pos_ == "VERB" and k + 1 < verb.i and doc[k + 1].lower_ == "to")):
                if doc[k].pos_ == "PART" and doc[k].tag_ == "POS":
                    break
                k -= 1
            return k

        def skip_paren(k: int) -> int:
            if k >= seg_start and doc[k].text == ")":
                j = k
                while j >= seg_start and doc[j].text != "(" and k - j < 10:
                    j -= 1
                if j >= seg_start and doc[j].text == "(":
                    return j - 1
            return k

        k = skip_paren(skip_gap(k))
        if k >= seg_start:
            k = skip_gap(before_time_phrase(doc[k], seg_start))
        if k >= seg_start and doc[k].text == "," and k not in self.quote_tokens:
            j = k - 1
            while j >= seg_start and doc[j].text != "," and k - j < 16 and doc[j].text not in OPEN_QUOTES \
                    and doc[j].text not in CLOSE_QUOTES and doc[j].text not in (".", ";", ":"):
                j -= 1
            if j >= seg_start and doc[j].text == "," and k - j > 1:
                k = skip_paren(j - 1)
        return k

    def _remember(self, actors: list[Actor]) -> list[Actor]:
        for a in actors:
            if a.kind == "person":
                self.last_person = a
            elif a.kind in ("organisation", "document") and a.country is None or a.sector in ("BUS", "MED"):
                self.last_body = a
        return actors

    def _pronoun_left(self, verb: Token) -> bool:
        doc = self.ctx.doc
        k = verb.i - 1
        while k >= 0 and doc[k].pos_ in GAP_POS and doc[k].tag_ != "POS":
            k -= 1
        if k >= 0 and doc[k].lower_ in ("he", "she"):
            return True
        if k + 1 < verb.i or k < 0:
            return False
        if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in ("he", "she") and verb.i > 0 \
                and doc[verb.i - 1].is_punct:
            return True  # “…,” said he
        return False

    def _name_left(self, verb: Token, institutions: list[Actor]) -> list[Actor]:
        """A person's name right before the cue that the actor stage left unresolved.

        The actor stage knows the people of geopolitics; a coach, a resident or a researcher
        quoted by name is just a run of proper nouns before the cue. "ISPR Director General
        Lieutenant General A. B. Khan had refuted …": the name after a chain of titles is the
        speaker; the institution the titles hang on gives the country.
        """
        doc = self.ctx.doc
        seg_start = self.seg[verb.i][0]
        k = self._left_anchor(verb)
        end = k + 1
        names = []
        while k >= seg_start and self._name_token(doc[k]):
            names.append(k)
            k -= 1
        if not names or len(names) > 4:
            return []
        titled = k >= seg_start and (doc[k].lower_.rstrip(".") in self.title_words or doc[k].lower_ in self.title_words)
        country = None
        if titled:
            country = next((a.country for a in institutions if a.country), None)
            if country is None:
                for j in range(max(seg_start, k - 12), k + 1):
                    m = self.ctx.mention_at.get(j)
                    if m is not None and m.actor.country:
                        country = m.actor.country
        return [self._person(doc[k + 1:end], country)]

    def _name_token(self, tok: Token) -> bool:
        # the tagger calls unfamiliar surnames nouns or even pronouns ("DeBoer"): capitalisation
        # inside the sentence, not the tag, makes a name
        looks_named = tok.pos_ == "PROPN" or (
            tok.pos_ in ("NOUN", "PRON", "X", "ADJ") and tok.text[:1].isupper() and not tok.is_stop
            and tok.is_alpha and tok.i > 0 and not tok.is_sent_start and not tok.nbor(-1).is_punct) or (
            tok.text in self.people)
        return (looks_named and tok.i not in self.ctx.mention_at and tok.text[:1].isupper()
                and tok.lower_.rstrip(".") not in self.title_words and tok.lower_ not in self.title_words
                and tok.i not in self.ctx.place_by_token and tok.ent_type_.lower() not in self.not_person_ents)

    def _person(self, span: Span, country: str | None = None) -> Actor:
        """An actor for a name the actor stage did not know; surnames find the full name again."""
        name = _clean(span.text)
        parts = name.split()
        known = self.people.get(parts[-1]) if parts else None
        if known is not None and (len(parts) == 1 or known.name == name):
            return known
        kind = "organisation" if span[-1].ent_type_.lower() in ("org", "organization", "organisation") else "person"
        actor = Actor(name=name, country=country, kind=kind)
        if kind == "person" and len(parts) > 1:
            self.people.setdefault(parts[-1], actor)
        return actor

    def _speakers_right(self, verb: Token) -> list[Actor]:
        """Inverted order after a quote: "said the foreign minister", "said Oilers coach Jo Roe".

        The phrase after the cue runs to a comma, a relative pronoun or the sentence end; a
        person at its end (after the titles and the team or ministry) is the speaker, else the
        first actor in it, else a name or a source noun.
        """
        doc = self.ctx.doc
        seg_end = self.seg[verb.i][1]
        k = verb.i + 1
        end = k
        while end < min(seg_end, verb.i + 10) and doc[end].text not in (",", ".", ";", ":", "(", "!", "?") \
                and doc[end].lower_ not in ("who", "which", "that", "in", "on", "at", "during", "after", "when") \
                and doc[end].pos_ not in ("VERB", "AUX"):
            end += 1
        if end == k:
            return []
        phrase = range(k, end)
        mentions = [self.ctx.mention_at[m] for m in phrase if m in self.ctx.mention_at]
        persons = [m for m in mentions if m.actor.kind == "person"]
        if persons:
            return self._remember(list(persons[-1].actors))
        # a name at the end of the phrase the actor stage did not resolve
        n = end
        while n - 1 >= k and self._name_token(doc[n - 1]):
            n -= 1
        if n < end and (end - n >= 2 or doc[end - 1].text in self.people or not mentions):
            return self._remember([self._person(doc[n:end])])
        if mentions:
            return list(mentions[0].actors)
        head = doc[end - 1]
        actor = self._source_phrase(head)
        if actor is None and (head.lower_ in self.title_words or head.lemma_.lower() in self.title_words):
            # "said the foreign minister" with no minister named: keep the office as the speaker
            start = k + 1 if doc[k].pos_ == "DET" else k
            actor = Actor(name=_clean(doc[start:end].text), role=_clean(doc[start:end].text), kind="person")
        return [actor] if actor is not None else []

    def _actors_between(self, start: int, end: int) -> list[Actor]:
        for k in range(start, end):
            m = self.ctx.mention_at.get(k)
            if m is not None:
                return list(m.actors)
        return []

    def _statement_owner(self, verb: Token) -> list[Actor]:
        """"a communique issued by Oslo saying that …": the communique's author speaks."""
        doc = self.ctx.doc
        seg_start = self.seg[verb.i][0]
        for k in range(verb.i - 1, max(seg_start - 1, verb.i - 10), -1):
            if doc[k].lemma_.lower() in self.nouns or doc[k].lemma_.lower() in self.source_nouns:
                for m in range(k + 1, verb.i):
                    if doc[m].lower_ in ("by", "from"):
                        found = self._actors_between(m + 1, verb.i)
                        if found:
                            return found
                owner = self._noun_owner(doc[k])
                if owner:
                    return owner
                return [self._anonymous(_clean(doc[k].text), self.source_nouns.get(doc[k].lemma_.lower(), "document"),
                                        k, k + 1)]
        return []

    def _source_phrase(self, head: Token) -> Actor | None:
        """An actor for a source named by a common noun: "Kenyan sources", "the report", "officials"."""
        lemma = head.lemma_.lower()
        kind = self.source_nouns.get(lemma) or self.source_nouns.get(head.lower_)
        if kind is None:
            return None
        doc = self.ctx.doc
        start = head.i
        while start > 0 and doc[start - 1].pos_ in ("ADJ", "NOUN", "PROPN", "DET", "NUM") and head.i - start < 5:
            start -= 1
        if start < head.i and doc[start].pos_ == "DET":
            start += 1
        m = self.ctx.mention_at.get(head.i)
        if m is not None:
            return m.actor
        owners = [c.i for c in head.children if c.dep_ == "nmod:poss" and c.i < head.i]
        # the same read off the words, for parses that lose the possessive: "the Kremlin's spokesman"
        owners += [k - 1 for k in range(max(head.i - 3, 1), head.i) if doc[k].lower_ in ("'s", "’s")]
        for k in owners:  # the institution speaks through its spokesman
            if k in self.ctx.mention_at and self.ctx.mention_at[k].actor.kind != "person":
                return self.ctx.mention_at[k].actor
        return self._anonymous(_clean(doc[start:head.i + 1].text), kind, start, head.i + 1)

    def _resolve(self, tok: Token) -> list[Actor]:
        mention = self.ctx.mention_at.get(tok.i)
        if mention is not None:
            return list(mention.actors)
        for c in tok.children:  # "the review published by the World Bank": the review is the source
            if c.dep_ in ("flat", "compound", "appos") and c.i in self.ctx.mention_at:
                return list(self.ctx.mention_at[c.i].actors)
        return []

    # -- stance, responses, records ------------------------------------------------------------
    def _negated_content(self, span: Span) -> bool:
        """Whether the proposition's main predicate is negated ("that the drill was not a threat …")."""
        roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
        preds = []
        for r in roots:
            if r.pos_ in ("PUNCT",):
                continue
            preds.append(r)
            preds.extend(c for c in r.children if c.dep_ == "conj" and span.start <= c.i < span.end)
        if any(is_negated(p) for p in preds if p.pos_ in ("VERB", "AUX", "ADJ", "NOUN")):
            return True
        return _linear_negation(span)

    def _link_responses(self, spans: list[ClaimSpan]) -> None:
        """"rejected these allegations": the denial answers the earlier claims it points back to."""
        doc = self.ctx.doc
        for cs in spans:
            if cs.claim.stance != "deny":
                continue
            content = doc[cs.start:cs.end]
            words = {t.lemma_.lower() for t in content[:6]}
            if not words & (set(self.nouns) | {"it", "them", "this", "report", "charge"}):
                continue
            earlier = [o for o in spans if o.cue < cs.cue and o is not cs and o.claim.stance == "assert"
                       and o.claim.act in ("accuse", "allege", "claim", "state", "insist", "report")
                       and not _same_speaker(o, cs)]
            if earlier:
                target = earlier[-1]
                same_act = [o for o in earlier if o.claim.act == target.claim.act and o.claim.speaker
                            and target.claim.speaker and o.claim.speaker.name == target.claim.speaker.name]
                cs.responds_to = [o.claim.id for o in same_act or [target] if o.claim.id]

    def _claim(self, speaker: Actor | None, cue: Token, cue_lemma: str, act: str | None, stance: str,
               span: Span, quote_type: str | None = None, hedge_cue: bool = False) -> ClaimSpan:
        ctx = self.ctx
        content = _clean(span.text)
        if quote_type == "direct":
            content = content.strip("“”\"‘’«» ")
        hedges = sorted({t.lower_ for t in span if (t.lower_ in self.hedge_words or t.lower_ in self.hedge_adverbs)
                         and _hedge_use(t)})
        seg_start, seg_end = self.seg[cue.i]
        hedges += [t.lower_ for t in ctx.doc[seg_start:seg_end] if t.lower_ in self.hedge_adverbs
                   and t.lower_ not in hedges and not (span.start <= t.i < span.end)]
        if hedge_cue or act in ("allege", "claim", "believe", "suggest"):
            hedges.append(cue_lemma)
        boosted = any(t.lower_ in self.boosters for t in ctx.doc[seg_start:seg_end] if not (span.start <= t.i < span.end))
        if quote_type is None:
            quote_type = self._quote_type(span)
        hedged = bool(hedges)
        head = _span_head(span)
        if head is not None:
            factuality = factuality_of(head, self.lex, hedges=hedges, negated=(stance == "deny"), boosted=boosted)
        else:  # a noun phrase as content ("denied any involvement"): only the hedges and the stance count
            factuality = 1.5 if hedged else 3.0
        if stance == "deny" and factuality > 0:
            factuality = -factuality
        # one piece of evidence per sentence the content runs over (a quote over several sentences
        # or paragraphs), so that every piece's offsets fall inside its sentence's text
        evidence = [] if span.start <= cue.i < span.end else [ctx.evidence(cue.i)]
        pos = span.start
        while pos < span.end:
            sent = ctx.doc[pos].sent
            stop = min(span.end, sent.end)
            piece = _trim(ctx.doc[pos:stop])
            if piece is not None:
                evidence.append(ctx.evidence(piece.start, piece.end))
            pos = max(stop, pos + 1)
        if len(evidence) == (0 if span.start <= cue.i < span.end else 1):
            evidence.append(ctx.evidence(span.start, span.end))
        claim = Claim(
            speaker=speaker.brief() if speaker else None,
            stance=stance,
            content=content,
            cue=cue_lemma,
            act=act,
            hedged=hedged,
            hedges=hedges,
            factuality=factuality,
            source_type=_source_type(speaker),
            quote_type=quote_type,
            content_start=span.start_char,
            content_end=span.end_char,
            evidence=evidence,
        )
        return ClaimSpan(claim=claim, cue=cue.i, start=span.start, end=span.end, speakers=[speaker] if speaker else [])

    def _quote_type(self, span: Span) -> str:
        inside = 0
        for qs, qe in self.quotes:
            overlap = min(qe, span.end_char) - max(qs, span.start_char)
            if overlap > 0:
                inside += overlap
        if inside == 0:
            return "indirect"
        return "direct" if inside >= 0.8 * (span.end_char - span.start_char) else "mixed"


NEGATIONS = {"not", "n't", "never", "no", "nothing", "none", "neither", "nor", "nobody", "cannot"}


def _linear_negation(span: Span) -> bool:
    """A negation on the main clause read off the word order, for parses that hide it.

    Skips a leading subordinate clause ("while A did B, there was no C" -> the main clause) and
    looks at the words up to two after the main clause's first finite verb ("the drill was not",
    "there was no involvement", "X has never supplied").
    """
    toks = list(span)
    if toks and toks[0].lower_ in SUBORDINATORS:
        commas = [n for n, t in enumerate(toks) if t.text == ","]
        if not commas:
            return False
        toks = toks[commas[0] + 1:]
    for n, t in enumerate(toks[:14]):
        if t.text in ",;:" and n > 0:
            return False
        if t.tag_ in FINITE_TAGS or (t.pos_ == "AUX" and t.tag_ not in ("VBG", "VBN")):
            window = toks[n:n + 4]
            return any(w.lower_ in NEGATIONS for w in window)
        if t.lower_ in ("no", "never", "none", "nothing", "nobody") and n < 3:
            return True
    return False


def _same_speaker(a: ClaimSpan, b: ClaimSpan) -> bool:
    sa, sb = a.claim.speaker, b.claim.speaker
    return bool(sa and sb and (sa.name == sb.name))


def _hedge_use(tok: Token) -> bool:
    """"may" the modal, not "May" the month; "could" the verb form, not a name."""
    if tok.lower_ in ("may", "might", "could", "would", "will", "can"):
        return tok.tag_ == "MD" or (tok.pos_ == "AUX" and not tok.text[:1].isupper())
    return tok.pos_ != "PROPN"


def _span_head(span: Span) -> Token | None:
    """The predicate that heads a content span (the first token whose head lies outside it)."""
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    preds = [t for t in roots if t.pos_ in ("VERB", "AUX", "ADJ")]
    return preds[0] if preds else None


def _trim(span: Span) -> Span | None:
    """The span without edge punctuation (keeping a quote mark that has its partner inside)."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space) and not (
            doc[start].text in OPEN_QUOTES and any(doc[k].text in CLOSE_QUOTES for k in range(start + 1, end))):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not (
            doc[end - 1].text in CLOSE_QUOTES and any(doc[k].text in OPEN_QUOTES for k in range(start, end - 1))):
        end -= 1
    while end > start and doc[end - 1].lower_ in ("and", "but", "or", "while", "though", "although"):
        end -= 1
        while end > start and doc[end - 1].is_punct and doc[end - 1].text not in CLOSE_QUOTES:
            end -= 1
    if end - start < 1 or all(t.is_punct for t in doc[start:end]):
        return None
    return doc[start:end]


def _source_type(speaker: Actor | None) -> str:
    if speaker is None:
        return "unattributed"
    if speaker.kind == "person":
        return "named_person"
    if speaker.kind == "document":
        return "document"
    if speaker.kind == "anonymous":
        return "anonymous"
    if speaker.sector == "MED":
        return "media"
    return "institution"


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return text.strip(" ,;:")


def _dedupe(spans: list[ClaimSpan]) -> list[ClaimSpan]:
    """One claim per (speaker, content): the verbal and the nominal reading of a cue can meet.

    A content nested in another content by the same speaker with the same cue is the same claim
    read twice (a quote and the clause around it); the longer reading is kept.
    """
    seen: dict[tuple, ClaimSpan] = {}
    for cs in spans:
        key = (cs.claim.speaker.name if cs.claim.speaker else None, cs.start, cs.end)
        if key not in seen:
            seen[key] = cs
    kept = list(seen.values())
    out = []
    for cs in kept:
        dup = any(o is not cs and o.cue == cs.cue and _same_speaker(o, cs) and o.start <= cs.start and cs.end <= o.end
                  and (o.end - o.start) > (cs.end - cs.start) for o in kept)
        if not dup:
            out.append(cs)
    return sorted(out, key=lambda c: (c.start, c.cue))
