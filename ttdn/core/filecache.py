"""Django's file cache without a directory listing on every write.

`FileBasedCache` lists its whole directory on each `set` to see whether it holds MAX_ENTRIES
yet. The generations (core/changes.py) are written at every commit that writes a table, a
topic per unit on a report's path among them, so a save listed hundreds to thousands of files.
This cache looks one write in CHECK_EVERY (per process), so it may grow that many entries past
MAX_ENTRIES; then it drops entries at random, as Django's does, down to MAX_ENTRIES less a
CULL_FREQUENCY-th of it.
"""

from __future__ import annotations

import itertools
import random

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    CHECK_EVERY = 100

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._writes = itertools.count()

    def _cull(self) -> None:
        if next(self._writes) % self.CHECK_EVERY:
            return
        files = self._list_cache_files()  # type: ignore[attr-defined]
        if len(files) < self._max_entries:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        keep = self._max_entries - self._max_entries // self._cull_frequency
        for name in random.sample(files, len(files) - keep):  # nosec B311  (not a secret)
            self._delete(name)  # type: ignore[attr-defined]
