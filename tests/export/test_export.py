"""Tests for sitrep.export: JSON Lines round trip and formula-safe CSV."""
import csv
import io
import json

from sitrep.export import (
    CLAIM_COLUMNS, EVENT_COLUMNS, TRANSFER_COLUMNS, extraction_to_json, flatten, read_jsonl, safe_cell,
    write_csv, write_jsonl,
)
from sitrep.model import Actor, Claim, Event, EventDate, Evidence, Extraction, Sentence, Transfer, to_dict


def sample(doc_id="d1"):
    ev = Evidence(doc_id, 0, 0, 5, "India said Türkiye sent drones.")
    india = Actor("India", "IND", "GOV", kind="country", id=f"{doc_id}:a1", mentions=[ev])
    turkey = Actor("Türkiye", "TUR", "GOV", kind="country", id=f"{doc_id}:a2")
    return Extraction(
        id=doc_id, title="Drones", published="2025-07", url=None,
        events=[Event("ACCUSE", india.brief(), turkey.brief(), date=EventDate("2025-07", "month", "publication"),
                      id=f"{doc_id}:e1", evidence=[ev])],
        claims=[Claim(india.brief(), "assert", "Türkiye sent drones", cue="say", hedges=["reportedly"],
                      id=f"{doc_id}:c1", evidence=[ev])],
        transfers=[Transfer(turkey.brief(), Actor("Pakistan", "PAK", "GOV", kind="country"), "Bayraktar TB2",
                            status="alleged", id=f"{doc_id}:t1", evidence=[ev])],
        actors=[india, turkey],
        sentences=[Sentence(0, 0, 31, "India said Türkiye sent drones.")],
        warnings=["w"],
    )


def test_extraction_to_json_drops_sentences_only():
    data = extraction_to_json(sample())
    assert "sentences" not in data
    assert list(data) == ["id", "title", "published", "url", "events", "claims", "transfers", "actors",
                          "places", "attitudes", "warnings"]
    assert data["events"][0]["source"]["country"] == "IND"
    assert extraction_to_json(to_dict(sample())) == data


def test_jsonl_round_trip():
    exts = [sample("d1"), sample("d2")]
    buf = io.StringIO()
    assert write_jsonl(exts, buf) == 2
    text = buf.getvalue()
    assert text.count("\n") == 2 and "Türkiye" in text  # UTF-8 kept, not \\u escapes
    assert json.loads(text.splitlines()[1])["id"] == "d2"
    back = list(read_jsonl(io.StringIO(text)))
    for original, loaded in zip(exts, back):
        expected = to_dict(original)
        expected["sentences"] = []
        assert to_dict(loaded) == expected


def test_safe_cell():
    for dangerous in ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://evil")'):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("Rafale") == "Rafale"
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5
    assert safe_cell(None) == "" and safe_cell(True) == "true"


def test_flatten_actor_and_date():
    row = flatten(to_dict(sample().events[0]))
    assert row["source_name"] == "India" and row["source_country"] == "IND"
    assert row["target_country"] == "TUR" and row["date_value"] == "2025-07"
    assert row["evidence"] == "India said Türkiye sent drones." and row["evidence_count"] == 1
    assert "source_mentions" not in row


def test_write_csv_injection_and_columns():
    rows = [
        {"id": "x1", "system": "=cmd|' /C calc'!A0", "quantity": 12, "supplier": {"name": "@evil", "country": "FRA"},
         "status": "ordered"},
        {"id": "x2", "system": "-10 drones", "quantity": None, "supplier": None, "status": "+alleged"},
    ]
    buf = io.StringIO(newline="")
    assert write_csv(rows, buf, ["id", "system", "quantity", "supplier_name", "supplier_country", "status"]) == 2
    parsed = list(csv.reader(io.StringIO(buf.getvalue())))
    assert parsed[0] == ["id", "system", "quantity", "supplier_name", "supplier_country", "status"]
    assert parsed[1] == ["x1", "'=cmd|' /C calc'!A0", "12", "'@evil", "FRA", "ordered"]
    assert parsed[2] == ["x2", "'-10 drones", "", "", "", "'+alleged"]
    for row in parsed[1:]:
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row)


def test_write_csv_record_presets():
    ext = sample()
    for records, columns in ((ext.events, EVENT_COLUMNS), (ext.claims, CLAIM_COLUMNS),
                             (ext.transfers, TRANSFER_COLUMNS)):
        rows = [dict(to_dict(r), doc_id=ext.id) for r in records]
        buf = io.StringIO()
        write_csv(rows, buf, columns)
        parsed = list(csv.DictReader(io.StringIO(buf.getvalue())))
        assert len(parsed) == 1 and parsed[0]["doc_id"] == "d1"
    buf = io.StringIO()
    write_csv([dict(to_dict(ext.claims[0]), doc_id="d1")], buf)  # columns derived
    header = next(csv.reader(io.StringIO(buf.getvalue())))
    assert "speaker_name" in header and "hedges" in header
