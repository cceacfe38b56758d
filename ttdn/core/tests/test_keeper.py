"""changes.Keeper: a result computed once serves again, by another thread at once too."""

from __future__ import annotations

import threading
import time

from django.core.cache import caches

from ttdn.core import changes


def test_threads_missing_the_same_result_compute_it_once(settings):
    settings.KEEP_READS = True
    settings.CACHES = {
        **settings.CACHES,
        "generations": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "k",
        },
    }
    caches["generations"].clear()
    keeper = changes.Keeper(["content_site"])
    calls, results = [], []

    def compute():
        calls.append(1)
        time.sleep(0.2)  # the other threads arrive meanwhile
        return "figures"

    threads = [
        threading.Thread(target=lambda: results.append(keeper.get("page", compute)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert (len(calls), results) == (1, ["figures"] * 4)
    changes.renew(["content_site"])
    assert keeper.get("page", compute) == "figures" and len(calls) == 2
