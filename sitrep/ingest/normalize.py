"""Text normalisation applied to every document before extraction.

Why this matters: every character offset sitrep produces (evidence spans, sentence boundaries,
claim content) refers to the *normalised* text, which is what :attr:`sitrep.model.Document.text`
holds and what the store saves. Normalising once, at ingest, keeps those offsets stable: running
the extractor twice over the same input gives the same offsets, and a reader who opens the stored
text finds the evidence exactly where the offsets say.

Two levels:

* :func:`normalize_text` is safe for any text: it only changes encoding-level noise that never
  carries meaning (Unicode composition, control characters, line endings, runs of spaces,
  apostrophes typed as curly quotes inside a word, excess blank lines).
* :func:`normalize_document_text` also repairs two artefacts of scraped news that hurt sentence
  splitting, but only where the repair is safe: a headline glued to the start of the body, and a
  sentence glued to the next one (``"the meeting.Chile"``). It needs the title to do the
  first, and it is deliberately conservative about the second (no general guessing of glued
  words such as ``"ReutersPetrou"``).
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text", "normalize_document_text", "normalize_title"]

# Line and paragraph separators that are not "\n" (vertical tab, form feed, NEL, LS, PS).
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Spaces that are not U+0020: no-break space, en/em/thin/hair spaces, narrow no-break space, ...
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only break tokenisation: zero-width space, word joiner, BOM, soft hyphen.
# (Zero-width (non-)joiners U+200C/U+200D are kept: some scripts need them.)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# C0/C1 control characters except tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# A curly quote (or modifier letter apostrophe) between two letters is an apostrophe:
# "India’s", "Islamabad‘s", "don’t". Quotation marks stand next to a space or punctuation.
_INWORD_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[\u2019\u2018\u02bc\u2032](?=[^\W\d_])")
_SPACES = re.compile(r"[ \t]+")
# Characters that may open a quotation glued to a headline.
_OPENING_QUOTES = "\"'\u201c\u2018\u00ab"
_BLANK_LINES = re.compile(r"\n{3,}")

# A sentence glued to the next: a whole lowercase word of at least two letters (not preceded by a
# word character, dot, slash, @ or hyphen, so never part of "U.S.", "example.com", an e-mail or a
# URL), sentence-final punctuation, optional closing quotes, then a capitalised word
# ("meeting.Chile", 'no.”The'). The capitalised word must not continue like a domain
# ("site.Example.com").
_GLUED_SENTENCE = re.compile(
    r"(?<![\w.@/:\-])([^\W\d_A-Z]{2,}[.!?][\"\u201d\u2019']*)"
    r"(?=[A-Z][a-z]+)(?![A-Za-z]+\.[a-z]{2,}\b)"
)


def normalize_text(text: str) -> str:
    """Normalise encoding-level noise; never changes words or sentence structure.

    Steps, in order:

    1. Unicode NFC, so that "é" typed as e + combining accent equals the precomposed "é" (string
       matching against gazetteers and lexicons would otherwise miss it).
    2. Line endings ``\\r\\n`` and ``\\r`` (and the other Unicode line/paragraph separators)
       become ``\\n``: offsets must not depend on the platform the article was saved on.
    3. Control characters other than ``\\n`` and ``\\t`` are removed (they are invisible, come from
       broken scrapes or encodings, and confuse tokenisers); zero-width spaces, BOMs and soft
       hyphens likewise; exotic spaces (no-break, thin, ...) become plain spaces.
    4. A curly single quote between two letters ("India’s", "Islamabad‘s") becomes "'": it is an
       apostrophe, and the tokeniser splits possessives correctly only on the straight one.
       Curly quotes used as quotation marks are kept: the claim extractor reads both kinds.
    5. Runs of spaces and tabs collapse to one space; spaces at line ends are trimmed.
    6. At most one blank line between paragraphs (paragraphs are separated by ``"\\n\\n"``);
       single line breaks are kept as they are. Leading and trailing whitespace is removed.
    """
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)  # after removals, which may bring marks together
    text = _INWORD_APOSTROPHE.sub("'", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def normalize_title(title: str | None) -> str | None:
    """A title on one line: :func:`normalize_text` plus all whitespace collapsed to single spaces."""
    if title is None:
        return None
    title = " ".join(normalize_text(title).split())
    return title or None


def _strip_leading_titles(text: str, title: str) -> str | None:
    """If ``text`` starts with ``title`` (once or repeated), return the text after the last copy.

    A copy of the title counts as a headline when it is followed by the end of the text, a line
    break, or a glue (an upper-case letter or an opening quote: ``"...from ChinaIn the"``).
    Returns None when the text does not start with such a copy: what follows is then a lower-case
    letter or digit ("India" at the start of "Indian forces"), a space or punctuation (a sentence
    that merely begins with the title's words). Whitespace inside the title may differ (a line
    break in the text where the title has a space).
    """
    words = title.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    pos = 0
    matched = False
    while True:
        m = pattern.match(text, pos)
        if not m:
            break
        after = text[m.end():]
        ws = len(after) - len(after.lstrip())
        if not after or "\n" in after[:ws]:
            pass  # end of text or a line break: a headline line
        elif ws == 0 and (after[0].isupper() or after[0] in _OPENING_QUOTES):
            pass  # glued to the body
        else:
            break  # part of a sentence: keep this copy
        matched = True
        pos = m.end() + ws
    if not matched:
        return None
    return text[pos:]


def normalize_document_text(text: str, title: str | None = None) -> str:
    """Normalise a document's text (:func:`normalize_text`) and repair two scraping artefacts.

    Why: sentence splitting and therefore evidence depend on sentence boundaries, and scraped
    news often loses them in two typical places. Both repairs are narrow on purpose, because a
    wrong "repair" would corrupt text that was fine.

    1. **Headline glued to the body.** When the text starts with the title, possibly repeated
       (``"Title\\nTitleIn the aftermath..."``), the repeated copies are dropped and the title
       becomes its own first paragraph: ``"Title\\n\\nIn the aftermath..."``. This is done only
       when what follows the title is a line break, an upper-case letter or non-letter (i.e. a
       glue), never when it is a lower-case letter (``"India"`` before ``"Indian forces"``) or a
       plain space (a sentence that merely starts with the title's words).
    2. **Sentences glued together.** A space is inserted after sentence-final ``.``, ``!`` or ``?``
       (and any closing quotes) that is directly followed by a capitalised word, when the
       punctuation ends a whole lower-case word of two letters or more:
       ``"the meeting.Chile"`` → ``"the meeting. Chile"``. Abbreviations (``"U.S."``,
       ``"Lt."``), decimals, domains (``"example.com"``), e-mail addresses and URLs are left
       alone. Words glued without punctuation (``"ReutersPetrou"``) are not guessed at.

    The title itself is not added when the text does not start with it: readers decide that
    (the ``.txt`` and ``.html`` readers put it first, JSON records are kept as given).
    """
    text = normalize_text(text)
    if not text:
        return ""
    norm_title = normalize_title(title)
    if norm_title:
        rest = _strip_leading_titles(text, norm_title)
        if rest is not None:
            rest = rest.lstrip()
            text = norm_title + ("\n\n" + rest if rest else "")
    text = _GLUED_SENTENCE.sub(r"\1 ", text)
    return text
