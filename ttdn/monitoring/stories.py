"""Near-duplicates: MinHash signatures (datasketch) and LSH bands kept in the database.

An item's text becomes folded word 3-shingles, hashed into `PERMUTATIONS` MinHash values. A
shingle's hash is computed from its words' (each distinct word hashed once with SHA-1, and
remembered): `((w₁·K₁ + w₂·K₂ + w₃) mod 2⁶⁴) >> 32`, then datasketch's mixing and permutations
(the signature is datasketch's `MinHash` with that `hashfunc`). Until migration 0004, a
shingle was hashed as a whole (SHA-1 of its bytes), a Python call per shingle; that migration
computed the stored signatures and bands again.

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


# Odd constants for combining the words' hashes (the first 64 bits of the fractional parts of
# √2 and √3): any pair would do, but stored signatures depend on them.
_K1 = np.uint64(0x6A09E667F3BCC909)
_K2 = np.uint64(0xBB67AE8584CAA73B)
_THIRTY_TWO = np.uint64(32)
_word_hashes: dict[str, int] = {}
_WORDS_KEPT = 200_000  # distinct folded words remembered (about 27 MB at most)


def signature(words: list[str]) -> np.ndarray:
    """The MinHash values of the shingles of a text's folded words (PERMUTATIONS of them, stored
    as uint64): datasketch's `MinHash.update_batch` of the shingles with `shingle_hash` as its
    hash function, computed as arrays (a text of fewer than SHINGLE words is one shingle, the
    missing words' hashes 0). A shingle repeated in the text counts once, as in a set."""
    hashes = word_hashes(words)
    if len(hashes) < SHINGLE:
        hashes = np.concatenate([hashes, np.zeros(SHINGLE - len(hashes), dtype=np.uint64)])
    # uint64 products wrap around: that is the modulo 2⁶⁴.
    combined = hashes[:-2] * _K1 + hashes[1:-1] * _K2 + hashes[2:]
    shingles = _mix((combined >> _THIRTY_TWO).astype(np.uint32))
    # uint32 products wrap around: that is the scheme's modulo 2³².
    permuted = shingles[:, np.newaxis] * _A + _B
    return permuted.min(axis=0).astype(np.uint64)


def word_hashes(words: list[str]) -> np.ndarray:
    """The first 8 bytes of each word's SHA-1 (little-endian), as uint64: a distinct word is
    hashed once in the process, where the shingles that hold it are many and seldom repeat."""
    missing = set(words).difference(_word_hashes)
    if len(_word_hashes) + len(missing) > _WORDS_KEPT:
        _word_hashes.clear()
        missing = set(words)
    for word in missing:
        _word_hashes[word] = int.from_bytes(_sha1(word.encode()).digest()[:8], "little")
    return np.fromiter(map(_word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))


def shingle_hash(words: tuple[str, ...]) -> int:
    """The 32-bit hash of one shingle (its words, fewer than SHINGLE for a short text), in plain
    Python: what `signature` computes as arrays (the tests give it to datasketch)."""
    hashes = [
        int.from_bytes(hashlib.sha1(w.encode(), usedforsecurity=False).digest()[:8], "little")
        for w in words
    ]
    hashes += [0] * (SHINGLE - len(hashes))
    combined = (hashes[0] * int(_K1) + hashes[1] * int(_K2) + hashes[2]) % 2**64
    return combined >> 32


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
