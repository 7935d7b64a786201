"""Benchmark sitrep's spaCy pipeline on the held-out GUM documents.

    python benchmarks/bench_parser.py [--model PATH_OR_NAME] [--no-speed] [--json OUT.json]
                                      [--without COMPONENT ...] [--re3d]

Held-out documents = those listed in split-dev.txt and split-test.txt that
exist in ../shared/corpora/gum-ccby (override the shared folder with
$SITREP_SHARED).  Prints per split (dev, test, all):

* UPOS, XPOS, lemma accuracy, UAS, LAS (universal relation), LAS-full (with
  subtypes): gold CoNLL-U vs ``sitrep.nlp.reannotate_conllu`` output (gold
  tokens and sentences, punctuation included), see benchmarks/conllu_eval.py;
* entity P/R/F1 overall and per label against the converted gold entities
  (training/convert_gum.py), the model running on gold tokens of each
  document chunk (sentence split predicted);
* words per second on raw text with one thread, plus a baseline measured in
  the same run (spaCy's blank English tokenizer) and the ratio;
* with ``--re3d``, entity P/R/F1 on the re3d defence-domain documents too;
  with ``--without sitrep_entity_rules`` (or another component), the same
  scores with that component switched off, to see what it adds.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "training"))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example  # noqa: E402

import conllu_eval  # noqa: E402
import convert_gum  # noqa: E402
from sitrep.nlp.conllu import reannotate_conllu  # noqa: E402
from sitrep.nlp.model import load_model  # noqa: E402

try:  # keep torch (if some other package pulled it in) on one thread too
    import torch  # type: ignore

    torch.set_num_threads(1)
except Exception:  # pragma: no cover
    pass


def shared_dir() -> Path:
    env = os.environ.get("SITREP_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared"


def gum_dir() -> Path:
    return shared_dir() / "corpora" / "gum-ccby"


def heldout_files() -> dict[str, list[Path]]:
    splits = convert_gum.split_files(gum_dir())
    return {"dev": splits["dev"], "test": splits["test"]}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f}


def entity_counts(nlp, files: list[Path]) -> dict[str, list[int]]:
    """{label: [tp, n_pred, n_gold]} with exact span match."""
    golds = []
    for f in files:
        for chunk in convert_gum.group_sentences(convert_gum.read_conllu(f), 12):
            golds.append(convert_gum.sentences_to_doc(nlp.vocab, chunk))
    preds = nlp.pipe(
        (Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g]) for g in golds),
        batch_size=32,
    )
    counts: dict[str, list[int]] = {}
    for gold, pred in zip(golds, preds):
        gs = {(e.start, e.end, e.label_) for e in gold.ents}
        ps = {(e.start, e.end, e.label_) for e in pred.ents}
        for s in gs:
            counts.setdefault(s[2], [0, 0, 0])[2] += 1
        for s in ps:
            c = counts.setdefault(s[2], [0, 0, 0])
            c[1] += 1
            if s in gs:
                c[0] += 1
    return counts


def ent_scores(counts: dict[str, list[int]]) -> dict:
    tp = sum(c[0] for c in counts.values())
    npred = sum(c[1] for c in counts.values())
    ngold = sum(c[2] for c in counts.values())
    out = _prf(tp, npred, ngold)
    out["per_type"] = {k: {**_prf(*v), "gold": v[2], "pred": v[1]} for k, v in sorted(counts.items())}
    return out


def evaluate_model(model: str | None = None, speed: bool = False, without: tuple[str, ...] = ()) -> dict:
    """Scores on the held-out GUM documents; ``without`` names components to switch off
    (e.g. ``sitrep_entity_rules``) to measure what they add."""
    nlp = load_model(model)
    missing = [name for name in without if name not in nlp.pipe_names]
    if missing:
        raise SystemExit(f"no such component(s) in the pipeline: {', '.join(missing)} (have: {', '.join(nlp.pipe_names)})")
    with nlp.select_pipes(disable=list(without)):
        return _evaluate(nlp, speed)


def _evaluate(nlp, speed: bool) -> dict:
    results: dict = {}
    total = conllu_eval.Counts()
    all_ents: dict[str, list[int]] = {}
    for split, files in heldout_files().items():
        counts = conllu_eval.Counts()
        for f in files:
            gold = f.read_text(encoding="utf-8")
            system = reannotate_conllu(gold, nlp)
            counts.add(conllu_eval.evaluate(gold, system))
        total.add(counts)
        ec = entity_counts(nlp, files)
        for k, v in ec.items():
            a = all_ents.setdefault(k, [0, 0, 0])
            for i in range(3):
                a[i] += v[i]
        results[split] = counts.scores() | {"docs": len(files), "ents": ent_scores(ec)}
    results["all"] = total.scores() | {
        "docs": sum(r["docs"] for r in results.values()),
        "ents": ent_scores(all_ents),
    }
    if speed:
        results["speed"] = measure_speed(nlp)
    return results


RE3D_LABELS = {"Person": "PERSON", "Organisation": "ORG", "Location": "GPE", "Nationality": "NORP"}


def re3d_entity_scores(nlp) -> dict:
    """Entity P/R/F1 on re3d (defence and security documents: the domain sitrep reads).

    re3d's Person, Organisation, Location and Nationality spans are compared with the
    model's PERSON, ORG, GPE and NORP by exact character offsets.  re3d marks more than
    names (pronouns, "the minister", a state acting as an organisation), so recall is
    bounded well below 1: the figure is for comparing models, not an absolute score.
    """
    re3d = shared_dir() / "corpora" / "re3d"
    texts: dict[str, str] = {}
    gold: dict[str, set] = {}
    for folder in sorted(p for p in re3d.iterdir() if p.is_dir()):
        for name, target in (("documents.json", "doc"), ("entities.json", "ent")):
            with open(folder / name, encoding="utf-8-sig") as f:
                for line in f:
                    if not line.strip():
                        continue
                    item = json.loads(line)
                    if target == "doc":
                        texts[item["_id"]] = item["text"]
                    elif item["type"] in RE3D_LABELS:
                        gold.setdefault(item["documentId"], set()).add(
                            (item["begin"], item["end"], RE3D_LABELS[item["type"]])
                        )
    counts: dict[str, list[int]] = {label: [0, 0, 0] for label in RE3D_LABELS.values()}
    ids = sorted(texts)
    for doc_id, doc in zip(ids, nlp.pipe((texts[i] for i in ids), batch_size=16)):
        g = gold.get(doc_id, set())
        for *_, label in g:
            counts[label][2] += 1
        for e in doc.ents:
            if e.label_ in counts:
                counts[e.label_][1] += 1
                counts[e.label_][0] += (e.start_char, e.end_char, e.label_) in g
    return ent_scores(counts) | {"docs": len(ids)}


def _raw_texts() -> list[str]:
    texts = []
    for files in heldout_files().values():
        for f in files:
            paras: list[list[str]] = []
            for s in convert_gum.read_conllu(f):
                if s.newpar or not paras:
                    paras.append([])
                paras[-1].append(s.text)
            texts.append("\n\n".join(" ".join(p) for p in paras))
    return texts


def measure_speed(nlp, repeats: int = 1) -> dict:
    texts = _raw_texts()
    blank = spacy.blank("en")
    # warm-up
    list(nlp.pipe(texts[:2]))
    list(blank.pipe(texts[:2]))
    t0 = time.perf_counter()
    n_words = 0
    for _ in range(repeats):
        for doc in blank.pipe(texts):
            n_words += sum(1 for t in doc if not t.is_space)
    t_blank = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_words_model = 0
    for _ in range(repeats):
        for doc in nlp.pipe(texts, batch_size=16):
            n_words_model += sum(1 for t in doc if not t.is_space)
    t_model = time.perf_counter() - t0
    wps = n_words_model / t_model
    wps_blank = n_words / t_blank
    return {
        "words": n_words_model // repeats,
        "words_per_sec": wps,
        "baseline_blank_tokenizer_words_per_sec": wps_blank,
        "ratio_to_baseline": wps / wps_blank,
        "threads": 1,
    }


def _print(results: dict) -> None:
    print("Held-out GUM (gold tokens & sentences; punctuation included)")
    print(f"{'split':6s} {'docs':>4s} {'words':>6s} {'UPOS':>6s} {'XPOS':>6s} {'Lemma':>6s} {'UAS':>6s} {'LAS':>6s} {'LASfull':>7s} {'EntP':>6s} {'EntR':>6s} {'EntF':>6s}")
    for split in ("dev", "test", "all"):
        r = results[split]
        e = r["ents"]
        print(
            f"{split:6s} {r['docs']:4d} {r['words']:6d} {100 * r['upos']:6.2f} {100 * r['xpos']:6.2f} "
            f"{100 * r['lemma']:6.2f} {100 * r['uas']:6.2f} {100 * r['las']:6.2f} {100 * r['las_full']:7.2f} "
            f"{100 * e['p']:6.2f} {100 * e['r']:6.2f} {100 * e['f']:6.2f}"
        )
    print("\nEntities per label (all held-out docs):")
    for label, v in results["all"]["ents"]["per_type"].items():
        print(f"  {label:8s} P {100 * v['p']:6.2f}  R {100 * v['r']:6.2f}  F1 {100 * v['f']:6.2f}  gold {v['gold']:4d}  pred {v['pred']:4d}")
    if "re3d" in results:
        r = results["re3d"]
        per = ", ".join(f"{label} {100 * v['f']:.1f}" for label, v in r["per_type"].items())
        print(f"\nre3d entities ({r['docs']} docs, exact offsets): P {100 * r['p']:.2f}  R {100 * r['r']:.2f}  "
              f"F1 {100 * r['f']:.2f}  ({per})")
    if "speed" in results:
        s = results["speed"]
        print(
            f"\nSpeed (1 thread, {s['words']} words of raw held-out text): {s['words_per_sec']:.0f} words/s; "
            f"baseline blank tokenizer {s['baseline_blank_tokenizer_words_per_sec']:.0f} words/s; "
            f"ratio {s['ratio_to_baseline']:.4f}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark the sitrep spaCy pipeline on held-out GUM.")
    ap.add_argument("--model", default=None, help="pipeline dir or package (default: bundled / $SITREP_SPACY_MODEL)")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    ap.add_argument(
        "--without", action="append", default=[], metavar="COMPONENT",
        help="switch a pipeline component off, e.g. --without sitrep_entity_rules (repeatable)",
    )
    ap.add_argument("--re3d", action="store_true", help="also score the entities on re3d (defence-domain news)")
    args = ap.parse_args(argv)
    if not gum_dir().is_dir():
        print(f"GUM corpus not found at {gum_dir()} (set SITREP_SHARED)", file=sys.stderr)
        return 1
    results = evaluate_model(args.model, speed=not args.no_speed, without=tuple(args.without))
    if args.re3d:
        nlp = load_model(args.model)
        with nlp.select_pipes(disable=args.without):
            results["re3d"] = re3d_entity_scores(nlp)
    _print(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
