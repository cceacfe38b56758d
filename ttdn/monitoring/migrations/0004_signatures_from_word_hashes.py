"""The MinHash signatures and LSH bands of stored items, computed again with the shingle hash
built from the words' hashes (`stories.signature`), so that new items stay comparable with
them. Stories are kept as they are. Backwards: computed again with the earlier hash (SHA-1 of
each shingle's bytes), for the code before this migration."""

import hashlib

import numpy as np
from django.db import migrations

from ttdn.monitoring import matching, stories

CHUNK = 500  # items read and written at a time


def _sha1_of_shingles(words: list[str]) -> np.ndarray:
    """The signature as computed before this migration: SHA-1 of each shingle's bytes."""
    encoded = [word.encode() for word in words]
    if len(encoded) < stories.SHINGLE:
        shingles = {b" ".join(encoded)}
    else:
        shingles = {b" ".join(encoded[i : i + stories.SHINGLE])
                    for i in range(len(encoded) - stories.SHINGLE + 1)}  # fmt: skip
    prefixes = np.array(
        [int.from_bytes(hashlib.sha1(s, usedforsecurity=False).digest()[:4], "little") for s in shingles], dtype=np.uint32
    )
    permuted = stories._mix(prefixes)[:, np.newaxis] * stories._A + stories._B
    return permuted.min(axis=0).astype(np.uint64)


def _recompute(apps, signature) -> None:
    Item = apps.get_model("monitoring", "Item")
    Band = apps.get_model("monitoring", "Band")
    signed = Item.objects.filter(signature__isnull=False).order_by("pk")
    last = 0
    while True:
        chunk = list(signed.filter(pk__gt=last).only("pk", "title", "text")[:CHUNK])
        if not chunk:
            return
        bands = []
        for item in chunk:
            values = signature(matching.Text.of(f"{item.title}\n{item.text}").folded)
            item.signature = stories.to_bytes(values)
            bands += [
                Band(item_id=item.pk, band=b, value=v) for b, v in enumerate(stories.bands(values))
            ]
        Item.objects.bulk_update(chunk, ["signature"])
        Band.objects.filter(item__in=[item.pk for item in chunk]).delete()
        Band.objects.bulk_create(bands)
        last = chunk[-1].pk


def forwards(apps, schema_editor):
    _recompute(apps, stories.signature)


def backwards(apps, schema_editor):
    _recompute(apps, _sha1_of_shingles)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_mention_paragraph")]

    operations = [migrations.RunPython(forwards, backwards)]
