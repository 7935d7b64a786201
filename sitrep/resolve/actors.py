"""Actor mentions: countries, institutions, titled persons, groups and the words that refer back.

Every mention becomes a :class:`Mention` that points to a coded :class:`~sitrep.model.Actor`
(ISO3 country, sector, role). Resolution runs in passes over the parsed document:

1. gazetteer: country names, demonyms, capitals used as metonyms, named institutions and groups
   (``countries.tsv``, ``actors.yaml`` and the user's dictionaries);
2. persons: proper-name runs with a title before them ("Foreign Minister Lena Varga") or after
   them in apposition ("Mao Ning, a foreign ministry spokesperson"), or tagged PERSON by the NER;
   titles with a country but no name ("Chile's Navy Chief") become role persons;
3. organisations the dictionary does not know but the NER tags ORG;
4. groups: generic nouns with a country modifier ("Pakistani forces", "Indian sources",
   "the authorities in Lima", "a Korean shipyard");
5. coreference: surnames ("Varga"), pronouns ("he", "its"), definite titles ("the defence minister"),
   "the country", "the government" and "the two sides".

Unknown names still become actors (country unknown) rather than being dropped. A country that
was not said next to the person but taken from what the document is about is marked in the
actor's ``role`` ("... (country inferred)"), so a reader can tell a guess from a reading.

Matching is done on *pieces* (runs of letters/digits, single punctuation marks) rather than on the
model's tokens, so the lexicons match however the tokenizer splits "Lt. Gen." or "U.S." — the
bundled model is retrained now and then and its tokenizer must not decide what the lexicon knows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from sitrep import lexicons
from sitrep.extract.syntax import acts_as_subject, base, case_of
from sitrep.model import Actor

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.pipeline import DocContext

INFERRED = "(country inferred)"
STATE_HOWS = ("country", "demonym", "metonym")


def _ref(name: str) -> frozenset[str]:
    """A word list of the ``reference`` section of roles.yaml (empty when absent)."""
    return lexicons.roles()["reference"].get(name, frozenset())


@dataclass
class Mention:
    """A span of tokens that names or refers to one or more actors."""

    start: int
    end: int
    actors: list[Actor]
    # country, demonym, metonym, institution (dictionary), person, group, ner (organisation from the
    # NER), and the references: surname, pronoun, title (definite description), pair ("the two sides")
    how: str
    head: int | None = None

    @property
    def actor(self) -> Actor:
        return self.actors[0]


# -- piece matcher ------------------------------------------------------------------------------
_PIECE = re.compile(r"\w+|[^\w\s]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_OPTIONAL = {".", "-"}  # "Lt. Gen." = "Lt Gen", "Jaish-e-Mohammed" = "Jaish e Mohammed"


def _pieces(text: str) -> list[str]:
    """Words and single punctuation marks, apostrophes unified: the unit both sides are matched in."""
    return _PIECE.findall(text.translate(_APOSTROPHES))


class PieceMatcher:
    """Longest-match lookup of multi-word forms over a document, independent of tokenisation.

    Forms and document are both cut into pieces; dots and hyphens are optional. A match must start
    at a token's first piece and end at a token's end (a trailing possessive "'s" or dot in the
    same token is allowed: "minister's", "Gen."). ``lower`` makes the match case-insensitive;
    ``cross_sentence_dots`` lets a lone "." token sit inside a match ("Lt" "." "Gen." in titles)
    — off for names, so "with Pakistan. Army officials" is not "Pakistan Army".
    """

    def __init__(self, lower: bool, cross_sentence_dots: bool) -> None:
        self.lower = lower
        self.cross = cross_sentence_dots
        self.root: dict[Any, Any] = {}

    def _key(self, piece: str) -> str:
        return piece.lower() if self.lower else piece

    def add(self, form: str, payload: Any, replace: bool = True) -> None:
        keys = [self._key(p) for p in _pieces(form) if p not in _OPTIONAL]
        if not keys:
            return
        node = self.root
        for k in keys:
            node = node.setdefault(k, {})
        if replace or None not in node:
            node[None] = payload

    def __call__(self, doc: Doc) -> list[tuple[int, int, Any]]:
        seq = _doc_pieces(doc)
        found: list[tuple[int, int, Any]] = []
        for k, (piece, tok_i, first, _, _) in enumerate(seq):
            if not first or piece in _OPTIONAL:
                continue
            node, best, n = self.root, None, k
            while n < len(seq):
                p, t, _, end_ok, lone_dot = seq[n]
                if p in _OPTIONAL and n > k:
                    if lone_dot and not self.cross:
                        break
                    n += 1
                    continue
                node = node.get(self._key(p))
                if node is None:
                    break
                if None in node and end_ok:
                    best = (tok_i, t + 1, node[None])
                n += 1
            if best is not None:
                found.append(best)
        # longest first, then leftmost; no overlaps
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken: set[int] = set()
        out = []
        for s, e, payload in found:
            if any(i in taken for i in range(s, e)):
                continue
            taken.update(range(s, e))
            out.append((s, e, payload))
        return sorted(out, key=lambda m: m[0])


_last_pieces: tuple[Any, list] | None = None  # (doc, pieces): titles and gazetteer match the same doc


def _doc_pieces(doc: Doc) -> list[tuple[str, int, bool, bool, bool]]:
    """The document cut into pieces: (piece, token, first, end_ok, lone dot), computed once per doc."""
    global _last_pieces
    last = _last_pieces  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is doc:
        return last[1]
    seq: list[tuple[str, int, bool, bool, bool]] = []  # piece, token, first, end_ok, lone dot
    for i, text in enumerate([t.text for t in doc]):
        ps = _pieces(text)
        for j, p in enumerate(ps):
            rest = ps[j + 1:]
            end_ok = not rest or all(r == "." for r in rest) or rest in (["'", "s"], ["'"])
            seq.append((p, i, j == 0, end_ok, len(ps) == 1 and p == "."))
    _last_pieces = (doc, seq)
    return seq


@dataclass
class _Matchers:
    gazetteer: PieceMatcher
    titles: PieceMatcher
    source: tuple = ()
    forms: dict[str, tuple[str, object]] = field(default_factory=dict)


_MATCHER_CACHE: list[_Matchers] = []  # at most one: the matchers of the current lexicons


def build_matchers(doc: Doc | None = None) -> _Matchers:
    """Matchers for the gazetteer and the titles, built once for the loaded lexicons.

    They work on text pieces, not on a spaCy vocabulary, so one build serves every document and
    every model. Rebuilt only when a lexicon table is replaced (a user dictionary was added): the
    cache keeps the very table objects it was built from and compares them by identity. ``doc`` is
    accepted for compatibility and not used.
    """
    countries = lexicons.countries()
    entries = lexicons.actor_entries()
    roles = lexicons.roles()
    cached = _MATCHER_CACHE[0] if _MATCHER_CACHE else None
    if cached is not None and all(a is b for a, b in zip(cached.source, (countries, entries, roles))):
        return cached
    gaz = PieceMatcher(lower=False, cross_sentence_dots=False)
    forms: dict[str, tuple[str, object]] = {}
    for how, table in (("demonym", countries.demonyms), ("country", countries.names),
                       ("metonym", countries.metonyms)):
        for form, iso3 in table.items():
            forms[form] = (how, iso3)
    for form, entry in entries.items():
        forms[form] = ("institution", entry)
    for form, value in forms.items():
        gaz.add(form, value)
    for form, value in forms.items():
        # sentence-initial and headline capitalisation: "The Kremlin", "Foreign Office"
        if form[:1].islower():
            gaz.add(form[0].upper() + form[1:], value, replace=False)
    titles = PieceMatcher(lower=True, cross_sentence_dots=True)
    for title, sector in roles["titles"].items():
        titles.add(title, (title, sector))
    matchers = _Matchers(gazetteer=gaz, titles=titles, source=(countries, entries, roles), forms=forms)
    _MATCHER_CACHE[:] = [matchers]
    return matchers


class ActorResolver:
    """Pipeline component: finds actor mentions and resolves references within the document."""

    name = "actors"

    def __call__(self, ctx: "DocContext") -> None:
        """Fill ``ctx.mentions``, ``ctx.mention_at`` and ``ctx.actors`` for one document.

        The instance is reused across documents: everything per document is reset here.
        """
        doc = ctx.doc
        m = build_matchers(doc)
        self.ctx = ctx
        self.countries = lexicons.countries()
        self.roles = lexicons.roles()
        self.mention_at: dict[int, Mention] = {}
        self.preexisting = set(ctx.actors)
        self.title_at: dict[int, Span] = {}
        self.title_sector: dict[tuple[int, int], str] = {}
        self._headlines: dict[int, bool] = {}
        self._uncoded: list[tuple[Actor, Span]] = []  # persons whose country is still unknown
        self._dyad_cache: dict[int, list[Actor] | None] = {}
        self._evidence: list[tuple[int, tuple[str, str]]] | None = None  # per document
        for s, e, (title, sector) in m.titles(doc):
            span = doc[s:e]
            self.title_sector[(s, e)] = sector
            for i in range(s, e):
                self.title_at[i] = span
        self._gazetteer(doc, m)
        self._persons(doc)
        self._organisations(doc)
        self._groups(doc)
        self._operations(doc)
        self._acronyms(doc)
        self._role_persons(doc)
        self.home = self._home_country()
        self._coreference(doc)
        self._possessed_groups(doc)
        self._infer_countries()
        for i in _dateline_tokens(doc):  # "BEIRUT, Oct 15 —": where the report was filed, no actor
            self.mention_at.pop(i, None)
        unique: list[Mention] = []
        seen: set[int] = set()
        # a mention object is registered for every token it covers: list each once
        for mention in sorted(self.mention_at.values(), key=lambda x: (x.start, x.end)):
            if id(mention) not in seen:
                seen.add(id(mention))
                unique.append(mention)
        ctx.mentions = unique
        ctx.mention_at = self.mention_at
        # actors whose every mention was taken over by a longer reading ("officials" that became
        # "Turkish officials") are not in the text any more
        used = {id(a) for m in unique for a in m.actors}
        for key in [k for k, a in ctx.actors.items() if id(a) not in used and k not in self.preexisting]:
            del ctx.actors[key]
        for mention in unique:
            if mention.how == "pronoun":
                continue
            for actor in mention.actors:
                actor.mentions.append(ctx.evidence(mention.start, mention.end))

    def _headline(self, sent: Span) -> bool:
        """:func:`_is_title_case`, once per sentence."""
        found = self._headlines.get(sent.start)
        if found is None:
            found = self._headlines[sent.start] = _is_title_case(sent)
        return found

    # -- registry -------------------------------------------------------------------------------
    def _actor(self, name: str, country: str | None, sector: str | None, kind: str,
               role: str | None = None) -> Actor:
        """The document's one actor for this identity (``Actor.key``), created on first use;
        later readings only fill what is still unknown, never overwrite."""
        probe = Actor(name=name, country=country, sector=sector, kind=kind, role=role)
        key = probe.key()
        actor = self.ctx.actors.get(key)
        if actor is None:
            probe.id = self.ctx.new_id("a")
            self.ctx.actors[key] = probe
            actor = probe
        else:
            actor.role = actor.role or role
            actor.country = actor.country or country
            actor.sector = actor.sector or sector
        return actor

    def country_actor(self, iso3: str) -> Actor:
        return self._actor(self.countries.name_of(iso3) or iso3, iso3, None, "country")

    def _register(self, mention: Mention, overwrite: bool = False) -> None:
        """Point each token of the mention at it; earlier passes win unless ``overwrite``."""
        for i in range(mention.start, mention.end):
            if overwrite or i not in self.mention_at:
                self.mention_at[i] = mention

    def _unique_mentions(self) -> list[Mention]:
        """Each mention once, in text order (``mention_at`` lists one per token)."""
        seen: set[int] = set()
        out = []
        for i in sorted(self.mention_at):
            m = self.mention_at[i]
            if id(m) not in seen:
                seen.add(id(m))
                out.append(m)
        return out

    # -- pass 1: gazetteer ----------------------------------------------------------------------
    def _gazetteer(self, doc: Doc, m: _Matchers) -> None:
        """Pass 1: what the dictionaries name. Runs first so that later passes never read a
        known name ("Pakistan Army", "Putin") as something else."""
        for s, e, (how, value) in m.gazetteer(doc):
            span = doc[s:e]
            if how == "institution":
                entry = value
                if len(span) == 1 and _ambiguous_word(span[0]):
                    continue
                if entry.kind == "country" and entry.country:
                    actor = self.country_actor(entry.country)
                    how = "country"
                elif entry.kind == "person":
                    # a person the dictionary knows ("Vladimir Putin"): a person mention, so that
                    # surnames and pronouns later link to it
                    actor = self._actor(entry.name, entry.country, entry.sector, "person", entry.role)
                    how = "person"
                else:
                    actor = self._actor(entry.name, entry.country, entry.sector, entry.kind, entry.role)
            else:
                if how == "demonym" and span.text in ("US", "U.S.") and e < len(doc) \
                        and doc[e].pos_ in ("VERB", "AUX"):
                    how = "country"
                if len(span) == 1 and _ambiguous_word(span[0]):
                    continue
                actor = self.country_actor(value)
            self._register(Mention(s, e, [actor], how, head=span.root.i))

    # -- pass 2: persons ------------------------------------------------------------------------
    def _name_runs(self, doc: Doc) -> list[Span]:
        """Proper-name runs: NER PERSON spans, and PROPN runs (after a title or not)."""
        honorifics = self.roles["honorifics"]
        runs: list[Span] = [e for e in doc.ents if e.label_ == "PERSON" and not self._headline(e.sent)]
        i = 0
        while i < len(doc):
            if self._name_token(doc[i]) or (doc[i].lower_ in honorifics and i + 1 < len(doc)
                                             and self._name_token(doc[i + 1])):
                j = i + 1
                while j < len(doc) and (self._name_token(doc[j]) or self._name_link(doc, j)):
                    j += 1
                while j > i + 1 and not self._name_token(doc[j - 1]):
                    j -= 1  # a name ends on a name word, not on "al" or "-"
                runs.append(doc[i:j])
                i = j
            else:
                i += 1
        cleaned = []
        for span in runs:
            toks = []
            for t in span:
                ok = t.i not in self.mention_at and t.i not in self.title_at and t.text[:1].isupper() \
                    and not t.is_punct and t.lower_ not in ("the", "'s", "’s") and not _is_title_word(t)
                if ok or (toks and (t.text in ("-",) or t.lower_ in self.roles["name_particles"]) and t.i + 1 < span.end):
                    toks.append(t)
                elif t.lower_ in honorifics and not toks:
                    toks.append(t)
                elif toks:
                    break  # a name ends at the first word that is not part of it
            while toks and toks[-1].text == "-":
                toks.pop()
            if toks:
                cleaned.append(doc[toks[0].i:toks[-1].i + 1])
        self._cued = self._cued_runs(doc)
        cleaned += self._cued
        # longest first, no overlaps
        cleaned.sort(key=lambda s: (-len(s), s.start))
        taken: set[int] = set()
        out = []
        for span in cleaned:
            if any(t.i in taken for t in span):
                continue
            taken.update(t.i for t in span)
            out.append(span)
        return sorted(out, key=lambda s: s.start)

    def _cued_runs(self, doc: Doc) -> list[Span]:
        """Capitalised two- to four-word runs the tagger and NER may have missed, where the text
        itself says a person is meant: a reporting verb right after ("Farhan Qureshi said") or
        before ("said Farhan Qureshi"), or an apposition ("Farhan Qureshi, a retired engineer").
        """
        verbs = set(lexicons.cues().get("verbs", {}) or {})
        stop_words = self.roles["non_person_words"] | set(self.roles["organisation_heads"])
        runs: list[Span] = []
        i = 0
        while i < len(doc):
            j = i
            while j < len(doc) and j - i < 4 and _capital_word(doc[j]) and j not in self.mention_at \
                    and j not in self.title_at and doc[j].lower_ not in stop_words and not _is_title_word(doc[j]):
                j += 1
            if j - i >= 2 and not self._headline(doc[i].sent):
                after = doc[j] if j < len(doc) else None
                after2 = doc[j + 1] if j + 1 < len(doc) else None
                before = doc[i - 1] if i > 0 else None
                cued = (after is not None and after.lemma_.lower() in verbs and after.pos_ in ("VERB", "AUX", "NOUN")) \
                    or (before is not None and before.lemma_.lower() in verbs and before.pos_ == "VERB") \
                    or (after is not None and after.text == "," and after2 is not None
                        and after2.lower_ in ("a", "an", "who", "the"))
                if cued:
                    runs.append(doc[i:j])
                i = j
            else:
                i = max(j, i + 1)
        return runs

    def _name_link(self, doc: Doc, j: int) -> bool:
        """Particles and hyphens inside a name: "Abu Musab al-Zarqawi", "Mohammed bin Salman"."""
        tok = doc[j]
        if j + 1 >= len(doc) or j in self.mention_at:
            return False
        nxt = doc[j + 1]
        if tok.text == "-":
            return nxt.text[:1].isupper() or nxt.lower_ in self.roles["name_particles"]
        particles = self.roles["name_particles"]
        return tok.lower_ in particles and (nxt.text == "-" or nxt.text[:1].isupper() or nxt.lower_ in particles)

    def _name_token(self, tok: Token) -> bool:
        """A word that can be part of a personal name: a capitalised proper noun that is no
        title, no known name and not in a Title Case headline (where every word is capitalised)."""
        if tok.i in self.mention_at or tok.i in self.title_at or not tok.text[:1].isupper():
            return False
        if len(tok.text) == 1:  # a middle initial: "Marta J Kowalski" (taggers call it anything)
            return tok.text.isupper() and tok.i > 0 and _prev_is_name(tok) and not self._headline(tok.sent)
        if tok.pos_ != "PROPN" or _is_title_word(tok) or self._headline(tok.sent):
            return False
        return tok.is_alpha and not tok.is_stop

    def _left_context(self, doc: Doc, start: int) -> tuple[list[Span], list[Mention], int]:
        """Titles and organisation/country mentions in the noun phrase left of a name.

        Walks left over titles, country/institution mentions, honorifics and the glue between
        them ("of", "the", "'s", brackets, dots of abbreviations) up to 14 tokens, and stops at
        anything else — a verb, another person, a comma.
        """
        titles: list[Span] = []
        orgs: list[Mention] = []
        i = start - 1
        honorifics = self.roles["honorifics"]
        sent_start = (doc[start] if start < len(doc) else doc[start - 1]).sent.start
        # the parser may break a sentence inside a long title ("... Chief of Staff (CoS)
        # Major General ...", "Maj. Gen."): a boundary without end punctuation, or right after
        # a title's dot, is no boundary; a paragraph break always is
        while sent_start > 0:
            prev = doc[sent_start - 1]
            if prev.is_space or "\n" in prev.text_with_ws:
                break
            # "Maj. Gen.": an abbreviation's dot; a full stop token ends the sentence even before
            # a title ("... Security Council. Prime Minister Nawaf Salam urged")
            title_dot = (sent_start in self.title_at or sent_start - 1 in self.title_at) and prev.text.endswith(".") \
                and prev.text != "."
            if prev.text in (".", "!", "?", "…", ":", ";") and not title_dot:
                break
            if prev.text[-1:] in ("!", "?") or (prev.text.endswith(".") and not title_dot):
                break
            sent_start = prev.sent.start
        floor = max(0, start - 14, sent_start)
        left = start
        while i >= floor:
            tok = doc[i]
            if i in self.title_at:
                span = self.title_at[i]
                if not any(span.start == t.start for t in titles):
                    titles.append(span)
                # "DG ISPR" is a title that holds an institution: keep both
                for k in range(span.start, span.end):
                    m = self.mention_at.get(k)
                    if m is not None and m.how == "institution" and m not in orgs:
                        orgs.append(m)
                i = span.start - 1
                left = span.start
                continue
            if i in self.mention_at:
                mention = self.mention_at[i]
                if mention.actor.kind == "person" or mention.how in ("pronoun", "pair"):
                    break
                orgs.append(mention)
                i = mention.start - 1
                left = mention.start
                continue
            if tok.lower_ in honorifics or tok.text in ("(", ")", "'s", "’s", "'", "’", "-", ".") \
                    or tok.lower_ in ("of", "the", "and", "for") \
                    or (tok.is_upper and len(tok) <= 6 and tok.is_alpha) \
                    or (tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ") and _is_title_word(tok)):
                i -= 1
                continue
            break
        return titles, orgs, left

    def _persons(self, doc: Doc) -> None:
        """Name runs that a title, an honorific, the NER or a speech verb marks as a person.

        Longest runs first, so "Lena Varga" is coded before a lone "Varga" that then joins it.
        The person's sector, country and role come from the titles and institutions around the
        name; a person the text gives no country stays without one until :meth:`_infer_countries`.
        """
        honorifics = self.roles["honorifics"]
        runs = self._name_runs(doc)
        ner_person = {t.i for e in doc.ents if e.label_ == "PERSON" for t in e}
        ner_person |= {t.i for r in self._cued for t in r}  # the text says they are persons
        for run in sorted(runs, key=lambda r: (-len(r), r.start)):
            name_tokens = [t for t in run if t.lower_ not in honorifics]
            if not name_tokens:
                continue
            titles, orgs, left = self._left_context(doc, run.start)
            appos_titles, appos_orgs = self._appositive(run)
            titles += [t for t in appos_titles if t not in titles]
            orgs += [o for o in appos_orgs if o not in orgs]
            honorific = any(t.lower_ in honorifics for t in run)
            in_ner = all(t.i in ner_person for t in name_tokens)
            if self._not_a_name(name_tokens):
                continue
            if not (titles or honorific or in_ner):
                continue
            if len(name_tokens) == 1 and not honorific and (_acronym_like(name_tokens[0].text) or (
                    not titles and not self._plausible_single_name(name_tokens[0]))):
                continue
            if not titles and not honorific and not any(run.start == c.start for c in self._cued) \
                    and _in_place_phrase(run):
                continue  # "near Kings Cross and Marble Arch": the NER's person is a place
            name = " ".join(t.text for t in name_tokens).replace(" - ", "-")
            existing = self._known_person(name_tokens)
            sector, country, role = self._person_codes(titles, orgs, run)
            if existing is not None:  # "Varga" after "Lena Varga", "Marta Kowalski" after "Marta J Kowalski"
                actor = existing
                actor.role = actor.role or role
                actor.sector = actor.sector or sector
                actor.country = actor.country or country
            else:
                actor = self._actor(name, country, sector, "person", role)
            if actor.country is None:
                self._uncoded.append((actor, run))
            # the name tokens belong to the person; titles and orgs keep their own mentions too
            self._register(Mention(run.start, run.end, [actor], "person", head=run.root.i), overwrite=True)
            mention = self.mention_at[run.start]
            for t in titles:
                if t.end <= run.start and t.start >= left:
                    for k in range(t.start, t.end):
                        self.mention_at.setdefault(k, mention)

    def _not_a_name(self, tokens: list[Token]) -> bool:
        """Runs the NER or the tagger take for names but that name an operation, a place, a
        weapon or a plural ("Operation Inherent Resolve", "Mount Sinjar", "VBIED", "Members")."""
        words = self.roles["non_person_words"]
        heads = self.roles["organisation_heads"]
        if any(t.lower_ in words for t in tokens) or (len(tokens) > 1 and tokens[-1].lower_ in heads):
            return True  # "Mount Sinjar", "Counter Terrorism Department"
        text = " ".join(t.text for t in tokens).lower()
        if text in lexicons.weapon_names():
            return True
        last = tokens[-1]
        return len(tokens) == 1 and last.lemma_.lower() != last.lower_ and last.lower_.endswith("s")

    def _plausible_single_name(self, tok: Token) -> bool:
        """A one-word name from the NER alone: a singular proper noun in a person's slot (subject,
        apposition, possessor), not after a preposition — "in Kashmir" is a place."""
        if _plural(tok) or len(tok.text) < 3 or tok.is_upper:
            return False
        if case_of(tok) is not None and tok.dep_ != "nmod:poss":
            return False
        return base(tok.dep_) in ("nsubj", "appos") or tok.dep_ == "nmod:poss"

    def _known_person(self, name_tokens: list[Token]) -> Actor | None:
        """The person already in the table under another form of the same name.

        "Marta Kowalski" after "Marta J Kowalski", "Varga" after "Lena Varga": the same surname and no
        conflicting first name.
        """
        words = [t.text for t in name_tokens]
        for actor in self.ctx.actors.values():
            if actor.kind != "person":
                continue
            known = actor.name.split()
            if known == words:
                return actor
            if len(known) > 1 and words[-1] == known[-1] and (len(words) == 1 or words[0] == known[0]):
                return actor
        return None

    def _person_codes(self, titles: list[Span], orgs: list[Mention], run: Span
                      ) -> tuple[str | None, str | None, str | None]:
        """Sector, country and role of a titled person from the titles and mentions around the name."""
        sector = None
        for t in sorted(titles, key=lambda s: abs(s.start - run.start)):  # nearest title decides ...
            sector = self.title_sector.get((t.start, t.end)) or self.roles["titles"].get(_norm_title(t.text))
            if sector:
                break
        country = None
        for mention in sorted(orgs, key=lambda mo: abs(mo.start - run.start)):  # ... unless an institution says more
            actor = mention.actor
            country = country or actor.country
            if mention.how in ("institution", "ner") and actor.sector:
                # the institution says what the office is ("ISPR Director General" is MIL, "BJP
                # president" POL, "European Commission President" IGO) -- except a military or
                # intelligence rank inside a civil ministry, which keeps its own sector
                if not (actor.sector == "GOV" and sector in ("MIL", "SPY")):
                    sector = actor.sector
        if sector is None and titles:
            sector = "GOV"
        doc = run.doc
        former = self.roles["former"]
        for t in titles:
            before = doc[t.start - 1] if t.start > 0 else None
            if before is not None and (before.lower_ in former or before.lower_.rstrip("-") in former):
                sector = "CVL"  # PLOVER codes a former office holder as a civilian
        shown = []
        for t in sorted(titles, key=lambda s: s.start):
            inside_brackets = t.start > 0 and t.doc[t.start - 1].text == "(" and t.end < len(t.doc) \
                and t.doc[t.end].text == ")"
            text = " ".join(t.text.split())
            if not inside_brackets and text not in shown:
                shown.append(text)
        return sector, country, " ".join(shown) or None

    def _appositive(self, run: Span) -> tuple[list[Span], list[Mention]]:
        """Titles and institutions in an apposition: "Mao Ning, a foreign ministry spokesperson"."""
        titles: list[Span] = []
        orgs: list[Mention] = []
        doc = run.doc
        heads = [c for tok in run for c in tok.children if base(c.dep_) == "appos" and c.i >= run.end]
        if run.root.dep_ == "appos" and run.root.head.i < run.start:  # "the spokesperson, Mao Ning"
            heads.append(run.root.head)
        if not heads and run.end + 1 < len(doc) and doc[run.end].text == ",":
            # parsers often miss the apposition; read up to the next comma
            k = run.end + 1
            stop = min(len(doc), k + 10)
            while k < stop and doc[k].text not in (",", ".", ";") and doc[k].pos_ not in ("VERB", "AUX"):
                k += 1
            if k < len(doc) and doc[k].text in (",", ".", ";"):
                heads = [doc[j] for j in range(run.end + 1, k)]
        for h in heads:
            lo, hi = (h.left_edge.i, h.right_edge.i + 1) if h.i < run.start or base(h.dep_) == "appos" else (h.i, h.i + 1)
            for k in range(lo, hi):
                if run.start <= k < run.end:
                    continue
                if k in self.title_at and self.title_at[k] not in titles:
                    titles.append(self.title_at[k])
                m = self.mention_at.get(k)
                if m is not None and m.actor.kind != "person" and m not in orgs:
                    orgs.append(m)
        return titles, orgs

    # -- pass 3: organisations the NER finds ----------------------------------------------------
    def _organisations(self, doc: Doc) -> None:
        """Pass 3: organisations the NER finds and the dictionary lacks are actors too, with the
        sector their head word gives ("... Authority" GOV) and a country from a modifier."""
        heads = self.roles["organisation_heads"]
        for ent in doc.ents:
            if ent.label_ != "ORG" or self._headline(ent.sent):
                continue
            toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
            while toks and (toks[-1].is_punct or toks[-1].text in ("'s", "’s")):
                toks.pop()
            if not toks or len(toks) > 8 or any(t.i in self.mention_at or t.i in self.title_at for t in toks):
                continue
            if " ".join(t.text for t in toks).lower() in lexicons.weapon_names():
                continue
            if not all(t.text[:1].isupper() or t.lower_ in ("of", "and", "for", "&", "-", "the") for t in toks):
                continue
            if len(toks) == 1 and (_is_title_word(toks[0]) or toks[0].is_lower or len(toks[0]) < 2):
                continue
            start, end = toks[0].i, toks[-1].i + 1
            name = doc[start:end].text
            sector = None
            for t in reversed(toks):
                if t.lower_ in heads:
                    sector = heads[t.lower_]
                    break
            _, orgs, _ = self._left_context(doc, start)
            country = next((o.actor.country for o in orgs if o.actor.country), None)
            actor = self._actor(name, country, sector, "organisation")
            self._register(Mention(start, end, [actor], "ner", head=doc[start:end].root.i))

    def _acronyms(self, doc: Doc) -> None:
        """"the Counter Terrorism Department (CTD)": the bracketed acronym, there and later in the
        text, is the same actor — an abbreviation the dictionary need not know."""
        aliases: dict[str, Mention] = {}
        for tok in doc:
            if tok.text != "(" or tok.i == 0 or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
                continue
            acr = doc[tok.i + 1]
            if not (_acronym_like(acr.text) or (acr.is_upper and 2 <= len(acr) <= 8)):
                continue
            full = self.mention_at.get(tok.i - 1)
            if full is None:
                full = self._spelled_out(doc, tok.i, acr.text)
            if full is None or full.how not in ("institution", "ner", "group"):
                continue
            held = self.mention_at.get(acr.i)
            if held is not None and held.how != "ner":
                continue
            aliases[acr.text] = full
        if not aliases:
            return
        for tok in doc:
            full = aliases.get(tok.text)
            held = self.mention_at.get(tok.i)
            if full is None or (held is not None and held.how != "ner") or (full.start <= tok.i < full.end):
                continue
            if held is not None and held.how == "ner":
                for a in held.actors:
                    if not any(m is not held and a in m.actors for m in self.mention_at.values()):
                        self.ctx.actors.pop(a.key(), None)
            self._register(Mention(tok.i, tok.i + 1, list(full.actors), full.how, head=tok.i), overwrite=True)

    def _spelled_out(self, doc: Doc, paren: int, acronym: str) -> Mention | None:
        """"Counter Terrorism Department (CTD)": capitalised words before the bracket whose
        initials spell the acronym make an organisation, even when the NER missed it."""
        letters = [ch.lower() for ch in acronym if ch.isalpha()]
        k = paren - 1
        words: list[Token] = []
        while k >= 0 and paren - k <= 10 and k not in self.mention_at and k not in self.title_at:
            t = doc[k]
            if t.text[:1].isupper() and t.is_alpha:
                words.insert(0, t)
            elif t.lower_ not in ("of", "and", "for", "the", "on", "-", "&"):
                break
            k -= 1
            initials = [w.text[0].lower() for w in words]
            if initials == letters:
                start = words[0].i
                heads = self.roles["organisation_heads"]
                sector = next((heads[w.lower_] for w in reversed(words) if w.lower_ in heads), None)
                _, orgs, _ = self._left_context(doc, start)
                country = next((o.actor.country for o in orgs if o.actor.country), None)
                name = doc[start:paren].text
                actor = self._actor(name, country, sector, "organisation")
                mention = Mention(start, paren, [actor], "ner", head=doc[start:paren].root.i)
                self._register(mention)
                return mention
            if len(initials) > len(letters):
                break
        return None

    # -- pass 4: groups -------------------------------------------------------------------------
    def _groups(self, doc: Doc) -> None:
        """Pass 4: generic actor nouns ("forces", "officials", "sources") with the states that
        modify them; unnamed sources and countryless fighters are kept where they act or speak."""
        group_nouns = self.roles["group_nouns"]
        for tok in doc:
            if tok.i in self.mention_at:
                continue
            if tok.pos_ not in ("NOUN", "PROPN") and not (
                    tok.pos_ == "ADJ" and base(tok.dep_) in ("nsubj", "obj", "obl", "nmod", "conj", "appos", "root")):
                continue  # "the Pakistani military denied": a noun the tagger called an adjective
            if tok.i in self.title_at and self.title_at[tok.i].end - 1 != tok.i:
                continue  # "Army" in "Pakistan's Army Chief" is part of an office, not the army
            key = tok.lower_
            prev = doc[tok.i - 1] if tok.i > 0 else None
            two = f"{prev.lower_} {tok.lower_}" if prev is not None else ""
            info = None
            start = tok.i
            if two in group_nouns and prev is not None and prev.i not in self.mention_at:
                info, start = group_nouns[two], tok.i - 1
            elif key in group_nouns:
                info = group_nouns[key]
            elif tok.lemma_.lower() in group_nouns:
                info = group_nouns[tok.lemma_.lower()]
            if info is None:
                continue
            countries = self._modifier_countries(tok)
            kind = info.get("kind") or "organisation"
            sector = info.get("sector")
            if not countries:
                argument = base(tok.dep_) in ("nsubj", "obj") or case_of(tok) in ("by",)
                if kind == "organisation" and sector in ("MIL", "REB", "CVL") and argument \
                        and _plural(tok) and not _definite(tok):
                    # "militants attacked", "soldiers were killed": actors without a country
                    name = doc[start:tok.i + 1].text
                    actor = self._actor(name[0].upper() + name[1:], None, sector, "group")
                    self._register(Mention(start, tok.i + 1, [actor], "group", head=tok.i))
                    continue
                if kind in ("anonymous", "document") and (base(tok.dep_) == "nsubj" or case_of(tok) in ("to", "by", "from")):
                    same = self._same_head_antecedent(tok, key) if _definite(tok) else None
                    if same is not None:  # "the official said" after "a senior Pakistani official"
                        self._register(Mention(start, tok.i + 1, [same], "title", head=tok.i))
                        continue
                    # unnamed sources still speak: "sources claim", "a report said"
                    name = doc[start:tok.i + 1].text
                    actor = self._actor(name[0].upper() + name[1:], None, sector, kind)
                    self._register(Mention(start, tok.i + 1, [actor], "group", head=tok.i))
                continue
            self._register_group(doc, tok, start, countries, sector, kind)

    def _operations(self, doc: Doc) -> None:
        """"Chile's Operation Southern Shield targeted ...": a named military operation of a state acts
        for that state's forces. Without a state named before it, the operation stays no actor."""
        words = _ref("operation_words")
        i = 0
        while i < len(doc):
            tok = doc[i]
            if tok.lower_ not in words or not tok.text[:1].isupper() or i in self.mention_at:
                i += 1
                continue
            j = i + 1
            while j < len(doc) and j - i <= 3 and doc[j].text[:1].isupper() and doc[j].is_alpha \
                    and j not in self.mention_at:
                j += 1
            if j == i + 1:
                i += 1
                continue
            k = i - 1
            while k >= 0 and i - k <= 4 and k not in self.mention_at and (
                    doc[k].like_num or doc[k].text in ("'s", "’s") or doc[k].pos_ in ("PROPN", "ADJ")
                    and doc[k].text[:1].isupper() and k not in self.title_at):
                k -= 1  # "Chile's March 3 Operation Southern Shield"
            owner = self.mention_at.get(k)
            if owner is not None and owner.how in STATE_HOWS and owner.actor.country:
                iso3 = owner.actor.country
                actor = self._actor(f"{self.countries.demonym_of(iso3)} military", iso3, "MIL", "organisation")
                self._register(Mention(i, j, [actor], "group", head=doc[i:j].root.i))
            i = j

    def _register_group(self, doc: Doc, tok: Token, start: int, countries: list[tuple[str, int]],
                        sector: str | None, kind: str, mention_start: int | None = None) -> None:
        """One group actor per country ("Indian and Pakistani troops"): "<Demonym> <noun>"."""
        actors = []
        noun_text = doc[start:tok.i + 1].text
        if noun_text.lower() in self.roles["group_nouns"] and not noun_text.isupper():
            noun_text = noun_text.lower()  # "Ukraine's General Staff": "Ukrainian general staff"
        elif noun_text[:1].isupper() and not noun_text.isupper() and doc[start].pos_ != "PROPN":
            noun_text = noun_text[0].lower() + noun_text[1:]
        for iso3, mod_start in countries:
            owner = self.mention_at.get(mod_start)
            if owner is not None and owner.how == "institution":
                name = f"{owner.actor.name} {noun_text}"  # "Reuters report", not "British report"
            else:
                name = f"{self.countries.demonym_of(iso3)} {noun_text}"
            actors.append(self._actor(name, iso3, sector, kind))
            start = min(start, mod_start)
        if mention_start is not None:
            start = min(start, mention_start)
        mention = Mention(start, tok.i + 1, actors, "group", head=tok.i)
        for i in range(start, tok.i + 1):
            # a named institution inside the phrase keeps its own mention ("Reuters report")
            held = self.mention_at.get(i)
            if held is None or held.how not in ("institution", "person", "ner"):
                self.mention_at[i] = mention

    def _modifier_countries(self, noun: Token) -> list[tuple[str, int]]:
        """Countries that modify a noun: "Peruvian forces", "Chile's army", "the authorities in Lima", "its"."""
        found: list[tuple[str, int]] = []
        for c in noun.children:
            rel = base(c.dep_)
            if rel in ("amod", "compound", "nmod", "det") or c.dep_ == "nmod:poss":
                if rel == "nmod" and c.dep_ != "nmod:poss" and case_of(c) not in ("of", "in", "from"):
                    continue
                for t in [c, *c.conjuncts]:
                    mention = self.mention_at.get(t.i)
                    # "the Assad regime", "Putin's forces", "the Modi government": a leader's
                    # name stands for the state's institutions as much as the state's name does
                    if mention is not None and mention.actor.country and (
                            mention.how in ("country", "demonym", "metonym", "institution")
                            or (mention.how in ("person", "surname") and mention.actor.sector in ("GOV", "MIL"))
                            or (mention.how in ("pronoun", "title") and mention.actor.kind == "country")):
                        if (mention.actor.country, min(t.i, mention.start)) not in found:
                            found.append((mention.actor.country, min(t.i, mention.start)))
        # "Pakistani forces" parsed flat: an adjacent demonym directly before the noun phrase
        if not found and noun.i > 0:
            k = noun.i - 1
            while k >= 0 and noun.i - k <= 3 and k not in self.mention_at and noun.doc[k].pos_ in ("ADJ", "NOUN") \
                    and noun.doc[k].is_lower:
                k -= 1
            m = self.mention_at.get(k)
            if m is not None and m.how == "demonym" and m.end == k + 1 and m.actor.country:
                found.append((m.actor.country, m.start))
        return found

    def _possessed_groups(self, doc: Doc) -> None:
        """Second look at group nouns once pronouns are resolved: "its senior diplomats" (Georgia's)."""
        group_nouns = self.roles["group_nouns"]
        for tok in doc:
            info = group_nouns.get(tok.lower_) or group_nouns.get(tok.lemma_.lower())
            if info is None or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            current = self.mention_at.get(tok.i)
            if current is not None and (current.how != "group" or current.actor.country):
                continue
            poss = [c for c in tok.children if c.dep_ == "nmod:poss" or (base(c.dep_) == "det" and c.lower_ in
                                                                          _ref("thing_pronouns") | _ref("plural_pronouns"))]
            countries = []
            for c in poss:
                m = self.mention_at.get(c.i)
                if m is not None and m.how in ("pronoun", "title", "pair"):
                    countries += [(a.country, c.i) for a in m.actors if a.country and a.kind == "country"]
                    owner = m.actor
                    if not countries and owner.kind in ("organisation", "group") and owner.sector == info.get("sector") \
                            and len(m.actors) == 1:
                        # "the outfit said its fighters ...": the group's own fighters are the group
                        self._register(Mention(c.i, tok.i + 1, [owner], "group", head=tok.i), overwrite=True)
                        break
            if countries:
                start = min(c.i for c in poss)
                self._register_group(doc, tok, max(c.i for c in poss) + 1, countries, info.get("sector"),
                                     info.get("kind") or "organisation", mention_start=start)

    # -- pass 5: titles without a name ----------------------------------------------------------
    def _role_persons(self, doc: Doc) -> None:
        """"Chile's Navy Chief", "the Spanish Air Force Commander": an office held by one
        person of a named state, who may speak or act later in the text."""
        seen: set[int] = set()
        for i in sorted(self.title_at):
            span = self.title_at[i]
            if span.start in seen:
                continue
            seen.add(span.start)
            # "Spanish Air Force Commander": the institution keeps its words, the office is the rest
            k = span.start
            while k < span.end and k in self.mention_at and self.mention_at[k].how == "institution":
                k += 1
            span = doc[k:span.end]
            if not len(span) or any(k in self.mention_at for k in range(span.start, span.end)):
                continue
            last = doc[span.end - 1]
            if _modifies_noun(last):
                continue
            if _plural(last) or last.lower_.endswith(("s", "s'")) and not last.lower_.endswith("ss"):
                continue  # "officials", "ministers": groups, not one office holder
            if span.end < len(doc) and (self._name_token(doc[span.end]) or (
                    span.end in self.mention_at and self.mention_at[span.end].actor.kind == "person")):
                continue
            titles, orgs, _ = self._left_context(doc, span.end)
            orgs = [o for o in orgs if o.actor.country and o.end <= span.start]
            if not orgs or orgs[0].end < span.start - 2:
                continue  # only an office tied to a state next to it
            sector, country, _ = self._person_codes([span], orgs, span)
            first = orgs[0] if len(orgs) == 1 else min(orgs, key=lambda o: abs(o.start - span.start))
            if first.how in STATE_HOWS:
                owner = self.countries.demonym_of(first.actor.country)
            else:
                owner = first.actor.name
            role = " ".join(t.text for t in span)
            role = role[0].upper() + role[1:]
            holder = self._named_holder(span, country)
            actor = holder or self._actor(f"{owner} {role}", country, sector, "person", role)
            self._register(Mention(span.start, span.end, [actor], "title", head=span.root.i))

    def _named_holder(self, span: Span, country: str | None) -> Actor | None:
        """The named person of this country who holds this title in the document, if exactly one:
        "Hungarian Foreign Minister" in a headline is the "Foreign Minister Lena Varga" of the text."""
        title = _norm_title(span.text)
        found = {id(a): a for a in self.ctx.actors.values()
                 if a.kind == "person" and a.role and a.country == country and title in _norm_title(a.role)
                 and len(a.name.split()) > 1 and a.name != a.role}
        return next(iter(found.values())) if len(found) == 1 else None

    # -- home country ---------------------------------------------------------------------------
    def _home_country(self) -> str | None:
        """The state the document is mostly about: most mentions, each mention counted once."""
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in self._unique_mentions():
            for actor in m.actors:
                # the state named, or one of its institutions and forces ("Pakistani military")
                if actor.country and (m.how in STATE_HOWS or (
                        m.how in ("institution", "group") and actor.sector in ("GOV", "MIL", "SPY"))):
                    counts[actor.country] = counts.get(actor.country, 0) + 1
                    first.setdefault(actor.country, m.start)
        if not counts:
            return None
        return max(counts, key=lambda c: (counts[c], -first[c]))

    def _infer_countries(self) -> None:
        """Persons still without a country: first an apposition resolved only by coreference
        ("Ahmed Khan, the army's spokesman"); then, for officials, the document's main state,
        flagged in the role."""
        for actor, run in self._uncoded:
            if actor.country is None:
                _, orgs = self._appositive(run)
                actor.country = next((o.actor.country for o in orgs if o.actor.country), None)
        for actor in self.ctx.actors.values():
            if actor.kind in ("person", "organisation") and actor.country is None and actor.sector in ("GOV", "MIL", "SPY") \
                    and (actor.kind == "person" or self._found_by_ner(actor)):
                country = self._institution_before(actor) or self.home
                if country:
                    actor.country = country
                    actor.role = f"{actor.role} {INFERRED}" if actor.role else INFERRED

    def _institution_before(self, actor: Actor) -> str | None:
        """"Lebanon's government said ... Prime Minister Nawaf Salam urged": the state of the
        nearest government or military body named in the two sentences before the person's first
        mention, a better guess than the document's main state."""
        first = min((i for i, m in self.mention_at.items() if any(a is actor for a in m.actors)), default=None)
        if first is None:
            return None
        tok = self.ctx.doc[first]
        for i in range(first - 1, _window_floor(tok) - 1, -1):
            m = self.mention_at.get(i)
            if m is not None and m.how in ("institution", "group", "title") and m.actor.kind != "person" \
                    and m.actor.country and m.actor.sector in ("GOV", "MIL", "SPY"):
                return m.actor.country
        return None

    def _found_by_ner(self, actor: Actor) -> bool:
        """An organisation this document introduced (NER or spelled-out acronym), not a dictionary
        entry that is deliberately without a country."""
        return any(m.how == "ner" and actor in m.actors for m in self.mention_at.values())

    # -- pass 6: coreference --------------------------------------------------------------------
    def _coreference(self, doc: Doc) -> None:
        """Pass 6: words that refer back — surnames, pronouns, "the defence minister", "the
        country", "the government", "the company", "the two sides" — get the actor they stand for,
        so that a claim by "he" or an event by "the country" carries the right code."""
        by_surname: dict[str, Actor] = {}
        for m in self._unique_mentions():
            if m.how == "person":
                surname = surname_of(m.actor)
                if surname:
                    by_surname.setdefault(surname, m.actor)
        # surnames anywhere in the document ("Varga says ...", "Kowalski also claimed")
        for tok in doc:
            if not tok.text[:1].isupper():
                continue
            held = self.mention_at.get(tok.i)
            if held is not None and not (held.how == "person" and held.end - held.start == 1
                                         and held.actor.name == tok.text and tok.text in by_surname):
                continue  # a lone "Lin" read as a new person is "Lin Jian" named before
            actor = by_surname.get(tok.text)
            if actor is not None and tok.pos_ in ("PROPN", "NOUN", "ADJ", "VERB", "X"):
                start = tok.i
                if tok.i > 0 and doc[tok.i - 1].lower_ in self.roles["honorifics"]:
                    start = tok.i - 1
                self._register(Mention(start, tok.i + 1, [actor], "surname", head=tok.i), overwrite=held is not None)
        person_pron, thing_pron = _ref("person_pronouns"), _ref("thing_pronouns")
        plural_pron, first_plural = _ref("plural_pronouns"), _ref("first_plural")
        first_singular = _ref("first_singular")
        pair_nouns, quantifiers, country_nouns = _ref("pair_nouns"), _ref("pair_quantifiers"), _ref("country_nouns")
        institutions = _ref("definite_institutions")
        for tok in doc:
            if tok.i in self.mention_at:
                continue
            low = tok.lower_
            target: list[Actor] | None = None
            how = "pronoun"
            start, end = tok.i, tok.i + 1
            if low in person_pron and tok.pos_ in ("PRON", "DET"):
                target = self._last_person(tok.i)
            elif low in thing_pron and tok.pos_ in ("PRON", "DET") and (
                    low != "it" or acts_as_subject(tok)):
                # "it" as an object is mostly a thing ("denied it"); "its" and a subject "it" may be a state
                target = self._last_state(tok)
            elif low in first_plural and tok.pos_ in ("PRON", "DET"):
                target = self._speaker_state(tok)
            elif low in first_singular and tok.pos_ in ("PRON", "DET") and (low != "i" or tok.text == "I"):
                target = self._quoted_person(tok)
            elif low in plural_pron and tok.pos_ in ("PRON", "DET"):
                target = self._last_pair_or_group(tok.i)
            elif tok.pos_ in ("NOUN", "PROPN") and low in pair_nouns and (
                    any(c.lower_ in quantifiers for c in tok.children if c.i < tok.i) or _quantified(tok, quantifiers)):
                target, how = self._dyad(tok.i), "pair"
                start = min([tok.i] + [c.i for c in tok.children if c.i < tok.i and base(c.dep_) in ("det", "nummod", "amod")])
            elif tok.pos_ == "NOUN" and low in country_nouns and _definite(tok):
                state = self._the_country(tok)
                target, how = ([self.country_actor(state)] if state else None), "title"
                start = tok.i - 1 if doc[tok.i - 1].lower_ == "the" else tok.i
            elif tok.i in self.title_at and _definite(doc[self.title_at[tok.i].start]):
                span = self.title_at[tok.i]
                target, how = self._person_with_title(span, tok.i), "title"
                if target is None:
                    target = self._office_holder(span)
                if target is None:  # "the official" after "a senior Pakistani security official"
                    same = self._same_head_antecedent(tok, tok.lower_)
                    target = [same] if same is not None else None
                start, end = span.start - 1, span.end
            elif tok.pos_ in ("NOUN", "PROPN") and _definite(tok) and not _has_modifier_actor(tok, self.mention_at) \
                    and base(tok.dep_) not in ("compound",):
                group_nouns = self.roles["group_nouns"]
                two = f"{doc[tok.i - 1].lower_} {low}" if tok.i else low
                word = two if two in group_nouns else (low if low in group_nouns else None)
                info = group_nouns.get(word, {}) if word else {}
                start = min(c.i for c in [tok, *tok.children]
                            if c.i <= tok.i and (c.i == tok.i or base(c.dep_) in ("det", "amod", "compound")))
                named = self._recent_named(tok, info.get("sector")) if word and info.get("kind") not in (
                    "anonymous", "document") else None
                located = self._located_state(tok) if word is not None and word in institutions else None
                same = self._same_head_antecedent(tok, word) if word is not None and located is None else None
                if same is not None:
                    # "the ministry" after "Taiwan's defence ministry", "the official" after "a
                    # senior Pakistani security official": the same head noun refers back
                    target, how = [same], "title"
                elif located is not None:
                    # "In Berlin, the defence ministry said": the place the sentence opens in
                    name = f"{self.countries.demonym_of(located)} {word}"
                    target, how = [self._actor(name, located, info.get("sector"), "organisation")], "title"
                elif named is not None:
                    # "the company" after "Lockheed Martin", "the militants" after "al-Shabaab"
                    target, how = [named], "title"
                elif word is not None and word in institutions:
                    state = self._recent_state_of_sector(tok, info.get("sector")) or self._the_country(tok)
                    if state:
                        name = f"{self.countries.demonym_of(state)} {word}"
                        target, how = [self._actor(name, state, info.get("sector"), "organisation")], "title"
            if target:
                self._register(Mention(start, end, target, how, head=tok.i))

    def _last_person(self, before: int) -> list[Actor] | None:
        """"he"/"she": the nearest person, preferring one who was a subject (the topic)."""
        best = None
        doc = self.ctx.doc
        for i in range(before - 1, max(-1, before - 150), -1):
            m = self.mention_at.get(i)
            if m is not None and m.actor.kind == "person":
                best = best or m
                tok = doc[i]
                in_subject = base(tok.dep_) == "nsubj" or any(base(a.dep_) == "nsubj" for a in list(tok.ancestors)[:2])
                if in_subject:
                    return [m.actor]
                if before - i > 60:
                    break
        return [best.actor] if best else None

    def _person_with_title(self, span: Span, at: int) -> list[Actor] | None:
        """"the defence minister": the nearest person before (else after) who holds that title."""
        title = _norm_title(span.text)
        words = set(title.split()) - {"the", "of", "and"}
        candidates = [m for m in self._unique_mentions()
                      if m.actor.kind == "person" and m.actor.role and m.start != span.start]

        def fits(actor: Actor, loose: bool) -> bool:
            role = _norm_title(actor.role or "")
            return title in role if not loose else bool(words & set(role.split()))

        for loose in (False, True):
            before = [m for m in candidates if m.start < at and fits(m.actor, loose)]
            if before:
                return [before[-1].actor]
            after = [m for m in candidates if m.start > at and fits(m.actor, loose)]
            if after:
                return [after[0].actor]
        return None

    def _office_holder(self, span: Span) -> list[Actor] | None:
        """"the Foreign Secretary" with no one named for it: the holder of that office in the
        state of a modifier ("the Iraqi Foreign Minister") or, failing one, of the state the text
        is about (flagged as inferred). Plural or generic titles ("officials") are left alone."""
        doc = span.doc
        last = doc[span.end - 1]
        sector = self.title_sector.get((span.start, span.end))
        if _plural(last) or sector is None or _modifies_noun(last):
            return None  # "the general public", "the private sector": not an office
        if _norm_title(span.text) in _ref("generic_titles"):
            return None
        country = None
        k = span.start - 1
        while k >= 0 and span.start - k <= 3 and doc[k].lower_ != "the":
            m = self.mention_at.get(k)
            if m is not None and m.how in STATE_HOWS:
                country = m.actor.country
            k -= 1
        role = " ".join(t.text for t in span)
        role = " ".join(w[:1].upper() + w[1:] for w in role.split())
        holder = self._named_holder(span, country) if country else None
        if holder is not None:
            return [holder]
        if country is None and self.home is None:
            return None
        owner = self.countries.demonym_of(country or self.home)
        actor = self._actor(f"{owner} {role}", country or self.home, sector, "person",
                            role if country else f"{role} {INFERRED}")
        return [actor]

    def _quoted_person(self, tok: Token) -> list[Actor] | None:
        """"I"/"me": the person speaking — named later in the same sentence ("..., said X"), else
        the nearest person before."""
        sent = tok.sent
        for i in range(tok.i + 1, sent.end):
            m = self.mention_at.get(i)
            if m is not None and m.actor.kind == "person" and m.how != "pronoun":
                return [m.actor]
        return self._last_person(tok.i)

    def _recent_named(self, tok: Token, sector: str | None) -> Actor | None:
        """The nearest named organisation or group of this sector in this sentence or the two
        before ("the company" -> "Lockheed Martin"); state-level nouns ("the government") are
        left to the state."""
        if sector is None:
            return None
        for i in range(tok.i - 1, _window_floor(tok) - 1, -1):
            m = self.mention_at.get(i)
            if m is not None and m.how in ("institution", "ner") and m.actor.kind in ("organisation", "group") \
                    and m.actor.sector == sector and len(m.actors) == 1:
                return m.actor
        return None

    def _same_head_antecedent(self, tok: Token, word: str) -> Actor | None:
        """The nearest earlier actor (this sentence or the four before) whose name ends in the
        same noun: "the ministry" -> "Taiwanese defence ministry", "the official" -> "Pakistani
        security official". Only actors with a country: a bare "ministry" says nothing new."""
        head = word.split()[-1]
        for i in range(tok.i - 1, _window_floor(tok, 4) - 1, -1):
            m = self.mention_at.get(i)
            if m is None or m.head != i or len(m.actors) != 1 or m.actor.kind == "person" or not m.actor.country:
                continue
            words = m.actor.name.lower().split()
            if words and words[-1] in (head, head + "s") and m.how in ("institution", "group", "ner", "title"):
                return m.actor
        return None

    def _located_state(self, tok: Token) -> str | None:
        """"In Berlin, the defence ministry said": the state of a place the sentence opens with,
        when the description has no country of its own. Capitals and countries only (the actor
        stage's state mentions), so "In the north, the army said" changes nothing."""
        sent = tok.sent
        first = sent[0]
        if first.lower_ != "in" or tok.i - sent.start > 12:
            return None
        for k in range(sent.start + 1, min(tok.i, sent.start + 5)):
            if tok.doc[k].text == ",":
                break
            m = self.mention_at.get(k)
            if m is not None and m.how in STATE_HOWS and m.actor.country:
                return m.actor.country
        return None

    def _recent_state_of_sector(self, tok: Token, sector: str | None) -> str | None:
        """"the army" after "the Pakistani military": the state of the nearest earlier actor of the
        same sector (this sentence or the two before)."""
        if sector is None:
            return None
        for i in range(tok.i - 1, _window_floor(tok) - 1, -1):
            m = self.mention_at.get(i)
            if m is not None and m.actor.country and m.actor.sector == sector and m.actor.kind != "person" \
                    and m.how in ("institution", "group", "ner", "title"):
                return m.actor.country
        return None

    def _state_mentions(self, before: int) -> list[Mention]:
        """Mentions of states and of their governments and forces before a token."""
        return [m for m in self._unique_mentions() if m.start < before and m.actor.country
                and (m.how in STATE_HOWS or (m.how == "institution" and m.actor.sector in ("GOV", "MIL", "SPY")))]

    def _last_state(self, tok: Token) -> list[Actor] | None:
        """"its"/"it": the subject of the governing clause, else the last state mentioned."""
        node = tok
        for _ in range(6):
            if node.head.i == node.i:
                break
            node = node.head
            for c in node.children:
                if base(c.dep_) == "nsubj" and c.i < tok.i and c.i in self.mention_at:
                    m = self.mention_at[c.i]
                    if m.actor.kind in ("country", "organisation", "group"):
                        return [m.actor]
        if (tok.dep_ == "expl" and not acts_as_subject(tok)) or (base(tok.dep_) == "nsubj" and any(
                base(c.dep_) in ("csubj", "ccomp", "xcomp") for c in tok.head.children) and tok.lower_ == "it"):
            return None  # "It remains unclear whether ...": nothing is referred to
        m = self._antecedent(tok, plural=False)
        if m is not None and m.actor.kind in ("country", "organisation", "group"):
            return [m.actor]
        return None

    def _antecedent(self, tok: Token, plural: bool) -> Mention | None:
        """The nearest noun phrase before ``tok`` (this sentence or the one before) that agrees in
        number, preferring subjects; its mention when it is an actor, else None.

        "its" after "the deal" is the deal's, not the last country's: a pronoun only stands for
        an actor when the actor is its likeliest antecedent.
        """
        doc = tok.doc
        sent = tok.sent
        floor = doc[sent.start - 1].sent.start if sent.start > 0 else 0
        best: Token | None = None
        for i in range(tok.i - 1, floor - 1, -1):
            t = doc[i]
            if t.pos_ not in ("NOUN", "PROPN") or base(t.dep_) in ("compound", "flat", "amod", "fixed"):
                continue
            m = self.mention_at.get(i)
            if m is not None and m.how in ("pronoun",):
                continue
            is_plural = _plural(t) or bool([c for c in t.children if base(c.dep_) == "conj"]) \
                or (m is not None and len(m.actors) > 1)
            if m is not None and m.actor.kind in ("country",) or (m is not None and m.how == "institution"
                                                                  and m.actor.kind != "group"):
                is_plural = False  # "the United States", "the UN" take "it"
            if m is not None and m.actor.kind == "group" and not len(m.actors) > 1:
                is_plural = plural  # "Hamas" takes "it" or "they"
            if is_plural != plural:
                continue
            if best is None:
                best = t
            if base(t.dep_) == "nsubj" and i >= sent.start:
                best = t
                break
        if best is None:
            return None
        return self.mention_at.get(best.i)

    def _the_country(self, tok: Token) -> str | None:
        """"the country"/"the government": the state the passage is about.

        Salience (mentions so far, recent ones counting more) picks the state; states that are
        the other party in the same clause ("Hanoi's measures against the country") are left
        out, since the text would have said "its own" for them.
        """
        exclude: set[str] = set()
        # only where the text sets the country against another party: the object of a verb
        # ("X attacked the country") or of "against"/"on"/"into" ("X's measures against the
        # country"); the other party is the verb's subject or the noun's possessor, one step up
        if base(tok.dep_) == "obj" or case_of(tok) in _ref("opposing_prepositions"):
            parent = tok.head
            for c in parent.children:
                if c is tok or not (base(c.dep_) == "nsubj" or c.dep_ == "nmod:poss"):
                    continue
                for t in [c, *c.conjuncts]:
                    m = self.mention_at.get(t.i)
                    if m is not None and m.actor.country and (
                            m.how in STATE_HOWS or m.actor.sector in ("GOV", "MIL")):
                        exclude.add(m.actor.country)
        score: dict[str, float] = {}
        sent_start = tok.sent.start
        for m in self._state_mentions(tok.i):
            weight = 1.0
            if m.start >= sent_start:
                weight += 1.0
            elif tok.i - m.start < 80:
                weight += 0.5
            score[m.actor.country] = score.get(m.actor.country, 0.0) + weight
        ranked = sorted((c for c in score if c not in exclude), key=lambda c: -score[c])
        if ranked:
            return ranked[0]
        return self.home if self.home not in exclude else None

    def _speaker_state(self, tok: Token) -> list[Actor] | None:
        """"us"/"our" inside a quote: the speaker's country."""
        for i in range(tok.i - 1, max(-1, tok.i - 60), -1):
            m = self.mention_at.get(i)
            if m is not None and m.actor.kind == "person" and m.actor.country:
                return [self.country_actor(m.actor.country)]
        # a statement with no person quoted: the government that issues it
        return [self.country_actor(self.home)] if self.home else None

    # -- dyads ----------------------------------------------------------------------------------
    def _pair_evidence(self) -> list[tuple[int, tuple[str, str]]]:
        """Places where the text sets two states up as a pair, with the pair.

        "X and Y" (not as mediators), "X-Y relations", "between X and Y", "X's talks with Y",
        "X ... with Y" as arguments of one verb.
        """
        if self._evidence is not None:
            return self._evidence
        doc = self.ctx.doc
        third = _ref("third_party_nouns")
        relations = _ref("pair_relations")
        out: list[tuple[int, tuple[str, str]]] = []

        def state_at(t: Token) -> str | None:
            m = self.mention_at.get(t.i)
            if m is None or m.how in ("pronoun", "pair", "person", "surname") or not m.actor.country:
                return None
            return m.actor.country

        def mediated(t: Token) -> bool:
            chain = [t, t.head, t.head.head]
            for n in chain:
                if n.lower_ in third or n.lemma_.lower() in third:
                    return True
                if any(c.lower_ in third for c in n.children if base(c.dep_) in ("compound", "amod", "appos", "nmod")):
                    return True
            k = t.i - 1
            while k >= 0 and t.i - k <= 3:  # "mediators Norway and Oman", flat parses
                if doc[k].lower_ in third:
                    return True
                k -= 1
            return False

        for m in self._unique_mentions():
            a = m.actor.country if m.how not in ("pronoun", "pair", "person", "surname") else None
            if not a:
                continue
            tok = doc[m.head if m.head is not None else m.start]
            partners: list[Token] = [t for t in tok.conjuncts if t.i > tok.i]
            # "Russia-Belarus", "Indo-Pak"
            if m.end + 1 < len(doc) and doc[m.end].text in ("-", "–", "/"):
                partners.append(doc[m.end + 1])
            # "X's relations with Y", "talks between X and Y" (the conjunct covers the second)
            for anchor in (tok.head, tok):
                if anchor.lower_ in relations or anchor.lemma_.lower() in relations:
                    partners += [c for c in anchor.children if case_of(c) in ("with", "and") and c.i > tok.i]
            if base(tok.dep_) == "nsubj":
                partners += [c for c in tok.head.children if base(c.dep_) == "obl" and case_of(c) == "with"]
            for p in partners:
                b = state_at(p)
                if b and b != a and not (mediated(tok) and mediated(p)):
                    out.append((m.start, (a, b)))
        self._evidence = out
        return out

    def _dyad(self, before: int) -> list[Actor] | None:
        """"the two sides": the pair the text set up most often so far.

        A pair that is the subject of the clause ("the US and China urged both sides") is a third
        party, not the two sides. With no pair set up yet, the two most mentioned states so far;
        with fewer than two of them, a pair set up later in the text.
        """
        if before in self._dyad_cache:
            return self._dyad_cache[before]
        outside = self._clause_subject_states(self.ctx.doc[before])
        evidence = [(pos, pair) for pos, pair in self._pair_evidence() if not set(pair) & outside]
        usable = [(pos, pair) for pos, pair in evidence if pos < before]
        if not usable:
            states: dict[str, int] = {}
            for m in self._state_mentions(before):
                if m.actor.country not in outside:
                    states[m.actor.country] = states.get(m.actor.country, 0) + 1
            top = sorted(states, key=lambda c: -states[c])[:2]
            if len(top) == 2:
                result = [self.country_actor(c) for c in top]
                self._dyad_cache[before] = result
                return result
            usable = evidence
        result = None
        if usable:
            counts: dict[frozenset, float] = {}
            last: dict[frozenset, int] = {}
            order: dict[frozenset, tuple[str, str]] = {}
            for pos, pair in usable:
                key = frozenset(pair)
                counts[key] = counts.get(key, 0) + 1
                last[key] = pos
                order.setdefault(key, pair)
            best = max(counts, key=lambda k: (counts[k], last[k]))
            result = [self.country_actor(c) for c in order[best]]
        self._dyad_cache[before] = result
        return result

    def _clause_subject_states(self, tok: Token) -> set[str]:
        """States that are the subject of the clause ``tok`` sits in (unless ``tok`` is that subject)."""
        node = tok
        for _ in range(5):
            if base(node.dep_) == "nsubj" or node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                subjects = [c for c in node.children if base(c.dep_) == "nsubj"]
                out: set[str] = set()
                for sub in subjects:
                    for t in [sub, *sub.conjuncts]:
                        m = self.mention_at.get(t.i)
                        # a state or its government that speaks about the pair ("the dam is still a
                        # source of friction for the two states" names no third party)
                        if m is not None and m.how not in ("pair",) and (
                                m.how in STATE_HOWS or m.actor.sector in ("GOV", "MIL", "IGO")):
                            out.update(a.country for a in m.actors if a.country)
                return out
        return set()

    def _last_pair_or_group(self, before: int) -> list[Actor] | None:
        """"they"/"their": the nearest plural antecedent when it is a group or a pair of actors."""
        tok = self.ctx.doc[before]
        m = self._antecedent(tok, plural=True)
        if m is None:
            return None
        if len(m.actors) > 1 or m.how in ("group", "pair") or m.actor.kind == "group":
            return list(m.actors)
        # "China and Turkey ... they": coordinated mentions
        head = self.ctx.doc[m.head if m.head is not None else m.start]
        conj = [self.mention_at[c.i].actor for c in head.conjuncts if c.i in self.mention_at]
        if conj:
            return [m.actor, *[a for a in conj if a is not m.actor]]
        return None


# -- helpers ------------------------------------------------------------------------------------
#: states whose names put the family name first ("Lin Jian" ... "Lin", "Kim Yo Jong" ... "Kim")
SURNAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "VNM"})


def surname_of(actor: Actor) -> str | None:
    """The word a later mention uses for a person named in full: the last, or for Chinese,
    Korean and Vietnamese names the first."""
    parts = actor.name.split()
    if len(parts) < 2:
        return None
    return parts[0] if actor.country in SURNAME_FIRST else parts[-1]


_DASHES = ("—", "–", "--", "-")


def _dateline_tokens(doc: Doc) -> set[int]:
    """Tokens of the datelines that open paragraphs: "BEIRUT, Oct 15 —", "PESHAWAR/KABUL —".

    A run of capitalised place words (with "/", ",", a date) of at most ten tokens at a
    paragraph's start, closed by a dash, with the first word in capitals.
    """
    out: set[int] = set()
    starts = [0] + [t.i + 1 for t in doc if "\n" in t.text_with_ws and t.i + 1 < len(doc)]
    for start in starts:
        while start < len(doc) and doc[start].is_space:
            start += 1
        if start >= len(doc) or not (doc[start].is_upper and len(doc[start].text) > 2 and doc[start].is_alpha):
            continue
        for k in range(start + 1, min(start + 11, len(doc))):
            tok = doc[k]
            if tok.text in _DASHES:
                out.update(range(start, k))
                break
            if not (tok.text[:1].isupper() or tok.like_num or tok.text in ("/", ",", ".")):
                break
    return out


def _window_floor(tok: Token, sentences_back: int = 2) -> int:
    """First token index of the sentence ``sentences_back`` sentences before ``tok``'s: how far
    back a definite description ("the company", "the army") looks for what it refers to."""
    doc = tok.doc
    floor = tok.sent.start
    for _ in range(sentences_back):
        if floor > 0:
            floor = doc[floor - 1].sent.start
    return floor


def _prev_is_name(tok: Token) -> bool:
    prev = tok.nbor(-1)
    return prev.pos_ == "PROPN" and prev.text[:1].isupper()


def _in_place_phrase(run: Span) -> bool:
    """A name after a locative preposition, or coordinated with one ("in X and Y")."""
    root = run.root
    for node in (root, root.head if base(root.dep_) == "conj" else None):
        if node is not None and case_of(node) in _ref("locative_prepositions"):
            return True
    return False


def _plural(tok: Token) -> bool:
    """Plural by the morphology or, where the model gives no features, by the PTB tag."""
    return "Plur" in tok.morph.get("Number") or tok.tag_ in ("NNS", "NNPS")


def _capital_word(tok: Token) -> bool:
    """A capitalised word that could be part of a name, whatever tag the model gave it."""
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper and len(tok) > 1 and not tok.is_stop


def _modifies_noun(tok: Token) -> bool:
    """A title word used as a modifier of a following noun ("general election", "army chief's
    office" is fine: a possessor is a noun phrase of its own)."""
    return base(tok.dep_) in ("amod", "compound") and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN") \
        and tok.head.i - tok.i <= 2


def _acronym_like(word: str) -> bool:
    """"DRC", "UAVs", "IDF": several capitals in a short word — an abbreviation, not a name."""
    return sum(ch.isupper() for ch in word) >= 2 and len(word) <= 6


def _norm_title(text: str) -> str:
    """Lower case, without dots, hyphens or a possessive: "Lt. Gen." and "lt gen" compare equal."""
    out: list[str] = []
    after_apostrophe = False
    for p in _pieces(text):
        if p in _OPTIONAL:
            continue
        if p == "'":
            after_apostrophe = True
            continue
        if not (after_apostrophe and p.lower() == "s"):
            out.append(p.lower())
        after_apostrophe = False
    return " ".join(out)


def _definite(tok: Token) -> bool:
    """Preceded by "the" (possibly with an adjective between: "the Pakistani side" is not ours)."""
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and tok.i - k <= 3:
        if doc[k].lower_ == "the":
            return True
        if not (doc[k].pos_ in ("ADJ", "NOUN", "ADV") or doc[k].tag_ == "VBN") or not doc[k].is_lower:
            return False  # "the banned outfit": an adjective or participle may come between
        k -= 1
    return False


def _quantified(tok: Token, quantifiers: frozenset[str]) -> bool:
    """"both sides"/"the two countries" even when the parser attached the number elsewhere."""
    doc = tok.doc
    return tok.i > 0 and doc[tok.i - 1].lower_ in quantifiers or (
        tok.i > 1 and doc[tok.i - 2].lower_ in quantifiers and doc[tok.i - 1].pos_ == "ADJ")


def _has_modifier_actor(tok: Token, mention_at: dict[int, Mention]) -> bool:
    return any(c.i in mention_at for c in tok.children if c.i < tok.i)


@cache
def _title_words() -> frozenset[str]:
    words = set()
    for title in lexicons.roles()["titles"]:
        words.update(_norm_title(title).split())
    words |= {"deputy", "chief", "staff", "director", "general", "army", "head", "senior", "former", "top",
              "acting", "federal", "state", "defence", "defense", "foreign", "affairs", "ministry", "office",
              "public", "relations", "commander", "forces", "land", "air", "naval", "military", "operations"}
    return frozenset(words)


def _is_title_case(sent: Span) -> bool:
    """Headlines in Title Case make every word look like a proper name.

    A sentence is a headline when its longer words are all capitalised. Ordinary sentences full of
    names and titles ("Army Chief of Staff Major General Tomas Lindqvist had dismissed
    reports") still have lower-case verbs and nouns, and must keep their names.
    """
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if len(words) < 4:
        return False
    if len(sent) <= 8 and not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return False  # a bare noun phrase ("President Kassym-Jomart Tokayev"), not a headline
    small = _ref("headline_small_words")
    # headline style capitalises verbs too ("Varga Says"); one lower-case word that is not an
    # article, conjunction or short preposition ("met") makes it running text
    lower = sum(1 for t in sent if t.is_alpha and t.text[0].islower() and t.lower_ not in small)
    return lower == 0 or (lower == 1 and len(words) > 12)


def _is_title_word(tok: Token) -> bool:
    words = _title_words()
    low = tok.lower_.rstrip(".")
    return low in words


def _ambiguous_word(tok: Token) -> bool:
    """A one-word name that is also a common word ("Dawn", "Wagner"): a name only where the
    tagger says so, not at the start of a sentence and not inside a longer capitalised name."""
    if tok.text not in lexicons.ambiguous_actor_forms():
        return False
    doc = tok.doc
    inside_name = (tok.i > 0 and doc[tok.i - 1].is_alpha and doc[tok.i - 1].text[:1].isupper()
                   and not doc[tok.i - 1].is_sent_start) or (
        tok.i + 1 < len(doc) and doc[tok.i + 1].is_alpha and doc[tok.i + 1].text[:1].isupper())
    # "Operation Northern Dawn" is not the newspaper
    return tok.pos_ != "PROPN" or tok.is_sent_start or inside_name


def actors_for(ctx: "DocContext", token: Token) -> list[Actor]:
    """The actors a phrase headed by ``token`` refers to ([] when it names none)."""
    mention = ctx.mention_at.get(token.i)
    if mention is not None:
        return list(mention.actors)
    return []
