"""Temporal expressions: found with sitrep's own rules, normalised against the publication date.

The rules are regular expressions over the document text (month names must be capitalised, years
are only taken in date-like contexts), mapped onto spaCy tokens. Free-text date search
(``dateparser.search``) is deliberately not used: it reads the day in "a March 28" as a year.

Normalisation, relative to ``ctx.document.published`` (the *anchor*):

* a publication date of ``YYYY-MM`` anchors at the end of that month; expressions that need the
  day of publication ("on Tuesday", "yesterday", "last week") then only get month granularity;
* "March 28" / "Sept. 9" / "June 3" without a year: the publication year, or the previous year if
  the date would fall more than ~2 months (60 days) after publication;
* "in May" / "the May flooding": May of the publication year, or of the previous year when
  May is later than the publication month ("next May" looks forward);
* "on Tuesday": the most recent Tuesday *on or before* the publication day (a Tuesday article
  saying "on Tuesday" means that day; a Wednesday article means the day before); "last Tuesday"
  is strictly before, "next Tuesday" strictly after;
* "last week" is the previous Monday-Sunday interval, "this week" Monday up to publication,
  "the past N days" the interval ending at publication (``EventDate.value`` .. ``EventDate.end``);
* "early/mid/late November" have month granularity; "between March 3 and 9" is an interval;
* a bare year (1950-2100) only after a date-like cue: "in 2021", "since 2019", "a 2018 trade accord".

Expressions relative to another event ("a day after", "two days later") are not resolved.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterator

from dateutil.relativedelta import relativedelta

from sitrep.model import EventDate

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from sitrep.pipeline import DocContext


@dataclass
class DateExpression:
    """A temporal expression: token span ``[start, end)`` in ``ctx.doc``, its text and its date."""

    start: int
    end: int
    text: str
    date: EventDate


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "few": 3, "several": 3, "couple of": 2}

_FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR_MONTHS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# Month names, capitalised or in capitals; abbreviations may carry a period.
MON = rf"(?:{_FULL_MONTHS}|{_FULL_MONTHS.upper()}|(?:{_ABBR_MONTHS})\.?)"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
YEAR = r"(?:19[5-9][0-9]|20[0-9][0-9]|2100)(?![0-9])"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PREP = r"(?:(?:[Oo]n|[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ff]rom|[Tt]hrough|[Bb]efore|[Aa]fter|[Bb]etween)\s+)?"
RANGE_SEP = r"\s*(?:-|–|—|and|to|until|till|through|thru)\s*"
MOD = r"(?:[Ee]arly|[Mm]id|[Ll]ate|[Tt]he\s+end\s+of|[Ee]nd\s+of|[Tt]he\s+beginning\s+of|[Bb]eginning\s+of|[Tt]he\s+start\s+of|[Ss]tart\s+of|[Tt]he\s+middle\s+of|[Mm]iddle\s+of)"
UNIT = r"(?:days?|weeks?|months?|years?)"
NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|couple\s+of)"

# Order matters: earlier rules win over later ones on overlapping text.
RULES: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3][0-9])\b")),
    ("range_two_months", re.compile(
        rf"\b{PREP}(?P<m1>{MON})\s+(?P<d1>{DAY}){RANGE_SEP}(?P<m2>{MON})\s+(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?")),
    ("range_month_days", re.compile(
        rf"\b{PREP}(?P<m1>{MON})\s+(?P<d1>{DAY}){RANGE_SEP}(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?")),
    ("range_days_month", re.compile(
        rf"\b{PREP}(?P<d1>{DAY}){RANGE_SEP}(?P<d2>{DAY})\s+(?P<m1>{MON})(?:,?\s+(?P<y>{YEAR}))?")),
    ("month_day", re.compile(
        rf"\b{PREP}(?:{WEEKDAY},?\s+)?(?P<m>{MON})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?(?!\s*(?:%|per\s?cent|[:.,]?\d))")),
    ("day_month", re.compile(
        rf"\b{PREP}(?:{WEEKDAY},?\s+)?(?:[Tt]he\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MON})(?:,?\s+(?P<y>{YEAR}))?")),
    ("mod_month", re.compile(
        rf"\b{PREP}(?P<mod>{MOD})[\s-]*(?P<m>{MON})(?:,?\s+(?P<y>{YEAR}))?\b")),
    ("month_year", re.compile(rf"\b{PREP}(?P<m>{MON})(?:,|\s+of)?\s+(?P<y>{YEAR})")),
    ("rel_month", re.compile(rf"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier\s+this|[Ll]ater\s+this)\s+(?P<m>{MON})\b")),
    ("cue_month", re.compile(
        rf"\b(?P<cue>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Tt]hrough|[Ff]rom|[Bb]efore|[Aa]fter|"
        rf"[Tt]he|[Oo]f|[Tt]hat|[Ss]ame|[Ii]ts|[Tt]heir|[Ll]ast|[Tt]his)\s+(?P<m>{_FULL_MONTHS})\b(?!\s+(?:[A-Z][a-z]+\s+)?[0-9])")),
    ("bare_month", re.compile(r"\b(?P<m>January|February|April|June|July|August|September|October|November|December)\b(?!\s+[0-9])")),
    ("weekday", re.compile(
        rf"\b(?:(?P<rel>[Oo]n|[Ll]ast|[Tt]his|[Nn]ext|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Ee]arly|[Ll]ate)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night))?\b")),
    ("ago", re.compile(rf"\b(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+ago\b", re.I)),
    ("past_n", re.compile(rf"\b(?:[Oo]ver\s+|[Ii]n\s+|[Dd]uring\s+|[Ff]or\s+)?the\s+(?:past|last|previous)\s+(?P<n>{NUM})\s+(?P<unit>{UNIT})\b")),
    ("relative", re.compile(
        r"\b(?P<rel>(?:[Ee]arlier|[Ll]ater)\s+this|[Tt]his|[Ll]ast|[Nn]ext|[Tt]he\s+previous|[Tt]he\s+past)\s+(?P<unit>week|month|year|weekend)\b")),
    ("deictic", re.compile(r"\b(?P<word>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Tt]his\s+morning|[Tt]his\s+afternoon|[Tt]his\s+evening|[Ll]ast\s+night)\b")),
    ("year_range", re.compile(rf"\b(?:[Bb]etween|[Ff]rom)\s+(?P<y1>{YEAR})\s*(?:and|to|-|–|until|through)\s*(?P<y2>{YEAR})")),
    ("cue_year", re.compile(
        rf"\b(?P<cue>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ff]rom|[Tt]hrough|[Bb]efore|[Aa]fter|[Oo]f|"
        rf"[Ee]arly|[Ll]ate|[Mm]id-?|[Ff]iscal|[Tt]he\s+year|[Tt]he\s+end\s+of|[Ee]nd\s+of|[Tt]he\s+start\s+of|"
        rf"[Tt]he\s+summer\s+of|[Tt]he\s+spring\s+of|[Tt]he\s+autumn\s+of|[Tt]he\s+winter\s+of|[Tt]he\s+fall\s+of)\s*(?P<y>{YEAR})"
        rf"(?!\s*(?:%|per\s?cent|[-–]\d|,\d))(?P<after>\s+[a-z][\w-]*)?")),
    ("det_year", re.compile(
        rf"\b(?P<det>[Aa]|[Aa]n|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]his|[Tt]hat)\s+(?P<y>{YEAR})\s+(?P<after>[a-z][\w-]*)")),
    ("year_poss", re.compile(rf"\b(?P<y>{YEAR})(?:'s|’s)\s+[a-z]")),
]
# After a year with an article, a plural noun means a quantity ("a force of 2000 troops").
_QUANTITY_NOUNS = re.compile(r"^(?:troops|soldiers|people|men|women|persons|personnel|units|tonnes|tons|km|"
                             r"kilometres|kilometers|miles|metres|meters|feet|dollars|rupees|euros|pounds|"
                             r"sorties|missiles|drones|rounds|shells|casualties|deaths|refugees|fighters|jets|"
                             r"aircraft|vehicles|tanks|more|others|of|and|or)$")


# ---------------------------------------------------------------------------------------------
# Anchors and arithmetic
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Anchor:
    """The publication date as a reference point; ``day_known`` False for ``YYYY-MM`` dates."""

    day: date
    day_known: bool
    month_known: bool = True


def parse_anchor(published: str | None) -> Anchor | None:
    if not published:
        return None
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", published)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(2) is None:
        return Anchor(date(y, 12, 31), day_known=False, month_known=False)
    mo = int(m.group(2))
    if not 1 <= mo <= 12:
        return None
    if m.group(3) is None:
        return Anchor(date(y, mo, calendar.monthrange(y, mo)[1]), day_known=False)
    try:
        return Anchor(date(y, mo, int(m.group(3))), day_known=True)
    except ValueError:
        return Anchor(date(y, mo, calendar.monthrange(y, mo)[1]), day_known=False)


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def _num(text: str) -> int:
    t = " ".join(text.lower().split())
    return int(t) if t.isdigit() else NUMBER_WORDS.get(t, 1)


def _ymd(d: date) -> str:
    return d.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, anchor: Anchor | None) -> int | None:
    """Publication year, or the previous one if the date would be > 60 days after publication."""
    if anchor is None:
        return None
    y = anchor.day.year
    cand = _safe_date(y, m, d) or _safe_date(y, m, 28)
    if cand is not None and cand > anchor.day + timedelta(days=60):
        y -= 1
    return y


def _infer_month_year(m: int, anchor: Anchor | None, forward: bool = False) -> int | None:
    if anchor is None:
        return None
    y = anchor.day.year
    if forward:
        return y if m > anchor.day.month else y + 1
    if anchor.month_known and m > anchor.day.month:
        return y - 1
    return y


def _day_or_month(d: date, anchor: Anchor, text: str, end: date | None = None) -> EventDate:
    """A day-level result, degraded to the anchor's month when the publication day is unknown."""
    if not anchor.day_known:
        if not anchor.month_known:
            return EventDate(value=f"{anchor.day.year:04d}", granularity="year", text=text)
        return EventDate(value=_ym(anchor.day.year, anchor.day.month), granularity="month", text=text)
    return EventDate(value=_ymd(d), granularity="day", text=text, end=_ymd(end) if end else None)


# ---------------------------------------------------------------------------------------------
# Rules -> EventDate
# ---------------------------------------------------------------------------------------------

def _resolve(rule: str, m: re.Match[str], anchor: Anchor | None) -> EventDate | None:
    text = m.group(0).strip()
    g = m.groupdict()
    if rule == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return EventDate(value=_ymd(d), granularity="day", text=text) if d else None

    if rule in ("range_two_months", "range_month_days", "range_days_month"):
        m1 = _month(g["m1"])
        m2 = _month(g["m2"]) if g.get("m2") else m1
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        y = int(g["y"]) if g.get("y") else _infer_year(m1, d1, anchor)
        if y is None:
            return None
        start = _safe_date(y, m1, d1)
        end = _safe_date(y + (1 if m2 < m1 else 0), m2, d2)
        if start is None or end is None or end < start:
            return None
        return EventDate(value=_ymd(start), granularity="day", text=text, end=_ymd(end))

    if rule in ("month_day", "day_month"):
        mo, d = _month(g["m"]), _day(g["d"])
        y = int(g["y"]) if g.get("y") else _infer_year(mo, d, anchor)
        if y is None:
            return None
        dt = _safe_date(y, mo, d)
        return EventDate(value=_ymd(dt), granularity="day", text=text) if dt else None

    if rule in ("mod_month", "month_year", "cue_month", "bare_month", "rel_month"):
        mo = _month(g["m"])
        if g.get("y"):
            y = int(g["y"])
        else:
            rel = (g.get("rel") or g.get("cue") or "").lower()
            if rel == "next":
                y = _infer_month_year(mo, anchor, forward=True)
            elif rel in ("this", "earlier this", "later this"):
                y = anchor.day.year if anchor else None
            elif rel == "last" and anchor is not None:
                y = anchor.day.year - 1 if mo >= anchor.day.month else anchor.day.year
            else:
                y = _infer_month_year(mo, anchor)
        if y is None:
            return None
        return EventDate(value=_ym(y, mo), granularity="month", text=text)

    if rule == "weekday":
        if anchor is None:
            return None
        wd = WEEKDAYS[g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        if rel == "next":
            delta = (wd - anchor.day.weekday()) % 7 or 7
            d = anchor.day + timedelta(days=delta)
        else:
            delta = (anchor.day.weekday() - wd) % 7
            if rel == "last" and delta == 0:
                delta = 7
            d = anchor.day - timedelta(days=delta)
        return _day_or_month(d, anchor, text)

    if rule == "ago":
        if anchor is None:
            return None
        n, unit = _num(g["n"]), g["unit"].lower().rstrip("s")
        if unit == "day":
            return _day_or_month(anchor.day - timedelta(days=n), anchor, text)
        if unit == "week":
            return _day_or_month(anchor.day - timedelta(weeks=n), anchor, text)
        if unit == "month":
            d = anchor.day - relativedelta(months=n)
            return EventDate(value=_ym(d.year, d.month), granularity="month", text=text)
        d = anchor.day - relativedelta(years=n)
        return EventDate(value=f"{d.year:04d}", granularity="year", text=text)

    if rule == "past_n":
        if anchor is None:
            return None
        n, unit = _num(g["n"]), g["unit"].lower().rstrip("s")
        delta = {"day": relativedelta(days=n), "week": relativedelta(weeks=n),
                 "month": relativedelta(months=n), "year": relativedelta(years=n)}[unit]
        start = anchor.day - delta
        if not anchor.day_known:
            return EventDate(value=_ym(start.year, start.month), granularity="month", text=text,
                             end=_ym(anchor.day.year, anchor.day.month))
        return EventDate(value=_ymd(start), granularity="day", text=text, end=_ymd(anchor.day))

    if rule == "relative":
        if anchor is None:
            return None
        rel = " ".join(g["rel"].lower().split())
        unit = g["unit"].lower()
        a = anchor.day
        back = rel in ("last", "the previous", "the past")
        fwd = rel == "next"
        if unit in ("week", "weekend"):
            monday = a - timedelta(days=a.weekday())
            if back:
                monday -= timedelta(days=7)
            elif fwd:
                monday += timedelta(days=7)
            if unit == "weekend":
                start, end = monday + timedelta(days=5), monday + timedelta(days=6)
            else:
                start = monday
                end = a if not (back or fwd) else monday + timedelta(days=6)
            return _day_or_month(start, anchor, text, end=end)
        if unit == "month":
            d = a - relativedelta(months=1) if back else (a + relativedelta(months=1) if fwd else a)
            if not anchor.month_known:
                return EventDate(value=f"{a.year:04d}", granularity="year", text=text)
            return EventDate(value=_ym(d.year, d.month), granularity="month", text=text)
        y = a.year - 1 if back else (a.year + 1 if fwd else a.year)
        return EventDate(value=f"{y:04d}", granularity="year", text=text)

    if rule == "deictic":
        if anchor is None:
            return None
        w = " ".join(g["word"].lower().split())
        if w == "yesterday" or w == "last night":
            d = anchor.day - timedelta(days=1)
        elif w == "tomorrow":
            d = anchor.day + timedelta(days=1)
        else:
            d = anchor.day
        return _day_or_month(d, anchor, text)

    if rule == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 < y1:
            return None
        return EventDate(value=f"{y1:04d}", granularity="year", text=text, end=f"{y2:04d}")

    if rule in ("cue_year", "det_year"):
        after = (g.get("after") or "").strip().lower()
        if after and _QUANTITY_NOUNS.match(after):
            return None
        if rule == "cue_year" and (g.get("cue") or "").lower() == "of" and after.endswith("s") \
                and len(after) > 3:
            return None
        return EventDate(value=g["y"], granularity="year", text=_strip_after(text, g))

    if rule == "year_poss":
        return EventDate(value=g["y"], granularity="year", text=g["y"])
    return None


def _strip_after(text: str, g: dict) -> str:
    after = g.get("after")
    if after and text.endswith(after.strip()):
        return text[: len(text) - len(after.strip())].rstrip()
    return text


def _match_span(rule: str, m: re.Match[str]) -> tuple[int, int]:
    """Character span of the expression proper (determiners and trailing nouns left out)."""
    start, end = m.start(), m.end()
    g = m.groupdict()
    if rule in ("cue_year", "det_year") and g.get("after"):
        end = m.start("after")
    if rule == "det_year":
        start = m.start("y")
    if rule == "year_poss":
        start, end = m.start("y"), m.end("y")
    if rule == "cue_month" and (g.get("cue") or "").lower() in ("the", "of", "that", "same", "its", "their"):
        start = m.start("m")
    text = m.string
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_dates(text: str, published: str | None) -> list[tuple[int, int, EventDate]]:
    """All temporal expressions of ``text`` as character spans with their normalised dates."""
    anchor = parse_anchor(published)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, EventDate]] = []
    for rule, rx in RULES:
        for m in rx.finditer(text):
            start, end = _match_span(rule, m)
            if any(start < e and s < end for s, e in taken):
                continue
            if rule in ("cue_month", "bare_month", "rel_month", "mod_month", "month_year") and \
                    _is_may_modal(m, text):
                continue
            if rule == "bare_month" and _month(m.group("m")) == 3:
                continue
            try:
                ed = _resolve(rule, m, anchor)
            except (ValueError, KeyError, OverflowError):
                ed = None
            if ed is None:
                continue
            ed.text = text[start:end]
            taken.append((start, end))
            found.append((start, end, ed))
    found.sort(key=lambda x: x[0])
    return found


def _is_may_modal(m: re.Match[str], text: str) -> bool:
    """ "May" the verb ("... that May be ...") rather than the month."""
    mon = m.group("m")
    if mon not in ("May", "MAY"):
        return False
    nxt = text[m.end("m"): m.end("m") + 20].lstrip()
    return bool(re.match(r"(?:be|have|not|also|well|still|never|soon|seek|face|use|take|need|want|see)\b", nxt))


# ---------------------------------------------------------------------------------------------
# The pipeline component and the event extractor's helper
# ---------------------------------------------------------------------------------------------

class DateResolver:
    """Pipeline component: fills ``ctx.dates`` (sorted by position)."""

    name = "dates"

    def __call__(self, ctx: "DocContext") -> None:
        ctx.dates = find_date_expressions(ctx.doc, ctx.document.published)


def find_date_expressions(doc: "Doc", published: str | None) -> list[DateExpression]:
    out: list[DateExpression] = []
    for start, end, ed in find_dates(doc.text, published):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        out.append(DateExpression(start=span.start, end=span.end, text=ed.text or span.text, date=ed))
    out.sort(key=lambda d: d.start)
    return out


_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "acl", "acl:relcl", "relcl", "parataxis", "csubj", "conj", "ROOT", "root"}


def _governing_verb(tok):
    """The verb heading the clause of ``tok`` (the token itself when it is a verb)."""
    cur = tok
    for _ in range(50):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ in _CLAUSE_DEPS or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def publication_date(published: str | None) -> EventDate | None:
    """The publication date as an EventDate (day or month granularity, source "publication")."""
    if not published:
        return None
    value = published.strip()[:10]
    gran = "day" if len(value) == 10 else ("month" if len(value) == 7 else "year")
    return EventDate(value=value, granularity=gran, source="publication")


def date_for_token(ctx: "DocContext", token_index: int) -> EventDate | None:
    """The date of the clause of ``ctx.doc[token_index]`` (an event trigger).

    Preference: an expression attached to the token itself (in its subtree without crossing
    another clause: "the June 3 strikes", "attacked on Tuesday"), then one whose clause is the
    token's clause (temporal modifier of the head verb), then the nearest expression in the same
    sentence, else the publication date (``source="publication"``; None without one).
    """
    doc = ctx.doc
    tok = doc[token_index]
    sent = tok.sent
    exprs = [d for d in ctx.dates if sent.start <= d.start < sent.end]
    if not exprs:
        return publication_date(ctx.document.published)

    def distance(d: DateExpression) -> int:
        if d.start <= token_index < d.end:
            return 0
        return d.start - token_index if d.start > token_index else token_index - d.end + 1

    if doc.has_annotation("DEP"):
        gov = _governing_verb(tok)

        def rank(d: DateExpression) -> int:
            if d.start <= token_index < d.end:
                return 0
            root = doc[d.start:d.end].root
            cur = root
            for _ in range(50):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                if cur.i == token_index:
                    return 0
                if cur.pos_ in ("VERB", "AUX") or cur.dep_ in _CLAUSE_DEPS:
                    break
            expr_gov = _governing_verb(root.head if root.head.i != root.i else root)
            if expr_gov.i == gov.i:
                return 1
            return 2

        best = min(exprs, key=lambda d: (rank(d), distance(d)))
    else:
        best = min(exprs, key=distance)
    ed = best.date
    return EventDate(value=ed.value, granularity=ed.granularity, source=ed.source, text=ed.text, end=ed.end)


def iter_dates(ctx: "DocContext") -> Iterator[DateExpression]:
    yield from ctx.dates
