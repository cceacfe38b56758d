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
from operator import methodcaller

import numpy as np
from datasketch import MinHash

try:  # CPython's own SHA-1: the same digest, without OpenSSL's cost of a context per call
    from _sha1 import sha1 as _sha1
except ImportError:  # pragma: no cover - another interpreter
    _sha1 = hashlib.sha1

PERMUTATIONS = 126
BANDS = 42
ROWS = PERMUTATIONS // BANDS
SHINGLE = 3
THRESHOLD = 0.4
_SEED = 1
# datasketch's permutations (its default scheme since 2.0, "affine32"), drawn as
# `MinHash(num_perm=PERMUTATIONS, seed=_SEED)` draws them.
_A, _B = MinHash(num_perm=PERMUTATIONS, seed=_SEED, scheme="affine32").permutations


def signature(words: list[str]) -> np.ndarray:
    """The MinHash values of the shingles of a text's folded words (PERMUTATIONS of them, stored
    as uint64): datasketch's `MinHash.update_batch` of the encoded shingles, computed without a
    Python call per shingle besides SHA-1's (the shingles joined as bytes by `map`, the digests'
    first 4 bytes read as one array, the permutations as one matrix)."""
    encoded = [word.encode() for word in words]
    if len(encoded) < SHINGLE:
        shingles = {b" ".join(encoded)}
    else:
        shingles = set(map(b" ".join, zip(*(encoded[i:] for i in range(SHINGLE)), strict=False)))
    digests = b"".join(map(_DIGEST, map(_sha1, shingles)))  # 20 bytes each
    prefixes = np.frombuffer(digests, dtype="<u4").reshape(-1, 5)[:, 0]
    hashed = _mix(prefixes.astype(np.uint32))
    # uint32 products wrap around: that is the scheme's modulo 2³².
    permuted = hashed[:, np.newaxis] * _A + _B
    return permuted.min(axis=0).astype(np.uint64)


_DIGEST = methodcaller("digest")


def _mix(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch applies to each hash before permuting."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


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
