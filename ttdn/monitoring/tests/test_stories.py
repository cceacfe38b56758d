"""MinHash signatures against datasketch's, on generated texts: the vectorised hashing must
give exactly the values datasketch gives with the same shingle hash (they are stored, and
compared with the stored ones)."""

from __future__ import annotations

import importlib

import numpy as np
from datasketch import MinHash
from django.apps import apps
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.monitoring import matching, pipeline, stories
from ttdn.monitoring.enums import SourceFormat
from ttdn.monitoring.models import Band, Item
from ttdn.monitoring.tests.factories import SourceFactory, pasted

# Few words, so that generated texts repeat shingles (a set) and share them with each other.
WORDS = st.lists(st.sampled_from(["giao", "duc", "truong", "hoc", "đa", "nẵng", "a", "xã", ""]))


def _datasketch_signature(words: list[str]) -> np.ndarray:
    """What `stories.signature` computed with datasketch itself, one update per shingle, each
    hashed by `stories.shingle_hash` (plain Python integers)."""
    count = max(len(words) - stories.SHINGLE + 1, 1)
    shingles = {tuple(words[i : i + stories.SHINGLE]) for i in range(count)}
    minhash = MinHash(
        num_perm=stories.PERMUTATIONS, seed=stories._SEED, hashfunc=stories.shingle_hash
    )
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


_MIGRATION = importlib.import_module("ttdn.monitoring.migrations.0004_signatures_from_word_hashes")


def test_the_migration_computes_stored_signatures_and_bands_with_the_shingle_hash(cast):
    source = SourceFactory(unit=cast.so, format=SourceFormat.MANUAL, url="")
    item = pasted(source, "Phụ huynh hỏi về học phí năm nay ở trường THCS Hồng Bàng. " * 20)
    pipeline.process_item(item.pk)
    now = _stored(item)
    _MIGRATION.backwards(apps, None)  # as stored by the code before the migration
    before = _stored(item)

    _MIGRATION.forwards(apps, None)

    words = matching.Text.of(f"{item.title}\n{item.text}").folded
    old = _MIGRATION._sha1_of_shingles(words)
    assert (before, _stored(item)) == (
        (stories.to_bytes(old), list(enumerate(stories.bands(old)))),
        now,
    )
    assert now[0] == stories.to_bytes(stories.signature(words))


def _stored(item: Item) -> tuple[bytes, list[tuple[int, int]]]:
    item.refresh_from_db()
    bands = Band.objects.filter(item=item).order_by("band").values_list("band", "value")
    return bytes(item.signature or b""), list(bands)
