"""Near-duplicate articles: syndicated copies and updated versions of one story.

MinHash signatures over word shingles estimate the Jaccard similarity of two texts; an LSH
index finds the candidates above the threshold without comparing against every stored
article. A near-duplicate is linked to its canonical article (`article_versions`) and never
counts as an independent source for an incident. Signatures are plain integer arrays, so the
store can persist them and rebuild the in-memory index lazily (`NearDuplicateIndex.load`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from eventwire.resolve.cross import rules

_TOKEN = re.compile(r"\w+")
SCHEME = "affine32"  # stored signatures are only comparable under the same scheme and seed
# Signatures and bands are datasketch's (2.0, `MinHash(scheme="affine32")` and `MinHashLSH`),
# computed here: importing datasketch imported SciPy, ~0.45 s of CPU for the writer of
# `eventwire run` while the workers load their models. tests/resolve/test_dedup.py checks
# that both still agree with datasketch.
_MAX_HASH = np.uint32((1 << 32) - 1)
_FMIX32 = tuple(np.uint32(c) for c in (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16))  # MurmurHash3's finaliser


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
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The seeded affine permutations h -> a * h + b (mod 2^32, `a` odd), drawn once, as
    datasketch draws them."""
    cfg = _config()
    gen = np.random.RandomState(cfg["seed"])
    a = gen.randint(0, 1 << 31, cfg["num_perm"], dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, cfg["num_perm"], dtype=np.uint32)
    return a, b


def signature(text: str) -> np.ndarray:
    """The MinHash hash values of a text (uint64, `num_perm` long)."""
    return signatures([text])[0]


BLOCK = 1 << 15  # shingles hashed against every permutation at once (a 16 MB block)


def signatures(texts: list[str]) -> list[np.ndarray]:
    """`signature` of each text, hashed together: a batch of articles costs a few numpy
    operations instead of a dozen per article (their overhead was most of the time on short
    reports)."""
    a, b = _permutations()
    found = [shingles(text) for text in texts]
    # the first 4 bytes of each shingle's SHA-1, little-endian (datasketch's sha1_hash32)
    sha1 = hashlib.sha1
    hv = np.frombuffer(b"".join([sha1(s).digest()[:4] for f in found for s in f]), dtype="<u4").astype(np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s3)
    out = np.full((len(texts), len(a)), _MAX_HASH, dtype=np.uint64)
    counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    ends = np.cumsum(counts)
    rows = np.flatnonzero(counts)
    first = 0
    while first < len(rows):  # blocks of whole texts, each at most BLOCK shingles (or one text)
        start = ends[rows[first]] - counts[rows[first]]
        last = max(first + 1, int(np.searchsorted(ends[rows], start + BLOCK, side="right")))
        block = rows[first:last]
        starts = ends[block] - counts[block] - start
        values = hv[start:ends[block[-1]], None] * a + b
        out[block] = np.minimum.reduceat(values, starts, axis=0)
        first = last
    return list(out)


@lru_cache(maxsize=8)
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands b, rows r), b x r <= num_perm, that minimise the false positive plus the false
    negative probability at `threshold` (MinHashLSH's optimal parameters, equal weights). The
    integrands are polynomials of degree at most num_perm, which Gauss-Legendre integrates
    exactly (datasketch integrates them numerically with SciPy)."""
    x, w = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def integral(f, lo: float, hi: float) -> float:
        half = (hi - lo) / 2
        return half * float(np.dot(w, f(half * x + (hi + lo) / 2)))

    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = integral(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold)
            fn = integral(lambda s: 1 - (1 - (1 - s ** float(r)) ** float(b)), threshold, 1.0)
            error = fp * 0.5 + fn * 0.5
            if error < best:
                best, opt = error, (b, r)
    return opt


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    same = np.asarray(a) == np.asarray(b)
    # the count over the length is np.mean's value exactly (a whole-number sum over n), at a
    # fraction of its overhead on a signature's 64 values: the writer calls this for every
    # LSH candidate
    return np.count_nonzero(same) / same.size


class NearDuplicateIndex:
    """Content hash → signature, with an LSH index for candidate lookup.

    Only canonical articles (those that matched nothing when they came) are candidates: a
    near-duplicate maps to its canonical anyway, and indexing every copy made each new copy
    compare with all earlier ones (a wire story re-sent daily grows without bound)."""

    def __init__(self, threshold: float | None = None):
        cfg = _config()
        self.threshold = threshold if threshold is not None else cfg["threshold"]
        # MinHashLSH's banding (its optimal bands b x rows r for the threshold), kept in plain
        # dicts keyed by the band's bytes: the same candidates as MinHashLSH.query, without
        # building a MinHash and byte-swapping every band for each lookup
        b, r = bands(self.threshold, cfg["num_perm"])
        self._ranges = [(i * r, (i + 1) * r) for i in range(b)]
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
