"""The extraction pipeline: one :class:`DocContext` flows through small, named components.

In the spirit of spaCy, each stage is a component with a ``name`` and a ``__call__(ctx)`` that reads
what earlier stages left on the context and adds its own results. The order is the data's way
through the house::

    parse      spaCy model: tokens, tags, lemmas, dependencies, entities, sentences
    actors     actor mentions (gazetteer, titled persons, named entities) and coreference
    places     toponyms resolved to coordinates
    dates      temporal expressions normalised against the publication date
    claims     attributed statements: speaker, cue, stance, hedging, content
    events     PLOVER events from triggers and their syntactic arguments
    transfers  arms transfers: supplier, recipient, system, quantity, status
    link       events and transfers tied to the claims that report them; merging

A user can drop, replace or add components (``Pipeline(components=[...])``).
"""
from __future__ import annotations

import gc
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Protocol

from sitrep.model import Actor, Claim, Document, Event, Evidence, Extraction, Place, Sentence, Transfer

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from sitrep.extract.claims import ClaimSpan
    from sitrep.resolve.actors import Mention
    from sitrep.resolve.dates import DateExpression


@dataclass
class DocContext:
    """Everything known about one document while it moves through the pipeline."""

    document: Document
    doc: "Doc"  # the spaCy Doc over document.text
    mentions: list["Mention"] = field(default_factory=list)
    mention_at: dict[int, "Mention"] = field(default_factory=dict)  # token index -> actor mention
    actors: dict[str, Actor] = field(default_factory=dict)
    places: list[Place] = field(default_factory=list)
    place_by_token: dict[int, Place] = field(default_factory=dict)
    dates: list["DateExpression"] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    claim_index: list["ClaimSpan"] = field(default_factory=list)  # where each claim sits in the parse
    attitudes: list["ClaimSpan"] = field(default_factory=list)  # wants, plans, calls for: no statements
    events: list[Event] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _sent_index: dict[int, int] = field(default_factory=dict)
    _counter: dict[str, int] = field(default_factory=dict)
    _sents: list["Span"] = field(default_factory=list)  # doc.sents, once
    _token_sent: list[int] = field(default_factory=list)  # token index -> sentence index
    _sent_text: dict[int, str] = field(default_factory=dict)  # sentence index -> stripped text

    def __post_init__(self) -> None:
        self._sents = list(self.doc.sents)
        for i, sent in enumerate(self._sents):
            self._sent_index[sent.start] = i
            self._token_sent.extend([i] * (sent.end - sent.start))

    # -- ids and evidence ---------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        """A record id unique in the document: ``<doc id>:<prefix><n>``."""
        n = self._counter.get(prefix, 0) + 1
        self._counter[prefix] = n
        return f"{self.document.id}:{prefix}{n}"

    def sentence_index(self, token: "Token") -> int:
        return self._sent_index.get(token.sent.start, 0)

    def evidence(self, start_token: int, end_token: int | None = None) -> Evidence:
        """Evidence for tokens ``[start_token, end_token)`` (one token when end is None)."""
        end_token = start_token + 1 if end_token is None else max(end_token, start_token + 1)
        span = self.doc[start_token:end_token]
        if start_token < 0:  # a negative index counts from the end, as doc[i] does
            start_token += len(self.doc)
        k = self._token_sent[start_token]  # the sentence of doc[start_token] (token.sent)
        text = self._sent_text.get(k)
        if text is None:
            text = self._sent_text[k] = self._sents[k].text.strip()
        return Evidence(
            doc_id=self.document.id,
            sentence=k,
            start=span.start_char,
            end=span.end_char,
            text=text,
        )

    def is_furniture(self, sentence_text: str) -> bool:
        """A link line to another story ("Read- ...", "Also read: ..."): site furniture, whose
        headline reports another article's events (prefixes in events.yaml)."""
        from sitrep import lexicons

        prefixes = lexicons.furniture_prefixes()
        return bool(prefixes) and sentence_text.strip().lower().startswith(prefixes)

    def sentences(self) -> list[Sentence]:
        return [
            Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text)
            for i, s in enumerate(self._sents)
        ]

    def to_extraction(self) -> Extraction:
        used = self._used_actors()
        return Extraction(
            id=self.document.id,
            title=self.document.title,
            published=self.document.published,
            url=self.document.url,
            events=self.events,
            claims=self.claims,
            transfers=self.transfers,
            actors=used,
            places=self.places,
            attitudes=[cs.claim for cs in self.attitudes],
            sentences=self.sentences(),
            warnings=self.warnings,
        )

    def _used_actors(self) -> list[Actor]:
        return sorted(self.actors.values(), key=lambda a: (a.mentions[0].start if a.mentions else 0, a.name))


class Component(Protocol):
    """A pipeline stage: reads and extends the context in place."""

    name: str

    def __call__(self, ctx: DocContext) -> None: ...


def default_components() -> list[Component]:
    """The standard stages, in order. Imported lazily so that loading the package stays cheap."""
    from sitrep.extract.claims import ClaimExtractor
    from sitrep.extract.events import EventExtractor
    from sitrep.extract.linking import RecordLinker
    from sitrep.extract.transfers import TransferExtractor
    from sitrep.resolve.actors import ActorResolver
    from sitrep.resolve.dates import DateResolver
    from sitrep.resolve.places import PlaceResolver

    return [
        ActorResolver(),
        PlaceResolver(),
        DateResolver(),
        ClaimExtractor(),
        EventExtractor(),
        TransferExtractor(),
        RecordLinker(),
    ]


class Pipeline:
    """Load the language model and the lexicons once; then turn Documents into Extractions."""

    #: documents longer than this many characters are reported, not parsed (memory and time bound)
    MAX_CHARS = 300_000
    #: seconds one document may take before it is skipped and reported
    TIME_LIMIT = 60.0

    def __init__(self, model: str | None = None, components: list[Component] | None = None,
                 max_chars: int | None = None, time_limit: float | None = None) -> None:
        from sitrep.nlp.model import load_model

        self.nlp = load_model(model)
        self.components = components if components is not None else default_components()
        self.timings: dict[str, float] = defaultdict(float)  # seconds per stage, for benchmarks
        self.max_chars = max_chars or self.MAX_CHARS
        self.time_limit = self.TIME_LIMIT if time_limit is None else time_limit
        if components is None:
            self._warm_up()
        # Lexicons and the model are loaded for good: keep the garbage collector off them.
        gc.collect()
        gc.freeze()

    #: a short text that takes every default stage through its lazily built tables (matchers,
    #: indexes, compiled patterns), so that they are built once, in the parent, before workers fork
    WARM_UP_TEXT = ("Pakistan's army said on Monday that India had fired missiles at Lahore. "
                    "\"We will respond,\" the foreign minister told reporters in Islamabad.\n\n"
                    "Turkey agreed to sell 30 Bayraktar TB2 drones to Kenya, officials said.")

    def _warm_up(self) -> None:
        """Run the stages once on :attr:`WARM_UP_TEXT` (the result is discarded, timings too)."""
        try:
            self._process(Document(id="warm-up", text=self.WARM_UP_TEXT, published="2024-01-01"))
        except Exception:  # only a speed-up: a stage that fails here fails on real input too
            pass
        self.timings.clear()

    @property
    def component_names(self) -> list[str]:
        return [c.name for c in self.components]

    def parse(self, document: Document) -> "Doc":
        return self.nlp(document.text)

    def _check_size(self, document: Document) -> None:
        from sitrep.engine.limits import DocumentTooLarge

        if len(document.text) > self.max_chars:
            raise DocumentTooLarge(f"document too long ({len(document.text)} characters > {self.max_chars}); "
                                   "split it or raise the limit")

    def process(self, document: Document, parsed: "Doc | None" = None) -> Extraction:
        """Run every stage on one document, within the size and time limits."""
        from sitrep.engine.limits import time_limit

        self._check_size(document)
        with time_limit(self.time_limit):
            return self._process(document, parsed)

    def _process(self, document: Document, parsed: "Doc | None" = None) -> Extraction:
        if parsed is None:
            t0 = time.perf_counter()
            parsed = self.parse(document)
            self.timings["parse"] += time.perf_counter() - t0
        ctx = DocContext(document=document, doc=parsed)
        for component in self.components:
            t0 = time.perf_counter()
            component(ctx)
            self.timings[component.name] += time.perf_counter() - t0
        return ctx.to_extraction()

    def process_batch(self, documents: list[Document]) -> list[Extraction | Exception]:
        """Process a batch: the model parses the texts together (spaCy batches them, which is
        markedly faster than one call per text), then every document runs the stages alone.
        Each result is an Extraction or the exception its document raised."""
        # A parse makes many short-lived container objects: a larger first-generation threshold
        # spares most young collections (about 1 ms per article) and is restored afterwards.
        thresholds = gc.get_threshold()
        raise_it = 0 < thresholds[0] < self.GC_THRESHOLD  # 0: the collector is off, leave it
        if raise_it:
            gc.set_threshold(self.GC_THRESHOLD, *thresholds[1:])
        try:
            return self._process_batch(documents)
        finally:
            if raise_it:
                gc.set_threshold(*thresholds)

    #: first-generation garbage collector threshold while a batch is processed
    GC_THRESHOLD = 20_000

    def _process_batch(self, documents: list[Document]) -> list[Extraction | Exception]:
        from sitrep.engine.limits import time_limit

        results: list[Extraction | Exception | None] = [None] * len(documents)
        todo = []
        for i, doc in enumerate(documents):
            try:
                self._check_size(doc)
                todo.append(i)
            except Exception as exc:
                results[i] = exc
        parsed: dict[int, "Doc"] = {}
        if todo:
            t0 = time.perf_counter()
            try:
                with time_limit(self.time_limit * len(todo) if self.time_limit else None):
                    for i, doc in zip(todo, self.nlp.pipe([documents[i].text for i in todo], batch_size=16)):
                        parsed[i] = doc
            except Exception:  # a batch that fails is retried one document at a time
                parsed = {}
            self.timings["parse"] += time.perf_counter() - t0
        for i in todo:
            try:
                results[i] = self.process(documents[i], parsed.get(i))
            except Exception as exc:  # one bad document must not end a batch
                results[i] = exc
        return results  # type: ignore[return-value]

    def pipe(self, documents: Iterable[Document], on_error: Callable[[Document, Exception], Any] | None = None,
             batch_size: int = 16) -> Iterator[Extraction]:
        """Process documents in order, in parse batches; an error in one document is reported, not fatal."""
        from itertools import islice

        source = iter(documents)
        while True:
            batch = list(islice(source, batch_size))
            if not batch:
                return
            for document, result in zip(batch, self.process_batch(batch)):
                if isinstance(result, Exception):
                    if on_error is None:
                        raise result
                    on_error(document, result)
                else:
                    yield result
