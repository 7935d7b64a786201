"""Small helpers over a UD dependency parse, shared by the resolvers and extractors.

The bundled model is trained on GUM, so relations are Universal Dependencies labels with their
subtypes (``nsubj:pass``, ``obl:tmod``, ``nmod:poss``, ``acl:relcl``). These helpers hide the subtypes
and the usual detours (coordination, passive agents, clausal complements) so extractors can ask
"who is the subject of this verb?" in one call.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.tokens import Span, Token

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubj:pass", "csubj:pass", "nsubjpass"}
# words that may open a clause and that parsers sometimes attach to its subject as "case"
CLAUSE_OPENERS = {"for", "as", "like"}
OBJECT_DEPS = {"obj", "dobj"}
CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}
NEGATION_LEMMAS = {"not", "never", "n't", "no", "neither", "nor", "without"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {"january", "february", "march", "april", "june", "july", "august", "september", "october",
           "november", "december"}  # not "may": "Theresa May said"
#: heads of time phrases that may stand between a subject and its verb ("X on Monday said")
TIME_WORDS = frozenset(_WEEKDAYS | _MONTHS | {
    "week", "weeks", "weekend", "month", "months", "year", "years", "day", "days", "night", "morning",
    "afternoon", "evening", "today", "yesterday", "tonight", "overnight", "earlier", "later"})
TIME_ADVERBS = frozenset({"yesterday", "today", "tonight", "overnight", "earlier", "later"})
TIME_OPENERS = frozenset({"on", "in", "last", "this", "next", "early", "late", "earlier", "later", "the", "of",
                          "that", "same", "recent", "past", "coming", "few", "several", "two", "three"})


def base(dep: str) -> str:
    """The UD relation without its subtype: ``nsubj:pass`` -> ``nsubj``."""
    return dep.split(":", 1)[0]


def children(token: Token, *deps: str) -> list[Token]:
    """Children whose relation (full or without subtype) is one of ``deps``."""
    wanted = set(deps)
    return [c for c in token.children if c.dep_ in wanted or base(c.dep_) in wanted]


def case_of(token: Token) -> str | None:
    """The preposition introducing a nominal ("to" in "to Ukraine"), lower case."""
    for c in token.children:
        if c.dep_ in ("case", "prep") and c.i < token.i:
            return c.lower_
    if token.head.dep_ == "prep":  # ClearNLP-style trees from user models
        return token.head.lower_
    return None


def prepositional(token: Token, preps: Iterable[str]) -> list[Token]:
    """Nominal dependents of ``token`` introduced by one of ``preps``, in order."""
    wanted = {p.lower() for p in preps}
    found = []
    for c in token.children:
        if base(c.dep_) in ("obl", "nmod", "advcl", "pobj") and case_of(c) in wanted:
            found.append(c)
        elif c.dep_ == "prep" and c.lower_ in wanted:  # ClearNLP style
            found.extend(g for g in c.children if g.dep_ == "pobj")
    return found


def expand_conjuncts(token: Token) -> list[Token]:
    """A token and the tokens coordinated with it ("Norway and Oman")."""
    return [token, *[t for t in token.conjuncts if t.i != token.i]]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ in ("aux:pass", "auxpass") for c in verb.children)


def _mislabelled_expletive(verb: Token) -> Token | None:
    """An "it" the parser called an expletive although it is the verb's subject.

    Expletive "it" comes with clauses that have none of their own ("it seems", "it is said that
    ...", "it surprised me that ..."): a verb with a direct object and no clausal subject or
    complement ("... that it supplied drones") has a real subject, and "it" is that subject.
    """
    expl = [c for c in verb.children if base(c.dep_) == "expl" and c.lower_ == "it" and c.i < verb.i]
    if not expl or verb.pos_ != "VERB":
        return None
    deps = {base(c.dep_) for c in verb.children}
    if "obj" in deps and not deps & {"ccomp", "csubj", "xcomp"}:
        return expl[0]
    return None


def acts_as_subject(token: Token) -> bool:
    """The token is its verb's subject: an nsubj, or an "it" mislabelled as an expletive."""
    if base(token.dep_) == "nsubj":
        return True
    if base(token.dep_) != "expl":
        return False
    pronoun = _mislabelled_expletive(token.head)
    return pronoun is not None and pronoun.i == token.i


def subjects(verb: Token) -> list[Token]:
    """The logical subject(s) of a verb: its nsubj, the agent of a passive, or the subject it shares.

    Covers "A and B said", "X was attacked by Y" (Y), "X said ... and added" (shared subject of a
    coordinated verb), "X continued to insist" (subject of the governing verb of an xcomp),
    "X denied it, asserting that ..." (advcl participle) and relative clauses ("the communique
    issued by Oslo" / "a shooting Serbia blamed on Kosovo").
    """
    if is_passive(verb):
        for c in verb.children:
            if base(c.dep_) == "obl" and case_of(c) == "by":
                return expand_conjuncts(c)
            if c.dep_ == "agent":
                return [g for g in c.children if g.dep_ == "pobj"]
        return []
    # a "subject" with a preposition ("a pact with a firm to acquire") is a parser error, not a subject;
    # "as"/"like" before a subject are the clause's conjunction mislabelled ("just as India uses ...")
    direct = [c for c in verb.children if c.dep_ in SUBJECT_DEPS
              and not any(g.dep_ == "case" and g.i < c.i and g.lower_ not in CLAUSE_OPENERS for g in c.children)]
    if direct:
        return expand_conjuncts(direct[0])
    pronoun = _mislabelled_expletive(verb)
    if pronoun is not None:
        return [pronoun]
    seen = 0
    node = verb
    while seen < 4 and node.head.i != node.i:
        seen += 1
        rel = base(node.dep_)
        parent = node.head
        gerund_object = rel in ("obj", "ccomp") and node.tag_ == "VBG"  # "X denied supplying ...": X supplies
        if rel in ("conj", "xcomp", "advcl") or node.dep_ in ("acl",) or gerund_object:
            infinitive = any(c.dep_ == "mark" and c.lower_ == "to" for c in node.children)
            if rel == "advcl" and not infinitive and any(c.dep_ == "mark" for c in node.children):
                return []  # "when X ...", a subordinate clause with its own (missing) subject
            if node.dep_ == "acl" and infinitive:
                # "X renewed a pact with a firm to acquire drones": a purpose infinitive on a noun
                # is done by the subject of the clause the noun sits in, not by the noun
                governor = parent
                for _ in range(4):
                    if governor.pos_ in ("VERB", "AUX") or governor.head.i == governor.i:
                        break
                    governor = governor.head
                if governor.pos_ in ("VERB", "AUX") and governor.i != node.i:
                    return subjects(governor)
                return []
            if node.dep_ == "acl":
                return [parent]  # "a statement stating that ..." -> the statement speaks
            parent_subjects = [c for c in parent.children if c.dep_ in SUBJECT_DEPS]
            if parent_subjects:
                return expand_conjuncts(parent_subjects[0])
            if is_passive(parent):
                return []
            node = parent
            continue
        if rel == "acl" and node.dep_ == "acl:relcl":
            return [parent]
        break
    return []


def objects(verb: Token) -> list[Token]:
    direct = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if direct:
        return expand_conjuncts(direct[0])
    if is_passive(verb):
        passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if passive:
            return expand_conjuncts(passive[0])
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "devices operated by X": the noun is the object
        return [verb.head]
    return []


def is_negated(token: Token) -> bool:
    """True when the predicate at ``token`` is negated ("did not", "never", "no involvement")."""
    for c in token.children:
        if c.lower_ in NEGATION_LEMMAS and base(c.dep_) in ("advmod", "neg", "det", "cc", "aux"):
            return True
        if c.dep_ == "det" and c.lower_ == "no":
            return True
    # "there was no X": negation on the nominal subject/object of an existential
    if token.lemma_ == "be":
        for c in token.children:
            if base(c.dep_) in ("nsubj", "obj", "attr") and any(g.lower_ == "no" for g in c.children):
                return True
    return False


def span_text(tokens: Iterable[Token]) -> str:
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return ""
    doc = toks[0].doc
    return doc[toks[0].i: toks[-1].i + 1].text


def subtree_span(token: Token, exclude: Iterable[Token] = ()) -> Span:
    """The contiguous span of ``token``'s subtree, trimmed of excluded children's subtrees at its edges."""
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    for ex in exclude:
        if ex.left_edge.i <= start <= ex.right_edge.i:
            start = ex.right_edge.i + 1
        if ex.left_edge.i < end <= ex.right_edge.i + 1:
            end = ex.left_edge.i
    start = min(max(start, token.left_edge.i), token.i)
    end = max(end, token.i + 1)
    # trim punctuation at the edges
    while start < end - 1 and doc[start].is_punct and doc[start].text not in "“\"'‘":
        start += 1
    while end - 1 > start and doc[end - 1].is_punct and doc[end - 1].text not in "”\"'’":
        end -= 1
    return doc[start:end]


def clause_tokens(sent: Span) -> Iterator[Token]:
    """The predicates of a sentence: verbs and the copular heads of clauses."""
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") or (tok.dep_ in ("ROOT", "root", "ccomp", "conj") and tok.pos_ in ("ADJ", "NOUN")):
            yield tok


def before_time_phrase(tok: Token, floor: int) -> int:
    """Index of the word before a time phrase that ends at ``tok``, else ``tok.i``.

    "The Indian Army on Wednesday accused", "Pakistan's army has in recent months inducted": the
    phrase stands between a subject and its verb, and parsers often hang the verb on it. Read off
    the words: a time word with what opens its phrase ("on", "last", "in recent"), or a time
    adverb ("yesterday"); never a bare capitalised word ("Theresa May").
    """
    doc = tok.doc
    k = tok.i
    if k < floor or doc[k].lower_ not in TIME_WORDS:
        return k
    j = k - 1
    opened = doc[k].lower_ in TIME_ADVERBS
    while j > floor and k - j <= 4 and (doc[j].lower_ in TIME_WORDS or doc[j].lower_ in TIME_OPENERS or doc[j].like_num):
        opened = opened or doc[j].lower_ in TIME_OPENERS
        j -= 1
    return j if opened else k
