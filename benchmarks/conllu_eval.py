"""A small CoNLL-U evaluator for identical tokenisation (gold vs system).

Standard definitions over all syntactic words (punctuation included; range
lines and empty nodes ignored):

* UPOS / XPOS / Lemma accuracy: exact match of the column.
* UAS: HEAD matches.  LAS: HEAD and the universal part of DEPREL match
  (CoNLL 2018 shared-task definition, subtypes stripped).  LAS-full: HEAD and
  the complete DEPREL (with subtype, e.g. ``nsubj:pass``) match.

Usage: python benchmarks/conllu_eval.py GOLD.conllu SYSTEM.conllu
"""

from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass
class Counts:
    words: int = 0
    upos: int = 0
    xpos: int = 0
    lemma: int = 0
    uas: int = 0
    las: int = 0
    las_full: int = 0

    def add(self, other: "Counts") -> "Counts":
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))
        return self

    def scores(self) -> dict[str, float]:
        n = max(self.words, 1)
        return {
            "words": self.words,
            "upos": self.upos / n,
            "xpos": self.xpos / n,
            "lemma": self.lemma / n,
            "uas": self.uas / n,
            "las": self.las / n,
            "las_full": self.las_full / n,
        }


class AlignmentError(ValueError):
    pass


def read_words(conllu_text: str) -> list[list[list[str]]]:
    """Sentences as lists of word rows (10 columns), range lines / empty nodes skipped."""
    sents: list[list[list[str]]] = []
    cur: list[list[str]] = []
    for line in conllu_text.splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise AlignmentError(f"not a 10-column line: {line!r}")
        if "-" in cols[0] or "." in cols[0]:
            continue
        cur.append(cols)
    if cur:
        sents.append(cur)
    return sents


def evaluate(gold_text: str, system_text: str) -> Counts:
    gold = read_words(gold_text)
    system = read_words(system_text)
    if len(gold) != len(system):
        raise AlignmentError(f"sentence count differs: gold {len(gold)}, system {len(system)}")
    c = Counts()
    for gs, ss in zip(gold, system):
        if len(gs) != len(ss):
            raise AlignmentError(f"word count differs in sentence starting {gs[0][1]!r}")
        for g, s in zip(gs, ss):
            if g[1] != s[1]:
                raise AlignmentError(f"form differs: {g[1]!r} vs {s[1]!r}")
            c.words += 1
            c.upos += g[3] == s[3]
            c.xpos += g[4] == s[4]
            c.lemma += g[2] == s[2]
            head_ok = g[6] == s[6]
            c.uas += head_ok
            c.las += head_ok and g[7].split(":")[0] == s[7].split(":")[0]
            c.las_full += head_ok and g[7] == s[7]
    return c


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        gold = f.read()
    with open(argv[1], encoding="utf-8") as f:
        system = f.read()
    for k, v in evaluate(gold, system).scores().items():
        print(f"{k:9s} {v if k == 'words' else f'{100 * v:.2f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
