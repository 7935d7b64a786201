"""Read articles from files and directories into :class:`sitrep.model.Document` objects.

Supported inputs, chosen by file extension:

``.jsonl`` / ``.ndjson``
    One JSON object per line, in the form of ``seeds.jsonl``: ``id``, ``title``, ``published``,
    ``url``, ``text``. ``body`` or ``content`` are accepted for ``text``, ``date`` for
    ``published``, ``headline`` for ``title``. A missing id is derived from the content hash
    (``doc-<first 16 hex digits>``). The text is kept as given (seeds already start with the
    title); it is normalised with :func:`~sitrep.ingest.normalize.normalize_document_text`.
``.json``
    A list of such records, or a single record.
``.txt``
    First non-empty line is the title, the rest is the body. Optional header lines
    ``Date: ...`` / ``Published: ...`` / ``URL: ...`` (before or right after the title) give the
    publication date and the url and are not part of the text. ``Document.text`` starts with the
    title as its own paragraph, like ``seeds.jsonl``, so that facts in the headline carry
    evidence. The id is the file stem.
``.html`` / ``.htm``
    Main text, title and date extracted with trafilatura; falls back to stripping tags when
    trafilatura is unavailable or finds nothing. The title is the first paragraph of the text.
    The id is the file stem.

Bad input never raises out of :func:`read_inputs`: it becomes an :class:`IngestError` in the
stream (``path:line: message``) and reading goes on with the next line or file. Every Document
has ``source`` set to ``path`` or ``path:line``. Ids are kept as given, even when two inputs share
one; the store recognises repeated content by its hash.
"""
from __future__ import annotations

import codecs
import html as html_lib
import itertools
import json
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from sitrep.model import Document, content_hash

from .normalize import normalize_document_text, normalize_text, normalize_title

__all__ = ["IngestError", "read_inputs", "read_file", "record_to_document", "normalize_date",
           "SUPPORTED_EXTENSIONS"]

log = logging.getLogger(__name__)

JSONL_EXTENSIONS = (".jsonl", ".ndjson")
JSON_EXTENSIONS = (".json",)
TEXT_EXTENSIONS = (".txt",)
HTML_EXTENSIONS = (".html", ".htm")
SUPPORTED_EXTENSIONS = JSONL_EXTENSIONS + JSON_EXTENSIONS + TEXT_EXTENSIONS + HTML_EXTENSIONS

_TEXT_FIELDS = ("text", "body", "content")
_DATE_FIELDS = ("published", "date")
_TITLE_FIELDS = ("title", "headline")


@dataclass
class IngestError:
    """An input that could not be read, with where it is: ``path:line: message``."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"


class _Bad(Exception):
    """Internal: a whole file is unreadable; becomes one IngestError."""


# ---------------------------------------------------------------------------------------------
# entry points


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Document | IngestError]:
    """Documents (and errors) from files and directories, in a stable order.

    Directories are walked recursively in sorted order, skipping hidden files and directories
    (names starting with "."); files in them with an unsupported extension are reported as errors
    like files named explicitly, so nothing is dropped silently. A path that does not exist is an
    error too. Never raises for bad input.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path):
                yield from read_file(file)
        elif path.exists():
            yield from read_file(path)
        else:
            yield IngestError(str(path), None, "no such file or directory")


def read_file(path: str | Path) -> Iterator[Document | IngestError]:
    """Documents from one file, dispatched by extension; errors are yielded, not raised."""
    path = Path(path)
    src = str(path)
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        shown = ext or "(none)"
        yield IngestError(src, None, f"unsupported file type {shown} "
                                     "(expected .jsonl, .json, .txt, .html)")
        return
    try:
        if ext in JSONL_EXTENSIONS:
            # streamed line by line: JSONL corpora can be large
            with path.open("rb") as fp:
                yield from _read_jsonl(src, fp)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError(src, None, f"cannot read file: {exc.strerror or exc}")
        return
    except _Bad as exc:
        yield IngestError(src, None, str(exc))
        return
    except Exception as exc:  # a reader bug must not end a batch either
        log.exception("unexpected error reading %s", src)
        yield IngestError(src, None, f"unexpected error: {type(exc).__name__}: {exc}")
        return
    try:
        if not data.strip():
            raise _Bad("empty file")
        if ext in JSON_EXTENSIONS:
            yield from _read_json(src, data)
        elif ext in TEXT_EXTENSIONS:
            yield from _read_txt(src, path, data)
        else:
            yield from _read_html(src, path, data)
    except _Bad as exc:
        yield IngestError(src, None, str(exc))
    except Exception as exc:  # a reader bug must not end a batch either
        log.exception("unexpected error reading %s", src)
        yield IngestError(src, None, f"unexpected error: {type(exc).__name__}: {exc}")


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` sorted by path (component by component), hidden ones skipped."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend(Path(dirpath) / name for name in filenames if not name.startswith("."))
    yield from sorted(found, key=lambda p: p.relative_to(root).parts)


# ---------------------------------------------------------------------------------------------
# decoding


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t")
    return bad / len(text)


def _decode(data: bytes, allow_cp1252: bool) -> str:
    """Bytes → str: UTF-16 with BOM, UTF-8 (with or without BOM), then cp1252 if allowed.

    NUL bytes (outside UTF-16), undecodable bytes or mostly control characters mean binary data.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Bad("binary file, not text") from None
    if b"\x00" in data:
        raise _Bad("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if not allow_cp1252:
            raise _Bad("binary file, not text (not valid UTF-8)") from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _Bad("binary file, not text") from None
    if _control_ratio(text[:20000]) > 0.05:
        raise _Bad("binary file, not text")
    return text


# ---------------------------------------------------------------------------------------------
# dates

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_MONTH_SLASH = re.compile(r"^(\d{4})/(\d{1,2})$")


def normalize_date(value: Any) -> str | None:
    """A publication date as ``YYYY-MM-DD`` (day known) or ``YYYY-MM`` (month known), else None.

    Accepts ISO dates and datetimes, RFC 2822 dates (RSS), and free text that dateparser reads
    ("3 July 2025", "July 2025"). A year alone is not enough for the contract and gives None.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    s = " ".join(value.split())
    if not s:
        return None
    m = _ISO_DAY.match(s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    m = _ISO_MONTH.match(s) or _YEAR_MONTH_SLASH.match(s)
    if m:
        if 1 <= int(m[2]) <= 12:
            return f"{int(m[1]):04d}-{int(m[2]):02d}"
        return None
    if re.fullmatch(r"\d{4}", s):
        return None
    try:
        return datetime.fromisoformat(s).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser_date(s)


def _dateparser_date(s: str) -> str | None:
    try:
        import dateparser  # slow to import: only when needed
    except ImportError:  # pragma: no cover
        return None
    base = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        d = dateparser.parse(s, settings={**base, "REQUIRE_PARTS": ["day", "month", "year"]})
        if d:
            return d.date().isoformat()
        d = dateparser.parse(s, settings={**base, "REQUIRE_PARTS": ["month", "year"]})
        if d:
            return f"{d.year:04d}-{d.month:02d}"
    except Exception:  # dateparser raises assorted errors on odd strings
        return None
    return None


# ---------------------------------------------------------------------------------------------
# records (jsonl / json)


def _first_str(record: dict, fields: tuple[str, ...]) -> str | None:
    for f in fields:
        v = record.get(f)
        if isinstance(v, str) and v.strip():
            return v
    return None


def record_to_document(record: Any, source: str) -> Document:
    """A Document from one JSON record; raises ValueError with a message for bad records."""
    if not isinstance(record, dict):
        raise ValueError(f"record is not a JSON object but {type(record).__name__}")
    title = normalize_title(_first_str(record, _TITLE_FIELDS))
    raw_text = _first_str(record, _TEXT_FIELDS)
    text = normalize_document_text(raw_text, title) if raw_text else ""
    if not text:
        raise ValueError("record has no text")
    published = None
    for f in _DATE_FIELDS:
        if record.get(f) not in (None, ""):
            published = normalize_date(record[f])
            break
    url = record.get("url")
    url = url.strip() or None if isinstance(url, str) else None
    rid = record.get("id")
    if isinstance(rid, (int, float)) and not isinstance(rid, bool):
        rid = str(rid)
    if not isinstance(rid, str) or not rid.strip():
        rid = None
    h = content_hash(text)
    return Document(id=rid.strip() if rid else f"doc-{h[:16]}", text=text, title=title,
                    published=published, url=url, source=source, hash=h)


_SNIFF_LINES = 20


def _read_jsonl(src: str, fp: IO[bytes]) -> Iterator[Document | IngestError]:
    """Records from a JSONL stream. The first lines are sniffed: NUL bytes, or mostly undecodable
    lines, mean a binary file (one error); otherwise each bad line is its own error."""
    head = fp.read(8192)
    if b"\x00" in head:
        raise _Bad("binary file, not text")
    fp.seek(0)
    lines = enumerate(fp, start=1)
    sniffed: list[tuple[int, bytes]] = []
    for lineno, raw in lines:
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if raw.strip():
            sniffed.append((lineno, raw))
            if len(sniffed) >= _SNIFF_LINES:
                break
    if not sniffed:
        raise _Bad("empty file")
    bad = sum(1 for _, raw in sniffed if not _is_utf8(raw))
    if bad * 2 >= len(sniffed) and bad:
        raise _Bad("binary file, not text")  # mostly undecodable: not a JSONL file at all
    rest = ((n, raw) for n, raw in lines if raw.strip())
    for lineno, raw in itertools.chain(sniffed, rest):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield IngestError(src, lineno, "line is not valid UTF-8")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(src, lineno, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        try:
            yield record_to_document(record, f"{src}:{lineno}")
        except ValueError as exc:
            yield IngestError(src, lineno, str(exc))


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _json_array_items(text: str) -> Iterator[tuple[int, Any]]:
    """(line, item) for the items of a JSON array, with the line each item starts on."""
    decoder = json.JSONDecoder()
    ws = re.compile(r"\s*")
    pos = ws.match(text, 0).end()
    assert text[pos] == "["
    pos = ws.match(text, pos + 1).end()
    if text[pos] == "]":
        return
    line, counted = 1, 0
    while True:
        item, end = decoder.raw_decode(text, pos)
        line += text.count("\n", counted, pos)
        counted = pos
        yield line, item
        pos = ws.match(text, end).end()
        if text[pos] == "]":
            return
        pos = ws.match(text, pos + 1).end()  # skip the comma


def _read_json(src: str, data: bytes) -> Iterator[Document | IngestError]:
    text = _decode(data, allow_cp1252=False)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        yield IngestError(src, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    if isinstance(parsed, list):
        if not parsed:
            raise _Bad("empty JSON list, no records")
        for line, item in _json_array_items(text):
            try:
                yield record_to_document(item, f"{src}:{line}")
            except ValueError as exc:
                yield IngestError(src, line, str(exc))
    else:
        try:
            yield record_to_document(parsed, src)
        except ValueError as exc:
            yield IngestError(src, None, str(exc))


# ---------------------------------------------------------------------------------------------
# plain text

_HEADER = re.compile(r"^(date|published|url|title)\s*:\s*(.*)$", re.IGNORECASE)


def _read_txt(src: str, path: Path, data: bytes) -> Iterator[Document | IngestError]:
    text = normalize_text(_decode(data, allow_cp1252=True))
    if not text:
        raise _Bad("empty file")
    lines = text.split("\n")
    meta: dict[str, str] = {}
    title: str | None = None
    i = 0
    # header lines and the title line, in any order, until the title and the headers after it
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            if title is not None:
                break
            i += 1
            continue
        m = _HEADER.match(line)
        key = m[1].lower() if m else ""
        if m and m[2].strip() and key not in meta and not (key == "title" and title):
            meta[key] = m[2].strip()
            if key == "title":
                title = meta[key]
            i += 1
            continue
        if title is None:
            title = line
            i += 1
            continue
        break
    body = "\n".join(lines[i:]).strip()
    title = normalize_title(title)
    if not title:
        raise _Bad("empty file")
    full = title + ("\n\n" + body if body else "")
    published = normalize_date(meta.get("published") or meta.get("date"))
    doc_text = normalize_document_text(full, title)
    yield Document(id=path.stem, text=doc_text, title=title, published=published,
                   url=meta.get("url"), source=src)


# ---------------------------------------------------------------------------------------------
# HTML


class _TagStripper(HTMLParser):
    """Fallback HTML → text: drops scripts and styles, breaks paragraphs at block elements."""

    _SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "form"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
              "article", "header", "blockquote", "pre", "table", "ul", "ol", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        if tag == "h1":
            self._in_h1 = True
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        if tag == "h1":
            self._in_h1 = False
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._skip:
            return
        if self._in_h1:
            self.h1_parts.append(data)
        self.parts.append(data)


def _html_meta_date(html: str) -> str | None:
    for pat in (r'<meta[^>]+(?:property|name|itemprop)=["\'](?:article:published_time|date|'
                r'pubdate|publishdate|datePublished|dc\.date)["\'][^>]*content=["\']([^"\']+)',
                r'<time[^>]+datetime=["\']([^"\']+)'):
        m = re.search(pat, html, re.IGNORECASE)
        if m:
            d = normalize_date(html_lib.unescape(m[1]))
            if d:
                return d
    return None


def _strip_tags(html: str) -> tuple[str | None, str]:
    parser = _TagStripper()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; be safe anyway
        pass
    title = " ".join("".join(parser.h1_parts).split()) or " ".join("".join(parser.title_parts).split())
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t\n]*\n[ \t\n]*", "\n\n", text)
    return title or None, text


def _trafilatura(html: str) -> tuple[str | None, str | None, str | None, str]:
    """(title, date, url, text) from trafilatura, or Nones and "" when it cannot help."""
    try:
        import trafilatura
    except Exception as exc:  # missing, or broken install (lxml.html.clean split off lxml)
        log.warning("trafilatura unavailable (%s); stripping HTML tags instead", exc)
        return None, None, None, ""
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=False)
        if result is not None and not isinstance(result, dict):
            result = result.as_dict()  # trafilatura >= 2 returns a Document object
    except Exception as exc:
        log.warning("trafilatura failed (%s); stripping HTML tags instead", exc)
        return None, None, None, ""
    if not result:
        return None, None, None, ""
    title = result.get("title") if isinstance(result.get("title"), str) else None
    date_ = result.get("date") if isinstance(result.get("date"), str) else None
    url = result.get("url") if isinstance(result.get("url"), str) else None
    text = result.get("text") if isinstance(result.get("text"), str) else ""
    return title, date_, url, text or ""


def _read_html(src: str, path: Path, data: bytes) -> Iterator[Document | IngestError]:
    html = _decode(data, allow_cp1252=True)
    title, date_str, url, text = _trafilatura(html)
    if not text.strip():
        fb_title, text = _strip_tags(html)
        title = title or fb_title
    title = normalize_title(title)
    body = normalize_text(text)
    if not body:
        raise _Bad("HTML file has no text")
    # trafilatura gives one paragraph per line; make paragraphs explicit
    body = re.sub(r"\n+", "\n\n", body)
    if title:
        full = body if body.startswith(title) else title + "\n\n" + body
    else:
        full = body
    published = normalize_date(date_str) if date_str else _html_meta_date(html)
    yield Document(id=path.stem, text=normalize_document_text(full, title), title=title,
                   published=published, url=url, source=src)
