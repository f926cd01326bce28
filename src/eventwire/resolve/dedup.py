"""Near-duplicate articles: syndicated copies and updated versions of one story.

MinHash signatures over word shingles estimate the Jaccard similarity of two texts; an LSH
index finds the candidates above the threshold without comparing against every stored
article. A near-duplicate is linked to its canonical article (`article_versions`) and never
counts as an independent source for an incident. Signatures are plain integer arrays, so the
store can persist them and rebuild the in-memory index lazily (`NearDuplicateIndex.load`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from eventwire.resolve.cross import rules

_TOKEN = re.compile(r"\w+")
SCHEME = "affine32"  # stored signatures are only comparable under the same scheme and seed


def _config() -> dict:
    return rules()["near_duplicates"]


def shingles(text: str, k: int | None = None) -> set[bytes]:
    """Lower-cased word k-grams; a text shorter than k words is one shingle."""
    k = k or _config()["shingle_words"]
    words = _TOKEN.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The seeded permutations, drawn once: MinHash would draw them again for every text
    (a third of the cost of a signature)."""
    cfg = _config()
    return MinHash(num_perm=cfg["num_perm"], seed=cfg["seed"], scheme=SCHEME).permutations


def signature(text: str) -> np.ndarray:
    """The MinHash hash values of a text (uint64, `num_perm` long)."""
    mh = _minhash(_prototype().hashvalues.copy())  # the constructor re-checks the permutations
    mh.update_batch(list(shingles(text)))
    return mh.hashvalues.astype(np.uint64)


@lru_cache(maxsize=1)
def _prototype() -> MinHash:
    cfg = _config()
    return MinHash(num_perm=cfg["num_perm"], seed=cfg["seed"], scheme=SCHEME, permutations=_permutations())


def _minhash(values: Iterable[int]) -> MinHash:
    """A MinHash with these values for the LSH index, which reads only `hashvalues` and
    `scheme`: made from a prototype, since the constructor re-validates the permutations
    every time (a third of what the writer spent on near-duplicates)."""
    mh = object.__new__(MinHash)
    mh.__dict__.update(_prototype().__dict__)
    mh.hashvalues = np.asarray(values if isinstance(values, np.ndarray) else list(values), dtype=np.uint64)
    return mh


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))


class NearDuplicateIndex:
    """Content hash → signature, with an LSH index for candidate lookup.

    Only canonical articles (those that matched nothing when they came) are candidates: a
    near-duplicate maps to its canonical anyway, and indexing every copy made each new copy
    compare with all earlier ones (a wire story re-sent daily grows without bound)."""

    def __init__(self, threshold: float | None = None):
        cfg = _config()
        self.threshold = threshold if threshold is not None else cfg["threshold"]
        # datasketch's banding (its optimal bands b x rows r for the threshold), kept in plain
        # dicts keyed by the band's bytes: the same candidates as MinHashLSH.query, without
        # building a MinHash and byte-swapping every band for each lookup
        lsh = MinHashLSH(threshold=self.threshold, num_perm=cfg["num_perm"])
        self._ranges = [(i * lsh.r, (i + 1) * lsh.r) for i in range(lsh.b)]
        self._bands: list[dict[bytes, list[str]]] = [{} for _ in self._ranges]
        self._sigs: dict[str, np.ndarray] = {}  # candidates
        self._seen: set[str] = set()  # every article indexed, candidate or not

    @classmethod
    def load(cls, rows: Iterable[tuple[str, list[int]]], threshold: float | None = None,
             copies: Iterable[str] = ()) -> NearDuplicateIndex:
        """The index of stored signatures; `copies` are the near-duplicates among them."""
        index = cls(threshold)
        copies = set(copies)
        for key, values in rows:
            index.add(key, np.asarray(values, dtype=np.uint64), candidate=key not in copies)
        return index

    def __contains__(self, key: str) -> bool:
        return key in self._seen

    def __len__(self) -> int:
        return len(self._seen)

    def add(self, key: str, sig: np.ndarray, *, candidate: bool = True) -> None:
        if key not in self._seen:
            self._seen.add(key)
            if candidate:
                self._sigs[key] = sig
                for band, (start, end) in zip(self._bands, self._ranges):
                    band.setdefault(sig[start:end].tobytes(), []).append(key)

    def matches(self, sig: np.ndarray) -> list[tuple[str, float]]:
        """Stored candidate texts at or above the threshold, most similar first (ties by key)."""
        sig = np.asarray(sig, dtype=np.uint64)
        keys = {k for band, (start, end) in zip(self._bands, self._ranges)
                for k in band.get(sig[start:end].tobytes(), ())}
        found = [(k, similarity(sig, self._sigs[k])) for k in keys]
        return sorted([f for f in found if f[1] >= self.threshold], key=lambda f: (-f[1], f[0]))
