"""CoNLL-U output for spaCy Docs and re-annotation of existing CoNLL-U files.

* :func:`doc_to_conllu` writes a parsed Doc as standard 10-column CoNLL-U
  (``# sent_id`` / ``# text`` comments, HEAD 0 and DEPREL ``root`` for the
  root, whitespace tokens left out, ``SpaceAfter=No`` and optional
  ``NER=B-LABEL``/``NER=I-LABEL`` in MISC).
* :func:`parse_text_to_conllu` = ``doc_to_conllu(nlp(text))``.
* :func:`reannotate_conllu` keeps the tokens, sentence split, comments,
  multiword-token range lines and empty nodes of a CoNLL-U text exactly and
  replaces LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL with the pipeline's
  predictions (DEPS becomes ``_``; MISC keeps only the spacing attributes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

_SPACING_KEYS = ("SpaceAfter", "SpacesAfter", "SpacesBefore", "SpacesInToken")


def _predicted_columns(tok, head: int, dep: str, misc: list[str]) -> list[str]:
    """CoNLL-U columns 3-10 (LEMMA .. MISC) for a token the model annotated."""
    return [
        _clean(tok.lemma_ or tok.text),
        _clean(tok.pos_ or "X"),
        _clean(tok.tag_ or "_"),
        _clean(str(tok.morph) or "_"),
        str(head),
        _clean(dep),
        "_",
        "|".join(misc) if misc else "_",
    ]


def _clean(value: str) -> str:
    """Make a value safe for a CoNLL-U column (no tabs/newlines, no empty string)."""
    value = value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    value = value.strip() if value.strip() else value
    return value if value else "_"


def _form(value: str) -> str:
    value = value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return value if value.strip() else "_"


def _sentence_tree(tokens: list[Token]) -> tuple[list[int], list[str]]:
    """HEAD (1-based, 0 = root) and DEPREL for the non-space ``tokens`` of one sentence.

    Guarantees a single root: heads pointing outside the sentence or to a space
    token are resolved; additional roots are attached to the main root.
    """
    index = {t.i: k for k, t in enumerate(tokens)}
    heads: list[int] = []
    deps: list[str] = []
    roots: list[int] = []
    for k, tok in enumerate(tokens):
        head = tok.head
        seen = 0
        # follow the chain through tokens not written (space tokens)
        while head.i != tok.i and head.i not in index and head.head.i != head.i and seen < 50:
            head = head.head
            seen += 1
        dep = tok.dep_ or "dep"
        if head.i == tok.i or head.i not in index:
            heads.append(0)
            deps.append("root")
            roots.append(k)
        else:
            heads.append(index[head.i] + 1)
            deps.append("root" if dep == "ROOT" else dep)
    if not roots:
        # a cycle cannot come out of spaCy, but be defensive
        roots = [0]
        heads[0] = 0
        deps[0] = "root"
    if len(roots) > 1:
        main = next((r for r in roots if not tokens[r].is_punct), roots[0])
        for r in roots:
            if r != main:
                heads[r] = main + 1
                deps[r] = "punct" if tokens[r].is_punct else "dep"
    # any non-root that still says root
    for k in range(len(tokens)):
        if heads[k] != 0 and deps[k] == "root":
            deps[k] = "dep"
    return heads, deps


def _ner_tag(tok: Token) -> str | None:
    if tok.ent_iob_ in ("B", "I") and tok.ent_type_:
        return f"{tok.ent_iob_}-{tok.ent_type_}"
    return None


def _sent_lines(sent: Span, tokens: list[Token], include_ents: bool) -> list[str]:
    heads, deps = _sentence_tree(tokens)
    lines = []
    doc = sent.doc
    for k, tok in enumerate(tokens):
        misc = []
        nxt = tok.i + 1
        if not tok.whitespace_ and nxt < len(doc) and not doc[nxt].is_space and k + 1 < len(tokens):
            misc.append("SpaceAfter=No")
        if include_ents:
            tag = _ner_tag(tok)
            if tag:
                misc.append(f"NER={tag}")
        cols = [
            str(k + 1),
            _form(tok.text),
            *_predicted_columns(tok, heads[k], deps[k], misc),
        ]
        lines.append("\t".join(cols))
    return lines


def doc_to_conllu(doc: Doc, sent_id_prefix: str = "s", include_ents: bool = True) -> str:
    """Serialise a processed Doc as CoNLL-U (one block per sentence)."""
    out: list[str] = []
    n = 0
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        sents: Iterable[Span] = doc.sents
    else:
        sents = [doc[:]]
    for sent in sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        n += 1
        out.append(f"# sent_id = {sent_id_prefix}{n}")
        text = " ".join(sent.text.split())
        out.append(f"# text = {text}")
        out.extend(_sent_lines(sent, tokens, include_ents))
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


def parse_text_to_conllu(text: str, nlp: Language, sent_id_prefix: str = "s") -> str:
    """Run ``nlp`` on raw text and return CoNLL-U."""
    return doc_to_conllu(nlp(text), sent_id_prefix=sent_id_prefix)


# --------------------------------------------------------------------------- reannotation


@dataclass
class _Block:
    """One CoNLL-U sentence: its lines in order, and the indices of word lines."""

    lines: list[str] = field(default_factory=list)
    word_lines: list[int] = field(default_factory=list)  # indices into lines
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)


def _misc_items(misc: str) -> list[str]:
    return [] if misc in ("_", "") else misc.split("|")


def _iter_blocks(conllu_text: str) -> Iterator[_Block | str]:
    """Yield sentence blocks; stray blank lines between blocks are dropped."""
    block = _Block()
    mwt_end = -1
    mwt_space = True
    for raw in conllu_text.splitlines():
        line = raw.rstrip("\r")
        if not line.strip():
            if block.lines:
                yield block
            block = _Block()
            mwt_end = -1
            continue
        block.lines.append(line)
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        wid = cols[0]
        if "-" in wid:
            try:
                mwt_end = int(wid.split("-")[1])
            except ValueError:
                mwt_end = -1
            misc = cols[9] if len(cols) > 9 else "_"
            mwt_space = "SpaceAfter=No" not in _misc_items(misc)
            continue
        if "." in wid:
            continue
        try:
            i = int(wid)
        except ValueError:
            continue
        misc = cols[9] if len(cols) > 9 else "_"
        if mwt_end >= i:
            space = mwt_space if i == mwt_end else False
        else:
            space = "SpaceAfter=No" not in _misc_items(misc)
        block.word_lines.append(len(block.lines) - 1)
        block.words.append(cols[1])
        block.spaces.append(space)
    if block.lines:
        yield block


def _block_doc(nlp: Language, block: _Block) -> Doc:
    words = [w if w else "_" for w in block.words]
    spaces = list(block.spaces)
    if spaces:
        spaces[-1] = False
    sent_starts = [True] + [False] * (len(words) - 1)
    return Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=sent_starts)


def reannotate_conllu(
    conllu_text: str,
    nlp: Language,
    batch_size: int = 64,
    include_ents: bool = False,
) -> str:
    """Re-annotate CoNLL-U with ``nlp``, keeping tokens, sentences and comments exactly.

    Each sentence is processed as its own Doc (built from the FORM column, with
    spacing from ``SpaceAfter=No``), so the gold sentence split is kept; the
    output has the same ID and FORM columns, range lines (``1-2``) and empty
    nodes (``8.1``, written with ``_`` in the annotation columns).
    """
    blocks = list(_iter_blocks(conllu_text))
    with_words = [b for b in blocks if isinstance(b, _Block) and b.words]
    docs = nlp.pipe((_block_doc(nlp, b) for b in with_words), batch_size=batch_size)
    out: list[str] = []
    doc_iter = iter(docs)
    for block in blocks:
        if block.words:
            doc = next(doc_iter)
            tokens = list(doc)
            heads, deps = _sentence_tree(tokens)
            new_words = []
            for k, tok in enumerate(tokens):
                orig = block.lines[block.word_lines[k]].split("\t")
                orig += ["_"] * (10 - len(orig))
                misc = [m for m in _misc_items(orig[9]) if m.split("=", 1)[0] in _SPACING_KEYS]
                if include_ents:
                    tag = _ner_tag(tok)
                    if tag:
                        misc.append(f"NER={tag}")
                cols = [
                    orig[0],
                    orig[1],
                    *_predicted_columns(tok, heads[k], deps[k], misc),
                ]
                new_words.append("\t".join(cols))
            replacement = dict(zip(block.word_lines, new_words))
        else:
            replacement = {}
        for idx, line in enumerate(block.lines):
            if idx in replacement:
                out.append(replacement[idx])
                continue
            if not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) >= 2 and "." in cols[0]:
                    line = "\t".join([cols[0], cols[1]] + ["_"] * 8)
            out.append(line)
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
