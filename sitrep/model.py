"""The records sitrep produces, and the evidence each one stands on.

Every record type is a plain dataclass that turns into JSON with :func:`to_dict` and back with
``from_dict``. The field names are a contract with users and with the scorer
(``../shared/eval/GOLD.md``): fields may be added, never renamed or removed.

The one rule that runs through the model: *no fact without evidence*. Events, claims, transfers,
actor mentions and places all carry a list of :class:`Evidence` (document id, sentence index,
character offsets into the document text and the sentence text). A fact the extractor is unsure
of is kept and flagged (``uncertain``, ``modality``, ``hedged``, ``status="alleged"``), never dropped
silently and never asserted silently.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable

# Actor sectors in the spirit of CAMEO/PLOVER actor codes.
SECTORS = {
    "GOV": "government, ministries, heads of state and their spokespeople",
    "MIL": "armed forces, defence ministries' military arms, military press services",
    "POL": "political parties and politicians out of government",
    "REB": "rebels, insurgents and armed non-state groups",
    "IGO": "intergovernmental organisations",
    "MED": "media",
    "BUS": "companies, arms makers",
    "CVL": "civilians and civil society",
    "SPY": "intelligence agencies",
}

CLAIM_STANCES = ("assert", "deny")
SOURCE_TYPES = ("named_person", "institution", "anonymous", "document", "media", "unattributed")
QUOTE_TYPES = ("direct", "indirect", "mixed", "according_to", "nominal", "hedged")
TRANSFER_STATUSES = ("offered", "planned", "ordered", "delivered", "alleged", "unknown")
DATE_GRANULARITIES = ("day", "month", "year")


def content_hash(text: str) -> str:
    """Stable hash of a document's text, used to recognise the same content ingested twice."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass
class Evidence:
    """Where a record comes from: a sentence of a document, with character offsets.

    ``start``/``end`` are offsets into the document's (normalised) text and cover the words that
    support the record (a trigger, a mention, a quote); ``sentence`` is the 0-based sentence index
    and ``text`` the whole sentence, so a reader can check the record without opening the article.
    """

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass
class Sentence:
    """A sentence of a document with its offsets into the document text."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class Document:
    """An article as ingested: the text every offset refers to, plus its metadata."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD or YYYY-MM, the anchor for relative dates
    url: str | None = None
    source: str | None = None  # where it was read from (file path and line)
    hash: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            self.hash = content_hash(self.text)


@dataclass
class Actor:
    """Who acts, speaks, supplies or receives: a state, an institution, a group or a person.

    ``country`` is an ISO 3166-1 alpha-3 code (upper case) or None when unknown; ``sector`` one of
    :data:`SECTORS`; ``role`` a person's office ("Defence Minister"); ``kind`` says what the name
    denotes (country, person, organisation, group, anonymous).
    """

    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kind: str = "organisation"
    id: str | None = None
    mentions: list[Evidence] = field(default_factory=list)

    def key(self) -> str:
        """Identity of the actor within a document: persons by name, the rest by country+sector."""
        if self.kind in ("person", "group", "organisation") and self.name:
            return f"{self.kind}:{self.name.lower()}"
        return f"{self.kind}:{self.country}:{self.sector}:{self.name.lower()}"

    def brief(self) -> "Actor":
        """A copy without mentions, to embed in events, claims and transfers."""
        return dataclasses.replace(self, mentions=[])


@dataclass
class Place:
    """A place named in the text, resolved to coordinates when the gazetteer knows it."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # country, region, city, feature, disputed
    id: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class EventDate:
    """A date with its granularity and whether the text gave it or it is the publication date."""

    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    granularity: str = "day"
    source: str = "text"  # "text" or "publication"
    text: str | None = None  # the expression in the article ("on Tuesday")
    end: str | None = None  # end of an interval, when the text gives one


@dataclass
class Event:
    """Who did what to whom: a PLOVER event with its CAMEO root, actors, date, place and evidence."""

    type: str
    source: Actor | None = None
    target: Actor | None = None
    mode: str | None = None
    quad: str | None = None  # verbal/material cooperation/conflict
    cameo: str | None = None  # CAMEO root code, two digits
    date: EventDate | None = None
    place: Place | None = None
    negated: bool = False
    modality: str | None = None  # asserted, planned, threatened, alleged, hypothetical, ...
    reported_by: list[str] = field(default_factory=list)  # ids of the claims that report it
    trigger: str | None = None
    uncertain: bool = False
    id: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Claim:
    """An attributed statement: who says what, how, and how sure."""

    speaker: Actor | None
    stance: str  # assert or deny
    content: str
    cue: str | None = None  # lemma of the reporting word ("deny", "according to")
    act: str | None = None  # finer speech act: accuse, allege, deny, reject, warn, ...
    hedged: bool = False
    hedges: list[str] = field(default_factory=list)
    factuality: float | None = None  # -3..+3
    source_type: str = "unattributed"
    quote_type: str = "indirect"
    events: list[str] = field(default_factory=list)  # ids of the events it asserts or denies
    content_start: int | None = None
    content_end: int | None = None
    id: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Transfer:
    """An arms transfer in SIPRI's terms, with who reports it."""

    supplier: Actor | None
    recipient: Actor | None
    system: str
    category: str | None = None  # SIPRI weapon category
    quantity: int | None = None
    quantity_text: str | None = None
    status: str = "unknown"
    value: str | None = None
    year: int | None = None
    reported_by: list[str] = field(default_factory=list)
    uncertain: bool = False
    id: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything extracted from one document: the object ``sitrep extract`` writes per line."""

    id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # attributed attitudes that are not statements of fact ("X wants to", "X called for", "X
    # endorsed"): Claim records with act intend/demand/endorse/evaluate/topic/believe
    attitudes: list[Claim] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def to_dict(record: Any) -> Any:
    """A JSON-ready dict of a record (dataclasses recursively; None values kept)."""
    if dataclasses.is_dataclass(record):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def _build(cls: type, data: dict | None) -> Any:
    if data is None:
        return None
    return cls(**data)


def evidence_list(items: Iterable[dict] | None) -> list[Evidence]:
    return [Evidence(**e) for e in items or []]


def actor_from_dict(data: dict | None) -> Actor | None:
    if data is None:
        return None
    data = dict(data)
    data["mentions"] = evidence_list(data.get("mentions"))
    return Actor(**data)


def place_from_dict(data: dict | None) -> Place | None:
    if data is None:
        return None
    data = dict(data)
    data["evidence"] = evidence_list(data.get("evidence"))
    return Place(**data)


def event_from_dict(data: dict) -> Event:
    data = dict(data)
    data["source"] = actor_from_dict(data.get("source"))
    data["target"] = actor_from_dict(data.get("target"))
    data["date"] = _build(EventDate, data.get("date"))
    data["place"] = place_from_dict(data.get("place"))
    data["evidence"] = evidence_list(data.get("evidence"))
    return Event(**data)


def claim_from_dict(data: dict) -> Claim:
    data = dict(data)
    data["speaker"] = actor_from_dict(data.get("speaker"))
    data["evidence"] = evidence_list(data.get("evidence"))
    return Claim(**data)


def transfer_from_dict(data: dict) -> Transfer:
    data = dict(data)
    data["supplier"] = actor_from_dict(data.get("supplier"))
    data["recipient"] = actor_from_dict(data.get("recipient"))
    data["evidence"] = evidence_list(data.get("evidence"))
    return Transfer(**data)


def extraction_from_dict(data: dict) -> Extraction:
    """Rebuild an :class:`Extraction` from the JSON that ``sitrep extract`` wrote."""
    return Extraction(
        id=data["id"],
        title=data.get("title"),
        published=data.get("published"),
        url=data.get("url"),
        events=[event_from_dict(e) for e in data.get("events", [])],
        claims=[claim_from_dict(c) for c in data.get("claims", [])],
        transfers=[transfer_from_dict(t) for t in data.get("transfers", [])],
        actors=[actor_from_dict(a) for a in data.get("actors", [])],
        places=[place_from_dict(p) for p in data.get("places", [])],
        attitudes=[claim_from_dict(c) for c in data.get("attitudes", [])],
        sentences=[Sentence(**s) for s in data.get("sentences", [])],
        warnings=list(data.get("warnings", [])),
    )
