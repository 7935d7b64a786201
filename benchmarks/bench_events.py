"""Benchmark sitrep's event coding: the seeds' F1, PLOVER gold records and PETRARCH-2 validation.

    python benchmarks/bench_events.py [--only seeds|plover|petrarch] [--limit N] [--errors N] [--json OUT]

Why three figures. The seeds (``../shared/eval``) measure what the project is judged on (events
with type, source and target countries, scored by ``score.py``), but they are three articles; the
two reference sets measure the same mechanisms on hundreds of sentences nobody tuned on:

* PLOVER gold records from the CAMEO manual (``corpora/events/plover_gsr_cameo``): 322 sentences
  coded in PLOVER with source and target actors. Old type names are mapped to the current ones
  (DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).
* PETRARCH-2 validation sentences (``corpora/events/petrarch2_gsr_validation``): 78 sentences with
  CAMEO event codes and Phoenix actor codes; compared at the CAMEO root (first two digits) and
  the actor's country (first three letters of its code). Twelve sentences expect no event.

Per set it prints: sentences, coverage (sentences with at least one event), type accuracy (share
of gold records for which some event of the sentence has the gold type), and source / target
accuracy (among type-matched records whose gold actor has a country code, the share where a
type-matched event has that country on that side; sentences marked reciprocal accept both
directions), and the share of system events whose type is the sentence's gold type (a lower bound
on precision: a sentence may hold real events its single gold record does not code). Each
sentence is processed as its own document. Reads ../shared, copies nothing.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
SHARED = Path(os.environ.get("SITREP_SHARED", REPO_ROOT.parent / "shared"))
EVENTS = SHARED / "corpora" / "events"

OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NON_COUNTRY = {"IGO", "NGO", "---", "MNC", "IMG", "UIS", "REB", "JAP"}  # JAP: Phoenix's old code, not ISO


def _country(code: str | None) -> str | None:
    """ISO3 country of a gold actor code ("IRQMUS" -> IRQ), None for IGOs and sector-only codes."""
    if not code or len(code) < 3:
        return None
    head = code[:3].upper()
    if head in NON_COUNTRY or not head.isalpha():
        return None
    return head


def _codes(actors) -> list[str]:
    if not actors or isinstance(actors, str):
        return []
    return [c for c in (_country(a.get("code")) for a in actors) if c]


def load_plover(limit: int | None) -> list[dict]:
    data = json.loads((EVENTS / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    out = []
    for rec in data:
        if rec.get("event") in (None, "DOCUMENT") or not rec.get("text"):
            continue
        info = rec.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        src, tgt = _codes(rec.get("source")), _codes(rec.get("target"))
        out.append({
            "id": rec["id"], "text": rec["text"],
            "gold": [{"type": OLD_PLOVER.get(rec["event"], rec["event"]), "source": src, "target": tgt,
                      "symmetric": "SRC/TAR" in markup or not rec.get("target")}],
        })
    return out[:limit] if limit else out


def load_petrarch(limit: int | None) -> list[dict]:
    out = []
    path = EVENTS / "petrarch2_gsr_validation" / "PETR2_GSR_validation.DERIVED.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        gold = []
        for e in rec.get("expected_events") or []:
            code = str(e.get("eventcode") or "")
            src, tgt = _country(e.get("source")), _country(e.get("target"))
            gold.append({"root": code[:2], "source": [src] if src else [], "target": [tgt] if tgt else [],
                         "symmetric": False})
        out.append({"id": rec["id"], "text": rec["text"], "gold": gold, "no_events": bool(rec.get("expect_no_events"))})
    return out[:limit] if limit else out


def run_pipeline(items: list[dict]) -> dict[str, list[dict]]:
    from sitrep.model import Document, to_dict
    from sitrep.pipeline import Pipeline

    pipe = Pipeline()
    out: dict[str, list[dict]] = {}
    docs = [Document(id=it["id"], text=it["text"]) for it in items]
    for ext in pipe.pipe(docs, on_error=lambda d, exc: print(f"error in {d.id}: {exc}", file=sys.stderr)):
        out[ext.id] = [to_dict(e) for e in ext.events]
    return out


def _c(actor: dict | None) -> str | None:
    return (actor or {}).get("country")


def evaluate(items: list[dict], system: dict[str, list[dict]], key: str, errors: int = 0) -> dict:
    """Type, source and target accuracy of ``system`` events against the items' gold records."""
    n_gold = typed = src_n = src_ok = tgt_n = tgt_ok = covered = 0
    n_sys = sys_typed = 0
    no_event_n = no_event_quiet = 0
    shown = 0
    for it in items:
        events = system.get(it["id"], [])
        covered += bool(events)
        if it.get("no_events"):
            no_event_n += 1
            no_event_quiet += not events
            continue
        for e in events:  # lower bound on precision: other real events of the sentence count as wrong
            n_sys += 1
            sys_typed += any((e["type"] == g["type"]) if key == "type" else (str(e.get("cameo")) == g["root"])
                             for g in it["gold"])
        for g in it["gold"]:
            n_gold += 1
            if key == "type":
                hits = [e for e in events if e["type"] == g["type"]]
            else:
                hits = [e for e in events if str(e.get("cameo")) == g["root"]]
            typed += bool(hits)
            if not hits and shown < errors:
                shown += 1
                got = ", ".join(f"{e['type']}/{e.get('cameo')} {_c(e['source'])}->{_c(e['target'])}" for e in events) or "-"
                want = g.get("type") or g.get("root")
                print(f"  [{it['id']}] want {want} {g['source']}->{g['target']}; got {got}\n      {it['text'][:160]}")
            if not hits:
                continue
            sides = [("source", "target")] + ([("target", "source")] if g["symmetric"] else [])
            if g["source"]:
                src_n += 1
                src_ok += any(_c(e[a]) in g["source"] for e in hits for a, _ in sides)
            if g["target"]:
                tgt_n += 1
                tgt_ok += any(_c(e[b]) in g["target"] for e in hits for _, b in sides)

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    row = {"sentences": len(items), "coverage": ratio(covered, len(items)), "gold_records": n_gold,
           "type_accuracy": ratio(typed, n_gold), "source_accuracy": ratio(src_ok, src_n), "source_n": src_n,
           "target_accuracy": ratio(tgt_ok, tgt_n), "target_n": tgt_n,
           "system_events": n_sys, "system_events_of_gold_type": ratio(sys_typed, n_sys)}
    if no_event_n:
        row["no_event_sentences_left_empty"] = ratio(no_event_quiet, no_event_n)
    return row


def bench_seeds() -> dict:
    """The project's own measure: sitrep extract on the seeds, scored by ../shared/eval/score.py."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "events.jsonl"
        sitrep = Path(sys.executable).parent / "sitrep"
        cmd = [str(sitrep), "extract", str(SHARED / "seeds" / "seeds.jsonl"), "--output", str(out), "--no-progress"]
        subprocess.run(cmd, check=True, capture_output=True)
        res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "eval" / "seeds.gold.jsonl"),
                              str(out), "--kind", "events", "--json"], check=True, capture_output=True, text=True)
    return json.loads(res.stdout)["events"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["seeds", "plover", "petrarch"], action="append")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences of each reference set")
    ap.add_argument("--errors", type=int, default=0, help="print up to N missed gold records per set")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args()
    if not (SHARED / "corpora" / "events").exists():
        sys.exit(f"reference corpora not found under {SHARED}")
    which = a.only or ["seeds", "plover", "petrarch"]
    results: dict[str, dict] = {}
    if "seeds" in which:
        r = results["seeds"] = bench_seeds()
        print(f"seeds      events P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  "
              f"(system {r['system']}, gold {r['gold_required']})")
    for name, loader, key in (("plover", load_plover, "type"), ("petrarch", load_petrarch, "root")):
        if name not in which:
            continue
        items = loader(a.limit)
        t0 = time.time()
        system = run_pipeline(items)
        r = results[name] = evaluate(items, system, key, a.errors)
        r["seconds"] = round(time.time() - t0, 1)
        label = "type" if key == "type" else "CAMEO root"
        quiet = r.get("no_event_sentences_left_empty")
        extra = f"  no-event sentences left empty {quiet}" if quiet is not None else ""
        print(f"{name:10s} {r['sentences']} sentences, coverage {r['coverage']}, {label} accuracy {r['type_accuracy']} "
              f"of {r['gold_records']}, source {r['source_accuracy']} (n={r['source_n']}), "
              f"target {r['target_accuracy']} (n={r['target_n']}); {r['system_events']} events, "
              f"{r['system_events_of_gold_type']} of them of the gold {label}{extra}  [{r['seconds']}s]")
    if a.json:
        a.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
