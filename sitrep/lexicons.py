"""Loading sitrep's language data: lexicons live as YAML/TSV files in ``sitrep/data/lexicons``.

Algorithms never hold word lists; they ask this module. Everything is loaded once per process
(``functools.cache``) because the lexicons are read-only and the pipeline processes many documents.
Users extend the actor dictionary with their own YAML file in the same format as
``data/lexicons/actors.yaml``: pass it to :func:`set_user_actor_files` (the CLI's ``--actors``) or
list paths in the ``SITREP_ACTORS`` environment variable (separated by ``os.pathsep``).
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).parent / "data" / "lexicons"
# libyaml's C loader when PyYAML was built with it (same results, a few times faster at start-up)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_user_actor_files: list[Path] = []


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and the entry."""


def load_yaml(name: str) -> dict[str, Any]:
    """Read one YAML lexicon by file name from the package's lexicon folder."""
    return _load_yaml_path(LEXICON_DIR / name)


@cache
def _load_yaml_path(path: Path) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=_SAFE_LOADER) or {}
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


# -- countries ------------------------------------------------------------------------------
@dataclass
class CountryLexicon:
    """Surface forms that denote a country: names, demonyms and metonyms (capitals, seats)."""

    names: dict[str, str] = field(default_factory=dict)  # surface -> ISO3
    demonyms: dict[str, str] = field(default_factory=dict)
    metonyms: dict[str, str] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)  # ISO3 -> short display name
    _first_demonym: dict[str, str] | None = field(default=None, repr=False)

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(ISO3, how) for a surface form; how is name, demonym or metonym."""
        for how, table in (("name", self.names), ("metonym", self.metonyms), ("demonym", self.demonyms)):
            if text in table:
                return table[text], how
        return None

    def name_of(self, iso3: str | None) -> str | None:
        return self.display.get(iso3 or "", iso3)

    def demonym_of(self, iso3: str) -> str:
        """The first demonym listed for a country ("Indian"), else its name."""
        if self._first_demonym is None:  # built once: this is asked for every group mention
            self._first_demonym = {}
            for form, code in self.demonyms.items():
                self._first_demonym.setdefault(code, form)
        return self._first_demonym.get(iso3) or self.name_of(iso3) or iso3


@cache
def countries() -> CountryLexicon:
    """All countries: pycountry names plus the variants, demonyms and metonyms in countries.tsv."""
    import pycountry

    lex = CountryLexicon()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                lex.names.setdefault(value, c.alpha_3)
        lex.display.setdefault(c.alpha_3, getattr(c, "common_name", None) or c.name)
    path = LEXICON_DIR / "countries.tsv"
    with open(path, encoding="utf-8") as f:
        rows = csv.reader((line for line in f if not line.startswith("#")), delimiter="\t")
        header = next(rows)
        if header[:1] != ["iso3"]:
            raise LexiconError(f"{path}: first row must be the header iso3, names, demonyms, metonyms")
        for row in rows:
            if not row or not row[0].strip():
                continue
            row += [""] * (4 - len(row))
            iso3, names, demonyms, metonyms = (x.strip() for x in row[:4])
            for i, value in enumerate(v for v in names.split("|") if v):
                lex.names[value] = iso3
                if i == 0:
                    lex.display[iso3] = value
            for value in (v for v in demonyms.split("|") if v):
                lex.demonyms[value] = iso3
            for value in (v for v in metonyms.split("|") if v):
                lex.metonyms[value] = iso3
    return lex


# -- named actors ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ActorEntry:
    name: str
    country: str | None
    sector: str | None
    kind: str = "organisation"
    role: str | None = None


def set_user_actor_files(paths: list[str | Path]) -> None:
    """Register extra actor dictionaries (same format as actors.yaml); later files win."""
    _user_actor_files[:] = [Path(p) for p in paths]
    _load_yaml_path.cache_clear()  # a user may have edited the file since it was last read
    actor_entries.cache_clear()
    ambiguous_actor_forms.cache_clear()


def _actor_files() -> list[Path]:
    files = [LEXICON_DIR / "actors.yaml"]
    env = os.environ.get("SITREP_ACTORS")
    if env:
        files += [Path(p) for p in env.split(os.pathsep) if p]
    return files + list(_user_actor_files)


ACTOR_KINDS = ("organisation", "group", "person", "country")
ACTOR_FIELDS = {"name", "aliases", "country", "sector", "kind", "role"}
_ISO3 = re.compile(r"^[A-Z]{3}$")


def _entry_from(path: Path, i: int, item: Any) -> tuple[ActorEntry, list[str]]:
    """Validate one dictionary entry; a bad entry is an error naming the file and the entry,
    because a silently skipped line would make the user's dictionary look ignored."""
    from sitrep.model import SECTORS

    where = f"{path}: actors[{i}]"
    if not isinstance(item, dict) or not item.get("name"):
        raise LexiconError(f"{where} needs at least a name")
    unknown = set(item) - ACTOR_FIELDS
    if unknown:
        # usually an unquoted comma inside a name: {name: Foreign, Commonwealth Office} splits
        raise LexiconError(f"{where} ({item['name']}): unknown field(s) {', '.join(map(str, sorted(unknown, key=str)))}; "
                           f"quote a name that contains a comma")
    country = item.get("country")
    if country is not None:
        country = str(country).strip().upper()
        if not _ISO3.match(country):
            raise LexiconError(f"{where} ({item['name']}): country must be an ISO3 code or null, not {item['country']!r}")
    sector = item.get("sector")
    if sector is not None and str(sector) not in SECTORS:
        raise LexiconError(f"{where} ({item['name']}): sector must be one of {', '.join(SECTORS)}, not {sector!r}")
    kind = item.get("kind") or "organisation"
    if kind not in ACTOR_KINDS:
        raise LexiconError(f"{where} ({item['name']}): kind must be one of {', '.join(ACTOR_KINDS)}, not {kind!r}")
    aliases = item.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    entry = ActorEntry(name=str(item["name"]), country=country, sector=sector, kind=kind, role=item.get("role"))
    return entry, [entry.name, *(str(a) for a in aliases if str(a).strip())]


@cache
def actor_entries() -> dict[str, ActorEntry]:
    """Surface form -> actor entry, merged over the bundled and the user's dictionaries.

    Files are read in order (bundled, ``SITREP_ACTORS``, ``set_user_actor_files``) and a later
    file's form replaces an earlier one, so a user can recode a bundled actor by listing it again.
    """
    table: dict[str, ActorEntry] = {}
    for path in _actor_files():
        if not path.is_file():
            raise LexiconError(f"{path}: actor dictionary not found")
        data = _load_yaml_path(path)
        items = data.get("actors", []) or []
        if not isinstance(items, list):
            raise LexiconError(f"{path}: 'actors' must be a list of entries")
        for i, item in enumerate(items):
            entry, forms = _entry_from(path, i, item)
            for form in forms:
                table[form] = entry
    return table


@cache
def ambiguous_actor_forms() -> frozenset[str]:
    """One-word actor names that are also ordinary words (``ambiguous:`` in any actor file)."""
    forms: set[str] = set()
    for path in _actor_files():
        data = _load_yaml_path(path)
        forms.update(str(w) for w in data.get("ambiguous", []) or [])
    return frozenset(forms)


# -- the rest -------------------------------------------------------------------------------
@cache
def roles() -> dict[str, Any]:
    """Titles by sector, honorifics and generic group nouns (roles.yaml)."""
    data = load_yaml("roles.yaml")
    title_sector: dict[str, str] = {}
    for sector, titles in (data.get("titles") or {}).items():
        for t in titles:
            title_sector[str(t).lower()] = sector
    return {
        "titles": title_sector,
        "honorifics": {str(h).lower() for h in data.get("honorifics", [])},
        "group_nouns": {str(k).lower(): v or {} for k, v in (data.get("group_nouns") or {}).items()},
        "organisation_heads": {str(k).lower(): v for k, v in (data.get("organisation_heads") or {}).items()},
        "reference": {str(k): frozenset(str(w).lower() for w in (v or []))
                      for k, v in (data.get("reference") or {}).items()},
        "non_person_words": frozenset(str(w).lower() for w in data.get("non_person_words", []) or []),
        "former": frozenset(str(w).lower() for w in data.get("former", []) or []),
        "name_particles": frozenset(str(w).lower() for w in data.get("name_particles", []) or []),
        "name_titles": frozenset(str(w).lower() for w in data.get("name_titles", []) or []),
    }


@cache
def title_words() -> frozenset[str]:
    """Lower-case words that open a person's name as a title or honorific ("president",
    "minister", "gen.", "mr", "sir"): every word of roles.yaml's titles, its honorifics and
    its name_titles."""
    r = roles()
    words = {w for title in r["titles"] for w in title.split()}
    return frozenset(words | r["honorifics"] | r["name_titles"])


@cache
def weapon_names() -> frozenset[str]:
    """Lower-cased names of weapon systems and generic weapon words (weapons.yaml), so that a
    "VBIED" or a "Wing Loong" the NER calls an organisation or a person is not made an actor."""
    data = weapons()
    names: set[str] = set()
    for item in data.get("systems", []) or []:
        if isinstance(item, dict):
            names.update(str(x).lower() for x in [item.get("name"), *(item.get("aliases") or [])] if x)
    names.update(str(k).lower() for k in (data.get("generic") or {}))
    for words in (data.get("families") or {}).values():
        names.update(str(w).lower() for w in words or [])
    return frozenset(names)


@cache
def cues() -> dict[str, Any]:
    return load_yaml("cues.yaml")


@cache
def triggers() -> dict[str, Any]:
    return load_yaml("events.yaml")


@cache
def furniture_prefixes() -> tuple[str, ...]:
    """Lower-case openings of link lines to other stories ("read-", "also read")."""
    return tuple(str(p).lower() for p in triggers().get("skip_sentence_prefixes", []))


@cache
def ontology() -> dict[str, dict[str, Any]]:
    return load_yaml("ontology.yaml")["types"]


@cache
def weapons() -> dict[str, Any]:
    return load_yaml("weapons.yaml")


@dataclass(frozen=True)
class EntityNameRules:
    """Words that decide a proper name's entity type (entity_rules.yaml).

    ``head`` / ``lead`` map a name's head word / first word to a label.
    """

    head: dict[str, str]
    lead: dict[str, str]


@cache
def entity_name_rules() -> EntityNameRules:
    data = load_yaml("entity_rules.yaml")
    tables: dict[str, dict[str, str]] = {}
    for part in ("head", "lead"):
        table: dict[str, str] = {}
        for label, words in (data.get(part) or {}).items():
            if not isinstance(words, list):
                raise LexiconError(f"entity_rules.yaml: {part}.{label} must be a list of words")
            for word in words:
                if str(word) in table and table[str(word)] != label:
                    raise LexiconError(f"entity_rules.yaml: {part} word {word!r} has two labels")
                table[str(word)] = str(label)
        tables[part] = table
    return EntityNameRules(head=tables["head"], lead=tables["lead"])


def preload() -> None:
    """Load every lexicon now (before forking workers, before gc.freeze)."""
    countries()
    actor_entries()
    ambiguous_actor_forms()
    weapon_names()
    entity_name_rules()
    roles()
    cues()
    triggers()
    ontology()
    weapons()
