"""Tests for sitrep.ingest.readers: every input form, and bad input as errors, never exceptions."""
import json
from pathlib import Path

import pytest

from sitrep.ingest import IngestError, read_inputs
from sitrep.ingest.readers import normalize_date
from sitrep.model import Document

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

BODY = ("Ankara confirmed on Tuesday that it will deliver six Bayraktar TB2 drones to Kenya. "
        "The Kenyan defence ministry welcomed the decision.")


def split(items):
    docs = [x for x in items if isinstance(x, Document)]
    errors = [x for x in items if isinstance(x, IngestError)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


def test_ingest_error_str():
    assert str(IngestError("a/b.jsonl", 3, "invalid JSON")) == "a/b.jsonl:3: invalid JSON"
    assert str(IngestError("a/b.txt", None, "empty file")) == "a/b.txt: empty file"


def test_jsonl_good_bad_and_missing_text(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "Drones for Kenya", "published": "2025-03-04", "url": "https://x.test/a",
                    "text": "Drones for Kenya\n\n" + BODY}),
        '{"id": "a2", "title": "broken", "text": "unterminated',
        "",
        json.dumps({"id": "a3", "title": "No text here"}),
        json.dumps({"title": "Body field", "body": BODY, "date": "2025-07"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 7, "content": BODY + " Again.", "published": "March 5, 2025"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = split(list(read_inputs([path])))
    assert [d.id for d in docs][0] == "a1"
    assert len(docs) == 3
    a1, body, seven = docs
    assert a1.published == "2025-03-04" and a1.url == "https://x.test/a" and a1.title == "Drones for Kenya"
    assert a1.source == f"{path}:1"
    assert a1.text.startswith("Drones for Kenya\n\nAnkara confirmed")
    assert body.id.startswith("doc-") and len(body.id) == 4 + 16 and body.published == "2025-07"
    assert body.source == f"{path}:5"
    assert seven.id == "7" and seven.published == "2025-03-05"
    msgs = {e.line: e.message for e in errors}
    assert set(msgs) == {2, 4, 6}
    assert msgs[2].startswith("invalid JSON")
    assert msgs[4] == "record has no text"
    assert "not a JSON object" in msgs[6]
    assert all(str(e).startswith(f"{path}:{e.line}: ") for e in errors)


def test_missing_id_is_stable_content_hash(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": "  " + BODY + "\n"}) + "\n")
    docs, errors = split(list(read_inputs([path])))
    assert not errors and docs[0].id == docs[1].id and docs[0].hash == docs[1].hash


def test_bad_files_are_errors_and_good_files_still_come_out(tmp_path):
    (tmp_path / "good.txt").write_text("Kenya receives drones\n\n" + BODY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_text("\n  \n")
    (tmp_path / "garbage.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "garbage.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(128, 256)) * 8)
    (tmp_path / "noisy.jsonl").write_bytes(bytes(range(128, 256)) + b"\n" + bytes(range(160, 255)) + b"\n")
    (tmp_path / "notes.xyz").write_text("whatever")
    items = list(read_inputs([tmp_path, tmp_path / "missing.jsonl"]))
    docs, errors = split(items)
    assert [d.id for d in docs] == ["good"]
    by_file = {Path(e.source).name: e.message for e in errors}
    assert by_file["empty.txt"] == "empty file"
    assert by_file["blank.jsonl"] == "empty file"
    assert by_file["garbage.txt"].startswith("binary file, not text")
    assert by_file["garbage.jsonl"].startswith("binary file, not text")
    assert by_file["noisy.jsonl"].startswith("binary file, not text")
    assert by_file["notes.xyz"] == "unsupported file type .xyz (expected .jsonl, .json, .txt, .html)"
    assert by_file["missing.jsonl"] == "no such file or directory"


def test_jsonl_invalid_utf8_line_does_not_stop_the_rest(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": BODY}).encode()
    path.write_bytes(good + b"\n" + b'{"id": "bad", "text": "caf\xe9"}\n' + good.replace(b'"ok"', b'"ok2"') + b"\n")
    docs, errors = split(list(read_inputs([path])))
    assert [d.id for d in docs] == ["ok", "ok2"]
    assert [(e.line, e.message) for e in errors] == [(2, "line is not valid UTF-8")]


def test_txt_title_header_and_encodings(tmp_path):
    path = tmp_path / "kenya-drones.txt"
    path.write_text("\n\nKenya receives Turkish drones\nPublished: 4 March 2025\nURL: https://news.test/k\n\n"
                    + BODY + "\r\n\r\nSecond paragraph.\n", encoding="utf-8")
    (doc,) = list(read_inputs([path]))
    assert doc.id == "kenya-drones"
    assert doc.title == "Kenya receives Turkish drones"
    assert doc.published == "2025-03-04"
    assert doc.url == "https://news.test/k"
    assert doc.text == "Kenya receives Turkish drones\n\n" + BODY + "\n\nSecond paragraph."
    assert doc.source == str(path)

    cp = tmp_path / "legacy.txt"
    cp.write_bytes("Date: 2025-02\nCaf\u00e9 talks in Doha\n\nQatar\u2019s envoy met both sides.".encode("cp1252"))
    (doc,) = list(read_inputs([cp]))
    assert doc.title == "Caf\u00e9 talks in Doha" and doc.published == "2025-02"
    assert doc.text == "Caf\u00e9 talks in Doha\n\nQatar's envoy met both sides."

    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfHeadline only")
    (doc,) = list(read_inputs([bom]))
    assert doc.title == "Headline only" and doc.text == "Headline only" and doc.published is None


def test_json_list_and_single_record(tmp_path):
    lst = tmp_path / "list.json"
    lst.write_text(json.dumps([{"id": "x1", "text": BODY}, {"id": "x2"}, {"id": "x3", "text": BODY + " More."}],
                              indent=2))
    docs, errors = split(list(read_inputs([lst])))
    assert [d.id for d in docs] == ["x1", "x3"]
    assert len(errors) == 1 and errors[0].message == "record has no text" and errors[0].line is not None
    assert docs[0].source.startswith(f"{lst}:")
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "solo", "text": BODY}))
    (doc,) = list(read_inputs([one]))
    assert doc.id == "solo" and doc.source == str(one)
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "a",\n "text": }]')
    (err,) = list(read_inputs([bad]))
    assert isinstance(err, IngestError) and err.line == 2 and "invalid JSON" in err.message


HTML = """<!DOCTYPE html>
<html><head><title>Manila protests to Beijing | Example News</title>
<meta property="article:published_time" content="2025-06-12T08:30:00+08:00">
<script>var tracking = "should not appear";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Manila protests to Beijing over water cannon incident</h1>
<p>The Philippines lodged a diplomatic protest with China on Thursday after a coast guard vessel was hit
by water cannon near Second Thomas Shoal, the Department of Foreign Affairs said.</p>
<p>&ldquo;These actions are dangerous and unacceptable,&rdquo; the department said in a statement.
Beijing rejected the accusation, saying its ships had acted lawfully to expel an intruding vessel.</p>
<p>The United States said it stood with its treaty ally and called on China to respect the 2016 arbitral ruling.</p>
</article><footer>Copyright 2025</footer></body></html>"""


def test_html_via_trafilatura(tmp_path):
    path = tmp_path / "manila.html"
    path.write_text(HTML, encoding="utf-8")
    (doc,) = list(read_inputs([path]))
    assert isinstance(doc, Document), str(doc)
    assert doc.id == "manila"
    assert "Manila protests to Beijing" in doc.title
    assert doc.text.startswith(doc.title + "\n\n")
    assert "water cannon near Second Thomas Shoal" in doc.text
    assert "\u201cThese actions are dangerous" in doc.text
    assert "tracking" not in doc.text
    assert doc.published == "2025-06-12"


def test_html_fallback_without_trafilatura(tmp_path, monkeypatch):
    import sitrep.ingest.readers as readers

    monkeypatch.setattr(readers, "_trafilatura", lambda html: (None, None, None, ""))
    path = tmp_path / "manila.htm"
    path.write_text(HTML, encoding="utf-8")
    (doc,) = list(read_inputs([path]))
    assert doc.title == "Manila protests to Beijing over water cannon incident"
    assert doc.text.startswith(doc.title + "\n\nThe Philippines lodged")
    assert "tracking" not in doc.text and "Home" not in doc.text
    assert doc.published == "2025-06-12"


def test_directories_recursive_sorted_skip_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two\n\n" + BODY)
    (tmp_path / "a" / "deep" / "one.txt").write_text("One\n\n" + BODY)
    (tmp_path / "zero.txt").write_text("Zero\n\n" + BODY)
    (tmp_path / ".hidden.txt").write_text("Hidden\n\n" + BODY)
    (tmp_path / ".git" / "x.txt").write_text("Git\n\n" + BODY)
    docs, errors = split(list(read_inputs([str(tmp_path)])))
    assert not errors
    assert [d.id for d in docs] == ["one", "two", "zero"]


@pytest.mark.parametrize("value, expected", [
    ("2025-11-18", "2025-11-18"), ("2025-07", "2025-07"), ("2025-06-12T08:30:00+08:00", "2025-06-12"),
    ("Tue, 18 Nov 2025 10:00:00 GMT", "2025-11-18"), ("18 November 2025", "2025-11-18"),
    ("July 2025", "2025-07"), ("2025-13-40", None), ("2025", None), ("nonsense", None), (None, None), (42, None),
])
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


@pytest.mark.skipif(not (SHARED / "seeds" / "seeds.jsonl").exists(), reason="../shared not available")
def test_seeds_jsonl():
    docs, errors = split(list(read_inputs([SHARED / "seeds" / "seeds.jsonl"])))
    assert not errors
    assert len(docs) == 3
    assert all(d.published for d in docs)
    assert [d.published for d in docs] == ["2025-07", "2025-11-18", "2025-05"]
    for d in docs:
        assert d.text.startswith(d.title + "\n\n")
        assert "\u2019s" not in d.text  # apostrophes straightened
