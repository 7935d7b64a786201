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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).parent / "data" / "lexicons"
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
            data = yaml.safe_load(f) or {}
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
        for form, code in self.demonyms.items():
            if code == iso3:
                return form
        return self.name_of(iso3) or iso3


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
    actor_entries.cache_clear()


def _actor_files() -> list[Path]:
    files = [LEXICON_DIR / "actors.yaml"]
    env = os.environ.get("SITREP_ACTORS")
    if env:
        files += [Path(p) for p in env.split(os.pathsep) if p]
    return files + list(_user_actor_files)


@cache
def actor_entries() -> dict[str, ActorEntry]:
    """Surface form -> actor entry, merged over the bundled and the user's dictionaries."""
    table: dict[str, ActorEntry] = {}
    for path in _actor_files():
        data = _load_yaml_path(path)
        for i, item in enumerate(data.get("actors", []) or []):
            if not isinstance(item, dict) or not item.get("name"):
                raise LexiconError(f"{path}: actors[{i}] needs at least a name")
            entry = ActorEntry(
                name=str(item["name"]),
                country=item.get("country"),
                sector=item.get("sector"),
                kind=item.get("kind") or "organisation",
                role=item.get("role"),
            )
            for form in [entry.name, *(item.get("aliases") or [])]:
                table[str(form)] = entry
    return table


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
    }


@cache
def cues() -> dict[str, Any]:
    return load_yaml("cues.yaml")


@cache
def triggers() -> dict[str, Any]:
    return load_yaml("events.yaml")


@cache
def ontology() -> dict[str, dict[str, Any]]:
    return load_yaml("ontology.yaml")["types"]


@cache
def weapons() -> dict[str, Any]:
    return load_yaml("weapons.yaml")


def preload() -> None:
    """Load every lexicon now (before forking workers, before gc.freeze)."""
    countries()
    actor_entries()
    roles()
    cues()
    triggers()
    ontology()
    weapons()
