"""Dates: rule-based temporal expressions normalised against the publication date."""
from __future__ import annotations

import pytest
import spacy

from sitrep.model import Document
from sitrep.pipeline import DocContext
from sitrep.resolve.dates import DateResolver, date_for_token, find_dates


def ctx_for(text: str, published: str | None) -> DocContext:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ctx = DocContext(document=Document(id="t", text=text, published=published), doc=nlp(text))
    DateResolver()(ctx)
    return ctx


def one(text: str, published: str | None):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0][2]


@pytest.mark.parametrize("text,published,value,gran", [
    ("On September 12 the border was sealed.", "2025-11-16", "2025-09-12", "day"),
    ("Envoys met on Tuesday in Doha.", "2025-11-19", "2025-11-18", "day"),   # 2025-11-19 is a Wednesday
    ("Envoys met on Wednesday in Doha.", "2025-11-19", "2025-11-19", "day"),  # same day counts
    ("Envoys met last Wednesday in Doha.", "2025-11-19", "2025-11-12", "day"),
    ("They quoted a September 9 communique.", "2025-11-16", "2025-09-09", "day"),
    ("The ceasefire held since Nov 3 at least.", "2025-11-19", "2025-11-03", "day"),
    ("It was signed on Oct. 29 in Cairo.", "2025-11-19", "2025-10-29", "day"),
    ("It was signed on 22 October 2025 in Cairo.", "2025-12-30", "2025-10-22", "day"),
    ("Strikes began on June 3 after dawn.", "2025-07", "2025-06-03", "day"),
    ("The talks of December 20 failed.", "2025-01-10", "2024-12-20", "day"),  # > 2 months ahead: last year
    ("Fighting flared in May along the frontier.", "2025-07", "2025-05", "month"),
    ("Fighting flared in September along the frontier.", "2025-07", "2024-09", "month"),
    ("after the May flooding ended", "2025-07", "2025-05", "month"),
    ("Deliveries started in July 2025 at the port.", "2025-11-16", "2025-07", "month"),
    ("They extended a 2018 trade accord quietly.", "2025-11-16", "2018", "year"),
    ("Tensions have grown since 2019 there.", "2025-11-16", "2019", "year"),
    ("Officials said earlier this month that talks stalled.", "2025-11-19", "2025-11", "month"),
    ("Exports fell last month.", "2025-11-19", "2025-10", "month"),
    ("Troops withdrew yesterday.", "2025-11-19", "2025-11-18", "day"),
    ("Troops withdrew in early November.", "2025-11-19", "2025-11", "month"),
    ("Troops withdrew by mid-October.", "2025-11-19", "2025-10", "month"),
])
def test_expressions(text, published, value, gran):
    ed = one(text, published)
    assert (ed.value, ed.granularity, ed.source) == (value, gran, "text")


def test_weekday_with_month_only_publication_is_month():
    ed = one("Envoys met on Tuesday in Doha.", "2025-07")
    assert (ed.value, ed.granularity) == ("2025-07", "month")


def test_intervals():
    ed = one("Talks collapsed last week.", "2025-11-19")
    assert (ed.value, ed.end) == ("2025-11-10", "2025-11-16")
    ed = one("Clashes were reported between October 20 and 27 in the north.", "2025-11-19")
    assert (ed.value, ed.end) == ("2025-10-20", "2025-10-27")


def test_no_false_years_or_relative_events():
    assert find_dates("A force of 2000 troops moved a day after the raid.", "2025-11-19") == []
    assert find_dates("Officials said the deal may be signed soon. It May be delayed.", "2025-11-19") == []
    assert find_dates("He scored 31 points in the October 7 game.", "2025-11-19")[0][2].value == "2025-10-07"


def test_component_positions_and_text():
    text = "Peru said on Tuesday that Chile attacked on October 20. A 2018 accord was cited."
    ctx = ctx_for(text, "2025-11-19")
    assert [d.text for d in ctx.dates] == ["on Tuesday", "on October 20", "2018"]
    first = ctx.dates[0]
    assert ctx.doc[first.start:first.end].text == "on Tuesday"


def test_date_for_token_picks_its_own_clause():
    text = "Peru said on Tuesday that Chile attacked on October 20. Talks resumed."
    ctx = ctx_for(text, "2025-11-19")
    said = next(t.i for t in ctx.doc if t.text == "said")
    attacked = next(t.i for t in ctx.doc if t.text == "attacked")
    resumed = next(t.i for t in ctx.doc if t.text == "resumed")
    assert date_for_token(ctx, said).value == "2025-11-18"
    assert date_for_token(ctx, attacked).value == "2025-10-20"
    pub = date_for_token(ctx, resumed)
    assert (pub.value, pub.granularity, pub.source) == ("2025-11-19", "day", "publication")
    ctx = ctx_for("Talks resumed.", "2025-07")
    assert date_for_token(ctx, 1).granularity == "month"


def test_date_for_token_with_model():
    from sitrep.nlp.model import ModelNotFoundError, load_model

    try:
        nlp = load_model()
    except ModelNotFoundError:  # pragma: no cover
        pytest.skip("bundled spaCy model not built")
    text = "On Monday, Lima accused Santiago of shelling a village on June 3."
    ctx = DocContext(document=Document(id="t", text=text, published="2025-07"), doc=nlp(text))
    DateResolver()(ctx)
    accused = next(t.i for t in ctx.doc if t.text == "accused")
    striking = next(t.i for t in ctx.doc if t.text == "shelling")
    assert date_for_token(ctx, accused).value == "2025-07"  # Monday, month granularity
    assert date_for_token(ctx, striking).value == "2025-06-03"
