"""Near-duplicate documents: syndicated copies and updated versions of the same article.

Each text becomes a set of word shingles (``k`` consecutive lower-cased words); a MinHash
signature of ``num_perm`` values estimates the Jaccard similarity of two shingle sets, and
locality-sensitive hashing (``bands`` × ``rows`` of the signature) finds the candidate pairs without
comparing every document with every other. Candidates are then checked exactly on their shingle
sets. Two documents are near-duplicates when

* their shingle Jaccard is at least ``threshold`` (0.8 by default), or
* one is (almost) contained in the other — containment ``|A∩B| / min(|A|,|B|)`` at least
  ``containment`` (0.85) and the shorter one is at least ``min_ratio`` of the longer — which is what an
  updated version with a trimmed last paragraph or a syndicated copy without the byline looks like.

Groups are the connected components of the near-duplicate pairs, so a chain of versions ends up in
one group. Downstream, a group counts once as a source (:func:`canonical_map`).

The MinHash is implemented here with :mod:`hashlib` and :mod:`numpy` (no extra dependency); the
permutations are seeded, so results are reproducible across runs and machines.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import numpy as np

__all__ = [
    "shingles",
    "MinHasher",
    "DuplicateIndex",
    "find_duplicate_groups",
    "find_duplicate_pairs",
    "canonical_map",
    "jaccard",
    "containment",
]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64(0xFFFFFFFF)


def shingles(text: str, k: int = 5) -> set[str]:
    """The set of ``k``-word shingles of a text (lower-cased words; punctuation ignored).

    A text shorter than ``k`` words gives one shingle of all its words (or none when empty).
    """
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text or "")]
    if not words:
        return set()
    if len(words) < k:
        return {" ".join(words)}
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b) if (a or b) else 0.0


def containment(a: set, b: set) -> float:
    """Share of the smaller set found in the larger one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _hash32(items: Iterable[str]) -> np.ndarray:
    return np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little") for s in items),
        dtype=np.uint64,
    )


class MinHasher:
    """MinHash signatures with ``num_perm`` seeded universal hash functions ``(a·x + b) mod p``."""

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        rng = np.random.RandomState(seed)
        self.num_perm = num_perm
        # a, b < 2^32 and x < 2^32, so a·x + b < 2^64: no overflow before the modulo.
        self.a = rng.randint(1, 2**32 - 1, size=num_perm, dtype=np.uint64)
        self.b = rng.randint(0, 2**32 - 1, size=num_perm, dtype=np.uint64)

    def signature(self, shingle_set: set[str]) -> np.ndarray:
        if not shingle_set:
            return np.full(self.num_perm, _MAX32, dtype=np.uint64)
        hv = _hash32(sorted(shingle_set))
        phv = ((hv[:, None] * self.a[None, :] + self.b[None, :]) % _MERSENNE) & _MAX32
        return phv.min(axis=0)

    @staticmethod
    def estimate(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
        return float(np.mean(sig_a == sig_b))


@dataclass
class DuplicateIndex:
    """An incremental LSH index of documents; ``add`` documents, then ask for ``pairs``/``groups``.

    ``bands * rows`` must equal ``num_perm``. With 32 bands of 4 rows, a pair with Jaccard 0.5 is a
    candidate with probability ~0.87 and one at 0.8 almost surely; candidates are verified exactly,
    so the low LSH threshold only costs comparisons, never precision.
    """

    threshold: float = 0.8
    containment: float = 0.85
    min_ratio: float = 0.5
    k: int = 5
    num_perm: int = 128
    bands: int = 32
    seed: int = 1
    _hasher: MinHasher = field(init=False, repr=False)
    _shingles: dict[str, set[str]] = field(init=False, default_factory=dict, repr=False)
    _buckets: dict[tuple[int, bytes], list[str]] = field(init=False, default_factory=lambda: defaultdict(list), repr=False)
    _order: list[str] = field(init=False, default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.num_perm % self.bands:
            raise ValueError("num_perm must be a multiple of bands")
        self._hasher = MinHasher(self.num_perm, self.seed)

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._shingles

    def __len__(self) -> int:
        return len(self._shingles)

    def add(self, doc_id: str, text: str) -> None:
        """Index a document; a second ``add`` with the same id is ignored."""
        if doc_id in self._shingles:
            return
        sh = shingles(text, self.k)
        self._shingles[doc_id] = sh
        self._order.append(doc_id)
        if not sh:
            return  # empty documents are nobody's duplicate
        sig = self._hasher.signature(sh)
        r = self.rows
        for band in range(self.bands):
            self._buckets[(band, sig[band * r:(band + 1) * r].tobytes())].append(doc_id)

    def similar(self, a: str, b: str) -> tuple[bool, float, float]:
        """(near-duplicate?, Jaccard, containment) of two indexed documents."""
        sa, sb = self._shingles[a], self._shingles[b]
        if not sa or not sb:
            return False, 0.0, 0.0
        j = jaccard(sa, sb)
        c = containment(sa, sb)
        ratio = min(len(sa), len(sb)) / max(len(sa), len(sb))
        return (j >= self.threshold or (c >= self.containment and ratio >= self.min_ratio)), j, c

    def candidates(self) -> set[tuple[str, str]]:
        pos = {d: i for i, d in enumerate(self._order)}
        out: set[tuple[str, str]] = set()
        for ids in self._buckets.values():
            if len(ids) < 2:
                continue
            uniq = sorted(set(ids), key=pos.__getitem__)
            for i in range(len(uniq)):
                for j in range(i + 1, len(uniq)):
                    out.add((uniq[i], uniq[j]))
        return out

    def pairs(self) -> list[tuple[str, str, float]]:
        """Verified near-duplicate pairs ``(id_a, id_b, jaccard)`` in insertion order of ``id_a``."""
        out = []
        for a, b in self.candidates():
            ok, j, _ = self.similar(a, b)
            if ok:
                out.append((a, b, j))
        pos = {d: i for i, d in enumerate(self._order)}
        out.sort(key=lambda p: (pos[p[0]], pos[p[1]]))
        return out

    def groups(self, include_singletons: bool = False) -> list[list[str]]:
        """Connected components of the near-duplicate pairs, each in insertion order."""
        parent = {d: d for d in self._order}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b, _ in self.pairs():
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra
        comps: dict[str, list[str]] = defaultdict(list)
        for d in self._order:
            comps[find(d)].append(d)
        groups = [g for g in comps.values() if include_singletons or len(g) > 1]
        pos = {d: i for i, d in enumerate(self._order)}
        groups.sort(key=lambda g: pos[g[0]])
        return groups


def find_duplicate_pairs(docs: Iterable[tuple[str, str]], threshold: float = 0.8, **kwargs) -> list[tuple[str, str, float]]:
    """Near-duplicate pairs ``(id_a, id_b, jaccard)`` among ``(doc_id, text)`` items."""
    index = DuplicateIndex(threshold=threshold, **kwargs)
    for doc_id, text in docs:
        index.add(doc_id, text)
    return index.pairs()


def find_duplicate_groups(docs: Iterable[tuple[str, str]], threshold: float = 0.8,
                          include_singletons: bool = False, **kwargs) -> list[list[str]]:
    """Groups of near-duplicate documents among ``(doc_id, text)`` items.

    Only groups of two or more are returned unless ``include_singletons``; ids keep their input
    order inside a group, and the first id of a group is its canonical member.
    """
    index = DuplicateIndex(threshold=threshold, **kwargs)
    for doc_id, text in docs:
        index.add(doc_id, text)
    return index.groups(include_singletons=include_singletons)


def canonical_map(groups: Iterable[Iterable[str]], ids: Iterable[str] = ()) -> dict[str, str]:
    """``doc_id -> canonical id`` (the first of its group; itself when in no group)."""
    out: dict[str, str] = {d: d for d in ids}
    for group in groups:
        group = list(group)
        if not group:
            continue
        for d in group:
            out[d] = group[0]
    return out


class Canon(Mapping[str, str]):
    """A ``canonical_map`` that answers any id (unknown ids are their own canonical)."""

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        self._m = dict(mapping or {})

    def __getitem__(self, key: str) -> str:
        return self._m.get(key, key)

    def __iter__(self):
        return iter(self._m)

    def __len__(self) -> int:
        return len(self._m)


def extraction_text(extraction) -> str:
    """The text of a document as far as its :class:`~sitrep.model.Extraction` keeps it.

    Sentences cover the whole document text, so joining them gives back (up to whitespace) what was
    ingested; when an extraction carries no sentences the title stands in.
    """
    sentences = sorted(getattr(extraction, "sentences", None) or [], key=lambda s: s.start)
    if sentences:
        return " ".join(s.text for s in sentences)
    return extraction.title or ""


def duplicate_groups_for(extractions: Iterable, texts: Mapping[str, str] | None = None,
                         threshold: float = 0.8, **kwargs) -> list[list[str]]:
    """Near-duplicate groups among extractions (document text from ``texts`` when given)."""
    items = []
    for ex in extractions:
        text = (texts or {}).get(ex.id) if texts else None
        items.append((ex.id, text if text is not None else extraction_text(ex)))
    return find_duplicate_groups(items, threshold=threshold, **kwargs)
