"""MinHash signatures against datasketch's, on generated texts: the vectorised hashing must
give exactly the values datasketch gives (they are stored, and compared with the stored ones)."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.monitoring import stories

# Few words, so that generated texts repeat shingles (a set) and share them with each other.
WORDS = st.lists(st.sampled_from(["giao", "duc", "truong", "hoc", "đa", "nẵng", "a", "xã", ""]))


def _datasketch_signature(words: list[str]) -> np.ndarray:
    """What `stories.signature` computed with datasketch itself, one update per shingle."""
    count = max(len(words) - stories.SHINGLE + 1, 1)
    shingles = {" ".join(words[i : i + stories.SHINGLE]).encode() for i in range(count)}
    minhash = MinHash(num_perm=stories.PERMUTATIONS, seed=stories._SEED)
    minhash.update_batch(list(shingles))
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


@settings(max_examples=200, deadline=None)
@given(WORDS)
def test_signature_is_datasketchs_minhash_of_the_shingles(words):
    expected = _datasketch_signature(words)

    found = stories.signature(words)

    assert (found.dtype, found.tolist()) == (expected.dtype, expected.tolist())


def test_signature_of_a_long_text_is_datasketchs_minhash():
    words = [f"w{i % 397}" for i in range(0, 5000, 7)]

    found = stories.signature(words)

    assert found.tolist() == _datasketch_signature(words).tolist()


def test_signatures_of_a_copy_with_a_paragraph_changed_are_similar():
    words = [f"w{i}" for i in range(300)]
    copy = words[:200] + [f"new{i}" for i in range(30)] + words[230:]

    score = stories.similarity(stories.signature(words), stories.signature(copy))

    assert score >= stories.THRESHOLD
