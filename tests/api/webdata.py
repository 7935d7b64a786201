"""A small hand-made database for the API and browser tests (no language model needed).

Three documents: a dispute over jets shot down (an assertion and a denial by speakers of two
countries, so a contradiction), an arms transfer, and a document whose title and text carry HTML
and script (the XSS test). Every record has evidence with exact offsets into the text.
"""
from __future__ import annotations

from pathlib import Path

from sitrep.model import (
    Actor,
    Claim,
    Document,
    Event,
    EventDate,
    Evidence,
    Extraction,
    Place,
    Sentence,
    Transfer,
)

XSS_TITLE = "<script>alert(1)</script>"
XSS_ID = "xss-doc"

PAK = Actor(name="Pakistan", country="PAK", kind="country")
IND = Actor(name="India", country="IND", kind="country")
CHN = Actor(name="China", country="CHN", kind="country")
USA = Actor(name="United States", country="USA", kind="country")
UKR = Actor(name="Ukraine", country="UKR", kind="country")
RUS = Actor(name="Russia", country="RUS", kind="country")
PAK_ARMY = Actor(name="Pakistan Army", country="PAK", sector="MIL", kind="organisation")
IND_MOD = Actor(name="Ministry of Defence", country="IND", sector="GOV", kind="organisation")


class Doc:
    """Builds a document from sentences and evidence from substrings (offsets computed)."""

    def __init__(self, doc_id: str, title: str, published: str, sentences: list[str], url: str | None = None):
        self.id = doc_id
        self.text = " ".join(sentences)
        self.sentences: list[Sentence] = []
        pos = 0
        for i, s in enumerate(sentences):
            self.sentences.append(Sentence(index=i, start=pos, end=pos + len(s), text=s))
            pos += len(s) + 1
        self.document = Document(id=doc_id, text=self.text, title=title, published=published, url=url,
                                 source="tests/api/webdata.py")

    def ev(self, sentence: int, words: str) -> Evidence:
        s = self.sentences[sentence]
        start = s.start + s.text.index(words)
        assert self.text[start:start + len(words)] == words
        return Evidence(doc_id=self.id, sentence=sentence, start=start, end=start + len(words), text=s.text)

    def mention(self, actor: Actor, sentence: int, words: str) -> Actor:
        return Actor(name=actor.name, country=actor.country, sector=actor.sector, kind=actor.kind,
                     role=actor.role, id=f"{self.id}:{actor.name}", mentions=[self.ev(sentence, words)])


def documents() -> list[tuple[Document, Extraction]]:
    out = []

    # 1. a dispute: Pakistan's army asserts, India's ministry denies
    d = Doc("jets-dispute", "Pakistan says it shot down Indian jets; India denies", "2025-05-10", [
        "Pakistan's army said on Saturday that it shot down five Indian fighter jets over Kashmir.",
        "India's Ministry of Defence denied that any Indian fighter jets were shot down over Kashmir.",
        "The two countries exchanged artillery fire along the Line of Control on 9 May 2025.",
    ], url="https://example.org/jets")
    kashmir = Place(name="Kashmir", country="IND", lat=34.0, lon=76.0, feature="disputed", id="jets-dispute:p1",
                    evidence=[d.ev(0, "Kashmir"), d.ev(1, "Kashmir")])
    e1 = Event(type="ASSAULT", source=PAK.brief(), target=IND.brief(), quad="material_conflict", cameo="19",
               date=EventDate(value="2025-05-10", granularity="day", source="text", text="on Saturday"),
               place=kashmir, trigger="shot down", reported_by=["jets-dispute:c1", "jets-dispute:c2"],
               id="jets-dispute:e1", evidence=[d.ev(0, "shot down")])
    e2 = Event(type="ASSAULT", source=IND.brief(), target=PAK.brief(), quad="material_conflict", cameo="19",
               date=EventDate(value="2025-05-09", granularity="day", source="text", text="on 9 May 2025"),
               trigger="exchanged artillery fire", id="jets-dispute:e2",
               evidence=[d.ev(2, "exchanged artillery fire")])
    c1 = Claim(speaker=PAK_ARMY.brief(), stance="assert", content="it shot down five Indian fighter jets over Kashmir",
               cue="say", act="claim", source_type="institution", quote_type="indirect", events=["jets-dispute:e1"],
               id="jets-dispute:c1", evidence=[d.ev(0, "it shot down five Indian fighter jets over Kashmir")])
    c2 = Claim(speaker=IND_MOD.brief(), stance="deny", content="any Indian fighter jets were shot down over Kashmir",
               cue="deny", act="deny", source_type="institution", quote_type="indirect", events=["jets-dispute:e1"],
               id="jets-dispute:c2", evidence=[d.ev(1, "any Indian fighter jets were shot down over Kashmir")])
    out.append((d.document, Extraction(
        id=d.id, title=d.document.title, published=d.document.published, url=d.document.url,
        events=[e1, e2], claims=[c1, c2], places=[kashmir], sentences=d.sentences,
        actors=[d.mention(PAK, 0, "Pakistan"), d.mention(IND, 1, "India"),
                d.mention(PAK_ARMY, 0, "Pakistan's army"), d.mention(IND_MOD, 1, "Ministry of Defence")])))

    # 2. an arms transfer and military aid
    d = Doc("aid-and-jets", "China delivers J-10C jets to Pakistan; US sends HIMARS to Ukraine", "2025-06-03", [
        "China delivered 20 J-10C fighter jets to Pakistan in 2024, officials in Islamabad said.",
        "The United States announced new military aid to Ukraine, including HIMARS launchers, on 3 June 2025.",
    ])
    islamabad = Place(name="Islamabad", country="PAK", lat=33.69, lon=73.05, feature="city", id="aid-and-jets:p1",
                      evidence=[d.ev(0, "Islamabad")])
    t1 = Transfer(supplier=CHN.brief(), recipient=PAK.brief(), system="J-10C fighter jets", category="aircraft",
                  quantity=20, quantity_text="20", status="delivered", year=2024, id="aid-and-jets:t1",
                  evidence=[d.ev(0, "delivered 20 J-10C fighter jets")])
    t2 = Transfer(supplier=USA.brief(), recipient=UKR.brief(), system="HIMARS launchers", category="artillery",
                  status="planned", id="aid-and-jets:t2", evidence=[d.ev(1, "HIMARS launchers")])
    e3 = Event(type="AID", source=USA.brief(), target=UKR.brief(), quad="material_cooperation", cameo="07",
               date=EventDate(value="2025-06-03", granularity="day", source="text", text="on 3 June 2025"),
               trigger="announced new military aid", id="aid-and-jets:e1",
               evidence=[d.ev(1, "announced new military aid")])
    e4 = Event(type="AID", source=CHN.brief(), target=PAK.brief(), quad="material_cooperation", cameo="07",
               date=EventDate(value="2024", granularity="year", source="text", text="in 2024"),
               trigger="delivered", id="aid-and-jets:e2", evidence=[d.ev(0, "delivered")])
    out.append((d.document, Extraction(
        id=d.id, title=d.document.title, published=d.document.published, events=[e3, e4], transfers=[t1, t2],
        places=[islamabad], sentences=d.sentences,
        actors=[d.mention(CHN, 0, "China"), d.mention(PAK, 0, "Pakistan"), d.mention(USA, 1, "United States"),
                d.mention(UKR, 1, "Ukraine")])))

    # 3. hostile markup in the title, the text, a claim and a place name
    d = Doc(XSS_ID, XSS_TITLE, "2025-06-20", [
        "<img src=x onerror=alert(2)> Russia attacked Ukraine near Kharkiv.",
        "Officials said \"<script>alert(3)</script>\" was found in the report.",
    ], url="javascript:alert(4)")
    kharkiv = Place(name="Kharkiv <b>bold</b>", country="UKR", lat=49.99, lon=36.23, feature="city", id=f"{XSS_ID}:p1",
                    evidence=[d.ev(0, "Kharkiv")])
    e5 = Event(type="ASSAULT", source=RUS.brief(), target=UKR.brief(), quad="material_conflict", cameo="18",
               trigger="attacked", place=kharkiv, id=f"{XSS_ID}:e1", evidence=[d.ev(0, "attacked")])
    c3 = Claim(speaker=Actor(name="<i>Officials</i>", kind="anonymous"), stance="assert",
               content="\"<script>alert(3)</script>\" was found in the report", cue="say", id=f"{XSS_ID}:c1",
               evidence=[d.ev(1, "\"<script>alert(3)</script>\" was found in the report")])
    out.append((d.document, Extraction(
        id=d.id, title=XSS_TITLE, published=d.document.published, url=d.document.url, events=[e5], claims=[c3],
        places=[kharkiv], sentences=d.sentences,
        actors=[d.mention(RUS, 0, "Russia"), d.mention(UKR, 0, "Ukraine")])))
    return out


def build_db(path: Path) -> Path:
    """Write the sample database to ``path`` and return it."""
    from sitrep.store.db import Store

    with Store(path) as store:
        for document, extraction in documents():
            store.add(document, extraction)
    return path
