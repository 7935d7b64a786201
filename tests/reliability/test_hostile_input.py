"""Hostile and broken input: every case ends in records or a clear per-document error, in bounded time."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest import IngestError, read_inputs
from sitrep.model import Document

ROOT = Path(__file__).resolve().parents[2]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_random_unicode_extracts_without_crashing(pipeline, text):
    ext = pipeline.process(Document(id="fuzz", text=text))
    for rec in [*ext.events, *ext.claims, *ext.transfers]:
        for ev in rec.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
def test_random_bytes_read_as_documents_or_errors(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    for name in ("a.txt", "b.jsonl", "c.html", "d.json"):
        (folder / name).write_bytes(data)
    for item in read_inputs([folder]):
        assert isinstance(item, (Document, IngestError))
        if isinstance(item, IngestError):
            assert str(item).startswith(str(folder))


def test_control_characters_and_nested_html(tmp_path, pipeline):
    html = "<html><head><title>T</title></head><body>" + "<div>" * 3000 + "Chad accused Niger of raids." + \
        "</div>" * 3000 + "</body></html>"
    (tmp_path / "deep.html").write_text(html)
    (tmp_path / "ctrl.txt").write_text("Title\x00\x01\x02\nChad\x1b[31m accused Niger\x07 of raids.\n")
    items = list(read_inputs([tmp_path]))
    assert len(items) == 2
    for item in items:
        if isinstance(item, Document):
            pipeline.process(item)


def test_enormous_document_is_reported_not_parsed(tmp_path):
    big = tmp_path / "big.jsonl"
    sentence = "word " * 1_000_000  # a 5 MB page of one sentence
    big.write_text(json.dumps({"id": "big", "text": sentence}) + "\n" +
                   json.dumps({"id": "ok", "text": "Chad accused Niger of raids."}) + "\n")
    out = tmp_path / "out.jsonl"
    res = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", str(big), "--output", str(out), "--no-progress",
                          "--workers", "1"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 1
    assert "too long" in res.stderr and "Traceback" not in res.stderr
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["ok"]


@pytest.mark.parametrize("raw", [b"\xff\xfe\x00\x00garbage", b"{\"id\": \"x\", \"text\": \"\xff\xfe bad utf8\"}\n"])
def test_invalid_utf8_jsonl_is_a_clear_error(tmp_path, raw):
    f = tmp_path / "bad.jsonl"
    f.write_bytes(raw)
    items = list(read_inputs([f]))
    assert items and all(isinstance(i, IngestError) for i in items)
