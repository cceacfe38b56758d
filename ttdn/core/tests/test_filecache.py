"""The file cache culls as Django's does, without listing its directory on every write."""

from __future__ import annotations

from ttdn.core.filecache import FileCache


def test_writes_look_at_the_directory_now_and_then_and_the_cache_stays_bounded(
    tmp_path, monkeypatch
):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10}})
    listings = []
    list_files = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or list_files())

    for n in range(300):
        cache.set(f"key-{n}", n)

    assert len(listings) == 3  # one write in 100, not 300
    assert len(list(tmp_path.glob("*.djcache"))) <= 10 + FileCache.CHECK_EVERY
    assert cache.get("key-299") == 299
