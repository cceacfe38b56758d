"""Test settings: the real settings, with fast hashing and a throw-away var/ directory."""

import os
import tempfile

os.environ.setdefault("TTDN_VAR_DIR", tempfile.mkdtemp(prefix="ttdn-test-"))
os.environ.setdefault("TTDN_SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-checks")
os.environ.setdefault("TTDN_EMAIL_URL", "locmem://")
# xdist's workers inherit TTDN_VAR_DIR from the first process: each gets its own page cache, which
# tests empty (ttdn/content/tests/conftest.py) while another worker's test may be using it.
os.environ["TTDN_PORTAL_CACHE_DIR"] = tempfile.mkdtemp(prefix="ttdn-test-portal-")
os.environ["TTDN_RATELIMIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="ttdn-test-ratelimit-")
os.environ["TTDN_GENERATIONS_CACHE_DIR"] = tempfile.mkdtemp(prefix="ttdn-test-generations-")
os.environ["TTDN_KEPT_CACHE_DIR"] = tempfile.mkdtemp(prefix="ttdn-test-kept-")

from ttdn.settings import *  # noqa: F403

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise looks for it)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests serve feeds and pages on 127.0.0.1 themselves: no waiting between requests to one host.
MONITORING_HOST_INTERVAL = 0.0
MONITORING_READ_TIMEOUT = 1.0
MONITORING_CONNECT_TIMEOUT = 1.0
# A second alias mirroring "default", for the read-replica router's tests (they turn the router on
# with DATABASE_ROUTERS and declare databases=["default", "replica"]); no router otherwise.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_ROUTERS = []
# Tests run in transactions that never commit, so no table's generation is ever renewed in them:
# "Việc cần làm" is computed afresh on every request (ttdn/core/tests/test_todo_cache.py turns
# the cache on with committed transactions).
CACHES["todo"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}  # noqa: F405
KEEP_READS = False
