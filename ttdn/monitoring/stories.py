"""Near-duplicates: MinHash signatures (datasketch) and LSH bands kept in the database.

An item's text becomes folded word 3-shingles, hashed into `PERMUTATIONS` MinHash values.
The values are cut into `BANDS` bands; items that share one band value are candidates, and a
candidate whose estimated Jaccard similarity reaches `THRESHOLD` tells the same story. The
bands live in a table (`Band`), so clustering survives restarts and works across workers,
where datasketch's in-memory index would not.

A copy with a paragraph dropped and a new lead and title scores about 0.45 (the demo's false
story), so the threshold is 0.4. With 42 bands of 3 rows, a pair at similarity 0.4 becomes a
candidate with probability 1 − (1 − 0.4³)⁴² ≈ 0.94, at 0.5 ≈ 0.996, at 0.2 ≈ 0.29 (then
rejected by the estimate); unrelated articles share almost no shingles.
"""

from __future__ import annotations

import hashlib

import numpy as np
from datasketch import MinHash

PERMUTATIONS = 126
BANDS = 42
ROWS = PERMUTATIONS // BANDS
SHINGLE = 3
THRESHOLD = 0.4
_SEED = 1


def signature(words: list[str]) -> np.ndarray:
    """The MinHash values of the shingles of a text's folded words (uint64, PERMUTATIONS of them)."""
    shingles = {
        " ".join(words[i : i + SHINGLE]).encode() for i in range(max(len(words) - SHINGLE + 1, 1))
    }
    minhash = MinHash(num_perm=PERMUTATIONS, seed=_SEED)
    minhash.update_batch(list(shingles))
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def bands(values: np.ndarray) -> list[int]:
    """One signed 64-bit value per band (fits a BigIntegerField)."""
    return [
        int.from_bytes(
            hashlib.blake2b(values[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).digest(),
            "big",
            signed=True,
        )
        for b in range(BANDS)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(values: np.ndarray) -> bytes:
    return values.astype(np.uint64).tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.uint64)
