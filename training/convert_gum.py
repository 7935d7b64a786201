"""Convert the GUM CoNLL-U documents (CC BY subset) to spaCy DocBin files.

Usage (from the repository root)::

    python training/convert_gum.py [--gum-dir ../shared/corpora/gum-ccby] [--out training/corpus]

Writes ``train.spacy``, ``dev.spacy`` and ``test.spacy`` into the output
folder (git-ignored; the corpus itself is never copied into the project).
Documents listed in ``split-dev.txt`` / ``split-test.txt`` go to dev / test,
everything else to train.

Annotation mapping
------------------
* Tokens: the syntactic word lines of the CoNLL-U (``1``, ``2``, ...).  For a
  multiword token (``7-8  Bernoulli's``) the words are used as tokens, glued
  together without space; the last word inherits the range line's
  ``SpaceAfter``.  Empty nodes (``8.1``) are ignored (they only exist in the
  enhanced graph).
* ``tag_`` = XPOS (PTB), ``pos_`` = UPOS, ``lemma_`` = LEMMA.
* ``dep_`` = the basic UD relation *with* its subtype (``nsubj:pass``,
  ``obl:tmod``, ``nmod:poss``, ...); ``root`` for the sentence root.
* Sentence boundaries from the CoNLL-U sentences.  Several consecutive
  paragraphs (``# newpar``) are grouped into one spaCy Doc (up to
  ``--max-sents`` sentences) so that the parser learns sentence segmentation;
  paragraph breaks inside a Doc are encoded like spaCy's tokenizer would see
  them in real text: a whitespace token ``"\\n\\n"`` (tag ``_SP``, pos
  ``SPACE``, dep ``dep`` attached to the previous token) followed by a new
  sentence.
* Named entities: GUM's ``Entity=`` mention spans are decoded (nested /
  multiple per token, closing brackets matched per entity id).  Only mentions
  of proper names are kept: the mention's syntactic head must be a PROPN
  (or the majority of its tokens are PROPN).  The entity span is then reduced
  to the proper-name core around the head (PROPN/NUM tokens plus internal
  ``of``/``the``/``and``/``&``/``-``/``.`` linking PROPNs) so that relative
  clauses, determiners and possessive markers inside GUM mentions are not part
  of the label.  A span that coordinates names at its head ("Sudan and South
  Sudan") is dropped in favour of GUM's mentions of each conjunct.  Types: person→PERSON, organization→ORG, place→GPE,
  event→EVENT, object→PRODUCT; other types are dropped.  Overlaps: the
  longest (outermost) span wins.  Additionally capitalised adjectives
  (``JJ``, e.g. "English", "Pakistani") outside any entity and not in a
  title-cased heading are labelled NORP, and so are PERSON mentions that are
  a single plural proper noun or nationality word ("Americans", "Muslims",
  "Democrats", "the French"), as in OntoNotes; adjacent NORP tokens merge
  ("African American").
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GUM = REPO_ROOT / ".." / "shared" / "corpora" / "gum-ccby"

TYPE_MAP = {
    "person": "PERSON",
    "organization": "ORG",
    "place": "GPE",
    "event": "EVENT",
    "object": "PRODUCT",
}
LINKERS = {"of", "the", "and", "&", "-", ".", "de", "for", "on", "'s", "’s", "du", "la", "von", "van"}
CORE_POS = {"PROPN", "NUM"}
NATIONALITY_WORDS = {"French", "British", "English", "Dutch", "Irish", "Welsh", "Scottish", "Spanish", "Chinese", "Japanese", "Swiss"}



@dataclass
class Word:
    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    head: int
    deprel: str
    space_after: bool = True
    entity_misc: str = ""


@dataclass
class Sentence:
    words: list[Word] = field(default_factory=list)
    newpar: bool = False
    sent_id: str = ""
    text: str = ""


def _misc_dict(misc: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if misc == "_":
        return out
    for item in misc.split("|"):
        if "=" in item:
            k, v = item.split("=", 1)
            out[k] = v
    return out


def read_conllu(path: Path) -> list[Sentence]:
    """Read one CoNLL-U file into Sentence objects (word lines only)."""
    sents: list[Sentence] = []
    cur = Sentence()
    pending_par = False
    mwt_end = -1
    mwt_space = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur.words:
                sents.append(cur)
            cur = Sentence()
            mwt_end = -1
            continue
        if line.startswith("#"):
            if line.startswith("# newpar") and not line.startswith("# newpar_block"):
                pending_par = True
            elif line.startswith("# newdoc"):
                pending_par = True
            elif line.startswith("# sent_id"):
                cur.sent_id = line.split("=", 1)[1].strip()
                cur.newpar = pending_par
                pending_par = False
            elif line.startswith("# text ="):
                cur.text = line.split("=", 1)[1].strip()
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            continue
        wid = cols[0]
        if "-" in wid:
            a, b = wid.split("-")
            mwt_end = int(b)
            mwt_space = _misc_dict(cols[9]).get("SpaceAfter") != "No"
            continue
        if "." in wid:
            continue
        i = int(wid)
        misc = _misc_dict(cols[9])
        if mwt_end >= i:
            space = mwt_space if i == mwt_end else False
        else:
            space = misc.get("SpaceAfter") != "No"
        cur.words.append(
            Word(
                id=i,
                form=cols[1],
                lemma=cols[2],
                upos=cols[3],
                xpos=cols[4],
                head=int(cols[6]),
                deprel=cols[7],
                space_after=space,
                entity_misc=misc.get("Entity", ""),
            )
        )
    if cur.words:
        sents.append(cur)
    return sents


def _parse_entity_misc(s: str):
    """Yield ("open", id, type, closed_here) / ("close", id) items of a GUM Entity= value."""
    pos = 0
    n = len(s)
    while pos < n:
        if s[pos] == "(":
            j = pos + 1
            while j < n and s[j] not in "()":
                j += 1
            spec = s[pos + 1 : j]
            eid, _, rest = spec.partition("-")
            closed = j < n and s[j] == ")"
            yield ("open", eid, rest.split("-", 1)[0], closed)
            pos = j + 1 if closed else j
        elif s[pos].isdigit():
            j = pos
            while j < n and s[j].isdigit():
                j += 1
            if j < n and s[j] == ")":
                yield ("close", s[pos:j], "", True)
                pos = j + 1
            else:
                pos = j
        else:
            pos += 1


def decode_entities(sent: Sentence) -> list[tuple[int, int, str]]:
    """Return GUM mention spans as (start, end_exclusive, type), word indices 0-based."""
    spans: list[tuple[int, int, str]] = []
    open_: dict[str, list[tuple[int, str]]] = {}
    for idx, w in enumerate(sent.words):
        if not w.entity_misc:
            continue
        for kind, eid, etype, closed in _parse_entity_misc(w.entity_misc):
            if kind == "open":
                if closed:
                    spans.append((idx, idx + 1, etype))
                else:
                    open_.setdefault(eid, []).append((idx, etype))
            else:
                stack = open_.get(eid)
                if stack:
                    start, etype = stack.pop()
                    spans.append((start, idx + 1, etype))
    return spans


def _span_head(sent: Sentence, start: int, end: int) -> int:
    ids = {sent.words[i].id for i in range(start, end)}
    for i in range(start, end):
        if sent.words[i].head not in ids:
            return i
    return start


def _proper_core(sent: Sentence, start: int, end: int) -> tuple[int, int] | None:
    words = sent.words
    head = _span_head(sent, start, end)
    n_propn = sum(1 for i in range(start, end) if words[i].upos == "PROPN")
    if words[head].upos != "PROPN":
        if n_propn * 2 <= (end - start):
            return None
        # majority PROPN but head is not: anchor at the last PROPN
        head = max(i for i in range(start, end) if words[i].upos == "PROPN")
    if words[head].upos not in CORE_POS:
        return None

    def ok(i: int) -> bool:
        w = words[i]
        if w.upos in CORE_POS or w.xpos in ("NNP", "NNPS"):
            return True
        # capitalised name parts tagged ADJ/NOUN/VERB ("United States", "New Culture Movement")
        return w.upos in ("ADJ", "NOUN", "VERB") and w.form[:1].isupper() and not _is_heading(sent)

    def link(i: int) -> bool:
        return words[i].form.lower() in LINKERS and words[i].upos != "PROPN"

    lo = head
    while lo - 1 >= start:
        if ok(lo - 1):
            lo -= 1
        elif link(lo - 1) and lo - 2 >= start and ok(lo - 2) and words[lo - 1].form != "'s":
            lo -= 2
        else:
            break
    hi = head + 1
    while hi < end:
        if ok(hi):
            hi += 1
        elif link(hi):
            j = hi
            while j < end and link(j):
                j += 1
            if j < end and ok(j) and words[hi].form not in ("'s", "’s"):
                hi = j + 1
            else:
                break
        else:
            break
    # "The" as part of a proper name (e.g. The Hague) is kept only if PROPN
    return lo, hi


def _is_coordination(sent: Sentence, lo: int, hi: int) -> bool:
    """True when the span is a coordination of names: a word inside it is a
    ``conj`` of the span's head.  Coordination further down ("Food Standards
    of Australia and New Zealand", "Royal Academy of Painting and Sculpture")
    attaches to a dependent, not to the head, and is kept as one name."""
    head_id = sent.words[_span_head(sent, lo, hi)].id
    return any(
        sent.words[i].deprel.split(":")[0] == "conj" and sent.words[i].head == head_id for i in range(lo, hi)
    )


def _is_heading(sent: Sentence) -> bool:
    alpha = [w.form for w in sent.words if w.form[:1].isalpha()]
    if len(alpha) < 2:
        return False
    caps = sum(1 for f in alpha if f[:1].isupper())
    return caps / len(alpha) > 0.6


def sentence_entities(sent: Sentence) -> list[tuple[int, int, str]]:
    cands = []
    for start, end, etype in decode_entities(sent):
        label = TYPE_MAP.get(etype)
        if label is None:
            continue
        core = _proper_core(sent, start, end)
        if core is None:
            continue
        lo, hi = core
        if _is_coordination(sent, lo, hi):
            # "Sudan and South Sudan", "Henry Sweet and Paul Passy": GUM also
            # annotates each conjunct as its own mention, and those are the names
            continue
        if label == "PERSON" and hi - lo == 1:
            w = sent.words[lo]
            # groups named by nationality / religion / party ("Americans", "Muslims",
            # "the French") are NORP, as in OntoNotes
            if (w.xpos == "NNPS" or w.upos == "ADJ" or w.form in NATIONALITY_WORDS) and not _is_heading(sent):
                label = "NORP"
        cands.append((lo, hi, label, end - start))
    # outermost (longest original mention, then longest core) first
    cands.sort(key=lambda c: (-(c[1] - c[0]), -c[3], c[0]))
    taken = [False] * len(sent.words)
    out = []
    for lo, hi, label, _ in cands:
        if any(taken[lo:hi]):
            continue
        for i in range(lo, hi):
            taken[i] = True
        out.append((lo, hi, label))
    if not _is_heading(sent):
        for i, w in enumerate(sent.words):
            if (
                not taken[i]
                and w.upos == "ADJ"
                and w.xpos == "JJ"
                and w.form[:1].isupper()
                and w.form[1:].islower()
                and i > 0
                and sent.words[i - 1].form not in {".", "``", '"', ":", "-", "–", "—"}
            ):
                out.append((i, i + 1, "NORP"))
                taken[i] = True
    out.sort()
    # adjacent NORP adjectives form one span ("African American")
    merged: list[tuple[int, int, str]] = []
    for span in out:
        if merged and span[2] == "NORP" and merged[-1][2] == "NORP" and merged[-1][1] == span[0]:
            merged[-1] = (merged[-1][0], span[1], "NORP")
        else:
            merged.append(span)
    return merged


def sentences_to_doc(vocab, sents: list[Sentence], with_ents: bool = True) -> Doc:
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    sent_starts: list[bool] = []
    ents: list[tuple[int, int, str]] = []
    for k, sent in enumerate(sents):
        if k > 0 and sent.newpar:
            # paragraph break as the tokenizer would produce it
            spaces[-1] = False
            words.append("\n\n")
            spaces.append(False)
            tags.append("_SP")
            pos.append("SPACE")
            lemmas.append("\n\n")
            heads.append(len(words) - 2)
            deps.append("dep")
            sent_starts.append(False)
        offset = len(words)
        for j, w in enumerate(sent.words):
            words.append(w.form)
            spaces.append(w.space_after)
            tags.append(w.xpos)
            pos.append(w.upos)
            lemmas.append(w.lemma)
            heads.append(offset + w.head - 1 if w.head > 0 else offset + j)
            deps.append("ROOT" if w.deprel == "root" else w.deprel)
            sent_starts.append(j == 0)
        if with_ents:
            for lo, hi, label in sentence_entities(sent):
                ents.append((offset + lo, offset + hi, label))
    if spaces:
        spaces[-1] = False
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=sent_starts,
    )
    doc.ents = [Span(doc, s, e, label=l) for s, e, l in ents]
    return doc


def group_sentences(sents: list[Sentence], max_sents: int) -> list[list[Sentence]]:
    """Group consecutive paragraphs into chunks of at most ``max_sents`` sentences."""
    paras: list[list[Sentence]] = []
    for s in sents:
        if s.newpar or not paras:
            paras.append([s])
        else:
            paras[-1].append(s)
    chunks: list[list[Sentence]] = []
    cur: list[Sentence] = []
    for p in paras:
        if cur and len(cur) + len(p) > max_sents:
            chunks.append(cur)
            cur = []
        cur.extend(p)
    if cur:
        chunks.append(cur)
    return chunks


def read_split(gum_dir: Path, name: str) -> list[str]:
    f = gum_dir / name
    if not f.exists():
        return []
    return [ln.strip() for ln in f.read_text().splitlines() if ln.strip()]


def split_files(gum_dir: Path) -> dict[str, list[Path]]:
    dev = set(read_split(gum_dir, "split-dev.txt"))
    test = set(read_split(gum_dir, "split-test.txt"))
    out: dict[str, list[Path]] = {"train": [], "dev": [], "test": []}
    for f in sorted(gum_dir.glob("GUM_*.conllu")):
        name = f.stem
        if name in dev:
            out["dev"].append(f)
        elif name in test:
            out["test"].append(f)
        else:
            out["train"].append(f)
    return out


def convert(gum_dir: Path, out_dir: Path, max_sents: int = 12) -> dict[str, dict[str, int]]:
    vocab = spacy.blank("en").vocab
    out_dir.mkdir(parents=True, exist_ok=True)
    stats: dict[str, dict[str, int]] = {}
    for split, files in split_files(gum_dir).items():
        db = DocBin(store_user_data=False)
        n_docs = n_tok = n_ents = 0
        for f in files:
            sents = read_conllu(f)
            for chunk in group_sentences(sents, max_sents):
                doc = sentences_to_doc(vocab, chunk)
                db.add(doc)
                n_docs += 1
                n_tok += len(doc)
                n_ents += len(doc.ents)
        db.to_disk(out_dir / f"{split}.spacy")
        stats[split] = {"files": len(files), "docs": n_docs, "tokens": n_tok, "ents": n_ents}
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gum-dir", type=Path, default=DEFAULT_GUM)
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "training" / "corpus")
    ap.add_argument("--max-sents", type=int, default=12)
    args = ap.parse_args(argv)
    if not args.gum_dir.is_dir():
        print(f"GUM folder not found: {args.gum_dir}", file=sys.stderr)
        return 1
    stats = convert(args.gum_dir, args.out, args.max_sents)
    for split, st in stats.items():
        print(f"{split}: {st}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
