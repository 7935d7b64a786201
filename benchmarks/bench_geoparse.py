"""Geoparsing benchmark: toponym recognition and resolution on TR-News and GeoWebNews.

Reads the corpora from ``../shared/corpora/geoparsing`` (``$SITREP_SHARED`` overrides the shared
folder; nothing is copied into the project):

* TR-News (``Corpora/TR-News.xml``): ``<toponym>`` with ``<phrase>``, character ``<start>``/``<end>``
  into ``<text>`` and a ``<gaztag>`` (GeoNames lat/lon and country name) when resolvable;
* GeoWebNews (``GWN.xml``): ``<toponym>`` with ``<extractedName>``, ``<type>``, ``<start>``/``<end>``
  and lat/lon; only toponym types are scored (not ``Non_Toponym``, ``Language`` or the
  ``*_Expression`` spans that merely contain a toponym). GWN has no gold country.

Each article goes through the bundled spaCy model (``load_model()``; a blank tokenizer with a
sentencizer when the model is missing) and :func:`sitrep.resolve.places.find_toponyms` in its
geoparsing view (every toponym, metonyms included). A system toponym matches a gold one when their
character spans overlap (gold spans whose offsets do not show the phrase are moved to the nearest
occurrence of the phrase: "same string in the doc").

Printed: toponym precision / recall / F1, and over matched toponyms that the system resolved: the
correct-country accuracy and the share within 161 km (100 miles) of the gold coordinates, for
sitrep's context resolution and for a baseline in the same run (most populous gazetteer sense, no
context). Rows: ``geoparse+demonyms`` (demonyms count as country mentions, as the corpora annotate
"Turkish" as a toponym), ``geoparse`` (no demonyms) and ``pipeline`` (what PlaceResolver emits:
actors such as "Beijing said" and countries outside location prepositions dropped).

Usage: ``python benchmarks/bench_geoparse.py [--corpus trnews|gwn|all] [--limit N]``
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitrep.resolve.places import (  # noqa: E402
    PlaceResolver,
    document_focus,
    find_toponyms,
    gazetteer,
    resolve_mentions,
    resolve_most_populous,
    resolve_toponym,
)

GWN_TOPONYM_TYPES = {"Literal", "Mixed", "Coercion", "Literal_Modifier", "Non_Literal_Modifier",
                     "Metonymic", "Embedded_Literal", "Embedded_Non_Lit", "Demonym", "Homonym"}


def shared_dir() -> Path:
    env = os.environ.get("SITREP_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared"


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO3


@dataclass
class Article:
    id: str
    text: str
    gold: list[Gold] = field(default_factory=list)


def _country_iso3(name: str | None) -> str | None:
    if not name:
        return None
    import pycountry

    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        place = resolve_toponym(name)
        return place.country if place else None


def _fix_offsets(text: str, g: Gold) -> Gold:
    if text[g.start:g.end] == g.phrase or not g.phrase:
        return g
    best, pos = None, text.find(g.phrase)
    while pos >= 0:
        if best is None or abs(pos - g.start) < abs(best - g.start):
            best = pos
        pos = text.find(g.phrase, pos + 1)
    if best is not None:
        g.start, g.end = best, best + len(g.phrase)
    return g


def load_trnews(root: Path) -> list[Article]:
    tree = ET.parse(root / "Corpora" / "TR-News.xml")
    out = []
    for art in tree.getroot().iter("article"):
        text = art.findtext("text") or ""
        a = Article(id=art.get("docid") or str(len(out)), text=text)
        for t in art.iter("toponym"):
            g = Gold(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "")
            gaz = t.find("gaztag")
            if gaz is not None and gaz.findtext("lat"):
                g.lat, g.lon = float(gaz.findtext("lat")), float(gaz.findtext("lon"))
                g.country = _country_iso3(gaz.findtext("country"))
            a.gold.append(_fix_offsets(text, g))
        out.append(a)
    return out


def load_gwn(root: Path) -> list[Article]:
    tree = ET.parse(root / "GWN.xml")
    out = []
    for art in tree.getroot().iter("article"):
        text = art.findtext("text") or ""
        a = Article(id=art.get("file") or str(len(out)), text=text)
        for t in art.iter("toponym"):
            if (t.findtext("type") or "") not in GWN_TOPONYM_TYPES:
                continue
            g = Gold(int(t.findtext("start")), int(t.findtext("end")), t.findtext("extractedName") or "")
            if t.findtext("latitude"):
                g.lat, g.lon = float(t.findtext("latitude")), float(t.findtext("longitude"))
            a.gold.append(_fix_offsets(text, g))
        out.append(a)
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Tally:
    sys_total: int = 0
    sys_correct: int = 0
    gold_total: int = 0
    gold_found: int = 0
    # resolution, per resolver name: [pairs with gold country, country correct, pairs with coords, within 161]
    res: dict[str, list[int]] = field(default_factory=dict)
    matched_with_gold_coords: int = 0

    def add_res(self, name: str, idx: int) -> None:
        self.res.setdefault(name, [0, 0, 0, 0])[idx] += 1


def evaluate(articles: list[Article], docs: list, mode: str) -> Tally:
    tally = Tally()
    for art, doc in zip(articles, docs):
        if mode == "pipeline":
            tops = [t for t in find_toponyms(doc, actors=False, demonyms=False) if PlaceResolver._keep(doc, t)]
        else:
            tops = find_toponyms(doc, actors=True, demonyms=(mode == "geoparse+demonyms"))
        focus = document_focus(find_toponyms(doc, actors=True, demonyms=True))
        resolved = resolve_mentions(tops, focus)
        spans = []
        for top, cand in resolved:
            span = doc[top.start:top.end]
            spans.append((span.start_char, span.end_char, top, cand))
        tally.sys_total += len(spans)
        tally.gold_total += len(art.gold)
        for s0, s1, _, _ in spans:
            if any(g.start < s1 and s0 < g.end for g in art.gold):
                tally.sys_correct += 1
        for g in art.gold:
            hit = next(((s0, s1, top, cand) for s0, s1, top, cand in spans if g.start < s1 and s0 < g.end), None)
            if hit is None:
                continue
            tally.gold_found += 1
            if g.lat is None:
                continue
            tally.matched_with_gold_coords += 1
            _, _, top, cand = hit
            baseline = resolve_most_populous(top.text)
            if baseline is None and top.kind == "demonym" and cand is not None:
                baseline = cand.to_place()  # a demonym has a single sense
            for name, place in (("sitrep", cand.to_place() if cand else None), ("baseline", baseline)):
                if place is None or place.lat is None:
                    continue
                if g.country:
                    tally.add_res(name, 0)
                    if place.country == g.country:
                        tally.add_res(name, 1)
                tally.add_res(name, 2)
                if haversine_km(g.lat, g.lon, place.lat, place.lon) <= 161.0:
                    tally.add_res(name, 3)
    return tally


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  n/a"


def report(corpus: str, mode: str, t: Tally) -> None:
    p = t.sys_correct / t.sys_total if t.sys_total else 0.0
    r = t.gold_found / t.gold_total if t.gold_total else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{corpus:8s} {mode:18s} P={p:.3f} R={r:.3f} F1={f:.3f}  (system {t.sys_total}, gold {t.gold_total}, "
          f"found {t.gold_found})")
    for name in ("sitrep", "baseline"):
        c = t.res.get(name, [0, 0, 0, 0])
        print(f"{'':27s} {name:8s} resolved {c[2]}/{t.matched_with_gold_coords} matched-with-gold-coords | "
              f"country {_ratio(c[1], c[0])} (n={c[0]}) | within 161 km {_ratio(c[3], c[2])} (n={c[2]})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=["trnews", "gwn", "all"], default="all")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles of each corpus")
    ap.add_argument("--modes", default="geoparse+demonyms,geoparse,pipeline")
    args = ap.parse_args(argv)

    root = shared_dir() / "corpora" / "geoparsing"
    if not root.is_dir():
        print(f"geoparsing corpora not found at {root} (set SITREP_SHARED)", file=sys.stderr)
        return 2
    try:
        from sitrep.nlp.model import load_model

        nlp = load_model()
        model = "bundled model"
    except Exception as exc:  # the model may not be built yet
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        model = f"blank tokenizer + sentencizer ({exc.__class__.__name__})"
    t0 = time.time()
    gazetteer()
    print(f"# spaCy: {model}; gazetteer loaded in {time.time() - t0:.1f}s")

    corpora = []
    if args.corpus in ("trnews", "all"):
        corpora.append(("TR-News", load_trnews(root)))
    if args.corpus in ("gwn", "all"):
        corpora.append(("GWN", load_gwn(root)))
    for name, articles in corpora:
        if args.limit:
            articles = articles[: args.limit]
        t0 = time.time()
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
        print(f"# {name}: {len(articles)} articles parsed in {time.time() - t0:.1f}s")
        for mode in args.modes.split(","):
            report(name, mode, evaluate(articles, docs, mode))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
