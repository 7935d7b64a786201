"""Actor mentions: countries, institutions, titled persons, groups and the words that refer back.

Every mention becomes a :class:`Mention` that points to a coded :class:`~sitrep.model.Actor`
(ISO3 country, sector, role). Resolution runs in passes over the parsed document:

1. gazetteer: country names, demonyms, capitals used as metonyms, named institutions and groups;
2. persons: proper-name runs with a title before them ("Defence Minister Khawaja Asif") or after
   them in apposition ("Mao Ning, a foreign ministry spokesperson"), or tagged PERSON by the NER;
3. groups: generic nouns with a country modifier ("Pakistani forces", "Indian sources",
   "the rulers in Kabul", "a Turkish firm");
4. coreference: surnames ("Asif"), pronouns ("he", "its"), definite titles ("the defence minister"),
   "the country" and "the two sides".

Unknown names still become actors (country unknown) rather than being dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from sitrep import lexicons
from sitrep.extract.syntax import base, case_of
from sitrep.model import Actor

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.pipeline import DocContext

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
THING_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their"}
FIRST_PLURAL = {"we", "us", "our"}
PAIR_NOUNS = {"sides", "countries", "nations", "neighbours", "neighbors", "states", "governments", "parties"}
COUNTRY_NOUNS = {"country", "nation", "state"}


@dataclass
class Mention:
    """A span of tokens that names or refers to one or more actors."""

    start: int
    end: int
    actors: list[Actor]
    how: str  # country, demonym, metonym, institution, person, group, pronoun, surname, title, pair, ner
    head: int | None = None

    @property
    def actor(self) -> Actor:
        return self.actors[0]


@dataclass
class _Matchers:
    gazetteer: PhraseMatcher
    titles: PhraseMatcher
    forms: dict[str, tuple[str, object]] = field(default_factory=dict)


_MATCHER_CACHE: dict[int, _Matchers] = {}


def build_matchers(doc: Doc) -> _Matchers:
    """Phrase matchers for the gazetteer and the titles, built once per vocabulary."""
    key = id(doc.vocab)
    if key in _MATCHER_CACHE:
        return _MATCHER_CACHE[key]
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    countries = lexicons.countries()
    gaz = PhraseMatcher(doc.vocab, attr="ORTH")
    forms: dict[str, tuple[str, object]] = {}
    for how, table in (("country", countries.names), ("demonym", countries.demonyms),
                       ("metonym", countries.metonyms)):
        for form, iso3 in table.items():
            forms[form] = (how, iso3)
    for form, entry in lexicons.actor_entries().items():
        forms[form] = ("institution", entry)
    for form in forms:
        gaz.add(form, [tokenizer(form)])
        # headline capitalisation ("Defence Minister", "The Kremlin") is handled by ORTH variants
        if form[:1].islower():
            gaz.add(form, [tokenizer(form[0].upper() + form[1:])])
    titles = PhraseMatcher(doc.vocab, attr="LOWER")
    for title in lexicons.roles()["titles"]:
        titles.add(title, [tokenizer(title)])
    matchers = _Matchers(gazetteer=gaz, titles=titles, forms=forms)
    _MATCHER_CACHE[key] = matchers
    return matchers


class ActorResolver:
    """Pipeline component: finds actor mentions and resolves references within the document."""

    name = "actors"

    def __call__(self, ctx: "DocContext") -> None:
        doc = ctx.doc
        m = build_matchers(doc)
        self.ctx = ctx
        self.countries = lexicons.countries()
        self.mention_at: dict[int, Mention] = {}
        title_spans = filter_spans([doc[s:e] for _, s, e in m.titles(doc)])
        self.title_at = {i: sp for sp in title_spans for i in range(sp.start, sp.end)}
        self._gazetteer(doc, m)
        self._persons(doc)
        self._groups(doc)
        self._coreference(doc)
        self._home_country()
        ctx.mentions = sorted(self.mention_at.values(), key=lambda x: x.start)
        # unique mentions (a mention object is registered for every token it covers)
        seen: set[int] = set()
        unique = []
        for mention in ctx.mentions:
            if id(mention) not in seen:
                seen.add(id(mention))
                unique.append(mention)
        ctx.mentions = unique
        ctx.mention_at = self.mention_at
        for mention in unique:
            if mention.how in ("pronoun",):
                continue
            for actor in mention.actors:
                actor.mentions.append(ctx.evidence(mention.start, mention.end))

    # -- registry -------------------------------------------------------------------------------
    def _actor(self, name: str, country: str | None, sector: str | None, kind: str,
               role: str | None = None) -> Actor:
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
        for i in range(mention.start, mention.end):
            if overwrite or i not in self.mention_at:
                self.mention_at[i] = mention

    # -- pass 1: gazetteer ----------------------------------------------------------------------
    def _gazetteer(self, doc: Doc, m: _Matchers) -> None:
        spans = filter_spans([doc[s:e] for _, s, e in m.gazetteer(doc)])
        for span in spans:
            how, value = m.forms.get(span.text, (None, None))
            if how is None:
                continue
            if how == "institution":
                entry = value
                actor = self._actor(entry.name, entry.country, entry.sector, entry.kind, entry.role)
            else:
                if how == "demonym" and span.text in ("US", "U.S.") and span[-1].i + 1 < len(doc) \
                        and doc[span[-1].i + 1].pos_ == "VERB":
                    how = "country"
                if how == "country" and len(span) == 1 and span[0].is_lower:
                    continue
                actor = self.country_actor(value)
            self._register(Mention(span.start, span.end, [actor], how, head=span.root.i))

    # -- pass 2: persons ------------------------------------------------------------------------
    def _name_runs(self, doc: Doc) -> list[Span]:
        """Proper-name runs: NER PERSON spans, and PROPN runs right after a title."""
        runs: list[Span] = [e for e in doc.ents if e.label_ == "PERSON" and len(e) > 1
                            and not _is_title_case(e.sent)]
        i = 0
        while i < len(doc):
            tok = doc[i]
            if _name_token(tok, self):
                j = i
                while j < len(doc) and _name_token(doc[j], self):
                    j += 1
                if j > i:
                    runs.append(doc[i:j])
                i = max(j, i + 1)
            else:
                i += 1
        cleaned = []
        for span in runs:
            toks = []
            for t in span:
                ok = t.i not in self.mention_at and t.i not in self.title_at and t.text[:1].isupper() \
                    and not t.is_punct and t.lower_ not in ("the", "'s") and not _is_title_word(t)
                if ok:
                    toks.append(t)
                elif toks:
                    break  # a name ends at the first word that is not part of it
            if toks:
                s, e = toks[0].i, toks[-1].i + 1
                if all(doc[k].i not in self.mention_at for k in range(s, e)):
                    cleaned.append(doc[s:e])
        return filter_spans(cleaned)

    def _left_context(self, doc: Doc, start: int) -> tuple[list[Span], list[Mention], int]:
        """Titles and organisation/country mentions in the noun phrase left of a name."""
        titles: list[Span] = []
        orgs: list[Mention] = []
        i = start - 1
        honorifics = lexicons.roles()["honorifics"]
        sent_start = doc[start].sent.start
        while i >= sent_start and start - i <= 14:
            tok = doc[i]
            if i in self.title_at:
                span = self.title_at[i]
                titles.append(span)
                i = span.start - 1
                continue
            if i in self.mention_at:
                mention = self.mention_at[i]
                orgs.append(mention)
                i = mention.start - 1
                continue
            if tok.lower_ in honorifics or tok.text in ("(", ")", "'s", "’s", "of", "the", "-", "and", ".") \
                    or (tok.is_upper and len(tok) <= 6 and tok.is_alpha) \
                    or (tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ")
                        and _is_title_word(tok)):
                i -= 1
                continue
            break
        return titles, orgs, i + 1

    def _persons(self, doc: Doc) -> None:
        roles = lexicons.roles()["titles"]
        honorifics = lexicons.roles()["honorifics"]
        runs = sorted(self._name_runs(doc), key=lambda r: -len(r))
        surnames: set[str] = set()
        for run in runs:
            name_tokens = [t for t in run if t.lower_ not in honorifics]
            if len(name_tokens) == 1 and name_tokens[0].text in surnames:
                continue
            if not name_tokens:
                continue
            name = " ".join(t.text for t in name_tokens)
            titles, orgs, left = self._left_context(doc, run.start)
            appos_titles, appos_orgs = self._appositive(run)
            titles += appos_titles
            orgs += appos_orgs
            is_ner_person = any(e.label_ == "PERSON" and e.start <= run.start < e.end for e in doc.ents)
            if not titles and not any(t.lower_ in honorifics for t in run) and not (is_ner_person and len(run) > 1):
                continue
            surnames.add(name_tokens[-1].text)
            sector = None
            for t in titles:  # the title nearest the name decides the sector ...
                sector = roles.get(t.text.lower(), sector)
                break
            country = None
            for mention in orgs:  # ... unless an institution says more
                actor = mention.actor
                country = country or actor.country
                if mention.how == "institution" and actor.sector:
                    sector = actor.sector if actor.sector in ("MIL", "SPY", "GOV", "REB", "POL") else sector
            if sector is None and titles:
                sector = "GOV"
            role = " ".join(t.text for t in reversed(titles)) or None
            if role is None and titles == [] and orgs:
                role = None
            actor = self._actor(name, country, sector, "person", role)
            start = min([run.start] + [t.start for t in titles if t.start < run.start]
                        + [mo.start for mo in orgs if mo.start < run.start and mo.start >= left])
            mention = Mention(start, run.end, [actor], "person", head=run.root.i)
            # the name tokens belong to the person; titles and orgs keep their own mentions too
            self._register(Mention(run.start, run.end, [actor], "person", head=run.root.i), overwrite=True)
            for t in titles:
                if t.end <= run.start:
                    for k in range(t.start, t.end):
                        self.mention_at.setdefault(k, mention)

    def _appositive(self, run: Span) -> tuple[list[Span], list[Mention]]:
        titles: list[Span] = []
        orgs: list[Mention] = []
        for tok in run:
            for c in tok.children:
                if base(c.dep_) == "appos" and c.i >= run.end:
                    for k in range(c.left_edge.i, c.right_edge.i + 1):
                        if k in self.title_at and self.title_at[k] not in titles:
                            titles.append(self.title_at[k])
                        if k in self.mention_at and self.mention_at[k] not in orgs:
                            orgs.append(self.mention_at[k])
        return titles, orgs

    # -- pass 3: groups -------------------------------------------------------------------------
    def _groups(self, doc: Doc) -> None:
        group_nouns = lexicons.roles()["group_nouns"]
        for tok in doc:
            if tok.i in self.mention_at or tok.pos_ not in ("NOUN", "PROPN"):
                continue
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
                if kind in ("anonymous", "document") and (base(tok.dep_) == "nsubj" or case_of(tok) in ("to", "by", "from")):
                    # unnamed sources still speak: "sources claim", "a report said"
                    name = doc[start:tok.i + 1].text
                    actor = self._actor(name[0].upper() + name[1:], None, sector, kind)
                    self._register(Mention(start, tok.i + 1, [actor], "group", head=tok.i))
                continue
            actors = []
            for iso3, mod_start in countries:
                noun_text = doc[start:tok.i + 1].text
                name = f"{self.countries.demonym_of(iso3)} {noun_text}"
                actors.append(self._actor(name, iso3, sector, kind))
                start = min(start, mod_start)
            self._register(Mention(start, tok.i + 1, actors, "group", head=tok.i), overwrite=True)

    def _modifier_countries(self, noun: Token) -> list[tuple[str, int]]:
        """Countries that modify a noun: "Pakistani forces", "China's army", "rulers in Kabul", "its"."""
        found: list[tuple[str, int]] = []
        for c in noun.children:
            rel = base(c.dep_)
            if rel in ("amod", "compound", "nmod", "det") or c.dep_ == "nmod:poss":
                if rel == "nmod" and c.dep_ != "nmod:poss" and case_of(c) not in ("of", "in", "from"):
                    continue
                for t in [c, *c.conjuncts]:
                    mention = self.mention_at.get(t.i)
                    if mention is not None and mention.actor.country and mention.how in (
                            "country", "demonym", "metonym", "institution"):
                        found.append((mention.actor.country, min(t.i, mention.start)))
        return found

    def _home_country(self) -> None:
        """Officials named without a country get the document's most-mentioned state (flagged by role)."""
        counts: dict[str, int] = {}
        for m in set(map(id, self.mention_at.values())) and self.mention_at.values():
            if m.how in ("country", "metonym", "demonym") and m.actor.country:
                counts[m.actor.country] = counts.get(m.actor.country, 0) + 1
        if not counts:
            return
        home = max(counts, key=counts.get)
        for actor in self.ctx.actors.values():
            if actor.kind == "person" and actor.country is None and actor.sector in ("GOV", "MIL", "SPY"):
                actor.country = home

    # -- pass 4: coreference --------------------------------------------------------------------
    def _coreference(self, doc: Doc) -> None:
        persons = [m for m in self.mention_at.values() if m.how == "person"]
        by_surname: dict[str, Actor] = {}
        for m in persons:
            parts = m.actor.name.split()
            if len(parts) > 1:
                by_surname.setdefault(parts[-1], m.actor)
        # surnames anywhere in the document ("Asif calls ...", "Singh also alleged")
        for tok in doc:
            if tok.i in self.mention_at or not tok.text[:1].isupper():
                continue
            actor = by_surname.get(tok.text)
            if actor is not None and tok.pos_ in ("PROPN", "NOUN", "ADJ", "VERB", "X"):
                self._register(Mention(tok.i, tok.i + 1, [actor], "surname", head=tok.i))
        # pronouns, definite titles, "the country", "the two sides"
        for tok in doc:
            if tok.i in self.mention_at:
                continue
            low = tok.lower_
            target: list[Actor] | None = None
            how = "pronoun"
            if low in PERSON_PRONOUNS and tok.pos_ == "PRON":
                target = self._last_person(tok.i)
            elif low in THING_PRONOUNS and tok.pos_ in ("PRON", "DET"):
                target = self._last_state(tok)
            elif low in FIRST_PLURAL and tok.pos_ == "PRON":
                target = self._speaker_state(tok)
            elif low in PLURAL_PRONOUNS and tok.pos_ == "PRON":
                target = self._last_pair_or_group(tok.i)
            elif tok.pos_ == "NOUN" and low in PAIR_NOUNS and any(c.lower_ in ("two", "both") for c in tok.children):
                target, how = self._last_pair(tok.i), "pair"
            elif tok.pos_ == "NOUN" and low in COUNTRY_NOUNS and any(c.lower_ == "the" for c in tok.children):
                target, how = self._last_state(tok), "title"
            elif tok.i in self.title_at and any(c.lower_ == "the" for c in doc[tok.i].children):
                target, how = self._person_with_title(self.title_at[tok.i].text.lower()), "title"
            if target:
                start = tok.i
                if how in ("pair", "title"):
                    start = min([tok.i] + [c.i for c in tok.children if c.i < tok.i and base(c.dep_) in ("det", "nummod", "amod")])
                span_end = tok.i + 1
                if how == "title" and tok.i in self.title_at:
                    span_end = self.title_at[tok.i].end
                self._register(Mention(start, span_end, target, how, head=tok.i))

    def _last_person(self, before: int) -> list[Actor] | None:
        best = None
        for i in range(before - 1, -1, -1):
            m = self.mention_at.get(i)
            if m is not None and m.actor.kind == "person":
                best = m
                # prefer a subject: people are referred back to from subject position
                if base(self.ctx.doc[i].dep_) in ("nsubj",) or self.ctx.doc[i].head.dep_.startswith("nsubj"):
                    break
                if before - i > 60:
                    break
        return [best.actor] if best else None

    def _person_with_title(self, title: str) -> list[Actor] | None:
        candidates = [m.actor for m in self.mention_at.values()
                      if m.actor.kind == "person" and m.actor.role and title in m.actor.role.lower()]
        if not candidates:
            words = set(title.split())
            candidates = [m.actor for m in self.mention_at.values() if m.actor.kind == "person"
                          and m.actor.role and words & set(m.actor.role.lower().split()) - {"the", "of"}]
        return [candidates[0]] if candidates else None

    def _last_state(self, tok: Token) -> list[Actor] | None:
        """"its"/"it"/"the country": the subject of the governing clause, else the last state mentioned."""
        node = tok
        for _ in range(6):
            if node.head is node:
                break
            node = node.head
            for c in node.children:
                if base(c.dep_) == "nsubj" and c.i < tok.i and c.i in self.mention_at:
                    m = self.mention_at[c.i]
                    if m.actor.kind in ("country", "organisation", "group"):
                        return [m.actor]
        for i in range(tok.i - 1, max(-1, tok.i - 80), -1):
            m = self.mention_at.get(i)
            if m is not None and m.actor.kind in ("country",) and m.how in ("country", "metonym"):
                return [m.actor]
        return None

    def _speaker_state(self, tok: Token) -> list[Actor] | None:
        """"us"/"our" inside a quote: the speaker's country."""
        for i in range(tok.i - 1, max(-1, tok.i - 60), -1):
            m = self.mention_at.get(i)
            if m is not None and m.actor.kind == "person" and m.actor.country:
                return [self.country_actor(m.actor.country)]
        return None

    def _last_pair(self, before: int) -> list[Actor] | None:
        """"the two sides": the last two distinct states named together (coordinated or paired)."""
        if getattr(self, "_dyad", None):
            return self._dyad
        self._dyad = self._find_pair(before)
        return self._dyad

    def _find_pair(self, before: int) -> list[Actor] | None:
        doc = self.ctx.doc
        for i in range(before - 1, -1, -1):
            m = self.mention_at.get(i)
            if m is None or not m.actor.country or m.how == "pair":
                continue
            if len(m.actors) >= 2:
                return m.actors[:2]
            tok = doc[i]
            partners = [t for t in tok.conjuncts] + [c for c in tok.children if base(c.dep_) in ("nmod", "obl")]
            partners += [tok.head] if base(tok.dep_) in ("nmod", "obl") else []
            for p in partners:
                pm = self.mention_at.get(p.i)
                if pm is not None and pm.actor.country and pm.actor.country != m.actor.country:
                    return [self.country_actor(m.actor.country), self.country_actor(pm.actor.country)]
            # two different states in the same sentence
            sent = tok.sent
            others = [self.mention_at[k].actor for k in range(sent.start, sent.end) if k in self.mention_at
                      and self.mention_at[k].actor.country not in (None, m.actor.country)]
            if others:
                return [self.country_actor(m.actor.country), self.country_actor(others[0].country)]
        return None

    def _last_pair_or_group(self, before: int) -> list[Actor] | None:
        for i in range(before - 1, max(-1, before - 40), -1):
            m = self.mention_at.get(i)
            if m is not None and (len(m.actors) > 1 or m.how == "group"):
                return m.actors
        return None


@cache
def _title_words() -> frozenset[str]:
    words = set()
    for title in lexicons.roles()["titles"]:
        words.update(title.split())
    words |= {"deputy", "chief", "staff", "director", "general", "army", "head", "senior", "former", "top",
              "acting", "federal", "state", "defence", "defense", "foreign", "affairs", "ministry", "office",
              "public", "relations", "commander", "forces", "land", "air", "naval", "military", "operations"}
    return frozenset(words)


def _is_title_case(sent: Span) -> bool:
    """Headlines in Title Case make every word look like a proper name."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) / len(words) > 0.7


def _is_title_word(tok: Token) -> bool:
    words = _title_words()
    return tok.lower_ in words or tok.lower_.rstrip(".") in words or tok.lower_ + "." in words


def _name_token(tok: Token, resolver: "ActorResolver") -> bool:
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.i not in resolver.mention_at
            and tok.i not in resolver.title_at and not tok.is_stop and tok.is_alpha is not False
            and not _is_title_word(tok) and not _is_title_case(tok.sent)) or (
            tok.pos_ == "PROPN" and len(tok.text) == 1 and tok.text.isupper() and tok.i > 0
            and tok.nbor(-1).pos_ == "PROPN" and tok.i not in resolver.mention_at)


def actors_for(ctx: "DocContext", token: Token) -> list[Actor]:
    """The actors a phrase headed by ``token`` refers to ([] when it names none)."""
    mention = ctx.mention_at.get(token.i)
    if mention is not None:
        return list(mention.actors)
    return []
