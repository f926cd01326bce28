"""Signatures and LSH bands computed without datasketch agree with datasketch's own."""

from __future__ import annotations

import random

import numpy as np
import pytest

from eventwire.resolve import dedup
from eventwire.resolve.dedup import _config, bands, shingles, signature, signatures

datasketch = pytest.importorskip("datasketch")


def _datasketch_signature(text: str) -> np.ndarray:
    cfg = _config()
    mh = datasketch.MinHash(num_perm=cfg["num_perm"], seed=cfg["seed"], scheme="affine32")
    mh.update_batch(list(shingles(text)))
    return mh.hashvalues.astype(np.uint64)


def test_signatures_are_datasketchs():
    rng = random.Random(7)
    words = "troops killed militants in a clash near the border police said on Monday é 中 Ω".split()
    texts = ["", "one", "two words", "Gunmen killed 12.", *(
        " ".join(rng.choice(words) for _ in range(rng.randint(1, 80))) for _ in range(300))]
    for text in texts:
        ours = signature(text)
        assert ours.dtype == np.uint64
        assert np.array_equal(ours, _datasketch_signature(text)), text


def test_a_batch_hashed_together_gives_each_texts_own_signature(monkeypatch):
    rng = random.Random(11)
    words = "gunmen stormed a school in the north killing at least twelve people officials said".split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 60))) for _ in range(200)]
    texts[5] = texts[77] = ""  # no shingle: the all-max signature, wherever it stands
    monkeypatch.setattr(dedup, "BLOCK", 50)  # many blocks, and texts longer than a block
    together = signatures(texts)
    assert len(together) == len(texts)
    for text, sig in zip(texts, together):
        assert sig.dtype == np.uint64
        assert np.array_equal(sig, _datasketch_signature(text)), text
    assert signatures([]) == []


@pytest.mark.parametrize("threshold,num_perm", [(0.8, 64), (0.5, 64), (0.9, 128), (0.7, 32), (0.85, 100)])
def test_bands_are_minhashlshs(threshold, num_perm):
    lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=num_perm)
    assert bands(threshold, num_perm) == (lsh.b, lsh.r)
